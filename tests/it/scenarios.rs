//! The shipped scenario library and the scenario language's composition rules: every file
//! under `scenarios/` validates and runs small, writing every contract output; `extends`
//! overlays a child on its parent key by key; `[[donors]]` and `[[events]]` merge by name.
//! Checks of the output files' contents are in [`crate::cli`]; error messages in
//! [`crate::errors`].

use crate::common::{RUN_FILES, bin, hidden_files, load, read, shipped_scenarios};
use protracted::scenario::{EventAction, ModelKind};
use tempfile::TempDir;

#[test]
fn every_shipped_scenario_validates() {
    let files = shipped_scenarios();
    let out = bin().arg("validate").args(&files).output().expect("protracted runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "validate failed:\n{}", String::from_utf8_lossy(&out.stderr));
    for f in &files {
        assert!(stdout.contains(&format!("ok: {}", f.display())), "{} not reported ok:\n{stdout}", f.display());
    }
}

#[test]
fn every_shipped_scenario_has_a_description_and_teaching_notes() {
    for f in shipped_scenarios() {
        let sc = load(&f, &[]);
        assert!(!sc.description.trim().is_empty(), "{}: no description", f.display());
        assert!(!sc.teaching.what_it_shows.trim().is_empty(), "{}: no [teaching] what_it_shows", f.display());
    }
}

#[test]
fn every_shipped_scenario_runs_small() {
    for f in shipped_scenarios() {
        let sc = load(&f, &[]);
        let tmp = TempDir::new().expect("temp dir");
        let mut cmd = bin();
        cmd.arg("run").arg(&f).args(["--runs", "20", "--quiet", "--out"]).arg(tmp.path());
        let months = if sc.model == ModelKind::Lanchester {
            sc.steps // classic battles keep their own steps (days)
        } else {
            cmd.args(["--months", "6"]);
            6
        };
        let out = cmd.output().expect("protracted runs");
        assert!(
            out.status.success(),
            "run {} failed ({:?}):\n{}",
            f.display(),
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        for name in RUN_FILES {
            assert!(tmp.path().join(name).is_file(), "{}: {name} not written", f.display());
        }
        assert_eq!(hidden_files(tmp.path()), Vec::<String>::new(), "{}: temporary files left", f.display());
        crate::cli::check_summary(&f, tmp.path(), 20, months);
        crate::cli::check_timeseries(tmp.path(), months, &sc.start.to_string());
        let runs_csv = String::from_utf8(read(tmp.path(), "runs.csv")).expect("UTF-8");
        assert_eq!(runs_csv.lines().count(), 21, "{}: a header and one row per run", f.display());
    }
}

#[test]
fn a_child_overlays_its_parent_key_by_key() {
    let parent = load("tests/fixtures/valid/parent.toml", &[]);
    let child = load("tests/fixtures/valid/child.toml", &[]);
    let value = |sc: &protracted::Scenario, path: &str| {
        sc.slots.iter().find(|s| s.path == path).unwrap_or_else(|| panic!("no slot {path}")).central()
    };
    // Metadata: overridden where the child says so, inherited elsewhere.
    assert_eq!(child.name, "Fixture child");
    assert_eq!(child.description, parent.description);
    assert_eq!((child.steps, child.runs, child.seed), (12, 50, 7));
    assert_eq!(child.start.to_string(), "2025-01");
    // The one nested key the child sets, and its untouched siblings.
    assert_eq!(value(&parent, "sides.blue.attrition.lethality_per_day"), 0.002);
    assert_eq!(value(&child, "sides.blue.attrition.lethality_per_day"), 0.003);
    assert_eq!(value(&child, "sides.blue.attrition.front_k"), 300.0);
    assert_eq!(value(&child, "sides.blue.attrition.quality"), 1.2);
    assert_eq!(value(&child, "sides.red.attrition.front_k"), 500.0);
    assert_eq!(child.sides[0].label, "Blue");
    // A distribution is inherited as a distribution.
    let pool = child.slots.iter().find(|s| s.path == "sides.blue.manpower.pool_k").expect("pool slot");
    assert!(pool.is_uncertain());
    assert_eq!(child.oil_path, parent.oil_path);
    // The parent's file is part of the hash, the child's path is the scenario's file.
    assert!(child.file.ends_with("tests/fixtures/valid/child.toml"));
    assert_ne!(child.source_hash, parent.source_hash);
}

#[test]
fn named_donors_merge_by_name_and_new_ones_are_appended() {
    let child = load("tests/fixtures/valid/child.toml", &[]);
    let names: Vec<&str> = child.donors.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["west", "east", "north"]);
    let value = |path: &str| child.slots.iter().find(|s| s.path == path).expect(path).central();
    assert_eq!(value("donors.west.military_usd_bn_per_month"), 0.0, "overridden by the child");
    assert_eq!(value("donors.west.financial_usd_bn_per_month"), 2.0, "kept from the parent");
    assert_eq!(value("donors.north.troops_k_per_month"), 1.0);
    let blue = child.side_index("blue").expect("blue");
    assert_eq!(child.donors[0].recipient, blue, "the parent's recipient is kept");
    assert_eq!(child.donors[2].recipient, blue);
}

#[test]
fn named_events_merge_by_name_and_unnamed_ones_are_appended() {
    let parent = load("tests/fixtures/valid/parent.toml", &[]);
    let child = load("tests/fixtures/valid/child.toml", &[]);
    assert_eq!(parent.events.len(), 2);
    assert_eq!(child.events.len(), 3);
    let reserve = &child.events[0];
    assert_eq!(reserve.name.as_deref(), Some("reserve"));
    assert_eq!(reserve.month, 5, "the child's month");
    assert_eq!(reserve.note.as_deref(), Some("a reserve arrives"), "the parent's note");
    let EventAction::Reinforce { side, amount, over } = reserve.action else { panic!("{reserve:?}") };
    assert_eq!(side, child.side_index("blue").expect("blue"));
    assert_eq!(child.slots[amount].central(), 20.0, "the parent's amount");
    assert_eq!(over, 0.0);
    assert_eq!(child.events[1].name.as_deref(), Some("mobilisation"));
    assert_eq!(child.events[1].duration, Some(3));
    let added = &child.events[2];
    assert_eq!((added.name.as_deref(), added.month), (None, 9));
    let EventAction::Set { target, value } = added.action else { panic!("{added:?}") };
    assert_eq!(child.slots[target].path, "sides.blue.attrition.quality");
    assert_eq!(child.slots[value].central(), 1.0);
}

#[test]
fn set_overrides_reach_nested_keys_donors_and_events() {
    let sc = load(
        "tests/fixtures/valid/child.toml",
        &[
            "sides.red.attrition.front_k=450",
            "donors.east.active=0",
            "events.0.month=2",
            "sides.blue.attrition.quality={ uniform = [1, 1.4] }",
        ],
    );
    let slot = |path: &str| sc.slots.iter().find(|s| s.path == path).expect(path);
    assert_eq!(slot("sides.red.attrition.front_k").central(), 450.0);
    assert_eq!(slot("donors.east.active").central(), 0.0);
    assert_eq!(sc.events[0].month, 2);
    assert!(slot("sides.blue.attrition.quality").is_uncertain());
    assert_eq!(sc.overrides.len(), 4);
}

#[test]
fn errors_in_merged_entries_point_at_the_file_that_wrote_them() {
    // A shorter horizon puts the events after it: the merged "reserve" event's month was
    // written by the child, the "mobilisation" event only by the parent.
    let e = protracted::scenario::load(
        &crate::common::root().join("tests/fixtures/valid/child.toml"),
        &["scenario.months=4".to_string()],
    )
    .expect_err("the events start after a 4-month horizon");
    let lines: Vec<String> = e.diagnostics.iter().map(|d| d.to_string()).collect();
    let find = |key: &str| {
        lines.iter().find(|l| l.contains(&format!(" {key}: "))).unwrap_or_else(|| panic!("{key} in {lines:#?}"))
    };
    let reserve = find("events.0.month");
    assert!(reserve.contains("valid/child.toml:25:9: ") && reserve.contains("5 is after the horizon"), "{reserve}");
    let mobilisation = find("events.1.month");
    assert!(
        mobilisation.contains("valid/parent.toml:") && mobilisation.contains("6 is after the horizon"),
        "{mobilisation}"
    );
    let added = find("events.2.month");
    assert!(added.contains("valid/child.toml:") && added.contains("9 is after the horizon"), "{added}");
}
