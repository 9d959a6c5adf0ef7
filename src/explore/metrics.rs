//! What an experiment reports about a set of runs, each number with its Monte Carlo error.
//!
//! The tipping month of a side is observed for every run up to the horizon τ, so the share of
//! **all** runs that tipped by month T is the cumulative incidence of tipping (runs that ended
//! first by a cease-fire, a collapse or an objective are a competing outcome and stay in the
//! denominator; no Kaplan–Meier). The restricted mean tipping month is the mean of
//! min(T, τ), a run that never tipped counting τ: a number of months, never a "never = 61"
//! code. Outcome shares split the cease-fires by which side had cut its losses.
//!
//! Standard errors are binomial (√(p(1−p)/n)) for shares and s/√n for the restricted mean;
//! [`wilson`] gives the score interval of a share for small groups (the tornado's fifths).

use super::experiment::RunOutcome;
use crate::judgment::Outcome;
use crate::scenario::SideInfo;
use serde::Serialize;

/// Months T of the reported P(tip by T) (those within the horizon are used).
pub const TIP_MONTHS: [usize; 5] = [12, 24, 36, 48, 60];

/// An estimate with its standard error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// The estimate.
    pub value: f64,
    /// Its standard error.
    pub se: f64,
}

/// A share of `k` successes in `n` trials with its binomial standard error (0 for no trials).
pub fn share(k: usize, n: usize) -> Estimate {
    if n == 0 {
        return Estimate { value: 0.0, se: 0.0 };
    }
    let p = k as f64 / n as f64;
    Estimate { value: p, se: (p * (1.0 - p) / n as f64).sqrt() }
}

/// The mean of `xs` with its standard error s/√n.
pub fn mean(xs: impl IntoIterator<Item = f64>) -> Estimate {
    let (mut n, mut m, mut m2) = (0usize, 0.0f64, 0.0f64);
    for x in xs {
        n += 1;
        let d = x - m;
        m += d / n as f64;
        m2 += d * (x - m);
    }
    if n < 2 {
        return Estimate { value: m, se: 0.0 };
    }
    Estimate { value: m, se: (m2 / (n - 1) as f64 / n as f64).sqrt() }
}

/// The Wilson score interval of `k` successes in `n` trials at normal quantile `z`
/// (1.645 for 90%); (0, 1) for no trials.
pub fn wilson(k: usize, n: usize, z: f64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let nf = n as f64;
    let p = k as f64 / nf;
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * nf)) / (1.0 + z2 / nf);
    let half = z / (1.0 + z2 / nf) * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// The restricted tipping month of a run: the month side `s` tipped, or the horizon if it
/// never did (min(T, τ)).
pub fn restricted_month(o: &RunOutcome, s: usize, horizon: usize) -> f64 {
    o.tip[s].map_or(horizon, |m| (m as usize).min(horizon)) as f64
}

/// What is reported for one side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideMetrics {
    /// P(the side judged time not on its side by month T), for each T in `months`.
    pub tip_by: Vec<Estimate>,
    /// The months T.
    pub months: Vec<usize>,
    /// Restricted mean tipping month, E[min(T, horizon)], months.
    pub restricted_mean_month: Estimate,
}

/// The outcome classes reported: how runs ended, cease-fires split by who had cut its losses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeClass {
    /// Still fighting at the horizon.
    Ongoing,
    /// A cease-fire after side `s` (alone) would cut its losses.
    CeasefireCut(usize),
    /// A cease-fire after both would cut their losses (in the same month).
    CeasefireBothCut,
    /// A cease-fire with neither cutting its losses (both judged time not on their side).
    CeasefireJudged,
    /// Side `s` collapsed.
    Collapse(usize),
    /// Side `s` took its objective.
    Objective(usize),
}

