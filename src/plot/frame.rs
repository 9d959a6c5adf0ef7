//! The frame every chart shares: title, a legend row under it, a caption at the foot, and the
//! body in between (split into panels by the chart). Legends sit in the frame rather than over
//! the data, so they never hide a curve whatever the scenario.

use super::PlotError;
use super::style::{self, CAPTION_PX, GREY, LEGEND_PX, LINE_W, MARGIN, PAPER, TITLE_PX, alpha, text, text_in};
use plotters::coord::Shift;
use plotters::prelude::*;

/// What a legend swatch looks like.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Swatch {
    /// A solid line.
    Line(RGBColor),
    /// A dashed line.
    Dashed(RGBColor),
    /// A median line over its shaded band (fan charts).
    Fan(RGBColor),
    /// A filled box (bars, stacked areas).
    Block(RGBColor),
    /// A filled circle (marked points).
    Dot(RGBColor),
    /// A grey dashed reference line.
    Reference,
    /// A dotted line.
    Dotted(RGBColor),
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    /// How it looks.
    pub swatch: Swatch,
    /// What it says.
    pub label: String,
}

impl LegendItem {
    /// A legend entry.
    pub fn new(swatch: Swatch, label: impl Into<String>) -> LegendItem {
        LegendItem { swatch, label: label.into() }
    }
}

/// Title, legend and caption of a chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Frame {
    /// The title (also the SVG's first text, which the tests look for).
    pub title: String,
    /// Legend entries, laid out left to right and wrapped.
    pub legend: Vec<LegendItem>,
    /// Caption lines at the foot: the scenario, runs and seed first, then notes.
    pub caption: Vec<String>,
}

const SWATCH_W: i32 = 52;
const ITEM_GAP: i32 = 40;

fn line_h(px: f64) -> i32 {
    (px * 1.4).round() as i32
}

impl Frame {
    /// Lay the legend out in rows that fit `width` pixels, given each label's width: (row, x)
    /// of each item.
    fn legend_layout(&self, width: i32, label_w: &[i32]) -> Vec<(usize, i32)> {
        let mut out = Vec::with_capacity(self.legend.len());
        let (mut row, mut x) = (0usize, 0i32);
        for lw in label_w {
            let w = SWATCH_W + 12 + lw;
            if x > 0 && x + w > width {
                row += 1;
                x = 0;
            }
            out.push((row, x));
            x += w + ITEM_GAP;
        }
        out
    }

    /// Paint the background, title, legend and caption on `root`; return the body.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<DrawingArea<DB, Shift>, PlotError> {
        root.fill(&PAPER)?;
        let (w, h) = root.dim_in_pixel();
        let inner_w = w as i32 - 2 * MARGIN as i32;
        let m = MARGIN as i32;
        root.draw_text(&self.title, &text(fit(root, &self.title, TITLE_PX, inner_w)), (m, m - 6))?;
        let mut top = m + line_h(TITLE_PX);

        let label_w: Vec<i32> = self
            .legend
            .iter()
            .map(|i| {
                root.estimate_text_size(&i.label, &text(LEGEND_PX))
                    .map(|(w, _)| w as i32)
                    .unwrap_or_else(|_| style::text_width(&i.label, LEGEND_PX) as i32)
            })
            .collect();
        let layout = self.legend_layout(inner_w, &label_w);
        let rows = layout.last().map(|(r, _)| r + 1).unwrap_or(0);
        for (item, (row, x)) in self.legend.iter().zip(&layout) {
            let y = top + *row as i32 * line_h(LEGEND_PX);
            draw_swatch(root, item.swatch, m + x, y + line_h(LEGEND_PX) / 2 - 2)?;
            root.draw_text(&item.label, &text(LEGEND_PX), (m + x + SWATCH_W + 12, y + 2))?;
        }
        top += rows as i32 * line_h(LEGEND_PX) + 8;

        let cap_h = line_h(CAPTION_PX);
        let n = self.caption.len() as i32;
        for (i, line) in self.caption.iter().enumerate() {
            let y = h as i32 - 10 - (n - i as i32) * cap_h;
            root.draw_text(line, &text_in(fit(root, line, CAPTION_PX, inner_w), GREY), (m, y))?;
        }
        let bottom = 10 + n * cap_h + 6;
        Ok(root.margin(top, bottom, m, m))
    }
}

/// The largest text size up to `px` (and at least 60% of it) at which `s` fits `width` pixels:
/// a long scenario name shrinks its line rather than running off the canvas.
fn fit<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, s: &str, px: f64, width: i32) -> f64 {
    let mut size = px;
    while size > px * 0.6 && style::measure(area, s, size) > width {
        size -= 1.0;
    }
    size
}

