//! Charts: each written as a 1600×900 PNG and an SVG, rendered in memory and written
//! atomically.
//!
//! As in criterion.rs, *what* to draw is kept apart from *where*: each chart kind has its own
//! module with a plain data struct, built from the ensemble by a `build` function (pure, no
//! drawing), and a `draw` function generic over plotters' `DrawingBackend`, so the same code
//! paints a bitmap (PNG) and an SVG. [`style`] holds every colour, size and font; [`frame`]
//! the title, legend and caption that all charts share; [`fan`] the dated time axis and the
//! fan panels. This module gathers the charts into [`Figure`]s, renders them to bytes
//! ([`render_png`], [`render_svg`]) and writes them ([`write_figures`]).
//!
//! Charts of a `run`: [`tipping`], [`battle`] (classic battles), [`manpower`], [`economy`], [`bounty`], [`territory`],
//! [`outcomes`], [`drivers`]. Charts of a `compare`: the tipping curves of every scenario per
//! side ([`tipping::TippingComparison`]), the paired differences ([`paired`]), the outcome
//! shares side by side ([`outcomes::OutcomesComparison`]) and fan overlays ([`overlay`]).
//!
//! Text uses the embedded DejaVu Sans via plotters' pure-Rust `ab_glyph` path (never the
//! `ttf` feature, which needs fontconfig): [`style::register_fonts`] runs before any drawing.

pub mod battle;
pub mod bounty;
pub mod drivers;
pub mod economy;
pub mod explore;
pub mod fan;
pub mod frame;
pub mod manpower;
pub mod outcomes;
pub mod overlay;
pub mod paired;
pub mod seek;
pub mod sensitivity;
pub mod story;
pub mod style;
pub mod sweep;
pub mod territory;
pub mod tipping;
pub mod why;

pub use crate::analysis::compare::Results;

use crate::analysis::compare::Comparison;
use crate::analysis::summary::Summary;
use crate::export::atomic::write_atomic;
use crate::model::outputs::{Columns, Kind};
use crate::scenario::Scenario;
use plotters::coord::Shift;
use plotters::prelude::*;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use style::Timeline;

/// Why a chart could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    /// plotters failed while drawing.
    #[error("drawing a chart: {0}")]
    Draw(String),
    /// The PNG encoder failed.
    #[error("encoding a PNG: {0}")]
    Encode(String),
    /// A file could not be written.
    #[error("writing {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for PlotError {
    fn from(e: DrawingAreaErrorKind<E>) -> PlotError {
        PlotError::Draw(e.to_string())
    }
}

/// One chart, ready to render. (A handful are built per command, so the variants' differing
/// sizes do not matter.)
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)]
pub enum Figure {
    /// `tipping`: when each side judges that time is not on its side.
    Tipping(tipping::Tipping),
    /// `battle`: a classic battle's two forces over time and against each other.
    Battle(battle::Battle),
    /// `manpower`: front strength, casualties and recruits.
    Manpower(manpower::Manpower),
    /// `economy`: the war economy of the energy exporter and the aid of the other side.
    Economy(economy::Economy),
    /// `bounty`: the sign-up bounty and the marginal recruit's price.
    Bounty(bounty::Bounty),
    /// `territory`: ground held and gained, with the attacker's objective.
    Territory(territory::Territory),
    /// `outcomes`: how runs ended, at the horizon and over time.
    Outcomes(outcomes::Outcomes),
    /// `drivers`: what moved each side's judgment.
    Drivers(drivers::Drivers),
    /// `why`: the two halves of the judgment rule over time, per side.
    Why(why::Why),
    /// Comparison `tipping`: every scenario's curve, one panel per side.
    TippingComparison(tipping::TippingComparison),
    /// Comparison `paired`: differences in tipping month, run by run.
    Paired(paired::Paired),
    /// Comparison `outcomes`: outcome shares side by side.
    OutcomesComparison(outcomes::OutcomesComparison),
    /// Comparison `fans`: key variables of every scenario overlaid.
    Overlay(overlay::Overlay),
}

