//! Territory: the ground the attacker (the side with a territorial objective, else the side that
//! attacks, else the first) has taken since the start, with its objective as a line, and the
//! net ground it gains each month. Both as fan charts.
//!
//! The ground taken is the model's `territory_gained_km2` (net gain since the start), recorded
//! as such: the percentiles of the holding less its start would carry the sketch's relative
//! error of a large holding (0.4% of ~117,000 km² is ~500 km²) into a much smaller gain.

use super::fan::{FanPanel, RefLine};
use super::frame::{self, Frame, LegendItem, Swatch};
use super::style::{self, Timeline};
use super::{PlotError, Results};
use crate::model::war::col;
use crate::scenario::ModelKind;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The territory chart.
#[derive(Debug, Clone)]
pub struct Territory {
    /// Title, legend, caption.
    pub frame: Frame,
    /// Time axis.
    pub timeline: Timeline,
    /// Ground taken since the start, with the objective line.
    pub taken: FanPanel,
    /// Net gain per month.
    pub monthly: FanPanel,
}

/// The attacking side: the first with an objective, else the first with a positive gain rate.
pub fn attacker(d: Results<'_>) -> usize {
    (0..2)
        .find(|&s| d.side_param(s, "territory.objective_km2") > 0.0)
        .or_else(|| (0..2).find(|&s| d.side_param(s, "territory.gain_km2_per_month") > 0.0))
        .unwrap_or(0)
}

impl Territory {
    /// The chart of a war-model run.
    pub fn build(d: Results<'_>) -> Option<Territory> {
        if d.scenario.model != ModelKind::War {
            return None;
        }
        let a = attacker(d);
        let name = d.side(a);
        let c = style::SIDE[a];
        let cols = d.columns();
        let gained = d.fan(cols.side_col(a, col::GAINED), name, c);
        let objective = d.side_param(a, "territory.objective_km2");
        let uncertain = d.scenario.slots.iter().any(|s| {
            s.path == format!("sides.{}.territory.objective_km2", d.scenario.sides[a].name) && s.is_uncertain()
        });
        let obj_note = if uncertain { " (central value; drawn per run)" } else { "" };
        let mut taken = FanPanel::new(format!("Ground {name} has taken since the start"), "km²", vec![gained]);
        taken.marks.extend(d.half_ended_mark());
        if objective > 0.0 {
            taken.lines.push(RefLine {
                y: objective,
                label: format!("objective: {} km²{obj_note}", style::thousands(objective, 0)),
                color: style::INK,
            });
        }
        let mut monthly = FanPanel::new(
            format!("Net ground {name} gains per {}", d.step_word()),
            format!("km² per {}", d.step_word()),
            vec![d.fan(cols.side_col(a, col::GAIN), name, c)],
        );
        monthly.marks.extend(d.half_ended_mark());
        let mut legend = vec![LegendItem::new(Swatch::Fan(c), name.to_string())];
        if objective > 0.0 {
            legend.push(LegendItem::new(Swatch::Dashed(style::INK), format!("{name}'s territorial objective")));
        }
        legend.push(LegendItem::new(Swatch::Fan(style::GREY), "median of runs; shading: middle 50% and 90%"));
        Some(Territory {
            frame: Frame {
                title: format!("Territory: how fast {name} advances, and how far it wants to go"),
                legend,
                caption: vec![
                    d.caption(),
                    "Over the runs still fighting: a run that reaches the objective ends and leaves the fan (see the outcomes chart). Net gain: ground taken less ground lost.".into(),
                ],
            },
            timeline: d.timeline(),
            taken,
            monthly,
        })
    }

    /// Draw.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let body = self.frame.draw(root)?;
        let cols = frame::columns(&body, &[1.25, 1.0]);
        self.taken.draw(&cols[0], &self.timeline)?;
        self.monthly.draw(&cols[1], &self.timeline)
    }
}
