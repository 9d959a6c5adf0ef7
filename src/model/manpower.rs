//! Mechanism 2: manpower — recruitment by bounty, conscription and coercive mobilisation;
//! wounded who return; the price of the marginal recruit.
//!
//! **Bounty recruitment.** Recruits per month respond to the pay of a soldier relative to the
//! civilian wage, `x = (bounty / amortisation + pay) / wage`, with elasticity `ε`, and fall as
//! the pool of the willing is mined out:
//! `R = R0 · (x / x0)^ε · (pool / pool0)^η`. The state raises the bounty in proportion to the
//! shortfall of recruits against its target (a multiple of permanent losses), while civilian
//! wages rise with inflation and labour shortage — so the bounty needed for the same flow keeps
//! rising — unless a **bounty budget** caps what it will pay: the bounty is then held at the
//! level at which last month's bought recruits would cost the budget. The **marginal recruit's
//! price** is the extra bounty outlay for one more recruit: from `B·R` with `R ∝ B^ε`,
//! `d(B·R)/dR = B·(1 + 1/ε)` (local currency).
//!
//! **Conscription** draws `rate · will · (pool / pool0)^η` a month; making the 18–24 band liable
//! adds to pool and rate. **Coercive mobilisation** (a lever, or triggered by a rule when bought
//! recruits fall short of losses for some months) adds a surge and then a sustained flow.
//! Fiscal costs are computed in [`super::economy`]; morale costs in [`super::morale`].

use crate::params::Manpower;

/// The recruitment side of one side's state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recruitment {
    /// Willing (bounty) or eligible (conscription) pool left, thousand persons.
    pub pool_k: f64,
    /// Pool at the start plus any band added since (the depletion reference), thousand persons.
    pub pool_ref_k: f64,
    /// Share of the 18-24 band already added to the pool.
    pub band_added: f64,
    /// Current sign-up bounty, thousand local currency.
    pub bounty_k: f64,
    /// Current civilian wage, thousand local currency per month.
    pub wage_k: f64,
    /// Current soldier pay (indexed like wages), thousand local currency per month.
    pub pay_k: f64,
    /// Relative pay at the start (the elasticity's reference).
    pub x0: f64,
    /// Whether coercive mobilisation is on.
    pub coercive: bool,
    /// Months since coercive mobilisation started.
    pub coercive_months: u32,
    /// Consecutive months of bought recruits below permanent losses.
    pub short_months: u32,
    /// Wounded in care who will return, thousand persons.
    pub recovering_k: f64,
}

/// Recruits of one month by channel, thousand persons.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Recruits {
    /// Bought by bounty.
    pub bounty_k: f64,
    /// Conscripted.
    pub conscripts_k: f64,
    /// Coercively mobilised.
    pub coerced_k: f64,
}

impl Recruits {
    /// All channels.
    pub fn total(&self) -> f64 {
        self.bounty_k + self.conscripts_k + self.coerced_k
    }
}

fn relative_pay(p: &Manpower, bounty_k: f64, pay_k: f64, wage_k: f64) -> f64 {
    (bounty_k / p.bounty_amortisation_months + pay_k) / wage_k.max(1e-9)
}

impl Recruitment {
    /// The state at the start.
    pub fn new(p: &Manpower) -> Recruitment {
        Recruitment {
            pool_k: p.pool_k,
            pool_ref_k: p.pool_k,
            band_added: 0.0,
            bounty_k: p.bounty_start_k,
            wage_k: p.civilian_wage_k_per_month,
            pay_k: p.soldier_pay_k_per_month,
            x0: relative_pay(p, p.bounty_start_k, p.soldier_pay_k_per_month, p.civilian_wage_k_per_month).max(1e-9),
            coercive: p.coercive_mobilisation >= 0.5,
            coercive_months: 0,
            short_months: 0,
            recovering_k: 0.0,
        }
    }

