//! Comparing ensembles of several scenarios on common random numbers.
//!
//! Run `i` of every scenario is seeded from the same (master seed, run index) as run `i` of
//! the reference (the first scenario), so the uncertain inputs that the scenarios share are
//! drawn alike and run-by-run differences isolate the effect of what the scenarios change.
//! For each side, the difference is this scenario's step (month, in the war model) of judging
//! that time is not on its side minus the reference's, run by run; a run that never tips
//! counts as tipping at horizon + 1. This module reads ensembles and summaries (it never runs
//! the model) and builds the [`Comparison`] record that `comparison.json` and `comparison.csv`
//! (written by [`crate::export::comparison`]), the stdout table and the comparison charts all
//! read.

use super::ensemble::{Ensemble, RunRecord};
use super::sketch::exact_quantile;
use super::summary::Summary;
use super::tipping::{Tip, round6};
use crate::scenario::Scenario;
use serde::Serialize;
use std::collections::BTreeMap;

/// Why scenarios cannot be compared.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CompareError {
    /// The scenarios name their sides differently.
    #[error(
        "cannot compare {file} with {reference_file}: its sides are [{sides}], the reference's are [{reference_sides}]; compared scenarios must have the same side names"
    )]
    SidesDiffer {
        /// The reference's file.
        reference_file: String,
        /// The reference's side names, comma-separated.
        reference_sides: String,
        /// The other file.
        file: String,
        /// Its side names, comma-separated.
        sides: String,
    },
    /// The scenarios' steps have different lengths.
    #[error(
        "cannot compare {file} with {reference_file}: its steps are {days} days long, the reference's {reference_days}; compared scenarios must have the same step length"
    )]
    StepsDiffer {
        /// The reference's file.
        reference_file: String,
        /// The reference's step length, days.
        reference_days: f64,
        /// The other file.
        file: String,
        /// Its step length, days.
        days: f64,
    },
    /// The ensembles cannot be paired run by run (different run counts or horizons).
    #[error("cannot pair {name} with the reference run by run: {what} differ ({this} vs {reference})")]
    NotPaired {
        /// The scenario.
        name: String,
        /// "runs" or "horizons".
        what: &'static str,
        /// This scenario's value.
        this: usize,
        /// The reference's value.
        reference: usize,
    },
    /// Fewer than two scenarios.
    #[error("a comparison needs at least two scenarios, got {0}")]
    TooFew(usize),
}

/// Check that `scenarios` (the first the reference) can be compared: same side names (in the
/// same order) and the same step length.
pub fn check_comparable(scenarios: &[&Scenario]) -> Result<(), CompareError> {
    let Some(r) = scenarios.first() else {
        return Err(CompareError::TooFew(0));
    };
    let names = |sc: &Scenario| sc.sides.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ");
    for sc in &scenarios[1..] {
        if sc.sides.iter().map(|s| &s.name).ne(r.sides.iter().map(|s| &s.name)) {
            return Err(CompareError::SidesDiffer {
                reference_file: r.file.display().to_string(),
                reference_sides: names(r),
                file: sc.file.display().to_string(),
                sides: names(sc),
            });
        }
        if (sc.step_days - r.step_days).abs() > 1e-9 {
            return Err(CompareError::StepsDiffer {
                reference_file: r.file.display().to_string(),
                reference_days: r.step_days,
                file: sc.file.display().to_string(),
                days: sc.step_days,
            });
        }
    }
    Ok(())
}

/// One scenario's results as the comparison and the charts read them: the scenario, its
/// ensemble and its summary.
#[derive(Clone, Copy)]
pub struct Results<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Its ensemble.
    pub ensemble: &'a Ensemble,
    /// Its summary.
    pub summary: &'a Summary,
}

/// Run-by-run differences in one side's tipping step against the reference (in steps; the
/// field names say `months`, the war model's step).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paired {
    /// Median difference, steps (negative: this scenario tips earlier).
    pub median_diff_months: f64,
    /// 5th percentile of the difference, steps.
    pub p05_diff_months: f64,
    /// 95th percentile of the difference, steps.
    pub p95_diff_months: f64,
    /// Share of runs in which this scenario tips earlier than the reference.
    pub p_earlier: f64,
    /// Share of runs in which it tips later.
    pub p_later: f64,
    /// 25th percentile of the difference, steps.
    pub p25_diff_months: f64,
    /// 75th percentile of the difference, steps.
    pub p75_diff_months: f64,
}

/// One scenario in a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioComparison {
    /// Scenario name.
    pub name: String,
    /// Scenario file as given.
    pub file: String,
    /// Per side: "time is not on its side" (the summary's TIP record).
    pub tipping: BTreeMap<String, Tip>,
    /// Share of runs per outcome at the horizon.
    pub outcomes: BTreeMap<String, f64>,
    /// Per side: differences from the reference, run by run.
    pub paired: BTreeMap<String, Paired>,
    /// Per side: "would cut its losses" (the summary's TIP record).
    pub cut_losses: BTreeMap<String, Tip>,
}

/// The comparison (`comparison.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Name of the reference scenario (the first).
    pub reference: String,
    /// Every scenario, the reference first.
    pub scenarios: Vec<ScenarioComparison>,
    /// Runs per scenario.
    pub runs: usize,
    /// Master seed shared by all scenarios.
    pub seed: u64,
    /// Horizon in steps.
    pub months: usize,
    /// Side names.
    pub sides: Vec<String>,
}

