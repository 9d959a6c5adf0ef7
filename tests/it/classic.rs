//! The classic Lanchester cases against their closed forms. `scenarios/classic/` is run
//! through the library (`scenario::load` → `sim::run_one`) and every step's `front_k` of both
//! sides is compared with the piecewise closed-form solution
//! (`model::attrition::closed_form`), a new piece starting at each reinforcement: relative
//! error below 0.5% as the scenario files claim, and in fact near the f32 precision of the
//! stored trajectories. The conserved quantities (a·A² − b·B², a·A − b·B) are checked between
//! reinforcements. The factual claims of the two scenarios' teaching notes are checked on the
//! runs (who wins, when, what a reserve does), and so are the `[[observed]]` points: Engel's
//! US strengths on Iwo Jima shipped with the square law, and the errors for bad points.

use crate::common::{bin, load};
use protracted::Scenario;
use protracted::judgment::Outcome;
use protracted::model::attrition::closed_form;
use protracted::model::lanchester;
use protracted::scenario::EventAction;
use protracted::sim::Trajectory;

/// The claim in the scenario files.
const CLAIMED: f64 = 0.005;
/// What RK4 with 16 sub-steps per day achieves (the trajectories are stored as f32).
const ENGINE: f64 = 1e-5;
/// The same for pieces restarted from the engine's f32 state: the rounding of the start
/// (~1e-7) is amplified where a side's strength nears zero (Japan ends at 0.4% of its start).
const ENGINE_RESTARTED: f64 = 1e-4;

/// `front_k` of side `s` at every step, row 0 the start, row r the end of step r − 1.
fn front(t: &Trajectory, s: usize) -> Vec<f64> {
    let col = lanchester::columns().find("front_k", Some(s)).expect("a front_k column");
    (0..t.values.len() / t.ncols).map(|row| t.get(row, col) as f64).collect()
}

/// A fixed parameter of a side, by its path under `sides.NAME.`.
fn param(sc: &Scenario, side: usize, key: &str) -> f64 {
    let path = format!("sides.{}.{key}", sc.sides[side].name);
    let slot = sc.slots.iter().find(|s| s.path == path).unwrap_or_else(|| panic!("no slot {path}"));
    assert!(!slot.is_uncertain(), "{path} is drawn; the closed form needs a fixed value");
    slot.central()
}

/// Reinforcements of `side` by step, as `Schedule::reinforcements` gives them: (arriving at
/// the start of the step, arriving evenly over the step).
fn reinforcements(sc: &Scenario, side: usize) -> Vec<(f64, f64)> {
    let mut r = vec![(0.0, 0.0); sc.steps];
    for e in &sc.events {
        if let EventAction::Reinforce { side: s, amount, over } = e.action
            && s == side
        {
            let amount = sc.slots[amount].central();
            if over == 0.0 {
                r[e.month].0 += amount;
            } else {
                for per_step in r.iter_mut().skip(e.month).take(over as usize) {
                    per_step.1 += amount / over;
                }
            }
        }
    }
    r
}

fn rel_err(sim: f64, exact: f64) -> f64 {
    (sim - exact).abs() / exact.abs().max(1e-9)
}

/// A closed form: (a, b, A0, B0, inflow into A per day, days) → (A, B).
type Law = fn(f64, f64, f64, f64, f64, f64) -> (f64, f64);

fn square(a: f64, b: f64, a0: f64, b0: f64, p: f64, t: f64) -> (f64, f64) {
    closed_form::square(a, b, a0, b0, p, t)
}

fn linear(a: f64, b: f64, a0: f64, b0: f64, p: f64, t: f64) -> (f64, f64) {
    assert_eq!(p, 0.0, "the linear closed form has no inflow");
    closed_form::linear(a, b, a0, b0, t)
}

/// One classic battle set up for a closed form: side `ia` is A (the only one reinforced),
/// side `ib` is B. In `integrate` a side's losses come from the other side's lethality, so
/// the closed forms' `a` (B's losses per A) is A's lethality and `b` is B's.
struct Case {
    sc: Scenario,
    ia: usize,
    ib: usize,
    law: Law,
}

impl Case {
    fn new(file: &str, a_side: &str, b_side: &str, law: Law) -> Case {
        let sc = load(file, &[]);
        let (ia, ib) = (sc.side_index(a_side).expect("A side"), sc.side_index(b_side).expect("B side"));
        assert!(sc.is_deterministic(), "{file}: a classic case has no randomness");
        assert_eq!(reinforcements(&sc, ib).iter().map(|r| r.0 + r.1).sum::<f64>(), 0.0, "only A is reinforced");
        Case { sc, ia, ib, law }
    }

