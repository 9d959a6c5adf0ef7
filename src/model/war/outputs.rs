//! What the war model records: its world and side variables, and their column indices.
//!
//! The side variables are listed once, in the `side_vars!` invocation below; the list of specs
//! ([`WAR_SIDE`]) and the column indices ([`col`]) are both generated from it, so an index can
//! never point at another variable.

use crate::model::outputs::{Columns, Kind, VarSpec};

const fn v(name: &'static str, unit: &'static str, kind: Kind, doc: &'static str) -> VarSpec {
    VarSpec { name, unit, kind, doc }
}

/// Declare the side variables once: generates [`WAR_SIDE`] and the [`col`] indices.
macro_rules! side_vars {
    ($( $col:ident => $name:literal, $unit:literal, $kind:expr, $doc:literal; )*) => {
        /// Positions of the side variables, in declaration order.
        #[allow(clippy::upper_case_acronyms, non_camel_case_types, dead_code)]
        #[derive(Clone, Copy)]
        #[repr(usize)]
        enum Index { $($col,)* COUNT }

        /// Side variables of the war model (in column order).
        pub const WAR_SIDE: &[VarSpec] = &[ $( v($name, $unit, $kind, $doc), )* ];

        /// Index of each side variable in [`WAR_SIDE`] (generated from the same list).
        pub mod col {
            $(
                #[doc = concat!("Column of `", $name, "`.")]
                pub const $col: usize = super::Index::$col as usize;
            )*
            /// Number of side variables.
            pub const COUNT: usize = super::Index::COUNT as usize;
        }
    };
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

side_vars! {
    FRONT => "front_k", "thousand persons", Kind::Stock, "Personnel at the front at the end of the month.";
    POOL => "pool_k",
        "thousand persons",
        Kind::Stock,
        "Recruitable pool left (the willing for a bounty system, the eligible for conscription).";
    CASUALTIES => "casualties_k_per_month",
        "thousand persons per month",
        Kind::Flow,
        "Killed, wounded, missing and captured during the month.";
    RECRUITS => "recruits_k_per_month",
        "thousand persons per month",
        Kind::Flow,
        "New personnel from all channels (bounty, conscription, coercive mobilisation, foreign troops, scheduled reinforcements).";
    NET_CHANGE => "net_force_change_k_per_month",
        "thousand persons per month",
        Kind::Flow,
        "Change of front strength over the month.";
    POWER => "combat_power_index",
        "index, 1 = start",
        Kind::Stock,
        "Front strength × quality × materiel effect × morale effect, relative to the start.";
    MORALE => "morale_index", "index 0-1", Kind::Stock, "Public resilience.";
    COMMITMENT => "commitment_index", "index", Kind::Stock, "Regime commitment (legacy, nationalist bloc, elite worries).";
    GDP => "gdp_index", "index, 1 = start", Kind::Stock, "Real output relative to the start.";
    INFLATION => "inflation_pct", "% per year", Kind::Stock, "Consumer price inflation.";
    KEY_RATE => "key_rate_pct", "% per year", Kind::Stock, "Policy interest rate.";
    RESERVES => "reserves_usd_bn", "USD bn", Kind::Stock, "Liquid reserves left.";
    WAR_DEBT => "war_debt_pct_gdp", "% of GDP", Kind::Stock, "War debt: deficits borrowed at home or printed since the start, less surpluses repaid, per cent of a year's GDP; it bears interest at the key rates it was borrowed at.";
    DEFICIT => "deficit_usd_bn_per_month", "USD bn per month", Kind::Flow, "Budget deficit (negative = surplus).";
    ENERGY => "energy_revenue_usd_bn_per_month", "USD bn per month", Kind::Flow, "Energy export revenue to the budget.";
    MILSPEND => "military_spending_pct_gdp",
        "% of GDP",
        Kind::Stock,
        "Military spending including pay, bounties and compensation.";
    PAYMENTS => "soldier_payments_local_trn_per_year",
        "trillion local currency per year",
        Kind::Flow,
        "Bounties, pay and compensation, annualised (RUB for Russia).";
    LABOUR_GAP => "labour_gap_pct", "% of labour force", Kind::Stock, "Labour shortage.";
    AMMO => "ammo_stock_index", "index, 1 = start", Kind::Stock, "Artillery ammunition stock.";
    DRONES => "drones_stock_index", "index, 1 = start", Kind::Stock, "Drone stock.";
    AIR_DEFENSE => "air_defense_stock_index", "index, 1 = start", Kind::Stock, "Air-defence interceptor stock.";
    EQUIPMENT => "equipment_stock_index", "index, 1 = start", Kind::Stock, "Heavy equipment for manoeuvre.";
    MATERIEL => "materiel_factor", "share 0-1", Kind::Stock, "Combat-power factor of materiel shortages (1 = none).";
    AID => "aid_usd_bn_per_month", "USD bn per month", Kind::Flow, "External money and military aid received.";
    LEAK => "bombardment_leak_index", "index", Kind::Flow, "Bombardment received that got past air defence.";
    GAIN => "territory_gain_km2_per_month", "km2 per month", Kind::Flow, "Net ground gained (negative = lost).";
    HELD => "territory_held_km2", "km2", Kind::Stock, "Territory held.";
    PROGRESS => "objective_progress_share",
        "share 0-1",
        Kind::Stock,
        "Cumulative net gain over the territorial objective (0 without one).";
    CAS_PER_KM2 => "casualties_per_km2_gained",
        "persons per km2",
        Kind::Stock,
        "Cumulative casualties over cumulative net gain since the start (0 while nothing gained).";
    BOUNTY => "bounty_rub_k", "thousand local currency (RUB)", Kind::Stock, "Sign-up bounty (sides with a bounty system).";
    MARGINAL => "marginal_recruit_cost_rub_k",
        "thousand local currency (RUB)",
        Kind::Stock,
        "Bounty outlay for one more recruit, B·(1 + 1/ε) (sides with a bounty system).";
    POSITION => "perceived_position", "position points", Kind::Stock, "The side's perceived position (weighted components).";
    TREND => "perceived_trend", "points per month", Kind::Stock, "Slope of the perceived position over the trend window: the sum of the components' least-squares slopes, measured on the unbiased (noisy) reading, falling ones counted (1 - o) times and rising ones (1 + o) times (motivated reasoning).";
    OBJ_MONTHS => "objective_months",
        "months",
        Kind::Stock,
        "Months the side expects to need for its objective (600 = out of reach).";
    TIPPED => "time_not_on_side", "share 0-1", Kind::Stock, "1 once the side has judged that time is not on its side.";
    BIAS => "bias_factor", "share 0-1", Kind::Stock, "Share of the initial perception biases left after learning.";
    RETURNED => "returned_wounded_k_per_month",
        "thousand persons per month",
        Kind::Flow,
        "Wounded who returned to the front during the month.";
    NON_COMBAT => "non_combat_losses_k_per_month",
        "thousand persons per month",
        Kind::Flow,
        "Desertion, discharge and illness during the month.";
    MIL_AID => "military_aid_usd_bn_per_month",
        "USD bn per month",
        Kind::Flow,
        "External military aid received (part of aid_usd_bn_per_month).";
    GAINED => "territory_gained_km2",
        "km2",
        Kind::Stock,
        "Net ground gained since the start (negative = lost); the territorial objective is measured against it.";
    UNREALISTIC => "objective_unrealistic",
        "share 0-1",
        Kind::Flow,
        "1 in a month in which the side judged its objective unrealistic (the first half of the rule); 0 after the run ended.";
    TREND_NEGATIVE => "trend_negative",
        "share 0-1",
        Kind::Flow,
        "1 in a month in which the side's perceived trend was negative (the second half of the rule); 0 after the run ended.";
    BOTH_HALVES => "unrealistic_and_worsening",
        "share 0-1",
        Kind::Flow,
        "1 in a month in which the objective looked unrealistic and the trend was negative (before the evidence score is weighed); 0 after the run ended.";
    LIMIT_MONTHS => "objective_limit_months",
        "months",
        Kind::Stock,
        "The longest the side can give its objective: the least of its patience times its commitment, the months until the opponent reaches its own objective at the rate this side loses ground, and its own money runway (600 = no limit). The objective is judged unrealistic when objective_months exceeds it.";
    EVIDENCE => "evidence_share",
        "share of threshold",
        Kind::Stock,
        "Evidence of a worsening trend accumulated (CUSUM score) over the side's evidence_threshold: at 1 or more, with the objective unrealistic, time is not on its side.";
}

/// Side variables that exist only for a side that recruits by bounty (omitted for the others
/// in `timeseries.csv`).
pub const BOUNTY_VARS: [&str; 2] = ["bounty_rub_k", "marginal_recruit_cost_rub_k"];

/// Column layout of the war model.
pub fn columns() -> Columns {
    Columns { world: WAR_WORLD, side: WAR_SIDE }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_index_names_its_variable() {
        assert_eq!(WAR_SIDE.len(), col::COUNT);
        let names = [
            (col::FRONT, "front_k"),
            (col::POOL, "pool_k"),
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
        let mut seen = std::collections::HashSet::new();
        assert!(WAR_SIDE.iter().all(|v| seen.insert(v.name)), "a variable is declared twice");
    }
}
