//! Where each group lives in a scenario's flat list of slots, and one run's typed parameters
//! read back from it.
//!
//! Validation pushes slots side by side group by group (in [`SIDE_GROUPS`] order), then the
//! world, then each donor; [`Params::from_values`] reads them back in the same order, both
//! from the one list in [`crate::side_groups!`]'s invocation below.

use super::group::{GroupInfo, ParamGroup};
use super::groups::{
    Attrition, AttritionFile, Donor, Economy, EconomyFile, Judgment, JudgmentFile, Manpower, ManpowerFile, Materiel,
    MaterielFile, Morale, MoraleFile, Strikes, StrikesFile, Territory, TerritoryFile, World,
};
use super::spec::ParamSpec;

crate::side_groups! {
    /// Mechanism 1: attrition and combat power.
    attrition: Attrition / AttritionFile, 1, "Attrition (mechanism 1)";
    /// Mechanism 2: manpower.
    manpower: Manpower / ManpowerFile, 2, "Manpower (mechanism 2)";
    /// Mechanism 3: materiel.
    materiel: Materiel / MaterielFile, 3, "Materiel (mechanism 3)";
    /// Mechanism 4: economy and overheating.
    economy: Economy / EconomyFile, 4, "Economy and overheating (mechanism 4)";
    /// Mechanism 7: strikes at depth this side carries out.
    strikes: Strikes / StrikesFile, 7, "Strikes at depth (mechanism 7)";
    /// Mechanism 8: territory and objective.
    territory: Territory / TerritoryFile, 8, "Territory (mechanism 8)";
    /// Mechanism 9: morale and political cost.
    morale: Morale / MoraleFile, 9, "Morale and political cost (mechanism 9)";
    /// Beliefs and the judgment rules.
    judgment: Judgment / JudgmentFile, 10, "Beliefs and judgment";
}

/// The world group, as the catalogue lists it.
pub const WORLD_GROUP: GroupInfo =
    GroupInfo { key: "world", title: "World: oil and sanctions (mechanism 5)", mechanism: 5, specs: World::SPECS };

/// The donor group (one per `[[donors]]` entry), as the catalogue lists it.
pub const DONOR_GROUP: GroupInfo =
    GroupInfo { key: "donors", title: "External support, per donor (mechanism 6)", mechanism: 6, specs: Donor::SPECS };

/// Every group in docs order (by mechanism): (path prefix with `SIDE`/`NAME` placeholders, info).
pub fn catalogue() -> Vec<(String, GroupInfo)> {
    let mut v: Vec<(String, GroupInfo)> = SIDE_GROUPS.iter().map(|g| (format!("sides.SIDE.{}", g.key), *g)).collect();
    v.push(("world".into(), WORLD_GROUP));
    v.push(("donors.NAME".into(), DONOR_GROUP));
    v.sort_by_key(|(_, g)| g.mechanism);
    v
}

/// Number of slots of one side.
pub fn side_len() -> usize {
    SIDE_GROUPS.iter().map(|g| g.specs.len()).sum()
}

/// The spec of the `i`-th slot of a side's groups (in slot order), with its group key.
pub fn side_spec(i: usize) -> Option<(&'static str, &'static ParamSpec)> {
    let mut i = i;
    for g in SIDE_GROUPS {
        if i < g.specs.len() {
            return Some((g.key, &g.specs[i]));
        }
        i -= g.specs.len();
    }
    None
}

/// Offsets of each parameter group in a scenario's slots.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// Start of each side's groups.
    pub sides: [usize; 2],
    /// Start of the world group.
    pub world: usize,
    /// Start of each donor's group.
    pub donors: Vec<usize>,
}

/// Read one group from `values` at `*at` and advance `*at` past it.
pub fn take<G: ParamGroup>(values: &[f64], at: &mut usize) -> G {
    let g = G::from_values(&values[*at..]);
    *at += G::SPECS.len();
    g
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

impl Params {
    /// Build from values in slot order (see [`Layout`]).
    pub fn from_values(layout: &Layout, values: &[f64]) -> Params {
        let side = |start: usize| SideParams::from_values(values, &mut { start });
        let world = take(values, &mut { layout.world });
        let donors = layout.donors.iter().map(|&d| take::<Donor>(values, &mut { d })).collect();
        Params { sides: [side(layout.sides[0]), side(layout.sides[1])], world, donors }
    }

    /// Borrowed view of side `s`.
    pub fn side(&self, s: usize) -> SideParamsRef<'_> {
        self.sides[s].view()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::float_cmp)] // small integers stored as f64: exact by construction
    fn values_read_back_in_the_order_they_are_laid_out() {
        // Lay out a value per slot equal to its index; every group must read back its own
        // slots: a group read at the wrong offset would see another group's numbers.
        let n = 2 * side_len() + World::SPECS.len() + Donor::SPECS.len();
        let values: Vec<f64> = (0..n).map(|i| i as f64).collect();
        let layout =
            Layout { sides: [0, side_len()], world: 2 * side_len(), donors: vec![2 * side_len() + World::SPECS.len()] };
        let p = Params::from_values(&layout, &values);
        assert_eq!(p.sides[0].attrition.front_k, 0.0);
        let manpower0 = Attrition::SPECS.len() as f64;
        assert_eq!(p.sides[0].manpower.wounded_share, manpower0);
        let judgment1 = (side_len() + side_len() - Judgment::SPECS.len()) as f64;
        assert_eq!(p.sides[1].judgment.self_optimism, judgment1);
        assert_eq!(p.world.oil_shock, (2 * side_len()) as f64);
        assert_eq!(p.donors[0].financial_usd_bn_per_month, (2 * side_len() + World::SPECS.len()) as f64);
        assert_eq!(side_spec(Attrition::SPECS.len()).map(|(g, s)| (g, s.name)), Some(("manpower", "wounded_share")));
    }
}
