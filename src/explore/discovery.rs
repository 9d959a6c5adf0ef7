//! `sensitivity --explain EVENT`: scenario discovery on an ensemble's own draws.
//!
//! The event is read from words ("russia tips by 24", "ukraine cuts its losses by 36"); every
//! run of the ensemble says whether it happened, and [`super::prim`] finds the few parameter
//! ranges in which it happens most. This module words the box ("Ukraine's conscription at
//! least 27.9 …: 61% of such runs tip, covering 55% of all runs that do") and lays out its
//! table and JSON; the command writes them.

use super::experiment::{Drawn, RunOutcome};
use super::prim::{self, Bounds, Reproduction, Step};
use super::sensitivity::short_label;
use crate::scenario::Scenario;
use serde_json::json;
use std::fmt::Write as _;

/// What happens in a run, as `--explain` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    /// Side index.
    pub side: usize,
    /// "Would cut its losses" rather than "time is not on its side".
    pub cut: bool,
    /// By this month (inclusive).
    pub month: usize,
}

impl Event {
    /// Whether the event happened in run `o`.
    pub fn happened(&self, o: &RunOutcome) -> bool {
        let m = if self.cut { o.cut[self.side] } else { o.tip[self.side] };
        m.is_some_and(|m| usize::from(m) <= self.month)
    }

    /// The event in words, with the side's label.
    pub fn describe(&self, sc: &Scenario) -> String {
        let what = if self.cut { "would cut its losses" } else { "judges time is not on its side" };
        format!("{} {what} by month {}", sc.sides[self.side].label, self.month)
    }

    /// The verb for "such runs …".
    fn verb(&self) -> &'static str {
        if self.cut { "cut losses" } else { "tip" }
    }
}

/// Parse `"SIDE tips by M"` or `"SIDE cuts its losses by M"` (side by name or label,
/// case-insensitive; `M` a month within `horizon`).
pub fn parse_event(s: &str, sc: &Scenario, horizon: usize) -> Result<Event, String> {
    const FORM: &str = "write \"SIDE tips by MONTH\" or \"SIDE cuts its losses by MONTH\", e.g. \"russia tips by 24\"";
    let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
    let (side, cut, month) = match words.as_slice() {
        [side, tips, by, m] if tips == "tips" && by == "by" => (side, false, m),
        [side, cuts, its, losses, by, m] if cuts == "cuts" && its == "its" && losses == "losses" && by == "by" => {
            (side, true, m)
        }
        _ => return Err(format!("--explain `{s}`: {FORM}")),
    };
    let side =
        sc.sides.iter().position(|x| x.name.to_lowercase() == *side || x.label.to_lowercase() == *side).ok_or_else(
            || {
                format!(
                    "--explain `{s}`: `{side}` is not a side: the sides are {} and {}",
                    sc.sides[0].name, sc.sides[1].name
                )
            },
        )?;
    let month: usize =
        month.parse().ok().filter(|m| (1..=horizon).contains(m)).ok_or_else(|| {
            format!("--explain `{s}`: the month must be a whole number from 1 to the horizon, {horizon}")
        })?;
    Ok(Event { side, cut, month })
}

/// The box found for an event, with its trajectory and its check on half-samples.
#[derive(Debug, Clone)]
pub struct Discovery {
    /// The event.
    pub event: Event,
    /// The event in words.
    pub event_text: String,
    /// Runs analysed.
    pub runs: usize,
    /// Share of runs in which the event happened.
    pub base_rate: f64,
    /// The parameters' paths, in column order.
    pub paths: Vec<String>,
    /// The peeling trajectory.
    pub trajectory: Vec<Step>,
    /// The reported box.
    pub bounds: Bounds,
    /// Its statistics on all runs.
    pub stats: prim::Stats,
    /// The half-sample check.
    pub reproduction: Reproduction,
}

/// Scenario discovery for `event` on the ensemble's draws.
pub fn discover(sc: &Scenario, drawn: &Drawn, event: Event, seed: u64) -> Discovery {
    let xs: Vec<Vec<f64>> = (0..drawn.columns).map(|j| drawn.column(j)).collect();
    let y: Vec<bool> = drawn.outcomes.iter().map(|o| event.happened(o)).collect();
    let rows: Vec<usize> = (0..y.len()).collect();
    let (trajectory, bounds) = prim::discover(&xs, &y, &rows);
    let stats = prim::stats(&xs, &y, &rows, &bounds);
    let reproduction = prim::reproduce(&xs, &y, seed);
    Discovery {
        event,
        event_text: event.describe(sc),
        runs: y.len(),
        base_rate: y.iter().filter(|&&h| h).count() as f64 / y.len().max(1) as f64,
        paths: sc.uncertain_slots().map(|(_, s)| s.path.clone()).collect(),
        trajectory,
        bounds,
        stats,
        reproduction,
    }
}

