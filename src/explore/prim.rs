//! Scenario discovery with PRIM (Friedman and Fisher 1999): the few parameter ranges in which
//! an event happens most.
//!
//! Given each run's drawn parameters `x` (one column per uncertain parameter) and whether the
//! event happened in it (`y`), PRIM starts from a box holding every run and **peels**: at each
//! step it tries removing the `alpha` share of the box's runs at the low or the high end of
//! each parameter and keeps the peel that raises the event's share in the box (the
//! **density**) most, until no peel raises it or the box would hold less than `min_support` of
//! all runs. Each step's box is kept (the peeling trajectory: **coverage**, the share of all
//! event runs inside, falls as density rises). The box reported is the densest on the
//! trajectory that still covers at least [`MIN_COVERAGE`] of the event runs; it is then
//! **pasted** (a bound moved back out while that raises the density) and **pruned** (a bound
//! dropped while that costs less density than two standard errors of the box's density, and
//! at least [`PRUNE_TOLERANCE`]), so that it names few parameters. [`reproduce`] repeats the search on random halves of the runs and
//! measures each half's box on the other half (the EMA Workbench's "resampling" check).
//!
//! This module is the algorithm on plain columns; `cli/sensitivity.rs` feeds it an ensemble's
//! draws and words the result.

use crate::sim::rng;
use rand::seq::SliceRandom;

/// Share of the box's runs removed by one peel (Friedman and Fisher's α; 5% as in the EMA
/// Workbench).
pub const ALPHA: f64 = 0.05;
/// Smallest share of all runs a box may hold.
pub const MIN_SUPPORT: f64 = 0.05;
/// Coverage the reported box must keep: at least half of the event runs.
pub const MIN_COVERAGE: f64 = 0.5;
/// Density (in share points) a restriction must be worth to stay in the reported box.
pub const PRUNE_TOLERANCE: f64 = 0.01;
/// Half-samples in [`reproduce`].
pub const HALVES: usize = 20;

/// A box: inclusive bounds per parameter (`-∞` / `+∞` where unrestricted).
#[derive(Debug, Clone, PartialEq)]
pub struct Bounds {
    /// Lower bounds.
    pub lo: Vec<f64>,
    /// Upper bounds.
    pub hi: Vec<f64>,
}

impl Bounds {
    /// The unrestricted box over `d` parameters.
    pub fn all(d: usize) -> Bounds {
        Bounds { lo: vec![f64::NEG_INFINITY; d], hi: vec![f64::INFINITY; d] }
    }

    /// Whether run `i` of `xs` lies in the box.
    pub fn contains(&self, xs: &[Vec<f64>], i: usize) -> bool {
        xs.iter().enumerate().all(|(j, c)| c[i] >= self.lo[j] && c[i] <= self.hi[j])
    }

    /// The parameters the box restricts, in order.
    pub fn restricted(&self) -> Vec<usize> {
        (0..self.lo.len()).filter(|&j| self.lo[j].is_finite() || self.hi[j].is_finite()).collect()
    }
}

/// How a box does on a set of runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    /// Runs in the box.
    pub n: usize,
    /// Share of all runs in the box.
    pub support: f64,
    /// Share of all event runs that are in the box.
    pub coverage: f64,
    /// Share of the box's runs in which the event happened.
    pub density: f64,
}

/// One box of the peeling trajectory.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The box.
    pub bounds: Bounds,
    /// Its statistics on the runs it was found on.
    pub stats: Stats,
}

/// The statistics of `b` on the runs `rows` (indices into `xs` and `y`).
pub fn stats(xs: &[Vec<f64>], y: &[bool], rows: &[usize], b: &Bounds) -> Stats {
    let total_events = rows.iter().filter(|&&i| y[i]).count();
    let (mut n, mut hits) = (0, 0);
    for &i in rows {
        if b.contains(xs, i) {
            n += 1;
            hits += usize::from(y[i]);
        }
    }
    Stats {
        n,
        support: n as f64 / rows.len().max(1) as f64,
        coverage: if total_events > 0 { hits as f64 / total_events as f64 } else { 0.0 },
        density: if n > 0 { hits as f64 / n as f64 } else { 0.0 },
    }
}

