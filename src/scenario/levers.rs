//! `[levers]`: the few parameters a scenario lets students move in `protracted serve`.
//!
//! A lever is a table under `[levers]`, keyed by a short name:
//!
//! ```toml
//! [levers.europe_aid]
//! label = "European military aid"
//! path = "donors.europe.military_usd_bn_per_month"
//! min = 0
//! max = 3
//! step = 0.1
//! scale = true        # a multiplier on the scenario's value (a number or a distribution)
//! ```
//!
//! Without `scale`, the lever sets the parameter to a number (the parameter must then be a
//! number, not a distribution, and the lever's range must lie inside the parameter's valid
//! range). With `scale = true`, the lever multiplies what the scenario has: a number, every
//! number of a distribution that moves with the scale (a normal's mean and sd, a lognormal's
//! median, both ends of a uniform, ...), or every value of a time path (`paths.*`).
//!
//! This module checks the table ([`check`]) and turns a lever position into the `--set`
//! argument that applies it ([`Lever::set_arg`]), so that a moved lever is validated by exactly
//! the rules of a scenario file and a saved set of positions ([`variant_file`]) runs the same
//! with `protracted run`. Without a `[levers]` table a scenario gets the essay's levers that
//! apply to it ([`essay_levers`]). Running ensembles and drawing are left to the callers.

use crate::params::{Param, Slot, fmt_num};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::{Table, Value};

/// `[levers.NAME]` as written.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LeverFile {
    /// What the lever is called in the room, e.g. "European military aid".
    pub label: Option<String>,
    /// Dotted path of the parameter it moves (`sides.*`, `world.*`, `donors.NAME.*`, `paths.*`).
    pub path: Option<String>,
    /// Smallest position.
    pub min: Option<f64>,
    /// Largest position.
    pub max: Option<f64>,
    /// Step between positions (default: a hundredth of the range).
    pub step: Option<f64>,
    /// Unit of the position (default: the parameter's unit, or "× scenario value" with `scale`).
    pub unit: Option<String>,
    /// Whether the position is a multiplier on the scenario's value (default false).
    pub scale: Option<bool>,
}

/// A checked lever.
#[derive(Debug, Clone, PartialEq)]
pub struct Lever {
    /// Its key under `[levers]`.
    pub id: String,
    /// Label.
    pub label: String,
    /// Dotted path of the parameter.
    pub path: String,
    /// Smallest position.
    pub min: f64,
    /// Largest position.
    pub max: f64,
    /// Step between positions.
    pub step: f64,
    /// Unit of the position.
    pub unit: String,
    /// Whether the position multiplies the scenario's value.
    pub scale: bool,
    /// The position that leaves the scenario unchanged (1 for a multiplier).
    pub initial: f64,
    /// The scenario's value at `path` (a number, a distribution table or a path array).
    pub base: Value,
}

/// The levers of a scenario.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Levers {
    /// Whether they come from the scenario's own `[levers]` table (false: the essay's).
    pub declared: bool,
    /// The levers, in key order.
    pub list: Vec<Lever>,
}

/// A lever position that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct PositionError {
    /// The lever's key.
    pub id: String,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl Lever {
    /// Whether `x` leaves the scenario as it is.
    pub fn is_initial(&self, x: f64) -> bool {
        (x - self.initial).abs() <= 1e-12 * self.initial.abs().max(1.0)
    }

    /// Check a position against the lever's range.
    pub fn check(&self, x: f64) -> Result<(), PositionError> {
        if x.is_finite() && x >= self.min - 1e-9 * self.step && x <= self.max + 1e-9 * self.step {
            Ok(())
        } else {
            Err(PositionError {
                id: self.id.clone(),
                message: format!(
                    "levers.{}: {} is out of range: must be between {} and {} ({})",
                    self.id,
                    fmt_num(x),
                    fmt_num(self.min),
                    fmt_num(self.max),
                    self.unit
                ),
            })
        }
    }

    /// The value the parameter takes at position `x`.
    pub fn value_at(&self, x: f64) -> Value {
        if self.scale { scaled(&self.base, x) } else { number(x) }
    }

    /// The `--set` argument that puts the lever at `x`.
    pub fn set_arg(&self, x: f64) -> String {
        format!("{}={}", self.path, inline(&self.value_at(x)))
    }
}