/// Three significant figures or so: whole numbers from 100 up, one decimal from 10, two below.
fn num(x: f64) -> String {
    let r = if x.abs() >= 100.0 {
        x.round()
    } else if x.abs() >= 10.0 {
        (x * 10.0).round() / 10.0
    } else {
        (x * 100.0).round() / 100.0
    };
    super::lever::fmt_short(r)
}

fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

impl Discovery {
    /// One restriction in words: "PATH at least A", "at most B" or "between A and B".
    fn restriction(&self, j: usize) -> String {
        let (lo, hi) = (self.bounds.lo[j], self.bounds.hi[j]);
        let name = short_label(&self.paths[j]);
        match (lo.is_finite(), hi.is_finite()) {
            (true, true) => format!("{name} between {} and {}", num(lo), num(hi)),
            (true, false) => format!("{name} at least {}", num(lo)),
            _ => format!("{name} at most {}", num(hi)),
        }
    }

    /// The printed explanation.
    pub fn text(&self) -> String {
        let mut t = String::new();
        let _ = writeln!(
            t,
            "\nScenario discovery (PRIM): when does it happen that {}? ({} of {} runs)",
            self.event_text,
            pct(self.base_rate),
            self.runs
        );
        let restricted = self.bounds.restricted();
        if restricted.is_empty() || self.base_rate == 0.0 {
            let _ = writeln!(
                t,
                "  No parameter range makes it clearly more likely: it depends on the run's luck more than on any one assumption."
            );
        } else {
            let words: Vec<String> = restricted.iter().map(|&j| self.restriction(j)).collect();
            let _ = writeln!(
                t,
                "  In runs with {}: {} of them {}, against {} of all runs; the box holds {} runs ({}) and covers {} of the runs that {}.",
                words.join(" and "),
                pct(self.stats.density),
                self.event.verb(),
                pct(self.base_rate),
                self.stats.n,
                pct(self.stats.support),
                pct(self.stats.coverage),
                self.event.verb()
            );
        }
        let r = &self.reproduction;
        let often: Vec<String> = (0..self.paths.len())
            .filter(|&j| r.restricted_share[j] >= 0.25)
            .map(|j| format!("{} {}", short_label(&self.paths[j]), pct(r.restricted_share[j])))
            .collect();
        let (d_lo, d_hi) = super::bootstrap::interval(&r.held_out_density, 0.9);
        let (c_lo, c_hi) = super::bootstrap::interval(&r.held_out_coverage, 0.9);
        let _ = writeln!(
            t,
            "  Half-samples ({}): parameters restricted in at least a quarter of them: {}; a half's box on the other half: density {}–{}, coverage {}–{} (90% of halves).",
            r.halves,
            if often.is_empty() { "none".to_string() } else { often.join(", ") },
            pct(d_lo),
            pct(d_hi),
            pct(c_lo),
            pct(c_hi)
        );
        let _ = writeln!(
            t,
            "  The box is the densest on the peeling trajectory that still covers half of those runs, pasted and pruned (explain.csv has the trajectory)."
        );
        t
    }

    /// The peeling trajectory as a table: step, support, coverage, density, parameters restricted.
    pub fn csv(&self) -> Vec<u8> {
        let mut s = String::from("step,support,coverage,density,restricted\n");
        for (k, st) in self.trajectory.iter().enumerate() {
            let names: Vec<String> = st.bounds.restricted().iter().map(|&j| short_label(&self.paths[j])).collect();
            let _ = writeln!(
                s,
                "{k},{:.6},{:.6},{:.6},{}",
                st.stats.support,
                st.stats.coverage,
                st.stats.density,
                names.join(" ")
            );
        }
        s.into_bytes()
    }

    /// The box, its statistics and the half-sample check as JSON.
    pub fn json(&self) -> serde_json::Value {
        let bound = |x: f64| if x.is_finite() { json!(x) } else { serde_json::Value::Null };
        json!({
            "event": self.event_text,
            "method": "PRIM (Friedman and Fisher 1999): peeling, pasting, pruning",
            "alpha": prim::ALPHA,
            "min_support": prim::MIN_SUPPORT,
            "min_coverage": prim::MIN_COVERAGE,
            "runs": self.runs,
            "base_rate": self.base_rate,
            "box": self.bounds.restricted().iter().map(|&j| json!({
                "path": self.paths[j],
                "min": bound(self.bounds.lo[j]),
                "max": bound(self.bounds.hi[j]),
            })).collect::<Vec<_>>(),
            "runs_in_box": self.stats.n,
            "support": self.stats.support,
            "coverage": self.stats.coverage,
            "density": self.stats.density,
            "half_samples": {
                "halves": self.reproduction.halves,
                "restricted_share": self.paths.iter().zip(&self.reproduction.restricted_share)
                    .map(|(p, s)| json!({"path": p, "share": s})).collect::<Vec<_>>(),
                "held_out_density": self.reproduction.held_out_density,
                "held_out_coverage": self.reproduction.held_out_coverage,
            },
        })
    }
}
