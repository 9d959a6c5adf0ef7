#!/usr/bin/env bash
# Measure whole `protracted run` invocations: wall time and peak memory (RSS) of the baseline
# at 1k, 10k, 100k and 1M runs, with and without charts. See docs/PERFORMANCE.md.
#
# Usage: scripts/measure.sh [REPS] [RUNS...]
#   REPS  repetitions per size (default 3; the median is what docs/PERFORMANCE.md reports)
#   RUNS  sizes to measure (default: 1000 10000 100000 1000000)
# Env:    SCENARIO (default scenarios/baseline.toml), THREADS (default: all cores),
#         CHARTS=0 to skip the runs with charts, OUT (scratch directory, default a temp dir).
#
# Needs GNU time (/usr/bin/time): `apt-get update && apt-get install -y time`.
# Each line: runs, charts, repetition, wall seconds, peak RSS in MiB, run-months per second.
set -euo pipefail
cd "$(dirname "$0")/.."

reps=${1:-3}
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 100000 1000000)
scenario=${SCENARIO:-scenarios/baseline.toml}
threads=()
[ -n "${THREADS:-}" ] && threads=(--threads "$THREADS")
out=${OUT:-$(mktemp -d)}
months=$(grep -E '^months *=' "$scenario" | head -1 | sed 's/[^0-9]//g')

if [ ! -x /usr/bin/time ]; then
    echo "GNU time is missing: apt-get update && apt-get install -y time" >&2
    exit 1
fi
cargo build --release --quiet
bin=target/release/protracted

echo "# $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); scenario $scenario, $months months"
printf '%-9s %-7s %-4s %9s %9s %14s\n' runs charts rep wall_s peak_MiB run_months/s
for n in "${sizes[@]}"; do
    modes=(no)
    [ "${CHARTS:-1}" != 0 ] && modes=(no yes)
    for charts in "${modes[@]}"; do
        flags=(--quiet)
        [ "$charts" = no ] && flags+=(--no-charts)
        for rep in $(seq "$reps"); do
            rm -rf "$out/run"
            /usr/bin/time -v -o "$out/time.txt" "$bin" run "$scenario" --runs "$n" --out "$out/run" \
                "${threads[@]}" "${flags[@]}" > /dev/null
            wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$out/time.txt")
            rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$out/time.txt")
            rate=$(awk -v n="$n" -v m="$months" -v w="$wall" 'BEGIN {printf "%.0f", n * m / w}')
            printf '%-9s %-7s %-4s %9s %9s %14s\n' "$n" "$charts" "$rep" "$wall" "$rss" "$rate"
        done
    done
done
rm -rf "$out/run" "$out/time.txt"