impl Figure {
    /// File name without extension.
    pub fn name(&self) -> &'static str {
        match self {
            Figure::Tipping(_) | Figure::TippingComparison(_) => "tipping",
            Figure::Battle(_) => "battle",
            Figure::Manpower(_) => "manpower",
            Figure::Economy(_) => "economy",
            Figure::Bounty(_) => "bounty",
            Figure::Territory(_) => "territory",
            Figure::Outcomes(_) | Figure::OutcomesComparison(_) => "outcomes",
            Figure::Drivers(_) => "drivers",
            Figure::Why(_) => "why",
            Figure::Paired(_) => "paired",
            Figure::Overlay(_) => "fans",
        }
    }

    /// The frame: title, legend, caption.
    pub fn frame(&self) -> &frame::Frame {
        match self {
            Figure::Tipping(c) => &c.frame,
            Figure::Battle(c) => &c.frame,
            Figure::Manpower(c) => &c.frame,
            Figure::Economy(c) => &c.frame,
            Figure::Bounty(c) => &c.frame,
            Figure::Territory(c) => &c.frame,
            Figure::Outcomes(c) => &c.frame,
            Figure::Drivers(c) => &c.frame,
            Figure::Why(c) => &c.frame,
            Figure::TippingComparison(c) => &c.frame,
            Figure::Paired(c) => &c.frame,
            Figure::OutcomesComparison(c) => &c.frame,
            Figure::Overlay(c) => &c.frame,
        }
    }

    /// The title.
    pub fn title(&self) -> &str {
        &self.frame().title
    }

    /// Draw on any backend.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        match self {
            Figure::Tipping(c) => c.draw(root),
            Figure::Battle(c) => c.draw(root),
            Figure::Manpower(c) => c.draw(root),
            Figure::Economy(c) => c.draw(root),
            Figure::Bounty(c) => c.draw(root),
            Figure::Territory(c) => c.draw(root),
            Figure::Outcomes(c) => c.draw(root),
            Figure::Drivers(c) => c.draw(root),
            Figure::Why(c) => c.draw(root),
            Figure::TippingComparison(c) => c.draw(root),
            Figure::Paired(c) => c.draw(root),
            Figure::OutcomesComparison(c) => c.draw(root),
            Figure::Overlay(c) => c.draw(root),
        }
    }
}

/// A chart that can be rendered: its file name and how it draws on any backend. Both the
/// run/compare figures ([`Figure`]) and the explore commands' ([`explore::ExploreFigure`])
/// implement it, so rendering and writing are written once.
pub trait Chart {
    /// File name without extension.
    fn file_stem(&self) -> String;
    /// Draw on any plotters backend.
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError>;
}

impl Chart for Figure {
    fn file_stem(&self) -> String {
        self.name().to_string()
    }
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        self.draw(root)
    }
}

/// Render a chart as an SVG document.
pub fn render_svg<F: Chart>(fig: &F) -> Result<String, PlotError> {
    style::register_fonts();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (style::WIDTH, style::HEIGHT)).into_drawing_area();
        fig.draw_on(&root)?;
        root.present()?;
    }
    Ok(svg)
}

/// Render a chart as a PNG file's bytes (RGB, 1600×900).
pub fn render_png<F: Chart>(fig: &F) -> Result<Vec<u8>, PlotError> {
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    style::register_fonts();
    let (w, h) = (style::WIDTH, style::HEIGHT);
    let mut rgb = vec![255u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        fig.draw_on(&root)?;
        root.present()?;
    }
    let mut png = Vec::with_capacity(rgb.len() / 8);
    PngEncoder::new_with_quality(&mut png, CompressionType::Fast, FilterType::Adaptive)
        .write_image(&rgb, w, h, image::ColorType::Rgb8)
        .map_err(|e| PlotError::Encode(e.to_string()))?;
    Ok(png)
}

