//! Variance-based sensitivity by design: a scrambled Sobol' sample in the Saltelli layout,
//! with a shock seed per base row, and the Saltelli (first-order) and Jansen (total)
//! estimators with bootstrap intervals over base rows.
//!
//! The design has N base rows (a power of two) of two independent point sets A and B over
//! the inputs' dimensions (Owen-scrambled Sobol' points from `sobol_burley`, seeded from the
//! master seed; A uses dimensions 0..D, B dimensions D..2D). Inputs may be groups of
//! dimensions. Rows, in blocks of N: A; B; one block AB_g per group (A with the group's
//! columns taken from B); and A's values with B's shock seed (the "luck" column ω). Row j of A
//! and of every AB_g uses shock seed j, row j of B and of the luck block seed N + j, so the
//! rows derived from a base row share its luck and the total indices measure the inputs under
//! the same luck, not the whole noise variance. The model is any function of (u, shock seed):
//! the war model through [`super::sensitivity::sobol`], the Ishigami and G-functions in the
//! tests, along the same code path.
//!
//! Estimators (Saltelli et al. 2010, *Comput Phys Commun* 181:259, table 2): with V the
//! variance of f(A) and f(B) pooled,
//! S_g = mean(f(B)·(f(AB_g) − f(A))) / V and ST_g = ½·mean((f(A) − f(AB_g))²) / V (Jansen
//! 1999). The luck column gives S and ST of the shock seed: ST_ω is the share of the spread
//! that is month-to-month luck. Intervals: percentile bootstrap over base rows.

use super::bootstrap::{self, RESAMPLES};
use super::sensitivity::Interval;
use serde::Serialize;

/// A Saltelli design.
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    /// Base rows N.
    pub n: usize,
    /// Dimensions of each input (group), indices into 0..dims.
    pub groups: Vec<Vec<usize>>,
    /// Total dimensions D.
    pub dims: usize,
    /// Scramble seed.
    pub seed: u32,
}

/// The largest number of dimensions (two point sets of D dimensions each, `sobol_burley`'s
/// limit of 256).
pub const MAX_DIMS: usize = 128;

/// The largest base row count (`sobol_burley`'s limit of 2^16 points).
pub const MAX_N: usize = 1 << 16;

impl Design {
    /// A design of `n` base rows (rounded up to a power of two, at most [`MAX_N`]) over
    /// `groups` (dimension indices; together they must be 0..D for some D ≤ [`MAX_DIMS`]).
    pub fn new(n: usize, groups: Vec<Vec<usize>>, seed: u64) -> Design {
        let dims = groups.iter().flatten().map(|&d| d + 1).max().unwrap_or(0).min(MAX_DIMS);
        let n = n.max(2).next_power_of_two().min(MAX_N);
        let seed = (seed ^ (seed >> 32)) as u32;
        Design { n, groups, dims, seed }
    }

    /// Number of rows: N × (groups + 3).
    pub fn rows(&self) -> usize {
        self.n * (self.groups.len() + 3)
    }

    fn point(&self, j: usize, set: usize) -> Vec<f64> {
        (0..self.dims)
            .map(|d| {
                let u = sobol_burley::sample(j as u32, (set * self.dims + d) as u32, self.seed) as f64;
                u.clamp(1.0 / (1u64 << 25) as f64, 1.0 - 1.0 / (1u64 << 25) as f64)
            })
            .collect()
    }

    /// Row `r`: the point in (0, 1)^D and its shock seed.
    pub fn row(&self, r: usize) -> (Vec<f64>, usize) {
        let (block, j) = (r / self.n, r % self.n);
        let g = self.groups.len();
        match block {
            0 => (self.point(j, 0), j),
            1 => (self.point(j, 1), self.n + j),
            b if b < 2 + g => {
                let mut a = self.point(j, 0);
                let bp = self.point(j, 1);
                for &d in &self.groups[b - 2] {
                    a[d] = bp[d];
                }
                (a, j)
            }
            _ => (self.point(j, 0), self.n + j),
        }
    }
}

