//! Panels over time: the calendar-dated time axis every time-series panel shares, and the fan
//! panel (median line, middle-50% and middle-90% bands of the runs) that the manpower, economy,
//! bounty, territory and comparison charts are made of. The data of a fan comes from the
//! ensemble's per-step quantile sketches ([`crate::analysis::series::SeriesStats`]).

use super::PlotError;
use super::style::{self, AXIS_DESC_PX, BAND_50, BAND_90, LINE_W, TICK_PX, Timeline, alpha, text_in};
use crate::analysis::series::SeriesStats;
use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::prelude::*;
use std::ops::Range;

/// A linear axis over `lo..hi` whose ticks (and grid lines) are exactly the given values, so
/// that months fall on calendar years and values on round numbers. (plotters' own
/// `with_key_points` wrapper cannot be used with custom label formatters on `f64` axes.)
#[derive(Debug, Clone, PartialEq)]
pub struct Ticked {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
}

impl Ticked {
    /// An axis over `lo..hi` with ticks at `ticks`.
    pub fn new(lo: f64, hi: f64, ticks: Vec<f64>) -> Ticked {
        Ticked { lo, hi, ticks }
    }
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let span = self.hi - self.lo;
        if span.abs() < f64::EPSILON {
            return (limit.0 + limit.1) / 2;
        }
        let f = (v - self.lo) / span;
        limit.0 + ((limit.1 - limit.0) as f64 * f).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() { vec![] } else { self.ticks.clone() }
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

/// A chart over the calendar-dated time axis.
pub type TimeChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<Ticked, Ticked>>;

/// How the value axis labels its ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ticks {
    /// Numbers with thousands separators.
    Number,
    /// Shares in [0, 1] shown as percentages.
    Percent,
}

impl Ticks {
    /// The label of a tick at `y`, ticks being `step` apart.
    pub fn label(self, y: f64, step: f64) -> String {
        match self {
            Ticks::Number => style::tick_label(y, step),
            Ticks::Percent => format!("{:.0}%", 100.0 * y),
        }
    }
}

/// The value axis of a panel.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueAxis {
    /// Lowest value shown.
    pub lo: f64,
    /// Highest value shown.
    pub hi: f64,
    /// Description with unit, e.g. "thousand persons".
    pub desc: String,
    /// Tick label style.
    pub ticks: Ticks,
}

/// Height of the x label area: tick labels and the axis description under them, px.
pub const X_LABEL_AREA: u32 = (TICK_PX + AXIS_DESC_PX + 16.0) as u32;

/// Build a time chart on `area`: dated x axis over the timeline, value axis, light grid. (The
/// panel's title is drawn first by [`super::frame::titled`], which returns `area`.)
pub fn time_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    tl: &Timeline,
    y: &ValueAxis,
) -> Result<TimeChart<'a, DB>, PlotError> {
    time_chart_with_room(area, tl, y, 0)
}

/// [`time_chart`] with `room` more pixels on the right (for labels at the curves' ends).
pub fn time_chart_with_room<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    tl: &Timeline,
    y: &ValueAxis,
    room: u32,
) -> Result<TimeChart<'a, DB>, PlotError> {
    let (w, h) = area.dim_in_pixel();
    let n_y = ((h as f64) / 110.0).clamp(3.0, 8.0) as usize;
    let (ystep, yticks) = style::value_ticks(y.lo, y.hi, n_y);
    let ylab_w = yticks.iter().map(|&v| style::text_width(&y.ticks.label(v, ystep), TICK_PX)).fold(0.0, f64::max);
    let y_area = (ylab_w + AXIS_DESC_PX * 1.3 + 26.0).ceil() as u32;
    // Room on the right for half of the last date label, which is centred on its tick.
    let right = (style::text_width(tl.label(tl.horizon()), TICK_PX) / 2.0 + 8.0) as u32 + room;
    let x_ticks = tl.ticks(w.saturating_sub(y_area + right));
    let mut chart = ChartBuilder::on(area)
        .margin_right(right)
        .margin_top(14)
        .x_label_area_size(X_LABEL_AREA)
        .y_label_area_size(y_area)
        .build_cartesian_2d(Ticked::new(0.0, tl.horizon().max(1) as f64, x_ticks), Ticked::new(y.lo, y.hi, yticks))?;
    let xfmt = |x: &f64| tl.label(x.round().max(0.0) as usize).to_string();
    let yfmt = |v: &f64| y.ticks.label(*v, ystep);
    style::mesh(&mut chart, TICK_PX)
        .x_desc(tl.desc.as_str())
        .y_desc(y.desc.as_str())
        .x_label_formatter(&xfmt)
        .y_label_formatter(&yfmt)
        .draw()?;
    Ok(chart)
}

