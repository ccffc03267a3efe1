# Helpers shared by the tests/cli/test_*.sh scripts. Sourced, never run on its own: it is not
# named test_*.sh, so the glob in tests/CMakeLists.txt does not register it as a ctest test.
# A script sources it relative to itself:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
#
# Env (set by ctest): SIMRUN (binary), SIMRUN_SOURCE_DIR (repo root), PYTHON (/usr/bin/python3,
# which has h5py), TEST_TMP (scratch dir).

# require_env: stop at once, naming the variable, when a script is run by hand without the
# environment ctest gives it (rather than failing later on an empty path). PYTHON defaults to the
# system Python because that is the one with h5py.
require_env() {
  : "${SIMRUN:?set SIMRUN to the simrun binary}"
  : "${SIMRUN_SOURCE_DIR:?set SIMRUN_SOURCE_DIR to the repository root}"
  : "${TEST_TMP:?set TEST_TMP to a scratch directory}"
  PYTHON=${PYTHON:-/usr/bin/python3}
}

# fresh_tmp: empty $TEST_TMP and cd into it, so that nothing from an earlier run is mistaken for
# output of this one, and relative default outputs (results/...) land there, not in the source
# tree. u+w first: a test may have left a read-only directory that rm -rf could not empty.
fresh_tmp() {
  [ -d "$TEST_TMP" ] && chmod -R u+w "$TEST_TMP" 2>/dev/null
  rm -rf "$TEST_TMP" && mkdir -p "$TEST_TMP" && cd "$TEST_TMP" || exit 1
}

# fail NAME WHY: report a failed check and count it. The script goes on, so that one run shows
# every failure; finish turns the count into the exit code.
failures=0
fail() { echo "FAIL [$1]: $2" >&2; failures=$((failures + 1)); }

# ok NAME: report a passed check.
ok() { echo "ok [$1]"; }

# finish SCRIPT: the script's last line: exit 1 with the number of failures, or say all passed.
finish() {
  if [ "$failures" -gt 0 ]; then echo "$1: $failures failure(s)" >&2; exit 1; fi
  echo "$1: all checks passed"
}

# same_datasets A B: every dataset of HDF5 file A equals B's (names, shapes, values; NaN equals
# NaN in float data); attributes may differ only in creation_time, command_line, threads,
# mpi_ranks and merged_shards, which say how the file was made, not what it holds. Prints
# "N datasets identical"; exit code 1 with the first difference otherwise.
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
        if isinstance(x, np.ndarray):
            assert x.shape == y.shape and np.array_equal(x, y, equal_nan=x.dtype.kind == "f"), name
        else:
            assert x == y, name
    for key in set(a.attrs) | set(b.attrs):
        if key not in VOLATILE:
            assert np.array_equal(a.attrs[key], b.attrs[key]), key
    print(f"{len(da)} datasets identical")
PY
}

# Open MPI settings for mpirun on this one machine as root in a container (Open MPI 4.1 mpirun(1) and MCA parameters): allow
# root, allow more ranks than cores, shared memory and loopback only, no remote launcher. Use as
# `export "${OMPI_LOCAL_ENV[@]}"` or `env "${OMPI_LOCAL_ENV[@]}" COMMAND`.
OMPI_LOCAL_ENV=(
  OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
  OMPI_MCA_btl=self,vader OMPI_MCA_btl_vader_single_copy_mechanism=none
  OMPI_MCA_plm=isolated OMPI_MCA_oob_tcp_if_include=lo
)
