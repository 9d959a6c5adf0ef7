# Shared set-up of scripts/levers.sh and scripts/hinges.sh, sourced (not run) from the
# repository root with the caller's arguments: takes a leading RUNS argument (default 1000)
# off them, and sets `runs`, `bin` (BIN, default target/release/protracted, built if missing),
# `scenario` (SCENARIO, default scenarios/baseline.toml), `seed` (SEED, default 2025) and `out`
# (a scratch directory removed on exit).
runs=1000
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then runs=$1; shift; fi
bin=${BIN:-target/release/protracted}
[ -x "$bin" ] || cargo build --release --quiet
scenario=${SCENARIO:-scenarios/baseline.toml}
seed=${SEED:-2025}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
