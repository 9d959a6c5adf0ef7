//! Mechanism 3: materiel stocks and the effect of shortages on combat power.
//!
//! Four stocks per side — artillery ammunition, drones, air-defence interceptors, heavy
//! equipment — measured in *months of normal use* (normal = the use at the scenario's starting
//! intensity). Each month a stock gains domestic production (taxed by effective sanctions for a
//! sanctioned side) and military aid converted at its cost, and loses use: ammunition, drones
//! and equipment in proportion to combat intensity (casualties of both sides relative to the
//! first month), interceptors in proportion to the bombardment received. How combat use is
//! counted is a modelling choice (`use_follows_own_fight`, `φ`, 0–1): at 0 ammunition, drones
//! and equipment all follow the joint intensity; at 1 ammunition and drones follow the
//! casualties the side *inflicts* (its fire) and equipment those it *suffers* (each relative to
//! the first month with casualties); between, a blend.
//!
//! **Effect curve.** Below the shortage threshold `θ` (months), a stock's shortfall
//! `s = max(0, 1 − S/θ)` lowers combat power by the factor `1 − w·s²` (quadratic: a small dip
//! below the threshold hardly matters, an empty stock costs the full weight `w`). The factors of
//! ammunition, drones and equipment multiply. Interceptors do not enter combat power; they set
//! the share of bombardment intercepted: `interception_max · min(1, S/θ)`.

use crate::params::Materiel;

/// Index of each stock.
pub const AMMO: usize = 0;
/// Drones.
pub const DRONES: usize = 1;
/// Air-defence interceptors.
pub const AIR_DEFENSE: usize = 2;
/// Heavy equipment.
pub const EQUIPMENT: usize = 3;

/// The four stocks, months of normal use.
pub type Stocks = [f64; 4];

/// Starting stocks.
pub fn initial(p: &Materiel) -> Stocks {
    [p.ammo_start_months, p.drones_start_months, p.air_defense_start_months, p.equipment_start_months]
}

/// Shortfall below the threshold, 0 (none) to 1 (empty).
#[inline]
pub fn shortfall(stock: f64, threshold: f64) -> f64 {
    (1.0 - stock / threshold).clamp(0.0, 1.0)
}

/// Combat-power factor of the stocks (1 = no shortage).
pub fn power_factor(s: &Stocks, p: &Materiel) -> f64 {
    let th = p.shortage_threshold_months;
    let f = |stock: f64, w: f64| 1.0 - w * shortfall(stock, th).powi(2);
    f(s[AMMO], p.ammo_weight) * f(s[DRONES], p.drones_weight) * f(s[EQUIPMENT], p.equipment_weight)
}

/// Share of incoming bombardment intercepted.
pub fn interception(s: &Stocks, p: &Materiel) -> f64 {
    p.interception_max * (s[AIR_DEFENSE] / p.shortage_threshold_months).clamp(0.0, 1.0)
}

/// A month's flows into and out of the stocks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flows {
    /// Combat intensity relative to the first month: both sides' casualties.
    pub intensity: f64,
    /// The casualties the side inflicts, index (1 = those of the opponent's first month
    /// with casualties).
    pub inflicted: f64,
    /// The casualties the side suffers, index (1 = those of its first month with casualties).
    pub suffered: f64,
    /// Bombardment received, index (drives interceptor use).
    pub bombardment_received: f64,
    /// Military aid received, USD bn.
    pub military_aid_usd_bn: f64,
    /// Share of domestic production lost to sanctions.
    pub production_penalty: f64,
    /// Share of the ammunition stock destroyed by strikes on depots.
    pub depot_loss: f64,
}

