//! Ensemble statistics of every variable at every step, accumulated as runs finish.
//!
//! The statistics read each run as its table of values and its last step ([`RunRows`]); the
//! runs themselves are produced elsewhere (`sim` feeds them in while it simulates).
//!
//! A run that ends early (cease-fire, collapse, objective) has its levels held and its flows
//! zero for the rest of the horizon: every row after its last step is the same row. About a
//! third of a baseline ensemble's rows are such frozen rows. They are not added to each later
//! step one by one: the first frozen row of a run is added once, to a *tail* accumulator of
//! the step where freezing starts, and [`SeriesStats::finish`] adds the tails of all earlier
//! steps to each step. A [`Cell`]'s state depends only on the values it was given, so the
//! statistics are exactly those of adding every row of every run.
//!
//! An ensemble that needs only some columns (the live page of `serve`, which draws one
//! variable) aggregates only those: [`SeriesStats::of`] with [`Aggregate::Only`]. The cells of
//! the columns kept are exactly those of the full statistics; the other columns have no
//! cells, and asking for their statistics gives `None` ([`SeriesStats::get`],
//! [`SeriesStats::live_stat`]) or a panic naming the column ([`SeriesStats::stat`]), never
//! zeros.
//!
//! Before the tails are added, a step's cells hold exactly the runs still fighting at that
//! step. For the columns asked for with [`SeriesStats::keep_live`] (flows, whose frozen value
//! is 0), `finish` keeps a copy of those cells: [`SeriesStats::live_stat`] then describes a
//! flow over the runs that are still going, as charts draw it.

use super::sketch::{Cell, RowAdder};
use rayon::prelude::*;

/// One run's table as the statistics read it.
pub trait RunRows: Sync {
    /// Values, row-major: `(steps + 1) × columns`, row 0 the start.
    fn values(&self) -> &[f32];
    /// Last step simulated; the rows after it are all the same (the run's frozen row: levels
    /// held, flows zero).
    fn end_step(&self) -> usize;
}

/// The percentiles reported in `timeseries.csv`.
pub const PERCENTILES: [f64; 5] = [0.05, 0.25, 0.50, 0.75, 0.95];

/// Which columns of the runs' tables an ensemble's statistics aggregate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Aggregate {
    /// Every column: what `run`, `compare` and `report` write and draw.
    #[default]
    Every,
    /// Only these columns (indices into a run's table; an index past the table is ignored).
    /// The others have no statistics.
    Only(Vec<usize>),
}

/// One [`Cell`] per (step, aggregated column).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SeriesStats {
    rows: usize,
    /// Columns of a run's table (aggregated or not).
    ncols: usize,
    /// The columns aggregated, ascending and distinct (`None`: every column).
    only: Option<Vec<usize>>,
    /// Per (step, aggregated column): the statistics.
    cells: Vec<Cell>,
    /// Per (step, aggregated column): the first frozen rows of runs that ended the step
    /// before, not yet added to this and the later steps' cells (empty once
    /// [`SeriesStats::finish`] ran).
    tails: Vec<Cell>,
    /// Columns whose statistics over the runs still going are kept (see the module docs).
    live_cols: Vec<usize>,
    /// Per (step, kept column, in `live_cols` order): the runs still going at the step.
    live: Vec<Cell>,
}

/// Mean and percentiles of one variable at one step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stat {
    /// Mean.
    pub mean: f64,
    /// 5th, 25th, 50th, 75th and 95th percentiles.
    pub p: [f64; 5],
}

impl SeriesStats {
    /// Empty statistics of every column, for `steps + 1` rows of `ncols` columns.
    pub fn new(steps: usize, ncols: usize) -> SeriesStats {
        SeriesStats::of(steps, ncols, Aggregate::Every)
    }

    /// Empty statistics of the columns `which` of `steps + 1` rows of `ncols` columns.
    pub fn of(steps: usize, ncols: usize, which: Aggregate) -> SeriesStats {
        let only = match which {
            Aggregate::Every => None,
            Aggregate::Only(mut cols) => {
                cols.retain(|&c| c < ncols);
                cols.sort_unstable();
                cols.dedup();
                Some(cols)
            }
        };
        let width = only.as_ref().map_or(ncols, Vec::len);
        let cells = vec![Cell::default(); (steps + 1) * width];
        SeriesStats {
            rows: steps + 1,
            ncols,
            only,
            tails: cells.clone(),
            cells,
            live_cols: Vec::new(),
            live: Vec::new(),
        }
    }

    /// Number of columns aggregated (cells per step).
    fn width(&self) -> usize {
        self.only.as_ref().map_or(self.ncols, Vec::len)
    }

