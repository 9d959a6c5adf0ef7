//! The charts of `sweep`. One lever: [`Response`] — the share of runs in which each side has
//! judged time not on its side by months 24 and 36 against the lever, with ±2 standard error
//! bands, and the outcome shares stacked underneath. Two levers: [`SweepHeatmap`] — a panel per
//! side of P(tip by month T) over the grid, with the 50% contour and the base scenario marked.
//! Built from the sweep's record ([`crate::explore::sweep::Sweep`]); nothing is recomputed.

use super::PlotError;
use super::explore::{XAxis, outcome_color, value_chart, viridis};
use super::fan::{Ticked, Ticks, ValueAxis};
use super::frame::{self, Frame, LegendItem, Swatch};
use super::style::{self, ANNOTATION_PX, AXIS_DESC_PX, GREY, INK, LEGEND_PX, LINE_W, TICK_PX, alpha, text, text_in};
use crate::explore::lever::fmt_short;
use crate::explore::metrics::OUTCOME_CLASSES;
use crate::explore::sweep::{LeverInfo, Sweep};
use crate::scenario::Scenario;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One response curve: a side's P(tip by month T) at each lever value.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseCurve {
    /// Legend label.
    pub label: String,
    /// Colour (the side's).
    pub color: RGBColor,
    /// Dashed (the later month) or solid.
    pub dashed: bool,
    /// (lever value, share, standard error), by lever value.
    pub points: Vec<(f64, f64, f64)>,
}

/// An outcome class's band: label, colour, and its share at each lever value.
pub type OutcomeBand = (String, RGBColor, Vec<(f64, f64)>);

/// The one-lever chart.
#[derive(Debug, Clone)]
pub struct Response {
    /// Title, legend, caption.
    pub frame: Frame,
    /// The lever axis.
    pub x: XAxis,
    /// The curves.
    pub curves: Vec<ResponseCurve>,
    /// The base scenario's value of the lever, if in range.
    pub baseline: Option<f64>,
    /// Outcome classes present: label, colour, share at each lever value (by lever value).
    pub outcomes: Vec<OutcomeBand>,
    /// The curves' legend (drawn beside the upper panel, so both panels share the lever axis).
    pub legend: Vec<LegendItem>,
}

/// "sides.russia.economy.tax_share" → a label with the unit: "sides.russia.economy.tax_share (share of GDP)".
fn lever_desc(l: &LeverInfo) -> String {
    format!("{} ({})", l.path, l.unit)
}

fn lever_label(l: &LeverInfo, v: f64) -> String {
    if l.mode == "multiplier" { format!("×{}", fmt_short(v)) } else { fmt_short(v) }
}

/// The caption's first line: scenario, grid, runs, seed, horizon.
pub fn caption(sw: &Sweep) -> String {
    format!(
        "{} · {} points × {} runs on common random numbers · seed {} · {} months · protracted {}",
        sw.scenario,
        sw.points.len(),
        style::thousands(sw.runs as f64, 0),
        sw.seed,
        sw.months,
        env!("CARGO_PKG_VERSION")
    )
}

/// The months drawn in the response chart (24 and 36, those within the horizon).
const RESPONSE_MONTHS: [usize; 2] = [24, 36];

