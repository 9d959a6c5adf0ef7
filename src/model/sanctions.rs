//! Mechanism 5: sanctions and their circumvention.
//!
//! The coalition sets an intensity path `s(t)` in [0, 1]; third countries neutralise a share
//! `c` of it, leaving an effective intensity `e = s · (1 − c)` for a side exposed to them. The
//! effective intensity widens the discount on that side's oil, taxes its defence production
//! (component imports) and drags its growth ([`super::economy`]). A cease-fire would lift only a
//! share of it (`relief_share`), which enters the judgment's settlement value.

use crate::params::World;

/// Effective sanctions intensity after circumvention, 0-1.
pub fn effective(intensity: f64, w: &World) -> f64 {
    (intensity * (1.0 - w.circumvention)).clamp(0.0, 1.0)
}

/// Share of the oil price lost by a side with sanctions exposure `exposure`.
pub fn oil_discount(effective: f64, exposure: f64, w: &World) -> f64 {
    (w.oil_discount_per_sanction * effective * exposure).clamp(0.0, 0.95)
}

/// Share of domestic defence production lost.
pub fn production_penalty(effective: f64, exposure: f64, w: &World) -> f64 {
    (w.production_penalty_per_sanction * effective * exposure).clamp(0.0, 0.95)
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the expected values in these tests are exact
mod tests {
    use super::*;

    #[test]
    fn circumvention_blunts_sanctions() {
        let w = World {
            circumvention: 0.5,
            oil_discount_per_sanction: 0.4,
            production_penalty_per_sanction: 0.2,
            ..World::default()
        };
        let e = effective(0.8, &w);
        assert!((e - 0.4).abs() < 1e-12);
        assert!((oil_discount(e, 1.0, &w) - 0.16).abs() < 1e-12);
        assert_eq!(oil_discount(e, 0.0, &w), 0.0);
        assert!((production_penalty(e, 1.0, &w) - 0.08).abs() < 1e-12);
        let tighter = World { circumvention: 0.2, ..w };
        assert!(effective(0.8, &tighter) > e);
    }
}