    fn coefficients(&self) -> (f64, f64) {
        (
            param(&self.sc, self.ia, "attrition.lethality_per_day"),
            param(&self.sc, self.ib, "attrition.lethality_per_day"),
        )
    }

    /// The exact (A, B) at the end of every step. A piece starts wherever the reinforcements
    /// change; it starts from the closed form's own state (`restart_from` = None) or from the
    /// engine's (`Some(rows)`, which isolates each piece's integration error).
    fn exact(&self, restart_from: Option<(&[f64], &[f64])>) -> Vec<(f64, f64)> {
        let (a, b) = self.coefficients();
        let days = self.sc.step_days;
        let inflow = reinforcements(&self.sc, self.ia);
        let (mut a0, mut b0) =
            (param(&self.sc, self.ia, "attrition.front_k"), param(&self.sc, self.ib, "attrition.front_k"));
        let (mut start, mut p) = (0usize, 0.0);
        let mut out = vec![(a0, b0)];
        for step in 0..self.sc.steps {
            let (at_once, spread) = inflow[step];
            if step == 0 || at_once != 0.0 || spread != p {
                (a0, b0) = match restart_from {
                    Some((ra, rb)) => (ra[step], rb[step]),
                    None => (self.law)(a, b, a0, b0, p / days, (step - start) as f64 * days),
                };
                a0 += at_once;
                (start, p) = (step, spread);
            }
            out.push((self.law)(a, b, a0, b0, p / days, (step + 1 - start) as f64 * days));
        }
        out
    }

    /// Run the scenario and return the worst relative error against `exact` (asserting the
    /// claimed bound at every step).
    fn worst_error(&self, restart_from_engine: bool) -> f64 {
        let t = protracted::sim::run_one(&self.sc, 0);
        let (sa, sb) = (front(&t, self.ia), front(&t, self.ib));
        let exact = self.exact(restart_from_engine.then_some((&sa[..], &sb[..])));
        let (na, nb) = (&self.sc.sides[self.ia].name, &self.sc.sides[self.ib].name);
        let mut worst = 0.0f64;
        // Up to the day the battle ends (a side destroyed); after it the rows hold still.
        for (row, &(ea, eb)) in exact.iter().enumerate().take(t.end_step + 1) {
            let e = rel_err(sa[row], ea).max(rel_err(sb[row], eb));
            assert!(
                e < CLAIMED,
                "{}: row {row}: {na} {} vs exact {ea}, {nb} {} vs exact {eb} (relative error {e:.2e})",
                self.sc.name,
                sa[row],
                sb[row]
            );
            worst = worst.max(e);
        }
        worst
    }
}

fn square_case() -> Case {
    let c = Case::new("scenarios/classic/lanchester-square.toml", "us", "japan", square);
    assert_eq!((c.ib, c.ia), (0, 1), "sides are in alphabetical order: japan, us");
    c
}

fn linear_case() -> Case {
    let c = Case::new("scenarios/classic/lanchester-linear.toml", "red", "blue", linear);
    assert_eq!((c.ib, c.ia), (0, 1), "sides are in alphabetical order: blue, red");
    for side in [c.ia, c.ib] {
        assert_eq!(param(&c.sc, side, "attrition.exposure_exponent"), 1.0, "area fire");
        assert_eq!(param(&c.sc, side, "attrition.fire_exponent"), 1.0);
    }
    c
}

#[test]
fn square_law_reinforcements_are_as_engel_reports() {
    let c = square_case();
    let r = reinforcements(&c.sc, c.ia);
    assert_eq!(r[0], (0.0, 54.0), "54,000 land evenly over the first day");
    assert_eq!(r[2], (6.0, 0.0), "6,000 at the start of day 3");
    assert_eq!(r[5], (13.0, 0.0), "13,000 at the start of day 6");
    assert_eq!(r.iter().map(|x| x.0 + x.1).sum::<f64>(), 73.0);
    assert_eq!(param(&c.sc, c.ia, "attrition.front_k"), 0.0, "the US starts with nobody ashore");
}

/// The whole battle against the closed form carried from the initial state through every
/// reinforcement.
#[test]
fn square_law_matches_the_closed_form_at_every_step() {
    let c = square_case();
    let worst = c.worst_error(false);
    assert!(worst < ENGINE, "worst relative error {worst:.2e}");
}

