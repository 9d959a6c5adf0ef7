//! The monthly step of the war model: the mechanisms composed in their order within a month.
//!
//! Order within a month: world inputs (oil price shock, sanctions) → donors → combat power
//! (quality + intelligence support, materiel effect, morale effect) → recruitment → attrition
//! (RK4 over the month with recruits, returning wounded, donor troops and non-combat losses as
//! inflows) → manpower bookkeeping and the bounty policy → strikes at depth and bombardment →
//! materiel → economy → territory → morale and commitment. Every mechanism's equations are in
//! its own module; this one only wires them. [`step`] is a function of the state, the month's
//! parameters, its inputs and its shocks ([`MonthShocks`], drawn by the run loop): no random
//! stream, scenario or log is reachable from here. End conditions, the sides' judgment and the
//! cease-fire rule come after the step, in the run loop.

// Loops run over the two sides by index: `s` and `1 - s` are the natural names here.
#![allow(clippy::needless_range_loop)]

use super::events::{Happening, Note};
use super::state::WarState;
use crate::model::MONTH_DAYS_F;
use crate::model::attrition::{Fighter, integrate, substeps_for};
use crate::model::economy::{Inputs, local_to_usd_bn};
use crate::model::materiel;
use crate::model::morale::{self, Pressures};
use crate::model::support::{self, Change, Received};
use crate::model::{sanctions, strikes, territory};
use crate::params::Params;

/// What a month needs from outside the state: its index, the time paths' values and the
/// scheduled reinforcements.
#[derive(Debug, Clone, Copy)]
pub struct MonthInputs<'a> {
    /// Step index (month `step + 1` is being simulated).
    pub step: usize,
    /// The oil price path at this step, USD per barrel (before the month's shock).
    pub oil_path_usd_bbl: f64,
    /// The sanctions intensity path at this step, 0-1.
    pub sanctions_intensity: f64,
    /// Reinforcements arriving at the start of the month, thousand persons per side.
    pub arriving_k: [f64; 2],
    /// Reinforcements arriving evenly during the month, thousand persons per side.
    pub spread_k: [f64; 2],
    /// The side each donor supports, in scenario order.
    pub recipients: &'a [usize],
}

/// A month's random shocks: standard normal deviates (uniforms for donors), one set per
/// mechanism, drawn by the run loop from the run's streams.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MonthShocks {
    /// Oil price shock, N(0, 1).
    pub oil: f64,
    /// Per donor: two uniforms in [0, 1) (pause, cut).
    pub donors: Vec<(f64, f64)>,
    /// Per side: recruitment shock, N(0, 1).
    pub recruits: [f64; 2],
    /// Per side: shock on the fire it delivers, N(0, 1).
    pub combat: [f64; 2],
    /// Per side: shock on its strikes at depth, N(0, 1).
    pub strikes: [f64; 2],
    /// Per side: shock on its territorial gains, N(0, 1).
    pub territory: [f64; 2],
    /// Per side: inflation surprise, N(0, 1).
    pub inflation: [f64; 2],
    /// Per side: the central bank's departure from its rule, N(0, 1).
    pub key_rate: [f64; 2],
}

/// A mean-one lognormal multiplier with log-sd `sd` from a standard normal draw.
#[inline]
pub fn lognormal(sd: f64, z: f64) -> f64 {
    (sd * z - 0.5 * sd * sd).exp()
}

/// Flows of one side in one month, for recording.
#[derive(Debug, Clone, Copy, Default)]
pub struct SideFlows {
    /// New personnel from all channels, thousand persons.
    pub recruits_k: f64,
    /// Change of front strength, thousand persons.
    pub net_change_k: f64,
    /// External money and military aid received, USD bn.
    pub aid_usd_bn: f64,
    /// External military aid received, USD bn.
    pub military_aid_usd_bn: f64,
    /// Wounded who returned to the front, thousand persons.
    pub returned_k: f64,
    /// Losses outside combat, thousand persons.
    pub non_combat_k: f64,
    /// Budget deficit (negative = surplus), USD bn.
    pub deficit_usd_bn: f64,
    /// Energy export revenue to the budget, USD bn.
    pub energy_usd_bn: f64,
    /// Military spending, % of GDP.
    pub milspend_pct: f64,
    /// Payments to soldiers, annualised, trillion local currency per year.
    pub payments_local_trn_year: f64,
    /// Bombardment received that got past air defence, index.
    pub leak: f64,
    /// Net ground gained (negative = lost), km².
    pub gain_km2: f64,
    /// Combat-power factor of materiel shortages, 0-1.
    pub materiel_factor: f64,
}

