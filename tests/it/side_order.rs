//! Side order is neutral: a scenario with its two sides in the other order gives the same
//! per-side results, run by run, bit for bit.

use crate::common::root;
use protracted::judgment::Outcome;
use protracted::sim::Plan;

fn mirror(o: Outcome) -> Outcome {
    match o {
        Outcome::Collapse(s) => Outcome::Collapse(1 - s),
        Outcome::Objective(s) => Outcome::Objective(1 - s),
        Outcome::CeasefireCutLosses(s) => Outcome::CeasefireCutLosses(1 - s),
        o => o,
    }
}

#[test]
fn the_baseline_gives_the_same_per_side_results_with_its_sides_in_the_other_order() {
    let sc = protracted::scenario::load(&root().join("scenarios/baseline.toml"), &[]).expect("baseline loads");
    let swapped = sc.with_sides_swapped();
    assert_eq!(swapped.sides[0].name, sc.sides[1].name);
    let (a, b) = (Plan::new(&sc), Plan::new(&swapped));
    let cols = &a.columns;
    let mut tipped = 0;
    for run in 0..300 {
        let (x, y) = (a.run(run), b.run(run));
        assert_eq!(mirror(x.outcome), y.outcome, "run {run}");
        assert_eq!(x.end_step, y.end_step, "run {run}");
        assert_eq!([x.time_not_on_side[1], x.time_not_on_side[0]], y.time_not_on_side, "run {run}");
        assert_eq!([x.cut_losses[1], x.cut_losses[0]], y.cut_losses, "run {run}");
        assert_eq!([x.drivers[1], x.drivers[0]], y.drivers, "run {run}");
        tipped += x.time_not_on_side.iter().flatten().count();
        for t in 0..=x.end_step {
            for v in 0..cols.world.len() {
                let c = cols.world_col(v);
                assert_eq!(x.get(t, c).to_bits(), y.get(t, c).to_bits(), "run {run} month {t} {}", cols.world[v].name);
            }
            for s in 0..2 {
                for v in 0..cols.side.len() {
                    let (cx, cy) = (cols.side_col(s, v), cols.side_col(1 - s, v));
                    assert_eq!(
                        x.get(t, cx).to_bits(),
                        y.get(t, cy).to_bits(),
                        "run {run} month {t} side {s} {}",
                        cols.side[v].name
                    );
                }
            }
        }
        let key = |e: &protracted::judgment::LogEntry, names: [&str; 2]| {
            (e.month, e.side.map(|s| names[s as usize].to_string()), e.event, e.detail.clone())
        };
        let na = [sc.sides[0].name.as_str(), sc.sides[1].name.as_str()];
        let nb = [swapped.sides[0].name.as_str(), swapped.sides[1].name.as_str()];
        let mut lx: Vec<_> = x.log.iter().map(|e| key(e, na)).collect();
        let mut ly: Vec<_> = y.log.iter().map(|e| key(e, nb)).collect();
        lx.sort();
        ly.sort();
        assert_eq!(lx, ly, "run {run}");
    }
    assert!(tipped > 50, "the runs exercise the judgment ({tipped} tippings)");
}
