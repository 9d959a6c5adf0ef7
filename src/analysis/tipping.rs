//! Tipping curves: the share of runs in which a side has reached a judgment by each step,
//! with percentiles of the step and their Monte Carlo uncertainty. Steps are the model's time
//! unit; the field names say `month`, the war model's step, as `summary.json` always has.

use super::tally::Counts;
use serde::Serialize;

/// Distribution over runs of the first step of a judgment (the contract's `TIP`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tip {
    /// Share of runs that have reached it by step t, for t = 0..=horizon.
    pub share_by_month: Vec<f64>,
    /// Median step (null when fewer than half the runs reached it).
    pub median_month: Option<f64>,
    /// 10th percentile step (null when fewer than 10% reached it).
    pub p10_month: Option<f64>,
    /// 90th percentile step (null when fewer than 90% reached it).
    pub p90_month: Option<f64>,
    /// Share of runs that never reached it within the horizon.
    pub never_share: f64,
    /// Standard error of `share_by_month` (binomial, sqrt(p(1-p)/n)).
    pub share_se_by_month: Vec<f64>,
    /// Standard error of `never_share`.
    pub never_share_se: f64,
    /// 90% confidence interval of the median step (order-statistic interval); null when the
    /// interval's upper rank did not tip.
    pub median_month_ci90: Option<[f64; 2]>,
    /// Runs that never reached it, by how they ended (outcome name → share of all runs; the
    /// shares sum to `never_share`): "never" is mostly "ended first" when runs end early.
    pub never_by_outcome: std::collections::BTreeMap<String, f64>,
    /// Kaplan–Meier estimate of the share that has reached it by each step *among the runs
    /// still at war* (a run that ended without it is censored at its last step); null where
    /// fewer than 10% of the runs are still at risk. See [`Censoring`].
    pub km_share_by_month: Vec<Option<f64>>,
    /// Greenwood standard error of `km_share_by_month`.
    pub km_se_by_month: Vec<Option<f64>>,
}

/// Binomial standard error of a share.
pub fn share_se(p: f64, n: usize) -> f64 {
    if n == 0 { f64::NAN } else { (p * (1.0 - p) / n as f64).sqrt() }
}

/// Round to 6 decimals, so that JSON stays readable and stable.
pub fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Build the tipping curve over `months` steps from the runs counted by the step at which they
/// first reached the judgment (`first`, steps past the horizon counted at the horizon), out of
/// `runs` runs (the rest never reached it).
pub fn tip(first: &Counts, runs: usize, months: usize) -> Tip {
    let n = runs;
    let tipped = first.total() as usize;
    let mut cum = 0;
    let share_by_month: Vec<f64> = (0..=months)
        .map(|m| {
            cum += first.at(m) as usize;
            if n == 0 { 0.0 } else { round6(cum as f64 / n as f64) }
        })
        .collect();
    let share_se_by_month = share_by_month.iter().map(|&p| round6(share_se(p, n))).collect();
    // The `rank`-th earliest run to reach it (1-based), if that many did.
    let ranked = |rank: usize| (rank <= tipped).then(|| first.ranked(rank as u64)).flatten().map(|m| m as f64);
    let pct = |q: f64| -> Option<f64> {
        if n == 0 {
            return None;
        }
        ranked(((q * n as f64).ceil() as usize).clamp(1, n))
    };
    let never = if n == 0 { 1.0 } else { (n - tipped) as f64 / n as f64 };
    let median_month_ci90 = if n == 0 {
        None
    } else {
        // Ranks n/2 ∓ 1.645·sqrt(n)/2 bracket the median with about 90% coverage.
        let half = 1.645 * (n as f64).sqrt() / 2.0;
        let lo = ((n as f64 / 2.0 - half).floor() as usize).clamp(1, n);
        let hi = ((n as f64 / 2.0 + half).ceil() as usize).clamp(1, n);
        match (ranked(lo), ranked(hi)) {
            (Some(a), Some(b)) => Some([a, b]),
            _ => None,
        }
    };
    Tip {
        share_by_month,
        median_month: pct(0.5),
        p10_month: pct(0.1),
        p90_month: pct(0.9),
        never_share: round6(never),
        share_se_by_month,
        never_share_se: round6(share_se(never, n)),
        median_month_ci90,
        never_by_outcome: Default::default(),
        km_share_by_month: Vec::new(),
        km_se_by_month: Vec::new(),
    }
}

