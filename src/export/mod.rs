//! Serialisers (pure: results → bytes or rows) and the atomic file writer: every output file
//! is serialised here (the charts are drawn by `plot`).
//!
//! `summary.json` and `timeseries.csv` are built whole from the ensemble; `runs.csv` and
//! `events.csv` are streamed row by row as runs finish ([`RowWriter`] writes their rows from
//! each run's [`RunView`]); [`manifest`] writes `manifest.json`, [`comparison`] a
//! comparison's `comparison.json` and `comparison.csv`; [`atomic`] does the file I/O. The
//! records come from [`crate::analysis`]; nothing here runs the model.

pub mod atomic;
pub mod comparison;
pub mod manifest;
pub mod outdir;

use crate::analysis::ensemble::RunView;
use crate::analysis::series::SeriesStats;
use crate::analysis::summary::Summary;
use crate::model::outputs::Columns;
use crate::scenario::Scenario;

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
    let mut s = String::new();
    fmt_val_into(&mut s, x);
    s
}

/// [`fmt_val`], appended to `out` (no allocation once `out` has grown).
pub fn fmt_val_into(out: &mut String, x: f64) {
    use std::fmt::Write;
    if !x.is_finite() {
        return;
    }
    if x == 0.0 {
        out.push('0');
        return;
    }
    let mag = x.abs().log10().floor() as i32;
    let prec = (5 - mag).clamp(0, 12) as usize;
    if x.abs() >= 1e15 {
        // `Display` pads a shortest decimal of at most 17 digits with zeros, where the exact
        // format writes every digit of the integer.
        out.push_str(&fmt_val_exact(x, prec));
        return;
    }
    let start = out.len();
    // Writing into a String cannot fail.
    let _ = write!(out, "{x}");
    let digits = start + usize::from(x < 0.0);
    let Some(point) = out[digits..].find('.').map(|i| digits + i) else {
        return; // an integer: nothing to round
    };
    let cut = point + 1 + prec;
    if out.len() <= cut {
        // Nothing to round: `Display` writes no trailing zeros after a point.
        return;
    }
    if &out[cut..] == "5" {
        out.truncate(start);
        out.push_str(&fmt_val_exact(x, prec));
        return;
    }
    let up = out.as_bytes()[cut] >= b'5';
    out.truncate(cut);
    // Byte edits of ASCII digits (the String stays UTF-8).
    let mut bytes = std::mem::take(out).into_bytes();
    if up {
        // Round up: carry through the nines (and the point).
        let mut i = bytes.len();
        loop {
            if i == digits {
                bytes.insert(digits, b'1');
                break;
            }
            i -= 1;
            match bytes[i] {
                b'.' => {}
                b'9' => bytes[i] = b'0',
                _ => {
                    bytes[i] += 1;
                    break;
                }
            }
        }
    }
    // Drop trailing zeros after the point (which stops the loop), then a bare point.
    while bytes.last() == Some(&b'0') {
        bytes.pop();
    }
    if bytes.last() == Some(&b'.') {
        bytes.pop();
    }
    *out = String::from_utf8(bytes).unwrap_or_default();
    if &out[start..] == "-0" {
        out.truncate(start);
        out.push('0');
    }
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
/// step × side × variable (world variables have an empty side; the `month` column is the step,
/// a month in the war model).
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

/// Header of `events.csv`.
pub const EVENTS_HEADER: [&str; 5] = ["run", "month", "side", "event", "detail"];

/// Writes the rows of `runs.csv` and `events.csv` as runs finish, field by field through one
/// scratch buffer (a run's rows cost no allocation once the buffer has grown; this runs on
/// the thread that writes the files, next to the simulation).
#[derive(Debug, Default)]
pub struct RowWriter {
    field: String,
}

impl RowWriter {
    /// Write run `t`'s row of `runs.csv`: run, outcome, last step, each side's tipping and
    /// cut-losses steps (empty if never; the columns say `month`, the war model's step), then
    /// the drawn values of the uncertain parameters.
    pub fn runs_row<W: std::io::Write>(
        &mut self,
        w: &mut csv::Writer<W>,
        sc: &Scenario,
        t: &RunView<'_>,
    ) -> csv::Result<()> {
        self.display(w, t.run)?;
        self.display(w, t.record.outcome.named(&sc.sides))?;
        self.display(w, t.record.end_step)?;
        for s in 0..2 {
            self.month(w, t.record.time_not_on_side[s])?;
            self.month(w, t.record.cut_losses[s])?;
        }
        for &x in t.draws {
            self.field.clear();
            fmt_val_into(&mut self.field, x);
            w.write_field(&self.field)?;
        }
        w.write_record(None::<&[u8]>)
    }

    /// Write run `t`'s rows of `events.csv` (none if it logged nothing).
    pub fn event_rows<W: std::io::Write>(
        &mut self,
        w: &mut csv::Writer<W>,
        sc: &Scenario,
        t: &RunView<'_>,
    ) -> csv::Result<()> {
        for e in t.log {
            self.display(w, t.run)?;
            self.display(w, e.month)?;
            w.write_field(e.side.map_or("", |s| sc.sides[s as usize].name.as_str()))?;
            w.write_field(e.event)?;
            w.write_field(&e.detail)?;
            w.write_record(None::<&[u8]>)?;
        }
        Ok(())
    }

    fn display<W: std::io::Write>(&mut self, w: &mut csv::Writer<W>, x: impl std::fmt::Display) -> csv::Result<()> {
        use std::fmt::Write;
        self.field.clear();
        // Writing into a String cannot fail.
        let _ = write!(self.field, "{x}");
        w.write_field(&self.field)
    }

    fn month<W: std::io::Write>(&mut self, w: &mut csv::Writer<W>, m: Option<u16>) -> csv::Result<()> {
        match m {
            Some(m) => self.display(w, m),
            None => w.write_field(""),
        }
    }
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
            // Appending leaves what was there.
            let mut s = String::from("1.0,");
            super::fmt_val_into(&mut s, x);
            assert_eq!(s, format!("1.0,{}", reference(x)));
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
    fn run_rows_are_csv_with_empty_fields_for_missing_months() {
        use crate::analysis::ensemble::{RunRecord, RunView};
        use crate::judgment::outcome::{LogEntry, Outcome};
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml");
        let sc = crate::scenario::load(&path, &[]).expect("baseline loads");
        assert_eq!(sc.sides.each_ref().map(|s| s.name.as_str()), ["russia", "ukraine"]);
        let log = [
            LogEntry { month: 4, side: Some(1), event: "reserves_exhausted", detail: "no reserves, left".into() },
            LogEntry { month: 9, side: None, event: "ceasefire", detail: String::new() },
        ];
        let draws = [0.123456789, 2.0];
        let record = RunRecord {
            outcome: Outcome::Ceasefire,
            end_step: 9,
            time_not_on_side: [Some(7), None],
            cut_losses: [None, Some(8)],
            drivers: [None; 2],
            final_front_k: [0.0; 2],
            key_events: Default::default(),
        };
        let t = RunView { run: 1, record, draws: &draws, log: &log };
        let mut rows = super::RowWriter::default();
        let text = |write: &mut dyn FnMut(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>| {
            let mut w = csv::Writer::from_writer(Vec::new());
            write(&mut w).expect("in memory");
            String::from_utf8(w.into_inner().expect("in memory")).expect("utf-8")
        };
        let runs = text(&mut |w| rows.runs_row(w, &sc, &t));
        let events = text(&mut |w| rows.event_rows(w, &sc, &t));
        assert_eq!(runs, "1,ceasefire,9,7,,,8,0.123457,2\n");
        assert_eq!(events, "1,4,ukraine,reserves_exhausted,\"no reserves, left\"\n1,9,,ceasefire,\n");
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
