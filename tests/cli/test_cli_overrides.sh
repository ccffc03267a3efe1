#!/usr/bin/env bash
# Command-line overrides that spare editing a file (issue 12, "a CLI that teaches itself"):
#   compare --set-a/--set-b (one side only, after --set) and -t (both sides);
#   sweep -n/--seed/--set (for every point; a swept path refused), also through shards and merge.
# Each override must give exactly what the edited file gives, checked in the HDF5 files with h5py.
#
# Env (set by ctest): SIMRUN, SIMRUN_SOURCE_DIR, PYTHON (with h5py), TEST_TMP.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
require_env
fresh_tmp
T=$TEST_TMP
BASELINE="$SIMRUN_SOURCE_DIR/scenarios/baseline.yaml"

# ---- compare --set-b and -t -------------------------------------------------------------------

# B2 = the baseline edited as --set-b parameters.stance_persistence=0.7 says (a number without a
# prior: --set pins a number and drops its prior, an edit keeps it).
grep -q '^  stance_persistence: 0.9$' "$BASELINE" || fail setup "baseline.yaml has no line '  stance_persistence: 0.9'; update this test"
sed 's/^  stance_persistence: 0.9$/  stance_persistence: 0.7/' "$BASELINE" >b2.yaml
cmp -s b2.yaml "$BASELINE" && fail setup "b2.yaml was not edited"

common=(--fixed -n 300 -t 8 -s 11 -q)
run cmp_setb 300 compare "$BASELINE" "$BASELINE" "${common[@]}" --set-b parameters.stance_persistence=0.7 -o setb.h5
[ "$RC" -eq 0 ] || fail compare_setb "exit $RC: $ERR"
run cmp_edit 300 compare "$BASELINE" b2.yaml "${common[@]}" -o edited.h5
[ "$RC" -eq 0 ] || fail compare_edit "exit $RC: $ERR"
run cmp_plain 300 compare "$BASELINE" "$BASELINE" "${common[@]}" -o plain.h5
[ "$RC" -eq 0 ] || fail compare_plain "exit $RC: $ERR"
# --set-a and --set-b after a common --set: the side's own wins.
run cmp_order 300 compare "$BASELINE" "$BASELINE" "${common[@]}" --set parameters.stance_persistence=0.5 \
  --set-a parameters.stance_persistence=0.6 -o order.h5
[ "$RC" -eq 0 ] || fail compare_order "exit $RC: $ERR"

"$PYTHON" - <<'PY' && ok "compare --set-b changes B only, equals B edited; -t 8 gives 9 ticks; --set-a after --set" || fail compare "see above"
import h5py, numpy as np

def text(f, name):
    v = f[name][()]
    return v.decode() if isinstance(v, bytes) else str(v)

with h5py.File("setb.h5", "r") as s, h5py.File("edited.h5", "r") as e, h5py.File("plain.h5", "r") as p, \
        h5py.File("order.h5", "r") as o:
    # B's resolved scenario: the override shows, A's is untouched.
    rb, ra = text(s, "scenario_b/resolved_yaml"), text(s, "scenario_a/resolved_yaml")
    assert "stance_persistence: 0.7" in rb, "override not in B's resolved_yaml"
    assert "stance_persistence: 0.9" in ra and "stance_persistence: 0.7" not in ra, "A changed"
    assert ra == text(p, "scenario_a/resolved_yaml") == text(p, "scenario_b/resolved_yaml"), "A differs from the plain baseline"
    assert rb == text(e, "scenario_b/resolved_yaml"), "B's resolved_yaml differs from the edited file's"
    assert ra == text(e, "scenario_a/resolved_yaml")
    # The same numbers as the comparison against the edited file.
    names = []
    s.visititems(lambda n, obj: names.append(n) if isinstance(obj, h5py.Dataset) and not n.startswith("scenario_") else None)
    assert "b_alliance_formed_by" in names and "difference" in names, names
    for n in names:
        x, y = s[n][()], e[n][()]
        assert np.array_equal(x, y, equal_nan=getattr(x, "dtype", None) is not None and x.dtype.kind == "f"), n
    assert "--set-b parameters.stance_persistence=0.7" in s.attrs["command_line"]
    # -t 8: 8 quarters, tick 0 included.
    for f in (s, e, p, o):
        assert f.attrs["ticks"] == 8 and f["tick"].shape == (9,) and f["a_alliance_formed_by"].shape[0] == 9
        assert "ticks: 8" in text(f, "scenario_a/resolved_yaml") and "ticks: 8" in text(f, "scenario_b/resolved_yaml")
    # --set for both, then --set-a for A only.
    assert "stance_persistence: 0.6" in text(o, "scenario_a/resolved_yaml")
    assert "stance_persistence: 0.5" in text(o, "scenario_b/resolved_yaml")
