//! Ensemble statistics of every variable at every step, accumulated as runs finish.
//!
//! A run that ends early (cease-fire, collapse, objective) has its levels held and its flows
//! zero for the rest of the horizon (see [`crate::sim::Plan::run_into`]): every row after its
//! last step is the same row. About a third of a baseline ensemble's rows are such frozen
//! rows. They are not added to each later step one by one: the first frozen row of a run is
//! added once, to a *tail* accumulator of the step where freezing starts, and
//! [`SeriesStats::finish`] adds the tails of all earlier steps to each step. A [`Cell`]'s
//! state depends only on the values it was given, so the statistics are exactly those of
//! adding every row of every run.

use super::sketch::{Cell, RowAdder};
use crate::sim::Trajectory;
use rayon::prelude::*;

/// The percentiles reported in `timeseries.csv`.
pub const PERCENTILES: [f64; 5] = [0.05, 0.25, 0.50, 0.75, 0.95];

/// One [`Cell`] per (step, column).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SeriesStats {
    rows: usize,
    ncols: usize,
    cells: Vec<Cell>,
    /// Per (step, column): the first frozen rows of runs that ended the step before, not yet
    /// added to this and the later steps' cells (empty once [`SeriesStats::finish`] ran).
    tails: Vec<Cell>,
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
    /// Empty statistics for `steps + 1` rows of `ncols` columns.
    pub fn new(steps: usize, ncols: usize) -> SeriesStats {
        let cells = vec![Cell::default(); (steps + 1) * ncols];
        SeriesStats { rows: steps + 1, ncols, tails: cells.clone(), cells }
    }

    /// Add one run, every row to its step's cells.
    pub fn add(&mut self, t: &Trajectory) {
        debug_assert_eq!(t.values.len(), self.cells.len());
        for (cell, &v) in self.cells.iter_mut().zip(&t.values) {
            cell.add(v);
        }
    }

    /// Add a batch of runs: the same statistics as adding them one by one, computed in
    /// parallel over steps (on the current rayon pool).
    ///
    /// The fold is transposed: each task owns the cells of one step (whose bins then stay in
    /// cache) and reads that row of every trajectory, a few runs at a time. No per-thread
    /// copies of the statistics are made or merged, and a cell's state depends only on the
    /// values it was given, so the result is the same at any thread count. A run's rows after
    /// its first frozen row are skipped (see the module docs); call [`SeriesStats::finish`]
    /// once every run is in.
    pub fn add_batch(&mut self, batch: &[Trajectory]) {
        // Runs whose rows are read and prepared together (see `RowAdder`).
        const TILE: usize = 64;
        let ncols = self.ncols;
        if ncols == 0 {
            return;
        }
        debug_assert!(batch.iter().all(|t| t.values.len() == self.cells.len()));
        let cells = self.cells.par_chunks_mut(ncols);
        let tails = self.tails.par_chunks_mut(ncols);
        cells.zip(tails).enumerate().for_each(|(row, (cells, tails))| {
            let mut adder = RowAdder::default();
            let mut live: [&[f32]; TILE] = [&[]; TILE];
            let mut frozen: [&[f32]; TILE] = [&[]; TILE];
            for tile in batch.chunks(TILE) {
                let (mut nl, mut nf) = (0, 0);
                for t in tile {
                    if row <= t.end_step {
                        live[nl] = t.row(row);
                        nl += 1;
                    } else if row == t.end_step + 1 {
                        frozen[nf] = t.row(row);
                        nf += 1;
                    }
                }
                adder.add(cells, &live[..nl]);
                adder.add(tails, &frozen[..nf]);
            }
        });
    }

    /// Complete the statistics once all runs are in, before they are read: add the frozen
    /// rows to the steps they stand for, and sort the cells' exact values (see
    /// [`Cell::sort_exact`]). Parallel over columns within a step.
    pub fn finish(&mut self) {
        let ncols = self.ncols;
        if ncols > 0 && !self.tails.is_empty() {
            let tails = std::mem::take(&mut self.tails);
            // Frozen rows of every run that ended before the current step, per column.
            let mut running = vec![Cell::default(); ncols];
            for (row, tails) in tails.chunks(ncols).enumerate() {
                let cells = &mut self.cells[row * ncols..(row + 1) * ncols];
                running.par_iter_mut().zip(tails).zip(cells).for_each(|((run, tail), cell)| {
                    run.merge(tail);
                    if run.count() + run.non_finite() > 0 {
                        cell.merge(run);
                    }
                });
            }
        }
        self.tails.clear();
        self.cells.par_iter_mut().for_each(Cell::sort_exact);
    }

    /// Merge another accumulator (same shape).
    pub fn merge(&mut self, other: &SeriesStats) {
        if self.cells.is_empty() {
            *self = other.clone();
            return;
        }
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

    /// Number of columns.
    pub fn ncols(&self) -> usize {
        self.ncols
    }

    /// The cell of (step, column).
    pub fn cell(&self, step: usize, col: usize) -> &Cell {
        debug_assert!(self.tails.is_empty(), "SeriesStats read before finish()");
        &self.cells[step * self.ncols + col]
    }

    /// Mean and percentiles of (step, column).
    pub fn stat(&self, step: usize, col: usize) -> Stat {
        let c = self.cell(step, col);
        Stat { mean: c.mean(), p: c.quantiles(PERCENTILES) }
    }

    /// Total count of non-finite values seen.
    pub fn non_finite(&self) -> u64 {
        self.cells.iter().chain(&self.tails).map(Cell::non_finite).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Plan;

    /// Runs that end early are added once as tails and spread at `finish`: the statistics
    /// equal those of adding every row of every run, whatever the batch split.
    #[test]
    fn frozen_rows_give_the_same_statistics_as_adding_every_row() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml");
        let sc = crate::scenario::load(&path, &[]).expect("baseline loads");
        let plan = Plan::with(&sc, 3, 24);
        let runs: Vec<Trajectory> = (0..1300).map(|r| plan.run(r)).collect();
        assert!(runs.iter().filter(|t| t.end_step < 24).count() > 50, "some runs must end early");
        let mut one_by_one = SeriesStats::new(24, plan.columns.len());
        for t in &runs {
            one_by_one.add(t);
        }
        one_by_one.finish();
        let mut batched = SeriesStats::new(24, plan.columns.len());
        for chunk in runs.chunks(700) {
            batched.add_batch(chunk);
        }
        batched.finish();
        assert_eq!(one_by_one, batched);
    }
}
