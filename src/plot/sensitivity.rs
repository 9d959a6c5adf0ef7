//! The charts of `sensitivity`, one per side: [`Tornado`] — what moves P(tip by month 24),
//! each bar from the share among runs whose parameter lies in its lowest fifth to the share
//! among those in its highest fifth (Wilson whiskers at both ends), built from the whole
//! ensemble, not one-at-a-time runs, with a row for month-to-month luck; [`Indices`] — the
//! indices with their bootstrap intervals and the dummy's noise floor (first-order, or first
//! and total for Sobol'); [`ByMonth`] — first-order indices of 1{T ≤ t} month by month,
//! greyed where almost no run or almost every run has tipped. Built from the analyses'
//! records ([`crate::explore::sensitivity`]); nothing is recomputed.

use super::PlotError;
use super::explore::{XAxis, viridis};
use super::fan::{Ticked, Ticks, ValueAxis};
use super::frame::{Frame, LegendItem, Swatch};
use super::style::{self, ANNOTATION_PX, GREY, INK, TICK_PX, text_in};
use crate::explore::sensitivity::{GivenData, Interval, SobolModel};
use crate::scenario::Scenario;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Rows shown in the tornado and the index charts.
pub const TOP: usize = 10;

/// A short row label of a parameter path: `ukraine conscription_k_per_month`,
/// `europe trend_pct_per_year`, `circumvention`.
pub fn row_label(path: &str) -> String {
    let segs: Vec<&str> = path.split('.').collect();
    match segs.as_slice() {
        ["sides", side, _, name] => format!("{side} {name}"),
        ["donors", donor, name] => format!("{donor} {name}"),
        ["world", name] => (*name).to_string(),
        _ => path.to_string(),
    }
}

fn caption_line(scenario: &str, runs: usize, seed: u64, months: usize, what: &str) -> String {
    format!(
        "{scenario} · {what} · {} runs · seed {seed} · {months} months · protracted {}",
        style::thousands(runs as f64, 0),
        env!("CARGO_PKG_VERSION")
    )
}

/// A tornado bar's end labels (the left end's, the right end's), where the left end's bar
/// begins and where the right end's whisker ends, as shares.
fn end_labels(b: &Bar) -> (String, String, f64, f64) {
    let (l, h) = (b.low.0, b.high.0);
    let (left, right) = if l <= h { (b.low, b.high) } else { (b.high, b.low) };
    let (lsign, rsign) = if l <= h { ("≤", "≥") } else { ("≥", "≤") };
    let ltxt = format!("{lsign} {} · {:.0}%", num(left.3), 100.0 * left.0);
    let rtxt = format!("{rsign} {} · {:.0}%", num(right.3), 100.0 * right.0);
    (ltxt, rtxt, left.1.min(left.0), right.2.max(right.0))
}

/// A number for an end label: 3 significant digits.
fn num(x: f64) -> String {
    if !x.is_finite() {
        return "-".into();
    }
    let a = x.abs();
    let d = if a >= 100.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 1.0 {
        2
    } else {
        3
    };
    style::thousands(x, d)
}

/// One tornado bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Row label.
    pub label: String,
    /// (share, Wilson low, Wilson high, edge value) among runs in the lowest fifth.
    pub low: (f64, f64, f64, f64),
    /// The same among runs in the highest fifth.
    pub high: (f64, f64, f64, f64),
}

/// The tornado of one side.
#[derive(Debug, Clone)]
pub struct Tornado {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Side name (for the file name).
    pub side: String,
    /// P(tip by T) over the ensemble.
    pub overall: f64,
    /// Bars, top first.
    pub bars: Vec<Bar>,
    /// The luck row's text.
    pub luck: String,
}

