//! Seeded results are reproducible: the same seed gives byte-identical `summary.json`,
//! `timeseries.csv`, `runs.csv` and `events.csv` at one thread and at two (each run is seeded
//! from the master seed and its index only), and a different seed gives different results.
//! `manifest.json` is left out: it records the thread count and the wall time.

use crate::common::{bin, read, root};
use tempfile::TempDir;

const COMPARED: [&str; 4] = ["summary.json", "timeseries.csv", "runs.csv", "events.csv"];

/// Run `file` with `args` and `--threads threads` into a fresh temp dir.
fn run(file: &str, args: &[&str], threads: &str) -> TempDir {
    let tmp = TempDir::new().expect("temp dir");
    let out = bin()
        .args(["run", file, "--quiet", "--threads", threads, "--out"])
        .arg(tmp.path())
        .args(args)
        .output()
        .expect("protracted runs");
    assert!(
        out.status.success(),
        "run {file} {args:?} --threads {threads} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    tmp
}

fn check(file: &str, args: &[&str], other_seed: &str) {
    let one = run(file, args, "1");
    let two = run(file, args, "2");
    for name in COMPARED {
        let (a, b) = (read(one.path(), name), read(two.path(), name));
        assert!(a == b, "{file}: {name} differs between --threads 1 and --threads 2");
    }
    let runs_csv = String::from_utf8(read(one.path(), "runs.csv")).expect("UTF-8");
    let runs: usize = args
        .iter()
        .position(|a| *a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .expect("--runs N");
    assert_eq!(runs_csv.lines().count(), runs + 1, "one row per run, in run order");

    let mut reseeded: Vec<&str> = args.to_vec();
    reseeded.extend(["--seed", other_seed]);
    let other = run(file, &reseeded, "2");
    assert!(
        read(one.path(), "timeseries.csv") != read(other.path(), "timeseries.csv"),
        "{file}: --seed {other_seed} gives the same timeseries.csv"
    );
}

#[test]
fn noisy_classic_battle_is_identical_at_any_thread_count() {
    check(
        "scenarios/classic/lanchester-square.toml",
        &["--set", "sides.us.attrition.intensity_shock=0.3", "--runs", "300"],
        "4242",
    );
}

#[test]
fn baseline_is_identical_at_any_thread_count() {
    let file = "scenarios/baseline.toml";
    if !root().join(file).exists() {
        // The default scenario is being written; skip only while the file does not exist.
        eprintln!("note: {file} does not exist yet; its reproducibility test is skipped");
        return;
    }
    check(file, &["--runs", "200", "--months", "24"], "4242");
}

/// More runs than two batches (2,048 each): batches are simulated, aggregated and written
/// while others are in flight, and runs that ended early are added to later months as tails.
#[test]
fn several_batches_are_identical_at_any_thread_count() {
    check("scenarios/baseline.toml", &["--runs", "4500", "--months", "30"], "77");
}

#[test]
fn the_library_gives_the_same_run_twice() {
    let sc =
        crate::common::load("scenarios/classic/lanchester-square.toml", &["sides.us.attrition.intensity_shock=0.3"]);
    let a = protracted::sim::run_one(&sc, 17);
    let b = protracted::sim::run_one(&sc, 17);
    let c = protracted::sim::run_one(&sc, 18);
    assert_eq!(a, b);
    assert_ne!(a.values, c.values, "another run index draws other shocks");
}

/// An ensemble of several batches has exactly the statistics and records of its runs taken
/// together: no batch is lost or counted twice while batches overlap, and the tails of runs
/// that ended early reach every later month.
#[test]
fn an_ensemble_holds_exactly_its_runs() {
    use protracted::analysis::ensemble::{Options, RunRecord};
    use protracted::analysis::series::SeriesStats;
    use protracted::sim::Plan;
    let sc = crate::common::load("scenarios/baseline.toml", &[]);
    let opts = Options { runs: 4300, seed: 9, steps: 30, threads: 2 };
    let mut seen = Vec::new();
    let e = protracted::sim::ensemble(&sc, opts, &mut |_| {}, &mut |t| {
        seen.push(t.run);
        Ok::<(), ()>(())
    })
    .expect("runs");
    assert_eq!(seen, (0..opts.runs).collect::<Vec<_>>(), "the sink sees every run once, in order");

    // The reference: every run simulated on its own, then added as one batch.
    let plan = Plan::with(&sc, opts.seed, opts.steps);
    let mut series = SeriesStats::new(opts.steps, plan.columns.len());
    // The ensemble keeps the statistics over the runs still going for every column.
    series.keep_live((0..plan.columns.len()).collect());
    let front = [0, 1].map(|s| plan.columns.find("front_k", Some(s)).expect("front_k"));
    let runs: Vec<_> = (0..opts.runs).map(|run| plan.run(run)).collect();
    let ended_early = runs.iter().filter(|t| t.end_step < opts.steps).count();
    let records: Vec<RunRecord> = runs.iter().map(|t| t.record(front)).collect();
    series.add_batch(&runs);
    series.finish();
    assert!(ended_early > 100, "runs that end early exercise the tails: {ended_early}");
    assert!(e.series == series, "the ensemble's statistics differ from its runs added one by one");
    assert_eq!(e.records, records);
}

/// A run that keeps only how it ended (what experiments ask for) keeps exactly what a recording
/// run keeps of it — outcome, last month, tipping and cut-losses months, drivers, event log and
/// draws — and no rows; a battle records its rows either way.
#[test]
fn an_outcomes_only_run_ends_as_the_recording_run() {
    use protracted::sim::Plan;
    let sc = crate::common::load("scenarios/baseline.toml", &[]);
    let full = Plan::with(&sc, 5, 60);
    let lean = Plan::with(&sc, 5, 60).outcomes_only();
    let mut tipped = 0;
    for run in 0..300 {
        let (a, b) = (full.run(run), lean.run(run));
        assert!(b.values.is_empty(), "run {run} kept rows");
        assert_eq!(
            (a.outcome, a.end_step, a.time_not_on_side, a.cut_losses, &a.drivers, &a.log, &a.draws),
            (b.outcome, b.end_step, b.time_not_on_side, b.cut_losses, &b.drivers, &b.log, &b.draws),
            "run {run}"
        );
        tipped += usize::from(a.time_not_on_side[0].is_some());
    }
    assert!(tipped > 50, "the runs compared include tippings: {tipped}");
    let battle = crate::common::load("scenarios/classic/lanchester-square.toml", &[]);
    let t = Plan::new(&battle).outcomes_only().run(0);
    assert_eq!(t.values, Plan::new(&battle).run(0).values);
}
