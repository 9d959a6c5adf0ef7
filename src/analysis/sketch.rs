//! A fixed-precision, mergeable quantile sketch and an exact mean, per (step, variable).
//!
//! Up to [`EXACT_UP_TO`] values a cell keeps them all and its quantiles are exact. Beyond that,
//! values are binned by the top 16 bits of their IEEE-754 single-precision pattern (sign,
//! exponent, 7 mantissa bits): 128 log-spaced bins per octave, so any reported quantile lies
//! within **0.4 % (relative) of a value that the exact nearest-rank quantile could take**; values
//! of magnitude below 1e-6 are counted as exactly 0. Counts are integers and the mean is summed
//! in 128-bit fixed point, so merging sketches in any order gives identical results: the
//! ensemble statistics do not depend on the number of threads, and memory does not grow with
//! the number of runs.

/// Number of values a cell keeps exactly before switching to bins.
pub const EXACT_UP_TO: usize = 1024;
/// Values of smaller magnitude are counted as 0.
pub const ZERO_BELOW: f32 = 1e-6;
/// Fixed-point scale of the mean's sum (2^24).
const SCALE: f64 = 16_777_216.0;

#[inline]
fn ordered(v: f32) -> u32 {
    let b = v.to_bits();
    if b >> 31 == 1 { !b } else { b | 0x8000_0000 }
}

#[inline]
fn unordered(o: u32) -> f32 {
    let b = if o >> 31 == 1 { o & 0x7fff_ffff } else { !o };
    f32::from_bits(b)
}

#[inline]
fn key(v: f32) -> u32 {
    let v = if v.abs() < ZERO_BELOW { 0.0 } else { v };
    ordered(v) >> 16
}

/// The value a bin stands for: the midpoint of its bounds (0 for the zero bin).
fn representative(k: u32) -> f64 {
    if k == key(0.0) {
        return 0.0;
    }
    let a = unordered(k << 16) as f64;
    let b = unordered(((k + 1) << 16).wrapping_sub(1)) as f64;
    0.5 * (a + b)
}

/// Distribution of one variable at one step over the runs of an ensemble.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    exact: Vec<f32>,
    lo: u32,
    counts: Vec<u32>,
    n: u64,
    sum: i128,
    nan: u64,
}

impl Cell {
    /// Add one value.
    #[inline]
    pub fn add(&mut self, v: f32) {
        if !v.is_finite() {
            self.nan += 1;
            return;
        }
        self.n += 1;
        self.sum += (v as f64 * SCALE).round() as i128;
        if self.counts.is_empty() && self.exact.len() < EXACT_UP_TO {
            self.exact.push(v);
            return;
        }
        self.bin_exact();
        self.bin(v);
    }

    /// Move the exact values into bins.
    fn bin_exact(&mut self) {
        for v in std::mem::take(&mut self.exact) {
            self.bin(v);
        }
    }

    #[inline]
    fn bin(&mut self, v: f32) {
        let k = key(v);
        if self.counts.is_empty() {
            self.lo = k;
            self.counts.push(0);
        } else if k < self.lo {
            let grow = (self.lo - k) as usize;
            self.counts.splice(0..0, std::iter::repeat_n(0, grow));
            self.lo = k;
        } else if (k - self.lo) as usize >= self.counts.len() {
            self.counts.resize((k - self.lo) as usize + 1, 0);
        }
        self.counts[(k - self.lo) as usize] += 1;
    }

    /// Merge another cell into this one.
    pub fn merge(&mut self, other: &Cell) {
        self.n += other.n;
        self.sum += other.sum;
        self.nan += other.nan;
        if self.counts.is_empty() && other.counts.is_empty() && self.exact.len() + other.exact.len() <= EXACT_UP_TO {
            self.exact.extend_from_slice(&other.exact);
            return;
        }
        self.bin_exact();
        for &v in &other.exact {
            self.bin(v);
        }
        if other.counts.is_empty() {
            return;
        }
        let hi = other.lo as usize + other.counts.len() - 1;
        // Make room, then add counts bin by bin.
        self.add_range(other.lo, hi as u32);
        for (i, c) in other.counts.iter().enumerate() {
            self.counts[other.lo as usize + i - self.lo as usize] += c;
        }
    }

