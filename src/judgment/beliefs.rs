//! Beliefs: what a side perceives of its own and the opponent's position.
//!
//! A side sees the truth through two biases and noise. *Self-optimism* `o` inflates its own
//! strength (and deflates its own strain); *underestimating the opponent's resilience* `u`
//! makes the opponent's morale and staying power look weaker and its decline faster. Both
//! biases shrink as fighting reveals information: each month they are multiplied by
//! `1 − learning_rate · intensity` (intensity = combat relative to the first month).
//!
//! The perceived **position** is a weighted sum of six components, positive when favourable:
//!
//! | component | perceived as |
//! |---|---|
//! | manpower  | ln(own front · (1+o) / opponent front), computed as ln(own / opponent) + ln(1+o) |
//! | materiel  | ln(own materiel index · (1+o) / opponent materiel index), likewise |
//! | economy   | opponent strain · (1+u) − own strain / (1+o) |
//! | support   | ln(own support ratio) − ln(opponent support ratio) (support relative to what the side expects, or to the first month) |
//! | morale    | own morale · (1+o) − opponent morale · (1−u) |
//! | territory | own net gain (km²/month, smoothed) / 1000 · (1+o) |
//!
//! Each perceived quantity carries mean-one lognormal noise.

use super::N_COMPONENTS;
use crate::params::Judgment;

/// The true quantities a side observes at the end of a month, from its own point of view.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Observation {
    /// Own front strength, thousand persons.
    pub own_front_k: f64,
    /// Opponent's front strength, thousand persons.
    pub opp_front_k: f64,
    /// Opponent's front strength at which it collapses, thousand persons.
    pub opp_front_floor_k: f64,
    /// Own materiel index (stock months over the shortage threshold, weighted, capped at 3).
    pub own_materiel: f64,
    /// Opponent's materiel index.
    pub opp_materiel: f64,
    /// Own economic strain (see [`crate::model::economy::EconomyState::strain`]).
    pub own_strain: f64,
    /// Opponent's economic strain.
    pub opp_strain: f64,
    /// Own support received relative to the first month.
    pub own_support_ratio: f64,
    /// Opponent's support relative to the first month.
    pub opp_support_ratio: f64,
    /// Own morale, 0-1.
    pub own_morale: f64,
    /// Opponent's morale, 0-1.
    pub opp_morale: f64,
    /// Opponent's morale at which it collapses.
    pub opp_morale_floor: f64,
    /// Months of its current deficit the opponent's reserves could finance (infinite in
    /// surplus, 0 once exhausted).
    pub opp_reserve_months: f64,
    /// Months printing would take the opponent's money to its collapse once its reserves are
    /// gone (see [`crate::model::economy::EconomyState::printing_months`]; infinite when
    /// printing would settle below its collapse level).
    pub opp_printing_months: f64,
    /// Months of its own current deficit the side's reserves could finance.
    pub own_reserve_months: f64,
    /// Months printing would take the side's own money to its collapse once its reserves are gone.
    pub own_printing_months: f64,
    /// Months until the side's own war debt would reach the borrowing capacity it judges it has
    /// (see [`crate::model::economy::EconomyState::debt_months`]; infinite without one).
    pub own_debt_months: f64,
    /// Own net gain this month, km².
    pub own_net_gain_km2: f64,
    /// Territory still to take for the objective, km² (0 = none or reached).
    pub remaining_objective_km2: f64,
    /// Whether the side has a territorial objective.
    pub has_objective: bool,
    /// Territory the opponent still wants to take from this side, km² (0 = none or reached).
    pub opp_remaining_objective_km2: f64,
    /// Whether the opponent has a territorial objective.
    pub opp_has_objective: bool,
    /// Combat intensity relative to the first month.
    pub intensity: f64,
    /// Regime commitment.
    pub commitment: f64,
    /// Value of the sanctions relief a cease-fire would bring, position points.
    pub relief: f64,
}

/// The biases in force, after learning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Biases {
    /// Multiplier of the initial biases (1 at the start, shrinking).
    pub factor: f64,
}

impl Biases {
    /// Self-optimism now.
    pub fn optimism(&self, p: &Judgment) -> f64 {
        p.self_optimism * self.factor
    }

    /// Underestimate of the opponent now.
    pub fn underestimate(&self, p: &Judgment) -> f64 {
        p.opponent_underestimate * self.factor
    }

    /// Learn from a month of fighting at `intensity`.
    pub fn learn(&mut self, p: &Judgment, intensity: f64) {
        self.factor *= (1.0 - p.learning_rate * intensity.max(0.0)).clamp(0.0, 1.0);
    }
}

/// What the two readings of one month (unbiased for the trend, biased for the position) share:
/// the noise, and the parts of the components that no bias touches.
///
/// The manpower and materiel components are logarithms of ratios, so their optimism factor
/// `1 + o` and their lognormal noise factor enter as added logarithms: `ln(a · (1+o) · n / b)
/// = ln(a / b) + ln(1+o) + ln n`, with `ln n = σz − σ²/2` known without taking a logarithm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shared {
    /// Mean-one lognormal noise factor of each component (used for the economy, morale and
    /// territory components).
    noise: [f64; N_COMPONENTS],
    /// The manpower component without optimism.
    manpower: f64,
    /// The materiel component without optimism.
    materiel: f64,
    /// The support component.
    support: f64,
}