/// First-order and total indices of every input and of luck, for one output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SobolIndices {
    /// First-order index of each input, then of luck (last).
    pub first: Vec<Interval>,
    /// Total index of each input, then of luck (last): the luck share of the spread.
    pub total: Vec<Interval>,
    /// Variance of the output.
    pub variance: f64,
}

/// (S, ST) of every column (groups, then luck) from the outputs `y` (one per row) with base
/// rows weighted by `w`.
fn estimate(design: &Design, y: &[f64], w: Option<&[u32]>) -> (Vec<f64>, Vec<f64>) {
    let n = design.n;
    let cols = design.groups.len() + 1;
    let wt = |j: usize| w.map_or(1.0, |w| w[j] as f64);
    let total_w: f64 = (0..n).map(wt).sum();
    let (fa, fb) = (&y[..n], &y[n..2 * n]);
    let mean = (0..n).map(|j| wt(j) * (fa[j] + fb[j])).sum::<f64>() / (2.0 * total_w);
    let var = (0..n).map(|j| wt(j) * ((fa[j] - mean).powi(2) + (fb[j] - mean).powi(2))).sum::<f64>() / (2.0 * total_w);
    let mut s = Vec::with_capacity(cols);
    let mut st = Vec::with_capacity(cols);
    for c in 0..cols {
        let fab = &y[(2 + c) * n..(3 + c) * n];
        if var <= 0.0 {
            s.push(0.0);
            st.push(0.0);
            continue;
        }
        let first = (0..n).map(|j| wt(j) * fb[j] * (fab[j] - fa[j])).sum::<f64>() / total_w / var;
        let tot = (0..n).map(|j| wt(j) * 0.5 * (fa[j] - fab[j]).powi(2)).sum::<f64>() / total_w / var;
        s.push(first);
        st.push(tot);
    }
    (s, st)
}

