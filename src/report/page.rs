//! The report's markup (maud: every string is escaped unless wrapped in `PreEscaped`, which
//! only the embedded stylesheet and the SVG that [`crate::plot`] renders — whose text it
//! escapes — are).

use super::tally::GaveUp;
use super::words::{event_words, headline, how_to_read, outcome_words, pct, pts, step_at};
use super::{Chart, Member, Report};
use crate::analysis::compare::Comparison;
use crate::judgment::DRIVER_NAMES;
use crate::scenario::{ModelKind, Scenario};
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// The stylesheet, embedded in every report.
pub const CSS: &str = include_str!("../../assets/report.css");

/// Months at which the tipping shares are tabulated (as in the `run` table), those within the
/// horizon.
pub const TABLE_MONTHS: [usize; 5] = [12, 24, 36, 48, 60];

/// The question the tool asks, as the report states it.
pub const QUESTION: &str = "When might each side of a protracted war judge that time is not on its side?";

fn title(r: &Report<'_>) -> String {
    match r.members.as_slice() {
        [one] => one.results.scenario.name.clone(),
        [first, rest @ ..] => {
            let others: Vec<&str> = rest.iter().map(|m| m.results.scenario.name.as_str()).collect();
            format!("{} compared with {}", first.results.scenario.name, others.join(", "))
        }
        [] => "protracted report".into(),
    }
}

/// The whole document.
pub fn document(r: &Report<'_>, charts: &[Vec<Chart>], comparison_charts: &[Chart]) -> Markup {
    let t = title(r);
    let several = r.members.len() > 1;
    let s0 = r.members[0].results.summary;
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(format!("protracted {}", s0.version));
                title { (t) " — protracted report" }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    p.question { (QUESTION) }
                    h1 { (t) }
                    @for m in &r.members {
                        p.description {
                            @if several { strong { (m.results.scenario.name) ": " } }
                            (m.results.scenario.description)
                        }
                    }
                    p.meta {
                        (runs_line(r))
                    }
                    p.note {
                        "A teaching model, not a forecast: every number below is what the scenario's stated assumptions imply, \
                         over many runs that draw the uncertain ones. The error after a share is its Monte Carlo standard error."
                    }
                    nav {
                        ul {
                            li { a href="#teaching" { "Teaching notes" } }
                            li { a href="#headline" { "Headline numbers" } }
                            @if several { li { a href="#comparison" { "Comparison" } } }
                            li { a href="#charts" { "Charts" } }
                            @if r.members.iter().any(|m| m.diff.is_some()) { li { a href="#changes" { "What the variant changes" } } }
                            li { a href="#provenance" { "Provenance" } }
                            li { a href="#appendix" { "Appendix: parameters" } }
                        }
                    }
                }
                main {
                    section #teaching { h2 { "Teaching notes" } @for m in &r.members { (teaching(m.results.scenario, several)) } }
                    section #headline {
                        h2 { "Headline numbers" }
                        @for m in &r.members { (headline_section(m, several)) }
                    }
                    @if let Some(c) = r.comparison {
                        section #comparison {
                            h2 { "Comparison on common random numbers" }
                            (comparison(r, c))
                            @for ch in comparison_charts { (figure(ch)) }
                        }
                    }
                    section #charts {
                        h2 { "Charts" }
                        @if several {
                            p { "Each scenario's charts side by side, in the order of the comparison (the first is the reference)." }
                            @for (i, first) in charts[0].iter().enumerate() {
                                div.side-by-side {
                                    @for (m, cs) in r.members.iter().zip(charts) {
                                        @if let Some(ch) = cs.get(i).filter(|c| c.name == first.name) {
                                            div { h4 { (m.results.scenario.name) } (figure(ch)) }
                                        }
                                    }
                                }
                            }
                        } @else {
                            @for ch in &charts[0] { (figure(ch)) }
                        }
                    }
                    @if r.members.iter().any(|m| m.diff.is_some()) {
                        section #changes {
                            h2 { "What the variant changes" }
                            @for m in &r.members { (changes(m)) }
                        }
                    }
                    section #provenance { h2 { "Provenance" } (provenance(r)) }
                    section #appendix {
                        h2 { "Appendix: parameters that differ from their defaults" }
                        p { "Every model parameter whose value is not its default (a distribution is drawn once per run), \
                             with its unit and source: the comment beside the value in the scenario file, else the file and line. \
                             Defaults and every parameter's meaning are in docs/MODEL.md." }
                        @for m in &r.members {
                            @if several { h3 { (m.results.scenario.name) } }
                            (param_table(m.params, "default"))
                        }
                    }
                }
                footer { p { "protracted " (s0.version) " · " (t) } }
            }
        }
    }
}

