//! `compare`: several scenarios as ensembles on common random numbers, side by side.
//!
//! Every scenario runs with the reference's (the first file's) runs, seed and horizon, unless
//! the flags set them, so run `i` of each uses the same seeded streams and the run-by-run
//! differences are paired. Each scenario's own data files (and charts) go to a subdirectory of
//! the output directory via [`super::run::run_to_dir`]; the comparison's record
//! ([`crate::analysis::compare::Comparison`]) goes to `comparison.json` and `comparison.csv`,
//! its charts next to them, and its table ([`comparison_text`], pure) to stdout.

use super::run::{self, run_to_dir};
use super::{Failure, Format, RunOptions, output};
use crate::analysis::compare::{CompareError, Comparison, Results, check_comparable, compare as build};
use crate::export::atomic::write_atomic;
use crate::export::comparison::{comparison_csv, comparison_json};
use crate::export::outdir::Staging;
use crate::scenario::Scenario;
use crate::sim::PerRun;
use anyhow::Context;
use clap::Args;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// `compare` arguments: the scenarios and the options of running each (`run`'s, with the
/// help of `--out` and `--no-charts` saying what they mean here).
#[derive(Debug, Clone, Args)]
#[command(mut_arg("out", |a| a.help(
    "Output directory (default: plots/compare-STEMS/, STEMS being the file stems joined by _)"
)))]
#[command(mut_arg("no_charts", |a| a.help("Write the data files and the table only, no charts (for scripts)")))]
pub struct CompareArgs {
    /// Scenario files (TOML), at least two; the first is the reference.
    #[arg(required = true, num_args = 2.., value_name = "SCENARIO")]
    pub scenarios: Vec<PathBuf>,
    /// How to run each scenario; runs, seed and horizon default to the first scenario's, so
    /// that runs pair up.
    #[command(flatten)]
    pub options: RunOptions,
}

fn stem(p: &Path) -> String {
    p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "scenario".into())
}

/// Default output directory: `plots/compare-<stems joined by _>/`.
pub fn default_out(files: &[PathBuf]) -> PathBuf {
    let stems: Vec<String> = files.iter().map(|p| stem(p)).collect();
    PathBuf::from("plots").join(format!("compare-{}", stems.join("_")))
}

/// Subdirectory of each scenario: its file stem, with `-2`, `-3`, ... when stems repeat.
pub fn subdirs(files: &[PathBuf]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(files.len());
    for f in files {
        let base = stem(f);
        let mut name = base.clone();
        let mut k = 2;
        while out.contains(&name) {
            name = format!("{base}-{k}");
            k += 1;
        }
        out.push(name);
    }
    out
}

fn input(e: CompareError) -> Failure {
    Failure::Input(e.to_string())
}

/// `compare`.
pub fn compare(a: &CompareArgs) -> Result<(), Failure> {
    // The later scenarios run with the reference's horizon: their events are checked
    // against it like their own.
    let flags = a.options.ensemble.flags();
    let reference = run::load(&a.scenarios[0], &a.options.ensemble, &flags)?;
    let mut later = flags.clone();
    if later.months.is_none() {
        later.months = Some(reference.steps as i64);
        later.months_from =
            Some(format!("the horizon of the reference {} ({} steps)", reference.file.display(), reference.steps));
    }
    let mut scenarios = vec![reference];
    for p in &a.scenarios[1..] {
        scenarios.push(run::load(p, &a.options.ensemble, &later)?);
    }
    let refs: Vec<&Scenario> = scenarios.iter().collect();
    check_comparable(&refs).map_err(input)?;
    let opts = run::options(&scenarios[0], &a.options.ensemble)?;
    let target = a.options.out.clone().unwrap_or_else(|| default_out(&a.scenarios));
    let staging = Staging::begin(&target)?;
    let written = write_all(a, &scenarios, opts, &staging).map_err(|e| run::named_for_user(e, &staging));
    let (cmp, seconds, charts, warnings) = written?;
    staging.commit().with_context(|| format!("cannot put the results in place in {}", target.display()))?;
    let out = target;
    match a.options.ensemble.format {
        Format::Json => output::print(&String::from_utf8_lossy(&comparison_json(&cmp)))?,
        Format::Text => {
            let mut text = comparison_text(&scenarios[0], &cmp, &warnings);
            match charts {
                None => text += &format!("\nWrote {} ({:.1} s).\n", out.display(), seconds),
                Some(t) => text += &format!("\nWrote {} ({:.1} s; charts {:.1} s).\n", out.display(), seconds, t),
            }
            output::print(&text)?;
        }
    }
    Ok(())
}

/// What [`write_all`] returns: the comparison, its seconds, the charts' seconds (if drawn)
/// and the reference's Monte Carlo warnings.
type Written = (Comparison, f64, Option<f64>, Vec<String>);

/// Run every scenario and write all files into the staging directory.
fn write_all(
    a: &CompareArgs,
    scenarios: &[Scenario],
    opts: crate::sim::Options,
    staging: &Staging,
) -> Result<Written, Failure> {
    let out = staging.path();
    let started = Instant::now();
    let mut done = Vec::with_capacity(scenarios.len());
    for (sc, sub) in scenarios.iter().zip(subdirs(&a.scenarios)) {
        done.push(run_to_dir(sc, opts, PerRun::TippingMonths, &out.join(sub), a.options.ensemble.quiet)?);
    }
    let results: Vec<Results<'_>> = scenarios
        .iter()
        .zip(&done)
        .map(|(sc, d)| Results { scenario: sc, ensemble: &d.ensemble, summary: &d.summary })
        .collect();
    let cmp = build(&results).map_err(input)?;
    write_atomic(&out.join("comparison.json"), &comparison_json(&cmp))?;
    write_atomic(&out.join("comparison.csv"), &comparison_csv(&cmp))?;
    let seconds = started.elapsed().as_secs_f64();
    let charts = if a.options.no_charts {
        None
    } else {
        let t0 = Instant::now();
        for ((sc, d), sub) in scenarios.iter().zip(&done).zip(subdirs(&a.scenarios)) {
            run::write_charts(sc, d, &out.join(sub))?;
        }
        crate::plot::write_compare_charts(&results, &cmp, out).context("comparison charts")?;
        Some(t0.elapsed().as_secs_f64())
    };
    Ok((cmp, seconds, charts, done[0].summary.warnings.clone()))
}

