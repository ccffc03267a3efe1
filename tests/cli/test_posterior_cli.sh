#!/usr/bin/env bash
# `--posterior FILE.h5` through the user's path: a small calibration gives a posterior; `simrun`
# and `simrun compare` draw the calibrated inputs from it (both sides of a compare the same
# particle in a draw, so A == B gives a difference of exactly 0) and record which posterior;
# a bad posterior, or one given where nothing is drawn, is one located line and exit 2.
#
# Env (set by ctest): SIMRUN, SIMRUN_SOURCE_DIR, PYTHON (with h5py), TEST_TMP.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
require_env
fresh_tmp
T=$TEST_TMP
BASELINE=$SIMRUN_SOURCE_DIR/scenarios/baseline.yaml

# A quick posterior of two inputs the baseline has priors for (60 particles, 1 run each).
sed -e "s|^scenario: .*|scenario: $SIMRUN_SOURCE_DIR/scenarios/historical_2014.yaml|" \
    -e "s|^particles: .*|particles: 60|" \
    -e "s|^runs_per_particle: .*|runs_per_particle: 1\nparameters: [parameters.w_loss, parameters.lambda]|" \
    "$SIMRUN_SOURCE_DIR/scenarios/calibrations/history_2014_2018.yaml" >small.yaml
run calibrate 300 calibrate small.yaml --set 'parameters.w_loss~uniform(1, 3)' --set 'parameters.lambda~loguniform(2, 8)' \
  -o post.h5 -j 2 -q
[ "$RC" -eq 0 ] || fail calibrate "exit $RC: $ERR"

QUICK=(--draws 12 -n 8 -t 8 -j 2 -q)
run run 300 "$BASELINE" --posterior post.h5 "${QUICK[@]}" -o run.h5
[ "$RC" -eq 0 ] || fail run "exit $RC: $ERR"
run compare 300 compare "$BASELINE" "$BASELINE" --posterior post.h5 "${QUICK[@]}" -o same.h5
[ "$RC" -eq 0 ] || fail compare "exit $RC: $ERR"
run compare_out 300 compare "$BASELINE" "$BASELINE" --posterior post.h5 --draws 12 -n 8 -t 8 -j 2 -o shown.h5
grep -q "drawn from the posterior post.h5 (checksum [0-9a-f]\{16\}" "$T/compare_out.out" && ok "compare names the posterior" ||
  fail compare_summary "$(head -3 "$T/compare_out.out")"
run contrast 300 compare "$BASELINE" "$BASELINE" --set-b parameters.formation_hazard=0.05 --posterior post.h5 --draws 12 -n 8 -j 2 -q -o contrast.h5
[ "$RC" -eq 0 ] || fail contrast "exit $RC: $ERR"

"$PYTHON" - run.h5 same.h5 contrast.h5 post.h5 <<'PY' && ok "compare draws from the posterior, records it, A == B gives 0" || fail compare_file "see above"
import sys, h5py, numpy as np
run, same, contrast, post = (h5py.File(p, "r") for p in sys.argv[1:5])
for f in (run, same, contrast):
    assert f.attrs["inputs"] == "posterior predictive", f.attrs["inputs"]
    assert f.attrs["posterior"] == "post.h5" and f.attrs["posterior_absolute_path"].endswith("/post.h5")
    assert f.attrs["posterior_checksum"] == run.attrs["posterior_checksum"] and len(run.attrs["posterior_checksum"]) == 16
# The difference of a scenario with itself is exactly 0: same draws, same runs.
for name in ("difference", "difference_draw_median", "difference_draw_q10", "difference_draw_q90"):
    assert np.all(same[name][()] == 0), name
assert np.all(same["paired_draws/difference"][()] == 0)
assert np.array_equal(same["a/draws/parameters"][()], same["b/draws/parameters"][()])
# The calibrated inputs are posterior particles, the same ones `simrun --posterior` drew.
names = [n.decode() for n in same["a/draws/parameter"][()]]
theta = post["theta"][-1]
for c, n in enumerate(p.decode() for p in post["parameter"][()]):
    k = names.index(n)
    drawn = same["a/draws/parameters"][:, k]
    assert np.all(np.isin(drawn, theta[:, c])), n
    assert np.array_equal(drawn, run["draws/parameters"][:, k]), n
# Both sides of a contrast share the draws of every input they share (--set-b fixed one of B's);
# the contrast shows.
na, nb = ([n.decode() for n in contrast[s + "/draws/parameter"][()]] for s in "ab")
for n in set(na) & set(nb):
    assert np.array_equal(contrast["a/draws/parameters"][:, na.index(n)], contrast["b/draws/parameters"][:, nb.index(n)]), n
assert np.any(contrast["difference"][()] != 0)
PY

# Bad input: one line naming file/field, exit 2, no output.
expect_bad() {  # NAME EXPECTED-START ARGS...
  local name=$1 want=$2
  shift 2
  run "$name" 120 "$@" -o "bad_$name.h5"
  if [ "$RC" -eq 2 ] && [ "$(wc -l <"$T/$name.err")" -eq 1 ] && [[ "$ERR" == "simrun: error: $want"* ]] && [ ! -e "bad_$name.h5" ]; then
    ok "bad $name"
  else
    fail "bad $name" "exit $RC: $ERR"
  fi
}
expect_bad compare_missing "missing.h5" compare "$BASELINE" "$BASELINE" --posterior missing.h5 "${QUICK[@]}"
expect_bad compare_not_posterior "run.h5" compare "$BASELINE" "$BASELINE" --posterior run.h5 "${QUICK[@]}"
expect_bad compare_fixed "command line: --posterior" compare "$BASELINE" "$BASELINE" --fixed --posterior post.h5 -n 10 -t 4 -q
expect_bad run_fixed "command line: --posterior" "$BASELINE" --fixed --posterior post.h5 -n 10 -t 4 -q
finish test_posterior_cli
