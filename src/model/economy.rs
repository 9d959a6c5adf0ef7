//! Mechanism 4: the war economy and its overheating (monthly, USD bn).
//!
//! **Budget.** Revenue = non-energy revenue (share of GDP) + energy revenue + foreign budget
//! support; energy revenue = reference revenue × realised oil price / reference price ×
//! (1 − refinery damage), where the realised price is the world price less the sanctions
//! discount. Spending = civilian spending + non-pay military spending (shares of GDP) + pay,
//! bounties and compensation, and interest on the war debt at the key rates it was borrowed
//! at. The deficit drains liquid reserves (a share of it while they last; the rest is borrowed
//! at home); once reserves are exhausted, or from the first month of deficit for a side that
//! has none, the deficit is printed. What the reserves do not cover accumulates as **war debt**
//! (% of GDP), whose interest is spending and whose level is strain: financing a deficit
//! without reserves costs more every month it lasts. A side may judge that it can carry only
//! so much of it (`debt_capacity_pct_gdp`): [`EconomyState::debt_months`] is then the months
//! its borrowing has left, which ends its money runway in the judgment.
//!
//! **Overheating.** Each recruit taken from the labour force widens the labour gap, which
//! relaxes toward its starting level. Inflation moves toward the pressure level
//! `π* = target + a_L·gap + a_D·(deficit not from reserves, % GDP) − a_r·(i − i_n) + printing`,
//! and the central bank follows a smoothed Taylor rule
//! `i* = i_n + φ·(π − target)`; each month inflation and the rate also take additive surprises
//! of `inflation_shock_pp` and `key_rate_shock_pp` standard deviations (in points: the central
//! bank decides by whole points, not along the rule's smooth path); an energy exporter's currency weakens when its realised oil
//! price falls below the reference, adding `oil_inflation_per_10pct` per 10% shortfall.
//! Growth (annual %) = potential + a fading war boom − rate drag·max(0, i − i_n) −
//! sanctions drag·e − labour drag·gap + oil terms of trade (`oil_growth_pct_per_10pct` per 10%
//! of realised price above or below the reference); bombardment that gets through destroys a
//! share of output.

use crate::params::Economy;

/// Economic state of one side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EconomyState {
    /// GDP relative to the start.
    pub gdp_index: f64,
    /// Inflation, % a year.
    pub inflation_pct: f64,
    /// Policy rate, % a year.
    pub key_rate_pct: f64,
    /// Liquid reserves, USD bn.
    pub reserves_usd_bn: f64,
    /// Labour shortage, % of the labour force.
    pub labour_gap_pct: f64,
    /// Reserves exhausted: deficits are printed.
    pub printing: bool,
    /// Last month's deficit (negative = surplus), USD bn: what the reserves would have to finance.
    pub deficit_usd_bn: f64,
    /// The level inflation would move toward if last month's whole deficit were printed, % a
    /// year: last month's pressure with the printing premium and the reserves' share printed too.
    pub printed_pressure_pct: f64,
    /// War debt: the deficits borrowed at home or printed since the start, less surpluses
    /// repaid, % of a year's (current) GDP. It bears interest at [`Self::war_debt_rate_pct`].
    pub war_debt_pct_gdp: f64,
    /// The rate the war debt carries, % a year: each month's borrowing at that month's key
    /// rate, averaged over the debt (fixed-rate bonds at their issue yield).
    pub war_debt_rate_pct: f64,
    /// Last month's addition to the war debt before the debt is floored at 0, % of a year's
    /// GDP: negative in a month of surplus beyond what refills the reserves.
    pub new_debt_pct_gdp: f64,
}

/// Inputs of one month.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Inputs {
    /// Months since the start.
    pub month: usize,
    /// Realised oil price (after the sanctions discount), USD per barrel.
    pub oil_realised_usd_bbl: f64,
    /// Share of energy revenue knocked out by strikes.
    pub refinery_damage: f64,
    /// Budget support received, USD bn.
    pub financial_aid_usd_bn: f64,
    /// Pay, bounties and compensation, USD bn.
    pub manpower_cost_usd_bn: f64,
    /// Persons taken from the labour force this month, thousand.
    pub labour_taken_k: f64,
    /// Effective sanctions intensity, 0-1.
    pub sanctions_effective: f64,
    /// Output destroyed by bombardment this month, % of GDP.
    pub bombing_loss_pct: f64,
    /// Standard-normal draw for the month's inflation surprise.
    pub inflation_z: f64,
    /// Standard-normal draw for the central bank's departure from its rule.
    pub key_rate_z: f64,
}

