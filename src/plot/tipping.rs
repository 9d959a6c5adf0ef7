//! Tipping curves: the share of runs in which a side has judged, by each month, that time is not
//! on its side (solid) or that it would cut its losses (dashed), as step curves; each median
//! month is marked where its curve crosses one half.
//!
//! [`Tipping`] is the `run` chart (both sides in one panel); [`TippingComparison`] the
//! `compare` chart (one panel per side, one colour per scenario). The curves come from the
//! summary's tipping records ([`crate::analysis::tipping::Tip`]); nothing is recomputed.

use super::fan::{Ticks, ValueAxis, time_chart_with_room};
use super::frame::{self, Frame, LegendItem, Swatch};
use super::outcomes::{self, STACK};
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
    /// Monte Carlo standard error of `share` by step (empty: no band drawn).
    pub se: Vec<f64>,
    /// Dash pattern of a solid-meaning line (a scenario's style in a comparison), px.
    pub pattern: Option<(u32, u32)>,
    /// Write the label at the curve's right end (comparisons), instead of only in the legend.
    pub end_label: bool,
}

impl Curve {
    fn of(label: String, color: RGBColor, dashed: bool, t: &Tip) -> Curve {
        let se = if dashed { Vec::new() } else { t.share_se_by_month.clone() };
        Curve {
            label,
            color,
            dashed,
            share: t.share_by_month.clone(),
            median: t.median_month,
            se,
            pattern: None,
            end_label: false,
        }
    }
}

/// One side's panel of the `run` chart: its two judgments, the Kaplan–Meier curve among the
/// runs still at war, the share of runs still fighting, and how the "never" runs ended.
#[derive(Debug, Clone, PartialEq)]
pub struct SidePanel {
    /// Panel title (the side's label).
    pub title: String,
    /// "Time is not on its side" (solid, with its ±2 SE band) and "would cut its losses"
    /// (dashed).
    pub curves: Vec<Curve>,
    /// Kaplan–Meier estimate among the runs still at war (`NaN` where too few are at risk).
    pub km: Vec<f64>,
    /// Share of all runs still fighting, by step.
    pub still_fighting: Vec<f64>,
    /// How the runs that never judged ended, at the horizon: label, share of all runs, colour.
    pub never: Vec<(String, f64, RGBColor)>,
}

/// The `run` chart: one panel per side.
#[derive(Debug, Clone)]
pub struct Tipping {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Time axis.
    pub timeline: Timeline,
    /// Every curve of both sides (as drawn in the panels).
    pub curves: Vec<Curve>,
    /// One panel per side.
    pub panels: Vec<SidePanel>,
}