/// Which bands a fan shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bands {
    /// Middle 50% and middle 90% of runs.
    Both,
    /// Middle 50% only (overlays of several scenarios).
    Inner,
    /// The median line only.
    None,
}

/// One variable over time across the runs: 5th, 25th, 50th, 75th and 95th percentiles by step.
#[derive(Debug, Clone, PartialEq)]
pub struct Fan {
    /// What it is (legend and annotations).
    pub label: String,
    /// Its colour.
    pub color: RGBColor,
    /// Percentiles per step, 0..=horizon.
    pub q: Vec<[f64; 5]>,
    /// Which bands to draw.
    pub bands: Bands,
    /// Dashed median line (a second variable of the same side).
    pub dashed: bool,
    /// First step drawn (1 for flows, which have no value at the start).
    pub start: usize,
    /// Lighter bands (for a dark colour such as black, whose bands would hide the others).
    pub faint: bool,
    /// Drawn as bars of the median, one per step (a flow that comes in lumps, such as a battle's
    /// reinforcements), instead of bands and a line.
    pub bars: bool,
}

impl Fan {
    /// The fan of column `col` of an ensemble's statistics, drawn from step 0.
    pub fn from_series(series: &SeriesStats, col: usize, label: impl Into<String>, color: RGBColor) -> Fan {
        Fan::new((0..series.rows()).map(|t| series.stat(t, col).p).collect(), label, color)
    }

    /// A fan of percentiles `q` per step (NaN where nothing is drawn), drawn from step 0.
    pub fn new(q: Vec<[f64; 5]>, label: impl Into<String>, color: RGBColor) -> Fan {
        Fan { label: label.into(), color, q, bands: Bands::Both, dashed: false, start: 0, faint: false, bars: false }
    }

    /// The same fan with other bands.
    pub fn with_bands(mut self, bands: Bands) -> Fan {
        self.bands = bands;
        self
    }

    /// The same fan with a dashed median.
    pub fn dashed(mut self) -> Fan {
        self.dashed = true;
        self
    }

    /// The same fan with lighter bands.
    pub fn faint(mut self) -> Fan {
        self.faint = true;
        self
    }

    /// The same fan drawn as bars: the median of step `t` as a bar over `t − 1 .. t`.
    pub fn as_bars(mut self) -> Fan {
        self.bars = true;
        self.bands = Bands::None;
        self
    }

    /// The same fan drawn from step `start` on.
    pub fn from_step(mut self, start: usize) -> Fan {
        self.start = start;
        self
    }

    /// The same fan with every value multiplied by `k` (a change of unit).
    pub fn scaled(mut self, k: f64) -> Fan {
        for row in &mut self.q {
            for v in row.iter_mut() {
                *v *= k;
            }
        }
        self
    }

    /// The steps drawn, with their percentiles.
    pub fn points(&self) -> impl DoubleEndedIterator<Item = (usize, &[f64; 5])> {
        self.q.iter().enumerate().skip(self.start)
    }

    /// Lowest and highest value drawn.
    pub fn extent(&self) -> (f64, f64) {
        let (lo_i, hi_i) = match self.bands {
            Bands::Both => (0, 4),
            Bands::Inner => (1, 3),
            Bands::None => (2, 2),
        };
        self.points()
            .flat_map(|(_, r)| [r[lo_i], r[hi_i]])
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)))
    }
}

/// A horizontal reference line with a label (an objective, a threshold).
#[derive(Debug, Clone, PartialEq)]
pub struct RefLine {
    /// Value.
    pub y: f64,
    /// Text written above it, at the left.
    pub label: String,
    /// Colour.
    pub color: RGBColor,
}

/// A vertical marker at a step with a label near the top (e.g. "half the runs have ended").
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Step.
    pub x: f64,
    /// Label.
    pub label: String,
    /// Colour of the line and its label (grey for the share of runs ended, the side's colour
    /// for its key events).
    pub color: RGBColor,
}

/// A single observed value drawn as a dot over the fans (a historical record).
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Step.
    pub x: f64,
    /// Value.
    pub y: f64,
    /// Colour of the dot (outlined in ink).
    pub color: RGBColor,
}

/// One panel of fans.
#[derive(Debug, Clone, PartialEq)]
pub struct FanPanel {
    /// Panel title.
    pub title: String,
    /// Value axis description with unit.
    pub y_desc: String,
    /// The fans, drawn in order (bands first, then every median on top).
    pub fans: Vec<Fan>,
    /// Reference lines.
    pub lines: Vec<RefLine>,
    /// Vertical markers.
    pub marks: Vec<Mark>,
    /// Whether the axis starts at zero when all values are non-negative.
    pub from_zero: bool,
    /// A value range imposed from outside (panels that must share a scale), else from the data.
    pub fixed: Option<(f64, f64)>,
    /// Observed values drawn as dots on top.
    pub points: Vec<Point>,
}