/// The month's budget, USD bn.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Budget {
    /// Energy revenue.
    pub energy_usd_bn: f64,
    /// All revenue including budget support.
    pub revenue_usd_bn: f64,
    /// All spending.
    pub spending_usd_bn: f64,
    /// Military spending (non-pay plus manpower), % of GDP.
    pub military_spending_pct_gdp: f64,
    /// Deficit (negative = surplus).
    pub deficit_usd_bn: f64,
    /// Whether reserves ran out this month.
    pub reserves_exhausted_now: bool,
}

impl EconomyState {
    /// The state at the start.
    pub fn new(p: &Economy) -> EconomyState {
        EconomyState {
            gdp_index: 1.0,
            inflation_pct: p.inflation_start_pct,
            key_rate_pct: p.key_rate_start_pct,
            reserves_usd_bn: p.reserves_usd_bn,
            labour_gap_pct: p.labour_gap_start_pct,
            printing: false,
            deficit_usd_bn: 0.0,
            printed_pressure_pct: p.inflation_start_pct,
            war_debt_pct_gdp: 0.0,
            war_debt_rate_pct: 0.0,
            new_debt_pct_gdp: 0.0,
        }
    }

    /// Monthly GDP, USD bn.
    pub fn gdp_month_usd_bn(&self, p: &Economy) -> f64 {
        p.gdp_usd_bn_per_year * self.gdp_index / 12.0
    }

    /// Months of the current deficit the liquid reserves could finance: infinite in surplus,
    /// 0 once they are exhausted (or never existed) while the budget is in deficit.
    pub fn reserve_months(&self) -> f64 {
        if self.deficit_usd_bn <= 0.0 {
            f64::INFINITY
        } else if self.printing {
            0.0
        } else {
            self.reserves_usd_bn / self.deficit_usd_bn
        }
    }

    /// Months printing would take to bring inflation to `collapse_inflation_pct`, were the
    /// whole deficit printed from now on: inflation closes `inflation_speed` of its gap to the
    /// printed pressure `π_p` each month, so it reaches the collapse level `c` after
    /// `ln((π_p − c) / (π_p − π)) / ln(1 − inflation_speed)` months. Infinite in surplus and when
    /// printing would settle below the collapse level; 0 at or above it.
    pub fn printing_months(&self, p: &Economy) -> f64 {
        let (target, c, now) = (self.printed_pressure_pct, p.collapse_inflation_pct, self.inflation_pct);
        if self.deficit_usd_bn <= 0.0 {
            f64::INFINITY
        } else if now >= c {
            0.0
        } else if target <= c || p.inflation_speed <= 0.0 {
            f64::INFINITY
        } else if p.inflation_speed >= 1.0 {
            1.0
        } else {
            ((target - c) / (target - now)).ln() / (1.0 - p.inflation_speed).ln()
        }
    }

    /// Months until the war debt would reach the state's borrowing capacity
    /// (`debt_capacity_pct_gdp`) at last month's pace of new debt: `(capacity − debt) / new
    /// debt`. 0 at or beyond the capacity (whatever last month's pace); infinite when no
    /// capacity is set (0), or below it when last month added no debt.
    pub fn debt_months(&self, p: &Economy) -> f64 {
        let capacity = p.debt_capacity_pct_gdp;
        if capacity <= 0.0 {
            f64::INFINITY
        } else if self.war_debt_pct_gdp >= capacity {
            0.0
        } else if self.new_debt_pct_gdp <= 0.0 {
            f64::INFINITY
        } else {
            (capacity - self.war_debt_pct_gdp) / self.new_debt_pct_gdp
        }
    }

    /// Money pressure, 0-1: `H / (H + reserve months)` — 0 in surplus, 1 when a deficit has no
    /// reserves to cover it (`H = reserve_comfort_months`).
    pub fn money_pressure(&self, p: &Economy) -> f64 {
        let months = self.reserve_months();
        if months.is_infinite() { 0.0 } else { p.reserve_comfort_months / (p.reserve_comfort_months + months) }
    }