impl Tipping {
    /// The chart of a war-model run (none for the classic battles, which have no judgment).
    pub fn build(d: Results<'_>) -> Option<Tipping> {
        if d.scenario.model != ModelKind::War {
            return None;
        }
        let tl = d.timeline();
        let mut panels = Vec::new();
        for s in 0..2 {
            let t = &d.summary.tipping[&d.scenario.sides[s].name];
            let c = style::SIDE[s];
            let side = d.side(s);
            let tn = &t.time_not_on_side;
            let mut never: Vec<(String, f64, RGBColor)> = STACK
                .iter()
                .filter_map(|o| {
                    let v = *tn.never_by_outcome.get(&o.named(&d.scenario.sides).to_string())?;
                    (v > 0.0).then(|| (outcomes::label(*o, &d.scenario.sides), v, outcomes::color(*o)))
                })
                .collect();
            never.retain(|x| x.1 > 0.0);
            panels.push(SidePanel {
                title: side.to_string(),
                curves: vec![
                    Curve::of("time is not on its side".into(), c, false, tn),
                    Curve::of("would cut its losses".into(), c, true, &t.cut_losses),
                ],
                km: tn.km_share_by_month.iter().map(|x| x.unwrap_or(f64::NAN)).collect(),
                still_fighting: d.summary.ongoing_share_by_month.clone(),
                never,
            });
        }
        let ink = style::INK;
        let legend = vec![
            LegendItem::new(Swatch::Fan(ink), "time is not on its side (band: ±2 SE)"),
            LegendItem::new(Swatch::Dashed(ink), "would cut its losses"),
            LegendItem::new(Swatch::Dotted(ink), "the same among runs still at war (Kaplan–Meier)"),
            LegendItem::new(Swatch::Line(GREY), "runs still fighting"),
        ];
        let frame = Frame {
            title: "When does each side judge that time is not on its side?".into(),
            legend,
            caption: vec![
                d.caption(),
                "Share of all runs that have reached the judgment by each month. A run that ends stops judging: the curve flattens as runs end; the bar says how the others ended.".into(),
                "Kaplan–Meier: ended runs counted as if they had gone on like those still at war (an assumption, not a forecast); drawn while 10% of runs are at risk. SE: Monte Carlo standard error.".into(),
            ],
        };
        let curves = panels.iter().flat_map(|p| p.curves.iter().cloned()).collect();
        Some(Tipping { frame, timeline: tl, curves, panels })
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

impl SidePanel {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, tl: &Timeline) -> Result<(), PlotError> {
        let area = frame::titled(area, &self.title)?;
        let (w, _) = area.dim_in_pixel();
        let bar_w = 215.min(w / 3);
        let (plot, bar) = area.split_horizontally(w - bar_w);
        let extra = |chart: &mut super::fan::TimeChart<'_, DB>| -> Result<(), PlotError> {
            let grey: Vec<(f64, f64)> = self.still_fighting.iter().enumerate().map(|(t, &v)| (t as f64, v)).collect();
            chart.draw_series(LineSeries::new(grey, GREY.stroke_width(3)))?;
            if let Some(c) = self.curves.first() {
                let km = steps(&self.km);
                for seg in km.split(|p| p.1.is_nan()).filter(|s| s.len() > 1) {
                    chart.draw_series(DashedLineSeries::new(seg.to_vec(), 3, 7, c.color.stroke_width(3)))?;
                }
            }
            Ok(())
        };
        draw_curves_with(&plot, "", tl, &self.curves, extra)?;
        draw_never_bar(&bar, &self.never)
    }
}

/// The "never" bar beside a panel: how the runs that never judged ended, at the horizon, as a
/// stack on the panel's 0-100% scale, each part labelled.
fn draw_never_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    never: &[(String, f64, RGBColor)],
) -> Result<(), PlotError> {
    let (w, h) = area.dim_in_pixel();
    // Align with the plotting area of the time chart (top margin 14, x label area below).
    let (top, bottom) = (14i32, h as i32 - super::fan::X_LABEL_AREA as i32);
    let y = |v: f64| bottom - ((bottom - top) as f64 * v).round() as i32;
    let x0 = 8;
    let x1 = 36.min(w as i32 / 3);
    let total: f64 = never.iter().map(|n| n.1).sum();
    area.draw(&Text::new("never:", (x0, y(total) - 34), text_in(ANNOTATION_PX - 2.0, style::INK)))?;
    let mut acc = 0.0;
    let mut last_label = i32::MAX;
    for (label, v, c) in never {
        let (ya, yb) = (y(acc + v), y(acc));
        area.draw(&Rectangle::new([(x0, ya), (x1, yb)], c.filled()))?;
        area.draw(&Rectangle::new([(x0, ya), (x1, yb)], style::PAPER.stroke_width(1)))?;
        let mid = ((ya + yb) / 2).min(last_label - 26);
        if yb - ya >= 6 || *v >= 0.02 {
            let short = short_label(label);
            area.draw(&Text::new(
                format!("{} {}", style::percent(*v), short),
                (x1 + 6, mid - 10),
                text_in(ANNOTATION_PX - 6.0, style::INK),
            ))?;
            last_label = mid;
        }
        acc += v;
    }
    Ok(())
}

