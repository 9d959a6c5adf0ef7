//! The battle chart of a classic Lanchester case (`model = "lanchester"`): on the left both
//! forces day by day, with the historical record of the scenario's `[[observed]]` points drawn
//! over the model and the day a force counts as destroyed; on the right the phase plane —
//! one force's strength against the other's — with the curves on which the law's conserved
//! quantity (`a·A² − b·B²` for the square law, `a·A − b·B` for the linear law) is constant,
//! through the state after each reinforcement, and the line on which it is zero (a draw).
//!
//! The trajectory drawn in the plane is the median of the runs at each step (the run itself in
//! a deterministic battle). The conserved quantity is the Helmbold form `a·A^n − b·B^n`, with
//! `n = fire − exposure + 1` when both sides share their exponents; otherwise no curve is drawn.
//! The war model gets no battle chart; the time axis and fans are [`super::fan`]'s.

use super::fan::{Fan, FanPanel, Mark, Point, RefLine};
use super::frame::{self, Frame, LegendItem, Swatch};
use super::style::{self, AXIS_DESC_PX, LINE_W, TICK_PX, Timeline, text_in};
use super::{PlotError, Results};
use crate::judgment::outcome::Outcome;
use crate::scenario::ModelKind;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The conserved quantity of a battle: `a[0]·A^n − a[1]·B^n`, A and B the strengths of sides 0
/// and 1 (thousand persons).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Invariant {
    /// Each side's effective lethality: lethality per day × quality^fire exponent.
    pub a: [f64; 2],
    /// The power of the strengths (2: square law, 1: linear law).
    pub n: f64,
}

impl Invariant {
    /// The invariant of a battle whose two sides have lethalities `lethality`, qualities
    /// `quality`, fire exponents `fire` and exposure exponents `exposure`: `None` unless both
    /// sides share `fire − exposure` and it is above −1.
    pub fn of(lethality: [f64; 2], quality: [f64; 2], fire: [f64; 2], exposure: [f64; 2]) -> Option<Invariant> {
        let k = [fire[0] - exposure[0], fire[1] - exposure[1]];
        if (k[0] - k[1]).abs() > 1e-12 || k[0] <= -1.0 {
            return None;
        }
        let a = [lethality[0] * quality[0].powf(fire[0]), lethality[1] * quality[1].powf(fire[1])];
        Some(Invariant { a, n: k[0] + 1.0 })
    }

    /// Its value at strengths (A, B).
    pub fn value(&self, a_k: f64, b_k: f64) -> f64 {
        self.a[0] * a_k.max(0.0).powf(self.n) - self.a[1] * b_k.max(0.0).powf(self.n)
    }

    /// B on the curve of value `q` at A, if there is one.
    pub fn b_at(&self, a_k: f64, q: f64) -> Option<f64> {
        let inner = (self.a[0] * a_k.max(0.0).powf(self.n) - q) / self.a[1];
        (inner >= 0.0 && self.a[1] > 0.0).then(|| inner.powf(1.0 / self.n))
    }

    /// The formula in words: "a·A² − b·B²" or "a·A − b·B".
    pub fn formula(&self) -> String {
        let p = if (self.n - 2.0).abs() < 1e-12 {
            "²".to_string()
        } else if (self.n - 1.0).abs() < 1e-12 {
            String::new()
        } else {
            format!("^{}", crate::params::fmt_num(self.n))
        };
        format!("a·A{p} − b·B{p}")
    }
}

/// The battle chart.
#[derive(Debug, Clone)]
pub struct Battle {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Time axis.
    pub timeline: Timeline,
    /// Both forces over time, with the observations and the destroyed day.
    pub strength: FanPanel,
    /// Strength of side 0 and side 1 at each step (the median of the runs).
    pub path: Vec<(f64, f64)>,
    /// Display names of the sides and their colours.
    pub sides: [(String, RGBColor); 2],
    /// The conserved quantity, if the law has one.
    pub invariant: Option<Invariant>,
    /// Values of the invariant drawn as curves: at the start and after each reinforcement.
    pub levels: Vec<f64>,
}

