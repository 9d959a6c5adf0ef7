//! Serialisers (pure: results → bytes or rows) and the atomic file writer.
//!
//! `summary.json` and `timeseries.csv` are built whole from the ensemble; `runs.csv` and
//! `events.csv` are streamed row by row as runs finish (their rows come from pure functions
//! here; [`atomic`] does the file I/O).

pub mod atomic;

use crate::analysis::series::SeriesStats;
use crate::analysis::summary::Summary;
use crate::judgment::outcome::LogEntry;
use crate::model::outputs::Columns;
use crate::scenario::Scenario;
use crate::sim::Trajectory;

/// A number for CSV: 6 significant digits, no trailing zeros, empty for NaN.
///
/// Precisely: `x` rounded half to even at `5 − ⌊log10 |x|⌋` decimals (0 to 12), as
/// `format!("{x:.prec$}")` writes it, then trailing zeros and a bare point removed. That exact
/// formatting is slow (a big-number fallback for many values), so the shortest decimal that
/// reads back as `x` (`x`'s `Display`, fast) is rounded instead. Both round the same way
/// unless the shortest decimal lies exactly halfway at the rounding digit: an f64's shortest
/// decimal is within half an ulp of it (2^-53 relative), far closer than a 6-digit boundary
/// (5·10^-7 relative) unless it *is* the boundary; that case, and magnitudes from 10^15 on,
/// take the exact path.
pub fn fmt_val(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    if x == 0.0 {
        return "0".into();
    }
    let mag = x.abs().log10().floor() as i32;
    let prec = (5 - mag).clamp(0, 12) as usize;
    if x.abs() >= 1e15 {
        // `Display` pads a shortest decimal of at most 17 digits with zeros, where the exact
        // format writes every digit of the integer.
        return fmt_val_exact(x, prec);
    }
    let s = x.to_string();
    let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if frac.len() <= prec {
        // Nothing to round: `Display` writes no trailing zeros after a point.
        return s;
    }
    let (kept, tail) = frac.split_at(prec);
    if tail == "5" {
        return fmt_val_exact(x, prec);
    }
    let mut out: Vec<u8> = Vec::with_capacity(int.len() + 1 + prec + 2);
    out.extend_from_slice(int.as_bytes());
    out.extend_from_slice(kept.as_bytes());
    if tail.as_bytes()[0] >= b'5' {
        // Round up: carry through the nines.
        let mut i = out.len();
        loop {
            if i == 0 {
                out.insert(0, b'1');
                break;
            }
            i -= 1;
            if out[i] == b'9' {
                out[i] = b'0';
            } else {
                out[i] += 1;
                break;
            }
        }
    }
    // Put the point back `prec` digits from the end, then drop trailing zeros.
    let point = out.len() - prec;
    let (int, frac) = out.split_at(point);
    let frac = std::str::from_utf8(frac).unwrap_or("").trim_end_matches('0');
    let int = std::str::from_utf8(int).unwrap_or("0");
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    if frac.is_empty() && int == "0" {
        return "0".into();
    }
    let mut r = String::with_capacity(sign.len() + int.len() + 1 + frac.len());
    r.push_str(sign);
    r.push_str(int);
    if !frac.is_empty() {
        r.push('.');
        r.push_str(frac);
    }
    r
}

/// [`fmt_val`] by exact decimal formatting (the definition; slow).
fn fmt_val_exact(x: f64, prec: usize) -> String {
    let s = format!("{x:.prec$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    if s == "-0" { "0".into() } else { s }
}

/// `summary.json`, pretty-printed, with a final newline.
pub fn summary_json(s: &Summary) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(s).unwrap_or_default();
    v.push(b'\n');
    v
}

/// `timeseries.csv`: `month,date,side,variable,mean,p05,p25,p50,p75,p95`, one row per
/// month × side × variable (world variables have an empty side).
pub fn timeseries_csv(sc: &Scenario, columns: &Columns, stats: &SeriesStats) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["month", "date", "side", "variable", "mean", "p05", "p25", "p50", "p75", "p95"]);
    let cols: Vec<_> = columns.iter().collect();
    for t in 0..stats.rows() {
        let date = sc.date_label(t);
        for (c, (spec, side)) in cols.iter().enumerate() {
            if let Some(s) = side
                && crate::model::war::BOUNTY_VARS.contains(&spec.name)
                && !sc.recruits_by_bounty(*s)
            {
                continue;
            }
            let st = stats.stat(t, c);
            let side_name = side.map(|s| sc.sides[s].name.as_str()).unwrap_or("");
            let mut rec = vec![t.to_string(), date.clone(), side_name.to_string(), spec.name.to_string()];
            rec.push(fmt_val(st.mean));
            rec.extend(st.p.iter().map(|&x| fmt_val(x)));
            let _ = w.write_record(&rec);
        }
    }
    w.into_inner().unwrap_or_default()
}

