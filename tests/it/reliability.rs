//! What a user can type and what a crash can leave behind (docs/RELIABILITY.md): numeric flags
//! checked like the keys they set, with their ranges; a closed or full stdout; flags and
//! `--set` through the one validation; `extends` replacing a distribution whole; `--out`
//! replaced all-old or all-new, even when the process is killed (SIGKILL at random moments,
//! SIGTERM and Ctrl-C); stale debris removed; scenarios built into the binary; warnings about
//! parameters with no effect.

use crate::common::{RUN_FILES, bin, root};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

const SQUARE: &str = "scenarios/classic/lanchester-square.toml";

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Run `protracted ARGS` from the repository root.
fn protracted(args: &[&str]) -> Output {
    bin().args(args).output().expect("protracted runs")
}

#[track_caller]
fn assert_bad_input(o: &Output, says: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for s in says {
        assert!(err.contains(s), "stderr does not say {s:?}:\n{err}");
    }
}

/// Every command that runs ensembles, with the arguments it needs besides the flags tried.
fn ensemble_commands(out: &Path) -> Vec<Vec<String>> {
    let o = out.display().to_string();
    let base = "scenarios/baseline.toml".to_string();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        [s(&["run", SQUARE, "--out"]), vec![o.clone()]].concat(),
        [s(&["compare", SQUARE, SQUARE, "--out"]), vec![o.clone()]].concat(),
        [s(&["report", SQUARE, "--out"]), vec![format!("{o}/r.html")]].concat(),
        [s(&["sweep"]), vec![base.clone()], s(&["--vary", "paths.sanctions_intensity=0,1", "--out"]), vec![o.clone()]]
            .concat(),
        [
            s(&["seek"]),
            vec![base.clone()],
            s(&["--lever", "paths.sanctions_intensity=0..1", "--target", "russia tips by 36 in 40%", "--out"]),
            vec![o.clone()],
        ]
        .concat(),
        [s(&["sensitivity"]), vec![base], s(&["--out"]), vec![o]].concat(),
    ]
}

#[test]
fn numeric_flags_of_every_command_are_checked_like_the_keys_they_set() {
    let tmp = TempDir::new().expect("temp dir");
    for cmd in ensemble_commands(&tmp.path().join("out")) {
        let with = |extra: &[&str]| {
            let mut args: Vec<&str> = cmd.iter().map(String::as_str).collect();
            args.extend_from_slice(extra);
            protracted(&args)
        };
        let what = cmd[0].as_str();
        // A negative number is read as the flag's value (not as a flag: no "use '-- -5'" tip)
        // and refused like the key it sets.
        let o = with(&["--runs", "-5"]);
        assert_bad_input(&o, &["--runs -5", "scenario.runs", "must be between 1 and 100000000"]);
        assert!(!stderr(&o).contains("-- -5"), "{what}: {}", stderr(&o));
        assert_bad_input(&with(&["--runs", "18446744073709551615"]), &["--runs", "between 1 and 100000000"]);
        assert_bad_input(&with(&["--runs", "100000001"]), &["--runs 100000001", "scenario.runs"]);
        assert_bad_input(&with(&["--seed", "-1"]), &["--seed -1", "scenario.seed", "must be between 0 and"]);
        assert_bad_input(&with(&["--months", "0"]), &["--months 0", "must be between 1 and 1200"]);
        assert_bad_input(&with(&["--months", "99999999999999999999"]), &["--months", "between 1 and 1200"]);
        assert_bad_input(&with(&["--threads", "-3"]), &["--threads", "-3 is out of range: must be between 1 and 1024"]);
        assert_bad_input(&with(&["--threads", "100000"]), &["--threads", "between 1 and 1024"]);
        assert_bad_input(&with(&["--runs", "ten"]), &["--runs", "\"ten\" is not a whole number"]);
        assert!(!tmp.path().join("out").exists(), "{what}: nothing is written for bad input");
    }
}

