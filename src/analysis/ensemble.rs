//! An ensemble's results as the analysis, the exports and the charts read them: the options it
//! ran with, the per-step statistics ([`SeriesStats`]) and the tally of its runs ([`RunTally`]),
//! both of a size that does not grow with the number of runs; what is kept run by run only when
//! asked ([`PerRun`]); and the view of one finished run ([`RunView`]), with its compact
//! [`RunRecord`], that the streamed files (`runs.csv`, `events.csv`) are written from.
//!
//! These are the per-run views of this crate's results: the simulation produces them while it
//! runs (converting each run's trajectory into them); nothing here runs the model or knows
//! its trajectory type.

use super::series::SeriesStats;
use super::tally::RunTally;
use crate::judgment::N_COMPONENTS;
use crate::judgment::outcome::{KEY_EVENTS, LogEntry, Outcome};
use crate::model::outputs::Columns;
use crate::scenario::Scenario;

/// Number of judgment components (drivers) a tipping point is attributed to.
pub const N_DRIVERS: usize = N_COMPONENTS;

/// How an ensemble runs (and, in its results, how it ran).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Number of runs.
    pub runs: usize,
    /// Master seed.
    pub seed: u64,
    /// Horizon in steps (months for the war model).
    pub steps: usize,
    /// Worker threads (0 = one per core).
    pub threads: usize,
}

impl Options {
    /// The scenario's own runs, seed and horizon, on all cores.
    pub fn from_scenario(sc: &Scenario) -> Options {
        Options { runs: sc.runs, seed: sc.seed, steps: sc.steps, threads: 0 }
    }
}

/// What the analysis reads of one run: added to the ensemble's [`RunTally`] as the run
/// finishes, and kept whole only with [`PerRun::Records`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunRecord {
    /// How it ended.
    pub outcome: Outcome,
    /// Last step simulated (the horizon unless the run ended earlier).
    pub end_step: u16,
    /// First step each side judged time not on its side.
    pub time_not_on_side: [Option<u16>; 2],
    /// First step each side would cut its losses.
    pub cut_losses: [Option<u16>; 2],
    /// Attribution shares at the tipping point (sum 1), in
    /// [`DRIVER_NAMES`](crate::judgment::DRIVER_NAMES) order.
    pub drivers: [Option<[f32; N_DRIVERS]>; 2],
    /// Front strength of each side at the horizon, thousand persons.
    pub final_front_k: [f32; 2],
    /// Per side, the first step of each of [`KEY_EVENTS`] (`None`: it did not happen).
    pub key_events: [[Option<u16>; KEY_EVENTS.len()]; 2],
}

/// Per side, the first step of each of [`KEY_EVENTS`] in a run's event log.
pub fn key_events(log: &[LogEntry]) -> [[Option<u16>; KEY_EVENTS.len()]; 2] {
    let mut first = [[None; KEY_EVENTS.len()]; 2];
    for e in log {
        let (Some(s), Some(k)) = (e.side, KEY_EVENTS.iter().position(|&k| k == e.event)) else {
            continue;
        };
        let slot: &mut Option<u16> = &mut first[usize::from(s).min(1)][k];
        if slot.is_none_or(|m| e.month < m) {
            *slot = Some(e.month);
        }
    }
    first
}

/// One finished run as the streamed files read it: its index, its record, the drawn values of
/// the scenario's uncertain parameters and its event log.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunView<'a> {
    /// Run index in the ensemble.
    pub run: usize,
    /// The run's record.
    pub record: RunRecord,
    /// Drawn values of the scenario's uncertain parameters, in slot order.
    pub draws: &'a [f64],
    /// Event log, in step order.
    pub log: &'a [LogEntry],
}

/// What an ensemble keeps run by run, beyond its [`RunTally`] (which every ensemble keeps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PerRun {
    /// Nothing: memory does not grow with the number of runs (`run`, `report` of one scenario).
    Nothing,
    /// Each run's first step of judging that time is not on its side, per side
    /// ([`Ensemble::tipping_months`], 4 bytes a run): what a comparison on common random
    /// numbers pairs run by run (`compare`, `serve`, `report` of several scenarios).
    TippingMonths,
    /// The tipping months and every run's [`RunRecord`] ([`Ensemble::records`], about 100
    /// bytes a run): for tests and analyses that read the runs one by one.
    Records,
}

/// The step kept in [`Ensemble::tipping_months`] for a run that never judged.
pub const NEVER: u16 = u16::MAX;

/// An ensemble's results.
#[derive(Debug, Clone)]
pub struct Ensemble {
    /// Options it ran with (threads as resolved).
    pub options: Options,
    /// Column layout of the statistics.
    pub columns: Columns,
    /// Per-step statistics of the variables aggregated: every one, unless the ensemble was run
    /// with [`Aggregate::Only`](super::series::Aggregate::Only).
    pub series: SeriesStats,
    /// What the summary and the charts read of the runs, whatever their number.
    pub tally: RunTally,
    /// Per run (in run order), the first step at which each side judged that time is not on
    /// its side ([`NEVER`]: it did not); empty unless the ensemble was run with
    /// [`PerRun::TippingMonths`] or [`PerRun::Records`].
    pub tipping_months: Vec<[u16; 2]>,
    /// One record per run, in run order; empty unless the ensemble was run with
    /// [`PerRun::Records`].
    pub records: Vec<RunRecord>,
}
