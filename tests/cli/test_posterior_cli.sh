#!/usr/bin/env bash
# `--posterior FILE.h5` through the user's path: a small calibration gives a posterior; `simrun`
# and `simrun compare` draw the calibrated inputs from it (both sides of a compare the same
# particle in a draw, so A == B gives a difference of exactly 0) and record which posterior;
# `simrun sweep` draws the calibrated inputs it does not vary per run (same result for any -j and
# for shards + merge; merge refuses a changed posterior), and `range: posterior` sweeps an input
# over its posterior's central 95%; a bad posterior, or one given where nothing is drawn, is one
# located line and exit 2.
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

# Sweeps on the posterior: the calibrated inputs not swept are drawn per run. A posterior whose
# lambda particles all equal 3 must give exactly the sweep at lambda = 3 without a posterior.
cat > grid.yaml <<EOF
scenario: $BASELINE
seed: 5
runs: 150
focal: [{dyad: RUS-PAK, pact: consultation}, RUS-PAK]
set: [calendar.ticks=20]
design: {kind: grid}
parameters:
  - {path: parameters.w_loss, values: [1, 2, 3]}
EOF
cp post.h5 flat.h5
"$PYTHON" - flat.h5 <<'PY' || fail flat "could not edit the posterior"
import sys, h5py
with h5py.File(sys.argv[1], "r+") as f:
    names = [n.decode() for n in f["parameter"][()]]
    theta = f["theta"][()]
    theta[-1][:, names.index("parameters.lambda")] = 3.0
    f["theta"][...] = theta
PY
run sweep_flat 300 sweep grid.yaml --posterior flat.h5 -o flat_sweep.h5 -j 2
[ "$RC" -eq 0 ] || fail sweep_flat "exit $RC: $ERR"
run sweep_fixed 300 sweep grid.yaml --set parameters.lambda=3 -o fixed_sweep.h5 -j 2 -q
run sweep_pinned 300 sweep grid.yaml --set parameters.lambda=3 --posterior post.h5 -o pinned_sweep.h5 -j 2 -q
[ "$RC" -eq 0 ] || fail sweep_pinned "exit $RC: $ERR"
run sweep_post 300 sweep grid.yaml --posterior post.h5 -o post_sweep.h5 -j 2 -q
run sweep_post1 300 sweep grid.yaml --posterior post.h5 -o post_sweep1.h5 -j 1 -q
[ "$RC" -eq 0 ] || fail sweep_post "exit $RC: $ERR"
same_datasets post_sweep.h5 post_sweep1.h5 >cmp.out 2>&1 && ok "sweep --posterior: -j 1 == -j 2 ($(cat cmp.out))" ||
  fail sweep_threads "$(cat cmp.out)"
grep -q "1 calibrated inputs drawn per run from the posterior .*flat.h5 (checksum [0-9a-f]\{16\}" "$T/sweep_flat.out" &&
  ok "sweep names the posterior" || fail sweep_banner "$(head -3 "$T/sweep_flat.out")"
"$PYTHON" - <<'PY' && ok "sweep --posterior applies the particles and records the posterior" || fail sweep_file "see above"
import h5py, numpy as np
with h5py.File("flat_sweep.h5", "r") as a, h5py.File("fixed_sweep.h5", "r") as b, h5py.File("post_sweep.h5", "r") as p:
    for k in ("focal_formed_count", "alliance_formed_by", "front_mean"):
        assert np.array_equal(a[k][()], b[k][()]), k
    assert [x.decode() for x in a["posterior_drawn"][()]] == ["parameters.lambda"]  # w_loss is swept
    assert a.attrs["posterior"].endswith("/flat.h5") and len(a.attrs["posterior_checksum"]) == 16
    assert "posterior" not in b.attrs and "posterior_drawn" not in b
    assert a.attrs["posterior_checksum"] != p.attrs["posterior_checksum"]
    # the drawn λ moves the fronts (formation counts of 150 short runs are too few to differ surely)
    assert not np.array_equal(p["front_mean"][()], b["front_mean"][()])
with h5py.File("pinned_sweep.h5", "r") as a, h5py.File("fixed_sweep.h5", "r") as b:  # --set pins a calibrated input
    for k in ("focal_formed_count", "alliance_formed_by", "front_mean"):
        assert np.array_equal(a[k][()], b[k][()]), k
    assert "posterior_drawn" not in a and len(a.attrs["posterior_checksum"]) == 16
PY