impl Tornado {
    /// The tornado of side `s`.
    pub fn build(sc: &Scenario, g: &GivenData, s: usize) -> Tornado {
        let t = &g.tornado[s];
        let bars = t
            .rows
            .iter()
            .take(TOP)
            .map(|r| Bar {
                label: row_label(&g.factors[r.factor].path),
                low: (r.low.share, r.low.lo, r.low.hi, r.low.edge),
                high: (r.high.share, r.high.lo, r.high.hi, r.high.edge),
            })
            .collect();
        let luck = match t.luck {
            Some(l) => format!(
                "month-to-month luck: {:.0}% of the spread (90% interval {:.0}–{:.0}%)",
                100.0 * l.value,
                100.0 * l.lo,
                100.0 * l.hi
            ),
            None => String::new(),
        };
        let label = &sc.sides[s].label;
        Tornado {
            frame: Frame {
                title: format!("What moves P({label} judges time not on its side by month {})", t.month),
                legend: vec![
                    LegendItem::new(Swatch::Dot(style::ORANGE), "parameter in its lowest fifth"),
                    LegendItem::new(Swatch::Dot(style::BLUE), "in its highest fifth"),
                    LegendItem::new(Swatch::Line(GREY), "90% Wilson interval"),
                    LegendItem::new(Swatch::Dashed(INK), "all runs"),
                ],
                caption: vec![
                    caption_line(&g.scenario, g.runs, g.seed, g.months, "whole ensemble, given data"),
                    format!(
                        "Each bar: share of runs tipped by month {} among those whose parameter is in its lowest fifth → highest fifth (edge values written); largest first-order index on top.",
                        t.month
                    ),
                ],
            },
            side: t.side.clone(),
            overall: t.overall,
            bars,
            luck,
        }
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        let n = self.bars.len();
        let rows = n as f64 + 1.0;
        let widths: Vec<i32> = self.bars.iter().map(|b| style::measure(&body, &b.label, TICK_PX)).collect();
        let label_w = widths.iter().copied().max().unwrap_or(0) as f64;
        let px = ANNOTATION_PX * 0.92;
        // The axis reaches far enough right for every row's end labels: the right end's, and the
        // left end's too where it has no room left of the bar (`end_labels`). Widened in a few
        // passes, as the room on the left depends on the scale.
        let plot_w = (body.dim_in_pixel().0 as f64 - label_w - 24.0 - 20.0).max(100.0);
        let far = self.bars.iter().map(|b| b.low.2.max(b.high.2)).fold(self.overall, f64::max);
        let mut hi = (far + 0.12).clamp(0.1, 1.0);
        for _ in 0..4 {
            let scale = plot_w / hi;
            let need = self
                .bars
                .iter()
                .map(|b| {
                    let (ltxt, rtxt, x0, right_end) = end_labels(b);
                    let (lw, rw) = (style::measure(&body, &ltxt, px) as f64, style::measure(&body, &rtxt, px) as f64);
                    let extra = if x0 * scale >= lw + 16.0 { 0.0 } else { 28.0 + lw };
                    let px_right = 12.0 + rw + extra + 8.0;
                    right_end / (1.0 - px_right / plot_w).max(0.2)
                })
                .fold(hi, f64::max);
            if need <= hi {
                break;
            }
            hi = need;
        }
        let ticks: Vec<f64> = style::value_ticks(0.0, hi, 6).1.into_iter().filter(|&t| t <= 1.0 + 1e-9).collect();
        let mut chart = ChartBuilder::on(&body)
            .margin_top(8)
            .margin_right(20)
            .x_label_area_size(super::fan::X_LABEL_AREA)
            .y_label_area_size((label_w + 24.0) as u32)
            .build_cartesian_2d(Ticked::new(0.0, hi, ticks), Ticked::new(-0.6, rows - 0.4, vec![]))?;
        let xfmt = |v: &f64| format!("{:.0}%", 100.0 * v);
        style::mesh(&mut chart, TICK_PX)
            .x_desc(format!("share of runs that tipped by the month (all runs: {:.0}%)", 100.0 * self.overall))
            .x_label_formatter(&xfmt)
            .draw()?;
        let y_of = |i: usize| rows - 1.0 - i as f64;
        chart.draw_series(DashedLineSeries::new(
            vec![(self.overall, -0.6), (self.overall, rows - 0.4)],
            10,
            8,
            INK.stroke_width(2),
        ))?;
        for (i, b) in self.bars.iter().enumerate() {
            let y = y_of(i);
            let (l, h) = (b.low.0, b.high.0);
            chart.draw_series(std::iter::once(Rectangle::new(
                [(l.min(h), y - 0.22), (l.max(h), y + 0.22)],
                style::tint(GREY, 0.35).filled(),
            )))?;
            for (end, color) in [(b.low, style::ORANGE), (b.high, style::BLUE)] {
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(end.1, y), (end.2, y)],
                    color.stroke_width(3),
                )))?;
                chart.draw_series(std::iter::once(Circle::new((end.0, y), 9, color.filled())))?;
            }
            // End labels outside the bar: the left end's to its left, the right end's to its right.
            let (ltxt, rtxt, x0, right_end) = end_labels(b);
            let lw = style::measure(&body, &ltxt, px);
            let rw = style::measure(&body, &rtxt, px);
            // Left of the left end when there is room; else both right of the right end, the
            // right end's first (its bar end is nearer).
            let room = chart.backend_coord(&(x0, y)).0 - chart.backend_coord(&(0.0, y)).0;
            let (at, dx) = if room >= lw + 16 { (x0, -lw - 12) } else { (right_end, 12 + rw + 28) };
            chart.draw_series(std::iter::once(
                EmptyElement::at((at, y)) + Text::new(ltxt, (dx, -(px as i32) / 2), text_in(px, style::INK)),
            ))?;
            chart.draw_series(std::iter::once(
                EmptyElement::at((right_end, y)) + Text::new(rtxt, (12, -(px as i32) / 2), text_in(px, style::INK)),
            ))?;
            chart.draw_series(std::iter::once(
                EmptyElement::at((0.0, y))
                    + Text::new(b.label.clone(), (-widths[i] - 14, -(TICK_PX as i32) / 2), style::text(TICK_PX)),
            ))?;
        }
        // The luck row, in grey text.
        chart.draw_series(std::iter::once(
            EmptyElement::at((0.0, y_of(n)))
                + Text::new(self.luck.clone(), (10, -(TICK_PX as i32) / 2), text_in(TICK_PX, GREY)),
        ))?;
        Ok(())
    }
}

