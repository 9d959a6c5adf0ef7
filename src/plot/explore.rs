//! The charts of the explore commands (`sweep`, `seek`, `sensitivity`) as one figure type,
//! rendered and written like every chart (1600×900 PNG and SVG, atomically), and the pieces
//! they share: a numeric value chart, the colour scale of heatmaps and the outcome classes'
//! colours.
//!
//! What each chart draws is in its own module ([`super::sweep`], [`super::seek`], [`super::sensitivity`]);
//! this one only dispatches; rendering and writing are [`super::Chart`]'s, shared with the run
//! and compare charts ([`super::Figure`]).

use super::fan::{Ticked, ValueAxis, X_LABEL_AREA};
use super::style::{self, AXIS_DESC_PX, TICK_PX};
use super::{PlotError, frame};
use crate::explore::metrics::OutcomeClass;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::{Path, PathBuf};

/// One chart of an explore command.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)]
pub enum ExploreFigure {
    /// `sweep` with one lever: response curves and outcome shares.
    Response(super::sweep::Response),
    /// `sweep` with two levers: a heatmap per side.
    SweepHeatmap(super::sweep::SweepHeatmap),
    /// `sensitivity`: the tornado of one side, from the whole ensemble.
    Tornado(super::sensitivity::Tornado),
    /// `sensitivity`: one side's indices with their intervals.
    Indices(super::sensitivity::Indices),
    /// `sensitivity`: one side's first-order indices month by month.
    ByMonth(super::sensitivity::ByMonth),
    /// `seek`: the response and the value found, or the frontier of two levers.
    Seek(super::seek::SeekChart),
}

impl ExploreFigure {
    /// File name without extension (per-side charts end with the side's name).
    pub fn name(&self) -> String {
        match self {
            ExploreFigure::Response(_) => "response".into(),
            ExploreFigure::SweepHeatmap(_) => "heatmap".into(),
            ExploreFigure::Tornado(c) => format!("tornado-{}", c.side),
            ExploreFigure::Indices(c) => format!("indices-{}", c.side),
            ExploreFigure::ByMonth(c) => format!("by-month-{}", c.side),
            ExploreFigure::Seek(c) => c.name().into(),
        }
    }

    /// The frame.
    pub fn frame(&self) -> &frame::Frame {
        match self {
            ExploreFigure::Response(c) => &c.frame,
            ExploreFigure::SweepHeatmap(c) => &c.frame,
            ExploreFigure::Tornado(c) => &c.frame,
            ExploreFigure::Indices(c) => &c.frame,
            ExploreFigure::ByMonth(c) => &c.frame,
            ExploreFigure::Seek(c) => &c.frame,
        }
    }

    /// Draw on any backend.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        match self {
            ExploreFigure::Response(c) => c.draw(root),
            ExploreFigure::SweepHeatmap(c) => c.draw(root),
            ExploreFigure::Tornado(c) => c.draw(root),
            ExploreFigure::Indices(c) => c.draw(root),
            ExploreFigure::ByMonth(c) => c.draw(root),
            ExploreFigure::Seek(c) => c.draw(root),
        }
    }
}

impl super::Chart for ExploreFigure {
    fn file_stem(&self) -> String {
        self.name()
    }
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        self.draw(root)
    }
}

/// Render (in parallel) and write `<name>.png` and `<name>.svg` of each figure into `dir`
/// ([`super::write_figures`]).
pub fn write(figs: &[ExploreFigure], dir: &Path) -> Result<Vec<PathBuf>, PlotError> {
    super::write_figures(figs, dir)
}

/// A numeric x axis: range, ticks, their labels and a description.
#[derive(Debug, Clone, PartialEq)]
pub struct XAxis {
    /// Lowest value shown.
    pub lo: f64,
    /// Highest value shown.
    pub hi: f64,
    /// Tick positions.
    pub ticks: Vec<f64>,
    /// Tick labels, one per tick.
    pub labels: Vec<String>,
    /// Description with unit.
    pub desc: String,
}

impl XAxis {
    /// An axis over the values `xs` (sorted or not): ticks at the values themselves when there
    /// are at most `max_ticks`, else at nice round numbers; `label` writes a tick.
    pub fn over(xs: &[f64], max_ticks: usize, desc: String, label: &dyn Fn(f64) -> String) -> XAxis {
        let lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (lo, hi) = if hi > lo { (lo, hi) } else { (lo - 1.0, hi + 1.0) };
        let ticks: Vec<f64> =
            if xs.len() <= max_ticks { xs.to_vec() } else { style::value_ticks(lo, hi, max_ticks.min(8)).1 };
        let pad = 0.03 * (hi - lo);
        XAxis { lo: lo - pad, hi: hi + pad, labels: ticks.iter().map(|&t| label(t)).collect(), ticks, desc }
    }
}

