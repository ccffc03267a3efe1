#!/usr/bin/env bash
# Faults from outside the model, through the user's path (the simrun binary):
#  (a) SIGTERM / SIGINT during a run or a sweep: simrun stops within 2 s with exit code 130, says on stderr
#      that rerunning the same command redoes it, and leaves no output and no *.partial-* file;
#      an existing output given with --force survives the interruption byte for byte.
#  (b) a full disk: a small tmpfs (in a private mount namespace, so nothing outlives the test),
#      and a file-size limit (ulimit -f, SIGXFSZ ignored: EFBIG), each at several sizes so the
#      write fails in the header, in the streamed per-run tables and in the final aggregates:
#      simrun must exit 1 or 2 (never a crash), print one clear "simrun: error:" line naming the
#      cause, and leave neither the output nor a *.partial-* file.
#  (c) an unwritable output: a read-only bind mount, a path under /proc, a directory deleted
#      during the run: exit 2, a clear message, nothing left.
#  (d) numerically extreme parameters run or are refused with a clear message, and never
#      produce NaN or infinity in any dataset (or numeric attribute) of the output.
# Cases that need root or mount namespaces are skipped with a printed reason when unavailable.
#
# Env (set by ctest): SIMRUN (binary), SIMRUN_SOURCE_DIR (repo root), PYTHON (with h5py),
# TEST_TMP (scratch dir). FAULTS_ONLY=a,h,b,c,d runs some parts only (h: a signal during the
# header, part of (a)); FAULTS_TIME_SCALE=k multiplies the 2 s stop limit (sanitizer builds).
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
require_env
ONLY=${FAULTS_ONLY:-a,h,b,c,d}
# Sanitizer builds run 2-5x slower: scripts/test-sanitizers.sh sets FAULTS_TIME_SCALE so that the
# 2 s limit on stopping after a signal scales with them.
STOP_LIMIT_MS=$((2000 * ${FAULTS_TIME_SCALE:-1}))

BASELINE="$SIMRUN_SOURCE_DIR/scenarios/baseline.yaml"
fresh_tmp
T=$TEST_TMP

# Here ok replaces common.sh's: it ends a case that may have failed, so "ok" only if it did not.
last_failures=0
ok() {
  if [ "$failures" -eq "$last_failures" ]; then echo "ok [$1]"; else echo "not ok [$1]"; fi
  last_failures=$failures
}
skip() { echo "SKIP [$1]: $2"; }
part() { case ",$ONLY," in *",$1,"*) return 0 ;; esac; return 1; }

# run NAME TIMEOUT ARGS...: runs simrun with ARGS under `timeout`; sets RC and ERR (stderr text);
# stdout and stderr are kept in $T/NAME.out and $T/NAME.err.
run() {
  local name=$1 limit=$2
  shift 2
  timeout -k 5 "$limit" "$SIMRUN" "$@" >"$T/$name.out" 2>"$T/$name.err"
  RC=$?
  ERR=$(cat "$T/$name.err")
}

# crash_or_hang NAME: reports a crash (signal exit codes), an abort or a hang (timeout's 124).
crash_or_hang() {
  case $RC in
    124 | 137) fail "$1" "simrun hung (killed by timeout); stderr: $(head -c 600 <<<"$ERR")"; return 0 ;;
    0 | 1 | 2 | 130) return 1 ;;
    *) fail "$1" "simrun crashed with exit code $RC ($( [ $RC -gt 128 ] && kill -l $((RC - 128)) 2>/dev/null)); stderr ($(grep -c '' <<<"$ERR") lines): $(head -3 <<<"$ERR" | tr '\n' '|' | head -c 400)"; return 0 ;;
  esac
}

# leftovers DIR STEM: names of files in DIR that start with STEM (output or partial files).
leftovers() { (cd "$1" 2>/dev/null && compgen -G "$2*" | tr '\n' ' '); }

# one_clear_error NAME PATTERN: stderr must be exactly one line "simrun: error: ..." matching
# the extended regex PATTERN (case-insensitive); anything else on stderr is noise to report.
one_clear_error() {
  local name=$1 pattern=$2 lines
  lines=$(grep -c '' <<<"$ERR")
  if [ -z "$ERR" ]; then
    fail "$name" "no error message on stderr"
  elif ! head -1 <<<"$ERR" | grep -q '^simrun: error: ' && ! grep -q '^simrun: error: ' <<<"$ERR"; then
    fail "$name" "no 'simrun: error:' line; stderr: $(head -c 600 <<<"$ERR")"
  elif ! grep '^simrun: error: ' <<<"$ERR" | grep -qiE -- "$pattern"; then
    fail "$name" "the error does not match /$pattern/: $(grep '^simrun: error: ' <<<"$ERR" | head -c 600)"
  elif [ "$lines" -ne 1 ]; then
    fail "$name" "stderr has $lines lines, expected the one error line: $(head -c 800 <<<"$ERR" | tr '\n' '|')"
  else
    return 0
  fi
  return 1
}