/// One row of the index chart: first-order (and total) index with intervals.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexRow {
    /// Row label.
    pub label: String,
    /// First-order index.
    pub first: Interval,
    /// Total index (Sobol' only).
    pub total: Option<Interval>,
}

/// The index chart of one side.
#[derive(Debug, Clone)]
pub struct Indices {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Side name.
    pub side: String,
    /// Rows, largest first.
    pub rows: Vec<IndexRow>,
    /// The noise floor: the dummy's upper interval end (given data).
    pub floor: Option<f64>,
}

impl Indices {
    /// Given-data indices of P(tip by 24) for side `s`.
    pub fn given(sc: &Scenario, g: &GivenData, s: usize) -> Indices {
        let side = &sc.sides[s];
        let q = g.outputs.iter().position(|o| o.side == side.name && o.metric == "tip_by_24").unwrap_or(0);
        let mut rows: Vec<IndexRow> = g.indices[q]
            .iter()
            .enumerate()
            .map(|(f, iv)| IndexRow { label: row_label(&g.factors[f].path), first: *iv, total: None })
            .collect();
        rows.sort_by(|a, b| b.first.value.total_cmp(&a.first.value));
        rows.truncate(TOP);
        let dummy = g.dummy[q];
        let top = &g.top_three[q];
        let luck = g.luck[q];
        Indices {
            frame: Frame {
                title: format!("What P({} judges time not on its side by month 24) hinges on", side.label),
                legend: vec![
                    LegendItem::new(Swatch::Block(style::SIDE[s]), "first-order index"),
                    LegendItem::new(
                        Swatch::Line(INK),
                        format!("{:.0}% bootstrap percentile interval", 100.0 * g.level),
                    ),
                    LegendItem::new(Swatch::Block(style::tint(GREY, 0.3)), "noise floor (a dummy input)"),
                ],
                caption: vec![
                    caption_line(&g.scenario, g.runs, g.seed, g.months, "given data, rank binning"),
                    format!(
                        "Top three unchanged in {:.0}% of {} resamples. Month-to-month luck: {:.0}% of the spread ({} paired runs).",
                        100.0 * top.unchanged_share,
                        g.resamples,
                        100.0 * luck.value,
                        g.luck_pairs
                    ),
                ],
            },
            side: side.name.clone(),
            rows,
            floor: Some(dummy.hi.max(0.0)),
        }
    }

