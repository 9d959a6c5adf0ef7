//! Reading ensembles (never running the model): per-step quantile sketches, tipping curves,
//! and the summary record that every output reads.

pub mod series;
pub mod sketch;
pub mod summary;
pub mod tipping;
