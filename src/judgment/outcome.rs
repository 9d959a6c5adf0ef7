//! How a run ended, and the event log it keeps.

use crate::scenario::SideInfo;
use std::fmt;

/// Why a run stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    /// The sides agreed a cease-fire that no one side alone asked for: both judged that time
    /// is not on their side (`when_both_judge`), or both would cut their losses in the same
    /// month.
    Ceasefire,
    /// A cease-fire because this side would cut its losses (`when_either_cuts_losses`): the
    /// side gave up. Named `ceasefire_<side>_cut_losses`.
    CeasefireCutLosses(usize),
    /// A side collapsed: its front strength, money or morale fell below its floor.
    Collapse(usize),
    /// A side reached its territorial objective.
    Objective(usize),
    /// Still fighting at the horizon.
    Ongoing,
}

impl Outcome {
    /// Number of outcomes of a two-sided scenario.
    pub const COUNT: usize = 8;

    /// Every outcome a two-sided scenario can have, in report order.
    pub const ALL: [Outcome; Outcome::COUNT] = [
        Outcome::Ongoing,
        Outcome::Ceasefire,
        Outcome::CeasefireCutLosses(0),
        Outcome::CeasefireCutLosses(1),
        Outcome::Collapse(0),
        Outcome::Collapse(1),
        Outcome::Objective(0),
        Outcome::Objective(1),
    ];

    /// The outcome's name with side names filled in, e.g. `collapse_ukraine`.
    pub fn named<'a>(&'a self, sides: &'a [SideInfo; 2]) -> Named<'a> {
        Named { outcome: self, sides }
    }

    /// Position in [`Outcome::ALL`].
    pub fn index(&self) -> usize {
        Outcome::ALL.iter().position(|o| o == self).unwrap_or(0)
    }
}

/// [`Outcome`] with side names, for display.
pub struct Named<'a> {
    outcome: &'a Outcome,
    sides: &'a [SideInfo; 2],
}

impl fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.outcome {
            Outcome::Ceasefire => write!(f, "ceasefire"),
            Outcome::CeasefireCutLosses(s) => write!(f, "ceasefire_{}_cut_losses", self.sides[*s].name),
            Outcome::Collapse(s) => write!(f, "collapse_{}", self.sides[*s].name),
            Outcome::Objective(s) => write!(f, "objective_{}", self.sides[*s].name),
            Outcome::Ongoing => write!(f, "ongoing"),
        }
    }
}

/// Events of a run that explain a side's judgment, summarised over runs (share of runs and
/// median month) and marked on the charts: coercive mobilisation, reserves exhausted, aid
/// paused (for the recipient) and half of the perception biases learnt away.
pub const KEY_EVENTS: [&str; 4] = ["coercive_mobilisation", "reserves_exhausted", "aid_paused", "bias_halved"];

/// One entry of a run's event log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    /// Step at which it happened.
    pub month: u16,
    /// The side concerned, if any.
    pub side: Option<u8>,
    /// Event code (snake_case), e.g. `reserves_exhausted`.
    pub event: &'static str,
    /// Free text detail.
    pub detail: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_side_names() {
        let sides = [
            SideInfo { name: "red".into(), label: "Red".into() },
            SideInfo { name: "blue".into(), label: "Blue".into() },
        ];
        assert_eq!(Outcome::Collapse(1).named(&sides).to_string(), "collapse_blue");
        assert_eq!(Outcome::Objective(0).named(&sides).to_string(), "objective_red");
        assert_eq!(Outcome::Ceasefire.named(&sides).to_string(), "ceasefire");
        assert_eq!(Outcome::CeasefireCutLosses(0).named(&sides).to_string(), "ceasefire_red_cut_losses");
        assert_eq!(Outcome::Ongoing.named(&sides).to_string(), "ongoing");
    }
}
