//! The charts of `seek`: the response of the target's share to the lever over every evaluated
//! value (±2 standard errors), the target line and the value found with its interval; with two
//! levers, the frontier — for each value of the first lever, the smallest value of the second
//! that meets the target, with its interval. Built from the seek's record
//! ([`crate::explore::seek`]); nothing is recomputed.

use super::PlotError;
use super::explore::{XAxis, value_chart};
use super::fan::{Ticks, ValueAxis};
use super::frame::{Frame, LegendItem, Swatch};
use super::style::{self, GREY, INK, LINE_W, alpha};
use crate::explore::seek::{Crossing, Evaluated};
use plotters::coord::Shift;
use plotters::prelude::*;

/// What the chart shows.
#[derive(Debug, Clone)]
pub enum SeekData {
    /// One lever: the evaluated response, the target share and the value found.
    Response {
        /// Evaluated values, in the range's direction.
        points: Vec<Evaluated>,
        /// The target share.
        target: f64,
        /// The value found.
        found: Crossing,
        /// The value found and its interval, as written on the chart.
        found_label: String,
    },
    /// Two levers: per value of the first, the second's value found (if any).
    Frontier {
        /// (first lever's value, the second's crossing).
        points: Vec<(f64, Crossing)>,
        /// The second lever's axis description.
        y_desc: String,
    },
}

/// The chart.
#[derive(Debug, Clone)]
pub struct SeekChart {
    /// Title, legend, caption.
    pub frame: Frame,
    /// The (first) lever's axis.
    pub x: XAxis,
    /// Colour (the side's).
    pub color: RGBColor,
    /// The data.
    pub data: SeekData,
}

impl SeekChart {
    /// File name without extension.
    pub fn name(&self) -> &'static str {
        match self.data {
            SeekData::Response { .. } => "seek",
            SeekData::Frontier { .. } => "frontier",
        }
    }

    /// The one-lever chart.
    #[allow(clippy::too_many_arguments)]
    pub fn response(
        title: String,
        caption: Vec<String>,
        x: XAxis,
        side: usize,
        points: Vec<Evaluated>,
        target: f64,
        found: Crossing,
        found_label: String,
    ) -> SeekChart {
        let color = style::SIDE[side % 2];
        SeekChart {
            frame: Frame {
                title,
                legend: vec![
                    LegendItem::new(Swatch::Line(color), "share of runs meeting the event"),
                    LegendItem::new(Swatch::Block(style::tint(color, 0.3)), "±2 standard errors"),
                    LegendItem::new(Swatch::Reference, "target"),
                    LegendItem::new(Swatch::Block(style::tint(INK, 0.2)), "value found, 90% interval"),
                ],
                caption,
            },
            x,
            color,
            data: SeekData::Response { points, target, found, found_label },
        }
    }

    /// The two-lever chart.
    pub fn frontier(
        title: String,
        caption: Vec<String>,
        x: XAxis,
        side: usize,
        points: Vec<(f64, Crossing)>,
        y_desc: String,
    ) -> SeekChart {
        let color = style::SIDE[side % 2];
        SeekChart {
            frame: Frame {
                title,
                legend: vec![
                    LegendItem::new(Swatch::Line(color), "smallest value meeting the target"),
                    LegendItem::new(Swatch::Line(INK), "90% bootstrap interval"),
                ],
                caption,
            },
            x,
            color,
            data: SeekData::Frontier { points, y_desc },
        }
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        match &self.data {
            SeekData::Response { points, target, found, found_label } => {
                let axis = ValueAxis { lo: 0.0, hi: 1.0, desc: "share of runs".into(), ticks: Ticks::Percent };
                let mut chart = value_chart(&body, &self.x, &axis, true)?;
                let (a, b) = (found.lo.max(self.x.lo), found.hi.min(self.x.hi));
                chart.draw_series(std::iter::once(Rectangle::new([(a, 0.0), (b, 1.0)], alpha(INK, 0.12).filled())))?;
                let mut sorted = points.clone();
                sorted.sort_by(|p, q| p.value.total_cmp(&q.value));
                let mut band: Vec<(f64, f64)> =
                    sorted.iter().map(|p| (p.value, (p.share + 2.0 * p.se).min(1.0))).collect();
                band.extend(sorted.iter().rev().map(|p| (p.value, (p.share - 2.0 * p.se).max(0.0))));
                chart.draw_series(std::iter::once(Polygon::new(band, alpha(self.color, 0.22).filled())))?;
                chart.draw_series(LineSeries::new(
                    sorted.iter().map(|p| (p.value, p.share)),
                    self.color.stroke_width(LINE_W),
                ))?;
                chart.draw_series(sorted.iter().map(|p| Circle::new((p.value, p.share), 6, self.color.filled())))?;
                chart.draw_series(DashedLineSeries::new(
                    vec![(self.x.lo, *target), (self.x.hi, *target)],
                    10,
                    8,
                    GREY.stroke_width(2),
                ))?;
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(found.value, 0.0), (found.value, 1.0)],
                    INK.stroke_width(3),
                )))?;
                // The value written beside the line, on the side with more room.
                let px = style::ANNOTATION_PX;
                let w = style::measure(&body, found_label, px);
                let right = found.value < 0.5 * (self.x.lo + self.x.hi);
                let dx = if right { 12 } else { -w - 12 };
                chart.draw_series(std::iter::once(
                    EmptyElement::at((found.value, 0.97)) + Text::new(found_label.clone(), (dx, 0), style::text(px)),
                ))?;
            }
            SeekData::Frontier { points, y_desc } => {
                let vals: Vec<f64> = points.iter().flat_map(|(_, c)| [c.lo, c.hi]).collect();
                let (lo, hi) = vals.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
                let (lo, hi) = style::padded_range(lo, hi, false);
                let axis = ValueAxis { lo, hi, desc: y_desc.clone(), ticks: Ticks::Number };
                let mut chart = value_chart(&body, &self.x, &axis, true)?;
                for (x, c) in points {
                    chart.draw_series(std::iter::once(PathElement::new(
                        vec![(*x, c.lo), (*x, c.hi)],
                        INK.stroke_width(3),
                    )))?;
                }
                chart.draw_series(LineSeries::new(
                    points.iter().map(|(x, c)| (*x, c.value)),
                    self.color.stroke_width(LINE_W),
                ))?;
                chart.draw_series(points.iter().map(|(x, c)| Circle::new((*x, c.value), 8, self.color.filled())))?;
            }
        }
        Ok(())
    }
}