fn runs_line(r: &Report<'_>) -> String {
    let m = &r.members[0];
    let s = m.results.summary;
    let each = if r.members.len() > 1 { " each, on common random numbers" } else { "" };
    format!(
        "{} runs{each} · seed {} · {} {}s from {} · protracted {}",
        crate::plot::style::thousands(s.runs as f64, 0),
        s.seed,
        s.months,
        crate::plot::step_word(m.results.scenario),
        s.start,
        s.version
    )
}

fn teaching(sc: &Scenario, several: bool) -> Markup {
    let t = &sc.teaching;
    let empty = t.what_it_shows.is_empty() && t.things_to_notice.is_empty() && t.questions.is_empty();
    html! {
        @if several { h3 { (sc.name) } }
        @if empty {
            p.empty { "This scenario has no teaching notes." }
        } @else {
            @if !t.what_it_shows.is_empty() { p.shows { (t.what_it_shows.trim()) } }
            div.notes {
                @for (head, items) in [("Things to notice", &t.things_to_notice), ("Things to try", &t.things_to_try), ("Questions", &t.questions)] {
                    @if !items.is_empty() {
                        div { h4 { (head) } ul { @for i in items { li { (i.trim()) } } } }
                    }
                }
            }
        }
    }
}

fn headline_section(m: &Member<'_>, several: bool) -> Markup {
    let sc = m.results.scenario;
    let s = m.results.summary;
    let months: Vec<usize> = TABLE_MONTHS.iter().copied().filter(|&t| t <= s.months).collect();
    let p = if sc.monthly() { "m" } else { "" };
    let war = sc.model == ModelKind::War;
    html! {
        div.member {
            @if several { h3 { (sc.name) } }
            @for w in &s.warnings { p.warning { "Warning: " (w) } }
            @if war {
                ul.headline { @for line in headline(sc, s) { li { (line) } } }
                @for (head, pick) in [("Judged that time is not on its side: share of runs by month", 0), ("Would cut its losses: share of runs by month", 1)] {
                    div.table {
                        table {
                            caption { (head) }
                            thead { tr {
                                th { "side" }
                                @for t in &months { th.num { (p) (t) } }
                                th.num { "median month" } th.num { "never" }
                            } }
                            tbody {
                                @for side in &sc.sides {
                                    @if let Some(tt) = s.tipping.get(&side.name) {
                                        @let tip = if pick == 0 { &tt.time_not_on_side } else { &tt.cut_losses };
                                        tr {
                                            th { (side.label) }
                                            @for &t in &months {
                                                td.num { (pct(tip.share_by_month[t])) br; small { (pts(tip.share_se_by_month[t])) } }
                                            }
                                            td.num { (tip.median_month.map(|x| format!("{x:.0}")).unwrap_or_else(|| "—".into())) }
                                            td.num { (pct(tip.never_share)) br; small { (pts(tip.never_share_se)) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            div.table {
                table {
                    caption { "How the runs ended (share of runs at the horizon)" }
                    thead { tr { th { "outcome" } th.num { "share" } th.num { "standard error" } } }
                    tbody {
                        @for (k, v) in &s.outcomes {
                            @if *v > 0.0 {
                                tr { th { (outcome_words(sc, k)) } td.num { (pct(*v)) } td.num { (pts(s.outcomes_se[k])) } }
                            }
                        }
                    }
                }
            }
            @if s.outcomes.get("ceasefire").copied().unwrap_or(0.0) > 0.0 {
                (gave_up(m))
            }
            @if war {
                div.table {
                    table {
                        caption { "What moved the judgment: mean share of the perceived trend's change at the tipping point" }
                        thead { tr { th { "side" } @for d in DRIVER_NAMES { th.num { (d) } } th.num { "runs" } } }
                        tbody {
                            @for side in &sc.sides {
                                tr {
                                    th { (side.label) }
                                    @let n = s.drivers_runs.get(&side.name).copied().unwrap_or(0);
                                    @for d in DRIVER_NAMES {
                                        td.num { @if n > 0 { (pct(s.drivers[&side.name][d])) } @else { "—" } }
                                    }
                                    td.num { (n) }
                                }
                            }
                        }
                    }
                }
            }
            (key_events(m))
        }
    }
}

fn gave_up(m: &Member<'_>) -> Markup {
    let sc = m.results.scenario;
    let total: usize = m.tally.gave_up.values().sum();
    let n = m.tally.runs.max(1) as f64;
    html! {
        div.table {
            table {
                caption { "Cease-fires by who gave up (the side that first concluded it would cut its losses)" }
                thead { tr { th { "who gave up" } th.num { "share of all runs" } th.num { "share of cease-fires" } } }
                tbody {
                    @for (who, count) in &m.tally.gave_up {
                        tr {
                            th { @match who { GaveUp::Side(s) => { (sc.sides[*s].label) }, GaveUp::Both => { "both, in the same month" } } }
                            td.num { (pct(*count as f64 / n)) }
                            td.num { (pct(*count as f64 / total.max(1) as f64)) }
                        }
                    }
                }
            }
        }
    }
}

fn key_events(m: &Member<'_>) -> Markup {
    let sc = m.results.scenario;
    let ev = m.tally.key_events();
    html! {
        @if !ev.is_empty() {
            div.table {
                table {
                    caption { "Key events: share of runs in which each happened, and the median month of its first occurrence" }
                    thead { tr { th { "event" } th { "side" } th.num { "share of runs" } th.num { "median " (crate::plot::step_word(sc)) } } }
                    tbody {
                        @for e in ev.iter().take(12) {
                            tr {
                                th { (event_words(e.event)) }
                                td { (e.side.map(|s| sc.sides[s].label.clone()).unwrap_or_default()) }
                                td.num { (pct(e.share)) " " small { (pts(e.share_se)) } }
                                td.num { (step_at(sc, e.median_step)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn comparison(r: &Report<'_>, c: &Comparison) -> Markup {
    let reference = r.members[0].results.scenario;
    let unit = crate::plot::step_word(reference);
    html! {
        p {
            "Every scenario ran with the same " (c.runs) " seeded runs: run i of each draws the same uncertain values \
             wherever the scenarios share them, so the run-by-run difference isolates what a scenario changes. \
             Reference: " strong { (c.reference) } ". A difference is this scenario's " (unit)
            " of judging that time is not on its side minus the reference's in the same run (never = " (c.months + 1) ")."
        }
        @for (si, side) in c.sides.iter().enumerate() {
            div.table {
                table {
                    caption { (reference.sides[si].label) ": judged that time is not on its side" }
                    thead { tr {
                        th { "scenario" } th.num { "by the horizon" } th.num { "median" } th.num { "never" }
                        th.num { "median difference" } th.num { "90% of differences" } th.num { "P(earlier)" } th.num { "P(later)" }
                    } }
                    tbody {
                        @for (i, s) in c.scenarios.iter().enumerate() {
                            @if let (Some(t), Some(d)) = (s.tipping.get(side), s.paired.get(side)) {
                                tr {
                                    th { (s.name) @if i == 0 { " (reference)" } }
                                    td.num { (pct(t.share_by_month.last().copied().unwrap_or(0.0))) }
                                    td.num { (t.median_month.map(|m| format!("{m:.0}")).unwrap_or_else(|| "—".into())) }
                                    td.num { (pct(t.never_share)) }
                                    td.num { (signed(d.median_diff_months)) }
                                    td.num { (signed(d.p05_diff_months)) " to " (signed(d.p95_diff_months)) }
                                    td.num { (pct(d.p_earlier)) }
                                    td.num { (pct(d.p_later)) }
                                }
                            }
                        }
                    }
                }
            }
        }
        div.table {
            table {
                caption { "How the runs ended (share of runs at the horizon)" }
                @let keys: Vec<&String> = c.scenarios[0].outcomes.keys()
                    .filter(|k| c.scenarios.iter().any(|s| s.outcomes.get(*k).copied().unwrap_or(0.0) > 0.0)).collect();
                thead { tr { th { "scenario" } @for k in &keys { th.num { (outcome_words(reference, k)) } } } }
                tbody {
                    @for s in &c.scenarios {
                        tr { th { (s.name) } @for k in &keys { td.num { (pct(s.outcomes.get(*k).copied().unwrap_or(0.0))) } } }
                    }
                }
            }
        }
    }
}

fn signed(x: f64) -> String {
    if x.abs() < 0.5 { "0".into() } else { format!("{x:+.0}") }
}

fn figure(ch: &Chart) -> Markup {
    html! {
        figure role="group" aria-label=(ch.title) {
            (PreEscaped(&ch.svg))
            figcaption { strong { "How to read this. " } (how_to_read(ch.name, ch.comparison)) }
        }
    }
}

fn changes(m: &Member<'_>) -> Markup {
    html! {
        @if let Some(d) = m.diff {
            h3 { (m.results.scenario.name) }
            p { "Extends " code { (d.parent) } " (" (d.parent_name) "). Everything not listed is the parent's." }
            (param_table(&d.rows, "parent value"))
        }
    }
}

fn param_table(rows: &[super::params::ParamRow], reference: &str) -> Markup {
    html! {
        @if rows.is_empty() {
            p.empty { "None." }
        } @else {
            div.table {
                table.params {
                    thead { tr { th { "parameter" } th { (reference) } th { "this scenario" } th { "unit" } th { "source" } } }
                    tbody {
                        @for row in rows {
                            tr {
                                td { code { (row.path) } }
                                td { code { (row.reference) } }
                                td { code { (row.value) } }
                                td { (row.unit) }
                                td.source { (row.source) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn provenance(r: &Report<'_>) -> Markup {
    html! {
        div.table {
            table.provenance {
                tbody {
                    tr { th { "tool" } td { "protracted " (r.members[0].results.summary.version) } }
                    tr { th { "command" } td { code { (r.command) } } }
                    tr { th { "runs" } td { (r.members[0].results.summary.runs) } }
                    tr { th { "seed" } td { (r.members[0].results.summary.seed) } }
                    tr { th { "horizon" } td { (r.members[0].results.summary.months) " " (crate::plot::step_word(r.members[0].results.scenario)) "s from " (r.members[0].results.summary.start) } }
                    @for m in &r.members {
                        tr {
                            th { "scenario" }
                            td {
                                (m.results.scenario.name) " — " code { (m.results.scenario.file.display().to_string()) }
                                br; "SHA-256 of its files and overrides: " code.hash { (m.results.scenario.source_hash) }
                                @if !m.results.scenario.overrides.is_empty() {
                                    br; "overrides: " @for o in &m.results.scenario.overrides { code { "--set " (o) } " " }
                                }
                            }
                        }
                    }
                }
            }
        }
        p { "The same command with " code { "run" } " or " code { "compare" } " in place of " code { "report" }
            " prints these numbers and writes the data files; results are identical at any thread count." }
    }
}
