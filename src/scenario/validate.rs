//! The boundary: a merged scenario table becomes a validated [`Scenario`], or a list of
//! diagnostics naming file, line, column, key, value and what is allowed.
//!
//! Checks here are the ones the schema cannot express: ranges of every scalar parameter,
//! distributions that would always be clipped, exactly two sides, paths whose steps never go
//! back, events inside the horizon that name existing sides and parameters, donors that support
//! an existing side.

use super::error::{Diagnostic, Origin, ScenarioError};
use super::file::{EventKind, PathFile, ScenarioFile};
use super::overrides::Override;
use super::source::Merged;
use super::{
    CeasefireRule, DonorInfo, Event, EventAction, MONTH_DAYS, ModelKind, Scenario, SideInfo, Teaching, TimePath,
    YearMonth,
};
use crate::params::{Dist, GroupFile, Layout, Param, ParamGroup, ParamSpec, SIDE_GROUPS, Sampler, Slot, fmt_num};
use crate::params::{Donor, World};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

static AMOUNT_SPEC: ParamSpec = ParamSpec {
    name: "amount_k",
    unit: "thousand persons",
    default: 0.0,
    min: 0.0,
    max: 1.0e6,
    doc: "Reinforcements arriving in all.",
    source: "scenario",
};
static FACTOR_SPEC: ParamSpec = ParamSpec {
    name: "factor",
    unit: "multiplier",
    default: 1.0,
    min: 0.0,
    max: 1.0e3,
    doc: "Multiplier applied by a scale event.",
    source: "scenario",
};
static OIL_SPEC: ParamSpec = ParamSpec {
    name: "oil_usd_bbl",
    unit: "USD per barrel",
    default: 60.0,
    min: 0.0,
    max: 1000.0,
    doc: "World oil price path.",
    source: "data/calibration_figures.csv",
};
static SANCTIONS_SPEC: ParamSpec = ParamSpec {
    name: "sanctions_intensity",
    unit: "index 0-1",
    default: 0.0,
    min: 0.0,
    max: 1.0,
    doc: "Sanctions intensity path.",
    source: "assumption",
};

/// Most runs a scenario or `--runs` may ask for (memory does not grow with runs; time does).
pub const MAX_RUNS: i64 = 100_000_000;

/// Longest horizon, in steps.
pub const MAX_STEPS: i64 = 1200;

/// Collects diagnostics with the right origin for each key.
struct Checker<'a> {
    merged: &'a Merged,
    overrides: &'a [Override],
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn origin(&self, key: &str) -> Origin {
        let set =
            self.overrides.iter().rev().find(|o| {
                key == o.key || key.starts_with(&format!("{}.", o.key)) || o.key.starts_with(&format!("{key}."))
            });
        match set {
            Some(o) => o.origin(),
            None => self.merged.origin_of(key),
        }
    }

    fn err(&mut self, key: &str, message: impl Into<String>) {
        let origin = self.origin(key);
        self.out.push(Diagnostic { origin, key: Some(key.to_string()), message: message.into() });
    }

    /// Check one parameter against its spec and make its slot.
    fn slot(&mut self, path: String, spec: &'static ParamSpec, given: Option<&Param>) -> Slot {
        let param = given.cloned().unwrap_or(Param::Fixed(spec.default));
        match &param {
            Param::Fixed(x) if !spec.contains(*x) => {
                self.err(&path, spec.out_of_range(*x));
            }
            Param::Dist(d) => {
                if let Err(m) = d.check() {
                    self.err(&path, format!("{}: {m}", param.render()));
                } else if let Some(m) = outside(d, spec) {
                    self.err(&path, format!("{} {m}: {}", param.render(), spec.allowed()));
                }
            }
            _ => {}
        }
        let sampler = match &param {
            Param::Fixed(x) => Sampler::Fixed(*x),
            Param::Dist(d) if d.check().is_ok() => d.sampler(),
            Param::Dist(_) => Sampler::Fixed(spec.default),
        };
        Slot { path, spec, param, sampler }
    }

    fn group<G: ParamGroup>(&mut self, prefix: &str, file: &G::File, slots: &mut Vec<Slot>) {
        self.entries(prefix, G::SPECS, file.entries(), slots);
    }

    fn entries(
        &mut self,
        prefix: &str,
        specs: &'static [ParamSpec],
        given: Vec<Option<&Param>>,
        slots: &mut Vec<Slot>,
    ) {
        for (spec, given) in specs.iter().zip(given) {
            let s = self.slot(format!("{prefix}.{}", spec.name), spec, given);
            slots.push(s);
        }
    }

    fn path(&mut self, key: &str, given: Option<&PathFile>, spec: &'static ParamSpec) -> TimePath {
        let Some(points) = given else {
            return TimePath::constant(spec.default);
        };
        if points.is_empty() {
            self.err(key, "empty path: give at least one [month, value] point");
            return TimePath::constant(spec.default);
        }
        for (i, w) in points.windows(2).enumerate() {
            if w[1][0] < w[0][0] {
                self.err(
                    &format!("{key}.{}", i + 1),
                    format!(
                        "the months of a path must not decrease: [{}, {}] comes after month {}",
                        fmt_num(w[1][0]),
                        fmt_num(w[1][1]),
                        fmt_num(w[0][0])
                    ),
                );
            }
        }
        for (i, p) in points.iter().enumerate() {
            if !p[0].is_finite() {
                self.err(&format!("{key}.{i}"), format!("the month of a point must be a finite number, got {}", p[0]));
            } else if !spec.contains(p[1]) {
                self.err(&format!("{key}.{i}"), spec.out_of_range(p[1]));
            }
        }
        TimePath::new(points.iter().map(|p| (p[0], p[1])).collect())
    }
}

