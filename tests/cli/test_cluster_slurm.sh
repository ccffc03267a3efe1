#!/usr/bin/env bash
# A real Slurm cluster on localhost (munge, slurmctld, slurmd from Debian 12; config in $TEST_TMP):
# scripts/slurm/submit.sh queues a 4-task array of sweep shards and a merge job depending on it
# (afterok); the merged file must equal the single-process `simrun sweep` dataset for dataset.
# Then a shard is deleted and the same submission repeated: the 3 complete shards are skipped,
# the missing one recomputed, and the merge again equals the single-process file. Finally the
# MPI variant (scripts/slurm/sweep_mpi.sbatch, 2 tasks) gives the same file.
#
# Installs nothing: scripts/install-deps.sh installs slurmctld, slurmd, slurm-client and munge
# (CI runs it). Missing binaries are a FAILURE, not a skip. The cluster runs from a private
# directory under /tmp with its own munged (own socket and key, AuthInfo=socket=...), so it
# neither uses nor disturbs the machine's munge or another run of this test. Every daemon it
# starts is stopped by its pid in an EXIT trap, pass or fail (jobs cancelled first, stray job
# step daemons of this cluster killed), and the daemons' logs are copied to $TEST_TMP.
#
# Env (set by ctest): SIMRUN, SIMRUN_SOURCE_DIR, PYTHON (with h5py), TEST_TMP.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
require_env
fresh_tmp
SIMRUN=$(realpath "$SIMRUN")

die() { echo "FAIL [$1]: $2" >&2; exit 1; }

missing=()
for b in /usr/sbin/slurmctld /usr/sbin/slurmd /usr/sbin/munged munge unmunge sbatch squeue sinfo scontrol; do
  command -v "$b" >/dev/null 2>&1 || missing+=("$b")