/// The peeling trajectory on the runs `rows`, starting from the unrestricted box.
pub fn peel(xs: &[Vec<f64>], y: &[bool], rows: &[usize]) -> Vec<Step> {
    let d = xs.len();
    let mut b = Bounds::all(d);
    let mut inside: Vec<usize> = rows.to_vec();
    let min_n = (MIN_SUPPORT * rows.len() as f64).ceil() as usize;
    let mut out = vec![Step { bounds: b.clone(), stats: stats(xs, y, rows, &b) }];
    loop {
        let hits_in = inside.iter().filter(|&&i| y[i]).count();
        let density = hits_in as f64 / inside.len().max(1) as f64;
        // Best peel: (density after, runs left, parameter, low end?, new bound).
        let mut best: Option<(f64, usize, usize, bool, f64)> = None;
        for (j, col) in xs.iter().enumerate() {
            let mut v: Vec<(f64, bool)> = inside.iter().map(|&i| (col[i], y[i])).collect();
            v.sort_by(|a, c| a.0.total_cmp(&c.0));
            let m = v.len();
            let k = ((ALPHA * m as f64).ceil() as usize).max(1);
            if m <= k {
                continue;
            }
            // Low end: keep x ≥ v[k].0 (ties at the cut stay in).
            let cut = v[k].0;
            let removed: Vec<&(f64, bool)> = v.iter().take_while(|p| p.0 < cut).collect();
            let cand_lo = (removed.len(), removed.iter().filter(|p| p.1).count(), cut);
            // High end: keep x ≤ v[m − 1 − k].0.
            let cut_hi = v[m - 1 - k].0;
            let removed_hi: Vec<&(f64, bool)> = v.iter().rev().take_while(|p| p.0 > cut_hi).collect();
            let cand_hi = (removed_hi.len(), removed_hi.iter().filter(|p| p.1).count(), cut_hi);
            for (low, (r, rh, bound)) in [(true, cand_lo), (false, cand_hi)] {
                let left = m - r;
                if r == 0 || left < min_n {
                    continue;
                }
                let dens = (hits_in - rh) as f64 / left as f64;
                let better = match best {
                    None => true,
                    Some((bd, bl, ..)) => dens > bd + 1e-12 || ((dens - bd).abs() <= 1e-12 && left > bl),
                };
                if better {
                    best = Some((dens, left, j, low, bound));
                }
            }
        }
        let Some((dens, _, j, low, bound)) = best else { break };
        if dens <= density + 1e-12 {
            break;
        }
        if low {
            b.lo[j] = bound;
        } else {
            b.hi[j] = bound;
        }
        inside.retain(|&i| xs[j][i] >= b.lo[j] && xs[j][i] <= b.hi[j]);
        out.push(Step { bounds: b.clone(), stats: stats(xs, y, rows, &b) });
    }
    out
}

/// The densest box of `trajectory` covering at least [`MIN_COVERAGE`] (ties: the earlier,
/// larger box).
pub fn choose(trajectory: &[Step]) -> &Step {
    let mut best = &trajectory[0];
    for s in trajectory {
        if s.stats.coverage + 1e-12 >= MIN_COVERAGE && s.stats.density > best.stats.density + 1e-12 {
            best = s;
        }
    }
    best
}

