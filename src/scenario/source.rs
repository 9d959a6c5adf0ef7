//! Reading scenario files: the `extends` chain, the deep overlay, and finding where a key was
//! written.
//!
//! Each file of the chain is parsed and checked against the schema on its own, so that a typo
//! or a wrong type is reported at its exact line and column. The files are then overlaid
//! (parent first): tables merge key by key; arrays of tables (`[[donors]]`, `[[events]]`)
//! merge entries by their `name` and append unnamed entries; any other value is replaced.
//! Validation of the merged result is [`super::validate`]'s job; this module only reads, merges
//! and answers "where was `sides.russia.manpower.pool_k` written?".

use super::error::{Diagnostic, Location, Origin, ScenarioError, plain_message};
use super::file::ScenarioFile;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};
use toml::{Table, Value};

/// One file of an `extends` chain.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as resolved (relative to the working directory or absolute).
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

/// The files of a scenario, the merged table, and where merged array entries came from.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The chain, the named file first and its root ancestor last.
    pub sources: Vec<Source>,
    /// The overlay of all files (without `extends`).
    pub table: Table,
    /// For each entry of the merged `events` array: (source index, index within that file).
    pub event_origins: Vec<(usize, usize)>,
}

/// Read `path` and its ancestors, check each against the schema, and overlay them.
pub fn load_merged(path: &Path) -> Result<Merged, ScenarioError> {
    let mut sources: Vec<Source> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut chain: Vec<PathBuf> = Vec::new();
    let mut next = Some(path.to_path_buf());
    while let Some(p) = next.take() {
        let canon = p.canonicalize().unwrap_or_else(|_| p.clone());
        if chain.contains(&canon) {
            let mut names: Vec<String> = sources.iter().map(|s| s.path.display().to_string()).collect();
            names.push(p.display().to_string());
            let origin = sources.last().map(|s| locate_key(s, "extends")).unwrap_or(Origin::None);
            return Err(ScenarioError::one(
                origin,
                Some("extends".into()),
                format!("extends forms a cycle: {}", names.join(" -> ")),
            ));
        }
        chain.push(canon);
        let text = read_scenario(&p).map_err(|e| {
            let origin = match sources.last() {
                Some(child) => locate_key(child, "extends"),
                None => Origin::File(Location::file(&p)),
            };
            // The OS's wording differs between platforms; the common cases get ours.
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_string(),
                std::io::ErrorKind::InvalidData => "it is not UTF-8 text".to_string(),
                _ => e.to_string(),
            };
            if sources.is_empty() {
                // The origin already names the file.
                ScenarioError::one(origin, None, format!("cannot read the scenario file: {why}"))
            } else {
                let msg = format!("cannot read the parent scenario {}: {why}", p.display());
                ScenarioError::one(origin, Some("extends".to_string()), msg)
            }
        })?;
        let source = Source { path: p.clone(), text };
        let table = check_one(&source)?;
        next =
            table.get("extends").and_then(Value::as_str).map(|parent| p.parent().unwrap_or(Path::new("")).join(parent));
        sources.push(source);
        tables.push(table);
    }
    let mut merged = Table::new();
    let mut event_origins = Vec::new();
    for (i, mut t) in tables.into_iter().enumerate().rev() {
        t.remove("extends");
        if let Some(Value::Array(events)) = t.get("events") {
            for (j, ev) in events.iter().enumerate() {
                let named = ev.get("name").and_then(Value::as_str).and_then(|n| {
                    merged
                        .get("events")
                        .and_then(Value::as_array)
                        .and_then(|a| a.iter().position(|e| e.get("name").and_then(Value::as_str) == Some(n)))
                });
                match named {
                    Some(k) => event_origins[k] = (i, j),
                    None => event_origins.push((i, j)),
                }
            }
        }
        overlay(&mut merged, t);
    }
    Ok(Merged { sources, table: merged, event_origins })
}

/// The text of a scenario file: from disk, or, when it is not there, from the scenarios built
/// into the binary ([`super::embedded`]) under the same path (`scenarios/baseline.toml`).
fn read_scenario(p: &Path) -> std::io::Result<String> {
    match std::fs::read_to_string(p) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => super::embedded::get(p).map(str::to_owned).ok_or(e),
        r => r,
    }
}