fn number(x: f64) -> Value {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 { Value::Integer(x as i64) } else { Value::Float(x) }
}

/// A number rounded to 12 significant digits, so that 0.1 × 3 prints as 0.3.
fn tidy(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 11 - x.abs().log10().floor() as i32;
    let p = 10f64.powi(digits.clamp(-300, 300));
    (x * p).round() / p
}

fn times(v: &Value, f: f64) -> Value {
    match v {
        Value::Integer(i) => number(tidy(*i as f64 * f)),
        Value::Float(x) => number(tidy(x * f)),
        other => other.clone(),
    }
}

/// `base` multiplied by `f`: a number, the location and spread of a distribution, every value
/// of a time path.
pub fn scaled(base: &Value, f: f64) -> Value {
    match base {
        Value::Integer(_) | Value::Float(_) => times(base, f),
        Value::Array(points) => Value::Array(
            points
                .iter()
                .map(|p| match p {
                    Value::Array(mv) if mv.len() == 2 => Value::Array(vec![mv[0].clone(), times(&mv[1], f)]),
                    other => other.clone(),
                })
                .collect(),
        ),
        Value::Table(t) if t.len() == 1 => {
            let Some((kind, Value::Array(nums))) = t.iter().next() else {
                return base.clone();
            };
            // Which numbers move with the scale: all but a lognormal's sigma and a beta's
            // shape parameters.
            let moved: Vec<Value> = match kind.as_str() {
                "lognormal" => {
                    nums.iter().enumerate().map(|(i, v)| if i == 0 { times(v, f) } else { v.clone() }).collect()
                }
                "beta" if nums.len() == 2 => vec![nums[0].clone(), nums[1].clone(), number(0.0), number(tidy(f))],
                "beta" => nums.iter().enumerate().map(|(i, v)| if i >= 2 { times(v, f) } else { v.clone() }).collect(),
                _ => nums.iter().map(|v| times(v, f)).collect(),
            };
            let mut out = Table::new();
            out.insert(kind.clone(), Value::Array(moved));
            Value::Table(out)
        }
        other => other.clone(),
    }
}

/// A value as it is written after `=` in a TOML file.
pub fn inline(v: &Value) -> String {
    match v {
        Value::Table(t) => {
            let items: Vec<String> = t.iter().map(|(k, v)| format!("{k} = {}", inline(v))).collect();
            format!("{{ {} }}", items.join(", "))
        }
        Value::Array(a) => format!("[{}]", a.iter().map(inline).collect::<Vec<_>>().join(", ")),
        Value::Float(x) => fmt_num(*x),
        other => other.to_string(),
    }
}

/// The value at a dotted path of a merged scenario table; array entries by `name` or index.
pub fn lookup<'a>(table: &'a Table, path: &str) -> Option<&'a Value> {
    let mut segs = path.split('.');
    let mut cur = table.get(segs.next()?)?;
    for s in segs {
        cur = match cur {
            Value::Table(t) => t.get(s)?,
            Value::Array(a) => match s.parse::<usize>() {
                Ok(i) => a.get(i)?,
                Err(_) => a.iter().find(|e| e.get("name").and_then(Value::as_str) == Some(s))?,
            },
            _ => return None,
        };
    }
    Some(cur)
}