#[test]
fn the_other_numeric_flags_have_ranges() {
    let base = "scenarios/baseline.toml";
    let tmp = TempDir::new().expect("temp dir");
    let out = tmp.path().join("o").display().to_string();
    let sweep = ["sweep", base, "--vary", "paths.sanctions_intensity=0,1", "--out", &out, "--month"];
    assert_bad_input(&protracted(&[&sweep[..], &["-1"]].concat()), &["--month", "between 1 and 1200"]);
    let sens = ["sensitivity", base, "--method", "sobol", "--out", &out, "--base-rows"];
    assert_bad_input(&protracted(&[&sens[..], &["0"]].concat()), &["--base-rows", "between 1 and 1048576"]);
    assert_bad_input(&protracted(&["serve", base, "--runs", "0"]), &["--runs", "between 1 and 20000"]);
    assert_bad_input(&protracted(&["serve", base, "--runs", "-5"]), &["--runs", "between 1 and 20000"]);
    assert_bad_input(&protracted(&["serve", base, "--threads", "0"]), &["--threads", "between 1 and 1024"]);
    assert_bad_input(&protracted(&["serve", base, "--port", "-1"]), &["--port", "between 0 and 65535"]);
    assert_bad_input(&protracted(&["serve", base, "--port", "70000"]), &["--port", "between 0 and 65535"]);
}

#[test]
fn too_many_threads_are_capped_with_a_note() {
    let tmp = TempDir::new().expect("temp dir");
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let started = Instant::now();
    let o = bin()
        .args(["run", SQUARE, "--runs", "20", "--no-charts", "--threads", "1024", "--out"])
        .arg(tmp.path().join("out"))
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("using {} (4 per core on {cores} cores)", 4 * cores)), "{}", stderr(&o));
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("out/manifest.json")).expect("m")).expect("JSON");
    assert_eq!(manifest["threads"].as_u64(), Some(4 * cores as u64));
    assert!(started.elapsed() < Duration::from_secs(60), "1024 threads asked for, a handful used");
}

