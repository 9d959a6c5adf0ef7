//! `run`: one scenario as an ensemble; the summary on stdout, data files under `--out`.

use super::{EnsembleArgs, Failure, Format, RunArgs, table};
use crate::analysis::summary::{Summary, summarize};
use crate::export::manifest::Manifest;
use crate::export::{self, atomic::AtomicFile, atomic::write_atomic};
use crate::scenario::Scenario;
use crate::sim::{self, Ensemble, Options};
use anyhow::Context;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Resolve ensemble options from the scenario and the flags.
pub fn options(sc: &Scenario, a: &EnsembleArgs) -> Result<Options, Failure> {
    let runs = a.runs.unwrap_or(sc.runs);
    if runs == 0 {
        return Err(Failure::Input("--runs: 0 is out of range: must be ≥ 1".into()));
    }
    let steps = a.months.unwrap_or(sc.steps);
    if !(1..=1200).contains(&steps) {
        return Err(Failure::Input(format!("--months: {steps} is out of range: must be between 1 and 1200")));
    }
    if a.threads == Some(0) {
        return Err(Failure::Input("--threads: 0 is out of range: must be ≥ 1".into()));
    }
    Ok(Options { runs, seed: a.seed.unwrap_or(sc.seed), steps, threads: a.threads.unwrap_or(0) })
}

/// Default output directory: `plots/<file stem>/`.
pub fn default_out(scenario: &Path) -> PathBuf {
    let stem = scenario.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "run".into());
    PathBuf::from("plots").join(stem)
}

/// A progress bar on stderr when it is a terminal and not `--quiet`.
pub fn progress_bar(total: usize, quiet: bool, label: &str) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() || total < sim::ensemble::BATCH {
        return None;
    }
    let pb = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} runs ({eta} left)") {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.set_message(label.to_string());
    Some(pb)
}

/// What one ensemble produced.
pub struct Outcome {
    /// The ensemble.
    pub ensemble: Ensemble,
    /// Its summary.
    pub summary: Summary,
    /// Wall time, seconds.
    pub seconds: f64,
}

/// Run an ensemble and write `summary.json`, `timeseries.csv`, `runs.csv`, `events.csv` and
/// `manifest.json` into `out`, each atomically.
pub fn run_to_dir(sc: &Scenario, opts: Options, out: &Path, quiet: bool) -> Result<Outcome, Failure> {
    let started = Instant::now();
    let mut runs_csv = csv::Writer::from_writer(
        AtomicFile::create(&out.join("runs.csv")).with_context(|| format!("cannot write into {}", out.display()))?,
    );
    let mut events_csv = csv::Writer::from_writer(AtomicFile::create(&out.join("events.csv"))?);
    runs_csv.write_record(export::runs_header(sc)).context("runs.csv")?;
    events_csv.write_record(export::EVENTS_HEADER).context("events.csv")?;
    let pb = progress_bar(opts.runs, quiet, &sc.name);
    let mut progress = |done: usize| {
        if let Some(pb) = &pb {
            pb.set_position(done as u64);
        }
    };
    let mut rows = export::RowWriter::default();
    let mut sink = |t: &sim::RunView<'_>| -> Result<(), csv::Error> {
        rows.runs_row(&mut runs_csv, sc, t)?;
        rows.event_rows(&mut events_csv, sc, t)
    };
    let ensemble = sim::ensemble(sc, opts, &mut progress, &mut sink).context("writing runs.csv or events.csv")?;
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    let summary = summarize(sc, &ensemble);
    write_atomic(&out.join("summary.json"), &export::summary_json(&summary))?;
    write_atomic(&out.join("timeseries.csv"), &export::timeseries_csv(sc, &ensemble.columns, &ensemble.series))?;
    runs_csv.into_inner().map_err(|e| anyhow::anyhow!("runs.csv: {e}"))?.commit()?;
    events_csv.into_inner().map_err(|e| anyhow::anyhow!("events.csv: {e}"))?.commit()?;
    let seconds = started.elapsed().as_secs_f64();
    let manifest = Manifest::new(sc, &ensemble.options, seconds);
    write_atomic(&out.join("manifest.json"), &export::manifest::manifest_json(&manifest))?;
    Ok(Outcome { ensemble, summary, seconds })
}

/// Render the run's charts (PNG and SVG) into `out`; returns the seconds it took.
pub fn write_charts(sc: &Scenario, done: &Outcome, out: &Path) -> Result<f64, Failure> {
    let started = Instant::now();
    let results = crate::plot::Results { scenario: sc, ensemble: &done.ensemble, summary: &done.summary };
    crate::plot::write_run_charts(results, out).context("charts")?;
    Ok(started.elapsed().as_secs_f64())
}

/// `run`.
pub fn run(a: &RunArgs) -> Result<(), Failure> {
    let sc = crate::scenario::load(&a.scenario, &a.options.ensemble.set)?;
    let opts = options(&sc, &a.options.ensemble)?;
    let out = a.options.out.clone().unwrap_or_else(|| default_out(&a.scenario));
    let done = run_to_dir(&sc, opts, &out, a.options.ensemble.quiet)?;
    let charts = if a.options.no_charts { None } else { Some(write_charts(&sc, &done, &out)?) };
    match a.options.ensemble.format {
        Format::Json => print!("{}", String::from_utf8_lossy(&export::summary_json(&done.summary))),
        Format::Text => {
            print!("{}", table::summary_text(&sc, &done.summary));
            match charts {
                None => println!("\nWrote {} ({:.1} s).", out.display(), done.seconds),
                Some(t) => println!("\nWrote {} ({:.1} s; charts {:.1} s).", out.display(), done.seconds, t),
            }
            if !a.options.ensemble.quiet {
                print!("{}", table::teaching_text(&sc));
            }
        }
    }
    Ok(())
}