/// Paste: move a restricted bound back out to take in the next `alpha` share of the box's
/// size along that parameter, while that raises the density on `rows`.
pub fn paste(xs: &[Vec<f64>], y: &[bool], rows: &[usize], b: &Bounds) -> Bounds {
    let mut b = b.clone();
    loop {
        let now = stats(xs, y, rows, &b);
        let step_n = ((ALPHA * now.n as f64).ceil() as usize).max(1);
        let mut best: Option<(f64, Bounds)> = None;
        for j in b.restricted() {
            for low in [true, false] {
                let bound = if low { b.lo[j] } else { b.hi[j] };
                if !bound.is_finite() {
                    continue;
                }
                // Runs just outside this bound and inside every other one.
                let mut out: Vec<f64> = rows
                    .iter()
                    .filter(|&&i| {
                        let x = xs[j][i];
                        let beyond = if low { x < b.lo[j] } else { x > b.hi[j] };
                        beyond && (0..xs.len()).all(|k| k == j || (xs[k][i] >= b.lo[k] && xs[k][i] <= b.hi[k]))
                    })
                    .map(|&i| xs[j][i])
                    .collect();
                if out.is_empty() {
                    continue;
                }
                out.sort_by(f64::total_cmp);
                let mut c = b.clone();
                if low {
                    let take = out.len().min(step_n);
                    c.lo[j] = if take == out.len() { f64::NEG_INFINITY } else { out[out.len() - take] };
                } else {
                    let take = out.len().min(step_n);
                    c.hi[j] = if take == out.len() { f64::INFINITY } else { out[take - 1] };
                }
                let d = stats(xs, y, rows, &c).density;
                if d > now.density + 1e-12 && best.as_ref().is_none_or(|(bd, _)| d > *bd) {
                    best = Some((d, c));
                }
            }
        }
        match best {
            Some((_, c)) => b = c,
            None => return b,
        }
    }
}

/// Prune: drop the bound (a lower or an upper one) whose removal costs the least density,
/// while that costs less than the larger of [`PRUNE_TOLERANCE`] and two standard errors of the
/// box's density — a bound the runs cannot tell from chance goes.
pub fn prune(xs: &[Vec<f64>], y: &[bool], rows: &[usize], b: &Bounds) -> Bounds {
    let mut b = b.clone();
    loop {
        let now = stats(xs, y, rows, &b);
        let se = (now.density * (1.0 - now.density) / now.n.max(1) as f64).sqrt();
        let tolerance = PRUNE_TOLERANCE.max(2.0 * se);
        let mut best: Option<(f64, Bounds)> = None;
        for j in b.restricted() {
            for low in [true, false] {
                let mut c = b.clone();
                if low && c.lo[j].is_finite() {
                    c.lo[j] = f64::NEG_INFINITY;
                } else if !low && c.hi[j].is_finite() {
                    c.hi[j] = f64::INFINITY;
                } else {
                    continue;
                }
                let d = stats(xs, y, rows, &c).density;
                if now.density - d < tolerance && best.as_ref().is_none_or(|(bd, _)| d > *bd) {
                    best = Some((d, c));
                }
            }
        }
        match best {
            Some((_, c)) => b = c,
            None => return b,
        }
    }
}

/// The reported box on the runs `rows`: peeled, chosen, pasted, pruned.
pub fn discover(xs: &[Vec<f64>], y: &[bool], rows: &[usize]) -> (Vec<Step>, Bounds) {
    let trajectory = peel(xs, y, rows);
    let chosen = choose(&trajectory).bounds.clone();
    let pasted = paste(xs, y, rows, &chosen);
    let pruned = prune(xs, y, rows, &pasted);
    (trajectory, pruned)
}

/// What the half-samples say about a box.
#[derive(Debug, Clone, PartialEq)]
pub struct Reproduction {
    /// Half-samples searched.
    pub halves: usize,
    /// Per parameter: the share of half-samples whose box restricts it.
    pub restricted_share: Vec<f64>,
    /// Each half's box measured on the other half: density.
    pub held_out_density: Vec<f64>,
    /// Each half's box measured on the other half: coverage.
    pub held_out_coverage: Vec<f64>,
}

