//! Given-data first-order sensitivity indices: from one sample's own inputs and outputs, no
//! designed runs.
//!
//! The estimator is the rank-binning correlation ratio SALib computes in
//! `analyze/delta.py::sobol_first`: sort the runs by one input, cut them into M classes of
//! equal size (by ordinal rank), and take the variance of the class means of the output over
//! the output's variance, S_i ≈ Var(E[Y | X_i]) / Var(Y). M follows SALib's rule,
//! M = min(⌈N^e⌉, 48) with e = 2 / (7 + tanh((1500 − N)/500)).
//!
//! Noise biases the estimator upwards: with M classes of N runs, E\[Ŝ\] ≈ S + (M−1)/N·(1−S)
//! (Plischke, Borgonovo & Smith 2013). [`Binned::corrected`] removes that expected floor,
//! (Ŝ − b)/(1 − b) with b = (M−1)/N, and the callers add a dummy input drawn alongside and
//! unused by the model, whose index shows the floor that remains. Bootstrap resamples are
//! given as multiplicities w ([`super::bootstrap::counts`]): each copy of a run takes its own
//! ordinal rank, as in a resampled data set, and since copies share a class the floor of a
//! resample is b = (M−1)·Σw²/N² (each class mean's noise variance is σ²·Σw²/n_j²), about
//! twice (M−1)/N; without that the intervals would sit above the estimate.
//!
//! [`fifths`] gives the runs in the lowest and highest fifth of an input, for the tornado.

/// SALib's number of classes for `n` runs.
pub fn classes(n: usize) -> usize {
    let nf = n as f64;
    let e = 2.0 / (7.0 + ((1500.0 - nf) / 500.0).tanh());
    (nf.powf(e).ceil() as usize).clamp(1, 48)
}

/// The expected index of an input that does not matter: (M−1)/N.
pub fn floor(n: usize) -> f64 {
    if n == 0 { 0.0 } else { (classes(n) as f64 - 1.0) / n as f64 }
}

/// The runs sorted by an input (ordinal ranks: ties keep run order).
pub fn order(x: &[f64]) -> Vec<u32> {
    let mut idx: Vec<u32> = (0..x.len() as u32).collect();
    idx.sort_by(|&a, &b| x[a as usize].total_cmp(&x[b as usize]));
    idx
}

/// First-order indices of one input for `k` outputs at once.
#[derive(Debug, Clone, PartialEq)]
pub struct Binned {
    /// The raw correlation ratios, one per output (0 for a constant output).
    pub raw: Vec<f64>,
    /// The floor (M−1)/N removed by [`Binned::corrected`].
    pub floor: f64,
}

impl Binned {
    /// (Ŝ − b)/(1 − b): the index with its expected noise floor removed (may be negative).
    pub fn corrected(&self) -> Vec<f64> {
        self.raw.iter().map(|s| (s - self.floor) / (1.0 - self.floor)).collect()
    }
}

/// The first-order indices of the input whose run order is `order`, for outputs `ys`
/// (row-major, `k` values per run), with run multiplicities `weights` (a bootstrap resample;
/// `None`: every run once).
pub fn first_order(order: &[u32], ys: &[f64], k: usize, weights: Option<&[u32]>) -> Binned {
    let w = |i: usize| weights.map_or(1, |w| w[i]) as usize;
    let n: usize = match weights {
        Some(ws) => ws.iter().map(|&c| c as usize).sum(),
        None => order.len(),
    };
    let m = classes(n);
    let mut sums = vec![0.0f64; m * k];
    let mut counts = vec![0usize; m];
    let (mut total, mut total2) = (vec![0.0f64; k], vec![0.0f64; k]);
    // The class of ordinal rank r (1-based): j with m_j < r ≤ m_{j+1}, m_j = j·N/M.
    let class = |r: usize| ((r * m).saturating_sub(1) / n.max(1)).min(m - 1);
    let mut rank = 0usize;
    for &i in order {
        let i = i as usize;
        let c = w(i);
        if c == 0 {
            continue;
        }
        let y = &ys[i * k..(i + 1) * k];
        for _ in 0..c {
            rank += 1;
            let j = class(rank);
            counts[j] += 1;
            for (s, &v) in sums[j * k..(j + 1) * k].iter_mut().zip(y) {
                *s += v;
            }
        }
        for q in 0..k {
            total[q] += c as f64 * y[q];
            total2[q] += c as f64 * y[q] * y[q];
        }
    }
    let nf = n as f64;
    let raw = (0..k)
        .map(|q| {
            let mean = total[q] / nf;
            let var = total2[q] / nf - mean * mean;
            if var.is_nan() || var <= 1e-12 * (1.0 + mean * mean) {
                return 0.0;
            }
            let between: f64 = (0..m)
                .filter(|&j| counts[j] > 0)
                .map(|j| {
                    let mj = sums[j * k + q] / counts[j] as f64;
                    counts[j] as f64 / nf * (mj - mean) * (mj - mean)
                })
                .sum();
            between / var
        })
        .collect();
    // The noise floor of this sample: (M−1)·Σw²/N², which is (M−1)/N for unit weights; a
    // resample's copies of a run share a class, so its floor is about twice as high.
    let w2: f64 = match weights {
        Some(ws) => ws.iter().map(|&c| (c as f64) * (c as f64)).sum(),
        None => nf,
    };
    Binned { raw, floor: (m as f64 - 1.0) * w2 / (nf * nf) }
}

