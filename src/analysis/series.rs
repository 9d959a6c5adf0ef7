//! Ensemble statistics of every variable at every step, accumulated as runs finish.

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
        SeriesStats { rows: steps + 1, ncols, cells: vec![Cell::default(); (steps + 1) * ncols] }
    }

    /// Add one run.
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
    /// values it was given, so the result is the same at any thread count.
    pub fn add_batch(&mut self, batch: &[Trajectory]) {
        // Runs whose rows are read and prepared together (see `RowAdder`).
        const TILE: usize = 64;
        let ncols = self.ncols;
        if ncols == 0 {
            return;
        }
        debug_assert!(batch.iter().all(|t| t.values.len() == self.cells.len()));
        self.cells.par_chunks_mut(ncols).enumerate().for_each(|(row, cells)| {
            let mut adder = RowAdder::default();
            let mut rows: [&[f32]; TILE] = [&[]; TILE];
            for tile in batch.chunks(TILE) {
                for (r, t) in rows.iter_mut().zip(tile) {
                    *r = t.row(row);
                }
                adder.add(cells, &rows[..tile.len()]);
            }
        });
    }

    /// Sort the cells' exact values (see [`Cell::sort_exact`]), in parallel: call once all
    /// runs are in, before the statistics are read.
    pub fn sort_exact(&mut self) {
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
        &self.cells[step * self.ncols + col]
    }

    /// Mean and percentiles of (step, column).
    pub fn stat(&self, step: usize, col: usize) -> Stat {
        let c = self.cell(step, col);
        Stat { mean: c.mean(), p: c.quantiles(PERCENTILES) }
    }

    /// Total count of non-finite values seen.
    pub fn non_finite(&self) -> u64 {
        self.cells.iter().map(Cell::non_finite).sum()
    }
}
