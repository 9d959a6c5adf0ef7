//! `sensitivity` on the war model: which uncertain parameters a side's tipping hinges on.
//!
//! [`given_data`] analyses one ensemble's own draws: first-order indices ([`super::given`])
//! of every uncertain parameter and of a dummy input (uniform, drawn from its own stream,
//! unused by the model: the visible noise floor), for P(tip by 12, 24, 36) and the restricted
//! mean tipping month of each side, with seeded bootstrap percentile intervals and the share
//! of resamples with the same top three; the same indices month by month for 1{T ≤ t}; the
//! tornado's conditional shares (lowest and highest fifth of each parameter, Wilson
//! intervals); and the share of the spread that is month-to-month luck, from paired
//! replicates (the first runs again with their own draws and other shock seeds:
//! S_noise = mean(½(y₁ − y₂)²) / Var(Y)).
//!
//! [`sobol()`] runs the designed analysis ([`super::sobol`]) on the model: each design row
//! sets the parameters through their inverse distribution functions and carries its shock seed.
//! Outputs are never a "never = 61" code: runs that never tip count the horizon in the
//! restricted mean, and runs ended otherwise stay in every denominator.

use super::bootstrap::{self, LEVEL, RESAMPLES};
use super::experiment::{Experiment, Row, RunOutcome};
use super::given::{self, first_order, order};
use super::metrics::{restricted_month, wilson};
use super::sobol::{self, Design, SobolIndices};
use crate::params::{Dist, Param, Slot};
use crate::scenario::Scenario;
use crate::sim::rng;
use rand::RngExt;
use rayon::prelude::*;
use serde::Serialize;

/// Months T of the reported P(tip by T).
pub const MONTHS: [usize; 3] = [12, 24, 36];

/// The month of the tornado's P(tip by T).
pub const TORNADO_MONTH: usize = 24;

/// Paired replicates used for the luck share (at most).
pub const LUCK_PAIRS: usize = 2000;

/// An estimate with a percentile interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// Point estimate.
    pub value: f64,
    /// Lower end of the bootstrap percentile interval.
    pub lo: f64,
    /// Upper end.
    pub hi: f64,
}

/// An uncertain input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Factor {
    /// Dotted path (or a group's name).
    pub path: String,
    /// Short label for charts (`russia.economy.tax_share`).
    pub label: String,
    /// Unit.
    pub unit: String,
}

/// One analysed output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutputInfo {
    /// Side name.
    pub side: String,
    /// `tip_by_T` or `restricted_mean_month`.
    pub metric: String,
}

/// The top three inputs of an output and how stable they are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopThree {
    /// The three inputs with the largest indices.
    pub factors: Vec<String>,
    /// Share of bootstrap resamples whose top three are the same three (in any order).
    pub unchanged_share: f64,
}

/// A share of runs in a group with its Wilson interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GroupShare {
    /// Share of the group's runs that tipped by the month.
    pub share: f64,
    /// Wilson interval (at [`LEVEL`]).
    pub lo: f64,
    /// Upper end.
    pub hi: f64,
    /// Runs in the group.
    pub runs: usize,
    /// The input's value at the group's inner edge (20th or 80th percentile).
    pub edge: f64,
}

/// One bar of the tornado.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TornadoRow {
    /// Index of the input in `factors`.
    pub factor: usize,
    /// P(tip by T | input in its lowest fifth).
    pub low: GroupShare,
    /// P(tip by T | input in its highest fifth).
    pub high: GroupShare,
    /// The input's first-order index for P(tip by T).
    pub index: f64,
}

/// A side's tornado.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tornado {
    /// Side name.
    pub side: String,
    /// Month T.
    pub month: usize,
    /// P(tip by T) over the whole ensemble.
    pub overall: f64,
    /// Bars, every input, largest index first.
    pub rows: Vec<TornadoRow>,
    /// Share of the spread of 1{tip by T} that is month-to-month luck.
    pub luck: Option<Interval>,
}

/// A side's indices month by month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ByMonth {
    /// Side name.
    pub side: String,
    /// F(t): share of runs tipped by month t, t = 1..=horizon.
    pub tipped: Vec<f64>,
    /// `indices[f][t-1]`: first-order index (noise floor removed) of input f for 1{T ≤ t}.
    pub indices: Vec<Vec<f64>>,
    /// The dummy's, per month.
    pub dummy: Vec<f64>,
}

