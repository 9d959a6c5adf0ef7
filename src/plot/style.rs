//! How every chart looks: canvas size, fonts, colours, line widths, number and date formats.
//!
//! One place so that the charts agree with each other. Sizes are for a 1600×900 canvas that
//! must stay readable when shown at a third of its size (a slide thumbnail, a phone): text is
//! never smaller than 24 px at full size. Colours are the Okabe–Ito palette (Okabe & Ito,
//! "Color Universal Design", 2008), distinguishable with the common colour-vision deficiencies;
//! lines also differ in dash pattern where colour alone would carry meaning.
//!
//! The font is DejaVu Sans, embedded in the binary (`fonts/DejaVuSans.ttf`, Bitstream Vera
//! licence next to it) and registered under `"sans-serif"` for plotters' pure-Rust `ab_glyph`
//! text path, so drawing needs no system font library. What each chart draws lives in its own
//! module; this one knows nothing about the model.

use plotters::chart::{ChartContext, MeshStyle};
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::prelude::{DrawingBackend, TRANSPARENT};
use plotters::style::{Color, FontStyle, RGBAColor, RGBColor, TextStyle};
use std::sync::Once;

/// Canvas width, pixels.
pub const WIDTH: u32 = 1600;
/// Canvas height, pixels.
pub const HEIGHT: u32 = 900;

/// The font family every text uses (the embedded DejaVu Sans).
pub const FAMILY: &str = "sans-serif";

/// Figure title, px.
pub const TITLE_PX: f64 = 44.0;
/// Panel title, px.
pub const PANEL_TITLE_PX: f64 = 31.0;
/// Axis description ("Month", "thousand persons"), px.
pub const AXIS_DESC_PX: f64 = 28.0;
/// Tick labels, px.
pub const TICK_PX: f64 = 26.0;
/// Legend entries, px.
pub const LEGEND_PX: f64 = 28.0;
/// Caption (scenario, runs, seed), px.
pub const CAPTION_PX: f64 = 24.0;
/// Text placed inside a plot (value labels, median marks), px.
pub const ANNOTATION_PX: f64 = 26.0;

/// Outer margin of the canvas, px.
pub const MARGIN: u32 = 24;
/// Gap between panels, px.
pub const PANEL_GAP: u32 = 28;

/// Width of a median or main curve, px.
pub const LINE_W: u32 = 4;
/// Width of a secondary curve, px.
pub const THIN_W: u32 = 2;
/// Opacity of the 50% band.
pub const BAND_50: f64 = 0.38;
/// Opacity of the 90% band.
pub const BAND_90: f64 = 0.16;

/// Okabe–Ito black.
pub const BLACK: RGBColor = RGBColor(0, 0, 0);
/// Okabe–Ito orange.
pub const ORANGE: RGBColor = RGBColor(230, 159, 0);
/// Okabe–Ito sky blue.
pub const SKY_BLUE: RGBColor = RGBColor(86, 180, 233);
/// Okabe–Ito bluish green.
pub const GREEN: RGBColor = RGBColor(0, 158, 115);
/// Okabe–Ito yellow.
pub const YELLOW: RGBColor = RGBColor(240, 228, 66);
/// Okabe–Ito blue.
pub const BLUE: RGBColor = RGBColor(0, 114, 178);
/// Okabe–Ito vermillion.
pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);
/// Okabe–Ito reddish purple.
pub const PURPLE: RGBColor = RGBColor(204, 121, 167);
/// Neutral grey for "still fighting", reference lines and captions.
pub const GREY: RGBColor = RGBColor(120, 120, 120);
/// Light grey for grid lines.
pub const GRID: RGBColor = RGBColor(225, 225, 225);
/// Text colour.
pub const INK: RGBColor = RGBColor(30, 30, 30);
/// Background.
pub const PAPER: RGBColor = RGBColor(255, 255, 255);

/// Colour of each side (file order): warm for the first, cool for the second.
pub const SIDE: [RGBColor; 2] = [VERMILLION, BLUE];
/// Lighter companion colour of each side (second series of the same side).
pub const SIDE_LIGHT: [RGBColor; 2] = [ORANGE, SKY_BLUE];

