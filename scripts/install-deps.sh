#!/usr/bin/env bash
# Installs simrun's build and test dependencies from Debian 12's packages (needs root or sudo).
# Idempotent: when every package is already installed it does nothing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build git ccache   # ccache: scripts/compiler-cache.sh
  libboost-program-options-dev libboost-random-dev libeigen3-dev
  libhdf5-dev hdf5-tools libtbb-dev libgtest-dev libbenchmark-dev libyaml-cpp-dev librandom123-dev
  libopenmpi-dev openmpi-bin
  slurmctld slurmd slurm-client munge
  python3-h5py python3-numpy python3-xarray python3-h5netcdf python3-matplotlib python3-pandas
  python3-nbclient python3-nbformat python3-ipykernel jupyter-nbconvert
  python3-scipy python3-sklearn   # simrun.discovery: quasi-p-values (binomial test), CART
  time
  clang-14 libclang-rt-14-dev dpkg-dev   # fuzzing (libFuzzer); oneTBB's source for the TSan build
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root (or install sudo): missing ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
