//! The explore commands (`sweep`, `seek`, `sensitivity`) and what they rest on: a run's shocks
//! depend on its seed, run and month only; grid points share their random numbers; outputs
//! are identical at any thread count; bad levers exit 2 with a located message.

use crate::common::{bin, hidden_files, load, read};
use protracted::explore::experiment::Experiment;
use protracted::sim::Plan;

/// Two variants whose differences change the model's branches (donors pause and cut far more
/// often, the war never ends by a cease-fire, Russia's recruits cost more) still draw the same
/// oil shocks month by month in every run: a shock stream draws a fixed number of values per
/// month whatever happens, so a run's shocks depend on (seed, run, month) only. The oil price
/// is the scenario's path times the month's shock, so it must be identical in every month
/// both variants simulate.
#[test]
fn shocks_depend_on_seed_run_and_month_only() {
    let a = load("scenarios/baseline.toml", &[]);
    let b = load(
        "scenarios/baseline.toml",
        &[
            "donors.us.pause_prob_per_month=0.5",
            "donors.europe.cut_prob_per_month=0.2",
            "scenario.ceasefire=never",
            "sides.russia.manpower.bounty_elasticity=3",
        ],
    );
    let (pa, pb) = (Plan::with(&a, 9, 60), Plan::with(&b, 9, 60));
    let oil = pa.columns.find("oil_usd_bbl", None).expect("an oil price column");
    let mut differ = 0;
    for run in 0..40 {
        let (ta, tb) = (pa.run(run), pb.run(run));
        differ += usize::from(ta.end_step != tb.end_step || ta.time_not_on_side != tb.time_not_on_side);
        for m in 0..=ta.end_step.min(tb.end_step) {
            assert_eq!(ta.get(m, oil).to_bits(), tb.get(m, oil).to_bits(), "run {run}, month {m}");
        }
    }
    assert!(differ > 5, "the variants should take different branches ({differ} of 40 runs differ)");
}

/// A run with its own draws given explicitly is the run itself; with another run's draws it
/// keeps its own shocks (so a designed row's luck is its shock seed's).
#[test]
fn a_plan_runs_with_given_values_and_shock_seed() {
    let sc = load("scenarios/baseline.toml", &[]);
    let plan = Plan::with(&sc, 4, 36);
    for run in 0..5 {
        assert_eq!(plan.run_with(&plan.draw(run), run), plan.run(run));
    }
    let mixed = plan.run_with(&plan.draw(1), 2);
    let oil = plan.columns.find("oil_usd_bbl", None).expect("an oil price column");
    let own = plan.run(2);
    for m in 0..=mixed.end_step.min(own.end_step) {
        assert_eq!(mixed.get(m, oil).to_bits(), own.get(m, oil).to_bits());
    }
    assert_eq!(mixed.draws, plan.run(1).draws);
}

/// Every grid point runs the same runs: the point whose lever value is the scenario's own
/// reproduces the scenario's runs exactly.
#[test]
fn a_grid_point_at_the_scenarios_value_reproduces_its_runs() {
    let base = load("scenarios/baseline.toml", &[]);
    let at = load("scenarios/baseline.toml", &["paths.sanctions_intensity=[[0, 0.6]]"]);
    let other = load("scenarios/baseline.toml", &["paths.sanctions_intensity=[[0, 0.9]]"]);
    let variants = [at, other];
    let outs = Experiment::new(&variants, base.seed, 60, 2).runs(30, &mut |_| {});
    let plan = Plan::new(&base);
    for (i, o) in outs[0].iter().enumerate() {
        let t = plan.run(i);
        assert_eq!((o.tip, o.outcome, o.end as usize), (t.time_not_on_side, t.outcome, t.end_step), "run {i}");
    }
    assert_ne!(outs[0], outs[1]);
}

fn sweep(dir: &std::path::Path, threads: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    let mut c = bin();
    c.args(["sweep", "scenarios/baseline.toml", "--runs", "60", "--months", "36", "--quiet", "--threads", threads]);
    c.args(extra).arg("--out").arg(dir);
    c.assert()
}