/// Whether a distribution lies wholly outside the valid range (every draw would be clipped).
fn outside(d: &Dist, spec: &ParamSpec) -> Option<String> {
    let (lo, hi) = match *d {
        Dist::Normal { mean, .. } => (mean, mean),
        Dist::LogNormal { median, .. } => (median, median),
        Dist::Uniform { lo, hi } => (lo, hi),
        Dist::Triangular { lo, hi, .. } => (lo, hi),
        Dist::Beta { lo, hi, .. } => (lo, hi),
    };
    if hi < spec.min || lo > spec.max {
        Some(match d {
            Dist::Normal { .. } | Dist::LogNormal { .. } => "is centred outside the valid range".to_string(),
            _ => "lies outside the valid range".to_string(),
        })
    } else {
        None
    }
}

fn is_name(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|f| f.is_ascii_lowercase())
        && s.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
}

/// Validate a merged scenario (after overrides).
pub fn validate(merged: &Merged, overrides: &[Override]) -> Result<Scenario, ScenarioError> {
    let file: ScenarioFile = match toml::Value::Table(merged.table.clone()).try_into() {
        Ok(f) => f,
        Err(e) => {
            // Each file and each override was checked against the schema on its own, so
            // this is a defence only: still name the file.
            let origin = overrides
                .last()
                .map(|o| o.origin())
                .unwrap_or_else(|| Origin::File(super::error::Location::file(merged.path())));
            let key = overrides.last().map(|o| o.key.clone());
            return Err(ScenarioError::one(origin, key, super::error::plain_message(e.message())));
        }
    };
    let mut c = Checker { merged, overrides, out: Vec::new() };
    let m = &file.scenario;

    let name = m
        .name
        .clone()
        .unwrap_or_else(|| merged.path().file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default());
    let start = match m.start.as_deref() {
        Some(s) => YearMonth::parse(s).unwrap_or_else(|| {
            c.err("scenario.start", format!("\"{s}\" is not a month: write YYYY-MM, e.g. \"2025-07\""));
            YearMonth { year: 2000, month: 1 }
        }),
        None => {
            c.err("scenario.start", "missing: the first month, YYYY-MM, e.g. start = \"2025-07\"");
            YearMonth { year: 2000, month: 1 }
        }
    };
    // `None` for an unknown model, so that checks that depend on the model stay quiet.
    let model_given = match m.model.as_deref().unwrap_or("war") {
        "war" => Some(ModelKind::War),
        "lanchester" => Some(ModelKind::Lanchester),
        other => {
            c.err("scenario.model", format!("\"{other}\" is not a model: must be \"war\" or \"lanchester\""));
            None
        }
    };
    let model = model_given.unwrap_or(ModelKind::War);
    let ceasefire = match m.ceasefire.as_deref().unwrap_or("never") {
        "never" => CeasefireRule::Never,
        "when_either_cuts_losses" => CeasefireRule::WhenEitherCutsLosses,
        "when_both_judge" => CeasefireRule::WhenBothJudge,
        other => {
            c.err(
                "scenario.ceasefire",
                format!(
                    "\"{other}\" is not a rule: must be \"never\", \"when_either_cuts_losses\" or \"when_both_judge\""
                ),
            );
            CeasefireRule::Never
        }
    };
    let (steps, step_days) = match (m.months, m.steps) {
        (Some(_), Some(_)) => {
            c.err("scenario.steps", "give either `months` or `steps` (with `step_days`), not both");
            (1, MONTH_DAYS)
        }
        (Some(n), None) => {
            if let Some(d) = m.step_days
                && (d - MONTH_DAYS).abs() > 1e-9
            {
                c.err("scenario.step_days", "with `months` the step is a month: use `steps` for other step lengths");
            }
            (n, MONTH_DAYS)
        }
        (None, Some(n)) => (n, m.step_days.unwrap_or(MONTH_DAYS)),
        (None, None) => {
            c.err("scenario.months", "missing: the horizon, e.g. months = 60 (or steps = 36 with step_days = 1)");
            (1, MONTH_DAYS)
        }
    };
    let steps_key = if m.steps.is_some() { "scenario.steps" } else { "scenario.months" };
    if !(1..=MAX_STEPS).contains(&steps) {
        c.err(steps_key, format!("{steps} is out of range: must be between 1 and {MAX_STEPS}"));
    }
    if !(step_days.is_finite() && step_days > 0.0 && step_days <= 366.0) {
        c.err("scenario.step_days", format!("{} is out of range: must be > 0 and ≤ 366", fmt_num(step_days)));
    }
    if model_given == Some(ModelKind::War) && (step_days - MONTH_DAYS).abs() > 1e-9 {
        c.err("scenario.step_days", "the war model steps in months: use `months`, or model = \"lanchester\"");
    }
    let runs = m.runs.unwrap_or(1000);
    if !(1..=MAX_RUNS).contains(&runs) {
        c.err("scenario.runs", format!("{runs} is out of range: must be between 1 and {MAX_RUNS}"));
    }
    let seed = m.seed.unwrap_or(1);
    if seed < 0 {
        c.err("scenario.seed", format!("{seed} is out of range: must be between 0 and {}", i64::MAX));
    }
    // Where the horizon was set, for messages about what lies beyond it.
    let horizon_from = overrides
        .iter()
        .rev()
        .find(|o| o.key == steps_key)
        .map(|o| if o.flag { format!(", set by {}", o.arg) } else { format!(", set by --set {}", o.arg) })
        .unwrap_or_default();
    let steps = steps.clamp(1, 1200) as usize;

    // Sides.
    let side_names: Vec<&String> = file.sides.keys().collect();
    if side_names.len() != 2 {
        let found = if side_names.is_empty() {
            "none".to_string()
        } else {
            side_names.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        };
        c.err(
            "sides",
            format!(
                "a scenario needs exactly two sides, each a [sides.NAME] table; found {}: {found}",
                side_names.len()
            ),
        );
    }
    for n in &side_names {
        if !is_name(n) {
            c.err(
                &format!("sides.{n}"),
                "side names are snake_case: lowercase letters, digits and _, starting with a letter",
            );
        }
    }
    let sides: [SideInfo; 2] = std::array::from_fn(|i| {
        let name = side_names.get(i).map(|s| s.to_string()).unwrap_or_else(|| format!("side{i}"));
        let label = file.sides.get(&name).and_then(|s| s.label.clone()).unwrap_or_else(|| name.clone());
        SideInfo { name, label }
    });

    // Scalar parameters, in layout order.
    let mut slots: Vec<Slot> = Vec::new();
    let mut layout = Layout::default();
    let default_side = super::file::SideFile::default();
    for (i, side) in sides.iter().enumerate() {
        layout.sides[i] = slots.len();
        let f = file.sides.get(&side.name).unwrap_or(&default_side);
        let p = format!("sides.{}", side.name);
        for (g, given) in SIDE_GROUPS.iter().zip(f.group_entries()) {
            c.entries(&format!("{p}.{}", g.key), g.specs, given, &mut slots);
        }
    }
    layout.world = slots.len();
    c.group::<World>("world", &file.world, &mut slots);

    let mut donors = Vec::new();
    for (i, d) in file.donors.iter().enumerate() {
        let key = if d.name.is_empty() { format!("donors.{i}") } else { format!("donors.{}", d.name) };
        if !is_name(&d.name) {
            c.err(&format!("donors.{i}.name"), "each donor needs a snake_case `name`");
        } else if file.donors[..i].iter().any(|o| o.name == d.name) {
            c.err(&format!("{key}.name"), format!("donor `{}` is declared twice", d.name));
        }
        let recipient = sides.iter().position(|s| s.name == d.recipient);
        if recipient.is_none() {
            c.err(
                &format!("{key}.recipient"),
                format!("\"{}\" is not a side: must be \"{}\" or \"{}\"", d.recipient, sides[0].name, sides[1].name),
            );
        }
        layout.donors.push(slots.len());
        c.group::<Donor>(&key, d, &mut slots);
        donors.push(DonorInfo { name: d.name.clone(), recipient: recipient.unwrap_or(0) });
    }

    let oil_path = c.path("paths.oil_usd_bbl", file.paths.oil_usd_bbl.as_ref(), &OIL_SPEC);
    let sanctions_path = c.path("paths.sanctions_intensity", file.paths.sanctions_intensity.as_ref(), &SANCTIONS_SPEC);

    // Events.
    let index: HashMap<String, usize> = slots.iter().enumerate().map(|(i, s)| (s.path.clone(), i)).collect();
    let mut events = Vec::new();
    for (i, e) in file.events.iter().enumerate() {
        let key = format!("events.{i}");
        let Some(kind) = e.kind else {
            c.err(&format!("{key}.kind"), "missing: each event has a kind: \"reinforce\", \"set\" or \"scale\"");
            continue;
        };
        let month = match e.month {
            Some(mo) if mo < 0 => {
                c.err(&format!("{key}.month"), format!("{mo} is out of range: must be ≥ 0"));
                0
            }
            Some(mo) if mo as usize >= steps => {
                c.err(
                    &format!("{key}.month"),
                    format!(
                        "{mo} is after the horizon: must be between 0 and {} (the scenario has {steps} steps{horizon_from})",
                        steps - 1
                    ),
                );
                0
            }
            Some(mo) => mo as usize,
            None => {
                c.err(&format!("{key}.month"), "missing: the step at which the event starts");
                0
            }
        };
        let duration = match e.duration {
            Some(d) if d < 1 => {
                c.err(&format!("{key}.duration"), format!("{d} is out of range: must be ≥ 1"));
                None
            }
            d => d.map(|d| d as usize),
        };
        let action = match kind {
            EventKind::Reinforce => {
                let side = match e.side.as_deref() {
                    Some(s) => sides.iter().position(|x| x.name == s).unwrap_or_else(|| {
                        c.err(
                            &format!("{key}.side"),
                            format!("\"{s}\" is not a side: must be \"{}\" or \"{}\"", sides[0].name, sides[1].name),
                        );
                        0
                    }),
                    None => {
                        c.err(&format!("{key}.side"), "missing: the side that receives the reinforcements");
                        0
                    }
                };
                if e.amount_k.is_none() {
                    c.err(&format!("{key}.amount_k"), "missing: thousand persons arriving");
                }
                let over = e.over.unwrap_or(0.0);
                if !(over.is_finite() && over >= 0.0 && over.fract() == 0.0) {
                    c.err(
                        &format!("{key}.over"),
                        format!("{} is not allowed: must be a whole number of steps ≥ 0", fmt_num(over)),
                    );
                }
                let s = c.slot(format!("{key}.amount_k"), &AMOUNT_SPEC, e.amount_k.as_ref());
                slots.push(s);
                EventAction::Reinforce { side, amount: slots.len() - 1, over: over.max(0.0) }
            }
            EventKind::Set | EventKind::Scale => {
                let target = match e.path.as_deref() {
                    Some(p) => match index.get(p) {
                        Some(&t) => Some(t),
                        None => {
                            let known: Vec<String> = index.keys().cloned().collect();
                            let near = super::overrides::closest(&known, p, 3);
                            c.err(
                                &format!("{key}.path"),
                                format!("\"{p}\" is not a parameter; the closest are: {}", near.join(", ")),
                            );
                            None
                        }
                    },
                    None => {
                        c.err(&format!("{key}.path"), "missing: the dotted path of the parameter to change");
                        None
                    }
                };
                let t = target.unwrap_or(0);
                if kind == EventKind::Set {
                    if e.value.is_none() {
                        c.err(&format!("{key}.value"), "missing: the new value");
                    }
                    let spec = slots[t].spec;
                    let s = c.slot(format!("{key}.value"), spec, e.value.as_ref());
                    slots.push(s);
                    EventAction::Set { target: t, value: slots.len() - 1 }
                } else {
                    if e.factor.is_none() {
                        c.err(&format!("{key}.factor"), "missing: the multiplier");
                    }
                    let s = c.slot(format!("{key}.factor"), &FACTOR_SPEC, e.factor.as_ref());
                    slots.push(s);
                    EventAction::Scale { target: t, factor: slots.len() - 1 }
                }
            }
        };
        events.push(Event { name: e.name.clone(), month, duration, action, note: e.note.clone() });
    }

    // Historical observations: a side, a step ≥ 0, a strength ≥ 0. A point after the horizon
    // (one shortened by `--months`, say) is kept and simply not drawn.
    let mut observed = Vec::new();
    for (i, o) in file.observed.iter().enumerate() {
        let key = format!("observed.{i}");
        let step = match o.day {
            Some(d) if d < 0 => {
                c.err(&format!("{key}.day"), format!("{d} is out of range: must be ≥ 0 (0 is the start)"));
                None
            }
            Some(d) => Some(d as usize),
            None => {
                c.err(&format!("{key}.day"), "missing: the step (day) at whose end the value was observed");
                None
            }
        };
        let side = match o.side.as_deref() {
            Some(s) => {
                let found = sides.iter().position(|x| x.name == s);
                if found.is_none() {
                    c.err(
                        &format!("{key}.side"),
                        format!("\"{s}\" is not a side: must be \"{}\" or \"{}\"", sides[0].name, sides[1].name),
                    );
                }
                found
            }
            None => {
                c.err(&format!("{key}.side"), "missing: the side observed");
                None
            }
        };
        let value = match o.value {
            Some(v) if !(v.is_finite() && v >= 0.0) => {
                c.err(
                    &format!("{key}.value"),
                    format!("{} is out of range: must be ≥ 0 (thousand persons)", fmt_num(v)),
                );
                None
            }
            Some(v) => Some(v),
            None => {
                c.err(&format!("{key}.value"), "missing: the front strength observed, thousand persons");
                None
            }
        };
        if let (Some(step), Some(side), Some(value_k)) = (step, side, value) {
            observed.push(super::Observation { step, side, value_k });
        }
    }

    let levers = if file.levers.is_empty() {
        let names = [sides[0].name.as_str(), sides[1].name.as_str()];
        super::levers::Levers { declared: false, list: super::levers::essay_levers(names, &merged.table, &slots) }
    } else {
        let (mut list, problems) = super::levers::check(&file.levers, &merged.table, &slots);
        super::levers::in_file_order(&mut list, merged);
        for (key, message) in problems {
            c.err(&key, message);
        }
        super::levers::Levers { declared: true, list }
    };

    if !c.out.is_empty() {
        return Err(ScenarioError { diagnostics: c.out });
    }

    let mut h = Sha256::new();
    for s in &merged.sources {
        h.update(s.path.to_string_lossy().as_bytes());
        h.update([0]);
        h.update(s.text.as_bytes());
        h.update([0]);
    }
    // Flags (runs, seed, horizon) are recorded apart from the scenario, in the manifest.
    for o in overrides.iter().filter(|o| !o.flag) {
        h.update(o.arg.as_bytes());
        h.update([0]);
    }
    let source_hash = h.finalize().iter().map(|b| format!("{b:02x}")).collect();

    let warnings = no_effect(&c, &merged.table, &sides, &slots, &events);
    let t = &file.teaching;
    Ok(Scenario {
        name,
        description: m.description.clone().unwrap_or_default(),
        file: merged.path().to_path_buf(),
        start,
        steps,
        step_days,
        runs: runs.max(1) as usize,
        seed: seed.max(0) as u64,
        model,
        ceasefire,
        teaching: Teaching {
            what_it_shows: t.what_it_shows.clone().unwrap_or_default(),
            things_to_notice: t.things_to_notice.clone(),
            things_to_try: t.things_to_try.clone(),
            questions: t.questions.clone(),
        },
        sides,
        slots,
        layout,
        oil_path,
        sanctions_path,
        donors,
        events,
        overrides: overrides.iter().filter(|o| !o.flag).map(|o| o.arg.clone()).collect(),
        source_hash,
        levers,
        warnings,
        observed,
    })
}

