//! The tally of an ensemble's runs: what the summary, the charts and the tables read of the
//! runs, as counts, sums and (for the final fronts) a bounded sample, so that an ensemble's
//! memory does not grow with its number of runs.
//!
//! The simulation adds each run's [`RunRecord`] to a [`RunTally`] in run order, once, as the
//! run is streamed to `runs.csv` (see `crate::sim::ensemble`); the record is then dropped.
//! Everything a summary reported from the kept records it now reads from here, with the same
//! result:
//!
//! - outcomes are counted by their last step, so shares, the share still fighting at each step
//!   and the outcome charts are exact;
//! - each judgment (per side) is counted by its first step, and the runs that never reached it
//!   by outcome and by last step: the tipping curves, their order-statistic percentiles and
//!   median interval, the "never" split and the Kaplan–Meier curve are exact
//!   ([`crate::analysis::tipping`]);
//! - each key event's first step is counted, so its median is the exact nearest-rank median;
//! - the drivers' shares are summed in run order, as a sum over the kept records was, so their
//!   means are bit for bit the same;
//! - the final front strengths are kept exactly up to [`FRONTS_EXACT_UP_TO`] runs (every
//!   percentile is then exact); beyond that they go into the quantile sketch
//!   [`Cell`], whose percentiles lie within 0.4 % (relative) of a value
//!   the exact percentile could take.
//!
//! Steps are counted in histograms of at most one entry per step (a horizon is at most 1,200
//! steps), so a tally is a few hundred kilobytes whatever the number of runs. Which runs tipped
//! when, run by run, is not here: comparisons on common random numbers keep it separately, and
//! only when asked ([`crate::analysis::ensemble::PerRun`]).

use super::ensemble::{N_DRIVERS, RunRecord};
use super::sketch::{Cell, exact_quantile};
use crate::judgment::outcome::{KEY_EVENTS, Outcome};

/// Final front strengths kept exactly per side; beyond this many runs they are sketched.
pub const FRONTS_EXACT_UP_TO: usize = 65_536;

/// A histogram of steps: how many runs had each step (0, 1, 2, ...), growing to the largest
/// step counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts(Vec<u64>);

impl Counts {
    /// Empty counts with room for steps `0..len`.
    pub fn with_len(len: usize) -> Counts {
        Counts(vec![0; len])
    }

    /// Count one run at `step`.
    pub fn add(&mut self, step: usize) {
        if step >= self.0.len() {
            self.0.resize(step + 1, 0);
        }
        self.0[step] += 1;
    }

    /// Runs counted at `step`.
    pub fn at(&self, step: usize) -> u64 {
        self.0.get(step).copied().unwrap_or(0)
    }

    /// The counts by step, from step 0 (steps past the end have none).
    pub fn as_slice(&self) -> &[u64] {
        &self.0
    }

    /// Runs counted.
    pub fn total(&self) -> u64 {
        self.0.iter().sum()
    }

    /// The `rank`-th smallest step counted (1-based), if at least `rank` runs were counted.
    pub fn ranked(&self, rank: u64) -> Option<usize> {
        let mut cum = 0;
        self.0.iter().position(|&c| {
            cum += c;
            cum >= rank.max(1)
        })
    }

    /// Nearest-rank quantile `q` in [0, 1] of the steps counted, as
    /// [`exact_quantile`] gives it on the sorted steps (`None` if none were counted).
    pub fn quantile(&self, q: f64) -> Option<f64> {
        let n = self.total() as usize;
        if n == 0 {
            return None;
        }
        let rank = ((q * n as f64).ceil() as usize).clamp(1, n);
        self.ranked(rank as u64).map(|s| s as f64)
    }
}

/// One judgment of one side over the runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JudgmentTally {
    /// Runs by the first step of the judgment (steps past the horizon counted at the horizon).
    pub first: Counts,
    /// Runs that never reached it, by outcome (indexed as [`Outcome::ALL`]).
    pub never: [u64; Outcome::COUNT],
    /// Runs that never reached it, by their last step (steps past the horizon counted at the
    /// horizon).
    pub censored: Counts,
}

impl JudgmentTally {
    fn new(horizon: usize) -> JudgmentTally {
        JudgmentTally {
            first: Counts::with_len(horizon + 1),
            never: [0; Outcome::COUNT],
            censored: Counts::with_len(horizon + 1),
        }
    }

