#!/usr/bin/env bash
# One command for a new user on Debian 12: install dependencies, build, run the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
./build/sim/simrun scenarios/baseline.yaml --force
echo
echo "Open the result in Python:  /usr/bin/python3 -c 'import xarray as xr; print(xr.open_dataset(\"results/baseline.h5\", engine=\"h5netcdf\"))'"