/// Each piece between reinforcements against the closed form started from the engine's own
/// state at the piece's start: the integration of every piece, independently of the others.
#[test]
fn square_law_matches_the_closed_form_within_each_piece() {
    let c = square_case();
    let worst = c.worst_error(true);
    // Every piece, the landing from zero strength included, to the engine's precision.
    let t = protracted::sim::run_one(&c.sc, 0);
    let (sa, sb) = (front(&t, c.ia), front(&t, c.ib));
    let exact = c.exact(Some((&sa, &sb)));
    for row in 2..exact.len() {
        let e = rel_err(sa[row], exact[row].0).max(rel_err(sb[row], exact[row].1));
        assert!(e < ENGINE_RESTARTED, "row {row}: relative error {e:.2e}");
    }
    assert!(worst < CLAIMED);
    // Engel's Iwo Jima shape: the US ends far ahead, the garrison nearly destroyed.
    let last = c.sc.steps;
    assert!(sb[last] < 0.05 * sb[0], "Japan ends at {} of {}", sb[last], sb[0]);
    assert!(sa[last] > 40.0, "the US ends at {}", sa[last]);
}

#[test]
fn square_law_invariant_holds_between_reinforcements() {
    let c = square_case();
    let (a, b) = c.coefficients();
    let t = protracted::sim::run_one(&c.sc, 0);
    let (us, jp) = (front(&t, c.ia), front(&t, c.ib));
    let inv = |row: usize| a * us[row] * us[row] - b * jp[row] * jp[row];
    let arrivals: Vec<usize> =
        reinforcements(&c.sc, c.ia).iter().enumerate().filter(|(_, r)| r.0 + r.1 > 0.0).map(|(step, _)| step).collect();
    assert_eq!(arrivals, [0, 2, 5]);
    // Row r is the state at the end of step r − 1: what arrives during or at the start of
    // step n shows from row n + 1 on, and nothing changes the invariant until the next one.
    let mut segments = Vec::new();
    for (i, &s) in arrivals.iter().enumerate() {
        segments.push((s + 1, arrivals.get(i + 1).copied().unwrap_or(c.sc.steps)));
    }
    assert_eq!(segments, [(1, 2), (3, 5), (6, c.sc.steps)]);
    let mut previous = f64::NEG_INFINITY;
    for (lo, hi) in segments {
        let i0 = inv(lo);
        for row in lo..=hi {
            let drift = (inv(row) - i0).abs() / i0.abs();
            assert!(drift < ENGINE, "a·A² − b·B² drifts by {drift:.2e} at row {row} (rows {lo}..={hi})");
        }
        assert!(i0 > previous, "each US arrival raises a·A² − b·B²");
        previous = i0;
    }
    assert!(previous > 0.0, "the US wins: a·A² > b·B² after the last landing");
}

#[test]
fn linear_law_matches_the_closed_form_at_every_step() {
    let c = linear_case();
    let r = reinforcements(&c.sc, c.ia);
    assert_eq!(r[20], (5.0, 0.0), "the Red reserve arrives at once at the start of step 20");
    let worst = c.worst_error(false);
    assert!(worst < ENGINE, "worst relative error {worst:.2e}");
}

#[test]
fn linear_law_invariant_holds_between_reinforcements() {
    let c = linear_case();
    let (a, b) = c.coefficients(); // a: Red's lethality, b: Blue's
    let t = protracted::sim::run_one(&c.sc, 0);
    let (red, blue) = (front(&t, c.ia), front(&t, c.ib));
    let inv = |row: usize| a * red[row] - b * blue[row];
    let scale = b * blue[0];
    // The reserve arrives at the start of step 20: rows 0..=20 before it, 21.. after (until
    // the battle ends).
    let end = t.end_step;
    for (lo, hi) in [(0, 20), (21, end)] {
        for row in lo..=hi {
            let drift = (inv(row) - inv(lo)).abs() / scale;
            assert!(drift < ENGINE, "a·A − b·B drifts by {drift:.2e} (of its terms' size) at row {row}");
        }
    }
    // Five thousand Red soldiers raise it by a·5; step 20 then conserves the new value.
    let shift = inv(21) - inv(20);
    assert!((shift - a * 5.0).abs() / (a * 5.0) < 1e-3, "shift {shift} vs a·5 = {}", a * 5.0);
    assert!(inv(end) < 0.0, "Blue still wins after the reserve");
    assert!(inv(0) < 0.0, "before the reserve, Blue's quality outweighs Red's numbers");
}

/// The outcome and the day a battle ends, from the log of its one run.
fn ending(file: &str, set: &[&str]) -> (Scenario, protracted::sim::Trajectory) {
    let sc = load(file, set);
    let t = protracted::sim::run_one(&sc, 0);
    (sc, t)
}

