//! What happened in a month that the event log records: the model says *what* (a donor
//! paused, reserves ran out), the run loop words it and stamps it with names.

/// A happening inside the war model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Happening {
    /// Donor `donor` (scenario order) paused its support.
    AidPaused {
        /// Donor index.
        donor: usize,
    },
    /// Donor `donor` cut its support for good.
    AidCut {
        /// Donor index.
        donor: usize,
    },
    /// The 18–24 age band became liable to conscription.
    AgeBandWidened {
        /// Share of the band made liable, 0-1.
        share: f64,
    },
    /// Coercive mobilisation began, switched on by the scenario (a lever or an event).
    CoerciveBegins,
    /// Coercive mobilisation began by rule: bought recruits below losses for this many months.
    CoerciveByRule {
        /// The rule's trigger, months.
        trigger_months: f64,
    },
    /// Liquid reserves ran out: deficits are printed from now on.
    ReservesExhausted,
}

/// One happening, with when and to whom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Note {
    /// Month the log gives it (the month it happened; the month after for a rule decided at
    /// a month's end).
    pub month: usize,
    /// The side concerned.
    pub side: usize,
    /// What happened.
    pub what: Happening,
}
