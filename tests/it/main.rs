//! The one integration-test binary (`autotests = false` in Cargo.toml). It reads like a table
//! of contents; each module says what it covers:
//!
//! - [`cli`]: help texts, `list`, flags and exit codes, `--format json`, output files.
//! - [`errors`]: one invalid fixture per defect, each error message snapshot-tested.
//! - [`scenarios`]: every shipped scenario validates and runs small; `extends` and named
//!   entries merge as documented.
//! - [`reproducibility`]: same seed, any thread count, byte-identical outputs.
//! - [`classic`]: the Lanchester engine against the closed-form solutions.
//! - [`fuzz`]: randomly damaged scenario files give errors, never panics.
//! - [`calibration`]: the baseline's first six months against the calibration bands of
//!   `docs/MODEL.md`.
//! - [`claims`]: the essay's directional claims and the teaching notes' "things to notice" on the
//!   shipped scenarios.
//! - [`invariants`]: the war model's invariants over random parameter draws.
//! - [`charts`]: every chart is written as a valid PNG and SVG with its title.
//! - [`compare`]: `compare` on common random numbers; a scenario against itself differs by nothing.
//! - [`docs`]: the parameter and output tables in the docs match the code.
//! - [`side_order`]: a scenario with its sides in the other order gives the same per-side results.
//! - [`golden`]: a small baseline's `summary.json` pinned by a snapshot (seeded results change
//!   only on purpose).
//! - [`report`]: `report` writes valid, self-contained HTML with the numbers of `run`/`compare`.
//! - [`serve`]: `serve`'s guards, lever validation, numbers and saved scenarios over plain HTTP.
//! - [`browser`]: the page and the report in headless Chromium (skipped loudly without it).
//! - [`levers`]: the essay's levers swept over their documented ranges; a mirror of two
//!   identical sides against noise.
//! - [`reliability`]: numeric flags with ranges, closed and full stdout, flags through the one
//!   validation, `--out` all-old or all-new under SIGKILL/SIGTERM/Ctrl-C, stale debris,
//!   built-in scenarios, no-effect warnings, message forms.
//! - [`labels`]: no text overlaps or is cut in the charts of a run, a battle and a comparison.
//! - [`readme`]: every command in the README runs on the shipped files.
//! - [`explore`]: `sweep`, `seek` and `sensitivity`; shocks that depend on (seed, run, month)
//!   only; common random numbers across grid points.
//!
//! Shared helpers live in [`common`]. Every test that writes files uses its own temporary
//! directory; none writes under the repository's `plots/`.

mod browser;
mod calibration;
mod charts;
mod claims;
mod classic;
mod cli;
mod common;
mod compare;
mod docs;
mod errors;
mod explore;
mod fuzz;
mod golden;
mod invariants;
mod labels;
mod levers;
mod readme;
mod reliability;
mod report;
mod reproducibility;
mod scenarios;
mod serve;
mod side_order;