/// `protracted ARGS` with its stdout closed before it writes anything (`| head -1` that has
/// already read its line).
fn with_closed_stdout(args: &[&str]) -> Output {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("protracted"))
        .current_dir(root())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    drop(child.stdout.take());
    child.wait_with_output().expect("waits")
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let files: Vec<String> = crate::common::shipped_scenarios().iter().map(|p| p.display().to_string()).collect();
    let validate: Vec<&str> = std::iter::once("validate").chain(files.iter().map(String::as_str)).collect();
    let tmp = TempDir::new().expect("temp dir");
    let out = tmp.path().join("out").display().to_string();
    for args in [
        vec!["list"],
        validate,
        vec!["run", SQUARE, "--runs", "20", "--no-charts", "--out", &out],
        vec!["--help"],
        vec!["run", "--help"],
    ] {
        let o = with_closed_stdout(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{args:?}: {}", stderr(&o));
    }
    // The run itself was written whole before its summary met the closed pipe.
    assert!(RUN_FILES.iter().all(|f| tmp.path().join("out").join(f).is_file()));
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_stdout_is_named_and_exits_1() {
    let full = std::fs::File::options().write(true).open("/dev/full").expect("/dev/full");
    let o = std::process::Command::new(assert_cmd::cargo::cargo_bin("protracted"))
        .current_dir(root())
        .arg("list")
        .stdout(full)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot write the output to stdout: No space left on device"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn months_is_checked_with_the_events_like_the_key() {
    let mobilises = "scenarios/russia-mobilises.toml";
    let by_flag = protracted(&["run", mobilises, "--months", "2", "--runs", "5", "--out", "/nonexistent/never"]);
    assert_bad_input(&by_flag, &["events.0.month", "3 is after the horizon", "set by --months 2"]);
    let by_set = protracted(&["validate", mobilises, "--set", "scenario.months=2"]);
    assert_bad_input(&by_set, &["events.0.month", "3 is after the horizon", "set by --set scenario.months=2"]);
    // The event's own line is named.
    assert!(stderr(&by_flag).contains("russia-mobilises.toml:22:"), "{}", stderr(&by_flag));
}

#[test]
fn compare_checks_a_later_scenarios_events_against_the_reference_horizon() {
    let tmp = TempDir::new().expect("temp dir");
    for f in ["baseline.toml", "russia-mobilises.toml"] {
        std::fs::copy(root().join("scenarios").join(f), tmp.path().join(f)).expect("copy");
    }
    std::fs::write(tmp.path().join("short.toml"), "schema = 1\nextends = \"baseline.toml\"\n[scenario]\nmonths = 2\n")
        .expect("write");
    let o = bin()
        .current_dir(tmp.path())
        .args(["compare", "short.toml", "russia-mobilises.toml", "--runs", "5", "--out", "o"])
        .output()
        .expect("runs");
    assert_bad_input(
        &o,
        &["russia-mobilises.toml:22:", "3 is after the horizon", "the horizon of the reference short.toml"],
    );
    assert!(!tmp.path().join("o").exists());
    let o = bin()
        .current_dir(tmp.path())
        .args(["report", "short.toml", "russia-mobilises.toml", "--runs", "5", "--out", "r.html"])
        .output()
        .expect("runs");
    assert_bad_input(
        &o,
        &["russia-mobilises.toml:22:", "3 is after the horizon", "the horizon of the reference short.toml"],
    );
    assert!(!tmp.path().join("r.html").exists());
}

#[test]
fn the_parent_and_the_schema_cannot_be_set() {
    for set in ["extends=us-withdraws.toml", "schema=2"] {
        let o = protracted(&["validate", "scenarios/baseline.toml", "--set", set]);
        assert_bad_input(&o, &[&format!("--set {set}"), "cannot be set from the command line"]);
    }
}

#[test]
fn a_variant_replaces_a_distribution_whole() {
    let tmp = TempDir::new().expect("temp dir");
    std::fs::copy(root().join("scenarios/baseline.toml"), tmp.path().join("baseline.toml")).expect("copy");
    let base = protracted::scenario::load(&tmp.path().join("baseline.toml"), &[]).expect("baseline");
    let slot = base.slots.iter().find(|s| s.path.ends_with("manpower.pool_k")).expect("a pool_k").path.clone();
    let (side_key, _) = slot.rsplit_once('.').expect("dotted");
    let child =
        format!("schema = 1\nextends = \"baseline.toml\"\n[{side_key}]\npool_k = {{ uniform = [1500, 3000] }}\n");
    std::fs::write(tmp.path().join("child.toml"), child).expect("write");
    let sc = protracted::scenario::load(&tmp.path().join("child.toml"), &[]).unwrap_or_else(|e| panic!("{e}"));
    let by_file = sc.slots.iter().find(|s| s.path == slot).expect("slot");
    let set = format!("{slot}={{ uniform = [1500, 3000] }}");
    let sc2 = protracted::scenario::load(&tmp.path().join("baseline.toml"), &[set]).expect("set");
    let by_set = sc2.slots.iter().find(|s| s.path == slot).expect("slot");
    assert_eq!(format!("{:?}", by_file.param), format!("{:?}", by_set.param), "the file and --set agree");
    assert!(format!("{:?}", by_file.param).contains("niform"), "{:?}", by_file.param);
}

#[test]
fn out_problems_are_bad_input() {
    let tmp = TempDir::new().expect("temp dir");
    std::fs::write(tmp.path().join("notes.txt"), "mine").expect("write");
    let run = |out: &Path| {
        bin().args(["run", SQUARE, "--runs", "5", "--no-charts", "--out"]).arg(out).output().expect("runs")
    };
    assert_bad_input(&run(tmp.path()), &["--out", "not empty and holds no previous result"]);
    assert_eq!(std::fs::read_to_string(tmp.path().join("notes.txt")).expect("kept"), "mine");
    assert_bad_input(&run(&tmp.path().join("notes.txt")), &["--out", "not a directory"]);
    assert_bad_input(&run(&tmp.path().join("notes.txt/sub")), &["--out", "cannot create"]);
    let report = |out: &Path| bin().args(["report", SQUARE, "--runs", "5", "--out"]).arg(out).output().expect("runs");
    assert_bad_input(&report(tmp.path()), &["--out", "is a directory"]);
    assert_bad_input(&report(&tmp.path().join("notes.txt/r.html")), &["--out", "cannot create"]);
}

/// The files of an output directory: name → bytes, `manifest.json` without its wall time
/// (the one field that differs between identical runs).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let mut bytes = std::fs::read(e.path()).unwrap_or_else(|err| panic!("{name}: {err}"));
        if name == "manifest.json" {
            let mut m: Value = serde_json::from_slice(&bytes).expect("a whole manifest.json");
            m.as_object_mut().expect("an object").remove("wall_seconds");
            bytes = m.to_string().into_bytes();
        }
        out.insert(name, bytes);
    }
    out
}