    fn add(&mut self, first: Option<u16>, outcome: Outcome, end_step: u16, horizon: usize) {
        match first {
            Some(m) => self.first.add((m as usize).min(horizon)),
            None => {
                self.never[outcome.index()] += 1;
                self.censored.add((end_step as usize).min(horizon));
            }
        }
    }
}

/// Final front strengths of one side: every value up to [`FRONTS_EXACT_UP_TO`], a sketch
/// beyond.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fronts {
    exact: Vec<f32>,
    sketch: Option<Cell>,
}

impl Fronts {
    /// Add one run's final front strength, thousand persons.
    pub fn add(&mut self, v: f32) {
        if let Some(cell) = &mut self.sketch {
            cell.add(v);
        } else if self.exact.len() < FRONTS_EXACT_UP_TO {
            self.exact.push(v);
        } else {
            let mut cell = Cell::default();
            for x in std::mem::take(&mut self.exact) {
                cell.add(x);
            }
            cell.add(v);
            self.sketch = Some(cell);
        }
    }

    /// Whether the values are kept exactly (at most [`FRONTS_EXACT_UP_TO`] of them).
    pub fn is_exact(&self) -> bool {
        self.sketch.is_none()
    }

    /// Nearest-rank quantiles `qs` (each in [0, 1]), thousand persons: exact up to
    /// [`FRONTS_EXACT_UP_TO`] values, within the sketch's precision beyond (NaN for none).
    pub fn quantiles<const N: usize>(&self, qs: [f64; N]) -> [f64; N] {
        match &self.sketch {
            Some(cell) => cell.quantiles(qs),
            None => {
                let mut sorted: Vec<f64> = self.exact.iter().map(|&v| v as f64).collect();
                sorted.sort_by(f64::total_cmp);
                qs.map(|q| exact_quantile(&sorted, q))
            }
        }
    }
}

/// The drivers of one side's tipping point over the runs that tipped.
#[derive(Debug, Clone, PartialEq)]
pub struct DriverSums {
    /// Sum of each attribution share over the runs that tipped, added in run order.
    pub sum: [f64; N_DRIVERS],
    /// Runs that tipped (with attribution shares).
    pub runs: u64,
}

impl Default for DriverSums {
    fn default() -> Self {
        // −0.0 is the neutral element of addition (0.0 + −0.0 is 0.0): a sum started here is
        // bit for bit the `Iterator::sum` of the same values in the same order.
        DriverSums { sum: [-0.0; N_DRIVERS], runs: 0 }
    }
}

impl DriverSums {
    /// Mean attribution share of driver `i` (0 when no run tipped).
    pub fn mean(&self, i: usize) -> f64 {
        if self.runs == 0 { 0.0 } else { self.sum[i] / self.runs as f64 }
    }
}

/// What the summaries and charts read of an ensemble's runs (see the module documentation).
#[derive(Debug, Clone, PartialEq)]
pub struct RunTally {
    horizon: usize,
    runs: u64,
    /// Per outcome (indexed as [`Outcome::ALL`]), runs by their last step.
    ends: [Counts; Outcome::COUNT],
    /// Per side: "time is not on our side", then "we would cut our losses".
    judgments: [[JudgmentTally; 2]; 2],
    /// Per side, per key event ([`KEY_EVENTS`]): runs by the event's first step.
    key_events: [[Counts; KEY_EVENTS.len()]; 2],
    drivers: [DriverSums; 2],
    /// Per side: runs that ended with the larger front.
    ahead: [u64; 2],
    fronts: [Fronts; 2],
}

/// Which judgment of a side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgment {
    /// "Time is not on our side".
    TimeNotOnSide,
    /// "We would cut our losses".
    CutLosses,
}

impl RunTally {
    /// An empty tally of an ensemble over `horizon` steps.
    pub fn new(horizon: usize) -> RunTally {
        RunTally {
            horizon,
            runs: 0,
            ends: std::array::from_fn(|_| Counts::with_len(horizon + 1)),
            judgments: std::array::from_fn(|_| std::array::from_fn(|_| JudgmentTally::new(horizon))),
            key_events: std::array::from_fn(|_| std::array::from_fn(|_| Counts::with_len(horizon + 1))),
            drivers: Default::default(),
            ahead: [0; 2],
            fronts: Default::default(),
        }
    }

