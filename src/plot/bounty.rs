//! Buying soldiers: for each side with a bounty system (a positive
//! `manpower.bounty_recruits_k_per_month`), the sign-up bounty and the price of the marginal
//! recruit — the bounty outlay for one more recruit, B·(1 + 1/ε) — over time, and beside them
//! what the state pays its soldiers in a year (bounties, pay and compensation). No chart for a
//! scenario without a bounty system.

use super::fan::{Bands, FanPanel};
use super::frame::{self, Frame, LegendItem, Swatch};
use super::style::{self, Timeline};
use super::{PlotError, Results};
use crate::model::war::col;
use crate::scenario::ModelKind;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The bounty chart.
#[derive(Debug, Clone)]
pub struct Bounty {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Time axis.
    pub timeline: Timeline,
    /// Per bounty side: prices, and payments.
    pub rows: Vec<[FanPanel; 2]>,
}

/// The sides with a bounty system.
pub fn bounty_sides(d: Results<'_>) -> Vec<usize> {
    (0..2).filter(|&s| d.side_param(s, "manpower.bounty_recruits_k_per_month") > 0.0).collect()
}

impl Bounty {
    /// The chart, if a side of a war-model run has a bounty system.
    pub fn build(d: Results<'_>) -> Option<Bounty> {
        if d.scenario.model != ModelKind::War {
            return None;
        }
        let sides = bounty_sides(d);
        if sides.is_empty() {
            return None;
        }
        let cols = d.columns();
        let rows = sides
            .iter()
            .map(|&s| {
                let (name, c, light) = (d.side(s), style::SIDE[s], style::SIDE_LIGHT[s]);
                let bounty = d.fan(cols.side_col(s, col::BOUNTY), "bounty", c).with_bands(Bands::Inner).scaled(1e-3);
                let marginal = d
                    .fan(cols.side_col(s, col::MARGINAL), "marginal recruit", style::BLACK)
                    .faint()
                    .with_bands(Bands::Inner)
                    .dashed()
                    .scaled(1e-3);
                let paid = d.fan(cols.side_col(s, col::PAYMENTS), "payments", light);
                [
                    FanPanel::new(
                        format!("{name}: the bounty and the marginal recruit's price"),
                        "million RUB per recruit",
                        vec![bounty, marginal],
                    )
                    .with_mark(d.half_ended_mark()),
                    FanPanel::new(format!("{name}: paid to soldiers in a year"), "trillion RUB per year", vec![paid])
                        .with_mark(d.half_ended_mark()),
                ]
            })
            .collect();
        let s0 = sides[0];
        let legend = vec![
            LegendItem::new(Swatch::Line(style::SIDE[s0]), "sign-up bounty"),
            LegendItem::new(Swatch::Dashed(style::BLACK), "marginal recruit: outlay for one more, B·(1 + 1/ε)"),
            LegendItem::new(Swatch::Fan(style::SIDE_LIGHT[s0]), "bounties, pay and compensation"),
            LegendItem::new(Swatch::Fan(style::GREY), "median; shading: middle 50% (90%)"),
        ];
        Some(Bounty {
            frame: Frame {
                title: "Buying soldiers: the bounty and the price of the next recruit".into(),
                legend,
                caption: vec![
                    d.caption(),
                    "Nominal roubles: the bounty rises with wages and as the pool of the willing is mined out; ε: the recruits' elasticity. Over the runs still fighting.".into(),
                ],
            },
            timeline: d.timeline(),
            rows,
        })
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        for (area, row) in frame::rows(&body, self.rows.len()).iter().zip(&self.rows) {
            let cols = frame::columns(area, &[1.4, 1.0]);
            row[0].draw(&cols[0], &self.timeline)?;
            row[1].draw(&cols[1], &self.timeline)?;
        }
        Ok(())
    }
}
