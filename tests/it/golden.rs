//! The golden summary: a small baseline's `summary.json` (200 runs, 24 months, seed 2025),
//! pinned by a snapshot, so that a change to any seeded result fails a test instead of passing
//! unnoticed. When a change is meant, review the new snapshot (`cargo insta review`, or
//! `INSTA_UPDATE=always cargo test --test it golden` and `git diff`) and record it in
//! CHANGELOG.md under "Seeded results change".

use crate::common::{bin, read};
use tempfile::TempDir;

#[test]
fn a_small_baseline_summary_is_unchanged() {
    let tmp = TempDir::new().expect("temp dir");
    let args = ["run", "scenarios/baseline.toml", "--runs", "200", "--months", "24", "--seed", "2025"];
    let out = bin().args(args).args(["--quiet", "--no-charts", "--out"]).arg(tmp.path()).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary = String::from_utf8(read(tmp.path(), "summary.json")).expect("UTF-8");
    // The tool's version is not a result: a release does not change the snapshot.
    let version = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(summary.contains(&version), "summary.json records the version");
    insta::assert_snapshot!("baseline-200-runs-24-months", summary.replace(&version, "\"version\": \"[version]\""));
}
