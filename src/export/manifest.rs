//! `manifest.json`: how an output directory was made — tool version, scenario file and hash,
//! overrides, seed, runs, horizon, threads and wall time.
//!
//! It is kept apart from `summary.json` because it records what varies between identical runs
//! (threads, wall time). Building the record from a run's facts and writing its bytes are
//! here; timing the run and writing the file are the caller's.

use crate::analysis::ensemble::Options;
use crate::scenario::Scenario;
use serde::Serialize;

/// The record of `manifest.json`. Its fields are written in the order declared here
/// (alphabetical, as in every release so far).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Manifest {
    /// Scenario file as given.
    pub file: String,
    /// Horizon in steps (months for the war model).
    pub months: usize,
    /// The `--set` overrides, as given.
    pub overrides: Vec<String>,
    /// Number of runs.
    pub runs: usize,
    /// Scenario name.
    pub scenario: String,
    /// SHA-256 of the scenario files' texts and the overrides (hex).
    pub scenario_sha256: String,
    /// Master seed.
    pub seed: u64,
    /// Worker threads used.
    pub threads: usize,
    /// Always `protracted`.
    pub tool: &'static str,
    /// Tool version.
    pub version: &'static str,
    /// Wall time of the ensemble and its data files, seconds (to the millisecond).
    pub wall_seconds: f64,
}

impl Manifest {
    /// The manifest of scenario `sc` run with `options` (threads as resolved) in
    /// `wall_seconds` seconds.
    pub fn new(sc: &Scenario, options: &Options, wall_seconds: f64) -> Manifest {
        Manifest {
            file: sc.file.display().to_string(),
            months: options.steps,
            overrides: sc.overrides.clone(),
            runs: options.runs,
            scenario: sc.name.clone(),
            scenario_sha256: sc.source_hash.clone(),
            seed: options.seed,
            threads: options.threads,
            tool: "protracted",
            version: env!("CARGO_PKG_VERSION"),
            wall_seconds: (wall_seconds * 1000.0).round() / 1000.0,
        }
    }
}

/// `manifest.json`, pretty-printed, with a final newline.
pub fn manifest_json(m: &Manifest) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(m).unwrap_or_default();
    v.push(b'\n');
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys are written in alphabetical order, as `manifest.json` always had them.
    #[test]
    fn keys_are_alphabetical() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml");
        let sc = crate::scenario::load(&path, &["scenario.runs=10".into()]).expect("baseline loads");
        let opts = Options { runs: 10, seed: 3, steps: 12, threads: 2 };
        let text = String::from_utf8(manifest_json(&Manifest::new(&sc, &opts, 1.23456))).expect("utf-8");
        let keys: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("\":"))
            .filter_map(|l| l.trim_start().strip_prefix('"')?.split('"').next())
            .collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(keys, sorted, "{text}");
        assert!(text.contains("\"wall_seconds\": 1.235\n"), "{text}");
        assert!(text.contains("\"overrides\": [\n    \"scenario.runs=10\"\n  ]"), "{text}");
    }
}
