//! The war model's end conditions and the sides' monthly judgment, read from the state a month
//! leaves.
//!
//! [`end_conditions`] decides whether a side collapsed (front, money, will) or reached its
//! objective; [`Judges::assess`] builds each side's [`Observation`] of the war, runs its
//! [`Judge`] and records what it perceived. The cease-fire rule, which reads both, is the run
//! loop's (`sim`).

// Loops run over the two sides by index: `s` and `1 - s` are the natural names here.
#![allow(clippy::needless_range_loop)]

use super::beliefs::Observation;
use super::outcome::{LogEntry, Outcome};
use super::{Judge, N_COMPONENTS};
use crate::model::materiel::{AMMO, DRONES, EQUIPMENT, Stocks};
use crate::model::war::{MonthOut, Perceived, WarState};
use crate::params::{Materiel, Params};

/// Names of the judgment's components, in the order of its driver shares.
pub const DRIVER_NAMES: [&str; N_COMPONENTS] = ["manpower", "materiel", "economy", "support", "morale", "territory"];

fn push(log: &mut Vec<LogEntry>, month: usize, side: usize, event: &'static str, detail: String) {
    log.push(LogEntry { month: month as u16, side: Some(side as u8), event, detail });
}

/// Materiel index used in the judgment: stock months over the shortage threshold, weighted,
/// capped at 3.
pub fn materiel_index(s: &Stocks, m: &Materiel) -> f64 {
    let th = m.shortage_threshold_months;
    let ws = [m.ammo_weight, m.drones_weight, m.equipment_weight];
    let xs = [s[AMMO], s[DRONES], s[EQUIPMENT]];
    let wsum: f64 = ws.iter().sum();
    if wsum <= 0.0 {
        return 1.0;
    }
    ws.iter().zip(xs).map(|(w, x)| w * (x / th).min(3.0)).sum::<f64>() / wsum
}

/// Collapse (front below its floor, money gone, will broken) or an objective reached, after
/// month `month`; logs each. A collapse comes first. When both sides collapse (or both reach
/// their objectives) in the same month, the outcome is the side further past its threshold
/// (relative depth), and on an exact tie the side whose name sorts first: never the side that
/// happens to be declared first.
pub fn end_conditions(
    w: &WarState,
    p: &Params,
    names: [&str; 2],
    labels: [&str; 2],
    month: usize,
    log: &mut Vec<LogEntry>,
) -> Option<Outcome> {
    let mut depth: [Option<f64>; 2] = [None; 2];
    for s in 0..2 {
        let st = &w.sides[s];
        let sp = p.side(s);
        let why = if st.front_k < sp.manpower.collapse_front_share * st.front0_k {
            Some("the front broke: too few troops left")
        } else if st.econ.collapsed(sp.economy) {
            Some("the money ran out: reserves gone and inflation out of control")
        } else if st.morale < sp.morale.collapse_below {
            Some("the will to fight collapsed")
        } else {
            None
        };
        if let Some(why) = why {
            push(log, month, s, "collapse", why.into());
            let front = 1.0 - st.front_k / (sp.manpower.collapse_front_share * st.front0_k).max(1e-9);
            let will = 1.0 - st.morale / sp.morale.collapse_below.max(1e-9);
            let money = if st.econ.collapsed(sp.economy) {
                st.econ.inflation_pct / sp.economy.collapse_inflation_pct.max(1e-9) - 1.0
            } else {
                f64::NEG_INFINITY
            };
            depth[s] = Some(front.max(will).max(money));
        }
    }
    if let Some(s) = deeper(depth, names) {
        return Some(Outcome::Collapse(s));
    }
    // A side reaches its objective when its net gain does, or when it holds all the contested
    // ground: an opponent that held ground at the start holds none (whatever the objective).
    let mut progress: [Option<f64>; 2] = [None; 2];
    let mut all_taken = [false; 2];
    for s in 0..2 {
        let obj = p.side(s).territory.objective_km2;
        all_taken[s] = p.side(1 - s).territory.held_km2 > 0.0 && w.sides[1 - s].held_km2 <= 0.0;
        if obj > 0.0 && w.sides[s].gained_km2 >= obj {
            progress[s] = Some(w.sides[s].gained_km2 / obj);
        } else if all_taken[s] {
            progress[s] = Some(1.0);
        }
    }
    let s = deeper(progress, names)?;
    let what = if all_taken[s] { "holds all the contested ground" } else { "took the ground it wanted" };
    push(log, month, s, "objective_reached", format!("{} {what}", labels[s]));
    Some(Outcome::Objective(s))
}

/// The side with the larger score (present only for sides that met a condition); an exact tie
/// goes to the name that sorts first.
fn deeper(score: [Option<f64>; 2], names: [&str; 2]) -> Option<usize> {
    match score {
        [Some(a), Some(b)] => Some(match a.total_cmp(&b) {
            std::cmp::Ordering::Greater => 0,
            std::cmp::Ordering::Less => 1,
            std::cmp::Ordering::Equal => usize::from(names[1] < names[0]),
        }),
        [Some(_), None] => Some(0),
        [None, Some(_)] => Some(1),
        [None, None] => None,
    }
}

