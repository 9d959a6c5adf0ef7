//! Error messages a user can act on: `protracted validate` on one invalid fixture per defect
//! (`tests/fixtures/invalid/`). Each must exit with code 2 and name the file, the line and
//! column where the defect has a position (`FILE:LINE:COL:`), the key path, and what is
//! allowed; the whole stderr is snapshot-tested so that a change of wording is reviewed.

use crate::common::{bin, root, toml_files};
use std::path::Path;

/// What a fixture's error must contain besides the file name.
struct Case {
    /// Fixture, relative to `tests/fixtures/invalid/`.
    file: &'static str,
    /// The file the error points at, when it is not the fixture itself.
    blamed: Option<&'static str>,
    /// The key path the error names, if the defect concerns a key.
    key: Option<&'static str>,
    /// Whether the defect has a position (`:LINE:COL:`).
    positioned: bool,
    /// Phrases that say what is wrong and what is allowed.
    says: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        file: "unknown-key.toml",
        blamed: None,
        key: Some("sides.red.attrition.fornt_k"),
        positioned: true,
        says: &["unknown field `fornt_k`", "did you mean `front_k`?"],
    },
    Case {
        file: "wrong-type.toml",
        blamed: None,
        key: Some("sides.red.attrition.front_k"),
        positioned: true,
        says: &["invalid type: string \"eighty\"", "expected a number or a distribution"],
    },
    Case {
        file: "out-of-range.toml",
        blamed: None,
        key: Some("sides.red.attrition.front_k"),
        positioned: true,
        says: &["-5 is out of range", "must be ≥ 0"],
    },
    Case {
        file: "bad-dist-normal.toml",
        blamed: None,
        key: Some("sides.red.attrition.front_k"),
        positioned: true,
        says: &["normal sd is -2", "must be ≥ 0"],
    },
    Case {
        file: "bad-dist-triangular.toml",
        blamed: None,
        key: Some("sides.blue.attrition.lethality_per_day"),
        positioned: true,
        says: &["lo ≤ mode ≤ hi", "[0.02, 0.01, 0.03]"],
    },
    Case {
        file: "decreasing-path.toml",
        blamed: None,
        key: Some("paths.oil_usd_bbl.2"),
        positioned: true,
        says: &["must not decrease", "[6, 55]"],
    },
    Case {
        file: "path-point-too-long.toml",
        blamed: None,
        key: Some("paths.oil_usd_bbl"),
        positioned: true,
        says: &["a path point is [month, value], got 3 numbers"],
    },
    Case {
        file: "event-after-horizon.toml",
        blamed: None,
        key: Some("events.0.month"),
        positioned: true,
        says: &["12 is after the horizon", "between 0 and 9"],
    },
    Case {
        file: "missing-side.toml",
        blamed: None,
        key: Some("sides"),
        positioned: true,
        says: &["exactly two sides", "found 1: blue"],
    },
    Case {
        file: "cycle/a.toml",
        blamed: Some("cycle/b.toml"),
        key: Some("extends"),
        positioned: true,
        says: &["cycle", "cycle/a.toml -> tests/fixtures/invalid/cycle/b.toml -> tests/fixtures/invalid/cycle/a.toml"],
    },
    Case {
        file: "malformed-toml.toml",
        blamed: None,
        key: None,
        positioned: true,
        says: &["malformed TOML", "expected `]`"],
    },
    Case {
        file: "missing-schema.toml",
        blamed: None,
        key: Some("schema"),
        positioned: false,
        says: &["missing", "schema = 1"],
    },
    Case {
        file: "bad-donor-recipient.toml",
        blamed: None,
        key: Some("donors.allies.recipient"),
        positioned: true,
        says: &["\"green\" is not a side", "\"blue\" or \"red\""],
    },
    Case {
        file: "bad-event-path.toml",
        blamed: None,
        key: Some("events.0.path"),
        positioned: true,
        says: &["is not a parameter", "closest are: sides.blue.attrition.lethality_per_day"],
    },
    Case {
        file: "missing-parent.toml",
        blamed: None,
        key: Some("extends"),
        positioned: true,
        says: &["cannot read the parent scenario", "no-such-parent.toml"],
    },
    Case {
        file: "child-of-valid-parent.toml",
        blamed: None,
        key: Some("sides.red.attrition.lethality_per_dya"),
        positioned: true,
        says: &["did you mean `lethality_per_day`?"],
    },
    Case {
        file: "duplicate-event-name.toml",
        blamed: None,
        key: Some("events.1.name"),
        positioned: true,
        says: &["\"reserve\" is already the name of events.0", "unique"],
    },
    Case {
        file: "bad-start-month.toml",
        blamed: None,
        key: Some("scenario.start"),
        positioned: true,
        says: &["\"2025-01-15\" is not a month", "YYYY-MM"],
    },
];

const DIR: &str = "tests/fixtures/invalid";

/// Replace the repository's absolute path, in case a message shows one.
fn redact(s: &str) -> String {
    s.replace(&root().display().to_string(), "[ROOT]")
}

/// Whether `s` starts with `:LINE:COL:` (both positive integers).
fn starts_with_line_col(s: &str) -> bool {
    let mut parts = s.splitn(4, ':');
    let (Some(""), Some(line), Some(col), Some(_)) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    [line, col].iter().all(|n| n.parse::<usize>().is_ok_and(|n| n > 0))
}