    /// Economic strain, 0 = none: the money part `0.5 · H / (H + reserve months)` (0 in
    /// surplus, 0.5 when a deficit must be borrowed or printed with no reserves to cover it;
    /// `H = reserve_comfort_months`), inflation above target (per 20 points), output lost
    /// (per 20%) and the war debt (per `war_debt_strain_pct_gdp` of GDP).
    pub fn strain(&self, p: &Economy) -> f64 {
        0.5 * self.money_pressure(p)
            + ((self.inflation_pct - p.inflation_target_pct) / 20.0).max(0.0)
            + ((1.0 - self.gdp_index) * 5.0).max(0.0)
            + self.war_debt_pct_gdp / p.war_debt_strain_pct_gdp
    }

    /// Monthly growth of civilian wages: inflation plus half a point a year per point of labour
    /// gap, between −5% and +10% a month.
    pub fn wage_growth_per_month(&self) -> f64 {
        ((self.inflation_pct + 0.5 * self.labour_gap_pct) / 1200.0).clamp(-0.05, 0.1)
    }

    /// Step one month.
    pub fn step(&mut self, p: &Economy, x: &Inputs) -> Budget {
        let gdp_m = self.gdp_month_usd_bn(p);
        let energy = p.energy_revenue_usd_bn_per_month
            * (x.oil_realised_usd_bbl / p.reference_oil_usd_bbl).max(0.0)
            * (1.0 - x.refinery_damage).clamp(0.0, 1.0);
        let revenue = p.revenue_share_gdp * gdp_m + energy + x.financial_aid_usd_bn;
        let military = p.military_other_share_gdp * gdp_m + x.manpower_cost_usd_bn;
        // The war debt bears interest at the rates it was borrowed at: borrowing at home is not
        // free, and a high key rate makes every month's new debt dearer.
        let interest = self.war_debt_pct_gdp / 100.0 * gdp_m * 12.0 * self.war_debt_rate_pct / 1200.0;
        let spending = p.civil_spending_share_gdp * gdp_m + military + interest;
        let deficit = spending - revenue;
        self.deficit_usd_bn = deficit;

        // Financing: reserves first (a share), the rest borrowed or printed.
        let mut exhausted_now = false;
        let from_reserves = if self.printing {
            0.0
        } else if deficit > 0.0 {
            (deficit * p.deficit_reserve_share).min(self.reserves_usd_bn)
        } else {
            deficit * p.deficit_reserve_share // a surplus refills reserves
        };
        self.reserves_usd_bn = (self.reserves_usd_bn - from_reserves).max(0.0);
        if !self.printing && self.reserves_usd_bn <= 1e-9 && deficit > 0.0 {
            self.printing = true;
            exhausted_now = true;
        }
        // What the reserves do not cover is borrowed or printed: it adds to the war debt (a
        // surplus beyond what refills the reserves repays it).
        let not_from_reserves = deficit - from_reserves;
        if gdp_m > 0.0 {
            let added = 100.0 * not_from_reserves / (12.0 * gdp_m);
            if added > 0.0 {
                self.war_debt_rate_pct = (self.war_debt_pct_gdp * self.war_debt_rate_pct + added * self.key_rate_pct)
                    / (self.war_debt_pct_gdp + added);
            }
            self.war_debt_pct_gdp = (self.war_debt_pct_gdp + added).max(0.0);
            self.new_debt_pct_gdp = added;
        } else {
            self.new_debt_pct_gdp = 0.0;
        }
        let domestic_pct = if gdp_m > 0.0 { not_from_reserves.max(0.0) / gdp_m * 100.0 } else { 0.0 };

        // Labour market.
        let taken_pct = if p.labour_force_k > 0.0 { 100.0 * x.labour_taken_k / p.labour_force_k } else { 0.0 };
        self.labour_gap_pct = (self.labour_gap_pct
            + p.labour_relax_per_month * (p.labour_gap_start_pct - self.labour_gap_pct)
            + taken_pct)
            .max(0.0);

        // Inflation and the policy rate (a side that exports no energy has no oil channel).
        let oil_ratio = if p.energy_revenue_usd_bn_per_month > 0.0 {
            x.oil_realised_usd_bbl / p.reference_oil_usd_bbl
        } else {
            1.0
        };
        let pressure_without_printing = p.inflation_target_pct
            + p.inflation_per_labour_point * self.labour_gap_pct
            + p.inflation_per_deficit_point * domestic_pct
            - p.inflation_per_rate_point * (self.key_rate_pct - p.neutral_rate_pct)
            + p.oil_inflation_per_10pct * 10.0 * (1.0 - oil_ratio).max(0.0);
        let pressure = pressure_without_printing + if self.printing { p.inflation_when_printing_pct } else { 0.0 };
        // Were the whole deficit printed: the printing premium, and the share the reserves
        // cover now adds to the domestic deficit's pressure too.
        let from_reserves_pct = if gdp_m > 0.0 { from_reserves.max(0.0) / gdp_m * 100.0 } else { 0.0 };
        self.printed_pressure_pct = pressure_without_printing
            + p.inflation_when_printing_pct
            + p.inflation_per_deficit_point * from_reserves_pct;
        // Bounded: beyond 1000% a year the model has no business (money has collapsed long before).
        // Surprises: inflation and the central bank's decisions move by more than the rules
        // say (additive, in points; the rate's departure decays at 1 − rate_smoothing a month).
        self.inflation_pct = (self.inflation_pct
            + p.inflation_speed * (pressure - self.inflation_pct)
            + p.inflation_shock_pp * x.inflation_z)
            .clamp(-20.0, 1000.0);
        let taylor = p.neutral_rate_pct + p.taylor_response * (self.inflation_pct - p.inflation_target_pct);
        self.key_rate_pct =
            (self.key_rate_pct + p.rate_smoothing * (taylor - self.key_rate_pct) + p.key_rate_shock_pp * x.key_rate_z)
                .clamp(0.0, 500.0);

        // Output.
        let boom = p.war_boom_pct * (-(x.month as f64) / p.boom_fade_months).exp();
        let growth = p.potential_growth_pct + boom
            - p.rate_drag_pct_per_point * (self.key_rate_pct - p.neutral_rate_pct).max(0.0)
            - p.sanctions_growth_drag_pct * x.sanctions_effective * p.sanctions_exposure
            - p.labour_drag_pct_per_point * self.labour_gap_pct
            + p.oil_growth_pct_per_10pct * 10.0 * (oil_ratio - 1.0);
        self.gdp_index *= (1.0 + growth / 1200.0) * (1.0 - x.bombing_loss_pct / 100.0).clamp(0.0, 1.0);
        self.gdp_index = self.gdp_index.max(0.01);

        Budget {
            energy_usd_bn: energy,
            revenue_usd_bn: revenue,
            spending_usd_bn: spending,
            military_spending_pct_gdp: if gdp_m > 0.0 { 100.0 * military / gdp_m } else { 0.0 },
            deficit_usd_bn: deficit,
            reserves_exhausted_now: exhausted_now,
        }
    }

