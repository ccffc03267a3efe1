#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (./build-fuzz: libsim and the targets under
# -fsanitize=fuzzer,address,undefined) and runs each for a bounded time. Fails if any target
# finds something: a crash, a sanitizer report, an exception other than simrun::InputError, a
# NaN/inf in a short simulated run, a hang (-timeout) or an out-of-memory (-rss_limit_mb).
#
#   bash scripts/fuzz.sh                 # 60 s per target (both targets run side by side)
#   FUZZ_SECONDS=600 bash scripts/fuzz.sh
#   FUZZ_TARGETS=fuzz_set_parser bash scripts/fuzz.sh
#
# Env: FUZZ_SECONDS (default 60) per target; FUZZ_TARGETS (default both); FUZZ_BUILD_DIR
# (default build-fuzz); FUZZ_PARALLEL=0 runs the targets one after the other (default: side by
# side when there are at least 2 cores); SIMRUN_FUZZ_ALLOW_NONFINITE=1 stops counting NaN/inf
# outcomes as findings (to look past a known NaN bug); FUZZ_ARGS: extra libFuzzer flags.
#
# The working corpora persist in $FUZZ_BUILD_DIR/corpus/<target>/ so that later runs start where
# earlier ones stopped; seeds come from fuzz/corpus/ (plus copies of scenarios/*.yaml made here).
# A finding is saved as $FUZZ_BUILD_DIR/artifacts/<target>/crash-* (or timeout-*, oom-*, leak-*);
# reproduce it with `$FUZZ_BUILD_DIR/fuzz/<target> FILE`, then keep it as a regression test:
#   cp FILE tests/faults/crashes/loader-<what>.yaml     (fuzz_scenario_loader)
#   cp FILE tests/faults/crashes/set-<what>.txt         (fuzz_set_parser)
# (tests/unit/faults/test_faults_regressions.cpp feeds every file there through the same harness.)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source scripts/compiler-cache.sh
SECS=${FUZZ_SECONDS:-60}
BUILD=${FUZZ_BUILD_DIR:-build-fuzz}
TARGETS=${FUZZ_TARGETS:-fuzz_scenario_loader fuzz_set_parser fuzz_shard_reader fuzz_extends_chain fuzz_output_path}
CC_BIN=${FUZZ_CC:-clang-14}
CXX_BIN=${FUZZ_CXX:-clang++-14}
t_start=$(date +%s)

# clang and its runtime libraries (libFuzzer, sanitizers): Debian 12 packages.
if ! command -v "$CXX_BIN" >/dev/null || ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "fuzz: installing clang-14 and libclang-rt-14-dev"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends clang-14 libclang-rt-14-dev
fi

# Build: the whole library is instrumented (coverage feedback and sanitizers), asserts stay on.
mkdir -p "$BUILD"
CC=$CC_BIN CXX=$CXX_BIN cmake -S . -B "$BUILD" -G Ninja -DSIMRUN_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DSIMRUN_BUILD_TESTS=OFF -DSIMRUN_BUILD_BENCH=OFF "${COMPILER_CACHE_ARGS[@]}" >"$BUILD/configure.log" 2>&1 ||
  { cat "$BUILD/configure.log"; exit 1; }
# shellcheck disable=SC2086
cmake --build "$BUILD" -j"$(nproc)" --target $TARGETS
t_built=$(date +%s)

# Seeds: the committed ones plus a fresh copy of every scenario shipped in scenarios/.
rm -f fuzz/corpus/loader/scenario-*.yaml
for f in scenarios/*.yaml; do cp "$f" "fuzz/corpus/loader/scenario-$(basename "$f")"; done

export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:abort_on_error=1:symbolize=1:detect_stack_use_after_return=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:abort_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$ROOT/tests/faults/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

run_target() {
  local target=$1 seeds dict
  case $target in
    fuzz_scenario_loader) seeds=fuzz/corpus/loader dict=fuzz/yaml.dict ;;
    fuzz_set_parser) seeds=fuzz/corpus/set dict=fuzz/set.dict ;;
    fuzz_shard_reader) seeds=fuzz/corpus/shard dict=fuzz/shard.dict ;;
    fuzz_extends_chain) seeds=fuzz/corpus/extends dict=fuzz/yaml.dict ;;
    fuzz_output_path) seeds=fuzz/corpus/output dict=fuzz/output.dict ;;
    *) echo "fuzz: unknown target $target" >&2; return 2 ;;
  esac
  # HDF5's own leak on corrupted object headers is suppressed by a frame deep inside
  # libhdf5 (tests/faults/lsan.supp), which only a full unwind of malloc's stack reaches.
  local asan=$ASAN_OPTIONS
  [ "$target" = fuzz_shard_reader ] && asan="$asan:fast_unwind_on_malloc=0"
  local work="$BUILD/corpus/$target" art="$BUILD/artifacts/$target"
  mkdir -p "$work" "$art"
  # findings of an earlier run are kept in $art/earlier/ (this run's verdict is about this run)
  if compgen -G "$art/*-*" >/dev/null; then mkdir -p "$art/earlier" && mv "$art"/*-* "$art/earlier/"; fi
  # shellcheck disable=SC2086
  ASAN_OPTIONS=$asan "$BUILD/fuzz/$target" -max_total_time="$SECS" -timeout=5 -rss_limit_mb=2048 -max_len=65536 \
    -dict="$dict" -artifact_prefix="$art/" -print_final_stats=1 ${FUZZ_ARGS:-} "$work" "$seeds" \
    >"$BUILD/$target.log" 2>&1
}

parallel=${FUZZ_PARALLEL:-$([ "$(nproc)" -ge 2 ] && echo 1 || echo 0)}
declare -A status
if [ "$parallel" = 1 ]; then
  declare -A pids
  for t in $TARGETS; do
    run_target "$t" &
    pids[$t]=$!
  done
  for t in $TARGETS; do
    if wait "${pids[$t]}"; then status[$t]=0; else status[$t]=$?; fi
  done
else
  for t in $TARGETS; do
    if run_target "$t"; then status[$t]=0; else status[$t]=$?; fi
  done
fi

failed=0
for t in $TARGETS; do
  art="$BUILD/artifacts/$t"
  stats=$(grep -E '^stat::(number_of_executed_units|new_units_added|peak_rss_mb)' "$BUILD/$t.log" | tr '\n' ' ' || true)
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' "$BUILD/$t.log" | tail -1 || true)
  found=$(cd "$art" && compgen -G '*-*' | grep -E '^(crash|timeout|oom|leak)-' || true)
  if [ "${status[$t]}" -ne 0 ] || [ -n "$found" ]; then
    failed=1
    echo "fuzz: $t FOUND A PROBLEM (exit ${status[$t]}): $found" >&2
    grep -E 'FINDING|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|SUMMARY|deadly signal|Timeout|out-of-memory' "$BUILD/$t.log" | head -20 >&2 || true
    echo "  log: $BUILD/$t.log" >&2
    for f in $found; do echo "  reproduce: $BUILD/fuzz/$t $art/$f" >&2; done
  else
    echo "fuzz: $t ok, ${SECS}s: $cov; $stats"
  fi
done
echo "fuzz: build $((t_built - t_start)) s, fuzzing $(($(date +%s) - t_built)) s"
exit "$failed"
