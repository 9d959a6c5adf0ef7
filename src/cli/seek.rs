//! `seek`: the smallest lever value that meets a target (bisection on common random numbers),
//! the frontier of two levers, or the earliest month a fixed scenario meets a target; a table
//! on stdout, `seek.json`, `seek.csv`, `manifest.json` and a chart under `--out`, which is
//! replaced whole at the end ([`crate::export::outdir`]).

use super::run::{options, progress_bar};
use super::sweep::{default_out, write_manifest};
use super::{EnsembleArgs, Failure, Format, output};
use crate::explore::experiment::{Experiment, RunOutcome};
use crate::explore::lever::{self, Lever};
use crate::explore::seek::{Crossing, Found, Target, earliest_month, parse_target, seek as bisect};
use crate::export::outdir::Staging;
use crate::export::{atomic::write_atomic, fmt_val};
use crate::plot::explore::{self as charts, ExploreFigure, XAxis};
use crate::plot::seek::SeekChart;
use crate::scenario::Scenario;
use crate::sim::Options;
use anyhow::Context;
use clap::Args;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Bisection steps after the coarse grid.
pub const BISECTIONS: usize = 7;

/// `seek` arguments.
#[derive(Debug, Clone, Args)]
pub struct SeekArgs {
    /// Scenario file (TOML), or a shipped scenario by name (`baseline`, `classic/lanchester-square`).
    pub scenario: PathBuf,
    /// The lever and its range, PATH=A..B (9 coarse points) or PATH=A..B:N; the smallest value
    /// is sought in the range's direction. Give it twice for the frontier of two levers.
    #[arg(long = "lever", value_name = "PATH=RANGE")]
    pub levers: Vec<String>,
    /// The target, "SIDE tips by MONTH in P%" (MONTH may be M with --minimise M).
    #[arg(long, value_name = "TARGET")]
    pub target: String,
    /// Seek the earliest month M at which the fixed scenario meets the target.
    #[arg(long, value_name = "M")]
    pub minimise: Option<String>,
    /// Output directory (default: plots/seek-NAME/).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Ensemble options: runs per evaluated value, seed, horizon, threads, --set.
    #[command(flatten)]
    pub ensemble: EnsembleArgs,
    /// Write the data files and the table only, no chart.
    #[arg(long)]
    pub no_charts: bool,
}

/// A range without a count gets `default` coarse points.
fn with_count(arg: &str, default: usize) -> String {
    match arg.split_once('=') {
        Some((p, spec)) if spec.contains("..") && !spec.contains(':') => format!("{p}={spec}:{default}"),
        _ => arg.to_string(),
    }
}

/// Runs of the scenario with `fixed` lever values and `lever` at each of `values`.
#[allow(clippy::too_many_arguments)]
fn evaluate(
    file: &Path,
    ens: &EnsembleArgs,
    fixed: &[(&Lever, f64)],
    lever: &Lever,
    values: &[f64],
    opts: &Options,
    done: &mut usize,
    pb: &Option<indicatif::ProgressBar>,
) -> Result<Vec<Vec<RunOutcome>>, Failure> {
    let scenarios = values
        .iter()
        .map(|&v| {
            let mut with = fixed.to_vec();
            with.push((lever, v));
            lever::load_variant_with(file, &ens.set, &ens.flags(), &with)
        })
        .collect::<Result<Vec<Scenario>, _>>()?;
    let exp = Experiment::new(&scenarios, opts.seed, opts.steps, opts.threads);
    let start = *done;
    let out = exp.runs(opts.runs, &mut |d| {
        if let Some(pb) = pb {
            pb.set_position((start + d) as u64);
        }
    });
    *done += values.len() * opts.runs;
    Ok(out)
}

fn json_bytes(v: &serde_json::Value) -> Vec<u8> {
    let mut b = serde_json::to_vec_pretty(v).unwrap_or_default();
    b.push(b'\n');
    b
}

