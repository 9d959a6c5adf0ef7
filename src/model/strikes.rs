//! Mechanism 7: strikes at depth, both ways.
//!
//! **Deep strikes** (long-range drones and missiles on refineries, depots and air bases): of a
//! striker's intensity `D` a share `leak` gets through. Each unit that gets through knocks out
//! a share of the target's energy revenue (repaired at a monthly rate), destroys a share of its
//! ammunition stock, and a share of its bombardment capacity (air bases; restored at the same
//! repair rate).
//!
//! **Mass bombardment** of cities and energy: the striker's intensity times its remaining
//! capacity arrives; the target's interceptors stop a share ([`super::materiel::interception`]);
//! what leaks through costs the target GDP and morale, scaled by its *sensitivity*, which falls
//! as the population adapts: `sensitivity = 1 / (1 + adaptation · cumulative leak)` — the same
//! bombing does less harm the longer it lasts.

use crate::params::Strikes;

/// What deep strikes do to the target this month.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DeepEffect {
    /// Intensity that got through.
    pub landed: f64,
    /// Share of energy revenue knocked out this month (added to the damage stock).
    pub refinery: f64,
    /// Share of the ammunition stock destroyed.
    pub depot: f64,
    /// Share of bombardment capacity destroyed.
    pub airbase: f64,
}

/// Deep strikes of a striker with parameters `s` and a per-step shock multiplier.
pub fn deep(s: &Strikes, shock: f64) -> DeepEffect {
    let landed = s.deep_strikes * s.deep_strike_leak * shock;
    DeepEffect {
        landed,
        refinery: (s.refinery_damage * landed).clamp(0.0, 1.0),
        depot: (s.depot_damage * landed).clamp(0.0, 1.0),
        airbase: (s.airbase_damage * landed).clamp(0.0, 1.0),
    }
}

/// Damage stock update: `d ← d·(1 − repair) + new`, kept in [0, 0.95].
pub fn accumulate(damage: f64, new: f64, repair: f64) -> f64 {
    (damage * (1.0 - repair) + new).clamp(0.0, 0.95)
}

/// Bombardment arriving at the target: intensity × remaining capacity × shock.
pub fn bombardment(s: &Strikes, capacity_lost: f64, shock: f64) -> f64 {
    (s.bombardment * (1.0 - capacity_lost) * shock).max(0.0)
}

/// Sensitivity to bombing after `cumulative_leak` units have got through.
pub fn sensitivity(adaptation_rate: f64, cumulative_leak: f64) -> f64 {
    1.0 / (1.0 + adaptation_rate * cumulative_leak.max(0.0))
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the expected values in these tests are exact
mod tests {
    use super::*;

    #[test]
    fn deep_strikes_scale_with_what_gets_through() {
        let s = Strikes {
            deep_strikes: 2.0,
            deep_strike_leak: 0.5,
            refinery_damage: 0.05,
            depot_damage: 0.02,
            airbase_damage: 0.01,
            ..Strikes::default()
        };
        let e = deep(&s, 1.0);
        assert!((e.landed - 1.0).abs() < 1e-12);
        assert!((e.refinery - 0.05).abs() < 1e-12);
        assert_eq!(deep(&Strikes::default(), 1.0), DeepEffect::default());
    }

    #[test]
    fn damage_is_repaired_and_bounded() {
        assert!((accumulate(0.2, 0.1, 0.5) - 0.2).abs() < 1e-12);
        assert_eq!(accumulate(0.9, 0.9, 0.0), 0.95);
    }

    #[test]
    fn adaptation_lowers_sensitivity() {
        assert_eq!(sensitivity(0.1, 0.0), 1.0);
        assert!(sensitivity(0.1, 10.0) < sensitivity(0.1, 5.0));
        assert_eq!(sensitivity(0.0, 10.0), 1.0);
    }
}