    /// Widen the pool to the current share of the 18-24 band; returns the share newly added.
    pub fn widen_band(&mut self, p: &Manpower) -> f64 {
        let add = (p.age_18_24_share - self.band_added).max(0.0);
        if add > 0.0 {
            let k = add * p.age_18_24_pool_k;
            self.pool_k += k;
            self.pool_ref_k += k;
            self.band_added = p.age_18_24_share;
        }
        add
    }

    fn depletion(&self, p: &Manpower) -> f64 {
        if self.pool_ref_k <= 0.0 {
            return 0.0;
        }
        super::pow((self.pool_k / self.pool_ref_k).clamp(0.0, 1.0), p.pool_depletion_exponent)
    }

    /// This month's recruits. `shock` multiplies the voluntary and conscripted flows.
    pub fn recruit(&mut self, p: &Manpower, shock: f64) -> Recruits {
        let dep = self.depletion(p);
        let x = relative_pay(p, self.bounty_k, self.pay_k, self.wage_k);
        // Sides without a bounty system skip the power (0 recruits either way).
        #[allow(clippy::float_cmp)]
        let bounty = if p.bounty_recruits_k_per_month == 0.0 {
            0.0
        } else {
            p.bounty_recruits_k_per_month * super::pow(x / self.x0, p.bounty_elasticity) * dep * shock
        };
        let conscripts = (p.conscription_k_per_month * p.political_will
            + p.age_18_24_rate_k_per_month * p.age_18_24_share)
            * dep
            * shock;
        let mut bounty = bounty.max(0.0);
        let mut conscripts = conscripts.max(0.0);
        let wanted = bounty + conscripts;
        if wanted > self.pool_k {
            let f = self.pool_k.max(0.0) / wanted;
            bounty *= f;
            conscripts *= f;
        }
        self.pool_k = (self.pool_k - bounty - conscripts).max(0.0);
        if p.coercive_mobilisation >= 0.5 {
            self.coercive = true;
        }
        let coerced = if self.coercive {
            self.coercive_months += 1;
            if (self.coercive_months as f64) <= p.coercive_surge_months {
                p.coercive_surge_k_per_month
            } else {
                p.coercive_sustain_k_per_month
            }
        } else {
            0.0
        };
        Recruits { bounty_k: bounty, conscripts_k: conscripts, coerced_k: coerced }
    }

    /// Price of the marginal bought recruit, thousand local currency (0 without a bounty system).
    pub fn marginal_recruit_cost_k(&self, p: &Manpower) -> f64 {
        if p.bounty_recruits_k_per_month <= 0.0 {
            return 0.0;
        }
        self.bounty_k * (1.0 + 1.0 / p.bounty_elasticity)
    }

    /// End-of-month policy: raise the bounty against the shortfall, then hold it within the
    /// bounty budget (if any: the bounty at which this month's `bought_k` would cost
    /// `bounty_budget_usd_bn_per_month`; with a budget and nobody bought, the bounty is not
    /// raised), index wages, and apply the coercive-mobilisation rule. `fx_per_usd` is local
    /// currency per USD. Returns true when coercive mobilisation starts by rule.
    pub fn adjust(
        &mut self,
        p: &Manpower,
        bought_k: f64,
        permanent_losses_k: f64,
        wage_growth_per_month: f64,
        fx_per_usd: f64,
    ) -> bool {
        // Civilian wages rise with inflation and labour shortage; the state indexes soldiers'
        // pay to keep up, so only the bounty moves relative pay.
        self.wage_k *= 1.0 + wage_growth_per_month;
        self.pay_k *= 1.0 + wage_growth_per_month;
        if p.bounty_recruits_k_per_month <= 0.0 {
            return false;
        }
        let target = p.recruit_target_ratio * permanent_losses_k;
        let budgeted = p.bounty_budget_usd_bn_per_month > 0.0;
        // With a budget and nobody bought there is no outlay to budget from: the bounty stays.
        if target > 0.0 && !(budgeted && bought_k <= 0.0) {
            let shortfall = ((target - bought_k) / target).max(0.0);
            // Capped at a billion thousand: far beyond any budget, it only keeps numbers finite.
            self.bounty_k = (self.bounty_k * (1.0 + p.bounty_adjust_per_month * shortfall)).min(1.0e9);
        }
        // The bounty budget: the bounty at which last month's recruits would cost the budget.
        if budgeted && bought_k > 0.0 {
            let ceiling_k = p.bounty_budget_usd_bn_per_month * 1000.0 * fx_per_usd / bought_k;
            self.bounty_k = self.bounty_k.min(ceiling_k);
        }
        if bought_k < permanent_losses_k {
            self.short_months += 1;
        } else {
            self.short_months = 0;
        }
        if !self.coercive && p.coercive_trigger_months > 0.0 && self.short_months as f64 >= p.coercive_trigger_months {
            self.coercive = true;
            return true;
        }
        false
    }