impl Shared {
    /// The noise of standard-normal draws `noise` and the unbiased parts of `x`'s components.
    pub fn new(p: &Judgment, x: &Observation, noise: &[f64; N_COMPONENTS]) -> Shared {
        let sd = p.perception_noise;
        let log_noise = noise.map(|z| sd * z - 0.5 * sd * sd);
        let mut factor = [1.0; N_COMPONENTS];
        for k in 2..N_COMPONENTS {
            factor[k] = log_noise[k].exp();
        }
        Shared {
            noise: factor,
            manpower: ln_ratio(x.own_front_k, x.opp_front_k) + log_noise[0],
            materiel: ln_ratio(x.own_materiel.max(0.05), x.opp_materiel.max(0.05)) + log_noise[1],
            support: (ln_ratio(x.own_support_ratio, 1.0) - ln_ratio(x.opp_support_ratio, 1.0)) * factor[3],
        }
    }
}

#[inline]
fn ln_ratio(a: f64, b: f64) -> f64 {
    (a.max(1e-6) / b.max(1e-6)).ln()
}

/// The six perceived components, in [`super::N_COMPONENTS`] order.
pub fn components(p: &Judgment, b: &Biases, x: &Observation, noise: &[f64; N_COMPONENTS]) -> [f64; N_COMPONENTS] {
    components_shared(p, b, x, &Shared::new(p, x, noise))
}

/// [`components`] with the noise and the unbiased parts computed once for several readings of
/// the same month.
pub fn components_shared(p: &Judgment, b: &Biases, x: &Observation, s: &Shared) -> [f64; N_COMPONENTS] {
    let o = b.optimism(p);
    let u = b.underestimate(p);
    let n = &s.noise;
    // ln(1 + o): o ≥ −0.9 by its range; no logarithm for an unbiased reading.
    #[allow(clippy::float_cmp)]
    let ln_optimism = if o == 0.0 { 0.0 } else { (1.0 + o).ln() };
    let manpower = s.manpower + ln_optimism;
    let materiel = s.materiel + ln_optimism;
    let economy = (x.opp_strain * (1.0 + u) - x.own_strain / (1.0 + o.max(-0.9))) * n[2];
    let morale = x.own_morale * (1.0 + o) * n[4] - x.opp_morale * (1.0 - u);
    let territory = x.own_net_gain_km2 / 1000.0 * (1.0 + o) * n[5];
    [manpower, materiel, economy, s.support, morale, territory]
}

/// The weights of the components.
pub fn weights(p: &Judgment) -> [f64; N_COMPONENTS] {
    [p.weight_manpower, p.weight_materiel, p.weight_economy, p.weight_support, p.weight_morale, p.weight_territory]
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the expected values in these tests are exact
mod tests {
    use super::*;

    fn obs() -> Observation {
        Observation {
            own_front_k: 600.0,
            opp_front_k: 600.0,
            own_materiel: 1.0,
            opp_materiel: 1.0,
            own_support_ratio: 1.0,
            opp_support_ratio: 1.0,
            own_morale: 0.6,
            opp_morale: 0.6,
            ..Observation::default()
        }
    }

    #[test]
    fn an_unbiased_side_sees_a_balanced_war_as_balanced() {
        let p = Judgment { perception_noise: 0.0, ..Judgment::default() };
        let c = components(&p, &Biases { factor: 1.0 }, &obs(), &[0.0; N_COMPONENTS]);
        for x in c {
            assert!(x.abs() < 1e-12, "{c:?}");
        }
    }

    #[test]
    fn biases_flatter_the_side_and_fade_with_learning() {
        let p = Judgment {
            self_optimism: 0.3,
            opponent_underestimate: 0.4,
            perception_noise: 0.0,
            learning_rate: 0.1,
            ..Judgment::default()
        };
        let mut b = Biases { factor: 1.0 };
        let biased = components(&p, &b, &obs(), &[0.0; N_COMPONENTS]);
        assert!(biased[0] > 0.0 && biased[4] > 0.0);
        for _ in 0..50 {
            b.learn(&p, 1.0);
        }
        let later = components(&p, &b, &obs(), &[0.0; N_COMPONENTS]);
        assert!(later[0] < biased[0] && later[0] > 0.0);
        assert!(b.factor < 0.01);
    }

    #[test]
    fn a_donor_withdrawing_from_the_opponent_looks_favourable() {
        let p = Judgment { perception_noise: 0.0, ..Judgment::default() };
        let x = Observation { opp_support_ratio: 0.5, ..obs() };
        let c = components(&p, &Biases { factor: 1.0 }, &x, &[0.0; N_COMPONENTS]);
        assert!(c[3] > 0.0);
    }
}