    /// Position of column `col` among the aggregated columns (`None`: not aggregated).
    fn slot(&self, col: usize) -> Option<usize> {
        match &self.only {
            None => (col < self.ncols).then_some(col),
            Some(cols) => cols.binary_search(&col).ok(),
        }
    }

    /// Whether column `col` is aggregated (its statistics can be read).
    pub fn aggregates(&self, col: usize) -> bool {
        self.slot(col).is_some()
    }

    /// Also keep, for columns `cols`, the statistics over the runs still going at each step
    /// (see [`SeriesStats::live_stat`]; runs added one by one with [`SeriesStats::add`] count
    /// as going at every step). Columns not aggregated are left out.
    pub fn keep_live(&mut self, cols: Vec<usize>) {
        self.live_cols = cols.into_iter().filter(|&c| self.aggregates(c)).collect();
    }

    /// Add one run, every row of its `values` (row-major, as [`RunRows::values`]) to its
    /// step's cells.
    pub fn add(&mut self, values: &[f32]) {
        debug_assert_eq!(values.len(), self.rows * self.ncols);
        match &self.only {
            None => {
                for (cell, &v) in self.cells.iter_mut().zip(values) {
                    cell.add(v);
                }
            }
            Some(cols) => {
                let rows = values.chunks(self.ncols.max(1));
                for (cells, row) in self.cells.chunks_mut(cols.len().max(1)).zip(rows) {
                    for (cell, &c) in cells.iter_mut().zip(cols) {
                        cell.add(row[c]);
                    }
                }
            }
        }
    }

    /// Add a batch of runs: the same statistics as adding them one by one, computed in
    /// parallel over steps (on the current rayon pool).
    ///
    /// The fold is transposed: each task owns the cells of one step (whose bins then stay in
    /// cache) and reads that row of every run, a few runs at a time. No per-thread
    /// copies of the statistics are made or merged, and a cell's state depends only on the
    /// values it was given, so the result is the same at any thread count. A run's rows after
    /// its first frozen row are skipped (see the module docs); call [`SeriesStats::finish`]
    /// once every run is in. With [`Aggregate::Only`], the aggregated columns of each row are
    /// gathered first and the others never read.
    pub fn add_batch<R: RunRows>(&mut self, batch: &[R]) {
        // Runs whose rows are read and prepared together (see `RowAdder`).
        const TILE: usize = 64;
        let (ncols, width) = (self.ncols, self.width());
        if width == 0 {
            return;
        }
        debug_assert!(batch.iter().all(|t| t.values().len() == self.rows * ncols));
        let only = self.only.as_deref();
        let cells = self.cells.par_chunks_mut(width);
        let tails = self.tails.par_chunks_mut(width);
        cells.zip(tails).enumerate().for_each(|(row, (cells, tails))| {
            let mut adder = RowAdder::default();
            let mut live: [&[f32]; TILE] = [&[]; TILE];
            let mut frozen: [&[f32]; TILE] = [&[]; TILE];
            // The aggregated columns of a tile's rows (live rows, then frozen ones).
            let mut gathered: Vec<f32> = Vec::new();
            for tile in batch.chunks(TILE) {
                let (mut nl, mut nf) = (0, 0);
                for t in tile {
                    let end = t.end_step();
                    if row <= end {
                        live[nl] = &t.values()[row * ncols..(row + 1) * ncols];
                        nl += 1;
                    } else if row == end + 1 {
                        frozen[nf] = &t.values()[row * ncols..(row + 1) * ncols];
                        nf += 1;
                    }
                }
                match only {
                    None => {
                        adder.add(cells, &live[..nl]);
                        adder.add(tails, &frozen[..nf]);
                    }
                    Some(cols) => {
                        gathered.clear();
                        for r in live[..nl].iter().chain(&frozen[..nf]) {
                            gathered.extend(cols.iter().map(|&c| r[c]));
                        }
                        let mut rows: [&[f32]; 2 * TILE] = [&[]; 2 * TILE];
                        for (slot, r) in rows.iter_mut().zip(gathered.chunks(width)) {
                            *slot = r;
                        }
                        adder.add(cells, &rows[..nl]);
                        adder.add(tails, &rows[nl..nl + nf]);
                    }
                }
            }
        });
    }