/// The given-data analysis (`sensitivity.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GivenData {
    /// Scenario name.
    pub scenario: String,
    /// `given-data`.
    pub method: &'static str,
    /// Runs analysed.
    pub runs: usize,
    /// Master seed.
    pub seed: u64,
    /// Horizon, months.
    pub months: usize,
    /// Classes of the rank binning.
    pub classes: usize,
    /// The expected index of an input that does not matter, (M−1)/N, removed from every index.
    pub floor: f64,
    /// Bootstrap resamples.
    pub resamples: usize,
    /// Coverage of the percentile intervals.
    pub level: f64,
    /// The inputs (the scenario's uncertain parameters).
    pub factors: Vec<Factor>,
    /// The outputs.
    pub outputs: Vec<OutputInfo>,
    /// `indices[k][f]`: first-order index of input f for output k (floor removed).
    pub indices: Vec<Vec<Interval>>,
    /// The raw correlation ratios, `raw[k][f]`.
    pub raw: Vec<Vec<f64>>,
    /// The dummy input's index per output: the noise floor that remains.
    pub dummy: Vec<Interval>,
    /// Per output: the top three and their stability.
    pub top_three: Vec<TopThree>,
    /// Per output: the share of the spread that is month-to-month luck (paired replicates).
    pub luck: Vec<Interval>,
    /// Paired replicates behind `luck`.
    pub luck_pairs: usize,
    /// Per side: indices month by month.
    pub by_month: Vec<ByMonth>,
    /// Per side: the tornado.
    pub tornado: Vec<Tornado>,
}

/// The label of a path without its `sides.` prefix.
pub fn short_label(path: &str) -> String {
    path.strip_prefix("sides.").unwrap_or(path).to_string()
}

/// The analysed outputs of a run: per side, 1{tip by T} for T in [`MONTHS`] (within the
/// horizon) and the restricted tipping month.
fn outputs_of(o: &RunOutcome, months: &[usize], horizon: usize, out: &mut Vec<f64>) {
    for s in 0..2 {
        for &m in months {
            out.push(f64::from(u8::from(o.tipped_by(s, m))));
        }
        out.push(restricted_month(o, s, horizon));
    }
}

fn output_infos(sc: &Scenario, months: &[usize]) -> Vec<OutputInfo> {
    let mut v = Vec::new();
    for side in &sc.sides {
        for m in months {
            v.push(OutputInfo { side: side.name.clone(), metric: format!("tip_by_{m}") });
        }
        v.push(OutputInfo { side: side.name.clone(), metric: "restricted_mean_month".into() });
    }
    v
}

/// The dummy input of run `i`: uniform on [0, 1) from its own stream.
pub fn dummy(seed: u64, i: usize) -> f64 {
    rng::stream(seed, rng::key("explore.dummy"), i as u64).random()
}

