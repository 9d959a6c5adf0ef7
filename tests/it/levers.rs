//! The essay's levers on the shipped baseline, swept on common random numbers over the
//! plausible ranges documented in `docs/MODEL.md` ("Levers, their ranges and what the answer
//! hinges on"); a mirror of two identical sides against noise; every uncertain parameter
//! moved by ±10%.
//!
//! For each lever: Russia's and Ukraine's share of runs that judged time is not on their side
//! by month 36 (R36, U36) move monotonically in the documented direction (neither a step nor the
//! whole range may go against it by more than 2 standard errors), the full range moves R36 by at
//! least 5 points in that direction, and no step between adjacent points is more than half of
//! the full range's effect unless `docs/MODEL.md` explains the threshold. Levers that do not yet
//! pass are `#[ignore]`d with the measured reason (run them with `cargo test --test it levers --
//! --ignored`).
//! `scripts/levers.sh` sweeps the same levers over the same ranges for reading (keep the two
//! lists alike); `scripts/hinges.sh` moves every uncertain parameter by ±10% for reading.

use protracted::explore::experiment::{Experiment, RunOutcome};
use protracted::explore::lever;
use protracted::scenario::Scenario;
use std::path::Path;

const RUNS: usize = 400;
const SEED: u64 = 2025;
const MONTHS: usize = 60;
const BASELINE: &str = "scenarios/baseline.toml";

fn share(runs: &[RunOutcome], side: usize, month: usize) -> f64 {
    runs.iter().filter(|r| r.tipped_by(side, month)).count() as f64 / runs.len() as f64
}

fn se(p: f64, n: usize) -> f64 {
    (p * (1.0 - p) / n as f64).sqrt()
}

/// R36 and U36 at each value of one lever, on common random numbers.
fn sweep(file: &str, arg: &str, set: &[String]) -> Vec<[f64; 2]> {
    sweep_by(file, arg, set, 36)
}

/// Russia's and Ukraine's shares tipped by `month` at each value of one lever, on common random
/// numbers.
fn sweep_by(file: &str, arg: &str, set: &[String], month: usize) -> Vec<[f64; 2]> {
    let base = protracted::scenario::load(Path::new(file), set).expect("scenario loads");
    let l = lever::parse("--vary", arg, &base).expect("lever parses");
    let variants: Vec<Scenario> = l
        .values
        .iter()
        .map(|&v| lever::load_variant(Path::new(file), set, &[(&l, v)]).expect("variant loads"))
        .collect();
    let runs = Experiment::new(&variants, SEED, MONTHS, 0).runs(RUNS, &mut |_| {});
    runs.iter().map(|r| [share(r, 0, month), share(r, 1, month)]).collect()
}

/// Direction of a share as the lever rises.
#[derive(Debug, Clone, Copy)]
enum Dir {
    Up,
    Down,
}

fn check(arg: &str, russia: Dir, ukraine: Dir, threshold_explained: bool) {
    check_by(arg, 36, russia, ukraine, threshold_explained);
}

/// [`check`] with the shares tipped by `month` instead of month 36.
fn check_by(arg: &str, month: usize, russia: Dir, ukraine: Dir, threshold_explained: bool) {
    let pts = sweep_by(BASELINE, arg, &[], month);
    let mut problems = Vec::new();
    for (side, dir) in [(0, russia), (1, ukraine)] {
        let sign = match dir {
            Dir::Up => 1.0,
            Dir::Down => -1.0,
        };
        // Each step, and the whole range (steps each within the tolerance can still add up to a
        // move the wrong way).
        let whole = [pts[0], pts[pts.len() - 1]];
        let steps = pts.windows(2).map(|w| (w, "")).chain(std::iter::once((&whole[..], " (the whole range)")));
        for (w, what) in steps {
            let (a, b) = (w[0][side], w[1][side]);
            let tol = 2.0 * se(a, RUNS).max(se(b, RUNS)).max(1.0 / RUNS as f64);
            if sign * (b - a) < -tol {
                problems.push(format!("side {side}: {a:.3} -> {b:.3}{what} against the documented direction"));
            }
        }
    }
    let r: Vec<f64> = pts.iter().map(|p| p[0]).collect();
    let range = (r[r.len() - 1] - r[0]).abs();
    let toward = match russia {
        Dir::Up => r[r.len() - 1] - r[0],
        Dir::Down => r[0] - r[r.len() - 1],
    };
    if toward < 0.05 {
        problems.push(format!(
            "R{month} moves {:.1} points over the range in the documented direction, not 5",
            100.0 * toward
        ));
    }
    let biggest = r.windows(2).map(|w| (w[1] - w[0]).abs()).fold(0.0, f64::max);
    if !threshold_explained && biggest > 0.5 * range {
        problems.push(format!(
            "a step of {:.1} points is more than half the range ({:.1})",
            100.0 * biggest,
            100.0 * range
        ));
    }
    assert!(problems.is_empty(), "{arg}: R{month}/U{month} by value {pts:?}\n{}", problems.join("\n"));
}

