# Shared by the fault tests (test_faults_*.sh): faults from outside the model, through the
# user's path (the simrun binary). Sourced after lib/common.sh; sets up the scratch directory.
# Env: FAULTS_TIME_SCALE=k multiplies the 2 s limit on stopping after a signal (sanitizer builds).
require_env
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


# wait_for_partial STEM DIR SECONDS: waits until DIR holds a STEM.partial-* file.
wait_for_partial() {
  local k
  for ((k = 0; k < $3 * 10; k++)); do
    compgen -G "$2/$1.partial-*" >/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# CAN_MOUNT=1 if this process can mount a tmpfs in a private mount namespace (root and
# unshare); else MOUNT_REASON says why not (the cases that need it are skipped with it).
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

# faults_finish SCRIPT: the last line of a fault test (as common.sh's finish).
faults_finish() {
  echo
  finish "$1"
}