/// Render charts (in parallel) and write `<name>.png` and `<name>.svg` for each into `dir`,
/// atomically. Returns the files written, in chart order.
pub fn write_figures<F: Chart + Sync>(figs: &[F], dir: &Path) -> Result<Vec<PathBuf>, PlotError> {
    let rendered: Vec<(Vec<u8>, String)> =
        figs.par_iter().map(|f| Ok((render_png(f)?, render_svg(f)?))).collect::<Result<_, PlotError>>()?;
    let mut written = Vec::with_capacity(2 * figs.len());
    for (f, (png, svg)) in figs.iter().zip(rendered) {
        for (ext, bytes) in [("png", png.as_slice()), ("svg", svg.as_bytes())] {
            let path = dir.join(format!("{}.{ext}", f.file_stem()));
            write_atomic(&path, bytes).map_err(|source| PlotError::Io { path: path.clone(), source })?;
            written.push(path);
        }
    }
    Ok(written)
}

/// What the charts need to know about one scenario's results.
impl Results<'_> {
    /// The dated time axis.
    pub fn timeline(&self) -> Timeline {
        Timeline::of(self.scenario, self.ensemble.options.steps)
    }

    /// The column layout.
    pub fn columns(&self) -> &Columns {
        &self.ensemble.columns
    }

    /// The display label of side `s`.
    pub fn side(&self, s: usize) -> &str {
        &self.scenario.sides[s].label
    }

    /// Palette slot of each side ([`style::side_slots`]).
    pub fn side_slots(&self) -> [usize; 2] {
        let sides = &self.scenario.sides;
        style::side_slots([sides[0].name.as_str(), sides[1].name.as_str()])
    }

    /// The colour of side `s`.
    pub fn side_color(&self, s: usize) -> RGBColor {
        style::SIDE[self.side_slots()[s]]
    }

    /// The first caption line: scenario, runs, seed, horizon.
    pub fn caption(&self) -> String {
        caption_line(self.scenario, self.summary)
    }

    /// The central value of the parameter `sides.<side>.<key>` (0 when the scenario has none).
    pub fn side_param(&self, s: usize, key: &str) -> f64 {
        side_param(self.scenario, s, key)
    }

    /// The word for a step in units ("month", "day", "step").
    pub fn step_word(&self) -> &'static str {
        step_word(self.scenario)
    }

    /// The fan of column `col`, over the runs still going at each step (a run that ended — in
    /// a cease-fire, a collapse or at its objective — would otherwise hold its last level, or
    /// count its flows as 0, and bend the fan towards the ended runs), while at least
    /// [`LIVE_SHARE_DRAWN`] of the runs are. A flow is drawn from step 1 (step 0 is the
    /// initial state, with nothing yet flowing), a level from step 0.
    pub fn fan(&self, col: usize, label: impl Into<String>, color: RGBColor) -> fan::Fan {
        let series = &self.ensemble.series;
        let flow = self.ensemble.columns.iter().nth(col).is_some_and(|(v, _)| v.kind == Kind::Flow);
        let needed = (LIVE_SHARE_DRAWN * self.ensemble.options.runs as f64).max(1.0);
        let q = (0..series.rows())
            .map(|t| match series.live_stat(t, col) {
                Some((stat, going)) if going as f64 >= needed => stat.p,
                Some(_) => [f64::NAN; 5],
                None => series.stat(t, col).p,
            })
            .collect();
        let f = fan::Fan::new(q, label, color);
        if flow { f.from_step(1) } else { f }
    }

    /// Mean of column `col` over the runs still going at each step (`NaN` where fewer than
    /// [`LIVE_SHARE_DRAWN`] of the runs are): for a 0/1 column, the share of the runs still at
    /// war in which it holds.
    /// Also returns how many runs that is.
    pub fn live_mean(&self, col: usize) -> Vec<(f64, u64)> {
        let series = &self.ensemble.series;
        let runs = self.ensemble.options.runs;
        let needed = (LIVE_SHARE_DRAWN * runs as f64).max(1.0);
        (0..series.rows())
            .map(|t| match series.live_stat(t, col) {
                Some((stat, going)) if going as f64 >= needed => (stat.mean, going),
                Some((_, going)) => (f64::NAN, going),
                None => (series.stat(t, col).mean, runs as u64),
            })
            .collect()
    }

    /// Markers for side `s`'s key events (names from
    /// [`KEY_EVENTS`](crate::judgment::outcome::KEY_EVENTS)) that happened in at least 5% of the
    /// runs: at the median month of their first occurrence, labelled with the share of runs.
    pub fn event_marks(&self, s: usize, events: &[&str]) -> Vec<fan::Mark> {
        let Some(ev) = self.summary.key_events.get(&self.scenario.sides[s].name) else {
            return Vec::new();
        };
        events
            .iter()
            .filter_map(|&k| {
                let e = ev.get(k)?;
                let m = e.median_month.filter(|_| e.share >= 0.05)?;
                Some(fan::Mark {
                    x: m,
                    label: format!("{} ({} of runs)", k.replace('_', " "), style::percent(e.share)),
                    color: style::SIDE[s],
                })
            })
            .collect()
    }

    /// The first step at which fewer than half of the runs are still going, if any: from there
    /// a flow's fan describes a minority of the runs.
    pub fn half_ended(&self) -> Option<usize> {
        let ongoing = crate::judgment::outcome::Outcome::Ongoing.index();
        outcomes::by_step(&self.ensemble.tally, self.ensemble.options.steps).iter().position(|r| r[ongoing] < 0.5)
    }

    /// A marker at [`Results::half_ended`] for panels of flows.
    pub fn half_ended_mark(&self) -> Option<fan::Mark> {
        let label = if self.summary.runs == 1 { "the run ends" } else { "½ of runs ended" };
        self.half_ended().map(|t| fan::Mark { x: t as f64, label: label.into(), color: style::GREY })
    }
}