    /// Complete the statistics once all runs are in, before they are read: add the frozen
    /// rows to the steps they stand for, and sort the cells' exact values (see
    /// [`Cell::sort_exact`]). Parallel over columns within a step.
    pub fn finish(&mut self) {
        let width = self.width();
        if width > 0 && !self.tails.is_empty() {
            // The cells hold the runs still going at each step until the tails are added.
            let slots: Vec<usize> = self.live_cols.iter().filter_map(|&c| self.slot(c)).collect();
            self.live = (0..self.rows)
                .flat_map(|row| slots.iter().map(move |&k| row * width + k))
                .map(|i| self.cells[i].clone())
                .collect();
            let tails = std::mem::take(&mut self.tails);
            // Frozen rows of every run that ended before the current step, per column.
            let mut running = vec![Cell::default(); width];
            for (row, tails) in tails.chunks(width).enumerate() {
                let cells = &mut self.cells[row * width..(row + 1) * width];
                running.par_iter_mut().zip(tails).zip(cells).for_each(|((run, tail), cell)| {
                    run.merge(tail);
                    if run.count() + run.non_finite() > 0 {
                        cell.merge(run);
                    }
                });
            }
        }
        self.tails.clear();
        self.cells.par_iter_mut().chain(self.live.par_iter_mut()).for_each(Cell::sort_exact);
    }

    /// Merge another accumulator (same shape and columns).
    pub fn merge(&mut self, other: &SeriesStats) {
        if self.cells.is_empty() {
            *self = other.clone();
            return;
        }
        debug_assert_eq!(self.only, other.only, "merging statistics of different columns");
        for (a, b) in self.cells.iter_mut().zip(&other.cells) {
            a.merge(b);
        }
        if self.tails.len() < other.tails.len() {
            self.tails.resize(other.tails.len(), Cell::default());
        }
        for (a, b) in self.tails.iter_mut().zip(&other.tails) {
            a.merge(b);
        }
    }

    /// Number of rows (steps + 1).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns of a run's table (aggregated or not; see
    /// [`SeriesStats::aggregates`]).
    pub fn ncols(&self) -> usize {
        self.ncols
    }

    /// The cell of (step, column).
    ///
    /// # Panics
    ///
    /// If the column is not aggregated (see [`Aggregate::Only`]): there are no statistics to
    /// give, and zeros would be wrong. [`SeriesStats::get`] answers `None` instead.
    pub fn cell(&self, step: usize, col: usize) -> &Cell {
        debug_assert!(self.tails.is_empty(), "SeriesStats read before finish()");
        match self.slot(col) {
            Some(k) => &self.cells[step * self.width() + k],
            None => panic!("column {col} of the statistics was not aggregated (Aggregate::Only)"),
        }
    }

    /// Mean and percentiles of (step, column).
    ///
    /// # Panics
    ///
    /// If the column is not aggregated, as [`SeriesStats::cell`].
    pub fn stat(&self, step: usize, col: usize) -> Stat {
        let c = self.cell(step, col);
        Stat { mean: c.mean(), p: c.quantiles(PERCENTILES) }
    }

    /// Mean and percentiles of (step, column); `None` for a column not aggregated.
    pub fn get(&self, step: usize, col: usize) -> Option<Stat> {
        self.aggregates(col).then(|| self.stat(step, col))
    }

    /// Mean and percentiles of (step, column) over the runs still going at the step, and
    /// how many runs that is; `None` for a column not kept (see [`SeriesStats::keep_live`]).
    pub fn live_stat(&self, step: usize, col: usize) -> Option<(Stat, u64)> {
        debug_assert!(self.tails.is_empty(), "SeriesStats read before finish()");
        let k = self.live_cols.iter().position(|&c| c == col)?;
        let c = self.live.get(step * self.live_cols.len() + k)?;
        Some((Stat { mean: c.mean(), p: c.quantiles(PERCENTILES) }, c.count()))
    }

    /// Total count of non-finite values seen (in the aggregated columns).
    pub fn non_finite(&self) -> u64 {
        self.cells.iter().chain(&self.tails).map(Cell::non_finite).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns of the synthetic runs: a level (held after the end) and a flow (0 after it).
    const NCOLS: usize = 2;

    /// A synthetic run as `sim` records one: `steps + 1` rows; after `end_step` every row is
    /// the frozen row (the level held, the flow 0).
    struct Run {
        values: Vec<f32>,
        end_step: usize,
    }

    impl RunRows for Run {
        fn values(&self) -> &[f32] {
            &self.values
        }
        fn end_step(&self) -> usize {
            self.end_step
        }
    }

    /// `n` runs over `steps` steps, about a third ending early, from a fixed splitmix64 stream.
    fn runs(n: usize, steps: usize) -> Vec<Run> {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
        };
        (0..n)
            .map(|_| {
                let end_step = if next() < 0.35 { (next() * steps as f64) as usize } else { steps };
                let mut values = Vec::with_capacity((steps + 1) * NCOLS);
                let mut level = 100.0 * next() as f32;
                for t in 0..=steps {
                    if t <= end_step {
                        level += (next() as f32 - 0.5) * 10.0;
                        values.extend([level, 20.0 * next() as f32]);
                    } else {
                        values.extend([level, 0.0]);
                    }
                }
                Run { values, end_step }
            })
            .collect()
    }

