#!/usr/bin/env bash
# What the answer hinges on, one parameter at a time: each uncertain parameter of a scenario
# (those it draws per run) moved to x0.9 and x1.1 of its numbers on common random numbers, as
# tests/it/levers.rs moves them and docs/MODEL.md, "What the answer hinges on", reports them.
# Sorted by the largest move of R36 or U36, in points.
#
# Usage: scripts/hinges.sh [RUNS] [--set PATH=VALUE ...]
#   RUNS   runs per point (default 1000, the figures of docs/MODEL.md)
#   --set  passed to every sweep
# Env:     BIN (default target/release/protracted, built if missing), SEED (default 2025),
#          SCENARIO (default scenarios/baseline.toml).
#
# Each line: the largest move, the parameter, then R36 and U36 at x0.9 / x1 / x1.1 (the share
# of runs in which Russia / Ukraine has judged that time is not on its side by month 36).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sweep-setup.sh

# The uncertain parameters are the columns of runs.csv after the runs' own (their draws).
"$bin" run "$scenario" --runs 1 --no-charts --quiet --out "$out/one" "$@" >/dev/null
mapfile -t params < <(head -1 "$out/one/runs.csv" | tr ',' '\n' | awk '/\./')
echo "$runs runs a point, seed $seed, $scenario${*:+, $*}: ${#params[@]} uncertain parameters"
for path in "${params[@]}"; do
  "$bin" sweep "$scenario" --vary "$path=x0.9,x1,x1.1" --runs "$runs" --seed "$seed" --no-charts \
    --quiet --out "$out/sweep" "$@" >/dev/null
  awk -F, -v path="$path" '
    NR == 1 { for (i = 1; i <= NF; i++) { col[$i] = i } next }
    $col["metric"] == "tip_by_36" { v[$col["side"], ++n[$col["side"]]] = 100 * $col["value"] }
    END {
      move = 0
      for (s = 0; s < 2; s++) {
        side = s ? "ukraine" : "russia"
        for (k = 1; k <= 3; k++) { d = v[side, k] - v[side, 2]; if (d < 0) d = -d; if (d > move) move = d }
      }
      printf "%5.1f  %s  R36 %.0f / %.0f / %.0f%%  U36 %.0f / %.0f / %.0f%%\n", move, path,
        v["russia", 1], v["russia", 2], v["russia", 3], v["ukraine", 1], v["ukraine", 2], v["ukraine", 3]
    }' "$out/sweep/sweep.csv"
done | sort -rn
