//! Facts the summary does not keep, counted run by run as an ensemble streams past: which side
//! gave up in the runs that ended in a cease-fire, and the key events of the runs' logs (share
//! of runs in which each happened, and the median month of its first occurrence).
//!
//! The caller feeds one [`RunFacts`] per run (the CLI builds them from the simulation's
//! trajectories, in the same sink that writes `events.csv` for `run`); this module only counts.

use crate::analysis::sketch::exact_quantile;
use std::collections::BTreeMap;

/// What the tally needs to know of one run.
#[derive(Debug, Clone, Copy)]
pub struct RunFacts<'a> {
    /// Whether the run ended in a cease-fire.
    pub ceasefire: bool,
    /// First step at which each side would cut its losses.
    pub cut_losses: [Option<u16>; 2],
    /// First step at which each side judged that time is not on its side.
    pub time_not_on_side: [Option<u16>; 2],
    /// The run's event log as (step, side, event code).
    pub log: &'a [(u16, Option<u8>, &'static str)],
}

/// Who gave up in a cease-fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum GaveUp {
    /// Side 0 (or 1) reached the judgment first.
    Side(usize),
    /// Both sides, in the same step.
    Both,
}

/// Counts over an ensemble.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Number of runs seen.
    pub runs: usize,
    /// Cease-fire runs by who gave up.
    pub gave_up: BTreeMap<GaveUp, usize>,
    /// For each (event code, side): the first step in every run where it happened.
    first: BTreeMap<(&'static str, Option<u8>), Vec<f64>>,
}

/// One key event, summarised.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyEvent {
    /// Event code, e.g. `reserves_exhausted`.
    pub event: &'static str,
    /// Side index, if the event concerns a side.
    pub side: Option<usize>,
    /// Share of runs in which it happened.
    pub share: f64,
    /// Binomial standard error of the share.
    pub share_se: f64,
    /// Median step of its first occurrence, over the runs in which it happened.
    pub median_step: f64,
}

/// Events the key-events table leaves out: the scenario's own scheduled events (the
/// scenario says when they happen) and the judgments (tabulated on their own).
const LEFT_OUT: [&str; 3] = ["scheduled_event", "time_not_on_side", "would_cut_losses"];

impl Tally {
    /// Count one run.
    pub fn add(&mut self, r: &RunFacts<'_>) {
        self.runs += 1;
        if r.ceasefire {
            let who = first_of(r.cut_losses).or_else(|| first_of(r.time_not_on_side));
            if let Some(w) = who {
                *self.gave_up.entry(w).or_default() += 1;
            }
        }
        let mut seen: Vec<(&'static str, Option<u8>)> = Vec::new();
        for &(month, side, event) in r.log {
            if LEFT_OUT.contains(&event) || seen.contains(&(event, side)) {
                continue;
            }
            seen.push((event, side));
            self.first.entry((event, side)).or_default().push(month as f64);
        }
    }

    /// The key events, most frequent first.
    pub fn key_events(&self) -> Vec<KeyEvent> {
        let n = self.runs.max(1) as f64;
        let mut out: Vec<KeyEvent> = self
            .first
            .iter()
            .map(|(&(event, side), months)| {
                let mut m = months.clone();
                m.sort_by(f64::total_cmp);
                let share = m.len() as f64 / n;
                KeyEvent {
                    event,
                    side: side.map(usize::from),
                    share,
                    share_se: crate::analysis::tipping::share_se(share, self.runs),
                    median_step: exact_quantile(&m, 0.5),
                }
            })
            .collect();
        out.sort_by(|a, b| b.share.total_cmp(&a.share).then(a.event.cmp(b.event)).then(a.side.cmp(&b.side)));
        out
    }
}

fn first_of(m: [Option<u16>; 2]) -> Option<GaveUp> {
    match m {
        [Some(a), Some(b)] if a == b => Some(GaveUp::Both),
        [Some(a), Some(b)] => Some(GaveUp::Side(if a < b { 0 } else { 1 })),
        [Some(_), None] => Some(GaveUp::Side(0)),
        [None, Some(_)] => Some(GaveUp::Side(1)),
        [None, None] => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cease_fires_are_credited_to_the_side_that_gave_up_first() {
        let mut t = Tally::default();
        let log = [(3u16, Some(1u8), "aid_paused"), (5, Some(1), "aid_paused"), (2, None, "scheduled_event")];
        t.add(&RunFacts { ceasefire: true, cut_losses: [Some(9), Some(4)], time_not_on_side: [None; 2], log: &log });
        t.add(&RunFacts { ceasefire: true, cut_losses: [Some(7), Some(7)], time_not_on_side: [None; 2], log: &[] });
        t.add(&RunFacts { ceasefire: false, cut_losses: [Some(1), None], time_not_on_side: [None; 2], log: &[] });
        assert_eq!(t.gave_up.get(&GaveUp::Side(1)), Some(&1));
        assert_eq!(t.gave_up.get(&GaveUp::Both), Some(&1));
        assert_eq!(t.gave_up.get(&GaveUp::Side(0)), None);
        let k = t.key_events();
        assert_eq!(k.len(), 1, "scheduled events are left out, repeats counted once: {k:?}");
        assert_eq!((k[0].event, k[0].side, k[0].median_step), ("aid_paused", Some(1), 3.0));
        assert!((k[0].share - 1.0 / 3.0).abs() < 1e-12);
    }
}