/// How the runs that never reached a judgment ended, and the Kaplan–Meier estimate among the
/// runs still at war: the two readings of a tipping curve that the share alone hides.
///
/// A run that ends (an objective reached, the other side giving up, a collapse) stops judging:
/// the share of all runs flattens because runs end, not because judgments stop. `never_by_outcome`
/// splits the "never" share by how those runs ended; the Kaplan–Meier curve treats a run that
/// ended without the judgment as censored at its last step, and so estimates the share that
/// would have reached it *had the ended runs gone on like those still fighting* — an honest
/// statistic only under that assumption, and labelled so wherever it is shown.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Censoring {
    /// Runs that never reached it, by outcome name: share of all runs (they sum to `never_share`).
    pub never_by_outcome: std::collections::BTreeMap<String, f64>,
    /// Kaplan–Meier estimate of the share that has reached it by each step, among runs still at
    /// war; `None` from the step at which fewer than [`KM_AT_RISK_MIN`] of the runs are at risk.
    pub km_share_by_month: Vec<Option<f64>>,
    /// Greenwood standard error of `km_share_by_month`.
    pub km_se_by_month: Vec<Option<f64>>,
}

/// Share of the runs that must still be at risk (at war, not yet judged) for the Kaplan–Meier
/// estimate to be reported at a step.
pub const KM_AT_RISK_MIN: f64 = 0.1;