/// Which palette slot each side takes: `[0, 1]` (the first side warm, the second cool) unless
/// the sides are named after colours, as the classic battles' Blue and Red are: a side called
/// "blue" (or "red") is drawn blue (or vermillion) whatever its place.
pub fn side_slots(names: [&str; 2]) -> [usize; 2] {
    let colour = |n: &str| {
        let n = n.to_ascii_lowercase();
        if n == "blue" || n.starts_with("blue ") {
            Some(1)
        } else if n == "red" || n.starts_with("red ") {
            Some(0)
        } else {
            None
        }
    };
    match (colour(names[0]), colour(names[1])) {
        (Some(1), _) | (_, Some(0)) => [1, 0],
        _ => [0, 1],
    }
}

/// Colours of compared scenarios, in order (the reference first, in black): none of them a side's
/// colour (vermillion, orange, blue, sky blue), so that a scenario is never read as a side.
pub const SCENARIO: [RGBColor; 7] = [
    BLACK,
    GREEN,
    PURPLE,
    RGBColor(140, 90, 40),
    RGBColor(0, 110, 120),
    RGBColor(110, 110, 110),
    RGBColor(150, 40, 90),
];

/// Dash pattern of scenario `i`'s lines in a comparison (dash and gap, px; `None`: solid), so
/// that lines differ by more than colour.
pub fn scenario_dash(i: usize) -> Option<(u32, u32)> {
    [None, None, Some((18, 9)), Some((5, 8)), Some((30, 10)), Some((5, 8)), Some((18, 9))][i % 7]
}

/// Colour of scenario `i` in a comparison (the palette repeats after seven).
pub fn scenario_color(i: usize) -> RGBColor {
    SCENARIO[i % SCENARIO.len()]
}

/// Colour of an outcome, by its index in [`crate::judgment::outcome::Outcome::ALL`]
/// (ongoing; cease-fire agreed by both; cease-fire because side 0 / 1 cut its losses; collapse of
/// side 0 / 1; objective of side 0 / 1): eight distinct colours, so that the two sides giving up
/// never share one.
pub const OUTCOME: [RGBColor; 8] = [RGBColor(190, 190, 190), GREEN, YELLOW, PURPLE, ORANGE, SKY_BLUE, VERMILLION, BLUE];

static DEJAVU_SANS: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
static FONTS: Once = Once::new();

/// Register the embedded font under `"sans-serif"`. Call before drawing anything (PNG and SVG
/// alike: SVG layout measures text with the same font); later calls do nothing.
pub fn register_fonts() {
    FONTS.call_once(|| {
        if plotters::style::register_font(FAMILY, FontStyle::Normal, DEJAVU_SANS).is_err() {
            panic!("the embedded DejaVuSans.ttf is not a valid TrueType font");
        }
    });
}

/// Text of size `px` in the ink colour.
pub fn text(px: f64) -> TextStyle<'static> {
    text_in(px, INK)
}

/// Text of size `px` in colour `c`.
pub fn text_in(px: f64, c: RGBColor) -> TextStyle<'static> {
    let mut t = TextStyle::from((FAMILY, px));
    t.color = c.to_backend_color();
    t
}

/// The house mesh of a chart: a light grid at the labelled ticks only, grey axes, tick labels
/// at `tick_px` and axis titles at [`AXIS_DESC_PX`]. Callers add their descriptions and label
/// formatters, then draw.
pub fn mesh<'a, 'b, DB, XT, YT, X, Y>(
    chart: &'b mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    tick_px: f64,
) -> MeshStyle<'a, 'b, X, Y, DB>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = XT> + ValueFormatter<XT>,
    Y: Ranged<ValueType = YT> + ValueFormatter<YT>,
{
    let mut mesh = chart.configure_mesh();
    mesh.bold_line_style(GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(GREY.stroke_width(2))
        .label_style(text(tick_px))
        .axis_desc_style(text(AXIS_DESC_PX));
    mesh
}

/// Text colour readable on a fill of colour `c`: ink on light fills, white on dark ones.
pub fn ink_on(c: RGBColor) -> RGBColor {
    let l = (0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64) / 255.0;
    if l > 0.55 { INK } else { PAPER }
}

/// Text of size `px` in colour `c`, centred on its position (horizontally and vertically).
pub fn centered(px: f64, c: RGBColor) -> TextStyle<'static> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    text_in(px, c).pos(Pos::new(HPos::Center, VPos::Center))
}

/// `c` at opacity `a` over white, as an opaque colour (for legend swatches).
pub fn tint(c: RGBColor, a: f64) -> RGBColor {
    let m = |x: u8| (a * x as f64 + (1.0 - a) * 255.0).round() as u8;
    RGBColor(m(c.0), m(c.1), m(c.2))
}

/// `c` at opacity `a`.
pub fn alpha(c: RGBColor, a: f64) -> RGBAColor {
    c.mix(a)
}

