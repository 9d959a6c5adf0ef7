//! Robustness of the scenario loader: randomly damaged scenario files (the classic scenarios
//! and some fixtures, with byte ranges deleted, lines duplicated, numbers replaced by hostile
//! tokens, random characters inserted) must give `Ok` or a `ScenarioError` from
//! `protracted::scenario::load`, never a panic; and every error must render with its file.

use crate::common::root;
use proptest::prelude::*;
use proptest::test_runner::Config;

/// The texts mutated. The shipped baseline joins them once it exists; the parents
/// (`parent.toml`, `baseline.toml`) are also written intact next to the mutated file, so that
/// a mutated variant still finds its parent.
const SOURCES: &[&str] = &[
    "scenarios/classic/lanchester-square.toml",
    "scenarios/classic/lanchester-linear.toml",
    "tests/fixtures/valid/parent.toml",
    "tests/fixtures/valid/child.toml",
    "tests/fixtures/valid/lanchester-small.toml",
];
const OPTIONAL_SOURCES: &[&str] = &["scenarios/baseline.toml"];

/// Tokens that replace a number.
const TOKENS: &[&str] = &[
    "-1",
    "\"x\"",
    "1e400",
    "{ normal = [1] }",
    "[[",
    "nan",
    "-inf",
    "0",
    "1e9",
    "9223372036854775807",
    "-9223372036854775808",
    "2.5",
    "true",
    "[]",
    "{}",
    "{ triangular = [3, 2, 1] }",
    "{ beta = [0, 1] }",
    "{ lognormal = [0, 1] }",
    "{ uniform = [1e308, -1e308] }",
    "[[0, 1], [-1, 2]]",
    "\"2025-13\"",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Delete `len` bytes at `at` (may split a UTF-8 character: the loader must say so).
    Delete { at: usize, len: usize },
    /// Duplicate a line (a repeated key, a repeated table header, a repeated `[[events]]`).
    DuplicateLine { line: usize },
    /// Replace the `nth` number with a token.
    ReplaceNumber { nth: usize, token: usize },
    /// Insert printable characters.
    Insert { at: usize, text: String },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Mutation::Delete { at, len }),
        any::<usize>().prop_map(|line| Mutation::DuplicateLine { line }),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(nth, token)| Mutation::ReplaceNumber { nth, token }),
        (any::<usize>(), "[ -~\n]{1,12}").prop_map(|(at, text)| Mutation::Insert { at, text }),
    ]
}

