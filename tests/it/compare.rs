//! `compare`: a scenario against itself differs by nothing; the files (`comparison.json`,
//! `comparison.csv`, the comparison charts, each scenario's own data in a subdirectory); the
//! JSON record's shape; the stdout table (snapshot); scenarios with other side names are bad
//! input (exit 2).

use crate::charts::check_chart;
use crate::common::{RUN_FILES, bin, hidden_files};
use serde_json::Value;
use std::process::Output;
use tempfile::TempDir;

const BASELINE: &str = "scenarios/baseline.toml";
const VARIANT: &str = "scenarios/us-withdraws.toml";
const SQUARE: &str = "scenarios/classic/lanchester-square.toml";

fn compare(files: &[&str], args: &[&str]) -> (TempDir, Output) {
    let tmp = TempDir::new().expect("temp dir");
    let out = bin()
        .arg("compare")
        .args(files)
        .args(["--quiet", "--out"])
        .arg(tmp.path())
        .args(args)
        .output()
        .expect("protracted runs");
    (tmp, out)
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "compare failed:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

#[test]
fn a_scenario_compared_with_itself_differs_by_nothing() {
    let (_tmp, out) =
        compare(&[BASELINE, BASELINE], &["--runs", "50", "--months", "24", "--no-charts", "--format", "json"]);
    let json: Value = serde_json::from_str(&ok(&out)).expect("stdout is JSON");
    let scenarios = json["scenarios"].as_array().expect("scenarios");
    assert_eq!(scenarios.len(), 2);
    assert_eq!(scenarios[0]["tipping"], scenarios[1]["tipping"]);
    for sc in scenarios {
        for side in ["russia", "ukraine"] {
            let p = &sc["paired"][side];
            for key in ["median_diff_months", "p05_diff_months", "p95_diff_months", "p_earlier", "p_later"] {
                assert_eq!(p[key].as_f64(), Some(0.0), "{side} {key}: {p}");
            }
        }
    }
}

#[test]
fn compare_writes_the_table_the_charts_and_each_scenarios_data() {
    let (tmp, out) = compare(&[BASELINE, VARIANT], &["--runs", "40", "--months", "24"]);
    ok(&out);
    let dir = tmp.path();
    for (name, title) in [
        ("tipping", "the scenarios compared"),
        ("paired", "run by run"),
        ("outcomes", "scenario by scenario"),
        ("fans", "overlaid"),
    ] {
        check_chart(dir, name, title);
    }
    for sub in ["baseline", "us-withdraws"] {
        for name in RUN_FILES {
            assert!(dir.join(sub).join(name).is_file(), "{sub}/{name} not written");
        }
        check_chart(&dir.join(sub), "tipping", "time is not on its side");
    }
    assert_eq!(hidden_files(dir), Vec::<String>::new(), "temporary files left");

    let json: Value = serde_json::from_slice(&std::fs::read(dir.join("comparison.json")).expect("comparison.json"))
        .expect("comparison.json is JSON");
    assert_eq!(json["reference"], "Baseline (mid-2025)");
    let scenarios = json["scenarios"].as_array().expect("scenarios");
    assert_eq!(scenarios.len(), 2);
    assert_eq!(scenarios[1]["file"], VARIANT);
    for sc in scenarios {
        for key in ["name", "file", "tipping", "outcomes", "paired"] {
            assert!(!sc[key].is_null(), "scenario without {key}: {sc}");
        }
        let tip = &sc["tipping"]["ukraine"];
        assert_eq!(tip["share_by_month"].as_array().map(Vec::len), Some(25), "months 0..=24");
        for key in ["median_month", "p10_month", "p90_month", "never_share"] {
            assert!(tip.get(key).is_some(), "TIP without {key}");
        }
        let p = &sc["paired"]["russia"];
        let (earlier, later) = (p["p_earlier"].as_f64().expect("p_earlier"), p["p_later"].as_f64().expect("p_later"));
        assert!((0.0..=1.0).contains(&earlier) && (0.0..=1.0).contains(&later) && earlier + later <= 1.0 + 1e-9);
        let (lo, med, hi) =
            (p["p05_diff_months"].as_f64(), p["median_diff_months"].as_f64(), p["p95_diff_months"].as_f64());
        assert!(lo <= med && med <= hi, "{p}");
    }

    let csv = std::fs::read_to_string(dir.join("comparison.csv")).expect("comparison.csv");
    let mut lines = csv.lines();
    assert!(
        lines.next().is_some_and(|h| h.starts_with(
            "scenario,file,side,median_month,p10_month,p90_month,never_share,cut_losses_median_month,cut_losses_never_share,median_diff_months,p05_diff_months,p25_diff_months,p75_diff_months,p95_diff_months,p_earlier,p_later,"
        )),
        "{csv}"
    );
    assert_eq!(lines.count(), 4, "one row per scenario and side:\n{csv}");
}

#[test]
fn the_comparison_table_on_stdout() {
    let (_tmp, out) = compare(&[BASELINE, VARIANT], &["--runs", "50", "--months", "24", "--no-charts"]);
    let text = ok(&out);
    // The last line names the temporary directory and the wall time.
    let table: String = text.lines().filter(|l| !l.starts_with("Wrote ")).map(|l| format!("{l}\n")).collect();
    insta::assert_snapshot!("compare-table", table);
}

#[test]
fn scenarios_with_other_sides_are_bad_input() {
    let (tmp, out) = compare(&[BASELINE, SQUARE], &["--runs", "5"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("same side names") && err.contains(SQUARE), "{err}");
    assert_eq!(std::fs::read_dir(tmp.path()).expect("dir").count(), 0, "nothing written");
}

#[test]
fn compare_needs_two_scenarios() {
    let (_tmp, out) = compare(&[BASELINE], &[]);
    assert_eq!(out.status.code(), Some(2));
}
