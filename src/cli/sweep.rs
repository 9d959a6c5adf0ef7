//! `sweep`: one or two levers over a grid on common random numbers; a table on stdout,
//! `sweep.csv`, `sweep.json`, `manifest.json` and the charts under `--out`, which is replaced
//! whole at the end ([`crate::export::outdir`]).

use super::run::{options, progress_bar};
use super::{EnsembleArgs, Failure, Format, output};
use crate::explore::experiment::Experiment;
use crate::explore::lever::{self, Lever, LeverError};
use crate::explore::sweep::{Sweep, grid};
use crate::export::atomic::write_atomic;
use crate::export::outdir::Staging;
use crate::plot::explore::{self as charts, ExploreFigure};
use crate::scenario::Scenario;
use anyhow::Context;
use clap::Args;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// `sweep` arguments.
#[derive(Debug, Clone, Args)]
pub struct SweepArgs {
    /// Scenario file (TOML), or a shipped scenario by name (`baseline`, `classic/lanchester-square`).
    pub scenario: PathBuf,
    /// A lever and its values, PATH=VALUES; give it once or twice (a 2-D grid).
    #[arg(long = "vary", value_name = "PATH=VALUES", required = true, num_args = 1)]
    pub vary: Vec<String>,
    /// Month T of the heatmaps' P(tip by T) with two levers: 1 to the horizon.
    #[arg(long, value_name = "T", default_value_t = 24, value_parser = super::run_args::month_value, allow_negative_numbers = true)]
    pub month: usize,
    /// Output directory (default: plots/sweep-NAME/, NAME being the scenario file's stem).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Ensemble options: runs per grid point, seed, horizon, threads, --set.
    #[command(flatten)]
    pub ensemble: EnsembleArgs,
    /// Write the data files and the table only, no charts.
    #[arg(long)]
    pub no_charts: bool,
}

impl From<LeverError> for Failure {
    fn from(e: LeverError) -> Failure {
        Failure::Input(e.to_string())
    }
}

/// Default output directory: `plots/<prefix>-<file stem>/`.
pub fn default_out(prefix: &str, scenario: &Path) -> PathBuf {
    let stem = scenario.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "scenario".into());
    PathBuf::from("plots").join(format!("{prefix}-{stem}"))
}

/// Parsed levers, the grid points and one loaded scenario per point.
pub type Variants = (Vec<Lever>, Vec<Vec<f64>>, Vec<Scenario>);

