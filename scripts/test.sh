#!/usr/bin/env bash
# Sets up (installs missing Debian packages), builds and runs the whole test suite.
#   scripts/test.sh                 # g++, Debug, warnings as errors, PostgreSQL adapters on
#   INVFORECAST_PRESET=sanitize scripts/test.sh    # ASan + UBSan
#   INVFORECAST_PRESET=clang scripts/test.sh       # clang++ 14
# Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

preset=${INVFORECAST_PRESET:-dev}
groups=(core postgres cli)
[ "$preset" = clang ] && groups+=(clang)
scripts/install-deps.sh "${groups[@]}"

jobs=${INVFORECAST_JOBS:-$(nproc)}
# REQUIRE_ALL: a dependency the groups above should have installed but did not is a configure
# error naming it, not a silently smaller test suite.
cmake --preset "$preset" -DINVFORECAST_WITH_POSTGRES=ON -DINVFORECAST_REQUIRE_ALL=ON >/dev/null
cmake --build --preset "$preset" -j "$jobs"
ctest --preset "$preset" -j "$jobs"
