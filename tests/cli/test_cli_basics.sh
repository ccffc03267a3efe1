#!/usr/bin/env bash
# The happy paths of the simrun command line: --help, --version, --schema, a small run with and
# without -q, --force, the default output path, -t, --set, and SIGINT (exit 130, nothing left).
#
# Env (set by ctest): SIMRUN (binary), SIMRUN_SOURCE_DIR (repo root), PYTHON (with h5py),
# TEST_TMP (scratch dir).
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
require_env
fresh_tmp

BASELINE="$SIMRUN_SOURCE_DIR/scenarios/baseline.yaml"
T=$TEST_TMP

# h5 FILE EXPR...: prints each EXPR evaluated with f = h5py.File(FILE, 'r'), one per line (text
# with newlines escaped as \n); h5py and numpy (np) are imported. One Python start per call.
h5() {
  "$PYTHON" - "$@" <<'EOF'
import sys
import h5py
import numpy as np
with h5py.File(sys.argv[1], "r") as f:
    for expr in sys.argv[2:]:
        v = eval(expr)
        if isinstance(v, bytes):
            v = v.decode()
        print(str(v).replace("\n", "\\n"))
EOF
}

# ---- --help -------------------------------------------------------------------------------------
"$SIMRUN" --help >"$T/help.out" 2>"$T/help.err"
rc=$?
[ "$rc" -eq 0 ] || fail help "exit code $rc"
[ -s "$T/help.err" ] && fail help "wrote to stderr: $(cat "$T/help.err")"
grep -q '^Usage: simrun \[options\] scenario.yaml' "$T/help.out" || fail help "no usage line"
# Every option, short and long where it has both (Boost prints '-n [ --runs ]').
for opt in '-n [ --runs ]' '-t [ --ticks ]' '-s [ --seed ]' '-j [ --threads ]' '-o [ --output ]' \
           '--set' '--trajectories' '--force' '-q [ --quiet ]' '--schema' '--version' '-h [ --help ]'; do
  grep -qF -- "$opt" "$T/help.out" || fail help "does not list '$opt'"
done
for code in '0 success' '1 internal error' '2 bad input' '130 interrupted'; do
  grep -qF -- "$code" "$T/help.out" || fail help "does not document exit code '$code'"
done
"$SIMRUN" -h >"$T/h.out" 2>&1 && cmp -s "$T/h.out" "$T/help.out" || fail help "-h differs from --help"
ok help

# ---- --version ----------------------------------------------------------------------------------
"$SIMRUN" --version >"$T/version.out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || fail version "exit code $rc"
version_line=$(cat "$T/version.out")
[ "$(wc -l <"$T/version.out")" -eq 1 ] || fail version "not one line: $version_line"
# <commit> is the abbreviated hash of the build's HEAD, "-dirty" when the tree had changes
# (cmake/git_version.cmake), or "unknown" outside git.
if ! printf '%s\n' "$version_line" | grep -Eq '^simrun [0-9]+\.[0-9]+\.[0-9]+ \(([0-9a-f]{7,40}(-dirty)?|unknown)\)$'; then
  fail version "expected 'simrun <version> (<commit>)', got '$version_line'"
fi
project_version=$(sed -n 's/^project(simrun VERSION \([0-9.]*\).*/\1/p' "$SIMRUN_SOURCE_DIR/CMakeLists.txt")
case "$version_line" in
  "simrun $project_version ("*) ;;
  *) fail version "version is not the project's ($project_version): $version_line" ;;
esac
ok "version: $version_line"

# ---- --schema -----------------------------------------------------------------------------------
"$SIMRUN" --schema >"$T/schema.out" 2>"$T/schema.err"
rc=$?
[ "$rc" -eq 0 ] || fail schema "exit code $rc"
for section in '(`parameters:`)' '(`global:`)' '(`actors:' '(`dyads:' '(`project:`' '(`links:'; do
  grep '^#### ' "$T/schema.out" | grep -qF -- "$section" || fail schema "no heading for $section"
done
headers=$(grep -c '^| key | default | range | units | meaning' "$T/schema.out")
rules=$(grep -c '^|---|' "$T/schema.out")
[ "$headers" -eq 6 ] && [ "$rules" -eq 6 ] || fail schema "expected 6 Markdown tables, got $headers headers and $rules rules"
for key in lambda formation_hazard r_min threat_shock_rate size arms_import_share military crisis_rate project.start_rate access_value; do
  grep -q "^| \`$key\` |" "$T/schema.out" || fail schema "no row for '$key'"
done
# Every row of a table has as many cells as its header.
bad_rows=$(awk -F'|' '/^\| key \|/ { n = NF; next } /^\|/ { if (NF != n) print NR": "$0 }' "$T/schema.out")
[ -z "$bad_rows" ] || fail schema "rows with the wrong number of cells: $bad_rows"
ok schema