fn check(case: &Case) {
    let file = format!("{DIR}/{}", case.file);
    let out = bin().args(["validate", &file]).output().expect("protracted runs");
    let stderr = redact(&String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{file}: expected exit code 2; stderr:\n{stderr}");
    assert!(out.stdout.is_empty(), "{file}: nothing on stdout for an invalid file");
    let blamed = format!("{DIR}/{}", case.blamed.unwrap_or(case.file));
    let first = stderr.lines().next().unwrap_or_default();
    let Some(at) = first.strip_prefix("error: ").and_then(|l| l.strip_prefix(&blamed)) else {
        panic!("{file}: the error should start with `error: {blamed}`:\n{stderr}");
    };
    if case.positioned {
        assert!(starts_with_line_col(at), "{file}: no :LINE:COL: after the file name:\n{stderr}");
    }
    if let Some(key) = case.key {
        assert!(first.contains(&format!(" {key}: ")), "{file}: the key `{key}` is not named:\n{stderr}");
    }
    for phrase in case.says {
        assert!(stderr.contains(phrase), "{file}: the message should say `{phrase}`:\n{stderr}");
    }
    let name = case.file.trim_end_matches(".toml").replace('/', "-");
    insta::assert_snapshot!(format!("invalid-{name}"), stderr);
}

macro_rules! fixture_tests {
    ($($test:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $test() {
                let case = CASES.iter().find(|c| c.file == $file).expect("a case for the fixture");
                check(case);
            }
        )*
    };
}

fixture_tests! {
    unknown_key => "unknown-key.toml",
    wrong_type => "wrong-type.toml",
    out_of_range => "out-of-range.toml",
    bad_normal_distribution => "bad-dist-normal.toml",
    bad_triangular_distribution => "bad-dist-triangular.toml",
    decreasing_path_steps => "decreasing-path.toml",
    path_point_too_long => "path-point-too-long.toml",
    event_after_horizon => "event-after-horizon.toml",
    missing_side => "missing-side.toml",
    extends_cycle => "cycle/a.toml",
    malformed_toml => "malformed-toml.toml",
    missing_schema => "missing-schema.toml",
    bad_donor_recipient => "bad-donor-recipient.toml",
    bad_event_path => "bad-event-path.toml",
    missing_parent => "missing-parent.toml",
    typo_in_a_variant_is_blamed_on_the_variant => "child-of-valid-parent.toml",
    duplicate_event_name => "duplicate-event-name.toml",
    bad_start_month => "bad-start-month.toml",
}

#[test]
fn every_invalid_fixture_has_a_case() {
    let dir = Path::new(DIR);
    for f in toml_files(DIR) {
        let rel = f.strip_prefix(dir).expect("under the fixture dir").to_string_lossy().replace('\\', "/");
        // b.toml is the other half of the cycle a.toml starts.
        if rel == "cycle/b.toml" {
            continue;
        }
        assert!(CASES.iter().any(|c| c.file == rel), "{rel} has no case in tests/it/errors.rs");
    }
}

#[test]
fn unknown_set_path_names_the_closest_valid_paths() {
    let out = bin()
        .args(["validate", "tests/fixtures/valid/lanchester-small.toml", "--set", "sides.blue.attrition.fornt_k=90"])
        .output()
        .expect("protracted runs");
    let stderr = redact(&String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("error: --set sides.blue.attrition.fornt_k=90: "), "{stderr}");
    assert!(stderr.contains("unknown path; the closest valid paths are: sides.blue.attrition.front_k"), "{stderr}");
    insta::assert_snapshot!("set-unknown-path", stderr);
}

#[test]
fn a_wrong_set_value_is_blamed_on_its_own_override() {
    let out = bin()
        .args([
            "validate",
            "tests/fixtures/valid/lanchester-small.toml",
            "--set",
            "scenario.steps=ten",
            "--set",
            "sides.blue.attrition.front_k=90",
        ])
        .output()
        .expect("protracted runs");
    let stderr = redact(&String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("error: --set scenario.steps=ten: scenario.steps: "), "{stderr}");
    insta::assert_snapshot!("set-wrong-type", stderr);
}

#[test]
fn validate_reports_every_invalid_file_and_passes_the_valid_ones() {
    let out = bin()
        .args([
            "validate",
            "tests/fixtures/valid/lanchester-small.toml",
            "tests/fixtures/invalid/out-of-range.toml",
            "tests/fixtures/invalid/unknown-key.toml",
        ])
        .output()
        .expect("protracted runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stdout.contains("ok: tests/fixtures/valid/lanchester-small.toml"), "{stdout}");
    assert!(stderr.contains("out-of-range.toml:"), "{stderr}");
    assert!(stderr.contains("unknown-key.toml:"), "{stderr}");
}

#[test]
fn library_errors_carry_file_line_column_and_key() {
    let path = root().join(DIR).join("out-of-range.toml");
    let e = protracted::scenario::load(&path, &[]).expect_err("the fixture is invalid");
    assert_eq!(e.diagnostics.len(), 1, "{e}");
    let d = &e.diagnostics[0];
    assert_eq!(d.key.as_deref(), Some("sides.red.attrition.front_k"));
    let protracted::scenario::Origin::File(loc) = &d.origin else { panic!("no file origin: {d:?}") };
    assert_eq!(loc.file, path);
    let text = std::fs::read_to_string(&path).expect("fixture");
    let line = text.lines().nth(loc.line.expect("a line") - 1).expect("the line exists");
    let col = loc.column.expect("a column") - 1;
    assert!(line.chars().skip(col).collect::<String>().starts_with("-5"), "column {col} of {line:?}");
}
