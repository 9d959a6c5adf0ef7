//! `--set KEY=VALUE`: overriding any scenario value by its dotted path.
//!
//! The value is read as a TOML value (`0.8`, `{ normal = [1, 0.1] }`, `[[0, 60], [24, 45]]`,
//! `"text"`); a bare word that is not TOML is taken as a string. The key must be a path the
//! schema knows ([`known_paths`]); an unknown one is an error naming the closest valid paths.
//! Entries of `[[donors]]` are addressed by name (`donors.us.active`), entries of `[[events]]`
//! by index (`events.0.month`).

use super::error::{Origin, ScenarioError, plain_message};
use super::file::ScenarioFile;
use crate::params::{Donor, ParamGroup, SIDE_GROUPS, World};
use toml::{Table, Value};

/// One parsed `--set` argument, or a flag that sets a scenario value (`--months 2`).
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// The argument as written, for messages (`KEY=VALUE` for `--set`, `--months 2` for a flag).
    pub arg: String,
    /// Dotted path.
    pub key: String,
    /// The value.
    pub value: Value,
    /// Whether it came from a flag other than `--set`.
    pub flag: bool,
}

impl Override {
    /// A flag that sets scenario value `key` (a flag is checked like the key it sets).
    pub fn flag(flag: &str, key: &str, value: i64) -> Override {
        Override { arg: format!("{flag} {value}"), key: key.to_string(), value: Value::Integer(value), flag: true }
    }

    /// Where it came from, for messages.
    pub fn origin(&self) -> Origin {
        if self.flag { Origin::Flag(self.arg.clone()) } else { Origin::Set(self.arg.clone()) }
    }
}

/// Keys of the file that `--set` may not write, and why.
const NOT_SETTABLE: &[(&str, &str)] = &[
    ("extends", "cannot be set from the command line: a scenario's parent is named in its file"),
    ("schema", "cannot be set from the command line: it is the file format's version, written in the file"),
];

/// Parse `KEY=VALUE`.
pub fn parse(arg: &str) -> Result<Override, ScenarioError> {
    let Some((key, raw)) = arg.split_once('=') else {
        return Err(ScenarioError::one(
            Origin::Set(arg.to_string()),
            None,
            "expected KEY=VALUE, e.g. --set sides.russia.judgment.self_optimism=0.3",
        ));
    };
    let key = key.trim().to_string();
    if key.is_empty() || key.split('.').any(str::is_empty) {
        return Err(ScenarioError::one(Origin::Set(arg.to_string()), None, "the key is not a dotted path"));
    }
    if let Some((_, why)) = NOT_SETTABLE.iter().find(|(k, _)| *k == key) {
        return Err(ScenarioError::one(Origin::Set(arg.to_string()), Some(key), *why));
    }
    let raw = raw.trim();
    let value = match toml::from_str::<Table>(&format!("v = {raw}")) {
        Ok(mut t) => t.remove("v").unwrap_or(Value::String(raw.to_string())),
        Err(_) => Value::String(raw.to_string()),
    };
    Ok(Override { arg: arg.to_string(), key, value, flag: false })
}

/// Every path a scenario with these side and donor names may set, leaves and tables alike.
pub fn known_paths(table: &Table) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for k in ["name", "description", "start", "months", "steps", "step_days", "runs", "seed", "model", "ceasefire"] {
        out.push(format!("scenario.{k}"));
    }
    for k in ["what_it_shows", "things_to_notice", "things_to_try", "questions"] {
        out.push(format!("teaching.{k}"));
    }
    for k in ["oil_usd_bbl", "sanctions_intensity"] {
        out.push(format!("paths.{k}"));
    }
    for s in World::SPECS {
        out.push(format!("world.{}", s.name));
    }
    let sides: Vec<String> =
        table.get("sides").and_then(Value::as_table).map(|t| t.keys().cloned().collect()).unwrap_or_default();
    for side in &sides {
        out.push(format!("sides.{side}.label"));
        for g in SIDE_GROUPS {
            for s in g.specs {
                out.push(format!("sides.{side}.{}.{}", g.key, s.name));
            }
        }
    }
    if let Some(donors) = table.get("donors").and_then(Value::as_array) {
        for d in donors {
            if let Some(name) = d.get("name").and_then(Value::as_str) {
                out.push(format!("donors.{name}.recipient"));
                for s in Donor::SPECS {
                    out.push(format!("donors.{name}.{}", s.name));
                }
            }
        }
    }
    if let Some(events) = table.get("events").and_then(Value::as_array) {
        for i in 0..events.len() {
            for k in
                ["name", "kind", "month", "side", "amount_k", "over", "path", "value", "factor", "duration", "note"]
            {
                out.push(format!("events.{i}.{k}"));
            }
        }
    }
    out
}

/// Whether `key` is a known path or a table above one.
fn is_known(known: &[String], key: &str) -> bool {
    known.iter().any(|k| k == key || (k.starts_with(key) && k.as_bytes().get(key.len()) == Some(&b'.')))
}