    /// Wounded who return to the front this month, thousand persons.
    pub fn returning(&self, p: &Manpower) -> f64 {
        (self.recovering_k / p.wounded_return_months.max(0.1)).min(self.recovering_k)
    }

    /// Take this month's wounded into care and discharge those who returned.
    pub fn admit(&mut self, p: &Manpower, casualties_k: f64, returned_k: f64) {
        self.recovering_k =
            (self.recovering_k + casualties_k * p.wounded_share * p.wounded_return_share - returned_k).max(0.0);
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the expected values in these tests are exact
mod tests {
    use super::*;

    fn bounty_side() -> Manpower {
        Manpower {
            pool_k: 2000.0,
            pool_depletion_exponent: 1.5,
            bounty_recruits_k_per_month: 35.0,
            bounty_start_k: 1500.0,
            bounty_elasticity: 1.5,
            bounty_adjust_per_month: 0.1,
            soldier_pay_k_per_month: 210.0,
            civilian_wage_k_per_month: 90.0,
            ..Manpower::default()
        }
    }

    #[test]
    fn recruits_fall_as_the_pool_is_mined_out() {
        let p = bounty_side();
        let mut r = Recruitment::new(&p);
        let first = r.recruit(&p, 1.0).bounty_k;
        assert!((first - 35.0).abs() < 1e-9);
        r.pool_k = 1000.0;
        let later = r.recruit(&p, 1.0).bounty_k;
        assert!((later - 35.0 * 0.5f64.powf(1.5)).abs() < 1e-9, "{later}");
    }

    #[test]
    fn a_higher_bounty_buys_more_recruits_and_shortfalls_raise_it() {
        let p = bounty_side();
        let mut r = Recruitment::new(&p);
        let base = r.recruit(&p, 1.0).bounty_k;
        let mut r2 = Recruitment::new(&p);
        r2.bounty_k *= 2.0;
        assert!(r2.recruit(&p, 1.0).bounty_k > base);
        let b0 = r.bounty_k;
        r.adjust(&p, 20.0, 40.0, 0.0, 1.0);
        assert!(r.bounty_k > b0);
        let b1 = r.bounty_k;
        r.adjust(&p, 50.0, 40.0, 0.0, 1.0);
        assert_eq!(r.bounty_k, b1, "no shortfall, no raise");
    }

    #[test]
    fn the_bounty_budget_holds_the_bounty_at_what_last_months_recruits_would_cost() {
        // 20k bought at 1,500k each cost 30 bn local = 0.3 bn USD at 100 per USD.
        let p = Manpower { bounty_budget_usd_bn_per_month: 0.3, ..bounty_side() };
        let mut r = Recruitment::new(&p);
        r.adjust(&p, 20.0, 40.0, 0.0, 100.0);
        assert!((r.bounty_k - 1500.0).abs() < 1e-9, "the shortfall's raise is cut back: {}", r.bounty_k);
        // A budget below what the bounty costs lowers it; one above leaves the policy free.
        let tight = Manpower { bounty_budget_usd_bn_per_month: 0.15, ..bounty_side() };
        let mut r = Recruitment::new(&tight);
        r.adjust(&tight, 20.0, 40.0, 0.0, 100.0);
        assert!((r.bounty_k - 750.0).abs() < 1e-9, "{}", r.bounty_k);
        let (loose, free) = (Manpower { bounty_budget_usd_bn_per_month: 10.0, ..bounty_side() }, bounty_side());
        let (mut a, mut b) = (Recruitment::new(&loose), Recruitment::new(&free));
        a.adjust(&loose, 20.0, 40.0, 0.0, 100.0);
        b.adjust(&free, 20.0, 40.0, 0.0, 100.0);
        assert_eq!(a.bounty_k, b.bounty_k);
        assert!(a.bounty_k > 1500.0);
        // With a budget and nobody bought there is nothing to budget from: no raise.
        let mut r = Recruitment::new(&p);
        r.adjust(&p, 0.0, 40.0, 0.0, 100.0);
        assert_eq!(r.bounty_k, 1500.0);
    }

    #[test]
    fn rising_wages_cut_recruitment_at_a_fixed_bounty_despite_indexed_pay() {
        let p = bounty_side();
        let mut r = Recruitment::new(&p);
        let before = r.recruit(&p, 1.0).bounty_k;
        r.pool_k = p.pool_k;
        r.adjust(&p, 100.0, 0.0, 0.05, 1.0);
        assert!(r.recruit(&p, 1.0).bounty_k < before);
    }

    #[test]
    fn coercive_mobilisation_starts_by_rule_and_surges() {
        let p = Manpower {
            coercive_trigger_months: 2.0,
            coercive_surge_k_per_month: 100.0,
            coercive_surge_months: 1.0,
            coercive_sustain_k_per_month: 10.0,
            ..bounty_side()
        };
        let mut r = Recruitment::new(&p);
        assert!(!r.adjust(&p, 10.0, 40.0, 0.0, 1.0));
        assert!(r.adjust(&p, 10.0, 40.0, 0.0, 1.0));
        assert_eq!(r.recruit(&p, 1.0).coerced_k, 100.0);
        assert_eq!(r.recruit(&p, 1.0).coerced_k, 10.0);
    }

    #[test]
    fn the_18_24_band_widens_pool_and_rate_once() {
        let p = Manpower {
            conscription_k_per_month: 27.0,
            pool_k: 3000.0,
            age_18_24_share: 1.0,
            age_18_24_pool_k: 1000.0,
            age_18_24_rate_k_per_month: 8.0,
            ..Manpower::default()
        };
        let mut r = Recruitment::new(&p);
        assert_eq!(r.widen_band(&p), 1.0);
        assert_eq!(r.widen_band(&p), 0.0);
        assert_eq!(r.pool_k, 4000.0);
        assert!((r.recruit(&p, 1.0).conscripts_k - 35.0).abs() < 1e-9);
    }

    #[test]
    fn wounded_return_after_a_delay_and_conserve() {
        let p = Manpower {
            wounded_share: 0.7,
            wounded_return_share: 0.5,
            wounded_return_months: 2.0,
            ..Manpower::default()
        };
        let mut r = Recruitment::new(&p);
        assert_eq!(r.returning(&p), 0.0);
        r.admit(&p, 100.0, 0.0);
        assert!((r.recovering_k - 35.0).abs() < 1e-12);
        let back = r.returning(&p);
        assert!((back - 17.5).abs() < 1e-12);
        r.admit(&p, 0.0, back);
        assert!((r.recovering_k - 17.5).abs() < 1e-12);
    }

    #[test]
    fn the_marginal_recruit_costs_more_than_the_bounty() {
        let p = bounty_side();
        let r = Recruitment::new(&p);
        assert!((r.marginal_recruit_cost_k(&p) - 1500.0 * (1.0 + 1.0 / 1.5)).abs() < 1e-9);
    }
}
