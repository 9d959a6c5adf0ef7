//! Outcomes: how the runs ended. [`Outcomes`] (`run`): the shares at the horizon as one stacked
//! bar, and over time as stacked areas — the share of runs ended by each outcome by each month,
//! derived from every run's outcome and last step ([`by_step`]). [`OutcomesComparison`]
//! (`compare`): one stacked horizontal bar per scenario.

use super::fan::{Ticked, Ticks, ValueAxis, time_chart};
use super::frame::{self, Frame, LegendItem, Swatch};
use super::style::{self, ANNOTATION_PX, AXIS_DESC_PX, TICK_PX, Timeline};
use super::{PlotError, Results};
use crate::analysis::tally::RunTally;
use crate::judgment::outcome::Outcome;
const N_OUTCOMES: usize = Outcome::COUNT;
use crate::scenario::SideInfo;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Stacking order, bottom to top: settled ends first, "still fighting" on top.
pub const STACK: [Outcome; 8] = [
    Outcome::Ceasefire,
    Outcome::CeasefireCutLosses(0),
    Outcome::CeasefireCutLosses(1),
    Outcome::Objective(0),
    Outcome::Objective(1),
    Outcome::Collapse(0),
    Outcome::Collapse(1),
    Outcome::Ongoing,
];

/// A reader's name for an outcome.
pub fn label(o: Outcome, sides: &[SideInfo; 2]) -> String {
    match o {
        Outcome::Ongoing => "still fighting".into(),
        Outcome::Ceasefire => "cease-fire (both sides)".into(),
        Outcome::CeasefireCutLosses(s) => format!("cease-fire: {} cut its losses", sides[s].label),
        Outcome::Collapse(s) => format!("{} collapsed", sides[s].label),
        Outcome::Objective(s) => format!("{} took its objective", sides[s].label),
    }
}

/// Colour of an outcome.
pub fn color(o: Outcome) -> RGBColor {
    style::OUTCOME[o.index()]
}

/// Colour of an outcome when side `s` takes palette slot `slots[s]` ([`style::side_slots`]):
/// a side's ending keeps the colour family of its side.
pub fn color_in(o: Outcome, slots: [usize; 2]) -> RGBColor {
    color(match o {
        Outcome::CeasefireCutLosses(s) => Outcome::CeasefireCutLosses(slots[s]),
        Outcome::Collapse(s) => Outcome::Collapse(slots[s]),
        Outcome::Objective(s) => Outcome::Objective(slots[s]),
        o => o,
    })
}

/// A reader's name for an outcome of a classic battle, where a collapse is a force destroyed
/// (at zero or below its "effectively destroyed" threshold).
pub fn battle_label(o: Outcome, sides: &[SideInfo; 2]) -> String {
    match o {
        Outcome::Collapse(s) => format!("{} destroyed", sides[s].label),
        o => label(o, sides),
    }
}

/// Share of runs ended by each outcome by each step 0..=horizon, indexed as
/// [`Outcome::ALL`]; a run is "ongoing" until its last step, then counts as its outcome.
/// Each row sums to 1 (0 for no runs).
pub fn by_step(tally: &RunTally, horizon: usize) -> Vec<[f64; N_OUTCOMES]> {
    let n = tally.runs();
    let mut ended = vec![[0usize; N_OUTCOMES]; horizon + 2];
    for o in Outcome::ALL.into_iter().filter(|&o| o != Outcome::Ongoing) {
        for (step, &c) in tally.ends(o).as_slice().iter().enumerate() {
            ended[step.min(horizon)][o.index()] += c as usize;
        }
    }
    let mut cum = [0usize; N_OUTCOMES];
    let ongoing = Outcome::Ongoing.index();
    (0..=horizon)
        .map(|t| {
            for (c, e) in cum.iter_mut().zip(&ended[t]) {
                *c += e;
            }
            let mut row = [0.0; N_OUTCOMES];
            if n > 0 {
                let done: usize = cum.iter().sum();
                for (k, c) in cum.iter().enumerate() {
                    row[k] = *c as f64 / n as f64;
                }
                row[ongoing] = (n - done) as f64 / n as f64;
            }
            row
        })
        .collect()
}

/// Legend entries of the outcomes present, in stacking order (reversed for a vertical stack,
/// whose top is read first).
fn legend_for(present: &[bool; N_OUTCOMES], sides: &[SideInfo; 2], vertical: bool) -> Vec<LegendItem> {
    legend_in(present, sides, vertical, [0, 1], label)
}

/// [`legend_for`] with the sides in palette slots `slots` and outcomes named by `name`.
fn legend_in(
    present: &[bool; N_OUTCOMES],
    sides: &[SideInfo; 2],
    vertical: bool,
    slots: [usize; 2],
    name: fn(Outcome, &[SideInfo; 2]) -> String,
) -> Vec<LegendItem> {
    let mut v: Vec<LegendItem> = STACK
        .iter()
        .filter(|o| present[o.index()])
        .map(|&o| LegendItem::new(Swatch::Block(color_in(o, slots)), name(o, sides)))
        .collect();
    if vertical {
        v.reverse();
    }
    v
}

