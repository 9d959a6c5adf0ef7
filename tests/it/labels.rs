//! Chart text a room can read: in every chart of a run, a classic battle, a five-scenario
//! comparison, one- and two-lever sweeps, a target and a frontier sought, and a sensitivity
//! analysis with its explanation, no two pieces of text overlap and none is cut by the edge of
//! the picture.
//!
//! The SVG of each chart is read back: every `<text>` element's box is computed from its
//! position, anchor and baseline, its width measured with the embedded font at the size the PNG
//! draws it (the SVG writes plotters' sizes divided by 1.24), its height from the font's
//! ascent and a little descent. Rotated text (axis descriptions, in the margins) is left out.
//! Boxes are shrunk by 1 pixel a side, so only real overlaps count.

use crate::common::{bin, root};
use plotters::prelude::*;
use std::path::Path;
use tempfile::TempDir;

/// One piece of text and its box, pixels.
#[derive(Debug, Clone)]
struct Label {
    text: String,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(&tag[i..j])
}

/// The text boxes of an SVG written by the charts.
fn labels(svg: &str) -> Vec<Label> {
    protracted::plot::style::register_fonts();
    let mut buf = String::new();
    let area = SVGBackend::with_string(&mut buf, (1600, 900)).into_drawing_area();
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find("<text ") {
        rest = &rest[i..];
        let Some(end_tag) = rest.find('>') else { break };
        let tag = &rest[..end_tag];
        let Some(close) = rest.find("</text>") else { break };
        let text = rest[end_tag + 1..close]
            .trim()
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&apos;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        rest = &rest[close..];
        if text.is_empty() || tag.contains("transform=") {
            continue;
        }
        let num = |n: &str| attr(tag, n).and_then(|v| v.parse::<f64>().ok());
        let (Some(x), Some(y), Some(size)) = (num("x"), num("y"), num("font-size")) else { continue };
        let px = size * 1.24;
        let w = f64::from(protracted::plot::style::measure(&area, &text, px));
        let (x0, x1) = match attr(tag, "text-anchor") {
            Some("middle") => (x - w / 2.0, x + w / 2.0),
            Some("end") => (x - w, x),
            _ => (x, x + w),
        };
        let baseline = match attr(tag, "dy") {
            Some("0.76em") => y + 0.76 * px,
            Some("0.5ex") => y + 0.25 * px,
            Some("-0.5ex") => y - 0.25 * px,
            _ => y,
        };
        out.push(Label {
            text,
            x0: x0 + 1.0,
            x1: x1 - 1.0,
            y0: baseline - 0.72 * px + 1.0,
            y1: baseline + 0.1 * px - 1.0,
        });
    }
    out
}

/// Overlapping pairs and pieces cut by the edge, in words.
fn problems(name: &str, svg: &str) -> Vec<String> {
    let ls = labels(svg);
    let mut out = Vec::new();
    for (i, a) in ls.iter().enumerate() {
        if a.x0 < 0.0 || a.x1 > 1600.0 || a.y0 < 0.0 || a.y1 > 900.0 {
            out.push(format!(
                "{name}: \"{}\" is cut by the edge ({:.0}..{:.0}, {:.0}..{:.0})",
                a.text, a.x0, a.x1, a.y0, a.y1
            ));
        }
        for b in &ls[i + 1..] {
            if a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 {
                out.push(format!("{name}: \"{}\" overlaps \"{}\"", a.text, b.text));
            }
        }
    }
    out
}

fn check_dir(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("out dir").flatten().map(|e| e.path()).collect();
    files.sort();
    for f in files {
        if f.extension().is_some_and(|e| e == "svg") {
            let svg = std::fs::read_to_string(&f).expect("svg");
            out.extend(problems(&f.file_name().unwrap_or_default().to_string_lossy(), &svg));
        }
    }
    out
}