/// [`Censoring`] of a judgment over `months` steps, out of `runs` runs: `first` counts the
/// runs by the step at which they first reached it, `censored` the others by the step at which
/// they ended (both with steps past the horizon counted at the horizon), and `never` the
/// others by outcome name.
pub fn censoring(
    first: &Counts,
    censored: &Counts,
    never: &std::collections::BTreeMap<String, u64>,
    runs: usize,
    months: usize,
) -> Censoring {
    let n = runs;
    let never_by_outcome = never.iter().map(|(k, &c)| (k.clone(), round6(c as f64 / n.max(1) as f64))).collect();
    // Judged at step t (events) and ended at step t without the judgment (censored after t).
    let events = |t: usize| first.at(t) as usize;
    let censored = |t: usize| censored.at(t) as usize;
    let need = (KM_AT_RISK_MIN * n as f64).max(1.0);
    let (mut at_risk, mut surv, mut green) = (n, 1.0f64, 0.0f64);
    let mut km = Vec::with_capacity(months + 1);
    let mut se = Vec::with_capacity(months + 1);
    for t in 0..=months {
        if (at_risk as f64) < need {
            km.push(None);
            se.push(None);
        } else {
            let d = events(t);
            surv *= 1.0 - d as f64 / at_risk as f64;
            if at_risk > d {
                green += d as f64 / (at_risk as f64 * (at_risk - d) as f64);
            }
            km.push(Some(round6(1.0 - surv)));
            se.push(Some(round6(surv * green.sqrt())));
        }
        at_risk = at_risk.saturating_sub(events(t) + censored(t));
    }
    Censoring { never_by_outcome, km_share_by_month: km, km_se_by_month: se }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the expected values in these tests are exact
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// The runs' first steps (`None` = never), counted as an ensemble's tally counts them.
    fn counted(first: &[Option<u16>], months: usize) -> Counts {
        let mut c = Counts::with_len(months + 1);
        for m in first.iter().flatten() {
            c.add((*m as usize).min(months));
        }
        c
    }

    /// [`tip`] of each run's first step.
    fn tip_of(first: &[Option<u16>], months: usize) -> Tip {
        tip(&counted(first, months), first.len(), months)
    }

    /// [`censoring`] of each run's first step, last step and outcome name.
    fn censoring_of(first: &[Option<u16>], end_step: &[u16], outcome: &[String], months: usize) -> Censoring {
        let mut censored = Counts::with_len(months + 1);
        let mut never = BTreeMap::new();
        for ((f, &e), o) in first.iter().zip(end_step).zip(outcome) {
            if f.is_none() {
                censored.add((e as usize).min(months));
                *never.entry(o.clone()).or_insert(0) += 1;
            }
        }
        censoring(&counted(first, months), &censored, &never, first.len(), months)
    }

    /// The per-run computations that the counts replace: the oracle of the property below.
    mod per_run {
        use super::super::*;

        pub fn tip(first: &[Option<u16>], months: usize) -> Tip {
            let n = first.len();
            let mut hist = vec![0usize; months + 1];
            let mut sorted: Vec<u16> = Vec::with_capacity(n);
            for m in first.iter().flatten() {
                let m = (*m as usize).min(months);
                hist[m] += 1;
                sorted.push(m as u16);
            }
            sorted.sort_unstable();
            let mut cum = 0;
            let share_by_month: Vec<f64> = hist
                .iter()
                .map(|h| {
                    cum += h;
                    if n == 0 { 0.0 } else { round6(cum as f64 / n as f64) }
                })
                .collect();
            let share_se_by_month = share_by_month.iter().map(|&p| round6(share_se(p, n))).collect();
            let pct = |q: f64| -> Option<f64> {
                if n == 0 {
                    return None;
                }
                let rank = ((q * n as f64).ceil() as usize).clamp(1, n);
                sorted.get(rank - 1).map(|&m| m as f64)
            };
            let never = if n == 0 { 1.0 } else { (n - sorted.len()) as f64 / n as f64 };
            let median_month_ci90 = if n == 0 {
                None
            } else {
                let half = 1.645 * (n as f64).sqrt() / 2.0;
                let lo = ((n as f64 / 2.0 - half).floor() as usize).clamp(1, n);
                let hi = ((n as f64 / 2.0 + half).ceil() as usize).clamp(1, n);
                match (sorted.get(lo - 1), sorted.get(hi - 1)) {
                    (Some(&a), Some(&b)) => Some([a as f64, b as f64]),
                    _ => None,
                }
            };
            Tip {
                share_by_month,
                median_month: pct(0.5),
                p10_month: pct(0.1),
                p90_month: pct(0.9),
                never_share: round6(never),
                share_se_by_month,
                never_share_se: round6(share_se(never, n)),
                median_month_ci90,
                never_by_outcome: Default::default(),
                km_share_by_month: Vec::new(),
                km_se_by_month: Vec::new(),
            }
        }

        pub fn censoring(first: &[Option<u16>], end_step: &[u16], outcome: &[String], months: usize) -> Censoring {
            let n = first.len();
            let mut counts = std::collections::BTreeMap::<String, usize>::new();
            for (f, o) in first.iter().zip(outcome) {
                if f.is_none() {
                    *counts.entry(o.clone()).or_insert(0) += 1;
                }
            }
            let never_by_outcome = counts.into_iter().map(|(k, c)| (k, round6(c as f64 / n.max(1) as f64))).collect();
            let mut events = vec![0usize; months + 1];
            let mut censored = vec![0usize; months + 1];
            for (f, &e) in first.iter().zip(end_step) {
                match f {
                    Some(m) => events[(*m as usize).min(months)] += 1,
                    None => censored[(e as usize).min(months)] += 1,
                }
            }
            let need = (KM_AT_RISK_MIN * n as f64).max(1.0);
            let (mut at_risk, mut surv, mut green) = (n, 1.0f64, 0.0f64);
            let mut km = Vec::with_capacity(months + 1);
            let mut se = Vec::with_capacity(months + 1);
            for t in 0..=months {
                if (at_risk as f64) < need {
                    km.push(None);
                    se.push(None);
                } else {
                    let d = events[t];
                    surv *= 1.0 - d as f64 / at_risk as f64;
                    if at_risk > d {
                        green += d as f64 / (at_risk as f64 * (at_risk - d) as f64);
                    }
                    km.push(Some(round6(1.0 - surv)));
                    se.push(Some(round6(surv * green.sqrt())));
                }
                at_risk = at_risk.saturating_sub(events[t] + censored[t]);
            }
            Censoring { never_by_outcome, km_share_by_month: km, km_se_by_month: se }
        }
    }

    proptest! {
        /// From counts, the curves, percentiles, median interval, "never" split and
        /// Kaplan–Meier curve are bit for bit those of the runs' own values. An ensemble has at
        /// least one run (`runs` is checked from 1); with none, the standard errors are NaN on
        /// both sides and `==` cannot see them equal.
        #[test]
        fn counts_give_what_the_runs_gave(
            runs in proptest::collection::vec(
                (proptest::option::of(0u16..40), 0u16..40, proptest::sample::select(vec!["ongoing", "ceasefire", "collapse_a"])),
                1..600,
            ),
            months in 1usize..36,
        ) {
            let first: Vec<Option<u16>> = runs.iter().map(|r| r.0).collect();
            let ends: Vec<u16> = runs.iter().map(|r| r.1).collect();
            let names: Vec<String> = runs.iter().map(|r| r.2.to_string()).collect();
            prop_assert_eq!(tip_of(&first, months), per_run::tip(&first, months));
            prop_assert_eq!(censoring_of(&first, &ends, &names, months), per_run::censoring(&first, &ends, &names, months));
        }
    }

    #[test]
    fn curve_is_cumulative_and_percentiles_null_when_too_few_tip() {
        let first = [Some(2), Some(4), None, None, Some(4), None, None, None, None, None];
        let t = tip_of(&first, 6);
        assert_eq!(t.share_by_month, vec![0.0, 0.0, 0.1, 0.1, 0.3, 0.3, 0.3]);
        assert_eq!(t.p10_month, Some(2.0));
        assert_eq!(t.median_month, None);
        assert_eq!(t.p90_month, None);
        assert_eq!(t.never_share, 0.7);
        assert!(t.share_by_month.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn never_is_split_by_how_runs_ended_and_km_counts_only_runs_at_war() {
        // Four runs over 4 steps: one judges at 1, one ends (objective) at 2 without judging,
        // one judges at 3, one is still fighting at the horizon.
        let first = [Some(1), None, Some(3), None];
        let end = [4, 2, 4, 4];
        let names: Vec<String> = ["ongoing", "objective_a", "ongoing", "ongoing"].map(String::from).to_vec();
        let c = censoring_of(&first, &end, &names, 4);
        assert_eq!(c.never_by_outcome.get("objective_a"), Some(&0.25));
        assert_eq!(c.never_by_outcome.get("ongoing"), Some(&0.25));
        // S(1) = 3/4; at 3, two runs are at risk (the objective run is censored after 2), one judges.
        assert_eq!(c.km_share_by_month[1], Some(0.25));
        assert_eq!(c.km_share_by_month[2], Some(0.25));
        assert_eq!(c.km_share_by_month[3], Some(round6(1.0 - 0.75 * 0.5)));
        // The share of all runs is lower: the ended run counts as "never".
        assert_eq!(tip_of(&first, 4).share_by_month[3], 0.5);
        assert!(c.km_se_by_month[3].is_some_and(|s| s > 0.0));
    }

    #[test]
    fn all_tipping_gives_all_percentiles() {
        let first: Vec<Option<u16>> = (0..100).map(|i| Some(i as u16 % 10)).collect();
        let t = tip_of(&first, 12);
        assert_eq!(t.median_month, Some(4.0));
        assert_eq!(t.p10_month, Some(0.0));
        assert_eq!(t.p90_month, Some(8.0));
        assert_eq!(t.never_share, 0.0);
        assert_eq!(*t.share_by_month.last().unwrap(), 1.0);
        let ci = t.median_month_ci90.unwrap();
        assert!(ci[0] <= 4.0 && ci[1] >= 4.0);
    }
}