/// `run baseline` with `seed` into `out`, data files only.
fn big_run(out: &Path, seed: u64) -> std::process::Command {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("protracted"));
    c.current_dir(root())
        .args(["run", "scenarios/baseline.toml", "--runs", "1500", "--quiet", "--no-charts", "--threads", "2"])
        .args(["--seed", &seed.to_string(), "--out"])
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// Entries beside `out` whose names start with `.out.` (staging and set-aside directories).
fn debris_beside(out: &Path) -> Vec<String> {
    std::fs::read_dir(out.parent().expect("a parent"))
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out."))
        .collect()
}

#[test]
#[cfg(unix)]
fn a_killed_run_leaves_the_old_result_or_the_new_one_whole() {
    let tmp = TempDir::new().expect("temp dir");
    let out = tmp.path().join("out");
    // The two complete results, and how long one run takes.
    let t0 = Instant::now();
    assert!(big_run(&tmp.path().join("a"), 1).status().expect("runs").success());
    let full = t0.elapsed();
    assert!(big_run(&tmp.path().join("b"), 2).status().expect("runs").success());
    let results = [snapshot(&tmp.path().join("a")), snapshot(&tmp.path().join("b"))];
    assert_eq!(results[0].len(), RUN_FILES.len());
    assert!(big_run(&out, 1).status().expect("runs").success());
    // Kill at moments spread over the whole run (process start, simulation, writing, swap).
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let (mut kept, mut replaced) = (0, 0);
    let mut current = 0;
    for kill in 0..22 {
        let seed = 2 - current as u64; // the other result
        let delay = full.mul_f64(1.1 * next());
        let mut child = big_run(&out, seed).spawn().expect("spawns");
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = snapshot(&out);
        match results.iter().position(|r| *r == now) {
            Some(i) if i == current => kept += 1,
            Some(i) => {
                replaced += 1;
                current = i;
            }
            None => panic!(
                "kill {kill} after {delay:?}: the directory is neither result: {:?}",
                now.keys().collect::<Vec<_>>()
            ),
        }
    }
    assert!(kept >= 1, "no kill landed inside a run ({replaced} runs finished): the test proves nothing");
    // The next complete run removes what the killed ones left.
    assert!(big_run(&out, 1).status().expect("runs").success());
    assert_eq!(snapshot(&out), results[0]);
    assert_eq!(debris_beside(&out), Vec::<String>::new());
    assert!(crate::common::hidden_files(&out).is_empty());
}

#[cfg(unix)]
fn interrupted(signal: &str, code: i32) {
    let tmp = TempDir::new().expect("temp dir");
    let out = tmp.path().join("out");
    assert!(big_run(&out, 1).status().expect("runs").success());
    let before = snapshot(&out);
    let child = big_run(&out, 2).stderr(Stdio::piped()).spawn().expect("spawns");
    // Wait until the run has started writing (its staging directory exists), then signal it.
    let t0 = Instant::now();
    while debris_beside(&out).is_empty() && t0.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let status = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let o = child.wait_with_output().expect("waits");
    let finished_first = o.status.code() == Some(0);
    if !finished_first {
        assert_eq!(o.status.code(), Some(code), "{}", stderr(&o));
        assert!(stderr(&o).contains("interrupted"), "{}", stderr(&o));
        assert_eq!(snapshot(&out), before, "the previous result stays whole");
    }
    assert_eq!(debris_beside(&out), Vec::<String>::new(), "the staging directory is removed");
}

#[test]
#[cfg(unix)]
fn sigterm_cleans_up_and_exits_143() {
    interrupted("TERM", 143);
}

#[test]
#[cfg(unix)]
fn ctrl_c_cleans_up_and_exits_130() {
    interrupted("INT", 130);
}

