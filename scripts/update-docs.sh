#!/usr/bin/env bash
# Regenerates the parameter reference of docs/model.md from the loader's schema.
#
#   scripts/update-docs.sh [SIMRUN]      SIMRUN: a simrun binary (default: build/sim/simrun)
#
# Replaces, verbatim, everything between the two marker lines
#   <!-- BEGIN GENERATED: simrun --schema -->
#   <!-- END GENERATED -->
# with the output of `SIMRUN --schema`, and touches nothing else. Idempotent: when the block is
# already current the file is not rewritten. tests/cli/test_docs_schema.sh checks the result.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
simrun="${1:-$root/build/sim/simrun}"
doc="$root/docs/model.md"
begin='<!-- BEGIN GENERATED: simrun --schema -->'
end='<!-- END GENERATED -->'

die() { echo "update-docs: $*" >&2; exit 1; }

[[ -f "$simrun" && -x "$simrun" ]] ||
  die "'$simrun' is not an executable simrun binary (build it: cmake --build build --target simrun)"
[[ -f "$doc" ]] || die "'$doc' not found"

# Exactly one of each marker, each on its own line, BEGIN before END.
begin_at=$(grep -nxF -- "$begin" "$doc" | cut -d: -f1 || true)
end_at=$(grep -nxF -- "$end" "$doc" | cut -d: -f1 || true)
[[ -n "$begin_at" && "$begin_at" != *$'\n'* ]] || die "$doc needs exactly one line '$begin'"
[[ -n "$end_at" && "$end_at" != *$'\n'* ]] || die "$doc needs exactly one line '$end'"
(( begin_at < end_at )) || die "in $doc the line '$begin' must come before '$end'"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$simrun" --schema > "$tmp/schema.md" || die "'$simrun --schema' failed"
[[ -s "$tmp/schema.md" ]] || die "'$simrun --schema' printed nothing"

# Lines up to BEGIN, the schema verbatim, lines from END on.
{
  head -n "$begin_at" "$doc"
  cat "$tmp/schema.md"
  tail -n "+$end_at" "$doc"
} > "$tmp/model.md"

if cmp -s "$tmp/model.md" "$doc"; then
  echo "docs/model.md: parameter reference already matches $simrun --schema"
else
  cat "$tmp/model.md" > "$doc"  # rewrite in place: keeps the file's permissions and links
  echo "docs/model.md: parameter reference regenerated from $simrun --schema"
fi