impl FanPanel {
    /// A panel with fans and no reference line, its axis from zero.
    pub fn new(title: impl Into<String>, y_desc: impl Into<String>, fans: Vec<Fan>) -> FanPanel {
        FanPanel {
            title: title.into(),
            y_desc: y_desc.into(),
            fans,
            lines: vec![],
            marks: vec![],
            from_zero: true,
            fixed: None,
            points: vec![],
        }
    }

    /// The same panel with a vertical marker.
    pub fn with_mark(mut self, mark: Option<Mark>) -> FanPanel {
        self.marks.extend(mark);
        self
    }

    /// The same panel with vertical markers.
    pub fn with_marks(mut self, marks: impl IntoIterator<Item = Mark>) -> FanPanel {
        self.marks.extend(marks);
        self
    }

    /// The value range shown.
    pub fn range(&self) -> (f64, f64) {
        if let Some(r) = self.fixed {
            return r;
        }
        let (mut lo, mut hi) = self
            .fans
            .iter()
            .map(Fan::extent)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (c, d)| (a.min(c), b.max(d)));
        for l in &self.lines {
            lo = lo.min(l.y);
            hi = hi.max(l.y);
        }
        for p in &self.points {
            lo = lo.min(p.y);
            hi = hi.max(p.y);
        }
        let (lo, hi) = style::padded_range(lo, hi, self.from_zero);
        // Head room for the markers' labels, which sit at the top of the plot.
        if self.marks.is_empty() { (lo, hi) } else { (lo, hi + 0.08 * self.marks.len().min(3) as f64 * (hi - lo)) }
    }

    /// Draw the panel on `area`.
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, tl: &Timeline) -> Result<(), PlotError> {
        let (lo, hi) = self.range();
        let axis = ValueAxis { lo, hi, desc: self.y_desc.clone(), ticks: Ticks::Number };
        let area = super::frame::titled(area, &self.title)?;
        let mut chart = time_chart(&area, tl, &axis)?;
        for fan in &self.fans {
            draw_bands(&mut chart, fan)?;
        }
        let x1 = tl.horizon() as f64;
        for l in &self.lines {
            chart.draw_series(DashedLineSeries::new(vec![(0.0, l.y), (x1, l.y)], 14, 8, l.color.stroke_width(3)))?;
        }
        let (plot_w, _) = chart.plotting_area().dim_in_pixel();
        // Labels at the top of the plot, stacked in rows where they would overlap, each on a
        // translucent paper-coloured box (clear of the value axis) drawn after every marker line: a
        // line behind a label fades, the data behind it stays visible.
        let px = style::ANNOTATION_PX - 2.0;
        let label_h = px as i32 + 2; // a marker label's height, pixels
        let mut marks: Vec<&Mark> = self.marks.iter().collect();
        marks.sort_by(|a, b| a.x.total_cmp(&b.x));
        // Each label: its marker, the marker's x and the label's offset from it, width and row top.
        let mut labels: Vec<(&Mark, i32, i32, i32, i32)> = Vec::with_capacity(marks.len());
        for m in marks {
            chart.draw_series(DashedLineSeries::new(vec![(m.x, lo), (m.x, hi)], 8, 6, m.color.stroke_width(2)))?;
            let w = style::measure(&area, &m.label, px);
            let x = chart.backend_coord(&(m.x, hi)).0 - chart.backend_coord(&(0.0, hi)).0;
            // Right of the line, or left of it near the right edge; never past either edge.
            let dx = if x + w + 16 > plot_w as i32 { -w - 8 } else { 8 };
            let dx = dx.clamp(-x, (plot_w as i32 - w - x).max(-x));
            let (x0, x1) = (x + dx, x + dx + w);
            let mut row = 0;
            let top_of = |row: i32| 4 + 30 * row;
            while labels
                .iter()
                .any(|&(_, lx, ldx, lw, ly)| ly == top_of(row) && x0 < lx + ldx + lw + 8 && lx + ldx < x1 + 8)
            {
                row += 1;
            }
            labels.push((m, x, dx, w, top_of(row)));
        }
        // A reference line's label sits above the line at the left, or below it where a
        // marker's label already is.
        let top = chart.backend_coord(&(0.0, hi)).1;
        let h = style::ANNOTATION_PX as i32;
        for l in &self.lines {
            let w = style::measure(&area, &l.label, style::ANNOTATION_PX);
            let y = chart.backend_coord(&(0.0, l.y)).1 - top;
            let clash = |dy: i32| {
                labels.iter().any(|&(_, x, dx, mw, my)| {
                    x + dx < 12 + w && 12 < x + dx + mw && my < y + dy + h && y + dy < my + label_h
                })
            };
            let dy = if clash(-36) { 8 } else { -36 };
            chart.draw_series(std::iter::once(
                EmptyElement::at((0.0, l.y))
                    + Text::new(l.label.clone(), (12, dy), text_in(style::ANNOTATION_PX, l.color)),
            ))?;
        }
        for &(m, x, dx, w, dy) in &labels {
            let axis = -x + 2;
            chart.draw_series(std::iter::once(
                EmptyElement::at((m.x, hi))
                    + Rectangle::new(
                        [((dx - 3).max(axis), dy - 1), (dx + w + 3, dy + label_h)],
                        style::PAPER.mix(0.75).filled(),
                    )
                    + Text::new(m.label.clone(), (dx, dy), text_in(px, m.color)),
            ))?;
        }
        for fan in &self.fans {
            draw_median(&mut chart, fan)?;
        }
        for p in &self.points {
            chart.draw_series(std::iter::once(Circle::new((p.x, p.y), 7, style::INK.filled())))?;
            chart.draw_series(std::iter::once(Circle::new((p.x, p.y), 5, p.color.filled())))?;
        }
        Ok(())
    }
}