#[test]
fn sweep_writes_tidy_files_identical_at_any_thread_count() {
    let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let lever = ["--vary", "paths.sanctions_intensity=0..1:3", "--no-charts"];
    sweep(d1.path(), "1", &lever).success();
    sweep(d2.path(), "2", &lever).success();
    for f in ["sweep.csv", "sweep.json"] {
        assert_eq!(read(d1.path(), f), read(d2.path(), f), "{f} differs between 1 and 2 threads");
    }
    assert!(hidden_files(d1.path()).is_empty());
    let csv = String::from_utf8(read(d1.path(), "sweep.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("point,paths.sanctions_intensity,side,metric,value,se"));
    // Per point: 2 sides × (tip_by_12, 24, 36 within the 36-month horizon + the restricted
    // mean) + 9 outcome classes.
    assert_eq!(lines.count(), 3 * (2 * 4 + 9));
    assert!(csv.contains("\n2,1,russia,tip_by_24,"), "{csv}");
    assert!(csv.contains(",ukraine,restricted_mean_month,"));
    assert!(!csv.contains("never"), "no 'never' code in the outputs");
    let json: serde_json::Value = serde_json::from_slice(&read(d1.path(), "sweep.json")).unwrap();
    assert_eq!(json["points"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["levers"][0]["baseline"].as_f64(), Some(0.6));
    let m: serde_json::Value = serde_json::from_slice(&read(d1.path(), "manifest.json")).unwrap();
    assert_eq!(m["command"], "sweep");
    assert_eq!(m["runs_per_point"], 60);
}

#[test]
fn sweep_draws_a_response_chart_or_heatmaps() {
    let d = tempfile::tempdir().unwrap();
    sweep(d.path(), "2", &["--vary", "world.circumvention=x0.8,x1.2"]).success();
    assert!(d.path().join("response.png").exists() && d.path().join("response.svg").exists());
    let d = tempfile::tempdir().unwrap();
    sweep(d.path(), "2", &["--vary", "world.circumvention=x0.8,x1.2", "--vary", "paths.sanctions_intensity=0.3,0.9"])
        .success();
    let svg = String::from_utf8(read(d.path(), "heatmap.svg")).unwrap();
    assert!(svg.contains("by month 24"), "title names the month");
}

#[test]
fn bad_levers_exit_2_with_a_located_message() {
    let d = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (&["--vary", "paths.sanction=0..1:3"], "the closest are: paths.sanctions_intensity"),
        (&["--vary", "paths.sanctions_intensity=0..2:3"], "2 is out of range: must be ≤ 1"),
        (&["--vary", "paths.sanctions_intensity=0..1:0"], "the grid is empty"),
        (&["--vary", "paths.sanctions_intensity=0..1"], "needs a count"),
        (&["--vary", "world.circumvention=x1", "--vary", "world.circumvention=x2"], "given twice"),
    ];
    for (args, msg) in cases {
        sweep(d.path(), "1", args).code(2).stderr(predicates::str::contains(msg));
    }
    let three = ["--vary", "world.circumvention=x1", "--vary", "world.oil_shock=x1", "--vary", "paths.oil_usd_bbl=x1"];
    sweep(d.path(), "1", &three).code(2).stderr(predicates::str::contains("one or two levers"));
    assert!(!d.path().join("sweep.csv").exists(), "no output on bad input");
}

#[test]
fn seek_finds_a_value_the_month_or_says_why_not() {
    let d = tempfile::tempdir().unwrap();
    let mut c = bin();
    c.args([
        "seek",
        "scenarios/baseline.toml",
        "--runs",
        "80",
        "--quiet",
        "--lever",
        "paths.sanctions_intensity=0..1:5",
    ]);
    c.args(["--target", "russia tips by 36 in 30%", "--out"]).arg(d.path());
    c.assert().success().stdout(predicates::str::contains("is first met at paths.sanctions_intensity"));
    let json: serde_json::Value = serde_json::from_slice(&read(d.path(), "seek.json")).unwrap();
    let v = json["found"]["value"]["value"].as_f64().expect("a value");
    assert!((0.0..=1.0).contains(&v));
    assert!(d.path().join("seek.png").exists());
    let mut c = bin();
    c.args(["seek", "scenarios/baseline.toml", "--runs", "80", "--quiet", "--target", "russia tips by M in 30%"]);
    c.args(["--minimise", "M", "--out"]).arg(d.path());
    c.assert().success().stdout(predicates::str::contains("Earliest month"));
    let mut c = bin();
    c.args([
        "seek",
        "scenarios/baseline.toml",
        "--runs",
        "40",
        "--quiet",
        "--lever",
        "paths.sanctions_intensity=0..0.1:3",
    ]);
    c.args(["--target", "russia tips by 12 in 95%", "--out"]).arg(d.path());
    c.assert().code(2).stderr(predicates::str::contains("no value in the range meets the target"));
    let mut c = bin();
    c.args([
        "seek",
        "scenarios/baseline.toml",
        "--lever",
        "paths.sanctions_intensity=0..1",
        "--target",
        "france tips by 12 in 5%",
    ]);
    c.arg("--out").arg(d.path());
    c.assert().code(2).stderr(predicates::str::contains("not a side"));
}

#[test]
fn sensitivity_writes_indices_with_intervals_and_a_floor() {
    let d = tempfile::tempdir().unwrap();
    let mut c = bin();
    c.args(["sensitivity", "scenarios/baseline.toml", "--runs", "400", "--months", "36", "--quiet", "--out"])
        .arg(d.path());
    c.assert().success().stdout(predicates::str::contains("dummy (noise floor)"));
    let csv = String::from_utf8(read(d.path(), "sensitivity.csv")).unwrap();
    assert!(csv.starts_with("method,side,metric,factor,index,lo,hi,raw,runs\n"));
    assert!(csv.contains(",russia,tip_by_24,sides.ukraine.manpower.conscription_k_per_month,"));
    assert!(csv.contains(",ukraine,restricted_mean_month,dummy,"));
    assert!(csv.contains(",luck,"));
    for side in ["russia", "ukraine"] {
        for chart in ["tornado", "indices", "by-month"] {
            assert!(d.path().join(format!("{chart}-{side}.png")).exists(), "{chart}-{side}");
        }
    }
    let sobol = tempfile::tempdir().unwrap();
    let mut c = bin();
    c.args(["sensitivity", "scenarios/baseline.toml", "--method", "sobol", "--base-rows", "64", "--months", "24"]);
    c.args(["--group", "russia=sides.russia.*", "--quiet", "--no-charts", "--out"]).arg(sobol.path());
    c.assert().success().stdout(predicates::str::contains("month-to-month luck"));
    let csv = String::from_utf8(read(sobol.path(), "sensitivity.csv")).unwrap();
    assert!(csv.contains(",russia,tip_by_24,russia,") && csv.contains(",russia,tip_by_24,other,"), "{csv}");
    let mut c = bin();
    c.args(["sensitivity", "scenarios/baseline.toml", "--method", "sobol", "--group", "x=sides.nobody.*"]);
    c.arg("--out").arg(sobol.path());
    c.assert().code(2).stderr(predicates::str::contains("no uncertain parameter matches"));
}

#[test]
fn explain_names_the_ranges_in_which_an_event_happens_most() {
    let d = tempfile::tempdir().unwrap();
    let mut c = bin();
    c.args(["sensitivity", "scenarios/baseline.toml", "--runs", "600", "--quiet", "--no-charts"]);
    c.args(["--explain", "russia tips by 36", "--out"]).arg(d.path());
    c.assert().success().stdout(predicates::str::contains("Scenario discovery (PRIM)"));
    let json: serde_json::Value = serde_json::from_slice(&read(d.path(), "explain.json")).unwrap();
    let (density, base) = (json["density"].as_f64().unwrap(), json["base_rate"].as_f64().unwrap());
    assert!(json["coverage"].as_f64().unwrap() >= 0.5, "{json}");
    assert!(density >= base, "the box is at least as dense as the ensemble: {json}");
    let sens: serde_json::Value = serde_json::from_slice(&read(d.path(), "sensitivity.json")).unwrap();
    assert_eq!(sens["explain"], json, "sensitivity.json carries the same discovery");
    let csv = String::from_utf8(read(d.path(), "explain.csv")).unwrap();
    assert!(csv.starts_with("step,support,coverage,density,restricted\n0,1.000000,1.000000,"));
    for bad in ["russia tips 36", "moscow tips by 36", "russia tips by 0", "russia tips by 61"] {
        let e = tempfile::tempdir().unwrap();
        let mut c = bin();
        c.args(["sensitivity", "scenarios/baseline.toml", "--runs", "50", "--quiet", "--explain", bad, "--out"]);
        c.arg(e.path().join("x"));
        c.assert().code(2).stderr(predicates::str::contains("--explain"));
        assert!(!e.path().join("x").exists(), "{bad}: nothing written");
    }
}
