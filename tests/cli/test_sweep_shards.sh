#!/usr/bin/env bash
# Shards and merge: 4 shards + `simrun merge` give the single-process file dataset for dataset
# (from a list of files and from a directory); a complete shard is skipped when re-run; merge
# refuses missing, duplicate, incomplete, corrupted, truncated and mismatched shards (different
# sweep, design, shard count or simrun build) with a clear message and exit code 2.
#
# Env (set by ctest): SIMRUN, SIMRUN_SOURCE_DIR, PYTHON (with h5py), TEST_TMP.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
require_env
fresh_tmp

write_sweep() {  # write_sweep FILE SEED
  cat > "$1" <<YAML
name: shard_grid
scenario: $SIMRUN_SOURCE_DIR/scenarios/baseline.yaml
seed: $2
runs: 200
focal: [RUS-PAK]
set: [calendar.ticks=10]
design: {kind: grid}
parameters:
  - {path: parameters.lambda, values: [2, 4, 6]}
  - {path: parameters.r_min, values: [0.35, 0.5]}
YAML
}
write_sweep small.yaml 11
write_sweep other.yaml 12

# expect_refusal NAME PATTERN CMD...: CMD must exit 2 with PATTERN on stderr, and leave no out.h5.
expect_refusal() {
  local name=$1 pattern=$2; shift 2
  rm -f out.h5
  "$@" >"$name.out" 2>"$name.err"
  local rc=$?
  if [ "$rc" -ne 2 ]; then fail "$name" "exit $rc (expected 2): $(cat "$name.err")"; return; fi
  grep -qE -- "$pattern" "$name.err" || { fail "$name" "message lacks /$pattern/: $(cat "$name.err")"; return; }
  [ -e out.h5 ] && { fail "$name" "wrote out.h5 anyway"; return; }
  ok "$name: $(head -c 220 "$name.err")"
}

"$SIMRUN" sweep small.yaml -o single.h5 -q || fail single "exit $?"
mkdir -p shards
for i in 0 1 2 3; do
  "$SIMRUN" sweep small.yaml --shard "$i/4" -o "shards/shard_$i.h5" -j 1 >"shard_$i.out" 2>&1 || fail "shard $i" "$(cat "shard_$i.out")"
done
grep -q "Wrote shard 3/4 (1 points" shard_3.out || fail shards "shard 3 of 6 points should hold 1 point: $(cat shard_3.out)"
"$SIMRUN" merge -o merged.h5 shards/shard_0.h5 shards/shard_1.h5 shards/shard_2.h5 shards/shard_3.h5 >merge.out 2>&1 || fail merge "$(cat merge.out)"
same_datasets single.h5 merged.h5 >cmp.out 2>&1 && ok "4 shards + merge == single ($(cat cmp.out))" || fail compare "$(cat cmp.out)"
"$SIMRUN" merge -q -o merged_dir.h5 shards || fail merge-dir "exit $?"
same_datasets single.h5 merged_dir.h5 >/dev/null 2>&1 && ok "merge of a directory" || fail merge-dir "differs"
"$PYTHON" -c "import h5py,sys; sys.exit(0 if h5py.File('merged.h5').attrs['merged_shards'] == 4 else 1)" || fail merge "merged_shards != 4"

# Re-running a complete shard skips it (and leaves it untouched); --force recomputes it.
before=$(stat -c %Y shards/shard_1.h5)
"$SIMRUN" sweep small.yaml --shard 1/4 -o shards/shard_1.h5 >skip.out 2>&1 || fail skip "exit $?: $(cat skip.out)"
grep -q "already complete" skip.out && ok "complete shard skipped" || fail skip "$(cat skip.out)"
[ "$(stat -c %Y shards/shard_1.h5)" = "$before" ] || fail skip "the shard was rewritten"
"$SIMRUN" sweep small.yaml --shard 1/4 -o shards/shard_1.h5 --force -q || fail force "exit $?"
# A file of another sweep at a shard's path is not skipped silently.
"$SIMRUN" sweep other.yaml --shard 1/4 -o other_1.h5 -q
cp other_1.h5 wrong_1.h5
"$SIMRUN" sweep small.yaml --shard 1/4 -o wrong_1.h5 -q >wrong.out 2>wrong.err
[ $? -eq 2 ] && grep -q "not a complete shard 1/4 of this sweep" wrong.err && ok "foreign file at a shard path refused" || fail wrong "$(cat wrong.err)"

# Refusals.
expect_refusal missing "missing 1 of 4 shards: 2/4" "$SIMRUN" merge -o out.h5 shards/shard_0.h5 shards/shard_1.h5 shards/shard_3.h5
cp shards/shard_0.h5 dup.h5
expect_refusal duplicate "duplicate shard: it is shard 0/4" "$SIMRUN" merge -o out.h5 shards/shard_0.h5 dup.h5 shards/shard_1.h5 shards/shard_2.h5 shards/shard_3.h5
cp shards/shard_2.h5 incomplete.h5
"$PYTHON" -c "import h5py; f = h5py.File('incomplete.h5', 'r+'); del f.attrs['complete']"
expect_refusal incomplete "incomplete shard" "$SIMRUN" merge -o out.h5 shards/shard_0.h5 shards/shard_1.h5 incomplete.h5 shards/shard_3.h5
cp shards/shard_2.h5 corrupt.h5
"$PYTHON" - <<'PY'
import h5py
with h5py.File("corrupt.h5", "r+") as f:
    r = f["results"][()]
    r[100] ^= 0xFF
    f["results"][...] = r
