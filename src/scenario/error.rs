//! Scenario errors a user can act on: where (file, line, column), which key, what is allowed.
//!
//! Every failure while loading a scenario becomes a [`Diagnostic`]; a [`ScenarioError`] holds
//! one or more of them. The CLI maps any `ScenarioError` to exit code 2.

use std::fmt;
use std::path::PathBuf;

/// A position in a scenario file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file (as given, or as resolved through `extends`).
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
}

impl Location {
    /// A location for a whole file.
    pub fn file(file: impl Into<PathBuf>) -> Location {
        Location { file: file.into(), line: None, column: None }
    }

    /// A location at a byte offset of `text`.
    pub fn at(file: impl Into<PathBuf>, text: &str, offset: usize) -> Location {
        let (line, column) = line_col(text, offset);
        Location { file: file.into(), line: Some(line), column: Some(column) }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut line = 1;
    let mut line_start = 0;
    for (i, b) in text.bytes().enumerate().take(offset) {
        if b == b'\n' {
            line += 1;
            line_start = i + 1;
        }
    }
    let column = text.get(line_start..offset).map(|s| s.chars().count()).unwrap_or(0) + 1;
    (line, column)
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        Ok(())
    }
}

/// A serde/toml message in the words of a scenario file rather than of Rust types:
/// `expected i64` becomes `expected a whole number`, `expected struct AttritionFile`
/// becomes `expected a table`, `sequence` becomes `array`, and so on.
pub fn plain_message(msg: &str) -> String {
    let mut s = msg.trim().to_string();
    for (from, to) in [
        ("expected enum EventKind", "expected \"reinforce\", \"set\" or \"scale\""),
        ("expected i64", "expected a whole number"),
        ("expected u64", "expected a whole number ≥ 0"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected an array"),
        ("expected a map", "expected a table"),
        ("invalid type: sequence", "invalid type: array"),
        ("invalid type: map", "invalid type: table"),
    ] {
        s = s.replace(from, to);
    }
    // A typo: name the intended key first, then keep the full list of what is allowed.
    if let Some(rest) = s.strip_prefix("unknown field `")
        && let Some((field, list)) = rest.split_once("`, expected ")
    {
        let candidates: Vec<&str> = list.split('`').skip(1).step_by(2).collect();
        let best = candidates.iter().map(|c| (strsim::jaro_winkler(c, field), *c)).max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((score, c)) = best
            && score >= 0.8
        {
            s = format!("unknown field `{field}`: did you mean `{c}`? Expected {list}");
        }
    }
    // Rust type names mean nothing to a user.
    for (pat, to) in [("expected struct ", "expected a table"), ("expected enum ", "expected a string")] {
        while let Some(i) = s.find(pat) {
            let rest = &s[i + pat.len()..];
            let len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
            s.replace_range(i..i + pat.len() + len, to);
        }
    }
    s
}

/// Where a value came from: a file position, a `--set` argument or another flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A scenario file position.
    File(Location),
    /// A command-line override, as written after `--set`.
    Set(String),
    /// A flag that sets a scenario value, as written (`--months 2`).
    Flag(String),
    /// Nowhere in particular (e.g. a missing key).
    None,
}

/// One problem with a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where.
    pub origin: Origin,
    /// Dotted key path, when the problem concerns a key.
    pub key: Option<String>,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.origin {
            Origin::File(loc) => write!(f, "{loc}: ")?,
            Origin::Set(arg) => write!(f, "--set {}: ", shorten(arg))?,
            Origin::Flag(arg) => write!(f, "{}: ", shorten(arg))?,
            Origin::None => {}
        }
        if let Some(k) = &self.key {
            write!(f, "{}: ", shorten(k))?;
        }
        write!(f, "{}", shorten_words(&self.message))
    }
}

/// Longest text echoed whole in a message, in characters.
pub const ECHO_MAX: usize = 60;

/// `s` as a message may echo it: whole when it has at most [`ECHO_MAX`] characters, else its
/// beginning, an ellipsis and its length (a 200 KB value is not worth printing).
pub fn shorten(s: &str) -> std::borrow::Cow<'_, str> {
    let n = s.chars().count();
    if n <= ECHO_MAX {
        return std::borrow::Cow::Borrowed(s);
    }
    let head: String = s.chars().take(ECHO_MAX - 20).collect();
    std::borrow::Cow::Owned(format!("{head}… ({n} characters)"))
}

/// A message with every over-long word (a run without spaces, such as an echoed value)
/// shortened by [`shorten`]; a message's own words and lists of allowed keys are short.
fn shorten_words(msg: &str) -> std::borrow::Cow<'_, str> {
    if msg.split(' ').all(|w| w.chars().count() <= 2 * ECHO_MAX) {
        return std::borrow::Cow::Borrowed(msg);
    }
    std::borrow::Cow::Owned(
        msg.split(' ')
            .map(|w| if w.chars().count() <= 2 * ECHO_MAX { w.to_string() } else { shorten(w).into_owned() })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// A scenario that could not be loaded, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ScenarioError {
    /// The problems, in file order where that is known.
    pub diagnostics: Vec<Diagnostic>,
}

impl ScenarioError {
    /// One diagnostic.
    pub fn one(origin: Origin, key: Option<String>, message: impl Into<String>) -> ScenarioError {
        ScenarioError { diagnostics: vec![Diagnostic { origin, key, message: message.into() }] }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based() {
        let t = "a = 1\nbb = 2\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 6), (2, 1));
        assert_eq!(line_col(t, 8), (2, 3));
        assert_eq!(line_col(t, 999), (3, 1));
    }

    #[test]
    fn serde_messages_speak_toml() {
        assert_eq!(
            plain_message("invalid type: string \"ten\", expected i64"),
            "invalid type: string \"ten\", expected a whole number"
        );
        assert_eq!(
            plain_message("invalid type: integer `3`, expected struct AttritionFile"),
            "invalid type: integer `3`, expected a table"
        );
        assert_eq!(plain_message("invalid type: sequence, expected a map"), "invalid type: array, expected a table");
        assert_eq!(plain_message("unknown field `x`, expected `y`"), "unknown field `x`, expected `y`");
        assert_eq!(
            plain_message("unknown field `fornt_k`, expected one of `front_k`, `quality`"),
            "unknown field `fornt_k`: did you mean `front_k`? Expected one of `front_k`, `quality`"
        );
    }

    #[test]
    fn display_names_file_key_and_message() {
        let d = Diagnostic {
            origin: Origin::File(Location { file: "a.toml".into(), line: Some(3), column: Some(5) }),
            key: Some("sides.x.pool_k".into()),
            message: "-5 is out of range: must be ≥ 0".into(),
        };
        assert_eq!(d.to_string(), "a.toml:3:5: sides.x.pool_k: -5 is out of range: must be ≥ 0");
    }

    #[test]
    fn long_values_are_shortened() {
        let long = "x".repeat(200_000);
        let d = Diagnostic {
            origin: Origin::Set(format!("scenario.start={long}")),
            key: Some("scenario.start".into()),
            message: format!("\"{long}\" is not a month"),
        };
        let text = d.to_string();
        assert!(text.len() < 300, "{}", text.len());
        assert!(text.contains("(200015 characters)"), "{text}");
        assert!(text.contains("(200002 characters) is not a month"), "{text}");
        assert_eq!(shorten("short"), "short");
    }
}