/// Check the `[levers]` table of a merged scenario against its parameter slots. Returns the
/// levers and, for each problem, the key path (`levers.NAME.FIELD`) and the message.
pub fn check(
    levers: &BTreeMap<String, LeverFile>,
    table: &Table,
    slots: &[Slot],
) -> (Vec<Lever>, Vec<(String, String)>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (id, f) in levers {
        let mut err = |field: &str, m: String| problems.push((format!("levers.{id}.{field}"), m));
        let label = match f.label.as_deref().map(str::trim) {
            Some(l) if !l.is_empty() => l.to_string(),
            _ => {
                err(
                    "label",
                    "missing: the lever's name as said in the room, e.g. label = \"European military aid\"".into(),
                );
                continue;
            }
        };
        let Some(path) = f.path.clone() else {
            err("path", "missing: the dotted path of the parameter the lever moves".into());
            continue;
        };
        let (Some(min), Some(max)) = (f.min, f.max) else {
            err(if f.min.is_none() { "min" } else { "max" }, "missing: a lever needs `min` and `max`".into());
            continue;
        };
        if !(min.is_finite() && max.is_finite() && min < max) {
            err("max", format!("{} is not above min ({}): a lever needs min < max", fmt_num(max), fmt_num(min)));
            continue;
        }
        let step = f.step.unwrap_or((max - min) / 100.0);
        if !(step.is_finite() && step > 0.0 && step <= max - min) {
            err(
                "step",
                format!("{} is not allowed: must be > 0 and ≤ max - min ({})", fmt_num(step), fmt_num(max - min)),
            );
            continue;
        }
        let scale = f.scale.unwrap_or(false);
        let slot = slots.iter().find(|s| s.path == path);
        let is_path = path.starts_with("paths.") && path.split('.').count() == 2;
        if slot.is_none() && !is_path || path.starts_with("events.") {
            err(
                "path",
                format!(
                    "\"{path}\" is not a parameter a lever can move: use the path of a number under sides, world or donors (e.g. \"donors.europe.military_usd_bn_per_month\") or a time path (\"paths.oil_usd_bbl\", \"paths.sanctions_intensity\")"
                ),
            );
            continue;
        }
        let written = lookup(table, &path).cloned();
        let (base, initial, unit) = if is_path {
            let Some(base) = written else {
                err(
                    "path",
                    format!(
                        "\"{path}\" is not written in the scenario: a lever on a time path scales the path as written"
                    ),
                );
                continue;
            };
            if !scale {
                err("scale", format!("\"{path}\" is a time path: a lever on it must be a multiplier, scale = true"));
                continue;
            }
            (base, 1.0, "× scenario value".to_string())
        } else {
            let Some(slot) = slot else { continue };
            let base = written.unwrap_or_else(|| number(slot.central()));
            if scale {
                (base, 1.0, "× scenario value".to_string())
            } else {
                if let Param::Dist(_) = slot.param {
                    err(
                        "scale",
                        format!(
                            "\"{path}\" is drawn from a distribution ({}): a lever on it must be a multiplier, scale = true",
                            slot.param.render()
                        ),
                    );
                    continue;
                }
                if !(slot.spec.contains(min) && slot.spec.contains(max)) {
                    let bad = if slot.spec.contains(min) { ("max", max) } else { ("min", min) };
                    err(
                        bad.0,
                        format!(
                            "{} (the lever's range must lie inside the parameter's)",
                            slot.spec.out_of_range(bad.1)
                        ),
                    );
                    continue;
                }
                (base, slot.central(), slot.spec.unit.to_string())
            }
        };
        if initial < min || initial > max {
            let what = if scale {
                "1 (the scenario's value)".to_string()
            } else {
                format!("the scenario's value, {}", fmt_num(initial))
            };
            err("min", format!("the range {} to {} must include {what}", fmt_num(min), fmt_num(max)));
            continue;
        }
        out.push(Lever {
            id: id.clone(),
            label,
            path,
            min,
            max,
            step,
            unit: f.unit.clone().unwrap_or(unit),
            scale,
            initial,
            base,
        });
    }
    (out, problems)
}

/// Put levers in the order they are written: the root file of the `extends` chain first, in
/// each file by position (a lever a variant only changes keeps its parent's place).
pub fn in_file_order(list: &mut [Lever], merged: &super::source::Merged) {
    let pos = |id: &str| {
        let key = format!("levers.{id}");
        merged
            .sources
            .iter()
            .rev()
            .enumerate()
            .find_map(|(i, s)| super::source::span_of(&s.text, &key).map(|o| (i, o)))
            .unwrap_or((usize::MAX, 0))
    };
    list.sort_by_cached_key(|l| pos(&l.id));
}

