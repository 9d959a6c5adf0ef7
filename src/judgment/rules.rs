//! The rules: objective realism, the trend, "time is not on our side", "cut our losses".
//!
//! Every month a side, from its beliefs ([`super::beliefs`]):
//!
//! 1. **Objective realism.** Expects to need `T = min(T_territory, T_exhaustion)` months:
//!    the ground still to take at its perceived (smoothed) rate of gain, or the time until it
//!    expects the opponent to break — the opponent's front (down to its collapse level) and
//!    morale (down to its collapse level), each the level above the floor divided by its
//!    perceived rate of decline (smoothed monthly change), and the opponent's money runway
//!    (its reserve months, then the months printing would take its money to collapse, a
//!    projection of the level). An underestimated opponent (`u`) seems to stand lower,
//!    `(1 − u)`, and to decline faster, `(1 + u)`. The objective looks unrealistic when
//!    `T > patience · commitment`, when `T` exceeds the months until the opponent reaches
//!    *its* objective at the rate this side is losing ground (seen through optimism,
//!    `(1 − o)`: a side that expects to lose first), or when `T` exceeds the side's own money
//!    runway (seen through optimism, `(1 + o)`), which ends sooner if its war debt would reach
//!    the borrowing capacity it judges it has.
//! 2. **Trend.** The least-squares slope of each weighted component of the perceived position
//!    (measured without bias, with noise) over the last `trend_window_months`. Self-optimism
//!    `o` then colours the news: falling components count `(1 − o)` times, rising ones
//!    `(1 + o)` times (motivated reasoning: bad news discounted, good news amplified). The
//!    trend is the sum of the contributions, which are the attribution reported at tipping.
//! 3. **Evidence.** The side weighs the trend against its own noise: the trend's t-statistic
//!    `t = trend / se`, where `se` is the standard error of the slope from the scatter of the
//!    perceived position around the fitted line over the window, added in quadrature to
//!    `trend_materiality` (a drift slower than that is not news however steady), feeds a one-sided CUSUM score (Page 1954)
//!    `S = max(0, S − t − k)` with allowance `k = evidence_allowance`. A noisy but level
//!    position scatters `t` around 0 and the score stays near 0; a position that worsens
//!    faster than its noise accumulates evidence month after month.
//!    **Time is not on its side** when the objective looks unrealistic *and* the score has
//!    reached `evidence_threshold`. The first month is recorded.
//! 4. **It would cut its losses** when, in the same month as the condition of 3 holds, the expected cost of fighting on over the
//!    planning horizon `H` — the projected loss of position `−trend · H` plus the current
//!    economic strain — exceeds the cost of acknowledging failure,
//!    `face_cost · loss_aversion · commitment − relief` (relief: the value of the partial,
//!    contingent sanctions relief a cease-fire would bring).

use super::N_COMPONENTS;
use super::beliefs::{Biases, Observation, Shared, components_shared, weights};
use crate::params::Judgment;

/// Longest window kept, months.
pub const MAX_WINDOW: usize = 60;
/// Smoothing of perceived rates (exponential, weight of the new month).
pub const RATE_SMOOTHING: f64 = 0.25;
/// Months reported when an objective looks out of reach for ever.
pub const NEVER_MONTHS: f64 = 600.0;
/// Fewest months of history before a trend counts as evidence.
pub const MIN_TREND_MONTHS: usize = 3;

/// One side's judging state.
#[derive(Debug, Clone, PartialEq)]
pub struct Judge {
    /// Biases after learning.
    pub biases: Biases,
    history: Vec<[f64; N_COMPONENTS]>,
    gain_rate: f64,
    last: Option<Seen>,
    d_front: f64,
    d_morale: f64,
    evidence: f64,
    /// First month time was judged not on the side's side.
    pub time_not_on_side: Option<u16>,
    /// First month the side would cut its losses.
    pub cut_losses: Option<u16>,
    /// Whether the "bias halved" event was logged.
    pub halved_logged: bool,
}

/// What a side remembers of last month's observation, for the perceived rates of decline.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Seen {
    opp_front_k: f64,
    opp_morale: f64,
}