fn signed(x: f64) -> String {
    if x.abs() < 0.5 { "0".into() } else { format!("{x:+.0}") }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// A share of `n` runs with its Monte Carlo standard error, in percentage points: `24% ±1.4`.
fn pct_se(x: f64, n: usize) -> String {
    format!("{} ±{:.1}", pct(x), 100.0 * crate::analysis::tipping::share_se(x, n))
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('~');
        t
    }
}

/// The comparison table: per side, each scenario's tipping summary and its run-by-run
/// difference from the reference; then the outcome shares. `reference` supplies the calendar
/// and step unit; `warnings` (the reference's Monte Carlo warnings) are printed under the head.
pub fn comparison_text(reference: &Scenario, c: &Comparison, warnings: &[String]) -> String {
    let mut o = String::new();
    let unit = crate::plot::step_word(reference);
    let p = if unit == "month" { "m" } else { "" };
    let _ = writeln!(
        o,
        "Comparison on common random numbers: {} scenarios, {} runs each, seed {}, {} {unit}s from {}",
        c.scenarios.len(),
        c.runs,
        c.seed,
        c.months,
        reference.date_label(0)
    );
    let _ = writeln!(o, "Reference: {}", c.reference);
    for w in warnings {
        let _ = writeln!(o, "warning: {w}");
    }
    let w = c.scenarios.iter().map(|s| s.name.chars().count()).max().unwrap_or(8).clamp(6, 32) + 2;
    let never = c.months + 1;
    for (si, side) in c.sides.iter().enumerate() {
        let label = &reference.sides[si].label;
        let _ = writeln!(
            o,
            "\n{label}: judged that time is not on its side; difference from the reference run by run ({unit}s, never = {never})"
        );
        let _ = writeln!(
            o,
            "  {:<w$}{:>11}{:>8}{:>11}{:>10}{:>16}{:>12}{:>12}",
            "scenario",
            format!("by {p}{}", c.months),
            "median",
            "never",
            "diff med",
            "diff 90% band",
            "P(earlier)",
            "P(later)",
        );
        for (i, s) in c.scenarios.iter().enumerate() {
            let (Some(t), Some(d)) = (s.tipping.get(side), s.paired.get(side)) else {
                continue;
            };
            let share = t.share_by_month.last().copied().unwrap_or(0.0);
            let med = t.median_month.map(|m| format!("{p}{m:.0}")).unwrap_or_else(|| "-".into());
            let name = if i == 0 { cut(&format!("{} *", s.name), w) } else { cut(&s.name, w) };
            let _ = writeln!(
                o,
                "  {:<w$}{:>11}{:>8}{:>11}{:>10}{:>16}{:>12}{:>12}",
                name,
                pct_se(share, c.runs),
                med,
                pct_se(t.never_share, c.runs),
                signed(d.median_diff_months),
                format!("{} .. {}", signed(d.p05_diff_months), signed(d.p95_diff_months)),
                pct_se(d.p_earlier, c.runs),
                pct_se(d.p_later, c.runs),
            );
        }
    }
    let names: Vec<&String> = c.scenarios.first().map(|s| s.outcomes.keys().collect()).unwrap_or_default();
    let shown: Vec<&String> = names
        .into_iter()
        .filter(|k| c.scenarios.iter().any(|s| s.outcomes.get(*k).copied().unwrap_or(0.0) > 0.0))
        .collect();
    let _ = writeln!(o, "\nOutcomes at the horizon (share of runs)");
    let _ = write!(o, "  {:<w$}", "scenario");
    for k in &shown {
        let _ = write!(o, "{:>w2$}", k, w2 = k.len().max(11) + 2);
    }
    let _ = writeln!(o);
    for (i, s) in c.scenarios.iter().enumerate() {
        let name = if i == 0 { cut(&format!("{} *", s.name), w) } else { cut(&s.name, w) };
        let _ = write!(o, "  {name:<w$}");
        for k in &shown {
            let v = s.outcomes.get(*k).copied().unwrap_or(0.0);
            let _ = write!(o, "{:>w2$}", pct_se(v, c.runs), w2 = k.len().max(11) + 2);
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(
        o,
        "\n* reference. diff: this scenario's {unit} minus the reference's in the same run; P(earlier), P(later): share of runs in which it tips earlier, later; ±: one Monte Carlo standard error (SE), in percentage points."
    );
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_stems_get_numbered_subdirectories() {
        let files: Vec<PathBuf> = ["a/baseline.toml", "baseline.toml", "b/us.toml"].iter().map(PathBuf::from).collect();
        assert_eq!(subdirs(&files), vec!["baseline", "baseline-2", "us"]);
        assert_eq!(default_out(&files), PathBuf::from("plots/compare-baseline_baseline_us"));
    }

    #[test]
    fn differences_are_signed_and_rounded() {
        assert_eq!(signed(0.0), "0");
        assert_eq!(signed(-3.0), "-3");
        assert_eq!(signed(12.0), "+12");
        assert_eq!(cut("abcdef", 4), "abc~");
    }
}
