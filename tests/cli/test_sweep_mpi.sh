#!/usr/bin/env bash
# `mpirun -n 2 simrun sweep` writes the same file, dataset for dataset, as the single-process
# sweep (points spread over 2 ranks, rank 0 gathers the integer results and writes). Also: plain
# runs never initialise MPI, and --shard is refused under mpirun.
#
# Env (set by ctest): SIMRUN, SIMRUN_SOURCE_DIR, PYTHON (with h5py), TEST_TMP. Open MPI's
# settings for root in a container are OMPI_LOCAL_ENV of lib/common.sh.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
require_env
fresh_tmp

command -v mpirun >/dev/null || { echo "FAIL: mpirun not found: install openmpi-bin (scripts/install-deps.sh)" >&2; exit 1; }
"$SIMRUN" sweep --help >/dev/null || exit 1

export "${OMPI_LOCAL_ENV[@]}"

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

finish test_sweep_mpi