impl Response {
    /// The chart of a one-lever sweep.
    pub fn build(sc: &Scenario, sw: &Sweep) -> Response {
        let l = &sw.levers[0];
        let mut order: Vec<usize> = (0..sw.points.len()).collect();
        order.sort_by(|&a, &b| sw.points[a].lever_values[0].total_cmp(&sw.points[b].lever_values[0]));
        let mut curves = Vec::new();
        let mut legend = Vec::new();
        for s in 0..2 {
            for (k, &m) in RESPONSE_MONTHS.iter().enumerate() {
                let Some(ti) = sw.points[0].metrics.sides[s].months.iter().position(|&t| t == m) else {
                    continue;
                };
                let label = format!("{}: by month {m}", sc.sides[s].label);
                let points = order
                    .iter()
                    .map(|&p| {
                        let e = sw.points[p].metrics.sides[s].tip_by[ti];
                        (sw.points[p].lever_values[0], e.value, e.se)
                    })
                    .collect();
                let color = style::SIDE[s];
                legend.push(LegendItem::new(if k == 0 { Swatch::Line(color) } else { Swatch::Dashed(color) }, &label));
                curves.push(ResponseCurve { label, color, dashed: k > 0, points });
            }
        }
        legend.push(LegendItem::new(Swatch::Block(style::tint(GREY, 0.3)), "±2 standard errors"));
        let baseline = l.baseline.filter(|b| {
            let (lo, hi) = l.values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, c), &v| (a.min(v), c.max(v)));
            *b >= lo && *b <= hi
        });
        if baseline.is_some() {
            legend.push(LegendItem::new(Swatch::Dashed(INK), "the scenario as written"));
        }
        let mut outcomes = Vec::new();
        for c in OUTCOME_CLASSES {
            let k = c.index();
            if sw.points.iter().all(|p| p.metrics.outcomes[k].value <= 0.0) {
                continue;
            }
            let pts =
                order.iter().map(|&p| (sw.points[p].lever_values[0], sw.points[p].metrics.outcomes[k].value)).collect();
            outcomes.push((c.label(&sc.sides), outcome_color(c), pts));
        }
        let xs: Vec<f64> = l.values.clone();
        Response {
            frame: Frame {
                title: format!("What it takes: time not on its side, against {}", short_path(&l.path)),
                legend: Vec::new(),
                caption: vec![
                    caption(sw),
                    "Share of all runs in which the side has judged that time is not on its side by month 24 (solid) and 36 (dashed); below, how the runs end by the horizon.".into(),
                ],
            },
            x: XAxis::over(&xs, 11, lever_desc(l), &|v| lever_label(l, v)),
            curves,
            baseline,
            outcomes,
            legend,
        }
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        let (_, h) = body.dim_in_pixel();
        let split = (h as f64 * 0.6) as u32;
        let cols = frame::columns(&body, &[1.0, 0.3]);
        let (top, bottom) = cols[0].split_vertically(split);
        let (top_right, bottom_right) = cols[1].split_vertically(split);
        draw_list(&top_right, &self.legend)?;
        let outcome_items: Vec<LegendItem> =
            self.outcomes.iter().rev().map(|(l, c, _)| LegendItem::new(Swatch::Block(*c), l)).collect();
        draw_list(&bottom_right.margin(10, 0, 0, 0), &outcome_items)?;
        let axis = ValueAxis { lo: 0.0, hi: 1.0, desc: "share of runs".into(), ticks: Ticks::Percent };
        {
            let mut chart = value_chart(&top, &self.x, &axis, false)?;
            for c in &self.curves {
                let mut band: Vec<(f64, f64)> =
                    c.points.iter().map(|&(x, p, se)| (x, (p + 2.0 * se).min(1.0))).collect();
                band.extend(c.points.iter().rev().map(|&(x, p, se)| (x, (p - 2.0 * se).max(0.0))));
                chart.draw_series(std::iter::once(Polygon::new(band, alpha(c.color, 0.22).filled())))?;
            }
            for c in &self.curves {
                let pts: Vec<(f64, f64)> = c.points.iter().map(|&(x, p, _)| (x, p)).collect();
                let st = c.color.stroke_width(LINE_W);
                if c.dashed {
                    chart.draw_series(DashedLineSeries::new(pts.clone(), 14, 9, st))?;
                } else {
                    chart.draw_series(LineSeries::new(pts.clone(), st))?;
                }
                chart.draw_series(pts.iter().map(|&p| Circle::new(p, 6, c.color.filled())))?;
            }
            chart.draw_series(DashedLineSeries::new(
                vec![(self.x.lo, 0.5), (self.x.hi, 0.5)],
                10,
                8,
                GREY.stroke_width(2),
            ))?;
            if let Some(b) = self.baseline {
                chart.draw_series(DashedLineSeries::new(vec![(b, 0.0), (b, 1.0)], 10, 8, INK.stroke_width(2)))?;
            }
        }
        let bottom = bottom.margin(10, 0, 0, 0);
        let oaxis = ValueAxis { lo: 0.0, hi: 1.0, desc: "outcomes".into(), ticks: Ticks::Percent };
        let mut chart = value_chart(&bottom, &self.x, &oaxis, true)?;
        let n = self.outcomes.first().map_or(0, |o| o.2.len());
        let mut lower = vec![0.0; n];
        for (_, color, pts) in &self.outcomes {
            let upper: Vec<f64> = lower.iter().zip(pts).map(|(l, (_, v))| (l + v).min(1.0)).collect();
            let mut poly: Vec<(f64, f64)> = pts.iter().zip(&upper).map(|((x, _), &y)| (*x, y)).collect();
            poly.extend(pts.iter().zip(&lower).rev().map(|((x, _), &y)| (*x, y)));
            chart.draw_series(std::iter::once(Polygon::new(poly, color.filled())))?;
            lower = upper;
        }
        if let Some(b) = self.baseline {
            chart.draw_series(DashedLineSeries::new(vec![(b, 0.0), (b, 1.0)], 10, 8, INK.stroke_width(2)))?;
        }
        Ok(())
    }
}

