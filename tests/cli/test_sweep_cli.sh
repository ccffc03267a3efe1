#!/usr/bin/env bash
# The `simrun sweep` command line: --help, --dry-run, the default output path, refusing to
# overwrite, -q, a Saltelli sweep's Sobol table and datasets, thread-count independence, and bad
# sweep files refused with exit code 2 and a message naming the file, line and field.
#
# Env (set by ctest): SIMRUN, SIMRUN_SOURCE_DIR, PYTHON (with h5py), TEST_TMP.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
require_env
fresh_tmp

"$SIMRUN" sweep --help >help.out 2>&1 || fail help "exit $?"
for s in 'Usage: simrun sweep' 'mpirun -n K' '--shard' '--dry-run' '-j [ --threads ]' '2 bad input'; do
  grep -qF -- "$s" help.out || fail help "does not mention '$s'"
done
"$SIMRUN" merge --help | grep -q 'Usage: simrun merge' || fail help "merge --help"
ok help

# Every sweep file in scenarios/sweeps/ is valid; one with `range: posterior` is checked with a
# quick posterior of the 2014-18 calibration (40 particles, 2 generations).
sed -e "s|^scenario: .*|scenario: $SIMRUN_SOURCE_DIR/scenarios/historical_2014.yaml|" -e 's/^particles: .*/particles: 40/' \
    -e 's/^max_generations: .*/max_generations: 2/' "$SIMRUN_SOURCE_DIR/scenarios/calibrations/history_2014_2018.yaml" >quick_calibration.yaml
