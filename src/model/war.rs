//! The war model: the mechanisms composed into one monthly step, and the run loop.
//!
//! Order within a month: world inputs (oil price shock, sanctions) → donors → combat power
//! (quality + intelligence support, materiel effect, morale effect) → recruitment → attrition
//! (RK4 over the month with recruits, returning wounded, donor troops and non-combat losses as
//! inflows) → manpower bookkeeping and the bounty policy → strikes at depth and bombardment →
//! materiel → economy → territory → morale and commitment → end conditions → each side's
//! judgment → the cease-fire rule. Every mechanism's equations are in its own module; this one
//! only wires them and records the outputs listed in [`WAR_WORLD`] and [`WAR_SIDE`].

// Loops run over the two sides by index: `s` and `1 - s` are the natural names here.
#![allow(clippy::needless_range_loop)]

use super::attrition::{Fighter, integrate, substeps_for};
use super::economy::{EconomyState, Inputs, local_to_usd_bn};
use super::manpower::Recruitment;
use super::materiel::{self, AIR_DEFENSE, AMMO, DRONES, EQUIPMENT, Stocks};
use super::morale::{self, Pressures};
use super::outputs::{Columns, Kind, VarSpec};
use super::support::{self, Change, DonorState, Received};
use super::{MONTH_DAYS_F, Params, SideParamsRef, sanctions, strikes, territory};
use crate::judgment::beliefs::Observation;
use crate::judgment::outcome::{LogEntry, Outcome};
use crate::judgment::{Judge, N_COMPONENTS};
use crate::scenario::{CeasefireRule, EventAction};
use crate::sim::rng;
use crate::sim::run::{Plan, Trajectory};
use crate::sim::schedule::Schedule;
use rand::RngExt;
use rand::rngs::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

const fn v(name: &'static str, unit: &'static str, kind: Kind, doc: &'static str) -> VarSpec {
    VarSpec { name, unit, kind, doc }
}

/// World variables of the war model.
pub const WAR_WORLD: &[VarSpec] = &[
    v("oil_usd_bbl", "USD per barrel", Kind::Stock, "World oil price (the scenario's path with monthly shocks)."),
    v(
        "urals_usd_bbl",
        "USD per barrel",
        Kind::Stock,
        "Price realised by a fully sanctioned seller: world price less the sanctions discount.",
    ),
    v("sanctions_effective", "index 0-1", Kind::Stock, "Sanctions intensity after third-country circumvention."),
];