    /// Sobol' indices of P(tip by 24) for side `s`.
    pub fn sobol(sc: &Scenario, m: &SobolModel, s: usize) -> Indices {
        let side = &sc.sides[s];
        let q = m.outputs.iter().position(|o| o.side == side.name && o.metric == "tip_by_24").unwrap_or(0);
        let ix = &m.indices[q];
        let names = m.groups.iter().map(|g| row_label(g)).chain(std::iter::once("month-to-month luck".to_string()));
        let mut rows: Vec<IndexRow> = names
            .zip(ix.first.iter().zip(&ix.total))
            .map(|(label, (f, t))| IndexRow { label, first: *f, total: Some(*t) })
            .collect();
        rows.sort_by(|a, b| b.total.map_or(0.0, |t| t.value).total_cmp(&a.total.map_or(0.0, |t| t.value)));
        rows.truncate(TOP + 1);
        Indices {
            frame: Frame {
                title: format!("What P({} judges time not on its side by month 24) hinges on", side.label),
                legend: vec![
                    LegendItem::new(Swatch::Block(style::SIDE[s]), "first-order (alone)"),
                    LegendItem::new(Swatch::Block(style::SIDE_LIGHT[s]), "total (with interactions)"),
                    LegendItem::new(Swatch::Line(INK), format!("{:.0}% bootstrap percentile interval", 100.0 * m.level)),
                ],
                caption: vec![
                    caption_line(&m.scenario, m.runs, m.seed, m.months, &format!("Sobol' design, N = {}", m.base_rows)),
                    "First-order: Saltelli 2010; total: Jansen. Rows derived from a base row share its shock seed; luck is the seed as an input.".into(),
                ],
            },
            side: side.name.clone(),
            rows,
            floor: None,
        }
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        let n = self.rows.len().max(1);
        let hi = self
            .rows
            .iter()
            .map(|r| r.first.hi.max(r.total.map_or(0.0, |t| t.hi)))
            .fold(self.floor.unwrap_or(0.0), f64::max);
        let hi = (hi * 1.1).clamp(0.02, 1.0);
        let lo = self.rows.iter().map(|r| r.first.lo.min(r.total.map_or(0.0, |t| t.lo))).fold(0.0, f64::min).max(-0.2);
        let x = XAxis {
            lo: lo - 0.01 * hi,
            hi,
            ticks: style::value_ticks(lo, hi, 6).1,
            labels: Vec::new(),
            desc: "index: share of the variance".into(),
        };
        let step = style::nice_step(hi - lo, 6);
        let decimals =
            (0..6).find(|&d| ((step * 10f64.powi(d)) - (step * 10f64.powi(d)).round()).abs() < 1e-6).unwrap_or(6);
        let x = XAxis { labels: x.ticks.iter().map(|t| format!("{t:.*}", decimals as usize)).collect(), ..x };
        let widths: Vec<i32> = self.rows.iter().map(|r| style::measure(&body, &r.label, TICK_PX)).collect();
        let label_w = widths.iter().copied().max().unwrap_or(0) as f64;
        let area = body.margin(0, 0, (label_w + 10.0) as i32, 0);
        let y = ValueAxis { lo: -0.6, hi: n as f64 - 0.4, desc: String::new(), ticks: Ticks::Number };
        let mut chart = ChartBuilder::on(&area)
            .margin_top(8)
            .margin_right(20)
            .x_label_area_size(super::fan::X_LABEL_AREA)
            .y_label_area_size(8)
            .build_cartesian_2d(Ticked::new(x.lo, x.hi, x.ticks.clone()), Ticked::new(y.lo, y.hi, vec![]))?;
        let xfmt = |v: &f64| {
            x.ticks.iter().position(|t| (t - v).abs() < 1e-9).map_or_else(String::new, |i| x.labels[i].clone())
        };
        style::mesh(&mut chart, TICK_PX).x_desc(x.desc.as_str()).x_label_formatter(&xfmt).draw()?;
        if let Some(f) = self.floor {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x.lo, y.lo), (f, y.hi)],
                style::tint(GREY, 0.3).filled(),
            )))?;
        }
        let side = if self.side.is_empty() {
            0
        } else {
            usize::from(self.frame.legend.first().is_some_and(|l| l.swatch == Swatch::Block(style::SIDE[1])))
        };
        for (i, r) in self.rows.iter().enumerate() {
            let yc = n as f64 - 1.0 - i as f64;
            let bars: Vec<(Interval, RGBColor, f64)> = match r.total {
                None => vec![(r.first, style::SIDE[side], 0.0)],
                Some(t) => vec![(r.first, style::SIDE[side], 0.17), (t, style::SIDE_LIGHT[side], -0.17)],
            };
            let half = if r.total.is_some() { 0.15 } else { 0.28 };
            for (iv, color, dy) in bars {
                let yy = yc + dy;
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, yy - half), (iv.value.max(0.0), yy + half)],
                    color.filled(),
                )))?;
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(iv.lo, yy), (iv.hi, yy)],
                    INK.stroke_width(3),
                )))?;
            }
            chart.draw_series(std::iter::once(
                EmptyElement::at((x.lo, yc))
                    + Text::new(r.label.clone(), (-widths[i] - 16, -(TICK_PX as i32) / 2), style::text(TICK_PX)),
            ))?;
        }
        Ok(())
    }
}

