//! The summary of an ensemble: the one result record that `summary.json`, the stdout table
//! and the charts all read.

use super::ensemble::Ensemble;
use super::tally::{Judgment, RunTally};
use super::tipping::{Tip, censoring, round6, share_se, tip};
use crate::judgment::DRIVER_NAMES;
use crate::judgment::outcome::{KEY_EVENTS, Outcome};
use crate::scenario::Scenario;
use serde::Serialize;
use std::collections::BTreeMap;

/// Both judgments of one side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideTip {
    /// "Time is not on our side": objectives unrealistic and position worsening.
    pub time_not_on_side: Tip,
    /// "We would cut our losses": the above, and fighting on costs more than failing.
    pub cut_losses: Tip,
}

/// Front strength at the horizon and who was ahead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FinalStrength {
    /// 5th, 25th, 50th, 75th, 95th percentiles (nearest rank) of front strength at the horizon,
    /// thousand persons: exact up to [`FRONTS_EXACT_UP_TO`](super::tally::FRONTS_EXACT_UP_TO)
    /// runs, within 0.4 % (relative) of a value the exact percentile could take beyond
    /// ([`Fronts`](super::tally::Fronts)).
    pub front_k_percentiles: [f64; 5],
    /// Share of runs in which this side ended with the larger front.
    pub ahead_share: f64,
}

/// Version of the layout of `summary.json`: raised when a field is renamed, removed or changes
/// meaning (a new field does not raise it).
pub const SUMMARY_SCHEMA_VERSION: u32 = 1;

/// The summary of one ensemble (`summary.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Version of this layout ([`SUMMARY_SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Scenario name.
    pub scenario: String,
    /// Scenario file as given.
    pub file: String,
    /// Number of runs.
    pub runs: usize,
    /// Master seed.
    pub seed: u64,
    /// First month, YYYY-MM.
    pub start: String,
    /// Horizon in steps (months for the war model).
    pub months: usize,
    /// Side names.
    pub sides: Vec<String>,
    /// Tipping curves per side.
    pub tipping: BTreeMap<String, SideTip>,
    /// Share of runs per outcome.
    pub outcomes: BTreeMap<String, f64>,
    /// Tool version.
    pub version: String,
    /// Standard error of each outcome share.
    pub outcomes_se: BTreeMap<String, f64>,
    /// Step length in days.
    pub step_days: f64,
    /// Per side: front strength at the horizon.
    pub final_strength: BTreeMap<String, FinalStrength>,
    /// Per side: mean attribution shares of the perceived trend at the tipping point.
    pub drivers: BTreeMap<String, BTreeMap<String, f64>>,
    /// Per side: number of runs that tipped (the drivers' sample size).
    pub drivers_runs: BTreeMap<String, usize>,
    /// Warnings about Monte Carlo precision.
    pub warnings: Vec<String>,
    /// Share of runs still fighting at each step, 0..=horizon (the rest have ended: see
    /// `outcomes`).
    pub ongoing_share_by_month: Vec<f64>,
    /// Per side, per key event ([`KEY_EVENTS`]: coercive mobilisation, reserves exhausted, aid
    /// paused, bias halved): how many runs saw it and when.
    pub key_events: BTreeMap<String, BTreeMap<String, KeyEvent>>,
}

/// One key event of one side over the runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyEvent {
    /// Share of runs in which it happened (first occurrence).
    pub share: f64,
    /// Standard error of `share`.
    pub share_se: f64,
    /// Median step of its first occurrence among the runs in which it happened (null if none).
    pub median_month: Option<f64>,
}