/// Side variables of the war model (in column order).
pub const WAR_SIDE: &[VarSpec] = &[
    v("front_k", "thousand persons", Kind::Stock, "Personnel at the front at the end of the month."),
    v(
        "pool_k",
        "thousand persons",
        Kind::Stock,
        "Recruitable pool left (the willing for a bounty system, the eligible for conscription).",
    ),
    v(
        "casualties_k_per_month",
        "thousand persons per month",
        Kind::Flow,
        "Killed, wounded, missing and captured during the month.",
    ),
    v(
        "recruits_k_per_month",
        "thousand persons per month",
        Kind::Flow,
        "New personnel from all channels (bounty, conscription, coercive mobilisation, foreign troops, scheduled reinforcements).",
    ),
    v(
        "net_force_change_k_per_month",
        "thousand persons per month",
        Kind::Flow,
        "Change of front strength over the month.",
    ),
    v(
        "combat_power_index",
        "index, 1 = start",
        Kind::Stock,
        "Front strength × quality × materiel effect × morale effect, relative to the start.",
    ),
    v("morale_index", "index 0-1", Kind::Stock, "Public resilience."),
    v("commitment_index", "index", Kind::Stock, "Regime commitment (legacy, nationalist bloc, elite worries)."),
    v("gdp_index", "index, 1 = start", Kind::Stock, "Real output relative to the start."),
    v("inflation_pct", "% per year", Kind::Stock, "Consumer price inflation."),
    v("key_rate_pct", "% per year", Kind::Stock, "Policy interest rate."),
    v("reserves_usd_bn", "USD bn", Kind::Stock, "Liquid reserves left."),
    v("deficit_usd_bn_per_month", "USD bn per month", Kind::Flow, "Budget deficit (negative = surplus)."),
    v("energy_revenue_usd_bn_per_month", "USD bn per month", Kind::Flow, "Energy export revenue to the budget."),
    v(
        "military_spending_pct_gdp",
        "% of GDP",
        Kind::Stock,
        "Military spending including pay, bounties and compensation.",
    ),
    v(
        "soldier_payments_local_trn_per_year",
        "trillion local currency per year",
        Kind::Flow,
        "Bounties, pay and compensation, annualised (RUB for Russia).",
    ),
    v("labour_gap_pct", "% of labour force", Kind::Stock, "Labour shortage."),
    v("ammo_stock_index", "index, 1 = start", Kind::Stock, "Artillery ammunition stock."),
    v("drones_stock_index", "index, 1 = start", Kind::Stock, "Drone stock."),
    v("air_defense_stock_index", "index, 1 = start", Kind::Stock, "Air-defence interceptor stock."),
    v("equipment_stock_index", "index, 1 = start", Kind::Stock, "Heavy equipment for manoeuvre."),
    v("materiel_factor", "share 0-1", Kind::Stock, "Combat-power factor of materiel shortages (1 = none)."),
    v("aid_usd_bn_per_month", "USD bn per month", Kind::Flow, "External money and military aid received."),
    v("bombardment_leak_index", "index", Kind::Flow, "Bombardment received that got past air defence."),
    v("territory_gain_km2_per_month", "km2 per month", Kind::Flow, "Net ground gained (negative = lost)."),
    v("territory_held_km2", "km2", Kind::Stock, "Territory held."),
    v(
        "objective_progress_share",
        "share 0-1",
        Kind::Stock,
        "Cumulative net gain over the territorial objective (0 without one).",
    ),
    v(
        "casualties_per_km2_gained",
        "persons per km2",
        Kind::Stock,
        "Cumulative casualties over cumulative net gain since the start (0 while nothing gained).",
    ),
    v("bounty_rub_k", "thousand local currency (RUB)", Kind::Stock, "Sign-up bounty (sides with a bounty system)."),
    v(
        "marginal_recruit_cost_rub_k",
        "thousand local currency (RUB)",
        Kind::Stock,
        "Bounty outlay for one more recruit, B·(1 + 1/ε) (sides with a bounty system).",
    ),
    v("perceived_position", "position points", Kind::Stock, "The side's perceived position (weighted components)."),
    v("perceived_trend", "points per month", Kind::Stock, "Slope of the perceived position over the trend window."),
    v(
        "objective_months",
        "months",
        Kind::Stock,
        "Months the side expects to need for its objective (600 = out of reach).",
    ),
    v("time_not_on_side", "share 0-1", Kind::Stock, "1 once the side has judged that time is not on its side."),
    v("bias_factor", "share 0-1", Kind::Stock, "Share of the initial perception biases left after learning."),
    v(
        "returned_wounded_k_per_month",
        "thousand persons per month",
        Kind::Flow,
        "Wounded who returned to the front during the month.",
    ),
    v(
        "non_combat_losses_k_per_month",
        "thousand persons per month",
        Kind::Flow,
        "Desertion, discharge and illness during the month.",
    ),
    v(
        "military_aid_usd_bn_per_month",
        "USD bn per month",
        Kind::Flow,
        "External military aid received (part of aid_usd_bn_per_month).",
    ),
    v(
        "territory_gained_km2",
        "km2",
        Kind::Stock,
        "Net ground gained since the start (negative = lost); the territorial objective is measured against it.",
    ),
];

/// Side variables that exist only for a side that recruits by bounty (omitted for the others
/// in `timeseries.csv`).
pub const BOUNTY_VARS: [&str; 2] = ["bounty_rub_k", "marginal_recruit_cost_rub_k"];

/// Index of each side variable in [`WAR_SIDE`].
#[allow(missing_docs)]
pub mod col {
    pub const FRONT: usize = 0;
    pub const POOL: usize = 1;
    pub const CASUALTIES: usize = 2;
    pub const RECRUITS: usize = 3;
    pub const NET_CHANGE: usize = 4;
    pub const POWER: usize = 5;
    pub const MORALE: usize = 6;
    pub const COMMITMENT: usize = 7;
    pub const GDP: usize = 8;
    pub const INFLATION: usize = 9;
    pub const KEY_RATE: usize = 10;
    pub const RESERVES: usize = 11;
    pub const DEFICIT: usize = 12;
    pub const ENERGY: usize = 13;
    pub const MILSPEND: usize = 14;
    pub const PAYMENTS: usize = 15;
    pub const LABOUR_GAP: usize = 16;
    pub const AMMO: usize = 17;
    pub const DRONES: usize = 18;
    pub const AIR_DEFENSE: usize = 19;
    pub const EQUIPMENT: usize = 20;
    pub const MATERIEL: usize = 21;
    pub const AID: usize = 22;
    pub const LEAK: usize = 23;
    pub const GAIN: usize = 24;
    pub const HELD: usize = 25;
    pub const PROGRESS: usize = 26;
    pub const CAS_PER_KM2: usize = 27;
    pub const BOUNTY: usize = 28;
    pub const MARGINAL: usize = 29;
    pub const POSITION: usize = 30;
    pub const TREND: usize = 31;
    pub const OBJ_MONTHS: usize = 32;
    pub const TIPPED: usize = 33;
    pub const BIAS: usize = 34;
    pub const RETURNED: usize = 35;
    pub const NON_COMBAT: usize = 36;
    pub const MIL_AID: usize = 37;
    pub const GAINED: usize = 38;
    pub const COUNT: usize = 39;
}

