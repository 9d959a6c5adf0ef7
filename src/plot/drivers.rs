//! What moved each side's judgment: at the month a side judged that time is not on its side,
//! the share of the worsening of its perceived position due to each component (manpower,
//! materiel, economy, support, morale, territory), averaged over the runs in which it tipped
//! ([`crate::analysis::summary::Summary::drivers`]). Horizontal bars, one per side and component.

use super::fan::Ticked;
use super::frame::{Frame, LegendItem, Swatch};
use super::style::{self, ANNOTATION_PX, TICK_PX, text_in};
use super::{PlotError, Results};
use crate::judgment::DRIVER_NAMES;
use crate::scenario::ModelKind;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The drivers chart.
#[derive(Debug, Clone)]
pub struct Drivers {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Component names, top to bottom.
    pub components: Vec<String>,
    /// Per side: colour, and the mean share of each component (none if no run tipped).
    pub sides: Vec<(RGBColor, Option<Vec<f64>>)>,
}

impl Drivers {
    /// The chart of a war-model run.
    pub fn build(d: Results<'_>) -> Option<Drivers> {
        if d.scenario.model != ModelKind::War {
            return None;
        }
        let mut legend = Vec::new();
        let mut sides = Vec::new();
        for s in 0..2 {
            let name = &d.scenario.sides[s].name;
            let n = d.summary.drivers_runs.get(name).copied().unwrap_or(0);
            let shares = d
                .summary
                .drivers
                .get(name)
                .filter(|_| n > 0)
                .map(|m| DRIVER_NAMES.iter().map(|k| m.get(*k).copied().unwrap_or(0.0)).collect());
            let runs = match n {
                0 => "no run tipped".to_string(),
                1 => "1 run tipped".to_string(),
                n => format!("mean over the {} runs that tipped", style::thousands(n as f64, 0)),
            };
            legend.push(LegendItem::new(Swatch::Block(style::SIDE[s]), format!("{} ({runs})", d.side(s))));
            sides.push((style::SIDE[s], shares));
        }
        Some(Drivers {
            frame: Frame {
                title: "What moved each side's judgment that time is not on its side".into(),
                legend,
                caption: vec![
                    d.caption(),
                    "Share of the decline in the side's perceived position due to each component, in the months before it judged; shares of a side sum to 100%.".into(),
                ],
            },
            components: DRIVER_NAMES.iter().map(|s| s.to_string()).collect(),
            sides,
        })
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        let n = self.components.len();
        let max = self.sides.iter().filter_map(|(_, v)| v.as_ref()).flatten().copied().fold(0.0, f64::max);
        // Round the axis up to a multiple of 10% so bars of 60% are not drawn on a 0-100% axis
        // squeezed into a corner, and never below 50% so small shares are not blown up.
        let hi = ((max * 10.0).ceil() / 10.0 + 0.1).clamp(0.5, 1.0);
        let (step, xticks) = style::value_ticks(0.0, hi, 6);
        let names = &self.components;
        let name_w = names.iter().map(|s| style::text_width(s, TICK_PX + 2.0)).fold(0.0, f64::max);
        let yfmt = |v: &f64| {
            let row = (*v - 0.5).round() as usize;
            names.get(n.saturating_sub(1).saturating_sub(row)).cloned().unwrap_or_default()
        };
        let xfmt = |v: &f64| style::percent(*v).replace(".0%", "%");
        let _ = step;
        let mut chart = ChartBuilder::on(&body)
            .margin_right(40)
            .margin_top(10)
            .x_label_area_size(super::fan::X_LABEL_AREA)
            .y_label_area_size((name_w + 30.0) as u32)
            .build_cartesian_2d(
                Ticked::new(0.0, hi, xticks),
                Ticked::new(0.0, n as f64, (0..n).map(|i| i as f64 + 0.5).collect()),
            )?;
        style::mesh(&mut chart, TICK_PX + 2.0)
            .x_desc("share of the perceived decline at the tipping point")
            .x_label_formatter(&xfmt)
            .y_label_formatter(&yfmt)
            .disable_y_mesh()
            .draw()?;
        let k = self.sides.len().max(1) as f64;
        let band = 0.76 / k;
        for (j, (c, shares)) in self.sides.iter().enumerate() {
            let Some(shares) = shares else { continue };
            for (i, &v) in shares.iter().enumerate() {
                let y0 = (n - 1 - i) as f64 + 0.12 + band * (k - 1.0 - j as f64);
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y0), (v.min(hi), y0 + band * 0.9)],
                    c.filled(),
                )))?;
                chart.draw_series(std::iter::once(
                    EmptyElement::at((v.min(hi), y0 + band * 0.45))
                        + Text::new(style::percent(v), (8, -14), text_in(ANNOTATION_PX, *c)),
                ))?;
            }
        }
        Ok(())
    }
}
