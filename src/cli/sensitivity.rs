//! `sensitivity`: which uncertain parameters each side's tipping hinges on. Given data (the
//! default: one ensemble's own draws) or a Sobol' design; a table on stdout,
//! `sensitivity.csv`, `sensitivity.json`, `manifest.json` and the charts under `--out`, which
//! is replaced whole at the end ([`crate::export::outdir`]).

use super::run::{options, progress_bar};
use super::sweep::{default_out, write_manifest};
use super::{EnsembleArgs, Failure, Format, output};
use crate::explore::discovery;
use crate::explore::experiment::Experiment;
use crate::explore::sensitivity::{self, GivenData, Groups, SobolModel};
use crate::explore::sobol::{Design, MAX_DIMS};
use crate::export::atomic::write_atomic;
use crate::export::outdir::Staging;
use crate::plot::explore::{self as charts, ExploreFigure};
use crate::plot::sensitivity::{ByMonth, Indices, Tornado, row_label};
use crate::scenario::Scenario;
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::fmt::Write;
use std::path::PathBuf;
use std::time::Instant;

/// How the indices are estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Method {
    /// First-order indices from one ensemble's own draws (rank binning; no extra runs).
    GivenData,
    /// A scrambled Sobol' design: first-order (Saltelli) and total (Jansen) indices.
    Sobol,
}

/// `sensitivity` arguments.
#[derive(Debug, Clone, Args)]
pub struct SensitivityArgs {
    /// Scenario file (TOML), or a shipped scenario by name (`baseline`, `classic/lanchester-square`).
    pub scenario: PathBuf,
    /// Estimation method.
    #[arg(long, value_enum, default_value_t = Method::GivenData)]
    pub method: Method,
    /// Sobol': vary only these uncertain parameters (comma-separated paths); the others are
    /// held at their central values.
    #[arg(long, value_name = "PATHS", value_delimiter = ',')]
    pub params: Vec<String>,
    /// Sobol': a group of parameters varied together, NAME=PATTERN (a path, `*` matching any
    /// text); repeatable. Uncertain parameters in no group form the group `other`. (Without
    /// --params or --group, every uncertain parameter is an input.)
    #[arg(long = "group", value_name = "NAME=PATTERN")]
    pub groups: Vec<String>,
    /// Sobol': base rows N of the design (rounded up to a power of two); the design runs
    /// N × (inputs + 3) runs; 1 to 1048576.
    #[arg(long, value_name = "N", default_value_t = 2048, value_parser = super::run_args::base_rows_value, allow_negative_numbers = true)]
    pub base_rows: usize,
    /// Output directory (default: plots/sensitivity-NAME/).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Ensemble options (given data: --runs is the ensemble analysed).
    #[command(flatten)]
    pub ensemble: EnsembleArgs,
    /// Write the data files and the table only, no charts.
    #[arg(long)]
    pub no_charts: bool,
    /// Given data: also find the few parameter ranges in which EVENT happens most (PRIM),
    /// "SIDE tips by MONTH" or "SIDE cuts its losses by MONTH", e.g. --explain "russia tips by 24";
    /// writes explain.csv (the peeling trajectory) and explain.json.
    #[arg(long, value_name = "EVENT")]
    pub explain: Option<String>,
}

