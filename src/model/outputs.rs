//! The variables a model records each step: names (with units), meanings, and column layout.
//!
//! A trajectory is a table with one row per step (0 = the start) and one column per world
//! variable followed by one column per side variable and side. Names follow the contract:
//! snake_case with the unit as suffix. `docs/OUTPUTS.md` lists the same table.

/// Whether a variable is a level (held after a run ends) or a flow (zero after a run ends).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A level: front strength, reserves, an index.
    Stock,
    /// A per-step quantity: casualties, recruits, gains.
    Flow,
}

/// One recorded variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VarSpec {
    /// Column name in `timeseries.csv`.
    pub name: &'static str,
    /// Unit, in words.
    pub unit: &'static str,
    /// Level or flow.
    pub kind: Kind,
    /// What it means.
    pub doc: &'static str,
}

const fn v(name: &'static str, unit: &'static str, kind: Kind, doc: &'static str) -> VarSpec {
    VarSpec { name, unit, kind, doc }
}

/// Side variables of the classic Lanchester model.
pub const LANCHESTER_SIDE: &[VarSpec] = &[
    v("front_k", "thousand persons", Kind::Stock, "Strength at the end of the step."),
    v("casualties_k_per_step", "thousand persons per step", Kind::Flow, "Losses suffered during the step."),
    v("reinforcements_k_per_step", "thousand persons per step", Kind::Flow, "Reinforcements received during the step."),
    v("cumulative_casualties_k", "thousand persons", Kind::Stock, "Losses since the start."),
];

/// The column layout of a model's trajectories.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    /// World variables (no side).
    pub world: &'static [VarSpec],
    /// Per-side variables, repeated for side 0 and side 1.
    pub side: &'static [VarSpec],
}

impl Columns {
    /// Number of columns.
    pub fn len(&self) -> usize {
        self.world.len() + 2 * self.side.len()
    }

    /// Whether there are no columns.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Column of world variable `v`.
    pub fn world_col(&self, v: usize) -> usize {
        v
    }

    /// Column of side variable `v` of side `s`.
    pub fn side_col(&self, s: usize, v: usize) -> usize {
        self.world.len() + s * self.side.len() + v
    }

    /// Every column as (spec, side), in order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static VarSpec, Option<usize>)> + '_ {
        self.world
            .iter()
            .map(|s| (s, None))
            .chain((0..2).flat_map(move |side| self.side.iter().map(move |s| (s, Some(side)))))
    }

    /// Find a column by variable name and side.
    pub fn find(&self, name: &str, side: Option<usize>) -> Option<usize> {
        match side {
            None => self.world.iter().position(|s| s.name == name),
            Some(s) => self.side.iter().position(|x| x.name == name).map(|v| self.side_col(s, v)),
        }
    }
}
