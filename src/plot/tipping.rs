//! Tipping curves: the share of runs in which a side has judged, by each month, that time is not
//! on its side (solid) or that it would cut its losses (dashed), as step curves; each median
//! month is marked where its curve crosses one half.
//!
//! [`Tipping`] is the `run` chart (both sides in one panel); [`TippingComparison`] the
//! `compare` chart (one panel per side, one colour per scenario). The curves come from the
//! summary's tipping records ([`crate::analysis::tipping::Tip`]); nothing is recomputed.

use super::fan::{Ticks, ValueAxis, time_chart};
use super::frame::{self, Frame, LegendItem, Swatch};
use super::style::{self, ANNOTATION_PX, GREY, LINE_W, Timeline, text_in};
use super::{PlotError, Results};
use crate::analysis::tipping::Tip;
use crate::scenario::ModelKind;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One tipping curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// Legend label.
    pub label: String,
    /// Colour.
    pub color: RGBColor,
    /// Dashed ("would cut its losses") or solid ("time is not on its side").
    pub dashed: bool,
    /// Share of runs by step, 0..=horizon.
    pub share: Vec<f64>,
    /// Median step, if at least half the runs reached it.
    pub median: Option<f64>,
}

impl Curve {
    fn of(label: String, color: RGBColor, dashed: bool, t: &Tip) -> Curve {
        Curve { label, color, dashed, share: t.share_by_month.clone(), median: t.median_month }
    }
}

/// The `run` chart: both sides' curves in one panel.
#[derive(Debug, Clone)]
pub struct Tipping {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Time axis.
    pub timeline: Timeline,
    /// The curves.
    pub curves: Vec<Curve>,
}

impl Tipping {
    /// The chart of a war-model run (none for the classic battles, which have no judgment).
    pub fn build(d: Results<'_>) -> Option<Tipping> {
        if d.scenario.model != ModelKind::War {
            return None;
        }
        let tl = d.timeline();
        let mut curves = Vec::new();
        let mut legend = Vec::new();
        for s in 0..2 {
            let t = &d.summary.tipping[&d.scenario.sides[s].name];
            let c = style::SIDE[s];
            let side = d.side(s);
            curves.push(Curve::of(format!("{side}: time is not on its side"), c, false, &t.time_not_on_side));
            curves.push(Curve::of(format!("{side}: would cut its losses"), c, true, &t.cut_losses));
            legend.push(LegendItem::new(Swatch::Line(c), format!("{side}: time is not on its side")));
            legend.push(LegendItem::new(Swatch::Dashed(c), format!("{side}: would cut its losses")));
        }
        legend.push(LegendItem::new(Swatch::Dot(style::INK), "median month"));
        let frame = Frame {
            title: "When does each side judge that time is not on its side?".into(),
            legend,
            caption: vec![
                d.caption(),
                "Share of runs in which the side has reached the judgment by each month; a run that ends (cease-fire, collapse, objective) keeps its judgments.".into(),
            ],
        };
        Some(Tipping { frame, timeline: tl, curves })
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        draw_curves(&body, "", &self.timeline, &self.curves)
    }
}

/// The `compare` chart: one panel per side, one colour per scenario.
#[derive(Debug, Clone)]
pub struct TippingComparison {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Time axis (of the reference).
    pub timeline: Timeline,
    /// Per side: its label and one curve per scenario.
    pub panels: Vec<(String, Vec<Curve>)>,
}

impl TippingComparison {
    /// The chart of compared ensembles, the first the reference.
    pub fn build(members: &[Results<'_>]) -> TippingComparison {
        let r = members[0];
        let mut panels = Vec::new();
        for s in 0..2 {
            let name = &r.scenario.sides[s].name;
            let curves = members
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    Curve::of(
                        m.summary.scenario.clone(),
                        style::scenario_color(i),
                        false,
                        &m.summary.tipping[name].time_not_on_side,
                    )
                })
                .collect();
            panels.push((r.side(s).to_string(), curves));
        }
        let mut legend: Vec<LegendItem> = members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let tag = if i == 0 { " — reference" } else { "" };
                LegendItem::new(Swatch::Line(style::scenario_color(i)), format!("{}{tag}", m.summary.scenario))
            })
            .collect();
        legend.push(LegendItem::new(Swatch::Dot(style::INK), "median month"));
        TippingComparison {
            frame: Frame {
                title: "Time is not on its side: the scenarios compared".into(),
                legend,
                caption: vec![
                    compare_caption(members),
                    "Share of runs in which the side has judged that time is not on its side, by month. Run i of every scenario uses the same random numbers.".into(),
                ],
            },
            timeline: r.timeline(),
            panels,
        }
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        let cols = frame::columns(&body, &vec![1.0; self.panels.len()]);
        for (area, (side, curves)) in cols.iter().zip(&self.panels) {
            draw_curves(area, side, &self.timeline, curves)?;
        }
        Ok(())
    }
}

