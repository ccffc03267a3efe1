#!/usr/bin/env bash
# An unwritable output, through the user's path: a read-only bind mount, a path under /proc, a
# directory deleted during the run: exit 2, a clear message, nothing left. Cases that need root
# or mount namespaces are skipped with a printed reason when unavailable.
#
# Env (set by ctest): SIMRUN (binary), SIMRUN_SOURCE_DIR (repo root), PYTHON (with h5py),
# TEST_TMP (scratch dir). FAULTS_TIME_SCALE: see lib/faults.sh.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
source "$(dirname "${BASH_SOURCE[0]}")/lib/faults.sh" || exit 1

# ---------------------------------------------------------------------------------------------
# (c) unwritable output

# a read-only bind mount of a writable directory
if [ "$CAN_MOUNT" -eq 1 ]; then
  name=readonly-mount
  mkdir -p "$T/$name"
  unshare -m --propagation private bash -c '
    mount --bind "$2" "$2" && mount -o remount,ro,bind "$2" || exit 99
    timeout -k 5 120 "$1" --fixed -q -n 100 -t 4 "$3" -o "$2/out.h5" >"$2.out" 2>"$2.err"
    rc=$?
    ls -A "$2" >"$2.left"
    exit $rc' _ "$SIMRUN" "$T/$name" "$BASELINE"
  RC=$?
  ERR=$(cat "$T/$name.err")
  if [ "$RC" -eq 99 ]; then
    skip "$name" "a read-only bind mount failed"
  else
    crash_or_hang "$name" || {
      [ "$RC" -eq 2 ] || fail "$name" "exit code $RC, expected 2"
      one_clear_error "$name" "read-only file system"
      [ ! -s "$T/$name.left" ] || fail "$name" "left: $(cat "$T/$name.left")"
    }
    ok "$name"
  fi
elif [ "$(id -u)" -ne 0 ]; then
  name=readonly-chmod
  mkdir -p "$T/$name" && chmod 555 "$T/$name"
  run "$name" 120 -q -n 100 -t 4 --fixed "$BASELINE" -o "$T/$name/out.h5"
  crash_or_hang "$name" || { [ "$RC" -eq 2 ] || fail "$name" "exit code $RC, expected 2"; one_clear_error "$name" "permission denied"; }
  chmod 755 "$T/$name"
  ok "$name"
else
  skip "readonly" "$MOUNT_REASON (and chmod does not stop root)"
fi

# /proc accepts no new files, even from root
run proc-output 120 -q -n 100 -t 4 --fixed "$BASELINE" -o /proc/simrun-faults-test.h5
crash_or_hang proc-output || {
  [ "$RC" -eq 2 ] || fail proc-output "exit code $RC, expected 2"
  one_clear_error proc-output "simrun-faults-test"
}
ok proc-output
# a directory that cannot be created under /proc
run proc-dir 120 -q -n 100 -t 4 --fixed "$BASELINE" -o /proc/simrun-faults-dir/out.h5
crash_or_hang proc-dir || {
  [ "$RC" -eq 2 ] || fail proc-dir "exit code $RC, expected 2"
  one_clear_error proc-dir "simrun-faults-dir"
}
ok proc-dir

# the output directory disappears during the run: the final rename fails
name="dir-deleted"
mkdir -p "$T/$name"
"$SIMRUN" --fixed -q -n 30000 -j 2 "$BASELINE" -o "$T/$name/out.h5" >"$T/$name.out" 2>"$T/$name.err" &
pid=$!
if wait_for_partial out.h5 "$T/$name" 30; then
  rm -rf "${T:?}/${name:?}"
  timeout 300 tail --pid="$pid" -f /dev/null
  wait "$pid"
  RC=$?
  ERR=$(cat "$T/$name.err")
  crash_or_hang "$name" || {
    case $RC in 1 | 2) ;; *) fail "$name" "exit code $RC, expected 1 or 2" ;; esac
    one_clear_error "$name" "out\.h5"
  }
  [ ! -e "$T/$name" ] || fail "$name" "the deleted directory reappeared: $(ls -A "$T/$name")"
  echo "  $name: exit $RC: $(head -1 <<<"$ERR" | head -c 300)"
  ok "$name"
else
  fail "$name" "no partial file appeared"
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
fi

faults_finish test_faults_unwritable
