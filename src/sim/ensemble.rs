//! Many runs in parallel (rayon), aggregated as they finish (every column, or only those a
//! caller reads: [`ensemble_of`]).
//!
//! Runs are executed in batches; within a batch they run in parallel, and the batch is folded
//! (in parallel over steps, while the next batch is simulated) into order-independent
//! statistics ([`SeriesStats`]), while the caller's thread adds each run's compact record to
//! the ensemble's [`RunTally`] in run order. Each run is seeded from (master seed, run index)
//! only, and the statistics merge exactly in any order, so every output is byte-identical at
//! any thread count. Memory is two batches of trajectories (one being simulated, one being
//! aggregated and written) plus the sketches and the tally, whatever the number of runs; only
//! what a caller asks to keep run by run ([`PerRun`]) grows with it. Full trajectories never
//! leave this module: the results are the analysis's views ([`Ensemble`], [`RunRecord`]), and a
//! caller's sink sees each run in run order as a [`RunView`] (for `runs.csv` and
//! `events.csv`), never kept.

use super::run::{Plan, Trajectory};
use crate::analysis::ensemble::{Ensemble, NEVER, Options, PerRun, RunRecord, RunView};
use crate::analysis::series::{Aggregate, RunRows, SeriesStats};
use crate::analysis::tally::RunTally;
use crate::scenario::Scenario;
use rayon::prelude::*;

/// Runs per batch (the unit of progress reports and of the overlap with the sink).
pub const BATCH: usize = 2048;

/// The statistics read a trajectory's table as it is.
impl RunRows for Trajectory {
    fn values(&self) -> &[f32] {
        &self.values
    }
    fn end_step(&self) -> usize {
        self.end_step
    }
}

impl Trajectory {
    /// The record kept of this run, its `front_k` columns being `front_cols`.
    pub fn record(&self, front_cols: [usize; 2]) -> RunRecord {
        let last = self.values.len() / self.ncols - 1;
        RunRecord {
            outcome: self.outcome,
            end_step: self.end_step as u16,
            time_not_on_side: self.time_not_on_side,
            cut_losses: self.cut_losses,
            drivers: self.drivers,
            final_front_k: front_cols.map(|c| self.get(last, c)),
            key_events: crate::analysis::ensemble::key_events(&self.log),
        }
    }

    /// This run as the streamed files read it, its `front_k` columns being `front_cols`.
    pub fn view(&self, front_cols: [usize; 2]) -> RunView<'_> {
        RunView { run: self.run, record: self.record(front_cols), draws: &self.draws, log: &self.log }
    }
}

/// The `front_k` column of each side (column 0 for a model without one).
pub fn front_cols(columns: &crate::model::outputs::Columns) -> [usize; 2] {
    [0, 1].map(|s| columns.find("front_k", Some(s)).unwrap_or(0))
}

