#!/usr/bin/env bash
# `simrun calibrate` under `mpirun -n 2` (generations parallel over ranks) gives the posterior of
# -j 1, dataset for dataset. Apart from test_calibrate_cli.sh so that the sanitizer script's
# slow full-unwind pass (needed to recognise OpenMPI's own leaks) runs only this small part.
#
# Env (set by ctest): SIMRUN, SIMRUN_SOURCE_DIR, PYTHON (with h5py), TEST_TMP.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
source "$(dirname "${BASH_SOURCE[0]}")/lib/calibration.sh" || exit 1
require_env
fresh_tmp

make_calibration small.yaml "$SMALL_PARTICLES"
"$SIMRUN" calibrate small.yaml "${PRIORS[@]}" -o j1.h5 -j 1 -q || fail j1 "exit $?"
if command -v mpirun >/dev/null; then
  env "${OMPI_LOCAL_ENV[@]}" mpirun -n 2 "$SIMRUN" calibrate small.yaml "${PRIORS[@]}" -o mpi.h5 -j 1 >mpi.out 2>mpi.err ||
    fail mpi "exit $?: $(cat mpi.err)"
  grep -q "2 MPI ranks" mpi.out || fail mpi "does not say it ran on 2 ranks: $(cat mpi.out)"
  same_posterior j1.h5 mpi.h5 >cmp.out 2>&1 && ok "mpirun -n 2 == -j 1 ($(cat cmp.out))" || fail mpi "$(cat cmp.out)"
else
  fail mpi "mpirun not found: install openmpi-bin (scripts/install-deps.sh)"
fi

finish test_calibrate_mpi