/// `seek`.
pub fn seek(a: &SeekArgs) -> Result<(), Failure> {
    let sc = super::run::load(&a.scenario, &a.ensemble, &a.ensemble.flags())?;
    let opts = options(&sc, &a.ensemble)?;
    let target = parse_target(&a.target, &sc.sides).map_err(|m| Failure::Input(format!("--target: {m}")))?;
    let out_dir = a.out.clone().unwrap_or_else(|| default_out("seek", &a.scenario));
    // Everything is written into a staging directory beside --out, swapped in at the end.
    let staging = Staging::begin(&out_dir)?;
    let out = staging.path().to_path_buf();
    let started = Instant::now();
    let side = &sc.sides[target.side];
    let pct = |x: f64| format!("{:.0}%", 100.0 * x);
    let mut text = String::new();
    let (record, csv, fig) = match (&a.minimise, target.month) {
        (Some(m), None) if m == "M" => {
            if !a.levers.is_empty() {
                return Err(Failure::Input(
                    "--minimise M seeks the month for the scenario as it is: give no --lever".into(),
                ));
            }
            let variants = [sc.clone()];
            let exp = Experiment::new(&variants, opts.seed, opts.steps, opts.threads);
            let pb = progress_bar(opts.runs, a.ensemble.quiet, &format!("seek {}", sc.name));
            let runs = exp.runs(opts.runs, &mut |d| {
                if let Some(pb) = &pb {
                    pb.set_position(d as u64);
                }
            });
            if let Some(pb) = pb {
                pb.finish_and_clear();
            }
            let Some(c) = earliest_month(&runs[0], target.side, target.share, opts.steps, opts.seed) else {
                return Err(Failure::Input(format!(
                    "--target {}: {} does not tip in {} of the runs within the {}-month horizon",
                    a.target,
                    side.name,
                    pct(target.share),
                    opts.steps
                )));
            };
            let _ = writeln!(
                text,
                "Earliest month by which {} has judged time not on its side in {} of the runs: month {:.0} (90% bootstrap interval {:.0}–{:.0}; {} runs, seed {})",
                side.label,
                pct(target.share),
                c.value,
                c.lo,
                c.hi,
                opts.runs,
                opts.seed
            );
            let rec = serde_json::json!({"scenario": sc.name, "target": a.target, "minimise": "M", "month": c, "runs": opts.runs, "seed": opts.seed});
            let csv = format!("month,lo,hi\n{},{},{}\n", fmt_val(c.value), fmt_val(c.lo), fmt_val(c.hi)).into_bytes();
            (rec, csv, None)
        }
        (Some(m), _) => {
            return Err(Failure::Input(format!(
                "--minimise {m}: give --minimise M with a target written \"SIDE tips by M in P%\""
            )));
        }
        (None, None) => {
            return Err(Failure::Input("--target: the month is M: add --minimise M, or give a month".into()));
        }
        (None, Some(month)) => {
            if a.levers.is_empty() || a.levers.len() > 2 {
                return Err(Failure::Input(
                    "--lever: give one lever (or two for a frontier), e.g. --lever paths.sanctions_intensity=0..1"
                        .into(),
                ));
            }
            if month > opts.steps {
                return Err(Failure::Input(format!(
                    "--target: month {month} is beyond the {}-month horizon",
                    opts.steps
                )));
            }
            let coarse = if a.levers.len() == 1 { 9 } else { 7 };
            let levers: Vec<Lever> = a
                .levers
                .iter()
                .enumerate()
                .map(|(i, l)| lever::parse("--lever", &with_count(l, if i == 0 { coarse } else { 9 }), &sc))
                .collect::<Result<_, _>>()?;
            let evals = if levers.len() == 1 { 9 + BISECTIONS } else { levers[0].values.len() * (9 + 5) };
            let pb = progress_bar(evals * opts.runs, a.ensemble.quiet, &format!("seek {}", sc.name));
            let mut done = 0;
            let caption = vec![
                format!(
                    "{} · {} runs per value on common random numbers · seed {} · {} months · protracted {}",
                    sc.name,
                    style_thousands(opts.runs),
                    opts.seed,
                    opts.steps,
                    env!("CARGO_PKG_VERSION")
                ),
                format!(
                    "Target: {} has judged that time is not on its side by month {month} in at least {} of all runs.",
                    side.label,
                    pct(target.share)
                ),
            ];
            let l0 = &levers[0];
            let x = XAxis::over(&l0.values, 11, format!("{} ({})", l0.path, l0.unit), &|v| l0.label(v));
            if levers.len() == 1 {
                let found = run_one(a, &opts, &[], l0, &target, BISECTIONS, &mut done, &pb)?;
                finish(pb);
                write_found(&mut text, l0, &found, &a.target);
                let rec = serde_json::json!({"scenario": sc.name, "target": a.target, "lever": l0.path, "mode": format!("{:?}", l0.mode).to_lowercase(), "found": found, "runs": opts.runs, "seed": opts.seed});
                let mut csv = String::from("value,share,se\n");
                for e in &found.evaluated {
                    let _ = writeln!(csv, "{},{},{}", fmt_val(e.value), fmt_val(e.share), fmt_val(e.se));
                }
                let title =
                    format!("What it takes: {} tips by month {month} in {} of runs", side.label, pct(target.share));
                let fig = SeekChart::response(
                    title,
                    caption,
                    x,
                    target.side,
                    found.evaluated.clone(),
                    target.share,
                    found.value,
                    format!(
                        "{} (90%: {} to {})",
                        l0.label(found.value.value),
                        l0.label(found.value.lo),
                        l0.label(found.value.hi)
                    ),
                );
                (rec, csv.into_bytes(), Some(fig))
            } else {
                let l1 = &levers[1];
                let mut frontier: Vec<(f64, Option<Crossing>)> = Vec::new();
                for &v in &l0.values {
                    let r = run_one(a, &opts, &[(l0, v)], l1, &target, 5, &mut done, &pb);
                    match r {
                        Ok(f) => frontier.push((v, Some(f.value))),
                        Err(Failure::Input(m)) if m.contains("no value in the range") => frontier.push((v, None)),
                        Err(e) => return Err(e),
                    }
                }
                finish(pb);
                let _ = writeln!(
                    text,
                    "Frontier for \"{}\": for each {}, the smallest {} that meets it",
                    a.target, l0.path, l1.path
                );
                let mut csv = format!("{},{},lo,hi\n", l0.path, l1.path);
                for (v, c) in &frontier {
                    match c {
                        Some(c) => {
                            let _ = writeln!(
                                text,
                                "  {:>10}  →  {} (90% interval {} to {})",
                                l0.label(*v),
                                l1.label(c.value),
                                l1.label(c.lo),
                                l1.label(c.hi)
                            );
                            let _ = writeln!(
                                csv,
                                "{},{},{},{}",
                                fmt_val(*v),
                                fmt_val(c.value),
                                fmt_val(c.lo),
                                fmt_val(c.hi)
                            );
                        }
                        None => {
                            let _ = writeln!(text, "  {:>10}  →  not met in the range", l0.label(*v));
                            let _ = writeln!(csv, "{},,,", fmt_val(*v));
                        }
                    }
                }
                let rec = serde_json::json!({"scenario": sc.name, "target": a.target, "levers": [l0.path, l1.path], "frontier": frontier.iter().map(|(v, c)| serde_json::json!({"first": v, "second": c})).collect::<Vec<_>>(), "runs": opts.runs, "seed": opts.seed});
                let pts: Vec<(f64, Crossing)> = frontier.iter().filter_map(|(v, c)| c.map(|c| (*v, c))).collect();
                let title =
                    format!("The frontier: {} tips by month {month} in {} of runs", side.label, pct(target.share));
                let missed: Vec<String> =
                    frontier.iter().filter(|(_, c)| c.is_none()).map(|(v, _)| l0.label(*v)).collect();
                let mut caption = caption;
                if !missed.is_empty() {
                    caption.push(format!(
                        "No value of {} within its range meets the target at {} = {} (no point drawn there).",
                        l1.path,
                        l0.path,
                        missed.join(", ")
                    ));
                }
                let fig = (!pts.is_empty()).then(|| {
                    SeekChart::frontier(title, caption, x, target.side, pts, format!("{} ({})", l1.path, l1.unit))
                });
                (rec, csv.into_bytes(), fig)
            }
        }
    };
    let written = || -> Result<f64, Failure> {
        write_atomic(&out.join("seek.json"), &json_bytes(&record))
            .with_context(|| format!("cannot write into {}", out.display()))?;
        write_atomic(&out.join("seek.csv"), &csv)?;
        let seconds = started.elapsed().as_secs_f64();
        write_manifest(
            &out,
            &sc,
            serde_json::json!({"command": "seek", "target": a.target, "levers": a.levers, "seed": opts.seed, "runs_per_value": opts.runs, "months": opts.steps, "wall_seconds": (seconds * 1000.0).round() / 1000.0}),
        )?;
        if let (Some(fig), false) = (fig, a.no_charts) {
            charts::write(&[ExploreFigure::Seek(fig)], &out).context("chart")?;
        }
        Ok(seconds)
    };
    let seconds = written().map_err(|e| super::run::named_for_user(e, &staging))?;
    staging.commit().with_context(|| format!("cannot put the results in place in {}", out_dir.display()))?;
    match a.ensemble.format {
        Format::Json => output::print(&String::from_utf8_lossy(&json_bytes(&record))),
        Format::Text => output::print(&format!("{text}\nWrote {} ({:.1} s).\n", out_dir.display(), seconds)),
    }
}

