#!/usr/bin/env bash
# Corrupted shards through the user's path (issue 13, class 1; docs/robustness.md): `simrun merge`
# of a shard with one flipped byte, at 300 positions drawn with a fixed seed (the unit test
# ShardCorruption.EveryByteFlipped... flips every byte in-process), must exit 0 with exactly the
# merge of the intact shard, or exit 2 with one line: never a crash, and never a hang (timeout).
# Also: a shard locked by a process writing it is reported as locked, and a resubmitted array
# task whose output is a corrupted shard refuses it cleanly.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
require_env
fresh_tmp
T=$TEST_TMP
FLIPS=${SHARD_FLIPS:-300}

cat >two.yaml <<'EOF'
actors:
  - {id: A}
  - {id: B}
calendar: {ticks: 3}
EOF
cat >sweep.yaml <<'EOF'
scenario: two.yaml
runs: 4
focal: [A-B]
design: {kind: grid}
parameters:
  - {path: parameters.lambda, values: [1, 2]}
EOF
"$SIMRUN" sweep -q sweep.yaml --shard 0/1 -o shard.h5 || { fail setup "cannot write the shard"; finish test_shard_corruption; }
"$SIMRUN" merge -q -o ref.h5 shard.h5 || { fail setup "cannot merge the intact shard"; finish test_shard_corruption; }

mkdir flips
"$PYTHON" - "$FLIPS" <<'PY'
import random, sys
data = open("shard.h5", "rb").read()
rng = random.Random(20261202)  # fixed seed: the same positions every run
for n, k in enumerate(sorted(rng.sample(range(len(data)), min(int(sys.argv[1]), len(data))))):
    b = bytearray(data)
    b[k] ^= 1 << rng.randrange(8)
    open(f"flips/{n:04d}-at-{k}.h5", "wb").write(bytes(b))
PY

accepted=()
crashes=0
refused=0
for f in flips/*.h5; do
  out="${f%.h5}.merged.h5"
  timeout -k 5 20 "$SIMRUN" merge -q -o "$out" "$f" >/dev/null 2>"$f.err"
  rc=$?
  case $rc in
    0) accepted+=("$out") ;;
    2)
      refused=$((refused + 1))
      [ "$(grep -c '' "$f.err")" -eq 1 ] || fail "$f" "exit 2 but $(grep -c '' "$f.err") lines: $(tr '\n' '|' <"$f.err" | head -c 300)"
      ;;
    124 | 137) crashes=$((crashes + 1)); fail "$f" "merge hung (killed by timeout)" ;;
    *) crashes=$((crashes + 1)); fail "$f" "merge crashed or failed with exit $rc: $(head -c 300 "$f.err")" ;;
  esac
done
echo "  $FLIPS flips: ${#accepted[@]} gave a merge, $refused refused, $crashes crashed or hung"
[ "$crashes" -eq 0 ] && ok "no crash or hang"
[ "$refused" -gt 0 ] || fail flips "no corruption was noticed at all"
# Every merge that was accepted must be the intact one's.
if [ "${#accepted[@]}" -gt 0 ]; then
  "$PYTHON" - ref.h5 "${accepted[@]}" <<'PY' && ok "accepted merges are exact" || fail accepted "a corrupted shard changed the merge"
import sys
import h5py
import numpy as np
def datasets(path):
    out = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, obj: out.__setitem__(name, obj[()]) if isinstance(obj, h5py.Dataset) else None)
    return out
ref = datasets(sys.argv[1])
bad = []
for path in sys.argv[2:]:
    got = datasets(path)
    same = got.keys() == ref.keys() and all(
        np.array_equal(got[k], ref[k], equal_nan=getattr(ref[k], "dtype", np.dtype("O")).kind == "f") if isinstance(ref[k], np.ndarray)
        else got[k] == ref[k] for k in ref)
    if not same:
        bad.append(path)
print(f"  {len(sys.argv) - 2 - len(bad)} accepted merges identical to the intact one", file=sys.stderr)
sys.exit(1 if bad else 0)
PY
fi

# A shard held open for writing by another process (HDF5 locks it): say so.
"$PYTHON" -c "
import h5py, sys, time
f = h5py.File('shard.h5', 'a')
open('locked.flag', 'w').close()
time.sleep(30)
" &
holder=$!
for _ in $(seq 100); do [ -e locked.flag ] && break; sleep 0.1; done
run locked 30 merge -q -o locked.h5 shard.h5
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
[ "$RC" -eq 2 ] && grep -q "locked by another process" <<<"$ERR" && ok locked || fail locked "exit $RC: $ERR"

# A resubmitted array task whose earlier output is a corrupted shard: refused, never a crash.
first=$(ls flips/*.h5 | grep -v merged | head -1)
for f in $(ls flips/*-at-*.h5 | grep -v merged | head -20); do
  [ -e "$f.err" ] && grep -q "checksum\|corrupted\|truncated" "$f.err" && { first=$f; break; }
done
cp "$first" resubmit.h5
run resubmit 60 sweep -q sweep.yaml --shard 0/1 -o resubmit.h5
[ "$RC" -eq 2 ] && grep -q "exists but is not a complete shard" <<<"$ERR" && ok resubmit-over-corrupted ||
  fail resubmit-over-corrupted "exit $RC: $ERR"

finish test_shard_corruption
