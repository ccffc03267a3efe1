#!/usr/bin/env bash
# One command that runs every test: installs dependencies if needed, builds, runs ctest (unit,
# contract, CLI, Python/notebook, validation, MPI and Slurm tests), then the robustness runs:
# the whole suite under AddressSanitizer + UndefinedBehaviorSanitizer and the parallel engine
# under ThreadSanitizer (scripts/test-sanitizers.sh), and a bounded libFuzzer run of the scenario
# loader and the --set parser (scripts/fuzz.sh). About 20 minutes on 2 cores from scratch.
#
#   bash scripts/test.sh                       # everything (what CI runs)
#   SIMRUN_TEST_QUICK=1 bash scripts/test.sh   # ctest only (a few minutes), for local iteration
#
# Env: FUZZ_SECONDS (default 60) per fuzz target.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
(cd build && ctest --output-on-failure -j2 --timeout 900)
if [ "${SIMRUN_TEST_QUICK:-0}" = 1 ]; then
  echo "test: SIMRUN_TEST_QUICK=1: sanitizer and fuzz runs skipped"
  exit 0
fi
bash scripts/test-sanitizers.sh
FUZZ_SECONDS=${FUZZ_SECONDS:-60} bash scripts/fuzz.sh
echo "test: every test passed (ctest, sanitizers, fuzzing)"
