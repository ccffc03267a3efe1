#!/usr/bin/env bash
# A full disk, through the user's path: a small tmpfs (in a private mount namespace, so nothing
# outlives the test), and a file-size limit (ulimit -f, SIGXFSZ ignored: EFBIG), each at several
# sizes so the write fails in the header, in the streamed per-run tables and in the final
# aggregates: simrun must exit 1 or 2 (never a crash), print one clear "simrun: error:" line
# naming the cause, and leave neither the output nor a *.partial-* file. Cases that need root or
# mount namespaces are skipped with a printed reason when unavailable.
#
# Env (set by ctest): SIMRUN (binary), SIMRUN_SOURCE_DIR (repo root), PYTHON (with h5py),
# TEST_TMP (scratch dir). FAULTS_TIME_SCALE: see lib/faults.sh.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
source "$(dirname "${BASH_SOURCE[0]}")/lib/faults.sh" || exit 1

# ---------------------------------------------------------------------------------------------
# (b) full disk

# Size of a complete output of the run used below (-n 3000: two waves; 500 trajectories).
FULL_ARGS=(--fixed -q -n 3000 -j 2 --trajectories 500)
full_size=0
run full-reference 300 "${FULL_ARGS[@]}" "$BASELINE" -o "$T/reference.h5"
if [ "$RC" -eq 0 ]; then
  full_size=$(stat -c %s "$T/reference.h5")
  echo "  reference output: $full_size bytes"
else
  fail full-reference "the reference run failed (exit $RC): $ERR"
fi


# check_write_failure NAME DIR: after a run that could not write its output into DIR.
check_write_failure() {
  local name=$1 dir=$2 pattern=$3 left
  left=$(leftovers "$dir" out.h5)
  [ -z "$left" ] || [ "$RC" -eq 0 ] || fail "$name" "left behind: $left"
  crash_or_hang "$name" && return  # the caller ends the case
  if [ "$RC" -eq 0 ]; then
    # The output may have fitted after all; it must then be whole.
    if [ -e "$dir/out.h5" ] && "$PYTHON" -c "import h5py,sys; h5py.File(sys.argv[1],'r').close()" "$dir/out.h5" 2>/dev/null; then
      echo "  $name: the output fitted ($(stat -c %s "$dir/out.h5") bytes)"
    else
      fail "$name" "exit 0 but no readable output"
    fi
    return
  fi
  case $RC in 1 | 2) ;; *) fail "$name" "exit code $RC, expected 1 or 2" ;; esac
  one_clear_error "$name" "$pattern"
  echo "  $name: exit $RC: $(head -1 <<<"$ERR" | head -c 300)"
}

if [ "$full_size" -gt 0 ]; then
  # Fractions of the complete output: the header fills it, the streamed tables do, the
  # aggregates written at the end do.
  for pct in 2 30 70 97; do
    kb=$((full_size * pct / 100 / 1024 + 1))
    # tmpfs
    if [ "$CAN_MOUNT" -eq 1 ]; then
      name="enospc-tmpfs-${kb}k"
      mkdir -p "$T/$name"
      unshare -m --propagation private bash -c '
        mount -t tmpfs -o size="$1"k tmpfs "$2" || exit 99
        timeout -k 5 300 "$3" "${@:5}" -o "$2/out.h5" >"$4.out" 2>"$4.err"
        rc=$?
        ls -A "$2" >"$4.left"
        exit $rc' _ "$kb" "$T/$name" "$SIMRUN" "$T/$name" "${FULL_ARGS[@]}" "$BASELINE"
      RC=$?
      ERR=$(cat "$T/$name.err")
      if [ "$RC" -eq 99 ]; then
        skip "$name" "mount failed"
      else
        [ ! -s "$T/$name.left" ] || [ "$RC" -eq 0 ] || fail "$name" "left behind on the full disk: $(tr '\n' ' ' <"$T/$name.left")"
        crash_or_hang "$name" || {
          if [ "$RC" -ne 0 ]; then
            case $RC in 1 | 2) ;; *) fail "$name" "exit code $RC, expected 1 or 2" ;; esac
            one_clear_error "$name" "no space left on device|disk is full|full"
            echo "  $name: exit $RC: $(head -1 <<<"$ERR" | head -c 300)"
          else
            echo "  $name: the output fitted"
          fi
        }
        ok "$name"
      fi
    else
      skip "enospc-tmpfs" "$MOUNT_REASON"
    fi
    # file-size limit (works without root): EFBIG once the file passes the limit
    name="efbig-ulimit-${kb}k"
    mkdir -p "$T/$name"
    bash -c 'trap "" XFSZ; ulimit -f "$1" && exec timeout -k 5 300 "$2" "${@:4}" -o "$3/out.h5"' \
      _ "$kb" "$SIMRUN" "$T/$name" "${FULL_ARGS[@]}" "$BASELINE" >"$T/$name.out" 2>"$T/$name.err"
    RC=$?
    ERR=$(cat "$T/$name.err")
    check_write_failure "$name" "$T/$name" "file too large|no space|size limit"
    ok "$name"
  done
else
  skip "full-disk" "no reference size"
fi

faults_finish test_faults_disk
