//! Scenario files → a validated, typed [`Scenario`]. The model never sees the raw file.
//!
//! The pipeline: [`source`] reads the file and its `extends` ancestors, checking each against
//! the schema ([`file`](mod@file)) and overlaying them; [`overrides`] applies `--set` arguments;
//! [`validate`] checks ranges and cross-references and builds the [`Scenario`], whose scalar
//! parameters are a flat list of slots ([`Slot`]) that the simulation draws once per run.
//! Every failure is a [`ScenarioError`] naming file, line, column, key and what is allowed.

pub mod embedded;
pub mod error;
pub mod file;
pub mod levers;
pub mod overrides;
pub mod source;
pub mod time;
pub mod validate;

pub use error::{Diagnostic, Location, Origin, ScenarioError};
pub use time::{TimePath, YearMonth};

use crate::params::{Layout, Slot};
use std::path::{Path, PathBuf};

/// Which model a scenario runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelKind {
    /// Every mechanism (manpower, materiel, economy, ...): monthly steps.
    War,
    /// The attrition core only, with reinforcements: the classic Lanchester cases.
    Lanchester,
}

/// When a run ends in a cease-fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CeasefireRule {
    /// Runs never end by negotiation; the judgments are only recorded.
    Never,
    /// As soon as either side would cut its losses.
    WhenEitherCutsLosses,
    /// As soon as both sides have judged that time is not on their side.
    WhenBothJudge,
}

/// The teaching notes of a scenario.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Teaching {
    /// What the scenario shows.
    pub what_it_shows: String,
    /// Things to notice.
    pub things_to_notice: Vec<String>,
    /// Things to try.
    pub things_to_try: Vec<String>,
    /// Questions for discussion.
    pub questions: Vec<String>,
}

/// One side: its name in the file and its display label.
#[derive(Debug, Clone, PartialEq)]
pub struct SideInfo {
    /// Key under `[sides]` (snake_case).
    pub name: String,
    /// Display label.
    pub label: String,
}

/// One external supporter.
#[derive(Debug, Clone, PartialEq)]
pub struct DonorInfo {
    /// Name.
    pub name: String,
    /// Index of the side it supports.
    pub recipient: usize,
}

/// What a scheduled event does.
#[derive(Debug, Clone, PartialEq)]
pub enum EventAction {
    /// Personnel arrive at `side`'s front: `amount` (slot index) thousand, spread evenly over
    /// `over` steps (0: all at the start of the step).
    Reinforce {
        /// Receiving side index.
        side: usize,
        /// Slot holding the amount (thousand persons).
        amount: usize,
        /// Steps over which they arrive.
        over: f64,
    },
    /// Slot `target` takes the value of slot `value`.
    Set {
        /// Parameter slot changed.
        target: usize,
        /// Slot holding the new value.
        value: usize,
    },
    /// Slot `target` is multiplied by the value of slot `factor`.
    Scale {
        /// Parameter slot changed.
        target: usize,
        /// Slot holding the factor.
        factor: usize,
    },
}

/// A validated scheduled event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Name, if given.
    pub name: Option<String>,
    /// First step it acts in.
    pub month: usize,
    /// Steps it lasts (`None`: to the end). Reinforcements use `over` instead.
    pub duration: Option<usize>,
    /// What it does.
    pub action: EventAction,
    /// Note for the event log.
    pub note: Option<String>,
}

impl Event {
    /// Whether a set/scale event acts in `step`.
    pub fn active_at(&self, step: usize) -> bool {
        step >= self.month && self.duration.is_none_or(|d| step < self.month + d)
    }
}

/// A historical observation of a side's front strength (`[[observed]]`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Observation {
    /// Step at whose end it was observed (0: the start).
    pub step: usize,
    /// Side index.
    pub side: usize,
    /// Front strength, thousand persons.
    pub value_k: f64,
}