/// Share of the runs that must still be going at a step for a flow's fan to be drawn there.
pub const LIVE_SHARE_DRAWN: f64 = 0.1;

/// The central value of `sides.<side>.<key>` in a scenario (0 when absent).
pub fn side_param(sc: &Scenario, s: usize, key: &str) -> f64 {
    let path = format!("sides.{}.{key}", sc.sides[s].name);
    sc.slots.iter().find(|slot| slot.path == path).map(|slot| slot.central()).unwrap_or(0.0)
}

/// "month", "day" or "step".
pub fn step_word(sc: &Scenario) -> &'static str {
    if sc.monthly() {
        "month"
    } else if (sc.step_days - 1.0).abs() < 1e-9 {
        "day"
    } else {
        "step"
    }
}

/// "Baseline (mid-2025) · 1,000 runs · seed 2025 · 60 months from 2025-07 · protracted 0.1.0".
pub fn caption_line(sc: &Scenario, s: &Summary) -> String {
    let runs = if s.runs == 1 { "1 run".to_string() } else { format!("{} runs", style::thousands(s.runs as f64, 0)) };
    format!(
        "{} · {runs} · seed {} · {} {}s from {} · protracted {}",
        s.scenario,
        s.seed,
        s.months,
        step_word(sc),
        s.start,
        s.version
    )
}

