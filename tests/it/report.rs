//! `protracted report`: the HTML is valid (an HTML5 parser reports no error, ids are unique),
//! self-contained (no script, no stylesheet or image to fetch, no link out of the page), its
//! numbers are the ones `run` and `compare` write for the same arguments, a variant shows what
//! it changes relative to its parent, and scenario text is escaped. Opening it in a browser is
//! in [`crate::browser`].

use crate::common::{bin, root};
use scraper::{Html, Selector};
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;
use tempfile::TempDir;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("a valid selector")
}

/// `report ARGS --out TMP/report.html --quiet`; the document, parsed.
fn report(args: &[&str], tmp: &Path) -> (String, Html) {
    let out = tmp.join("report.html");
    let o = bin().arg("report").args(args).arg("--out").arg(&out).arg("--quiet").output().expect("runs");
    assert!(o.status.success(), "report failed: {}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&out).expect("the report is written");
    let doc = Html::parse_document(&text);
    (text, doc)
}

fn text_of(e: scraper::ElementRef<'_>) -> String {
    e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// Valid and self-contained.
fn check_document(text: &str, doc: &Html) {
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    assert!(text.starts_with("<!DOCTYPE html>"), "no doctype");
    let mut ids = HashSet::new();
    for e in doc.select(&sel("[id]")) {
        let id = e.value().attr("id").unwrap_or_default();
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
    }
    for bad in ["script", "link", "img", "iframe", "object", "embed", "image", "use"] {
        assert_eq!(doc.select(&sel(bad)).count(), 0, "a <{bad}> element: the report must fetch nothing");
    }
    for e in doc.select(&sel("[href], [src]")) {
        let v = e.value().attr("href").or(e.value().attr("src")).unwrap_or_default();
        assert!(v.starts_with('#'), "a link out of the page: {v}");
    }
    assert!(!text.contains("url("), "the stylesheet fetches something");
    assert!(doc.select(&sel("meta[charset=utf-8]")).next().is_some());
}

#[test]
fn a_run_report_is_valid_self_contained_and_has_the_runs_numbers() {
    let tmp = TempDir::new().expect("temp dir");
    let args = ["scenarios/baseline.toml", "--runs", "300", "--seed", "11"];
    let (text, doc) = report(&args, tmp.path());
    check_document(&text, &doc);
    let run_dir = tmp.path().join("run");
    let o = bin().arg("run").args(args).args(["--quiet", "--no-charts", "--out"]).arg(&run_dir).output().expect("runs");
    assert!(o.status.success());
    let s: Value =
        serde_json::from_str(&std::fs::read_to_string(run_dir.join("summary.json")).expect("summary")).expect("json");

    // Teaching notes up front, then every chart of a run with its caption.
    let sections: Vec<String> =
        doc.select(&sel("main > section")).map(|e| e.value().attr("id").unwrap_or_default().to_string()).collect();
    assert_eq!(sections, ["teaching", "headline", "charts", "provenance", "appendix"]);
    assert!(text.contains("Things to notice") && text.contains("Questions"));
    let figures: Vec<_> = doc.select(&sel("#charts figure")).collect();
    assert_eq!(figures.len(), 8, "tipping, manpower, economy, bounty, territory, outcomes, drivers, why");
    for f in &figures {
        assert_eq!(f.select(&sel("svg")).count(), 1);
        let cap = text_of(f.select(&sel("figcaption")).next().expect("a caption"));
        assert!(cap.starts_with("How to read this."), "{cap}");
    }

    // The tipping table: the shares by month are the summary's.
    let table = doc.select(&sel("#headline table")).next().expect("the tipping table");
    for (row, side) in table.select(&sel("tbody tr")).zip(["Russia", "Ukraine"]) {
        assert_eq!(text_of(row.select(&sel("th")).next().expect("th")), side);
        let name = side.to_lowercase();
        let share = s["tipping"][&name]["time_not_on_side"]["share_by_month"].as_array().expect("shares");
        for (cell, m) in row.select(&sel("td")).zip([12, 24, 36, 48, 60]) {
            let want = pct(share[m].as_f64().expect("a number"));
            assert!(text_of(cell).starts_with(&want), "{side} m{m}: {} vs {want}", text_of(cell));
        }
    }
    // Outcomes with their standard errors.
    let outcomes = s["outcomes"].as_object().expect("outcomes");
    for (k, v) in outcomes {
        let v = v.as_f64().expect("share");
        if v > 0.0 {
            let se = s["outcomes_se"][k].as_f64().expect("se");
            assert!(text.contains(&format!("{}</td><td class=\"num\">± {:.1} pts", pct(v), 100.0 * se)), "{k}");
        }
    }
    // Provenance: hash, seed, runs.
    let manifest_hash = {
        let m: Value = serde_json::from_str(&std::fs::read_to_string(run_dir.join("manifest.json")).expect("manifest"))
            .expect("json");
        m["scenario_sha256"].as_str().expect("hash").to_string()
    };
    let prov: Vec<(String, String)> = doc
        .select(&sel("#provenance tr"))
        .map(|r| (text_of(r.select(&sel("th")).next().expect("th")), text_of(r.select(&sel("td")).next().expect("td"))))
        .collect();
    let row = |k: &str| prov.iter().find(|(th, _)| th == k).map(|(_, td)| td.clone()).unwrap_or_default();
    assert!(row("scenario").contains(&manifest_hash), "{prov:?}");
    assert_eq!((row("runs"), row("seed")), ("300".to_string(), "11".to_string()));
    assert!(row("command").starts_with("protracted report scenarios/baseline.toml --runs 300 --seed 11"), "{prov:?}");
    // The appendix cites sources from the file's comments.
    let appendix = text_of(doc.select(&sel("#appendix")).next().expect("appendix"));
    assert!(appendix.contains("sides.russia.attrition.front_k"), "{appendix}");
    assert!(appendix.contains("695k claimed in June 2025"), "sources come from the comments");
}

#[test]
fn a_variant_report_shows_what_it_changes() {
    let tmp = TempDir::new().expect("temp dir");
    let (text, doc) = report(&["scenarios/europe-surge.toml", "--runs", "40"], tmp.path());
    check_document(&text, &doc);
    let rows: Vec<Vec<String>> =
        doc.select(&sel("#changes tbody tr")).map(|r| r.select(&sel("td")).map(text_of).collect()).collect();
    let aid = rows.iter().find(|r| r[0] == "donors.europe.military_usd_bn_per_month").expect("the aid row");
    assert_eq!(aid[1], "{ triangular = [1.8, 2.3, 3] }");
    assert_eq!(aid[2], "{ triangular = [2.7, 3.5, 4.5] }");
    assert_eq!(aid[3], "USD bn per month");
    assert!(rows.iter().any(|r| r[0] == "donors.europe.trend_pct_per_year"));
    assert_eq!(rows.len(), 2, "only what the variant writes: {rows:?}");
}

#[test]
fn a_comparison_report_has_the_paired_differences_and_charts_side_by_side() {
    let tmp = TempDir::new().expect("temp dir");
    let args = ["scenarios/baseline.toml", "scenarios/us-withdraws.toml", "--runs", "150", "--seed", "5"];
    let (text, doc) = report(&args, tmp.path());
    check_document(&text, &doc);
    let cmp_dir = tmp.path().join("cmp");
    let o =
        bin().arg("compare").args(args).args(["--quiet", "--no-charts", "--out"]).arg(&cmp_dir).output().expect("runs");
    assert!(o.status.success());
    let c: Value =
        serde_json::from_str(&std::fs::read_to_string(cmp_dir.join("comparison.json")).expect("json")).expect("json");
    assert_eq!(doc.select(&sel("#comparison figure svg")).count(), 4, "tipping, paired, outcomes, fans");
    assert_eq!(doc.select(&sel(".side-by-side")).count(), 8);
    assert_eq!(doc.select(&sel(".side-by-side figure")).count(), 16);
    let table = doc.select(&sel("#comparison table")).next().expect("Russia's table");
    let row = table.select(&sel("tbody tr")).nth(1).expect("the variant's row");
    let cells: Vec<String> = row.select(&sel("td")).map(text_of).collect();
    let paired = &c["scenarios"][1]["paired"]["russia"];
    assert_eq!(cells[5], pct(paired["p_earlier"].as_f64().expect("p")));
    assert_eq!(cells[6], pct(paired["p_later"].as_f64().expect("p")));
}

#[test]
fn scenario_text_is_escaped() {
    let tmp = TempDir::new().expect("temp dir");
    let file = tmp.path().join("evil.toml");
    let parent = root().join("scenarios/baseline.toml");
    std::fs::write(
        &file,
        format!(
            "schema = 1\nextends = {parent:?}\n[scenario]\nname = \"<script>alert(1)</script>\"\ndescription = \"a & b <b>bold</b>\"\n\
             [teaching]\nquestions = [\"<img src=x onerror=alert(2)>?\"]\n[sides.russia]\nlabel = \"R<i>u</i>\"\n"
        ),
    )
    .expect("write");
    let (text, doc) = report(&[file.to_str().expect("utf-8"), "--runs", "20"], tmp.path());
    check_document(&text, &doc);
    assert!(!text.contains("<script>alert") && !text.contains("<img src=x") && !text.contains("<i>u</i>"));
    assert_eq!(text_of(doc.select(&sel("h1")).next().expect("h1")), "<script>alert(1)</script>");
    assert!(text_of(doc.select(&sel("#teaching")).next().expect("notes")).contains("<img src=x onerror=alert(2)>?"));
}

#[test]
fn bad_input_is_exit_2_and_writes_nothing() {
    let tmp = TempDir::new().expect("temp dir");
    let out = tmp.path().join("r.html");
    let o = bin().args(["report", "scenarios/nosuch.toml", "--out"]).arg(&out).output().expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("scenarios/nosuch.toml"));
    let o = bin()
        .args([
            "report",
            "scenarios/baseline.toml",
            "--runs",
            "10",
            "--set",
            "sides.russia.manpower.pool_k=-5",
            "--out",
        ])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("out of range"));
    assert!(!out.exists());
}
