//! Every scalar parameter of the model, declared once per group with unit, default, valid range
//! and source.
//!
//! Each `param_group!` below generates the typed struct the model reads, its scenario-file
//! mirror and the [`ParamSpec`](super::ParamSpec) table behind validation, `--set` paths and
//! the parameter tables in `docs/MODEL.md`. Defaults are deliberately
//! neutral (a side with only defaults has no bounty system, no economy to speak of, no
//! objective); the shipped baseline sets the side-specific values, each with its source in a
//! comment. Sampling and the run loop live in `sim`; the equations in the model's mechanism
//! modules.

use crate::param_group;

param_group! {
    /// Mechanism 1: the generalised Lanchester law and combat power.
    pub struct Attrition / AttritionFile {
        /// Personnel at the front at the start.
        front_k: "thousand persons", 100.0, [0.0, 100000.0], "assumption: scenario sets it";
        /// Casualties this side inflicts per day per unit of the opponent's exposure and of its own combat power raised to the fire exponent (Lanchester coefficient).
        lethality_per_day: "per day (units set by the exponents)", 0.001, [0.0, 100.0], "assumption: calibrated per scenario";
        /// Exponent on this side's combat power when it inflicts losses (1 in both classic laws).
        fire_exponent: "dimensionless", 1.0, [0.0, 3.0], "Lanchester (1916); Helmbold (1965)";
        /// Exponent on this side's own strength when it suffers losses (0 square law, 1 linear law).
        exposure_exponent: "dimensionless", 0.0, [0.0, 3.0], "Lanchester (1916); Helmbold (1965)";
        /// Combat power per person (training, ISR, drone integration), before materiel and morale effects.
        quality: "index, 1 = reference", 1.0, [0.01, 100.0], "assumption";
        /// Offensive tempo (0 holds the line; 1 the sustained offensive of mid-2025).
        tempo: "index", 0.0, [0.0, 5.0], "assumption";
        /// How much this side's tempo multiplies its own casualties: factor (1 + tempo_exposure x tempo).
        tempo_exposure: "per unit tempo", 0.0, [0.0, 20.0], "essay: 'Moscow accepts heavy casualties for small gains'";
        /// How much this side's tempo multiplies the casualties it inflicts: factor (1 + tempo_pressure x tempo).
        tempo_pressure: "per unit tempo", 0.0, [0.0, 20.0], "assumption";
        /// Per-step shock: standard deviation of the lognormal multiplier on casualties this side inflicts.
        intensity_shock: "log-sd per step", 0.0, [0.0, 2.0], "assumption";
        /// Classic battles only (ignored by the war model): share of the largest strength this side has had (its start included) below which it counts as effectively destroyed and the battle ends; 0: only when nobody is left.
        destroyed_below_share: "share 0-1", 0.0, [0.0, 0.99], "assumption: scenario sets it";
    }
}