#[test]
fn sanctions_intensity() {
    check("paths.sanctions_intensity=0..1:5", Dir::Up, Dir::Down, false);
}

#[test]
fn european_military_aid() {
    // Below about 0.75 of today's level Ukraine's stocks stay under the shortage threshold
    // and its front gives way (docs/MODEL.md, "Levers": the shortage threshold).
    check("donors.europe.military_usd_bn_per_month=x0.5..x2:5", Dir::Up, Dir::Down, true);
}

#[test]
fn european_budget_support() {
    check("donors.europe.financial_usd_bn_per_month=0..6:5", Dir::Up, Dir::Down, false);
}

#[test]
fn us_support() {
    check("donors.us.active=0..2:5", Dir::Up, Dir::Down, false);
}

#[test]
fn oil_price() {
    check("paths.oil_usd_bbl=45..85:5", Dir::Down, Dir::Up, false);
}

#[test]
fn russian_energy_revenue() {
    // Between 1.25 and 1.5 times today's revenue Russia's reserves stop running out within the
    // window (docs/MODEL.md, "Levers": the threshold of the exhaustion's news).
    check("sides.russia.economy.energy_revenue_usd_bn_per_month=x0.5..x1.5:5", Dir::Down, Dir::Up, true);
}

#[test]
#[ignore = "40/44/44/39/37% at 0/20/40/80/160 bn USD: R36 moves 3 points, rising from 0 to 20 bn: the reserves' exhaustion is news, a state that never had any has none; with a borrowing capacity for Russia (debt_capacity_pct_gdp = 10, not in the baseline) 54/56/57/48/45%, the documented direction with a step between 40 and 80 bn, where the reserves outlast the window (docs/MODEL.md, Levers)"]
fn russian_starting_reserves() {
    check("sides.russia.economy.reserves_usd_bn=0,20,40,80,160", Dir::Down, Dir::Up, false);
}

/// Starting reserves move *when* trouble comes: by month 36 the exhaustion's timing makes a hump,
/// by the horizon (month 60) the lever meets every criterion (docs/MODEL.md, Levers: "Over the
/// whole horizon"), narrowly: its largest step, 3.25 points, against a limit of 3.5.
#[test]
fn russian_starting_reserves_by_the_horizon() {
    check_by("sides.russia.economy.reserves_usd_bn=0,20,40,80,160", 60, Dir::Down, Dir::Up, false);
}

#[test]
fn deep_strikes() {
    check("sides.ukraine.strikes.deep_strikes=0..3:5", Dir::Up, Dir::Down, false);
}

#[test]
fn ukraine_mobilisation_rate() {
    check("sides.ukraine.manpower.conscription_k_per_month=x0.8..x1.2:5", Dir::Up, Dir::Down, false);
}

#[test]
#[ignore = "43/40/40/43/43% at 0.3-0.9 bn USD a month (400 runs): flat by month 36, and by month 24 the other way (18 -> 27%): a tight budget brings coercive mobilisation sooner, costs less, and a smaller army uses less materiel; with Russia's use following its fight (use_follows_own_fight = 1) and the coercive rule off it runs the tested direction (R36 46 -> 38%, 1,000 runs): coercion's men reverse it; with a borrowing capacity for Russia (debt_capacity_pct_gdp = 10, not in the baseline) 64/57/56/56/56%, the documented direction with its step between 0.3 and 0.45 bn (docs/MODEL.md, Levers)"]
fn russian_bounty_budget() {
    check("sides.russia.manpower.bounty_budget_usd_bn_per_month=0.3..0.9:5", Dir::Down, Dir::Up, false);
}

/// The mirror's shock parameters, each side.
fn quiet_mirror() -> Vec<String> {
    let mut set = Vec::new();
    for s in ["north", "south"] {
        for p in [
            "attrition.intensity_shock",
            "manpower.recruit_shock",
            "economy.inflation_shock_pp",
            "economy.key_rate_shock_pp",
            "strikes.strike_shock",
            "territory.gain_shock",
            "judgment.perception_noise",
        ] {
            set.push(format!("sides.{s}.{p}=0"));
        }
    }
    set
}

fn tipping_by_horizon(set: &[String]) -> [f64; 2] {
    let sc = protracted::scenario::load(Path::new("tests/scenarios/mirror.toml"), set).expect("mirror loads");
    let runs = Experiment::new(std::slice::from_ref(&sc), SEED, MONTHS, 0).runs(1000, &mut |_| {});
    [share(&runs[0], 0, MONTHS), share(&runs[0], 1, MONTHS)]
}

