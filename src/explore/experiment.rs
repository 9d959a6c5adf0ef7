//! The experiment layer: evaluate many variants of a scenario, or designed parameter rows, on
//! common random numbers, in parallel, keeping per-run outcomes only.
//!
//! An ensemble ([`crate::sim::ensemble()`]) aggregates every month of every variable; an
//! experiment needs none of that, only how each run ended and when each side tipped. So each
//! case is simulated into a per-thread scratch [`Trajectory`] (reused, no allocation per run)
//! and reduced at once to a [`RunOutcome`]. Cases are evaluated in chunks (the unit of progress
//! reports) on a rayon pool and collected in case order; each case depends only on its own
//! index (its variant, its parameter values and its shock seed), so results are identical at
//! any thread count.
//!
//! Common random numbers: run *i* of every variant draws each uncertain parameter from the
//! same stream (keyed by the parameter's path) and its monthly shocks from the same streams
//! (keyed by the mechanism), so two variants differ in run *i* only by what the variants
//! change. Designed rows ([`Experiment::rows`]) set the parameters themselves and name the run
//! whose shocks they use. Statistics over the outcomes are in [`super::metrics`].

use crate::judgment::Outcome;
use crate::scenario::Scenario;
use crate::sim::{Plan, Trajectory};
use rayon::prelude::*;

/// Cases per chunk: the unit of progress reports.
pub const CHUNK: usize = 2048;

/// What an experiment keeps of one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOutcome {
    /// The run whose shock streams (and, unless designed, draws) it used.
    pub run: u32,
    /// Month in which each side first judged that time is not on its side.
    pub tip: [Option<u16>; 2],
    /// Month in which each side would first have cut its losses.
    pub cut: [Option<u16>; 2],
    /// How the run ended.
    pub outcome: Outcome,
    /// Last month simulated (the horizon unless the run ended earlier).
    pub end: u16,
}

impl RunOutcome {
    /// The outcome of a finished trajectory.
    pub fn of(t: &Trajectory) -> RunOutcome {
        RunOutcome {
            run: t.run as u32,
            tip: t.time_not_on_side,
            cut: t.cut_losses,
            outcome: t.outcome,
            end: t.end_step as u16,
        }
    }

    /// Whether side `s` judged that time is not on its side by month `m` (inclusive).
    pub fn tipped_by(&self, s: usize, m: usize) -> bool {
        self.tip[s].is_some_and(|t| t as usize <= m)
    }
}

/// Runs with their drawn parameter values (for analyses of the draws).
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    /// One outcome per run, in run order.
    pub outcomes: Vec<RunOutcome>,
    /// Drawn values of the scenario's uncertain parameters: row-major, one row of
    /// `columns` values per run, in [`Scenario::uncertain_slots`] order.
    pub draws: Vec<f64>,
    /// Values per run.
    pub columns: usize,
}

impl Drawn {
    /// Number of runs.
    pub fn len(&self) -> usize {
        self.outcomes.len()
    }

    /// Whether there are no runs.
    pub fn is_empty(&self) -> bool {
        self.outcomes.is_empty()
    }

    /// Parameter `j`'s drawn value in every run.
    pub fn column(&self, j: usize) -> Vec<f64> {
        self.draws.iter().skip(j).step_by(self.columns.max(1)).copied().collect()
    }
}

/// One designed row: every slot's value, and the run whose shocks it uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// One value per slot of the scenario, in slot order.
    pub values: Vec<f64>,
    /// The run index whose shock streams the row uses.
    pub shock_run: usize,
}

/// Variants of a scenario that share a seed and a horizon.
#[derive(Debug, Clone)]
pub struct Experiment<'a> {
    plans: Vec<Plan<'a>>,
    pool: Option<std::sync::Arc<rayon::ThreadPool>>,
    threads: usize,
}

/// The number of worker threads `threads` asks for (0: one per core).
pub fn resolve_threads(threads: usize) -> usize {
    if threads == 0 { std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) } else { threads }
}

impl<'a> Experiment<'a> {
    /// An experiment over `variants` (at least one), all with master seed `seed` and a horizon
    /// of `steps`, on `threads` worker threads (0: one per core; results do not depend on it).
    pub fn new(variants: &'a [Scenario], seed: u64, steps: usize, threads: usize) -> Experiment<'a> {
        let threads = resolve_threads(threads);
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().ok().map(std::sync::Arc::new);
        Experiment {
            plans: variants.iter().map(|sc| Plan::with(sc, seed, steps).outcomes_only()).collect(),
            pool,
            threads,
        }
    }

    /// The worker threads used.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// The plan of variant `v`.
    pub fn plan(&self, v: usize) -> &Plan<'a> {
        &self.plans[v]
    }

    /// Number of variants.
    pub fn variants(&self) -> usize {
        self.plans.len()
    }

    /// Run `f` on the experiment's thread pool (for the analyses' own parallel work).
    pub fn install<T: Send>(&self, f: impl FnOnce() -> T + Send) -> T {
        match &self.pool {
            Some(p) => p.install(f),
            None => f(),
        }
    }