/// What a month produced, beyond the state it leaves.
#[derive(Debug, Clone, Copy)]
pub struct MonthOut {
    /// Oil price this month, USD per barrel.
    pub oil: f64,
    /// Effective sanctions intensity (after circumvention), 0-1.
    pub sanctions_effective: f64,
    /// Combat intensity relative to the run's first month.
    pub intensity: f64,
    /// Casualties per side, thousand persons.
    pub cas: [f64; 2],
    /// External aid received per side (money and military), USD bn.
    pub aid_usd_bn: [f64; 2],
    /// Each side's flows.
    pub flows: [SideFlows; 2],
}

/// Advance the war by one month: world inputs, donors, combat power, recruitment, attrition,
/// manpower policy, strikes, materiel, economy, territory, morale. Happenings are pushed onto
/// `notes` in the order they occur. End conditions and the sides' judgment are not part of the
/// step: they read the state it leaves.
pub fn step(
    p: &Params,
    w: &mut WarState,
    x: &MonthInputs<'_>,
    shocks: &MonthShocks,
    notes: &mut Vec<Note>,
) -> MonthOut {
    let step = x.step;
    let (arriving, spread) = (x.arriving_k, x.spread_k);
    let month = step + 1;
    let days = MONTH_DAYS_F;
    let sp = [p.side(0), p.side(1)];

    // World.
    w.oil_dev = p.world.oil_persistence * w.oil_dev + p.world.oil_shock * shocks.oil;
    let oil = x.oil_path_usd_bbl * w.oil_dev.exp();
    let e = sanctions::effective(x.sanctions_intensity, &p.world);

    // Donors.
    let mut recv = [Received::default(); 2];
    for (i, (d, &side)) in p.donors.iter().zip(x.recipients).enumerate() {
        let (u1, u2) = shocks.donors[i];
        let (m, change) = support::advance(d, &mut w.donors[i], step, u1, u2);
        match change {
            Change::Paused => notes.push(Note { month, side, what: Happening::AidPaused { donor: i } }),
            Change::Cut => notes.push(Note { month, side, what: Happening::AidCut { donor: i } }),
            Change::None => {}
        }
        support::add(&mut recv[side], d, m);
    }

    // Combat power per person.
    let mut ppp = [0.0; 2];
    let mut mat_factor = [0.0; 2];
    for s in 0..2 {
        let st = &w.sides[s];
        mat_factor[s] = materiel::power_factor(&st.stocks, sp[s].materiel);
        let bought = support::aid_capability(
            recv[s].military_usd_bn,
            sp[s].materiel.aid_quality_max,
            sp[s].materiel.aid_quality_half_usd_bn,
        );
        ppp[s] = (sp[s].attrition.quality + recv[s].quality_bonus + bought)
            * mat_factor[s]
            * morale::power_factor(st.morale, sp[s].morale);
    }

    // Recruitment.
    let mut recruits = [crate::model::manpower::Recruits::default(); 2];
    let mut returns = [0.0; 2];
    let mut noncombat = [0.0; 2];
    let mut one_off = [0.0; 2];
    for s in 0..2 {
        let m = sp[s].manpower;
        let st = &mut w.sides[s];
        let added = st.rec.widen_band(m);
        if added > 0.0 {
            one_off[s] += m.age_18_24_morale_cost * added;
            notes.push(Note { month, side: s, what: Happening::AgeBandWidened { share: added } });
        }
        let shock = lognormal(m.recruit_shock, shocks.recruits[s]);
        recruits[s] = st.rec.recruit(m, shock);
        if st.rec.coercive && !st.coercive_logged {
            st.coercive_logged = true;
            one_off[s] += m.coercive_morale_cost;
            notes.push(Note { month, side: s, what: Happening::CoerciveBegins });
        }
        returns[s] = st.rec.returning(m);
        noncombat[s] = st.front_k * m.non_combat_loss_pct_per_month / 100.0;
    }

    // Attrition.
    let zc = shocks.combat;
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
    // Intensity relative to the run's first month: both sides' casualties (a month without
    // any is no reference: the next month with some becomes it) ...
    let intensity = match w.intensity_ref_k {
        Some(r) if r > 0.0 => (cas[0] + cas[1]) / r,
        _ => {
            w.intensity_ref_k = Some(cas[0] + cas[1]);
            1.0
        }
    };
    // ... and each side's, relative to its own first month with casualties.
    let mut relative = [1.0; 2];
    for s in 0..2 {
        if w.side_ref_k[s] > 0.0 {
            relative[s] = cas[s] / w.side_ref_k[s];
        } else if cas[s] > 0.0 {
            w.side_ref_k[s] = cas[s];
        }
    }

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
        if st.rec.adjust(m, recruits[s].bounty_k, permanent, wage_growth, sp[s].economy.fx_per_usd) {
            one_off[s] += m.coercive_morale_cost;
            st.coercive_logged = true;
            let what = Happening::CoerciveByRule { trigger_months: m.coercive_trigger_months };
            notes.push(Note { month: month + 1, side: s, what });
        }
    }

    // Strikes at depth and bombardment (each side as target of the other).
    // Each side's bombardment capacity is what its air bases had at the start of the month:
    // both are read before either side's strikes land, so the order of the sides is neutral.
    let zs = shocks.strikes;
    let mut leak = [0.0; 2];
    let mut depot_loss = [0.0; 2];
    let bombardment_in: [f64; 2] = std::array::from_fn(|s| {
        let striker = sp[1 - s].strikes;
        strikes::bombardment(striker, w.sides[1 - s].capacity_lost, lognormal(striker.strike_shock, zs[1 - s]))
    });
    for s in 0..2 {
        let o = 1 - s;
        let striker = sp[o].strikes;
        let shock = lognormal(striker.strike_shock, zs[o]);
        let deep = strikes::deep(striker, shock);
        let repair = striker.refinery_repair_per_month;
        let st = &mut w.sides[s];
        st.refinery_damage = strikes::accumulate(st.refinery_damage, deep.refinery, repair);
        st.capacity_lost = strikes::accumulate(st.capacity_lost, deep.airbase, repair);
        depot_loss[s] = deep.depot;
        let intercepted = materiel::interception(&st.stocks, sp[s].materiel);
        leak[s] = bombardment_in[s] * (1.0 - intercepted);
    }

    // Materiel, economy.
    let mut sens = [0.0; 2];
    let mut budgets = [crate::model::economy::Budget::default(); 2];
    for s in 0..2 {
        let sp_s = sp[s];
        let st = &mut w.sides[s];
        let exposure = sp_s.economy.sanctions_exposure;
        materiel::step(
            &mut st.stocks,
            sp_s.materiel,
            &materiel::Flows {
                intensity,
                inflicted: relative[1 - s],
                suffered: relative[s],
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
                inflation_z: shocks.inflation[s],
                key_rate_z: shocks.key_rate[s],
            },
        );
        if b.reserves_exhausted_now {
            notes.push(Note { month, side: s, what: Happening::ReservesExhausted });
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
    let zt = shocks.territory;
    let power = [w.sides[0].front_k * ppp[0], w.sides[1].front_k * ppp[1]];
    let mut g = [0.0; 2];
    for s in 0..2 {
        let tp = sp[s].territory;
        let shock = lognormal(tp.gain_shock, zt[s]);
        g[s] = territory::gain(tp, sp[s].attrition.tempo, power[s], power[1 - s], shock)
            + territory::counter(tp, power[s], power[1 - s], shock);
    }
    // Ground changes hands: a side cannot take more than the opponent holds (the net gain of
    // Russia, side 0, lies in [-held by Russia, held by Ukraine]; Ukraine's is its negative).
    let net0 = (g[0] - g[1]).max(-w.sides[0].held_km2).min(w.sides[1].held_km2);
    for s in 0..2 {
        let net = if s == 0 { net0 } else { -net0 };
        flows[s].gain_km2 = net;
        let st = &mut w.sides[s];
        st.held_km2 = (st.held_km2 + net).max(0.0); // max: rounding only
        st.gained_km2 += net;
    }

    // Morale and commitment.
    for s in 0..2 {
        let st = &mut w.sides[s];
        let aid = recv[s].total_usd_bn();
        let aid0 = st.aid0_usd_bn.unwrap_or(0.0);
        let support_ratio = support::support_ratio(aid, aid0, sp[s].morale.support_expected_usd_bn_per_month);
        let pressures = Pressures {
            casualties_pct_of_front: if st.front_k > 0.0 { 100.0 * cas[s] / st.front_k } else { 0.0 },
            bombing_leak: leak[s],
            bombing_sensitivity: sens[s],
            net_gain_km2: flows[s].gain_km2,
            support_ratio,
            one_off: one_off[s],
        };
        st.morale = morale::step(st.morale, sp[s].morale, &pressures);
        st.commitment = morale::commitment(sp[s].morale, st.econ.strain(sp[s].economy), st.cumulative_casualties_k);
    }

    let _ = budgets;
    MonthOut {
        oil,
        sanctions_effective: e,
        intensity,
        cas,
        aid_usd_bn: [recv[0].total_usd_bn(), recv[1].total_usd_bn()],
        flows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::{Donor, Params, SideParams, World};

    /// Two sides at their defaults, with the flows a month can have switched on: recruits,
    /// returning wounded, non-combat losses, an offensive, noise on fire and recruitment, a
    /// donor.
    fn params() -> Params {
        let mut side = SideParams::default();
        side.attrition.front_k = 500.0;
        side.attrition.lethality_per_day = 0.002;
        side.attrition.intensity_shock = 0.2;
        side.manpower.conscription_k_per_month = 20.0;
        side.manpower.wounded_return_share = 0.5;
        side.manpower.non_combat_loss_pct_per_month = 1.0;
        side.manpower.recruit_shock = 0.1;
        let mut attacker = side.clone();
        attacker.attrition.tempo = 1.0;
        attacker.attrition.tempo_exposure = 0.5;
        let donor = Donor { military_usd_bn_per_month: 2.0, ..Donor::default() };
        Params { sides: [attacker, side], world: World::default(), donors: vec![donor] }
    }

    fn inputs(recipients: &[usize]) -> MonthInputs<'_> {
        MonthInputs {
            step: 0,
            oil_path_usd_bbl: 60.0,
            sanctions_intensity: 0.5,
            arriving_k: [3.0, 0.0],
            spread_k: [0.0, 2.0],
            recipients,
        }
    }

    fn shocks(combat: [f64; 2]) -> MonthShocks {
        MonthShocks {
            oil: 0.3,
            donors: vec![(0.5, 0.5)],
            recruits: [0.2, -0.4],
            combat,
            strikes: [0.0; 2],
            territory: [0.1, -0.1],
            inflation: [0.3, -0.3],
            key_rate: [-0.5, 0.5],
        }
    }

    #[test]
    fn a_month_conserves_personnel() {
        let p = params();
        let recipients = [1];
        let mut w = WarState::new(&p, &recipients);
        let before = [w.sides[0].front_k, w.sides[1].front_k];
        let out = step(&p, &mut w, &inputs(&recipients), &shocks([0.5, -0.5]), &mut Vec::new());
        for s in 0..2 {
            let f = &out.flows[s];
            let expected = f.recruits_k + f.returned_k - out.cas[s] - f.non_combat_k;
            assert!((w.sides[s].front_k - before[s] - expected).abs() < 1e-6 * before[s], "side {s}");
            assert!((f.net_change_k - expected).abs() < 1e-6 * before[s], "side {s}");
            assert!(out.cas[s] > 0.0 && f.recruits_k > 0.0 && f.returned_k > 0.0);
        }
        // The arriving and spread reinforcements are counted as recruits.
        assert!(out.flows[0].recruits_k > 3.0 && out.flows[1].recruits_k > 2.0);
    }

    #[test]
    fn a_month_is_a_function_of_state_parameters_inputs_and_shocks() {
        let p = params();
        let recipients = [1];
        let w0 = WarState::new(&p, &recipients);
        let run = |combat| {
            let mut w = w0.clone();
            let mut notes = Vec::new();
            let out = step(&p, &mut w, &inputs(&recipients), &shocks(combat), &mut notes);
            (out.cas, w.sides[0].front_k, w.sides[1].morale, notes)
        };
        let a = run([0.5, -0.5]);
        assert_eq!(a, run([0.5, -0.5]));
        // A side's fire shock raises the casualties of the side it fires at; its own change
        // only through the opponent thinning out during the month (fewer, not more).
        let b = run([1.5, -0.5]);
        assert!(b.0[1] > 1.2 * a.0[1]);
        assert!(b.0[0] <= a.0[0] && b.0[0] > 0.95 * a.0[0]);
    }

    #[test]
    fn materiel_use_follows_the_joint_fight_or_each_sides_own() {
        // After a first month (the references), a second in which side 0's fire is stronger
        // (side 1 suffers more): the stocks each side has left, against an ordinary month.
        let stocks_after = |phi: f64, combat: [f64; 2]| {
            let mut p = params();
            for side in &mut p.sides {
                side.materiel.use_follows_own_fight = phi;
            }
            let recipients = [1];
            let mut w = WarState::new(&p, &recipients);
            step(&p, &mut w, &inputs(&recipients), &shocks([0.0, 0.0]), &mut Vec::new());
            step(&p, &mut w, &inputs(&recipients), &shocks(combat), &mut Vec::new());
            [w.sides[0].stocks, w.sides[1].stocks]
        };
        let (ordinary, fiercer) = (stocks_after(1.0, [0.0, 0.0]), stocks_after(1.0, [1.0, 0.0]));
        use crate::model::materiel::{AMMO, DRONES, EQUIPMENT};
        // Side 0 inflicts more: it fires more ammunition and drones; side 1 suffers more: it
        // loses more equipment, and fires no more than before (side 0 suffers no more).
        assert!(fiercer[0][AMMO] < ordinary[0][AMMO] && fiercer[0][DRONES] < ordinary[0][DRONES]);
        assert!(fiercer[1][EQUIPMENT] < ordinary[1][EQUIPMENT]);
        assert!(fiercer[1][AMMO] >= ordinary[1][AMMO]);
        // With the joint intensity, side 1 fires more too: both sides' casualties drive use.
        let (ordinary, fiercer) = (stocks_after(0.0, [0.0, 0.0]), stocks_after(0.0, [1.0, 0.0]));
        assert!(fiercer[1][AMMO] < ordinary[1][AMMO]);
    }

    #[test]
    fn happenings_are_reported_with_their_month_and_side() {
        let mut p = params();
        p.sides[1].manpower.age_18_24_share = 0.5;
        p.sides[0].manpower.coercive_mobilisation = 1.0;
        let recipients = [1];
        let mut w = WarState::new(&p, &recipients);
        let mut notes = Vec::new();
        let mut x = inputs(&recipients);
        x.step = 4;
        step(&p, &mut w, &x, &shocks([0.0; 2]), &mut notes);
        assert!(notes.contains(&Note { month: 5, side: 0, what: Happening::CoerciveBegins }));
        assert!(notes.contains(&Note { month: 5, side: 1, what: Happening::AgeBandWidened { share: 0.5 } }));
    }
}
