//! A sweep: one or two levers over a grid, every point run on the same random numbers, and
//! the metrics of every point ([`super::metrics`]) as a record and a tidy table.
//!
//! Points are ordered with the first lever outer, the second inner. Every point runs runs
//! `0..n` with the same master seed, so run *i* of every point shares its draws (of the
//! parameters the levers leave alone) and its shocks: differences between points are the
//! levers' doing, not luck's. Running is the experiment layer's ([`super::experiment`]);
//! this module builds the grid and the record and serialises it.

use super::experiment::RunOutcome;
use super::lever::{Lever, Mode};
use super::metrics::{Metrics, OUTCOME_CLASSES, metrics};
use crate::export::fmt_val;
use crate::scenario::Scenario;
use serde::Serialize;

/// What the record says about a lever.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeverInfo {
    /// Dotted path.
    pub path: String,
    /// `level` or `multiplier`.
    pub mode: &'static str,
    /// Unit of the values.
    pub unit: String,
    /// The grid values.
    pub values: Vec<f64>,
    /// The value standing for the base scenario, if there is one.
    pub baseline: Option<f64>,
}

impl LeverInfo {
    /// The record of a lever.
    pub fn of(l: &Lever) -> LeverInfo {
        LeverInfo {
            path: l.path.clone(),
            mode: if l.mode == Mode::Multiplier { "multiplier" } else { "level" },
            unit: l.unit.clone(),
            values: l.values.clone(),
            baseline: l.baseline(),
        }
    }
}

/// One grid point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// One value per lever.
    pub lever_values: Vec<f64>,
    /// Its metrics.
    pub metrics: Metrics,
}

/// A sweep's record (`sweep.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sweep {
    /// Scenario name.
    pub scenario: String,
    /// Side names, in scenario order.
    pub sides: [String; 2],
    /// Outcome class names, in the order of each point's `outcomes`.
    pub outcome_classes: Vec<String>,
    /// Runs per point.
    pub runs: usize,
    /// Master seed.
    pub seed: u64,
    /// Horizon, months.
    pub months: usize,
    /// The levers, first outer.
    pub levers: Vec<LeverInfo>,
    /// The points, first lever outer.
    pub points: Vec<Point>,
}

/// The grid: every combination of the levers' values, first lever outer.
pub fn grid(levers: &[Lever]) -> Vec<Vec<f64>> {
    let mut out: Vec<Vec<f64>> = vec![Vec::new()];
    for l in levers {
        out = out.iter().flat_map(|head| l.values.iter().map(move |&v| [head.clone(), vec![v]].concat())).collect();
    }
    out
}

impl Sweep {
    /// The record of a sweep: `base` the scenario without levers, `points` the grid and
    /// `runs[k]` the outcomes of point `k`.
    pub fn build(
        base: &Scenario,
        levers: &[Lever],
        points: &[Vec<f64>],
        runs: &[Vec<RunOutcome>],
        seed: u64,
        months: usize,
    ) -> Sweep {
        let n = runs.first().map_or(0, Vec::len);
        Sweep {
            scenario: base.name.clone(),
            sides: [base.sides[0].name.clone(), base.sides[1].name.clone()],
            outcome_classes: OUTCOME_CLASSES.iter().map(|c| c.name(&base.sides)).collect(),
            runs: n,
            seed,
            months,
            levers: levers.iter().map(LeverInfo::of).collect(),
            points: points
                .iter()
                .zip(runs)
                .map(|(v, r)| Point {
                    lever_values: v.clone(),
                    metrics: metrics(r, months, &super::metrics::TIP_MONTHS),
                })
                .collect(),
        }
    }

    /// `sweep.json`, pretty-printed, with a final newline.
    pub fn json(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec_pretty(self).unwrap_or_default();
        v.push(b'\n');
        v
    }

    /// `sweep.csv`: one row per point × side × metric, the lever values as columns:
    /// `point,<lever paths…>,side,metric,value,se`. Metrics: `tip_by_T` (share of runs in
    /// which the side judged time not on its side by month T), `restricted_mean_month`
    /// (months), and with an empty side the outcome shares `outcome_<class>`.
    pub fn csv(&self) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut head = vec!["point".to_string()];
        head.extend(self.levers.iter().map(|l| l.path.clone()));
        head.extend(["side", "metric", "value", "se"].map(String::from));
        let _ = w.write_record(&head);
        for (k, p) in self.points.iter().enumerate() {
            let mut row = |side: &str, metric: String, value: f64, se: f64| {
                let mut r = vec![k.to_string()];
                r.extend(p.lever_values.iter().map(|&v| fmt_val(v)));
                r.extend([side.to_string(), metric, fmt_val(value), fmt_val(se)]);
                let _ = w.write_record(&r);
            };
            for (s, m) in p.metrics.sides.iter().enumerate() {
                for (t, e) in m.months.iter().zip(&m.tip_by) {
                    row(&self.sides[s], format!("tip_by_{t}"), e.value, e.se);
                }
                let r = m.restricted_mean_month;
                row(&self.sides[s], "restricted_mean_month".into(), r.value, r.se);
            }
            for (name, e) in self.outcome_classes.iter().zip(&p.metrics.outcomes) {
                row("", format!("outcome_{name}"), e.value, e.se);
            }
        }
        w.into_inner().unwrap_or_default()
    }

    /// Index of the point with these lever values' positions (`i` in the first lever's
    /// values, `j` in the second's).
    pub fn at(&self, i: usize, j: usize) -> &Point {
        let inner = self.levers.get(1).map_or(1, |l| l.values.len());
        &self.points[i * inner + j]
    }
}

#[cfg(test)]
mod tests {
    use super::super::lever::parse;
    use super::*;

    #[test]
    fn the_grid_is_every_combination_first_lever_outer() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml");
        let sc = crate::scenario::load(&path, &[]).expect("loads");
        let a = parse("--vary", "paths.sanctions_intensity=0,1", &sc).unwrap();
        let b = parse("--vary", "world.circumvention=x1,x2,x3", &sc).unwrap();
        let g = grid(&[a.clone(), b]);
        assert_eq!(g.len(), 6);
        assert_eq!(g[1], vec![0.0, 2.0]);
        assert_eq!(g[3], vec![1.0, 1.0]);
        assert_eq!(grid(&[a]).len(), 2);
    }
}