/// Column layout of the war model.
pub fn columns() -> Columns {
    Columns { world: WAR_WORLD, side: WAR_SIDE }
}

/// One side's state.
#[derive(Debug, Clone)]
pub struct SideState {
    /// Recruitment channels and bounty policy.
    pub rec: Recruitment,
    /// Front strength, thousand persons.
    pub front_k: f64,
    /// Front strength at the start.
    pub front0_k: f64,
    /// Materiel stocks, months of normal use.
    pub stocks: Stocks,
    /// Stocks at the start.
    pub stocks0: Stocks,
    /// Economy.
    pub econ: EconomyState,
    /// Morale, 0-1.
    pub morale: f64,
    /// Regime commitment.
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
    /// Share of energy revenue knocked out by the opponent's strikes.
    pub refinery_damage: f64,
    /// Share of bombardment capacity destroyed by the opponent's strikes on air bases.
    pub capacity_lost: f64,
    /// Bombardment endured so far (for adaptation).
    pub cumulative_leak: f64,
    /// Aid the side had been receiving (donors' nominal flows), USD bn a month: the support reference.
    pub aid0_usd_bn: Option<f64>,
    /// Combat power at the start.
    pub power0: f64,
    /// Judging state.
    pub judge: Judge,
    coercive_logged: bool,
}

/// Materiel index used in the judgment: stock months over the threshold, weighted, capped at 3.
fn materiel_index(s: &Stocks, m: &crate::params::Materiel) -> f64 {
    let th = m.shortage_threshold_months;
    let ws = [m.ammo_weight, m.drones_weight, m.equipment_weight];
    let xs = [s[AMMO], s[DRONES], s[EQUIPMENT]];
    let wsum: f64 = ws.iter().sum();
    if wsum <= 0.0 {
        return 1.0;
    }
    ws.iter().zip(xs).map(|(w, x)| w * (x / th).min(3.0)).sum::<f64>() / wsum
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
            judge: Judge::new(),
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
}

/// Per-step random streams of a run (one per mechanism, see [`rng`]).
struct Streams {
    oil: ChaCha8Rng,
    combat: ChaCha8Rng,
    recruits: ChaCha8Rng,
    strikes: ChaCha8Rng,
    territory: ChaCha8Rng,
    donors: ChaCha8Rng,
    perception: [ChaCha8Rng; 2],
}

impl Streams {
    fn new(seed: u64, run: u64) -> Streams {
        let s = |name: &str| rng::stream(seed, rng::key(name), run);
        Streams {
            oil: s("shock.oil"),
            combat: s("shock.combat"),
            recruits: s("shock.recruits"),
            strikes: s("shock.strikes"),
            territory: s("shock.territory"),
            donors: s("shock.donors"),
            perception: [s("shock.perception.0"), s("shock.perception.1")],
        }
    }
}

#[inline]
fn z(r: &mut ChaCha8Rng) -> f64 {
    StandardNormal.sample(r)
}

/// A mean-one lognormal multiplier with log-sd `sd` from a standard normal draw.
#[inline]
fn lognormal(sd: f64, z: f64) -> f64 {
    (sd * z - 0.5 * sd * sd).exp()
}

fn log(t: &mut Trajectory, month: usize, side: Option<usize>, event: &'static str, detail: String) {
    t.log.push(LogEntry { month: month as u16, side: side.map(|s| s as u8), event, detail });
}