/// Whether `path` matches `pattern`, where `*` matches any text.
pub fn matches(pattern: &str, path: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == path;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !path.starts_with(first) || !path[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &path[first.len()..path.len() - last.len()];
    for p in &parts[1..parts.len() - 1] {
        match rest.find(p) {
            Some(i) => rest = &rest[i + p.len()..],
            None => return false,
        }
    }
    true
}

/// The inputs of a Sobol' analysis: every uncertain parameter alone, the chosen ones, or groups.
pub fn groups(sc: &Scenario, params: &[String], specs: &[String]) -> Result<Groups, Failure> {
    let uncertain: Vec<(usize, &str)> = sc.uncertain_slots().map(|(i, s)| (i, s.path.as_str())).collect();
    let known = || uncertain.iter().map(|(_, p)| p.to_string()).collect::<Vec<_>>();
    let mut g = Groups { names: Vec::new(), members: Vec::new() };
    if !specs.is_empty() {
        let mut used = vec![false; uncertain.len()];
        for spec in specs {
            let Some((name, pattern)) = spec.split_once('=') else {
                return Err(Failure::Input(format!(
                    "--group {spec}: expected NAME=PATTERN, e.g. economy=sides.russia.economy.*"
                )));
            };
            let hits: Vec<usize> =
                (0..uncertain.len()).filter(|&k| !used[k] && matches(pattern.trim(), uncertain[k].1)).collect();
            let members: Vec<usize> = hits.iter().map(|&k| uncertain[k].0).collect();
            for k in hits {
                used[k] = true;
            }
            if members.is_empty() {
                let near = crate::scenario::overrides::closest(&known(), pattern, 3);
                return Err(Failure::Input(format!(
                    "--group {spec}: no uncertain parameter matches `{pattern}` (not already in a group); uncertain parameters such as: {}",
                    near.join(", ")
                )));
            }
            g.names.push(name.trim().to_string());
            g.members.push(members);
        }
        let other: Vec<usize> = uncertain.iter().enumerate().filter(|(k, _)| !used[*k]).map(|(_, (i, _))| *i).collect();
        if !other.is_empty() {
            g.names.push("other".into());
            g.members.push(other);
        }
    } else if !params.is_empty() {
        for p in params {
            let Some((i, path)) = uncertain.iter().find(|(_, q)| q == p) else {
                let near = crate::scenario::overrides::closest(&known(), p, 3);
                return Err(Failure::Input(format!(
                    "--params {p}: not an uncertain parameter of the scenario (one drawn from a distribution); the closest are: {}",
                    near.join(", ")
                )));
            };
            g.names.push(path.to_string());
            g.members.push(vec![*i]);
        }
    } else {
        for (i, p) in &uncertain {
            g.names.push(p.to_string());
            g.members.push(vec![*i]);
        }
    }
    let dims: usize = g.members.iter().map(Vec::len).sum();
    if dims == 0 {
        return Err(Failure::Input("the scenario has no uncertain parameter to analyse".into()));
    }
    if dims > MAX_DIMS {
        return Err(Failure::Input(format!("{dims} parameters: a Sobol' design takes at most {MAX_DIMS}")));
    }
    Ok(g)
}

/// `sensitivity`.
pub fn sensitivity(a: &SensitivityArgs) -> Result<(), Failure> {
    let sc = super::run::load(&a.scenario, &a.ensemble, &a.ensemble.flags())?;
    let opts = options(&sc, &a.ensemble)?;
    if a.method == Method::GivenData && (!a.params.is_empty() || !a.groups.is_empty()) {
        return Err(Failure::Input("--params and --group apply to --method sobol".into()));
    }
    if a.method == Method::Sobol && a.explain.is_some() {
        return Err(Failure::Input(
            "--explain applies to --method given-data (it reads the ensemble's own draws)".into(),
        ));
    }
    let event = match &a.explain {
        Some(e) => Some(discovery::parse_event(e, &sc, opts.steps).map_err(Failure::Input)?),
        None => None,
    };
    if sc.uncertain_slots().next().is_none() {
        return Err(Failure::Input(format!(
            "{}: the scenario has no uncertain parameter to analyse",
            a.scenario.display()
        )));
    }
    let target = a.out.clone().unwrap_or_else(|| default_out("sensitivity", &a.scenario));
    // Everything is written into a staging directory beside --out, swapped in at the end.
    let staging = Staging::begin(&target)?;
    let out = staging.path().to_path_buf();
    let started = Instant::now();
    let variants = [sc.clone()];
    let exp = Experiment::new(&variants, opts.seed, opts.steps, opts.threads);
    let mut explain: Option<discovery::Discovery> = None;
    let (json, csv, text, figs, runs) = match a.method {
        Method::GivenData => {
            let total = opts.runs + opts.runs.min(sensitivity::LUCK_PAIRS);
            let pb = progress_bar(total, a.ensemble.quiet, &format!("sensitivity {}", sc.name));
            let g = sensitivity::given_data(&exp, opts.runs, opts.seed, &mut |d| {
                if let Some(pb) = &pb {
                    pb.set_position(d as u64);
                }
            });
            if let Some(pb) = pb {
                pb.finish_and_clear();
            }
            let mut figs = Vec::new();
            for s in 0..2 {
                figs.push(ExploreFigure::Tornado(Tornado::build(&sc, &g, s)));
                figs.push(ExploreFigure::Indices(Indices::given(&sc, &g, s)));
                figs.push(ExploreFigure::ByMonth(ByMonth::build(&sc, &g, s)));
            }
            let mut text = given_text(&sc, &g);
            let mut json = g.json();
            if let Some(event) = event {
                // The same runs again (common random numbers), keeping their draws.
                let drawn = exp.drawn(0, opts.runs, &mut |_| {});
                let d = discovery::discover(&sc, &drawn, event, opts.seed);
                text.push_str(&d.text());
                explain = Some(d);
            }
            if let Some(d) = &explain {
                json = with_explain(json, d);
            }
            (json, g.csv(), text, figs, total)
        }
        Method::Sobol => {
            let groups = groups(&sc, &a.params, &a.groups)?;
            let design_rows = Design::new(a.base_rows, groups.members.clone(), opts.seed).rows();
            let pb = progress_bar(design_rows, a.ensemble.quiet, &format!("sobol {}", sc.name));
            let m = sensitivity::sobol(&exp, &groups, a.base_rows, opts.seed, &mut |d| {
                if let Some(pb) = &pb {
                    pb.set_position(d as u64);
                }
            });
            if let Some(pb) = pb {
                pb.finish_and_clear();
            }
            let figs = (0..2).map(|s| ExploreFigure::Indices(Indices::sobol(&sc, &m, s))).collect();
            (m.json(), m.csv(), sobol_text(&sc, &m), figs, m.runs)
        }
    };
    let written = || -> Result<(f64, Option<f64>), Failure> {
        write_atomic(&out.join("sensitivity.csv"), &csv)
            .with_context(|| format!("cannot write into {}", out.display()))?;
        write_atomic(&out.join("sensitivity.json"), &json)?;
        if let Some(d) = &explain {
            write_atomic(&out.join("explain.csv"), &d.csv())?;
            let j = serde_json::to_vec_pretty(&d.json()).context("explain.json")?;
            write_atomic(&out.join("explain.json"), &j)?;
        }
        let seconds = started.elapsed().as_secs_f64();
        write_manifest(
            &out,
            &sc,
            serde_json::json!({
                "command": "sensitivity",
                "method": if a.method == Method::Sobol { "sobol" } else { "given-data" },
                "seed": opts.seed,
                "runs": runs,
                "months": opts.steps,
                "threads": exp.threads(),
                "wall_seconds": (seconds * 1000.0).round() / 1000.0,
            }),
        )?;
        let chart_s = if a.no_charts {
            None
        } else {
            let t0 = Instant::now();
            charts::write(&figs, &out).context("charts")?;
            Some(t0.elapsed().as_secs_f64())
        };
        Ok((seconds, chart_s))
    };
    let (seconds, chart_s) = written().map_err(|e| super::run::named_for_user(e, &staging))?;
    staging.commit().with_context(|| format!("cannot put the results in place in {}", target.display()))?;
    match a.ensemble.format {
        Format::Json => output::print(&String::from_utf8_lossy(&json)),
        Format::Text => {
            let wrote = match chart_s {
                None => format!("\nWrote {} ({:.1} s).\n", target.display(), seconds),
                Some(t) => format!("\nWrote {} ({:.1} s; charts {:.1} s).\n", target.display(), seconds, t),
            };
            output::print(&format!("{text}{wrote}"))
        }
    }
}

/// `sensitivity.json` with the scenario discovery added under `explain`.
fn with_explain(json: Vec<u8>, d: &discovery::Discovery) -> Vec<u8> {
    match serde_json::from_slice::<serde_json::Value>(&json) {
        Ok(serde_json::Value::Object(mut m)) => {
            m.insert("explain".into(), d.json());
            let mut v = serde_json::to_vec_pretty(&serde_json::Value::Object(m)).unwrap_or(json);
            v.push(b'\n');
            v
        }
        _ => json,
    }
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

/// The given-data table: per side, the inputs that P(tip by 24) and the restricted mean
/// tipping month hinge on, with intervals, the noise floor and the luck share.
pub fn given_text(sc: &Scenario, g: &GivenData) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Sensitivity of {} from {} runs' own draws (given data, rank binning in {} classes), seed {}",
        sc.name, g.runs, g.classes, g.seed
    );
    let _ = writeln!(
        o,
        "Index: share of the variance explained by the parameter alone, noise floor (M−1)/N = {} removed; [{:.0}% bootstrap percentile interval, {} resamples]",
        pct(g.floor),
        100.0 * g.level,
        g.resamples
    );
    for (q, out) in g.outputs.iter().enumerate() {
        if !(out.metric == "tip_by_24" || out.metric == "restricted_mean_month") {
            continue;
        }
        let what = if out.metric == "tip_by_24" {
            "tipped by month 24".to_string()
        } else {
            format!("restricted mean tipping month, E[min(T, {})]", g.months)
        };
        let _ = writeln!(o, "\n{}: {what}", out.side);
        let mut idx: Vec<usize> = (0..g.factors.len()).collect();
        idx.sort_by(|&a, &b| g.indices[q][b].value.total_cmp(&g.indices[q][a].value));
        let d = g.dummy[q];
        for &f in idx.iter().take(8) {
            let iv = g.indices[q][f];
            let note = if iv.lo <= d.hi { "  (not distinguishable from the dummy)" } else { "" };
            let _ = writeln!(
                o,
                "  {:<48}{:>7}  [{}, {}]{note}",
                row_label(&g.factors[f].path),
                pct(iv.value),
                pct(iv.lo),
                pct(iv.hi)
            );
        }
        let _ = writeln!(o, "  {:<48}{:>7}  [{}, {}]", "dummy (noise floor)", pct(d.value), pct(d.lo), pct(d.hi));
        let l = g.luck[q];
        let _ = writeln!(
            o,
            "  month-to-month luck: {} of the spread [{}, {}] ({} paired runs)",
            pct(l.value),
            pct(l.lo),
            pct(l.hi),
            g.luck_pairs
        );
        let t = &g.top_three[q];
        let _ = writeln!(o, "  top three unchanged in {:.0}% of resamples", 100.0 * t.unchanged_share);
    }
    o
}

