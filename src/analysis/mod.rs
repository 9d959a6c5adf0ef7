//! Reading ensembles (never running the model): the results' per-run views ([`ensemble`]), the
//! tally of the runs that summaries read ([`tally`]), per-step quantile sketches, tipping
//! curves, the summary record that every output reads, and comparisons of ensembles on common
//! random numbers. `sim` feeds the statistics while it simulates; nothing here imports `sim`.

pub mod compare;
pub mod ensemble;
pub mod series;
pub mod sketch;
pub mod summary;
pub mod tally;
pub mod tipping;