/// "3 scenarios · 1,000 runs each · seed 2025 · 60 months from 2025-07 · protracted 0.1.0".
pub fn compare_caption(members: &[Results<'_>]) -> String {
    let r = members[0].summary;
    format!(
        "{} scenarios · {} runs each · seed {} · {} {}s from {} · protracted {}",
        members.len(),
        style::thousands(r.runs as f64, 0),
        r.seed,
        r.months,
        super::step_word(members[0].scenario),
        r.start,
        r.version
    )
}

/// Points of a step curve: the share holds from each step to the next.
fn steps(share: &[f64]) -> Vec<(f64, f64)> {
    let mut pts = Vec::with_capacity(2 * share.len());
    for (t, &v) in share.iter().enumerate() {
        if t > 0 {
            pts.push((t as f64, share[t - 1]));
        }
        pts.push((t as f64, v));
    }
    pts
}

/// Draw tipping curves in one panel, 0-100% of runs, medians marked and labelled.
pub fn draw_curves<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    tl: &Timeline,
    curves: &[Curve],
) -> Result<(), PlotError> {
    let axis = ValueAxis { lo: 0.0, hi: 1.0, desc: "share of runs".into(), ticks: Ticks::Percent };
    let area = frame::titled(area, title)?;
    let mut chart = time_chart(&area, tl, &axis)?;
    let h = tl.horizon() as f64;
    chart.draw_series(DashedLineSeries::new(vec![(0.0, 0.5), (h, 0.5)], 10, 8, GREY.stroke_width(2)))?;
    chart.draw_series(std::iter::once(
        EmptyElement::at((0.0, 0.5)) + Text::new("half of the runs", (10, -34), text_in(ANNOTATION_PX, GREY)),
    ))?;
    for c in curves {
        let pts = steps(&c.share);
        let st = c.color.stroke_width(LINE_W);
        if c.dashed {
            chart.draw_series(DashedLineSeries::new(pts, 14, 9, st))?;
        } else {
            chart.draw_series(LineSeries::new(pts, st))?;
        }
    }
    // Median marks: a dot on the half line, a thin drop line, and the month written beside the
    // dot; labels of medians close together are stacked so they never overlap.
    let mut marks: Vec<(f64, &Curve)> = curves.iter().filter_map(|c| c.median.map(|m| (m, c))).collect();
    marks.sort_by(|a, b| a.0.total_cmp(&b.0));
    let px_per_step = chart.backend_coord(&(1.0, 0.0)).0 - chart.backend_coord(&(0.0, 0.0)).0;
    let mut placed: Vec<(i32, i32)> = Vec::new();
    for (m, c) in marks {
        chart.draw_series(LineSeries::new(vec![(m, 0.0), (m, 0.5)], c.color.stroke_width(2)))?;
        let dot = if c.dashed {
            Circle::new((m, 0.5), 9, c.color.stroke_width(4))
        } else {
            Circle::new((m, 0.5), 10, c.color.filled())
        };
        chart.draw_series(std::iter::once(dot))?;
        let label = format!("{}{:.0} · {}", tl.prefix, m, tl.label(m as usize));
        let w = style::text_width(&label, ANNOTATION_PX) as i32 + 16;
        let x = (m * px_per_step as f64) as i32;
        let mut row = 0;
        while placed.iter().any(|&(px, r)| r == row && (x - px).abs() < w) {
            row += 1;
        }
        placed.push((x, row));
        // Right of the dot, below the half line (the rising curve is above it to the right);
        // near the right edge, to the left instead.
        let (plot_w, _) = chart.plotting_area().dim_in_pixel();
        let dx = if x + w + 14 > plot_w as i32 { -w - 6 } else { 14 };
        chart.draw_series(std::iter::once(
            EmptyElement::at((m, 0.5)) + Text::new(label, (dx, 14 + 34 * row), text_in(ANNOTATION_PX, c.color)),
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_curves_hold_each_share_until_the_next_step() {
        assert_eq!(steps(&[0.0, 0.5, 1.0]), vec![(0.0, 0.0), (1.0, 0.0), (1.0, 0.5), (2.0, 0.5), (2.0, 1.0)]);
    }
}