/// Parse the levers and load one scenario per grid point (each value applied as `--set`).
pub fn variants(
    file: &Path,
    ens: &EnsembleArgs,
    base: &Scenario,
    flag: &str,
    args: &[String],
) -> Result<Variants, Failure> {
    if args.len() > 2 {
        return Err(Failure::Input(format!("{flag}: given {} times: one or two levers", args.len())));
    }
    let levers: Vec<Lever> = args.iter().map(|a| lever::parse(flag, a, base)).collect::<Result<_, _>>()?;
    if levers.len() == 2 && levers[0].path == levers[1].path {
        return Err(Failure::Input(format!("{flag}: `{}` is given twice: vary two different paths", levers[0].path)));
    }
    let points = grid(&levers);
    let scenarios = points
        .iter()
        .map(|p| {
            let with: Vec<(&Lever, f64)> = levers.iter().zip(p).map(|(l, &v)| (l, v)).collect();
            lever::load_variant_with(file, &ens.set, &ens.flags(), &with)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((levers, points, scenarios))
}

/// Write `manifest.json` of an explore command into `out`.
pub fn write_manifest(out: &Path, sc: &Scenario, extra: serde_json::Value) -> Result<(), Failure> {
    let mut manifest = serde_json::json!({
        "tool": "protracted",
        "version": env!("CARGO_PKG_VERSION"),
        "scenario": sc.name,
        "file": sc.file.display().to_string(),
        "scenario_sha256": sc.source_hash,
        "overrides": sc.overrides,
    });
    if let (Some(m), serde_json::Value::Object(e)) = (manifest.as_object_mut(), extra) {
        m.extend(e);
    }
    let mut m = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    m.push(b'\n');
    write_atomic(&out.join("manifest.json"), &m)?;
    Ok(())
}

/// `sweep`.
pub fn sweep(a: &SweepArgs) -> Result<(), Failure> {
    let base = super::run::load(&a.scenario, &a.ensemble, &a.ensemble.flags())?;
    let opts = options(&base, &a.ensemble)?;
    let (levers, points, scenarios) = variants(&a.scenario, &a.ensemble, &base, "--vary", &a.vary)?;
    let target = a.out.clone().unwrap_or_else(|| default_out("sweep", &a.scenario));
    // Everything is written into a staging directory beside --out, swapped in at the end.
    let staging = Staging::begin(&target)?;
    let out = staging.path().to_path_buf();
    let started = Instant::now();
    let exp = Experiment::new(&scenarios, opts.seed, opts.steps, opts.threads);
    let pb = progress_bar(points.len() * opts.runs, a.ensemble.quiet, &format!("sweep {}", base.name));
    let runs = exp.runs(opts.runs, &mut |d| {
        if let Some(pb) = &pb {
            pb.set_position(d as u64);
        }
    });
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    let sw = Sweep::build(&base, &levers, &points, &runs, opts.seed, opts.steps);
    let written = || -> Result<(f64, Option<f64>), Failure> {
        write_atomic(&out.join("sweep.csv"), &sw.csv())
            .with_context(|| format!("cannot write into {}", out.display()))?;
        write_atomic(&out.join("sweep.json"), &sw.json())?;
        let seconds = started.elapsed().as_secs_f64();
        write_manifest(
            &out,
            &base,
            serde_json::json!({
                "command": "sweep",
                "levers": a.vary,
                "points": points.len(),
                "seed": opts.seed,
                "runs_per_point": opts.runs,
                "months": opts.steps,
                "threads": exp.threads(),
                "wall_seconds": (seconds * 1000.0).round() / 1000.0,
            }),
        )?;
        let charts = if a.no_charts {
            None
        } else {
            let t0 = Instant::now();
            let fig = if levers.len() == 1 {
                ExploreFigure::Response(crate::plot::sweep::Response::build(&base, &sw))
            } else {
                ExploreFigure::SweepHeatmap(crate::plot::sweep::SweepHeatmap::build(&base, &sw, a.month))
            };
            charts::write(&[fig], &out).context("charts")?;
            Some(t0.elapsed().as_secs_f64())
        };
        Ok((seconds, charts))
    };
    let (seconds, charts) = written().map_err(|e| super::run::named_for_user(e, &staging))?;
    staging.commit().with_context(|| format!("cannot put the results in place in {}", target.display()))?;
    let out = target;
    match a.ensemble.format {
        Format::Json => output::print(&String::from_utf8_lossy(&sw.json())),
        Format::Text => {
            let mut text = sweep_text(&base, &levers, &sw);
            match charts {
                None => text += &format!("\nWrote {} ({:.1} s).\n", out.display(), seconds),
                Some(t) => text += &format!("\nWrote {} ({:.1} s; charts {:.1} s).\n", out.display(), seconds, t),
            }
            output::print(&text)
        }
    }
}

/// The sweep table: one line per grid point, each side's P(tip by 24), P(tip by 36) and
/// restricted mean tipping month, with standard errors.
pub fn sweep_text(sc: &Scenario, levers: &[Lever], sw: &Sweep) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Sweep of {} on common random numbers: {} points × {} runs, seed {}, {} months",
        sc.name,
        sw.points.len(),
        sw.runs,
        sw.seed,
        sw.months
    );
    for l in levers {
        let base = l.baseline().map(|b| format!("; the scenario as written: {}", l.label(b))).unwrap_or_default();
        let _ = writeln!(o, "  {} ({}){base}", l.path, l.unit);
    }
    let _ = writeln!(
        o,
        "\nTime not on its side: share of all runs by month 24 and 36 (± 1 standard error), restricted mean month E[min(T, {})]",
        sw.months
    );
    let w: Vec<usize> = levers.iter().map(|l| l.path.rsplit('.').next().map_or(8, str::len).max(8) + 2).collect();
    let _ = write!(o, "  ");
    for (l, w) in levers.iter().zip(&w) {
        let _ = write!(o, "{:>w$}", l.path.rsplit('.').next().unwrap_or(&l.path));
    }
    for s in &sc.sides {
        let _ = write!(o, "{:>32}", format!("{}: by 24 / by 36 / mean", s.name));
    }
    let _ = writeln!(o);
    let pct = |e: crate::explore::metrics::Estimate| format!("{:.0}±{:.0}%", 100.0 * e.value, 100.0 * e.se);
    for p in &sw.points {
        let _ = write!(o, "  ");
        for ((l, w), &v) in levers.iter().zip(&w).zip(&p.lever_values) {
            let _ = write!(o, "{:>w$}", l.label(v));
        }
        for m in &p.metrics.sides {
            let at = |t: usize| m.months.iter().position(|&x| x == t).map(|i| pct(m.tip_by[i])).unwrap_or("-".into());
            let r = m.restricted_mean_month;
            let _ = write!(o, "{:>32}", format!("{} / {} / {:.1}±{:.1}", at(24), at(36), r.value, r.se));
        }
        let _ = writeln!(o);
    }
    o
}
