//! The charts of `run`: every chart is written as a 1600×900 PNG and an SVG that carries its
//! title; classic battles get only the charts that apply; `--no-charts` writes data only; and
//! the binary draws text with its embedded font, linking no system font library.

use crate::common::{bin, hidden_files};
use std::path::Path;
use tempfile::TempDir;

const BASELINE: &str = "scenarios/baseline.toml";
const SQUARE: &str = "scenarios/classic/lanchester-square.toml";

/// The charts of a war-model run and a phrase of each one's title.
const WAR_CHARTS: [(&str, &str); 7] = [
    ("tipping", "time is not on its side"),
    ("manpower", "Manpower"),
    ("economy", "war economy"),
    ("bounty", "Buying soldiers"),
    ("territory", "Territory"),
    ("outcomes", "How the runs end"),
    ("drivers", "What moved each side"),
];

fn run(file: &str, args: &[&str]) -> TempDir {
    let tmp = TempDir::new().expect("temp dir");
    let out =
        bin().args(["run", file, "--quiet", "--out"]).arg(tmp.path()).args(args).output().expect("protracted runs");
    assert!(out.status.success(), "run {file} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    tmp
}

/// Assert that `dir/name.png` is a 1600×900 PNG and `dir/name.svg` an SVG containing `title`.
pub fn check_chart(dir: &Path, name: &str, title: &str) {
    let png = std::fs::read(dir.join(format!("{name}.png"))).unwrap_or_else(|e| panic!("{name}.png: {e}"));
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name}.png is not a PNG");
    let img = image::load_from_memory(&png).unwrap_or_else(|e| panic!("{name}.png does not decode: {e}"));
    assert_eq!((img.width(), img.height()), (1600, 900), "{name}.png size");
    let svg = std::fs::read_to_string(dir.join(format!("{name}.svg"))).unwrap_or_else(|e| panic!("{name}.svg: {e}"));
    assert!(svg.trim_start().starts_with("<svg"), "{name}.svg is not an SVG");
    assert!(svg.trim_end().ends_with("</svg>"), "{name}.svg is cut short");
    assert!(svg.contains(title), "{name}.svg lacks its title text {title:?}");
}

#[test]
fn run_writes_every_chart_as_png_and_svg() {
    let tmp = run(BASELINE, &["--runs", "40", "--months", "24"]);
    for (name, title) in WAR_CHARTS {
        check_chart(tmp.path(), name, title);
    }
    assert_eq!(hidden_files(tmp.path()), Vec::<String>::new(), "temporary files left");
}

#[test]
fn a_classic_battle_gets_the_charts_that_apply() {
    let tmp = run(SQUARE, &[]);
    check_chart(tmp.path(), "manpower", "Manpower");
    check_chart(tmp.path(), "outcomes", "How the runs end");
    for name in ["tipping", "economy", "bounty", "territory", "drivers"] {
        assert!(!tmp.path().join(format!("{name}.png")).exists(), "{name}.png written for a classic battle");
    }
}

#[test]
fn no_charts_writes_the_data_only() {
    let tmp = run(BASELINE, &["--runs", "20", "--months", "12", "--no-charts"]);
    assert!(tmp.path().join("summary.json").is_file());
    let images: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".png") || n.ends_with(".svg"))
        .collect();
    assert_eq!(images, Vec::<String>::new());
}

#[test]
fn the_binary_links_no_system_font_library() {
    let exe = Path::new(env!("CARGO_BIN_EXE_protracted"));
    let Ok(out) = std::process::Command::new("ldd").arg(exe).output() else {
        eprintln!("ldd is not available; skipped");
        return;
    };
    let libs = String::from_utf8_lossy(&out.stdout).to_lowercase();
    for lib in ["fontconfig", "freetype"] {
        assert!(!libs.contains(lib), "{} links {lib}:\n{libs}", exe.display());
    }
}
