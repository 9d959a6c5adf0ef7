//! One live re-run: lever positions → the scenario with those `--set` overrides, run on
//! common random numbers against the unchanged scenario (cached), and drawn.
//!
//! A position is checked against the lever's range, then the overrides go through
//! [`crate::scenario::load`] like any `--set`: an out-of-range value gets the scenario
//! validator's own message, which is returned for the lever that caused it. The charts are the
//! CLI's comparison charts ([`crate::plot`], as SVG), plus a fan of one chosen variable; the
//! numbers are the CLI's summary and comparison records. The variant's ensemble aggregates
//! only the fan's column ([`crate::analysis::series::Aggregate::Only`]): nothing else reads
//! its statistics, and aggregating every column was most of a move's CPU time
//! (`docs/PERFORMANCE.md`, "The classroom"). Everything here is synchronous (the HTTP layer
//! runs it on a blocking thread).

use super::library::Entry;
use crate::analysis::compare::{Comparison, Results, compare};
use crate::analysis::ensemble::{PerRun, RunView};
use crate::analysis::series::Aggregate;
use crate::analysis::summary::summarize;
use crate::plot::fan::{Bands, FanPanel};
use crate::plot::frame::{Frame, LegendItem, Swatch};
use crate::plot::{Figure, overlay::Overlay, style};
use crate::report::params::{self, Diff, ParamRow};
use crate::report::run::{Computed, compute};
use crate::report::{Member, Report};
use crate::scenario::levers::{Lever, inline, variant_file};
use crate::scenario::source::Merged;
use crate::scenario::{Origin, Scenario};
use crate::sim::Options;
use maud::html;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::Arc;

/// What the page asks for.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiveRequest {
    /// The scenario's name in the library.
    pub scenario: String,
    /// Lever positions by lever id (levers not given stay where the scenario has them).
    #[serde(default)]
    pub levers: BTreeMap<String, f64>,
    /// The variable of the fan chart, as `NAME` (world) or `NAME@SIDE` (side index).
    pub variable: Option<String>,
    /// Master seed (default: the scenario's).
    pub seed: Option<u64>,
}

/// Why a request cannot be answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LiveError {
    /// HTTP status to answer with.
    #[serde(skip)]
    pub status: u16,
    /// A message for the whole request.
    pub error: String,
    /// Messages for individual levers, by lever id.
    pub levers: BTreeMap<String, String>,
}

impl LiveError {
    fn general(status: u16, error: impl Into<String>) -> LiveError {
        LiveError { status, error: error.into(), levers: BTreeMap::new() }
    }
}

/// The unchanged scenario with its ensemble (cached per scenario and seed).
pub struct Base {
    /// The library entry.
    pub entry: Entry,
    /// The scenario as loaded.
    pub scenario: Scenario,
    /// Its files and merged table.
    pub merged: Merged,
    /// Its ensemble, summary and tally.
    pub computed: Computed,
    /// The options it ran with.
    pub options: Options,
}

/// Load and run the unchanged scenario.
pub fn base(entry: &Entry, runs: usize, threads: usize, seed: Option<u64>) -> Result<Base, LiveError> {
    let (scenario, merged) = crate::scenario::load_with_sources(&entry.path, &[])
        .map_err(|e| LiveError::general(500, format!("{} no longer loads: {e}", entry.name)))?;
    let options = Options { runs, seed: seed.unwrap_or(scenario.seed), steps: scenario.steps, threads };
    let computed = compute(&scenario, options, PerRun::TippingMonths, &mut |_| {});
    Ok(Base { entry: entry.clone(), scenario, merged, computed, options })
}

/// The scenario with the levers moved: its `--set` arguments and the levers moved.
pub struct Variant {
    /// The `--set` arguments, in lever order.
    pub sets: Vec<String>,
    /// The levers moved and their positions.
    pub moved: Vec<(Lever, f64)>,
    /// The scenario (named "... — levers moved"), or `None` when no lever is moved.
    pub scenario: Option<(Scenario, Merged)>,
}

