//! Helpers for the unit tests (compiled only for them): the one float tolerance, and small
//! ensembles of the shipped scenarios for the modules that read results without running the
//! model. Integration tests have their own helpers in `tests/it/common.rs`.

use crate::analysis::ensemble::{Ensemble, Options};
use crate::analysis::summary::{Summary, summarize};
use crate::scenario::Scenario;

/// Relative tolerance of [`assert_close`]: values that should be equal up to rounding.
pub const TOLERANCE: f64 = 1e-12;

/// Assert that `a` equals `b` up to rounding: `|a − b| ≤ 1e-12 · (1 + |b|)` (the crate denies
/// comparing floats with `==`).
#[track_caller]
pub fn assert_close(a: f64, b: f64) {
    assert!((a - b).abs() <= TOLERANCE * (1.0 + b.abs()), "{a} != {b}");
}

/// A shipped scenario (path relative to the repository root), loaded without overrides.
pub fn scenario(file: &str) -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    crate::scenario::load(&path, &[]).unwrap_or_else(|e| panic!("{file} does not load:\n{e}"))
}

/// A shipped scenario run as an ensemble of `runs` runs over `steps` steps (seed 7, one
/// thread), keeping each run's tipping months (as `compare` does), with its summary.
pub fn ensemble(file: &str, runs: usize, steps: usize) -> (Scenario, Ensemble, Summary) {
    let sc = scenario(file);
    let opts = Options { runs, seed: 7, steps, threads: 1 };
    let (every, keep) = (crate::analysis::series::Aggregate::Every, crate::analysis::ensemble::PerRun::TippingMonths);
    let e = crate::sim::ensemble_of(&sc, opts, every, keep, &mut |_| {}, &mut |_| Ok::<(), ()>(())).expect("runs");
    let s = summarize(&sc, &e);
    (sc, e, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_values_pass_and_distant_ones_fail() {
        assert_close(0.1 + 0.2, 0.3);
        assert_close(1e6 + 1e-7, 1e6);
        assert!(std::panic::catch_unwind(|| assert_close(1.0, 1.0 + 1e-9)).is_err());
    }
}