/// Approximate width in pixels of `s` at `px` (DejaVu Sans averages ~0.6 em per character);
/// used to size label areas before anything is drawn.
pub fn text_width(s: &str, px: f64) -> f64 {
    s.chars().count() as f64 * px * 0.6
}

/// Width in pixels of `s` at `px` as drawn on `area` (the estimate if measuring fails).
pub fn measure<DB: plotters::prelude::DrawingBackend, CT: plotters::coord::CoordTranslate>(
    area: &plotters::prelude::DrawingArea<DB, CT>,
    s: &str,
    px: f64,
) -> i32 {
    area.estimate_text_size(s, &text(px)).map(|(w, _)| w as i32).unwrap_or_else(|_| text_width(s, px) as i32)
}

/// A panel title that fits `width` pixels of `area`: at [`PANEL_TITLE_PX`], else smaller (down to
/// three quarters of it), else shortened with an ellipsis.
pub fn panel_title<DB: plotters::prelude::DrawingBackend, CT: plotters::coord::CoordTranslate>(
    area: &plotters::prelude::DrawingArea<DB, CT>,
    s: &str,
    width: u32,
) -> (String, TextStyle<'static>) {
    let width = width as i32;
    let mut px = PANEL_TITLE_PX;
    while px > PANEL_TITLE_PX * 0.75 && measure(area, s, px) > width {
        px -= 1.0;
    }
    let mut t: Vec<char> = s.chars().collect();
    while t.len() > 4 && measure(area, &t.iter().collect::<String>(), px) > width {
        t.pop();
        t.pop();
        t.push('…');
    }
    (t.into_iter().collect(), text(px))
}

/// A number with thousands separators and `decimals` decimals: `12,345.6`.
pub fn thousands(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let negative = x < 0.0 && s_digits_nonzero(&grouped, frac.as_deref());
    let mut out = if negative { "−".to_string() } else { String::new() };
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

fn s_digits_nonzero(int: &str, frac: Option<&str>) -> bool {
    int.chars().chain(frac.unwrap_or("").chars()).any(|c| c.is_ascii_digit() && c != '0')
}

/// A tick label for an axis whose ticks are `step` apart: as few decimals as the step needs.
pub fn tick_label(x: f64, step: f64) -> String {
    let decimals = if step >= 1.0 || step <= 0.0 { 0 } else { (-step.log10().floor()) as usize };
    thousands(x, decimals.min(4))
}

/// A share as a percentage: `0.345` → `34.5%` (one decimal below 10%, none above).
pub fn percent(x: f64) -> String {
    let p = 100.0 * x;
    if p.abs() < 9.95 && p.fract().abs() > 1e-9 { format!("{p:.1}%") } else { format!("{p:.0}%") }
}

/// The time axis of a chart: one calendar label per step, and the word for a step.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// Calendar label of each step 0..=horizon (`YYYY-MM` or `YYYY-MM-DD`).
    pub labels: Vec<String>,
    /// Axis description, e.g. "Month".
    pub desc: String,
    /// Candidate tick spacings, in steps, from the finest.
    pub spacings: &'static [usize],
    /// Short prefix for a step number in annotations ("m" for months, "d" for days).
    pub prefix: &'static str,
}

