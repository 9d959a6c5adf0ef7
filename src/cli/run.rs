//! `run`: one scenario as an ensemble; the summary on stdout, data files under `--out`,
//! which is replaced whole at the end ([`crate::export::outdir`]).

use super::{EnsembleArgs, Failure, Format, RunArgs, output, table};
use crate::analysis::ensemble::PerRun;
use crate::analysis::series::Aggregate;
use crate::analysis::summary::{Summary, summarize};
use crate::export::manifest::Manifest;
use crate::export::outdir::Staging;
use crate::export::{self, atomic::AtomicFile, atomic::write_atomic};
use crate::scenario::Scenario;
use crate::sim::{self, Ensemble, Options};
use anyhow::Context;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Resolve ensemble options from the scenario (loaded with the flags that set its values:
/// [`EnsembleArgs::flags`]) and `--threads`, capped at [`super::run_args::THREADS_PER_CORE`] per core.
pub fn options(sc: &Scenario, a: &EnsembleArgs) -> Result<Options, Failure> {
    let threads = super::run_args::capped_threads(a.threads, a.quiet);
    // The flags were applied and checked when the scenario was loaded ([`load`]).
    debug_assert!(a.runs.is_none_or(|r| r as usize == sc.runs), "load the scenario with EnsembleArgs::flags");
    debug_assert!(a.months.is_none_or(|m| m as usize == sc.steps), "load the scenario with EnsembleArgs::flags");
    Ok(Options { runs: sc.runs, seed: sc.seed, steps: sc.steps, threads })
}

/// Load a scenario with the flags that set its values; its warnings go to stderr (unless
/// `--quiet`).
pub fn load(path: &Path, a: &EnsembleArgs, flags: &crate::scenario::Flags) -> Result<Scenario, Failure> {
    let sc = crate::scenario::load_with(path, &a.set, flags)?;
    if !a.quiet {
        for w in &sc.warnings {
            super::output::note(&format!("warning: {w}"));
        }
    }
    Ok(sc)
}

/// An error from writing into a staging directory, with the output directory's path in place
/// of the staging directory's (the file is named as the user will look for it).
pub fn named_for_user(e: Failure, staging: &Staging) -> Failure {
    match e {
        Failure::Other(err) => {
            let from = staging.path().display().to_string();
            let to = staging.target().display().to_string();
            Failure::Other(anyhow::anyhow!("{}", format!("{err:#}").replace(&from, &to)))
        }
        other => other,
    }
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
/// `manifest.json` into `out`, each atomically. The ensemble keeps run by run what `per_run`
/// says (`run` keeps nothing: its memory does not grow with the number of runs).
pub fn run_to_dir(sc: &Scenario, opts: Options, per_run: PerRun, out: &Path, quiet: bool) -> Result<Outcome, Failure> {
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
    let ensemble = sim::ensemble_of(sc, opts, Aggregate::Every, per_run, &mut progress, &mut sink)
        .context("writing runs.csv or events.csv")?;
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

/// `run`: everything is written into a staging directory beside `--out` and swapped in at
/// the end, so `--out` holds the previous result or the new one, never a mix.
pub fn run(a: &RunArgs) -> Result<(), Failure> {
    let sc = load(&a.scenario, &a.options.ensemble, &a.options.ensemble.flags())?;
    let opts = options(&sc, &a.options.ensemble)?;
    check_stories(&sc, &a.story)?;
    let out = a.options.out.clone().unwrap_or_else(|| default_out(&a.scenario));
    let staging = Staging::begin(&out)?;
    let mut stories = String::new();
    let written = run_to_dir(&sc, opts, PerRun::Nothing, staging.path(), a.options.ensemble.quiet).and_then(|done| {
        let charts = if a.options.no_charts { None } else { Some(write_charts(&sc, &done, staging.path())?) };
        for &n in &a.story {
            stories += &write_story(&sc, opts, n as usize, staging.path())?;
        }
        Ok((done, charts))
    });
    let (done, charts) = written.map_err(|e| named_for_user(e, &staging))?;
    staging.commit().with_context(|| format!("cannot put the results in place in {}", out.display()))?;
    match a.options.ensemble.format {
        Format::Json => output::print(&String::from_utf8_lossy(&export::summary_json(&done.summary)))?,
        Format::Text => {
            let mut text = table::summary_text(&sc, &done.summary);
            match charts {
                None => text += &format!("\nWrote {} ({:.1} s).\n", out.display(), done.seconds),
                Some(t) => text += &format!("\nWrote {} ({:.1} s; charts {:.1} s).\n", out.display(), done.seconds, t),
            }
            text += &stories;
            if !a.options.ensemble.quiet {
                text += &table::teaching_text(&sc);
            }
            output::print(&text)?;
        }
    }
    Ok(())
}

/// `--story N` must name a run of the ensemble, of a model with a judgment (bad input otherwise).
fn check_stories(sc: &Scenario, story: &[u64]) -> Result<(), Failure> {
    if story.is_empty() {
        return Ok(());
    }
    if sc.model != crate::scenario::ModelKind::War {
        return Err(Failure::Input(format!(
            "--story: {} is a classic battle, which has no judgment to tell; --story is for the war model",
            sc.file.display()
        )));
    }
    if let Some(n) = story.iter().find(|&&n| n >= sc.runs as u64) {
        return Err(Failure::Input(format!(
            "--story {n}: the ensemble has {} runs, numbered 0 to {}",
            sc.runs,
            sc.runs - 1
        )));
    }
    Ok(())
}

/// Re-simulate run `n` (identical to the ensemble's: a run depends on the seed and its index
/// only), write `story-N.png` and `.svg` into `dir`, and return its story as text.
fn write_story(sc: &Scenario, opts: Options, n: usize, dir: &Path) -> Result<String, Failure> {
    let plan = sim::Plan::with(sc, opts.seed, opts.steps);
    let t = plan.run(n);
    let Some(story) = crate::plot::story::Story::build(sc, opts.seed, opts.steps, &plan.columns, &t) else {
        return Ok(String::new());
    };
    crate::plot::write_figures(&[story], dir).context("story chart")?;
    let mut text = format!("\nThe story of run {n} (story-{n}.png, story-{n}.svg):\n");
    for e in &t.log {
        let side = e.side.map_or("", |s| sc.sides[usize::from(s)].label.as_str());
        text += &format!("  m{:<4} {side:<10} {}\n", e.month, e.detail);
    }
    text += &format!("  {}\n", crate::report::words::run_ending(sc, t.outcome, t.end_step, opts.steps));
    Ok(text)
}