/// Repeat [`discover`] on [`HALVES`] random halves of the runs (seeded by `seed`), measuring
/// each half's box on the other half.
pub fn reproduce(xs: &[Vec<f64>], y: &[bool], seed: u64) -> Reproduction {
    let n = y.len();
    let d = xs.len();
    let mut counts = vec![0usize; d];
    let (mut dens, mut cov) = (Vec::with_capacity(HALVES), Vec::with_capacity(HALVES));
    for h in 0..HALVES {
        let mut order: Vec<usize> = (0..n).collect();
        order.shuffle(&mut rng::stream(seed, rng::key("prim.halves"), h as u64));
        let (a, b) = order.split_at(n / 2);
        let (_, found) = discover(xs, y, a);
        for j in found.restricted() {
            counts[j] += 1;
        }
        let s = stats(xs, y, b, &found);
        dens.push(s.density);
        cov.push(s.coverage);
    }
    Reproduction {
        halves: HALVES,
        restricted_share: counts.iter().map(|&c| c as f64 / HALVES as f64).collect(),
        held_out_density: dens,
        held_out_coverage: cov,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;

    /// Five uniform parameters; the event happens in the box x0 > 0.6 and x1 < 0.4 (90% of
    /// the time) and outside it 5% of the time.
    fn planted(n: usize) -> (Vec<Vec<f64>>, Vec<bool>) {
        let mut r = rng::stream(7, rng::key("prim.test"), 0);
        let xs: Vec<Vec<f64>> = (0..5).map(|_| (0..n).map(|_| r.random::<f64>()).collect()).collect();
        let y = (0..n)
            .map(|i| {
                let inside = xs[0][i] > 0.6 && xs[1][i] < 0.4;
                r.random::<f64>() < if inside { 0.9 } else { 0.05 }
            })
            .collect();
        (xs, y)
    }

    #[test]
    fn prim_finds_a_planted_box() {
        let (xs, y) = planted(4000);
        let rows: Vec<usize> = (0..y.len()).collect();
        let (trajectory, b) = discover(&xs, &y, &rows);
        assert!(trajectory.len() > 5);
        assert!(trajectory.windows(2).all(|w| w[1].stats.density >= w[0].stats.density));
        assert_eq!(b.restricted(), vec![0, 1], "{b:?}");
        assert!((b.lo[0] - 0.6).abs() < 0.05 && b.hi[0].is_infinite(), "{b:?}");
        assert!((b.hi[1] - 0.4).abs() < 0.05 && b.lo[1].is_infinite(), "{b:?}");
        let s = stats(&xs, &y, &rows, &b);
        assert!(s.density > 0.8 && s.coverage > 0.6, "{s:?}");
    }

    #[test]
    fn half_samples_reproduce_a_planted_box() {
        let (xs, y) = planted(4000);
        let r = reproduce(&xs, &y, 2025);
        assert!(r.restricted_share[0] >= 0.9 && r.restricted_share[1] >= 0.9, "{r:?}");
        assert!(r.restricted_share[2..].iter().all(|&s| s <= 0.3), "{r:?}");
        assert!(r.held_out_density.iter().all(|&d| d > 0.7), "{r:?}");
        assert_eq!(r, reproduce(&xs, &y, 2025), "seeded");
    }

    #[test]
    fn an_event_unrelated_to_the_parameters_gives_no_box() {
        let (xs, _) = planted(3000);
        let mut r = rng::stream(9, rng::key("prim.test.noise"), 0);
        let y: Vec<bool> = (0..3000).map(|_| r.random::<f64>() < 0.3).collect();
        let rows: Vec<usize> = (0..3000).collect();
        let (_, b) = discover(&xs, &y, &rows);
        let s = stats(&xs, &y, &rows, &b);
        // Peeling noise can lift the density a little; it must not invent a strong box.
        assert!(s.density < 0.4, "{s:?} {b:?}");
    }
}
