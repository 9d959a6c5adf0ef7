//! The command line as users and scripts meet it: every subcommand's `--help` shows an
//! example; `list`; exit codes for bad flags (2); `--format json`; the contract's output
//! files (`summary.json` keys and tipping records, the `timeseries.csv` header) and their
//! atomic writing (no temporary files left). Running every shipped scenario is in
//! [`crate::scenarios`]; error wording in [`crate::errors`].

use crate::common::{RUN_FILES, assert_close, bin, hidden_files, load, read, root, toml_files};
use serde_json::Value;
use std::path::Path;
use std::process::Output;
use tempfile::TempDir;

const SQUARE: &str = "scenarios/classic/lanchester-square.toml";
const WAR_FIXTURE: &str = "tests/fixtures/valid/parent.toml";

/// `run FILE --runs 20 --quiet --out TMP ARGS...`.
fn run_small(file: &str, args: &[&str]) -> (TempDir, Output) {
    let tmp = TempDir::new().expect("temp dir");
    let out = bin()
        .args(["run", file, "--runs", "20", "--quiet", "--out"])
        .arg(tmp.path())
        .args(args)
        .output()
        .expect("protracted runs");
    (tmp, out)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The subcommands listed in the top-level help (so new ones are covered automatically).
fn subcommands() -> Vec<String> {
    let out = bin().arg("--help").output().expect("protracted runs");
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    let section = help.split("Commands:").nth(1).expect("a Commands: section in --help");
    section
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        // A command starts two spaces in; wrapped descriptions are indented further.
        .filter(|l| l.starts_with("  ") && !l[2..].starts_with(' '))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|c| c != "help")
        .collect()
}

#[test]
fn every_help_shows_an_example() {
    let out = bin().arg("--help").output().expect("protracted runs");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Example"), "top-level --help has no example");
    let subs = subcommands();
    for required in ["run", "validate", "list"] {
        assert!(subs.iter().any(|s| s == required), "`{required}` missing from --help: {subs:?}");
    }
    for sub in subs {
        let out = bin().args([sub.as_str(), "--help"]).output().expect("protracted runs");
        assert!(out.status.success(), "{sub} --help failed");
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(help.contains("Example"), "`{sub} --help` shows no example:\n{help}");
        assert!(help.contains(&format!("protracted {sub}")), "`{sub} --help` example does not use {sub}:\n{help}");
    }
}