/// What a side concluded this month.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Assessment {
    /// Perceived position (weighted sum of components).
    pub position: f64,
    /// Slope of the perceived position, points per month.
    pub trend: f64,
    /// Months the side expects to need for its objective (capped at [`NEVER_MONTHS`]).
    pub objective_months: f64,
    /// The objective looks unrealistic.
    pub unrealistic: bool,
    /// Conditions hold now: the objective looks unrealistic and the trend is negative.
    pub worsening_and_unrealistic: bool,
    /// The trend's t-statistic this month (trend / its standard error; 0 before
    /// [`MIN_TREND_MONTHS`] of history).
    pub trend_t: f64,
    /// Accumulated evidence of a worsening trend (CUSUM score), t-units.
    pub evidence: f64,
    /// The longest the side can give its objective, months: the least of its patience times
    /// its commitment, the months until the opponent reaches its own objective at the rate this
    /// side loses ground, and its own money runway (capped at [`NEVER_MONTHS`]). The objective
    /// looks unrealistic when `objective_months` exceeds it.
    pub limit_months: f64,
    /// Judged that time is not on its side for the first time this month.
    pub tipped_now: bool,
    /// Would cut its losses for the first time this month.
    pub cut_now: bool,
    /// Would cut its losses this month (not only the first time).
    pub would_cut: bool,
    /// Attribution of the negative trend (shares summing to 1, or all 0 when the trend is not negative).
    pub drivers: [f64; N_COMPONENTS],
}

/// Least-squares slope of `ys` against 0, 1, 2, ...
pub fn slope(ys: impl ExactSizeIterator<Item = f64> + Clone) -> f64 {
    let n = ys.len() as f64;
    if n < 2.0 {
        return 0.0;
    }
    let xm = (n - 1.0) / 2.0;
    let ym = ys.clone().sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (i, y) in ys.enumerate() {
        let dx = i as f64 - xm;
        sxy += dx * (y - ym);
        sxx += dx * dx;
    }
    sxy / sxx
}

/// [`slope`] of each component over `rows`, in one pass: per component the same operations in
/// the same order as [`slope`] (so the same bits), without walking the window once per
/// component or recomputing `Σ dx²` (this runs for every side, month and run).
fn slopes(rows: &[[f64; N_COMPONENTS]]) -> [f64; N_COMPONENTS] {
    let n = rows.len() as f64;
    if n < 2.0 {
        return [0.0; N_COMPONENTS];
    }
    let xm = (n - 1.0) / 2.0;
    let mut sum = [0.0; N_COMPONENTS];
    for row in rows {
        for (s, y) in sum.iter_mut().zip(row) {
            *s += y;
        }
    }
    let ym = sum.map(|s| s / n);
    let (mut sxy, mut sxx) = ([0.0; N_COMPONENTS], 0.0);
    for (i, row) in rows.iter().enumerate() {
        let dx = i as f64 - xm;
        for ((s, y), m) in sxy.iter_mut().zip(row).zip(&ym) {
            *s += dx * (y - m);
        }
        sxx += dx * dx;
    }
    sxy.map(|s| s / sxx)
}

/// Standard error of the least-squares slope of the rows' sums (the perceived position),
/// given that slope: `sqrt(SSres / (n − 2) / Sxx)`; 0 with fewer than three rows.
fn total_slope_se(rows: &[[f64; N_COMPONENTS]], slope: f64) -> f64 {
    let n = rows.len();
    if n < 3 {
        return 0.0;
    }
    let nf = n as f64;
    let xm = (nf - 1.0) / 2.0;
    let ym = rows.iter().map(|r| r.iter().sum::<f64>()).sum::<f64>() / nf;
    let mut ss = 0.0;
    let mut sxx = 0.0;
    for (i, r) in rows.iter().enumerate() {
        let dx = i as f64 - xm;
        let res = r.iter().sum::<f64>() - ym - slope * dx;
        ss += res * res;
        sxx += dx * dx;
    }
    (ss / (nf - 2.0) / sxx).sqrt()
}

/// The opponent's financial runway as this side sees it, months: the months of deficit its
/// reserves still finance, then the months printing would take its money to collapse (a level
/// projection from its deficit and inflation, not a rate: see
/// [`crate::model::economy::EconomyState::printing_months`]). An underestimated opponent (`u`)
/// seems to have `(1 − u)` of both and to burn through them `(1 + u)` times faster. Exhausted
/// reserves shorten the runway, never lengthen it. The opponent's borrowing capacity does not
/// end it: reaching its own debt limit is the opponent's choice to make, not its collapse.
fn money_runway(x: &Observation, u: f64) -> f64 {
    runway(x.opp_reserve_months, x.opp_printing_months, f64::INFINITY, (1.0 - u) / (1.0 + u))
}