if command -v mpirun >/dev/null; then
  env "${OMPI_LOCAL_ENV[@]}" mpirun -n 2 "$SIMRUN" sweep grid.yaml --posterior post.h5 -o post_mpi.h5 -j 1 -q >mpi.out 2>&1 ||
    fail mpi "exit $?: $(cat mpi.out)"
  same_datasets post_sweep.h5 post_mpi.h5 >cmp.out 2>&1 && ok "sweep --posterior: mpirun -n 2 == -j 2 ($(cat cmp.out))" ||
    fail mpi "$(cat cmp.out)"
fi

# Shards: the posterior enters the shard header; merge finds the same posterior or refuses.
cp post.h5 moving.h5
run sweep_moving 300 sweep grid.yaml --posterior moving.h5 -o moving_sweep.h5 -j 2 -q
for i in 0 1; do
  run shard_$i 300 sweep grid.yaml --posterior moving.h5 --shard $i/2 -o shard_$i.h5 -q
  [ "$RC" -eq 0 ] || fail shard "exit $RC: $ERR"
done
run merge 300 merge -o merged.h5 shard_0.h5 shard_1.h5 -q
[ "$RC" -eq 0 ] || fail merge "exit $RC: $ERR"
same_datasets moving_sweep.h5 merged.h5 >cmp.out 2>&1 && ok "posterior shards + merge == single ($(cat cmp.out))" || fail merge "$(cat cmp.out)"
cp flat.h5 moving.h5
run merge_changed 300 merge -o merged2.h5 shard_0.h5 shard_1.h5 -q
[ "$RC" -eq 2 ] && [[ "$ERR" == *"moving.h5"*"changed since the shards were computed"* ]] && [ ! -e merged2.h5 ] &&
  ok "merge refuses a changed posterior" || fail merge_changed "exit $RC: $ERR"
run shard_other 300 sweep grid.yaml --posterior flat.h5 --shard 1/2 -o shard_1b.h5 -q
run merge_mixed 300 merge -o merged3.h5 shard_0.h5 shard_1b.h5 -q
[ "$RC" -eq 2 ] && [ ! -e merged3.h5 ] && ok "shards of different posteriors never merge" || fail merge_mixed "exit $RC: $ERR"

# range: posterior: a Latin hypercube over the posterior's central 95% of w_loss.
cat > lhs.yaml <<EOF
scenario: $BASELINE
runs: 20
focal: [{dyad: RUS-PAK, pact: consultation}]
set: [calendar.ticks=4]
design: {kind: latin_hypercube, points: 16, seed: 3}
parameters:
  - {path: parameters.w_loss, range: posterior}
EOF
run lhs 300 sweep lhs.yaml --posterior post.h5 -o lhs.h5 -q
[ "$RC" -eq 0 ] || fail lhs "exit $RC: $ERR"
"$PYTHON" - <<'PY' && ok "range: posterior spans the posterior's central 95%" || fail lhs "see above"
import h5py, numpy as np
with h5py.File("lhs.h5", "r") as s, h5py.File("post.h5", "r") as p:
    names = [n.decode() for n in p["parameter"][()]]
    w = p["theta"][-1][:, names.index("parameters.w_loss")]
    d = s["design"][:, 0]
    assert w.min() <= d.min() and d.max() <= w.max(), (d.min(), d.max(), w.min(), w.max())
    assert s["parameter_distribution"][0].decode().startswith("posterior 95% range: uniform(")
    assert [x.decode() for x in s["posterior_drawn"][()]] == ["parameters.lambda"]
PY
run lhs_nopost 60 sweep lhs.yaml -o lhs_nopost.h5 -q
[ "$RC" -eq 2 ] && [[ "$ERR" == "simrun: error: lhs.yaml:7: parameters[0] (parameters.w_loss).range: 'range: posterior'"* ]] &&
  [ ! -e lhs_nopost.h5 ] && ok "range: posterior without --posterior" || fail lhs_nopost "exit $RC: $ERR"
sed 's/parameters.w_loss, range/parameters.r_min, range/' lhs.yaml >lhs_r.yaml
run lhs_uncalibrated 60 sweep lhs_r.yaml --posterior post.h5 -o lhs_r.h5 -q
[ "$RC" -eq 2 ] && [[ "$ERR" == *"does not calibrate 'parameters.r_min'"* ]] && ok "range: posterior of an uncalibrated input" ||
  fail lhs_uncalibrated "exit $RC: $ERR"

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
expect_bad sweep_missing "$TEST_TMP/missing.h5" sweep grid.yaml --posterior missing.h5 -q
expect_bad run_fixed "command line: --posterior" "$BASELINE" --fixed --posterior post.h5 -n 10 -t 4 -q
finish test_posterior_cli