/// The valid paths closest to `key`, best first.
///
/// The score adds the similarity of the whole path (Levenshtein, so the side and group count)
/// to that of the last segment (Jaro-Winkler, which rewards a common beginning, so that
/// `lethality` suggests `lethality_per_day` before `quality`).
pub fn closest(known: &[String], key: &str, n: usize) -> Vec<String> {
    let last = key.rsplit('.').next().unwrap_or(key);
    let mut scored: Vec<(f64, &String)> = known
        .iter()
        .map(|k| {
            let whole = strsim::normalized_levenshtein(k, key);
            let tail = strsim::jaro_winkler(k.rsplit('.').next().unwrap_or(k), last);
            (-(whole + tail), k)
        })
        .collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(n).map(|(_, k)| k.clone()).collect()
}

/// Apply overrides to the merged table, in order.
pub fn apply(table: &mut Table, overrides: &[Override]) -> Result<(), ScenarioError> {
    for o in overrides {
        let known = known_paths(table);
        if !is_known(&known, &o.key) {
            let near = closest(&known, &o.key, 3);
            return Err(ScenarioError::one(
                o.origin(),
                Some(o.key.clone()),
                format!("unknown path; the closest valid paths are: {}", near.join(", ")),
            ));
        }
        set_path(table, &o.key.split('.').collect::<Vec<_>>(), o.value.clone())
            .map_err(|m| ScenarioError::one(o.origin(), Some(o.key.clone()), m))?;
        // Check the type now, so that a wrong value is blamed on the `--set` that wrote it.
        if let Err(e) = Value::Table(table.clone()).try_into::<ScenarioFile>() {
            return Err(ScenarioError::one(o.origin(), Some(o.key.clone()), plain_message(e.message())));
        }
    }
    Ok(())
}

fn set_path(table: &mut Table, segs: &[&str], value: Value) -> Result<(), String> {
    let (first, rest) = segs.split_first().ok_or("empty path")?;
    if rest.is_empty() {
        table.insert(first.to_string(), value);
        return Ok(());
    }
    match table.entry(first.to_string()).or_insert_with(|| Value::Table(Table::new())) {
        Value::Table(t) => set_path(t, rest, value),
        Value::Array(a) => {
            let (sel, inner) = rest.split_first().ok_or("empty path")?;
            if inner.is_empty() {
                return Err("give a key inside an entry, e.g. donors.NAME.KEY or events.INDEX.KEY".into());
            }
            let entry = match sel.parse::<usize>() {
                Ok(i) => a.get_mut(i),
                Err(_) => a.iter_mut().find(|e| e.get("name").and_then(Value::as_str) == Some(*sel)),
            }
            .ok_or_else(|| format!("no entry `{sel}`"))?;
            match entry {
                Value::Table(t) => set_path(t, inner, value),
                _ => Err(format!("entry `{sel}` is not a table")),
            }
        }
        other => Err(format!("cannot descend into a {} value", other.type_str())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        toml::from_str(
            "[sides.red.attrition]\nfront_k = 10\n[sides.blue]\n[[donors]]\nname = \"us\"\nrecipient = \"blue\"\n",
        )
        .unwrap()
    }

    #[test]
    fn values_parse_as_toml_or_string() {
        assert_eq!(parse("a.b=0.8").unwrap().value, Value::Float(0.8));
        assert_eq!(parse("a.b=hello").unwrap().value, Value::String("hello".into()));
        assert!(parse("a.b={ normal = [1, 2] }").unwrap().value.is_table());
        assert!(parse("novalue").is_err());
    }

    #[test]
    fn sets_nested_and_named_entries() {
        let mut t = table();
        apply(&mut t, &[parse("sides.red.attrition.front_k=20").unwrap()]).unwrap();
        apply(&mut t, &[parse("sides.blue.manpower.pool_k=5").unwrap()]).unwrap();
        apply(&mut t, &[parse("donors.us.active=0").unwrap()]).unwrap();
        assert_eq!(t["sides"]["red"]["attrition"]["front_k"].as_integer(), Some(20));
        assert_eq!(t["sides"]["blue"]["manpower"]["pool_k"].as_integer(), Some(5));
        assert_eq!(t["donors"][0]["active"].as_integer(), Some(0));
    }

    #[test]
    fn unknown_paths_name_the_closest() {
        let mut t = table();
        let e = apply(&mut t, &[parse("sides.red.attrition.front=20").unwrap()]).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("sides.red.attrition.front_k"), "{msg}");
        assert!(msg.starts_with("--set sides.red.attrition.front=20"), "{msg}");
    }

    #[test]
    fn closest_prefers_a_common_beginning() {
        let known = known_paths(&table());
        let near = closest(&known, "sides.blue.attrition.lethality", 3);
        assert_eq!(near[0], "sides.blue.attrition.lethality_per_day", "{near:?}");
        let near = closest(&known, "sides.red.attrition.fornt_k", 3);
        assert_eq!(near[0], "sides.red.attrition.front_k", "{near:?}");
    }

    #[test]
    fn the_parent_and_the_schema_are_not_settable() {
        for arg in ["extends=baseline.toml", "schema=2"] {
            let msg = parse(arg).unwrap_err().to_string();
            assert!(msg.contains("cannot be set from the command line"), "{msg}");
            assert!(msg.starts_with(&format!("--set {arg}: ")), "{msg}");
        }
    }

    #[test]
    fn a_wrong_type_is_blamed_on_its_own_override() {
        let mut t = table();
        let e = apply(&mut t, &[parse("scenario.start=2").unwrap(), parse("sides.red.attrition.front_k=20").unwrap()])
            .unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("--set scenario.start=2: scenario.start: invalid type"), "{msg}");
    }
}
