#!/usr/bin/env bash
# Interruption, through the user's path: SIGTERM / SIGINT during a run or a sweep (and during the
# header): simrun stops within 2 s with exit code 130, says on stderr that rerunning the same
# command redoes it, and leaves no output and no *.partial-* file; an existing output given with
# --force survives the interruption byte for byte.
#
# Env (set by ctest): SIMRUN (binary), SIMRUN_SOURCE_DIR (repo root), PYTHON (with h5py),
# TEST_TMP (scratch dir). FAULTS_TIME_SCALE: see lib/faults.sh.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
source "$(dirname "${BASH_SOURCE[0]}")/lib/faults.sh" || exit 1

# ---------------------------------------------------------------------------------------------
# (a) interruption


# signal_and_check NAME SIGNAL PID: sends SIGNAL to PID (a simrun started with stderr in
# $T/NAME.err), waits up to 60 s (a hang is reported, then killed) and checks how it stopped:
# within the time limit, exit code 130, one line on stderr saying how to resume. Sets RC, ERR
# and STOPPED_MS.
signal_and_check() {
  local name=$1 sig=$2 pid=$3 t0 t1 k
  t0=$(date +%s%N)
  kill -s "$sig" "$pid"
  for ((k = 0; k < 1200; k++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  t1=$(date +%s%N)
  if kill -0 "$pid" 2>/dev/null; then
    fail "$name" "still running 60 s after SIG$sig"
    kill -KILL "$pid"
  fi
  wait "$pid"
  RC=$?
  ERR=$(cat "$T/$name.err")
  STOPPED_MS=$(((t1 - t0) / 1000000))
  [ "$STOPPED_MS" -le "$STOP_LIMIT_MS" ] || fail "$name" "took $STOPPED_MS ms to stop after SIG$sig (limit $STOP_LIMIT_MS ms)"
  [ "$RC" -eq 130 ] || fail "$name" "exit code $RC after SIG$sig, expected 130; stderr: $ERR"
  grep -qi 'same command' <<<"$ERR" || fail "$name" "stderr does not say how to resume (rerun the same command): $ERR"
  [ "$(grep -c '' <<<"$ERR")" -le 1 ] || fail "$name" "stderr has more than one line: $(tr '\n' '|' <<<"$ERR")"
}

# interrupt NAME SIGNAL OUTPUT DELAY RUNS [extra simrun args]: starts a run of RUNS runs into
# OUTPUT (1,000,000 runs last minutes), sends SIGNAL DELAY seconds after the partial file
# appears (1.5 s: the header is written and the ensemble under way), and checks how simrun stops.
interrupt() {
  local name=$1 sig=$2 out=$3 delay=$4 runs=$5
  shift 5
  local dir stem pid
  dir=$(dirname "$out")
  stem=$(basename "$out")
  "$SIMRUN" --fixed -q -n "$runs" -j 2 "$@" "$BASELINE" -o "$out" >"$T/$name.out" 2>"$T/$name.err" &
  pid=$!
  if ! wait_for_partial "$stem" "$dir" 30; then
    fail "$name" "no $stem.partial-* appeared within 30 s"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return
  fi
  sleep "$delay"
  signal_and_check "$name" "$sig" "$pid"
  ! compgen -G "$dir/$stem.partial-*" >/dev/null || fail "$name" "left $(cd "$dir" && compgen -G "$stem.partial-*" | tr '\n' ' ')"
  echo "  $name: stopped $STOPPED_MS ms after SIG$sig, exit $RC"
}

for sig in TERM INT; do
  interrupt "interrupt-$sig" "$sig" "$T/int_$sig.h5" 1.5 1000000
  [ ! -e "$T/int_$sig.h5" ] || fail "interrupt-$sig" "an output file was written"
  ok "interrupt-$sig"
done

# --force over an existing file: the old file must survive unchanged.
run keep-setup 120 -q -n 50 -t 4 --fixed "$BASELINE" -o "$T/keep.h5"
if [ "$RC" -ne 0 ]; then
  fail keep-setup "could not write the file to keep (exit $RC): $ERR"
else
  before=$(sha256sum <"$T/keep.h5")
  for sig in TERM INT; do
    interrupt "interrupt-force-$sig" "$sig" "$T/keep.h5" 1.5 1000000 --force
    [ "$(sha256sum <"$T/keep.h5" 2>/dev/null)" = "$before" ] ||
      fail "interrupt-force-$sig" "the existing output changed or vanished after the interrupted --force run"
    ok "interrupt-force-$sig"
  done
fi

# A sweep (points run in parallel, the file is written at the end): the same contract.
cat >"$T/sweep_int.yaml" <<EOF
name: sweep_int
scenario: $BASELINE
seed: 7
runs: 200000
focal: [RUS-PAK]
design: {kind: grid}
parameters:
- path: parameters.lambda
  values: [2, 4, 6, 8]
EOF
for sig in INT TERM; do
  name="interrupt-sweep-$sig"
  "$SIMRUN" sweep -q -j 2 "$T/sweep_int.yaml" -o "$T/sweep_int.h5" >"$T/$name.out" 2>"$T/$name.err" &
  pid=$!
  sleep 1.5
  signal_and_check "$name" "$sig" "$pid"
  left=$(leftovers "$T" sweep_int.h5)
  [ -z "$left" ] || fail "$name" "left behind: $left"
  echo "  $name: stopped $STOPPED_MS ms after SIG$sig, exit $RC"
  ok "$name"
done

# A signal while the output's header is still being written. The header holds the `run`
# coordinate (one int64 per run), so with many runs it takes seconds; the signal must still
# stop simrun within 2 s (10,000,000 runs: an 80 MB coordinate).
interrupt "interrupt-header" TERM "$T/int_header.h5" 0 10000000
[ ! -e "$T/int_header.h5" ] || fail "interrupt-header" "an output file was written"
ok "interrupt-header"

faults_finish test_faults_interrupt
