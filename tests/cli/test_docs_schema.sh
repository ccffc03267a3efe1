#!/usr/bin/env bash
# The parameter reference in docs/model.md is the output of `simrun --schema`, verbatim, between
#   <!-- BEGIN GENERATED: simrun --schema -->
#   <!-- END GENERATED -->
# so the documented defaults, ranges, units and provenance are the ones the loader enforces.
# Env (set by ctest): SIMRUN = the simrun binary, SIMRUN_SOURCE_DIR = the repository root,
# TEST_TMP = scratch directory (optional).
set -euo pipefail

: "${SIMRUN:?set SIMRUN to the simrun binary}"
: "${SIMRUN_SOURCE_DIR:?set SIMRUN_SOURCE_DIR to the repository root}"
doc="$SIMRUN_SOURCE_DIR/docs/model.md"
begin='<!-- BEGIN GENERATED: simrun --schema -->'
end='<!-- END GENERATED -->'

fail() { echo "FAIL: $*"; exit 1; }

if [[ -n "${TEST_TMP:-}" ]]; then
  tmp="$TEST_TMP"
  mkdir -p "$tmp"
else
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
fi

[[ -f "$doc" ]] || fail "$doc not found"
n_begin=$(grep -cxF -- "$begin" "$doc" || true)
n_end=$(grep -cxF -- "$end" "$doc" || true)
[[ "$n_begin" == 1 && "$n_end" == 1 ]] ||
  fail "docs/model.md must contain the line '$begin' once and '$end' once (found $n_begin and $n_end)"
begin_at=$(grep -nxF -- "$begin" "$doc" | cut -d: -f1)
end_at=$(grep -nxF -- "$end" "$doc" | cut -d: -f1)
(( begin_at < end_at )) || fail "in docs/model.md '$begin' must come before '$end'"

"$SIMRUN" --schema > "$tmp/schema.md" || fail "'$SIMRUN --schema' exited with status $?"
[[ -s "$tmp/schema.md" ]] || fail "'$SIMRUN --schema' printed nothing"

# The lines strictly between the markers.
awk -v b="$begin" -v e="$end" '$0 == e && inside { exit } inside { print } $0 == b { inside = 1 }' \
  "$doc" > "$tmp/block.md"

if ! diff -u --label "docs/model.md (generated block)" --label "simrun --schema" \
    "$tmp/block.md" "$tmp/schema.md" > "$tmp/schema.diff"; then
  cat "$tmp/schema.diff"
  echo "FAIL: docs/model.md's parameter reference differs from '$SIMRUN --schema': run scripts/update-docs.sh"
  exit 1
fi
echo "ok: docs/model.md parameter reference matches simrun --schema ($(wc -l < "$tmp/schema.md") lines)"
