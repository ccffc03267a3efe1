#!/usr/bin/env bash
# Configures and builds simrun in ./build (Release, Ninja). Extra arguments go to cmake's configure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/compiler-cache.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "${COMPILER_CACHE_ARGS[@]}" "$@"
cmake --build build -j"$(nproc)"
