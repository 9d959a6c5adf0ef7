//! Levers: `PATH=SPEC` arguments of `sweep` and `seek`, and the scenario variants they make.
//!
//! A lever is a scenario parameter (any slot, e.g. `sides.russia.manpower.pool_k`) or a time
//! path (`paths.sanctions_intensity`, `paths.oil_usd_bbl`). Its values are written as
//!
//! - a list: `0,0.2,0.5`;
//! - a range with a count of evenly spaced points: `0..1:11`;
//! - multipliers on what the scenario holds, as a list or a range: `x0.5,x1,x2`, `x0.5..x2:7`.
//!   A multiplier scales a number, every number of a distribution that moves with the value
//!   (a triangular's three, a uniform's two, a normal's mean and sd, a lognormal's median, a
//!   beta's bounds), or every value of a time path.
//!
//! A plain value sets a parameter to that number (replacing a distribution) and a time path to
//! that level for the whole run. Each value becomes a `--set` argument ([`Lever::set_arg`]) that
//! [`crate::scenario::load`] applies and validates like any other, so a value outside the
//! parameter's range fails with the same located message. What this module checks itself: the
//! syntax, that the path is a lever, that the grid is not empty. Errors are [`LeverError`]s,
//! which the CLI maps to exit code 2.

use crate::params::{Dist, Param, fmt_num};
use crate::scenario::Scenario;
use crate::scenario::overrides::closest;

/// The time paths a lever may vary.
pub const PATH_LEVERS: [&str; 2] = ["paths.sanctions_intensity", "paths.oil_usd_bbl"];

/// A lever specification that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{arg}: {message}")]
pub struct LeverError {
    /// The argument as written, with its flag (e.g. `--vary paths.x=0..1:5`).
    pub arg: String,
    /// What is wrong and what is allowed.
    pub message: String,
}

/// How values are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Values are set as written.
    Level,
    /// Values multiply what the scenario holds.
    Multiplier,
}

/// What a lever acts on.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A parameter slot, as the scenario writes it.
    Param(Param),
    /// A time path: its points (step, value).
    Path(Vec<(f64, f64)>),
}

/// A parsed lever: a path, a mode, the grid of values and what the scenario holds there.
#[derive(Debug, Clone, PartialEq)]
pub struct Lever {
    /// The argument as written (for messages), with its flag.
    pub arg: String,
    /// Dotted path.
    pub path: String,
    /// Level or multiplier.
    pub mode: Mode,
    /// The values (levels or multipliers), in the order written.
    pub values: Vec<f64>,
    /// What the base scenario holds at the path.
    pub target: Target,
    /// The unit of the parameter (or "multiplier").
    pub unit: String,
}

/// Parse `PATH=SPEC` against the base scenario. `flag` is the option's name for messages
/// (`--vary`, `--lever`).
pub fn parse(flag: &str, arg: &str, base: &Scenario) -> Result<Lever, LeverError> {
    let full = format!("{flag} {arg}");
    let err = |m: String| LeverError { arg: full.clone(), message: m };
    let Some((path, spec)) = arg.split_once('=') else {
        return Err(err("expected PATH=VALUES, e.g. paths.sanctions_intensity=0..1:11".into()));
    };
    let path = path.trim().to_string();
    let (target, unit) = if let Some(slot) = base.slots.iter().find(|s| s.path == path) {
        (Target::Param(slot.param.clone()), slot.spec.unit.to_string())
    } else if PATH_LEVERS.contains(&path.as_str()) {
        let p = if path == PATH_LEVERS[0] { &base.sanctions_path } else { &base.oil_path };
        let unit = if path == PATH_LEVERS[0] { "intensity, 0-1" } else { "USD per barrel" };
        (Target::Path(p.points().to_vec()), unit.to_string())
    } else {
        let mut known: Vec<String> = base.slots.iter().map(|s| s.path.clone()).collect();
        known.extend(PATH_LEVERS.iter().map(|s| s.to_string()));
        return Err(err(format!(
            "`{path}` is not a lever: give a parameter's path or one of {}; the closest are: {}",
            PATH_LEVERS.join(", "),
            closest(&known, &path, 3).join(", ")
        )));
    };
    let (mode, values) = parse_values(spec.trim()).map_err(err)?;
    let unit = if mode == Mode::Multiplier { "multiplier".to_string() } else { unit };
    Ok(Lever { arg: full, path, mode, values, target, unit })
}