/// A legend as a vertical list in `area`; a label too wide for the area is wrapped at spaces.
pub fn draw_list<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, items: &[LegendItem]) -> Result<(), PlotError> {
    let (w, _) = area.dim_in_pixel();
    let px = style::CAPTION_PX.max(LEGEND_PX - 2.0);
    let room = w as i32 - 70;
    let lh = (px * 1.2) as i32;
    let mut y = 16;
    for item in items {
        let mut lines: Vec<String> = vec![String::new()];
        for word in item.label.split(' ') {
            let last = lines.last_mut().map(|l| l.clone()).unwrap_or_default();
            let joined = if last.is_empty() { word.to_string() } else { format!("{last} {word}") };
            if !last.is_empty() && style::measure(area, &joined, px) > room {
                lines.push(word.to_string());
            } else if let Some(l) = lines.last_mut() {
                *l = joined;
            }
        }
        frame::draw_swatch(area, item.swatch, 4, y + lh / 2)?;
        for (k, line) in lines.iter().enumerate() {
            area.draw_text(line, &text(px), (66, y + k as i32 * lh))?;
        }
        y += lines.len() as i32 * lh + (px * 0.45) as i32;
    }
    Ok(())
}

/// The last two segments of a path ("economy.tax_share"), for titles.
pub fn short_path(path: &str) -> String {
    let segs: Vec<&str> = path.split('.').collect();
    let n = segs.len();
    if n <= 2 { path.to_string() } else { format!("{} ({})", segs[n - 2..].join("."), segs[..n - 2].join(".")) }
}

/// The two-lever chart.
#[derive(Debug, Clone)]
pub struct SweepHeatmap {
    /// Title, legend, caption.
    pub frame: Frame,
    /// The month T of P(tip by T).
    pub month: usize,
    /// Labels of the first lever's values (x) and description.
    pub x: (Vec<String>, String),
    /// Labels of the second lever's values (y) and description.
    pub y: (Vec<String>, String),
    /// Per side: its label and the shares, `grid[i][j]` at the first lever's i-th and the
    /// second lever's j-th value.
    pub panels: Vec<(String, Vec<Vec<f64>>)>,
    /// The base scenario's position in grid-index coordinates, if inside the grid.
    pub baseline: Option<(f64, f64)>,
}

/// The fractional index of `v` among `values` (monotone), if inside.
fn frac_index(values: &[f64], v: f64) -> Option<f64> {
    if values.len() == 1 {
        return ((values[0] - v).abs() < 1e-12).then_some(0.0);
    }
    for (i, w) in values.windows(2).enumerate() {
        let (a, b) = (w[0], w[1]);
        if (a <= v && v <= b) || (b <= v && v <= a) {
            return Some(if (b - a).abs() < 1e-300 { i as f64 } else { i as f64 + (v - a) / (b - a) });
        }
    }
    None
}

impl SweepHeatmap {
    /// The chart of a two-lever sweep at month `month` (falls back to the last reported month
    /// within the horizon).
    pub fn build(sc: &Scenario, sw: &Sweep, month: usize) -> SweepHeatmap {
        let (a, b) = (&sw.levers[0], &sw.levers[1]);
        let months = &sw.points[0].metrics.sides[0].months;
        let ti = months.iter().position(|&m| m == month).unwrap_or(months.len().saturating_sub(1));
        let month = months.get(ti).copied().unwrap_or(month);
        let panels = (0..2)
            .map(|s| {
                let grid = (0..a.values.len())
                    .map(|i| (0..b.values.len()).map(|j| sw.at(i, j).metrics.sides[s].tip_by[ti].value).collect())
                    .collect();
                (sc.sides[s].label.clone(), grid)
            })
            .collect();
        let baseline = match (a.baseline, b.baseline) {
            (Some(x), Some(y)) => frac_index(&a.values, x).zip(frac_index(&b.values, y)),
            _ => None,
        };
        let legend = vec![LegendItem::new(Swatch::Line(style::INK), "50% of runs")];
        let marked = match baseline {
            Some((x, y)) if (x - x.round()).abs() < 1e-9 && (y - y.round()).abs() < 1e-9 => {
                " The outlined cell: the scenario as written."
            }
            Some(_) => " The black dot: the scenario as written.",
            None => "",
        };
        SweepHeatmap {
            frame: Frame {
                title: format!("What it takes: share of runs judging time not on its side by month {month}"),
                legend,
                caption: vec![
                    caption(sw),
                    format!(
                        "Each cell: share of all runs in which the side has judged that time is not on its side by month {month}."
                    ),
                    format!("The black line: half of the runs.{marked}"),
                ],
            },
            month,
            x: (a.values.iter().map(|&v| lever_label(a, v)).collect(), lever_desc(a)),
            y: (b.values.iter().map(|&v| lever_label(b, v)).collect(), lever_desc(b)),
            panels,
            baseline,
        }
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        let cols = frame::columns(&body, &[1.0, 1.0, 0.16]);
        for (area, (side, grid)) in cols.iter().zip(&self.panels) {
            self.panel(area, side, grid)?;
        }
        color_bar(&cols[2], "share of runs")
    }

