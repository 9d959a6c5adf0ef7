//! Uncertain numeric parameters: a fixed number or a distribution, with a declared valid range.
//!
//! A scenario file may give any scalar parameter as a plain number (`pool_k = 1200`) or as a
//! distribution table (`pool_k = { triangular = [900, 1200, 1600] }`). A distribution is
//! **drawn once per run** and the draw is clipped to the parameter's valid range. Month-to-month
//! randomness is not written this way: it is declared by parameters whose name ends in
//! `_shock` (the standard deviation of a per-step multiplicative shock), which may themselves
//! be distributions. This module only knows how to parse, check and sample one parameter; the
//! [`param_group!`](crate::param_group) macro builds typed groups of them, and
//! [`super::layout`] decides where each group lives in a scenario's slots.

use rand_distr::{Beta, Distribution, LogNormal, Normal, Triangular, Uniform};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The static description of one scalar parameter: what it means, its unit, its default,
/// the range a value or a draw must lie in, and where the default comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    /// The key in the scenario file (snake_case, unit as suffix where there is one).
    pub name: &'static str,
    /// The unit, in words ("thousand persons", "share of GDP, 0-1", ...).
    pub unit: &'static str,
    /// The value used when the scenario file does not give one.
    pub default: f64,
    /// Smallest allowed value (inclusive); draws are clipped up to it.
    pub min: f64,
    /// Largest allowed value (inclusive); draws are clipped down to it.
    pub max: f64,
    /// One sentence on what the parameter means.
    pub doc: &'static str,
    /// Where the default comes from: a data row, the essay, or "assumption: why".
    pub source: &'static str,
}

impl ParamSpec {
    /// Human-readable statement of the valid range, e.g. `must be ≥ 0`.
    pub fn allowed(&self) -> String {
        match (self.min.is_finite(), self.max.is_finite()) {
            (true, true) => format!("must be between {} and {}", fmt_num(self.min), fmt_num(self.max)),
            (true, false) => format!("must be ≥ {}", fmt_num(self.min)),
            (false, true) => format!("must be ≤ {}", fmt_num(self.max)),
            (false, false) => "must be a finite number".to_string(),
        }
    }

    /// Why a fixed value `x` outside the range is rejected: the violated bound first (what to
    /// change), then the whole range with its unit, e.g.
    /// `-5 is out of range: must be ≥ 0 (valid range: 0 to 100000, thousand persons)`.
    pub fn out_of_range(&self, x: f64) -> String {
        let bound = if !x.is_finite() {
            "must be a finite number".to_string()
        } else if x < self.min {
            format!("must be ≥ {}", fmt_num(self.min))
        } else {
            format!("must be ≤ {}", fmt_num(self.max))
        };
        let range = match (self.min.is_finite(), self.max.is_finite()) {
            (true, true) => format!(" (valid range: {} to {}, {})", fmt_num(self.min), fmt_num(self.max), self.unit),
            _ => format!(" ({})", self.unit),
        };
        format!("{} is out of range: {bound}{range}", fmt_num(x))
    }

    /// Whether `x` lies in the valid range.
    pub fn contains(&self, x: f64) -> bool {
        x.is_finite() && x >= self.min && x <= self.max
    }

    /// Clip `x` into the valid range.
    pub fn clip(&self, x: f64) -> f64 {
        if x.is_nan() { self.default } else { x.clamp(self.min, self.max) }
    }
}

