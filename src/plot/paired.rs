//! Paired differences: for each side and each scenario against the reference, the difference in
//! the month of judging that time is not on its side, run by run on common random numbers, as a
//! forest plot — the median (dot), the middle 50% (thick bar) and the middle 90% (thin line) of
//! the differences, with the shares of runs in which the scenario tips earlier and later
//! written beside it. The numbers are those of [`crate::analysis::compare::Paired`].

use super::fan::Ticked;
use super::frame::{self, Frame, LegendItem, Swatch};
use super::outcomes::truncate;
use super::style::{self, ANNOTATION_PX, GREY, TICK_PX, alpha, text_in};
use super::{PlotError, Results};
use crate::analysis::compare::{Comparison, Paired as Stats};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One row of the forest plot.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Scenario name.
    pub name: String,
    /// Its colour.
    pub color: RGBColor,
    /// Its differences from the reference.
    pub stats: Stats,
    /// Runs compared (for the standard errors of the shares).
    pub runs: usize,
}

/// The paired-differences chart.
#[derive(Debug, Clone)]
pub struct Paired {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Per side: its label and one row per compared scenario (the reference left out, unless
    /// it is compared with nothing else).
    pub panels: Vec<(String, Vec<Row>)>,
    /// The word for a step ("month").
    pub unit: &'static str,
}

impl Paired {
    /// The chart of a comparison.
    pub fn build(members: &[Results<'_>], cmp: &Comparison) -> Paired {
        let r = members[0];
        let unit = super::step_word(r.scenario);
        let mut panels = Vec::new();
        for (s, side) in r.scenario.sides.iter().enumerate() {
            let rows: Vec<Row> = cmp
                .scenarios
                .iter()
                .enumerate()
                .skip(1)
                .filter_map(|(i, sc)| {
                    sc.paired.get(&side.name).map(|p| Row {
                        name: sc.name.clone(),
                        color: style::scenario_color(i),
                        stats: p.clone(),
                        runs: cmp.runs,
                    })
                })
                .collect();
            panels.push((r.side(s).to_string(), rows));
        }
        let legend = vec![
            LegendItem::new(Swatch::Dot(GREY), "median difference"),
            LegendItem::new(Swatch::Block(style::tint(GREY, 0.45)), "middle 50% of runs"),
            LegendItem::new(Swatch::Line(GREY), "middle 90% of runs"),
            LegendItem::new(Swatch::Line(style::INK), format!("0: same {unit} as {}", cmp.reference)),
        ];
        Paired {
            frame: Frame {
                title: format!("Earlier or later than the reference, run by run: share of runs and {unit}s"),
                legend,
                caption: vec![
                    super::tipping::compare_caption(members),
                    format!(
                        "Difference: the scenario's {unit} of judging that time is not on its side minus the reference's in the same run (same random numbers); never = {}.",
                        cmp.months + 1
                    ),
                    "Right: the share of runs in which the scenario tips earlier, later (±2 Monte Carlo SE); the median difference only where it moves (else: the share of runs with the same month).".into(),
                ],
            },
            panels,
            unit,
        }
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        // One x range for all panels, so the sides can be compared at a glance.
        let (mut lo, mut hi) = (0.0f64, 0.0f64);
        for (_, rows) in &self.panels {
            for r in rows {
                lo = lo.min(r.stats.p05_diff_months);
                hi = hi.max(r.stats.p95_diff_months);
            }
        }
        if hi - lo < 2.0 {
            lo -= 1.0;
            hi += 1.0;
        }
        let pad = 0.06 * (hi - lo);
        let (lo, hi) = (lo - pad, hi + pad);
        let names: Vec<String> =
            self.panels.iter().flat_map(|(_, rows)| rows.iter().map(|r| truncate(&r.name, 30))).collect();
        let name_w =
            names.iter().map(|s| style::text_width(s, TICK_PX)).fold(style::text_width("reference", TICK_PX), f64::max);
        let note_w = style::text_width("earlier 99% ±3.2 · later 99% ±3.2 · same in 99%", ANNOTATION_PX - 4.0) + 30.0;
        for (area, (side, rows)) in frame::rows(&body, self.panels.len()).iter().zip(&self.panels) {
            draw_panel(area, side, rows, (lo, hi), name_w, note_w, self.unit)?;
        }
        Ok(())
    }
}

/// A share of runs with ±2 standard errors, in percentage points: `51% ±3.2`.
fn pm(p: f64, n: usize) -> String {
    let se = (p * (1.0 - p) / n.max(1) as f64).sqrt();
    format!("{} ±{:.1}", style::percent(p), 200.0 * se)
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    side: &str,
    rows: &[Row],
    (lo, hi): (f64, f64),
    name_w: f64,
    note_w: f64,
    unit: &str,
) -> Result<(), PlotError> {
    let n = rows.len().max(1);
    let (_, xticks) = style::value_ticks(lo, hi, 8);
    let labels: Vec<String> = rows.iter().map(|r| truncate(&r.name, 30)).collect();
    let yfmt = |v: &f64| {
        let row = (*v - 0.5).round() as usize;
        labels.get(n.saturating_sub(1).saturating_sub(row)).cloned().unwrap_or_default()
    };
    let xfmt = |v: &f64| {
        if v.abs() < 1e-9 {
            "0".to_string()
        } else {
            format!("{}{}", if *v > 0.0 { "+" } else { "" }, style::thousands(*v, 0))
        }
    };
    let title = format!("{side}: {unit}s earlier (−) or later (+) than the reference");
    let area = &frame::titled(area, &title)?;
    let mut chart = ChartBuilder::on(area)
        .margin_right(note_w as u32)
        .margin_top(10)
        .x_label_area_size(super::fan::X_LABEL_AREA)
        .y_label_area_size((name_w + 30.0) as u32)
        .build_cartesian_2d(
            Ticked::new(lo, hi, xticks),
            Ticked::new(0.0, n as f64, (0..n).map(|i| i as f64 + 0.5).collect()),
        )?;
    style::mesh(&mut chart, TICK_PX)
        .x_desc(format!("difference in the tipping {unit} (scenario − reference), {unit}s"))
        .x_label_formatter(&xfmt)
        .y_label_formatter(&yfmt)
        .disable_y_mesh()
        .draw()?;
    chart.draw_series(LineSeries::new(vec![(0.0, 0.0), (0.0, n as f64)], style::INK.stroke_width(2)))?;
    let base = area.get_base_pixel();
    for (i, r) in rows.iter().enumerate() {
        let y = (n - 1 - i) as f64 + 0.5;
        let p = &r.stats;
        chart.draw_series(LineSeries::new(
            vec![(p.p05_diff_months, y), (p.p95_diff_months, y)],
            r.color.stroke_width(4),
        ))?;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(p.p25_diff_months, y - 0.16), (p.p75_diff_months, y + 0.16)],
            alpha(r.color, 0.45).filled(),
        )))?;
        chart.draw_series(std::iter::once(Circle::new((p.median_diff_months, y), 11, r.color.filled())))?;
        // A median is shown only where it moves: when most runs tip neither earlier nor later
        // (often both never tip), a median of 0 says nothing about the runs that do change.
        let same = (1.0 - p.p_earlier - p.p_later).max(0.0);
        let median = if p.p_earlier >= 0.5 || p.p_later >= 0.5 {
            format!("median {}", xfmt(&p.median_diff_months))
        } else {
            format!("same in {}", style::percent(same))
        };
        let (x1, _) = chart.backend_coord(&(hi, y));
        let (_, yp) = chart.backend_coord(&(hi, y));
        area.draw_text(
            &format!("earlier {} · later {} · {median}", pm(p.p_earlier, r.runs), pm(p.p_later, r.runs)),
            &text_in(ANNOTATION_PX - 4.0, r.color),
            (x1 - base.0 + 20, yp - base.1 - 12),
        )?;
    }
    if rows.is_empty() {
        let (w, h) = area.dim_in_pixel();
        area.draw_text("nothing to compare", &text_in(ANNOTATION_PX, GREY), (w as i32 / 2 - 100, h as i32 / 2))?;
    }
    Ok(())
}