fn protracted(args: &[&str], out: &Path) {
    let o = bin().current_dir(root()).args(args).arg("--out").arg(out).output().expect("runs");
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn the_box_of_a_text_is_where_the_svg_draws_it() {
    let svg = r##"<text x="100" y="50" dy="0.76em" text-anchor="end" font-family="sans-serif" font-size="20" fill="#000">
abc
</text><text x="90" y="60" dy="0.76em" text-anchor="start" font-family="sans-serif" font-size="20" fill="#000">
def
</text><text x="300" y="60" dy="0.76em" text-anchor="start" font-family="sans-serif" font-size="20" fill="#000" transform="rotate(270, 300, 60)">
rotated
</text>"##;
    let ls = labels(svg);
    assert_eq!(ls.len(), 2, "{ls:?}");
    assert!(ls[0].x1 < 100.0 && ls[0].x0 > 40.0 && ls[0].x0 < 90.0, "{ls:?}");
    assert_eq!(problems("t", svg).len(), 1, "{:?}", problems("t", svg));
}

#[test]
fn no_text_overlaps_or_is_cut_in_the_charts_of_a_run_a_battle_and_a_comparison() {
    let tmp = TempDir::new().expect("temp dir");
    let (run, battle, cmp) = (tmp.path().join("run"), tmp.path().join("battle"), tmp.path().join("cmp"));
    protracted(&["run", "scenarios/baseline.toml", "--runs", "400", "--quiet", "--story", "12"], &run);
    protracted(&["run", "scenarios/classic/lanchester-square.toml", "--quiet"], &battle);
    protracted(
        &[
            "compare",
            "scenarios/baseline.toml",
            "scenarios/us-withdraws.toml",
            "scenarios/europe-surge.toml",
            "scenarios/sanctions-tighten.toml",
            "scenarios/pressure-package.toml",
            "--runs",
            "400",
            "--quiet",
        ],
        &cmp,
    );
    let mut found = check_dir(&run);
    found.extend(check_dir(&battle));
    found.extend(check_dir(&cmp));
    assert!(found.is_empty(), "{} problems:\n{}", found.len(), found.join("\n"));
}

#[test]
fn no_text_overlaps_or_is_cut_in_the_charts_of_sweep_seek_and_sensitivity() {
    let tmp = TempDir::new().expect("temp dir");
    let dirs: Vec<_> = ["one", "two", "seek", "frontier", "sens"].iter().map(|d| tmp.path().join(d)).collect();
    let base = "scenarios/baseline.toml";
    protracted(&["sweep", base, "--vary", "paths.sanctions_intensity=0..1:5", "--runs", "200", "--quiet"], &dirs[0]);
    protracted(
        &[
            "sweep",
            base,
            "--vary",
            "paths.sanctions_intensity=0..1:4",
            "--vary",
            "donors.europe.military_usd_bn_per_month=x0.5..x2:4",
            "--runs",
            "100",
            "--quiet",
        ],
        &dirs[1],
    );
    protracted(
        &[
            "seek",
            base,
            "--lever",
            "paths.sanctions_intensity=0..1",
            "--target",
            "russia tips by 36 in 40%",
            "--runs",
            "200",
            "--quiet",
        ],
        &dirs[2],
    );
    protracted(
        &[
            "seek",
            base,
            "--lever",
            "paths.sanctions_intensity=0..1",
            "--lever",
            "donors.europe.military_usd_bn_per_month=x0.5..x2",
            "--target",
            "russia tips by 36 in 40%",
            "--runs",
            "100",
            "--quiet",
        ],
        &dirs[3],
    );
    protracted(&["sensitivity", base, "--runs", "1000", "--quiet", "--explain", "russia tips by 36"], &dirs[4]);
    let found: Vec<String> = dirs.iter().flat_map(|d| check_dir(d)).collect();
    assert!(found.is_empty(), "{} problems:\n{}", found.len(), found.join("\n"));
}
