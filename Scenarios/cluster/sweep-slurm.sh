#!/usr/bin/env bash
# Runs a Gigawatt sweep as a Slurm job array: array task I runs shard I of N of the sweep, N being
# the number of tasks in the array, into one output folder on a file system every node sees.
#
#   sbatch --array=0-3 Scenarios/cluster/sweep-slurm.sh SWEEP_FILE OUT_DIR
#   # when the array has finished (or chain it: sbatch --dependency=afterok:<job id> ...):
#   gigawatt sweep merge OUT_DIR
#
# Each task runs up to --cpus-per-task points at once. A task that is cancelled or requeued
# resumes where it stopped (complete points are kept). Set GIGAWATT to the binary's path if
# `gigawatt` is not on the PATH of the compute nodes.
#SBATCH --job-name=gigawatt-sweep
#SBATCH --cpus-per-task=1
#SBATCH --output=gigawatt-sweep-%A_%a.out
set -euo pipefail

sweep="${1:?usage: sbatch --array=0-(N-1) sweep-slurm.sh SWEEP_FILE OUT_DIR}"
out="${2:?usage: sbatch --array=0-(N-1) sweep-slurm.sh SWEEP_FILE OUT_DIR}"
: "${SLURM_ARRAY_TASK_ID:?not a job array task: submit with sbatch --array=0-(N-1)}"
# SLURM_ARRAY_TASK_COUNT is the number of tasks; the array must be 0-(N-1) so ids are 0..N-1.
count="${SLURM_ARRAY_TASK_COUNT:-$((SLURM_ARRAY_TASK_MAX + 1))}"
if [ "${SLURM_ARRAY_TASK_MIN:-0}" != 0 ] || [ "$((SLURM_ARRAY_TASK_MAX + 1))" != "$count" ]; then
  echo "sweep-slurm.sh: submit with --array=0-(N-1) (got ${SLURM_ARRAY_TASK_MIN}-${SLURM_ARRAY_TASK_MAX})" >&2
  exit 2
fi

exec "${GIGAWATT:-gigawatt}" sweep "$sweep" --out "$out" \
  --shard "$SLURM_ARRAY_TASK_ID/$count" --jobs "${SLURM_CPUS_PER_TASK:-1}"