/// Run the war model for one trajectory.
pub fn run(plan: &Plan<'_>, mut schedule: Schedule<'_>, t: &mut Trajectory) {
    let sc = plan.scenario;
    let mut rs = Streams::new(plan.seed, t.run as u64);
    let p0 = schedule.params_at(0).clone();
    let mut w = WarState {
        sides: [SideState::new(p0.side(0)), SideState::new(p0.side(1))],
        oil_dev: 0.0,
        donors: vec![DonorState::default(); sc.donors.len()],
        intensity_ref_k: None,
    };
    for s in 0..2 {
        let p = p0.side(s);
        let q = p.attrition.quality;
        w.sides[s].power0 = w.sides[s].front_k
            * q
            * materiel::power_factor(&w.sides[s].stocks, p.materiel)
            * morale::power_factor(w.sides[s].morale, p.morale);
    }
    warm_start_wounded(&mut w, &p0);
    // Support is judged against what each side had been receiving: the donors' nominal
    // flows, before any trend, pause or withdrawal in this scenario.
    for (d, info) in p0.donors.iter().zip(&sc.donors) {
        *w.sides[info.recipient].aid0_usd_bn.get_or_insert(0.0) +=
            d.financial_usd_bn_per_month + d.military_usd_bn_per_month;
    }
    let ncols = t.ncols;
    let cols = columns();
    let e0 = sanctions::effective(sc.sanctions_path.at(0.0), &p0.world);
    record(&cols, &w, &p0, sc.oil_path.at(0.0), e0, [0.0; 2], [Default::default(); 2], &mut t.values[..ncols]);

    for step in 0..plan.steps {
        let month = step + 1;
        for e in schedule.starting(step) {
            if !matches!(e.action, EventAction::Reinforce { .. }) || e.note.is_some() {
                let what = e.note.clone().or_else(|| e.name.clone()).unwrap_or_else(|| describe(sc, &e.action));
                log(t, step, None, "scheduled_event", what);
            }
        }
        let (arriving, spread) = schedule.reinforcements(step);
        let p = schedule.params_at(step);
        let out = step_month(sc, p, &mut w, &mut rs, step, arriving, spread, t);
        let row = &mut t.values[month * ncols..(month + 1) * ncols];
        record(&cols, &w, p, out.oil, out.sanctions_effective_raw, out.cas, out.flows, row);
        if let Some(o) = out.ended {
            t.outcome = o;
            t.end_step = month;
            break;
        }
    }
    for s in 0..2 {
        t.time_not_on_side[s] = w.sides[s].judge.time_not_on_side;
        t.cut_losses[s] = w.sides[s].judge.cut_losses;
    }
}

/// The war did not start at month 0: fill the pipeline of recovering wounded at its steady
/// state for the starting casualty rates (inflow × mean delay), so that returns do not start
/// from zero.
fn warm_start_wounded(w: &mut WarState, p: &Params) {
    let mut f = [Fighter::from_params(p.side(0).attrition), Fighter::from_params(p.side(1).attrition)];
    for s in 0..2 {
        let a = p.side(s).attrition;
        let ao = p.side(1 - s).attrition;
        f[s].power_per_person = w.sides[s].power0 / w.sides[s].front_k.max(1e-9);
        f[s].casualty_multiplier = (1.0 + a.tempo_exposure * a.tempo) * (1.0 + ao.tempo_pressure * ao.tempo);
    }
    for s in 0..2 {
        let m = p.side(s).manpower;
        let rate = super::attrition::casualty_rate(&f[1 - s], w.sides[1 - s].front_k, &f[s], w.sides[s].front_k);
        w.sides[s].rec.recovering_k =
            rate * MONTH_DAYS_F * m.wounded_share * m.wounded_return_share * m.wounded_return_months;
    }
}

fn describe(sc: &crate::scenario::Scenario, a: &EventAction) -> String {
    match a {
        EventAction::Reinforce { side, .. } => {
            format!("reinforcements for {}", sc.sides[*side].name)
        }
        EventAction::Set { target, .. } => format!("{} set", sc.slots[*target].path),
        EventAction::Scale { target, .. } => format!("{} scaled", sc.slots[*target].path),
    }
}

/// Flows of one side in one month, for recording.
#[derive(Debug, Clone, Copy, Default)]
struct SideFlows {
    recruits_k: f64,
    net_change_k: f64,
    aid_usd_bn: f64,
    military_aid_usd_bn: f64,
    returned_k: f64,
    non_combat_k: f64,
    deficit_usd_bn: f64,
    energy_usd_bn: f64,
    milspend_pct: f64,
    payments_local_trn_year: f64,
    leak: f64,
    gain_km2: f64,
    materiel_factor: f64,
    position: f64,
    trend: f64,
    objective_months: f64,
}

struct MonthOut {
    oil: f64,
    sanctions_effective_raw: f64,
    cas: [f64; 2],
    flows: [SideFlows; 2],
    ended: Option<Outcome>,
}

