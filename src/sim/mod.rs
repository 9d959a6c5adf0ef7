//! Running the model: one run ([`run_one`]) and ensembles ([`ensemble()`]), with the random
//! number policy ([`rng`]) and the event schedule ([`schedule`]).

pub mod ensemble;
pub mod rng;
pub mod run;
pub mod schedule;
pub mod war;

pub use ensemble::{Ensemble, Options, RunRecord, ensemble};
pub use run::{N_DRIVERS, Plan, Trajectory, run_one};
