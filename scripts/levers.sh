#!/usr/bin/env bash
# The sceptic's sweep in one command: each essay lever of the baseline swept over its plausible
# range on common random numbers, as tests/it/levers.rs sweeps them (same levers, same ranges;
# keep the two lists alike) and as docs/MODEL.md, "Levers", reports them. Run it after any
# change to the model and read the curves: monotone? a cliff? a plateau?
#
# Usage: scripts/levers.sh [RUNS] [--set PATH=VALUE ...]
#   RUNS   runs per point (default 1000, the figures of docs/MODEL.md; the test uses 400)
#   --set  passed to every sweep, e.g. --set sides.russia.materiel.use_follows_own_fight=1
# Env:     BIN (default target/release/protracted, built if missing), SEED (default 2025),
#          SCENARIO (default scenarios/baseline.toml), MONTH (default 36: the shares tipped by
#          which month; 12, 24, 36, 48 or 60).
#
# Each line: the lever, then R36 and U36 at each point (the share of runs in which Russia /
# Ukraine has judged that time is not on its side by month 36, or by MONTH), and the direction
# the test expects of each as the lever rises.
set -euo pipefail
cd "$(dirname "$0")/.."
month=${MONTH:-36}
case $month in 12 | 24 | 36 | 48 | 60) ;; *) echo "MONTH must be 12, 24, 36, 48 or 60" >&2; exit 2 ;; esac
source scripts/sweep-setup.sh

# lever values | R36 direction | U36 direction
levers=(
  "paths.sanctions_intensity=0..1:5|up|down"
  "donors.europe.military_usd_bn_per_month=x0.5..x2:5|up|down"
  "donors.europe.financial_usd_bn_per_month=0..6:5|up|down"
  "donors.us.active=0..2:5|up|down"
  "paths.oil_usd_bbl=45..85:5|down|up"
  "sides.russia.economy.energy_revenue_usd_bn_per_month=x0.5..x1.5:5|down|up"
  "sides.russia.economy.reserves_usd_bn=0,20,40,80,160|down|up"
  "sides.ukraine.strikes.deep_strikes=0..3:5|up|down"
  "sides.ukraine.manpower.conscription_k_per_month=x0.8..x1.2:5|up|down"
  "sides.russia.manpower.bounty_budget_usd_bn_per_month=0.3..0.9:5|down|up"
)
by_month=""
[ "$month" = 36 ] || by_month=", by month $month"
echo "$runs runs a point, seed $seed, $scenario${*:+, $*}$by_month"
for entry in "${levers[@]}"; do
  IFS='|' read -r lever r_dir u_dir <<<"$entry"
  "$bin" sweep "$scenario" --vary "$lever" --runs "$runs" --seed "$seed" --no-charts --quiet \
    --out "$out/sweep" "$@" >/dev/null
  # sweep.csv: one row per point, side and metric; columns found by name.
  awk -F, -v lever="$lever" -v r_dir="$r_dir" -v u_dir="$u_dir" -v m="$month" '
    NR == 1 { for (i = 1; i <= NF; i++) { col[$i] = i }
              if (!("metric" in col) || !("value" in col)) { print "sweep.csv: no metric/value column" > "/dev/stderr"; exit 1 }
              next }
    $col["metric"] == "tip_by_" m && $col["side"] == "russia" { rs = rs (rs == "" ? "" : " / ") sprintf("%.0f", 100 * $col["value"]) }
    $col["metric"] == "tip_by_" m && $col["side"] == "ukraine" { us = us (us == "" ? "" : " / ") sprintf("%.0f", 100 * $col["value"]) }
    END { printf "%s\n    R%s %s%% (%s)   U%s %s%% (%s)\n", lever, m, rs, r_dir, m, us, u_dir }
  ' "$out/sweep/sweep.csv"
done
