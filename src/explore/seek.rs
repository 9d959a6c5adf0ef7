//! `seek`: the smallest lever value that meets a target such as "russia tips by 24 in 50%",
//! and the earliest month at which a fixed scenario meets "… by M in p%".
//!
//! A lever's range is first run as a coarse grid on common random numbers; the response is
//! checked for monotonicity (every crossing of the target is reported when there are several),
//! then the first crossing (in the range's direction) is refined by bisection, each midpoint
//! run on the same runs. The value is where the share, interpolated linearly between the two
//! closest evaluated values, meets the target; its interval comes from a bootstrap over runs:
//! each resample recomputes the share at every evaluated value (the same runs, so the
//! resampled curve keeps its common random numbers) and its own first crossing. Running a
//! lever value is the caller's (a closure), so this module knows no files.

use super::bootstrap::{self, LEVEL, RESAMPLES};
use super::experiment::RunOutcome;
use serde::Serialize;

/// What to meet: side `side` has judged time not on its side by `month` in at least `share`
/// of the runs (`month` `None`: the month is sought).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Target {
    /// Side index.
    pub side: usize,
    /// Month T, or `None` for "M" (the month sought).
    pub month: Option<usize>,
    /// Share of runs, 0-1.
    pub share: f64,
}

/// Parse `"SIDE tips by MONTH in P%"` (MONTH a number, or `M` for the month sought), side by
/// name or label, case-insensitive.
pub fn parse_target(s: &str, sides: &[crate::scenario::SideInfo; 2]) -> Result<Target, String> {
    const FORM: &str = "write \"SIDE tips by MONTH in P%\", e.g. \"russia tips by 24 in 50%\"";
    let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
    let [side, tips, by, month, inw, pct] = words.as_slice() else {
        return Err(format!("`{s}`: {FORM}"));
    };
    if tips != "tips" || by != "by" || inw != "in" {
        return Err(format!("`{s}`: {FORM}"));
    }
    let side = sides
        .iter()
        .position(|x| x.name.to_lowercase() == *side || x.label.to_lowercase() == *side)
        .ok_or_else(|| format!("`{side}` is not a side: the sides are {} and {}", sides[0].name, sides[1].name))?;
    let month = if month == "m" {
        None
    } else {
        Some(month.parse::<usize>().map_err(|_| format!("`{month}` is not a month: a whole number, or M"))?)
    };
    let p: f64 = pct
        .strip_suffix('%')
        .ok_or_else(|| format!("`{pct}`: give the share as a percentage, e.g. 50%"))?
        .parse()
        .map_err(|_| format!("`{pct}` is not a percentage"))?;
    if !(p > 0.0 && p <= 100.0) {
        return Err(format!("{p}% is out of range: must be above 0% and at most 100%"));
    }
    Ok(Target { side, month, share: p / 100.0 })
}

/// A value where the share crosses the target, with its bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Crossing {
    /// The lever value (interpolated between the closest evaluated values).
    pub value: f64,
    /// Lower end of the percentile interval (in lever units, ordered low to high).
    pub lo: f64,
    /// Upper end.
    pub hi: f64,
    /// Share of resamples that cross at all (the others are left out of the interval).
    pub resamples_crossing: f64,
}

/// One evaluated lever value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Evaluated {
    /// Lever value.
    pub value: f64,
    /// Share of runs meeting the target's event.
    pub share: f64,
    /// Its standard error.
    pub se: f64,
}

/// What a one-lever seek found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    /// The first crossing in the range's direction (the answer).
    pub value: Crossing,
    /// Every crossing of the coarse grid (more than one: the response is not monotone).
    pub crossings: Vec<f64>,
    /// Whether the coarse grid's response never reverses by more than 2 standard errors.
    pub monotone: bool,
    /// Whether the range's start already meets the target.
    pub met_at_start: bool,
    /// Every evaluated value, in the range's direction.
    pub evaluated: Vec<Evaluated>,
}

fn event(o: &RunOutcome, side: usize, month: usize) -> bool {
    o.tipped_by(side, month)
}

fn shares(runs: &[RunOutcome], t: &Target, w: Option<&[u32]>) -> f64 {
    let m = t.month.unwrap_or(0);
    let (mut k, mut n) = (0.0, 0.0);
    for (i, o) in runs.iter().enumerate() {
        let wi = w.map_or(1.0, |w| w[i] as f64);
        n += wi;
        if event(o, t.side, m) {
            k += wi;
        }
    }
    if n > 0.0 { k / n } else { 0.0 }
}

/// The first value along `points` (lever value, share) in their order at which the share
/// reaches `target`, interpolated linearly; `None` if it never does.
fn first_crossing(points: &[(f64, f64)], target: f64) -> Option<f64> {
    if points.first().is_some_and(|p| p.1 >= target) {
        return points.first().map(|p| p.0);
    }
    points.windows(2).find(|w| w[0].1 < target && w[1].1 >= target).map(|w| {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        if (y1 - y0).abs() < 1e-15 { x1 } else { x0 + (target - y0) * (x1 - x0) / (y1 - y0) }
    })
}

