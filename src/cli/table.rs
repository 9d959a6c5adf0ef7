//! Stdout tables: pure functions from a summary to text.

use crate::analysis::summary::Summary;
use crate::analysis::tipping::Tip;
use crate::judgment::DRIVER_NAMES;
use crate::scenario::{ModelKind, Scenario};
use std::fmt::Write;

/// Months at which the tipping shares are tabulated (those within the horizon).
pub const TABLE_MONTHS: [usize; 5] = [12, 24, 36, 48, 60];

fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

fn month(x: Option<f64>) -> String {
    x.map(|m| format!("{m:.0}")).unwrap_or_else(|| "-".into())
}

fn tip_row(out: &mut String, label: &str, t: &Tip, months: &[usize]) {
    let _ = write!(out, "  {label:<12}");
    for &m in months {
        let _ = write!(out, "{:>7}", pct(t.share_by_month[m]));
    }
    let _ = writeln!(out, "{:>9}{:>9}", month(t.median_month), pct(t.never_share));
}

/// The run summary table.
pub fn summary_text(sc: &Scenario, s: &Summary) -> String {
    let mut o = String::new();
    let unit = if sc.monthly() {
        "months".to_string()
    } else if (sc.step_days - 1.0).abs() < 1e-12 {
        "days".to_string()
    } else {
        format!("steps of {} days", sc.step_days)
    };
    let _ = writeln!(o, "{} — {}", s.scenario, sc.description);
    let runs = if s.runs == 1 { "1 run".to_string() } else { format!("{} runs", s.runs) };
    let _ = writeln!(o, "{runs}, seed {}, {} {} from {}", s.seed, s.months, unit, s.start);
    for w in &s.warnings {
        let _ = writeln!(o, "warning: {w}");
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "Front strength at the horizon (thousand persons)");
    let _ =
        writeln!(o, "  {:<12}{:>9}{:>9}{:>9}{:>9}{:>9}{:>8}", "side", "p05", "p25", "median", "p75", "p95", "ahead");
    for side in &sc.sides {
        let f = &s.final_strength[&side.name];
        let p = f.front_k_percentiles;
        let _ = writeln!(
            o,
            "  {:<12}{:>9.1}{:>9.1}{:>9.1}{:>9.1}{:>9.1}{:>8}",
            side.name,
            p[0],
            p[1],
            p[2],
            p[3],
            p[4],
            pct(f.ahead_share)
        );
    }
    if sc.model == ModelKind::War {
        let months: Vec<usize> = TABLE_MONTHS.iter().copied().filter(|&m| m <= s.months).collect();
        for (title, pick) in [
            ("Judged that time is not on its side (share of runs by month)", 0),
            ("Would cut its losses (share of runs by month)", 1),
        ] {
            let _ = writeln!(o, "\n{title}");
            let _ = write!(o, "  {:<12}", "side");
            for m in &months {
                let _ = write!(o, "{:>7}", format!("m{m}"));
            }
            let _ = writeln!(o, "{:>9}{:>9}", "median", "never");
            for side in &sc.sides {
                let t = &s.tipping[&side.name];
                tip_row(&mut o, &side.name, if pick == 0 { &t.time_not_on_side } else { &t.cut_losses }, &months);
            }
        }
        let _ = writeln!(o, "\nWhat moved the judgment (mean share of the perceived trend's change at tipping)");
        for side in &sc.sides {
            let n = s.drivers_runs[&side.name];
            if n == 0 {
                let _ = writeln!(o, "  {:<12}no run tipped", side.name);
                continue;
            }
            let d = &s.drivers[&side.name];
            let mut v: Vec<(&str, f64)> = DRIVER_NAMES.iter().map(|k| (*k, d[*k])).collect();
            v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
            let top: Vec<String> = v.iter().take(3).map(|(k, x)| format!("{k} {}", pct(*x))).collect();
            let _ = writeln!(o, "  {:<12}{} (over {n} runs)", side.name, top.join(", "));
        }
    }
    let _ = writeln!(o, "\nOutcomes at the horizon");
    for (k, v) in &s.outcomes {
        if *v > 0.0 {
            let _ = writeln!(o, "  {:<24}{:>6}  (± {:.1} pts)", k, pct(*v), 100.0 * s.outcomes_se[k]);
        }
    }
    o
}

/// The scenario's teaching notes.
pub fn teaching_text(sc: &Scenario) -> String {
    let t = &sc.teaching;
    let mut o = String::new();
    if t.what_it_shows.is_empty() && t.things_to_notice.is_empty() && t.questions.is_empty() {
        return o;
    }
    let _ = writeln!(o, "\nTeaching notes");
    if !t.what_it_shows.is_empty() {
        let _ = writeln!(o, "  What it shows: {}", t.what_it_shows.trim());
    }
    for (title, items) in
        [("Things to notice", &t.things_to_notice), ("Things to try", &t.things_to_try), ("Questions", &t.questions)]
    {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(o, "  {title}:");
        for i in items {
            let _ = writeln!(o, "    - {}", i.trim());
        }
    }
    o
}
