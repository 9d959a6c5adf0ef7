//! The report's words: headline sentences built from a summary (frequency framing, "in 33 of
//! 100 runs", with the Monte Carlo error said), outcome names a reader understands, and a
//! two-sentence "how to read this" caption for every chart the CLI draws.

use crate::analysis::summary::Summary;
use crate::analysis::tipping::Tip;
use crate::scenario::Scenario;

/// A share as a whole percentage, e.g. `33%`.
pub fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// A standard error in percentage points, e.g. `± 1.5 pts`.
pub fn pts(se: f64) -> String {
    format!("± {:.1} pts", 100.0 * se)
}

/// "in 33 of 100 runs" (rounded to the nearest run in a hundred).
pub fn of_100(x: f64) -> String {
    format!("in {:.0} of 100 runs", 100.0 * x)
}

/// A step number in words: `month 24 (2027-07)`.
pub fn step_at(sc: &Scenario, m: f64) -> String {
    let word = crate::plot::step_word(sc);
    let t = m.round().max(0.0) as usize;
    format!("{word} {t} ({})", sc.date_label(t))
}

/// One sentence on when side `label` reaches the judgment described by `what`.
pub fn tip_sentence(sc: &Scenario, label: &str, what: &str, t: &Tip, months: usize) -> String {
    let by = t.share_by_month.last().copied().unwrap_or(0.0);
    let se = t.share_se_by_month.last().copied().unwrap_or(0.0);
    let end = step_at(sc, months as f64);
    let mut s = format!("{label}: {} ({}) it judged {what} by the horizon, {end}", of_100(by), pts(se));
    match t.median_month {
        Some(m) => {
            s.push_str(&format!("; half of the runs had done so by {}", step_at(sc, m)));
            if let Some([lo, hi]) = t.median_month_ci90 {
                s.push_str(&format!(" (90% interval of that median: {lo:.0} to {hi:.0})"));
            }
            s.push('.');
        }
        None if by > 0.0 => s.push_str(&format!("; {} it never did.", of_100(t.never_share))),
        None => s.push_str(": in no run did it."),
    }
    s
}

/// The sentences of the headline: for each side, "time is not on its side" and "would cut its
/// losses".
pub fn headline(sc: &Scenario, s: &Summary) -> Vec<String> {
    let mut out = Vec::new();
    for side in &sc.sides {
        let Some(t) = s.tipping.get(&side.name) else { continue };
        out.push(tip_sentence(sc, &side.label, "that time is not on its side", &t.time_not_on_side, s.months));
        out.push(tip_sentence(sc, &side.label, "that it would cut its losses", &t.cut_losses, s.months));
    }
    out
}

/// An outcome key of `summary.json` in words, e.g. `collapse_ukraine` → "Ukraine collapsed".
pub fn outcome_words(sc: &Scenario, key: &str) -> String {
    let label = |name: &str| sc.sides.iter().find(|s| s.name == name).map_or(name.to_string(), |s| s.label.clone());
    match key {
        "ceasefire" => "cease-fire".into(),
        "ongoing" => "still fighting at the horizon".into(),
        k => match (k.strip_prefix("collapse_"), k.strip_prefix("objective_")) {
            (Some(s), _) => format!("{} collapsed", label(s)),
            (_, Some(s)) => format!("{} reached its objective", label(s)),
            _ => match k.strip_prefix("ceasefire_").and_then(|r| r.strip_suffix("_cut_losses")) {
                Some(s) => format!("cease-fire: {} cut its losses", label(s)),
                None => k.to_string(),
            },
        },
    }
}

/// How one run ended, in words: "ended in month 42: cease-fire: Russia cut its losses", or
/// "still fighting at month 60" for a run that reached the horizon `steps`.
pub fn run_ending(sc: &Scenario, outcome: crate::judgment::Outcome, end_step: usize, steps: usize) -> String {
    if end_step < steps {
        format!("ended in month {end_step}: {}", outcome_words(sc, &outcome.named(&sc.sides).to_string()))
    } else {
        format!("still fighting at month {steps}")
    }
}