param_group! {
    /// Mechanism 2: manpower, recruitment by bounty, conscription and coercive mobilisation.
    pub struct Manpower / ManpowerFile {
        /// Share of casualties who are wounded (the rest killed, missing or captured).
        wounded_share: "share 0-1", 0.7, [0.0, 1.0], "assumption: typical 2.5-3 wounded per killed";
        /// Share of the wounded who return to the front.
        wounded_return_share: "share 0-1", 0.0, [0.0, 1.0], "assumption";
        /// Mean delay before a wounded soldier returns (first-order delay).
        wounded_return_months: "months", 3.0, [0.1, 36.0], "assumption";
        /// Losses outside combat (desertion, discharge, illness) as a share of the front per month.
        non_combat_loss_pct_per_month: "% of front per month", 0.0, [0.0, 20.0], "assumption";
        /// Recruitable pool at the start: the willing for a bounty system, the eligible for conscription.
        pool_k: "thousand persons", 1000.0, [0.0, 100000.0], "assumption";
        /// How recruitment falls as the pool is mined out: recruits scale with (pool / initial pool)^exponent.
        pool_depletion_exponent: "dimensionless", 1.0, [0.0, 10.0], "assumption: 'an extractive industry'";
        /// Bounty channel: recruits per month at the initial bounty with the pool untouched (0 = no bounty system).
        bounty_recruits_k_per_month: "thousand persons per month", 0.0, [0.0, 1000.0], "docs/data/manpower_flows.csv";
        /// Bounty channel: total one-time sign-up payment at the start (federal plus regional), local currency.
        bounty_start_k: "thousand local currency units", 0.0, [0.0, 1.0e7], "docs/data/calibration_figures.csv";
        /// Bounty channel: elasticity of recruits to pay relative to civilian wages.
        bounty_elasticity: "dimensionless", 1.5, [0.05, 20.0], "assumption";
        /// Bounty channel: months of pay a bounty is spread over when compared with wages (contract length).
        bounty_amortisation_months: "months", 12.0, [1.0, 120.0], "assumption: one-year contracts";
        /// Bounty channel: how fast the state raises the bounty, per month, per unit relative shortfall of recruits against its target.
        bounty_adjust_per_month: "per month", 0.0, [0.0, 2.0], "assumption: 'ever-increasing payments'";
        /// Bounty channel: the most the state will pay in sign-up bounties a month (bounty × recruits bought); the bounty is held at the level last month's recruits would cost within it (0 = no limit).
        bounty_budget_usd_bn_per_month: "USD bn per month", 0.0, [0.0, 100.0], "assumption: 'how much more manpower the state can buy and at what price'";
        /// Bounty channel: recruitment target as a multiple of the month's permanent losses.
        recruit_target_ratio: "ratio", 1.0, [0.0, 5.0], "assumption";
        /// Monthly pay of a soldier at the front, local currency.
        soldier_pay_k_per_month: "thousand local currency units per month", 0.0, [0.0, 1.0e6], "docs/data/calibration_figures.csv";
        /// Civilian monthly wage at the start (rises with inflation and labour shortage), local currency.
        civilian_wage_k_per_month: "thousand local currency units per month", 1.0, [0.001, 1.0e6], "assumption";
        /// Compensation paid for one soldier killed, local currency.
        killed_compensation_k: "thousand local currency units", 0.0, [0.0, 1.0e7], "assumption";
        /// Compensation paid for one soldier wounded, local currency.
        wounded_compensation_k: "thousand local currency units", 0.0, [0.0, 1.0e7], "assumption";
        /// Conscription channel: persons mobilised per month at full political will (0 = none).
        conscription_k_per_month: "thousand persons per month", 0.0, [0.0, 1000.0], "essay: 'mobilising 27,000 a month'";
        /// Conscription channel: political will to enforce mobilisation (multiplies the rate).
        political_will: "index", 1.0, [0.0, 3.0], "assumption";
        /// Lever: share of the 18-24 age band made liable to conscription (0 = exempt, 1 = fully).
        age_18_24_share: "share 0-1", 0.0, [0.0, 1.0], "essay: resistance to conscripting 18-24 year-olds";
        /// Men aged 18-24 added to the pool when the band is fully liable.
        age_18_24_pool_k: "thousand persons", 0.0, [0.0, 100000.0], "assumption";
        /// Extra conscripts per month when the band is fully liable.
        age_18_24_rate_k_per_month: "thousand persons per month", 0.0, [0.0, 1000.0], "assumption";
        /// Lasting morale cost of making the band liable (scaled by the share).
        age_18_24_morale_cost: "morale points", 0.0, [0.0, 1.0], "assumption";
        /// Lever: coercive mobilisation switched on from the start (1) or not (0); a `set` event can switch it on later.
        coercive_mobilisation: "0 or 1", 0.0, [0.0, 1.0], "assumption";
        /// Rule: switch to coercive mobilisation after this many consecutive months of bought recruits below losses (0 = never by rule).
        coercive_trigger_months: "months", 0.0, [0.0, 600.0], "assumption";
        /// Coercive mobilisation: recruits per month in the surge.
        coercive_surge_k_per_month: "thousand persons per month", 0.0, [0.0, 2000.0], "assumption: 2022 partial mobilisation, about 300k in two months";
        /// Coercive mobilisation: length of the surge.
        coercive_surge_months: "months", 3.0, [0.0, 120.0], "assumption";
        /// Coercive mobilisation: recruits per month after the surge.
        coercive_sustain_k_per_month: "thousand persons per month", 0.0, [0.0, 2000.0], "assumption";
        /// Coercive mobilisation: one-off morale cost.
        coercive_morale_cost: "morale points", 0.0, [0.0, 1.0], "assumption";
        /// Collapse by manpower: the front breaks when it falls below this share of its starting strength.
        collapse_front_share: "share 0-1", 0.3, [0.0, 1.0], "assumption";
        /// Per-step shock: log-sd of the monthly recruitment flows (bounty and conscription).
        recruit_shock: "log-sd per step", 0.0, [0.0, 2.0], "docs/data/manpower_flows.csv (month-to-month spread)";
        /// Share of a bought recruit taken from the civilian labour force (bounty recruits are often outside it).
        bounty_labour_share: "share 0-1", 0.5, [0.0, 1.0], "essay: recruits come from poorer regions";
    }
}

