#!/usr/bin/env bash
# Check that two builds of protracted write the same files: the baseline, a variant, a classic
# battle and a compare, at two seeds, charts included. Wall times in manifest.json and the
# "Wrote ..." line on stdout are ignored. Use it for a change that must not move any output.
#
#   scripts/same-outputs.sh OLD_BINARY NEW_BINARY
#
# e.g. build main into /tmp/old (git worktree add /tmp/old main && cargo build --release there),
# then: scripts/same-outputs.sh /tmp/old/target/release/protracted target/release/protracted
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { sed -n 2,9p "$0"; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# run BIN NAME ARGS...: one invocation, its stdout kept beside its out directory.
run() {
  local bin=$1 name=$2; shift 2
  if ! "$bin" "$@" --out "$dir/$name" >"$dir/$name.stdout" 2>&1; then
    echo "failed: $bin $* (see below)" >&2
    cat "$dir/$name.stdout" >&2
    exit 1
  fi
}
gen() {
  local bin=$1
  dir=$2
  mkdir -p "$dir"
  for seed in 2025 7; do
    run "$bin" base-$seed run scenarios/baseline.toml --runs 600 --seed $seed --quiet
    run "$bin" usw-$seed run scenarios/us-withdraws.toml --runs 400 --seed $seed --quiet
    run "$bin" sq-$seed run scenarios/classic/lanchester-square.toml --runs 50 --seed $seed --quiet
    run "$bin" cmp-$seed compare scenarios/baseline.toml scenarios/us-withdraws.toml \
      scenarios/pressure-package.toml --runs 300 --seed $seed --quiet
    run "$bin" table-$seed run scenarios/baseline.toml --runs 200 --seed $seed
  done
}
gen "$1" "$out/old"
gen "$2" "$out/new"
sed -i "s#$out/old#OUT#g" "$out"/old/*.stdout
sed -i "s#$out/new#OUT#g" "$out"/new/*.stdout
if diff -r -I '"wall_seconds"' -I '^Wrote ' "$out/old" "$out/new"; then
  echo "same outputs ($(find "$out/new" -type f | wc -l) files)"
else
  echo "outputs differ" >&2
  exit 1
fi
