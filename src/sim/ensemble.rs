//! Many runs in parallel (rayon), aggregated as they finish.
//!
//! Runs are executed in batches; within a batch they run in parallel, and the batch is folded
//! (in parallel over steps, while the next batch is simulated) into order-independent
//! statistics ([`SeriesStats`]) and compact per-run records. Each run is seeded from (master
//! seed, run index) only, and the statistics merge exactly in any order, so every output is
//! byte-identical at any thread count. Memory is two batches of trajectories (one being
//! simulated, one being aggregated and written) plus the sketches, whatever the number of runs. Full trajectories go to a caller's sink in run order (for
//! `runs.csv` and `events.csv`), never kept.

use super::run::{N_DRIVERS, Plan, Trajectory};
use crate::analysis::series::SeriesStats;
use crate::judgment::outcome::Outcome;
use crate::model::outputs::{Columns, Kind};
use crate::scenario::Scenario;
use rayon::prelude::*;

/// Runs per batch (the unit of progress reports and of the overlap with the sink).
pub const BATCH: usize = 2048;

/// How to run an ensemble.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Number of runs.
    pub runs: usize,
    /// Master seed.
    pub seed: u64,
    /// Horizon in steps.
    pub steps: usize,
    /// Worker threads (0 = one per core).
    pub threads: usize,
}

impl Options {
    /// The scenario's own runs, seed and horizon, on all cores.
    pub fn from_scenario(sc: &Scenario) -> Options {
        Options { runs: sc.runs, seed: sc.seed, steps: sc.steps, threads: 0 }
    }
}

/// What is kept of each run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunRecord {
    /// How it ended.
    pub outcome: Outcome,
    /// Last step simulated.
    pub end_step: u16,
    /// First step each side judged time not on its side.
    pub time_not_on_side: [Option<u16>; 2],
    /// First step each side would cut its losses.
    pub cut_losses: [Option<u16>; 2],
    /// Attribution shares at the tipping point.
    pub drivers: [Option<[f32; N_DRIVERS]>; 2],
    /// Front strength of each side at the horizon, thousand persons.
    pub final_front_k: [f32; 2],
}

impl RunRecord {
    /// The record of a trajectory whose `front_k` columns are `front_cols`.
    pub fn new(t: &Trajectory, front_cols: [usize; 2]) -> RunRecord {
        let last = t.values.len() / t.ncols - 1;
        RunRecord {
            outcome: t.outcome,
            end_step: t.end_step as u16,
            time_not_on_side: t.time_not_on_side,
            cut_losses: t.cut_losses,
            drivers: t.drivers,
            final_front_k: front_cols.map(|c| t.get(last, c)),
        }
    }
}

/// An ensemble's results.
#[derive(Debug, Clone)]
pub struct Ensemble {
    /// Options it ran with (threads as resolved).
    pub options: Options,
    /// Column layout of the statistics.
    pub columns: Columns,
    /// Per-step statistics of every variable.
    pub series: SeriesStats,
    /// One record per run, in run order.
    pub records: Vec<RunRecord>,
}

/// Run an ensemble. `progress` is told the number of runs done after each batch; `sink` sees
/// every trajectory in run order. An error from the sink stops the ensemble.
///
/// The caller's thread feeds one batch to `progress` and `sink` (which need not be `Send`:
/// they write files) while the pool adds the same batch to the statistics and simulates the
/// next, so the streaming of `runs.csv` and `events.csv` overlaps the simulation instead of
/// idling the pool, and the pool's threads move between aggregating and simulating as each
/// runs out of work. The two batches' trajectories are reused from batch to batch: memory is
/// two batches and the statistics, whatever the number of runs.
pub fn ensemble<E>(
    scenario: &Scenario,
    options: Options,
    progress: &mut dyn FnMut(usize),
    sink: &mut dyn FnMut(&Trajectory) -> Result<(), E>,
) -> Result<Ensemble, E> {
    let plan = Plan::with(scenario, options.seed, options.steps);
    let threads = if options.threads == 0 {
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    } else {
        options.threads
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().ok();
    let columns = plan.columns.clone();
    let mut series = SeriesStats::new(options.steps, columns.len());
    // Flows are 0 once a run has ended; charts draw them over the runs still going.
    series.keep_live(columns.iter().enumerate().filter(|(_, (v, _))| v.kind == Kind::Flow).map(|(c, _)| c).collect());
    let mut records = Vec::with_capacity(options.runs);
    let front_cols = [0, 1].map(|s| columns.find("front_k", Some(s)).unwrap_or(0));

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
                records.push(RunRecord::new(t, front_cols));
                sink(t)?;
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
    Ok(Ensemble { options: Options { threads, ..options }, columns, series, records })
}
