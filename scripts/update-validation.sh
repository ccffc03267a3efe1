#!/usr/bin/env bash
# Regenerates the generated sections of docs/validation.md: the base rates from the alliance data
# (scripts/base_rates.py, also data/base_rates.json) and the results table of the validation suite
# (reruns it). Usage: scripts/update-validation.sh [build dir]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
/usr/bin/python3 scripts/base_rates.py --force
report=$(mktemp)
trap 'rm -f "$report"' EXIT
SIMRUN_VALIDATION_REPORT="$report" "$BUILD/tests/simrun_validation_tests" --gtest_brief=1 >/dev/null || true
{
  echo "| fact | claim | test | result | verdict |"
  echo "|---|---|---|---|---|"
  sort "$report"
} | /usr/bin/python3 scripts/doc_sections.py docs/validation.md "validation results"
echo "docs/validation.md: results table regenerated"