/// The given-data analysis of `runs` runs of variant 0 of `exp`.
pub fn given_data(exp: &Experiment<'_>, runs: usize, seed: u64, progress: &mut dyn FnMut(usize)) -> GivenData {
    let plan = exp.plan(0);
    let sc = plan.scenario;
    let horizon = plan.steps;
    let months: Vec<usize> = MONTHS.iter().copied().filter(|&m| m <= horizon).collect();
    let drawn = exp.drawn(0, runs, progress);
    let n = drawn.len();
    let infos = output_infos(sc, &months);
    let k = infos.len();
    let mut ys = Vec::with_capacity(n * k);
    for o in &drawn.outcomes {
        outputs_of(o, &months, horizon, &mut ys);
    }
    let factors: Vec<Factor> = sc
        .uncertain_slots()
        .map(|(_, s)| Factor { path: s.path.clone(), label: short_label(&s.path), unit: s.spec.unit.to_string() })
        .collect();
    let d = factors.len();
    // Inputs: the drawn parameters, then the dummy.
    let mut xs: Vec<Vec<f64>> = (0..d).map(|j| drawn.column(j)).collect();
    xs.push((0..n).map(|i| dummy(seed, i)).collect());
    let orders: Vec<Vec<u32>> = exp.install(|| xs.par_iter().map(|x| order(x)).collect());
    let point: Vec<given::Binned> = orders.iter().map(|o| first_order(o, &ys, k, None)).collect();

    // Bootstrap over runs: every input's corrected indices per resample, `boot[b][f][k]`.
    let boot: Vec<Vec<Vec<f64>>> = exp.install(|| {
        (0..RESAMPLES)
            .into_par_iter()
            .map(|b| {
                let w = bootstrap::counts(seed, "explore.given.bootstrap", b, n);
                orders.iter().map(|o| first_order(o, &ys, k, Some(&w)).corrected()).collect()
            })
            .collect()
    });
    let interval_of = |f: usize, q: usize| {
        let xs: Vec<f64> = boot.iter().map(|r| r[f][q]).collect();
        let (lo, hi) = bootstrap::interval(&xs, LEVEL);
        Interval { value: point[f].corrected()[q], lo, hi }
    };
    let indices: Vec<Vec<Interval>> = (0..k).map(|q| (0..d).map(|f| interval_of(f, q)).collect()).collect();
    let dummy_iv: Vec<Interval> = (0..k).map(|q| interval_of(d, q)).collect();
    let raw: Vec<Vec<f64>> = (0..k).map(|q| (0..d).map(|f| point[f].raw[q]).collect()).collect();
    let top_of = |vals: &[f64]| -> Vec<usize> {
        let mut idx: Vec<usize> = (0..vals.len()).collect();
        idx.sort_by(|&a, &b| vals[b].total_cmp(&vals[a]).then(a.cmp(&b)));
        let mut t: Vec<usize> = idx.into_iter().take(3).collect();
        t.sort_unstable();
        t
    };
    let top_three = (0..k)
        .map(|q| {
            let pv: Vec<f64> = indices[q].iter().map(|i| i.value).collect();
            let top = top_of(&pv);
            let same = boot.iter().filter(|r| top_of(&(0..d).map(|f| r[f][q]).collect::<Vec<_>>()) == top).count();
            let mut ranked = top.clone();
            ranked.sort_by(|&a, &b| pv[b].total_cmp(&pv[a]));
            TopThree {
                factors: ranked.iter().map(|&f| factors[f].path.clone()).collect(),
                unchanged_share: same as f64 / RESAMPLES as f64,
            }
        })
        .collect();

    // Luck: the first runs again, with their own draws and other shock seeds.
    let pairs = n.min(LUCK_PAIRS);
    let replicas =
        exp.rows(0, pairs, &mut |done| progress(n + done), |i| Row { values: plan.draw(i), shock_run: n + i });
    let mut ys2 = Vec::with_capacity(pairs * k);
    for o in &replicas {
        outputs_of(o, &months, horizon, &mut ys2);
    }
    let var: Vec<f64> = (0..k)
        .map(|q| {
            let m = (0..n).map(|i| ys[i * k + q]).sum::<f64>() / n as f64;
            (0..n).map(|i| (ys[i * k + q] - m).powi(2)).sum::<f64>() / n as f64
        })
        .collect();
    let noise = |q: usize, w: Option<&[u32]>| -> f64 {
        let (mut s, mut c) = (0.0, 0.0);
        for i in 0..pairs {
            let wi = w.map_or(1.0, |w| w[i] as f64);
            s += wi * 0.5 * (ys[i * k + q] - ys2[i * k + q]).powi(2);
            c += wi;
        }
        if var[q] > 0.0 && c > 0.0 { s / c / var[q] } else { 0.0 }
    };
    let luck_boot: Vec<Vec<f64>> = (0..RESAMPLES)
        .map(|b| {
            let w = bootstrap::counts(seed, "explore.luck.bootstrap", b, pairs);
            (0..k).map(|q| noise(q, Some(&w))).collect()
        })
        .collect();
    let luck: Vec<Interval> = (0..k)
        .map(|q| {
            let xs: Vec<f64> = luck_boot.iter().map(|r| r[q]).collect();
            let (lo, hi) = bootstrap::interval(&xs, LEVEL);
            Interval { value: noise(q, None), lo, hi }
        })
        .collect();

    // Month by month: 1{T ≤ t} for t = 1..=horizon, per side.
    let hk = 2 * horizon;
    let mut ym = vec![0.0f64; n * hk];
    for (i, o) in drawn.outcomes.iter().enumerate() {
        for s in 0..2 {
            if let Some(t) = o.tip[s] {
                for m in (t as usize).max(1)..=horizon {
                    ym[i * hk + s * horizon + m - 1] = 1.0;
                }
            }
        }
    }
    let monthly: Vec<Vec<f64>> =
        exp.install(|| orders.par_iter().map(|o| first_order(o, &ym, hk, None).corrected()).collect());
    let by_month = (0..2)
        .map(|s| ByMonth {
            side: sc.sides[s].name.clone(),
            tipped: (1..=horizon)
                .map(|m| drawn.outcomes.iter().filter(|o| o.tipped_by(s, m)).count() as f64 / n as f64)
                .collect(),
            indices: (0..d).map(|f| monthly[f][s * horizon..(s + 1) * horizon].to_vec()).collect(),
            dummy: monthly[d][s * horizon..(s + 1) * horizon].to_vec(),
        })
        .collect();

    // Tornado at month T, per side.
    let t_month = TORNADO_MONTH.min(horizon);
    let z = 1.6448536269514722;
    let tornado = (0..2)
        .map(|s| {
            let q = infos.iter().position(|o| o.side == sc.sides[s].name && o.metric == format!("tip_by_{t_month}"));
            let tipped =
                |runs: &[u32]| runs.iter().filter(|&&i| drawn.outcomes[i as usize].tipped_by(s, t_month)).count();
            let share = |runs: &[u32], edge: f64| {
                let k = tipped(runs);
                let (lo, hi) = wilson(k, runs.len(), z);
                GroupShare { share: k as f64 / runs.len().max(1) as f64, lo, hi, runs: runs.len(), edge }
            };
            let mut rows: Vec<TornadoRow> = (0..d)
                .map(|f| {
                    let ((low, le), (high, he)) = given::fifths(&orders[f], &xs[f]);
                    TornadoRow {
                        factor: f,
                        low: share(&low, le),
                        high: share(&high, he),
                        index: q.map_or(0.0, |q| indices[q][f].value),
                    }
                })
                .collect();
            rows.sort_by(|a, b| b.index.total_cmp(&a.index).then(a.factor.cmp(&b.factor)));
            let all: Vec<u32> = (0..n as u32).collect();
            Tornado {
                side: sc.sides[s].name.clone(),
                month: t_month,
                overall: tipped(&all) as f64 / n.max(1) as f64,
                rows,
                luck: q.map(|q| luck[q]),
            }
        })
        .collect();

    GivenData {
        scenario: sc.name.clone(),
        method: "given-data",
        runs: n,
        seed,
        months: horizon,
        classes: given::classes(n),
        floor: given::floor(n),
        resamples: RESAMPLES,
        level: LEVEL,
        factors,
        outputs: infos,
        indices,
        raw,
        dummy: dummy_iv,
        top_three,
        luck,
        luck_pairs: pairs,
        by_month,
        tornado,
    }
}