/// Months of money left, seen `seen` times as long as they are: `reserve_months`, then
/// `printing_months`, or `debt_months` (until the war debt reaches the borrowing capacity) if
/// fewer; [`NEVER_MONTHS`] when that is infinite, capped at it otherwise.
fn runway(reserve_months: f64, printing_months: f64, debt_months: f64, seen: f64) -> f64 {
    let months = (reserve_months + printing_months).min(debt_months);
    if months.is_finite() { (months * seen.max(0.0)).min(NEVER_MONTHS) } else { NEVER_MONTHS }
}

fn months_to_floor(level: f64, floor: f64, decline_per_month: f64, u: f64) -> f64 {
    let above = (level - floor).max(0.0) * (1.0 - u);
    let d = decline_per_month * (1.0 + u);
    if d <= 1e-9 { NEVER_MONTHS } else { (above / d).min(NEVER_MONTHS) }
}

impl Judge {
    /// A judge at the start of a run.
    pub fn new() -> Judge {
        Judge {
            biases: Biases { factor: 1.0 },
            history: Vec::with_capacity(MAX_WINDOW),
            gain_rate: 0.0,
            last: None,
            d_front: 0.0,
            d_morale: 0.0,
            evidence: 0.0,
            time_not_on_side: None,
            cut_losses: None,
            halved_logged: false,
        }
    }

    /// Assess month `month` given this month's observation and standard-normal noise draws.
    pub fn assess(&mut self, p: &Judgment, x: &Observation, noise: &[f64; N_COMPONENTS], month: u16) -> Assessment {
        let o = self.biases.optimism(p);
        let u = self.biases.underestimate(p);
        // The trend is measured on unbiased (but noisy) perceptions: a side cannot talk itself
        // out of the direction events are taking, and the fading of its own bias is not news
        // about the war. The biases act where the essay puts them: on how close the objective
        // looks (optimism about its own gains, underestimating the opponent's staying power).
        let shared = Shared::new(p, x, noise);
        let unbiased = Biases { factor: 0.0 };
        let c = components_shared(p, &unbiased, x, &shared);
        let w = weights(p);
        let weighted: [f64; N_COMPONENTS] = std::array::from_fn(|k| w[k] * c[k]);
        let biased = components_shared(p, &self.biases, x, &shared);
        if self.history.is_empty() {
            // The side starts from the war as it expected it to stand: the first month's reading
            // with the support both sides were expected to receive (ratio 1). A donor who has
            // already left by the first month is news, not the way things always were.
            let expected = Observation { own_support_ratio: 1.0, opp_support_ratio: 1.0, ..*x };
            let c0 = components_shared(p, &unbiased, &expected, &Shared::new(p, &expected, noise));
            self.history.push(std::array::from_fn(|k| w[k] * c0[k]));
        }
        if self.history.len() == MAX_WINDOW {
            self.history.remove(0);
        }
        self.history.push(weighted);
        // Rounded half up (no libm call; the value is positive by its range).
        let window = ((p.trend_window_months + 0.5) as usize).clamp(2, MAX_WINDOW);
        let recent = &self.history[self.history.len().saturating_sub(window)..];
        // Motivated reasoning: an optimistic side discounts the components that show it losing
        // and amplifies those that show it winning (o < 0 does the reverse).
        let slopes = slopes(recent);
        let se = total_slope_se(recent, slopes.iter().sum());
        let contrib: [f64; N_COMPONENTS] = std::array::from_fn(|k| {
            let s = slopes[k];
            if s < 0.0 { s * (1.0 - o).max(0.0) } else { s * (1.0 + o).max(0.0) }
        });
        let trend: f64 = contrib.iter().sum();
        let position: f64 = (0..N_COMPONENTS).map(|k| w[k] * biased[k]).sum();

        // Perceived rates, smoothed.
        let a = RATE_SMOOTHING;
        self.gain_rate =
            if self.last.is_none() { x.own_net_gain_km2 } else { (1.0 - a) * self.gain_rate + a * x.own_net_gain_km2 };
        if let Some(l) = self.last {
            self.d_front = (1.0 - a) * self.d_front + a * (l.opp_front_k - x.opp_front_k);
            self.d_morale = (1.0 - a) * self.d_morale + a * (l.opp_morale - x.opp_morale);
        }
        self.last = Some(Seen { opp_front_k: x.opp_front_k, opp_morale: x.opp_morale });

        let t_territory = if !x.has_objective {
            NEVER_MONTHS
        } else if x.remaining_objective_km2 <= 0.0 {
            0.0
        } else {
            let rate = self.gain_rate * (1.0 + o);
            if rate <= 1e-9 { NEVER_MONTHS } else { (x.remaining_objective_km2 / rate).min(NEVER_MONTHS) }
        };
        let t_exhaust = months_to_floor(x.opp_front_k, x.opp_front_floor_k, self.d_front, u)
            .min(money_runway(x, u))
            .min(months_to_floor(x.opp_morale, x.opp_morale_floor, self.d_morale, u));
        let objective_months = t_territory.min(t_exhaust);
        // Months until the opponent reaches its own objective at the rate this side is losing
        // ground (which optimism makes look slower): a side that expects to lose first cannot
        // call its objective realistic.
        let t_losing = if !x.opp_has_objective {
            NEVER_MONTHS
        } else if x.opp_remaining_objective_km2 <= 0.0 {
            0.0
        } else {
            let rate = (-self.gain_rate) * (1.0 - o).max(0.0);
            if rate <= 1e-9 { NEVER_MONTHS } else { (x.opp_remaining_objective_km2 / rate).min(NEVER_MONTHS) }
        };
        // Its own money must last as long as the objective needs: the same runway, read of
        // itself through optimism (its reserve and printing months look `1 + o` times longer),
        // ended sooner by the war debt it judges it can carry (its borrowing months, likewise).
        let own_runway = runway(x.own_reserve_months, x.own_printing_months, x.own_debt_months, 1.0 + o);
        let limit_months = (p.patience_months * x.commitment).min(t_losing).min(own_runway).min(NEVER_MONTHS);
        let unrealistic = objective_months > limit_months;
        let enough = recent.len() >= MIN_TREND_MONTHS;
        let worsening = enough && trend < 0.0;
        let holds = unrealistic && worsening;
        let trend_t = if enough { trend / se.hypot(p.trend_materiality) } else { 0.0 };
        self.evidence = (self.evidence - trend_t - p.evidence_allowance).max(0.0);
        let judged = unrealistic && self.evidence >= p.evidence_threshold;

        let mut drivers = [0.0; N_COMPONENTS];
        let neg: f64 = contrib.iter().map(|x| (-x).max(0.0)).sum();
        if trend < 0.0 && neg > 0.0 {
            for k in 0..N_COMPONENTS {
                drivers[k] = (-contrib[k]).max(0.0) / neg;
            }
        }

        let tipped_now = judged && self.time_not_on_side.is_none();
        if tipped_now {
            self.time_not_on_side = Some(month);
        }
        let expected_loss = (-trend).max(0.0) * p.planning_horizon_months + x.own_strain;
        let failure_cost = p.face_cost * p.loss_aversion * x.commitment - x.relief;
        let would_cut = judged && expected_loss > failure_cost;
        let cut_now = would_cut && self.cut_losses.is_none();
        if cut_now {
            self.cut_losses = Some(month);
        }
        self.biases.learn(p, x.intensity);
        Assessment {
            position,
            trend,
            objective_months,
            unrealistic,
            worsening_and_unrealistic: holds,
            trend_t,
            evidence: self.evidence,
            limit_months,
            tipped_now,
            cut_now,
            would_cut,
            drivers,
        }
    }
}