/// Each run's first step of judging that time is not on its side for `side`, a run that never
/// tips counting as `horizon + 1`.
pub fn tipping_months(records: &[RunRecord], side: usize, horizon: usize) -> Vec<i64> {
    records.iter().map(|r| r.time_not_on_side[side].map(i64::from).unwrap_or(horizon as i64 + 1)).collect()
}

/// Differences `other − reference`, run by run, for `side`.
pub fn differences(reference: &[RunRecord], other: &[RunRecord], side: usize, horizon: usize) -> Vec<i64> {
    let a = tipping_months(reference, side, horizon);
    let b = tipping_months(other, side, horizon);
    b.iter().zip(&a).map(|(b, a)| b - a).collect()
}

/// Summarise run-by-run differences.
pub fn paired(diffs: &[i64]) -> Paired {
    let n = diffs.len().max(1) as f64;
    let mut sorted: Vec<f64> = diffs.iter().map(|&d| d as f64).collect();
    sorted.sort_by(f64::total_cmp);
    let q = |p: f64| {
        let v = exact_quantile(&sorted, p);
        if v.is_finite() { v } else { 0.0 }
    };
    Paired {
        median_diff_months: q(0.5),
        p05_diff_months: q(0.05),
        p95_diff_months: q(0.95),
        p_earlier: round6(diffs.iter().filter(|&&d| d < 0).count() as f64 / n),
        p_later: round6(diffs.iter().filter(|&&d| d > 0).count() as f64 / n),
        p25_diff_months: q(0.25),
        p75_diff_months: q(0.75),
    }
}

/// Compare ensembles, the first the reference. They must have been run with the same runs,
/// seed and horizon (the paired differences need run `i` to mean the same draw everywhere).
pub fn compare(members: &[Results<'_>]) -> Result<Comparison, CompareError> {
    if members.len() < 2 {
        return Err(CompareError::TooFew(members.len()));
    }
    let scs: Vec<&Scenario> = members.iter().map(|m| m.scenario).collect();
    check_comparable(&scs)?;
    let r = members[0];
    let horizon = r.ensemble.options.steps;
    let runs = r.ensemble.records.len();
    for m in &members[1..] {
        if m.ensemble.records.len() != runs {
            return Err(CompareError::NotPaired {
                name: m.summary.scenario.clone(),
                what: "runs",
                this: m.ensemble.records.len(),
                reference: runs,
            });
        }
        if m.ensemble.options.steps != horizon {
            return Err(CompareError::NotPaired {
                name: m.summary.scenario.clone(),
                what: "horizons",
                this: m.ensemble.options.steps,
                reference: horizon,
            });
        }
    }
    let scenarios = members
        .iter()
        .map(|m| {
            let mut tipping = BTreeMap::new();
            let mut cut_losses = BTreeMap::new();
            let mut pairs = BTreeMap::new();
            for (s, side) in r.scenario.sides.iter().enumerate() {
                if let Some(t) = m.summary.tipping.get(&side.name) {
                    tipping.insert(side.name.clone(), t.time_not_on_side.clone());
                    cut_losses.insert(side.name.clone(), t.cut_losses.clone());
                }
                let d = differences(&r.ensemble.records, &m.ensemble.records, s, horizon);
                pairs.insert(side.name.clone(), paired(&d));
            }
            ScenarioComparison {
                name: m.summary.scenario.clone(),
                file: m.summary.file.clone(),
                tipping,
                outcomes: m.summary.outcomes.clone(),
                paired: pairs,
                cut_losses,
            }
        })
        .collect();
    Ok(Comparison {
        reference: r.summary.scenario.clone(),
        scenarios,
        runs,
        seed: r.ensemble.options.seed,
        months: horizon,
        sides: r.scenario.sides.iter().map(|s| s.name.clone()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judgment::outcome::Outcome;

    use crate::testing::assert_close;

    fn rec(tip: [Option<u16>; 2]) -> RunRecord {
        RunRecord {
            outcome: Outcome::Ongoing,
            end_step: 10,
            time_not_on_side: tip,
            cut_losses: [None; 2],
            drivers: [None; 2],
            final_front_k: [0.0; 2],
            key_events: Default::default(),
        }
    }

    #[test]
    fn never_counts_as_after_the_horizon() {
        let a = [rec([Some(3), None]), rec([None, Some(5)])];
        assert_eq!(tipping_months(&a, 0, 10), vec![3, 11]);
        assert_eq!(tipping_months(&a, 1, 10), vec![11, 5]);
    }

    #[test]
    fn a_scenario_against_itself_differs_by_nothing() {
        let a: Vec<RunRecord> = (0..50).map(|i| rec([(i % 3 != 0).then_some(i as u16 % 12), None])).collect();
        for side in 0..2 {
            let p = paired(&differences(&a, &a, side, 12));
            assert_close(p.median_diff_months, 0.0);
            assert_close(p.p05_diff_months, 0.0);
            assert_close(p.p95_diff_months, 0.0);
            assert_close(p.p_earlier, 0.0);
            assert_close(p.p_later, 0.0);
        }
    }

    #[test]
    fn differences_are_other_minus_reference() {
        let a = [rec([Some(10), None]), rec([Some(4), None]), rec([None, None]), rec([Some(2), None])];
        let b = [rec([Some(6), None]), rec([Some(4), None]), rec([Some(8), None]), rec([None, None])];
        let d = differences(&a, &b, 0, 12);
        assert_eq!(d, vec![-4, 0, -5, 11]);
        let p = paired(&d);
        assert_close(p.p_earlier, 0.5);
        assert_close(p.p_later, 0.25);
        assert_close(p.median_diff_months, -4.0);
        assert_close(p.p05_diff_months, -5.0);
        assert_close(p.p95_diff_months, 11.0);
    }
}