/// Format a number the way a user wrote it: integers without a trailing `.0`.
///
/// Magnitudes from 10^15 up and below 10^-6 are written in scientific notation (`1e300`, not
/// a 301-digit number).
pub fn fmt_num(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else if x.is_finite() && x != 0.0 && (x.abs() >= 1e15 || x.abs() < 1e-6) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// A probability distribution as written in a scenario file (fields as in the file's array).
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
pub enum Dist {
    /// `{ normal = [mean, sd] }`.
    Normal { mean: f64, sd: f64 },
    /// `{ lognormal = [median, sigma] }`: `ln X ~ N(ln median, sigma)`.
    LogNormal { median: f64, sigma: f64 },
    /// `{ uniform = [lo, hi] }`.
    Uniform { lo: f64, hi: f64 },
    /// `{ triangular = [lo, mode, hi] }`.
    Triangular { lo: f64, mode: f64, hi: f64 },
    /// `{ beta = [a, b] }` on [0, 1], or `{ beta = [a, b, lo, hi] }` rescaled to [lo, hi].
    Beta { a: f64, b: f64, lo: f64, hi: f64 },
}

/// The names of the distribution families, as written in a file.
pub const DIST_NAMES: &[&str] = &["normal", "lognormal", "uniform", "triangular", "beta"];

impl Dist {
    fn from_parts(kind: &str, v: &[f64]) -> Result<Dist, String> {
        let want = |n: usize, shape: &str| -> Result<(), String> {
            if v.len() == n { Ok(()) } else { Err(format!("`{kind}` takes {n} numbers {shape}, got {}", v.len())) }
        };
        match kind {
            "normal" => {
                want(2, "[mean, sd]")?;
                Ok(Dist::Normal { mean: v[0], sd: v[1] })
            }
            "lognormal" => {
                want(2, "[median, sigma]")?;
                Ok(Dist::LogNormal { median: v[0], sigma: v[1] })
            }
            "uniform" => {
                want(2, "[lo, hi]")?;
                Ok(Dist::Uniform { lo: v[0], hi: v[1] })
            }
            "triangular" => {
                want(3, "[lo, mode, hi]")?;
                Ok(Dist::Triangular { lo: v[0], mode: v[1], hi: v[2] })
            }
            "beta" => match v.len() {
                2 => Ok(Dist::Beta { a: v[0], b: v[1], lo: 0.0, hi: 1.0 }),
                4 => Ok(Dist::Beta { a: v[0], b: v[1], lo: v[2], hi: v[3] }),
                n => Err(format!("`beta` takes [a, b] or [a, b, lo, hi], got {n} numbers")),
            },
            other => Err(format!("unknown distribution `{other}`: expected one of {}", DIST_NAMES.join(", "))),
        }
    }

    /// The family name as written in a file.
    pub fn kind(&self) -> &'static str {
        match self {
            Dist::Normal { .. } => "normal",
            Dist::LogNormal { .. } => "lognormal",
            Dist::Uniform { .. } => "uniform",
            Dist::Triangular { .. } => "triangular",
            Dist::Beta { .. } => "beta",
        }
    }

    // Exact comparison on purpose: only the unscaled form `[a, b]` (lo 0, hi 1 as parsed)
    // is written back without its bounds.
    #[allow(clippy::float_cmp)]
    fn numbers(&self) -> Vec<f64> {
        match *self {
            Dist::Normal { mean, sd } => vec![mean, sd],
            Dist::LogNormal { median, sigma } => vec![median, sigma],
            Dist::Uniform { lo, hi } => vec![lo, hi],
            Dist::Triangular { lo, mode, hi } => vec![lo, mode, hi],
            Dist::Beta { a, b, lo, hi } if lo == 0.0 && hi == 1.0 => vec![a, b],
            Dist::Beta { a, b, lo, hi } => vec![a, b, lo, hi],
        }
    }

    /// Check the distribution's own parameters (not the parameter's range). Returns a
    /// message that says what is allowed.
    pub fn check(&self) -> Result<(), String> {
        if self.numbers().iter().any(|x| !x.is_finite()) {
            return Err(format!("{} parameters must be finite numbers", self.kind()));
        }
        match *self {
            Dist::Normal { sd, .. } if sd < 0.0 => Err(format!("normal sd is {}: must be ≥ 0", fmt_num(sd))),
            Dist::LogNormal { median, .. } if median <= 0.0 => {
                Err(format!("lognormal median is {}: must be > 0", fmt_num(median)))
            }
            Dist::LogNormal { sigma, .. } if sigma < 0.0 => {
                Err(format!("lognormal sigma is {}: must be ≥ 0", fmt_num(sigma)))
            }
            Dist::Uniform { lo, hi } if lo > hi => {
                Err(format!("uniform needs lo ≤ hi, got [{}, {}]", fmt_num(lo), fmt_num(hi)))
            }
            Dist::Triangular { lo, mode, hi } if !(lo <= mode && mode <= hi) => Err(format!(
                "triangular needs lo ≤ mode ≤ hi, got [{}, {}, {}]",
                fmt_num(lo),
                fmt_num(mode),
                fmt_num(hi)
            )),
            Dist::Beta { a, b, .. } if a <= 0.0 || b <= 0.0 => {
                Err(format!("beta needs a > 0 and b > 0, got [{}, {}]", fmt_num(a), fmt_num(b)))
            }
            Dist::Beta { lo, hi, .. } if lo > hi => {
                Err(format!("beta needs lo ≤ hi, got lo {} and hi {}", fmt_num(lo), fmt_num(hi)))
            }
            _ => Ok(()),
        }
    }

    /// A central value: the mean (normal, uniform, triangular, beta) or the median (lognormal).
    pub fn center(&self) -> f64 {
        match *self {
            Dist::Normal { mean, .. } => mean,
            Dist::LogNormal { median, .. } => median,
            Dist::Uniform { lo, hi } => 0.5 * (lo + hi),
            Dist::Triangular { lo, mode, hi } => (lo + mode + hi) / 3.0,
            Dist::Beta { a, b, lo, hi } => lo + (hi - lo) * a / (a + b),
        }
    }

    /// Build the sampler. Call only after [`Dist::check`] succeeded.
    pub fn sampler(&self) -> Sampler {
        match *self {
            Dist::Normal { mean, sd } => match Normal::new(mean, sd) {
                Ok(n) if sd > 0.0 => Sampler::Normal(n),
                _ => Sampler::Fixed(mean),
            },
            Dist::LogNormal { median, sigma } => match LogNormal::new(median.ln(), sigma) {
                Ok(n) if sigma > 0.0 => Sampler::LogNormal(n),
                _ => Sampler::Fixed(median),
            },
            Dist::Uniform { lo, hi } => match Uniform::new_inclusive(lo, hi) {
                Ok(u) if hi > lo => Sampler::Uniform(u),
                _ => Sampler::Fixed(lo),
            },
            Dist::Triangular { lo, mode, hi } => match Triangular::new(lo, hi, mode) {
                Ok(t) if hi > lo => Sampler::Triangular(t),
                _ => Sampler::Fixed(mode),
            },
            Dist::Beta { a, b, lo, hi } => match Beta::new(a, b) {
                Ok(d) => Sampler::Beta(d, lo, hi),
                Err(_) => Sampler::Fixed(lo),
            },
        }
    }
}