/// Runs every lever value of a slice: the runs of each, in order.
pub type Evaluate<'a, E> = dyn FnMut(&[f64]) -> Result<Vec<Vec<RunOutcome>>, E> + 'a;

/// Seek along `values` (the coarse grid, in the range's direction) with `bisections`
/// refinements; `eval(v)` runs lever value `v` and returns its runs (the same runs for every
/// value). Errors say why no value meets the target.
pub fn seek<E>(
    values: &[f64],
    target: &Target,
    bisections: usize,
    seed: u64,
    eval: &mut Evaluate<'_, E>,
) -> Result<Result<Found, String>, E> {
    let coarse = eval(values)?;
    let mut runs: Vec<(f64, Vec<RunOutcome>)> = values.iter().copied().zip(coarse).collect();
    let grid: Vec<(f64, f64)> = runs.iter().map(|(v, r)| (*v, shares(r, target, None))).collect();
    let n = runs.first().map_or(0, |r| r.1.len());
    let se = |p: f64| (p * (1.0 - p) / n.max(1) as f64).sqrt();
    let crossings: Vec<f64> = grid
        .windows(2)
        .filter(|w| (w[0].1 >= target.share) != (w[1].1 >= target.share))
        .filter_map(|w| {
            first_crossing(&[w[0], w[1]], target.share).or_else(|| first_crossing(&[w[1], w[0]], target.share))
        })
        .collect();
    let rising = grid.last().map_or(0.0, |l| l.1) >= grid.first().map_or(0.0, |f| f.1);
    let monotone = grid.windows(2).all(|w| {
        let d = w[1].1 - w[0].1;
        let tol = 2.0 * (se(w[0].1).powi(2) + se(w[1].1).powi(2)).sqrt();
        if rising { d >= -tol } else { d <= tol }
    });
    let met_at_start = grid.first().is_some_and(|p| p.1 >= target.share);
    let Some(k) = grid.windows(2).position(|w| w[0].1 < target.share && w[1].1 >= target.share) else {
        if met_at_start {
            let evaluated = grid.iter().map(|&(v, p)| Evaluated { value: v, share: p, se: se(p) }).collect();
            let v = grid[0].0;
            let value = Crossing { value: v, lo: v, hi: v, resamples_crossing: 1.0 };
            return Ok(Ok(Found { value, crossings, monotone, met_at_start, evaluated }));
        }
        let (lo, hi) = grid.iter().fold((1.0f64, 0.0f64), |(a, b), p| (a.min(p.1), b.max(p.1)));
        return Ok(Err(format!(
            "no value in the range meets the target: the share is between {:.0}% and {:.0}% over the range, the target is {:.0}%",
            100.0 * lo,
            100.0 * hi,
            100.0 * target.share
        )));
    };
    // Bisection inside the first bracket.
    let (mut a, mut b) = (grid[k], grid[k + 1]);
    for _ in 0..bisections {
        let mid = 0.5 * (a.0 + b.0);
        let r = eval(&[mid])?.remove(0);
        let p = shares(&r, target, None);
        runs.push((mid, r));
        if p >= target.share { b = (mid, p) } else { a = (mid, p) }
    }
    // Everything evaluated, in the range's direction.
    let dir = if values.len() > 1 && values[values.len() - 1] < values[0] { -1.0 } else { 1.0 };
    runs.sort_by(|x, y| (dir * x.0).total_cmp(&(dir * y.0)));
    let points: Vec<(f64, f64)> = runs.iter().map(|(v, r)| (*v, shares(r, target, None))).collect();
    let value = first_crossing(&points, target.share).unwrap_or(b.0);
    let mut boot = Vec::with_capacity(RESAMPLES);
    for s in 0..RESAMPLES {
        let w = bootstrap::counts(seed, "explore.seek.bootstrap", s, n);
        let pts: Vec<(f64, f64)> = runs.iter().map(|(v, r)| (*v, shares(r, target, Some(&w)))).collect();
        if let Some(x) = first_crossing(&pts, target.share) {
            boot.push(x);
        }
    }
    let (lo, hi) = bootstrap::interval(&boot, LEVEL);
    let evaluated = points.iter().map(|&(v, p)| Evaluated { value: v, share: p, se: se(p) }).collect();
    Ok(Ok(Found {
        value: Crossing {
            value,
            lo: lo.min(hi),
            hi: hi.max(lo),
            resamples_crossing: boot.len() as f64 / RESAMPLES as f64,
        },
        crossings,
        monotone,
        met_at_start,
        evaluated,
    }))
}

