#!/usr/bin/env bash
# Installs invforecast into a fresh prefix and builds and runs the consumer project in
# tests/package against it: proves find_package(invforecast 0.1 CONFIG REQUIRED) works and that
# the examples 00 and 04 build unchanged against the installed headers.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh core

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake -S . -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DINVFORECAST_BUILD_TESTS=OFF \
  -DINVFORECAST_BUILD_EXAMPLES=OFF -DINVFORECAST_BUILD_BENCH=OFF -DINVFORECAST_INSTALL=ON >/dev/null
cmake --install "$work/build" --prefix "$work/prefix" >/dev/null
cmake -S tests/package -B "$work/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DINVFORECAST_EXAMPLES_DIR="$PWD/examples" >/dev/null
cmake --build "$work/consumer"
ctest --test-dir "$work/consumer" --output-on-failure