/// An event code of `events.csv` in words.
pub fn event_words(code: &str) -> String {
    match code {
        "reserves_exhausted" => "reserves exhausted".into(),
        "coercive_mobilisation" => "coercive mobilisation".into(),
        "age_band_widened" => "18-24 age band made liable".into(),
        "aid_paused" => "aid paused".into(),
        "aid_cut" => "aid cut".into(),
        "bias_halved" => "perception biases halved by learning".into(),
        "objective_reached" => "territorial objective reached".into(),
        "ceasefire" => "cease-fire".into(),
        "time_not_on_side" => "time not on its side".into(),
        "would_cut_losses" => "would cut its losses".into(),
        other => other.replace('_', " "),
    }
}

/// "How to read this" for a chart, by its file name (`tipping`, `manpower`, ...) and whether it
/// is a comparison chart: two sentences.
pub fn how_to_read(name: &str, comparison: bool) -> &'static str {
    match (name, comparison) {
        ("tipping", false) => {
            "Each curve climbs as more runs reach the judgment: its height at a month is the share of runs in which the side has judged by then that time is not on its side (solid) or that it would cut its losses (dashed). A curve that stays low means that in most runs the side goes on believing that time works for it; the marked month is the median, where a curve crosses one half."
        }
        ("manpower", _) => {
            "Each panel is a fan over the runs: the line is the median month by month, the darker band holds the middle half of the runs and the lighter band nine runs in ten. Compare casualties with recruits: when recruits fall short of losses month after month, front strength bends down."
        }
        ("economy", _) => {
            "Fans over the runs (median line, middle half and nine in ten shaded) of the war economy and of the aid the other side receives. Watch reserves and inflation: once reserves are gone, deficits are financed at home and the economy turns against the side's perceived position."
        }
        ("bounty", _) => {
            "The sign-up bounty and the price of one more recruit, as fans over the runs still fighting. A price that climbs year after year means the pool of the willing is being used up: each new soldier costs more than the last."
        }
        ("territory", _) => {
            "Ground held and ground taken since the start, as fans over the runs, with the attacker's territorial objective as a reference line. The gap between the fan and the objective line is how far the objective stays out of reach."
        }
        ("outcomes", false) => {
            "How the runs ended: the shares at the horizon, and how they built up month by month. A growing cease-fire share means runs in which a side concluded that fighting on costs more than it can still gain."
        }
        ("drivers", _) => {
            "Each bar splits the change in a side's perceived position, at the moment it tipped, into the mechanisms that moved it. The longest segment names what, in this model, most changed that side's mind."
        }
        ("tipping", true) => {
            "One curve per scenario for each side, computed on the same runs (common random numbers): where a scenario's curve lies above the reference's, it brings the judgment earlier. Gaps no larger than a few standard errors (the tables give them) can be Monte Carlo noise."
        }
        ("paired", _) => {
            "For every run, the month in which the side tips under this scenario minus the month under the reference in the same run, so that luck cancels out. Left of zero the scenario brings the judgment earlier; the shares of runs earlier and later are written beside each distribution."
        }
        ("outcomes", true) => {
            "The outcome shares at the horizon, scenario by scenario, on the same runs. Read along one colour to see what a scenario changes about how the war ends."
        }
        ("fans", _) => {
            "Key variables of every scenario overlaid: each line is a scenario's median, its shading the middle half of the runs. Where the bands separate, the scenarios differ by more than luck."
        }
        _ => "A chart of the ensemble. Its caption names the scenario, the runs and the seed.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chart_has_two_sentences() {
        for (name, cmp) in [
            ("tipping", false),
            ("manpower", false),
            ("economy", false),
            ("bounty", false),
            ("territory", false),
            ("outcomes", false),
            ("drivers", false),
            ("tipping", true),
            ("paired", true),
            ("outcomes", true),
            ("fans", true),
        ] {
            let s = how_to_read(name, cmp);
            assert_eq!(s.matches(". ").count() + 1, 2, "{name}: {s}");
            assert!(s.ends_with('.'), "{name}");
        }
        assert_eq!(pct(0.333), "33%");
        assert_eq!(pts(0.015), "± 1.5 pts");
        assert_eq!(of_100(0.372), "in 37 of 100 runs");
    }
}