#[test]
fn stale_debris_of_dead_processes_is_removed() {
    let tmp = TempDir::new().expect("temp dir");
    let out = tmp.path().join("out");
    let o = bin().args(["run", SQUARE, "--runs", "5", "--no-charts", "--out"]).arg(&out).output().expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
    // PIDs above the kernel's limit (4194304) are never alive.
    let dead = 999_999_999u32;
    std::fs::create_dir(tmp.path().join(format!(".out.staging-{dead}"))).expect("mkdir");
    std::fs::write(tmp.path().join(format!(".out.staging-{dead}/runs.csv")), "half").expect("write");
    std::fs::write(out.join(format!(".runs.csv.tmp-{dead}")), vec![0u8; 1000]).expect("write");
    let o = bin().args(["run", SQUARE, "--runs", "5", "--no-charts", "--out"]).arg(&out).output().expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(debris_beside(&out), Vec::<String>::new());
    assert!(crate::common::hidden_files(&out).is_empty());
    // The same for a report's temporary file.
    let html = tmp.path().join("r.html");
    std::fs::write(tmp.path().join(format!(".r.html.tmp-{dead}")), "half").expect("write");
    let o = bin().args(["report", SQUARE, "--runs", "5", "--quiet", "--out"]).arg(&html).output().expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!tmp.path().join(format!(".r.html.tmp-{dead}")).exists());
}

/// A directory outside the checkout (no `scenarios/` on disk).
fn elsewhere() -> TempDir {
    TempDir::new().expect("temp dir")
}