"$SIMRUN" calibrate quick_calibration.yaml -o quick_posterior.h5 -q || fail dry-run "quick calibration: exit $?"
for f in "$SIMRUN_SOURCE_DIR"/scenarios/sweeps/*.yaml; do
  posterior=()
  grep -q "range: posterior" "$f" && posterior=(--posterior quick_posterior.h5)
  "$SIMRUN" sweep "$f" "${posterior[@]}" --dry-run >dry.out 2>&1 && ok "dry-run $(basename "$f"): $(head -1 dry.out | cut -c1-120)" || fail dry-run "$f: $(cat dry.out)"
done
[ -d results ] && fail dry-run "--dry-run created results/"

cat > saltelli.yaml <<YAML
name: cli_saltelli
scenario: $SIMRUN_SOURCE_DIR/scenarios/baseline.yaml
runs: 100
focal: [RUS-PAK, RUS-CHN]
set: [calendar.ticks=6]
design: {kind: saltelli, base_samples: 8, seed: 2, bootstrap: 100}
parameters:
  - {path: parameters.lambda, distribution: {loguniform: [2, 8]}}
  - {path: "dyads.RUS-PAK.trade", range: [0.5, 3]}
YAML
"$SIMRUN" sweep saltelli.yaml -j 1 >sal.out 2>sal.err || fail saltelli "exit $?: $(cat sal.err)"
[ -f results/saltelli.h5 ] && ok "default output results/saltelli.h5" || fail saltelli "no results/saltelli.h5"
grep -q "Sobol indices of P(RUS-PAK by 2019Q4), ranked by total index (N = 8, 32 points" sal.out || fail saltelli "no Sobol table: $(cat sal.out)"
[ "$(grep -c "Sobol indices of P(" sal.out)" -eq 2 ] || fail saltelli "expected a Sobol table per focal dyad: $(cat sal.out)"
"$PYTHON" - <<'PY' || fail saltelli "file contents"
import h5py, numpy as np
with h5py.File("results/saltelli.h5", "r") as f:
    assert f["sobol_first"].shape == (2, 2) and f["sobol_total_upper"].shape == (2, 2)
    assert list(f["saltelli_block"][()]) == [0] * 8 + [1] * 8 + [2] * 8 + [3] * 8
    d = f["design"][()]
    assert np.array_equal(d[16:24, 0], d[8:16, 0]) and np.array_equal(d[16:24, 1], d[0:8, 1])
    assert f.attrs["design"] == "saltelli" and f.attrs["base_samples"] == 8
    assert "uniform(0.5, 3)" in [s.decode() for s in f["parameter_distribution"][()]]
PY
"$SIMRUN" sweep saltelli.yaml >again.out 2>again.err
[ $? -eq 2 ] && grep -q "exists; use --force" again.err && ok "refuses to overwrite" || fail overwrite "$(cat again.err)"
"$SIMRUN" sweep saltelli.yaml --force -q -j 2 -o j2.h5 >q.out 2>&1 || fail quiet "exit $?"
[ -s q.out ] && fail quiet "printed: $(cat q.out)"
"$PYTHON" - <<'PY' && ok "-j 1 == -j 2" || fail threads "-j 1 and -j 2 differ"
import h5py, numpy as np
with h5py.File("results/saltelli.h5", "r") as a, h5py.File("j2.h5", "r") as b:
    for k in ["alliance_formed_by", "front_mean", "sobol_first", "sobol_total_lower", "design", "runs"]:
        assert np.array_equal(a[k][()], b[k][()]), k
PY

# A typed focal outcome: P(new consultation pact) is the experiment file's pact_formed_by of the
# same point; typed results pass through shards and merge unchanged.
cat > typed.yaml <<EOF
scenario: $SIMRUN_SOURCE_DIR/scenarios/baseline.yaml
seed: 7
runs: 300
focal: [{dyad: RUS-PAK, pact: consultation}, RUS-PAK, {dyad: RUS-PAK, pact: nonaggression}]
design: {kind: grid}
parameters:
  - {path: parameters.w_loss, values: [1, 2]}
EOF
"$SIMRUN" sweep typed.yaml -o typed.h5 -j 2 >typed.out 2>&1 || fail typed "$(cat typed.out)"
grep -q "P(RUS-PAK consultation pact formed by" typed.out && ok "typed outcome in the summary" || fail typed "$(cat typed.out)"
"$SIMRUN" "$SIMRUN_SOURCE_DIR/scenarios/baseline.yaml" --fixed --set parameters.w_loss=2 -n 300 -s 7 -q -o typed_run.h5 ||
  fail typed "run exit $?"
for i in 0 1; do "$SIMRUN" sweep typed.yaml --shard $i/2 -o typed_shard_$i.h5 -q || fail typed "shard $i exit $?"; done
"$SIMRUN" merge -q -o typed_merged.h5 typed_shard_0.h5 typed_shard_1.h5 || fail typed "merge exit $?"
same_datasets typed.h5 typed_merged.h5 >cmp.out 2>&1 && ok "typed: 2 shards + merge == single ($(cat cmp.out))" ||
  fail typed-merge "$(cat cmp.out)"
"$PYTHON" - <<'PY' && ok "typed outcome == the run's pact_formed_by" || fail typed "see above"
import h5py, numpy as np
with h5py.File("typed.h5", "r") as s, h5py.File("typed_run.h5", "r") as r:
    assert [t.decode() for t in s["focal_pact_type"][()]] == ["consultation", "defence", "nonaggression"]
    d = [x.decode() for x in r["dyad"][()]].index("RUS-PAK")
    types = [t.decode() for t in r["pact_type"][()]]
    for k, t in enumerate(["consultation", "defence", "nonaggression"]):
        assert s["focal_probability"][1, k] == r["pact_formed_by"][-1, d, types.index(t)], t
    assert s["focal_probability"][1, 1] == s["alliance_formed_by"][1, -1, d]
PY

# Bad input: exit 2, one line naming file:line: field.
check_bad() {  # check_bad NAME EXPECTED_MESSAGE_REGEX YAML
  printf '%s\n' "$3" > "bad_$1.yaml"
  "$SIMRUN" sweep "bad_$1.yaml" -o "bad_$1.h5" >"bad_$1.out" 2>"bad_$1.err"
  local rc=$?
  [ "$rc" -eq 2 ] || { fail "$1" "exit $rc: $(cat "bad_$1.err")"; return; }
  grep -qE -- "$2" "bad_$1.err" || { fail "$1" "message lacks /$2/: $(cat "bad_$1.err")"; return; }
  [ -e "bad_$1.h5" ] && { fail "$1" "wrote an output"; return; }
  ok "$1: $(cat "bad_$1.err")"
}
B="scenario: $SIMRUN_SOURCE_DIR/scenarios/baseline.yaml"
check_bad unknown-key "bad_unknown-key.yaml:2: desing: unknown key 'desing'; did you mean 'design'" "$B
desing: {kind: grid}"
check_bad unknown-path "bad_unknown-path.yaml:6: parameters\[0\] \(parameters.lamda\): .*lambda" "$B
runs: 10
focal: [RUS-PAK]
design: {kind: grid}
parameters:
  - {path: parameters.lamda, values: [1, 2]}"
check_bad out-of-range "bad_out-of-range.yaml:6: parameters\[0\] \(parameters.r_min\): value 2: expected a number in \[0, 1\]" "$B
runs: 10
focal: [RUS-PAK]
design: {kind: grid}
parameters:
  - {path: parameters.r_min, values: [0.4, 2]}"
check_bad focal "bad_focal.yaml:3: focal\[0\]: 'RUS-XYZ' is not a dyad" "$B
runs: 10
focal: [RUS-XYZ]
design: {kind: grid}
parameters:
  - {path: parameters.lambda, values: [1]}"
check_bad pact "bad_pact.yaml:3: focal\[0\].pact: unknown pact type 'consultaton'; did you mean 'consultation'" "$B
runs: 10
focal: [{dyad: RUS-PAK, pact: consultaton}]
design: {kind: grid}
parameters:
  - {path: parameters.lambda, values: [1]}"
check_bad pact-dyad "bad_pact-dyad.yaml:3: focal\[1\]: 'RUS-XYZ' is not a dyad" "$B
runs: 10
focal: [RUS-PAK, {dyad: RUS-XYZ, pact: consultation}]
design: {kind: grid}
parameters:
  - {path: parameters.lambda, values: [1]}"
check_bad no-runs "bad_no-runs.yaml: runs: missing field 'runs'" "$B
focal: [RUS-PAK]"
check_bad scenario "bad_scenario.yaml:1: scenario: cannot find the scenario file 'nowhere.yaml'" "scenario: nowhere.yaml
runs: 10
focal: [A-B]
design: {kind: grid}
parameters: [{path: parameters.lambda, values: [1]}]"
check_bad yaml "bad_yaml.yaml:[0-9]+: not valid YAML" "scenario: x
runs: [1"
"$SIMRUN" sweep no_such_sweep.yaml >nf.out 2>nf.err
[ $? -eq 2 ] && grep -q "cannot open the sweep file" nf.err && ok "missing sweep file" || fail missing "$(cat nf.err)"
"$SIMRUN" sweep saltelli.yaml --bogus >bo.out 2>bo.err
[ $? -eq 2 ] && grep -q "unrecognised option '--bogus'" bo.err && ok "unknown option" || fail option "$(cat bo.err)"

finish test_sweep_cli