/// The Sobol' table: per side, P(tip by 24)'s first-order and total indices.
pub fn sobol_text(sc: &Scenario, m: &SobolModel) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Sobol' sensitivity of {}: N = {} base rows, {} runs, seed {}; first-order (Saltelli 2010) and total (Jansen) indices [{:.0}% bootstrap percentile interval]",
        sc.name,
        m.base_rows,
        m.runs,
        m.seed,
        100.0 * m.level
    );
    for (q, out) in m.outputs.iter().enumerate() {
        if out.metric != "tip_by_24" {
            continue;
        }
        let _ = writeln!(o, "\n{}: tipped by month 24", out.side);
        let _ = writeln!(o, "  {:<40}{:>26}{:>26}", "input", "first-order", "total");
        let ix = &m.indices[q];
        let names: Vec<String> = m.groups.iter().map(|g| row_label(g)).chain(["month-to-month luck".into()]).collect();
        let mut idx: Vec<usize> = (0..names.len()).collect();
        idx.sort_by(|&a, &b| ix.total[b].value.total_cmp(&ix.total[a].value));
        for &c in &idx {
            let (f, t) = (ix.first[c], ix.total[c]);
            let _ = writeln!(
                o,
                "  {:<40}{:>26}{:>26}",
                names[c],
                format!("{} [{}, {}]", pct(f.value), pct(f.lo), pct(f.hi)),
                format!("{} [{}, {}]", pct(t.value), pct(t.lo), pct(t.hi))
            );
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_with_stars() {
        assert!(matches("sides.russia.economy.*", "sides.russia.economy.tax_share"));
        assert!(!matches("sides.russia.economy.*", "sides.ukraine.economy.tax_share"));
        assert!(matches("sides.*.judgment.*", "sides.ukraine.judgment.self_optimism"));
        assert!(matches("world.circumvention", "world.circumvention"));
        assert!(!matches("world.circ", "world.circumvention"));
    }
}
