//! The report's parameter tables: what a variant changes relative to its parent, and every
//! parameter of a scenario that differs from its default, each with its unit and source.
//!
//! Both are read from the scenario files themselves ([`crate::scenario::source`]): the diff
//! compares the merged parent with the merged variant leaf by leaf (a distribution or a time
//! path is one leaf), and a value's source is the comment written after it on its line (the
//! shipped scenarios cite their data there), else the file and line. Nothing here runs a
//! model or renders HTML.

use crate::params::fmt_num;
use crate::scenario::levers::{inline, lookup};
use crate::scenario::source::{Merged, load_merged, span_of};
use crate::scenario::{Origin, Scenario, ScenarioError};
use std::collections::BTreeMap;
use toml::{Table, Value};

/// One row of a parameter table.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamRow {
    /// Dotted path.
    pub path: String,
    /// The other value (the parent's, or the default), as written; empty when absent.
    pub reference: String,
    /// This scenario's value, as written.
    pub value: String,
    /// Unit, when the path is a model parameter.
    pub unit: String,
    /// Where the value comes from: its comment in the file, else file and line (or `--set`).
    pub source: String,
}

/// What a variant changes relative to its parent.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// The parent file as named in `extends`.
    pub parent: String,
    /// The parent's scenario name.
    pub parent_name: String,
    /// The changed values.
    pub rows: Vec<ParamRow>,
}

/// Keys that are not parameters: shown elsewhere in the report.
fn is_parameter(path: &str) -> bool {
    !(path.starts_with("teaching.")
        || path.starts_with("levers.")
        || path == "scenario.name"
        || path == "scenario.description"
        || path == "schema")
}

/// Whether a table is a distribution written inline (`{ triangular = [...] }`).
fn is_distribution(t: &Table) -> bool {
    t.len() == 1 && t.keys().all(|k| crate::params::DIST_NAMES.contains(&k.as_str()))
}

/// Flatten a merged scenario table into leaf paths and their values as written. Arrays of
/// tables (`[[donors]]`, `[[events]]`) are addressed by entry name, else index.
pub fn leaves(t: &Table) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    walk(t, "", &mut out);
    out
}

fn walk(t: &Table, prefix: &str, out: &mut BTreeMap<String, String>) {
    for (k, v) in t {
        let path = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        match v {
            Value::Table(sub) if !is_distribution(sub) => walk(sub, &path, out),
            Value::Array(a) if !a.is_empty() && a.iter().all(Value::is_table) => {
                for (i, e) in a.iter().enumerate() {
                    let key = e.get("name").and_then(Value::as_str).map(str::to_owned).unwrap_or_else(|| i.to_string());
                    if let Value::Table(et) = e {
                        walk(et, &format!("{path}.{key}"), out);
                    }
                }
            }
            other => {
                out.insert(path, inline(other));
            }
        }
    }
}

/// The comment after the value on its line, if any (`# ...`, outside quotes).
fn trailing_comment(text: &str, offset: usize) -> Option<String> {
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[offset..line_end];
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted => {
                let c = line[i + 1..].trim();
                return if c.is_empty() { None } else { Some(c.to_string()) };
            }
            _ => {}
        }
    }
    None
}

/// Where a value of `merged` comes from: its comment, else `file:line`, else `--set ARG`.
pub fn source_of(merged: &Merged, sc: &Scenario, path: &str) -> String {
    if let Some(arg) = sc.overrides.iter().rev().find(|a| a.split_once('=').is_some_and(|(k, _)| k.trim() == path)) {
        return format!("--set {arg}");
    }
    for s in &merged.sources {
        if let Some(off) = span_of(&s.text, path) {
            let at = match merged.origin_of(path) {
                Origin::File(loc) => loc.to_string(),
                _ => s.path.display().to_string(),
            };
            return match trailing_comment(&s.text, off) {
                Some(c) => format!("{c} ({at})"),
                None => at,
            };
        }
    }
    String::new()
}