#[test]
fn version_is_printed() {
    let out = bin().arg("--version").output().expect("protracted runs");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn list_shows_each_classic_scenario_with_its_description() {
    let out = bin().args(["list", "scenarios/classic"]).output().expect("protracted runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let files = toml_files("scenarios/classic");
    assert!(files.len() >= 2, "{files:?}");
    for f in files {
        let sc = load(&f, &[]);
        let line = stdout
            .lines()
            .find(|l| l.starts_with(&f.display().to_string()))
            .unwrap_or_else(|| panic!("{} not listed:\n{stdout}", f.display()));
        assert!(line.contains(&sc.description), "{line:?} lacks the description {:?}", sc.description);
    }
}

#[test]
fn list_defaults_to_the_scenarios_directory() {
    let out = bin().arg("list").output().expect("protracted runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    for f in crate::common::shipped_scenarios() {
        assert!(stdout.contains(&f.display().to_string()), "{} not listed:\n{stdout}", f.display());
        assert!(!stdout.contains("(invalid"), "a shipped scenario is listed as invalid:\n{stdout}");
    }
}

#[test]
fn list_of_a_missing_directory_is_bad_input() {
    let out = bin().args(["list", "tests/fixtures/no-such-dir"]).output().expect("protracted runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// Check one `TIP` record of `summary.json`.
fn check_tip(tip: &Value, months: usize, what: &str) {
    let share = tip["share_by_month"].as_array().unwrap_or_else(|| panic!("{what}: no share_by_month"));
    assert_eq!(share.len(), months + 1, "{what}: share_by_month has months+1 entries");
    let mut last = 0.0;
    for s in share {
        let s = s.as_f64().unwrap_or_else(|| panic!("{what}: share {s} is not a number"));
        assert!((0.0..=1.0).contains(&s) && s >= last, "{what}: shares in [0,1], non-decreasing: {share:?}");
        last = s;
    }
    for k in ["median_month", "p10_month", "p90_month"] {
        let v = tip.get(k).unwrap_or_else(|| panic!("{what}: no {k}"));
        assert!(v.is_null() || v.is_number(), "{what}: {k} is {v}");
    }
    let never = tip["never_share"].as_f64().unwrap_or_else(|| panic!("{what}: no never_share"));
    assert!((0.0..=1.0).contains(&never), "{what}: never_share {never}");
    assert_close(never + last, 1.0, 1e-9, &format!("{what}: never_share + the last share"));
}

/// Check the contract keys of `summary.json` written by a run of `file` (relative to the
/// repository root) into `dir`.
pub(crate) fn check_summary(file: impl AsRef<Path>, dir: &Path, runs: u64, months: usize) -> Value {
    let file = file.as_ref();
    let sc = load(file, &[]);
    let s: Value = serde_json::from_slice(&read(dir, "summary.json")).expect("summary.json is JSON");
    for k in [
        "schema_version",
        "scenario",
        "file",
        "runs",
        "seed",
        "start",
        "months",
        "sides",
        "tipping",
        "outcomes",
        "version",
    ] {
        assert!(s.get(k).is_some(), "summary.json lacks `{k}`");
    }
    assert_eq!(s["schema_version"], 1, "the layout of summary.json, docs/OUTPUTS.md");
    assert_eq!(s["scenario"], sc.name.as_str());
    assert!(s["file"].as_str().is_some_and(|f| Path::new(f).ends_with(file)), "file: {}", s["file"]);
    assert_eq!(s["runs"], runs);
    assert_eq!(s["seed"], sc.seed);
    assert_eq!(s["start"], sc.start.to_string());
    assert_eq!(s["months"], months);
    assert_eq!(s["version"], env!("CARGO_PKG_VERSION"));
    let sides: Vec<&str> = sc.sides.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(s["sides"], serde_json::json!(sides));
    for side in &sides {
        let t = &s["tipping"][side];
        check_tip(&t["time_not_on_side"], months, &format!("{side}.time_not_on_side"));
        check_tip(&t["cut_losses"], months, &format!("{side}.cut_losses"));
    }
    let outcomes = s["outcomes"].as_object().expect("outcomes is an object");
    assert!(!outcomes.is_empty());
    let total: f64 = outcomes.values().map(|v| v.as_f64().expect("a share")).sum();
    assert_close(total, 1.0, 1e-9, &format!("the sum of the outcome shares {outcomes:?}"));
    s
}

/// Check `timeseries.csv` in `dir`: the contract header, ten fields a row, rows from month 0
/// (dated `start_date`...) to `months`.
pub(crate) fn check_timeseries(dir: &Path, months: usize, start_date: &str) {
    let text = String::from_utf8(read(dir, "timeseries.csv")).expect("UTF-8");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("month,date,side,variable,mean,p05,p25,p50,p75,p95"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 10), "every row has 10 fields");
    assert!(rows[0][1].starts_with(start_date), "month 0 is dated {start_date}: {:?}", rows[0]);
    let last: usize = rows.last().expect("rows")[0].parse().expect("a month");
    assert_eq!(last, months, "rows run from month 0 to the horizon");
    assert!(rows.iter().any(|r| r[3] == "front_k"), "front_k is recorded");
}

#[test]
fn run_writes_the_contract_files_for_a_classic_battle() {
    let (tmp, out) = run_small(SQUARE, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    for name in RUN_FILES {
        assert!(tmp.path().join(name).is_file(), "{name} not written");
    }
    assert_eq!(hidden_files(tmp.path()), Vec::<String>::new(), "temporary files left");
    let months = load(SQUARE, &[]).steps;
    check_summary(SQUARE, tmp.path(), 20, months);
    check_timeseries(tmp.path(), months, "1945-02-01");
    let runs = String::from_utf8(read(tmp.path(), "runs.csv")).expect("UTF-8");
    assert!(
        runs.starts_with("run,outcome,end_month,japan_time_not_on_side_month,japan_cut_losses_month,us_time_not_on_side_month,us_cut_losses_month"),
        "{runs}"
    );
    let events = String::from_utf8(read(tmp.path(), "events.csv")).expect("UTF-8");
    assert!(events.starts_with("run,month,side,event,detail"), "{events}");
}

#[test]
fn run_writes_the_contract_files_for_a_war_scenario() {
    // Its last event is at month 6: the shortest horizon that keeps it is 7 months.
    let (tmp, out) = run_small(WAR_FIXTURE, &["--months", "7"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for name in RUN_FILES {
        assert!(tmp.path().join(name).is_file(), "{name} not written");
    }
    assert_eq!(hidden_files(tmp.path()), Vec::<String>::new(), "temporary files left");
    check_summary(WAR_FIXTURE, tmp.path(), 20, 7);
    check_timeseries(tmp.path(), 7, "2025-01");
    let manifest: Value = serde_json::from_slice(&read(tmp.path(), "manifest.json")).expect("JSON");
    assert_eq!(manifest["runs"], 20);
    assert_eq!(manifest["months"], 7);
    // The uncertain parameter's draws are columns of runs.csv.
    let runs = String::from_utf8(read(tmp.path(), "runs.csv")).expect("UTF-8");
    assert!(runs.lines().next().is_some_and(|h| h.ends_with(",sides.blue.manpower.pool_k")), "{runs}");
}

#[test]
fn format_json_prints_the_summary_on_stdout() {
    let (tmp, out) = run_small(SQUARE, &["--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed: Value = serde_json::from_slice(&out.stdout).expect("stdout is valid JSON");
    let written: Value = serde_json::from_slice(&read(tmp.path(), "summary.json")).expect("JSON");
    assert_eq!(printed, written);
}

#[test]
fn zero_runs_is_bad_input() {
    let (tmp, out) = run_small(SQUARE, &["--runs", "0"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--runs"), "{}", stderr(&out));
    assert!(!tmp.path().join("summary.json").exists());
}

#[test]
fn zero_threads_is_bad_input() {
    let (_tmp, out) = run_small(SQUARE, &["--threads", "0"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--threads"), "{}", stderr(&out));
}

#[test]
fn zero_months_is_bad_input() {
    let (_tmp, out) = run_small(SQUARE, &["--months", "0"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn an_unknown_flag_is_bad_input() {
    let (_tmp, out) = run_small(SQUARE, &["--rnus", "5"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn an_unknown_set_path_is_bad_input_and_names_the_closest_paths() {
    let (tmp, out) = run_small(SQUARE, &["--set", "sides.us.attrition.intensity_shok=0.3"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("sides.us.attrition.intensity_shok"), "{err}");
    assert!(err.contains("closest valid paths are: sides.us.attrition.intensity_shock"), "{err}");
    assert!(!tmp.path().join("summary.json").exists(), "nothing is written for bad input");
}

#[test]
fn a_missing_scenario_file_is_bad_input() {
    let (_tmp, out) = run_small("scenarios/no-such-scenario.toml", &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("scenarios/no-such-scenario.toml"), "{err}");
}

#[test]
fn an_invalid_scenario_is_bad_input_and_writes_nothing() {
    let (tmp, out) = run_small("tests/fixtures/invalid/out-of-range.toml", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(tmp.path()).expect("dir").count(), 0, "the out dir stays empty");
}

#[test]
fn run_creates_a_missing_out_directory() {
    let tmp = TempDir::new().expect("temp dir");
    let nested = tmp.path().join("a").join("b");
    let out =
        bin().args(["run", SQUARE, "--runs", "3", "--quiet", "--out"]).arg(&nested).output().expect("protracted runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(nested.join("summary.json").is_file());
    assert!(root().join("scenarios").is_dir(), "sanity: run from the repository root");
}

#[test]
fn text_output_names_the_scenario_and_the_out_directory() {
    let (tmp, out) = run_small(SQUARE, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(&load(SQUARE, &[]).name), "{stdout}");
    assert!(stdout.contains(&tmp.path().display().to_string()), "{stdout}");
    assert!(!stdout.contains("Teaching notes"), "--quiet leaves out the teaching notes");
}

#[test]
fn story_tells_one_run_of_the_ensemble_as_runs_csv_has_it() {
    // Runs of the baseline that tipped: the story of one of them prints the month runs.csv has.
    let tmp = TempDir::new().expect("temp dir");
    let out = bin()
        .args(["run", "scenarios/baseline.toml", "--runs", "60", "--quiet", "--no-charts", "--out"])
        .arg(tmp.path())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let runs = String::from_utf8(read(tmp.path(), "runs.csv")).expect("UTF-8");
    let (n, month) = runs
        .lines()
        .skip(1)
        .find_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (!f[3].is_empty()).then(|| (f[0].to_string(), f[3].to_string()))
        })
        .expect("some run in which Russia tipped");
    let story = TempDir::new().expect("temp dir");
    let o = bin()
        .args(["run", "scenarios/baseline.toml", "--runs", "60", "--quiet", "--no-charts", "--story", &n, "--out"])
        .arg(story.path())
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains(&format!("The story of run {n}")), "{text}");
    let line = format!("m{month:<4} Russia     Russia judges that time is not on its side");
    assert!(text.contains(&line), "no `{line}` in\n{text}");
    // The story does not change the ensemble's files.
    assert_eq!(read(tmp.path(), "runs.csv"), read(story.path(), "runs.csv"));
    let png = read(story.path(), &format!("story-{n}.png"));
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    let svg = String::from_utf8(read(story.path(), &format!("story-{n}.svg"))).expect("UTF-8");
    assert!(svg.contains("One run") && svg.contains("is its objective realistic?"), "SVG without its title");
}

#[test]
fn story_of_a_run_outside_the_ensemble_or_of_a_battle_is_bad_input() {
    let (tmp, o) = run_small("scenarios/baseline.toml", &["--story", "20"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--story 20: the ensemble has 20 runs, numbered 0 to 19"), "{}", stderr(&o));
    assert!(!tmp.path().join("summary.json").exists(), "wrote results for bad input");
    let (_tmp, o) = run_small(SQUARE, &["--story", "0"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("classic battle"), "{}", stderr(&o));
}