/// Summarise an ensemble (from its [`RunTally`]).
pub fn summarize(sc: &Scenario, e: &Ensemble) -> Summary {
    let t = &e.tally;
    let n = t.runs();
    let months = e.options.steps;
    let mut tipping = BTreeMap::new();
    let mut final_strength = BTreeMap::new();
    let mut drivers = BTreeMap::new();
    let mut drivers_runs = BTreeMap::new();
    let mut key_events = BTreeMap::new();
    for s in 0..2 {
        let name = sc.sides[s].name.clone();
        let censored = |which: Judgment| {
            let j = t.judgment(s, which);
            let mut never = BTreeMap::new();
            for (o, &c) in Outcome::ALL.iter().zip(&j.never) {
                if c > 0 {
                    *never.entry(o.named(&sc.sides).to_string()).or_insert(0) += c;
                }
            }
            let mut tp = tip(&j.first, n, months);
            let c = censoring(&j.first, &j.censored, &never, n, months);
            tp.never_by_outcome = c.never_by_outcome;
            tp.km_share_by_month = c.km_share_by_month;
            tp.km_se_by_month = c.km_se_by_month;
            tp
        };
        tipping.insert(
            name.clone(),
            SideTip { time_not_on_side: censored(Judgment::TimeNotOnSide), cut_losses: censored(Judgment::CutLosses) },
        );
        let mut events = BTreeMap::new();
        for (k, ev) in KEY_EVENTS.iter().enumerate() {
            let at = t.key_event(s, k);
            let share = at.total() as f64 / n.max(1) as f64;
            events.insert(
                ev.to_string(),
                KeyEvent { share: round6(share), share_se: round6(share_se(share, n)), median_month: at.quantile(0.5) },
            );
        }
        key_events.insert(name.clone(), events);

        final_strength.insert(
            name.clone(),
            FinalStrength {
                front_k_percentiles: t.fronts(s).quantiles([0.05, 0.25, 0.5, 0.75, 0.95]).map(round6),
                ahead_share: round6(t.ahead(s) as f64 / n.max(1) as f64),
            },
        );

        let tipped = t.drivers(s);
        let d = DRIVER_NAMES.iter().enumerate().map(|(i, nm)| (nm.to_string(), round6(tipped.mean(i)))).collect();
        drivers.insert(name.clone(), d);
        drivers_runs.insert(name, tipped.runs as usize);
    }
    let mut outcomes = BTreeMap::new();
    let mut outcomes_se = BTreeMap::new();
    for o in Outcome::ALL {
        let count = t.outcome_runs(o);
        let p = count as f64 / n.max(1) as f64;
        let name = o.named(&sc.sides).to_string();
        outcomes.insert(name.clone(), round6(p));
        outcomes_se.insert(name, round6(share_se(p, n)));
    }
    let mut warnings = Vec::new();
    if n < 200 && !sc.is_deterministic() {
        warnings.push(format!(
            "only {n} runs: shares carry a standard error of up to {:.1} points; use --runs 1000 or more for headline figures",
            50.0 / (n.max(1) as f64).sqrt()
        ));
    }
    Summary {
        schema_version: SUMMARY_SCHEMA_VERSION,
        scenario: sc.name.clone(),
        file: sc.file.display().to_string(),
        runs: n,
        seed: e.options.seed,
        start: sc.start.to_string(),
        months,
        sides: sc.sides.iter().map(|s| s.name.clone()).collect(),
        tipping,
        outcomes,
        version: env!("CARGO_PKG_VERSION").to_string(),
        outcomes_se,
        step_days: sc.step_days,
        final_strength,
        drivers,
        drivers_runs,
        warnings,
        ongoing_share_by_month: ongoing_by_step(t, months)
            .map(|going| round6(going as f64 / n.max(1) as f64))
            .collect(),
        key_events,
    }
}

/// Runs still fighting at each step 0..=`months`: those that end "ongoing" and those whose last
/// step is later.
fn ongoing_by_step(t: &RunTally, months: usize) -> impl Iterator<Item = u64> + '_ {
    let ended: Vec<&[u64]> =
        Outcome::ALL.iter().filter(|&&o| o != Outcome::Ongoing).map(|&o| t.ends(o).as_slice()).collect();
    let ongoing = t.outcome_runs(Outcome::Ongoing);
    (0..=months)
        .map(move |step| ongoing + ended.iter().map(|counts| counts.iter().skip(step + 1).sum::<u64>()).sum::<u64>())
}