/// Parse one file: TOML syntax, then the schema (unknown keys, wrong types, bad distributions).
fn check_one(source: &Source) -> Result<Table, ScenarioError> {
    let table: Table = toml::from_str(&source.text).map_err(|e| toml_error(source, &e, "malformed TOML"))?;
    toml::from_str::<ScenarioFile>(&source.text).map_err(|e| toml_error(source, &e, ""))?;
    match table.get("schema") {
        Some(Value::Integer(1)) => {}
        Some(v) => {
            return Err(ScenarioError::one(
                locate_key(source, "schema"),
                Some("schema".into()),
                format!("{v} is not supported: must be 1"),
            ));
        }
        None => {
            return Err(ScenarioError::one(
                Origin::File(Location::file(&source.path)),
                Some("schema".into()),
                "missing: every scenario file starts with `schema = 1`",
            ));
        }
    }
    check_unique_names(source, &table)?;
    Ok(table)
}

/// Within one file, `[[donors]]` and `[[events]]` names must be unique: a variant replaces the
/// parent's entry of the same name, so a repeated name would silently merge two entries.
fn check_unique_names(source: &Source, table: &Table) -> Result<(), ScenarioError> {
    let mut out = Vec::new();
    for list in ["donors", "events"] {
        let Some(entries) = table.get(list).and_then(Value::as_array) else {
            continue;
        };
        let names: Vec<Option<&str>> = entries.iter().map(|e| e.get("name").and_then(Value::as_str)).collect();
        for (j, name) in names.iter().enumerate() {
            let Some(name) = name else { continue };
            if let Some(i) = names[..j].iter().position(|n| n == &Some(*name)) {
                let key = format!("{list}.{j}.name");
                let origin = match locate_key(source, &key) {
                    Origin::None => Origin::File(Location::file(&source.path)),
                    o => o,
                };
                out.push(Diagnostic {
                    origin,
                    key: Some(key),
                    message: format!(
                        "\"{name}\" is already the name of {list}.{i}: names must be unique within a file \
                         (a variant file replaces the parent's entry of the same name)"
                    ),
                });
            }
        }
    }
    if out.is_empty() { Ok(()) } else { Err(ScenarioError { diagnostics: out }) }
}

/// Turn a `toml` error into a diagnostic with file, line, column and key path.
fn toml_error(source: &Source, e: &toml::de::Error, prefix: &str) -> ScenarioError {
    let (origin, key) = match e.span() {
        Some(span) => {
            let key = key_path_at(&source.text, span.start);
            (Origin::File(Location::at(&source.path, &source.text, span.start)), key)
        }
        None => (Origin::File(Location::file(&source.path)), None),
    };
    let mut msg = plain_message(e.message());
    let mut key = key;
    if let Some(span) = e.span() {
        let at = source.text.get(span.clone()).unwrap_or("");
        if msg.starts_with("duplicate key") {
            // The parser names neither the key nor its table: read them from the text.
            let name: String = source.text[span.start..]
                .chars()
                .take_while(|c| !matches!(c, '=' | '\n' | ']'))
                .collect::<String>()
                .trim()
                .trim_matches(|c| c == '"' || c == '\'' || c == '[')
                .to_string();
            let header = source.text[span.start..].starts_with('[');
            let table = source.text[..span.start]
                .lines()
                .rev()
                .find_map(|l| l.trim().strip_prefix('[').map(|h| h.trim_matches(|c| c == '[' || c == ']').trim()));
            let whole = match table {
                Some(t) if !header && !t.is_empty() => format!("{t}.{name}"),
                _ => name.clone(),
            };
            msg = if header {
                format!("the table [{name}] is written twice: write each table once")
            } else {
                format!("`{name}` is written twice in the same table: write each key once")
            };
            key = Some(whole);
        } else if msg.contains("invalid type: table") && looks_like_datetime(at) {
            // A bare TOML date deserialises as a table; say what was written.
            msg = format!(
                "invalid type: a TOML date ({}), expected a string: write it in quotes, e.g. \"2025-07\"",
                at.trim()
            );
        }
    }
    let message = if prefix.is_empty() { msg } else { format!("{prefix}: {msg}") };
    ScenarioError { diagnostics: vec![Diagnostic { origin, key, message }] }
}

/// Whether `s` is a bare TOML date, time or date-time (`2025-07-01`, `07:30:00`, ...).
fn looks_like_datetime(s: &str) -> bool {
    let s = s.trim();
    s.len() >= 5
        && s.starts_with(|c: char| c.is_ascii_digit())
        && (s.as_bytes().get(4) == Some(&b'-') || s.as_bytes().get(2) == Some(&b':'))
        && s.parse::<toml::value::Datetime>().is_ok()
}

