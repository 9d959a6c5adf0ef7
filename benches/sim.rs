//! Benchmarks of the simulation's hot paths, on the shipped baseline scenario (60 months).
//!
//! `cargo bench --bench sim` (never plain `cargo bench`, which rebuilds every test target in
//! release mode). Throughputs are in run-months ("item/s" in divan's output): a run of the
//! baseline is 60 months. What each group measures:
//!
//! - `month`: the war model's whole monthly step (`model::war::step`, the baseline's run 0 at
//!   month 0, fixed shocks), and two of its pieces — the RK4 attrition month and one side's
//!   judgment.
//! - `run`: one full run ([`protracted::sim::run_one`], which also builds the plan) and
//!   [`protracted::sim::Plan::run`] alone.
//! - `aggregate`: folding one batch of trajectories into the ensemble statistics.
//! - `ensemble`: 2,000 and 20,000 runs end to end at 1 and 2 threads (no file output); the
//!   20,000-run case is the steady state of a large ensemble.
//! - `export`: one `runs.csv` row and the CSV number format.
//!
//! The charts are not benchmarked here (they are drawn once per invocation, see
//! `docs/PERFORMANCE.md` for the whole-command figures), so no font is registered.

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use protracted::Scenario;
use protracted::analysis::series::SeriesStats;
use protracted::judgment::beliefs::Observation;
use protracted::judgment::{Judge, N_COMPONENTS};
use protracted::model::attrition::{Fighter, integrate, substeps_for};
use protracted::params::Judgment;
use protracted::sim::{self, Options, Plan, Trajectory};
use std::path::Path;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// The shipped baseline, loaded once.
fn baseline() -> &'static Scenario {
    static SC: OnceLock<Scenario> = OnceLock::new();
    SC.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml");
        protracted::scenario::load(&path, &[]).expect("scenarios/baseline.toml loads")
    })
}

mod month {
    use super::*;
    use protracted::model::war::{MonthInputs, MonthShocks, WarState, step};

    /// The war model's whole month (every mechanism, not the judgment) from the baseline's
    /// starting state, with fixed shocks.
    #[divan::bench]
    fn step_war(bencher: Bencher) {
        let sc = baseline();
        let values = Plan::new(sc).draw(0);
        let p = protracted::params::Params::from_values(&sc.layout, &values);
        let recipients: Vec<usize> = sc.donors.iter().map(|d| d.recipient).collect();
        let w0 = WarState::new(&p, &recipients);
        let shocks = MonthShocks {
            oil: 0.3,
            donors: vec![(0.5, 0.5); recipients.len()],
            recruits: [0.2, -0.4],
            combat: [0.5, -0.5],
            strikes: [0.1, 0.2],
            territory: [0.1, -0.1],
            inflation: [0.3, -0.3],
            key_rate: [-0.5, 0.5],
        };
        let inputs = MonthInputs {
            step: 0,
            oil_path_usd_bbl: 60.0,
            sanctions_intensity: 0.5,
            arriving_k: [0.0; 2],
            spread_k: [0.0; 2],
            recipients: &recipients,
        };
        let mut notes = Vec::new();
        bencher.with_inputs(|| w0.clone()).bench_local_refs(|w| {
            notes.clear();
            step(&p, w, black_box(&inputs), black_box(&shocks), &mut notes)
        });
    }

    /// One month of attrition as the war model integrates it (adaptive RK4 sub-steps; two
    /// for this ~7% loss and ~6% inflow), with non-integer exponents (`powf`).
    #[divan::bench]
    fn attrition_rk4() -> protracted::model::attrition::AttritionStep {
        let f = |l: f64, e: f64| Fighter {
            lethality_per_day: l,
            fire_exponent: e,
            exposure_exponent: 0.3,
            power_per_person: 1.1,
            casualty_multiplier: 1.4,
            inflow_k_per_day: 1.2,
        };
        let (s, fighters) = (black_box([650.0, 880.0]), black_box([f(0.0004, 0.8), f(0.0003, 0.9)]));
        integrate(s, fighters, 30.4, substeps_for(s, fighters, 30.4))
    }

    /// One side's monthly judgment, with a full trend window behind it.
    #[divan::bench]
    fn judgment(bencher: Bencher) {
        let p = Judgment { trend_window_months: 6.0, ..Judgment::default() };
        let x = Observation {
            own_front_k: 600.0,
            opp_front_k: 650.0,
            opp_front_floor_k: 200.0,
            own_materiel: 1.0,
            opp_materiel: 0.9,
            own_support_ratio: 1.0,
            opp_support_ratio: 0.8,
            own_morale: 0.6,
            opp_morale: 0.55,
            opp_morale_floor: 0.15,
            opp_reserve_months: 24.0,
            opp_printing_months: f64::INFINITY,
            own_reserve_months: 24.0,
            own_printing_months: f64::INFINITY,
            own_debt_months: f64::INFINITY,
            own_net_gain_km2: -120.0,
            remaining_objective_km2: 5000.0,
            has_objective: true,
            intensity: 1.0,
            commitment: 1.0,
            ..Observation::default()
        };
        let mut judge = Judge::new();
        let noise = [0.1; N_COMPONENTS];
        for m in 1..=70 {
            judge.assess(&p, &x, &noise, m);
        }
        bencher.bench_local(|| judge.assess(&p, black_box(&x), &noise, 71));
    }
}

