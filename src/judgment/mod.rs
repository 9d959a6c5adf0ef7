//! Judgment: when does a side conclude that time is not on its side?
//!
//! Each side acts on what it *believes* ([`beliefs`]): biased, noisy perceptions of its own
//! and the opponent's strength and staying power, with biases that shrink as fighting reveals
//! information. From them the [`rules`] decide, month by month, whether its objective still
//! looks realistic, whether its position is worsening, whether time is not on its side, and
//! whether it would cut its losses. [`outcome`] names how a run ended and keeps its event log.
//! The war model ([`crate::model`]) supplies the true quantities; this module never changes
//! them.

pub mod beliefs;
pub mod outcome;
pub mod rules;
pub mod war;

/// Number of components of the perceived position (manpower, materiel, economy, support,
/// morale, territory).
pub const N_COMPONENTS: usize = 6;

pub use outcome::{LogEntry, Outcome};
pub use rules::{Assessment, Judge};
pub use war::DRIVER_NAMES;