/// A ready-to-draw distribution (degenerate ones collapse to a fixed value).
#[derive(Debug, Clone)]
pub enum Sampler {
    /// No randomness.
    Fixed(f64),
    /// Normal.
    Normal(Normal<f64>),
    /// Log-normal.
    LogNormal(LogNormal<f64>),
    /// Uniform on a closed interval.
    Uniform(Uniform<f64>),
    /// Triangular.
    Triangular(Triangular<f64>),
    /// Beta on [0, 1] rescaled to [lo, hi].
    Beta(Beta<f64>, f64, f64),
}

impl Sampler {
    /// Draw one value.
    pub fn draw<R: rand::Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            Sampler::Fixed(x) => *x,
            Sampler::Normal(d) => d.sample(rng),
            Sampler::LogNormal(d) => d.sample(rng),
            Sampler::Uniform(d) => d.sample(rng),
            Sampler::Triangular(d) => d.sample(rng),
            Sampler::Beta(d, lo, hi) => lo + (hi - lo) * d.sample(rng),
        }
    }

    /// Whether this sampler is random at all.
    pub fn is_random(&self) -> bool {
        !matches!(self, Sampler::Fixed(_))
    }
}

/// A scalar parameter as written: a number or a distribution.
#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    /// A fixed number.
    Fixed(f64),
    /// Drawn once per run.
    Dist(Dist),
}

impl Param {
    /// A short rendering for messages: `5` or `{ normal = [1, 0.2] }`.
    pub fn render(&self) -> String {
        match self {
            Param::Fixed(x) => fmt_num(*x),
            Param::Dist(d) => {
                let nums: Vec<String> = d.numbers().into_iter().map(fmt_num).collect();
                format!("{{ {} = [{}] }}", d.kind(), nums.join(", "))
            }
        }
    }
}

impl Serialize for Param {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Param::Fixed(x) => s.serialize_f64(*x),
            Param::Dist(d) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry(d.kind(), &d.numbers())?;
                m.end()
            }
        }
    }
}

const EXPECTING: &str = "a number or a distribution table such as { normal = [mean, sd] }, \
{ lognormal = [median, sigma] }, { uniform = [lo, hi] }, { triangular = [lo, mode, hi] } or { beta = [a, b] }";