/// Run an ensemble, aggregating every column and keeping every run's record
/// ([`PerRun::Records`], about 100 bytes a run): for tests and analyses that read the runs one
/// by one. The commands run [`ensemble_of`], which keeps only what they read.
pub fn ensemble<E>(
    scenario: &Scenario,
    options: Options,
    progress: &mut dyn FnMut(usize),
    sink: &mut dyn FnMut(&RunView<'_>) -> Result<(), E>,
) -> Result<Ensemble, E> {
    ensemble_of(scenario, options, Aggregate::Every, PerRun::Records, progress, sink)
}

/// Run an ensemble whose statistics aggregate the columns `which`, keeping run by run what
/// `per_run` says (the tally of every run is kept whatever `which` and `per_run` are).
/// `progress` is told the number of runs done after each batch; `sink` sees every run in run
/// order. An error from the sink stops the ensemble.
///
/// The caller's thread feeds one batch to `progress` and `sink` (which need not be `Send`:
/// they write files) while the pool adds the same batch to the statistics and simulates the
/// next, so the streaming of `runs.csv` and `events.csv` overlaps the simulation instead of
/// idling the pool, and the pool's threads move between aggregating and simulating as each
/// runs out of work. The two batches' trajectories are reused from batch to batch: memory is
/// two batches, the statistics and the tally, whatever the number of runs (plus what `per_run`
/// keeps).
pub fn ensemble_of<E>(
    scenario: &Scenario,
    options: Options,
    which: Aggregate,
    per_run: PerRun,
    progress: &mut dyn FnMut(usize),
    sink: &mut dyn FnMut(&RunView<'_>) -> Result<(), E>,
) -> Result<Ensemble, E> {
    let plan = Plan::with(scenario, options.seed, options.steps);
    let threads = if options.threads == 0 {
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    } else {
        options.threads
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().ok();
    let columns = plan.columns.clone();
    let mut series = SeriesStats::of(options.steps, columns.len(), which);
    // Charts draw every variable over the runs still going (an ended run holds its levels and
    // counts its flows as 0).
    series.keep_live((0..columns.len()).collect());
    let mut tally = RunTally::new(options.steps);
    let mut tipping_months = Vec::new();
    let mut records = Vec::new();
    let front_cols = front_cols(&columns);

    // Simulate runs `lo..hi` into `batch` (on the pool).
    let simulate = |lo: usize, hi: usize, batch: &mut Vec<Trajectory>| {
        batch.resize_with(hi - lo, Trajectory::empty);
        batch.par_iter_mut().enumerate().for_each(|(j, t)| plan.run_into(lo + j, t));
    };
    // Add the batch `ready` to the statistics while runs `lo..hi` are simulated into `next`:
    // the two share the pool, so the tail of the one (a few steps' cells left to fill) does not
    // idle threads the other can use.
    let step = |ready: &[Trajectory], series: &mut SeriesStats, lo: usize, hi: usize, next: &mut Vec<Trajectory>| {
        rayon::join(
            || series.add_batch(ready),
            || {
                if lo < hi {
                    simulate(lo, hi, next);
                }
            },
        );
    };
    let mut ready = Vec::new();
    let mut next = Vec::new();
    let first = BATCH.min(options.runs);
    match &pool {
        Some(p) => p.install(|| simulate(0, first, &mut ready)),
        None => simulate(0, first, &mut ready),
    }
    let mut done = 0;
    while done < options.runs {
        let n = ready.len();
        let (lo, hi) = (done + n, (done + n + BATCH).min(options.runs));
        let mut feed = |ready: &[Trajectory]| -> Result<(), E> {
            for t in ready {
                let view = t.view(front_cols);
                let r = &view.record;
                tally.add(r);
                if per_run != PerRun::Nothing {
                    tipping_months.push(r.time_not_on_side.map(|m| m.unwrap_or(NEVER)));
                }
                if per_run == PerRun::Records {
                    records.push(view.record);
                }
                sink(&view)?;
            }
            Ok(())
        };
        let fed = match &pool {
            Some(p) => p.in_place_scope(|s| {
                let (ready, series, next) = (&ready, &mut series, &mut next);
                s.spawn(|_| step(ready, series, lo, hi, next));
                feed(ready)
            }),
            None => {
                let fed = feed(&ready);
                step(&ready, &mut series, lo, hi, &mut next);
                fed
            }
        };
        fed?;
        done += n;
        progress(done);
        std::mem::swap(&mut ready, &mut next);
    }
    match &pool {
        Some(p) => p.install(|| series.finish()),
        None => series.finish(),
    }
    Ok(Ensemble { options: Options { threads, ..options }, columns, series, tally, tipping_months, records })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On the model's own runs, runs that end early are added once as tails and spread at
    /// `finish`: the statistics equal those of adding every row of every run, whatever the
    /// batch split.
    #[test]
    fn frozen_rows_of_model_runs_give_the_statistics_of_every_row() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml");
        let sc = crate::scenario::load(&path, &[]).expect("baseline loads");
        let plan = Plan::with(&sc, 3, 24);
        let runs: Vec<Trajectory> = (0..1300).map(|r| plan.run(r)).collect();
        assert!(runs.iter().filter(|t| t.end_step < 24).count() > 50, "some runs must end early");
        let mut one_by_one = SeriesStats::new(24, plan.columns.len());
        for t in &runs {
            one_by_one.add(&t.values);
        }
        one_by_one.finish();
        let mut batched = SeriesStats::new(24, plan.columns.len());
        for chunk in runs.chunks(700) {
            batched.add_batch(chunk);
        }
        batched.finish();
        assert_eq!(one_by_one, batched);
    }

    /// An ensemble aggregating only some columns keeps the same record and tally of every run and gives
    /// those columns the statistics of the full ensemble (here past the sketches' exact range,
    /// so binned cells are compared too), at any thread count; the other columns have none.
    #[test]
    fn aggregating_some_columns_keeps_the_records_and_their_statistics() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml");
        let sc = crate::scenario::load(&path, &[]).expect("baseline loads");
        let options = Options { runs: 1100, seed: 11, steps: 24, threads: 2 };
        let none = &mut |_: &RunView<'_>| Ok::<(), std::convert::Infallible>(());
        let Ok(full) = ensemble(&sc, options, &mut |_| {}, none);
        let cols = [
            front_cols(&full.columns)[1],
            full.columns.find("casualties_k_per_month", Some(0)).expect("a flow column"),
        ];
        for threads in [1, 2] {
            let options = Options { threads, ..options };
            let only = Aggregate::Only(cols.to_vec());
            let Ok(part) = ensemble_of(&sc, options, only, PerRun::Records, &mut |_| {}, none);
            assert_eq!(part.records, full.records, "{threads} threads");
            assert_eq!(part.tally, full.tally);
            assert_eq!(part.tipping_months, full.tipping_months);
            assert_eq!(part.columns, full.columns);
            for step in 0..=options.steps {
                for &c in &cols {
                    assert_eq!(part.series.cell(step, c), full.series.cell(step, c), "step {step}, column {c}");
                    assert_eq!(part.series.live_stat(step, c), full.series.live_stat(step, c));
                }
            }
            let other = (0..full.columns.len()).find(|c| !cols.contains(c)).expect("more columns");
            assert!(part.series.get(options.steps, other).is_none());
            assert!(part.series.live_stat(options.steps, other).is_none());
        }
    }

    /// What an ensemble keeps run by run is what it is asked to keep, and nothing else changes:
    /// `run`'s ensemble keeps nothing per run and summarises as one that keeps every record.
    #[test]
    fn an_ensemble_keeps_per_run_only_what_it_is_asked() {
        let sc = crate::testing::scenario("scenarios/baseline.toml");
        let options = Options { runs: 300, seed: 5, steps: 24, threads: 2 };
        let none = &mut |_: &RunView<'_>| Ok::<(), std::convert::Infallible>(());
        let [nothing, months, records] = [PerRun::Nothing, PerRun::TippingMonths, PerRun::Records].map(|keep| {
            let Ok(e) = ensemble_of(&sc, options, Aggregate::Every, keep, &mut |_| {}, none);
            e
        });
        assert!(nothing.tipping_months.is_empty() && nothing.records.is_empty());
        assert!(months.records.is_empty());
        assert_eq!(months.tipping_months.len(), 300);
        assert_eq!(records.records.len(), 300);
        assert_eq!(records.tipping_months, months.tipping_months);
        let tipped = |r: &RunRecord| r.time_not_on_side.map(|m| m.unwrap_or(NEVER));
        assert_eq!(records.records.iter().map(tipped).collect::<Vec<_>>(), months.tipping_months);
        assert_eq!(nothing.tally, records.tally);
        let summary = |e: &Ensemble| crate::analysis::summary::summarize(&sc, e);
        assert_eq!(summary(&nothing), summary(&records));
    }
}
