//! Why a side tipped: per side, over time, the share of the runs still at war in which the side
//! judged its objective unrealistic, in which its perceived trend was negative, and in which
//! both held — the two halves of the rule for "time is not on its side" (see
//! [`crate::judgment`]), each with a ±2 SE band; the side's key events and the month from
//! which half of the runs have ended are marked.
//!
//! The shares are the means of the 0/1 outputs `objective_unrealistic`, `trend_negative` and
//! `unrealistic_and_worsening` over the runs still going ([`Results::live_mean`]); nothing is
//! recomputed from runs here.

use super::fan::{Bands, Fan, FanPanel, Mark};
use super::frame::{self, Frame, LegendItem, Swatch};
use super::style::{self, Timeline};
use super::{PlotError, Results};
use crate::scenario::ModelKind;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The `why` chart: one panel per side.
#[derive(Debug, Clone)]
pub struct Why {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Time axis.
    pub timeline: Timeline,
    /// One panel per side.
    pub panels: Vec<FanPanel>,
}

/// A share among live runs as a "fan" whose inner band is ±2 standard errors, in percent.
fn share_fan(d: Results<'_>, col: usize, label: &str, color: RGBColor) -> Fan {
    let q = d
        .live_mean(col)
        .into_iter()
        .map(|(p, n)| {
            let se = if n > 0 && p.is_finite() { (p * (1.0 - p) / n as f64).sqrt() } else { f64::NAN };
            let (lo, hi) = ((p - 2.0 * se).max(0.0), (p + 2.0 * se).min(1.0));
            [lo, lo, p, hi, hi].map(|v| 100.0 * v)
        })
        .collect();
    Fan::new(q, label, color).with_bands(Bands::Inner).from_step(1)
}

impl Why {
    /// The chart of a war-model run (none for models without a judgment).
    pub fn build(d: Results<'_>) -> Option<Why> {
        if d.scenario.model != ModelKind::War {
            return None;
        }
        let cols = d.columns();
        let find = |name: &str, s: usize| cols.find(name, Some(s));
        let mut panels = Vec::new();
        for s in 0..2 {
            let (unreal, neg, both) =
                (find("objective_unrealistic", s)?, find("trend_negative", s)?, find("unrealistic_and_worsening", s)?);
            let c = style::SIDE[s];
            let fans = vec![
                share_fan(d, unreal, "objective judged unrealistic", c),
                share_fan(d, neg, "perceived trend negative", style::SIDE_LIGHT[s]).dashed(),
                share_fan(d, both, "both", style::INK),
            ];
            let mut p = FanPanel::new(d.side(s), "% of runs still at war", fans);
            p.fixed = Some((0.0, 128.0));
            let name = &d.scenario.sides[s].name;
            let tip = d.summary.tipping.get(name).and_then(|t| t.time_not_on_side.median_month);
            let tip_mark = tip.map(|m| Mark { x: m, label: "half of all runs have judged".into(), color: style::INK });
            panels.push(
                p.with_mark(d.half_ended_mark())
                    .with_marks(tip_mark)
                    .with_marks(d.event_marks(s, &["bias_halved", "coercive_mobilisation", "aid_paused"])),
            );
        }
        let legend = vec![
            LegendItem::new(Swatch::Line(style::SIDE[0]), "objective judged unrealistic"),
            LegendItem::new(Swatch::Dashed(style::SIDE_LIGHT[0]), "perceived trend negative"),
            LegendItem::new(Swatch::Line(style::INK), "both: the rule's condition"),
            LegendItem::new(Swatch::Fan(style::GREY), "band: ±2 SE"),
        ];
        Some(Why {
            frame: Frame {
                title: "Why a side tips: which half of the rule holds, month by month".into(),
                legend,
                caption: vec![
                    d.caption(),
                    "A side tips when its objective looks unrealistic and enough evidence of a worsening trend has accumulated. Shares of the runs still at war (drawn while 10% are).".into(),
                    "Dashed verticals: the median month of a key event (share of runs in brackets), of half of all runs having judged, and of half of the runs having ended.".into(),
                ],
            },
            timeline: d.timeline(),
            panels,
        })
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        let cols = frame::columns(&body, &vec![1.0; self.panels.len()]);
        for (area, p) in cols.iter().zip(&self.panels) {
            p.draw(area, &self.timeline)?;
        }
        Ok(())
    }
}