/// Give `panels` one value range: the union of their own ranges.
pub fn share_range(panels: &mut [FanPanel]) {
    let (lo, hi) = panels
        .iter()
        .map(FanPanel::range)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (c, d)| (a.min(c), b.max(d)));
    for p in panels {
        p.fixed = Some((lo, hi));
    }
}

/// Draw a fan's shaded bands.
pub fn draw_bands<DB: DrawingBackend>(chart: &mut TimeChart<'_, DB>, fan: &Fan) -> Result<(), PlotError> {
    let pairs: &[(usize, usize, f64)] = match fan.bands {
        Bands::Both => &[(0, 4, BAND_90), (1, 3, BAND_50)],
        Bands::Inner => &[(1, 3, BAND_50 * 0.7)],
        Bands::None => &[],
    };
    let k = if fan.faint { 0.4 } else { 1.0 };
    for &(lo, hi, a) in pairs {
        let mut pts: Vec<(f64, f64)> =
            fan.points().filter(|(_, r)| r[hi].is_finite()).map(|(t, r)| (t as f64, r[hi])).collect();
        pts.extend(fan.points().rev().filter(|(_, r)| r[lo].is_finite()).map(|(t, r)| (t as f64, r[lo])));
        if pts.len() >= 3 {
            chart.draw_series(std::iter::once(Polygon::new(pts, alpha(fan.color, a * k).filled())))?;
        }
    }
    Ok(())
}

/// Draw a fan's median line.
pub fn draw_median<DB: DrawingBackend>(chart: &mut TimeChart<'_, DB>, fan: &Fan) -> Result<(), PlotError> {
    if fan.bars {
        let bars = fan.points().filter(|(t, r)| *t > 0 && r[2].is_finite() && r[2] > 0.0).map(|(t, r)| {
            let t = t as f64;
            Rectangle::new([(t - 0.95, 0.0), (t - 0.05, r[2])], fan.color.filled())
        });
        chart.draw_series(bars)?;
        return Ok(());
    }
    let pts: Vec<(f64, f64)> = fan.points().filter(|(_, r)| r[2].is_finite()).map(|(t, r)| (t as f64, r[2])).collect();
    let style = fan.color.stroke_width(LINE_W);
    if fan.dashed {
        chart.draw_series(DashedLineSeries::new(pts, 16, 10, style))?;
    } else {
        chart.draw_series(LineSeries::new(pts, style))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::assert_close;

    fn fan(values: &[f64]) -> Fan {
        Fan {
            label: "x".into(),
            color: style::BLUE,
            q: values.iter().map(|&v| [v - 2.0, v - 1.0, v, v + 1.0, v + 2.0]).collect(),
            bands: Bands::Both,
            dashed: false,
            start: 0,
            faint: false,
            bars: false,
        }
    }

    #[test]
    fn extents_follow_the_bands_and_steps_shown() {
        let f = fan(&[10.0, 20.0]);
        assert_eq!(f.extent(), (8.0, 22.0));
        assert_eq!(f.clone().with_bands(Bands::Inner).extent(), (9.0, 21.0));
        assert_eq!(f.clone().scaled(0.5).extent(), (4.0, 11.0));
        assert_eq!(f.from_step(1).extent(), (18.0, 22.0));
    }

    #[test]
    fn panel_ranges_include_reference_lines_and_start_at_zero() {
        let mut p = FanPanel::new("t", "u", vec![fan(&[10.0, 20.0])]);
        p.lines.push(RefLine { y: 50.0, label: "goal".into(), color: style::BLACK });
        let (lo, hi) = p.range();
        assert_close(lo, 0.0);
        assert!(hi >= 50.0);
    }
}