param_group! {
    /// Mechanism 3: materiel stocks, measured in months of normal use (normal use = the use at the start's intensity).
    pub struct Materiel / MaterielFile {
        /// Artillery ammunition stock at the start.
        ammo_start_months: "months of normal use", 3.0, [0.0, 120.0], "assumption";
        /// Domestic ammunition production, as a share of normal monthly use.
        ammo_production: "months of use per month", 1.0, [0.0, 10.0], "assumption";
        /// Cost of one month of normal ammunition use, for converting military aid.
        ammo_cost_usd_bn: "USD bn per month of use", 1.0, [0.01, 100.0], "assumption";
        /// Share of military aid received that buys ammunition.
        ammo_aid_share: "share 0-1", 0.35, [0.0, 1.0], "assumption";
        /// Weight of an ammunition shortage in combat power.
        ammo_weight: "share 0-1", 0.3, [0.0, 1.0], "assumption";
        /// Drone stock at the start (expendable, mass-produced).
        drones_start_months: "months of normal use", 1.0, [0.0, 120.0], "assumption";
        /// Domestic drone production, as a share of normal monthly use.
        drones_production: "months of use per month", 1.0, [0.0, 10.0], "essay: drones mass-produced on both sides";
        /// Cost of one month of normal drone use.
        drones_cost_usd_bn: "USD bn per month of use", 0.5, [0.01, 100.0], "assumption";
        /// Share of military aid received that buys drones.
        drones_aid_share: "share 0-1", 0.15, [0.0, 1.0], "assumption";
        /// Weight of a drone shortage in combat power.
        drones_weight: "share 0-1", 0.25, [0.0, 1.0], "assumption";
        /// Air-defence interceptor stock at the start (normal use = interceptors spent against the start's bombardment).
        air_defense_start_months: "months of normal use", 3.0, [0.0, 120.0], "assumption";
        /// Domestic interceptor production, as a share of normal monthly use.
        air_defense_production: "months of use per month", 1.0, [0.0, 10.0], "assumption";
        /// Cost of one month of normal interceptor use.
        air_defense_cost_usd_bn: "USD bn per month of use", 1.0, [0.01, 100.0], "assumption";
        /// Share of military aid received that buys interceptors.
        air_defense_aid_share: "share 0-1", 0.25, [0.0, 1.0], "assumption";
        /// Share of incoming bombardment intercepted with a full stock.
        interception_max: "share 0-1", 0.8, [0.0, 1.0], "assumption";
        /// Heavy equipment for manoeuvre at the start.
        equipment_start_months: "months of normal use", 6.0, [0.0, 240.0], "assumption";
        /// Domestic heavy-equipment production, as a share of normal monthly use.
        equipment_production: "months of use per month", 1.0, [0.0, 10.0], "assumption";
        /// Cost of one month of normal heavy-equipment use.
        equipment_cost_usd_bn: "USD bn per month of use", 1.0, [0.01, 100.0], "assumption";
        /// Share of military aid received that buys heavy equipment.
        equipment_aid_share: "share 0-1", 0.25, [0.0, 1.0], "assumption";
        /// Weight of an equipment shortage in combat power.
        equipment_weight: "share 0-1", 0.15, [0.0, 1.0], "assumption";
        /// Stock (in months of use) below which a shortage starts to bite.
        shortage_threshold_months: "months of normal use", 1.5, [0.01, 24.0], "assumption";
        /// Capability that military aid buys beyond refilling stocks (ISR, long-range fires, counter-battery, training): quality points gained at saturation; diminishing returns, see `aid_quality_half_usd_bn`.
        aid_quality_max: "quality points", 0.0, [0.0, 5.0], "assumption: docs/MODEL.md (aid beyond shortages)";
        /// Military aid per month that buys half of `aid_quality_max`.
        aid_quality_half_usd_bn: "USD bn per month", 1.0, [0.01, 1000.0], "assumption: docs/MODEL.md (aid beyond shortages)";
        /// How use is counted: 0 = ammunition, drones and equipment all follow the joint intensity (both sides' casualties relative to the first month); 1 = ammunition and drones follow the casualties the side inflicts, equipment the casualties it suffers (each relative to its first month); between, a blend. A modelling choice the answers hinge on (docs/MODEL.md, Levers).
        use_follows_own_fight: "share 0-1", 0.0, [0.0, 1.0], "assumption: docs/MODEL.md (materiel: how combat use is counted)";
    }
}

