//! The serde mirror of a scenario file: exactly what may be written, nothing validated yet.
//!
//! Every struct rejects unknown keys and every field is optional, so that a variant file that
//! `extends` a parent can be checked on its own (with exact line and column for a typo or a
//! wrong type) before it is overlaid on its parent. Ranges, cross-references and required
//! fields are checked later, in [`super::validate`], on the merged file.

pub use crate::params::SideFile;
use crate::params::{DonorFile, Param, WorldFile};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole scenario file.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// Format version; must be 1.
    pub schema: Option<i64>,
    /// Parent file, relative to this one; this file's keys are overlaid on it.
    pub extends: Option<String>,
    /// Metadata and run settings.
    #[serde(default)]
    pub scenario: MetaFile,
    /// Notes for teaching with the scenario.
    #[serde(default)]
    pub teaching: TeachingFile,
    /// The two sides, by user-chosen name.
    #[serde(default)]
    pub sides: BTreeMap<String, SideFile>,
    /// Scalar parameters of the world (oil shocks, sanctions response, ...).
    #[serde(default)]
    pub world: WorldFile,
    /// Piecewise-linear time paths of world inputs.
    #[serde(default)]
    pub paths: PathsFile,
    /// External supporters of either side.
    #[serde(default)]
    pub donors: Vec<DonorFile>,
    /// Scheduled events.
    #[serde(default)]
    pub events: Vec<EventFile>,
    /// Levers students may move in `protracted serve` (see [`super::levers`]).
    #[serde(default)]
    pub levers: BTreeMap<String, super::levers::LeverFile>,
    /// Historical observations drawn over the model's front strength (classic battles).
    #[serde(default)]
    pub observed: Vec<ObservedFile>,
}

/// `[[observed]]`: one historical observation of a side's front strength, drawn over the
/// model (Engel's daily US strengths on Iwo Jima, for instance).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ObservedFile {
    /// Step (day, for a battle stepped in days) at whose end the value was observed; 0 is the start.
    pub day: Option<i64>,
    /// The side observed.
    pub side: Option<String>,
    /// Front strength observed, thousand persons.
    pub value: Option<f64>,
}

/// `[scenario]`: metadata and run settings.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MetaFile {
    /// Display name.
    pub name: Option<String>,
    /// One line on what the scenario is.
    pub description: Option<String>,
    /// First month, `YYYY-MM`.
    pub start: Option<String>,
    /// Horizon in months (monthly scenarios).
    pub months: Option<i64>,
    /// Horizon in steps (with `step_days`).
    pub steps: Option<i64>,
    /// Length of a step in days (default: a month, 30.4375 days).
    pub step_days: Option<f64>,
    /// Default number of Monte Carlo runs.
    pub runs: Option<i64>,
    /// Default master seed.
    pub seed: Option<i64>,
    /// `war` (all mechanisms) or `lanchester` (attrition only).
    pub model: Option<String>,
    /// When a run ends in a cease-fire: `never`, `when_either_cuts_losses`, `when_both_judge`.
    pub ceasefire: Option<String>,
}

/// `[teaching]`: the notes a lecturer reads with the scenario.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TeachingFile {
    /// What the scenario shows.
    pub what_it_shows: Option<String>,
    /// Things to notice in the results.
    #[serde(default)]
    pub things_to_notice: Vec<String>,
    /// Things to try (levers to move).
    #[serde(default)]
    pub things_to_try: Vec<String>,
    /// Questions for discussion.
    #[serde(default)]
    pub questions: Vec<String>,
}

/// A piecewise-linear path: `[[month, value], ...]`, months non-decreasing.
pub type PathFile = Vec<PathPoint>;

/// One point of a path, `[month, value]`.
///
/// Read through a list so that a point with too many numbers is an error in the file that
/// has it: `toml::from_str` silently drops the extra numbers of a fixed-size array, while the
/// same text read as a `toml::Value` (as the merged file is) rejects them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(transparent)]
pub struct PathPoint(pub [f64; 2]);

impl<'de> Deserialize<'de> for PathPoint {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Vec::<f64>::deserialize(d)?;
        match v[..] {
            [month, value] => Ok(PathPoint([month, value])),
            _ => Err(serde::de::Error::custom(format!("a path point is [month, value], got {} numbers", v.len()))),
        }
    }
}

impl std::ops::Deref for PathPoint {
    type Target = [f64; 2];
    fn deref(&self) -> &[f64; 2] {
        &self.0
    }
}

/// `[paths]`: time paths of world inputs.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PathsFile {
    /// World oil price Russia sells against, USD per barrel, before sanction discounts.
    pub oil_usd_bbl: Option<PathFile>,
    /// Sanctions intensity set by the sanctioning coalition, 0-1.
    pub sanctions_intensity: Option<PathFile>,
}

/// What an event does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Personnel arriving at a side's front, at once or spread evenly over `over` steps.
    Reinforce,
    /// A parameter set to `value` from `month` on, for `duration` steps (or to the end).
    Set,
    /// A parameter multiplied by `factor` from `month` on, for `duration` steps (or to the end).
    Scale,
}

/// `[[events]]`: one scheduled event. Which keys apply depends on `kind`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EventFile {
    /// Optional name: a variant's event with the same name replaces the parent's.
    pub name: Option<String>,
    /// `reinforce`, `set` or `scale`.
    pub kind: Option<EventKind>,
    /// Step (month) at which the event starts, counted from 0.
    #[serde(alias = "step")]
    pub month: Option<i64>,
    /// `reinforce`: receiving side.
    pub side: Option<String>,
    /// `reinforce`: thousand persons arriving in all.
    pub amount_k: Option<Param>,
    /// `reinforce`: number of steps over which they arrive evenly (0 = all at once).
    pub over: Option<f64>,
    /// `set`/`scale`: dotted path of the parameter.
    pub path: Option<String>,
    /// `set`: the new value.
    pub value: Option<Param>,
    /// `scale`: the multiplier.
    pub factor: Option<Param>,
    /// `set`/`scale`: how many steps it lasts (omitted: to the end).
    pub duration: Option<i64>,
    /// A note printed in the event log.
    pub note: Option<String>,
}