/// A chart with a numeric x axis and a value axis.
pub type ValueChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<Ticked, Ticked>>;

/// Build a chart on `area` with x axis `x` and value axis `y`.
pub fn value_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    x: &XAxis,
    y: &ValueAxis,
    x_desc: bool,
) -> Result<ValueChart<'a, DB>, PlotError> {
    let (_, h) = area.dim_in_pixel();
    let n_y = ((h as f64) / 100.0).clamp(2.0, 8.0) as usize;
    let (ystep, yticks) = style::value_ticks(y.lo, y.hi, n_y);
    let ylab_w = yticks.iter().map(|&v| style::text_width(&y.ticks.label(v, ystep), TICK_PX)).fold(0.0, f64::max);
    let y_area = (ylab_w + AXIS_DESC_PX * 1.3 + 26.0).ceil() as u32;
    let right = (x.labels.last().map_or(0.0, |l| style::text_width(l, TICK_PX)) / 2.0 + 10.0) as u32;
    let x_area = if x_desc { X_LABEL_AREA } else { (TICK_PX + 14.0) as u32 };
    let mut chart = ChartBuilder::on(area)
        .margin_right(right)
        .margin_top(14)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(Ticked::new(x.lo, x.hi, x.ticks.clone()), Ticked::new(y.lo, y.hi, yticks))?;
    let xfmt = |v: &f64| {
        x.ticks
            .iter()
            .position(|t| (t - v).abs() <= 1e-9 * (1.0 + t.abs()))
            .map_or_else(String::new, |i| x.labels[i].clone())
    };
    let yfmt = |v: &f64| y.ticks.label(*v, ystep);
    let mut mesh = style::mesh(&mut chart, TICK_PX);
    mesh.x_label_formatter(&xfmt).y_label_formatter(&yfmt).y_desc(y.desc.as_str());
    if x_desc {
        mesh.x_desc(x.desc.as_str());
    }
    mesh.draw()?;
    Ok(chart)
}

/// Colour of an outcome class (cease-fires in greens and yellow, by who cut its losses).
pub fn outcome_color(c: OutcomeClass) -> RGBColor {
    match c {
        OutcomeClass::Ongoing => RGBColor(190, 190, 190),
        OutcomeClass::CeasefireCut(0) => style::GREEN,
        OutcomeClass::CeasefireCut(_) => RGBColor(128, 205, 180),
        OutcomeClass::CeasefireBothCut => style::YELLOW,
        OutcomeClass::CeasefireJudged => style::PURPLE,
        OutcomeClass::Collapse(0) => style::ORANGE,
        OutcomeClass::Collapse(_) => style::SKY_BLUE,
        OutcomeClass::Objective(0) => style::VERMILLION,
        OutcomeClass::Objective(_) => style::BLUE,
    }
}

/// The heatmaps' colour scale at `v` in [0, 1]: viridis (perceptually uniform, readable in
/// grey and with the common colour-vision deficiencies), by linear interpolation between nine
/// of its stops.
pub fn viridis(v: f64) -> RGBColor {
    const STOPS: [(u8, u8, u8); 9] = [
        (68, 1, 84),
        (71, 44, 122),
        (59, 81, 139),
        (44, 113, 142),
        (33, 144, 141),
        (39, 173, 129),
        (92, 200, 99),
        (170, 220, 50),
        (253, 231, 37),
    ];
    let v = if v.is_finite() { v.clamp(0.0, 1.0) } else { 0.0 };
    let x = v * (STOPS.len() - 1) as f64;
    let i = (x.floor() as usize).min(STOPS.len() - 2);
    let f = x - i as f64;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    let m = |p: u8, q: u8| (p as f64 + (q as f64 - p as f64) * f).round() as u8;
    RGBColor(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viridis_runs_from_dark_purple_to_yellow() {
        assert_eq!(viridis(0.0), RGBColor(68, 1, 84));
        assert_eq!(viridis(1.0), RGBColor(253, 231, 37));
        assert_eq!(viridis(f64::NAN), viridis(0.0));
        // Lightness grows along the scale, so the order reads in grey too.
        let l = |c: RGBColor| 0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64;
        assert!((0..10).all(|i| l(viridis(i as f64 / 10.0)) < l(viridis((i + 1) as f64 / 10.0))));
    }
}