/// Check the positions and load the variant.
pub fn variant(base: &Base, positions: &BTreeMap<String, f64>) -> Result<Variant, LiveError> {
    let levers = &base.scenario.levers.list;
    let mut errors = BTreeMap::new();
    let mut moved = Vec::new();
    for (id, &x) in positions {
        let Some(l) = levers.iter().find(|l| &l.id == id) else {
            return Err(LiveError::general(400, format!("\"{id}\" is not a lever of {}", base.entry.name)));
        };
        match l.check(x) {
            Err(e) => {
                errors.insert(id.clone(), e.message);
            }
            Ok(()) if !l.is_initial(x) => moved.push((l.clone(), x)),
            Ok(()) => {}
        }
    }
    if !errors.is_empty() {
        return Err(LiveError { status: 422, error: "a lever is out of its range".into(), levers: errors });
    }
    let sets: Vec<String> = moved.iter().map(|(l, x)| l.set_arg(*x)).collect();
    if sets.is_empty() {
        return Ok(Variant { sets, moved, scenario: None });
    }
    match crate::scenario::load_with_sources(&base.entry.path, &sets) {
        Ok((mut sc, merged)) => {
            sc.name = format!("{} — levers moved", base.scenario.name);
            Ok(Variant { sets, moved, scenario: Some((sc, merged)) })
        }
        Err(e) => {
            let mut levers = BTreeMap::new();
            let mut general = Vec::new();
            for d in &e.diagnostics {
                let lever = match &d.origin {
                    Origin::Set(arg) => moved.iter().find(|(l, x)| &l.set_arg(*x) == arg).map(|(l, _)| l.id.clone()),
                    _ => None,
                };
                match lever {
                    Some(id) => {
                        let m: &mut String = levers.entry(id).or_default();
                        if !m.is_empty() {
                            m.push('\n');
                        }
                        m.push_str(&d.to_string());
                    }
                    None => general.push(d.to_string()),
                }
            }
            let error =
                if general.is_empty() { "a lever's value is not valid".to_string() } else { general.join("\n") };
            Err(LiveError { status: 422, error, levers })
        }
    }
}

/// The answer to a live request.
#[derive(Debug, Clone, Serialize)]
pub struct LiveAnswer {
    /// SVG documents: `tipping`, `outcomes`, `fan`.
    pub charts: BTreeMap<&'static str, String>,
    /// The numbers as an HTML fragment (escaped).
    pub numbers: String,
    /// The summary of the scenario with the levers moved, as `run` writes `summary.json`.
    pub summary: serde_json::Value,
    /// The `protracted run` command that reproduces it.
    pub command: String,
    /// The `--set` arguments of the moved levers.
    pub sets: Vec<String>,
    /// Milliseconds the server spent (running and drawing).
    pub server_ms: f64,
}