/// The earliest month at which the share of `runs` in which the side has tipped reaches the
/// target, with a bootstrap percentile interval (months); `None` if it never does within
/// `horizon`.
pub fn earliest_month(runs: &[RunOutcome], side: usize, share: f64, horizon: usize, seed: u64) -> Option<Crossing> {
    let month_of = |w: Option<&[u32]>| -> Option<usize> {
        let n: f64 = w.map_or(runs.len() as f64, |w| w.iter().map(|&c| c as f64).sum());
        let mut by = vec![0.0f64; horizon + 1];
        for (i, o) in runs.iter().enumerate() {
            if let Some(t) = o.tip[side]
                && (t as usize) <= horizon
            {
                by[t as usize] += w.map_or(1.0, |w| w[i] as f64);
            }
        }
        let mut cum = 0.0;
        for (m, c) in by.iter().enumerate() {
            cum += c;
            if n > 0.0 && cum / n >= share {
                return Some(m);
            }
        }
        None
    };
    let m = month_of(None)? as f64;
    let boot: Vec<f64> = (0..RESAMPLES)
        .filter_map(|b| month_of(Some(&bootstrap::counts(seed, "explore.seek.month", b, runs.len()))).map(|m| m as f64))
        .collect();
    let (lo, hi) = bootstrap::interval(&boot, LEVEL);
    Some(Crossing { value: m, lo, hi, resamples_crossing: boot.len() as f64 / RESAMPLES as f64 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judgment::Outcome;
    use crate::scenario::SideInfo;

    fn sides() -> [SideInfo; 2] {
        [
            SideInfo { name: "russia".into(), label: "Russia".into() },
            SideInfo { name: "ukraine".into(), label: "Ukraine".into() },
        ]
    }

    #[test]
    fn targets_parse_and_bad_ones_say_the_form() {
        let t = parse_target("Russia tips by 24 in 50%", &sides()).unwrap();
        assert_eq!((t.side, t.month), (0, Some(24)));
        assert!((t.share - 0.5).abs() < 1e-12);
        assert_eq!(parse_target("ukraine tips by M in 30%", &sides()).unwrap().month, None);
        assert!(parse_target("france tips by 24 in 50%", &sides()).unwrap_err().contains("not a side"));
        assert!(parse_target("russia tips in 50%", &sides()).unwrap_err().contains("SIDE tips by MONTH"));
        assert!(parse_target("russia tips by 24 in 150%", &sides()).unwrap_err().contains("out of range"));
    }

    /// A toy response: run i tips in month 10 iff its own threshold i/n is below the lever
    /// value, so P(tip by 12 | v) = v exactly (on common random numbers).
    fn toy(v: f64, n: usize) -> Vec<RunOutcome> {
        (0..n)
            .map(|i| RunOutcome {
                run: i as u32,
                tip: [((i as f64 + 0.5) / n as f64 <= v).then_some(10), None],
                cut: [None; 2],
                outcome: Outcome::Ongoing,
                end: 60,
            })
            .collect()
    }

    #[test]
    fn bisection_finds_where_a_monotone_response_meets_the_target() {
        let t = Target { side: 0, month: Some(12), share: 0.37 };
        let grid: Vec<f64> = (0..=8).map(|k| k as f64 / 8.0).collect();
        let found =
            seek::<()>(&grid, &t, 8, 1, &mut |vs| Ok(vs.iter().map(|&v| toy(v, 2000)).collect())).unwrap().unwrap();
        assert!((found.value.value - 0.37).abs() < 0.002, "{:?}", found.value);
        assert!(found.value.lo <= 0.37 && 0.37 <= found.value.hi + 0.002);
        assert!(found.monotone && !found.met_at_start);
        assert_eq!(found.crossings.len(), 1);
        // Downward ranges seek in their own direction: from 1 down, the share meets 37% at once.
        let down: Vec<f64> = grid.iter().rev().copied().collect();
        let f = seek::<()>(&down, &t, 4, 1, &mut |vs| Ok(vs.iter().map(|&v| toy(v, 500)).collect())).unwrap().unwrap();
        assert!(f.met_at_start);
        // Out of reach.
        let t = Target { side: 0, month: Some(12), share: 0.9 };
        let low: Vec<f64> = vec![0.0, 0.2, 0.4];
        let e =
            seek::<()>(&low, &t, 4, 1, &mut |vs| Ok(vs.iter().map(|&v| toy(v, 500)).collect())).unwrap().unwrap_err();
        assert!(e.contains("no value in the range meets the target"), "{e}");
    }

    #[test]
    fn the_earliest_month_is_where_the_curve_reaches_the_share() {
        let runs: Vec<RunOutcome> = (0..100)
            .map(|i| RunOutcome {
                run: i,
                tip: [Some((i % 50 + 1) as u16), None],
                cut: [None; 2],
                outcome: Outcome::Ongoing,
                end: 60,
            })
            .collect();
        // Two runs tip in each month 1..50: 50% by month 25.
        let c = earliest_month(&runs, 0, 0.5, 60, 3).unwrap();
        assert!((c.value - 25.0).abs() < 1e-12);
        assert!(c.lo <= 25.0 && c.hi >= 25.0);
        assert!(earliest_month(&runs, 1, 0.5, 60, 3).is_none());
    }
}
