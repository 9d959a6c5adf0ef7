//! Helpers shared by the integration tests: the repository root, the binary, the shipped
//! scenario files and the output files of a run. No assertions about behaviour live here.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The repository root (where Cargo.toml is); every path in the tests is relative to it.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `protracted` binary, run from the repository root so that relative paths in its
/// messages are stable.
pub fn bin() -> Command {
    let mut c = Command::cargo_bin("protracted").expect("the protracted binary is built");
    c.current_dir(root());
    c
}

/// Every `*.toml` under `dir` (relative to the root), recursively, sorted, as relative paths.
pub fn toml_files(dir: &str) -> Vec<PathBuf> {
    fn walk(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(root.join(rel)) else {
            return;
        };
        for e in entries.flatten() {
            let rel = rel.join(e.file_name());
            if root.join(&rel).is_dir() {
                walk(root, &rel, out);
            } else if rel.extension().is_some_and(|x| x == "toml") {
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    walk(root(), Path::new(dir), &mut out);
    out.sort();
    out
}

/// The shipped scenarios: every `*.toml` under `scenarios/`.
pub fn shipped_scenarios() -> Vec<PathBuf> {
    let files = toml_files("scenarios");
    assert!(!files.is_empty(), "no scenario files under scenarios/");
    files
}

/// Load a scenario through the library, from a path relative to the root.
pub fn load(rel: impl AsRef<Path>, set: &[&str]) -> protracted::Scenario {
    let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
    let path = root().join(rel.as_ref());
    match protracted::scenario::load(&path, &set) {
        Ok(sc) => sc,
        Err(e) => panic!("{} does not load:\n{e}", path.display()),
    }
}

/// The data files every `run` writes.
pub const RUN_FILES: [&str; 5] = ["summary.json", "timeseries.csv", "runs.csv", "events.csv", "manifest.json"];

/// The files of `dir` whose names start with '.' (left-over temporary files).
pub fn hidden_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.starts_with('.')).collect()
        })
        .unwrap_or_default()
}

/// Read a file of a run's output directory.
pub fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.join(name).display()))
}

/// Assert that `a` equals `b` within `tol` (absolute): the integration tests' one float
/// comparison (the crate denies comparing floats with `==`). `what` names the value.
#[track_caller]
pub fn assert_close(a: f64, b: f64, tol: f64, what: &str) {
    assert!((a - b).abs() <= tol, "{what}: {a} is not within {tol} of {b}");
}
