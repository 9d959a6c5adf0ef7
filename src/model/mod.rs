//! The war: pure step functions per mechanism, and the drawn parameters they read.
//!
//! Every scalar parameter is declared in [`crate::params`]; [`Params`] is one run's draw of
//! them, built from the flat value list the simulation samples. [`attrition`] is the Lanchester core
//! shared by both models; [`lanchester`] steps the classic cases. The war model's mechanisms
//! each live in their own module and are composed by [`war`]. Nothing here samples parameters,
//! keeps ensembles or writes files.

pub mod attrition;
pub mod economy;
pub mod lanchester;
pub mod manpower;
pub mod materiel;
pub mod morale;
pub mod outputs;
pub mod sanctions;
pub mod strikes;
pub mod support;
pub mod territory;
pub mod war;

/// Length of a month in days (the war model's step).
pub const MONTH_DAYS_F: f64 = crate::params::MONTH_DAYS;

/// `x^e` for `x ≥ 0`, with fast paths for the exponents scenarios use most (0, ½, 1, 3/2, 2;
/// exact comparison is the point). The fast paths are correctly rounded or within an ulp of
/// `powf`, and many times cheaper: these powers are taken several times a month in every run.
#[inline]
#[allow(clippy::float_cmp)]
pub fn pow(x: f64, e: f64) -> f64 {
    if e == 1.0 {
        x
    } else if e == 0.0 {
        1.0
    } else if e == 2.0 {
        x * x
    } else if e == 0.5 {
        x.sqrt()
    } else if e == 1.5 {
        x * x.sqrt()
    } else {
        x.powf(e)
    }
}

pub use crate::params::{Params, SideParams, SideParamsRef};