fn style_thousands(n: usize) -> String {
    crate::plot::style::thousands(n as f64, 0)
}

fn finish(pb: Option<indicatif::ProgressBar>) {
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
}

#[allow(clippy::too_many_arguments)]
fn run_one(
    a: &SeekArgs,
    opts: &Options,
    fixed: &[(&Lever, f64)],
    l: &Lever,
    target: &Target,
    bisections: usize,
    done: &mut usize,
    pb: &Option<indicatif::ProgressBar>,
) -> Result<Found, Failure> {
    let mut eval = |vs: &[f64]| evaluate(&a.scenario, &a.ensemble, fixed, l, vs, opts, done, pb);
    bisect(&l.values, target, bisections, opts.seed, &mut eval)?.map_err(|m| Failure::Input(format!("{}: {m}", l.arg)))
}

fn write_found(o: &mut String, l: &Lever, f: &Found, target: &str) {
    let v = &f.value;
    if f.met_at_start {
        let _ = writeln!(o, "\"{target}\" is met already at the start of the range, {}.", l.label(v.value));
    } else {
        let _ = writeln!(
            o,
            "\"{target}\" is first met at {} = {} (90% bootstrap interval {} to {}).",
            l.path,
            l.label(v.value),
            l.label(v.lo),
            l.label(v.hi)
        );
    }
    if !f.monotone || f.crossings.len() > 1 {
        let c: Vec<String> = f.crossings.iter().map(|&x| l.label(x)).collect();
        let _ = writeln!(
            o,
            "warning: the response is not monotone over the range; it crosses the target at: {}",
            c.join(", ")
        );
    } else {
        let _ = writeln!(o, "The response is monotone over the range (within 2 standard errors).");
    }
    let _ = writeln!(o, "  {:>10}{:>10}{:>8}", "value", "share", "± se");
    for e in &f.evaluated {
        let _ = writeln!(o, "  {:>10}{:>9.1}%{:>7.1}%", l.label(e.value), 100.0 * e.share, 100.0 * e.se);
    }
}