/// The runs in the lowest and in the highest fifth of an input (by ordinal rank), and the
/// input's values at the 20th and 80th percentiles (the fifths' inner edges).
pub fn fifths(order: &[u32], x: &[f64]) -> ((Vec<u32>, f64), (Vec<u32>, f64)) {
    let n = order.len();
    let f = n / 5;
    let low: Vec<u32> = order[..f].to_vec();
    let high: Vec<u32> = order[n - f..].to_vec();
    let lo_edge = low.last().map_or(f64::NAN, |&i| x[i as usize]);
    let hi_edge = high.first().map_or(f64::NAN, |&i| x[i as usize]);
    ((low, lo_edge), (high, hi_edge))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};

    /// The Ishigami function (a = 7, b = 0.1) on [−π, π]³; first-order indices
    /// (0.3139, 0.4424, 0), total (0.5576, 0.4424, 0.2437).
    pub fn ishigami(x: &[f64]) -> f64 {
        x[0].sin() + 7.0 * x[1].sin().powi(2) + 0.1 * x[2].powi(4) * x[0].sin()
    }

    #[test]
    fn salibs_class_rule() {
        // N = 10,000: e = 2/(7 + tanh(−17)) = 1/3, so M = ⌈21.54⌉ = 22; capped at 48.
        assert_eq!(classes(10_000), 22);
        assert_eq!(classes(1_000_000), 48);
        assert!((floor(10_000) - 21.0 / 10_000.0).abs() < 1e-15);
    }

    #[test]
    fn ishigami_first_order_indices_from_given_data() {
        let n = 20_000;
        let mut r = rand::rngs::ChaCha8Rng::seed_from_u64(5);
        let pi = std::f64::consts::PI;
        let xs: Vec<[f64; 4]> = (0..n).map(|_| [0; 4].map(|_| -pi + 2.0 * pi * r.random::<f64>())).collect();
        let ys: Vec<f64> = xs.iter().map(|x| ishigami(x)).collect();
        let expect = [0.3139, 0.4424, 0.0, 0.0];
        for (j, e) in expect.iter().enumerate() {
            let col: Vec<f64> = xs.iter().map(|x| x[j]).collect();
            let s = first_order(&order(&col), &ys, 1, None).corrected()[0];
            // The binning's own discretisation error is a few thousandths at M = 32.
            assert!((s - e).abs() < 0.02, "S{} = {s}, expected {e}", j + 1);
        }
    }

    #[test]
    fn weights_act_as_copies_of_runs() {
        let x = [0.3, 0.1, 0.2, 0.4, 0.9, 0.5];
        let y = [1.0, 0.0, 3.0, 2.0, 5.0, 4.0];
        let w = [2u32, 0, 1, 1, 1, 1];
        let (mut x2, mut y2) = (Vec::new(), Vec::new());
        for i in 0..6 {
            for _ in 0..w[i] {
                x2.push(x[i]);
                y2.push(y[i]);
            }
        }
        let a = first_order(&order(&x), &y, 1, Some(&w));
        let b = first_order(&order(&x2), &y2, 1, None);
        assert!((a.raw[0] - b.raw[0]).abs() < 1e-12, "{a:?} {b:?}");
        assert_eq!(first_order(&order(&x), &[1.0; 6], 1, None).raw, vec![0.0]);
    }

    #[test]
    fn fifths_split_by_rank() {
        let x: Vec<f64> = (0..10).rev().map(f64::from).collect();
        let ((low, lo), (high, hi)) = fifths(&order(&x), &x);
        assert_eq!(low, vec![9, 8]);
        assert_eq!(high, vec![1, 0]);
        assert!((lo - 1.0).abs() < 1e-12 && (hi - 8.0).abs() < 1e-12);
    }
}