/// Linear-law note: "Blue starts with 25% fewer troops but is 50% more lethal per soldier:
/// under the linear law that is enough to win", and Red breaks late, after about nine months,
/// with nearly as many soldiers left as Blue.
#[test]
fn linear_law_note_blue_wins_and_red_breaks_late() {
    let (sc, t) = ending("scenarios/classic/lanchester-linear.toml", &[]);
    let (blue, red) = (sc.side_index("blue").expect("blue"), sc.side_index("red").expect("red"));
    let (b0, r0) = (param(&sc, blue, "attrition.front_k"), param(&sc, red, "attrition.front_k"));
    crate::common::assert_close(b0 / r0, 0.75, 1e-12, "Blue starts with 25% fewer troops");
    let (lb, lr) = (param(&sc, blue, "attrition.lethality_per_day"), param(&sc, red, "attrition.lethality_per_day"));
    crate::common::assert_close(lb / lr, 1.5, 1e-12, "Blue is 50% more lethal per soldier");
    assert_eq!(t.outcome, Outcome::Collapse(red), "Blue wins: Red is destroyed");
    assert!((240..=300).contains(&t.end_step), "Red breaks after about nine months, on day {}", t.end_step);
    let f = front(&t, blue);
    assert!(f[t.end_step] > 0.1 * f[0], "Blue is still above its own threshold when Red breaks");
    let r = front(&t, red);
    assert!(r[t.end_step] > 0.85 * f[t.end_step], "Red has nearly as many soldiers left as Blue");
    let log = t.log.iter().find(|e| e.event == "destroyed").expect("a destroyed entry");
    assert_eq!(log.side, Some(red as u8));
}

/// Linear-law note: "The Red reserve on day 20 lowers the conserved quantity by b × 5,000: Blue
/// still wins, by less. Twice the reserve would make it a draw." With twice the reserve the
/// conserved quantity is zero and neither side breaks first within the horizon's precision;
/// without any, Red breaks sooner.
#[test]
fn linear_law_note_the_reserve_delays_and_twice_the_reserve_draws() {
    let (sc, with) = ending("scenarios/classic/lanchester-linear.toml", &[]);
    let (_, without) = ending("scenarios/classic/lanchester-linear.toml", &["events.0.amount_k=0"]);
    let red = sc.side_index("red").expect("red");
    assert_eq!(without.outcome, Outcome::Collapse(red));
    assert!(without.end_step < with.end_step, "without the reserve Red breaks sooner: Blue wins by more");
    let (sc2, twice) = ending("scenarios/classic/lanchester-linear.toml", &["events.0.amount_k=10"]);
    let (blue, red2) = (sc2.side_index("blue").expect("blue"), sc2.side_index("red").expect("red"));
    let (lb, lr) = (param(&sc2, blue, "attrition.lethality_per_day"), param(&sc2, red2, "attrition.lethality_per_day"));
    let (fb, fr) = (front(&twice, blue), front(&twice, red2));
    let inv = |row: usize| lb * fb[row] - lr * fr[row];
    assert!(inv(25).abs() < 1e-4 * lb * fb[0], "twice the reserve: a·Blue − b·Red = {} (a draw is 0)", inv(25));
}

/// Linear-law note: "Losses slow down as both forces thin out": each side's daily casualties
/// fall from day to day, except on the day the reserve adds targets.
#[test]
fn linear_law_note_losses_slow_down() {
    let (sc, t) = ending("scenarios/classic/lanchester-linear.toml", &[]);
    let col = |s| lanchester::columns().find("casualties_k_per_step", Some(s)).expect("casualties");
    for s in 0..2 {
        let c: Vec<f64> = (1..=t.end_step).map(|r| t.get(r, col(s)) as f64).collect();
        let rises = c.windows(2).enumerate().filter(|(_, w)| w[1] > w[0]).map(|(i, _)| i + 2).collect::<Vec<_>>();
        assert!(
            rises.iter().all(|&row| row == 21),
            "{}: losses rise only with the reserve (rows {rises:?})",
            sc.sides[s].name
        );
        assert!(c[c.len() - 1] < 0.1 * c[0], "{}: losses at the end are a tenth of the first day's", sc.sides[s].name);
    }
}