# ---- a small quiet run --------------------------------------------------------------------------
"$SIMRUN" -n 200 -q -o "$T/quiet.h5" "$BASELINE" >"$T/quiet.out" 2>"$T/quiet.err"
rc=$?
[ "$rc" -eq 0 ] || fail quiet "exit code $rc: $(cat "$T/quiet.err")"
[ -s "$T/quiet.out" ] && fail quiet "printed on stdout with -q: $(head -c 300 "$T/quiet.out")"
[ -s "$T/quiet.err" ] && fail quiet "printed on stderr: $(head -c 300 "$T/quiet.err")"
[ -f "$T/quiet.h5" ] || fail quiet "no output file"
mapfile -t r < <(h5 "$T/quiet.h5" "f.attrs['runs']" "f['run_formed'].shape")
[ "${r[0]:-}" = 200 ] || fail quiet "runs attribute is '${r[0]:-}', not 200"
[ "${r[1]:-}" = "(200, 10)" ] || fail quiet "run_formed has shape '${r[1]:-}', not (200, 10)"
ok quiet

# ---- the same run, talking ----------------------------------------------------------------------
"$SIMRUN" -n 200 -o "$T/loud.h5" "$BASELINE" >"$T/loud.out" 2>"$T/loud.err"
rc=$?
[ "$rc" -eq 0 ] || fail summary "exit code $rc: $(cat "$T/loud.err")"
[ -f "$T/loud.h5" ] || fail summary "no output file"
grep -q 'RUS-PAK' "$T/loud.out" || fail summary "no RUS-PAK line"
# The focal dyad's line: its t0 pact, then three probabilities (defence, consultation,
# nonaggression) with their bracketed intervals; the header says what the intervals cover.
P='[01]\.[0-9]{4} \[0\.[0-9]{4}, [01]\.[0-9]{4}\]'
grep -Eq "^ *RUS-PAK +none +$P +$P +$P" "$T/loud.out" ||
  fail summary "RUS-PAK line has no 't0 pact, then 3 x P [lo, hi]': $(grep RUS-PAK "$T/loud.out")"
grep -Eq "^ *USA-PAK +defence \(ATOP 3355\) +$P" "$T/loud.out" ||
  fail summary "USA-PAK line does not show its t0 defence pact (ATOP 3355): $(grep USA-PAK "$T/loud.out")"
grep -qF 'NEW pact' "$T/loud.out" || fail summary "the header does not say that P counts new pacts only"
grep -qF 'Monte Carlo error only' "$T/loud.out" || fail summary "the header does not say what the intervals cover"
grep -qF '[0.' "$T/loud.out" || fail summary "no bracketed interval '[0.'"
grep -q 'Most frequent bloc configuration' "$T/loud.out" || fail summary "no 'Most frequent bloc configuration'"
grep -qF "Wrote $T/loud.h5" "$T/loud.out" || fail summary "does not say where it wrote"
# The quiet and talking runs are the same experiment: same numbers.
[ "$(h5 "$T/loud.h5" "np.array_equal(f['alliance_formed_by'][()], h5py.File('$T/quiet.h5', 'r')['alliance_formed_by'][()])")" = True ] ||
  fail summary "-q changed the results"
ok summary

# ---- --force ------------------------------------------------------------------------------------
cp -p "$T/quiet.h5" "$T/quiet.before.h5"
"$SIMRUN" -n 200 -q -s 5 -o "$T/quiet.h5" "$BASELINE" >/dev/null 2>&1
[ $? -eq 2 ] || fail force "did not refuse to overwrite an existing file without --force"
cmp -s "$T/quiet.h5" "$T/quiet.before.h5" || fail force "the existing file changed without --force"
"$SIMRUN" -n 300 -q -s 5 --force -o "$T/quiet.h5" "$BASELINE" >"$T/force.out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || fail force "exit code $rc with --force: $(cat "$T/force.out")"
[ "$(h5 "$T/quiet.h5" "(int(f.attrs['seed']), int(f.attrs['runs']))")" = "(5, 300)" ] || fail force "the file was not overwritten"
leftover=$(find "$T" -name '*.partial-*')
[ -z "$leftover" ] || fail force "temporary file left: $leftover"
ok force