/// The indices of `k` outputs (`ys` row-major, `k` per design row) with percentile bootstrap
/// intervals of coverage `level` over base rows (seeded from `seed`).
pub fn indices(design: &Design, ys: &[f64], k: usize, seed: u64, level: f64) -> Vec<SobolIndices> {
    use rayon::prelude::*;
    let rows = design.rows();
    let cols = design.groups.len() + 1;
    let column = |q: usize| -> Vec<f64> { (0..rows).map(|r| ys[r * k + q]).collect() };
    let outs: Vec<Vec<f64>> = (0..k).map(column).collect();
    let boot: Vec<Vec<(Vec<f64>, Vec<f64>)>> = (0..RESAMPLES)
        .into_par_iter()
        .map(|b| {
            let w = bootstrap::counts(seed, "explore.sobol.bootstrap", b, design.n);
            outs.iter().map(|y| estimate(design, y, Some(&w))).collect()
        })
        .collect();
    outs.iter()
        .enumerate()
        .map(|(q, y)| {
            let (s, st) = estimate(design, y, None);
            let iv = |c: usize, total: bool, v: f64| {
                let xs: Vec<f64> = boot.iter().map(|r| if total { r[q].1[c] } else { r[q].0[c] }).collect();
                let (lo, hi) = bootstrap::interval(&xs, level);
                Interval { value: v, lo, hi }
            };
            let fa = &y[..2 * design.n];
            let m = fa.iter().sum::<f64>() / fa.len() as f64;
            SobolIndices {
                first: (0..cols).map(|c| iv(c, false, s[c])).collect(),
                total: (0..cols).map(|c| iv(c, true, st[c])).collect(),
                variance: fa.iter().map(|x| (x - m).powi(2)).sum::<f64>() / fa.len() as f64,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::given::tests::ishigami;
    use super::*;
    use rand::{RngExt, SeedableRng};

    /// Run a test model `f(u, shock)` through a design and its estimators.
    fn analyse(design: &Design, f: &dyn Fn(&[f64], usize) -> f64, level: f64) -> SobolIndices {
        let ys: Vec<f64> = (0..design.rows())
            .map(|r| {
                let (u, shock) = design.row(r);
                f(&u, shock)
            })
            .collect();
        indices(design, &ys, 1, 11, level).remove(0)
    }

    fn covers(iv: &Interval, truth: f64, what: &str) {
        assert!(
            iv.lo <= truth && truth <= iv.hi,
            "{what}: {truth} not in [{}, {}] (estimate {})",
            iv.lo,
            iv.hi,
            iv.value
        );
    }

    #[test]
    fn ishigami_indices_are_recovered_within_their_intervals() {
        let pi = std::f64::consts::PI;
        let design = Design::new(8192, vec![vec![0], vec![1], vec![2]], 3);
        let ix = analyse(&design, &|u, _| ishigami(&u.iter().map(|u| -pi + 2.0 * pi * u).collect::<Vec<_>>()), 0.99);
        let (s, st) = ([0.3139, 0.4424, 0.0], [0.5576, 0.4424, 0.2437]);
        for i in 0..3 {
            covers(&ix.first[i], s[i], &format!("S{}", i + 1));
            covers(&ix.total[i], st[i], &format!("ST{}", i + 1));
        }
        // A deterministic model: luck explains nothing.
        assert!(ix.total[3].value.abs() < 1e-12 && ix.first[3].value.abs() < 1e-12);
    }

    #[test]
    fn g_function_indices_are_recovered_within_their_intervals() {
        let a = [0.0, 1.0, 4.5, 9.0, 99.0, 99.0];
        let vi: Vec<f64> = a.iter().map(|a| 1.0 / (3.0 * (1.0 + a) * (1.0f64 + a))).collect();
        let v = vi.iter().map(|v| 1.0 + v).product::<f64>() - 1.0;
        let design = Design::new(8192, (0..6).map(|d| vec![d]).collect(), 5);
        let g = |u: &[f64], _: usize| u.iter().zip(&a).map(|(x, a)| ((4.0 * x - 2.0).abs() + a) / (1.0 + a)).product();
        let ix = analyse(&design, &g, 0.99);
        for i in 0..6 {
            let others: f64 = (0..6).filter(|&j| j != i).map(|j| 1.0 + vi[j]).product();
            covers(&ix.first[i], vi[i] / v, &format!("S{}", i + 1));
            covers(&ix.total[i], vi[i] * others / v, &format!("ST{}", i + 1));
        }
    }

    #[test]
    fn groups_add_up_and_luck_is_measured() {
        // Y = X1 + X2 + σ·ε(shock): the group {X1, X2} carries 2/(2 + σ²) of the variance
        // (uniforms have variance 1/12 each; ε is uniform too) and luck the rest.
        let sigma = 1.0;
        let eps = |shock: usize| rand::rngs::ChaCha8Rng::seed_from_u64(shock as u64).random::<f64>();
        let f = |u: &[f64], shock: usize| u[0] + u[1] + sigma * eps(shock);
        let design = Design::new(8192, vec![vec![0, 1]], 9);
        let ix = analyse(&design, &f, 0.99);
        let luck = sigma * sigma / (2.0 + sigma * sigma);
        covers(&ix.first[0], 1.0 - luck, "S group");
        covers(&ix.total[1], luck, "ST luck");
        let wider = analyse(&design, &f, 0.999);
        assert!(wider.total[1].hi - wider.total[1].lo > ix.total[1].hi - ix.total[1].lo, "the level is used");
    }

    #[test]
    fn rows_derived_from_a_base_row_share_its_shock_seed() {
        let d = Design::new(4, vec![vec![0], vec![1]], 1);
        assert_eq!(d.rows(), 4 * 5);
        let (a, sa) = d.row(1);
        let (b, sb) = d.row(4 + 1);
        let (ab0, s0) = d.row(8 + 1);
        let (aw, sw) = d.row(16 + 1);
        assert_eq!((sa, sb, s0, sw), (1, 5, 1, 5));
        assert_eq!(ab0, vec![b[0], a[1]]);
        assert_eq!(aw, a);
        assert_eq!(Design::new(1000, vec![vec![0]], 1).n, 1024);
    }
}