#[allow(clippy::too_many_arguments)]
fn step_month(
    sc: &crate::scenario::Scenario,
    p: &Params,
    w: &mut WarState,
    rs: &mut Streams,
    step: usize,
    arriving: [f64; 2],
    spread: [f64; 2],
    t: &mut Trajectory,
) -> MonthOut {
    let month = step + 1;
    let days = MONTH_DAYS_F;
    let sp = [p.side(0), p.side(1)];

    // World.
    let zo = z(&mut rs.oil);
    w.oil_dev = p.world.oil_persistence * w.oil_dev + p.world.oil_shock * zo;
    let oil = sc.oil_path.at(step as f64) * w.oil_dev.exp();
    let e = sanctions::effective(sc.sanctions_path.at(step as f64), &p.world);

    // Donors.
    let mut recv = [Received::default(); 2];
    for (i, (d, info)) in p.donors.iter().zip(&sc.donors).enumerate() {
        let (u1, u2): (f64, f64) = (rs.donors.random(), rs.donors.random());
        let (m, change) = support::advance(d, &mut w.donors[i], step, u1, u2);
        match change {
            Change::Paused => {
                log(t, month, Some(info.recipient), "aid_paused", format!("{} pauses its support", info.name))
            }
            Change::Cut => {
                log(t, month, Some(info.recipient), "aid_cut", format!("{} cuts its support for good", info.name))
            }
            Change::None => {}
        }
        support::add(&mut recv[info.recipient], d, m);
    }

    // Combat power per person.
    let mut ppp = [0.0; 2];
    let mut mat_factor = [0.0; 2];
    for s in 0..2 {
        let st = &w.sides[s];
        mat_factor[s] = materiel::power_factor(&st.stocks, sp[s].materiel);
        ppp[s] = (sp[s].attrition.quality + recv[s].quality_bonus)
            * mat_factor[s]
            * morale::power_factor(st.morale, sp[s].morale);
    }

    // Recruitment.
    let mut recruits = [super::manpower::Recruits::default(); 2];
    let mut returns = [0.0; 2];
    let mut noncombat = [0.0; 2];
    let mut one_off = [0.0; 2];
    for s in 0..2 {
        let m = sp[s].manpower;
        let st = &mut w.sides[s];
        let added = st.rec.widen_band(m);
        if added > 0.0 {
            one_off[s] += m.age_18_24_morale_cost * added;
            log(
                t,
                month,
                Some(s),
                "age_band_widened",
                format!("18-24 year-olds liable to conscription (share {added:.2})"),
            );
        }
        let shock = lognormal(m.recruit_shock, z(&mut rs.recruits));
        recruits[s] = st.rec.recruit(m, shock);
        if st.rec.coercive && !st.coercive_logged {
            st.coercive_logged = true;
            one_off[s] += m.coercive_morale_cost;
            log(t, month, Some(s), "coercive_mobilisation", "coercive mobilisation begins".into());
        }
        returns[s] = st.rec.returning(m);
        noncombat[s] = st.front_k * m.non_combat_loss_pct_per_month / 100.0;
    }

    // Attrition.
    let zc = [z(&mut rs.combat), z(&mut rs.combat)];
    let mut fighters = [Fighter::from_params(sp[0].attrition), Fighter::from_params(sp[1].attrition)];
    let mut start = [0.0; 2];
    for s in 0..2 {
        let o = 1 - s;
        let a = sp[s].attrition;
        let ao = sp[o].attrition;
        fighters[s].power_per_person = ppp[s];
        // Casualties suffered by s: own tempo exposes it, the opponent's tempo presses it, and
        // the opponent's fire is noisy.
        fighters[s].casualty_multiplier = (1.0 + a.tempo_exposure * a.tempo)
            * (1.0 + ao.tempo_pressure * ao.tempo)
            * lognormal(ao.intensity_shock, zc[o]);
        let inflow = recruits[s].total() + returns[s] + recv[s].troops_k - noncombat[s] + spread[s];
        fighters[s].inflow_k_per_day = inflow / days;
        start[s] = w.sides[s].front_k + arriving[s];
    }
    let att = integrate(start, fighters, days, substeps_for(start, fighters, days));
    let cas = att.casualties_k;
    let intensity = match w.intensity_ref_k {
        Some(r) if r > 0.0 => (cas[0] + cas[1]) / r,
        _ => {
            w.intensity_ref_k = Some(cas[0] + cas[1]);
            1.0
        }
    };

    // Manpower bookkeeping and policy.
    let mut flows = [SideFlows::default(); 2];
    for s in 0..2 {
        let m = sp[s].manpower;
        let wage_growth = w.sides[s].econ.wage_growth_per_month();
        let st = &mut w.sides[s];
        flows[s].net_change_k = att.strength_k[s] - st.front_k;
        st.front_k = att.strength_k[s];
        st.rec.admit(m, cas[s], returns[s]);
        st.cumulative_casualties_k += cas[s];
        st.cumulative_recruits_k += recruits[s].total() + recv[s].troops_k + arriving[s] + spread[s];
        st.cumulative_returns_k += returns[s];
        st.cumulative_noncombat_k += noncombat[s];
        flows[s].recruits_k = recruits[s].total() + recv[s].troops_k + arriving[s] + spread[s];
        flows[s].returned_k = returns[s];
        flows[s].non_combat_k = noncombat[s];
        let permanent = cas[s] * (1.0 - m.wounded_share * m.wounded_return_share) + noncombat[s];
        if st.rec.adjust(m, recruits[s].bounty_k, permanent, wage_growth) {
            one_off[s] += m.coercive_morale_cost;
            st.coercive_logged = true;
            log(
                t,
                month + 1,
                Some(s),
                "coercive_mobilisation",
                format!(
                    "bought recruits below losses for {} months: coercive mobilisation begins",
                    m.coercive_trigger_months
                ),
            );
        }
    }

    // Strikes at depth and bombardment (each side as target of the other).
    let zs = [z(&mut rs.strikes), z(&mut rs.strikes)];
    let mut leak = [0.0; 2];
    let mut bombardment_in = [0.0; 2];
    let mut depot_loss = [0.0; 2];
    for s in 0..2 {
        let o = 1 - s;
        let striker = sp[o].strikes;
        let shock = lognormal(striker.strike_shock, zs[o]);
        let deep = strikes::deep(striker, shock);
        let repair = striker.refinery_repair_per_month;
        bombardment_in[s] = strikes::bombardment(striker, w.sides[o].capacity_lost, shock);
        let st = &mut w.sides[s];
        st.refinery_damage = strikes::accumulate(st.refinery_damage, deep.refinery, repair);
        st.capacity_lost = strikes::accumulate(st.capacity_lost, deep.airbase, repair);
        depot_loss[s] = deep.depot;
        let intercepted = materiel::interception(&st.stocks, sp[s].materiel);
        leak[s] = bombardment_in[s] * (1.0 - intercepted);
    }

    // Materiel, economy.
    let mut sens = [0.0; 2];
    let mut budgets = [super::economy::Budget::default(); 2];
    for s in 0..2 {
        let sp_s = sp[s];
        let st = &mut w.sides[s];
        let exposure = sp_s.economy.sanctions_exposure;
        materiel::step(
            &mut st.stocks,
            sp_s.materiel,
            &materiel::Flows {
                intensity,
                bombardment_received: bombardment_in[s],
                military_aid_usd_bn: recv[s].military_usd_bn,
                production_penalty: sanctions::production_penalty(e, exposure, &p.world),
                depot_loss: depot_loss[s],
            },
        );
        sens[s] = strikes::sensitivity(sp_s.morale.adaptation_rate, st.cumulative_leak);
        st.cumulative_leak += leak[s];
        let m = sp_s.manpower;
        let fx = sp_s.economy.fx_per_usd;
        let killed = cas[s] * (1.0 - m.wounded_share);
        let wounded = cas[s] * m.wounded_share;
        let local_k = recruits[s].bounty_k * st.rec.bounty_k
            + st.front_k * st.rec.pay_k
            + killed * m.killed_compensation_k
            + wounded * m.wounded_compensation_k;
        let manpower_usd = local_to_usd_bn(1.0, local_k, fx);
        flows[s].payments_local_trn_year = local_k * 12.0 / 1.0e6;
        let labour_taken =
            recruits[s].bounty_k * m.bounty_labour_share + recruits[s].conscripts_k + recruits[s].coerced_k;
        let b = st.econ.step(
            sp_s.economy,
            &Inputs {
                month: step,
                oil_realised_usd_bbl: oil * (1.0 - sanctions::oil_discount(e, exposure, &p.world)),
                refinery_damage: st.refinery_damage,
                financial_aid_usd_bn: recv[s].financial_usd_bn,
                manpower_cost_usd_bn: manpower_usd,
                labour_taken_k: labour_taken,
                sanctions_effective: e,
                bombing_loss_pct: sp_s.economy.bombing_gdp_damage_pct * leak[s] * sens[s],
            },
        );
        if b.reserves_exhausted_now {
            log(t, month, Some(s), "reserves_exhausted", "liquid reserves exhausted: deficits are now printed".into());
        }
        budgets[s] = b;
        flows[s].aid_usd_bn = recv[s].total_usd_bn();
        flows[s].military_aid_usd_bn = recv[s].military_usd_bn;
        flows[s].deficit_usd_bn = b.deficit_usd_bn;
        flows[s].energy_usd_bn = b.energy_usd_bn;
        flows[s].milspend_pct = b.military_spending_pct_gdp;
        flows[s].leak = leak[s];
        flows[s].materiel_factor = mat_factor[s];
    }

    // Territory.
    let zt = [z(&mut rs.territory), z(&mut rs.territory)];
    let power = [w.sides[0].front_k * ppp[0], w.sides[1].front_k * ppp[1]];
    let mut g = [0.0; 2];
    for s in 0..2 {
        let tp = sp[s].territory;
        g[s] = territory::gain(tp, sp[s].attrition.tempo, power[s], power[1 - s], lognormal(tp.gain_shock, zt[s]));
    }
    for s in 0..2 {
        let net = g[s] - g[1 - s];
        flows[s].gain_km2 = net;
        let st = &mut w.sides[s];
        st.held_km2 = (st.held_km2 + net).max(0.0);
        st.gained_km2 += net;
    }

    // Morale and commitment.
    for s in 0..2 {
        let st = &mut w.sides[s];
        let aid = recv[s].total_usd_bn();
        let aid0 = st.aid0_usd_bn.unwrap_or(0.0);
        let support_ratio = (aid + 0.1) / (aid0 + 0.1);
        let x = Pressures {
            casualties_pct_of_front: if st.front_k > 0.0 { 100.0 * cas[s] / st.front_k } else { 0.0 },
            bombing_leak: leak[s],
            bombing_sensitivity: sens[s],
            net_gain_km2: flows[s].gain_km2,
            support_ratio,
            one_off: one_off[s],
        };
        st.morale = morale::step(st.morale, sp[s].morale, &x);
        st.commitment = morale::commitment(sp[s].morale, st.econ.strain(sp[s].economy), st.cumulative_casualties_k);
    }

    // End conditions.
    let mut ended = None;
    for s in 0..2 {
        let st = &w.sides[s];
        let why = if st.front_k < sp[s].manpower.collapse_front_share * st.front0_k {
            Some("the front broke: too few troops left")
        } else if st.econ.collapsed(sp[s].economy) {
            Some("the money ran out: reserves gone and inflation out of control")
        } else if st.morale < sp[s].morale.collapse_below {
            Some("the will to fight collapsed")
        } else {
            None
        };
        if let Some(why) = why {
            log(t, month, Some(s), "collapse", why.into());
            ended = ended.or(Some(Outcome::Collapse(s)));
        }
    }
    if ended.is_none() {
        for s in 0..2 {
            let obj = sp[s].territory.objective_km2;
            if obj > 0.0 && w.sides[s].gained_km2 >= obj {
                log(t, month, Some(s), "objective_reached", format!("{} took the ground it wanted", sc.sides[s].label));
                ended = Some(Outcome::Objective(s));
                break;
            }
        }
    }

    // Judgment.
    let strain = [w.sides[0].econ.strain(sp[0].economy), w.sides[1].econ.strain(sp[1].economy)];
    let support_ratio: [f64; 2] = std::array::from_fn(|s| {
        let a0 = w.sides[s].aid0_usd_bn.unwrap_or(0.0);
        (recv[s].total_usd_bn() + 0.1) / (a0 + 0.1)
    });
    let mut cut_any = false;
    for s in 0..2 {
        let o = 1 - s;
        let noise: [f64; N_COMPONENTS] = std::array::from_fn(|_| z(&mut rs.perception[s]));
        let relief = sp[s].judgment.relief_value * p.world.relief_share * e * sp[s].economy.sanctions_exposure;
        let obj = sp[s].territory.objective_km2;
        let x = Observation {
            own_front_k: w.sides[s].front_k,
            opp_front_k: w.sides[o].front_k,
            opp_front_floor_k: sp[o].manpower.collapse_front_share * w.sides[o].front0_k,
            own_materiel: materiel_index(&w.sides[s].stocks, sp[s].materiel),
            opp_materiel: materiel_index(&w.sides[o].stocks, sp[o].materiel),
            own_strain: strain[s],
            opp_strain: strain[o],
            own_support_ratio: support_ratio[s],
            opp_support_ratio: support_ratio[o],
            own_morale: w.sides[s].morale,
            opp_morale: w.sides[o].morale,
            opp_morale_floor: sp[o].morale.collapse_below,
            opp_money: w.sides[o].econ.money_index(sp[o].economy),
            own_net_gain_km2: flows[s].gain_km2,
            remaining_objective_km2: (obj - w.sides[s].gained_km2).max(0.0),
            has_objective: obj > 0.0,
            opp_remaining_objective_km2: (sp[o].territory.objective_km2 - w.sides[o].gained_km2).max(0.0),
            opp_has_objective: sp[o].territory.objective_km2 > 0.0,
            intensity,
            commitment: w.sides[s].commitment,
            relief,
        };
        let jp = sp[s].judgment;
        let st = &mut w.sides[s];
        let a = st.judge.assess(jp, &x, &noise, month as u16);
        flows[s].position = a.position;
        flows[s].trend = a.trend;
        flows[s].objective_months = a.objective_months;
        if a.tipped_now {
            let names = crate::analysis::summary::DRIVER_NAMES;
            let top = (0..N_COMPONENTS).max_by(|&i, &j| a.drivers[i].total_cmp(&a.drivers[j])).unwrap_or(0);
            t.drivers[s] = Some(a.drivers.map(|d| d as f32));
            log(
                t,
                month,
                Some(s),
                "time_not_on_side",
                format!("{} judges that time is not on its side (mostly {})", sc.sides[s].label, names[top]),
            );
        }
        if a.cut_now {
            log(t, month, Some(s), "would_cut_losses", format!("{} would cut its losses", sc.sides[s].label));
        }
        cut_any |= a.would_cut;
        if !st.judge.halved_logged
            && st.judge.biases.factor < 0.5
            && (jp.self_optimism > 0.0 || jp.opponent_underestimate > 0.0)
        {
            st.judge.halved_logged = true;
            log(t, month, Some(s), "bias_halved", "half of the initial misperception has been learnt away".into());
        }
    }
    if ended.is_none() {
        let both = w.sides[0].judge.time_not_on_side.is_some() && w.sides[1].judge.time_not_on_side.is_some();
        let cease = match sc.ceasefire {
            CeasefireRule::Never => false,
            CeasefireRule::WhenEitherCutsLosses => cut_any,
            CeasefireRule::WhenBothJudge => both,
        };
        if cease {
            log(t, month, None, "ceasefire", "the sides agree a cease-fire".into());
            ended = Some(Outcome::Ceasefire);
        }
    }
    let _ = budgets;
    MonthOut { oil, sanctions_effective_raw: e, cas, flows, ended }
}

