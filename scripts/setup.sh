#!/usr/bin/env bash
# One command for a new user on Debian 12: install dependencies, build, run the baseline once as a
# check. The check writes a file of its own (results/setup/), so the README's first usage line,
# which writes results/baseline.h5, works right after it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
mkdir -p results/setup
./build/sim/simrun scenarios/baseline.yaml -o results/setup/baseline.h5 --force
echo
echo "Next: ./build/sim/simrun scenarios/baseline.yaml     (writes results/baseline.h5; README, Usage)"
echo "Open a result in Python:  PYTHONPATH=python /usr/bin/python3 -c 'import simrun; print(simrun.open(\"results/setup/baseline.h5\"))'"
