#!/usr/bin/env bash
# Builds build-bench (Release, no tests) and runs every performance measurement of
# docs/performance.md, printing its tables. Takes about 15-25 minutes on 2 cores, most of it the
# single 10^6-run end-to-end job (skip it with BENCH_QUICK=1).
#
#   bash scripts/bench.sh                 # everything
#   BENCH_QUICK=1 bash scripts/bench.sh   # no 10^6 run, 3 repetitions instead of 5, no callgrind
#   BENCH_REPS=9 bash scripts/bench.sh    # more repetitions (median and spread are reported)
#   BENCH_WAIT_IDLE=0 bash scripts/bench.sh  # do not wait for an idle machine before 1/2-thread pairs
#
# Results also go to $BENCH_OUT (default build-bench/bench-results/): Google Benchmark JSON,
# the end-to-end JSON, and the callgrind profile.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=${BUILD:-build-bench}
OUT=${BENCH_OUT:-$BUILD/bench-results}
QUICK=${BENCH_QUICK:-0}
REPS=${BENCH_REPS:-$([ "$QUICK" = 1 ] && echo 3 || echo 5)}
mkdir -p "$OUT"

echo "# simrun performance run, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- sim 2>/dev/null || echo ' (sim/ modified)')"
echo
echo "## Machine"
echo
echo '```'
lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core|Socket|L2|L3)' || true
free -h | head -2
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other processes compete for the cores: see the spreads)"
c++ --version | head -1
echo '```'
echo

echo "## Build ($BUILD)"
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSIMRUN_BUILD_TESTS=OFF -DSIMRUN_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD" -j2 >/dev/null
echo "flags: $(grep -m1 -o 'CMAKE_CXX_FLAGS_RELEASE:STRING=.*' "$BUILD/CMakeCache.txt" | cut -d= -f2) -std=c++17"
echo

# Repetitions interleaved at random: load from other processes hits every benchmark alike.
GB_ARGS=(--benchmark_repetitions="$REPS" --benchmark_report_aggregates_only=true
         --benchmark_display_aggregates_only=true --benchmark_enable_random_interleaving=true)

# Median and spread (coefficient of variation) per benchmark from Google Benchmark JSON, rows in
# name order (numbers compared as numbers), CPU and wall time; cv is that of the first.
table() {  # table FILE cpu|real
  /usr/bin/python3 - "$1" "$2" <<'EOF'
import json, re, sys
data = json.load(open(sys.argv[1])); first = sys.argv[2]; second = "real" if first == "cpu" else "cpu"
rows = {}
for b in data["benchmarks"]:
    if b.get("run_type") != "aggregate": continue
    rows.setdefault(b["run_name"], {"label": b.get("label", "")})[b["aggregate_name"]] = b
key = lambda n: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", n)]
print("| benchmark | %s time median | cv | %s time median | items/s median | other |" % (first, second))
print("|---|---|---|---|---|---|")
for name in sorted(rows, key=key):
    r = rows[name]; m, cv = r.get("median"), r.get("cv")
    if not m: continue
    t = lambda w: "%.4g %s" % (m[w + "_time"], m["time_unit"])
    c = "%.1f%%" % (100 * cv[first + "_time"]) if cv else ""
    ips = "%.4g" % m["items_per_second"] if "items_per_second" in m else ""
    other = ", ".join("%s=%.4g" % (k, m[k]) for k in ("runs/s", "bytes_per_second", "file_MB", "dyads", "configs") if k in m)
    print("| %s %s | %s | %s | %s | %s | %s |" % (name, r["label"], t(first), c, t(second), ips, other))
EOF
}

echo "## bench_model (CPU time: the machine is shared; wall time is in the JSON)"
echo
"$BUILD/bench/bench_model" "${GB_ARGS[@]}" --benchmark_out="$OUT/bench_model.json" --benchmark_out_format=json >/dev/null
table "$OUT/bench_model.json" cpu
echo

echo "## bench_output (wall time; writes to ${TMPDIR:-/tmp})"
echo
"$BUILD/bench/bench_output" "${GB_ARGS[@]}" --benchmark_out="$OUT/bench_output.json" --benchmark_out_format=json >/dev/null
table "$OUT/bench_output.json" real
echo

echo "## bench_ensemble (in-process ensembles with and without the writer; CPU = process CPU time)"
echo
"$BUILD/bench/bench_ensemble" "${GB_ARGS[@]}" --benchmark_out="$OUT/bench_ensemble.json" --benchmark_out_format=json >/dev/null
table "$OUT/bench_ensemble.json" real
echo

echo "## End to end (bench/end_to_end.py)"
echo
# --wait-idle: a 2-thread speed-up can only be measured when no other session is busy (autogroup
# scheduling gives each session about one CPU otherwise); BENCH_WAIT_IDLE=0 disables the wait.
E2E_ARGS=(--reps "$REPS" --wait-idle "${BENCH_WAIT_IDLE:-120}" --simrun "$BUILD/sim/simrun" --bench-ensemble "$BUILD/bench/bench_ensemble"
          --bench-output "$BUILD/bench/bench_output" --json "$OUT/end_to_end.json")
[ "$QUICK" = 1 ] && E2E_ARGS+=(--no-million)
/usr/bin/python3 bench/end_to_end.py "${E2E_ARGS[@]}"
echo

if [ "$QUICK" != 1 ] && command -v valgrind >/dev/null; then
  echo "## Profile (callgrind, instructions; simrun -n 300 -j 1), inclusive share of run_one"
  echo
  valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.out" "$BUILD/sim/simrun" scenarios/baseline.yaml \
    --fixed -n 300 -o "${TMPDIR:-/tmp}/cg.h5" --force -q -j 1 2>/dev/null
  rm -f "${TMPDIR:-/tmp}/cg.h5"
  callgrind_annotate --inclusive=yes --threshold=100 "$OUT/cg.out" 2>/dev/null | /usr/bin/python3 -c '
import re, sys
rows = []
for line in sys.stdin:
    m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(\S.*?)(?: \[|$)", line)
    if m: rows.append((int(m.group(1).replace(",", "")), m.group(2)))
total = next(v for v, n in rows if "simrun::run_one(" in n)
want = ["run_one(", "step(", "compute_utilities(", "pair_terms(", "RunObserver::observe(", "decide_alliances(",
        "update_fronts(", "third_party_reactions(", "grow_economies(", "update_willingness(", "apply_shocks(",
        "compute_propensities(", "observe_landscape(", "landscape_minimum(", "start_run(", "lround", "exp@@", "cbrt", "pow@@"]
print("| function | instructions per tick | inclusive share of run_one |")
print("|---|---|---|")
ticks = 300 * 38
for w in want:
    hit = [(v, n) for v, n in rows if w in n]
    if hit:
        v, n = hit[0]
        short = re.sub(r"\(.*", "", n.split(":", 1)[-1]) if "simrun" in n else n.split(":")[-1] + " (libm, all callers)"
        print("| %s | %.0f | %.1f%% |" % (short, v / ticks, 100 * v / total))
'
fi