# Non-finite values in every numeric dataset and attribute of an HDF5 file (h5py), one line each;
# also negative values of trade_mean (trade is never negative: a negative mean is an overflow).
nonfinite() {
  "$PYTHON" - "$1" <<'EOF'
import sys
import h5py
import numpy as np

def bad(a):
    a = np.asarray(a)
    if a.dtype.kind not in "fc":
        return 0
    return int(a.size - np.count_nonzero(np.isfinite(a)))

def check_attrs(name, obj):
    for k, v in obj.attrs.items():
        try:
            n = bad(v)
        except Exception:
            continue
        if n:
            print(f"attribute {name}@{k}: {n} non-finite")

with h5py.File(sys.argv[1], "r") as f:
    check_attrs("/", f)
    def visit(name, obj):
        check_attrs(name, obj)
        if isinstance(obj, h5py.Dataset) and obj.dtype.kind in "fc":
            n = bad(obj[()])
            if n:
                print(f"dataset {name}: {n} of {obj.size} values non-finite")
    f.visititems(visit)
    if "trade_mean" in f:
        t = f["trade_mean"][()]
        if (t < 0).any():
            print(f"dataset trade_mean: {int((t < 0).sum())} negative values (min {t.min():.6g}): the fixed-point sum overflowed")
EOF
}

# ---------------------------------------------------------------------------------------------
# Generated scenarios

# gen_scenario FILE N [TRADE]: N actors A1..AN (equal sizes), every pair with trade TRADE
# (default 10) and zero investment.
gen_scenario() {
  local file=$1 n=$2 trade=${3:-10} i j
  {
    echo "name: gen$n"
    echo "calendar: {start: 2020Q1, ticks: 8}"
    echo "actors:"
    for ((i = 1; i <= n; i++)); do
      echo "  - {id: A$i, size: $(awk -v n="$n" 'BEGIN{printf "%.6f", 1/n}'), offense: $(awk -v n="$n" 'BEGIN{printf "%.6f", 1/n}'), gdp: $((100 * i))}"
    done
    if [ "$n" -ge 2 ]; then
      echo "dyads:"
      for ((i = 1; i <= n; i++)); do
        for ((j = i + 1; j <= n; j++)); do
          echo "  - {pair: [A$i, A$j], trade: $trade, investment: 0, military: 0.2, diplomatic: 0.3}"
        done
      done
    fi
  } >"$file"
}

