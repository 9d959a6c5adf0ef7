//! The classic Lanchester cases against their closed forms. `scenarios/classic/` is run
//! through the library (`scenario::load` → `sim::run_one`) and every step's `front_k` of both
//! sides is compared with the piecewise closed-form solution
//! (`model::attrition::closed_form`), a new piece starting at each reinforcement: relative
//! error below 0.5% as the scenario files claim, and in fact near the f32 precision of the
//! stored trajectories. The conserved quantities (a·A² − b·B², a·A − b·B) are checked between
//! reinforcements.

use crate::common::load;
use protracted::Scenario;
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
        assert_eq!(t.end_step, self.sc.steps, "neither side is destroyed within the horizon");
        let (sa, sb) = (front(&t, self.ia), front(&t, self.ib));
        let exact = self.exact(restart_from_engine.then_some((&sa[..], &sb[..])));
        let (na, nb) = (&self.sc.sides[self.ia].name, &self.sc.sides[self.ib].name);
        let mut worst = 0.0f64;
        for (row, &(ea, eb)) in exact.iter().enumerate() {
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
    // The reserve arrives at the start of step 20: rows 0..=20 before it, 21.. after.
    for (lo, hi) in [(0, 20), (21, c.sc.steps)] {
        for row in lo..=hi {
            let drift = (inv(row) - inv(lo)).abs() / scale;
            assert!(drift < ENGINE, "a·A − b·B drifts by {drift:.2e} (of its terms' size) at row {row}");
        }
    }
    // Five thousand Red soldiers raise it by a·5; step 20 then conserves the new value.
    let shift = inv(21) - inv(20);
    assert!((shift - a * 5.0).abs() / (a * 5.0) < 1e-3, "shift {shift} vs a·5 = {}", a * 5.0);
    assert!(inv(c.sc.steps) < 0.0, "Blue still wins after the reserve");
    assert!(inv(0) < 0.0, "before the reserve, Blue's quality outweighs Red's numbers");
}
