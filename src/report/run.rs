//! Running what a report needs: an ensemble, its summary, and the [`Tally`] of the runs'
//! cease-fires and events, through the same [`crate::sim::ensemble_of()`] and
//! [`crate::analysis::summary::summarize`] as `run` (so the numbers are the same). Used by
//! `protracted report` and by `protracted serve`'s "save report".

use super::tally::{RunFacts, Tally};
use crate::analysis::ensemble::{PerRun, RunView};
use crate::analysis::series::Aggregate;
use crate::analysis::summary::{Summary, summarize};
use crate::judgment::outcome::Outcome;
use crate::scenario::Scenario;
use crate::sim::{self, Ensemble, Options};

/// One scenario's ensemble, summary and tally.
pub struct Computed {
    /// The ensemble.
    pub ensemble: Ensemble,
    /// Its summary, as `run` writes it to `summary.json`.
    pub summary: Summary,
    /// Cease-fires by who gave up, key events.
    pub tally: Tally,
}

/// Run `sc` with `opts`, keeping run by run what `per_run` says (a comparison needs
/// [`PerRun::TippingMonths`]), reporting progress (runs done) to `progress`.
pub fn compute(sc: &Scenario, opts: Options, per_run: PerRun, progress: &mut dyn FnMut(usize)) -> Computed {
    let mut tally = Tally::default();
    let mut log: Vec<(u16, Option<u8>, &'static str)> = Vec::new();
    let mut sink = |t: &RunView<'_>| -> Result<(), std::convert::Infallible> {
        log.clear();
        log.extend(t.log.iter().map(|e| (e.month, e.side, e.event)));
        tally.add(&RunFacts {
            ceasefire: t.record.outcome == Outcome::Ceasefire,
            cut_losses: t.record.cut_losses,
            time_not_on_side: t.record.time_not_on_side,
            log: &log,
        });
        Ok(())
    };
    let ensemble = match sim::ensemble_of(sc, opts, Aggregate::Every, per_run, progress, &mut sink) {
        Ok(e) => e,
        Err(never) => match never {},
    };
    let summary = summarize(sc, &ensemble);
    Computed { ensemble, summary, tally }
}
