//! Mechanism 8: ground changing hands.
//!
//! A side attacking at tempo `τ` gains `g0 · τ · (P_own / P_opp)^γ · shock` km² a month, where
//! `P` is combat power; if its power reaches `breakthrough_ratio` times the opponent's, the front
//! breaks and gains are multiplied by `breakthrough_multiplier`. Both sides may attack; the net
//! gain is the difference. Gains are slow and noisy (hundreds of km² a month) unless a front
//! breaks. Progress toward a territorial objective is the cumulative net gain.
//!
//! **Counter-attacks.** A side whose combat power exceeds `ρ` times the opponent's retakes
//! ground even without an offensive tempo: `c0 · ((P_own / P_opp)^γ − ρ^γ) · shock` km² a
//! month, with the same breakthrough multiplier (`c0 = counter_km2_per_month`,
//! `ρ = counter_ratio`; calibration: the 2023 counter-offensive, without that superiority,
//! retook a few hundred km² in five months; Kharkiv in September 2022, against a thinly held
//! front, about 12,000 km² in a month).

use crate::params::Territory;

/// Ground taken by an attacker this month, km² (before subtracting the opponent's gains).
pub fn gain(t: &Territory, tempo: f64, own_power: f64, opp_power: f64, shock: f64) -> f64 {
    if tempo <= 0.0 || t.gain_km2_per_month <= 0.0 || opp_power <= 0.0 && own_power <= 0.0 {
        return 0.0;
    }
    let ratio = if opp_power > 0.0 { own_power / opp_power } else { t.breakthrough_ratio };
    let mut g = t.gain_km2_per_month * tempo * super::pow(ratio.max(0.0), t.ratio_exponent) * shock;
    if ratio >= t.breakthrough_ratio {
        g *= t.breakthrough_multiplier;
    }
    g.max(0.0)
}

/// Ground retaken by counter-attacks this month, km² (0 unless own power exceeds
/// `counter_ratio` times the opponent's and `counter_km2_per_month` is set).
pub fn counter(t: &Territory, own_power: f64, opp_power: f64, shock: f64) -> f64 {
    if t.counter_km2_per_month <= 0.0 || own_power <= t.counter_ratio * opp_power {
        return 0.0;
    }
    let ratio = if opp_power > 0.0 { own_power / opp_power } else { t.breakthrough_ratio };
    let floor = super::pow(t.counter_ratio, t.ratio_exponent);
    let mut g = t.counter_km2_per_month * (super::pow(ratio, t.ratio_exponent) - floor) * shock;
    if ratio >= t.breakthrough_ratio {
        g *= t.breakthrough_multiplier;
    }
    g.max(0.0)
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the expected values in these tests are exact
mod tests {
    use super::*;

    #[test]
    fn gains_grow_with_the_power_ratio_and_jump_at_breakthrough() {
        let t = Territory {
            gain_km2_per_month: 300.0,
            ratio_exponent: 2.0,
            breakthrough_ratio: 3.0,
            breakthrough_multiplier: 10.0,
            ..Territory::default()
        };
        assert_eq!(gain(&t, 1.0, 1.0, 1.0, 1.0), 300.0);
        assert_eq!(gain(&t, 1.0, 2.0, 1.0, 1.0), 1200.0);
        assert_eq!(gain(&t, 0.0, 2.0, 1.0, 1.0), 0.0);
        assert_eq!(gain(&t, 1.0, 3.0, 1.0, 1.0), 300.0 * 9.0 * 10.0);
    }

    #[test]
    fn counter_attacks_need_superior_power() {
        let t = Territory {
            counter_km2_per_month: 200.0,
            ratio_exponent: 2.0,
            breakthrough_ratio: 2.5,
            breakthrough_multiplier: 8.0,
            ..Territory::default()
        };
        assert_eq!(counter(&t, 0.9, 1.0, 1.0), 0.0);
        assert_eq!(counter(&t, 1.0, 1.0, 1.0), 0.0);
        assert!((counter(&t, 1.1, 1.0, 1.0) - 200.0 * 0.21).abs() < 1e-9);
        // Kharkiv 2022: a thinly held front breaks.
        assert!((counter(&t, 3.0, 1.0, 1.0) - 200.0 * 8.0 * 8.0).abs() < 1e-9);
        assert_eq!(counter(&Territory::default(), 3.0, 1.0, 1.0), 0.0);
        let wary = Territory { counter_ratio: 1.5, ..t };
        assert_eq!(counter(&wary, 1.4, 1.0, 1.0), 0.0);
        assert!((counter(&wary, 3.0, 1.0, 1.0) - 200.0 * 6.75 * 8.0).abs() < 1e-9);
    }
}