    /// Runs that end early are added once as tails and spread at `finish`: the statistics
    /// equal those of adding every row of every run, whatever the batch split (above and below
    /// the sketches' exact range of 1,024 values).
    #[test]
    fn frozen_rows_give_the_same_statistics_as_adding_every_row() {
        for n in [300, 1300] {
            let runs = runs(n, 24);
            assert!(runs.iter().filter(|r| r.end_step < 24).count() > n / 5, "some runs must end early");
            let mut one_by_one = SeriesStats::new(24, NCOLS);
            for r in &runs {
                one_by_one.add(&r.values);
            }
            one_by_one.finish();
            let mut batched = SeriesStats::new(24, NCOLS);
            for chunk in runs.chunks(700) {
                batched.add_batch(chunk);
            }
            batched.finish();
            assert_eq!(one_by_one, batched, "{n} runs");
        }
    }

    /// The live statistics of a column are those of the runs that had not ended before the
    /// step, and keeping them changes nothing else.
    #[test]
    fn live_statistics_cover_the_runs_still_going() {
        let (steps, flow) = (36, 1);
        let runs = runs(1500, steps);
        let mut stats = SeriesStats::new(steps, NCOLS);
        stats.keep_live(vec![flow]);
        stats.add_batch(&runs);
        stats.finish();
        let mut plain = SeriesStats::new(steps, NCOLS);
        plain.add_batch(&runs);
        plain.finish();
        assert_eq!(stats.cells, plain.cells);
        assert!(plain.live_stat(steps, flow).is_none());
        for step in [1, 20, 36] {
            let going: Vec<&Run> = runs.iter().filter(|r| r.end_step >= step).collect();
            let mut cell = Cell::default();
            for r in &going {
                cell.add(r.values[step * NCOLS + flow]);
            }
            cell.sort_exact();
            let (stat, n) = stats.live_stat(step, flow).expect("kept");
            assert_eq!(n, going.len() as u64);
            assert_eq!(stat.p.map(f64::to_bits), cell.quantiles(PERCENTILES).map(f64::to_bits));
            assert_eq!(stat.mean.to_bits(), cell.mean().to_bits());
        }
        assert!(stats.live_stat(steps, flow).expect("kept").1 < 1500, "some runs end within 36 steps");
    }

    /// Aggregating only some columns gives those columns exactly the cells of the full
    /// statistics (binned and exact, live and not), and nothing for the others.
    #[test]
    fn a_subset_of_columns_has_the_cells_of_the_full_statistics() {
        let (steps, flow, level) = (30, 1, 0);
        for n in [300, 1300] {
            let runs = runs(n, steps);
            let mut full = SeriesStats::new(steps, NCOLS);
            full.keep_live(vec![level, flow]);
            let mut part = SeriesStats::of(steps, NCOLS, Aggregate::Only(vec![flow, 7]));
            part.keep_live(vec![level, flow]);
            for chunk in runs.chunks(700) {
                full.add_batch(chunk);
                part.add_batch(chunk);
            }
            full.finish();
            part.finish();
            assert!(part.aggregates(flow) && !part.aggregates(level) && !part.aggregates(7));
            for step in 0..=steps {
                assert_eq!(part.cell(step, flow), full.cell(step, flow), "{n} runs, step {step}");
                assert_eq!(part.live_stat(step, flow), full.live_stat(step, flow));
                assert_eq!(part.get(step, flow), Some(full.stat(step, flow)));
                assert_eq!(part.get(step, level), None);
                assert_eq!(part.live_stat(step, level), None);
            }
            let mut one_by_one = SeriesStats::of(steps, NCOLS, Aggregate::Only(vec![flow]));
            for r in &runs {
                one_by_one.add(&r.values);
            }
            one_by_one.finish();
            for step in 0..=steps {
                assert_eq!(one_by_one.cell(step, flow), full.cell(step, flow), "{n} runs one by one, step {step}");
            }
        }
    }

    /// Reading a column that was not aggregated fails loudly instead of giving zeros.
    #[test]
    #[should_panic(expected = "column 0 of the statistics was not aggregated")]
    fn an_unaggregated_column_has_no_statistics() {
        let mut part = SeriesStats::of(4, NCOLS, Aggregate::Only(vec![1]));
        part.add_batch(&runs(10, 4));
        part.finish();
        part.stat(2, 0);
    }
}