mod run {
    use super::*;

    /// One run of the baseline, plan included (what `protracted::sim::run_one` does).
    #[divan::bench]
    fn run_one(bencher: Bencher) {
        let sc = baseline();
        let mut i = 0;
        bencher.counter(ItemsCount::new(sc.steps)).bench_local(|| {
            i += 1;
            sim::run_one(sc, i)
        });
    }

    /// One run of the baseline from a prepared plan (what an ensemble does per run).
    #[divan::bench]
    fn plan_run(bencher: Bencher) {
        let sc = baseline();
        let plan = Plan::new(sc);
        let mut i = 0;
        bencher.counter(ItemsCount::new(sc.steps)).bench_local(|| {
            i += 1;
            plan.run(i)
        });
    }

    /// One run of the baseline that keeps only its outcome (what `sweep`, `seek` and
    /// `sensitivity` do per run): the model's step and judgment without recording rows.
    #[divan::bench]
    fn plan_outcome(bencher: Bencher) {
        let sc = baseline();
        let plan = Plan::new(sc).outcomes_only();
        let mut t = Trajectory::empty();
        let mut i = 0;
        bencher.counter(ItemsCount::new(sc.steps)).bench_local(|| {
            i += 1;
            plan.run_into(i, &mut t);
            t.end_step
        });
    }
}

mod aggregate {
    use super::*;

    /// Add a batch of 2,048 trajectories (61 rows × all columns each) to statistics that
    /// already hold one batch (the steady state: every cell binned), on 1 and 2 threads.
    #[divan::bench(args = [1, 2], sample_count = 20)]
    fn batch_2048(bencher: Bencher, threads: usize) {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
        let sc = baseline();
        let plan = Plan::new(sc);
        let first: Vec<Trajectory> = (0..2048).map(|r| plan.run(r)).collect();
        let batch: Vec<Trajectory> = (2048..4096).map(|r| plan.run(r)).collect();
        let mut stats = SeriesStats::new(sc.steps, plan.columns.len());
        stats.add_batch(&first);
        bencher.counter(ItemsCount::new(batch.len() * sc.steps)).with_inputs(|| stats.clone()).bench_local_values(
            |mut s| {
                pool.install(|| s.add_batch(&batch));
                s
            },
        );
    }
}

mod ensemble {
    use super::*;

    /// `runs` runs of the baseline as `run` runs them (statistics and tally, nothing kept per
    /// run), no files.
    fn runs(bencher: Bencher, runs: usize, threads: usize) {
        let sc = baseline();
        let opts = Options { runs, seed: sc.seed, steps: sc.steps, threads };
        bencher.counter(ItemsCount::new(runs * sc.steps)).bench_local(|| {
            let (every, nothing) = (protracted::analysis::series::Aggregate::Every, sim::PerRun::Nothing);
            sim::ensemble_of(sc, opts, every, nothing, &mut |_| {}, &mut |t| {
                black_box(t);
                Ok::<(), ()>(())
            })
            .expect("runs")
        });
    }

    /// 2,000 runs: a small ensemble, where the first 1,024 runs' exact statistics and the
    /// final sort weigh.
    #[divan::bench(args = [1, 2], sample_count = 5)]
    fn runs_2000(bencher: Bencher, threads: usize) {
        runs(bencher, 2000, threads);
    }

    /// 20,000 runs: the steady state of a large ensemble (the throughput target).
    #[divan::bench(args = [1, 2], sample_count = 5)]
    fn runs_20000(bencher: Bencher, threads: usize) {
        runs(bencher, 20_000, threads);
    }
}

mod export {
    use super::*;

    /// One row of `runs.csv` (the per-run cost of streaming it).
    #[divan::bench]
    fn runs_row(bencher: Bencher) {
        let sc = baseline();
        let t = sim::run_one(sc, 3);
        let view = t.view(sim::ensemble::front_cols(&Plan::new(sc).columns));
        let mut w = csv::Writer::from_writer(Vec::with_capacity(1 << 20));
        let mut rows = protracted::export::RowWriter::default();
        bencher.bench_local(|| rows.runs_row(&mut w, sc, black_box(&view)).expect("in memory"));
    }

    /// The CSV number format on a spread of magnitudes.
    #[divan::bench]
    fn fmt_val(bencher: Bencher) {
        let xs = [0.0, 1.5, -2.25, 123.456789, 0.000123456789, 1234567.0, 98.7654321, 1e-9];
        bencher
            .counter(ItemsCount::new(xs.len()))
            .bench_local(|| xs.iter().map(|&x| protracted::export::fmt_val(black_box(x)).len()).sum::<usize>());
    }
}