impl GivenData {
    /// `sensitivity.json`.
    pub fn json(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec_pretty(self).unwrap_or_default();
        v.push(b'\n');
        v
    }

    /// `sensitivity.csv`: `method,side,metric,factor,index,lo,hi,raw,runs`, one row per output
    /// × input (the dummy last, `factor` = `dummy`), then the luck shares (`factor` = `luck`).
    pub fn csv(&self) -> Vec<u8> {
        use crate::export::fmt_val;
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(["method", "side", "metric", "factor", "index", "lo", "hi", "raw", "runs"]);
        let runs = self.runs.to_string();
        for (q, o) in self.outputs.iter().enumerate() {
            for (f, iv) in self.indices[q].iter().enumerate() {
                let _ = w.write_record([
                    self.method,
                    &o.side,
                    &o.metric,
                    &self.factors[f].path,
                    &fmt_val(iv.value),
                    &fmt_val(iv.lo),
                    &fmt_val(iv.hi),
                    &fmt_val(self.raw[q][f]),
                    &runs,
                ]);
            }
            let dm = self.dummy[q];
            let _ = w.write_record([
                self.method,
                &o.side,
                &o.metric,
                "dummy",
                &fmt_val(dm.value),
                &fmt_val(dm.lo),
                &fmt_val(dm.hi),
                "",
                &runs,
            ]);
            let l = self.luck[q];
            let pairs = self.luck_pairs.to_string();
            let _ = w.write_record([
                self.method,
                &o.side,
                &o.metric,
                "luck",
                &fmt_val(l.value),
                &fmt_val(l.lo),
                &fmt_val(l.hi),
                "",
                &pairs,
            ]);
        }
        w.into_inner().unwrap_or_default()
    }
}

