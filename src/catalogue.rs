//! The catalogue of parameters and outputs, rendered as Markdown tables for the docs.
//!
//! `docs/MODEL.md` and `docs/OUTPUTS.md` embed these tables between marker comments; a test
//! regenerates them and fails when the committed docs are out of date, so the documentation
//! cannot drift from the code.

use crate::model::outputs::VarSpec;
use crate::params::{ParamSpec, fmt_num};
use crate::scenario::Scenario;
use std::fmt::Write;

fn range(s: &ParamSpec) -> String {
    let end = |x: f64| if x.is_finite() { fmt_num(x) } else { "∞".into() };
    format!("{} – {}", end(s.min), end(s.max))
}

/// How a baseline scenario sets a parameter: the value or distribution as written, per side.
fn baseline_value(sc: &Scenario, prefix: &str, name: &str) -> String {
    let mut parts = Vec::new();
    if prefix.contains("SIDE") {
        for side in &sc.sides {
            let path = format!("{}.{name}", prefix.replace("SIDE", &side.name));
            if let Some(slot) = sc.slots.iter().find(|s| s.path == path) {
                parts.push(format!("{}: {}", side.name, slot.param.render()));
            }
        }
    } else if prefix.contains("NAME") {
        for d in &sc.donors {
            let path = format!("{}.{name}", prefix.replace("NAME", &d.name));
            if let Some(slot) = sc.slots.iter().find(|s| s.path == path) {
                parts.push(format!("{}: {}", d.name, slot.param.render()));
            }
        }
    } else if let Some(slot) = sc.slots.iter().find(|s| s.path == format!("{prefix}.{name}")) {
        parts.push(slot.param.render());
    }
    parts.join("; ")
}

/// The parameter tables, one per group, with the baseline's values.
pub fn parameters_markdown(baseline: &Scenario) -> String {
    let mut o = String::new();
    for (prefix, g) in crate::params::catalogue() {
        let (prefix, title, specs) = (prefix.as_str(), g.title, g.specs);
        let _ = writeln!(o, "#### {title} — `{prefix}.*`\n");
        let _ = writeln!(o, "| parameter | meaning | unit | default | range | baseline | source |");
        let _ = writeln!(o, "|---|---|---|---|---|---|---|");
        for s in specs {
            let _ = writeln!(
                o,
                "| `{}` | {} | {} | {} | {} | {} | {} |",
                s.name,
                s.doc.trim(),
                s.unit,
                fmt_num(s.default),
                range(s),
                baseline_value(baseline, prefix, s.name).replace('|', "\\|"),
                s.source
            );
        }
        let _ = writeln!(o);
    }
    o
}

/// A table of output variables.
pub fn outputs_markdown(world: &[VarSpec], side: &[VarSpec]) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "| variable | side | unit | kind | meaning |");
    let _ = writeln!(o, "|---|---|---|---|---|");
    for (specs, scope) in [(world, "world (empty)"), (side, "each side")] {
        for v in specs {
            let kind = match v.kind {
                crate::model::outputs::Kind::Stock => "level",
                crate::model::outputs::Kind::Flow => "flow",
            };
            let _ = writeln!(o, "| `{}` | {} | {} | {} | {} |", v.name, scope, v.unit, kind, v.doc.trim());
        }
    }
    o
}

/// Replace the text between `<!-- NAME:begin -->` and `<!-- NAME:end -->` in `doc`.
pub fn splice(doc: &str, name: &str, body: &str) -> Option<String> {
    let begin = format!("<!-- {name}:begin -->");
    let end = format!("<!-- {name}:end -->");
    let a = doc.find(&begin)? + begin.len();
    let b = doc[a..].find(&end)? + a;
    Some(format!("{}\n{}{}", &doc[..a], body, &doc[b..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splice_replaces_between_markers() {
        let doc = "a\n<!-- t:begin -->\nold\n<!-- t:end -->\nb";
        assert_eq!(splice(doc, "t", "new\n").unwrap(), "a\n<!-- t:begin -->\nnew\n<!-- t:end -->\nb");
        assert!(splice(doc, "x", "").is_none());
    }
}