    fn panel<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        side: &str,
        grid: &[Vec<f64>],
    ) -> Result<(), PlotError> {
        let area = frame::titled(area, side)?;
        let (nx, ny) = (self.x.0.len(), self.y.0.len());
        let every = |n: usize, px: u32| -> usize { ((n as f64 * 60.0) / px.max(1) as f64).ceil().max(1.0) as usize };
        let (w, h) = area.dim_in_pixel();
        let (sx, sy) = (every(nx, w), every(ny, h) / 2 + 1);
        let xticks: Vec<f64> = (0..nx).step_by(sx).map(|i| i as f64).collect();
        let yticks: Vec<f64> = (0..ny).step_by(sy.max(1)).map(|j| j as f64).collect();
        let ylab_w = self.y.0.iter().map(|l| style::text_width(l, TICK_PX)).fold(0.0, f64::max);
        let mut chart = ChartBuilder::on(&area)
            .margin_top(8)
            .margin_right(16)
            .x_label_area_size(super::fan::X_LABEL_AREA)
            .y_label_area_size((ylab_w + AXIS_DESC_PX * 1.3 + 26.0) as u32)
            .build_cartesian_2d(
                Ticked::new(-0.5, nx as f64 - 0.5, xticks),
                Ticked::new(-0.5, ny as f64 - 0.5, yticks),
            )?;
        let xfmt = |v: &f64| self.x.0.get(v.round() as usize).cloned().unwrap_or_default();
        let yfmt = |v: &f64| self.y.0.get(v.round() as usize).cloned().unwrap_or_default();
        style::mesh(&mut chart, TICK_PX)
            .bold_line_style(TRANSPARENT)
            .x_desc(self.x.1.as_str())
            .y_desc(self.y.1.as_str())
            .x_label_formatter(&xfmt)
            .y_label_formatter(&yfmt)
            .draw()?;
        for (i, col) in grid.iter().enumerate() {
            for (j, &p) in col.iter().enumerate() {
                let (x, y) = (i as f64, j as f64);
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)],
                    viridis(p).filled(),
                )))?;
            }
        }
        // Values in the cells when they fit.
        let cell_w = chart.backend_coord(&(1.0, 0.0)).0 - chart.backend_coord(&(0.0, 0.0)).0;
        let cell_h = chart.backend_coord(&(0.0, 0.0)).1 - chart.backend_coord(&(0.0, 1.0)).1;
        let px = (ANNOTATION_PX * 0.85).min(cell_h as f64 * 0.6);
        if cell_w as f64 >= style::text_width("100%", px) + 6.0 && px >= 14.0 {
            for (i, col) in grid.iter().enumerate() {
                for (j, &p) in col.iter().enumerate() {
                    let s = format!("{:.0}%", 100.0 * p);
                    chart.draw_series(std::iter::once(
                        EmptyElement::at((i as f64, j as f64))
                            + Text::new(s, (0, 0), style::centered(px, style::ink_on(viridis(p)))),
                    ))?;
                }
            }
        }
        for seg in contour(grid, 0.5) {
            chart.draw_series(std::iter::once(PathElement::new(seg.to_vec(), INK.stroke_width(LINE_W))))?;
        }
        if let Some((bx, by)) = self.baseline {
            let on_grid = (bx - bx.round()).abs() < 1e-9 && (by - by.round()).abs() < 1e-9;
            if on_grid {
                // Outline the cell, leaving its value readable.
                let (x, y) = (bx.round(), by.round());
                let r = [(x - 0.47, y - 0.47), (x + 0.47, y + 0.47)];
                chart.draw_series(std::iter::once(Rectangle::new(r, style::PAPER.stroke_width(7))))?;
                chart.draw_series(std::iter::once(Rectangle::new(r, INK.stroke_width(3))))?;
            } else {
                chart.draw_series(std::iter::once(Circle::new((bx, by), 10, style::PAPER.filled())))?;
                chart.draw_series(std::iter::once(Circle::new((bx, by), 7, INK.filled())))?;
            }
        }
        Ok(())
    }
}