#[test]
fn noise_alone_does_not_decide_in_a_mirror() {
    let noisy = tipping_by_horizon(&[]);
    let quiet = tipping_by_horizon(&quiet_mirror());
    assert_eq!(quiet, [0.0, 0.0], "a perfect stalemate never tips");
    let tol = 2.0 * (se(noisy[0], 1000).powi(2) + se(noisy[1], 1000).powi(2)).sqrt();
    assert!((noisy[0] - noisy[1]).abs() <= tol.max(0.01), "the sides differ: {noisy:?}");
    for s in 0..2 {
        assert!(noisy[s] - quiet[s] <= 0.10, "side {s}: shocks alone make it tip in {:.1}% of runs", 100.0 * noisy[s]);
    }
}

/// Uncertain parameters that `docs/MODEL.md` names as deliberate, sourced sensitivities
/// ("What the answer hinges on"), allowed to move R36 or U36 by more than 15 points at ±10%.
const DELIBERATE: &[&str] = &[
    // "The most perplexing issue is manpower. This has been and remains a serious issue for
    // Ukraine" (essay): the ground war's balance follows Ukraine's intake.
    // The same balance at the start: each side's front strength.
    "sides.ukraine.manpower.conscription_k_per_month",
    "sides.russia.attrition.front_k",
    "sides.ukraine.attrition.front_k",
];

#[test]
fn no_single_uncertain_parameter_decides_by_itself() {
    let base = protracted::scenario::load(Path::new(BASELINE), &[]).expect("baseline loads");
    let paths: Vec<String> = base.uncertain_slots().map(|(_, s)| s.path.clone()).collect();
    assert!(paths.len() >= 10, "the baseline has its uncertain parameters: {paths:?}");
    let mut problems = Vec::new();
    for path in &paths {
        let pts = sweep(BASELINE, &format!("{path}=x0.9,x1,x1.1"), &[]);
        let [low, mid, high] = [pts[0], pts[1], pts[2]];
        for side in 0..2 {
            let moved = (low[side] - mid[side]).abs().max((high[side] - mid[side]).abs());
            if moved > 0.15 && !DELIBERATE.contains(&path.as_str()) {
                problems.push(format!("{path}: side {side} moves {:.1} points at ±10%", 100.0 * moved));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The reading scripts sweep what these tests sweep: `scripts/levers.sh` the same levers over
/// the same ranges, in the same order and directions, and `scripts/hinges.sh` every uncertain
/// parameter of the baseline (a few runs a point: this checks what they sweep and print, not
/// the figures).
#[test]
fn the_reading_scripts_sweep_what_the_tests_sweep() {
    let run = |script: &str, runs: &str| {
        let o = std::process::Command::new("bash")
            .args([script, runs])
            .env("BIN", assert_cmd::cargo::cargo_bin("protracted"))
            .env_remove("MONTH") // the month-36 shares the test reads, whatever the caller set
            .current_dir(crate::common::root())
            .output()
            .expect("bash runs");
        assert!(o.status.success(), "{script}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).expect("the scripts print UTF-8")
    };
    let dir = |d: &str| if d.contains("Up") { "up" } else { "down" };
    // The month-36 sweeps (`check`); a lever tested again by another month (`check_by`) is
    // already counted by its month-36 test.
    let tested: Vec<String> = include_str!("levers.rs")
        .lines()
        .filter_map(|l| l.trim().strip_prefix("check(\""))
        .map(|l| {
            let (arg, rest) = l.split_once('"').expect("a quoted lever");
            let dirs: Vec<&str> = rest.split(", ").skip(1).take(2).collect();
            format!("{arg} {} {}", dir(dirs[0]), dir(dirs[1]))
        })
        .collect();
    assert_eq!(tested.len(), 10, "the ten essay levers: {tested:?}");
    let out = run("scripts/levers.sh", "40");
    let lines: Vec<&str> = out.lines().skip(1).collect();
    let mut swept = Vec::new();
    for pair in lines.chunks(2) {
        let shares = pair[1].trim();
        let numbers = shares.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).count();
        assert!(shares.starts_with("R36 ") && numbers >= 12, "five R36 and U36 shares: {shares:?}");
        let dirs: Vec<&str> = shares.split(['(', ')']).skip(1).step_by(2).collect();
        swept.push(format!("{} {} {}", pair[0], dirs[0], dirs[1]));
    }
    assert_eq!(swept, tested, "scripts/levers.sh and tests/it/levers.rs sweep the same levers");

    let base = protracted::scenario::load(Path::new(BASELINE), &[]).expect("baseline loads");
    let uncertain = base.uncertain_slots().count();
    let out = run("scripts/hinges.sh", "20");
    let rows = out.lines().filter(|l| l.contains(" R36 ") && l.contains(" U36 ")).count();
    assert_eq!(rows, uncertain, "one row per uncertain parameter:\n{out}");
}