/// Store an output as f32, saturating at ±1e30: parameter draws at the edges of their valid
/// ranges over a long horizon can compound (wages, bounties) beyond single precision, and a
/// saturated number is more useful than an infinity. A non-finite f64 stays non-finite (and
/// fails the invariants): only finite values are saturated.
fn saturate(x: f64) -> f32 {
    if x.is_finite() { x.clamp(-1e30, 1e30) as f32 } else { x as f32 }
}

#[allow(clippy::too_many_arguments)]
fn record(
    cols: &Columns,
    w: &WarState,
    p: &Params,
    oil: f64,
    e: f64,
    cas: [f64; 2],
    flows: [SideFlows; 2],
    row: &mut [f32],
) {
    row[0] = saturate(oil);
    row[1] = saturate(oil * (1.0 - sanctions::oil_discount(e, 1.0, &p.world)));
    row[2] = saturate(e);
    for s in 0..2 {
        let st = &w.sides[s];
        let sp = p.side(s);
        let f = &flows[s];
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
        v[col::POSITION] = f.position;
        v[col::TREND] = f.trend;
        v[col::OBJ_MONTHS] = f.objective_months;
        v[col::TIPPED] = if st.judge.time_not_on_side.is_some() { 1.0 } else { 0.0 };
        v[col::BIAS] = st.judge.biases.factor;
        v[col::MIL_AID] = f.military_aid_usd_bn;
        v[col::RETURNED] = f.returned_k;
        v[col::NON_COMBAT] = f.non_combat_k;
        v[col::GAINED] = st.gained_km2;
        for (k, x) in v.iter().enumerate() {
            row[cols.side_col(s, k)] = saturate(*x);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_indices_match_the_variable_list() {
        assert_eq!(WAR_SIDE.len(), col::COUNT);
        let names = [
            (col::FRONT, "front_k"),
            (col::CASUALTIES, "casualties_k_per_month"),
            (col::BOUNTY, "bounty_rub_k"),
            (col::MARGINAL, "marginal_recruit_cost_rub_k"),
            (col::HELD, "territory_held_km2"),
            (col::BIAS, "bias_factor"),
            (col::AID, "aid_usd_bn_per_month"),
            (col::GAINED, "territory_gained_km2"),
        ];
        for (i, n) in names {
            assert_eq!(WAR_SIDE[i].name, n);
        }
    }
}
