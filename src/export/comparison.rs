//! `comparison.json` and `comparison.csv`: a comparison's record
//! ([`Comparison`]) as bytes. Building the record is the
//! analysis's; writing the files is the caller's.

use super::fmt_val;
use crate::analysis::compare::Comparison;
use crate::judgment::outcome::Outcome;

/// `comparison.json`, pretty-printed, with a final newline.
pub fn comparison_json(c: &Comparison) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(c).unwrap_or_default();
    v.push(b'\n');
    v
}

/// Outcome names in report order ([`Outcome::ALL`]) for a comparison's sides.
fn outcome_names(c: &Comparison) -> Vec<String> {
    let sides = [c.sides.first().cloned().unwrap_or_default(), c.sides.get(1).cloned().unwrap_or_default()];
    Outcome::ALL
        .iter()
        .map(|o| match o {
            Outcome::Ongoing => "ongoing".to_string(),
            Outcome::Ceasefire => "ceasefire".to_string(),
            Outcome::CeasefireCutLosses(s) => format!("ceasefire_{}_cut_losses", sides[*s]),
            Outcome::Collapse(s) => format!("collapse_{}", sides[*s]),
            Outcome::Objective(s) => format!("objective_{}", sides[*s]),
        })
        .collect()
}

/// `comparison.csv`: one row per scenario × side —
/// `scenario,file,side,median_month,p10_month,p90_month,never_share,cut_losses_median_month,
/// cut_losses_never_share,median_diff_months,p05_diff_months,p25_diff_months,p75_diff_months,
/// p95_diff_months,p_earlier,p_later`, then the scenario's outcome shares, one column each.
pub fn comparison_csv(c: &Comparison) -> Vec<u8> {
    let fmt = fmt_val;
    let opt = |x: Option<f64>| x.map(fmt).unwrap_or_default();
    let outcomes = outcome_names(c);
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "scenario",
        "file",
        "side",
        "median_month",
        "p10_month",
        "p90_month",
        "never_share",
        "cut_losses_median_month",
        "cut_losses_never_share",
        "median_diff_months",
        "p05_diff_months",
        "p25_diff_months",
        "p75_diff_months",
        "p95_diff_months",
        "p_earlier",
        "p_later",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(outcomes.iter().cloned());
    let _ = w.write_record(&header);
    for s in &c.scenarios {
        for side in &c.sides {
            let (Some(t), Some(p)) = (s.tipping.get(side), s.paired.get(side)) else {
                continue;
            };
            let cl = s.cut_losses.get(side);
            let mut row = vec![
                s.name.clone(),
                s.file.clone(),
                side.clone(),
                opt(t.median_month),
                opt(t.p10_month),
                opt(t.p90_month),
                fmt(t.never_share),
                opt(cl.and_then(|x| x.median_month)),
                cl.map(|x| fmt(x.never_share)).unwrap_or_default(),
                fmt(p.median_diff_months),
                fmt(p.p05_diff_months),
                fmt(p.p25_diff_months),
                fmt(p.p75_diff_months),
                fmt(p.p95_diff_months),
                fmt(p.p_earlier),
                fmt(p.p_later),
            ];
            row.extend(outcomes.iter().map(|o| fmt(s.outcomes.get(o).copied().unwrap_or(0.0))));
            let _ = w.write_record(&row);
        }
    }
    w.into_inner().unwrap_or_default()
}