/// A vertical colour bar of the heatmaps' scale, 0% to 100%, with its description.
pub fn color_bar<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, desc: &str) -> Result<(), PlotError> {
    let (_, h) = area.dim_in_pixel();
    let top = (style::PANEL_TITLE_PX * 1.4) as i32 + 44;
    let bottom = h as i32 - super::fan::X_LABEL_AREA as i32 - 8;
    let (x0, x1) = (6, 36);
    let n = 100;
    for k in 0..n {
        let y0 = bottom - (bottom - top) * k / n;
        let y1 = bottom - (bottom - top) * (k + 1) / n;
        area.draw(&Rectangle::new([(x0, y1), (x1, y0)], viridis((k as f64 + 0.5) / n as f64).filled()))?;
    }
    for v in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let y = bottom - ((bottom - top) as f64 * v) as i32;
        area.draw(&PathElement::new(vec![(x1, y), (x1 + 8, y)], GREY.stroke_width(2)))?;
        area.draw_text(&format!("{:.0}%", 100.0 * v), &text(TICK_PX), (x1 + 12, y - TICK_PX as i32 / 2))?;
    }
    area.draw_text(desc, &text_in(AXIS_DESC_PX * 0.85, GREY), (0, top - 46))?;
    Ok(())
}

/// Line segments (in grid-index coordinates) where the field `grid[i][j]` crosses `level`,
/// by marching squares with linear interpolation along the cell edges.
pub fn contour(grid: &[Vec<f64>], level: f64) -> Vec<[(f64, f64); 2]> {
    let mut out = Vec::new();
    let nx = grid.len();
    let ny = grid.first().map_or(0, Vec::len);
    for i in 0..nx.saturating_sub(1) {
        for j in 0..ny.saturating_sub(1) {
            // Corners counter-clockwise: (i,j), (i+1,j), (i+1,j+1), (i,j+1).
            let c = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
            let v: Vec<f64> = c.iter().map(|&(a, b)| grid[a][b]).collect();
            let mut pts = Vec::new();
            for k in 0..4 {
                let (p, q) = (k, (k + 1) % 4);
                let (vp, vq) = (v[p], v[q]);
                if (vp < level) != (vq < level) {
                    let t = (level - vp) / (vq - vp);
                    let (ap, bp) = (c[p].0 as f64, c[p].1 as f64);
                    let (aq, bq) = (c[q].0 as f64, c[q].1 as f64);
                    pts.push((ap + t * (aq - ap), bp + t * (bq - bp)));
                }
            }
            match pts.len() {
                2 => out.push([pts[0], pts[1]]),
                4 => {
                    out.push([pts[0], pts[1]]);
                    out.push([pts[2], pts[3]]);
                }
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contour_crosses_where_the_field_does() {
        // Rises along i only: the 0.5 line is the vertical i = 0.5 through both cells.
        let grid = vec![vec![0.0, 0.0, 0.0], vec![1.0, 1.0, 1.0]];
        let segs = contour(&grid, 0.5);
        assert_eq!(segs.len(), 2);
        for s in &segs {
            for p in s {
                assert!((p.0 - 0.5).abs() < 1e-12, "{segs:?}");
            }
        }
        assert!(contour(&[vec![0.2, 0.3], vec![0.4, 0.1]], 0.5).is_empty());
    }

    #[test]
    fn baselines_are_placed_between_grid_values() {
        assert_eq!(frac_index(&[0.0, 0.5, 1.0], 0.75), Some(1.5));
        assert_eq!(frac_index(&[1.0, 0.0], 0.25), Some(0.75));
        assert_eq!(frac_index(&[0.0, 1.0], 2.0), None);
        assert_eq!(short_path("sides.russia.economy.tax_share"), "economy.tax_share (sides.russia)");
    }
}
