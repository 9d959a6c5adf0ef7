//! Mechanism 9: public resilience and regime commitment.
//!
//! **Morale** `m` (0-1) relaxes toward an anchor that external support lifts
//! (`anchor + support_sensitivity · (support / support at start − 1)`), and each month loses
//! `casualty_sensitivity` per percent of the front lost, `bombing_sensitivity · leak ·
//! sensitivity` for bombardment that got through (with adaptation), and gains or loses
//! `territory_sensitivity` per 1000 km² gained or lost; one-off costs (coercive mobilisation,
//! conscripting the young) are subtracted when they happen. It never falls below its floor — a
//! population that knows its fate under occupation. Morale scales combat power by
//! `1 − combat_weight · (1 − m / m_start)`.
//!
//! **Regime commitment** rises with sunk costs (the nationalist bloc: cumulative casualties) and
//! falls with economic strain (elite worries). It stretches the leadership's patience and the
//! face cost of giving up (the judgment).

use crate::params::Morale;

/// What moved morale this month.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Pressures {
    /// Casualties as a percentage of the front.
    pub casualties_pct_of_front: f64,
    /// Bombardment that got through, index.
    pub bombing_leak: f64,
    /// Sensitivity to bombing after adaptation (0-1).
    pub bombing_sensitivity: f64,
    /// Net ground gained, km² (negative = lost).
    pub net_gain_km2: f64,
    /// Support received relative to the start (1 = unchanged).
    pub support_ratio: f64,
    /// One-off costs this month (coercive mobilisation, the 18-24 band), morale points.
    pub one_off: f64,
}

/// Next month's morale.
pub fn step(m: f64, p: &Morale, x: &Pressures) -> f64 {
    let anchor = (p.anchor + p.support_sensitivity * (x.support_ratio - 1.0)).clamp(0.0, 1.0);
    let next = m + p.recovery_per_month * (anchor - m)
        - p.casualty_sensitivity * x.casualties_pct_of_front
        - p.bombing_sensitivity * x.bombing_leak * x.bombing_sensitivity
        + p.territory_sensitivity * x.net_gain_km2 / 1000.0
        - x.one_off;
    next.clamp(p.floor.min(1.0), 1.0)
}

/// Combat-power factor of morale.
pub fn power_factor(m: f64, p: &Morale) -> f64 {
    if p.start <= 0.0 {
        return 1.0;
    }
    (1.0 - p.combat_weight * (1.0 - m / p.start)).max(0.05)
}

/// Regime commitment given economic strain and cumulative casualties (thousand persons).
pub fn commitment(p: &Morale, strain: f64, cumulative_casualties_k: f64) -> f64 {
    (p.commitment_start - p.elite_worry * strain + p.nationalist_pressure * cumulative_casualties_k / 100.0)
        .clamp(0.05, 3.0)
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the expected values in these tests are exact
mod tests {
    use super::*;

    fn p() -> Morale {
        Morale {
            start: 0.7,
            anchor: 0.7,
            recovery_per_month: 0.1,
            floor: 0.3,
            casualty_sensitivity: 0.02,
            bombing_sensitivity: 0.05,
            territory_sensitivity: 0.1,
            support_sensitivity: 0.2,
            ..Morale::default()
        }
    }

    #[test]
    fn losses_and_bombing_lower_morale_but_not_below_the_floor() {
        let x = Pressures {
            casualties_pct_of_front: 3.0,
            bombing_leak: 1.0,
            bombing_sensitivity: 1.0,
            support_ratio: 1.0,
            ..Pressures::default()
        };
        let m = step(0.7, &p(), &x);
        assert!((m - (0.7 - 0.06 - 0.05)).abs() < 1e-12);
        let mut m = 0.7;
        for _ in 0..200 {
            m = step(m, &p(), &Pressures { casualties_pct_of_front: 10.0, ..x });
        }
        assert_eq!(m, 0.3);
    }

    #[test]
    fn adaptation_and_support_soften_the_blow() {
        let hit = Pressures { bombing_leak: 1.0, bombing_sensitivity: 1.0, support_ratio: 1.0, ..Pressures::default() };
        let adapted = Pressures { bombing_sensitivity: 0.5, ..hit };
        assert!(step(0.7, &p(), &adapted) > step(0.7, &p(), &hit));
        let supported = Pressures { support_ratio: 1.5, ..hit };
        assert!(step(0.7, &p(), &supported) > step(0.7, &p(), &hit));
    }

    #[test]
    fn morale_scales_power_and_strain_erodes_commitment() {
        assert_eq!(power_factor(0.7, &p()), 1.0);
        assert!(power_factor(0.35, &p()) < 1.0);
        let q = Morale { elite_worry: 0.5, nationalist_pressure: 0.1, ..p() };
        assert!(commitment(&q, 1.0, 0.0) < commitment(&q, 0.0, 0.0));
        assert!(commitment(&q, 0.0, 500.0) > commitment(&q, 0.0, 0.0));
    }
}
