//! Experiments on a scenario: many variants and designed runs on common random numbers, and
//! what is estimated from them.
//!
//! - [`experiment`]: the one layer that runs experiments — many scenario variants × runs, or
//!   designed rows with given parameter values and shock seeds — in parallel and
//!   deterministically, keeping per-run outcomes only ([`experiment::RunOutcome`]).
//! - [`metrics`]: per-run outcomes → P(side tips by month T), the restricted mean tipping
//!   month and the outcome shares, each with its standard error; Wilson intervals.
//! - [`lever`]: `PATH=SPEC` lever specifications (lists, ranges, multipliers) and the `--set`
//!   arguments that apply a lever value, so bad paths and values fail as `--set` does.
//! - [`sweep`]: a grid of one or two levers and its tidy table.
//! - [`seek`]: the smallest lever value that meets a target, and frontiers of two levers.
//! - [`bootstrap`]: seeded resampling and percentile intervals.
//! - [`given`]: first-order indices from one ensemble's own draws (rank binning), the dummy
//!   floor, and the tornado's conditional shares.
//! - [`sobol`]: the scrambled Sobol' design with shared shock seeds and the Saltelli/Jansen
//!   estimators.
//! - [`prim`]: PRIM scenario discovery (peeling, pasting, pruning, half-sample checks) on
//!   plain columns; [`discovery`]: an event in words, run through PRIM on an ensemble's draws.
//! - [`sensitivity`]: the `sensitivity` command's analyses of the war model, built from the
//!   pieces above.
//!
//! Nothing here draws charts, writes files or knows the command line: the charts are in
//! [`crate::plot`], the commands in [`crate::cli`].

pub mod bootstrap;
pub mod discovery;
pub mod experiment;
pub mod given;
pub mod lever;
pub mod metrics;
pub mod prim;
pub mod seek;
pub mod sensitivity;
pub mod sobol;
pub mod sweep;