/// Byte ranges of the numbers in `text` (a digit run with its sign, point and exponent).
fn numbers(text: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let starts =
            text[i].is_ascii_digit() && (i == 0 || !(text[i - 1].is_ascii_alphanumeric() || text[i - 1] == b'_'));
        if starts {
            let start = if i > 0 && text[i - 1] == b'-' { i - 1 } else { i };
            let mut j = i;
            while j < text.len() && (text[j].is_ascii_digit() || matches!(text[j], b'.' | b'e' | b'E' | b'_')) {
                j += 1;
            }
            out.push((start, j));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

fn apply(text: &mut Vec<u8>, m: &Mutation) {
    let n = text.len();
    match m {
        Mutation::Delete { at, len } if n > 0 => {
            let at = at % n;
            let end = (at + len).min(n);
            text.drain(at..end);
        }
        Mutation::DuplicateLine { line } => {
            let starts: Vec<usize> = std::iter::once(0)
                .chain(text.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1))
                .collect();
            let s = starts[line % starts.len()];
            let e = text[s..].iter().position(|b| *b == b'\n').map_or(n, |p| s + p + 1);
            let mut copy = text[s..e].to_vec();
            if !copy.ends_with(b"\n") {
                copy.push(b'\n');
            }
            text.splice(e..e, copy);
        }
        Mutation::ReplaceNumber { nth, token } => {
            let nums = numbers(text);
            if !nums.is_empty() {
                let (s, e) = nums[nth % nums.len()];
                text.splice(s..e, TOKENS[*token].bytes());
            }
        }
        Mutation::Insert { at, text: t } => {
            let at = if n == 0 { 0 } else { at % (n + 1) };
            text.splice(at..at, t.bytes());
        }
        Mutation::Delete { .. } => {}
    }
}

/// (file name, text) of every source.
fn originals() -> Vec<(String, Vec<u8>)> {
    let optional = OPTIONAL_SOURCES.iter().filter(|p| root().join(p).is_file());
    SOURCES
        .iter()
        .chain(optional)
        .map(|p| {
            let name = std::path::Path::new(p).file_name().expect("a file name").to_string_lossy().into_owned();
            (name, std::fs::read(root().join(p)).unwrap_or_else(|e| panic!("{p}: {e}")))
        })
        .collect()
}

/// Write the intact parents into `dir`.
fn write_parents(dir: &std::path::Path, sources: &[(String, Vec<u8>)]) {
    for (name, text) in sources {
        if name == "parent.toml" || name == "baseline.toml" {
            std::fs::write(dir.join(name), text).expect("write");
        }
    }
}

#[test]
fn the_number_finder_finds_numbers() {
    let t = b"a = 1\nb = -2.5e3\nc_2 = [[0, 60]]\nname = \"x1\"\n";
    let found: Vec<&str> = numbers(t).iter().map(|&(s, e)| std::str::from_utf8(&t[s..e]).expect("ASCII")).collect();
    assert_eq!(found, ["1", "-2.5e3", "0", "60"]);
}

#[test]
fn unmutated_sources_load() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let sources = originals();
    for (name, text) in &sources {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    write_parents(dir.path(), &sources);
    for (name, _) in &sources {
        if let Err(e) = protracted::scenario::load(&dir.path().join(name), &[]) {
            panic!("{name} does not load from a temp dir:\n{e}");
        }
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256)
}

proptest! {
    // 256 cases keep `cargo test` fast; PROPTEST_CASES=100000 fuzzes deeper.
    #![proptest_config(Config { cases: cases(), ..Config::default() })]

    #[test]
    fn damaged_scenarios_give_errors_not_panics(
        which in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let sources = originals();
        let dir = tempfile::TempDir::new().expect("temp dir");
        write_parents(dir.path(), &sources);
        let (name, text) = which.get(&sources);
        let mut text = text.clone();
        for m in &mutations {
            apply(&mut text, m);
        }
        let file = dir.path().join(format!("mutated-{name}"));
        std::fs::write(&file, &text).expect("write");
        match protracted::scenario::load(&file, &[]) {
            Ok(sc) => {
                prop_assert!(sc.steps >= 1);
                prop_assert!(sc.sides[0].name != sc.sides[1].name);
                prop_assert!(sc.slots.iter().all(|s| s.central().is_finite()));
            }
            Err(e) => {
                prop_assert!(!e.diagnostics.is_empty());
                let shown = e.to_string();
                prop_assert!(shown.contains(&dir.path().display().to_string()), "no file named: {shown}");
                for d in &e.diagnostics {
                    prop_assert!(!d.message.trim().is_empty(), "empty message: {d:?}");
                    if let protracted::scenario::Origin::File(loc) = &d.origin {
                        prop_assert!(loc.line.is_none_or(|l| l >= 1) && loc.column.is_none_or(|c| c >= 1));
                    }
                }
            }
        }
    }
}

/// Values tried for the numeric flags: valid small ones, edges, negatives, overflows, words.
const NUMBERS: &[&str] = &[
    "1",
    "3",
    "0",
    "-5",
    "-0",
    "12",
    "1201",
    "100000001",
    "18446744073709551615",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "1e3",
    "2.5",
    "ten",
    "",
    " 7",
    "0x10",
];

/// `--set` arguments tried: valid, unknown, wrong types, hostile values, the file's own keys.
const SETS: &[&str] = &[
    "scenario.months=2",
    "scenario.months=12",
    "scenario.runs=0",
    "scenario.seed=-1",
    "extends=baseline.toml",
    "schema=2",
    "scenario.start=2025-07-01",
    "scenario.start=\"2025-13\"",
    "sides.russia.manpower.pool_k=1e300",
    "sides.russia.manpower.pool_k={ uniform = [1500, 3000] }",
    "sides.russia.manpower.pool_k={ triangular = [3, 2, 1] }",
    "events.0.month=12",
    "events.0.month=-1",
    "paths.sanctions_intensity=[[0, 0.9]]",
    "paths.sanctions_intensity=[[0, 2]]",
    "nonsense",
    "=1",
    "a..b=1",
    "donors.us.active=0",
];

const COMMANDS: &[&str] = &["run", "compare", "validate", "sweep", "seek", "sensitivity"];

const SCENARIOS: &[&str] = &[
    "scenarios/baseline.toml",
    "scenarios/russia-mobilises.toml",
    "scenarios/classic/lanchester-square.toml",
    "tests/fixtures/invalid/out-of-range.toml",
    "no-such-file.toml",
    "baseline",
];

/// One command line: a command, a scenario, and flags with values from the lists above.
fn command_line() -> impl Strategy<Value = (usize, usize, Vec<(usize, usize)>)> {
    (0..COMMANDS.len(), 0..SCENARIOS.len(), prop::collection::vec((0usize..6, any::<usize>()), 0..5))
}

fn flag_cases() -> u32 {
    std::env::var("FUZZ_FLAG_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(24)
}

proptest! {
    // The whole binary, one process per case: FUZZ_FLAG_CASES=10000 for a long run.
    #![proptest_config(Config { cases: flag_cases(), ..Config::default() })]

    #[test]
    fn command_lines_give_results_or_bad_input_never_panics(case in command_line()) {
        let (cmd, scenario, flags) = case;
        let tmp = tempfile::TempDir::new().expect("temp dir");
        let out = tmp.path().join("out");
        let cmd = COMMANDS[cmd];
        let mut args: Vec<String> = vec![cmd.into(), SCENARIOS[scenario].into()];
        match cmd {
            "compare" => args.push("scenarios/us-withdraws.toml".into()),
            "sweep" => args.extend(["--vary".into(), "paths.sanctions_intensity=0,1".into()]),
            "seek" => args.extend(["--target".into(), "ukraine tips by M in 50%".into(), "--minimise".into(), "M".into()]),
            _ => {}
        }
        let mut has_runs = false;
        for (flag, v) in &flags {
            let name = ["--runs", "--seed", "--months", "--threads", "--set", "--set"][*flag];
            if cmd == "validate" && name != "--set" {
                continue;
            }
            has_runs |= name == "--runs";
            let value = if name == "--set" { SETS[v % SETS.len()] } else { NUMBERS[v % NUMBERS.len()] };
            // A valid but large run count would make the case slow, not more telling.
            let value = if name == "--runs" && value.trim().parse::<i64>().is_ok_and(|n| n > 3 && n <= 100_000_000) { "3" } else { value };
            args.extend([name.to_string(), value.to_string()]);
        }
        if cmd != "validate" {
            if !has_runs {
                args.extend(["--runs".into(), "3".into()]);
            }
            args.extend(["--quiet".into(), "--no-charts".into(), "--out".into(), out.display().to_string()]);
        }
        let o = crate::common::bin().args(&args).output().expect("protracted runs");
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        prop_assert!(!err.contains("panicked"), "{args:?}: {err}");
        match o.status.code() {
            Some(0) => {
                if cmd == "run" {
                    for f in crate::common::RUN_FILES {
                        prop_assert!(out.join(f).is_file(), "{args:?}: no {f}");
                    }
                }
            }
            Some(2) => {
                prop_assert!(err.starts_with("error:") || err.contains("\nerror:"), "{args:?}: {err}");
                prop_assert!(err.len() < 4000, "{args:?}: a long message ({} bytes)", err.len());
                prop_assert!(!out.exists(), "{args:?}: bad input wrote {}", out.display());
            }
            code => prop_assert!(false, "{args:?}: exit {code:?}: {err}"),
        }
        let beside: Vec<String> = std::fs::read_dir(tmp.path()).expect("dir").flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n != "out").collect();
        prop_assert!(beside.is_empty(), "{args:?}: left {beside:?}");
    }
}
