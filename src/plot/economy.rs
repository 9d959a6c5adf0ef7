//! The war economy: for the side that lives on energy exports (the one whose
//! `economy.energy_revenue_usd_bn_per_month` is positive; the first side if neither is),
//! inflation against the policy rate, liquid reserves and military spending; for the other
//! side, the external aid it receives. Four fan panels in a 2×2 grid.

use super::fan::{Bands, FanPanel};
use super::frame::{self, Frame, LegendItem, Swatch};
use super::style::{self, Timeline};
use super::{PlotError, Results};
use crate::model::war::col;
use crate::scenario::ModelKind;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The economy chart.
#[derive(Debug, Clone)]
pub struct Economy {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Time axis.
    pub timeline: Timeline,
    /// Inflation and rate, reserves, military spending, aid.
    pub panels: Vec<FanPanel>,
}

/// The side with an energy economy: the first whose energy revenue parameter is positive.
pub fn energy_side(d: Results<'_>) -> Option<usize> {
    (0..2).find(|&s| d.side_param(s, "economy.energy_revenue_usd_bn_per_month") > 0.0)
}

impl Economy {
    /// The chart of a war-model run.
    pub fn build(d: Results<'_>) -> Option<Economy> {
        if d.scenario.model != ModelKind::War {
            return None;
        }
        let cols = d.columns();
        let e = energy_side(d).unwrap_or(0);
        let o = 1 - e;
        let fan = |s: usize, v: usize, label: &str, c: RGBColor| d.fan(cols.side_col(s, v), label, c);
        let (es, os) = (d.side(e), d.side(o));
        let ce = style::SIDE[e];
        let inflation = fan(e, col::INFLATION, "inflation", ce).with_bands(Bands::Inner);
        let rate = fan(e, col::KEY_RATE, "policy rate", style::GREEN).with_bands(Bands::Inner).dashed();
        let mut rates = FanPanel::new(format!("{es}: inflation and policy rate"), "% per year", vec![inflation, rate]);
        rates.from_zero = true;
        let half = d.half_ended_mark();
        let panels = vec![
            rates.with_mark(half.clone()),
            FanPanel::new(format!("{es}: liquid reserves"), "USD bn", vec![fan(e, col::RESERVES, "reserves", ce)])
                .with_mark(half.clone())
                .with_marks(d.event_marks(e, &["reserves_exhausted"])),
            FanPanel::new(
                format!("{es}: military spending"),
                "% of GDP",
                // A share of the month's budget: nothing at month 0, before any month is fought.
                vec![fan(e, col::MILSPEND, "military spending", ce).from_step(1)],
            )
            .with_mark(half.clone()),
            FanPanel::new(
                format!("{os}: external aid received"),
                "USD bn per month",
                vec![fan(o, col::AID, "aid", style::SIDE[o])],
            )
            .with_mark(half)
            .with_marks(d.event_marks(o, &["aid_paused"])),
        ];
        let legend = vec![
            LegendItem::new(Swatch::Fan(ce), es.to_string()),
            LegendItem::new(Swatch::Fan(style::SIDE[o]), os.to_string()),
            LegendItem::new(Swatch::Line(ce), "inflation"),
            LegendItem::new(Swatch::Dashed(style::GREEN), "policy rate"),
            LegendItem::new(Swatch::Fan(style::GREY), "median of runs; shading: middle 50% (and 90%)"),
        ];
        Some(Economy {
            frame: Frame {
                title: format!("The war economy: {es}'s overheating, {os}'s lifeline"),
                legend,
                caption: vec![
                    d.caption(),
                    "Military spending includes pay, bounties and compensation. Every panel is over the runs still fighting. Aid: money and military aid from all donors.".into(),
                ],
            },
            timeline: d.timeline(),
            panels,
        })
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        let cols = frame::columns(&body, &[1.0, 1.0]);
        let mut areas = Vec::new();
        for c in &cols {
            areas.extend(frame::rows(c, 2));
        }
        // Column-major: inflation/rate above reserves, military spending above aid.
        for (area, p) in areas.iter().zip(&self.panels) {
            p.draw(area, &self.timeline)?;
        }
        Ok(())
    }
}
