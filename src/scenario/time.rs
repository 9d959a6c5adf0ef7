//! Calendar months and piecewise-linear time paths.
//!
//! [`YearMonth`] labels steps with calendar dates; [`TimePath`] is the `[[month, value], ...]`
//! input (oil price, sanctions intensity), linear between points and flat beyond the ends.

use std::fmt;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    /// Year.
    pub year: i32,
    /// Month, 1-12.
    pub month: u32,
}

impl YearMonth {
    /// Parse `YYYY-MM`.
    pub fn parse(s: &str) -> Option<YearMonth> {
        let (y, m) = s.split_once('-')?;
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if y.len() != 4 || m.len() != 2 || !digits(y) || !digits(m) {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u32 = m.parse().ok()?;
        (1..=12).contains(&month).then_some(YearMonth { year, month })
    }

    /// The month `n` months later.
    pub fn add_months(self, n: i64) -> YearMonth {
        let idx = self.year as i64 * 12 + (self.month as i64 - 1) + n;
        YearMonth { year: idx.div_euclid(12) as i32, month: (idx.rem_euclid(12) + 1) as u32 }
    }

    /// `YYYY-MM-DD` of the day `days` after the first of this month.
    pub fn add_days(self, days: f64) -> String {
        let (y, m, d) = civil_from_days(days_from_civil(self.year as i64, self.month, 1) + days.floor() as i64);
        format!("{y:04}-{m:02}-{d:02}")
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

// Days since 1970-01-01 of a civil date, and back (H. Hinnant's public-domain algorithms).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A piecewise-linear path of (step, value) points, flat beyond its ends.
#[derive(Debug, Clone, PartialEq)]
pub struct TimePath {
    points: Vec<(f64, f64)>,
}

impl TimePath {
    /// A constant path.
    pub fn constant(v: f64) -> TimePath {
        TimePath { points: vec![(0.0, v)] }
    }

    /// A path from points whose steps are non-decreasing (checked by the caller).
    pub fn new(points: Vec<(f64, f64)>) -> TimePath {
        TimePath { points }
    }

    /// The points.
    pub fn points(&self) -> &[(f64, f64)] {
        &self.points
    }

    /// Value at step `t` (linear interpolation).
    pub fn at(&self, t: f64) -> f64 {
        let p = &self.points;
        if p.is_empty() {
            return 0.0;
        }
        if t <= p[0].0 {
            return p[0].1;
        }
        for w in p.windows(2) {
            let ((t0, v0), (t1, v1)) = (w[0], w[1]);
            if t <= t1 {
                if t1 <= t0 {
                    return v1;
                }
                return v0 + (v1 - v0) * (t - t0) / (t1 - t0);
            }
        }
        p[p.len() - 1].1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_roll_over_years() {
        let ym = YearMonth::parse("2025-07").unwrap();
        assert_eq!(ym.add_months(6).to_string(), "2026-01");
        assert_eq!(ym.add_months(60).to_string(), "2030-07");
        assert!(YearMonth::parse("2025-13").is_none());
        assert!(YearMonth::parse("25-07").is_none());
        assert!(YearMonth::parse("2025-+7").is_none());
        assert!(YearMonth::parse("+202-07").is_none());
    }

    #[test]
    fn days_count_from_the_first() {
        let ym = YearMonth::parse("1945-02").unwrap();
        assert_eq!(ym.add_days(0.0), "1945-02-01");
        assert_eq!(ym.add_days(28.0), "1945-03-01");
        assert_eq!(YearMonth::parse("2024-02").unwrap().add_days(29.0), "2024-03-01");
    }

    #[test]
    fn paths_interpolate_and_stay_flat_beyond_ends() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        let p = TimePath::new(vec![(0.0, 60.0), (12.0, 48.0), (24.0, 48.0)]);
        assert!(close(p.at(-1.0), 60.0));
        assert!(close(p.at(6.0), 54.0));
        assert!(close(p.at(30.0), 48.0));
        let step = TimePath::new(vec![(0.0, 1.0), (5.0, 1.0), (5.0, 2.0)]);
        assert!(close(step.at(5.0), 1.0));
        assert!(close(step.at(5.5), 2.0));
    }
}
