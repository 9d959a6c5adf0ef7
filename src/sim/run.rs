//! One run: draw the parameters, apply the event schedule, step the model, keep the record.
//!
//! [`Plan`] holds what is shared by every run of an ensemble (scenario, seed, horizon,
//! column layout); [`Plan::run`] produces one [`Trajectory`]. The models' step functions live
//! in [`crate::model`]; this module only sequences them.

use super::rng;
use super::schedule::Schedule;
use crate::judgment::outcome::{LogEntry, Outcome};
use crate::model::outputs::{Columns, Kind};
use crate::model::{lanchester, war};
use crate::scenario::{ModelKind, Scenario};
use rand_distr::Distribution;

/// Number of judgment components (manpower, materiel, economy, support, morale, territory).
pub const N_DRIVERS: usize = 6;

/// One run's record: its trajectory table and how it ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    /// Run index in the ensemble.
    pub run: usize,
    /// Values, row-major: `(steps + 1) × columns`, row 0 the start; empty for a run of an
    /// outcomes-only plan ([`Plan::outcomes_only`]), whose [`Trajectory::get`] and
    /// [`Trajectory::row`] then panic.
    pub values: Vec<f32>,
    /// Number of columns per row.
    pub ncols: usize,
    /// Last step simulated (the horizon unless the run ended earlier).
    pub end_step: usize,
    /// How it ended.
    pub outcome: Outcome,
    /// First step at which each side judged that time is not on its side.
    pub time_not_on_side: [Option<u16>; 2],
    /// First step at which each side would have cut its losses.
    pub cut_losses: [Option<u16>; 2],
    /// For each side that tipped: what moved its perceived trend most before (shares, sum 1).
    pub drivers: [Option<[f32; N_DRIVERS]>; 2],
    /// Event log.
    pub log: Vec<LogEntry>,
    /// Drawn values of the scenario's uncertain parameters, in slot order.
    pub draws: Vec<f64>,
}

impl Trajectory {
    /// A trajectory with no rows, to be filled by [`Plan::run_into`].
    pub fn empty() -> Trajectory {
        Trajectory {
            run: 0,
            values: Vec::new(),
            ncols: 0,
            end_step: 0,
            outcome: Outcome::Ongoing,
            time_not_on_side: [None; 2],
            cut_losses: [None; 2],
            drivers: [None; 2],
            log: Vec::new(),
            draws: Vec::new(),
        }
    }

    /// The value of column `col` at step `t`.
    pub fn get(&self, t: usize, col: usize) -> f32 {
        self.values[t * self.ncols + col]
    }

    /// A row.
    pub fn row(&self, t: usize) -> &[f32] {
        &self.values[t * self.ncols..(t + 1) * self.ncols]
    }
}

/// What every run of an ensemble shares.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Master seed.
    pub seed: u64,
    /// Horizon in steps.
    pub steps: usize,
    /// Column layout.
    pub columns: Columns,
    /// Whether runs record their month-by-month rows (`Trajectory::values`); an experiment that
    /// keeps only outcomes turns it off ([`Plan::outcomes_only`]).
    rows: bool,
    slot_keys: Vec<u64>,
    /// Each column's kind, for holding levels after a run ends.
    kinds: Vec<Kind>,
    /// The keys of the war model's shock streams, by the sides' names.
    pub(super) stream_keys: super::war::StreamKeys,
}