done
[ ${#missing[@]} -eq 0 ] || die slurm "missing ${missing[*]}: install slurmctld slurmd slurm-client munge (bash scripts/install-deps.sh)"
[ "$(id -u)" -eq 0 ] || die slurm "this test starts munged and slurmd and must run as root"

# slurm.conf, the daemons' logs and the jobs live in $TEST_TMP; the runtime directory (state,
# spool, pid files, munge socket) is a short private one under /tmp, because unix socket paths
# must stay under 108 bytes. Its own munged (socket, key, pid file) means two runs of this test,
# or the machine's munged, never share or stop each other's daemons.
S=$(mktemp -d /tmp/simrun-slurm.XXXXXX) || exit 1
chmod 755 "$S"
mkdir -p "$S/state" "$S/spool" "$S/munge" "$TEST_TMP/jobs" || exit 1
JOBS=$TEST_TMP/jobs

stop_pidfile() {
  local pf=$1 pid
  [ -s "$pf" ] || return 0
  pid=$(cat "$pf")
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null
}
cleanup() {
  if [ -s "$S/slurmctld.pid" ] && kill -0 "$(cat "$S/slurmctld.pid")" 2>/dev/null; then
    scancel --quiet --full --signal=KILL $(squeue -h -o %A 2>/dev/null) 2>/dev/null
    for _ in $(seq 20); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.5; done
  fi
  stop_pidfile "$S/slurmd.pid"
  stop_pidfile "$S/slurmctld.pid"
  # Job step daemons of this cluster that outlived slurmd (their working directory is ours).
  for proc in /proc/[0-9]*; do
    case "$({ tr '\0' ' ' <"$proc/cmdline"; } 2>/dev/null)" in slurmstepd*) ;; *) continue ;; esac
    case "$(readlink "$proc/cwd" 2>/dev/null)" in "$S"* | "$TEST_TMP"*) kill -KILL "${proc#/proc/}" 2>/dev/null ;; esac
  done
  stop_pidfile "$S/munge/munged.pid"
  cp "$S"/munge/*.log "$TEST_TMP/" 2>/dev/null
  rm -rf "$S"
  return 0
}
trap cleanup EXIT

free_port() { "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
CTLD_PORT=$(free_port); SLURMD_PORT=$(free_port)
[ "$CTLD_PORT" != "$SLURMD_PORT" ] || SLURMD_PORT=$((CTLD_PORT + 1))
H=$(hostname -s); MEM=$(( $(free -m | awk '/Mem:/{print $2}') - 1024 )); CPUS=$(nproc)
cat > "$TEST_TMP/slurm.conf" <<CONF
ClusterName=simruntest
SlurmctldHost=${H}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
AuthInfo=socket=$S/munge/munge.socket
SlurmctldPidFile=$S/slurmctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmctldLogFile=$TEST_TMP/slurmctld.log
SlurmdLogFile=$TEST_TMP/slurmd.log
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
MaxArraySize=10001
DefMemPerCPU=1000
MailProg=/bin/true
SchedulerParameters=sched_min_interval=100000
# A merge whose array failed is cancelled at once (not left pending as DependencyNeverSatisfied
# until the test's time limit), so the failure is reported with its cause without waiting.
DependencyParameters=kill_invalid_depend
NodeName=${H} NodeAddr=127.0.0.1 CPUs=${CPUS} RealMemory=${MEM} State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$TEST_TMP/slurm.conf

# A munged of our own (separate from any system munged: its own socket and key).
M=$S/munge
chown munge:munge "$M" && chmod 755 "$M" || die munge "cannot prepare $M"
/usr/sbin/mungekey --create --keyfile="$M/munge.key" >/dev/null && chown munge:munge "$M/munge.key" && chmod 400 "$M/munge.key" \
  || die munge "cannot create a munge key"
runuser -u munge -- /usr/sbin/munged --socket="$M/munge.socket" --key-file="$M/munge.key" --pid-file="$M/munged.pid" \
  --log-file="$M/munged.log" --seed-file="$M/munged.seed" || die munge "munged did not start: $(tail -3 "$M/munged.log")"
munge -S "$M/munge.socket" -n | unmunge -S "$M/munge.socket" >/dev/null 2>&1 || die munge "munge does not work"
/usr/sbin/slurmctld || die slurmctld "did not start: $(tail -5 "$TEST_TMP/slurmctld.log" 2>/dev/null)"
/usr/sbin/slurmd || die slurmd "did not start: $(tail -5 "$TEST_TMP/slurmd.log" 2>/dev/null)"
for _ in $(seq 60); do sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)' && break; sleep 0.5; done
sinfo -h -o '%T' | grep -qE '^(idle|mixed|allocated)' || die cluster "the node did not come up: $(sinfo 2>&1; tail -5 "$TEST_TMP/slurmd.log")"
ok "cluster up: $(sinfo -h -o '%N %T %c CPUs')"

cat > "$JOBS/sweep.yaml" <<YAML
name: cluster_grid
scenario: $SIMRUN_SOURCE_DIR/scenarios/baseline.yaml
seed: 2018
runs: 300
focal: [RUS-PAK]
set: [calendar.ticks=12]
design: {kind: grid}
parameters:
  - {path: parameters.lambda, values: [2, 5]}
  - {path: parameters.w_entrapment, values: [0.3, 0.9]}
YAML
cd "$JOBS" || exit 1
"$SIMRUN" sweep "$JOBS/sweep.yaml" -o single.h5 -q || die single "simrun sweep exited $?"

# wait_jobs ID...: until none is queued or running (at most 120 s).
wait_jobs() {
  for _ in $(seq 240); do
    [ -z "$(squeue -h -j "$(IFS=,; echo "$*")" 2>/dev/null)" ] && return 0
    sleep 0.5
  done
  return 1
}
job_state() { scontrol show job "$1" 2>/dev/null | grep -oE 'JobState=[A-Z_]+' | head -1 | cut -d= -f2; }
# jobs_report: why a submission did not complete: state and exit code of every array task and of
# the merge, and the end of each job's log (stdout and stderr of the sweep shards and the merge).
jobs_report() {
  echo "array $ARRAY and merge $MERGE:"
  { scontrol -o show job "$ARRAY"; scontrol -o show job "$MERGE"; } 2>&1 |
    awk '{ l = ""; for (i = 1; i <= NF; i++) if ($i ~ /^(JobId|ArrayTaskId|JobState|Reason|ExitCode)=/) l = l " " $i; print " " l }'
  local f
  for f in work/logs/*.out; do [ -e "$f" ] && { echo "--- $f:"; tail -15 "$f"; }; done
}

submit() {  # submit LABEL: runs submit.sh, sets ARRAY and MERGE
  SIMRUN="$SIMRUN" bash "$SIMRUN_SOURCE_DIR/scripts/slurm/submit.sh" sweep.yaml 4 work work/merged.h5 >"$1.submit" 2>&1 \
    || { fail "$1" "submit.sh exited $?: $(cat "$1.submit")"; return 1; }
  ARRAY=$(sed -n 's/^ARRAY_JOB_ID=//p' "$1.submit"); MERGE=$(sed -n 's/^MERGE_JOB_ID=//p' "$1.submit")
  [ -n "$ARRAY" ] && [ -n "$MERGE" ] || { fail "$1" "no job ids: $(cat "$1.submit")"; return 1; }
  scontrol show job "$MERGE" | grep -q "Dependency=afterok:${ARRAY}" || scontrol show job "$MERGE" | grep -q "JobState=COMPLETED" \
    || fail "$1" "the merge job does not depend on the array: $(scontrol show job "$MERGE" | grep -i depend)"
  wait_jobs "$ARRAY" "$MERGE" || { fail "$1" "jobs still queued after 120 s: $(squeue; jobs_report)"; return 1; }
  local st
  st=$(job_state "$MERGE")
  [ "$st" = COMPLETED ] || { fail "$1" "merge job $MERGE is $st: $(jobs_report)"; return 1; }
  return 0
}

t0=$(date +%s)
if submit first; then
  n=$(ls work/shards/shard_*.h5 2>/dev/null | wc -l)
  [ "$n" -eq 4 ] || fail first "expected 4 shards, found $n"
  same_datasets single.h5 work/merged.h5 >cmp1.out 2>&1 && ok "array of 4 + merge == single-process ($(cat cmp1.out)) in $(( $(date +%s) - t0 )) s" \
    || fail first "$(cat cmp1.out)"
fi

# Resubmission: shard 2 lost; the others are skipped.
rm -f work/shards/shard_2.h5 work/logs/*.out
t0=$(date +%s)
if submit resubmit; then
  skipped=$(grep -l "already complete" work/logs/sweep_*.out 2>/dev/null | wc -l)
  [ "$skipped" -eq 3 ] && ok "resubmission skipped the 3 complete shards" || fail resubmit "expected 3 skipped shards, got $skipped: $(cat work/logs/sweep_*.out)"
  grep -q "Wrote shard 2/4" work/logs/sweep_*.out || fail resubmit "shard 2 was not recomputed"
  same_datasets single.h5 work/merged.h5 >cmp2.out 2>&1 && ok "resubmitted sweep == single-process in $(( $(date +%s) - t0 )) s" || fail resubmit "$(cat cmp2.out)"
fi

# The MPI variant as a 2-task Slurm job (mpirun inside the allocation; the settings of OMPI_LOCAL_ENV in lib/common.sh).
if command -v mpirun >/dev/null; then
  MPI_JOB=$(env "${OMPI_LOCAL_ENV[@]}" sbatch --parsable --ntasks=2 --export="ALL,SIMRUN=$SIMRUN" --output=mpi_%j.out \
    "$SIMRUN_SOURCE_DIR/scripts/slurm/sweep_mpi.sbatch" "$JOBS/sweep.yaml" mpi.h5)
  MPI_JOB=${MPI_JOB%%;*}
  if wait_jobs "$MPI_JOB" && [ "$(job_state "$MPI_JOB")" = COMPLETED ]; then
    grep -q "2 MPI ranks" "mpi_$MPI_JOB.out" || fail mpi "did not run on 2 ranks: $(cat "mpi_$MPI_JOB.out")"
    same_datasets single.h5 mpi.h5 >cmp3.out 2>&1 && ok "sweep_mpi.sbatch (2 ranks) == single-process" || fail mpi "$(cat cmp3.out)"
  else
    fail mpi "job $MPI_JOB: $(job_state "$MPI_JOB"): $(cat "mpi_$MPI_JOB.out" 2>/dev/null)"
  fi
else
  fail mpi "mpirun not found (openmpi-bin)"
fi

pids=""
for pf in "$S/slurmd.pid" "$S/slurmctld.pid" "$S/munge/munged.pid"; do [ -s "$pf" ] && pids="$pids $(cat "$pf")"; done
cleanup
trap - EXIT
for pid in $pids; do kill -0 "$pid" 2>/dev/null && fail cleanup "daemon $pid ($(tr '\0' ' ' </proc/"$pid"/cmdline)) still running"; done
for proc in /proc/[0-9]*; do
  case "$(readlink "$proc/cwd" 2>/dev/null)" in "$S"* | "$TEST_TMP"*)
    case "$({ tr '\0' ' ' <"$proc/cmdline"; } 2>/dev/null)" in slurm*|munge*) fail cleanup "left ${proc#/proc/}: $(tr '\0' ' ' <"$proc/cmdline")" ;; esac ;;
  esac
done
finish test_cluster_slurm
