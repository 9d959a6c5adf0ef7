//! The event schedule of one run: which parameters are set or scaled at each step, and which
//! reinforcements arrive.
//!
//! A run's drawn values are fixed; `set` and `scale` events overlay them while active, in file
//! order. The typed [`Params`] are rebuilt only when the set of active events changes, so
//! steps without a change cost nothing.

use crate::model::Params;
use crate::scenario::{EventAction, Scenario};

/// Parameters in force over a run.
#[derive(Debug, Clone)]
pub struct Schedule<'a> {
    scenario: &'a Scenario,
    base: Vec<f64>,
    active: Vec<bool>,
    params: Params,
    /// Values of the slots at the current step (after events), for events that read them.
    current: Vec<f64>,
}

impl<'a> Schedule<'a> {
    /// The schedule for one run's drawn values.
    pub fn new(scenario: &'a Scenario, base: Vec<f64>) -> Schedule<'a> {
        let params = Params::from_values(&scenario.layout, &base);
        let n = scenario.events.len();
        Schedule { scenario, current: base.clone(), base, active: vec![false; n], params }
    }

    /// The parameters in force during step `step` (the interval from `step` to `step + 1`).
    pub fn params_at(&mut self, step: usize) -> &Params {
        let mut changed = false;
        for (i, e) in self.scenario.events.iter().enumerate() {
            if matches!(e.action, EventAction::Reinforce { .. }) {
                continue;
            }
            let a = e.active_at(step);
            if a != self.active[i] {
                self.active[i] = a;
                changed = true;
            }
        }
        if changed {
            self.current.clone_from(&self.base);
            for (i, e) in self.scenario.events.iter().enumerate() {
                if !self.active[i] {
                    continue;
                }
                match e.action {
                    EventAction::Set { target, value } => self.current[target] = self.base[value],
                    EventAction::Scale { target, factor } => {
                        let spec = self.scenario.slots[target].spec;
                        self.current[target] = spec.clip(self.current[target] * self.base[factor]);
                    }
                    EventAction::Reinforce { .. } => {}
                }
            }
            self.params = Params::from_values(&self.scenario.layout, &self.current);
        }
        &self.params
    }

    /// Events that start at `step` (for the event log).
    pub fn starting(&self, step: usize) -> impl Iterator<Item = &crate::scenario::Event> {
        self.scenario.events.iter().filter(move |e| e.month == step)
    }

    /// Reinforcements for step `step`: (arriving at its start, arriving evenly during it),
    /// thousand persons per side.
    pub fn reinforcements(&self, step: usize) -> ([f64; 2], [f64; 2]) {
        let mut at_once = [0.0; 2];
        let mut spread = [0.0; 2];
        for e in &self.scenario.events {
            if let EventAction::Reinforce { side, amount, over } = e.action {
                let amount = self.base[amount];
                if over == 0.0 {
                    if step == e.month {
                        at_once[side] += amount;
                    }
                } else if step >= e.month && (step - e.month) < over as usize {
                    spread[side] += amount / over;
                }
            }
        }
        (at_once, spread)
    }
}