/// The value of a slot's distribution at quantile `u` in (0, 1), clipped to the parameter's
/// range as draws are; a fixed slot gives its value.
pub fn quantile_of(slot: &Slot, u: f64) -> f64 {
    use statrs::distribution::{Beta, ContinuousCDF, Normal};
    let u = u.clamp(1e-9, 1.0 - 1e-9);
    let x = match &slot.param {
        Param::Fixed(x) => *x,
        Param::Dist(d) => match *d {
            Dist::Uniform { lo, hi } => lo + u * (hi - lo),
            Dist::Triangular { lo, mode, hi } => {
                let (w, left) = (hi - lo, mode - lo);
                if w <= 0.0 {
                    mode
                } else if u < left / w {
                    lo + (u * w * left).sqrt()
                } else {
                    hi - ((1.0 - u) * w * (hi - mode)).sqrt()
                }
            }
            Dist::Normal { mean, sd } => match Normal::new(mean, sd) {
                Ok(n) if sd > 0.0 => n.inverse_cdf(u),
                _ => mean,
            },
            Dist::LogNormal { median, sigma } => match Normal::new(median.ln(), sigma) {
                Ok(n) if sigma > 0.0 => n.inverse_cdf(u).exp(),
                _ => median,
            },
            Dist::Beta { a, b, lo, hi } => match Beta::new(a, b) {
                Ok(beta) => lo + (hi - lo) * beta.inverse_cdf(u),
                Err(_) => lo,
            },
        },
    };
    slot.spec.clip(x)
}

/// Which inputs a Sobol' analysis varies.
#[derive(Debug, Clone, PartialEq)]
pub struct Groups {
    /// Names, one per group.
    pub names: Vec<String>,
    /// Slot indices of each group's parameters.
    pub members: Vec<Vec<usize>>,
}

/// The designed analysis of variant 0 of `exp` over `groups` with `n` base rows.
pub fn sobol(
    exp: &Experiment<'_>,
    groups: &Groups,
    n: usize,
    seed: u64,
    progress: &mut dyn FnMut(usize),
) -> SobolModel {
    let plan = exp.plan(0);
    let sc = plan.scenario;
    let horizon = plan.steps;
    let months: Vec<usize> = MONTHS.iter().copied().filter(|&m| m <= horizon).collect();
    // Dimensions: every slot of every group, in group order.
    let slots: Vec<usize> = groups.members.iter().flatten().copied().collect();
    let mut dims_of = Vec::new();
    let mut at = 0;
    for g in &groups.members {
        dims_of.push((at..at + g.len()).collect::<Vec<_>>());
        at += g.len();
    }
    let design = Design::new(n, dims_of, seed);
    let base = plan.draw(0);
    let central: Vec<f64> =
        sc.slots.iter().zip(base).map(|(s, v)| if s.is_uncertain() { s.central() } else { v }).collect();
    let outcomes = exp.rows(0, design.rows(), progress, |r| {
        let (u, shock_run) = design.row(r);
        let mut values = central.clone();
        for (d, &slot) in slots.iter().enumerate() {
            values[slot] = quantile_of(&sc.slots[slot], u[d]);
        }
        Row { values, shock_run }
    });
    let infos = output_infos(sc, &months);
    let k = infos.len();
    let mut ys = Vec::with_capacity(outcomes.len() * k);
    for o in &outcomes {
        outputs_of(o, &months, horizon, &mut ys);
    }
    let indices = sobol::indices(&design, &ys, k, seed, LEVEL);
    SobolModel {
        scenario: sc.name.clone(),
        method: "sobol",
        base_rows: n,
        runs: design.rows(),
        seed,
        months: horizon,
        level: LEVEL,
        resamples: RESAMPLES,
        groups: groups.names.clone(),
        outputs: infos,
        indices,
    }
}

