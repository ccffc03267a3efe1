#!/usr/bin/env bash
# Submits a sweep as a Slurm job array of K shards plus a merge job that runs only if every
# shard succeeded (--dependency=afterok). Resubmitting the same command redoes only the shards
# whose complete file is missing, then merges again.
#
#   scripts/slurm/submit.sh SWEEP.yaml K WORK_DIR [OUT.h5]
#
# WORK_DIR gets shards/ (shard_0.h5 ... shard_{K-1}.h5) and logs/; OUT defaults to
# WORK_DIR/<sweep name>.h5. Environment: SIMRUN (the simrun binary: default `simrun` on PATH,
# else build/sim/simrun of this repository), CPUS_PER_TASK (threads per shard, default 1),
# SBATCH_EXTRA (more sbatch options, e.g. "--partition=long --time=02:00:00").
# Prints ARRAY_JOB_ID=... and MERGE_JOB_ID=... on the last two lines.
set -euo pipefail
usage() { echo "usage: $0 SWEEP.yaml K WORK_DIR [OUT.h5]" >&2; exit 2; }
[ $# -ge 3 ] || usage
SWEEP=$(realpath "$1"); K=$2; WORK=$3
[[ "$K" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: K must be a whole number >= 1, got '$K'" >&2; exit 2; }
[ -f "$SWEEP" ] || { echo "submit.sh: no sweep file $1" >&2; exit 2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$WORK/shards" "$WORK/logs"
WORK=$(realpath "$WORK")
OUT=${4:-$WORK/$(basename "${SWEEP%.*}").h5}
OUT=$(realpath -m "$OUT")
if [ -z "${SIMRUN:-}" ]; then
  SIMRUN=$(command -v simrun || true)
  [ -n "$SIMRUN" ] || SIMRUN="$HERE/../../build/sim/simrun"
fi
SIMRUN=$(realpath "$SIMRUN")
[ -x "$SIMRUN" ] || { echo "submit.sh: simrun binary not found ($SIMRUN); set SIMRUN" >&2; exit 2; }
# Check the sweep file here, before anything is queued (exit 2 with the file, line and field).
"$SIMRUN" sweep "$SWEEP" --dry-run -q
CPUS=${CPUS_PER_TASK:-1}
# shellcheck disable=SC2086
ARRAY=$(sbatch --parsable --array="0-$((K - 1))" --cpus-per-task="$CPUS" ${SBATCH_EXTRA:-} \
  --export="ALL,SIMRUN=$SIMRUN,SWEEP_SHARDS=$K" --output="$WORK/logs/sweep_%A_%a.out" \
  "$HERE/sweep_array.sbatch" "$SWEEP" "$WORK/shards")
ARRAY=${ARRAY%%;*}
# shellcheck disable=SC2086
MERGE=$(sbatch --parsable --dependency="afterok:$ARRAY" ${SBATCH_EXTRA:-} \
  --export="ALL,SIMRUN=$SIMRUN" --output="$WORK/logs/merge_%j.out" \
  "$HERE/merge.sbatch" "$WORK/shards" "$OUT")
MERGE=${MERGE%%;*}
echo "submit.sh: array job $ARRAY ($K shards of $SWEEP) -> $WORK/shards; merge job $MERGE -> $OUT"
echo "ARRAY_JOB_ID=$ARRAY"
echo "MERGE_JOB_ID=$MERGE"
