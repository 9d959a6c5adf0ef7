//! Mechanism 8: ground changing hands.
//!
//! A side attacking at tempo `τ` gains `g0 · τ · (P_own / P_opp)^γ · shock` km² a month, where
//! `P` is combat power; if its power reaches `breakthrough_ratio` times the opponent's, the front
//! breaks and gains are multiplied by `breakthrough_multiplier`. Both sides may attack; the net
//! gain is the difference. Gains are slow and noisy (hundreds of km² a month) unless a front
//! breaks. Progress toward a territorial objective is the cumulative net gain.

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
}