/// A Sobol' analysis of the model (`sensitivity.json` with `--method sobol`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SobolModel {
    /// Scenario name.
    pub scenario: String,
    /// `sobol`.
    pub method: &'static str,
    /// Base rows N of the design.
    pub base_rows: usize,
    /// Runs simulated, N × (groups + 3).
    pub runs: usize,
    /// Master seed (the design's scramble, the shock seeds and the bootstrap).
    pub seed: u64,
    /// Horizon, months.
    pub months: usize,
    /// Coverage of the intervals.
    pub level: f64,
    /// Bootstrap resamples (over base rows).
    pub resamples: usize,
    /// The inputs (groups of parameters; a parameter alone is a group of one).
    pub groups: Vec<String>,
    /// The outputs.
    pub outputs: Vec<OutputInfo>,
    /// Per output: the indices of every group and of luck.
    pub indices: Vec<SobolIndices>,
}

impl SobolModel {
    /// `sensitivity.json`.
    pub fn json(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec_pretty(self).unwrap_or_default();
        v.push(b'\n');
        v
    }

    /// `sensitivity.csv`: `method,side,metric,factor,first,first_lo,first_hi,total,total_lo,total_hi,runs`;
    /// the last row of each output is `luck` (the shock seed as an input).
    pub fn csv(&self) -> Vec<u8> {
        use crate::export::fmt_val;
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record([
            "method", "side", "metric", "factor", "first", "first_lo", "first_hi", "total", "total_lo", "total_hi",
            "runs",
        ]);
        let runs = self.runs.to_string();
        for (o, ix) in self.outputs.iter().zip(&self.indices) {
            let names = self.groups.iter().map(String::as_str).chain(std::iter::once("luck"));
            for (name, (s1, st)) in names.zip(ix.first.iter().zip(&ix.total)) {
                let _ = w.write_record([
                    self.method,
                    &o.side,
                    &o.metric,
                    name,
                    &fmt_val(s1.value),
                    &fmt_val(s1.lo),
                    &fmt_val(s1.hi),
                    &fmt_val(st.value),
                    &fmt_val(st.lo),
                    &fmt_val(st.hi),
                    &runs,
                ]);
            }
        }
        w.into_inner().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::ParamSpec;

    static SPEC: ParamSpec =
        ParamSpec { name: "x", unit: "u", default: 0.0, min: -100.0, max: 100.0, doc: "", source: "" };

    fn slot(d: Dist) -> Slot {
        Slot { path: "x".into(), spec: &SPEC, sampler: d.sampler(), param: Param::Dist(d) }
    }

    #[test]
    fn quantiles_invert_the_distributions() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
        assert!(close(quantile_of(&slot(Dist::Uniform { lo: 2.0, hi: 4.0 }), 0.25), 2.5));
        let tri = slot(Dist::Triangular { lo: 0.0, mode: 1.0, hi: 3.0 });
        // F(mode) = 1/3; the median lies right of the mode: 3 − √(0.5·3·2) = 3 − √3.
        assert!(close(quantile_of(&tri, 1.0 / 3.0), 1.0));
        assert!(close(quantile_of(&tri, 0.5), 3.0 - 3f64.sqrt()));
        assert!(close(quantile_of(&slot(Dist::Normal { mean: 1.0, sd: 2.0 }), 0.975), 1.0 + 2.0 * 1.959964));
        assert!(close(quantile_of(&slot(Dist::LogNormal { median: 5.0, sigma: 0.3 }), 0.5), 5.0));
        let beta = slot(Dist::Beta { a: 2.0, b: 2.0, lo: 10.0, hi: 20.0 });
        assert!(close(quantile_of(&beta, 0.5), 15.0));
        // Clipped to the range like a draw.
        assert!(close(quantile_of(&slot(Dist::Normal { mean: 99.0, sd: 10.0 }), 0.99), 100.0));
    }
}