/// The `run` chart.
#[derive(Debug, Clone)]
pub struct Outcomes {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Time axis.
    pub timeline: Timeline,
    /// Shares by step, indexed as [`Outcome::ALL`].
    pub shares: Vec<[f64; N_OUTCOMES]>,
    /// Display name of each outcome, indexed as [`Outcome::ALL`].
    pub names: Vec<String>,
    /// Palette slot of each side ([`style::side_slots`]).
    pub slots: [usize; 2],
}

impl Outcomes {
    /// The chart of a run.
    pub fn build(d: Results<'_>) -> Outcomes {
        let h = d.ensemble.options.steps;
        let shares = by_step(&d.ensemble.tally, h);
        let mut present = [false; N_OUTCOMES];
        for row in &shares {
            for (k, v) in row.iter().enumerate() {
                present[k] |= *v > 0.0;
            }
        }
        let sides = &d.scenario.sides;
        let slots = d.side_slots();
        let name: fn(Outcome, &[SideInfo; 2]) -> String =
            if d.scenario.model == crate::scenario::ModelKind::Lanchester { battle_label } else { label };
        let step = d.step_word();
        Outcomes {
            frame: Frame {
                title: format!("How the runs end: at the horizon and {step} by {step}"),
                legend: legend_in(&present, sides, true, slots, name),
                caption: vec![
                    d.caption(),
                    format!("Share of runs that have ended in each way by each {step}; the rest are still fighting."),
                ],
            },
            timeline: d.timeline(),
            shares,
            names: Outcome::ALL.iter().map(|&o| name(o, sides)).collect(),
            slots,
        }
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        let cols = frame::columns(&body, &[0.34, 1.0]);
        let last = self.shares.last().copied().unwrap_or([0.0; N_OUTCOMES]);
        let h = self.timeline.horizon();
        draw_bar(&cols[0], &format!("At the horizon ({})", self.timeline.label(h)), &last, self.slots)?;
        let axis = ValueAxis { lo: 0.0, hi: 1.0, desc: "share of runs".into(), ticks: Ticks::Percent };
        let area = frame::titled(&cols[1], "Over time")?;
        let mut chart = time_chart(&area, &self.timeline, &axis)?;
        let mut lower = vec![0.0; self.shares.len()];
        for o in STACK {
            let k = o.index();
            if self.shares.iter().all(|r| r[k] <= 0.0) {
                continue;
            }
            let upper: Vec<f64> = lower.iter().zip(&self.shares).map(|(l, r)| (l + r[k]).min(1.0)).collect();
            let mut pts: Vec<(f64, f64)> = upper.iter().enumerate().map(|(t, &y)| (t as f64, y)).collect();
            pts.extend(lower.iter().enumerate().rev().map(|(t, &y)| (t as f64, y)));
            chart.draw_series(std::iter::once(Polygon::new(pts, color_in(o, self.slots).filled())))?;
            lower = upper;
        }
        Ok(())
    }
}

/// One stacked vertical bar of outcome shares with the percentages written inside.
fn draw_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    shares: &[f64; N_OUTCOMES],
    slots: [usize; 2],
) -> Result<(), PlotError> {
    let color = |o| color_in(o, slots);
    let yfmt = |v: &f64| format!("{:.0}%", 100.0 * v);
    let area = frame::titled(area, title)?;
    let mut chart = ChartBuilder::on(&area)
        .margin_top(14)
        .margin_right(10)
        .x_label_area_size(super::fan::X_LABEL_AREA)
        .y_label_area_size((style::text_width("100%", TICK_PX) + AXIS_DESC_PX * 1.3 + 26.0) as u32)
        .build_cartesian_2d(Ticked::new(0.0, 1.0, vec![]), Ticked::new(0.0, 1.0, vec![0.0, 0.25, 0.5, 0.75, 1.0]))?;
    style::mesh(&mut chart, TICK_PX).y_desc("share of runs").y_label_formatter(&yfmt).draw()?;
    let mut lo = 0.0;
    for o in STACK {
        let v = shares[o.index()];
        if v <= 0.0 {
            continue;
        }
        let hi = (lo + v).min(1.0);
        chart.draw_series(std::iter::once(Rectangle::new([(0.12, lo), (0.88, hi)], color(o).filled())))?;
        if v >= 0.045 {
            let ink = style::ink_on(color(o));
            let s = style::percent(v);
            chart.draw_series(std::iter::once(
                EmptyElement::at((0.5, (lo + hi) / 2.0))
                    + Text::new(s, (0, 0), style::centered(ANNOTATION_PX + 4.0, ink)),
            ))?;
        }
        lo = hi;
    }
    Ok(())
}

/// The `compare` chart: a stacked bar of outcome shares at the horizon per scenario.
#[derive(Debug, Clone)]
pub struct OutcomesComparison {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Scenario names, the reference first.
    pub scenarios: Vec<String>,
    /// Shares at the horizon per scenario, indexed as [`Outcome::ALL`].
    pub shares: Vec<[f64; N_OUTCOMES]>,
}