fn unit_of(sc: &Scenario, path: &str) -> String {
    if let Some(slot) = sc.slots.iter().find(|s| s.path == path) {
        return slot.spec.unit.to_string();
    }
    match path {
        "paths.oil_usd_bbl" => "[[month, USD per barrel]]".into(),
        "paths.sanctions_intensity" => "[[month, index 0-1]]".into(),
        _ => String::new(),
    }
}

/// What the variant `sc` (loaded from `merged`) changes relative to its parent, or `None` when
/// it extends nothing.
pub fn diff_against_parent(merged: &Merged, sc: &Scenario) -> Result<Option<Diff>, ScenarioError> {
    let Some(parent_src) = merged.sources.get(1) else {
        return Ok(None);
    };
    let parent = load_merged(&parent_src.path)?;
    let parent_name = lookup(&parent.table, "scenario.name")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| parent_src.path.display().to_string());
    let before = leaves(&parent.table);
    let after = leaves(&merged.table);
    let mut rows = Vec::new();
    let keys: std::collections::BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    for k in keys {
        if !is_parameter(k) || before.get(k) == after.get(k) {
            continue;
        }
        rows.push(ParamRow {
            path: k.clone(),
            reference: before.get(k).cloned().unwrap_or_default(),
            value: after.get(k).cloned().unwrap_or_default(),
            unit: unit_of(sc, k),
            source: source_of(merged, sc, k),
        });
    }
    let named = lookup(&merged.sources[0].text.parse::<Table>().unwrap_or_default(), "extends")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| parent_src.path.display().to_string());
    Ok(Some(Diff { parent: named, parent_name, rows }))
}

/// Every model parameter of `sc` that differs from its default (the value drawn each run when
/// it is a distribution), and every time path, with unit and source.
pub fn non_defaults(merged: &Merged, sc: &Scenario) -> Vec<ParamRow> {
    let mut rows = Vec::new();
    for slot in &sc.slots {
        if slot.path.starts_with("events.") {
            continue;
        }
        let value = slot.param.render();
        let default = fmt_num(slot.spec.default);
        if value == default {
            continue;
        }
        let mut source = source_of(merged, sc, &slot.path);
        if source.is_empty() {
            source = slot.spec.source.to_string();
        }
        rows.push(ParamRow {
            path: slot.path.clone(),
            reference: default,
            value,
            unit: slot.spec.unit.to_string(),
            source,
        });
    }
    for p in ["paths.oil_usd_bbl", "paths.sanctions_intensity"] {
        if let Some(v) = lookup(&merged.table, p) {
            rows.push(ParamRow {
                path: p.to_string(),
                reference: String::new(),
                value: inline(v),
                unit: unit_of(sc, p),
                source: source_of(merged, sc, p),
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_keep_distributions_and_paths_whole() {
        let t: Table = toml::from_str(
            "[paths]\noil = [[0, 60], [12, 50]]\n[sides.a.x]\np = { uniform = [1, 2] }\n[[donors]]\nname = \"us\"\nactive = 0\n",
        )
        .expect("toml");
        let l = leaves(&t);
        assert_eq!(l["paths.oil"], "[[0, 60], [12, 50]]");
        assert_eq!(l["sides.a.x.p"], "{ uniform = [1, 2] }");
        assert_eq!(l["donors.us.active"], "0");
    }

    #[test]
    fn comments_after_values_are_sources() {
        let t = "a = 1   # Kiel tracker, 2025\nb = \"x # y\" # z\nc = 3\n";
        assert_eq!(trailing_comment(t, 4).as_deref(), Some("Kiel tracker, 2025"));
        let b = t.find("\"x").expect("b");
        assert_eq!(trailing_comment(t, b).as_deref(), Some("z"));
        let c = t.find("3").expect("c");
        assert_eq!(trailing_comment(t, c), None);
    }
}