/// Deep overlay of `child` on `base`.
pub fn overlay(base: &mut Table, child: Table) {
    for (k, v) in child {
        match (base.get_mut(&k), v) {
            // A distribution is a value: the child's replaces the parent's whole, whatever
            // the families (merging `{ triangular }` and `{ uniform }` key by key is nonsense).
            (Some(Value::Table(b)), Value::Table(c)) if !is_distribution(b) && !is_distribution(&c) => overlay(b, c),
            (Some(Value::Array(b)), Value::Array(c)) if is_table_array(b) && is_table_array(&c) => {
                for entry in c {
                    let name = entry.get("name").and_then(Value::as_str).map(str::to_owned);
                    let existing = name
                        .as_deref()
                        .and_then(|n| b.iter().position(|e| e.get("name").and_then(Value::as_str) == Some(n)));
                    match (existing, entry) {
                        (Some(i), Value::Table(ct)) => {
                            if let Value::Table(bt) = &mut b[i] {
                                overlay(bt, ct);
                            }
                        }
                        (_, entry) => b.push(entry),
                    }
                }
            }
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

/// Whether a table is written as a distribution (`{ normal = [...] }`): its keys are family
/// names. No table of the schema has such keys, so this cannot mistake a group for one.
fn is_distribution(t: &Table) -> bool {
    !t.is_empty() && t.keys().all(|k| crate::params::DIST_NAMES.contains(&k.as_str()))
}

fn is_table_array(a: &[Value]) -> bool {
    a.iter().all(Value::is_table)
}

/// The dotted key path of the innermost key or value that contains byte `offset`.
pub fn key_path_at(text: &str, offset: usize) -> Option<String> {
    let root = DeTable::parse(text).ok()?;
    let mut path = Vec::new();
    walk_table(root.get_ref(), offset, &mut path);
    if path.is_empty() { None } else { Some(path.join(".")) }
}

fn walk_table(t: &DeTable<'_>, offset: usize, path: &mut Vec<String>) {
    for (k, v) in t.iter() {
        let in_key = k.span().contains(&offset);
        let in_val = v.span().contains(&offset) || (v.span().start == offset);
        if in_key || in_val {
            path.push(k.get_ref().to_string());
            if in_val {
                walk_value(v.get_ref(), offset, path);
            }
            return;
        }
    }
    // Headers like `[[events]]` give values whose span may not cover the body; fall back to
    // the last key before the offset.
    let mut best: Option<(&str, &toml::Spanned<DeValue<'_>>)> = None;
    for (k, v) in t.iter() {
        if k.span().start <= offset && best.is_none_or(|(_, b)| b.span().start <= v.span().start) {
            best = Some((k.get_ref().as_ref(), v));
        }
    }
    if let Some((k, v)) = best
        && matches!(v.get_ref(), DeValue::Table(_) | DeValue::Array(_))
    {
        path.push(k.to_string());
        walk_value(v.get_ref(), offset, path);
    }
}

fn walk_value(v: &DeValue<'_>, offset: usize, path: &mut Vec<String>) {
    match v {
        DeValue::Table(t) => walk_table(t, offset, path),
        DeValue::Array(a) => {
            let mut pick = None;
            for (i, item) in a.iter().enumerate() {
                if item.span().contains(&offset) || item.span().start <= offset {
                    pick = Some(i);
                }
            }
            if let Some(i) = pick {
                path.push(i.to_string());
                walk_value(a[i].get_ref(), offset, path);
            }
        }
        _ => {}
    }
}

/// Where `key` (a dotted path) was written in one file, or the file itself.
pub fn locate_key(source: &Source, key: &str) -> Origin {
    match span_of(&source.text, key) {
        Some(off) => Origin::File(Location::at(&source.path, &source.text, off)),
        None => Origin::None,
    }
}

/// Byte offset of the value at dotted `key` in `text`, if it is written there. Array entries are
/// addressed by index or, for arrays of tables, by their `name`.
pub fn span_of(text: &str, key: &str) -> Option<usize> {
    let root = DeTable::parse(text).ok()?;
    let segs: Vec<&str> = key.split('.').collect();
    find_in_table(root.get_ref(), &segs)
}

fn find_in_table(t: &DeTable<'_>, segs: &[&str]) -> Option<usize> {
    let (first, rest) = segs.split_first()?;
    let v = t.iter().find(|(k, _)| k.get_ref() == first).map(|(_, v)| v)?;
    find_in_value(v, rest)
}

fn find_in_value(v: &toml::Spanned<DeValue<'_>>, segs: &[&str]) -> Option<usize> {
    let Some((first, rest)) = segs.split_first() else {
        return Some(v.span().start);
    };
    match v.get_ref() {
        DeValue::Table(t) => find_in_table(t, segs),
        DeValue::Array(a) => {
            let item = match first.parse::<usize>() {
                Ok(i) => a.get(i),
                Err(_) => a.iter().find(|e| e.get_ref().get("name").and_then(|n| n.get_ref().as_str()) == Some(first)),
            }?;
            find_in_value(item, rest)
        }
        _ => None,
    }
}

impl Merged {
    /// Where a merged key was written: the child-most file that has it.
    pub fn origin_of(&self, key: &str) -> Origin {
        let mut segs: Vec<&str> = key.split('.').collect();
        if segs.first() == Some(&"events")
            && let Some(i) = segs.get(1).and_then(|s| s.parse::<usize>().ok())
            && let Some(&(src, local)) = self.event_origins.get(i)
        {
            let local = local.to_string();
            segs[1] = &local;
            let k = segs.join(".");
            // A missing key of an entry: the entry itself.
            return match locate_key(&self.sources[src], &k) {
                Origin::None => match locate_key(&self.sources[src], &format!("events.{local}")) {
                    Origin::None => Origin::File(Location::file(&self.sources[src].path)),
                    o => o,
                },
                o => o,
            };
        }
        for s in &self.sources {
            if let o @ Origin::File(_) = locate_key(s, key) {
                return o;
            }
        }
        // Fall back to the nearest written ancestor key, then to the file.
        let mut parts: Vec<&str> = key.split('.').collect();
        while parts.pop().is_some() && !parts.is_empty() {
            let k = parts.join(".");
            for s in &self.sources {
                if let o @ Origin::File(_) = locate_key(s, &k) {
                    return o;
                }
            }
        }
        Origin::File(Location::file(&self.sources[0].path))
    }

    /// The named file (the child of the chain).
    pub fn path(&self) -> &Path {
        &self.sources[0].path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_merges_tables_and_named_entries() {
        let mut base: Table = toml::from_str(
            "a = 1\n[t]\nx = 1\ny = 2\n[[donors]]\nname = \"us\"\nm = 1\n[[donors]]\nname = \"eu\"\nm = 2\n",
        )
        .unwrap();
        let child: Table =
            toml::from_str("[t]\ny = 3\n[[donors]]\nname = \"us\"\nm = 0\n[[donors]]\nname = \"nk\"\nm = 5\n").unwrap();
        overlay(&mut base, child);
        assert_eq!(base["a"].as_integer(), Some(1));
        assert_eq!(base["t"]["x"].as_integer(), Some(1));
        assert_eq!(base["t"]["y"].as_integer(), Some(3));
        let d = base["donors"].as_array().unwrap();
        assert_eq!(d.len(), 3);
        assert_eq!(d[0]["m"].as_integer(), Some(0));
        assert_eq!(d[2]["name"].as_str(), Some("nk"));
    }

    #[test]
    fn a_distribution_is_replaced_whole() {
        let mut base: Table = toml::from_str("[m]\npool_k = { triangular = [1, 2, 3] }\nx = 1\n").unwrap();
        let child: Table = toml::from_str("[m]\npool_k = { uniform = [4, 5] }\n").unwrap();
        overlay(&mut base, child);
        assert_eq!(base["m"]["pool_k"].as_table().unwrap().keys().collect::<Vec<_>>(), ["uniform"]);
        assert_eq!(base["m"]["x"].as_integer(), Some(1));
        // A number over a distribution and a distribution over a number replace as well.
        let child: Table = toml::from_str("[m]\npool_k = 7\nx = { normal = [1, 2] }\n").unwrap();
        overlay(&mut base, child);
        assert_eq!(base["m"]["pool_k"].as_integer(), Some(7));
        assert!(base["m"]["x"].is_table());
    }

    #[test]
    fn dates_and_duplicate_keys_are_named() {
        let src = |text: &str| Source { path: "a.toml".into(), text: text.into() };
        let e = check_one(&src("schema = 1\n[scenario]\nstart = 2025-07-01\n")).unwrap_err().to_string();
        assert!(e.contains("a.toml:3:9: scenario.start: invalid type: a TOML date (2025-07-01)"), "{e}");
        let e = check_one(&src("schema = 1\n[scenario]\nmonths = 12\nmonths = 13\n")).unwrap_err().to_string();
        assert!(e.starts_with("a.toml:4:1: scenario.months: ") && e.contains("`months` is written twice"), "{e}");
    }

    #[test]
    fn key_paths_and_spans_are_found() {
        let t = "schema = 1\n[sides.a.manpower]\npool_k = -5\n[[events]]\nmonth = 3\n";
        let off = span_of(t, "sides.a.manpower.pool_k").unwrap();
        assert_eq!(&t[off..off + 2], "-5");
        assert_eq!(key_path_at(t, off).as_deref(), Some("sides.a.manpower.pool_k"));
        let ev = span_of(t, "events.0.month").unwrap();
        assert_eq!(&t[ev..ev + 1], "3");
    }
}