/// Update the stocks for one month. Stocks never go below zero.
pub fn step(s: &mut Stocks, p: &Materiel, f: &Flows) {
    let prod = 1.0 - f.production_penalty.clamp(0.0, 1.0);
    let aid = f.military_aid_usd_bn.max(0.0);
    // How combat use is counted: the joint intensity, the side's own fight, or a blend.
    let phi = p.use_follows_own_fight.clamp(0.0, 1.0);
    let blend = |own: f64| if phi > 0.0 { (1.0 - phi) * f.intensity + phi * own } else { f.intensity };
    let (fire, wear) = (blend(f.inflicted), blend(f.suffered));
    let rows = [
        (AMMO, p.ammo_production, p.ammo_aid_share, p.ammo_cost_usd_bn, fire),
        (DRONES, p.drones_production, p.drones_aid_share, p.drones_cost_usd_bn, fire),
        (
            AIR_DEFENSE,
            p.air_defense_production,
            p.air_defense_aid_share,
            p.air_defense_cost_usd_bn,
            f.bombardment_received,
        ),
        (EQUIPMENT, p.equipment_production, p.equipment_aid_share, p.equipment_cost_usd_bn, wear),
    ];
    for (k, production, aid_share, cost, use_) in rows {
        s[k] = (s[k] + production * prod + aid * aid_share / cost - use_.max(0.0)).max(0.0);
    }
    s[AMMO] *= 1.0 - f.depot_loss.clamp(0.0, 1.0);
}

/// A stock as an index of its starting level (1 = as at the start).
pub fn index(stock: f64, start: f64) -> f64 {
    if start > 0.0 { stock / start } else { 0.0 }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the expected values in these tests are exact
mod tests {
    use super::*;

    #[test]
    fn effect_curve_is_flat_above_threshold_and_full_weight_when_empty() {
        let p = Materiel::default();
        let full = [3.0, 3.0, 3.0, 3.0];
        assert_eq!(power_factor(&full, &p), 1.0);
        let no_ammo = [0.0, 3.0, 3.0, 3.0];
        assert!((power_factor(&no_ammo, &p) - (1.0 - p.ammo_weight)).abs() < 1e-12);
        let half = [p.shortage_threshold_months / 2.0, 3.0, 3.0, 3.0];
        assert!((power_factor(&half, &p) - (1.0 - p.ammo_weight * 0.25)).abs() < 1e-12);
    }

    #[test]
    fn stocks_balance_production_aid_and_use_and_never_go_negative() {
        let p = Materiel { ammo_production: 0.5, ammo_aid_share: 0.5, ammo_cost_usd_bn: 1.0, ..Materiel::default() };
        let mut s = [2.0, 1.0, 1.0, 1.0];
        let f = Flows {
            intensity: 1.0,
            inflicted: 1.0,
            suffered: 1.0,
            bombardment_received: 5.0,
            military_aid_usd_bn: 1.0,
            production_penalty: 0.0,
            depot_loss: 0.0,
        };
        step(&mut s, &p, &f);
        assert!((s[AMMO] - 2.0).abs() < 1e-12, "{}", s[AMMO]);
        assert_eq!(s[AIR_DEFENSE], 0.0);
    }

    #[test]
    fn use_follows_the_joint_intensity_or_the_sides_own_fight() {
        let p = |w: f64| Materiel {
            ammo_production: 0.0,
            drones_production: 0.0,
            equipment_production: 0.0,
            use_follows_own_fight: w,
            ..Materiel::default()
        };
        // Twice the first month's joint fighting, the side inflicting as much as then and
        // suffering three times as much.
        let f = Flows {
            intensity: 2.0,
            inflicted: 1.0,
            suffered: 3.0,
            bombardment_received: 0.0,
            military_aid_usd_bn: 0.0,
            production_penalty: 0.0,
            depot_loss: 0.0,
        };
        let used = |w: f64| {
            let mut s = [10.0; 4];
            step(&mut s, &p(w), &f);
            [10.0 - s[AMMO], 10.0 - s[DRONES], 10.0 - s[EQUIPMENT]]
        };
        assert_eq!(used(0.0), [2.0, 2.0, 2.0], "all with the joint intensity");
        assert_eq!(used(1.0), [1.0, 1.0, 3.0], "fire with the losses inflicted, equipment with those suffered");
        assert_eq!(used(0.5), [1.5, 1.5, 2.5], "a blend");
    }

    #[test]
    fn interception_falls_with_the_interceptor_stock() {
        let p = Materiel::default();
        assert_eq!(interception(&[0.0, 0.0, 10.0, 0.0], &p), p.interception_max);
        assert_eq!(interception(&[0.0, 0.0, 0.0, 0.0], &p), 0.0);
    }
}