BASE_IDS=(USA CHN IND RUS PAK)
# every dyad of the baseline: "USA-CHN" ...
BASE_PAIRS=()
for ((i = 0; i < ${#BASE_IDS[@]}; i++)); do
  for ((j = i + 1; j < ${#BASE_IDS[@]}; j++)); do BASE_PAIRS+=("${BASE_IDS[i]}-${BASE_IDS[j]}"); done
done

# sets_for FIELD VALUE: "--set dyads.P.FIELD=VALUE" for every baseline pair P
sets_for_dyads() {
  local p
  for p in "${BASE_PAIRS[@]}"; do printf -- '--set\ndyads.%s.%s=%s\n' "$p" "$1" "$2"; done
}
sets_for_actors() {
  local a
  for a in "${BASE_IDS[@]}"; do printf -- '--set\nactors.%s.%s=%s\n' "$a" "$1" "$2"; done
}

# ---------------------------------------------------------------------------------------------
# (a) interruption

# wait_for_partial STEM DIR SECONDS: waits until DIR holds a STEM.partial-* file.
wait_for_partial() {
  local k
  for ((k = 0; k < $3 * 10; k++)); do
    compgen -G "$2/$1.partial-*" >/dev/null && return 0
    sleep 0.1
  done
  return 1
}

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
  "$SIMRUN" -q -n "$runs" -j 2 "$@" "$BASELINE" -o "$out" >"$T/$name.out" 2>"$T/$name.err" &
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

if part a; then
  for sig in TERM INT; do
    interrupt "interrupt-$sig" "$sig" "$T/int_$sig.h5" 1.5 1000000
    [ ! -e "$T/int_$sig.h5" ] || fail "interrupt-$sig" "an output file was written"
    ok "interrupt-$sig"
  done

  # --force over an existing file: the old file must survive unchanged.
  run keep-setup 120 -q -n 50 -t 4 "$BASELINE" -o "$T/keep.h5"
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
fi

if part a; then
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
fi

if part h; then
  # A signal while the output's header is still being written. The header holds the `run`
  # coordinate (one int64 per run), so with many runs it takes seconds; the signal must still
  # stop simrun within 2 s (10,000,000 runs: an 80 MB coordinate).
  interrupt "interrupt-header" TERM "$T/int_header.h5" 0 10000000
  [ ! -e "$T/int_header.h5" ] || fail "interrupt-header" "an output file was written"
  ok "interrupt-header"
fi

# ---------------------------------------------------------------------------------------------
# (b) full disk

# Size of a complete output of the run used below (-n 3000: two waves; 500 trajectories).
FULL_ARGS=(-q -n 3000 -j 2 --trajectories 500)
full_size=0
if part b; then
  run full-reference 300 "${FULL_ARGS[@]}" "$BASELINE" -o "$T/reference.h5"
  if [ "$RC" -eq 0 ]; then
    full_size=$(stat -c %s "$T/reference.h5")
    echo "  reference output: $full_size bytes"
  else
    fail full-reference "the reference run failed (exit $RC): $ERR"
  fi
fi

CAN_MOUNT=0
MOUNT_REASON="not root"
if [ "$(id -u)" -eq 0 ]; then
  if ! command -v unshare >/dev/null; then
    MOUNT_REASON="unshare(1) is not installed"
  elif mkdir -p "$T/probe-mnt" &&
    unshare -m --propagation private sh -c "mount -t tmpfs -o size=64k tmpfs '$T/probe-mnt' && touch '$T/probe-mnt/x'" 2>"$T/probe-mnt.err"; then
    CAN_MOUNT=1
  else
    MOUNT_REASON="mounting in a private mount namespace failed: $(head -c 300 "$T/probe-mnt.err")"
  fi
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

if part b && [ "$full_size" -gt 0 ]; then
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
elif part b; then
  skip "full-disk" "no reference size"
fi

# ---------------------------------------------------------------------------------------------
# (c) unwritable output

if part c; then
  # a read-only bind mount of a writable directory
  if [ "$CAN_MOUNT" -eq 1 ]; then
    name=readonly-mount
    mkdir -p "$T/$name"
    unshare -m --propagation private bash -c '
      mount --bind "$2" "$2" && mount -o remount,ro,bind "$2" || exit 99
      timeout -k 5 120 "$1" -q -n 100 -t 4 "$3" -o "$2/out.h5" >"$2.out" 2>"$2.err"
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
    run "$name" 120 -q -n 100 -t 4 "$BASELINE" -o "$T/$name/out.h5"
    crash_or_hang "$name" || { [ "$RC" -eq 2 ] || fail "$name" "exit code $RC, expected 2"; one_clear_error "$name" "permission denied"; }
    chmod 755 "$T/$name"
    ok "$name"
  else
    skip "readonly" "$MOUNT_REASON (and chmod does not stop root)"
  fi

  # /proc accepts no new files, even from root
  run proc-output 120 -q -n 100 -t 4 "$BASELINE" -o /proc/simrun-faults-test.h5
  crash_or_hang proc-output || {
    [ "$RC" -eq 2 ] || fail proc-output "exit code $RC, expected 2"
    one_clear_error proc-output "simrun-faults-test"
  }
  ok proc-output
  # a directory that cannot be created under /proc
  run proc-dir 120 -q -n 100 -t 4 "$BASELINE" -o /proc/simrun-faults-dir/out.h5
  crash_or_hang proc-dir || {
    [ "$RC" -eq 2 ] || fail proc-dir "exit code $RC, expected 2"
    one_clear_error proc-dir "simrun-faults-dir"
  }
  ok proc-dir

  # the output directory disappears during the run: the final rename fails
  name="dir-deleted"
  mkdir -p "$T/$name"
  "$SIMRUN" -q -n 30000 -j 2 "$BASELINE" -o "$T/$name/out.h5" >"$T/$name.out" 2>"$T/$name.err" &
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
fi

# ---------------------------------------------------------------------------------------------
# (d) numerically extreme parameters

# must_run NAME SIMRUN-ARGS... (scenario included): exit 0 and every value finite.
must_run() {
  local name=$1
  shift
  run "$name" 600 -q "$@" -o "$T/x-$name.h5"
  crash_or_hang "$name" && { ok "$name"; return; }
  if [ "$RC" -ne 0 ]; then
    fail "$name" "expected the run to succeed, got exit $RC: $(head -c 600 <<<"$ERR")"
    ok "$name"
    return
  fi
  local bad
  bad=$(nonfinite "$T/x-$name.h5" 2>&1)
  if [ -n "$bad" ]; then
    fail "$name" "NaN/inf or an overflow in the output: $(head -20 <<<"$bad" | tr '\n' ';')"
  else
    ok "$name"
  fi
  rm -f "$T/x-$name.h5"
}

# run_or_refuse NAME SIMRUN-ARGS...: either must_run's checks, or exit 2 with one clear message.
run_or_refuse() {
  local name=$1
  shift
  run "$name" 600 -q "$@" -o "$T/x-$name.h5"
  crash_or_hang "$name" && { ok "$name"; return; }
  if [ "$RC" -eq 0 ]; then
    local bad
    bad=$(nonfinite "$T/x-$name.h5" 2>&1)
    [ -z "$bad" ] || { fail "$name" "accepted, and NaN/inf or an overflow in the output: $(head -20 <<<"$bad" | tr '\n' ';')"; ok "$name"; return; }
    echo "  $name: accepted, finite"
  else
    [ "$RC" -eq 2 ] || fail "$name" "exit code $RC, expected 0 or 2"
    one_clear_error "$name" "." && echo "  $name: refused: $ERR"
  fi
  ok "$name"
  rm -f "$T/x-$name.h5"
}

# must_refuse NAME PATTERN SIMRUN-ARGS...: exit 2, one clear line matching PATTERN, no output.
must_refuse() {
  local name=$1 pattern=$2
  shift 2
  run "$name" 120 -q "$@" -o "$T/x-$name.h5"
  crash_or_hang "$name" && { ok "$name"; return; }
  [ "$RC" -eq 2 ] || fail "$name" "exit code $RC, expected 2 (refused); stderr: $(head -c 600 <<<"$ERR")"
  one_clear_error "$name" "$pattern"
  [ -z "$(leftovers "$T" "x-$name.h5")" ] || fail "$name" "left $(leftovers "$T" "x-$name.h5")"
  ok "$name"
}

if part d; then
  N=(-n 100 -t 12 -j 2)
  must_run formation-hazard-0 "${N[@]}" --set parameters.formation_hazard=0 "$BASELINE"
  must_run formation-hazard-1 "${N[@]}" --set parameters.formation_hazard=1 "$BASELINE"
  must_run dissolution-hazard-1 "${N[@]}" --set parameters.defence_termination=1 "$BASELINE"
  must_run both-hazards-1 "${N[@]}" --set parameters.formation_hazard=1 --set parameters.defence_termination=1 "$BASELINE"
  mapfile -t crisis < <(sets_for_dyads crisis_rate 1)
  must_run crisis-rates-1 "${N[@]}" "${crisis[@]}" --set global.threat_shock_rate=1 "$BASELINE"
  mapfile -t rates < <(sets_for_dyads crisis_rate 1; sets_for_dyads step_rate 1; sets_for_dyads visit_rate 1;
    sets_for_dyads deal_rate 1; sets_for_actors export_shock_rate 1)
  must_run all-rates-1 "${N[@]}" "${rates[@]}" --set global.threat_shock_rate=1 --set global.threat_shock_size=1 \
    --set parameters.aid_suspension_rate=1 --set parameters.aid_restoration_rate=1 --set parameters.entrapment_dissolution=1 "$BASELINE"
  must_run lambda-0 "${N[@]}" --set parameters.lambda=0 "$BASELINE"
  must_run lambda-100 "${N[@]}" --set parameters.lambda=100 "$BASELINE"
  must_run econ-saturation-tiny "${N[@]}" --set parameters.econ_saturation=1e-9 "$BASELINE"

  # zero trade and investment everywhere: a generated scenario, and the baseline with every dyad zeroed
  gen_scenario "$T/zero_trade.yaml" 5 0
  must_run zero-trade-generated "${N[@]}" "$T/zero_trade.yaml"
  must_run zero-trade-generated-tiny-saturation "${N[@]}" --set parameters.econ_saturation=1e-9 "$T/zero_trade.yaml"
  mapfile -t zero < <(sets_for_dyads trade 0; sets_for_dyads investment 0; sets_for_dyads project.trade 0;
    sets_for_dyads project.investment 0)
  must_run zero-trade-baseline "${N[@]}" "${zero[@]}" "$BASELINE"
  must_run zero-trade-baseline-tiny-saturation "${N[@]}" "${zero[@]}" --set parameters.econ_saturation=1e-9 "$BASELINE"

  # actor counts
  gen_scenario "$T/one.yaml" 1
  must_refuse one-actor "actors.*at least two actors" -n 10 "$T/one.yaml"
  gen_scenario "$T/two.yaml" 2
  must_run two-actors "${N[@]}" "$T/two.yaml"
  gen_scenario "$T/twenty.yaml" 20
  must_run twenty-actors -n 20 -t 4 -j 2 "$T/twenty.yaml"
  gen_scenario "$T/twentyone.yaml" 21
  must_refuse twentyone-actors "actors.*at most 20 actors" -n 20 "$T/twentyone.yaml"

  # the smallest runs
  must_run ticks-1 -n 50 -t 1 "$BASELINE"
  must_run runs-1 -n 1 -t 12 "$BASELINE"
  must_run runs-1-ticks-1 -n 1 -t 1 -j 1 "$BASELINE"
  must_run runs-1-trajectories -n 1 -t 3 --trajectories 1 "$BASELINE"
  must_refuse runs-0 "runs" -n 0 "$BASELINE"
  must_refuse ticks-0 "ticks" -n 10 -t 0 "$BASELINE"

  # out of range and non-finite values are refused by --set
  must_refuse lambda-101 "parameters.lambda.*\[0, 100\]" -n 10 --set parameters.lambda=101 "$BASELINE"
  must_refuse hazard-above-1 "formation_hazard" -n 10 --set parameters.formation_hazard=1.5 "$BASELINE"
  must_refuse econ-saturation-0 "econ_saturation" -n 10 --set parameters.econ_saturation=0 "$BASELINE"
  must_refuse lambda-nan "finite number" -n 10 --set parameters.lambda=nan "$BASELINE"
  must_refuse lambda-inf "finite number" -n 10 --set parameters.lambda=inf "$BASELINE"

  # magnitudes the schema allows (upper bound +inf): run finitely or be refused
  run_or_refuse huge-trade "${N[@]}" --set dyads.RUS-PAK.trade=1e308 --set dyads.RUS-PAK.investment=1e308 "$BASELINE"
  run_or_refuse huge-gdp "${N[@]}" --set actors.USA.gdp=1e308 --set actors.CHN.gdp=1e308 "$BASELINE"
  run_or_refuse huge-saturation "${N[@]}" --set parameters.econ_saturation=1e308 "$BASELINE"
  run_or_refuse huge-project "${N[@]}" --set dyads.RUS-PAK.project.investment=1e308 --set dyads.RUS-PAK.project.start_rate=1 "$BASELINE"
  # trade above 2^31 $bn: the accumulators' fixed-point sums (value * 2^32 in an int64 before
  # widening) must not overflow (nonfinite also flags a negative trade_mean)
  run_or_refuse big-trade "${N[@]}" --set dyads.RUS-PAK.trade=1e10 "$BASELINE"
  # zero power everywhere (threat normaliser and size shares of 0)
  mapfile -t nopower < <(sets_for_actors size 0; sets_for_actors offense 0)
  run_or_refuse zero-power "${N[@]}" "${nopower[@]}" "$BASELINE"
  # long growth within the bounds: 400 quarters (the most -t allows) at +10 %/yr, and everything
  # at its upper bound (GDP, trade, investment 1e6 $bn; growth +50 %/yr); and beyond the bounds
  mapfile -t growth < <(sets_for_actors growth 0.1)
  run_or_refuse growth-0.1-400-ticks -n 20 -t 400 -j 2 "${growth[@]}" "$BASELINE"
  mapfile -t maxed < <(sets_for_actors growth 0.5; sets_for_actors gdp 1e6; sets_for_dyads trade 1e6;
    sets_for_dyads investment 1e6; sets_for_dyads project.trade 1e6; sets_for_dyads project.investment 1e6)
  run_or_refuse all-at-upper-bounds-400-ticks -n 20 -t 400 -j 2 "${maxed[@]}" "$BASELINE"
  run_or_refuse growth-0.1-1000-ticks -n 2 -t 1000 -j 2 "${growth[@]}" "$BASELINE"
fi

echo
if [ "$failures" -gt 0 ]; then
  echo "test_faults: $failures failure(s)" >&2
  exit 1
fi
echo "test_faults: all passed"