    /// Add one run (runs are added in run order: the drivers' sums depend on it).
    pub fn add(&mut self, r: &RunRecord) {
        self.runs += 1;
        self.ends[r.outcome.index()].add(r.end_step as usize);
        for s in 0..2 {
            let [tn, cl] = &mut self.judgments[s];
            tn.add(r.time_not_on_side[s], r.outcome, r.end_step, self.horizon);
            cl.add(r.cut_losses[s], r.outcome, r.end_step, self.horizon);
            for (counts, at) in self.key_events[s].iter_mut().zip(r.key_events[s]) {
                if let Some(m) = at {
                    counts.add(m as usize);
                }
            }
            if let Some(shares) = &r.drivers[s] {
                let d = &mut self.drivers[s];
                for (sum, &x) in d.sum.iter_mut().zip(shares) {
                    *sum += x as f64;
                }
                d.runs += 1;
            }
            if r.final_front_k[s] > r.final_front_k[1 - s] {
                self.ahead[s] += 1;
            }
            self.fronts[s].add(r.final_front_k[s]);
        }
    }

    /// Runs added.
    pub fn runs(&self) -> usize {
        self.runs as usize
    }

    /// Horizon in steps.
    pub fn horizon(&self) -> usize {
        self.horizon
    }

    /// Runs that ended with `outcome`.
    pub fn outcome_runs(&self, outcome: Outcome) -> u64 {
        self.ends[outcome.index()].total()
    }

    /// Runs that ended with `outcome`, by their last step.
    pub fn ends(&self, outcome: Outcome) -> &Counts {
        &self.ends[outcome.index()]
    }

    /// One judgment of side `side` (0 or 1).
    pub fn judgment(&self, side: usize, which: Judgment) -> &JudgmentTally {
        &self.judgments[side][which as usize]
    }

    /// Runs by the first step of key event `k` ([`KEY_EVENTS`]) of side `side`.
    pub fn key_event(&self, side: usize, k: usize) -> &Counts {
        &self.key_events[side][k]
    }

    /// The drivers of side `side`'s tipping point.
    pub fn drivers(&self, side: usize) -> &DriverSums {
        &self.drivers[side]
    }

    /// Runs in which side `side` ended with the larger front.
    pub fn ahead(&self, side: usize) -> u64 {
        self.ahead[side]
    }

