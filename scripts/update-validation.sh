#!/usr/bin/env bash
# Regenerates the generated sections of docs/validation.md: the base rates from the alliance data
# (scripts/base_rates.py, also data/base_rates.json), the hindcast of a 10,000-run baseline
# (scripts/hindcast.py) and the results table of the validation suite (the C++ stylized facts and
# the Python checks against the data; reruns them). Usage: scripts/update-validation.sh [build dir]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SIMRUN="$BUILD/sim/simrun"
/usr/bin/python3 scripts/base_rates.py --force
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$SIMRUN" scenarios/baseline.yaml --fixed -n 10000 -s 20180701 -o "$scratch/baseline.h5" -q
/usr/bin/python3 scripts/event_elasticity.py --simrun "$SIMRUN" --doc docs/validation.md >/dev/null
/usr/bin/python3 scripts/hindcast.py "$scratch/baseline.h5" --doc docs/validation.md
report="$scratch/report"
: > "$report"
SIMRUN_VALIDATION_REPORT="$report" "$BUILD/tests/simrun_validation_tests" --gtest_brief=1 >/dev/null || true
for t in test_validation_onsets test_validation_durations test_validation_replay; do
  SIMRUN_VALIDATION_REPORT="$report" SIMRUN="$SIMRUN" SIMRUN_SOURCE_DIR="$PWD" TEST_TMP="$scratch/$t" \
    /usr/bin/python3 "tests/python/$t.py" >/dev/null 2>&1 || true
done
{
  echo "| fact | claim | test | result | verdict |"
  echo "|---|---|---|---|---|"
  sort "$report"
} | /usr/bin/python3 scripts/doc_sections.py docs/validation.md "validation results"
echo "docs/validation.md: base rates, hindcast and results table regenerated"