/// The charts of a `run`, in the order they are written (those that do not apply to the
/// scenario's model are left out).
pub fn run_figures(d: Results<'_>) -> Vec<Figure> {
    let mut figs = Vec::new();
    if let Some(c) = tipping::Tipping::build(d) {
        figs.push(Figure::Tipping(c));
    }
    if let Some(c) = battle::Battle::build(d) {
        figs.push(Figure::Battle(c));
    }
    if let Some(c) = manpower::Manpower::build(d) {
        figs.push(Figure::Manpower(c));
    }
    if let Some(c) = economy::Economy::build(d) {
        figs.push(Figure::Economy(c));
    }
    if let Some(c) = bounty::Bounty::build(d) {
        figs.push(Figure::Bounty(c));
    }
    if let Some(c) = territory::Territory::build(d) {
        figs.push(Figure::Territory(c));
    }
    figs.push(Figure::Outcomes(outcomes::Outcomes::build(d)));
    if let Some(c) = drivers::Drivers::build(d) {
        figs.push(Figure::Drivers(c));
    }
    if let Some(c) = why::Why::build(d) {
        figs.push(Figure::Why(c));
    }
    figs
}

/// Render and write the charts of a `run` into `dir`; returns the files written.
pub fn write_run_charts(d: Results<'_>, dir: &Path) -> Result<Vec<PathBuf>, PlotError> {
    write_figures(&run_figures(d), dir)
}