impl OutcomesComparison {
    /// The chart of compared ensembles, the first the reference.
    pub fn build(members: &[Results<'_>]) -> OutcomesComparison {
        let shares: Vec<[f64; N_OUTCOMES]> = members
            .iter()
            .map(|m| {
                let h = m.ensemble.options.steps;
                by_step(&m.ensemble.tally, h).last().copied().unwrap_or([0.0; N_OUTCOMES])
            })
            .collect();
        let mut present = [false; N_OUTCOMES];
        for row in &shares {
            for (k, v) in row.iter().enumerate() {
                present[k] |= *v > 0.0;
            }
        }
        let sides = &members[0].scenario.sides;
        OutcomesComparison {
            frame: Frame {
                title: "How the runs end, scenario by scenario".into(),
                legend: legend_for(&present, sides, false),
                caption: vec![
                    super::tipping::compare_caption(members),
                    format!(
                        "Share of runs by outcome at the horizon ({}).",
                        Timeline::of(members[0].scenario, members[0].ensemble.options.steps)
                            .label(members[0].ensemble.options.steps)
                    ),
                ],
            },
            scenarios: members.iter().map(|m| m.summary.scenario.clone()).collect(),
            shares,
        }
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        let n = self.scenarios.len();
        let names: Vec<String> = self
            .scenarios
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let s = truncate(s, 30);
                if i == 0 { format!("{s} (ref.)") } else { s }
            })
            .collect();
        let name_w = names.iter().map(|s| style::text_width(s, TICK_PX)).fold(0.0, f64::max);
        let keys: Vec<f64> = (0..n).map(|i| i as f64 + 0.5).collect();
        let yfmt = |v: &f64| {
            let row = (*v - 0.5).round() as usize;
            names.get(n.saturating_sub(1).saturating_sub(row)).cloned().unwrap_or_default()
        };
        let xfmt = |v: &f64| format!("{:.0}%", 100.0 * v);
        let mut chart = ChartBuilder::on(&body)
            .margin_right(30)
            .margin_top(10)
            .x_label_area_size(super::fan::X_LABEL_AREA)
            .y_label_area_size((name_w + 30.0) as u32)
            .build_cartesian_2d(
                Ticked::new(0.0, 1.0, vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
                Ticked::new(0.0, n as f64, keys),
            )?;
        style::mesh(&mut chart, TICK_PX)
            .x_desc("share of runs at the horizon")
            .x_label_formatter(&xfmt)
            .y_label_formatter(&yfmt)
            .disable_y_mesh()
            .draw()?;
        for (i, row) in self.shares.iter().enumerate() {
            let y = (n - 1 - i) as f64;
            let mut lo = 0.0;
            for o in STACK {
                let v = row[o.index()];
                if v <= 0.0 {
                    continue;
                }
                let hi = (lo + v).min(1.0);
                chart
                    .draw_series(std::iter::once(Rectangle::new([(lo, y + 0.2), (hi, y + 0.8)], color(o).filled())))?;
                let s = style::percent(v);
                let w = style::text_width(&s, ANNOTATION_PX + 2.0);
                let (bw, _) = chart.plotting_area().dim_in_pixel();
                if v * bw as f64 > w + 14.0 {
                    let ink = style::ink_on(color(o));
                    chart.draw_series(std::iter::once(
                        EmptyElement::at(((lo + hi) / 2.0, y + 0.5))
                            + Text::new(s, (0, 0), style::centered(ANNOTATION_PX + 2.0, ink)),
                    ))?;
                }
                lo = hi;
            }
        }
        Ok(())
    }
}

/// `s` cut to `n` characters with an ellipsis.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::assert_close;

    fn rec(outcome: Outcome, end: u16) -> crate::analysis::ensemble::RunRecord {
        crate::analysis::ensemble::RunRecord {
            outcome,
            end_step: end,
            time_not_on_side: [None; 2],
            cut_losses: [None; 2],
            drivers: [None; 2],
            final_front_k: [0.0; 2],
            key_events: Default::default(),
        }
    }

    #[test]
    fn runs_count_as_ongoing_until_they_end() {
        let records = [
            rec(Outcome::Ceasefire, 2),
            rec(Outcome::Objective(0), 3),
            rec(Outcome::Ongoing, 4),
            rec(Outcome::Ceasefire, 4),
        ];
        let mut tally = RunTally::new(4);
        for r in &records {
            tally.add(r);
        }
        let s = by_step(&tally, 4);
        let (cf, ob, on) = (Outcome::Ceasefire.index(), Outcome::Objective(0).index(), Outcome::Ongoing.index());
        assert_eq!(s.len(), 5);
        assert_close(s[1][on], 1.0);
        assert_close(s[2][cf], 0.25);
        assert_close(s[3][ob], 0.25);
        assert_close(s[4][cf], 0.5);
        assert_close(s[4][on], 0.25);
        for row in &s {
            assert_close(row.iter().sum::<f64>(), 1.0);
        }
    }

    #[test]
    fn names_are_truncated_with_an_ellipsis() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a rather long name", 8), "a rathe…");
    }
}