# ---- default output path: results/<stem>.h5 relative to the working directory -------------------
mkdir -p "$T/work"
cp "$BASELINE" "$T/work/my_scenario.yaml"
(cd "$T/work" && "$SIMRUN" -n 50 my_scenario.yaml >"$T/default.out" 2>"$T/default.err")
rc=$?
[ "$rc" -eq 0 ] || fail default_output "exit code $rc: $(cat "$T/default.err")"
[ -f "$T/work/results/my_scenario.h5" ] || fail default_output "results/my_scenario.h5 not created in the working directory: $(cd "$T/work" && find . | tr '\n' ' ')"
grep -qF 'Wrote results/my_scenario.h5' "$T/default.out" || fail default_output "summary does not name results/my_scenario.h5"
[ -e "$SIMRUN_SOURCE_DIR/results/my_scenario.h5" ] && fail default_output "wrote into the source tree's results/"
# A second run refuses to overwrite the default file too.
(cd "$T/work" && "$SIMRUN" -n 50 -q my_scenario.yaml >/dev/null 2>&1)
[ $? -eq 2 ] || fail default_output "second run without --force did not exit 2"
ok default_output

# ---- -t ------------------------------------------------------------------------------------------
"$SIMRUN" -n 100 -q -t 8 -o "$T/ticks.h5" "$BASELINE" >"$T/ticks.out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || fail ticks "exit code $rc: $(cat "$T/ticks.out")"
mapfile -t r < <(h5 "$T/ticks.h5" "int(f.attrs['ticks'])" "f['tick'].shape[0]" "f['alliance_formed_by'].shape" "f.attrs['end_quarter']")
[ "${r[0]:-}" = 8 ] || fail ticks "root attribute ticks is '${r[0]:-}', not 8"
[ "${r[1]:-}" = 9 ] || fail ticks "tick dimension is ${r[1]:-} long, not 9 (ticks 0..8)"
[ "${r[2]:-}" = "(9, 10)" ] || fail ticks "alliance_formed_by has shape '${r[2]:-}', not (9, 10)"
[ "${r[3]:-}" = 2020Q2 ] || fail ticks "end_quarter is '${r[3]:-}', not 2020Q2 (2018Q3 + 7 quarters)"
ok ticks

# ---- --set ---------------------------------------------------------------------------------------
"$SIMRUN" -n 500 -q -s 3 -o "$T/set_base.h5" "$BASELINE" >/dev/null 2>&1 || fail set "baseline run failed"
"$SIMRUN" -n 500 -q -s 3 --set parameters.lambda=2 -o "$T/set_lambda.h5" "$BASELINE" >"$T/set.out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || fail set "exit code $rc: $(cat "$T/set.out")"
mapfile -t r < <(h5 "$T/set_lambda.h5" "f['scenario/overrides'][()]" \
  "h5py.File('$T/set_base.h5', 'r')['scenario/overrides'][()]" \
  "[l.strip() for l in f['scenario/resolved_yaml'][()].decode().splitlines() if l.strip().startswith('lambda:')]" \
  "all(np.array_equal(f[k][()], h5py.File('$T/set_base.h5', 'r')[k][()]) for k in ('alliance_formed_by', 'willingness_mean', 'run_final_front'))")
# The recorded text is one assignment per line: 'parameters.lambda=2' and a newline.
[ "${r[0]:-}" = 'parameters.lambda=2\n' ] || fail set "/scenario/overrides is '${r[0]:-}', expected 'parameters.lambda=2\n'"
[ -z "${r[1]:-}" ] || fail set "/scenario/overrides of a run without --set is '${r[1]:-}', not empty"
[ "${r[2]:-}" = "['lambda: 2']" ] || fail set "resolved_yaml has ${r[2]:-}, expected ['lambda: 2']"
[ "${r[3]:-}" = False ] || fail set "lambda=2 did not change the results"
ok set

# ---- SIGINT --------------------------------------------------------------------------------------
# A long run (minutes) interrupted after about a second: exit 130, "interrupted" on stderr, and
# neither the output nor its temporary .partial-<pid> file remains.
out="$T/sigint.h5"
"$SIMRUN" -n 2000000 -q -o "$out" "$BASELINE" >"$T/sigint.out" 2>"$T/sigint.err" &
pid=$!
sleep 1
if ! kill -0 "$pid" 2>/dev/null; then
  wait "$pid"
  fail sigint "the long run ended before the signal (exit $?): $(cat "$T/sigint.err")"
else
  [ -e "$out.partial-$pid" ] || fail sigint "no temporary file $out.partial-$pid while running (naming changed?)"
  kill -INT "$pid"
  for _ in $(seq 100); do  # up to 20 s
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    fail sigint "still running 20 s after SIGINT"
  fi
  wait "$pid"
  rc=$?
  [ "$rc" -eq 130 ] || fail sigint "exit code $rc, expected 130 (stderr: $(cat "$T/sigint.err"))"
  grep -q 'interrupted' "$T/sigint.err" || fail sigint "stderr does not say 'interrupted': $(cat "$T/sigint.err")"
  [ -e "$out" ] && fail sigint "output file exists after the interrupt"
  leftover=$(find "$T" -name '*.partial-*')
  [ -z "$leftover" ] || fail sigint "temporary file left: $leftover"
  ok "sigint: $(cat "$T/sigint.err")"
fi

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