/// Both sides' judging state over a run.
#[derive(Debug, Clone, Default)]
pub struct Judges {
    /// One judge per side.
    pub sides: [Judge; 2],
}

/// What the month's judgment produced.
#[derive(Debug, Clone, Copy)]
pub struct Verdicts {
    /// What each side perceived, for the record.
    pub perceived: [Perceived; 2],
    /// Whether either side would cut its losses this month.
    pub cut_any: bool,
    /// Whether each side would cut its losses this month.
    pub would_cut: [bool; 2],
    /// For a side that tipped this month: what moved its perceived trend (shares, sum 1).
    pub drivers: [Option<[f64; N_COMPONENTS]>; 2],
}

impl Judges {
    /// Each side judges month `month` from the state `w` left by the step and its output
    /// `out`, with its standard-normal perception noise; tipping, cutting losses and a halved
    /// bias are logged.
    #[allow(clippy::too_many_arguments)]
    pub fn assess(
        &mut self,
        w: &WarState,
        p: &Params,
        out: &MonthOut,
        noise: &[[f64; N_COMPONENTS]; 2],
        labels: [&str; 2],
        month: usize,
        log: &mut Vec<LogEntry>,
    ) -> Verdicts {
        let sp = [p.side(0), p.side(1)];
        let e = out.sanctions_effective;
        let strain = [w.sides[0].econ.strain(sp[0].economy), w.sides[1].econ.strain(sp[1].economy)];
        // Each side's money runway parts, read by itself and (reserve and printing months) by its
        // opponent; the borrowing months only by itself.
        let reserve_months = [w.sides[0].econ.reserve_months(), w.sides[1].econ.reserve_months()];
        let printing_months =
            [w.sides[0].econ.printing_months(sp[0].economy), w.sides[1].econ.printing_months(sp[1].economy)];
        let debt_months = [w.sides[0].econ.debt_months(sp[0].economy), w.sides[1].econ.debt_months(sp[1].economy)];
        let support_ratio: [f64; 2] = std::array::from_fn(|s| {
            let a0 = w.sides[s].aid0_usd_bn.unwrap_or(0.0);
            crate::model::support::support_ratio(out.aid_usd_bn[s], a0, sp[s].morale.support_expected_usd_bn_per_month)
        });
        let mut v =
            Verdicts { perceived: [Perceived::START; 2], cut_any: false, would_cut: [false; 2], drivers: [None; 2] };
        for s in 0..2 {
            let o = 1 - s;
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
                opp_reserve_months: reserve_months[o],
                opp_printing_months: printing_months[o],
                own_reserve_months: reserve_months[s],
                own_printing_months: printing_months[s],
                own_debt_months: debt_months[s],
                own_net_gain_km2: out.flows[s].gain_km2,
                remaining_objective_km2: (obj - w.sides[s].gained_km2).max(0.0),
                has_objective: obj > 0.0,
                opp_remaining_objective_km2: (sp[o].territory.objective_km2 - w.sides[o].gained_km2).max(0.0),
                opp_has_objective: sp[o].territory.objective_km2 > 0.0,
                intensity: out.intensity,
                commitment: w.sides[s].commitment,
                relief,
            };
            let jp = sp[s].judgment;
            let judge = &mut self.sides[s];
            let a = judge.assess(jp, &x, &noise[s], month as u16);
            if a.tipped_now {
                let top = (0..N_COMPONENTS).max_by(|&i, &j| a.drivers[i].total_cmp(&a.drivers[j])).unwrap_or(0);
                v.drivers[s] = Some(a.drivers);
                push(
                    log,
                    month,
                    s,
                    "time_not_on_side",
                    format!("{} judges that time is not on its side (mostly {})", labels[s], DRIVER_NAMES[top]),
                );
            }
            if a.cut_now {
                push(log, month, s, "would_cut_losses", format!("{} would cut its losses", labels[s]));
            }
            v.cut_any |= a.would_cut;
            v.would_cut[s] = a.would_cut;
            if !judge.halved_logged
                && judge.biases.factor < 0.5
                && (jp.self_optimism > 0.0 || jp.opponent_underestimate > 0.0)
            {
                judge.halved_logged = true;
                push(log, month, s, "bias_halved", "half of the initial misperception has been learnt away".into());
            }
            v.perceived[s] = Perceived {
                position: a.position,
                trend: a.trend,
                objective_months: a.objective_months,
                tipped: judge.time_not_on_side.is_some(),
                bias_factor: judge.biases.factor,
                unrealistic: a.unrealistic,
                trend_negative: a.trend < 0.0,
                worsening_and_unrealistic: a.worsening_and_unrealistic,
                limit_months: a.limit_months,
                evidence_share: if jp.evidence_threshold > 0.0 { a.evidence / jp.evidence_threshold } else { 0.0 },
            };
        }
        v
    }
}