/// A short form of an outcome label for the narrow "never" bar.
fn short_label(label: &str) -> String {
    if label == "still fighting" {
        "still at war".into()
    } else if label.contains("cut its losses") {
        format!("{} gave up", label.trim_start_matches("cease-fire: ").split(' ').next().unwrap_or(""))
    } else if label.contains("took its objective") {
        format!("{}: objective", label.split(' ').next().unwrap_or(""))
    } else if label.contains("collapsed") {
        format!("{} fell", label.split(' ').next().unwrap_or(""))
    } else {
        "cease-fire".into()
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
                .map(|(i, m)| Curve {
                    pattern: style::scenario_dash(i),
                    end_label: true,
                    ..Curve::of(
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
                let swatch = match style::scenario_dash(i) {
                    Some(_) => Swatch::Dashed(style::scenario_color(i)),
                    None => Swatch::Line(style::scenario_color(i)),
                };
                LegendItem::new(swatch, format!("{}{tag}", m.summary.scenario))
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

/// Move sorted positions `ys` (px, top to bottom) apart so that neighbours are at least `gap`
/// apart, each as close to where it was as the others allow.
pub fn spread(ys: &[i32], gap: i32) -> Vec<i32> {
    let mut out: Vec<i32> = ys.to_vec();
    for i in 1..out.len() {
        out[i] = out[i].max(out[i - 1] + gap);
    }
    // Centre each run of pushed labels on the positions they came from.
    let shift = (out.iter().sum::<i32>() - ys.iter().sum::<i32>()) / out.len().max(1) as i32;
    if shift > 0 {
        for v in &mut out {
            *v -= shift;
        }
        for i in 1..out.len() {
            out[i] = out[i].max(out[i - 1] + gap);
        }
    }
    out
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
    draw_curves_with(area, title, tl, curves, |_| Ok(()))
}

/// [`draw_curves`], with `extra` drawn on the chart under the curves.
pub fn draw_curves_with<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    tl: &Timeline,
    curves: &[Curve],
    extra: impl FnOnce(&mut super::fan::TimeChart<'_, DB>) -> Result<(), PlotError>,
) -> Result<(), PlotError> {
    let axis = ValueAxis { lo: 0.0, hi: 1.0, desc: "share of runs".into(), ticks: Ticks::Percent };
    let area = frame::titled(area, title)?;
    let end_px = ANNOTATION_PX - 4.0;
    let room = curves
        .iter()
        .filter(|c| c.end_label)
        .map(|c| style::measure(&area, &c.label, end_px).max(0) as u32 + 18)
        .max()
        .unwrap_or(0);
    let mut chart = time_chart_with_room(&area, tl, &axis, room)?;
    // Monte Carlo error: ±2 SE around each curve that has one.
    for c in curves.iter().filter(|c| !c.se.is_empty()) {
        let up = steps(&c.share.iter().zip(&c.se).map(|(p, s)| (p + 2.0 * s).min(1.0)).collect::<Vec<_>>());
        let lo = steps(&c.share.iter().zip(&c.se).map(|(p, s)| (p - 2.0 * s).max(0.0)).collect::<Vec<_>>());
        let poly: Vec<(f64, f64)> = up.into_iter().chain(lo.into_iter().rev()).collect();
        chart.draw_series(std::iter::once(Polygon::new(poly, style::alpha(c.color, 0.22).filled())))?;
    }
    extra(&mut chart)?;
    let h = tl.horizon() as f64;
    chart.draw_series(DashedLineSeries::new(vec![(0.0, 0.5), (h, 0.5)], 10, 8, GREY.stroke_width(2)))?;
    chart.draw_series(std::iter::once(
        EmptyElement::at((0.0, 0.5)) + Text::new("half of the runs", (10, -34), text_in(ANNOTATION_PX, GREY)),
    ))?;
    for c in curves {
        let pts = steps(&c.share);
        let st = c.color.stroke_width(LINE_W);
        match (c.dashed, c.pattern) {
            (true, _) => chart.draw_series(DashedLineSeries::new(pts, 14, 9, st))?,
            (false, Some((dash, gap))) => chart.draw_series(DashedLineSeries::new(pts, dash, gap, st))?,
            (false, None) => chart.draw_series(LineSeries::new(pts, st))?,
        };
    }
    // Direct labels at the curves' right ends, spread apart vertically so that none overlap.
    let base = area.get_base_pixel();
    let mut ends: Vec<(i32, &Curve)> = curves
        .iter()
        .filter(|c| c.end_label)
        .map(|c| (chart.backend_coord(&(h, c.share.last().copied().unwrap_or(0.0))).1 - base.1, c))
        .collect();
    ends.sort_by_key(|e| e.0);
    let gap = (end_px * 1.25) as i32;
    let ys = spread(&ends.iter().map(|e| e.0).collect::<Vec<_>>(), gap);
    let x_end = chart.backend_coord(&(h, 0.0)).0 - base.0 + 10;
    for ((y0, c), y) in ends.iter().zip(ys) {
        if (y - y0).abs() > 4 {
            area.draw(&PathElement::new(vec![(x_end - 8, *y0), (x_end - 2, y)], c.color.stroke_width(1)))?;
        }
        area.draw(&Text::new(c.label.clone(), (x_end, y - (end_px * 0.55) as i32), text_in(end_px, c.color)))?;
    }
    // Median marks: a dot on the half line, a thin drop line, and the month written beside the
    // dot; labels of medians close together are stacked so they never overlap.
    let mut marks: Vec<(f64, &Curve)> = curves.iter().filter_map(|c| c.median.map(|m| (m, c))).collect();
    marks.sort_by(|a, b| a.0.total_cmp(&b.0));
    let px_per_step = chart.backend_coord(&(1.0, 0.0)).0 - chart.backend_coord(&(0.0, 0.0)).0;
    let mut placed: Vec<(i32, i32, i32)> = Vec::new();
    for (m, c) in marks {
        chart.draw_series(LineSeries::new(vec![(m, 0.0), (m, 0.5)], c.color.stroke_width(2)))?;
        let dot = if c.dashed {
            Circle::new((m, 0.5), 9, c.color.stroke_width(4))
        } else {
            Circle::new((m, 0.5), 10, c.color.filled())
        };
        chart.draw_series(std::iter::once(dot))?;
        let label = format!("{}{:.0} · {}", tl.prefix, m, tl.label(m as usize));
        let w = style::measure(chart.plotting_area(), &label, ANNOTATION_PX) + 8;
        let x = (m * px_per_step as f64) as i32;
        // Right of the dot, below the half line (the rising curve is above it to the right);
        // near the right edge, to the left instead; never past either edge of the plot.
        let (plot_w, _) = chart.plotting_area().dim_in_pixel();
        let dx = if x + w + 14 > plot_w as i32 { -w - 6 } else { 14 };
        let dx = dx.clamp(-x, (plot_w as i32 - w - x).max(-x));
        let (x0, x1) = (x + dx, x + dx + w);
        let mut row = 0;
        while placed.iter().any(|&(a, b, r)| r == row && x0 < b && a < x1) {
            row += 1;
        }
        placed.push((x0, x1, row));
        chart.draw_series(std::iter::once(
            // On a paper-coloured box, so that no curve or drop line cuts through the label.
            EmptyElement::at((m, 0.5))
                + Rectangle::new(
                    [(dx - 4, 12 + 34 * row), (dx + w - 4, 14 + 34 * row + ANNOTATION_PX as i32)],
                    style::alpha(style::PAPER, 0.85).filled(),
                )
                + Text::new(label, (dx, 14 + 34 * row), text_in(ANNOTATION_PX, c.color)),
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
