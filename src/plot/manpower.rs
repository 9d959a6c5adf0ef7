//! Manpower: front strength and the flows that change it — casualties and recruits — as fan
//! charts, one row per side and one column per variable; the two panels of a variable share
//! their scale so the sides compare at a glance (and their bands never overlap each other).
//! Works for the war model (`casualties_k_per_month`, `recruits_k_per_month`) and the classic
//! battles (`casualties_k_per_step`, `reinforcements_k_per_step`).

use super::fan::{FanPanel, share_range};
use super::frame::{self, Frame, LegendItem, Swatch};
use super::style::{self, Timeline};
use super::{PlotError, Results};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The manpower chart.
#[derive(Debug, Clone)]
pub struct Manpower {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Time axis.
    pub timeline: Timeline,
    /// Per side (rows), per variable (columns): front strength, casualties, recruits.
    pub panels: Vec<Vec<FanPanel>>,
}

impl Manpower {
    /// The chart, if the model records front strength.
    pub fn build(d: Results<'_>) -> Option<Manpower> {
        let cols = d.columns();
        let per = d.step_word();
        let recruits = if cols.find("recruits_k_per_month", Some(0)).is_some() { "recruits" } else { "reinforcements" };
        let vars: [(&[&str], String, bool); 3] = [
            (&["front_k"], "front strength".to_string(), false),
            (&["casualties_k_per_month", "casualties_k_per_step"], format!("casualties per {per}"), true),
            (&["recruits_k_per_month", "reinforcements_k_per_step"], format!("{recruits} per {per}"), true),
        ];
        let mut by_var: Vec<Vec<FanPanel>> = Vec::new();
        for (names, what, _flow) in vars {
            let Some(c0) = names.iter().find_map(|n| cols.find(n, Some(0)).map(|_| *n)) else {
                continue;
            };
            let mut pair: Vec<FanPanel> = (0..2)
                .filter_map(|s| {
                    let c = cols.find(c0, Some(s))?;
                    let fan = d.fan(c, d.side(s), d.side_color(s));
                    // A battle's reinforcements come in lumps: bars, not a zig-zag line.
                    let fan = if c0 == "reinforcements_k_per_step" { fan.as_bars() } else { fan };
                    let p = FanPanel::new(format!("{}: {what}", d.side(s)), "thousand persons", vec![fan]);
                    let events = if names[0] == "casualties_k_per_month" {
                        Vec::new()
                    } else {
                        d.event_marks(s, &["coercive_mobilisation"])
                    };
                    Some(p.with_mark(d.half_ended_mark()).with_marks(events))
                })
                .collect();
            share_range(&mut pair);
            by_var.push(pair);
        }
        if by_var.is_empty() {
            return None;
        }
        let panels = (0..2).map(|s| by_var.iter().filter_map(|v| v.get(s).cloned()).collect()).collect();
        let mut legend: Vec<LegendItem> =
            (0..2).map(|s| LegendItem::new(Swatch::Fan(d.side_color(s)), d.side(s))).collect();
        if d.summary.runs > 1 {
            legend.push(LegendItem::new(Swatch::Fan(style::GREY), "line: median of runs; shading: middle 50% and 90%"));
        }
        Some(Manpower {
            frame: Frame {
                title: "Manpower: the front, what it loses and what replaces it".into(),
                legend,
                caption: vec![
                    d.caption(),
                    "Casualties: killed, wounded, missing, captured. Every panel is drawn over the runs still fighting (while 10% are); coloured dashes: a key event's median month.".into(),
                ],
            },
            timeline: d.timeline(),
            panels,
        })
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        for (row, panels) in frame::rows(&body, self.panels.len()).iter().zip(&self.panels) {
            for (area, p) in frame::columns(row, &vec![1.0; panels.len()]).iter().zip(panels) {
                p.draw(area, &self.timeline)?;
            }
        }
        Ok(())
    }
}
