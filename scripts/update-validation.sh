#!/usr/bin/env bash
# Reruns the validation suite and rewrites the results table of docs/validation.md (between the
# GENERATED markers) from what the tests report. Usage: scripts/update-validation.sh [build dir]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
report=$(mktemp)
trap 'rm -f "$report"' EXIT
SIMRUN_VALIDATION_REPORT="$report" "$BUILD/tests/simrun_validation_tests" --gtest_brief=1 >/dev/null || true
{
  echo "| fact | claim | test | result | verdict |"
  echo "|---|---|---|---|---|"
  sort "$report"
} > "$report.table"
/usr/bin/python3 - "$report.table" <<'PY'
import re, sys
table = open(sys.argv[1]).read()
doc = open("docs/validation.md").read()
begin, end = "<!-- BEGIN GENERATED: validation results -->", "<!-- END GENERATED -->"
i, j = doc.index(begin) + len(begin), doc.index(end)
open("docs/validation.md", "w").write(doc[:i] + "\n" + table + doc[j:])
PY
rm -f "$report.table"
echo "docs/validation.md: results table regenerated"