impl Battle {
    /// The chart, for a classic battle.
    pub fn build(d: Results<'_>) -> Option<Battle> {
        let sc = d.scenario;
        if sc.model != ModelKind::Lanchester {
            return None;
        }
        let cols = d.columns();
        let front = [cols.find("front_k", Some(0))?, cols.find("front_k", Some(1))?];
        let colors = [d.side_color(0), d.side_color(1)];
        let fans: Vec<Fan> = (0..2).map(|s| d.fan(front[s], d.side(s), colors[s])).collect();
        let path: Vec<(f64, f64)> = fans[0].q.iter().zip(&fans[1].q).map(|(a, b)| (a[2], b[2])).collect();
        let step = d.step_word();
        let runs = d.summary.runs;

        // The day each side counts as destroyed: the median end of the runs where it was.
        let mut marks = Vec::new();
        let mut lines = Vec::new();
        let mut notes = Vec::new();
        for s in 0..2 {
            let ends = d.ensemble.tally.ends(Outcome::Collapse(s));
            let destroyed = ends.total();
            // The upper median: the (n/2 + 1)-th earliest end.
            let Some(median) = ends.ranked(destroyed / 2 + 1).map(|m| m as f64) else {
                continue;
            };
            let share = destroyed as f64 / runs.max(1) as f64;
            let label = if runs == 1 {
                format!("{} destroyed ({step} {median})", d.side(s))
            } else {
                format!("{} destroyed in {} of runs (median {step} {median})", d.side(s), style::percent(share))
            };
            marks.push(Mark { x: median, label, color: colors[s] });
            let threshold = d.side_param(s, "attrition.destroyed_below_share");
            let peak = fans[s].q.iter().map(|q| q[2]).filter(|v| v.is_finite()).fold(0.0, f64::max);
            if threshold > 0.0 && peak > 0.0 {
                // Labelled in the caption: a label on the line would run across the curves.
                lines.push(RefLine { y: threshold * peak, label: String::new(), color: colors[s] });
                notes.push(format!(
                    "{} counts as destroyed below {} of its largest strength ({} thousand, dashed).",
                    d.side(s),
                    style::percent(threshold),
                    crate::params::fmt_num((threshold * peak * 10.0).round() / 10.0)
                ));
            }
        }
        let points: Vec<Point> = sc
            .observed
            .iter()
            .filter(|o| o.step <= d.ensemble.options.steps)
            .map(|o| Point { x: o.step as f64, y: o.value_k, color: colors[o.side] })
            .collect();
        let mut strength = FanPanel::new(format!("Both forces, {step} by {step}"), "thousand persons", fans);
        strength.marks = marks;
        strength.lines = lines;
        strength.points = points;

        let p = sc.central_params();
        let att = [&p.sides[0].attrition, &p.sides[1].attrition];
        let invariant = Invariant::of(
            [att[0].lethality_per_day, att[1].lethality_per_day],
            [att[0].quality, att[1].quality],
            [att[0].fire_exponent, att[1].fire_exponent],
            [att[0].exposure_exponent, att[1].exposure_exponent],
        );
        let mut levels: Vec<f64> = Vec::new();
        if let Some(inv) = invariant {
            let scale =
                path.iter().map(|&(a, b)| inv.value(a, 0.0).abs().max(inv.value(0.0, b).abs())).fold(0.0, f64::max);
            for &(a, b) in path.iter().filter(|(a, b)| a.is_finite() && b.is_finite()) {
                let q = inv.value(a, b);
                if levels.last().is_none_or(|&l| (q - l).abs() > 0.005 * scale) {
                    levels.push(q);
                }
            }
        }

        let mut legend: Vec<LegendItem> = (0..2).map(|s| LegendItem::new(Swatch::Fan(colors[s]), d.side(s))).collect();
        if !sc.observed.is_empty() {
            legend.push(LegendItem::new(Swatch::Dot(style::INK), "historical record (scenario file)"));
        }
        if invariant.is_some() {
            legend.push(LegendItem::new(Swatch::Dashed(style::GREY), "conserved quantity constant"));
            legend.push(LegendItem::new(Swatch::Dotted(style::INK), "conserved quantity 0: a draw"));
        }
        let names = [d.side(0).to_string(), d.side(1).to_string()];
        let law = match invariant {
            Some(inv) => format!(
                "Phase plane: A = {} (a = {}), B = {} (b = {}); between reinforcements the battle moves along a curve of constant {}.",
                names[0],
                crate::params::fmt_num(inv.a[0]),
                names[1],
                crate::params::fmt_num(inv.a[1]),
                inv.formula()
            ),
            None => "Phase plane: the two sides' exponents differ, so the law conserves no simple quantity.".into(),
        };
        let trajectory = if runs == 1 { "the run" } else { "the median of the runs at each step" };
        Some(Battle {
            frame: Frame {
                title: format!("The battle: both forces {step} by {step}, and one against the other"),
                legend,
                caption: [d.caption(), format!("{law} Trajectory: {trajectory}.")]
                    .into_iter()
                    .chain((!notes.is_empty()).then(|| notes.join(" ")))
                    .collect(),
            },
            timeline: d.timeline(),
            strength,
            path,
            sides: [(names[0].clone(), colors[0]), (names[1].clone(), colors[1])],
            invariant,
            levels,
        })
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        let cols = frame::columns(&body, &[1.25, 1.0]);
        self.strength.draw(&cols[0], &self.timeline)?;
        self.draw_plane(&cols[1])
    }

