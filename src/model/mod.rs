//! The war: pure step functions per mechanism, and the drawn parameters they read.
//!
//! [`params`] declares every scalar parameter; [`Params`] is one run's draw of them, built
//! from the flat value list [`crate::sim`] samples. [`attrition`] is the Lanchester core
//! shared by both models; [`lanchester`] steps the classic cases. The war model's mechanisms
//! each live in their own module and are composed by [`war`]. Nothing here samples parameters,
//! keeps ensembles or writes files.

pub mod attrition;
pub mod catalogue;
pub mod economy;
pub mod lanchester;
pub mod manpower;
pub mod materiel;
pub mod morale;
pub mod outputs;
pub mod params;
pub mod sanctions;
pub mod strikes;
pub mod support;
pub mod territory;
pub mod war;

/// Length of a month in days (the war model's step).
pub const MONTH_DAYS_F: f64 = crate::scenario::MONTH_DAYS;

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

use crate::scenario::Layout;
use crate::scenario::param::ParamGroup;
use params::{Attrition, Donor, Economy, Judgment, Manpower, Materiel, Morale, Strikes, Territory, World};

/// One side's drawn parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct SideParams {
    /// Mechanism 1.
    pub attrition: Attrition,
    /// Mechanism 2.
    pub manpower: Manpower,
    /// Mechanism 3.
    pub materiel: Materiel,
    /// Mechanism 4.
    pub economy: Economy,
    /// Mechanism 7 (strikes this side carries out).
    pub strikes: Strikes,
    /// Mechanism 8.
    pub territory: Territory,
    /// Mechanism 9.
    pub morale: Morale,
    /// Beliefs and judgment rules.
    pub judgment: Judgment,
}

/// One run's drawn parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Both sides.
    pub sides: [SideParams; 2],
    /// World parameters.
    pub world: World,
    /// Donors, in scenario order.
    pub donors: Vec<Donor>,
}

/// Borrowed view of one side's parameters (what mechanism functions take).
#[derive(Debug, Clone, Copy)]
pub struct SideParamsRef<'a> {
    /// Mechanism 1.
    pub attrition: &'a Attrition,
    /// Mechanism 2.
    pub manpower: &'a Manpower,
    /// Mechanism 3.
    pub materiel: &'a Materiel,
    /// Mechanism 4.
    pub economy: &'a Economy,
    /// Mechanism 7.
    pub strikes: &'a Strikes,
    /// Mechanism 8.
    pub territory: &'a Territory,
    /// Mechanism 9.
    pub morale: &'a Morale,
    /// Judgment.
    pub judgment: &'a Judgment,
}

fn take<G: ParamGroup>(values: &[f64], at: &mut usize) -> G {
    let g = G::from_values(&values[*at..]);
    *at += G::SPECS.len();
    g
}

impl Params {
    /// Build from values in slot order (see [`Layout`]).
    pub fn from_values(layout: &Layout, values: &[f64]) -> Params {
        let side = |start: usize| {
            let mut at = start;
            SideParams {
                attrition: take(values, &mut at),
                manpower: take(values, &mut at),
                materiel: take(values, &mut at),
                economy: take(values, &mut at),
                strikes: take(values, &mut at),
                territory: take(values, &mut at),
                morale: take(values, &mut at),
                judgment: take(values, &mut at),
            }
        };
        let mut at = layout.world;
        let world = take(values, &mut at);
        let donors = layout
            .donors
            .iter()
            .map(|&d| {
                let mut at = d;
                take::<Donor>(values, &mut at)
            })
            .collect();
        Params { sides: [side(layout.sides[0]), side(layout.sides[1])], world, donors }
    }

    /// Borrowed view of side `s`.
    pub fn side(&self, s: usize) -> SideParamsRef<'_> {
        let p = &self.sides[s];
        SideParamsRef {
            attrition: &p.attrition,
            manpower: &p.manpower,
            materiel: &p.materiel,
            economy: &p.economy,
            strikes: &p.strikes,
            territory: &p.territory,
            morale: &p.morale,
            judgment: &p.judgment,
        }
    }
}
