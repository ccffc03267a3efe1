#!/usr/bin/env bash
# `simrun calibrate` through the user's path: the posterior file is read back by xarray; the
# posterior is identical for -j 1 and -j 2 (mpirun -n 2: test_calibrate_mpi.sh); Ctrl-C keeps the completed generations
# and the same command resumes to the uninterrupted result; a posterior of another calibration
# is not overwritten without --force; bad calibration files get one located line and exit 2.
#
# Env (set by ctest): SIMRUN, SIMRUN_SOURCE_DIR, PYTHON (with h5py, xarray), TEST_TMP.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
require_env
fresh_tmp

source "$(dirname "${BASH_SOURCE[0]}")/lib/calibration.sh" || exit 1

make_calibration small.yaml "$SMALL_PARTICLES"
"$SIMRUN" calibrate small.yaml "${PRIORS[@]}" -o j1.h5 -j 1 >j1.out 2>j1.err || fail j1 "exit $?: $(cat j1.err)"
grep -q "^generation  1:" j1.out && ok "progress line per generation" || fail progress "$(cat j1.out)"
grep -q "^Posterior" j1.out || fail summary "no posterior summary: $(cat j1.out)"
"$SIMRUN" calibrate small.yaml "${PRIORS[@]}" -o j2.h5 -j 2 -q || fail j2 "exit $?"
same_posterior j1.h5 j2.h5 >cmp.out 2>&1 && ok "-j 1 == -j 2 ($(cat cmp.out))" || fail threads "$(cat cmp.out)"

"$PYTHON" - j1.h5 <<'PY' && ok "xarray reads the posterior" || fail xarray "see above"
import sys, numpy as np, xarray as xr
ds = xr.open_dataset(sys.argv[1], engine="h5netcdf")
assert ds.attrs["filetype"] == "simrun-posterior" and list(ds.attrs["format_version"]) == [1, 1]
assert list(ds.parameter.values) == ["parameters.w_loss", "parameters.commitment_cost", "parameters.lambda", "dyads.RUS-PAK.visit_rate"]
w = ds.weight.isel(generation=-1)
assert abs(float(w.sum()) - 1) < 1e-12 and ds.theta.dims == ("generation", "particle", "parameter")
tol = ds.tolerance.values
assert np.isinf(tol[0]) and np.all(np.diff(tol[1:]) <= 0), tol
assert (ds.ess > 1).all() and ((ds.acceptance_rate > 0) & (ds.acceptance_rate <= 1)).all()
assert ds.outside_support.dims == ("generation",) and int(ds.outside_support[0]) == 0  # prior draws are inside
# the kernel proposes inside the priors' support: at most 1% of the proposals fall outside
assert int(ds.outside_support.sum()) <= int(ds.simulations.sum()) // 100, (ds.outside_support.values, ds.simulations.values)
lam = ds.theta.isel(generation=-1).sel(parameter="parameters.lambda")
assert float(lam.min()) >= 2 and float(lam.max()) <= 8, "particle outside the prior's support"
for v in ds.data_vars:
    assert "units" in ds[v].attrs and "long_name" in ds[v].attrs, v
PY

# Ctrl-C after the first written generation, then the same command resumes.
make_calibration big.yaml "$BIG_PARTICLES"
"$SIMRUN" calibrate big.yaml "${PRIORS[@]}" -o full.h5 -j 2 -q || fail full "exit $?"
"$SIMRUN" calibrate big.yaml "${PRIORS[@]}" -o cut.h5 -j 2 >cut.out 2>cut.err &
pid=$!
for _ in $(seq 1 600); do [ -f cut.h5 ] && break; sleep 0.05; done
kill -INT "$pid" 2>/dev/null
wait "$pid"
rc=$?
if [ "$rc" -eq 130 ]; then
  grep -q "completed generations are in cut.h5" cut.err && ok "interrupted with generations kept" || fail interrupt "$(cat cut.err)"
  "$SIMRUN" calibrate big.yaml "${PRIORS[@]}" -o cut.h5 -j 2 >resume.out 2>&1 || fail resume "exit $?: $(cat resume.out)"
  grep -q "^resuming after generation" resume.out && ok "resumed" || fail resume "no resume line: $(head -3 resume.out)"
else
  echo "note: the calibration finished before the interrupt arrived (exit $rc); resume not exercised this time"
fi
same_posterior full.h5 cut.h5 >cmp.out 2>&1 && ok "resumed == uninterrupted ($(cat cmp.out))" || fail resume "$(cat cmp.out)"

# Another calibration's posterior is not overwritten without --force.
"$SIMRUN" calibrate big.yaml "${PRIORS[@]}" -o j1.h5 -q 2>other.err
[ $? -eq 2 ] && grep -q "another calibration" other.err && ok "refuses another calibration's file" || fail force "$(cat other.err)"

# Bad calibration files: one line naming file, line and field; exit 2; no output.
bad() {  # NAME SED-EXPRESSION EXPECTED-FIELD
  sed -e "$2" small.yaml >"bad_$1.yaml"
  "$SIMRUN" calibrate "bad_$1.yaml" "${PRIORS[@]}" -o "bad_$1.h5" -q 2>err.txt
  local rc=$?
  if [ "$rc" -eq 2 ] && [ "$(wc -l <err.txt)" -eq 1 ] && grep -q "bad_$1.yaml:[0-9]*: $3" err.txt && [ ! -e "bad_$1.h5" ]; then
    ok "bad $1"
  else
    fail "bad $1" "exit $rc: $(cat err.txt)"
  fi
}
bad indicator 's/indicator: military/indicator: militray/' 'targets\[7\].indicator'
bad dyad 's/dyad: RUS-PAK$/dyad: RUS-XXX/' 'targets\[5\].dyad'
bad error 's/error: 0.1/error: -1/' 'targets\[7\].error'
bad key 's/^alpha:/alpah:/' 'alpah'
bad event 's/event: visit/event: vist/' 'targets\[5\].event'
bad set '$a set: [calendar.tiks=3]' 'set\[0\]: calendar.tiks: unknown key'
bad kernel '$a kernel: logit' 'kernel: expected truncated, unconstrained or gaussian'

# set: in the calibration file applies to the scenario before --set (here: a narrower prior for λ,
# after moving its point value inside it; the --set priors of PRIORS then replace it for λ, so
# λ is taken out of PRIORS for this check).
sed '$a set: ["parameters.lambda=2.5", "parameters.lambda~uniform(2, 3)"]' small.yaml >with_set.yaml
"$SIMRUN" calibrate with_set.yaml --set 'parameters.w_loss~uniform(1, 3)' --set 'parameters.commitment_cost~uniform(0.3, 0.9)' \
  --set 'dyads.RUS-PAK.visit_rate~uniform(0, 0.05)' -o with_set.h5 -q 2>with_set.err || fail set "exit $?: $(cat with_set.err)"
"$PYTHON" - with_set.h5 <<'PY' && ok "set: in the calibration file" || fail set "see above"
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    names = [n.decode() for n in f["parameter"][()]]
    lam = f["theta"][()][:, :, names.index("parameters.lambda")]
    assert lam.min() >= 2 and lam.max() <= 3, (lam.min(), lam.max())
PY
finish test_calibrate_cli
