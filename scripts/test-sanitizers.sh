#!/usr/bin/env bash
# The test suite under sanitizers:
#   build-asan  -DSIMRUN_SANITIZE=address,undefined: the ctest suite under AddressSanitizer,
#               LeakSanitizer and UndefinedBehaviorSanitizer (UB aborts: -fno-sanitize-recover),
#               all of it but ASAN_SKIP (below), and the byte-flipping tests on a subset of bytes
#   build-tsan  -DSIMRUN_SANITIZE=thread: ThreadSanitizer on what runs the parallel engine: the
#               estimator tests (ensemble bit-identical across 1/2/4 threads and wave sizes), the
#               determinism test (simrun -j 1 vs -j 2), the CLI happy paths, the interrupt tests
#               (a signal stopping -j 2 mid-wave), and a simrun run with -j 2 and trajectories;
#               linked with oneTBB built with TSan (see tsan_tbb below: needs network once).
# Every sanitizer report is written to a log file (log_path) as well as failing its test, and the
# script fails if any report was written, even by a test that expected simrun to fail.
#
#   bash scripts/test-sanitizers.sh            # both
#   SANITIZERS=asan bash scripts/test-sanitizers.sh
#
# Env: SANITIZERS (asan,tsan), JOBS (build and ctest parallelism, default nproc), CTEST_ARGS
# (extra ctest arguments for the ASan suite, e.g. "-R Loader": the tests it selects that match
# FULL_UNWIND_TESTS still run apart, see below), SANITIZER_LOGS (default build-sanitizer-logs),
# MPI_TESTS (ctest regex of the tests that start OpenMPI, default "mpi|cluster|readme_usage|posterior_cli"),
# ASAN_SKIP (ctest regex of the tests the ASan pass leaves out, default "^(validation|python)\."),
# CORRUPT_H5_TESTS (ctest regex of the tests that make HDF5 read corrupted object headers,
# default "^ShardCorruption\.|^cli\.test_shard_corruption$"), TSAN_DEPS
# (where oneTBB built with TSan is cached, default build-tsan-deps), SAN_CXX_FLAGS (default
# "-O1 -g1").
# Suppressions (tests/faults/*.supp) say why each entry is there.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source scripts/compiler-cache.sh
WHICH=${SANITIZERS:-asan,tsan}
JOBS=${JOBS:-$(nproc)}
LOGS=${SANITIZER_LOGS:-$ROOT/build-sanitizer-logs}
SUPP=$ROOT/tests/faults
MPI_TESTS=${MPI_TESTS:-mpi|cluster|readme_usage|posterior_cli}   # ctest regex of every test that runs simrun under mpirun (keep it in step when a test starts using mpirun)
# ctest regex of the tests that have HDF5 read corrupted object headers (HDF5 1.10 then loses the
# header it was loading: leak:H5O_protect in tests/faults/lsan.supp); keep it in step when a test
# starts feeding corrupted HDF5 files to simrun.
CORRUPT_H5_TESTS=${CORRUPT_H5_TESTS:-'^ShardCorruption\.|^cli\.test_shard_corruption$'}
# Left out of the ASan pass: the statistical validation ensembles and the Python-side tests
# (notebooks, analysis scripts). They run simrun's ordinary run/compare/sweep paths, which the
# unit and CLI tests already run under ASan, only with 10-100x more simulations: 10 of the 20
# ASan minutes and nothing the other tests do not reach. The release ctest runs them all.
ASAN_SKIP=${ASAN_SKIP:-'^(validation|python)\.'}
# Run apart with full unwinding (the suppressions of library-owned leaks need the library's frames).
FULL_UNWIND_TESTS="$MPI_TESTS|$CORRUPT_H5_TESTS"
TSAN_DEPS=${TSAN_DEPS:-$ROOT/build-tsan-deps}   # oneTBB built with TSan (see tsan_tbb)
# -O1 and line tables only: half the compile time of RelWithDebInfo's -O2 -g, stacks still name
# file and line; no -DNDEBUG, so asserts stay on.
SAN_CXX_FLAGS=${SAN_CXX_FLAGS:--O1 -g1}
rm -rf "$LOGS"
mkdir -p "$LOGS"
t0=$(date +%s)
status=0
summary=()

