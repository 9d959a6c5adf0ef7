//! One run's story (`run --story N`): what each side perceived, month by month, in run N of
//! the ensemble, and the moment it judged that time is not on its side — the run a lecturer
//! narrates.
//!
//! Per side, two panels: the months the side expects its objective to need against the
//! longest it can give it (its patience times its commitment, the months until the opponent
//! reaches its own objective, its own money runway: `objective_limit_months`) — the first half
//! of the rule holds where the first line is above the second; and the evidence of a worsening
//! trend it has accumulated, as a share of its threshold — the second half. The run's events
//! are marked. Everything drawn is a column of the run's trajectory (`objective_months`,
//! `objective_limit_months`, `evidence_share`) or an entry of its event log; the run is
//! re-simulated from (seed, run index) by the caller, identical to the ensemble's run.

// Loops run over the two sides by index.
#![allow(clippy::needless_range_loop)]

use super::PlotError;
use super::fan::{Bands, Fan, FanPanel, Mark, RefLine};
use super::frame::{self, Frame, LegendItem, Swatch};
use super::style::{self, Timeline};
use crate::model::outputs::Columns;
use crate::scenario::{ModelKind, Scenario};
use crate::sim::Trajectory;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Months drawn at most on the objective panel: a longer expectation (up to 600 = out of
/// reach) is drawn at this level.
pub const MONTHS_SHOWN: f64 = 120.0;

/// The judgment's events (left panels) and the run's other events (right panels).
const JUDGMENT_EVENTS: [&str; 3] = ["time_not_on_side", "would_cut_losses", "objective_reached"];

/// Marks for this run's events of side `s` (and the run's end, which concerns both) that
/// `keep` selects, one per month (events of the same month share a label).
fn marks(t: &Trajectory, s: usize, color: RGBColor, keep: impl Fn(&str) -> bool) -> Vec<Mark> {
    let mut out: Vec<Mark> = Vec::new();
    for e in &t.log {
        let ours = e.side.is_some_and(|x| usize::from(x) == s);
        let end = usize::from(e.month) == t.end_step
            && matches!(e.event, "ceasefire" | "collapse" | "objective_reached" | "destroyed");
        if !(ours && keep(e.event) || end) {
            continue;
        }
        let words = crate::report::words::event_words(e.event);
        let x = f64::from(e.month);
        let color = if e.event == "time_not_on_side" { style::INK } else { color };
        match out.iter_mut().find(|m| (m.x - x).abs() < 0.5) {
            Some(m) if !m.label.contains(&words) => m.label = m.label.replacen(" (m", &format!(", {words} (m"), 1),
            Some(_) => {}
            None => out.push(Mark { x, label: format!("{words} (m{})", e.month), color }),
        }
    }
    out
}

/// The story chart of one run.
#[derive(Debug, Clone)]
pub struct Story {
    /// Run index.
    pub run: usize,
    /// Title, legend, caption.
    pub frame: Frame,
    /// Time axis.
    pub timeline: Timeline,
    /// One row per side: objective against its limit, evidence against its threshold.
    pub rows: Vec<Vec<FanPanel>>,
}

/// A single run's values of column `col` from month 1 to the run's end, as a line.
fn line(t: &Trajectory, col: usize, cap: f64, label: &str, color: RGBColor) -> Fan {
    let q = (0..=t.end_step).map(|m| [f64::from(t.get(m, col)).min(cap); 5]).collect();
    Fan::new(q, label, color).with_bands(Bands::None).from_step(1)
}

impl Story {
    /// The story of trajectory `t` (run `t.run` of `sc` at `seed`); `None` for a model without
    /// a judgment.
    pub fn build(sc: &Scenario, seed: u64, steps: usize, columns: &Columns, t: &Trajectory) -> Option<Story> {
        if sc.model != ModelKind::War {
            return None;
        }
        let find = |name: &str, s: usize| columns.find(name, Some(s));
        let slots = style::side_slots([sc.sides[0].name.as_str(), sc.sides[1].name.as_str()]);
        let mut rows = Vec::new();
        for s in 0..2 {
            let (obj, limit, evidence) =
                (find("objective_months", s)?, find("objective_limit_months", s)?, find("evidence_share", s)?);
            let color = style::SIDE[slots[s]];
            let label = &sc.sides[s].label;
            let judged = marks(t, s, color, |e| JUDGMENT_EVENTS.contains(&e));
            let events = marks(t, s, color, |e| !JUDGMENT_EVENTS.contains(&e) && e != "bias_halved");
            let mut objective = FanPanel {
                fixed: Some((0.0, MONTHS_SHOWN * 1.7)),
                ..FanPanel::new(
                    format!("{label}: is its objective realistic?"),
                    "months",
                    vec![
                        line(t, obj, MONTHS_SHOWN, "months its objective needs", color),
                        line(t, limit, MONTHS_SHOWN, "the longest it can give", style::INK).dashed(),
                    ],
                )
            }
            .with_marks(judged);
            objective.lines.push(RefLine {
                y: MONTHS_SHOWN,
                label: format!("{MONTHS_SHOWN} months or more: out of reach"),
                color: style::GREY,
            });
            let shown = (0..=t.end_step).map(|m| 100.0 * f64::from(t.get(m, evidence))).fold(0.0, f64::max);
            let mut ev = FanPanel {
                fixed: Some((0.0, (shown * 1.7).max(200.0))),
                ..FanPanel::new(
                    format!("{label}: evidence that things are getting worse"),
                    "% of its threshold",
                    vec![line(t, evidence, f64::INFINITY, "evidence", color).scaled(100.0)],
                )
            }
            .with_marks(events);
            ev.lines.push(RefLine { y: 100.0, label: String::new(), color: style::GREY });
            rows.push(vec![objective, ev]);
        }
        let ended = crate::report::words::run_ending(sc, t.outcome, t.end_step, steps);
        let legend = vec![
            LegendItem::new(Swatch::Line(style::SIDE[slots[0]]), "what the side perceived"),
            LegendItem::new(Swatch::Dashed(style::INK), "the longest it can give its objective"),
            LegendItem::new(Swatch::Reference, "evidence threshold"),
        ];
        Some(Story {
            run: t.run,
            frame: Frame {
                title: format!("One run's story: run {} of seed {seed}, {ended}", t.run),
                legend,
                caption: vec![
                    format!("{} · run {} · seed {seed} · protracted {}", sc.name, t.run, env!("CARGO_PKG_VERSION")),
                    format!(
                        "A side judges that time is not on its side when its objective needs longer than it can give (left: solid above dashed; {MONTHS_SHOWN} months or more drawn at {MONTHS_SHOWN})"
                    ),
                    "and its evidence of a worsening trend reaches its threshold (right). Dashed verticals: this run's events, with their month.".into(),
                ],
            },
            timeline: Timeline::of(sc, steps),
            rows,
        })
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        for (row, panels) in frame::rows(&body, self.rows.len()).iter().zip(&self.rows) {
            for (area, p) in frame::columns(row, &vec![1.0; panels.len()]).iter().zip(panels) {
                p.draw(area, &self.timeline)?;
            }
        }
        Ok(())
    }
}

impl super::Chart for Story {
    fn file_stem(&self) -> String {
        format!("story-{}", self.run)
    }
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        self.draw(root)
    }
}
