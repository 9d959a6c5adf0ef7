//! A fixed-precision, mergeable quantile sketch and an exact mean, per (step, variable).
//!
//! Up to [`EXACT_UP_TO`] values a cell keeps them all and its quantiles are exact. Beyond that,
//! values are binned by the top 16 bits of their IEEE-754 single-precision pattern (sign,
//! exponent, 7 mantissa bits): 128 log-spaced bins per octave, so any reported quantile lies
//! within **0.4 % (relative) of a value that the exact nearest-rank quantile could take**; values
//! of magnitude below 1e-6 are counted as exactly 0. Each cell also keeps its smallest and
//! largest value: a bin's midpoint is reported within them, and the extreme ranks exactly.
//! Counts are integers and the mean is summed
//! in 128-bit fixed point, so merging sketches in any order gives identical results: the
//! ensemble statistics do not depend on the number of threads, and memory does not grow with
//! the number of runs.
//!
//! Every value of every run of an ensemble passes through here, so adding is the hot path:
//! [`RowAdder`] adds whole rows of a batch at once (see `docs/PERFORMANCE.md`). Bins live in
//! pages allocated where values fall; quantiles are read by [`Cell::quantiles`] in one pass.

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

/// Values below this magnitude take the bulk path of [`RowAdder`]: `v · 2^24` is then below
/// 2^44, so [`fixed_small`] is exact and 256 of them add up exactly in an `f64`.
const SMALL: f32 = 1_048_576.0;

/// [`fixed`] for `|v| <` `SMALL`, in `f64` arithmetic without branches (it vectorises).
///
/// `x = v · 2^24` is exact. Adding and subtracting 1.5 · 2^52 rounds to the nearest integer
/// with ties to even; ties must go away from zero, so `x` is first nudged away from zero by
/// `x · 2^-30`, at most 2^-8. The nudge breaks a tie (`x` a half-integer) the right way and
/// moves no other `x` across a half-integer: `x` has 24 significant bits, so it lies on a grid
/// of `ulp(x) ≥ |x| · 2^-24` that contains the half-integers nearby, and the nudge is far below
/// a step of that grid; above 2^22, where the cap applies, `x` is a multiple of ½ and the nudge
/// is below ½. The sum `x + nudge` may round, but only by 2^-53 relative, which keeps it on
/// the same side of every half-integer. The result is an integer below 2^44 in magnitude.
#[inline]
fn fixed_small(v: f32) -> f64 {
    const ROUND: f64 = 6_755_399_441_055_744.0;
    const CAP: f64 = 1.0 / 256.0;
    let x = v as f64 * SCALE;
    let nudge = (x * (1.0 / 1_073_741_824.0)).clamp(-CAP, CAP);
    ((x + nudge) + ROUND) - ROUND
}

/// [`key`] without branches (so that it vectorises).
#[inline]
fn key_branchless(v: f32) -> u16 {
    let b = if v.abs() < ZERO_BELOW { 0 } else { v.to_bits() };
    // Negative: flip every bit; positive: set the sign bit (as in `ordered`).
    let flip = ((b as i32) >> 31) as u32 | 0x8000_0000;
    ((b ^ flip) >> 16) as u16
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

/// `round(v · 2^24)` as an integer, exactly as `(v as f64 * SCALE).round() as i128` computes
/// it (round half away from zero, saturating at the `i128` range).
///
/// The libm `round` call and the software float → 128-bit conversion were a quarter of the
/// cost of adding a value to a [`Cell`]. Here `x = v · 2^24` is exact in `f64`, and below
/// 2^52 in magnitude its truncation and fractional part are exact too, so rounding half away
/// from zero is the truncation plus one step away from zero when the fraction reaches ½.
#[inline]
fn fixed(v: f32) -> i128 {
    let x = v as f64 * SCALE;
    if x.abs() < 4_503_599_627_370_496.0 {
        let t = x as i64;
        let frac = x - t as f64;
        (t + (frac >= 0.5) as i64 - (frac <= -0.5) as i64) as i128
    } else {
        x.round() as i128
    }
}

/// Bins per page of the bin table (the low 8 bits of a key).
const PAGE: usize = 256;
/// Pages in the key space (the high 8 bits of a key).
const PAGES: usize = 1 << 8;

/// Distribution of one variable at one step over the runs of an ensemble.
///
/// Bins are kept in pages of 256 (two octaves), allocated only where values fall: a variable
/// that takes both signs spans tens of thousands of keys between its smallest negative and
/// positive magnitudes but fills only a few hundred, so a dense range of counts would cost
/// ~100 KiB per cell where the pages cost a few KiB. Pages are kept in key order, so the
/// layout does not depend on the order values arrived in.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Every finite value, while there are at most [`EXACT_UP_TO`].
    exact: Vec<f32>,
    /// Whether `exact` is in ascending total order (see [`Cell::sort_exact`]).
    sorted: bool,
    /// Page table once binned (`None` while exact): for each page of the key space, 0 (no
    /// page) or 1 + its index in `counts`.
    pages: Option<Box<[u16; PAGES]>>,
    /// Counts of the allocated pages, in key order.
    counts: Vec<[u32; PAGE]>,
    n: u64,
    sum: i128,
    nan: u64,
    /// Smallest and largest finite value (∞ and −∞ while there is none): a binned quantile
    /// never lies outside them, so a variable that takes one value in every run reports
    /// exactly that value.
    min: f32,
    max: f32,
}