fn quote(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// `protracted run FILE --runs N --seed S --set ...`.
pub fn command(file: &str, opts: Options, sets: &[String]) -> String {
    let mut c = format!("protracted run {} --runs {} --seed {}", quote(file), opts.runs, opts.seed);
    for s in sets {
        c.push_str(" --set ");
        c.push_str(&quote(s));
    }
    c
}

/// Parse `NAME` or `NAME@SIDE` into a column of `r`.
fn column(r: &Results<'_>, v: Option<&str>) -> usize {
    let cols = r.columns();
    let pick = v.and_then(|v| match v.split_once('@') {
        Some((name, side)) => side.parse::<usize>().ok().filter(|s| *s < 2).and_then(|s| cols.find(name, Some(s))),
        None => cols.find(v, None),
    });
    pick.or_else(|| cols.find("front_k", Some(0))).unwrap_or(0)
}

/// The fan of column `col`, the scenario against the unchanged one.
fn fan_figure(members: &[Results<'_>], col: usize) -> Figure {
    let r = members[0];
    let (spec, side) = r.columns().iter().nth(col).unwrap_or((&r.columns().side[0], Some(0)));
    let who = side.map(|s| format!("{}: ", r.side(s))).unwrap_or_default();
    let fans = members
        .iter()
        .enumerate()
        .map(|(i, m)| m.fan(col, m.summary.scenario.clone(), style::scenario_color(i)).with_bands(Bands::Inner))
        .collect();
    let panel = FanPanel::new(format!("{who}{}", spec.name), spec.unit, fans);
    let mut legend: Vec<LegendItem> = members
        .iter()
        .enumerate()
        .map(|(i, m)| LegendItem::new(Swatch::Fan(style::scenario_color(i)), m.summary.scenario.clone()))
        .collect();
    legend.push(LegendItem::new(Swatch::Fan(style::GREY), "line: median; shading: middle 50% of runs"));
    Figure::Overlay(Overlay {
        frame: Frame {
            title: format!("{who}{}", spec.doc.trim_end_matches('.')),
            legend,
            caption: vec![crate::plot::tipping::compare_caption(members)],
        },
        timeline: r.timeline(),
        panels: vec![panel],
    })
}

fn numbers(members: &[Results<'_>], cmp: &Comparison) -> String {
    let sc = members[0].scenario;
    let months: Vec<usize> = crate::report::page::TABLE_MONTHS.iter().copied().filter(|&m| m <= sc.steps).collect();
    let pct = crate::report::words::pct;
    let p = if sc.monthly() { "m" } else { "" };
    let moved = members.len() > 1;
    html! {
        table.numbers {
            caption { "Judged that time is not on its side (share of runs by month)" }
            thead { tr {
                th { "side" } th { "scenario" }
                @for m in &months { th.num { (p) (m) } }
                th.num { "median" } th.num { "never" }
                @if moved { th.num { "earlier" } th.num { "later" } }
            } }
            tbody {
                @for (si, side) in sc.sides.iter().enumerate() {
                    @for (i, r) in members.iter().enumerate() {
                        @let t = &r.summary.tipping[&side.name].time_not_on_side;
                        tr class=(if i == 0 { "unchanged" } else { "moved" }) {
                            @if i == 0 { th rowspan=(members.len()) { (side.label) } }
                            td { @if i == 0 { "unchanged" } @else { "levers moved" } }
                            @for &m in &months { td.num { (pct(t.share_by_month[m])) } }
                            td.num { (t.median_month.map(|x| format!("{x:.0}")).unwrap_or_else(|| "—".into())) }
                            td.num { (pct(t.never_share)) }
                            @if moved {
                                @if i == 0 { td.num { } td.num { } } @else {
                                    @let d = &cmp.scenarios[i].paired[&sc.sides[si].name];
                                    td.num { (pct(d.p_earlier)) } td.num { (pct(d.p_later)) }
                                }
                            }
                        }
                    }
                }
            }
        }
        table.numbers {
            caption { "How the runs ended (share of runs at the horizon)" }
            @let keys: Vec<&String> = members[0].summary.outcomes.keys()
                .filter(|k| members.iter().any(|r| r.summary.outcomes[*k] > 0.0)).collect();
            thead { tr { th { "scenario" } @for k in &keys { th.num { (crate::report::words::outcome_words(sc, k)) } } } }
            tbody {
                @for (i, r) in members.iter().enumerate() {
                    tr class=(if i == 0 { "unchanged" } else { "moved" }) {
                        td { @if i == 0 { "unchanged" } @else { "levers moved" } }
                        @for k in &keys { td.num { (pct(r.summary.outcomes[*k])) } }
                    }
                }
            }
        }
        p.se { "Shares of " (r_runs(members)) " runs: a share's Monte Carlo error is at most "
            (format!("{:.1}", 50.0 / (members[0].summary.runs.max(1) as f64).sqrt())) " points. \
             Earlier, later: share of runs in which the side tips earlier or later than in the same run unchanged." }
    }
    .into_string()
}

fn r_runs(members: &[Results<'_>]) -> String {
    style::thousands(members[0].summary.runs as f64, 0)
}

/// Run the variant against the base and draw.
///
/// The variant's ensemble aggregates only the fan's column (the one column its statistics
/// are read for); the answer is the same as [`answer_every_column`]'s.
pub fn answer(
    base: &Base,
    v: &Variant,
    variable: Option<&str>,
    threads_opts: Options,
) -> Result<LiveAnswer, LiveError> {
    answer_aggregating(base, v, variable, threads_opts, false)
}

/// [`answer`] from a variant ensemble that aggregates every column, as `run` does: slower
/// (the variant pays for statistics nobody reads), kept to check that [`answer`] draws and
/// counts the same.
pub fn answer_every_column(
    base: &Base,
    v: &Variant,
    variable: Option<&str>,
    threads_opts: Options,
) -> Result<LiveAnswer, LiveError> {
    answer_aggregating(base, v, variable, threads_opts, true)
}

fn answer_aggregating(
    base: &Base,
    v: &Variant,
    variable: Option<&str>,
    threads_opts: Options,
    every_column: bool,
) -> Result<LiveAnswer, LiveError> {
    let started = std::time::Instant::now();
    let b = Results { scenario: &base.scenario, ensemble: &base.computed.ensemble, summary: &base.computed.summary };
    let col = column(&b, variable);
    // The variant's statistics are read only by the fan, of this one column: the others need
    // not be aggregated. The tipping and outcomes charts, the numbers and the summary read the
    // runs' tally, which is kept whole, and the comparison each run's tipping months. (A request
    // for another variable runs again.)
    let which = if every_column { Aggregate::Every } else { Aggregate::Only(vec![col]) };
    let computed = v.scenario.as_ref().map(|(sc, _)| {
        let none = &mut |_: &RunView<'_>| Ok::<(), Infallible>(());
        let Ok(ensemble) = crate::sim::ensemble_of(sc, threads_opts, which, PerRun::TippingMonths, &mut |_| {}, none);
        let summary = summarize(sc, &ensemble);
        (ensemble, summary)
    });
    let mut members = vec![b];
    if let (Some((sc, _)), Some((ensemble, summary))) = (&v.scenario, &computed) {
        members.push(Results { scenario: sc, ensemble, summary });
    }
    let cmp = compare(&if members.len() > 1 { members.clone() } else { vec![b, b] })
        .map_err(|e| LiveError::general(500, e.to_string()))?;
    let figs = [
        ("tipping", Figure::TippingComparison(crate::plot::tipping::TippingComparison::build(&members))),
        ("outcomes", Figure::OutcomesComparison(crate::plot::outcomes::OutcomesComparison::build(&members))),
        ("fan", fan_figure(&members, col)),
    ];
    use rayon::prelude::*;
    let charts: BTreeMap<&'static str, String> = figs
        .par_iter()
        .map(|(k, f)| crate::plot::render_svg(f).map(|s| (*k, s)))
        .collect::<Result<_, _>>()
        .map_err(|e| LiveError::general(500, e.to_string()))?;
    let last = members[members.len() - 1];
    let summary = serde_json::from_slice(&crate::export::summary_json(last.summary)).unwrap_or_default();
    let file = base.entry.path.display().to_string();
    Ok(LiveAnswer {
        numbers: numbers(&members, &cmp),
        charts,
        summary,
        command: command(&file, threads_opts, &v.sets),
        sets: v.sets.clone(),
        server_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}

/// The levers moved as a scenario file extending the original.
pub fn save(base: &Base, v: &Variant) -> (String, String) {
    let parent = base.entry.path.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = base.entry.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let moved: Vec<(&Lever, f64)> = v.moved.iter().map(|(l, x)| (l, *x)).collect();
    let name = format!("{} — levers moved", base.scenario.name);
    let text = variant_file(&parent, &name, &moved, base.options.runs, base.options.seed, base.options.steps);
    (format!("{stem}-levers.toml"), text)
}

/// The report of the unchanged scenario and the levers moved, on common random numbers.
pub fn report(base: &Base, v: &Variant, opts: Options) -> Result<(String, String), LiveError> {
    let err = |e: crate::plot::PlotError| LiveError::general(500, e.to_string());
    let stem = base.entry.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let base_rows = params::non_defaults(&base.merged, &base.scenario);
    let b = Results { scenario: &base.scenario, ensemble: &base.computed.ensemble, summary: &base.computed.summary };
    let base_member = Member { results: b, tally: &base.computed.tally, diff: None, params: &base_rows };
    let html = match &v.scenario {
        None => crate::report::render(&Report {
            members: vec![base_member],
            comparison: None,
            command: command(&base.entry.path.display().to_string(), opts, &[]).replacen(" run ", " report ", 1),
        })
        .map_err(err)?,
        Some((sc, merged)) => {
            let c = compute(sc, opts, PerRun::TippingMonths, &mut |_| {});
            let rows = params::non_defaults(merged, sc);
            let diff = Diff {
                parent: base.entry.name.clone(),
                parent_name: base.scenario.name.clone(),
                rows: v
                    .moved
                    .iter()
                    .map(|(l, x)| ParamRow {
                        path: l.path.clone(),
                        reference: inline(&l.base),
                        value: inline(&l.value_at(*x)),
                        unit: sc
                            .slots
                            .iter()
                            .find(|s| s.path == l.path)
                            .map(|s| s.spec.unit.to_string())
                            .unwrap_or_default(),
                        source: format!(
                            "lever \u{201c}{}\u{201d} at {} {}",
                            l.label,
                            crate::params::fmt_num(*x),
                            l.unit
                        ),
                    })
                    .collect(),
            };
            let r = Results { scenario: sc, ensemble: &c.ensemble, summary: &c.summary };
            let cmp = compare(&[b, r]).map_err(|e| LiveError::general(500, e.to_string()))?;
            let members = vec![base_member, Member { results: r, tally: &c.tally, diff: Some(&diff), params: &rows }];
            let mut cmdline = command(&base.entry.path.display().to_string(), opts, &v.sets);
            cmdline.push_str("   (the levers moved in protracted serve; compare with the same command without --set)");
            crate::report::render(&Report { members, comparison: Some(&cmp), command: cmdline }).map_err(err)?
        }
    };
    Ok((format!("{stem}-report.html"), html))
}

/// A cached base, shared between requests.
pub type SharedBase = Arc<Base>;