    fn draw_plane<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let title = match self.invariant {
            Some(inv) => format!("{} stays constant between reinforcements", inv.formula()),
            None => "One force against the other".into(),
        };
        let area = frame::titled(area, &title)?;
        let finite = || self.path.iter().filter(|(a, b)| a.is_finite() && b.is_finite());
        let xmax = finite().map(|p| p.0).fold(0.0, f64::max);
        let ymax = finite().map(|p| p.1).fold(0.0, f64::max);
        let (_, xhi) = style::padded_range(0.0, xmax.max(1e-9), true);
        let (_, yhi) = style::padded_range(0.0, ymax.max(1e-9), true);
        let (xstep, xticks) = style::value_ticks(0.0, xhi, 5);
        let (ystep, yticks) = style::value_ticks(0.0, yhi, 6);
        let ylab_w =
            yticks.iter().map(|&v| style::text_width(&style::tick_label(v, ystep), TICK_PX)).fold(0.0, f64::max);
        let mut chart = ChartBuilder::on(&area)
            .margin_top(14)
            .margin_right(24)
            .x_label_area_size(super::fan::X_LABEL_AREA)
            .y_label_area_size((ylab_w + AXIS_DESC_PX * 1.3 + 26.0).ceil() as u32)
            .build_cartesian_2d(super::fan::Ticked::new(0.0, xhi, xticks), super::fan::Ticked::new(0.0, yhi, yticks))?;
        let xfmt = |v: &f64| style::tick_label(*v, xstep);
        let yfmt = |v: &f64| style::tick_label(*v, ystep);
        let xdesc = format!("A: {}, thousand", self.sides[0].0);
        let ydesc = format!("B: {}, thousand", self.sides[1].0);
        style::mesh(&mut chart, TICK_PX)
            .x_desc(xdesc.as_str())
            .y_desc(ydesc.as_str())
            .x_label_formatter(&xfmt)
            .y_label_formatter(&yfmt)
            .draw()?;
        if let Some(inv) = self.invariant {
            let xs: Vec<f64> = (0..=400).map(|i| xhi * i as f64 / 400.0).collect();
            let curve = |q: f64| -> Vec<(f64, f64)> {
                xs.iter().filter_map(|&a| inv.b_at(a, q).map(|b| (a, b))).filter(|&(_, b)| b <= yhi).collect()
            };
            for &q in &self.levels {
                let pts = curve(q);
                if pts.len() >= 2 {
                    chart.draw_series(DashedLineSeries::new(pts, 12, 8, style::GREY.stroke_width(2)))?;
                }
            }
            let draw = curve(0.0);
            if draw.len() >= 2 {
                chart.draw_series(DashedLineSeries::new(draw, 3, 7, style::INK.stroke_width(3)))?;
            }
        }
        let pts: Vec<(f64, f64)> = finite().copied().collect();
        chart.draw_series(LineSeries::new(pts.clone(), style::INK.stroke_width(LINE_W)))?;
        let px = style::ANNOTATION_PX;
        if let (Some(&first), Some(&last)) = (pts.first(), pts.last()) {
            chart.draw_series(std::iter::once(Circle::new(first, 8, style::INK.filled())))?;
            chart.draw_series(std::iter::once(Circle::new(last, 8, style::INK.filled())))?;
            chart.draw_series(std::iter::once(
                EmptyElement::at(last) + Text::new("end".to_string(), (12, -34), text_in(px, style::INK)),
            ))?;
            chart.draw_series(std::iter::once(
                EmptyElement::at(first) + Text::new("start".to_string(), (12, 6), text_in(px, style::INK)),
            ))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::assert_close;

    #[test]
    fn the_square_and_linear_laws_conserve_their_quantities() {
        let sq = Invariant::of([0.5, 0.2], [1.0, 1.0], [1.0, 1.0], [0.0, 0.0]).expect("square law");
        assert_close(sq.n, 2.0);
        assert_eq!(sq.formula(), "a·A² − b·B²");
        assert_close(sq.value(2.0, 3.0), 0.5 * 4.0 - 0.2 * 9.0);
        let lin = Invariant::of([0.5, 0.2], [1.0, 1.0], [1.0, 1.0], [1.0, 1.0]).expect("linear law");
        assert_eq!(lin.formula(), "a·A − b·B");
        // A point on the curve of value q has that value.
        let q = lin.value(4.0, 3.0);
        assert_close(lin.value(6.0, lin.b_at(6.0, q).expect("on the curve")), q);
        assert!(Invariant::of([0.5, 0.2], [1.0, 1.0], [1.0, 1.0], [0.0, 1.0]).is_none(), "mixed laws");
    }
}