/// First-order indices month by month of one side.
#[derive(Debug, Clone)]
pub struct ByMonth {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Side name.
    pub side: String,
    /// Row labels, top first.
    pub labels: Vec<String>,
    /// `cells[row][t-1]`.
    pub cells: Vec<Vec<f64>>,
    /// F(t) per month.
    pub tipped: Vec<f64>,
    /// The largest cell (top of the colour scale).
    pub max: f64,
}

/// Months where F(t)(1 − F(t)) is below this are greyed: almost no run or almost every run has tipped.
pub const GREY_BELOW: f64 = 0.05;

impl ByMonth {
    /// The chart of side `s`: the rows with the largest indices summed over the months where
    /// the curve is informative.
    pub fn build(sc: &Scenario, g: &GivenData, s: usize) -> ByMonth {
        let bm = &g.by_month[s];
        let live = |t: usize| bm.tipped[t] * (1.0 - bm.tipped[t]) >= GREY_BELOW;
        let weight = |row: &[f64]| -> f64 {
            row.iter()
                .enumerate()
                .filter(|(t, _)| live(*t))
                .map(|(t, v)| v.max(0.0) * bm.tipped[t] * (1.0 - bm.tipped[t]))
                .sum()
        };
        let mut order: Vec<usize> = (0..bm.indices.len()).collect();
        order.sort_by(|&a, &b| weight(&bm.indices[b]).total_cmp(&weight(&bm.indices[a])).then(a.cmp(&b)));
        order.truncate(TOP);
        let mut labels: Vec<String> = order.iter().map(|&f| row_label(&g.factors[f].path)).collect();
        let mut cells: Vec<Vec<f64>> = order.iter().map(|&f| bm.indices[f].clone()).collect();
        labels.push("dummy (noise floor)".into());
        cells.push(bm.dummy.clone());
        let max = cells
            .iter()
            .flat_map(|r| r.iter().enumerate().filter(|(t, _)| live(*t)).map(|(_, v)| *v))
            .fold(0.01f64, f64::max);
        let side = &sc.sides[s];
        ByMonth {
            frame: Frame {
                title: format!(
                    "When each assumption matters: {} judging time not on its side by each month",
                    side.label
                ),
                legend: vec![LegendItem::new(
                    Swatch::Block(style::tint(GREY, 0.25)),
                    "almost no run or almost every run has tipped",
                )],
                caption: vec![
                    caption_line(&g.scenario, g.runs, g.seed, g.months, "given data, rank binning"),
                    format!(
                        "Cell: first-order index of 'tipped by month t' (noise floor removed); colour from 0 to {:.2}. Top: share of runs tipped by each month.",
                        max
                    ),
                ],
            },
            side: side.name.clone(),
            labels,
            cells,
            tipped: bm.tipped.clone(),
            max,
        }
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        let h = self.tipped.len();
        let widths: Vec<i32> = self.labels.iter().map(|l| style::measure(&body, l, TICK_PX)).collect();
        let label_w = widths.iter().copied().max().unwrap_or(0) as f64;
        let y_area = (label_w + 30.0) as u32;
        let (_, bh) = body.dim_in_pixel();
        let (strip, grid) = body.split_vertically((bh as f64 * 0.2) as u32);
        let step = style::nice_step(h as f64, 10).max(6.0);
        let ticks: Vec<f64> = style::value_ticks(0.0, h as f64, (h as f64 / step) as usize).1;
        let right = (style::text_width("60", TICK_PX) / 2.0 + 10.0) as u32;
        let xr = || Ticked::new(0.5, h as f64 + 0.5, ticks.clone());
        {
            let mut c = ChartBuilder::on(&strip)
                .margin_top(8)
                .margin_right(right)
                .x_label_area_size(6)
                .y_label_area_size(y_area)
                .build_cartesian_2d(xr(), Ticked::new(0.0, 1.0, vec![0.0, 0.5, 1.0]))?;
            let yfmt = |v: &f64| format!("{:.0}%", 100.0 * v);
            style::mesh(&mut c, TICK_PX).x_label_formatter(&|_| String::new()).y_label_formatter(&yfmt).draw()?;
            c.draw_series(LineSeries::new(
                self.tipped.iter().enumerate().map(|(t, &f)| ((t + 1) as f64, f)),
                INK.stroke_width(3),
            ))?;
            c.draw_series(std::iter::once(
                EmptyElement::at((0.5, 0.5))
                    + Text::new(
                        "tipped",
                        (
                            -style::measure(&strip, "tipped", TICK_PX)
                                - 12
                                - style::measure(&strip, "100%", TICK_PX)
                                - 14,
                            -(TICK_PX as i32) / 2,
                        ),
                        style::text(TICK_PX),
                    ),
            ))?;
        }
        let n = self.labels.len();
        let mut chart = ChartBuilder::on(&grid)
            .margin_top(10)
            .margin_right(right)
            .x_label_area_size(super::fan::X_LABEL_AREA)
            .y_label_area_size(y_area)
            .build_cartesian_2d(xr(), Ticked::new(-0.5, n as f64 - 0.5, vec![]))?;
        let xfmt = |v: &f64| format!("{v:.0}");
        style::mesh(&mut chart, TICK_PX)
            .bold_line_style(TRANSPARENT)
            .x_desc("month")
            .x_label_formatter(&xfmt)
            .draw()?;
        for (r, row) in self.cells.iter().enumerate() {
            let y = n as f64 - 1.0 - r as f64;
            for (t, &v) in row.iter().enumerate() {
                let f = self.tipped[t];
                let color =
                    if f * (1.0 - f) < GREY_BELOW { style::tint(GREY, 0.25) } else { viridis(v.max(0.0) / self.max) };
                let x = (t + 1) as f64;
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.5, y - 0.45), (x + 0.5, y + 0.45)],
                    color.filled(),
                )))?;
            }
            chart.draw_series(std::iter::once(
                EmptyElement::at((0.5, y))
                    + Text::new(self.labels[r].clone(), (-widths[r] - 12, -(TICK_PX as i32) / 2), style::text(TICK_PX)),
            ))?;
        }
        Ok(())
    }
}
