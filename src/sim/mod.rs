//! Running the model: one run ([`run_one`]) and ensembles ([`ensemble()`]), with the random
//! number policy ([`rng`]) and the event schedule ([`schedule`]). An ensemble's results are
//! the analysis's views ([`Ensemble`], [`RunRecord`], [`RunView`]), re-exported here.

pub mod ensemble;
pub mod rng;
pub mod run;
pub mod schedule;
pub mod war;

pub use crate::analysis::ensemble::{Ensemble, Options, PerRun, RunRecord, RunView};
pub use ensemble::{ensemble, ensemble_of};
pub use run::{N_DRIVERS, Plan, Trajectory, run_one};