/// The levers the essay discusses, for a scenario without a `[levers]` table: those whose
/// parameters the scenario has (written for sides named `russia` and `ukraine` and donors
/// named `us` and `europe`), and for any two sides their front strength and lethality.
pub fn essay_levers(sides: [&str; 2], table: &Table, slots: &[Slot]) -> Vec<Lever> {
    let l = |label: &str, path: String, min: f64, max: f64, step: f64, scale: bool| LeverFile {
        label: Some(label.to_string()),
        path: Some(path),
        min: Some(min),
        max: Some(max),
        step: Some(step),
        unit: None,
        scale: Some(scale),
    };
    let mut wanted: Vec<(String, LeverFile)> = vec![
        (
            "a_europe_aid".into(),
            l("European military aid", "donors.europe.military_usd_bn_per_month".into(), 0.0, 3.0, 0.1, true),
        ),
        ("b_us_active".into(), l("US support (0 = withdrawn)", "donors.us.active".into(), 0.0, 2.0, 0.1, false)),
        ("c_sanctions".into(), l("Sanctions intensity", "paths.sanctions_intensity".into(), 0.0, 1.6, 0.05, true)),
        ("d_oil".into(), l("World oil price", "paths.oil_usd_bbl".into(), 0.5, 1.5, 0.05, true)),
        (
            "e_russia_learning".into(),
            l("How fast the Kremlin learns", "sides.russia.judgment.learning_rate".into(), 0.0, 4.0, 0.1, true),
        ),
        (
            "f_ukraine_age".into(),
            l(
                "Ukraine conscripts 18-24 year-olds (share liable)",
                "sides.ukraine.manpower.age_18_24_share".into(),
                0.0,
                1.0,
                0.05,
                false,
            ),
        ),
    ];
    for (i, s) in sides.iter().enumerate() {
        wanted.push((
            format!("g{i}_front_{s}"),
            l(&format!("{s}: front strength"), format!("sides.{s}.attrition.front_k"), 0.5, 2.0, 0.05, true),
        ));
        wanted.push((
            format!("h{i}_lethality_{s}"),
            l(&format!("{s}: lethality"), format!("sides.{s}.attrition.lethality_per_day"), 0.5, 2.0, 0.05, true),
        ));
    }
    let mut out = Vec::new();
    for (id, f) in wanted {
        let one: BTreeMap<String, LeverFile> = [(id, f)].into_iter().collect();
        let (mut ok, problems) = check(&one, table, slots);
        if problems.is_empty() {
            out.append(&mut ok);
        }
    }
    out
}

/// A scenario file that `extends` `parent` (a path relative to where the file will be saved)
/// and sets the parameters of the levers at the given positions (levers at their initial
/// position are left out). `runs`, `seed` and `months` are written so that `protracted run`
/// reproduces the ensemble.
pub fn variant_file(
    parent: &str,
    name: &str,
    moved: &[(&Lever, f64)],
    runs: usize,
    seed: u64,
    months: usize,
) -> String {
    let mut t = Table::new();
    t.insert("schema".into(), Value::Integer(1));
    t.insert("extends".into(), Value::String(parent.to_string()));
    let mut meta = Table::new();
    meta.insert("name".into(), Value::String(name.to_string()));
    let what: Vec<String> = moved
        .iter()
        .filter(|(l, x)| !l.is_initial(*x))
        .map(|(l, x)| format!("{} {} {}", l.label, fmt_num(tidy(*x)), l.unit))
        .collect();
    meta.insert("description".into(), Value::String(format!("Levers moved: {}", what.join("; "))));
    meta.insert("runs".into(), Value::Integer(runs as i64));
    meta.insert("seed".into(), Value::Integer(seed as i64));
    meta.insert("months".into(), Value::Integer(months as i64));
    t.insert("scenario".into(), Value::Table(meta));
    for (l, x) in moved.iter().filter(|(l, x)| !l.is_initial(*x)) {
        insert(&mut t, &l.path, l.value_at(*x));
    }
    let body = toml::to_string(&t).unwrap_or_default();
    format!(
        "# Written by `protracted serve`: {name}.\n# Save it next to {parent} (it extends that file), then: protracted run FILE.toml\n{body}"
    )
}

