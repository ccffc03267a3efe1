#!/usr/bin/env bash
# `mpirun -n 2 simrun sweep` writes the same file, dataset for dataset, as the single-process
# sweep (points spread over 2 ranks, rank 0 gathers the integer results and writes). Also: plain
# runs never initialise MPI, and --shard is refused under mpirun.
#
# Env (set by ctest): SIMRUN, SIMRUN_SOURCE_DIR, PYTHON (with h5py), TEST_TMP. Open MPI's
# settings for root in a container are those of RECIPES §4.
set -u
: "${SIMRUN:?set SIMRUN to the simrun binary}"
: "${SIMRUN_SOURCE_DIR:?set SIMRUN_SOURCE_DIR to the repository root}"
: "${TEST_TMP:?set TEST_TMP to a scratch directory}"
PYTHON=${PYTHON:-/usr/bin/python3}
rm -rf "$TEST_TMP" && mkdir -p "$TEST_TMP" && cd "$TEST_TMP" || exit 1

failures=0
fail() { echo "FAIL [$1]: $2" >&2; failures=$((failures + 1)); }
ok() { echo "ok [$1]"; }

command -v mpirun >/dev/null || { echo "FAIL: mpirun not found: install openmpi-bin (scripts/install-deps.sh)" >&2; exit 1; }
"$SIMRUN" sweep --help >/dev/null || exit 1

export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1 \
       OMPI_MCA_btl=self,vader OMPI_MCA_btl_vader_single_copy_mechanism=none \
       OMPI_MCA_plm=isolated OMPI_MCA_oob_tcp_if_include=lo

cat > small.yaml <<YAML
name: small_grid
scenario: $SIMRUN_SOURCE_DIR/scenarios/baseline.yaml
seed: 31
runs: 300
focal: [RUS-PAK, RUS-IND]
set: [calendar.ticks=12]
design: {kind: grid}
parameters:
  - {path: parameters.lambda, values: [2, 5]}
  - {path: parameters.w_entrapment, values: [0.3, 0.9]}
YAML

# same_datasets A B: every dataset of A equals B's (names, shapes, values); attributes may differ
# only in creation_time, command_line, threads, mpi_ranks and merged_shards.
same_datasets() {
  "$PYTHON" - "$1" "$2" <<'PY'
import sys
import h5py
import numpy as np
VOLATILE = {"creation_time", "command_line", "threads", "mpi_ranks", "merged_shards"}
def datasets(f):
    out = {}
    f.visititems(lambda name, obj: out.__setitem__(name, obj) if isinstance(obj, h5py.Dataset) else None)
    return out
with h5py.File(sys.argv[1], "r") as a, h5py.File(sys.argv[2], "r") as b:
    da, db = datasets(a), datasets(b)
    assert da.keys() == db.keys(), sorted(set(da) ^ set(db))
    for name in da:
        x, y = da[name][()], db[name][()]
        if isinstance(x, np.ndarray) and x.dtype.kind == "f":
            assert x.shape == y.shape and np.array_equal(x, y, equal_nan=True), name
        elif isinstance(x, np.ndarray):
            assert x.shape == y.shape and np.array_equal(x, y), name
        else:
            assert x == y, name
    for key in set(a.attrs) | set(b.attrs):
        if key not in VOLATILE:
            assert np.array_equal(a.attrs[key], b.attrs[key]), key
    print(f"{len(da)} datasets identical")
PY
}

"$SIMRUN" sweep small.yaml -o single.h5 -q -j 2 || fail single "exit $?"
mpirun -n 2 "$SIMRUN" sweep small.yaml -o mpi.h5 -j 1 >mpi.out 2>mpi.err
rc=$?
[ "$rc" -eq 0 ] || fail mpi "mpirun -n 2 exited $rc: $(cat mpi.err)"
grep -q "2 MPI ranks" mpi.out || fail mpi "does not say it ran on 2 ranks: $(cat mpi.out)"
[ "$(grep -c '^Wrote' mpi.out)" -eq 1 ] || fail mpi "expected one 'Wrote' line (rank 0 only): $(cat mpi.out)"
if [ -f mpi.h5 ]; then
  same_datasets single.h5 mpi.h5 >cmp.out 2>&1 && ok "mpi == single ($(cat cmp.out))" || fail compare "$(cat cmp.out)"
  "$PYTHON" -c "import h5py,sys; sys.exit(0 if h5py.File('mpi.h5')['/'].attrs['mpi_ranks'] == 2 else 1)" || fail mpi "mpi_ranks is not 2"
fi
ls ./*.partial-* 2>/dev/null && fail mpi "left temporary files"

# Three ranks on a 4-point sweep: uneven split, same file.
mpirun -n 3 "$SIMRUN" sweep small.yaml -o mpi3.h5 -j 1 -q 2>mpi3.err || fail mpi3 "exit $?: $(cat mpi3.err)"
[ -f mpi3.h5 ] && { same_datasets single.h5 mpi3.h5 >cmp3.out 2>&1 && ok "mpi -n 3 == single" || fail compare3 "$(cat cmp3.out)"; }

# Bad input under MPI: one clear message (from rank 0), exit 2.
mpirun -n 2 "$SIMRUN" sweep small.yaml -o mpi.h5 -q >dup.out 2>dup.err
rc=$?
[ "$rc" -ne 0 ] || fail exists "overwrote mpi.h5 without --force"
[ "$(grep -c 'exists; use --force' dup.err)" -eq 1 ] || fail exists "expected one error line: $(cat dup.err)"
mpirun -n 2 "$SIMRUN" sweep small.yaml --shard 0/2 -o s.h5 -q >sh.out 2>sh.err
[ $? -ne 0 ] && grep -q -- "--shard is for job arrays" sh.err && ok "--shard refused under mpirun" || fail shard "$(cat sh.err)"

if [ "$failures" -gt 0 ]; then echo "test_sweep_mpi: $failures failure(s)" >&2; exit 1; fi
echo "test_sweep_mpi: all checks passed"
