//! Fan overlays: a few key variables with every compared scenario drawn on the same axes, one
//! colour per scenario (median line and middle-50% band; the 90% bands of several scenarios
//! would hide each other). For the war model: both sides' front strength and the attacker's
//! territory; for the classic battles: both sides' strength and the first side's losses.

use super::fan::{Bands, Fan, FanPanel};
use super::frame::{self, Frame, LegendItem, Swatch};
use super::style::{self, Timeline};
use super::{PlotError, Results};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The overlay chart.
#[derive(Debug, Clone)]
pub struct Overlay {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Time axis (of the reference).
    pub timeline: Timeline,
    /// One panel per variable.
    pub panels: Vec<FanPanel>,
}

impl Overlay {
    /// The chart of compared ensembles, the first the reference (none if no key variable is
    /// recorded).
    pub fn build(members: &[Results<'_>]) -> Option<Overlay> {
        let r = members[0];
        let cols = r.columns();
        let a = if r.scenario.model == crate::scenario::ModelKind::War { super::territory::attacker(r) } else { 0 };
        let per = r.step_word();
        let mut wanted: Vec<(&str, usize, String, String, bool)> = vec![
            ("front_k", 0, format!("{}: front strength", r.side(0)), "thousand persons".into(), true),
            ("front_k", 1, format!("{}: front strength", r.side(1)), "thousand persons".into(), true),
        ];
        if cols.find("territory_gained_km2", Some(a)).is_some() {
            wanted.push((
                "territory_gained_km2",
                a,
                format!("{}: ground taken since the start", r.side(a)),
                "km²".into(),
                true,
            ));
        } else {
            wanted.push((
                "cumulative_casualties_k",
                0,
                format!("{}: losses since the start", r.side(0)),
                format!("thousand persons (per {per} flows summed)"),
                true,
            ));
        }
        let mut panels = Vec::new();
        for (name, side, title, unit, from_zero) in wanted {
            let fans: Option<Vec<Fan>> = members
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    m.columns().find(name, Some(side)).map(|c| {
                        // Five overlaid bands are mud: beyond three scenarios, median lines only.
                        let bands = if members.len() > 3 { Bands::None } else { Bands::Inner };
                        let f =
                            m.fan(c, m.summary.scenario.clone(), style::scenario_color(i)).with_bands(bands).faint();
                        if style::scenario_dash(i).is_some() { f.dashed() } else { f }
                    })
                })
                .collect();
            let Some(fans) = fans else { continue };
            let mut p = FanPanel::new(title, unit, fans);
            p.from_zero = from_zero;
            panels.push(p);
        }
        if panels.is_empty() {
            return None;
        }
        // Panels of the same unit (the two fronts) share one scale.
        let same: Vec<usize> = (0..panels.len()).filter(|&k| panels[k].y_desc == panels[0].y_desc).collect();
        if same.len() > 1 {
            let mut shared: Vec<FanPanel> = same.iter().map(|&k| panels[k].clone()).collect();
            super::fan::share_range(&mut shared);
            for (k, p) in same.into_iter().zip(shared) {
                panels[k] = p;
            }
        }
        let mut legend: Vec<LegendItem> = members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let tag = if i == 0 { " — reference" } else { "" };
                LegendItem::new(Swatch::Fan(style::scenario_color(i)), format!("{}{tag}", m.summary.scenario))
            })
            .collect();
        legend.push(LegendItem::new(Swatch::Fan(style::GREY), "line: median; shading: middle 50% of runs"));
        Some(Overlay {
            frame: Frame {
                title: "Key variables, the scenarios overlaid".into(),
                legend,
                caption: vec![super::tipping::compare_caption(members)],
            },
            timeline: r.timeline(),
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