impl Default for Cell {
    fn default() -> Self {
        Cell {
            exact: Vec::new(),
            sorted: false,
            pages: None,
            counts: Vec::new(),
            n: 0,
            sum: 0,
            nan: 0,
            min: f32::INFINITY,
            max: f32::NEG_INFINITY,
        }
    }
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
        self.sum += fixed(v);
        self.min = self.min.min(v);
        self.max = self.max.max(v);
        if self.pages.is_none() {
            if self.exact.len() < EXACT_UP_TO {
                self.exact.push(v);
                self.sorted = false;
                return;
            }
            self.bin_exact();
        }
        self.bin(v);
    }

    /// Sort the exact values once, so that quantiles need not (a cell is read many times:
    /// five percentiles, charts, tests). Binned cells are left as they are.
    pub fn sort_exact(&mut self) {
        if !self.sorted {
            // Values equal under the total order have the same bits: unstable is as good as stable.
            self.exact.sort_unstable_by(f32::total_cmp);
            self.sorted = true;
        }
    }

    /// Move the exact values into bins.
    fn bin_exact(&mut self) {
        self.pages = Some(Box::new([0; PAGES]));
        for v in std::mem::take(&mut self.exact) {
            self.bin(v);
        }
        self.sorted = false;
    }

    /// The counts of page `page`, allocated (in key order) if new. The cell must be binned.
    fn page_mut(&mut self, page: u8) -> &mut [u32; PAGE] {
        let pages = self.pages.get_or_insert_with(|| Box::new([0; PAGES]));
        let page = page as usize;
        if pages[page] == 0 {
            // New page: insert it after every allocated page of lower keys.
            let before = pages[..page].iter().filter(|&&p| p != 0).count();
            self.counts.insert(before, [0; PAGE]);
            for p in pages.iter_mut().filter(|p| **p as usize > before) {
                *p += 1;
            }
            pages[page] = before as u16 + 1;
        }
        let at = pages[page] as usize - 1;
        &mut self.counts[at]
    }

    #[inline]
    fn bin(&mut self, v: f32) {
        self.bin_n(key(v) as u16, 1);
    }

    /// Count `count` values of key `k`. The cell must be binned.
    #[inline]
    fn bin_n(&mut self, k: u16, count: u32) {
        let [page, slot] = k.to_be_bytes();
        match self.pages.as_ref().map_or(0, |p| p[page as usize]) {
            0 => self.page_mut(page)[slot as usize] += count,
            at => self.counts[at as usize - 1][slot as usize] += count,
        }
    }

    /// Count one value of each key. A run of equal keys (a variable that is the same in many
    /// runs at a step, or zero) is counted at once: incrementing the same counter value after
    /// value would wait for each store in turn.
    #[inline]
    fn bin_keys(&mut self, mut keys: impl Iterator<Item = u16>) {
        let Some(mut last) = keys.next() else {
            return;
        };
        let mut run = 1;
        for k in keys {
            if k == last {
                run += 1;
            } else {
                self.bin_n(last, run);
                (last, run) = (k, 1);
            }
        }
        self.bin_n(last, run);
    }

    /// Allocated pages in key order: (first key of the page, its counts).
    fn bins(&self) -> impl Iterator<Item = (u32, &[u32; PAGE])> + '_ {
        let pages = self.pages.as_deref().into_iter().flatten();
        pages
            .enumerate()
            .filter(|(_, at)| **at != 0)
            .map(|(page, &at)| ((page * PAGE) as u32, &self.counts[at as usize - 1]))
    }

    /// Merge another cell into this one.
    pub fn merge(&mut self, other: &Cell) {
        self.n += other.n;
        self.sum += other.sum;
        self.nan += other.nan;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
        if self.pages.is_none() && other.pages.is_none() && self.exact.len() + other.exact.len() <= EXACT_UP_TO {
            self.exact.extend_from_slice(&other.exact);
            self.sorted = false;
            return;
        }
        if self.pages.is_none() {
            self.bin_exact();
        }
        for &v in &other.exact {
            self.bin(v);
        }
        for (first, counts) in other.bins() {
            let mine = self.page_mut((first as usize / PAGE) as u8);
            for (a, b) in mine.iter_mut().zip(counts) {
                *a += b;
            }
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
        self.quantiles([q])[0]
    }

    /// Nearest-rank quantiles `qs` (each in [0, 1]), in one pass over the values or bins.
    pub fn quantiles<const N: usize>(&self, qs: [f64; N]) -> [f64; N] {
        if self.n == 0 {
            return [f64::NAN; N];
        }
        let rank = |q: f64| ((q * self.n as f64).ceil() as u64).clamp(1, self.n);
        if self.pages.is_none() {
            let sorted;
            let v = if self.sorted {
                &self.exact
            } else {
                let mut v = self.exact.clone();
                v.sort_unstable_by(f32::total_cmp);
                sorted = v;
                &sorted
            };
            return qs.map(|q| v[rank(q) as usize - 1] as f64);
        }
        // Page totals first, so that each quantile scans one page only.
        let pages: Vec<(u32, &[u32; PAGE], u64)> =
            self.bins().map(|(first, c)| (first, c, c.iter().map(|&x| x as u64).sum())).collect();
        qs.map(|q| {
            let rank = rank(q);
            // The first and last ranks are the smallest and largest values, known exactly.
            if self.min <= self.max {
                if rank == 1 {
                    return self.min as f64;
                }
                if rank == self.n {
                    return self.max as f64;
                }
            }
            let mut cum = 0u64;
            for &(first, counts, total) in &pages {
                if cum + total < rank {
                    cum += total;
                    continue;
                }
                for (i, &c) in counts.iter().enumerate() {
                    cum += c as u64;
                    if cum >= rank {
                        return self.clamped(representative(first + i as u32));
                    }
                }
            }
            // Not reached (the counts add up to n ≥ rank); as before, the highest bin.
            let last =
                pages.iter().rev().find_map(|&(first, c, _)| c.iter().rposition(|&x| x > 0).map(|i| first + i as u32));
            last.map_or(f64::NAN, |k| self.clamped(representative(k)))
        })
    }

    /// A bin's representative, kept within the smallest and largest value seen. Both the
    /// representative and the exact quantile lie in the bin, and the exact quantile lies in
    /// [min, max], so the clamped value stays in the bin: the error bound holds.
    fn clamped(&self, r: f64) -> f64 {
        if self.min <= self.max { r.clamp(self.min as f64, self.max as f64) } else { r }
    }
}