param_group! {
    /// Mechanism 4: economy and overheating (monthly accounting in USD bn).
    pub struct Economy / EconomyFile {
        /// Gross domestic product at the start, per year.
        gdp_usd_bn_per_year: "USD bn per year", 100.0, [0.1, 1.0e6], "assumption";
        /// Growth of potential output without war effects.
        potential_growth_pct: "% per year", 1.5, [-20.0, 20.0], "assumption";
        /// Extra growth from the war boom at the start; fades exponentially.
        war_boom_pct: "% per year", 0.0, [0.0, 20.0], "docs/data/calibration_figures.csv (GDP growth 4.4% in 2024-Q2)";
        /// Time constant of the fading war boom.
        boom_fade_months: "months", 12.0, [0.1, 240.0], "assumption";
        /// Growth lost per point of policy rate above its neutral level.
        rate_drag_pct_per_point: "% per year per point", 0.0, [0.0, 5.0], "assumption";
        /// Growth lost per unit of effective sanctions (for a sanctioned side).
        sanctions_growth_drag_pct: "% per year per unit", 0.0, [0.0, 20.0], "assumption";
        /// Growth lost per point of labour shortage.
        labour_drag_pct_per_point: "% per year per point", 0.0, [0.0, 10.0], "assumption";
        /// Inflation at the start.
        inflation_start_pct: "% per year", 3.0, [-10.0, 500.0], "docs/data/calibration_figures.csv";
        /// The central bank's inflation target.
        inflation_target_pct: "% per year", 3.0, [-5.0, 50.0], "assumption";
        /// Speed at which inflation moves toward its pressure level each month.
        inflation_speed: "share per month", 0.1, [0.0, 1.0], "assumption";
        /// Inflation pressure per point of labour shortage.
        inflation_per_labour_point: "points per point", 0.0, [0.0, 20.0], "assumption";
        /// Inflation pressure per point of GDP of deficit not financed from reserves.
        inflation_per_deficit_point: "points per % of GDP", 0.0, [0.0, 20.0], "assumption";
        /// Inflation relief per point of policy rate above neutral.
        inflation_per_rate_point: "points per point", 0.0, [0.0, 0.3], "assumption (bounded so that the rate-inflation loop is stable: speed × (1 + response × this) < 2)";
        /// Inflation pressure once reserves are exhausted and the deficit is printed.
        inflation_when_printing_pct: "points", 0.0, [0.0, 200.0], "assumption";
        /// Policy rate at the start.
        key_rate_start_pct: "% per year", 3.0, [0.0, 500.0], "docs/data/russia_key_rate.csv";
        /// Neutral nominal policy rate.
        neutral_rate_pct: "% per year", 5.0, [0.0, 100.0], "assumption";
        /// Taylor-rule response of the rate to inflation above target.
        taylor_response: "points per point", 1.5, [0.0, 3.0], "Taylor (1993), assumption";
        /// Share of the gap to the Taylor rate closed each month.
        rate_smoothing: "share per month", 0.2, [0.0, 1.0], "assumption";
        /// Per-step shock: standard deviation of the central bank's monthly departure from its rule, added to the policy rate (it then decays at 1 − rate_smoothing a month).
        key_rate_shock_pp: "points per month (sd)", 0.0, [0.0, 10.0], "docs/data/russia_key_rate.csv (monthly changes Dec 2023 - Jun 2025: sd 0.75 points)";
        /// Per-step shock: standard deviation of the monthly surprise in annual inflation (food, exchange rate, administered prices), added to inflation.
        inflation_shock_pp: "points per month (sd)", 0.0, [0.0, 20.0], "assumption";
        /// Non-energy government revenue as a share of GDP.
        revenue_share_gdp: "share 0-1", 0.3, [0.0, 1.0], "assumption";
        /// Civilian government spending as a share of GDP.
        civil_spending_share_gdp: "share 0-1", 0.3, [0.0, 1.0], "assumption";
        /// Military spending other than pay, bounties and compensation, as a share of GDP.
        military_other_share_gdp: "share 0-1", 0.02, [0.0, 1.0], "docs/data/calibration_figures.csv";
        /// Energy export revenue to the budget per month at the reference realised oil price.
        energy_revenue_usd_bn_per_month: "USD bn per month", 0.0, [0.0, 1000.0], "assumption";
        /// Realised oil price at which energy revenue equals its reference value.
        reference_oil_usd_bbl: "USD per barrel", 60.0, [1.0, 500.0], "assumption";
        /// Exposure to the coalition's sanctions (1 = the sanctioned side).
        sanctions_exposure: "share 0-1", 0.0, [0.0, 1.0], "assumption";
        /// Liquid reserves at the start that deficits drain.
        reserves_usd_bn: "USD bn", 0.0, [0.0, 1.0e6], "docs/data/calibration_figures.csv";
        /// Share of a deficit financed from reserves while they last (the rest is borrowed at home).
        deficit_reserve_share: "share 0-1", 0.5, [0.0, 1.0], "assumption";
        /// Labour force at the start.
        labour_force_k: "thousand persons", 10000.0, [1.0, 1.0e6], "assumption";
        /// Labour shortage at the start.
        labour_gap_start_pct: "% of labour force", 0.0, [0.0, 50.0], "assumption";
        /// Share of the labour shortage that closes each month (migration, reallocation).
        labour_relax_per_month: "share per month", 0.02, [0.0, 1.0], "assumption";
        /// Local currency units per US dollar (for pay, bounties and compensation).
        fx_per_usd: "local currency per USD", 1.0, [0.0001, 1.0e6], "assumption";
        /// Growth gained per 10% of realised oil price above the reference (lost below it): terms of trade.
        oil_growth_pct_per_10pct: "% per year per 10%", 0.0, [0.0, 10.0], "assumption: oil and gas ~15-20% of Russian GDP";
        /// Inflation pressure per 10% of realised oil price below the reference (a weaker currency).
        oil_inflation_per_10pct: "points per 10%", 0.0, [0.0, 20.0], "assumption: exchange-rate pass-through";
        /// GDP lost per month per unit of bombardment that gets through, before adaptation.
        bombing_gdp_damage_pct: "% of GDP per unit", 0.0, [0.0, 20.0], "assumption";
        /// Collapse by money: inflation above this once reserves are exhausted.
        collapse_inflation_pct: "% per year", 100.0, [0.0, 10000.0], "assumption";
        /// Months of deficit the reserves could finance at which the money part of strain is half its maximum (0.5 · H / (H + months)).
        reserve_comfort_months: "months", 12.0, [0.1, 600.0], "assumption: docs/MODEL.md (strain)";
        /// War debt (deficits borrowed or printed since the start, % of a year's GDP) that weighs as much in strain as 20 points of inflation above target or 20% of output lost.
        war_debt_strain_pct_gdp: "% of GDP", 20.0, [1.0, 1000.0], "assumption: docs/MODEL.md (strain)";
        /// War debt the state judges it can carry (% of a year's GDP, new debt since the start): its own money runway in the judgment ends when the debt would reach it at last month's pace of new debt, whatever its reserves and printing still allow (0 = no limit).
        debt_capacity_pct_gdp: "% of GDP", 0.0, [0.0, 1000.0], "assumption: docs/MODEL.md (borrowing capacity); Russia's Finance Ministry keeps public debt at most 20% of GDP to 2030, 15.7% at the end of 2024: about 4 points of new debt from mid-2025";
    }
}