impl<'de> Deserialize<'de> for Param {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Param;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTING)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Param, E> {
                Ok(Param::Fixed(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Param, E> {
                Ok(Param::Fixed(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Param, E> {
                if v.is_finite() { Ok(Param::Fixed(v)) } else { Err(E::custom(format!("{v} is not a finite number"))) }
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Param, A::Error> {
                let Some(kind) = map.next_key::<String>()? else {
                    return Err(de::Error::custom(format!("empty table: expected {EXPECTING}")));
                };
                if !DIST_NAMES.contains(&kind.as_str()) {
                    return Err(de::Error::custom(format!(
                        "unknown distribution `{kind}`: expected one of {}",
                        DIST_NAMES.join(", ")
                    )));
                }
                let nums: Vec<f64> = map.next_value()?;
                if let Some(extra) = map.next_key::<String>()? {
                    return Err(de::Error::custom(format!(
                        "a distribution table has exactly one key, found `{kind}` and `{extra}`"
                    )));
                }
                let dist = Dist::from_parts(&kind, &nums).map_err(de::Error::custom)?;
                dist.check().map_err(de::Error::custom)?;
                Ok(Param::Dist(dist))
            }
        }
        d.deserialize_any(V)
    }
}

/// One scalar slot of a validated scenario: its full dotted path, its spec, and how to get a
/// value for a run.
#[derive(Debug, Clone)]
pub struct Slot {
    /// Full dotted path, e.g. `sides.russia.manpower.pool_k`.
    pub path: String,
    /// The parameter's static description.
    pub spec: &'static ParamSpec,
    /// As written (or the default).
    pub param: Param,
    /// Ready-to-draw form of `param`.
    pub sampler: Sampler,
}

impl Slot {
    /// Draw a value for one run, clipped to the valid range.
    pub fn draw<R: rand::Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        self.spec.clip(self.sampler.draw(rng))
    }

    /// Whether the value varies between runs.
    pub fn is_uncertain(&self) -> bool {
        self.sampler.is_random()
    }

    /// The value for a run without randomness (the fixed value or the distribution's centre).
    pub fn central(&self) -> f64 {
        match &self.param {
            Param::Fixed(x) => *x,
            Param::Dist(d) => self.spec.clip(d.center()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Param, String> {
        #[derive(Deserialize)]
        struct W {
            x: Param,
        }
        toml::from_str::<W>(&format!("x = {s}")).map(|w| w.x).map_err(|e| e.message().to_string())
    }

    #[test]
    fn numbers_and_distributions_parse() {
        assert_eq!(parse("5").unwrap(), Param::Fixed(5.0));
        assert_eq!(parse("2.5").unwrap(), Param::Fixed(2.5));
        assert_eq!(parse("{ normal = [1, 0.5] }").unwrap(), Param::Dist(Dist::Normal { mean: 1.0, sd: 0.5 }));
        assert_eq!(
            parse("{ triangular = [1, 2, 3] }").unwrap(),
            Param::Dist(Dist::Triangular { lo: 1.0, mode: 2.0, hi: 3.0 })
        );
        assert_eq!(parse("{ beta = [2, 5] }").unwrap(), Param::Dist(Dist::Beta { a: 2.0, b: 5.0, lo: 0.0, hi: 1.0 }));
    }

    #[test]
    fn bad_distributions_say_what_is_allowed() {
        assert!(parse("{ normal = [1, -0.5] }").unwrap_err().contains("must be ≥ 0"));
        assert!(parse("{ triangular = [1, 5, 3] }").unwrap_err().contains("lo ≤ mode ≤ hi"));
        assert!(parse("{ gauss = [1, 2] }").unwrap_err().contains("expected one of normal"));
        assert!(parse("{ uniform = [1] }").unwrap_err().contains("takes 2 numbers"));
        assert!(parse("\"ten\"").unwrap_err().contains("a number or a distribution"));
        assert!(parse("{ lognormal = [0, 1] }").unwrap_err().contains("> 0"));
    }

    #[test]
    fn draws_are_clipped_to_the_range() {
        use rand::SeedableRng;
        static SPEC: ParamSpec =
            ParamSpec { name: "x", unit: "u", default: 0.5, min: 0.0, max: 1.0, doc: "", source: "" };
        let slot = Slot {
            path: "x".into(),
            spec: &SPEC,
            param: Param::Dist(Dist::Normal { mean: 0.5, sd: 10.0 }),
            sampler: Dist::Normal { mean: 0.5, sd: 10.0 }.sampler(),
        };
        let mut rng = rand::rngs::ChaCha8Rng::seed_from_u64(1);
        for _ in 0..1000 {
            let x = slot.draw(&mut rng);
            assert!((0.0..=1.0).contains(&x));
        }
        assert_eq!(SPEC.allowed(), "must be between 0 and 1");
        assert_eq!(SPEC.out_of_range(-5.0), "-5 is out of range: must be ≥ 0 (valid range: 0 to 1, u)");
        assert_eq!(SPEC.out_of_range(1.5), "1.5 is out of range: must be ≤ 1 (valid range: 0 to 1, u)");
    }

    #[test]
    fn rendering_round_trips() {
        let p = parse("{ triangular = [1, 2.5, 3] }").unwrap();
        assert_eq!(p.render(), "{ triangular = [1, 2.5, 3] }");
        assert_eq!(parse(&p.render()).unwrap(), p);
    }
}