/// Adds rows of values to a row of cells (value `c` of each row to cell `c`), with the same
/// result as [`Cell::add`] value by value.
///
/// This is the hot loop of an ensemble: every value of every run passes here once. When every
/// cell is binned (after the first [`EXACT_UP_TO`] runs) and a row's values are finite and
/// below `SMALL`, the fixed-point values and the bin keys of the whole row are computed in
/// straight-line `f64` and integer code that the compiler vectorises, the sums are kept per
/// column and handed to the cells once per call, and only the bin increments are done one by
/// one. Other rows go value by value.
#[derive(Debug, Clone, Default)]
pub struct RowAdder {
    sums: Vec<f64>,
    mins: Vec<f32>,
    maxs: Vec<f32>,
    keys: Vec<u16>,
    bulk: Vec<bool>,
}

impl RowAdder {
    /// Most rows per call of [`RowAdder::add`]: their sums are exact in an `f64` (see `SMALL`).
    pub const MAX_ROWS: usize = 256;

    /// Add `rows` (at most [`RowAdder::MAX_ROWS`], each as long as `cells`) to `cells`.
    ///
    /// Several rows at once also let their loads from memory overlap.
    pub fn add(&mut self, cells: &mut [Cell], rows: &[&[f32]]) {
        assert!(rows.len() <= Self::MAX_ROWS);
        let n = cells.len();
        if !cells.iter().all(|c| c.pages.is_some()) {
            for row in rows {
                for (cell, &v) in cells.iter_mut().zip(row.iter()) {
                    cell.add(v);
                }
            }
            return;
        }
        self.sums.clear();
        self.sums.resize(n, 0.0);
        self.mins.clear();
        self.mins.resize(n, f32::INFINITY);
        self.maxs.clear();
        self.maxs.resize(n, f32::NEG_INFINITY);
        self.keys.resize(rows.len() * n, 0);
        // Check every row first: their loads from memory then overlap.
        self.bulk.clear();
        self.bulk.extend(rows.iter().map(|row| row[..n].iter().fold(true, |ok, v| ok & (v.abs() < SMALL))));
        let mut rows_in_bulk = 0;
        for (row, &bulk) in rows.iter().zip(&self.bulk) {
            let row = &row[..n];
            if bulk {
                for (sum, &v) in self.sums.iter_mut().zip(row) {
                    *sum += fixed_small(v);
                }
                // Plain comparisons (the values are finite) compile to vector min and max.
                for ((lo, hi), &v) in self.mins.iter_mut().zip(self.maxs.iter_mut()).zip(row) {
                    *lo = if v < *lo { v } else { *lo };
                    *hi = if v > *hi { v } else { *hi };
                }
                for (k, &v) in self.keys[rows_in_bulk * n..][..n].iter_mut().zip(row) {
                    *k = key_branchless(v);
                }
                rows_in_bulk += 1;
            } else {
                // Not finite, or too large for the exact f64 sum: value by value.
                for (cell, &v) in cells.iter_mut().zip(row) {
                    cell.add(v);
                }
            }
        }
        // Column by column, so that a cell's page table and bins are reused across the rows.
        for (c, cell) in cells.iter_mut().enumerate() {
            cell.bin_keys((0..rows_in_bulk).map(|r| self.keys[r * n + c]));
        }
        let bulk = rows_in_bulk as u64;
        for (((cell, &sum), &lo), &hi) in cells.iter_mut().zip(&self.sums).zip(&self.mins).zip(&self.maxs) {
            cell.n += bulk;
            // An integer below 2^52 in magnitude (MAX_ROWS values below 2^44): exact.
            cell.sum += sum as i64 as i128;
            cell.min = cell.min.min(lo);
            cell.max = cell.max.max(hi);
        }
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
#[allow(clippy::float_cmp)] // the expected values in these tests are exact
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn binned_quantiles_stay_within_the_values_seen() {
        // One value in every run (a level at the start, an index of 1): reported exactly,
        // not as its bin's midpoint.
        let mut one = Cell::default();
        for _ in 0..5000 {
            one.add(1.0);
        }
        assert!(one.pages.is_some());
        assert_eq!(one.quantiles([0.05, 0.5, 0.95]), [1.0; 3]);
        // The extremes of a spread are the smallest and largest values, not beyond them.
        let mut spread = Cell::default();
        for i in 0..5000 {
            spread.add(100.0 + (i % 7) as f32);
        }
        assert_eq!(spread.quantile(0.0), 100.0);
        assert_eq!(spread.quantile(1.0), 106.0);
        // The bulk path keeps them too.
        let mut cells = vec![Cell::default(); 2];
        let rows: Vec<[f32; 2]> = (0..3000).map(|i| [2.5, -(i as f32)]).collect();
        let mut adder = RowAdder::default();
        for chunk in rows.chunks(64) {
            let refs: Vec<&[f32]> = chunk.iter().map(|r| &r[..]).collect();
            adder.add(&mut cells, &refs);
        }
        assert_eq!(cells[0].quantile(0.5), 2.5);
        assert_eq!(cells[1].quantile(0.0), -2999.0);
        assert_eq!(cells[1].quantile(1.0), 0.0);
    }

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
        assert!(c.exact.is_empty() && c.pages.is_some() && !c.counts.is_empty());
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

    #[test]
    fn small_fixed_point_and_keys_match() {
        let reference = |v: f32| (v as f64 * SCALE).round() as i128;
        for bits in (0..=u32::MAX).step_by(7_919) {
            let v = f32::from_bits(bits);
            if v.is_finite() {
                assert_eq!(key_branchless(v) as u32, key(v), "{v:e}");
                if v.abs() < SMALL {
                    assert_eq!(fixed_small(v) as i128, reference(v), "{v:e}");
                }
            }
        }
        // Ties (half-integers after scaling) and their neighbours, at every magnitude.
        for e in 0..44 {
            for k in [1u64, 2, 3, 5, 1 << 20, (1 << 22) - 1] {
                let tie = ((k << e) as f64 + 0.5) / SCALE;
                for v in [tie as f32, (tie as f32).next_up(), (tie as f32).next_down()] {
                    for v in [v, -v] {
                        if v.abs() < SMALL {
                            assert_eq!(fixed_small(v) as i128, reference(v), "{v:e}");
                        }
                    }
                }
            }
        }
    }

    /// Every `f32` below `SMALL` (about 2 · 10^9 values; run with `--release --ignored`).
    #[test]
    #[ignore]
    fn small_fixed_point_is_exact_for_every_value() {
        let limit = SMALL.to_bits();
        for bits in 0..limit {
            for v in [f32::from_bits(bits), -f32::from_bits(bits)] {
                assert_eq!(fixed_small(v) as i128, (v as f64 * SCALE).round() as i128, "{v:e}");
            }
        }
    }

    #[test]
    fn fixed_point_matches_the_float_rounding() {
        let reference = |v: f32| (v as f64 * SCALE).round() as i128;
        let special = [0.0, -0.0, 0.5 / SCALE as f32, -1.5 / SCALE as f32, 2.5 / SCALE as f32, f32::MIN_POSITIVE];
        let extremes = [f32::MAX, f32::MIN, 1.0e30, -1.0e30, 2.0f32.powi(102), 2.0f32.powi(103), -2.0f32.powi(103)];
        for v in special.into_iter().chain(extremes) {
            assert_eq!(fixed(v), reference(v), "{v:e}");
        }
        // A spread of bit patterns over every exponent, both signs, subnormals included.
        for bits in (0..=u32::MAX).step_by(9_973) {
            let v = f32::from_bits(bits);
            if v.is_finite() {
                assert_eq!(fixed(v), reference(v), "{v:e} ({bits:#x})");
            }
        }
    }

    proptest! {
        #[test]
        fn adding_rows_is_adding_one_by_one(
            rows in proptest::collection::vec(proptest::collection::vec(prop_oneof![
                6 => -1.0e3f32..1.0e3,
                1 => Just(0.0f32),
                1 => (-20.0f32..20.0).prop_map(|x| (x * 2.0).round() / 2.0 / SCALE as f32),
                1 => -1.0e-5f32..1.0e-5,
                1 => Just(f32::NAN),
                1 => Just(3.0e7f32),
                1 => Just(-1.048_576e6f32),
            ], 3), 0..1500),
            per_call in 1usize..40,
        ) {
            let mut one = vec![Cell::default(); 3];
            let mut bulk = vec![Cell::default(); 3];
            for row in &rows {
                for (c, &v) in row.iter().enumerate() {
                    one[c].add(v);
                }
            }
            let mut adder = RowAdder::default();
            for chunk in rows.chunks(per_call) {
                let refs: Vec<&[f32]> = chunk.iter().map(|r| r.as_slice()).collect();
                adder.add(&mut bulk, &refs);
            }
            prop_assert_eq!(&one, &bulk);
        }

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
