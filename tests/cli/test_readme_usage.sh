#!/usr/bin/env bash
# The README's commands work as written, in the order a new user meets them: scripts/setup.sh's
# check run, then the first usage line (which must not collide with setup's file), then the
# `mpirun` line of the sweep section as root with the flag the README tells root to add. Each
# command is read from README.md / scripts/setup.sh, not copied here; only -n/-t (and the grid's
# runs) are shrunk so the test stays fast.
#
# Env (set by ctest): SIMRUN, SIMRUN_SOURCE_DIR, PYTHON, TEST_TMP.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
require_env
fresh_tmp

# A scratch checkout layout: ./build/sim/simrun and ./scenarios as the README expects them.
mkdir -p build/sim
ln -s "$SIMRUN" build/sim/simrun
cp -r "$SIMRUN_SOURCE_DIR/scenarios" scenarios
SMALL=(-n 100 -t 4)

setup_line=$(grep -m1 '^\./build/sim/simrun ' "$SIMRUN_SOURCE_DIR/scripts/setup.sh")
setup_dirs=$(grep '^mkdir ' "$SIMRUN_SOURCE_DIR/scripts/setup.sh")   # what setup.sh prepares for it
usage_line=$(awk '/^## Usage/{u=1} u && /^\.\/build\/sim\/simrun /{print; exit}' "$SIMRUN_SOURCE_DIR/README.md" | sed 's/ *#.*//')
mpi_line=$(grep -m1 '^mpirun -n [0-9]* \./build/sim/simrun sweep' "$SIMRUN_SOURCE_DIR/README.md" | sed 's/ *#.*//')
[ -n "$setup_line" ] && [ -n "$usage_line" ] && [ -n "$mpi_line" ] || { echo "FAIL: a command was not found"; exit 1; }

if eval "${setup_dirs:-true}" && eval "$setup_line -q ${SMALL[*]}" >setup.log 2>&1; then ok "setup.sh: $setup_line"; else fail setup "$(cat setup.log)"; fi
if eval "$usage_line -q ${SMALL[*]}" >usage.log 2>&1 && [ -f results/baseline.h5 ]; then
  ok "first usage line after setup: $usage_line"
else
  fail usage "'$usage_line' after setup: $(cat usage.log)"
fi

if command -v mpirun >/dev/null && [ "$(id -u)" -eq 0 ]; then
  # The sweep's 30 points keep their design; runs per point shrink through a copy of the file.
  sed -i 's/^runs: .*/runs: 40/' scenarios/sweeps/lambda_entrapment_grid.yaml
  root_line=${mpi_line/mpirun /mpirun --allow-run-as-root }
  if eval "env OMPI_MCA_plm=isolated OMPI_MCA_btl=self,vader OMPI_MCA_btl_vader_single_copy_mechanism=none $root_line -q -o mpi.h5" >mpi.log 2>&1 \
     && [ -f mpi.h5 ]; then
    ok "as root: $root_line"
  else
    fail mpirun "$root_line: $(tail -5 mpi.log)"
  fi
  if env -u OMPI_ALLOW_RUN_AS_ROOT -u OMPI_ALLOW_RUN_AS_ROOT_CONFIRM bash -c "$mpi_line -q -o plain.h5" >plain.log 2>&1; then
    fail mpirun-root "without --allow-run-as-root mpirun started as root: the README's note would be wrong"
  else
    grep -q "allow-run-as-root" plain.log && ok "without the flag mpirun refuses root and names --allow-run-as-root" \
      || fail mpirun-root "unexpected refusal: $(head -3 plain.log)"
  fi
fi
finish test_readme_usage