    /// Final front strengths of side `side`.
    pub fn fronts(&self, side: usize) -> &Fronts {
        &self.fronts[side]
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the expected values in these tests are exact
mod tests {
    use super::*;
    use proptest::array::uniform;
    use proptest::prelude::*;

    #[test]
    fn counts_read_ranks_and_nearest_rank_quantiles() {
        let mut c = Counts::with_len(3);
        for s in [5, 1, 1, 2] {
            c.add(s);
        }
        assert_eq!(c.total(), 4);
        assert_eq!(c.as_slice(), &[0, 2, 1, 0, 0, 1]);
        assert_eq!(c.ranked(1), Some(1));
        assert_eq!(c.ranked(3), Some(2));
        assert_eq!(c.ranked(4), Some(5));
        assert_eq!(c.ranked(5), None);
        assert_eq!(c.quantile(0.5), Some(1.0));
        assert_eq!(c.quantile(1.0), Some(5.0));
        assert_eq!(Counts::default().quantile(0.5), None);
    }

    #[test]
    fn fronts_are_exact_up_to_the_cap_and_sketched_beyond() {
        let mut f = Fronts::default();
        for i in 0..FRONTS_EXACT_UP_TO {
            f.add(i as f32);
        }
        assert!(f.is_exact());
        assert_eq!(f.quantiles([0.0, 0.5, 1.0]), [0.0, 32_767.0, 65_535.0]);
        f.add(-1.0);
        assert!(!f.is_exact());
        let [lo, mid, hi] = f.quantiles([0.0, 0.5, 1.0]);
        assert_eq!((lo, hi), (-1.0, 65_535.0));
        assert!((mid - 32_767.0).abs() <= 0.004 * 32_767.0, "{mid}");
    }

    fn step(max: u16) -> impl Strategy<Value = Option<u16>> {
        prop_oneof![1 => Just(None), 2 => (0..=max).prop_map(Some)]
    }

    prop_compose! {
        fn record(horizon: u16)(
            outcome in proptest::sample::select(Outcome::ALL.to_vec()),
            end_step in 0..=horizon,
            time_not_on_side in uniform(step(horizon + 2)),
            cut_losses in uniform(step(horizon)),
            drivers in uniform(proptest::option::of(uniform(0.0f32..1.0))),
            final_front_k in uniform(prop_oneof![0.0f32..500.0, Just(-0.0f32), Just(100.0f32)]),
            key_events in uniform(uniform(step(horizon))),
        ) -> RunRecord {
            RunRecord { outcome, end_step, time_not_on_side, cut_losses, drivers, final_front_k, key_events }
        }
    }

    proptest! {
        /// What the tally keeps gives what the per-run computations gave on the kept records.
        #[test]
        fn the_tally_reads_what_the_records_gave(records in proptest::collection::vec(record(30), 0..400)) {
            let horizon = 30;
            let mut t = RunTally::new(horizon);
            for r in &records {
                t.add(r);
            }
            prop_assert_eq!(t.runs(), records.len());
            for o in Outcome::ALL {
                let ends: Vec<u16> = records.iter().filter(|r| r.outcome == o).map(|r| r.end_step).collect();
                prop_assert_eq!(t.outcome_runs(o), ends.len() as u64);
                for step in 0..=horizon {
                    let n = ends.iter().filter(|&&e| e as usize == step).count() as u64;
                    prop_assert_eq!(t.ends(o).at(step), n);
                }
            }
            for s in 0..2 {
                for (which, first) in [
                    (Judgment::TimeNotOnSide, records.iter().map(|r| r.time_not_on_side[s]).collect::<Vec<_>>()),
                    (Judgment::CutLosses, records.iter().map(|r| r.cut_losses[s]).collect()),
                ] {
                    let j = t.judgment(s, which);
                    let tipped: Vec<usize> = first.iter().flatten().map(|&m| (m as usize).min(horizon)).collect();
                    prop_assert_eq!(j.first.total(), tipped.len() as u64);
                    for m in 0..=horizon {
                        prop_assert_eq!(j.first.at(m), tipped.iter().filter(|&&x| x == m).count() as u64);
                    }
                    for (i, o) in Outcome::ALL.iter().enumerate() {
                        let never = records.iter().zip(&first).filter(|(r, f)| f.is_none() && r.outcome == *o).count();
                        prop_assert_eq!(j.never[i], never as u64);
                    }
                    for m in 0..=horizon {
                        let censored = records
                            .iter()
                            .zip(&first)
                            .filter(|(r, f)| f.is_none() && (r.end_step as usize).min(horizon) == m)
                            .count();
                        prop_assert_eq!(j.censored.at(m), censored as u64);
                    }
                }
                for k in 0..KEY_EVENTS.len() {
                    let mut at: Vec<f64> = records.iter().filter_map(|r| r.key_events[s][k]).map(f64::from).collect();
                    at.sort_by(f64::total_cmp);
                    let median = (!at.is_empty()).then(|| exact_quantile(&at, 0.5));
                    prop_assert_eq!(t.key_event(s, k).quantile(0.5), median);
                    prop_assert_eq!(t.key_event(s, k).total(), at.len() as u64);
                }
                let tipped: Vec<&[f32; N_DRIVERS]> = records.iter().filter_map(|r| r.drivers[s].as_ref()).collect();
                prop_assert_eq!(t.drivers(s).runs, tipped.len() as u64);
                for i in 0..N_DRIVERS {
                    let mean = if tipped.is_empty() {
                        0.0
                    } else {
                        tipped.iter().map(|x| x[i] as f64).sum::<f64>() / tipped.len() as f64
                    };
                    prop_assert_eq!(t.drivers(s).mean(i).to_bits(), mean.to_bits());
                }
                let ahead = records.iter().filter(|r| r.final_front_k[s] > r.final_front_k[1 - s]).count();
                prop_assert_eq!(t.ahead(s), ahead as u64);
                let mut fronts: Vec<f64> = records.iter().map(|r| r.final_front_k[s] as f64).collect();
                fronts.sort_by(f64::total_cmp);
                let qs = [0.05, 0.25, 0.5, 0.75, 0.95];
                let want = qs.map(|q| exact_quantile(&fronts, q).to_bits());
                prop_assert_eq!(t.fronts(s).quantiles(qs).map(f64::to_bits), want);
            }
        }
    }

    /// Sums of shares that are all −0.0 stay −0.0, as `Iterator::sum` gives them.
    #[test]
    fn driver_sums_start_where_iterator_sum_does() {
        let xs = [-0.0f64, -0.0];
        let mut d = DriverSums::default();
        for &x in &xs {
            d.sum[0] += x;
        }
        assert_eq!(d.sum[0].to_bits(), xs.iter().sum::<f64>().to_bits());
        let empty: f64 = std::iter::empty::<f64>().sum();
        assert_eq!(DriverSums::default().sum[0].to_bits(), empty.to_bits());
    }
}