PY
grep -qF -- "--set-b parameters.stance_persistence=0.7" "$T/cmp_setb.out" || true  # -q: nothing printed
run cmp_table 300 compare "$BASELINE" "$BASELINE" --fixed -n 50 -t 4 --set-b parameters.stance_persistence=0.7 -o table.h5
[ "$RC" -eq 0 ] && grep -qF "B = $BASELINE --set-b parameters.stance_persistence=0.7" "$T/cmp_table.out" &&
  grep -q "Formal alliance by 2019Q2" "$T/cmp_table.out" && ok "compare's table names the side's override and the -t horizon" ||
  fail compare_table "exit $RC: $(head -3 "$T/cmp_table.out") $ERR"

# ---- sweep -n, --seed, --set --------------------------------------------------------------------

cat >grid.yaml <<YAML
name: override_grid
scenario: $BASELINE
seed: 20180701
runs: 1000
focal: [RUS-PAK]
set: [calendar.ticks=6]
design: {kind: grid}
parameters:
  - {path: parameters.lambda, values: [2, 6]}
  - {path: "dyads.RUS-PAK.trade", values: [0.5, 2]}
YAML
# The same sweep file, edited to say what the options say.
cat >grid_edited.yaml <<YAML
name: override_grid
scenario: $BASELINE
seed: 3
runs: 50
focal: [RUS-PAK]
set: [calendar.ticks=6, global.threat=0.7]
design: {kind: grid}
parameters:
  - {path: parameters.lambda, values: [2, 6]}
  - {path: "dyads.RUS-PAK.trade", values: [0.5, 2]}
YAML
over=(-n 50 --seed 3 --set global.threat=0.7)
run sw_dry 120 sweep grid.yaml "${over[@]}" --dry-run
[ "$RC" -eq 0 ] && grep -q "4 points x 50 runs, 6 ticks, seed 3" "$T/sw_dry.out" &&
  grep -qF "from the command line: -n 50 --seed 3 --set global.threat=0.7" "$T/sw_dry.out" &&
  ok "sweep --dry-run shows the overrides" || fail sweep_dry "exit $RC: $(cat "$T/sw_dry.out") $ERR"
run sw_over 300 sweep grid.yaml "${over[@]}" -j 2 -o over.h5
[ "$RC" -eq 0 ] || fail sweep_over "exit $RC: $ERR"
grep -qF "from the command line: -n 50 --seed 3 --set global.threat=0.7" "$T/sw_over.out" || fail sweep_over "banner: $(head -2 "$T/sw_over.out")"
run sw_edit 300 sweep grid_edited.yaml -j 2 -o edited_sweep.h5
[ "$RC" -eq 0 ] || fail sweep_edit "exit $RC: $ERR"
run sw_plain 300 sweep grid.yaml -n 50 -j 2 -o plain_sweep.h5
[ "$RC" -eq 0 ] || fail sweep_plain "exit $RC: $ERR"

"$PYTHON" - <<'PY' && ok "sweep -n 50 --seed 3 --set X=V equals the sweep file edited to say so" || fail sweep "see above"
import h5py, numpy as np

def text(f, name):
    v = f[name][()]
    return v.decode() if isinstance(v, bytes) else str(v)