/// The charts of a `compare`: `members` in order, the first the reference.
pub fn compare_figures(members: &[Results<'_>], cmp: &Comparison) -> Vec<Figure> {
    let mut figs = vec![Figure::TippingComparison(tipping::TippingComparison::build(members))];
    figs.push(Figure::Paired(paired::Paired::build(members, cmp)));
    figs.push(Figure::OutcomesComparison(outcomes::OutcomesComparison::build(members)));
    if let Some(c) = overlay::Overlay::build(members) {
        figs.push(Figure::Overlay(c));
    }
    figs
}

/// Render and write the charts of a `compare` into `dir`; returns the files written.
pub fn write_compare_charts(members: &[Results<'_>], cmp: &Comparison, dir: &Path) -> Result<Vec<PathBuf>, PlotError> {
    write_figures(&compare_figures(members, cmp), dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::compare::compare;
    use crate::testing::ensemble;

    fn check(fig: &Figure) {
        let png = render_png(fig).expect("renders as PNG");
        let img = image::load_from_memory(&png).expect("a valid PNG");
        assert_eq!((img.width(), img.height()), (style::WIDTH, style::HEIGHT), "{}", fig.name());
        let svg = render_svg(fig).expect("renders as SVG");
        assert!(svg.starts_with("<svg"), "{}", fig.name());
        let title = fig.title().replace('&', "&amp;").replace('\'', "&apos;").replace('<', "&lt;");
        assert!(svg.contains(&title) || svg.contains(fig.title()), "{}: title missing", fig.name());
    }

    #[test]
    fn every_run_chart_of_the_war_model_renders() {
        let (sc, e, s) = ensemble("scenarios/baseline.toml", 24, 12);
        let figs = run_figures(Results { scenario: &sc, ensemble: &e, summary: &s });
        let names: Vec<&str> = figs.iter().map(Figure::name).collect();
        assert_eq!(names, ["tipping", "manpower", "economy", "bounty", "territory", "outcomes", "drivers", "why"]);
        figs.iter().for_each(check);
    }

    #[test]
    fn a_classic_battle_gets_the_charts_that_apply() {
        let (sc, e, s) = ensemble("scenarios/classic/lanchester-square.toml", 1, 36);
        let figs = run_figures(Results { scenario: &sc, ensemble: &e, summary: &s });
        let names: Vec<&str> = figs.iter().map(Figure::name).collect();
        assert_eq!(names, ["battle", "manpower", "outcomes"]);
        figs.iter().for_each(check);
    }

    #[test]
    fn every_comparison_chart_renders() {
        let (sc, e, s) = ensemble("scenarios/baseline.toml", 24, 12);
        let m = Results { scenario: &sc, ensemble: &e, summary: &s };
        let cmp = compare(&[m, m]).expect("comparable");
        let figs = compare_figures(&[m, m], &cmp);
        let names: Vec<&str> = figs.iter().map(Figure::name).collect();
        assert_eq!(names, ["tipping", "paired", "outcomes", "fans"]);
        figs.iter().for_each(check);
    }

    /// The boxes of the horizontal texts of an SVG chart: (left, top, right, bottom, text), px.
    /// Widths are measured with the embedded font at the size the bitmap uses (the SVG writes
    /// font sizes in its own unit, 1/1.24 of that).
    fn text_boxes(svg: &str) -> Vec<(f64, f64, f64, f64, String)> {
        let attr = |tag: &str, name: &str| -> Option<String> {
            let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
            Some(tag[at..].split('"').next()?.to_string())
        };
        let mut out = Vec::new();
        for piece in svg.split("<text").skip(1) {
            let Some((tag, rest)) = piece.split_once('>') else { continue };
            if tag.contains("transform") {
                continue; // rotated axis titles
            }
            let content =
                rest.split("</text>").next().unwrap_or("").trim().replace("&amp;", "&").replace("&apos;", "'");
            let num = |n: &str| attr(tag, n).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
            let (x, y, fs) = (num("x"), num("y"), num("font-size"));
            style::register_fonts();
            let w = style::text(fs * 1.24).font.box_size(&content).map(|(w, _)| w as f64).unwrap_or(0.0);
            let left = match attr(tag, "text-anchor").as_deref() {
                Some("middle") => x - w / 2.0,
                Some("end") => x - w,
                _ => x,
            };
            // `dy="0.76em"`: y is the top of the capitals; glyphs span about 0.05-0.95 em below.
            let top = if tag.contains("dy=\"0.76em\"") { y + 0.05 * fs } else { y - 0.7 * fs };
            out.push((left, top, left + w, top + 0.9 * fs, content));
        }
        out
    }

    /// No two texts of the comparison charts overlap, with five scenarios (the case:
    /// median labels, end labels and notes of scenarios with close results).
    #[test]
    fn no_two_texts_of_a_comparison_chart_overlap() {
        let files = [
            "scenarios/baseline.toml",
            "scenarios/us-withdraws.toml",
            "scenarios/pressure-package.toml",
            "scenarios/sanctions-tighten.toml",
            "scenarios/europe-surge.toml",
        ];
        let runs: Vec<_> = files.iter().map(|f| ensemble(f, 60, 60)).collect();
        let members: Vec<Results<'_>> =
            runs.iter().map(|(sc, e, s)| Results { scenario: sc, ensemble: e, summary: s }).collect();
        let cmp = compare(&members).expect("comparable");
        for fig in compare_figures(&members, &cmp) {
            let svg = render_svg(&fig).expect("renders");
            let boxes = text_boxes(&svg);
            assert!(boxes.len() > 10, "{}: texts found {}", fig.name(), boxes.len());
            for (i, a) in boxes.iter().enumerate() {
                for b in &boxes[i + 1..] {
                    let overlap = a.0 < b.2 - 1.0 && b.0 < a.2 - 1.0 && a.1 < b.3 - 1.0 && b.1 < a.3 - 1.0;
                    assert!(!overlap, "{}: {:?} overlaps {:?}", fig.name(), a, b);
                }
                assert!(a.0 >= -1.0 && a.2 <= style::WIDTH as f64 + 1.0, "{}: {:?} is cut at the edge", fig.name(), a);
            }
        }
    }

    #[test]
    fn side_parameters_are_read_from_the_scenario() {
        let (sc, ..) = ensemble("scenarios/baseline.toml", 1, 1);
        let russia = sc.side_index("russia").expect("a side named russia");
        assert!(side_param(&sc, russia, "economy.energy_revenue_usd_bn_per_month") > 0.0);
        crate::testing::assert_close(side_param(&sc, russia, "no.such.key"), 0.0);
    }
}
