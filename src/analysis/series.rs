//! Ensemble statistics of every variable at every step, accumulated as runs finish.

use super::sketch::Cell;
use crate::sim::Trajectory;

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
        Stat { mean: c.mean(), p: PERCENTILES.map(|q| c.quantile(q)) }
    }

    /// Total count of non-finite values seen.
    pub fn non_finite(&self) -> u64 {
        self.cells.iter().map(Cell::non_finite).sum()
    }
}