# What differs by construction: the sweep file's text and what is derived from it.
EXPECTED = {"sweep/yaml", "sweep/command_line_overrides"}
with h5py.File("over.h5", "r") as o, h5py.File("edited_sweep.h5", "r") as e, h5py.File("plain_sweep.h5", "r") as p:
    names = []
    o.visititems(lambda n, obj: names.append(n) if isinstance(obj, h5py.Dataset) else None)
    for n in ("alliance_formed_by", "focal_probability", "runs", "design", "point_overrides"):
        assert n in names, n
    for n in names:
        if n in EXPECTED:
            continue
        x, y = o[n][()], e[n][()]
        assert np.array_equal(x, y, equal_nan=getattr(x, "dtype", None) is not None and x.dtype.kind == "f"), n
    assert list(o["runs"][()]) == [50] * 4
    assert o.attrs["seed"] == e.attrs["seed"] == 3 and o.attrs["runs_per_point"] == 50
    assert text(o, "sweep/fixed_overrides") == "calendar.ticks=6\nglobal.threat=0.7\n"
    assert text(o, "sweep/command_line_overrides") == "runs=50\nseed=3\nset=global.threat=0.7\n"
    assert text(e, "sweep/command_line_overrides") == ""
    assert "threat: 0.7" in text(o, "sweep/scenario_resolved_yaml")
    assert list(o.attrs["format_version"]) == [1, 1]
    # The overrides enter the hashes: a sweep with and without them differ.
    assert o.attrs["design_hash"] != p.attrs["design_hash"] and o.attrs["sweep_hash"] != p.attrs["sweep_hash"]
    assert not np.array_equal(o["front_mean"][()], p["front_mean"][()])
PY

# A swept parameter cannot be --set (in either dyad order): one line, exit 2, nothing written.
for path in parameters.lambda dyads.PAK-RUS.trade; do
  run "sw_swept_${path//[^a-z]/_}" 60 sweep grid.yaml --set "$path=3" -o swept.h5
  if [ "$RC" -eq 2 ] && [ "$(wc -l <"$T/sw_swept_${path//[^a-z]/_}.err")" -eq 1 ] &&
     [[ $ERR == "simrun: error: command line: --set: '$path' is swept by grid.yaml"* ]] && [ ! -e swept.h5 ]; then
    ok "sweep --set $path=3 refused: $ERR"
  else
    fail sweep_swept "$path: exit $RC: $ERR"
  fi
done

# ---- shards with overrides: they merge with each other only ---------------------------------------

run sh0 300 sweep grid.yaml "${over[@]}" --shard 0/2 -o s0.h5 -j 2
run sh1 300 sweep grid.yaml "${over[@]}" --shard 1/2 -o s1.h5 -j 2
[ -f s0.h5 ] && [ -f s1.h5 ] || fail shards "not written: $ERR"
run sh_merge 300 merge -o merged.h5 s0.h5 s1.h5
[ "$RC" -eq 0 ] || fail merge "exit $RC: $ERR"
msg=$(same_datasets over.h5 merged.h5 2>&1) && ok "merge of shards run with -n/--seed/--set = the single-process sweep ($msg)" ||
  fail merge "differs: $msg"
"$PYTHON" -c '
import h5py, sys
with h5py.File("s0.h5", "r") as f:
    v = f.attrs["overrides"]
    v = v.decode() if isinstance(v, bytes) else str(v)
    sys.exit(v != "runs=50\nseed=3\nset=global.threat=0.7\n")' && ok "the shard records its overrides" || fail shard_attr "overrides attribute"
# The same shard run again with the same options: skipped; with other options: refused.
run sh_again 120 sweep grid.yaml "${over[@]}" --shard 0/2 -o s0.h5
[ "$RC" -eq 0 ] && grep -q "already complete" "$T/sh_again.out" && ok "a complete shard with the same overrides is skipped" ||
  fail shard_skip "exit $RC: $(cat "$T/sh_again.out") $ERR"
run sh_other 120 sweep grid.yaml -n 60 --seed 3 --set global.threat=0.7 --shard 0/2 -o s0.h5
[ "$RC" -eq 2 ] && [[ $ERR == *"is not a complete shard 0/2 of this sweep"* ]] && ok "other overrides: the shard is not skipped" ||
  fail shard_other "exit $RC: $ERR"
# A shard without the overrides (or with others) does not merge with them.
for variant in "" "--seed 4" "--set global.threat=0.6"; do
  # shellcheck disable=SC2086  # the variant's words
  run sh_x 300 sweep grid.yaml -n 50 $variant --shard 1/2 -o x1.h5 --force
  run sh_mix 120 merge -o mixed.h5 s0.h5 x1.h5
  if [ "$RC" -eq 2 ] && [ "$(wc -l <"$T/sh_mix.err")" -eq 1 ] && [[ $ERR == *"mismatched shards"* ]] && [ ! -e mixed.h5 ]; then
    ok "shards run with -n 50 $variant and with ${over[*]} do not merge"
  else
    fail shard_mix "'$variant': exit $RC: $ERR"
  fi
done

finish test_cli_overrides