/// A validated scenario: everything the simulation needs, nothing it does not.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Display name.
    pub name: String,
    /// One-line description.
    pub description: String,
    /// The file it was loaded from.
    pub file: PathBuf,
    /// Calendar month of step 0.
    pub start: YearMonth,
    /// Number of steps (the horizon).
    pub steps: usize,
    /// Length of a step in days.
    pub step_days: f64,
    /// Default number of runs.
    pub runs: usize,
    /// Default master seed.
    pub seed: u64,
    /// Which model.
    pub model: ModelKind,
    /// Cease-fire rule.
    pub ceasefire: CeasefireRule,
    /// Teaching notes.
    pub teaching: Teaching,
    /// The two sides, in file order of their names (alphabetical).
    pub sides: [SideInfo; 2],
    /// Every scalar parameter, drawn once per run.
    pub slots: Vec<Slot>,
    /// Where each group starts in `slots`.
    pub layout: Layout,
    /// Oil price path, USD per barrel.
    pub oil_path: TimePath,
    /// Sanctions intensity path, 0-1.
    pub sanctions_path: TimePath,
    /// External supporters.
    pub donors: Vec<DonorInfo>,
    /// Scheduled events, in file order.
    pub events: Vec<Event>,
    /// The `--set` arguments applied.
    pub overrides: Vec<String>,
    /// SHA-256 of the files' texts and the overrides (hex).
    pub source_hash: String,
    /// The levers `protracted serve` offers.
    pub levers: levers::Levers,
    /// Warnings: written parameters that have no effect in the scenario as it stands.
    pub warnings: Vec<Diagnostic>,
    /// Historical observations to draw over the model, in file order.
    pub observed: Vec<Observation>,
}

pub use crate::params::MONTH_DAYS;

impl Scenario {
    /// Whether steps are months.
    pub fn monthly(&self) -> bool {
        (self.step_days - MONTH_DAYS).abs() < 1e-9
    }

    /// Index of a side by name.
    pub fn side_index(&self, name: &str) -> Option<usize> {
        self.sides.iter().position(|s| s.name == name)
    }

    /// Calendar label of step `t`: `YYYY-MM` for monthly scenarios, `YYYY-MM-DD` otherwise.
    pub fn date_label(&self, t: usize) -> String {
        if self.monthly() {
            self.start.add_months(t as i64).to_string()
        } else {
            self.start.add_days(t as f64 * self.step_days)
        }
    }

    /// Whether every run is the same: a classic battle with no drawn parameter and no noise.
    pub fn is_deterministic(&self) -> bool {
        self.model == ModelKind::Lanchester
            && self.uncertain_slots().next().is_none()
            && self.slots.iter().filter(|s| s.spec.name == "intensity_shock").all(|s| s.central() == 0.0)
    }

    /// Whether side `s` recruits by bounty (its bounty channel is switched on in some run).
    pub fn recruits_by_bounty(&self, s: usize) -> bool {
        let path = format!("sides.{}.manpower.bounty_recruits_k_per_month", self.sides[s].name);
        self.slots.iter().any(|slot| slot.path == path && (slot.is_uncertain() || slot.central() > 0.0))
    }

    /// The same scenario with its two sides in the other order (side 0 becomes side 1): the
    /// slots of the two sides trade places and every reference to a side or a slot follows.
    /// Results per side must not change: the model is neutral in the order of the sides
    /// (every draw and shock is keyed by a parameter's path or a side's name, never by its
    /// position), which a test checks with this.
    pub fn with_sides_swapped(&self) -> Scenario {
        let mut sc = self.clone();
        let [a, b] = self.layout.sides;
        let n = b - a;
        let moved = |i: usize| {
            if (a..a + n).contains(&i) {
                i + n
            } else if (b..b + n).contains(&i) {
                i - n
            } else {
                i
            }
        };
        for (i, slot) in self.slots.iter().enumerate() {
            sc.slots[moved(i)] = slot.clone();
        }
        sc.sides.swap(0, 1);
        for d in &mut sc.donors {
            d.recipient = 1 - d.recipient;
        }
        for o in &mut sc.observed {
            o.side = 1 - o.side;
        }
        for e in &mut sc.events {
            e.action = match e.action {
                EventAction::Reinforce { side, amount, over } => {
                    EventAction::Reinforce { side: 1 - side, amount: moved(amount), over }
                }
                EventAction::Set { target, value } => EventAction::Set { target: moved(target), value: moved(value) },
                EventAction::Scale { target, factor } => {
                    EventAction::Scale { target: moved(target), factor: moved(factor) }
                }
            };
        }
        sc
    }

