//! `report`: one scenario (as `run` would run it) or several (as `compare` would), written as
//! one self-contained HTML file ([`crate::report`]) instead of data files and PNGs.
//!
//! The ensembles are the same as `run`'s and `compare`'s: the same options resolved by
//! [`super::run::options`], the same simulation and summary ([`crate::report::run::compute`]),
//! the same comparison and charts. The file is written atomically.

use super::{EnsembleArgs, Failure, Format, run};
use crate::analysis::compare::{Results, check_comparable, compare as build};
use crate::analysis::ensemble::PerRun;
use crate::export::atomic::write_atomic;
use crate::report::{self, Member, Report, params};
use crate::scenario::Scenario;
use anyhow::Context;
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// `report` arguments.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Scenario files (TOML): one for a run's report, several for a comparison (the first is
    /// the reference).
    #[arg(required = true, num_args = 1.., value_name = "SCENARIO")]
    pub scenarios: Vec<PathBuf>,
    /// The HTML file to write (default: plots/STEM/report.html for one scenario,
    /// plots/compare-STEMS/report.html for several).
    #[arg(long, value_name = "FILE.html")]
    pub out: Option<PathBuf>,
    /// Number of Monte Carlo runs, 1 to 100000000 (default: the (first) scenario's `runs`).
    #[arg(long, value_name = "N", value_parser = super::run_args::runs_value, allow_negative_numbers = true)]
    pub runs: Option<i64>,
    /// Master seed, 0 to 9223372036854775807 (default: the (first) scenario's `seed`).
    #[arg(long, value_name = "S", value_parser = super::run_args::seed_value, allow_negative_numbers = true)]
    pub seed: Option<i64>,
    /// Horizon in steps (months for the war model), 1 to 1200 (default: the (first) scenario's).
    #[arg(long, value_name = "M", value_parser = super::run_args::months_value, allow_negative_numbers = true)]
    pub months: Option<i64>,
    /// Worker threads, 1 to 1024 (default: one per core; more than 4 per core are capped).
    /// Results do not depend on it.
    #[arg(long, value_name = "T", value_parser = super::run_args::threads_value, allow_negative_numbers = true)]
    pub threads: Option<usize>,
    /// Override a scenario value by its dotted path (applied to every scenario); repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

impl ReportArgs {
    fn ensemble(&self) -> EnsembleArgs {
        EnsembleArgs {
            runs: self.runs,
            seed: self.seed,
            months: self.months,
            threads: self.threads,
            set: self.set.clone(),
            quiet: self.quiet,
            format: Format::Text,
        }
    }
}

/// Default output file.
pub fn default_out(files: &[PathBuf]) -> PathBuf {
    match files {
        [one] => run::default_out(one).join("report.html"),
        many => super::compare::default_out(many).join("report.html"),
    }
}

/// The command line as typed, quoted where a shell would need it.
pub fn command_line() -> String {
    let args: Vec<String> = std::env::args().collect();
    let mut out: Vec<String> = Vec::with_capacity(args.len());
    for (i, a) in args.iter().enumerate() {
        let a = if i == 0 {
            Path::new(a).file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| a.clone())
        } else {
            a.clone()
        };
        let plain = !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,@+%".contains(c));
        out.push(if plain { a } else { format!("'{}'", a.replace('\'', r"'\''")) });
    }
    out.join(" ")
}

/// `report`.
pub fn report(a: &ReportArgs) -> Result<(), Failure> {
    // The flags are checked with each scenario, like the keys they set.
    let flags = a.ensemble().flags();
    let started = Instant::now();
    let mut loaded: Vec<(Scenario, crate::scenario::source::Merged)> = Vec::with_capacity(a.scenarios.len());
    loaded.push(crate::scenario::load_sources_with(&a.scenarios[0], &a.set, &flags)?);
    // As in `compare`, the later scenarios run with the reference's horizon: their events are
    // checked against it like their own.
    let mut later = flags.clone();
    if later.months.is_none() {
        let r = &loaded[0].0;
        later.months = Some(r.steps as i64);
        later.months_from = Some(format!("the horizon of the reference {} ({} steps)", r.file.display(), r.steps));
    }
    for p in &a.scenarios[1..] {
        loaded.push(crate::scenario::load_sources_with(p, &a.set, &later)?);
    }
    if !a.quiet {
        for w in loaded.iter().flat_map(|(sc, _)| &sc.warnings) {
            super::output::note(&format!("warning: {w}"));
        }
    }
    let scenarios: Vec<&Scenario> = loaded.iter().map(|(sc, _)| sc).collect();
    if scenarios.len() > 1 {
        check_comparable(&scenarios).map_err(|e| Failure::Input(e.to_string()))?;
    }
    let opts = run::options(scenarios[0], &a.ensemble())?;
    let out = a.out.clone().unwrap_or_else(|| default_out(&a.scenarios));
    // --out problems are bad input, found before the ensembles run.
    crate::export::outdir::prepare_file(&out)?;
    let mut diffs = Vec::with_capacity(loaded.len());
    let mut rows = Vec::with_capacity(loaded.len());
    for (sc, merged) in &loaded {
        diffs.push(params::diff_against_parent(merged, sc)?);
        rows.push(params::non_defaults(merged, sc));
    }
    let mut computed = Vec::with_capacity(loaded.len());
    // Several scenarios are compared run by run; one keeps nothing per run.
    let per_run = if scenarios.len() > 1 { PerRun::TippingMonths } else { PerRun::Nothing };
    for sc in &scenarios {
        let pb = run::progress_bar(opts.runs, a.quiet, &sc.name);
        let mut progress = |done: usize| {
            if let Some(pb) = &pb {
                pb.set_position(done as u64);
            }
        };
        computed.push(report::run::compute(sc, opts, per_run, &mut progress));
        if let Some(pb) = pb {
            pb.finish_and_clear();
        }
    }
    let results: Vec<Results<'_>> = scenarios
        .iter()
        .zip(&computed)
        .map(|(sc, c)| Results { scenario: sc, ensemble: &c.ensemble, summary: &c.summary })
        .collect();
    let comparison =
        if results.len() > 1 { Some(build(&results).map_err(|e| Failure::Input(e.to_string()))?) } else { None };
    let members: Vec<Member<'_>> = results
        .iter()
        .zip(&computed)
        .zip(diffs.iter().zip(&rows))
        .map(|((r, c), (d, p))| Member { results: *r, tally: &c.tally, diff: d.as_ref(), params: p })
        .collect();
    let html = report::render(&Report { members, comparison: comparison.as_ref(), command: command_line() })
        .context("drawing the report's charts")?;
    write_atomic(&out, html.as_bytes()).with_context(|| format!("cannot write {}", out.display()))?;
    super::output::print(&format!(
        "Wrote {} ({:.1} s, {} KB).\n",
        out.display(),
        started.elapsed().as_secs_f64(),
        html.len() / 1024
    ))
}