/// Header of `runs.csv`.
pub fn runs_header(sc: &Scenario) -> Vec<String> {
    let mut h = vec!["run".to_string(), "outcome".into(), "end_month".into()];
    for s in &sc.sides {
        h.push(format!("{}_time_not_on_side_month", s.name));
        h.push(format!("{}_cut_losses_month", s.name));
    }
    h.extend(sc.uncertain_slots().map(|(_, s)| s.path.clone()));
    h
}

/// One row of `runs.csv`.
pub fn runs_row(sc: &Scenario, t: &Trajectory) -> Vec<String> {
    let m = |x: Option<u16>| x.map(|v| v.to_string()).unwrap_or_default();
    let mut r = vec![t.run.to_string(), t.outcome.named(&sc.sides).to_string(), t.end_step.to_string()];
    for s in 0..2 {
        r.push(m(t.time_not_on_side[s]));
        r.push(m(t.cut_losses[s]));
    }
    r.extend(t.draws.iter().map(|&x| fmt_val(x)));
    r
}

/// Header of `events.csv`.
pub const EVENTS_HEADER: [&str; 5] = ["run", "month", "side", "event", "detail"];

/// Rows of `events.csv` for one run.
pub fn event_rows<'a>(sc: &'a Scenario, t: &'a Trajectory) -> impl Iterator<Item = [String; 5]> + 'a {
    t.log.iter().map(move |e: &LogEntry| {
        [
            t.run.to_string(),
            e.month.to_string(),
            e.side.map(|s| sc.sides[s as usize].name.clone()).unwrap_or_default(),
            e.event.to_string(),
            e.detail.clone(),
        ]
    })
}

#[cfg(test)]
mod tests {
    use super::{fmt_val, fmt_val_exact};
    use proptest::prelude::*;

    /// The definition of `fmt_val`, for any finite value.
    fn reference(x: f64) -> String {
        if x == 0.0 {
            return "0".into();
        }
        let mag = x.abs().log10().floor() as i32;
        fmt_val_exact(x, (5 - mag).clamp(0, 12) as usize)
    }

    #[test]
    fn the_fast_path_writes_what_exact_formatting_writes() {
        let edge = [
            0.5,
            2.5,
            -2.5,
            0.125,
            1234565.0,
            1234575.0,
            999999.5,
            9.9999995,
            99999.95,
            0.99999949999,
            0.0000001234565,
            1e-7,
            9.99999e-8,
            1e-13,
            5e-13,
            4.9e-13,
            123456.5,
            1e21,
            1.5e300,
            -0.0000000000004,
            0.30000000000000004,
            1.0000005,
            1.0000015,
            2.675,
            1.005,
            f64::MIN_POSITIVE,
            f64::MAX,
        ];
        for x in edge.into_iter().flat_map(|x| [x, -x]) {
            assert_eq!(fmt_val(x), reference(x), "{x:e}");
        }
        proptest!(ProptestConfig::with_cases(20_000), |(m in -1.0..1.0f64, e in -16i32..22, bits in any::<u64>())| {
            // Scaled values at every magnitude, values on short decimal grids (ties), and raw bit patterns.
            let scaled = m * 10f64.powi(e);
            let grid = (m * 1e7).round() / 10f64.powi(e.rem_euclid(12));
            let raw = f64::from_bits(bits);
            for x in [scaled, grid, raw] {
                if x.is_finite() {
                    prop_assert_eq!(fmt_val(x), reference(x), "{:e}", x);
                }
            }
        });
    }

    #[test]
    fn values_have_six_significant_digits() {
        assert_eq!(fmt_val(0.0), "0");
        assert_eq!(fmt_val(123.456789), "123.457");
        assert_eq!(fmt_val(0.000123456789), "0.000123457");
        assert_eq!(fmt_val(1234567.0), "1234567");
        assert_eq!(fmt_val(-2.5), "-2.5");
        assert_eq!(fmt_val(f64::NAN), "");
    }
}