/// Put `v` at a dotted path, creating tables; `donors.NAME.key` goes into the `[[donors]]`
/// entry named NAME.
fn insert(t: &mut Table, path: &str, v: Value) {
    let segs: Vec<&str> = path.split('.').collect();
    if segs.len() == 3 && segs[0] == "donors" {
        let donors = t.entry("donors").or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(a) = donors {
            let i = match a.iter().position(|e| e.get("name").and_then(Value::as_str) == Some(segs[1])) {
                Some(i) => i,
                None => {
                    let mut e = Table::new();
                    e.insert("name".into(), Value::String(segs[1].to_string()));
                    a.push(Value::Table(e));
                    a.len() - 1
                }
            };
            if let Some(Value::Table(e)) = a.get_mut(i) {
                e.insert(segs[2].to_string(), v);
            }
        }
        return;
    }
    let mut cur = t;
    for s in &segs[..segs.len() - 1] {
        let next = cur.entry(s.to_string()).or_insert_with(|| Value::Table(Table::new()));
        let Value::Table(n) = next else { return };
        cur = n;
    }
    cur.insert(segs[segs.len() - 1].to_string(), v);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Value {
        let t: Table = toml::from_str(&format!("v = {s}")).expect("toml");
        t["v"].clone()
    }

    #[test]
    fn scaling_moves_location_and_spread_but_not_shape() {
        assert_eq!(inline(&scaled(&v("2"), 1.5)), "3");
        assert_eq!(inline(&scaled(&v("0.1"), 3.0)), "0.3");
        assert_eq!(inline(&scaled(&v("{ triangular = [1.8, 2.3, 3.0] }"), 2.0)), "{ triangular = [3.6, 4.6, 6] }");
        assert_eq!(inline(&scaled(&v("{ normal = [10, 2] }"), 0.5)), "{ normal = [5, 1] }");
        assert_eq!(inline(&scaled(&v("{ lognormal = [10, 0.3] }"), 2.0)), "{ lognormal = [20, 0.3] }");
        assert_eq!(inline(&scaled(&v("{ beta = [2, 5] }"), 2.0)), "{ beta = [2, 5, 0, 2] }");
        assert_eq!(inline(&scaled(&v("{ beta = [2, 5, 1, 3] }"), 2.0)), "{ beta = [2, 5, 2, 6] }");
        assert_eq!(inline(&scaled(&v("[[0, 0.6], [60, 0.5]]"), 1.5)), "[[0, 0.9], [60, 0.75]]");
    }

    #[test]
    fn lookup_finds_named_array_entries() {
        let t: Table = toml::from_str("[[donors]]\nname = \"us\"\nactive = 1\n[sides.a.x]\ny = 2\n").expect("toml");
        assert_eq!(lookup(&t, "donors.us.active"), Some(&Value::Integer(1)));
        assert_eq!(lookup(&t, "sides.a.x.y"), Some(&Value::Integer(2)));
        assert_eq!(lookup(&t, "donors.eu.active"), None);
    }

    #[test]
    fn a_variant_file_nests_donors_by_name() {
        let mut t = Table::new();
        insert(&mut t, "donors.europe.active", number(2.0));
        insert(&mut t, "sides.a.judgment.learning_rate", number(0.5));
        let s = toml::to_string(&t).expect("serialises");
        let back: Table = toml::from_str(&s).expect("parses");
        assert_eq!(lookup(&back, "donors.europe.active"), Some(&Value::Integer(2)), "{s}");
        assert_eq!(lookup(&back, "sides.a.judgment.learning_rate"), Some(&Value::Float(0.5)), "{s}");
        assert!(s.contains("[[donors]]") && s.contains("[sides.a.judgment]"), "{s}");
    }
}