param_group! {
    /// Mechanism 7: strikes at depth this side carries out against the other.
    pub struct Strikes / StrikesFile {
        /// Long-range strikes on refineries, depots and air bases (1 = the mid-2025 Ukrainian campaign).
        deep_strikes: "index", 0.0, [0.0, 20.0], "essay: 'increasing tempo of Ukrainian attacks'";
        /// Share of strikes that get through the target's defences.
        deep_strike_leak: "share 0-1", 0.5, [0.0, 1.0], "assumption";
        /// Share of the target's energy revenue knocked out per unit of strikes that get through.
        refinery_damage: "share per unit", 0.0, [0.0, 1.0], "assumption";
        /// Share of refinery damage repaired each month.
        refinery_repair_per_month: "share per month", 0.3, [0.0, 1.0], "assumption";
        /// Share of the target's ammunition stock destroyed per unit of strikes that get through.
        depot_damage: "share per unit", 0.0, [0.0, 1.0], "essay: 'attacks on logistic hubs, arms depots'";
        /// Share of the target's bombardment capacity destroyed per unit of strikes that get through (air bases).
        airbase_damage: "share per unit", 0.0, [0.0, 1.0], "essay: Operation Spider's Web";
        /// Mass bombardment of cities and energy (1 = the mid-2025 Russian campaign).
        bombardment: "index", 0.0, [0.0, 20.0], "essay: 'some of the largest aerial bombardments of the war'";
        /// Per-step shock: log-sd of the monthly bombardment and strike intensity.
        strike_shock: "log-sd per step", 0.0, [0.0, 2.0], "assumption";
    }
}

