//! # protracted — seeded Monte Carlo scenarios of protracted wars
//!
//! A simple, honest attrition model of a war that was meant to be short and became a
//! "forever war", run as seeded ensembles to ask *when might each side judge that time is not
//! on its side* — the condition for a negotiated end. A teaching and exploration tool, not a
//! forecast.
//!
//! ## Architecture (data flows top to bottom)
//!
//! - [`params`] — the parameter catalogue, a leaf: every scalar parameter declared once with unit,
//!   default, valid range and source (`param_group!`), a side's groups listed once in slot order
//!   (`side_groups!`), and [`params::Params`], one run's typed parameters read back from a
//!   scenario's flat slots. Validation, `--set` paths, the docs tables and the model all derive
//!   from it.
//! - [`scenario`] — TOML files (with `extends` and `--set`) become a validated [`Scenario`]:
//!   metadata, two sides, a flat list of parameter slots (fixed or drawn once per run), time
//!   paths, donors and scheduled events. Errors name file, line, column, key and what is allowed.
//! - [`model`] — the war as pure step functions, one module per mechanism (attrition,
//!   manpower, materiel, economy, sanctions, support, strikes, territory, morale); `model::war`
//!   holds the war's state, its monthly step (a function of state, parameters, the month's
//!   inputs and shocks), its output record and the output list; `model::lanchester` steps the
//!   classic attrition cases. `model` imports only `params`.
//! - [`judgment`] — beliefs (biased, noisy, learning) and the rules that decide when a side
//!   judges that time is not on its side and when it would cut its losses; the war's end
//!   conditions and each side's monthly assessment (`judgment::war`); outcomes and the event
//!   log.
//! - [`sim`] — the run loops: `sim::war` seeds a run's shock streams, steps the model, lets
//!   the sides judge and applies the cease-fire rule; `run_one`/`Plan` draw a run's parameters;
//!   `ensemble` runs many in parallel with one seeded ChaCha8 stream per (seed, purpose, run),
//!   so results are identical at any thread count.
//! - [`analysis`] — reads ensembles, never runs the model (and does not import `sim`, which
//!   feeds it): the results' per-run views ([`analysis::ensemble`]), mergeable quantile
//!   sketches per step and variable, tipping curves, the [`analysis::summary::Summary`] and
//!   [`analysis::compare::Comparison`] records.
//! - [`export`] — pure serialisers of every data file (JSON, CSV: summary, time series, runs,
//!   events, manifest, comparison) and the one atomic file writer.
//! - [`plot`] — the charts (PNG and SVG, one module per chart kind, the style in one place),
//!   drawn from the ensemble and summary (and a comparison's record) with an embedded font.
//! - [`catalogue`] — the parameter and output tables of the docs, rendered from the code.
//! - [`report`] — the self-contained HTML report of a run or a comparison: the same summary,
//!   comparison and charts (inline SVG) with words, tables, parameter diffs and provenance.
//! - [`serve`] — the local page of `protracted serve`: a scenario's `[levers]` become `--set`
//!   overrides, re-run on common random numbers and drawn by [`plot`]; axum with its guards.
//! - [`cli`] — clap, terminals and exit codes; one file per subcommand.

#![deny(clippy::float_cmp)]
#![warn(missing_docs)]

pub mod analysis;
pub mod catalogue;
pub mod cli;
pub mod explore;
pub mod export;
pub mod judgment;
pub mod model;
pub mod params;
pub mod plot;
pub mod report;
pub mod scenario;
pub mod serve;
pub mod sim;
#[cfg(test)]
mod testing;

pub use scenario::Scenario;