    fn add_range(&mut self, lo: u32, hi: u32) {
        if self.counts.is_empty() {
            self.lo = lo;
            self.counts = vec![0; (hi - lo) as usize + 1];
            return;
        }
        if lo < self.lo {
            let grow = (self.lo - lo) as usize;
            self.counts.splice(0..0, std::iter::repeat_n(0, grow));
            self.lo = lo;
        }
        let need = (hi - self.lo) as usize + 1;
        if need > self.counts.len() {
            self.counts.resize(need, 0);
        }
    }

    /// Number of finite values.
    pub fn count(&self) -> u64 {
        self.n
    }

    /// Number of non-finite values seen (always 0 for a healthy model).
    pub fn non_finite(&self) -> u64 {
        self.nan
    }

    /// Mean of the values (exact to 6e-8 absolute per value).
    pub fn mean(&self) -> f64 {
        if self.n == 0 { f64::NAN } else { self.sum as f64 / SCALE / self.n as f64 }
    }

    /// Nearest-rank quantile `q` in [0, 1] (within the sketch's precision).
    pub fn quantile(&self, q: f64) -> f64 {
        if self.n == 0 {
            return f64::NAN;
        }
        let rank = ((q * self.n as f64).ceil() as u64).clamp(1, self.n);
        if self.counts.is_empty() {
            let mut v = self.exact.clone();
            v.sort_by(f32::total_cmp);
            return v[rank as usize - 1] as f64;
        }
        let mut cum = 0u64;
        for (i, &c) in self.counts.iter().enumerate() {
            cum += c as u64;
            if cum >= rank {
                return representative(self.lo + i as u32);
            }
        }
        representative(self.lo + self.counts.len() as u32 - 1)
    }
}

/// Nearest-rank quantile of exact values (for tests and small samples).
pub fn exact_quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_samples_are_exact_and_large_ones_binned() {
        let mut c = Cell::default();
        for i in 0..100 {
            c.add(21.5 + i as f32);
        }
        assert_eq!(c.quantile(0.0), 21.5);
        assert_eq!(c.quantile(0.5), 70.5);
        for i in 0..2000 {
            c.add(i as f32);
        }
        assert!(c.exact.is_empty() && !c.counts.is_empty());
        assert_eq!(c.count(), 2100);
    }

    #[test]
    fn zero_and_signs_are_ordered() {
        assert!(key(-2.0) < key(-1.0));
        assert!(key(-1.0) < key(0.0));
        assert!(key(0.0) < key(1.0));
        assert_eq!(key(1e-9), key(0.0));
        assert_eq!(representative(key(0.0)), 0.0);
    }

    proptest! {
        #[test]
        fn quantiles_are_within_the_stated_bound(
            xs in proptest::collection::vec(-1.0e6f64..1.0e6, 1..3000),
            q in 0.0f64..1.0,
        ) {
            let mut cell = Cell::default();
            for &x in &xs { cell.add(x as f32); }
            let mut sorted: Vec<f64> = xs.iter().map(|&x| x as f32 as f64).collect();
            sorted.sort_by(f64::total_cmp);
            let exact = exact_quantile(&sorted, q);
            let approx = cell.quantile(q);
            let tol = 0.004 * exact.abs() + 2.0 * ZERO_BELOW as f64;
            prop_assert!((approx - exact).abs() <= tol, "q={q} exact={exact} approx={approx}");
            let mean = sorted.iter().sum::<f64>() / sorted.len() as f64;
            prop_assert!((cell.mean() - mean).abs() <= 1e-6 * (1.0 + mean.abs()));
        }

        #[test]
        fn merging_in_any_order_is_identical(xs in proptest::collection::vec(-1.0e3f32..1.0e3, 2..3000), cut in 1usize..2500) {
            let cut = cut.min(xs.len() - 1);
            let mut whole = Cell::default();
            for &x in &xs { whole.add(x); }
            let (mut a, mut b) = (Cell::default(), Cell::default());
            for &x in &xs[..cut] { a.add(x); }
            for &x in &xs[cut..] { b.add(x); }
            let mut ab = a.clone(); ab.merge(&b);
            let mut ba = b.clone(); ba.merge(&a);
            for q in [0.05, 0.25, 0.5, 0.75, 0.95] {
                prop_assert_eq!(ab.quantile(q).to_bits(), whole.quantile(q).to_bits());
                prop_assert_eq!(ba.quantile(q).to_bits(), whole.quantile(q).to_bits());
            }
            prop_assert_eq!(ab.mean().to_bits(), ba.mean().to_bits());
        }
    }
}
