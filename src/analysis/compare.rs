//! Comparing ensembles of several scenarios on common random numbers.
//!
//! Run `i` of every scenario is seeded from the same (master seed, run index) as run `i` of
//! the reference (the first scenario), so the uncertain inputs that the scenarios share are
//! drawn alike and run-by-run differences isolate the effect of what the scenarios change.
//! For each side, the difference is this scenario's step (month, in the war model) of judging
//! that time is not on its side minus the reference's, run by run; a run that never tips
//! counts as tipping at horizon + 1. The pairs need each run's tipping month, which an ensemble
//! keeps only when asked ([`PerRun::TippingMonths`](super::ensemble::PerRun::TippingMonths),
//! 4 bytes a run); the differences are counted by value, so nothing else grows with the number
//! of runs. This module reads ensembles and summaries (it never runs
//! the model) and builds the [`Comparison`] record that `comparison.json` and `comparison.csv`
//! (written by [`crate::export::comparison`]), the stdout table and the comparison charts all
//! read.

use super::ensemble::{Ensemble, NEVER};
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
    /// An ensemble kept no per-run tipping months to pair (it was not run with
    /// [`PerRun::TippingMonths`](super::ensemble::PerRun::TippingMonths)).
    #[error("cannot pair {name} with the reference run by run: its ensemble kept no per-run tipping months")]
    NotKept {
        /// The scenario.
        name: String,
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

/// A run's first step of judging that time is not on its side for `side` (as kept in
/// [`Ensemble::tipping_months`]), a run that never tips counting as `horizon + 1`.
pub fn tipping_month(months: [u16; 2], side: usize, horizon: usize) -> i64 {
    match months[side] {
        NEVER => horizon as i64 + 1,
        m => i64::from(m),
    }
}

/// Run-by-run differences `other − reference` of one side's tipping step, counted by value
/// (at most 2 · horizon + 3 distinct values, whatever the number of runs).
pub fn differences(reference: &[[u16; 2]], other: &[[u16; 2]], side: usize, horizon: usize) -> BTreeMap<i64, u64> {
    let mut counts = BTreeMap::new();
    for (a, b) in reference.iter().zip(other) {
        *counts.entry(tipping_month(*b, side, horizon) - tipping_month(*a, side, horizon)).or_insert(0) += 1;
    }
    counts
}

/// Summarise run-by-run differences, counted by value.
pub fn paired(diffs: &BTreeMap<i64, u64>) -> Paired {
    let runs: u64 = diffs.values().sum();
    let n = runs.max(1) as f64;
    // Nearest-rank quantile, as `sketch::exact_quantile` gives it on the sorted differences (0 for none).
    let q = |p: f64| {
        if runs == 0 {
            return 0.0;
        }
        let rank = ((p * runs as f64).ceil() as u64).clamp(1, runs);
        let mut cum = 0;
        diffs
            .iter()
            .find(|&(_, &c)| {
                cum += c;
                cum >= rank
            })
            .map_or(0.0, |(&d, _)| d as f64)
    };
    let count = |keep: fn(&i64) -> bool| diffs.iter().filter(|(d, _)| keep(d)).map(|(_, &c)| c).sum::<u64>();
    Paired {
        median_diff_months: q(0.5),
        p05_diff_months: q(0.05),
        p95_diff_months: q(0.95),
        p_earlier: round6(count(|&d| d < 0) as f64 / n),
        p_later: round6(count(|&d| d > 0) as f64 / n),
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
    let runs = r.ensemble.tally.runs();
    for m in members {
        if m.ensemble.tipping_months.len() != m.ensemble.tally.runs() {
            return Err(CompareError::NotKept { name: m.summary.scenario.clone() });
        }
    }
    for m in &members[1..] {
        if m.ensemble.tally.runs() != runs {
            return Err(CompareError::NotPaired {
                name: m.summary.scenario.clone(),
                what: "runs",
                this: m.ensemble.tally.runs(),
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
                let d = differences(&r.ensemble.tipping_months, &m.ensemble.tipping_months, s, horizon);
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
    use crate::analysis::sketch::exact_quantile;
    use proptest::prelude::*;

    use crate::testing::assert_close;

    fn months(tip: [Option<u16>; 2]) -> [u16; 2] {
        tip.map(|m| m.unwrap_or(NEVER))
    }

    #[test]
    fn never_counts_as_after_the_horizon() {
        assert_eq!(tipping_month(months([Some(3), None]), 0, 10), 3);
        assert_eq!(tipping_month(months([Some(3), None]), 1, 10), 11);
    }

    #[test]
    fn a_scenario_against_itself_differs_by_nothing() {
        let a: Vec<[u16; 2]> = (0..50).map(|i| months([(i % 3 != 0).then_some(i as u16 % 12), None])).collect();
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
        let a = [[Some(10), None], [Some(4), None], [None, None], [Some(2), None]].map(months);
        let b = [[Some(6), None], [Some(4), None], [Some(8), None], [None, None]].map(months);
        let d = differences(&a, &b, 0, 12);
        assert_eq!(d, BTreeMap::from([(-5, 1), (-4, 1), (0, 1), (11, 1)]));
        let p = paired(&d);
        assert_close(p.p_earlier, 0.5);
        assert_close(p.p_later, 0.25);
        assert_close(p.median_diff_months, -4.0);
        assert_close(p.p05_diff_months, -5.0);
        assert_close(p.p95_diff_months, 11.0);
    }

    /// What the comparison reported from the sorted run-by-run differences.
    fn paired_of_sorted(diffs: &[i64]) -> Paired {
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

    proptest! {
        /// Counting the differences by value gives what sorting them gave.
        #[test]
        fn counted_differences_give_the_sorted_ones(
            pairs in proptest::collection::vec(
                ([proptest::option::of(0u16..=24), proptest::option::of(0u16..=24)],
                 [proptest::option::of(0u16..=24), proptest::option::of(0u16..=24)]),
                0..500,
            ),
        ) {
            let a: Vec<[u16; 2]> = pairs.iter().map(|p| months(p.0)).collect();
            let b: Vec<[u16; 2]> = pairs.iter().map(|p| months(p.1)).collect();
            for side in 0..2 {
                let sorted: Vec<i64> = a
                    .iter()
                    .zip(&b)
                    .map(|(x, y)| tipping_month(*y, side, 24) - tipping_month(*x, side, 24))
                    .collect();
                prop_assert_eq!(paired(&differences(&a, &b, side, 24)), paired_of_sorted(&sorted));
            }
        }
    }
}