impl Default for Judge {
    fn default() -> Self {
        Judge::new()
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the expected values in these tests are exact
mod tests {
    use super::*;

    fn quiet() -> Judgment {
        Judgment {
            perception_noise: 0.0,
            trend_window_months: 4.0,
            patience_months: 24.0,
            evidence_threshold: 4.0,
            evidence_allowance: 1.0,
            ..Judgment::default()
        }
    }

    fn obs(own_front: f64, gain: f64, remaining: f64) -> Observation {
        Observation {
            own_front_k: own_front,
            opp_front_k: 500.0,
            opp_front_floor_k: 150.0,
            own_materiel: 1.0,
            opp_materiel: 1.0,
            own_support_ratio: 1.0,
            opp_support_ratio: 1.0,
            own_morale: 0.6,
            opp_morale: 0.6,
            opp_morale_floor: 0.15,
            opp_reserve_months: 24.0,
            opp_printing_months: f64::INFINITY,
            own_reserve_months: 24.0,
            own_printing_months: f64::INFINITY,
            own_debt_months: f64::INFINITY,
            own_net_gain_km2: gain,
            remaining_objective_km2: remaining,
            has_objective: true,
            intensity: 1.0,
            commitment: 1.0,
            relief: 0.0,
            own_strain: 0.0,
            opp_strain: 0.0,
            opp_remaining_objective_km2: 0.0,
            opp_has_objective: false,
        }
    }

    #[test]
    fn slopes_at_once_are_slope_per_component() {
        let rows: Vec<[f64; N_COMPONENTS]> =
            (0..17).map(|i| std::array::from_fn(|k| ((i * 7 + k * 13) % 11) as f64 * 0.37 - k as f64)).collect();
        for len in 0..rows.len() {
            let at_once = slopes(&rows[..len]);
            for k in 0..N_COMPONENTS {
                assert_eq!(at_once[k].to_bits(), slope(rows[..len].iter().map(|r| r[k])).to_bits(), "{len} {k}");
            }
        }
    }

    #[test]
    fn slope_of_a_line_is_its_gradient() {
        assert!((slope([1.0, 3.0, 5.0, 7.0].into_iter()) - 2.0).abs() < 1e-12);
        assert_eq!(slope([4.0].into_iter()), 0.0);
    }

    /// Table: (front path, gain, remaining, expect tipping month).
    #[test]
    fn table_of_cases() {
        let cases: &[(&str, f64, f64, f64, Option<u16>)] = &[
            // A side whose front shrinks by 10k a month on 600k and whose objective is far away:
            // a manpower slope of about −0.017 a month, noiseless, is −1.7 t-units at a
            // materiality of 0.01; 0.7 a month beyond the allowance of 1 reaches the threshold
            // of 4 in month 8 (the first windows' slopes are shallower: the window opens with
            // the reading as expected, a copy of month 1's).
            ("shrinking, far objective", -10.0, 100.0, 20_000.0, Some(8)),
            // Growing strength: trend positive, never tips.
            ("growing, far objective", 10.0, 100.0, 20_000.0, None),
            // Shrinking but objective within reach (gains fast): realistic, never tips.
            ("shrinking, near objective", -10.0, 5_000.0, 20_000.0, None),
        ];
        for (name, dfront, gain, remaining, expect) in cases {
            let p = quiet();
            let mut j = Judge::new();
            let mut front = 600.0;
            for m in 1..=12u16 {
                front += dfront;
                j.assess(&p, &obs(front, *gain, *remaining), &[0.0; N_COMPONENTS], m);
            }
            assert_eq!(j.time_not_on_side, *expect, "{name}");
        }
    }

    /// A borrowing capacity ends the side's own money runway sooner than reserves and printing
    /// would: its objective looks out of reach when it needs longer. Without one (infinite
    /// months) nothing changes.
    #[test]
    fn the_money_runway_ends_where_borrowing_does() {
        let p = quiet(); // patience 24 months, commitment 1, no biases
        // Own: the objective needs 10 months (1,000 km² at 100 a month).
        for (debt_months, limit, unrealistic) in [(f64::INFINITY, 24.0, false), (30.0, 24.0, false), (6.0, 6.0, true)] {
            let x = Observation { own_debt_months: debt_months, ..obs(600.0, 100.0, 1_000.0) };
            let a = Judge::new().assess(&p, &x, &[0.0; N_COMPONENTS], 1);
            assert_eq!((a.limit_months, a.unrealistic), (limit, unrealistic), "own debt months {debt_months}");
        }
        // Seen through optimism, like the rest of the runway: 6 months look 1.5 times longer.
        let hopeful = Judgment { self_optimism: 0.5, ..p };
        let x = Observation { own_debt_months: 6.0, ..obs(600.0, 100.0, 1_000.0) };
        assert_eq!(Judge::new().assess(&hopeful, &x, &[0.0; N_COMPONENTS], 1).limit_months, 9.0);
    }

    #[test]
    fn drivers_name_what_worsened() {
        let p = quiet();
        let mut j = Judge::new();
        let mut a = Assessment::default();
        for m in 1..=8u16 {
            let mut x = obs(600.0, 100.0, 20_000.0);
            x.own_morale = 0.7 - 0.03 * m as f64;
            a = j.assess(&p, &x, &[0.0; N_COMPONENTS], m);
        }
        assert!(a.trend < 0.0);
        assert!((a.drivers[4] - 1.0).abs() < 1e-9, "{:?}", a.drivers);
        assert!(j.time_not_on_side.is_some());
    }

    #[test]
    fn face_costs_delay_cutting_losses() {
        let mut proud = quiet();
        proud.face_cost = 50.0;
        let mut humble = quiet();
        humble.face_cost = 0.0;
        for (p, expect_cut) in [(proud, false), (humble, true)] {
            let mut j = Judge::new();
            let mut front = 600.0;
            for m in 1..=12u16 {
                front -= 10.0;
                j.assess(&p, &obs(front, 100.0, 20_000.0), &[0.0; N_COMPONENTS], m);
            }
            assert!(j.time_not_on_side.is_some());
            assert_eq!(j.cut_losses.is_some(), expect_cut);
        }
    }
}