/// Every outcome class, in report order.
pub const OUTCOME_CLASSES: [OutcomeClass; 9] = [
    OutcomeClass::Ongoing,
    OutcomeClass::CeasefireCut(0),
    OutcomeClass::CeasefireCut(1),
    OutcomeClass::CeasefireBothCut,
    OutcomeClass::CeasefireJudged,
    OutcomeClass::Collapse(0),
    OutcomeClass::Collapse(1),
    OutcomeClass::Objective(0),
    OutcomeClass::Objective(1),
];

impl OutcomeClass {
    /// The class of a run.
    pub fn of(o: &RunOutcome) -> OutcomeClass {
        match o.outcome {
            Outcome::Ongoing => OutcomeClass::Ongoing,
            Outcome::Collapse(s) => OutcomeClass::Collapse(s),
            Outcome::Objective(s) => OutcomeClass::Objective(s),
            Outcome::CeasefireCutLosses(s) => OutcomeClass::CeasefireCut(s),
            Outcome::Ceasefire => {
                let cut = [0, 1].map(|s| o.cut[s].is_some_and(|m| m <= o.end));
                match cut {
                    [true, true] => OutcomeClass::CeasefireBothCut,
                    [true, false] => OutcomeClass::CeasefireCut(0),
                    [false, true] => OutcomeClass::CeasefireCut(1),
                    [false, false] => OutcomeClass::CeasefireJudged,
                }
            }
        }
    }

    /// Machine name, e.g. `ceasefire_russia_cut_losses` (as [`Outcome`]'s names).
    pub fn name(&self, sides: &[SideInfo; 2]) -> String {
        match *self {
            OutcomeClass::Ongoing => "ongoing".into(),
            OutcomeClass::CeasefireCut(s) => format!("ceasefire_{}_cut_losses", sides[s].name),
            OutcomeClass::CeasefireBothCut => "ceasefire_both_cut_losses".into(),
            OutcomeClass::CeasefireJudged => "ceasefire_both_judged".into(),
            OutcomeClass::Collapse(s) => format!("collapse_{}", sides[s].name),
            OutcomeClass::Objective(s) => format!("objective_{}", sides[s].name),
        }
    }

    /// A reader's label, e.g. "cease-fire: Russia cut its losses".
    pub fn label(&self, sides: &[SideInfo; 2]) -> String {
        match *self {
            OutcomeClass::Ongoing => "still fighting".into(),
            OutcomeClass::CeasefireCut(s) => format!("cease-fire: {} cut its losses", sides[s].label),
            OutcomeClass::CeasefireBothCut => "cease-fire: both cut their losses".into(),
            OutcomeClass::CeasefireJudged => "cease-fire: both judged time against them".into(),
            OutcomeClass::Collapse(s) => format!("{} collapsed", sides[s].label),
            OutcomeClass::Objective(s) => format!("{} took its objective", sides[s].label),
        }
    }

    /// Position in [`OUTCOME_CLASSES`].
    pub fn index(&self) -> usize {
        OUTCOME_CLASSES.iter().position(|c| c == self).unwrap_or(0)
    }
}

/// Everything reported about one set of runs (a grid point, a scenario).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    /// Number of runs.
    pub runs: usize,
    /// Per side, in scenario order.
    pub sides: [SideMetrics; 2],
    /// Share of runs in each of [`OUTCOME_CLASSES`].
    pub outcomes: Vec<Estimate>,
}