/// Square-law notes: the garrison gets no reinforcement and falls every day; US casualties are
/// heaviest in the first days; the US wins, the garrison destroyed on the day the battle
/// historically ended (day 36).
#[test]
fn square_law_notes_hold_on_the_run() {
    let (sc, t) = ending("scenarios/classic/lanchester-square.toml", &[]);
    let (japan, us) = (sc.side_index("japan").expect("japan"), sc.side_index("us").expect("us"));
    assert_eq!(t.outcome, Outcome::Collapse(japan), "the US wins");
    assert_eq!(t.end_step, 36, "the garrison counts as destroyed on day 36");
    let jp = front(&t, japan);
    assert!(jp.windows(2).take(t.end_step).all(|w| w[1] < w[0]), "the garrison falls every day");
    let col = lanchester::columns().find("casualties_k_per_step", Some(us)).expect("casualties");
    let cas: Vec<f64> = (1..=t.end_step).map(|r| t.get(r, col) as f64).collect();
    let heaviest = cas.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).map(|(i, _)| i + 1).expect("days");
    assert!(heaviest <= 6, "US casualties peak on day {heaviest}, in the first days");
    assert!(cas[cas.len() - 1] < 0.1 * cas[heaviest - 1], "and fall to a tenth of the peak by the end");
}

/// Engel's US strengths ship with the square law and the law follows them: within 5% on
/// every day (Engel's own verdict was a close fit), closer on most.
#[test]
fn engels_iwo_jima_record_is_shipped_and_the_law_follows_it() {
    let (sc, t) = ending("scenarios/classic/lanchester-square.toml", &[]);
    let us = sc.side_index("us").expect("us");
    assert_eq!(sc.observed.len(), 35, "days 1 to 35");
    assert!(sc.observed.iter().all(|o| o.side == us));
    assert!(sc.observed.windows(2).all(|w| w[1].step == w[0].step + 1));
    let f = front(&t, us);
    let errors: Vec<f64> = sc.observed.iter().map(|o| (f[o.step] - o.value_k).abs() / o.value_k).collect();
    let worst = errors.iter().copied().fold(0.0, f64::max);
    assert!(worst < 0.05, "the model is within {:.1}% of the record", 100.0 * worst);
}

fn write_case(dir: &std::path::Path, observed: &str) -> std::path::PathBuf {
    let base = std::fs::read_to_string(crate::common::root().join("scenarios/classic/lanchester-linear.toml"))
        .expect("the linear case");
    let path = dir.join("battle.toml");
    std::fs::write(&path, format!("{base}\n{observed}")).expect("written");
    path
}

/// `[[observed]]` is validated like every other key: unknown keys refused, a side that does
/// not exist, a negative day and a negative value named with file, line, column and
/// key, exit code 2.
#[test]
fn bad_observed_points_are_refused_with_their_location() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let cases: [(&str, &str, &[&str]); 4] = [
        (
            "[[observed]]\nday = 3\nside = \"blue\"\nvalue = 50.0\nvalu = 1.0\n",
            "observed.0.valu",
            &["unknown field `valu`"],
        ),
        (
            "[[observed]]\nday = 3\nside = \"green\"\nvalue = 50.0\n",
            "observed.0.side",
            &["\"green\" is not a side", "\"blue\" or \"red\""],
        ),
        ("[[observed]]\nday = -1\nside = \"red\"\nvalue = 50.0\n", "observed.0.day", &["must be ≥ 0"]),
        ("[[observed]]\nday = 3\nside = \"red\"\nvalue = -1.0\n", "observed.0.value", &["must be ≥ 0"]),
    ];
    for (text, key, says) in cases {
        let path = write_case(dir.path(), text);
        let out = bin().args(["validate", path.to_str().expect("utf-8")]).output().expect("protracted runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{key}: {stderr}");
        let first = stderr.lines().next().unwrap_or_default();
        let at = first.split("battle.toml").nth(1).unwrap_or_default();
        assert!(
            at.starts_with(':') && at[1..].split(':').take(2).all(|n| n.parse::<usize>().is_ok()),
            "{key}: no line and column: {stderr}"
        );
        assert!(first.contains(key), "{key} not named: {stderr}");
        for s in says {
            assert!(stderr.contains(s), "{key}: should say {s}: {stderr}");
        }
    }
    let good = write_case(dir.path(), "[[observed]]\nday = 3\nside = \"red\"\nvalue = 50.0\n");
    let sc = protracted::scenario::load(&good, &[]).expect("a good point loads");
    assert_eq!(sc.observed.len(), 1);
    assert_eq!((sc.observed[0].step, sc.observed[0].value_k), (3, 50.0));
    assert_eq!(sc.observed[0].side, sc.side_index("red").expect("red"));
}
