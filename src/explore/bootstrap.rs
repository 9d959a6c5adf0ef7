//! Seeded bootstrap resampling and percentile intervals.
//!
//! A resample is a vector of multiplicities (how many times each of the `n` units — runs, or
//! base rows of a design — is drawn), generated from its own ChaCha8 stream keyed by the
//! master seed, a purpose and the resample's index: the same seed gives the same intervals,
//! at any thread count. Intervals are **percentile** intervals of the resampled statistic
//! (type-7 quantiles, as R's default), labelled as such wherever they are shown.

use crate::sim::rng;
use rand::RngExt;

/// Resamples per interval.
pub const RESAMPLES: usize = 500;

/// Coverage of the reported intervals.
pub const LEVEL: f64 = 0.90;

/// The multiplicities of resample `b` of `n` units (they sum to `n`), for `purpose`.
pub fn counts(seed: u64, purpose: &str, b: usize, n: usize) -> Vec<u32> {
    let mut r = rng::stream(seed, rng::key(purpose), b as u64);
    let mut c = vec![0u32; n];
    if n == 0 {
        return c;
    }
    for _ in 0..n {
        c[r.random_range(0..n)] += 1;
    }
    c
}

/// The type-7 quantile `q` in [0, 1] of `xs` (NaNs ignored; NaN if nothing is left).
pub fn quantile(xs: &[f64], q: f64) -> f64 {
    let mut v: Vec<f64> = xs.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let h = (v.len() - 1) as f64 * q.clamp(0.0, 1.0);
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    v[lo] + (h - lo as f64) * (v[hi] - v[lo])
}

/// The central percentile interval of coverage `level` of `xs`.
pub fn interval(xs: &[f64], level: f64) -> (f64, f64) {
    let a = (1.0 - level) / 2.0;
    (quantile(xs, a), quantile(xs, 1.0 - a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resamples_are_seeded_and_sum_to_n() {
        let a = counts(7, "x", 3, 100);
        assert_eq!(a, counts(7, "x", 3, 100));
        assert_ne!(a, counts(7, "x", 4, 100));
        assert_ne!(a, counts(8, "x", 3, 100));
        assert_eq!(a.iter().sum::<u32>(), 100);
    }

    #[test]
    fn quantiles_interpolate_like_r_type_7() {
        let xs = [4.0, 1.0, 3.0, 2.0];
        assert!((quantile(&xs, 0.5) - 2.5).abs() < 1e-12);
        assert!((quantile(&xs, 0.25) - 1.75).abs() < 1e-12);
        assert!((quantile(&xs, 1.0) - 4.0).abs() < 1e-12);
        assert!(quantile(&[], 0.5).is_nan());
    }

    #[test]
    fn the_interval_of_a_mean_covers_it_at_its_level() {
        // Bootstrap the mean of 0..200: its 90% percentile interval is about ±1.645 s/√n.
        let xs: Vec<f64> = (0..200).map(f64::from).collect();
        let means: Vec<f64> = (0..RESAMPLES)
            .map(|b| {
                let c = counts(1, "mean", b, xs.len());
                xs.iter().zip(&c).map(|(x, &k)| x * k as f64).sum::<f64>() / xs.len() as f64
            })
            .collect();
        let (lo, hi) = interval(&means, 0.90);
        let se = (xs.iter().map(|x| (x - 99.5).powi(2)).sum::<f64>() / 199.0 / 200.0).sqrt();
        assert!(lo < 99.5 && hi > 99.5);
        let half = (hi - lo) / 2.0;
        assert!((half / (1.645 * se) - 1.0).abs() < 0.15, "half-width {half} vs {}", 1.645 * se);
        // A wider level gives a wider interval.
        let (lo99, hi99) = interval(&means, 0.99);
        assert!(lo99 < lo && hi99 > hi);
    }
}
