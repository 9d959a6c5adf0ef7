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

/// A share with its Monte Carlo standard error in percentage points: `24% ±1.4`.
fn pct_se(x: f64, se: f64) -> String {
    format!("{} ±{:.1}", pct(x), 100.0 * se)
}

fn month(x: Option<f64>) -> String {
    x.map(|m| format!("{m:.0}")).unwrap_or_else(|| "-".into())
}

fn tip_row(out: &mut String, label: &str, t: &Tip, months: &[usize]) {
    let _ = write!(out, "  {label:<12}");
    for &m in months {
        let _ = write!(out, "{:>11}", pct_se(t.share_by_month[m], t.share_se_by_month[m]));
    }
    let _ = writeln!(out, "{:>8}{:>11}", month(t.median_month), pct_se(t.never_share, t.never_share_se));
}

/// "never 67% = Russia took its objective 40% · Ukraine cut its losses (cease-fire) 17% · still
/// fighting 10%": how the runs that never reached a judgment ended, largest first.
pub fn never_split(sc: &Scenario, t: &Tip) -> String {
    let mut parts: Vec<(f64, String)> = crate::judgment::outcome::Outcome::ALL
        .iter()
        .filter_map(|o| {
            let v = *t.never_by_outcome.get(&o.named(&sc.sides).to_string())?;
            (v > 0.0).then(|| (v, format!("{} {}", crate::plot::outcomes::label(*o, &sc.sides), pct(v))))
        })
        .collect();
    parts.sort_by(|a, b| b.0.total_cmp(&a.0));
    let parts: Vec<String> = parts.into_iter().map(|(_, s)| s).collect();
    format!("never {} = {}", pct(t.never_share), parts.join(" · "))
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
                let _ = write!(o, "{:>11}", format!("m{m}"));
            }
            let _ = writeln!(o, "{:>8}{:>11}", "median", "never");
            for side in &sc.sides {
                let t = &s.tipping[&side.name];
                let t = if pick == 0 { &t.time_not_on_side } else { &t.cut_losses };
                tip_row(&mut o, &side.name, t, &months);
                if t.never_share > 0.0 {
                    let _ = writeln!(o, "  {:<12}{}", "", never_split(sc, t));
                }
                let last = months.last().copied().unwrap_or(s.months);
                if pick == 0
                    && let (Some(Some(km)), Some(Some(se))) =
                        (t.km_share_by_month.get(last), t.km_se_by_month.get(last))
                    && (km - t.share_by_month[last]).abs() >= 0.005
                {
                    let _ = writeln!(
                        o,
                        "  {:<12}among runs still at war (Kaplan–Meier, ended runs censored): {} by m{last}",
                        "",
                        pct_se(*km, *se)
                    );
                }
            }
        }
        let _ = writeln!(o, "\nKey events (share of runs, median month when it happened)");
        for side in &sc.sides {
            let Some(ev) = s.key_events.get(&side.name) else { continue };
            let mut parts: Vec<String> = Vec::new();
            for k in crate::judgment::outcome::KEY_EVENTS {
                if let Some(e) = ev.get(k)
                    && e.share > 0.0
                {
                    parts.push(format!(
                        "{} {} (m{})",
                        k.replace('_', " "),
                        pct_se(e.share, e.share_se),
                        month(e.median_month)
                    ));
                }
            }
            let text = if parts.is_empty() { "none".to_string() } else { parts.join(", ") };
            let _ = writeln!(o, "  {:<12}{text}", side.name);
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
    let _ = writeln!(o, "\nOutcomes at the horizon (share of runs)");
    for (k, v) in &s.outcomes {
        if *v > 0.0 {
            let _ = writeln!(o, "  {:<32}{:>11}", k, pct_se(*v, s.outcomes_se[k]));
        }
    }
    if s.runs > 1 && !sc.is_deterministic() {
        let _ = writeln!(o, "\n±: one Monte Carlo standard error (SE), in percentage points, over {} runs.", s.runs);
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