#[test]
fn the_shipped_scenarios_come_with_the_binary() {
    let away = elsewhere();
    let run_in = |args: &[&str]| bin().current_dir(away.path()).args(args).output().expect("runs");
    let o = run_in(&["list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let listed = String::from_utf8_lossy(&o.stdout).into_owned();
    for f in crate::common::shipped_scenarios() {
        assert!(listed.contains(&f.display().to_string()), "{} is not listed:\n{listed}", f.display());
    }
    let o = run_in(&["run", "baseline", "--runs", "10", "--no-charts", "--quiet", "--out", "o"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(away.path().join("o/summary.json").is_file());
    let o = run_in(&["validate", "scenarios/russia-mobilises.toml", "classic/lanchester-square"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // `serve` offers a directory of files: with none on disk it says so.
    let o = run_in(&["serve", "--port", "0"]);
    assert_bad_input(&o, &["scenarios/baseline.toml: serve offers the scenario files of a directory on disk"]);
    // A file on disk wins over the built-in one of the same path.
    std::fs::create_dir(away.path().join("scenarios")).expect("mkdir");
    let text = std::fs::read_to_string(root().join("scenarios/baseline.toml")).expect("read");
    let renamed = text.replacen("name = \"", "name = \"On disk: ", 1);
    std::fs::write(away.path().join("scenarios/baseline.toml"), renamed).expect("write");
    let o = run_in(&["validate", "baseline"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("On disk: "), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn validate_warns_about_a_bounty_budget_for_a_side_without_bounties() {
    let o = bin()
        .args([
            "validate",
            "scenarios/baseline.toml",
            "--set",
            "sides.ukraine.manpower.bounty_budget_usd_bn_per_month=0.5",
        ])
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("bounty_budget_usd_bn_per_month=0.5") && err.contains("the bounty channel is off"), "{err}");
    let o = bin()
        .args([
            "validate",
            "scenarios/baseline.toml",
            "--set",
            "sides.russia.manpower.bounty_budget_usd_bn_per_month=0.5",
        ])
        .output()
        .expect("runs");
    assert!(o.status.success() && !stderr(&o).contains("warning"), "{}", stderr(&o));
}

#[test]
fn validate_warns_about_a_pool_with_no_recruitment_channel() {
    let tmp = TempDir::new().expect("temp dir");
    let base = protracted::scenario::load(&root().join("scenarios/baseline.toml"), &[]).expect("baseline");
    let side = &base.sides[0].name;
    let channels = ["bounty_recruits_k_per_month", "conscription_k_per_month", "age_18_24_rate_k_per_month"];
    let mut set: Vec<String> = channels.iter().map(|c| format!("sides.{side}.manpower.{c}=0")).collect();
    set.push(format!("sides.{side}.manpower.pool_k=2000"));
    let mut args = vec!["validate".to_string(), "scenarios/baseline.toml".to_string()];
    for s in &set {
        args.extend(["--set".to_string(), s.clone()]);
    }
    let o = bin().args(&args).output().expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&format!("warning: --set sides.{side}.manpower.pool_k=2000")), "{err}");
    assert!(err.contains("has no effect: no recruitment channel is on"), "{err}");
    // The shipped scenarios have no such parameter.
    let files: Vec<String> = crate::common::shipped_scenarios().iter().map(|p| p.display().to_string()).collect();
    let o = bin().arg("validate").args(&files).output().expect("runs");
    assert!(o.status.success() && !stderr(&o).contains("warning"), "{}", stderr(&o));
    drop(tmp);
}

#[test]
fn validate_warns_about_attacks_on_a_side_that_holds_no_ground() {
    let base = protracted::scenario::load(&root().join("scenarios/baseline.toml"), &[]).expect("baseline");
    let (attacker, defender) = (&base.sides[0].name, &base.sides[1].name);
    let held = format!("sides.{defender}.territory.held_km2=0");
    let o = protracted(&["validate", "scenarios/baseline.toml", "--set", &held]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&format!("sides.{attacker}.territory.gain_km2_per_month")), "{err}");
    assert!(err.contains(&format!("has no effect: {defender} holds no ground to take")), "{err}");
    // And a run keeps the ground where it is: nothing changes hands.
    let sc = protracted::scenario::load(&root().join("scenarios/baseline.toml"), std::slice::from_ref(&held))
        .expect("loads");
    let cols = protracted::model::war::columns();
    let gained = cols.find("territory_gained_km2", Some(0)).expect("column");
    for run in 0..20 {
        let t = protracted::sim::Plan::new(&sc).run(run);
        assert!((0..=t.end_step).all(|m| t.get(m, gained) <= 0.0), "run {run} took ground the defender does not hold");
    }
}

#[test]
fn messages_shorten_long_values_and_print_readable_numbers() {
    // A long value through --set (an argument is at most 128 KiB) and a 200 KB one in a file.
    let long = format!("scenario.start=\"{}\"", "x".repeat(100_000));
    let o = protracted(&["validate", "scenarios/baseline.toml", "--set", &long]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{}", &err[..err.len().min(500)]);
    assert!(err.contains("scenario.start") && err.len() < 1000, "the message echoes {} bytes", err.len());
    let tmp = TempDir::new().expect("temp dir");
    std::fs::copy(root().join("scenarios/baseline.toml"), tmp.path().join("baseline.toml")).expect("copy");
    let file = tmp.path().join("long.toml");
    let text = format!("schema = 1\nextends = \"baseline.toml\"\n[scenario]\nstart = \"{}\"\n", "y".repeat(200_000));
    std::fs::write(&file, text).expect("write");
    let o = bin().arg("validate").arg(&file).output().expect("runs");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{}", &err[..err.len().min(500)]);
    assert!(err.contains("long.toml:4:") && err.len() < 1000, "the message echoes {} bytes", err.len());
    let o = protracted(&["validate", "scenarios/baseline.toml", "--set", "sides.russia.manpower.pool_k=1e300"]);
    let err = stderr(&o);
    assert!(err.contains("1e300"), "{err}");
    assert!(!err.contains("000000000000000000000"), "{err}");
}

#[test]
fn a_toml_date_a_duplicate_key_and_an_events_missing_key_are_described() {
    let tmp = TempDir::new().expect("temp dir");
    std::fs::copy(root().join("scenarios/baseline.toml"), tmp.path().join("baseline.toml")).expect("copy");
    let write = |name: &str, text: &str| -> PathBuf {
        let p = tmp.path().join(name);
        std::fs::write(&p, text).expect("write");
        p
    };
    let date = write("date.toml", "schema = 1\nextends = \"baseline.toml\"\n[scenario]\nstart = 2025-07-01\n");
    let dup = write("dup.toml", "schema = 1\nextends = \"baseline.toml\"\n[scenario]\nruns = 10\nruns = 20\n");
    let event = write(
        "event.toml",
        "schema = 1\nextends = \"baseline.toml\"\n\n[[events]]\nname = \"x\"\nkind = \"set\"\nmonth = 3\nvalue = 1\n",
    );
    let v = |p: &Path| bin().arg("validate").arg(p).output().expect("runs");
    assert_bad_input(&v(&date), &["date.toml:4:9: scenario.start", "a TOML date (2025-07-01)", "in quotes"]);
    assert_bad_input(&v(&dup), &["dup.toml:5:1", "`runs` is written twice"]);
    assert_bad_input(&v(&event), &["event.toml:4:", "events.0.path"]);
}
