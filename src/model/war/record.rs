//! One row of the war model's outputs ([`super::outputs`]) from the state after a month.

// Loops run over the two sides by index.
#![allow(clippy::needless_range_loop)]

use super::outputs::col;
use super::state::WarState;
use super::step::SideFlows;
use crate::model::materiel::{self, AIR_DEFENSE, AMMO, DRONES, EQUIPMENT};
use crate::model::outputs::Columns;
use crate::model::{morale, sanctions};
use crate::params::Params;

/// What a side perceived this month, as the judgment reports it for the record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Perceived {
    /// Perceived position, position points.
    pub position: f64,
    /// Slope of the perceived position over the trend window, points per month.
    pub trend: f64,
    /// Months the side expects to need for its objective (600 = out of reach).
    pub objective_months: f64,
    /// Whether the side has judged that time is not on its side (this month or before).
    pub tipped: bool,
    /// Share of the initial perception biases left after learning, 0-1.
    pub bias_factor: f64,
    /// The objective looked unrealistic this month (the first half of the rule).
    pub unrealistic: bool,
    /// The perceived trend was negative this month (the second half of the rule).
    pub trend_negative: bool,
    /// The objective looked unrealistic and the trend was negative this month (before the evidence score).
    pub worsening_and_unrealistic: bool,
    /// The longest the side can give its objective, months (see [`crate::judgment::rules::Assessment::limit_months`]).
    pub limit_months: f64,
    /// Evidence of a worsening trend accumulated, as a share of what the side needs to judge (its
    /// `evidence_threshold`); 1 or more with the objective unrealistic: time is not on its side.
    pub evidence_share: f64,
}

impl Perceived {
    /// Before any judgment: nothing perceived yet, biases whole.
    pub const START: Perceived = Perceived {
        position: 0.0,
        trend: 0.0,
        objective_months: 0.0,
        tipped: false,
        bias_factor: 1.0,
        unrealistic: false,
        trend_negative: false,
        worsening_and_unrealistic: false,
        limit_months: 0.0,
        evidence_share: 0.0,
    };
}

/// Store an output as f32, saturating at ±1e30: parameter draws at the edges of their valid
/// ranges over a long horizon can compound (wages, bounties) beyond single precision, and a
/// saturated number is more useful than an infinity. A non-finite f64 stays non-finite (and
/// fails the invariants): only finite values are saturated.
fn saturate(x: f64) -> f32 {
    if x.is_finite() { x.clamp(-1e30, 1e30) as f32 } else { x as f32 }
}

/// Write one row of outputs: the state after a month, its flows and what each side perceived.
#[allow(clippy::too_many_arguments)]
pub fn record(
    cols: &Columns,
    w: &WarState,
    p: &Params,
    oil: f64,
    e: f64,
    cas: [f64; 2],
    flows: &[SideFlows; 2],
    perceived: &[Perceived; 2],
    row: &mut [f32],
) {
    row[0] = saturate(oil);
    row[1] = saturate(oil * (1.0 - sanctions::oil_discount(e, 1.0, &p.world)));
    row[2] = saturate(e);
    for s in 0..2 {
        let st = &w.sides[s];
        let sp = p.side(s);
        let f = &flows[s];
        let j = &perceived[s];
        let mut v = [0.0f64; col::COUNT];
        v[col::FRONT] = st.front_k;
        v[col::POOL] = st.rec.pool_k;
        v[col::CASUALTIES] = cas[s];
        v[col::RECRUITS] = f.recruits_k;
        v[col::NET_CHANGE] = f.net_change_k;
        let ppp = (sp.attrition.quality)
            * materiel::power_factor(&st.stocks, sp.materiel)
            * morale::power_factor(st.morale, sp.morale);
        v[col::POWER] = if st.power0 > 0.0 { st.front_k * ppp / st.power0 } else { 0.0 };
        v[col::MORALE] = st.morale;
        v[col::COMMITMENT] = st.commitment;
        v[col::GDP] = st.econ.gdp_index;
        v[col::INFLATION] = st.econ.inflation_pct;
        v[col::KEY_RATE] = st.econ.key_rate_pct;
        v[col::RESERVES] = st.econ.reserves_usd_bn;
        v[col::WAR_DEBT] = st.econ.war_debt_pct_gdp;
        v[col::DEFICIT] = f.deficit_usd_bn;
        v[col::ENERGY] = f.energy_usd_bn;
        v[col::MILSPEND] = f.milspend_pct;
        v[col::PAYMENTS] = f.payments_local_trn_year;
        v[col::LABOUR_GAP] = st.econ.labour_gap_pct;
        v[col::AMMO] = materiel::index(st.stocks[AMMO], st.stocks0[AMMO]);
        v[col::DRONES] = materiel::index(st.stocks[DRONES], st.stocks0[DRONES]);
        v[col::AIR_DEFENSE] = materiel::index(st.stocks[AIR_DEFENSE], st.stocks0[AIR_DEFENSE]);
        v[col::EQUIPMENT] = materiel::index(st.stocks[EQUIPMENT], st.stocks0[EQUIPMENT]);
        v[col::MATERIEL] = materiel::power_factor(&st.stocks, sp.materiel);
        v[col::AID] = f.aid_usd_bn;
        v[col::LEAK] = f.leak;
        v[col::GAIN] = f.gain_km2;
        v[col::HELD] = st.held_km2;
        let obj = sp.territory.objective_km2;
        v[col::PROGRESS] = if obj > 0.0 { (st.gained_km2 / obj).clamp(-1.0, 1.0) } else { 0.0 };
        v[col::CAS_PER_KM2] =
            if st.gained_km2 > 1.0 { 1000.0 * st.cumulative_casualties_k / st.gained_km2 } else { 0.0 };
        v[col::BOUNTY] = st.rec.bounty_k;
        v[col::MARGINAL] = st.rec.marginal_recruit_cost_k(sp.manpower);
        v[col::POSITION] = j.position;
        v[col::TREND] = j.trend;
        v[col::OBJ_MONTHS] = j.objective_months;
        v[col::TIPPED] = if j.tipped { 1.0 } else { 0.0 };
        v[col::BIAS] = j.bias_factor;
        v[col::MIL_AID] = f.military_aid_usd_bn;
        v[col::RETURNED] = f.returned_k;
        v[col::NON_COMBAT] = f.non_combat_k;
        v[col::GAINED] = st.gained_km2;
        v[col::UNREALISTIC] = f64::from(u8::from(j.unrealistic));
        v[col::TREND_NEGATIVE] = f64::from(u8::from(j.trend_negative));
        v[col::BOTH_HALVES] = f64::from(u8::from(j.worsening_and_unrealistic));
        v[col::LIMIT_MONTHS] = j.limit_months;
        v[col::EVIDENCE] = j.evidence_share;
        for (k, x) in v.iter().enumerate() {
            row[cols.side_col(s, k)] = saturate(*x);
        }
    }
}