    /// Evaluate `n` cases: `f(i, scratch)` simulates case `i` into the scratch trajectory and
    /// reduces it. Results come back in case order; `progress` is told the cases done after
    /// each chunk.
    pub fn evaluate<T, F>(&self, n: usize, progress: &mut dyn FnMut(usize), f: F) -> Vec<T>
    where
        T: Send,
        F: Fn(usize, &mut Trajectory) -> T + Sync,
    {
        let mut out: Vec<T> = Vec::with_capacity(n);
        let mut lo = 0;
        while lo < n {
            let hi = (lo + CHUNK).min(n);
            let chunk = || -> Vec<T> { (lo..hi).into_par_iter().map_init(Trajectory::empty, |t, i| f(i, t)).collect() };
            let mut part = match &self.pool {
                Some(p) => p.install(chunk),
                None => chunk(),
            };
            out.append(&mut part);
            lo = hi;
            progress(lo);
        }
        out
    }

    /// Runs `0..runs` of every variant: `result[v][i]` is run `i` of variant `v`.
    pub fn runs(&self, runs: usize, progress: &mut dyn FnMut(usize)) -> Vec<Vec<RunOutcome>> {
        let flat = self.evaluate(self.plans.len() * runs, progress, |k, t| {
            self.plans[k / runs].run_into(k % runs, t);
            RunOutcome::of(t)
        });
        let mut out: Vec<Vec<RunOutcome>> = Vec::with_capacity(self.plans.len());
        let mut it = flat.into_iter();
        for _ in 0..self.plans.len() {
            out.push(it.by_ref().take(runs).collect());
        }
        out
    }

    /// Runs `0..runs` of variant `v`, with their drawn parameter values.
    pub fn drawn(&self, v: usize, runs: usize, progress: &mut dyn FnMut(usize)) -> Drawn {
        let plan = &self.plans[v];
        let columns = plan.scenario.uncertain_slots().count();
        let both = self.evaluate(runs, progress, |i, t| {
            plan.run_into(i, t);
            (RunOutcome::of(t), t.draws.clone())
        });
        let mut outcomes = Vec::with_capacity(runs);
        let mut draws = Vec::with_capacity(runs * columns);
        for (o, d) in both {
            outcomes.push(o);
            draws.extend(d);
        }
        Drawn { outcomes, draws, columns }
    }

    /// Designed rows of variant `v`: `row(i)` gives row `i`'s slot values and shock run.
    pub fn rows<R>(&self, v: usize, n: usize, progress: &mut dyn FnMut(usize), row: R) -> Vec<RunOutcome>
    where
        R: Fn(usize) -> Row + Sync,
    {
        let plan = &self.plans[v];
        self.evaluate(n, progress, |i, t| {
            let r = row(i);
            plan.run_with_into(&r.values, r.shock_run, t);
            RunOutcome::of(t)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn baseline(set: &[&str]) -> Scenario {
        let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml");
        crate::scenario::load(&path, &set).expect("the baseline loads")
    }

    #[test]
    fn outcomes_are_those_of_the_runs_at_any_thread_count() {
        let sc = [baseline(&[]), baseline(&["sides.russia.judgment.self_optimism=0.1"])];
        let one = Experiment::new(&sc, 11, 36, 1).runs(40, &mut |_| {});
        let two = Experiment::new(&sc, 11, 36, 2).runs(40, &mut |_| {});
        assert_eq!(one, two);
        for (v, outs) in one.iter().enumerate() {
            let plan = Plan::with(&sc[v], 11, 36);
            for (i, o) in outs.iter().enumerate() {
                assert_eq!(*o, RunOutcome::of(&plan.run(i)), "variant {v}, run {i}");
            }
        }
        assert_ne!(one[0], one[1], "the variants differ somewhere");
    }

    #[test]
    fn designed_rows_with_a_runs_own_draws_reproduce_the_run() {
        let sc = [baseline(&[])];
        let e = Experiment::new(&sc, 3, 24, 2);
        let rows = e.rows(0, 10, &mut |_| {}, |i| Row { values: e.plan(0).draw(i), shock_run: i });
        let runs = e.runs(10, &mut |_| {});
        assert_eq!(rows, runs[0]);
        let drawn = e.drawn(0, 10, &mut |_| {});
        assert_eq!(drawn.outcomes, runs[0]);
        assert_eq!(drawn.columns, sc[0].uncertain_slots().count());
        let first = drawn.column(0);
        assert_eq!(first.len(), 10);
        assert_eq!(first[3].to_bits(), e.plan(0).run(3).draws[0].to_bits());
    }

    #[test]
    fn progress_is_reported_per_chunk_up_to_the_total() {
        let sc = [baseline(&[])];
        let e = Experiment::new(&sc, 1, 2, 1);
        let mut seen = Vec::new();
        e.evaluate(CHUNK + 5, &mut |d| seen.push(d), |i, _| i);
        assert_eq!(seen, vec![CHUNK, CHUNK + 5]);
    }
}