    /// The typed parameters with every slot at its central value (the fixed value or the
    /// distribution's centre): what charts and reports read as "the scenario's value" of a
    /// parameter, without spelling its dotted path.
    pub fn central_params(&self) -> crate::params::Params {
        let values: Vec<f64> = self.slots.iter().map(|s| s.central()).collect();
        crate::params::Params::from_values(&self.layout, &values)
    }

    /// Whether the slot at `path` is drawn per run (false when there is no such slot).
    pub fn is_uncertain(&self, path: &str) -> bool {
        self.slots.iter().any(|s| s.path == path && s.is_uncertain())
    }

    /// The uncertain slots (those drawn from a distribution), with their indices.
    pub fn uncertain_slots(&self) -> impl Iterator<Item = (usize, &Slot)> {
        self.slots.iter().enumerate().filter(|(_, s)| s.is_uncertain())
    }
}

/// Flags that set scenario values: each is applied as the key it stands for, after the files
/// and `--set`, and checked with it in the one validation, so a flag cannot bypass a check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    /// `--runs`: `scenario.runs`.
    pub runs: Option<i64>,
    /// `--seed`: `scenario.seed`.
    pub seed: Option<i64>,
    /// `--months`: the horizon (`scenario.months`, or `scenario.steps` for a scenario that
    /// counts steps).
    pub months: Option<i64>,
    /// Where the horizon comes from when it is not `--months` (for messages: `compare` gives
    /// later scenarios the reference's horizon).
    pub months_from: Option<String>,
}

/// Load, overlay, override and validate a scenario file.
pub fn load(path: &Path, set: &[String]) -> Result<Scenario, ScenarioError> {
    load_with(path, set, &Flags::default())
}

/// [`load`], also returning the files read and the merged table (after the overrides).
pub fn load_with_sources(path: &Path, set: &[String]) -> Result<(Scenario, source::Merged), ScenarioError> {
    load_full(path, set, &Flags::default())
}

/// Load a scenario file (or a built-in scenario: [`embedded::resolve`]), overlay its
/// `extends` chain, apply `--set` and then the flags, and validate the result once.
pub fn load_with(path: &Path, set: &[String], flags: &Flags) -> Result<Scenario, ScenarioError> {
    load_full(path, set, flags).map(|(sc, _)| sc)
}

/// [`load_with`], also returning the files read and the merged table (after the overrides).
pub fn load_sources_with(
    path: &Path,
    set: &[String],
    flags: &Flags,
) -> Result<(Scenario, source::Merged), ScenarioError> {
    load_full(path, set, flags)
}

fn load_full(path: &Path, set: &[String], flags: &Flags) -> Result<(Scenario, source::Merged), ScenarioError> {
    let path = embedded::resolve(path);
    let mut merged = source::load_merged(&path)?;
    let mut overrides: Vec<overrides::Override> = set.iter().map(|a| overrides::parse(a)).collect::<Result<_, _>>()?;
    let counts_steps = merged.table.get("scenario").and_then(|m| m.get("steps")).is_some();
    let horizon = if counts_steps { "scenario.steps" } else { "scenario.months" };
    for (flag, key, value) in [
        ("--runs", "scenario.runs", flags.runs),
        ("--seed", "scenario.seed", flags.seed),
        ("--months", horizon, flags.months),
    ] {
        if let Some(v) = value {
            let mut o = overrides::Override::flag(flag, key, v);
            if let (Some(from), "--months") = (&flags.months_from, flag) {
                o.arg = from.clone();
            }
            overrides.push(o);
        }
    }
    overrides::apply(&mut merged.table, &overrides)?;
    let sc = validate::validate(&merged, &overrides)?;
    // The merged table as the files and `--set` write it: the flags are run settings.
    let settings: Vec<&overrides::Override> = overrides.iter().filter(|o| o.flag).collect();
    if !settings.is_empty() {
        let unflagged: Vec<overrides::Override> = overrides.iter().filter(|o| !o.flag).cloned().collect();
        merged = source::load_merged(&path)?;
        overrides::apply(&mut merged.table, &unflagged)?;
    }
    Ok((sc, merged))
}
