//! Benchmarks of the explore commands' layers, on the shipped baseline scenario (60 months).
//!
//! `cargo bench --bench explore`. Throughputs are in run-months ("item/s"), comparable with
//! `cargo bench --bench sim -- ensemble` (an ensemble that aggregates every month of every
//! variable). What each group measures:
//!
//! - `experiment`: 2,000 runs kept as outcomes only (a sweep's grid point), at 1 and 2 threads;
//!   and 2,000 designed rows (given values and shock seeds, a Sobol' design's rows).
//! - `estimators`: the given-data first-order indices of 40 inputs over 10,000 runs and 8
//!   outputs, once and per bootstrap resample; the Sobol' estimators of 10 inputs at N = 2,048
//!   with their bootstrap.

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use protracted::Scenario;
use protracted::explore::experiment::{Experiment, Row};
use protracted::explore::{bootstrap, given, sobol};
use std::path::Path;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

fn baseline() -> &'static Scenario {
    static SC: OnceLock<Scenario> = OnceLock::new();
    SC.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml");
        protracted::scenario::load(&path, &[]).expect("scenarios/baseline.toml loads")
    })
}

mod experiment {
    use super::*;

    /// 2,000 runs of one grid point, outcomes only.
    #[divan::bench(args = [1, 2], sample_count = 5)]
    fn runs_2000(bencher: Bencher, threads: usize) {
        let variants = [baseline().clone()];
        let exp = Experiment::new(&variants, 7, 60, threads);
        bencher.counter(ItemsCount::new(2000usize * 60)).bench(|| black_box(exp.runs(2000, &mut |_| {})));
    }

    /// 2,000 designed rows (each run's own draws given explicitly), 2 threads.
    #[divan::bench(sample_count = 5)]
    fn rows_2000(bencher: Bencher) {
        let variants = [baseline().clone()];
        let exp = Experiment::new(&variants, 7, 60, 2);
        let values: Vec<Vec<f64>> = (0..2000).map(|i| exp.plan(0).draw(i)).collect();
        bencher
            .counter(ItemsCount::new(2000usize * 60))
            .bench(|| black_box(exp.rows(0, 2000, &mut |_| {}, |i| Row { values: values[i].clone(), shock_run: i })));
    }
}

mod estimators {
    use super::*;
    use rand::{RngExt, SeedableRng};

    fn data(n: usize, d: usize, k: usize) -> (Vec<Vec<u32>>, Vec<f64>) {
        let mut r = rand::rngs::ChaCha8Rng::seed_from_u64(1);
        let xs: Vec<Vec<f64>> = (0..d).map(|_| (0..n).map(|_| r.random()).collect()).collect();
        let ys: Vec<f64> = (0..n * k).map(|_| r.random()).collect();
        (xs.iter().map(|x| given::order(x)).collect(), ys)
    }

    /// First-order indices of 40 inputs, 10,000 runs, 8 outputs (one point estimate).
    #[divan::bench(sample_count = 10)]
    fn given_40x10000(bencher: Bencher) {
        let (orders, ys) = data(10_000, 40, 8);
        bencher.bench(|| orders.iter().map(|o| given::first_order(o, &ys, 8, None)).collect::<Vec<_>>());
    }

    /// The same for one bootstrap resample (the analysis runs 500).
    #[divan::bench(sample_count = 10)]
    fn given_40x10000_resample(bencher: Bencher) {
        let (orders, ys) = data(10_000, 40, 8);
        let w = bootstrap::counts(1, "bench", 0, 10_000);
        bencher.bench(|| orders.iter().map(|o| given::first_order(o, &ys, 8, Some(&w))).collect::<Vec<_>>());
    }

    /// Sobol' estimators with their 500-resample bootstrap: 10 inputs, N = 2,048, 8 outputs.
    #[divan::bench(sample_count = 3)]
    fn sobol_10x2048(bencher: Bencher) {
        let design = sobol::Design::new(2048, (0..10).map(|d| vec![d]).collect(), 1);
        let mut r = rand::rngs::ChaCha8Rng::seed_from_u64(2);
        let ys: Vec<f64> = (0..design.rows() * 8).map(|_| r.random()).collect();
        bencher.bench(|| sobol::indices(&design, &ys, 8, 1, 0.9));
    }
}
