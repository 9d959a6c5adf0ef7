//! Mechanism 6: external support — donors as data, with trends and unreliability.
//!
//! Each donor sends money, military aid and possibly troops to one side. Its flows follow a
//! trend (`(1 + trend)^(t/12)`), are multiplied by `active` (a lever that events set to 0 for
//! a suspension or a withdrawal), pause at random (probability per month; the pause lasts a
//! geometric number of months with the given mean) and may suffer a lasting cut. While a donor's
//! flows arrive it may also add to the recipient's quality (intelligence and targeting support).

use crate::params::Donor;

/// The random state of one donor in one run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DonorState {
    /// Months of pause left.
    pub paused_months_left: u32,
    /// Multiplier left after lasting cuts.
    pub cut_factor: f64,
}

impl Default for DonorState {
    fn default() -> Self {
        DonorState { paused_months_left: 0, cut_factor: 1.0 }
    }
}

/// What a side receives in one month, summed over its donors.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Received {
    /// Budget support, USD bn.
    pub financial_usd_bn: f64,
    /// Military aid, USD bn.
    pub military_usd_bn: f64,
    /// Troops, thousand persons.
    pub troops_k: f64,
    /// Quality added (intelligence, targeting).
    pub quality_bonus: f64,
}

impl Received {
    /// Money and military aid together, USD bn.
    pub fn total_usd_bn(&self) -> f64 {
        self.financial_usd_bn + self.military_usd_bn
    }
}

/// Support received relative to what the side judges it against, for morale and the
/// judgment: `(aid + 0.1) / (expected + 0.1)` with `expected` the side's
/// `support_expected_usd_bn_per_month`, or, when that is 0, the support of the run's first
/// month (`first`). The 0.1 USD bn offsets keep the ratio finite for a side that receives or
/// expects nothing (then it is 1: no support, none expected, no news).
pub fn support_ratio(aid_usd_bn: f64, first_usd_bn: f64, expected_usd_bn: f64) -> f64 {
    let reference = if expected_usd_bn > 0.0 { expected_usd_bn } else { first_usd_bn };
    (aid_usd_bn + 0.1) / (reference + 0.1)
}

/// Capability military aid buys beyond refilling stocks, quality points: `max · a / (a + half)`
/// for `a` USD bn of military aid a month (diminishing returns: half of `max` at `half`, never
/// more than `max`, never nothing for more aid).
pub fn aid_capability(military_usd_bn: f64, max: f64, half_usd_bn: f64) -> f64 {
    let a = military_usd_bn.max(0.0);
    if max <= 0.0 { 0.0 } else { max * a / (a + half_usd_bn.max(1e-9)) }
}

/// What happened to a donor this month (for the event log).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Nothing new.
    None,
    /// A pause started.
    Paused,
    /// A lasting cut.
    Cut,
}

/// Length of a pause in months: geometric with the given mean (at least one month), from a
/// uniform draw `u` in [0, 1).
pub fn pause_length(mean_months: f64, u: f64) -> u32 {
    if mean_months <= 1.0 {
        return 1;
    }
    let q = 1.0 - 1.0 / mean_months;
    1 + ((1.0 - u).max(1e-12).ln() / q.ln()).floor().max(0.0) as u32
}

/// Advance one donor by a month given two uniform draws in [0, 1) (pause, cut) and return its
/// flow multiplier this month and what changed.
pub fn advance(d: &Donor, st: &mut DonorState, month: usize, u_pause: f64, u_cut: f64) -> (f64, Change) {
    let mut change = Change::None;
    let paused = if st.paused_months_left > 0 {
        st.paused_months_left -= 1;
        true
    } else if u_pause < d.pause_prob_per_month {
        st.paused_months_left = pause_length(d.pause_months, u_pause / d.pause_prob_per_month) - 1;
        change = Change::Paused;
        true
    } else {
        false
    };
    if u_cut < d.cut_prob_per_month {
        st.cut_factor *= 1.0 - d.cut_share;
        change = Change::Cut;
    }
    if paused {
        return (0.0, change);
    }
    let growth = (1.0 + d.trend_pct_per_year / 100.0).max(0.0);
    // No trend: skip the power (1 either way; exact comparison is the point).
    #[allow(clippy::float_cmp)]
    let trend = if growth == 1.0 { 1.0 } else { growth.powf(month as f64 / 12.0) };
    (d.active * st.cut_factor * trend, change)
}

/// Add a donor's flows at multiplier `m` to what its recipient receives.
pub fn add(r: &mut Received, d: &Donor, m: f64) {
    r.financial_usd_bn += d.financial_usd_bn_per_month * m;
    r.military_usd_bn += d.military_usd_bn_per_month * m;
    r.troops_k += d.troops_k_per_month * m;
    if m > 0.0 {
        r.quality_bonus += d.quality_bonus * m.min(1.0);
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the expected values in these tests are exact
mod tests {
    use super::*;

    fn donor() -> Donor {
        Donor {
            financial_usd_bn_per_month: 1.0,
            military_usd_bn_per_month: 2.0,
            trend_pct_per_year: 20.0,
            ..Donor::default()
        }
    }

    #[test]
    fn flows_follow_the_trend() {
        let d = donor();
        let mut st = DonorState::default();
        let (m0, _) = advance(&d, &mut st, 0, 0.9, 0.9);
        let (m12, _) = advance(&d, &mut st, 12, 0.9, 0.9);
        assert_eq!(m0, 1.0);
        assert!((m12 - 1.2).abs() < 1e-12);
        let mut r = Received::default();
        add(&mut r, &d, m12);
        assert!((r.total_usd_bn() - 3.6).abs() < 1e-12);
    }

    #[test]
    fn a_pause_stops_the_flows_for_its_length() {
        let d = Donor { pause_prob_per_month: 0.5, pause_months: 1.0, ..donor() };
        let mut st = DonorState::default();
        let (m, c) = advance(&d, &mut st, 0, 0.1, 0.9);
        assert_eq!((m, c), (0.0, Change::Paused));
        let (m, _) = advance(&d, &mut st, 1, 0.9, 0.9);
        assert!(m > 0.0);
    }

    #[test]
    fn cuts_last_and_withdrawal_zeroes() {
        let d = Donor { cut_prob_per_month: 0.5, cut_share: 0.5, trend_pct_per_year: 0.0, ..donor() };
        let mut st = DonorState::default();
        let (m, c) = advance(&d, &mut st, 0, 0.9, 0.1);
        assert_eq!((m, c), (0.5, Change::Cut));
        let (m, _) = advance(&d, &mut st, 1, 0.9, 0.9);
        assert_eq!(m, 0.5);
        let gone = Donor { active: 0.0, ..donor() };
        assert_eq!(advance(&gone, &mut DonorState::default(), 0, 0.9, 0.9).0, 0.0);
    }
}