/// The metrics of `runs` over a horizon of `horizon` months, with P(tip by T) for each T of
/// `months` within the horizon.
pub fn metrics(runs: &[RunOutcome], horizon: usize, months: &[usize]) -> Metrics {
    let n = runs.len();
    let months: Vec<usize> = months.iter().copied().filter(|&m| m <= horizon).collect();
    let side = |s: usize| SideMetrics {
        tip_by: months.iter().map(|&m| share(runs.iter().filter(|o| o.tipped_by(s, m)).count(), n)).collect(),
        months: months.clone(),
        restricted_mean_month: mean(runs.iter().map(|o| restricted_month(o, s, horizon))),
    };
    let mut counts = [0usize; 9];
    for o in runs {
        counts[OutcomeClass::of(o).index()] += 1;
    }
    Metrics { runs: n, sides: [side(0), side(1)], outcomes: counts.iter().map(|&k| share(k, n)).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(tip0: Option<u16>, outcome: Outcome, end: u16, cut: [Option<u16>; 2]) -> RunOutcome {
        RunOutcome { run: 0, tip: [tip0, None], cut, outcome, end }
    }

    #[test]
    fn competing_outcomes_stay_in_the_denominator() {
        // Four runs: tipped at 10, tipped at 30, ended by a cease-fire at 5 without tipping,
        // never tipped. P(tip by 24) = 1/4, not 1/3: the cease-fire run is not censored.
        let runs = [
            run(Some(10), Outcome::Ongoing, 60, [None; 2]),
            run(Some(30), Outcome::Ongoing, 60, [None; 2]),
            run(None, Outcome::CeasefireCutLosses(1), 5, [None, Some(5)]),
            run(None, Outcome::Ongoing, 60, [None; 2]),
        ];
        let m = metrics(&runs, 60, &TIP_MONTHS);
        let by24 = m.sides[0].tip_by[1];
        assert!((by24.value - 0.25).abs() < 1e-12);
        assert!((by24.se - (0.25f64 * 0.75 / 4.0).sqrt()).abs() < 1e-12);
        // Restricted mean: (10 + 30 + 60 + 60) / 4 = 40 months.
        assert!((m.sides[0].restricted_mean_month.value - 40.0).abs() < 1e-12);
        assert!((m.outcomes[OutcomeClass::CeasefireCut(1).index()].value - 0.25).abs() < 1e-12);
        assert!((m.outcomes[OutcomeClass::Ongoing.index()].value - 0.75).abs() < 1e-12);
        let total: f64 = m.outcomes.iter().map(|e| e.value).sum();
        assert!((total - 1.0).abs() < 1e-12);
    }

    #[test]
    fn months_beyond_the_horizon_are_left_out() {
        let runs = [run(Some(3), Outcome::Ongoing, 30, [None; 2])];
        let m = metrics(&runs, 30, &TIP_MONTHS);
        assert_eq!(m.sides[0].months, vec![12, 24]);
        assert!((m.sides[1].restricted_mean_month.value - 30.0).abs() < 1e-12);
    }

    #[test]
    fn wilson_intervals_match_the_textbook_values() {
        // 8 of 10 at 95%: (0.4902, 0.9433) (Wilson 1927; Newcombe 1998, table I).
        let (lo, hi) = wilson(8, 10, 1.959964);
        assert!((lo - 0.4902).abs() < 1e-4 && (hi - 0.9433).abs() < 1e-4, "{lo} {hi}");
        let (lo, hi) = wilson(0, 20, 1.959964);
        assert!(lo.abs() < 1e-12 && (hi - 0.1611).abs() < 1e-4, "{hi}");
    }

    #[test]
    fn cease_fires_are_split_by_who_cut() {
        let both = run(None, Outcome::Ceasefire, 7, [Some(7), Some(7)]);
        let one = run(None, Outcome::CeasefireCutLosses(1), 7, [None, Some(7)]);
        assert_eq!(OutcomeClass::of(&one), OutcomeClass::CeasefireCut(1));
        let later = run(None, Outcome::Ceasefire, 7, [Some(7), Some(9)]);
        let judged = run(None, Outcome::Ceasefire, 7, [None, None]);
        assert_eq!(OutcomeClass::of(&both), OutcomeClass::CeasefireBothCut);
        assert_eq!(OutcomeClass::of(&later), OutcomeClass::CeasefireCut(0));
        assert_eq!(OutcomeClass::of(&judged), OutcomeClass::CeasefireJudged);
    }
}