/// Draw a panel's title centred at the top of `area` (shrunk or shortened to fit) and return
/// the rest of the area; an empty title takes no room.
pub fn titled<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
) -> Result<DrawingArea<DB, Shift>, PlotError> {
    if title.is_empty() {
        return Ok(area.margin(0, 0, 0, 0));
    }
    let (w, _) = area.dim_in_pixel();
    let (t, st) = style::panel_title(area, title, w.saturating_sub(8));
    let tw = style::measure(area, &t, st.font.get_size());
    area.draw_text(&t, &st, ((w as i32 - tw) / 2, 0))?;
    Ok(area.margin(line_h(style::PANEL_TITLE_PX), 0, 0, 0))
}

/// Draw a legend swatch with its left end at `x` and its middle at `y` (pixels of `area`).
pub fn draw_swatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    swatch: Swatch,
    x: i32,
    y: i32,
) -> Result<(), PlotError> {
    let line = |c: RGBColor, w: u32| ShapeStyle::from(&c).stroke_width(w);
    match swatch {
        Swatch::Line(c) => {
            area.draw(&PathElement::new(vec![(x, y), (x + SWATCH_W, y)], line(c, LINE_W)))?;
        }
        Swatch::Dashed(c) => {
            for k in 0..3 {
                let x0 = x + k * 20;
                area.draw(&PathElement::new(vec![(x0, y), (x0 + 12, y)], line(c, LINE_W)))?;
            }
        }
        Swatch::Dotted(c) => {
            for k in 0..6 {
                let x0 = x + k * 10;
                area.draw(&PathElement::new(vec![(x0, y), (x0 + 4, y)], line(c, 3)))?;
            }
        }
        Swatch::Reference => {
            for k in 0..4 {
                let x0 = x + k * 14;
                area.draw(&PathElement::new(vec![(x0, y), (x0 + 8, y)], line(GREY, 2)))?;
            }
        }
        Swatch::Fan(c) => {
            area.draw(&Rectangle::new([(x, y - 13), (x + SWATCH_W, y + 13)], alpha(c, style::BAND_90).filled()))?;
            area.draw(&Rectangle::new([(x, y - 7), (x + SWATCH_W, y + 7)], alpha(c, style::BAND_50).filled()))?;
            area.draw(&PathElement::new(vec![(x, y), (x + SWATCH_W, y)], line(c, LINE_W)))?;
        }
        Swatch::Block(c) => {
            area.draw(&Rectangle::new([(x + 8, y - 13), (x + SWATCH_W - 8, y + 13)], c.filled()))?;
        }
        Swatch::Dot(c) => {
            area.draw(&Circle::new((x + SWATCH_W / 2, y), 9, c.filled()))?;
        }
    }
    Ok(())
}

/// Split `body` into `widths.len()` columns whose widths are proportional to `widths`,
/// separated by the panel gap.
pub fn columns<DB: DrawingBackend>(body: &DrawingArea<DB, Shift>, widths: &[f64]) -> Vec<DrawingArea<DB, Shift>> {
    let (w, _) = body.dim_in_pixel();
    let gap = style::PANEL_GAP as f64;
    let total: f64 = widths.iter().sum();
    let usable = w as f64 - gap * (widths.len().saturating_sub(1)) as f64;
    let mut out = Vec::with_capacity(widths.len());
    let mut x = 0.0f64;
    for (i, wi) in widths.iter().enumerate() {
        let cw = usable * wi / total;
        let left = x.round() as i32;
        let right = (w as f64 - (x + cw)).round() as i32;
        out.push(body.margin(0, 0, left, right.max(0)));
        x += cw + if i + 1 < widths.len() { gap } else { 0.0 };
    }
    out
}

/// Split `area` into `n` rows of equal height, separated by the panel gap.
pub fn rows<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, n: usize) -> Vec<DrawingArea<DB, Shift>> {
    let (_, h) = area.dim_in_pixel();
    let gap = style::PANEL_GAP as f64;
    let rh = (h as f64 - gap * n.saturating_sub(1) as f64) / n.max(1) as f64;
    (0..n)
        .map(|i| {
            let top = (i as f64 * (rh + gap)).round() as i32;
            let bottom = (h as f64 - top as f64 - rh).round() as i32;
            area.margin(top, bottom.max(0), 0, 0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legends_wrap_to_the_width() {
        let f = Frame {
            title: "t".into(),
            legend: (0..6).map(|i| LegendItem::new(Swatch::Line(style::BLUE), format!("entry number {i}"))).collect(),
            caption: vec![],
        };
        let widths: Vec<i32> = f.legend.iter().map(|i| style::text_width(&i.label, LEGEND_PX) as i32).collect();
        let layout = f.legend_layout(900, &widths);
        assert_eq!(layout[0], (0, 0));
        assert!(layout.iter().any(|(r, _)| *r > 0), "{layout:?}");
        assert!(layout.windows(2).all(|w| w[0].0 <= w[1].0));
    }
}