/// Parse the values: a list or `A..B:N`, every item plain or every item with an `x`.
pub fn parse_values(spec: &str) -> Result<(Mode, Vec<f64>), String> {
    const HELP: &str = "write a list (0,0.2,0.5), a range with a count (0..1:11) or multipliers (x0.5..x2:7)";
    if spec.is_empty() {
        return Err(format!("no values: {HELP}"));
    }
    let item = |s: &str| -> Result<(bool, f64), String> {
        let s = s.trim();
        let (mult, num) = match s.strip_prefix('x').or_else(|| s.strip_prefix('×')) {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let x: f64 = num.trim().parse().map_err(|_| format!("`{s}` is not a number: {HELP}"))?;
        if !x.is_finite() {
            return Err(format!("`{s}` is not a finite number"));
        }
        if mult && x < 0.0 {
            return Err(format!("multiplier `{s}` is negative: must be ≥ 0"));
        }
        Ok((mult, x))
    };
    let items: Vec<(bool, f64)> = if let Some((range, count)) = spec.split_once(':') {
        let Some((a, b)) = range.split_once("..") else {
            return Err(format!("`{spec}`: a count needs a range A..B before it; {HELP}"));
        };
        let n: usize = count.trim().parse().map_err(|_| format!("`{count}` is not a whole number of points"))?;
        if n == 0 {
            return Err("the grid is empty: a range needs at least 1 point".into());
        }
        if n > 1000 {
            return Err(format!("{n} points: at most 1000"));
        }
        let (a, b) = (item(a)?, item(b)?);
        if a.0 != b.0 {
            return Err(format!("`{spec}`: both ends must be multipliers (x…) or neither"));
        }
        let values =
            if n == 1 { vec![a.1] } else { (0..n).map(|i| a.1 + (b.1 - a.1) * i as f64 / (n - 1) as f64).collect() };
        values.into_iter().map(|v| (a.0, v)).collect()
    } else if spec.contains("..") {
        return Err(format!("`{spec}`: a range needs a count of points, e.g. {spec}:11"));
    } else {
        spec.split(',').map(item).collect::<Result<_, _>>()?
    };
    let mult = items[0].0;
    if items.iter().any(|i| i.0 != mult) {
        return Err(format!("`{spec}`: every value must be a multiplier (x…) or none"));
    }
    Ok((if mult { Mode::Multiplier } else { Mode::Level }, items.into_iter().map(|i| i.1).collect()))
}

fn scale_dist(d: &Dist, m: f64) -> Dist {
    match *d {
        Dist::Normal { mean, sd } => Dist::Normal { mean: mean * m, sd: sd * m },
        Dist::LogNormal { median, sigma } => Dist::LogNormal { median: median * m, sigma },
        Dist::Uniform { lo, hi } => Dist::Uniform { lo: lo * m, hi: hi * m },
        Dist::Triangular { lo, mode, hi } => Dist::Triangular { lo: lo * m, mode: mode * m, hi: hi * m },
        Dist::Beta { a, b, lo, hi } => Dist::Beta { a, b, lo: lo * m, hi: hi * m },
    }
}

fn path_value(points: &[(f64, f64)]) -> String {
    let pts: Vec<String> = points.iter().map(|(t, v)| format!("[{}, {}]", fmt_num(*t), fmt_num(*v))).collect();
    format!("[{}]", pts.join(", "))
}

impl Lever {
    /// The `--set` argument that applies value `v` (a level or a multiplier, as the lever's mode).
    pub fn set_arg(&self, v: f64) -> String {
        let value = match (&self.target, self.mode) {
            (Target::Param(_), Mode::Level) => fmt_num(v),
            (Target::Param(Param::Fixed(x)), Mode::Multiplier) => fmt_num(x * v),
            (Target::Param(Param::Dist(d)), Mode::Multiplier) => Param::Dist(scale_dist(d, v)).render(),
            (Target::Path(_), Mode::Level) => path_value(&[(0.0, v)]),
            (Target::Path(p), Mode::Multiplier) => path_value(&p.iter().map(|&(t, x)| (t, x * v)).collect::<Vec<_>>()),
        };
        format!("{}={value}", self.path)
    }

    /// The value that stands for the base scenario: 1 for a multiplier; the parameter's
    /// central value, or the path's level if it is constant, for a level (`None` for a path
    /// that changes over time).
    pub fn baseline(&self) -> Option<f64> {
        match (&self.target, self.mode) {
            (_, Mode::Multiplier) => Some(1.0),
            (Target::Param(Param::Fixed(x)), _) => Some(*x),
            (Target::Param(Param::Dist(d)), _) => Some(d.center()),
            (Target::Path(p), _) => {
                let first = p.first()?.1;
                p.iter().all(|(_, v)| (v - first).abs() < 1e-12).then_some(first)
            }
        }
    }

    /// A short label of a value: `0.6` or `×1.5`.
    pub fn label(&self, v: f64) -> String {
        match self.mode {
            Mode::Level => fmt_short(v),
            Mode::Multiplier => format!("×{}", fmt_short(v)),
        }
    }
}

/// A number with at most 4 significant decimals and no trailing zeros.
pub fn fmt_short(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// Load the base scenario with `set` and the lever settings `levers` (path=value `--set`
/// arguments); a lever value the scenario rejects is reported as the lever's error, with the
/// scenario's own located message.
pub fn load_variant(file: &std::path::Path, set: &[String], levers: &[(&Lever, f64)]) -> Result<Scenario, LeverError> {
    load_variant_with(file, set, &crate::scenario::Flags::default(), levers)
}

/// [`load_variant`] with the flags that set scenario values (`--runs`, `--seed`, `--months`),
/// checked with each variant as with the base scenario.
pub fn load_variant_with(
    file: &std::path::Path,
    set: &[String],
    flags: &crate::scenario::Flags,
    levers: &[(&Lever, f64)],
) -> Result<Scenario, LeverError> {
    let mut all = set.to_vec();
    all.extend(levers.iter().map(|(l, v)| l.set_arg(*v)));
    crate::scenario::load_with(file, &all, flags).map_err(|e| {
        let (l, v) = levers
            .iter()
            .find(|(l, v)| e.to_string().contains(&l.set_arg(*v)))
            .or(levers.first())
            .copied()
            .map(|(l, v)| (l.arg.clone(), l.label(v)))
            .unwrap_or_default();
        LeverError { arg: l, message: format!("at {v}: {e}") }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn baseline() -> Scenario {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml");
        crate::scenario::load(&path, &[]).expect("the baseline loads")
    }

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12)
    }

    #[test]
    fn lists_ranges_and_multipliers_parse() {
        let (m, v) = parse_values("0,0.2,0.5").unwrap();
        assert_eq!(m, Mode::Level);
        assert!(close(&v, &[0.0, 0.2, 0.5]));
        let (m, v) = parse_values("0..1:5").unwrap();
        assert_eq!(m, Mode::Level);
        assert!(close(&v, &[0.0, 0.25, 0.5, 0.75, 1.0]));
        let (m, v) = parse_values("x0.5..x2:4").unwrap();
        assert_eq!(m, Mode::Multiplier);
        assert!(close(&v, &[0.5, 1.0, 1.5, 2.0]));
        assert!(close(&parse_values("1..0:3").unwrap().1, &[1.0, 0.5, 0.0]));
    }

    #[test]
    fn bad_specs_say_what_is_allowed() {
        assert!(parse_values("0..1:0").unwrap_err().contains("empty"));
        assert!(parse_values("0..1").unwrap_err().contains("needs a count"));
        assert!(parse_values("x1,2").unwrap_err().contains("multiplier"));
        assert!(parse_values("a,b").unwrap_err().contains("not a number"));
        assert!(parse_values("").unwrap_err().contains("no values"));
        assert!(parse_values("x-1").unwrap_err().contains("negative"));
    }

    #[test]
    fn unknown_paths_name_the_closest_levers() {
        let sc = baseline();
        let e = parse("--vary", "sides.russia.manpower.pool=1..2:3", &sc).unwrap_err();
        assert!(e.to_string().starts_with("--vary sides.russia.manpower.pool=1..2:3: `sides.russia.manpower.pool`"));
        assert!(e.message.contains("sides.russia.manpower.pool_k"), "{e}");
        assert!(parse("--vary", "scenario.seed=1,2", &sc).is_err());
    }

    #[test]
    fn multipliers_scale_distributions_and_paths() {
        let sc = baseline();
        let l = parse("--vary", "sides.russia.manpower.pool_k=x0.5,x2", &sc).unwrap();
        assert_eq!(l.set_arg(2.0), "sides.russia.manpower.pool_k={ triangular = [3000, 4400, 6000] }");
        assert_eq!(l.baseline(), Some(1.0));
        let l = parse("--vary", "paths.sanctions_intensity=x0.5", &sc).unwrap();
        assert_eq!(l.set_arg(0.5), "paths.sanctions_intensity=[[0, 0.3], [60, 0.3]]");
        let l = parse("--vary", "paths.sanctions_intensity=0..1:3", &sc).unwrap();
        assert_eq!(l.set_arg(0.5), "paths.sanctions_intensity=[[0, 0.5]]");
        assert_eq!(l.baseline(), Some(0.6));
        assert_eq!(l.label(0.5), "0.5");
    }

    #[test]
    fn values_outside_the_range_fail_as_set_does() {
        let sc = baseline();
        let l = parse("--vary", "paths.sanctions_intensity=0..2:3", &sc).unwrap();
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml");
        assert!(load_variant(&file, &[], &[(&l, 0.5)]).is_ok());
        let e = load_variant(&file, &[], &[(&l, 2.0)]).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with("--vary paths.sanctions_intensity=0..2:3: at 2: --set paths.sanctions_intensity"),
            "{msg}"
        );
        assert!(msg.contains("out of range"), "{msg}");
    }
}
