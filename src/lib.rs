//! # protracted — seeded Monte Carlo scenarios of protracted wars
//!
//! A simple, honest attrition model of a war that was meant to be short and became a
//! "forever war", run as seeded ensembles to ask *when might each side judge that time is not
//! on its side* — the condition for a negotiated end. A teaching and exploration tool, not a
//! forecast.
//!
//! ## Architecture (data flows top to bottom)
//!
//! - [`scenario`] — TOML files (with `extends` and `--set`) become a validated [`Scenario`]:
//!   metadata, two sides, a flat list of parameter slots (fixed or drawn once per run), time
//!   paths, donors and scheduled events. Errors name file, line, column, key and what is allowed.
//! - [`model`] — the war as pure step functions, one module per mechanism (attrition,
//!   manpower, materiel, economy, sanctions, support, strikes, territory, morale), composed by
//!   `model::war`; `model::lanchester` runs the classic attrition cases. `model::params`
//!   declares every parameter with unit, default, range and source.
//! - [`judgment`] — beliefs (biased, noisy, learning) and the rules that decide when a side
//!   judges that time is not on its side and when it would cut its losses; outcomes and the
//!   event log.
//! - [`sim`] — `run_one` steps one run; `ensemble` runs many in parallel with one seeded
//!   ChaCha8 stream per (seed, purpose, run), so results are identical at any thread count.
//! - [`analysis`] — reads ensembles, never runs the model: mergeable quantile sketches per
//!   step and variable, tipping curves, the [`analysis::summary::Summary`] record.
//! - [`export`] — pure serialisers (JSON, CSV) and the one atomic file writer.
//! - [`plot`] — the charts (PNG and SVG, one module per chart kind, the style in one place),
//!   drawn from the ensemble and summary (and a comparison's record) with an embedded font.
//! - [`cli`] — clap, terminals and exit codes; one file per subcommand.

#![deny(clippy::float_cmp)]
#![warn(missing_docs)]

pub mod analysis;
pub mod catalogue;
pub mod cli;
pub mod export;
pub mod judgment;
pub mod model;
pub mod params;
pub mod plot;
pub mod scenario;
pub mod sim;

pub use scenario::Scenario;
