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
pub fn fmt_val(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    if x == 0.0 {
        return "0".into();
    }
    let mag = x.abs().log10().floor() as i32;
    let prec = (5 - mag).clamp(0, 12) as usize;
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
    use super::fmt_val;

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