    /// Financial staying power, 0-1: half the share of reserves left, half the distance from
    /// the inflation at which money collapses. 0 only when both are exhausted.
    pub fn money_index(&self, p: &Economy) -> f64 {
        let reserves =
            if p.reserves_usd_bn > 0.0 { (self.reserves_usd_bn / p.reserves_usd_bn).clamp(0.0, 1.0) } else { 0.0 };
        let inflation = (1.0 - self.inflation_pct / p.collapse_inflation_pct.max(1e-9)).clamp(0.0, 1.0);
        0.5 * reserves + 0.5 * inflation
    }

    /// Collapse by money: reserves exhausted and inflation above the side's limit.
    pub fn collapsed(&self, p: &Economy) -> bool {
        self.printing && self.inflation_pct > p.collapse_inflation_pct
    }
}

/// Convert thousand persons × thousand local currency units into USD bn.
pub fn local_to_usd_bn(persons_k: f64, amount_k: f64, fx_per_usd: f64) -> f64 {
    persons_k * amount_k / fx_per_usd / 1000.0
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the expected values in these tests are exact
mod tests {
    use super::*;

    #[test]
    fn surprises_move_inflation_and_the_rate_by_their_size_in_points() {
        let mut q = p();
        q.inflation_shock_pp = 0.4;
        q.key_rate_shock_pp = 0.75;
        let x = Inputs { oil_realised_usd_bbl: 60.0, ..Inputs::default() };
        let (mut calm, mut hit) = (EconomyState::new(&q), EconomyState::new(&q));
        calm.step(&q, &x);
        hit.step(&q, &Inputs { inflation_z: 1.0, key_rate_z: -2.0, ..x });
        let d_infl = hit.inflation_pct - calm.inflation_pct;
        assert!((d_infl - 0.4).abs() < 1e-12, "{d_infl}");
        // The rate answers the inflation surprise through the rule, then departs from it.
        let d_rate = hit.key_rate_pct - calm.key_rate_pct;
        let expected = q.rate_smoothing * q.taylor_response * 0.4 - 1.5;
        assert!((d_rate - expected).abs() < 1e-12, "{d_rate} vs {expected}");
    }

    fn p() -> Economy {
        Economy {
            gdp_usd_bn_per_year: 2400.0,
            inflation_start_pct: 9.5,
            inflation_target_pct: 4.0,
            key_rate_start_pct: 20.0,
            neutral_rate_pct: 8.0,
            revenue_share_gdp: 0.15,
            civil_spending_share_gdp: 0.15,
            military_other_share_gdp: 0.045,
            energy_revenue_usd_bn_per_month: 8.0,
            reserves_usd_bn: 40.0,
            inflation_per_deficit_point: 1.0,
            inflation_when_printing_pct: 20.0,
            ..Economy::default()
        }
    }

    #[test]
    fn deficits_drain_reserves_then_printing_starts() {
        let p = p();
        let mut e = EconomyState::new(&p);
        let x = Inputs { oil_realised_usd_bbl: 60.0, manpower_cost_usd_bn: 20.0, ..Inputs::default() };
        let b = e.step(&p, &x);
        assert!(b.deficit_usd_bn > 0.0);
        assert!(e.reserves_usd_bn < 40.0);
        let mut exhausted = false;
        for m in 1..100 {
            exhausted |= e.step(&p, &Inputs { month: m, ..x }).reserves_exhausted_now;
        }
        assert!(exhausted && e.printing && e.reserves_usd_bn == 0.0);
        assert!(e.inflation_pct > 9.5, "printing raises inflation: {}", e.inflation_pct);
    }

    #[test]
    fn a_side_without_reserves_prints_from_its_first_month_of_deficit() {
        let q = Economy { reserves_usd_bn: 0.0, ..p() };
        let mut e = EconomyState::new(&q);
        let x = Inputs { oil_realised_usd_bbl: 60.0, manpower_cost_usd_bn: 20.0, ..Inputs::default() };
        let b = e.step(&q, &x);
        assert!(b.deficit_usd_bn > 0.0 && b.reserves_exhausted_now && e.printing);
        // It feels the strain of a deficit with nothing to cover it, and more than a side
        // whose reserves still cover a share.
        let mut covered = EconomyState::new(&p());
        covered.step(&p(), &x);
        assert!(e.strain(&q) > covered.strain(&p()), "{} vs {}", e.strain(&q), covered.strain(&p()));
    }

    #[test]
    fn what_reserves_do_not_cover_becomes_war_debt_whose_interest_is_spending() {
        let q = p();
        let mut e = EconomyState::new(&q);
        let x = Inputs { oil_realised_usd_bbl: 60.0, manpower_cost_usd_bn: 20.0, ..Inputs::default() };
        let b = e.step(&q, &x);
        let gdp_m = q.gdp_usd_bn_per_year / 12.0;
        let borrowed = b.deficit_usd_bn * (1.0 - q.deficit_reserve_share);
        assert!((e.war_debt_pct_gdp - 100.0 * borrowed / (12.0 * gdp_m)).abs() < 1e-9, "{}", e.war_debt_pct_gdp);
        // It was borrowed at the month's key rate (before the month's decision), and next month
        // the same budget costs the interest on it at that rate.
        assert_eq!(e.war_debt_rate_pct, q.key_rate_start_pct);
        let (debt, rate, gdp) = (e.war_debt_pct_gdp, e.war_debt_rate_pct, e.gdp_month_usd_bn(&q));
        let key_rate_now = e.key_rate_pct;
        let strain_before = e.strain(&q);
        let b2 = e.step(&q, &Inputs { month: 1, ..x });
        let interest = debt / 100.0 * gdp * 12.0 * rate / 1200.0;
        let no_interest = q.civil_spending_share_gdp * gdp + q.military_other_share_gdp * gdp + 20.0;
        assert!((b2.spending_usd_bn - no_interest - interest).abs() < 1e-9);
        assert!(interest > 0.0 && e.war_debt_pct_gdp > debt);
        // The new debt was borrowed at the new key rate: the debt's rate is the average.
        let added = e.war_debt_pct_gdp - debt;
        let average = (debt * rate + added * key_rate_now) / (debt + added);
        assert!((e.war_debt_rate_pct - average).abs() < 1e-9, "{} vs {average}", e.war_debt_rate_pct);
        assert!(e.strain(&q) > strain_before, "strain rises as the debt mounts");
        // A surplus repays it, never below zero.
        let mut s = EconomyState { war_debt_pct_gdp: 0.1, ..EconomyState::new(&q) };
        s.step(&q, &Inputs { oil_realised_usd_bbl: 600.0, ..Inputs::default() });
        assert_eq!(s.war_debt_pct_gdp, 0.0);
    }

    #[test]
    fn debt_months_are_the_borrowing_left_at_last_months_pace() {
        let q = p();
        let deficit = Inputs { manpower_cost_usd_bn: 20.0, oil_realised_usd_bbl: 60.0, ..Inputs::default() };
        let mut e = EconomyState::new(&q);
        e.step(&q, &deficit);
        let before = e.war_debt_pct_gdp;
        e.step(&q, &deficit);
        // The month's pace is what the month added.
        assert!(e.new_debt_pct_gdp > 0.0 && before > 0.0);
        assert!((e.new_debt_pct_gdp - (e.war_debt_pct_gdp - before)).abs() < 1e-12);
        // No capacity set: no limit.
        assert_eq!(e.debt_months(&q), f64::INFINITY);
        let capped = Economy { debt_capacity_pct_gdp: e.war_debt_pct_gdp + 3.0 * e.new_debt_pct_gdp, ..q };
        assert!((e.debt_months(&capped) - 3.0).abs() < 1e-9, "{}", e.debt_months(&capped));
        // At or beyond the capacity: none left, even in a month that repaid some.
        let at = Economy { debt_capacity_pct_gdp: e.war_debt_pct_gdp, ..q };
        let beyond = Economy { debt_capacity_pct_gdp: e.war_debt_pct_gdp / 2.0, ..q };
        let repaying = EconomyState { new_debt_pct_gdp: -0.1, ..e };
        for (state, capacity) in [(&e, &at), (&e, &beyond), (&repaying, &beyond)] {
            assert_eq!(state.debt_months(capacity), 0.0);
        }
        // Below it, a month that added no debt or repaid some: the debt is not growing.
        for pace in [0.0, -0.1] {
            assert_eq!(EconomyState { new_debt_pct_gdp: pace, ..e }.debt_months(&capped), f64::INFINITY);
        }
    }

    #[test]
    fn printing_months_project_the_level_not_the_rate() {
        let q = Economy { collapse_inflation_pct: 40.0, inflation_speed: 0.1, ..p() };
        let at = |now: f64, target: f64, deficit: f64| {
            let e = EconomyState {
                inflation_pct: now,
                printed_pressure_pct: target,
                deficit_usd_bn: deficit,
                ..EconomyState::new(&q)
            };
            e.printing_months(&q)
        };
        // Printing that would settle below the collapse level never collapses money, however
        // fast inflation is rising now; nor does a surplus.
        assert!(at(10.0, 39.0, 5.0).is_infinite());
        assert!(at(10.0, 80.0, -1.0).is_infinite());
        // Above it: the months for the gap to close, ln((80−40)/(80−10)) / ln(0.9) ≈ 5.3.
        let m = at(10.0, 80.0, 5.0);
        assert!((m - (40.0f64 / 70.0).ln() / 0.9f64.ln()).abs() < 1e-12, "{m}");
        assert!(at(30.0, 80.0, 5.0) < m && at(10.0, 120.0, 5.0) < m, "closer or hotter: sooner");
        assert_eq!(at(45.0, 80.0, 5.0), 0.0);
    }

    #[test]
    fn lower_oil_means_less_revenue_and_the_rate_follows_inflation() {
        let p = p();
        let mut a = EconomyState::new(&p);
        let mut b = EconomyState::new(&p);
        let ra = a.step(&p, &Inputs { oil_realised_usd_bbl: 60.0, ..Inputs::default() });
        let rb = b.step(&p, &Inputs { oil_realised_usd_bbl: 45.0, ..Inputs::default() });
        assert!(rb.energy_usd_bn < ra.energy_usd_bn);
        assert!(b.reserves_usd_bn <= a.reserves_usd_bn);
        // Taylor: inflation 9.5 above a 4 target pulls the rate toward 8 + 1.5 * 5.5.
        assert!(a.key_rate_pct < 20.0 && a.key_rate_pct > 16.0);
    }

    #[test]
    fn currency_conversion() {
        // 35 thousand recruits at a bounty of 1,500 thousand RUB at 80 RUB/USD = 0.656 bn USD.
        assert!((local_to_usd_bn(35.0, 1500.0, 80.0) - 0.65625).abs() < 1e-12);
    }
}