const MONTH_SPACINGS: &[usize] = &[1, 2, 3, 6, 12, 24, 36, 60, 120, 240, 600];
const DAY_SPACINGS: &[usize] = &[1, 2, 5, 7, 10, 14, 20, 30, 50, 100, 200, 500, 1000];
const STEP_SPACINGS: &[usize] = &[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

impl Timeline {
    /// The timeline of a scenario over `steps` steps.
    pub fn of(sc: &crate::Scenario, steps: usize) -> Timeline {
        let daily = !sc.monthly() && (sc.step_days - 1.0).abs() < 1e-9;
        // A battle stepped in days is told in days of the battle ("day 12"), not in dates.
        let labels = (0..=steps).map(|t| if daily { format!("day {t}") } else { sc.date_label(t) }).collect();
        let (desc, spacings, prefix) = if sc.monthly() {
            ("Month".to_string(), MONTH_SPACINGS, "m")
        } else if daily {
            ("Day of the battle (day 0: the start)".to_string(), DAY_SPACINGS, "d")
        } else {
            (format!("Step ({} days)", crate::params::fmt_num(sc.step_days)), STEP_SPACINGS, "step ")
        };
        Timeline { labels, desc, spacings, prefix }
    }

    /// The horizon, in steps.
    pub fn horizon(&self) -> usize {
        self.labels.len().saturating_sub(1)
    }

    /// The calendar label of step `t` (the last one beyond the horizon).
    pub fn label(&self, t: usize) -> &str {
        self.labels.get(t.min(self.horizon())).map(String::as_str).unwrap_or("")
    }

    /// Tick positions for an axis `width_px` wide: the finest spacing whose labels fit.
    pub fn ticks(&self, width_px: u32) -> Vec<f64> {
        let h = self.horizon().max(1);
        let label_px = [self.labels.first(), self.labels.last()]
            .into_iter()
            .flatten()
            .map(|l| text_width(l, TICK_PX) * 0.9 + 24.0)
            .fold(0.0, f64::max);
        let label_px = if self.labels.is_empty() { 120.0 } else { label_px };
        let fit = ((width_px as f64 * 0.92) / label_px).floor().max(2.0) as usize;
        let step = self.spacings.iter().copied().find(|&s| h / s < fit).unwrap_or(h);
        (0..=h / step).map(|i| (i * step) as f64).collect()
    }
}

/// A "nice" tick spacing for a value range that should get about `n` ticks.
pub fn nice_step(span: f64, n: usize) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// Ticks of a value axis over `[lo, hi]`: a nice spacing, and the positions.
pub fn value_ticks(lo: f64, hi: f64, n: usize) -> (f64, Vec<f64>) {
    let step = nice_step(hi - lo, n);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    let ticks = (first..=last).map(|k| k as f64 * step).collect();
    (step, ticks)
}

/// A value range that contains `lo..hi`, padded, starting at zero when `from_zero` and all
/// values are non-negative, and never empty.
pub fn padded_range(lo: f64, hi: f64, from_zero: bool) -> (f64, f64) {
    let (mut lo, hi) = if lo.is_finite() && hi.is_finite() { (lo, hi) } else { (0.0, 1.0) };
    if from_zero && lo >= 0.0 {
        lo = 0.0;
    }
    if hi - lo < 1e-9 * (1.0 + hi.abs()) {
        let pad = if hi.abs() > 0.0 { hi.abs() * 0.1 } else { 1.0 };
        return (lo - if from_zero && lo == 0.0 { 0.0 } else { pad }, hi + pad);
    }
    let pad = 0.06 * (hi - lo);
    let lo = if from_zero && lo == 0.0 { 0.0 } else { lo - pad };
    (lo, hi + pad)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::assert_close;

    #[test]
    fn numbers_have_thousands_separators() {
        assert_eq!(thousands(1234567.0, 0), "1,234,567");
        assert_eq!(thousands(999.0, 0), "999");
        assert_eq!(thousands(-1500.25, 1), "−1,500.2");
        assert_eq!(thousands(-0.01, 0), "0");
        assert_eq!(thousands(0.5, 1), "0.5");
        assert_eq!(tick_label(2500.0, 500.0), "2,500");
        assert_eq!(tick_label(0.25, 0.05), "0.25");
        assert_eq!(percent(0.345), "34%");
        assert_eq!(percent(0.034), "3.4%");
        assert_eq!(percent(0.0), "0%");
    }

    #[test]
    fn nice_steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_close(nice_step(100.0, 5), 20.0);
        assert_close(nice_step(60.0, 6), 10.0);
        assert_close(nice_step(0.9, 4), 0.25);
        let (step, ticks) = value_ticks(0.0, 1000.0, 5);
        assert_close(step, 200.0);
        assert_eq!(ticks, vec![0.0, 200.0, 400.0, 600.0, 800.0, 1000.0]);
    }

    #[test]
    fn ranges_are_padded_and_never_empty() {
        assert_eq!(padded_range(0.0, 0.0, true), (0.0, 1.0));
        let (lo, hi) = padded_range(10.0, 20.0, true);
        assert_close(lo, 0.0);
        assert!(hi > 20.0);
        let (lo, hi) = padded_range(-5.0, 5.0, true);
        assert!(lo < -5.0 && hi > 5.0);
        let (lo, hi) = padded_range(f64::NAN, 3.0, false);
        assert!(lo < hi);
    }

    #[test]
    fn the_font_registers_and_measures_text() {
        register_fonts();
        register_fonts();
        let font = plotters::style::FontDesc::from((FAMILY, 30.0));
        let (w, h) = font.box_size("2025-07").expect("the font measures text");
        assert!(w > 60 && h > 10, "{w}×{h}");
    }
}