param_group! {
    /// Mechanism 8: territory and objectives.
    pub struct Territory / TerritoryFile {
        /// Territory held at the start (of the contested country).
        held_km2: "km2", 0.0, [0.0, 1.0e8], "docs/data/territory_monthly.csv";
        /// Territory this side still wants to take (0 = no territorial objective).
        objective_km2: "km2", 0.0, [0.0, 1.0e8], "docs/MODEL.md (calibration): rest of the four annexed provinces";
        /// Ground gained per month at tempo 1 and equal combat power.
        gain_km2_per_month: "km2 per month", 0.0, [0.0, 1.0e6], "docs/data/territory_monthly.csv";
        /// How gains grow with the ratio of own to opposing combat power: factor ratio^exponent.
        ratio_exponent: "dimensionless", 2.0, [0.0, 10.0], "assumption";
        /// Power ratio (own / opponent) at which the opponent's front breaks.
        breakthrough_ratio: "ratio", 3.0, [1.0, 100.0], "assumption";
        /// Multiplier on gains once the front breaks.
        breakthrough_multiplier: "ratio", 10.0, [1.0, 1000.0], "assumption";
        /// Per-step shock: log-sd of monthly gains.
        gain_shock: "log-sd per step", 0.0, [0.0, 3.0], "docs/data/territory_monthly.csv (monthly spread)";
        /// Counter-attacks: ground retaken per month when this side's combat power exceeds `counter_ratio` times the opponent's, scaled by (ratio^exponent - counter_ratio^exponent); 0 = never retakes ground.
        counter_km2_per_month: "km2 per month", 0.0, [0.0, 1.0e6], "docs/MODEL.md (calibration): Kharkiv 2022, the 2023 counter-offensive";
        /// Power ratio (own / opponent) above which counter-attacks retake ground: a defender's edge in fire is not yet the local superiority an offensive needs.
        counter_ratio: "ratio", 1.0, [0.0, 100.0], "assumption: docs/MODEL.md (territory)";
    }
}