/// Parameters that act only through a channel, and the parameters that switch the channel on
/// (any of them above 0, drawn, or changed by an event): a written parameter whose channel is
/// off in the scenario as written has no effect.
const CHANNELS: &[(&str, &str, &[&str])] = &[
    (
        "manpower.pool_k",
        "no recruitment channel is on",
        &[
            "manpower.bounty_recruits_k_per_month",
            "manpower.conscription_k_per_month",
            "manpower.age_18_24_rate_k_per_month",
        ],
    ),
    ("manpower.bounty_elasticity", "the bounty channel is off", &["manpower.bounty_recruits_k_per_month"]),
    ("manpower.bounty_budget_usd_bn_per_month", "the bounty channel is off", &["manpower.bounty_recruits_k_per_month"]),
];

/// Warnings (not errors) about parameters written in the files or by `--set` that have no
/// effect in the war model as the scenario stands (their channel is switched off).
fn no_effect(
    c: &Checker<'_>,
    table: &toml::Table,
    sides: &[SideInfo; 2],
    slots: &[Slot],
    events: &[Event],
) -> Vec<Diagnostic> {
    let written = |path: &str| {
        let mut v = Some(table);
        let segs: Vec<&str> = path.split('.').collect();
        let (last, head) = segs.split_last().unwrap_or((&"", &[]));
        for s in head {
            v = v.and_then(|t| t.get(*s)).and_then(toml::Value::as_table);
        }
        v.is_some_and(|t| t.contains_key(*last))
    };
    let model = table.get("scenario").and_then(|m| m.get("model")).and_then(toml::Value::as_str);
    if model.is_some_and(|m| m != "war") {
        return Vec::new();
    }
    let on = |path: &str| {
        let Some(i) = slots.iter().position(|s| s.path == path) else {
            return false;
        };
        let slot = &slots[i];
        slot.is_uncertain()
            || slot.central() > 0.0
            || events.iter().any(|e| match e.action {
                EventAction::Set { target, .. } | EventAction::Scale { target, .. } => target == i,
                EventAction::Reinforce { .. } => false,
            })
    };
    let mut out = Vec::new();
    for side in sides {
        for (param, why, switches) in CHANNELS {
            let path = format!("sides.{}.{param}", side.name);
            if !written(&path) {
                continue;
            }
            let paths: Vec<String> = switches.iter().map(|s| format!("sides.{}.{s}", side.name)).collect();
            if paths.iter().any(|p| on(p)) {
                continue;
            }
            let names: Vec<&str> = switches.iter().map(|s| s.rsplit('.').next().unwrap_or(s)).collect();
            let zero = if names.len() == 1 { "is 0" } else { "are all 0" };
            out.push(Diagnostic {
                origin: c.origin(&path),
                key: Some(path.clone()),
                message: format!("has no effect: {why} ({} {zero})", names.join(", ")),
            });
        }
    }
    // Ground changes hands only if the opponent holds some: a side cannot take more than that.
    for (s, side) in sides.iter().enumerate() {
        let opponent = &sides[1 - s].name;
        for param in ["territory.gain_km2_per_month", "territory.counter_km2_per_month"] {
            let path = format!("sides.{}.{param}", side.name);
            if written(&path) && on(&path) && !on(&format!("sides.{opponent}.territory.held_km2")) {
                out.push(Diagnostic {
                    origin: c.origin(&path),
                    key: Some(path.clone()),
                    message: format!(
                        "has no effect: {opponent} holds no ground to take (sides.{opponent}.territory.held_km2 is 0)"
                    ),
                });
            }
        }
    }
    out
}