PY
expect_refusal corrupted "do not match their checksum" "$SIMRUN" merge -o out.h5 shards/shard_0.h5 shards/shard_1.h5 corrupt.h5 shards/shard_3.h5
head -c 3000 shards/shard_2.h5 > truncated.h5
expect_refusal truncated "truncated or corrupted" "$SIMRUN" merge -o out.h5 shards/shard_0.h5 shards/shard_1.h5 truncated.h5 shards/shard_3.h5
echo "not hdf5" > garbage.h5
expect_refusal garbage "not an HDF5 file" "$SIMRUN" merge -o out.h5 shards/shard_0.h5 shards/shard_1.h5 garbage.h5 shards/shard_3.h5
"$SIMRUN" sweep other.yaml --shard 2/4 -o other_2.h5 -q
expect_refusal other-sweep "mismatched shards: its sweep hash" "$SIMRUN" merge -o out.h5 shards/shard_0.h5 shards/shard_1.h5 other_2.h5 shards/shard_3.h5
"$SIMRUN" sweep small.yaml --shard 2/3 -o three_2.h5 -q
expect_refusal shard-count "mismatched shards: its shard count" "$SIMRUN" merge -o out.h5 shards/shard_0.h5 shards/shard_1.h5 three_2.h5 shards/shard_3.h5
# set_header FILE NAME VALUE: what another simrun build would have written: the header text
# attribute NAME changed, with a valid header checksum (sim/sweep/shard.cpp, header_checksum).
set_header() {
  "$PYTHON" - "$@" <<'PY'
import struct, sys
import h5py
import numpy as np
TEXTS = ["filetype", "simrun_version", "git_commit", "creation_time", "sweep_file", "sweep_absolute_path",
         "sweep_hash", "design_hash", "command_line", "overrides"]
NUMBERS = ["shard_index", "shard_count", "points_total"]
def fnv1a(data, h=1469598103934665603):  # the offset basis of simrun's fnv1a (sim/sweep/plan.hpp)
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h
path, name, value = sys.argv[1:4]
with h5py.File(path, "r+") as f:
    f.attrs[name] = np.bytes_(value)  # a fixed-length string, as simrun writes them
    h = fnv1a(b"simrun-shard-header")
    for t in TEXTS:
        v = f.attrs[t]
        h = fnv1a((v.decode() if isinstance(v, bytes) else str(v)).encode() + b"\0", h)
    h = fnv1a(b"".join(struct.pack("<q", int(f.attrs[n])) for n in NUMBERS), h)
    f.attrs["header_checksum"] = np.bytes_("%016x" % h)
PY
}
cp shards/shard_2.h5 edited.h5
"$PYTHON" -c "import h5py, numpy; f = h5py.File('edited.h5', 'r+'); f.attrs['simrun_version'] = numpy.bytes_('0.0.9')"
expect_refusal header-edited "its header does not match its checksum" "$SIMRUN" merge -o out.h5 shards/shard_0.h5 shards/shard_1.h5 edited.h5 shards/shard_3.h5
cp shards/shard_2.h5 version.h5
set_header version.h5 simrun_version 0.0.9
expect_refusal version "mismatched shards: its simrun version is 0.0.9" "$SIMRUN" merge -o out.h5 shards/shard_0.h5 shards/shard_1.h5 version.h5 shards/shard_3.h5
mkdir -p old && for i in 0 1 2 3; do cp "shards/shard_$i.h5" old/; set_header "old/shard_$i.h5" git_commit abc; done
expect_refusal build "written by simrun .*\(abc\)" "$SIMRUN" merge -o out.h5 old
cp small.yaml moved.yaml && sed -i 's/runs: 200/runs: 201/' small.yaml
expect_refusal changed-sweep "different sweep or scenario" "$SIMRUN" merge -o out.h5 shards
"$SIMRUN" merge -q -o out_moved.h5 --sweep moved.yaml shards && ok "--sweep names the sweep file" || fail moved "exit $?"
cp moved.yaml small.yaml
expect_refusal exists "exists; use --force" "$SIMRUN" merge -o merged.h5 shards
expect_refusal no-such-file "nonexistent.h5: no such shard file" "$SIMRUN" merge -o out.h5 shards/shard_0.h5 nonexistent.h5
mkdir -p empty && expect_refusal empty-dir "holds no \*.h5 shard files" "$SIMRUN" merge -o out.h5 empty
expect_refusal not-a-shard "not a sweep shard" "$SIMRUN" merge -o out.h5 single.h5
expect_refusal bad-shard-option "expected I/K" "$SIMRUN" sweep small.yaml --shard 4/4 -o out.h5

ls ./*.partial-* shards/*.partial-* 2>/dev/null && fail partial "left temporary files"
finish test_sweep_shards