param_group! {
    /// Mechanism 9: public morale and regime commitment.
    pub struct Morale / MoraleFile {
        /// Public resilience at the start.
        start: "index 0-1", 0.7, [0.0, 1.0], "assumption";
        /// Level morale returns to without shocks.
        anchor: "index 0-1", 0.7, [0.0, 1.0], "assumption";
        /// Share of the gap to the anchor closed each month.
        recovery_per_month: "share per month", 0.1, [0.0, 1.0], "assumption";
        /// Floor: a population that knows its fate under occupation does not fall below it.
        floor: "index 0-1", 0.0, [0.0, 1.0], "essay: 'They know their likely fate if they end up under Moscow's rule'";
        /// Collapse by morale: below this level the side can no longer fight.
        collapse_below: "index 0-1", 0.15, [0.0, 1.0], "assumption";
        /// Morale lost per month per percent of the front lost as casualties that month.
        casualty_sensitivity: "points per % of front", 0.0, [0.0, 1.0], "assumption";
        /// Morale lost per unit of bombardment that gets through, before adaptation.
        bombing_sensitivity: "points per unit", 0.0, [0.0, 1.0], "assumption";
        /// Adaptation: sensitivity to bombing falls by this share per unit of bombardment endured.
        adaptation_rate: "per unit", 0.0, [0.0, 5.0], "essay: 'the target communities adapt and cope'";
        /// Morale change per 1000 km2 gained (lost ground counts negative).
        territory_sensitivity: "points per 1000 km2", 0.0, [0.0, 5.0], "assumption";
        /// Morale change per unit of relative change in support received.
        support_sensitivity: "points per unit", 0.0, [0.0, 5.0], "assumption";
        /// Weight of morale in combat power: factor 1 - weight x (1 - morale / start).
        combat_weight: "share 0-1", 0.3, [0.0, 1.0], "assumption";
        /// Regime commitment at the start (legacy, the nationalist bloc).
        commitment_start: "index", 0.8, [0.0, 2.0], "essay: 'no issue is more important to him than Ukraine'";
        /// Commitment lost per unit of economic strain (elite worries).
        elite_worry: "per unit strain", 0.0, [0.0, 5.0], "essay: the more moderate elite";
        /// Commitment gained per 100 thousand cumulative casualties (sunk costs; the nationalist bloc).
        nationalist_pressure: "per 100k casualties", 0.0, [0.0, 1.0], "essay: the ultranationalist bloc";
        /// External support (money and military aid) the side expects or needs; support is judged against it. 0 = judged against the first month's support.
        support_expected_usd_bn_per_month: "USD bn per month", 0.0, [0.0, 1000.0], "assumption: docs/MODEL.md (support)";
    }
}

param_group! {
    /// Beliefs and the rules that judge whether time is on the side (see `judgment/`).
    pub struct Judgment / JudgmentFile {
        /// Bias: how much stronger the side believes itself than it is.
        self_optimism: "share", 0.0, [-0.9, 5.0], "essay: 'Russia's overall superiority ... will eventually prove decisive'";
        /// Bias: how much the side underestimates the opponent's resilience and staying power.
        opponent_underestimate: "share 0-1", 0.0, [0.0, 0.95], "essay: 'he has always underestimated Ukraine's resilience'";
        /// Share of the biases that fighting removes each month at the start's combat intensity.
        learning_rate: "share per month", 0.05, [0.0, 1.0], "essay: principle of convergence";
        /// Per-step shock: noise on each perceived quantity (log-sd).
        perception_noise: "log-sd per step", 0.05, [0.0, 2.0], "assumption";
        /// Months the side is prepared to wait for its objective.
        patience_months: "months", 36.0, [1.0, 1200.0], "assumption";
        /// Window of the smoothed trend of the perceived position.
        trend_window_months: "months", 6.0, [2.0, 60.0], "assumption";
        /// Evidence needed before the side judges time is not on its side: the accumulated t-statistics of a worsening trend (a CUSUM score, see docs/MODEL.md).
        evidence_threshold: "t-units", 6.0, [0.1, 100.0], "Page (1954) CUSUM; docs/MODEL.md (judgment): about 1 false alarm in 20 sides over five years of a level but noisy position";
        /// Smallest decline of the perceived position that matters: added (in quadrature) to the trend's standard error, so a slow but steady drift is not strong evidence however little noise it carries.
        trend_materiality: "position points per month", 0.01, [0.000001, 10.0], "assumption: docs/MODEL.md (judgment)";
        /// Evidence a month's trend must exceed before it counts: its t-statistic below minus this value adds to the score, above it the score decays toward 0.
        evidence_allowance: "t-units per month", 2.0, [0.0, 10.0], "Page (1954) CUSUM reference value: a month counts when its trend is about 2 standard errors below 0; assumption";
        /// Planning horizon over which the cost of fighting on is weighed.
        planning_horizon_months: "months", 24.0, [1.0, 240.0], "assumption";
        /// Cost of acknowledging failure (face, legacy), in points of the perceived position index.
        face_cost: "position points", 1.0, [0.0, 100.0], "essay: 'tantamount to a defeat'";
        /// Loss aversion: how much more the loss of face weighs than an equal gain.
        loss_aversion: "ratio", 2.0, [1.0, 10.0], "essay: 'the perils of losing loom as large as the gains'; Kahneman and Tversky";
        /// Value of lifting all effective sanctions, in points of the perceived position index (a cease-fire lifts only `world.relief_share` of them).
        relief_value: "position points", 0.0, [0.0, 100.0], "essay: relief 'limited and contingent'";
        /// Weight of manpower in the perceived position.
        weight_manpower: "weight", 1.0, [0.0, 10.0], "assumption";
        /// Weight of materiel in the perceived position.
        weight_materiel: "weight", 1.0, [0.0, 10.0], "assumption";
        /// Weight of the economy in the perceived position.
        weight_economy: "weight", 1.0, [0.0, 10.0], "assumption";
        /// Weight of external support in the perceived position.
        weight_support: "weight", 1.0, [0.0, 10.0], "assumption";
        /// Weight of morale in the perceived position.
        weight_morale: "weight", 1.0, [0.0, 10.0], "assumption";
        /// Weight of territory in the perceived position.
        weight_territory: "weight", 1.0, [0.0, 10.0], "assumption";
    }
}