impl<'a> Plan<'a> {
    /// A plan with the scenario's own seed and horizon.
    pub fn new(scenario: &'a Scenario) -> Plan<'a> {
        Plan::with(scenario, scenario.seed, scenario.steps)
    }

    /// A plan with another seed and horizon.
    pub fn with(scenario: &'a Scenario, seed: u64, steps: usize) -> Plan<'a> {
        let columns = match scenario.model {
            ModelKind::Lanchester => lanchester::columns(),
            ModelKind::War => war::columns(),
        };
        let slot_keys = scenario.slots.iter().map(|s| rng::key(&s.path)).collect();
        let kinds = columns.iter().map(|(s, _)| s.kind).collect();
        let stream_keys = super::war::StreamKeys::new(scenario);
        Plan { scenario, seed, steps, columns, rows: true, slot_keys, kinds, stream_keys }
    }

    /// The same plan for runs that keep only how they ended — outcome, last month, tipping and
    /// cut-losses months, drivers and the event log — and not their month-by-month rows
    /// (`Trajectory::values` stays empty). Everything they keep is what a recording run keeps.
    /// A battle (the Lanchester model) records its rows either way.
    pub fn outcomes_only(mut self) -> Plan<'a> {
        self.rows = matches!(self.scenario.model, ModelKind::Lanchester);
        self
    }

    /// Whether runs of this plan record their month-by-month rows.
    pub fn records_rows(&self) -> bool {
        self.rows
    }

    /// Draw every slot for a run (each from its own stream, see [`rng`]).
    pub fn draw(&self, run: usize) -> Vec<f64> {
        let mut values = Vec::with_capacity(self.scenario.slots.len());
        self.draw_into(run, &mut values);
        values
    }

    /// [`Plan::draw`] into a reused buffer.
    fn draw_into(&self, run: usize, values: &mut Vec<f64>) {
        values.clear();
        values.extend(self.scenario.slots.iter().zip(&self.slot_keys).map(|(slot, &k)| {
            if slot.is_uncertain() { slot.draw(&mut rng::stream(self.seed, k, run as u64)) } else { slot.central() }
        }));
    }

    /// Run `run`.
    pub fn run(&self, run: usize) -> Trajectory {
        let mut t = Trajectory::empty();
        self.run_into(run, &mut t);
        t
    }

    /// Run `run` into `t`, reusing its buffers (an ensemble keeps one batch of trajectories
    /// and refills it, rather than allocating ~20 KiB per run on one thread and freeing it on
    /// another). The result is the same as [`Plan::run`]'s.
    pub fn run_into(&self, run: usize, t: &mut Trajectory) {
        let mut values = Vec::new();
        self.draw_into(run, &mut values);
        self.run_values_into(values, run, t);
    }

    /// Run with the slot values `values` (one per slot, in slot order, as [`Plan::draw`]
    /// returns them) instead of run `shock_run`'s own draws, and with run `shock_run`'s shock
    /// streams. A designed experiment sets each row's parameters itself and gives rows that
    /// share their luck the same `shock_run`. With `values = self.draw(shock_run)` the result
    /// is [`Plan::run`]'s. `t.run` is set to `shock_run`.
    ///
    /// # Panics
    /// If `values` does not hold one value per slot.
    pub fn run_with_into(&self, values: &[f64], shock_run: usize, t: &mut Trajectory) {
        assert_eq!(values.len(), self.scenario.slots.len(), "one value per slot");
        self.run_values_into(values.to_vec(), shock_run, t);
    }

    /// [`Plan::run_with_into`] into a new trajectory.
    pub fn run_with(&self, values: &[f64], shock_run: usize) -> Trajectory {
        let mut t = Trajectory::empty();
        self.run_with_into(values, shock_run, &mut t);
        t
    }

    fn run_values_into(&self, values: Vec<f64>, run: usize, t: &mut Trajectory) {
        let ncols = self.columns.len();
        t.run = run;
        t.values.clear();
        if self.rows {
            t.values.resize((self.steps + 1) * ncols, 0.0);
        }
        t.ncols = ncols;
        t.end_step = self.steps;
        t.outcome = Outcome::Ongoing;
        t.time_not_on_side = [None; 2];
        t.cut_losses = [None; 2];
        t.drivers = [None; 2];
        t.log.clear();
        t.draws.clear();
        t.draws.extend(self.scenario.uncertain_slots().map(|(i, _)| values[i]));
        let schedule = Schedule::new(self.scenario, values);
        match self.scenario.model {
            ModelKind::Lanchester => self.run_lanchester(schedule, t),
            ModelKind::War => super::war::run(self, schedule, t),
        }
        if self.rows {
            freeze_after(t, &self.kinds);
        }
    }

    fn run_lanchester(&self, mut schedule: Schedule<'_>, t: &mut Trajectory) {
        let sc = self.scenario;
        let mut shocks = rng::stream(self.seed, rng::key("shock.attrition"), t.run as u64);
        let p0 = schedule.params_at(0).clone();
        let mut battle = lanchester::Battle::new([&p0.sides[0].attrition, &p0.sides[1].attrition]);
        let ncols = t.ncols;
        battle.record_start(&mut t.values[..ncols]);
        for step in 0..self.steps {
            let p = schedule.params_at(step).clone();
            let (arriving, inflow) = schedule.reinforcements(step);
            let mut att = [p.sides[0].attrition.clone(), p.sides[1].attrition.clone()];
            for a in att.iter_mut() {
                // Per-step noise on the casualties a side inflicts (mean-one lognormal).
                let z: f64 = rand_distr::StandardNormal.sample(&mut shocks);
                let sd = a.intensity_shock;
                a.lethality_per_day *= (sd * z - 0.5 * sd * sd).exp();
            }
            let row = &mut t.values[(step + 1) * ncols..(step + 2) * ncols];
            battle.step([&att[0], &att[1]], arriving, inflow, sc.step_days, row);
            let below = [p.sides[0].attrition.destroyed_below_share, p.sides[1].attrition.destroyed_below_share];
            if let Some(s) = battle.destroyed(below) {
                t.outcome = Outcome::Collapse(s);
                t.end_step = step + 1;
                let detail = if battle.strength_k[s] <= 1e-9 {
                    format!("{} has no strength left", sc.sides[s].label)
                } else {
                    format!(
                        "{} is down to {:.1}% of its largest strength, below the {}% at which it counts as destroyed",
                        sc.sides[s].label,
                        100.0 * battle.strength_k[s] / battle.peak_k[s],
                        crate::params::fmt_num(100.0 * below[s])
                    )
                };
                t.log.push(LogEntry { month: (step + 1) as u16, side: Some(s as u8), event: "destroyed", detail });
                break;
            }
        }
    }
}

/// Hold levels and zero flows after the run's end, so that ensemble statistics over the
/// horizon stay meaningful for runs that ended early.
fn freeze_after(t: &mut Trajectory, kinds: &[Kind]) {
    let n = t.ncols;
    let steps = t.values.len() / n - 1;
    for step in t.end_step + 1..=steps {
        for (c, kind) in kinds.iter().enumerate() {
            t.values[step * n + c] = match kind {
                Kind::Stock => t.values[t.end_step * n + c],
                Kind::Flow => 0.0,
            };
        }
    }
}

/// Run `run` of a scenario with its own seed and horizon.
pub fn run_one(scenario: &Scenario, run: usize) -> Trajectory {
    Plan::new(scenario).run(run)
}
