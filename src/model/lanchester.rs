//! The classic Lanchester cases: attrition and scheduled reinforcements, nothing else.
//!
//! Used by scenarios with `model = "lanchester"` (the teaching cases in `scenarios/classic/`).
//! Each step integrates the generalised law of [`super::attrition`] over the step's days;
//! reinforcements spread over whole steps enter as a constant inflow, those arriving at once
//! are added at the start of the step. A side whose strength reaches zero has been destroyed; so
//! has one that falls below its `destroyed_below_share` of the largest strength it has had (the
//! "effectively destroyed" threshold, 0 by default: off), which ends a battle that the laws would
//! otherwise let run on towards zero for ever.

use super::attrition::{Fighter, integrate};
use super::outputs::{Columns, LANCHESTER_SIDE};
use crate::params::Attrition;

/// Substeps of the RK4 integration per scenario step.
pub const SUBSTEPS: usize = 16;

/// Column layout of the Lanchester model.
pub fn columns() -> Columns {
    Columns { world: &[], side: LANCHESTER_SIDE }
}

/// The state of a classic battle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Battle {
    /// Strength of each side, thousand persons.
    pub strength_k: [f64; 2],
    /// Casualties since the start, thousand persons.
    pub cumulative_casualties_k: [f64; 2],
    /// Largest strength each side has had at the end of a step (the start included), thousand
    /// persons: the reference of the "effectively destroyed" threshold.
    pub peak_k: [f64; 2],
}

impl Battle {
    /// The battle at its start.
    pub fn new(p: [&Attrition; 2]) -> Battle {
        let strength_k = [p[0].front_k, p[1].front_k];
        Battle { strength_k, cumulative_casualties_k: [0.0; 2], peak_k: strength_k }
    }

    /// One step of `days` days. `arriving_k` arrive at the start of the step; `inflow_k` arrive
    /// evenly during it. Writes the step's row (side columns only) into `row`.
    pub fn step(&mut self, p: [&Attrition; 2], arriving_k: [f64; 2], inflow_k: [f64; 2], days: f64, row: &mut [f32]) {
        let cols = columns();
        let mut f = [Fighter::from_params(p[0]), Fighter::from_params(p[1])];
        let mut start = self.strength_k;
        for s in 0..2 {
            start[s] += arriving_k[s];
            f[s].inflow_k_per_day = inflow_k[s] / days;
        }
        let st = integrate(start, f, days, SUBSTEPS);
        self.strength_k = st.strength_k;
        for s in 0..2 {
            self.peak_k[s] = self.peak_k[s].max(self.strength_k[s]);
        }
        for s in 0..2 {
            self.cumulative_casualties_k[s] += st.casualties_k[s];
            let vals = [
                self.strength_k[s],
                st.casualties_k[s],
                st.inflow_k[s] + arriving_k[s],
                self.cumulative_casualties_k[s],
            ];
            for (v, x) in vals.iter().enumerate() {
                row[cols.side_col(s, v)] = *x as f32;
            }
        }
    }

    /// Write the starting row.
    pub fn record_start(&self, row: &mut [f32]) {
        let cols = columns();
        for s in 0..2 {
            row[cols.side_col(s, 0)] = self.strength_k[s] as f32;
        }
    }

    /// The side destroyed, if any (the first one if both): its strength is zero, or below
    /// `below_share[s]` of its peak (the `destroyed_below_share` parameters; 0: off).
    pub fn destroyed(&self, below_share: [f64; 2]) -> Option<usize> {
        (0..2).find(|&s| self.strength_k[s] <= 1e-9 || self.strength_k[s] < below_share[s] * self.peak_k[s])
    }
}
