//! The war's state: each side's stocks, economy, morale and territory, and the world's.
//!
//! [`WarState::new`] builds the starting state of a run from its month-0 parameters
//! (combat power at the start, the pipeline of recovering wounded warm-started, the aid each
//! side had been receiving). What the sides *believe* is kept by the judgment, not here.

// Loops run over the two sides by index: `s` and `1 - s` are the natural names here.
#![allow(clippy::needless_range_loop)]

use crate::model::MONTH_DAYS_F;
use crate::model::attrition::{self, Fighter};
use crate::model::economy::EconomyState;
use crate::model::manpower::Recruitment;
use crate::model::materiel::{self, Stocks};
use crate::model::morale;
use crate::model::support::DonorState;
use crate::params::{Params, SideParamsRef};

/// One side's state.
#[derive(Debug, Clone)]
pub struct SideState {
    /// Recruitment channels and bounty policy.
    pub rec: Recruitment,
    /// Front strength, thousand persons.
    pub front_k: f64,
    /// Front strength at the start, thousand persons.
    pub front0_k: f64,
    /// Materiel stocks, months of normal use.
    pub stocks: Stocks,
    /// Stocks at the start, months of normal use.
    pub stocks0: Stocks,
    /// Economy.
    pub econ: EconomyState,
    /// Morale, 0-1.
    pub morale: f64,
    /// Regime commitment, index.
    pub commitment: f64,
    /// Territory held, km².
    pub held_km2: f64,
    /// Cumulative net gain, km².
    pub gained_km2: f64,
    /// Cumulative casualties, thousand persons.
    pub cumulative_casualties_k: f64,
    /// Cumulative recruits (all channels), thousand persons.
    pub cumulative_recruits_k: f64,
    /// Cumulative returned wounded, thousand persons.
    pub cumulative_returns_k: f64,
    /// Cumulative non-combat losses, thousand persons.
    pub cumulative_noncombat_k: f64,
    /// Share of energy revenue knocked out by the opponent's strikes, 0-1.
    pub refinery_damage: f64,
    /// Share of bombardment capacity destroyed by the opponent's strikes on air bases, 0-1.
    pub capacity_lost: f64,
    /// Bombardment endured so far (for adaptation), index-months.
    pub cumulative_leak: f64,
    /// Aid the side had been receiving (donors' nominal flows), USD bn a month: the support
    /// reference. `None` for a side without donors.
    pub aid0_usd_bn: Option<f64>,
    /// Combat power at the start (front × quality × materiel and morale factors).
    pub power0: f64,
    /// Whether coercive mobilisation has been logged.
    pub coercive_logged: bool,
}

impl SideState {
    fn new(p: SideParamsRef<'_>) -> SideState {
        let stocks = materiel::initial(p.materiel);
        SideState {
            rec: Recruitment::new(p.manpower),
            front_k: p.attrition.front_k,
            front0_k: p.attrition.front_k,
            stocks,
            stocks0: stocks,
            econ: EconomyState::new(p.economy),
            morale: p.morale.start,
            commitment: p.morale.commitment_start,
            held_km2: p.territory.held_km2,
            gained_km2: 0.0,
            cumulative_casualties_k: 0.0,
            cumulative_recruits_k: 0.0,
            cumulative_returns_k: 0.0,
            cumulative_noncombat_k: 0.0,
            refinery_damage: 0.0,
            capacity_lost: 0.0,
            cumulative_leak: 0.0,
            aid0_usd_bn: None,
            power0: 0.0,
            coercive_logged: false,
        }
    }
}

/// The whole war's state.
#[derive(Debug, Clone)]
pub struct WarState {
    /// Both sides.
    pub sides: [SideState; 2],
    /// Log-deviation of the oil price from its path.
    pub oil_dev: f64,
    /// Donors' random states.
    pub donors: Vec<DonorState>,
    /// Casualties of both sides in the first month (the intensity reference), thousand.
    pub intensity_ref_k: Option<f64>,
    /// Casualties of each side in the first month in which it had any (the reference of the
    /// casualties it suffers and inflicts, for materiel use), thousand; 0 until then.
    pub side_ref_k: [f64; 2],
}

impl WarState {
    /// The starting state for a run's month-0 parameters; `recipients[i]` is the side donor
    /// `i` supports.
    pub fn new(p0: &Params, recipients: &[usize]) -> WarState {
        let mut w = WarState {
            sides: [SideState::new(p0.side(0)), SideState::new(p0.side(1))],
            oil_dev: 0.0,
            donors: vec![DonorState::default(); recipients.len()],
            intensity_ref_k: None,
            side_ref_k: [0.0; 2],
        };
        for s in 0..2 {
            let p = p0.side(s);
            let q = p.attrition.quality;
            w.sides[s].power0 = w.sides[s].front_k
                * q
                * materiel::power_factor(&w.sides[s].stocks, p.materiel)
                * morale::power_factor(w.sides[s].morale, p.morale);
        }
        w.warm_start_wounded(p0);
        // Support is judged against what each side had been receiving: the donors' nominal
        // flows, before any trend, pause or withdrawal in this scenario.
        for (d, &recipient) in p0.donors.iter().zip(recipients) {
            *w.sides[recipient].aid0_usd_bn.get_or_insert(0.0) +=
                d.financial_usd_bn_per_month + d.military_usd_bn_per_month;
        }
        w
    }

    /// The war did not start at month 0: fill the pipeline of recovering wounded at its steady
    /// state for the starting casualty rates (inflow × mean delay), so that returns do not
    /// start from zero.
    fn warm_start_wounded(&mut self, p: &Params) {
        let mut f = [Fighter::from_params(p.side(0).attrition), Fighter::from_params(p.side(1).attrition)];
        for s in 0..2 {
            let a = p.side(s).attrition;
            let ao = p.side(1 - s).attrition;
            f[s].power_per_person = self.sides[s].power0 / self.sides[s].front_k.max(1e-9);
            f[s].casualty_multiplier = (1.0 + a.tempo_exposure * a.tempo) * (1.0 + ao.tempo_pressure * ao.tempo);
        }
        for s in 0..2 {
            let m = p.side(s).manpower;
            let rate = attrition::casualty_rate(&f[1 - s], self.sides[1 - s].front_k, &f[s], self.sides[s].front_k);
            self.sides[s].rec.recovering_k =
                rate * MONTH_DAYS_F * m.wounded_share * m.wounded_return_share * m.wounded_return_months;
        }
    }
}