param_group! {
    /// World inputs that are not time paths: oil price shocks and the sanctions regime.
    pub struct World / WorldFile {
        /// Per-step shock: log-sd of the monthly oil price shock.
        oil_shock: "log-sd per step", 0.0, [0.0, 1.0], "assumption: monthly Urals moves of 5-10%";
        /// Persistence of oil price deviations from the path (AR(1) coefficient per month).
        oil_persistence: "per month", 0.8, [0.0, 0.999], "assumption";
        /// Share of the sanctions intensity neutralised by third countries (China, other energy clients).
        circumvention: "share 0-1", 0.0, [0.0, 1.0], "essay: 'the support of China ... in circumventing sanctions'";
        /// Share of the oil price lost per unit of effective sanctions.
        oil_discount_per_sanction: "share per unit", 0.0, [0.0, 1.0], "docs/data/calibration_figures.csv (price cap)";
        /// Share of domestic defence production lost per unit of effective sanctions (component imports).
        production_penalty_per_sanction: "share per unit", 0.0, [0.0, 1.0], "assumption";
        /// Share of sanctions that a cease-fire would lift.
        relief_share: "share 0-1", 0.3, [0.0, 1.0], "essay: relief 'limited and contingent'";
    }
}

param_group! {
    /// Mechanism 6: one external supporter, with money and materiel flows to one side.
    pub struct Donor / DonorFile {
        extra {
            /// Donor name (used in `--set donors.NAME.KEY` and in events).
            name: String,
            /// The side it supports.
            recipient: String,
        }
        /// Budget support per month at the start.
        financial_usd_bn_per_month: "USD bn per month", 0.0, [0.0, 1000.0], "docs/data/calibration_figures.csv (Kiel)";
        /// Military aid (weapons, ammunition, interceptors) per month at the start.
        military_usd_bn_per_month: "USD bn per month", 0.0, [0.0, 1000.0], "docs/data/calibration_figures.csv (Kiel)";
        /// Troops sent per month.
        troops_k_per_month: "thousand persons per month", 0.0, [0.0, 1000.0], "assumption";
        /// Added to the recipient's quality while support flows (intelligence, targeting).
        quality_bonus: "quality points", 0.0, [0.0, 5.0], "essay: suspension of intelligence cooperation";
        /// Trend of the flows.
        trend_pct_per_year: "% per year", 0.0, [-100.0, 500.0], "essay: 'European support is set to increase'";
        /// Chance per month that flows pause.
        pause_prob_per_month: "probability per month", 0.0, [0.0, 1.0], "assumption";
        /// Mean length of a pause.
        pause_months: "months", 1.0, [0.0, 120.0], "essay: a one-month US suspension";
        /// Chance per month of a lasting cut.
        cut_prob_per_month: "probability per month", 0.0, [0.0, 1.0], "assumption";
        /// Share of the flows lost in a lasting cut.
        cut_share: "share 0-1", 0.5, [0.0, 1.0], "assumption";
        /// Multiplier on all flows (a lever for events: 0 = withdrawn).
        active: "multiplier", 1.0, [0.0, 10.0], "assumption";
    }
}