# Common to all: reports go to $LOGS/<tool>.<pid> (and the process exits non-zero).
# ASan: halt_on_error (also stops after the first UB report, which is routed through ASan's
#   runtime), detect_leaks (LeakSanitizer at exit), abort_on_error=1 (a report looks like a crash
#   to every test, exit code 134), stack-use-after-return and init-order checks.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:detect_invalid_pointer_pairs=0:log_path=$LOGS/asan"
export LSAN_OPTIONS="suppressions=$SUPP/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1:suppressions=$SUPP/ubsan.supp:log_path=$LOGS/ubsan"
# TSan: halt at the first race; second_deadlock_stack for lock-order reports.
export TSAN_OPTIONS="halt_on_error=1:abort_on_error=1:second_deadlock_stack=1:history_size=4:suppressions=$SUPP/tsan.supp:log_path=$LOGS/tsan"

build() {  # build DIR SANITIZERS "EXTRA CMAKE ARGS" [targets...]
  local dir=$1 san=$2 extra=$3
  shift 3
  # shellcheck disable=SC2086
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIMRUN_SANITIZE="$san" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$SAN_CXX_FLAGS" -DSIMRUN_BUILD_BENCH=OFF "${COMPILER_CACHE_ARGS[@]}" $extra >"$LOGS/configure-$(basename "$dir").log" 2>&1 ||
    { cat "$LOGS/configure-$(basename "$dir").log"; return 1; }
  if [ $# -gt 0 ]; then
    cmake --build "$dir" -j"$JOBS" --target "$@"
  else
    cmake --build "$dir" -j"$JOBS"
  fi
}

# reports TOOL: prints and counts the sanitizer reports written since the last call.
reports() {
  local n=0 f
  for f in "$LOGS"/asan.* "$LOGS"/ubsan.* "$LOGS"/tsan.*; do
    [ -s "$f" ] || continue
    n=$((n + 1))
    echo "---- $1 report $f:" >&2
    head -60 "$f" >&2
    mv "$f" "$LOGS/$1-report-$(basename "$f")"
  done
  return "$n"
}

# ThreadSanitizer sees synchronisation only in instrumented code. oneTBB does its task spawning,
# stealing and joining inside libtbb.so, so with Debian's (uninstrumented) library every hand-over
# between threads looks like a race (hundreds of reports on a correct program, no suppression
# narrow enough to keep TSan useful). So the TSan build links oneTBB itself built with
# TBB_SANITIZE=thread: Debian's own source package of the installed version (apt-get source,
# with a private apt configuration: the system's sources are not touched), built once (~1 min)
# into $TSAN_DEPS and reused.
tsan_tbb() {
  local prefix=$TSAN_DEPS/onetbb-install
  if [ -f "$prefix/lib/cmake/TBB/TBBConfig.cmake" ]; then echo "$prefix"; return 0; fi
  local version codename apt=$TSAN_DEPS/apt src=$TSAN_DEPS/onetbb-src
  version=$(dpkg-query -W -f='${source:Version}' libtbb-dev)
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  rm -rf "$apt" "$src" "$TSAN_DEPS/onetbb-build"
  mkdir -p "$apt/lists/partial" "$apt/cache" "$src"
  {
    echo "deb-src http://deb.debian.org/debian $codename $codename-updates main"
    echo "deb-src http://deb.debian.org/debian-security $codename-security main"
  } >"$apt/sources.list"
  local opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o APT::Sandbox::User=root -q)
  apt-get "${opts[@]}" update >&2
  (cd "$src" && apt-get "${opts[@]}" source --download-only "onetbb=$version" >&2)
  (cd "$src" && dpkg-source -x ./*.dsc tree >&2)
  cmake -S "$src/tree" -B "$TSAN_DEPS/onetbb-build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTBB_SANITIZE=thread -DTBB_TEST=OFF -DTBB_EXAMPLES=OFF -DTBB_STRICT=OFF -DTBBMALLOC_BUILD=OFF \
    -DTBB_ENABLE_IPO=OFF -DCMAKE_INSTALL_PREFIX="$prefix" >&2
  cmake --build "$TSAN_DEPS/onetbb-build" -j"$JOBS" >&2
  cmake --install "$TSAN_DEPS/onetbb-build" >&2
  echo "$prefix"
}

# TSan cannot map its shadow memory when the kernel randomises mmap with more than 28/30 bits
# ("FATAL: ThreadSanitizer: unexpected memory mapping"): run without ASLR then.
no_aslr() {
  if command -v setarch >/dev/null && setarch "$(uname -m)" -R true 2>/dev/null; then
    setarch "$(uname -m)" -R "$@"
  else
    "$@"
  fi
}

if [[ $WHICH == *asan* ]]; then
  s=$(date +%s)
  build build-asan "address,undefined" ""
  b=$(date +%s)
  # The whole suite. The time limit is generous: instrumented code is 2-3x slower. The tests
  # that start OpenMPI, and those that feed HDF5 corrupted files, run apart with full unwinding
  # so that tests/faults/lsan.supp can recognise OpenMPI's and HDF5's own leaks: the libraries
  # have no frame pointers, and the fast unwinder stops at their first frame (3x slower, so
  # only there).
  r=ok
  export FAULTS_TIME_SCALE=3   # tests/cli/test_faults_*.sh: time limits x3 under ASan
  # The byte-flipping tests on fewer bytes (full unwinding makes each HDF5 open ~30x slower; the
  # release ctest flips every byte): every 3rd byte in-process, 100 shards through the binary.
  export SIMRUN_FLIP_STRIDE=3 SHARD_FLIPS=100
  # The test calibrations with a quarter of the particles (tests/cli/lib/calibration.sh).
  export CALIBRATION_TEST_SCALE=4
  # shellcheck disable=SC2086
  (cd build-asan && ctest --output-on-failure -j"$JOBS" --timeout 1800 -E "$FULL_UNWIND_TESTS|$ASAN_SKIP" ${CTEST_ARGS:-}) || { r=FAILED; status=1; }
  # Those of the tests selected by CTEST_ARGS that match FULL_UNWIND_TESTS, by exact name (a -R
  # in CTEST_ARGS would replace a -R given here, so the two cannot be combined in one ctest).
  # shellcheck disable=SC2086
  apart=$(cd build-asan && ctest -N ${CTEST_ARGS:-} | sed -n 's/^ *Test *#[0-9]*: //p' | { grep -E "$FULL_UNWIND_TESTS" || true; } |
    { grep -vE "$ASAN_SKIP" || true; } |
    sed 's/[].[*+?^$()|]/\\&/g' | paste -sd'|' -)
  if [ -n "$apart" ]; then
    (cd build-asan && ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0" ctest --output-on-failure -j"$JOBS" \
      --timeout 1800 -R "^($apart)\$") || { r=FAILED; status=1; }
  fi
  n=0
  reports asan || n=$?
  [ "$n" -eq 0 ] || { status=1; r="$r, $n sanitizer report(s)"; }
  summary+=("asan+ubsan: build $((b - s)) s, ctest $(($(date +%s) - b)) s: $r")
fi

if [[ $WHICH == *tsan* ]]; then
  s=$(date +%s)
  tbb=$(tsan_tbb)
  build build-tsan thread "-DTBB_DIR=$tbb/lib/cmake/TBB" simrun simrun_unit_tests
  libs=$(ldd build-tsan/sim/simrun)   # (not piped into grep -q: with pipefail, ldd's SIGPIPE fails)
  [[ $libs == *"$tbb/lib/libtbb"* ]] || { echo "build-tsan does not use $tbb: $libs" >&2; exit 1; }
  b=$(date +%s)
  r=ok
  # Unit tests that run the parallel engine (gtest filter; each runs with 1, 2 and 4 threads).
  if ! no_aslr build-tsan/tests/simrun_unit_tests --gtest_filter='Estimator.*:faults*' >"$LOGS/tsan-unit.log" 2>&1; then
    r=FAILED; status=1; tail -40 "$LOGS/tsan-unit.log" >&2
  fi
  # A real run on two threads with trajectories, then the determinism, CLI and interrupt tests.
  tmp=$(mktemp -d)
  if ! no_aslr build-tsan/sim/simrun --fixed -q -n 600 -j 2 --trajectories 50 scenarios/baseline.yaml -o "$tmp/tsan.h5" 2>"$LOGS/tsan-run.log"; then
    r=FAILED; status=1; cat "$LOGS/tsan-run.log" >&2
  fi
  rm -rf "$tmp"
  if ! (cd build-tsan && FAULTS_TIME_SCALE=5 no_aslr ctest --output-on-failure -j"$JOBS" --timeout 1800 \
    -R '^(python\.test_determinism|cli\.test_cli_basics|cli\.test_faults_interrupt)$'); then
    r=FAILED; status=1
  fi
  n=0
  reports tsan || n=$?
  [ "$n" -eq 0 ] || { status=1; r="$r, $n sanitizer report(s)"; }
  summary+=("tsan: build $((b - s)) s, tests $(($(date +%s) - b)) s: $r")
fi

echo
for line in "${summary[@]}"; do echo "test-sanitizers: $line"; done
echo "test-sanitizers: total $(($(date +%s) - t0)) s; logs in $LOGS"
exit "$status"
