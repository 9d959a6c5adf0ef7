//! Reading ensembles (never running the model): per-step quantile sketches, tipping curves,
//! the summary record that every output reads, and comparisons of ensembles on common random
//! numbers.

pub mod compare;
pub mod series;
pub mod sketch;
pub mod summary;
pub mod tipping;
