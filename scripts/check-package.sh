#!/usr/bin/env bash
# The four ways a C++ project consumes invforecast, each a tiny project outside the tree that
# builds one of the examples unchanged and runs it with an output check:
#   1. find_package, header-only part        tests/package             (examples 04 + consumer.cpp)
#   2. find_package ... COMPONENTS postgres  tests/package/postgres    (example 05 against a
#      throwaway PostgreSQL server); and, against the header-only install, the same configure
#      must fail naming the missing component
#   3. add_subdirectory                      tests/package/subdirectory (example 03)
#   4. pkg-config --cflags --libs            tests/package/pkgconfig   (00 with invforecast.pc and
#                                                                       with invforecast-compiled.pc,
#                                                                       05 with invforecast-postgres.pc)
#   5. find_package ... COMPONENTS compiled  tests/package/compiled    (example 00 on the
#      precompiled instantiations); against the header-only install it must fail naming it
# Two fresh install prefixes: one from a header-only configure (nothing to compile; checks the
# arch-independent layout) and one with the compiled components, the PostgreSQL adapters and
# invforecast::compiled (arch lib dir).
#
#   scripts/check-package.sh                                # builds the adapters in a temporary tree
#   INVFORECAST_PACKAGE_BUILD=build/dev scripts/check-package.sh
#       # installs the adapters from an existing build tree configured with
#       # -DINVFORECAST_WITH_POSTGRES=ON -DINVFORECAST_BUILD_COMPILED=ON (CI: the one
#       # scripts/test.sh just built), saving the minutes their compilation takes
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
scripts/install-deps.sh core postgres

fail() {
  echo "check-package: $*" >&2
  exit 1
}
step() { printf -- '-- %s (%s)\n' "$1" "$(date -u +%T)"; }
jobs=${INVFORECAST_JOBS:-$(nproc)}
# The consumers ask for the version the sources declare (include/invforecast/version.hpp).
version=$(sed -n 's/^#define INVFORECAST_VERSION_\(MAJOR\|MINOR\) \([0-9]*\)$/\2/p' \
  include/invforecast/version.hpp | paste -sd.)
[[ $version =~ ^[0-9]+\.[0-9]+$ ]] || fail "cannot read the version from version.hpp"

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
quiet() { "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; fail "failed: $*"; }; }
cache_value() { sed -n "s/^$2:[A-Z]*=//p" "$1/CMakeCache.txt"; }
# check_run <program> <regex>...: runs it, every regex must match (examples' check helper).
check_run() {
  local cmd=$1 expect
  shift
  expect=$(printf '%s@@' "$@")
  quiet cmake "-DCOMMAND=$cmd" "-DEXPECT=${expect%@@}" -DWORKDIR="$work" \
    -P examples/tools/check_command.cmake
}

# suits_32_bit <version file>: would a 32-bit project asking for $version accept this package?
# An ARCH_INDEPENDENT version file (write_basic_package_version_file) accepts any pointer size.
suits_32_bit() {
  cat >"$work/suits.cmake" <<CMAKE
cmake_minimum_required(VERSION 3.21)
set(PACKAGE_FIND_VERSION $version)
string(REGEX MATCH "^[0-9]+" PACKAGE_FIND_VERSION_MAJOR "$version")
set(CMAKE_SIZEOF_VOID_P 4)
include("$1")
if(PACKAGE_VERSION_COMPATIBLE AND NOT PACKAGE_VERSION_UNSUITABLE)
  message("yes")
else()
  message("no")
endif()
CMAKE
  cmake -P "$work/suits.cmake" 2>&1
}

step "install: header-only part"
quiet cmake -S . -B "$work/build-header" -G Ninja -DINVFORECAST_BUILD_TESTS=OFF \
  -DINVFORECAST_BUILD_EXAMPLES=OFF -DINVFORECAST_BUILD_BENCH=OFF -DINVFORECAST_INSTALL=ON \
  -DINVFORECAST_WITH_POSTGRES=OFF
quiet cmake --install "$work/build-header" --prefix "$work/header"
# GNUInstallDirs caches DATADIR empty, meaning DATAROOTDIR.
datadir=$(cache_value "$work/build-header" CMAKE_INSTALL_DATADIR)
[ -n "$datadir" ] || datadir=$(cache_value "$work/build-header" CMAKE_INSTALL_DATAROOTDIR)
version_file="$work/header/$datadir/cmake/invforecast/invforecastConfigVersion.cmake"
[ -f "$version_file" ] || fail "no $datadir/cmake/invforecast in the header-only install"
[ "$(suits_32_bit "$version_file")" = yes ] ||
  fail "the header-only version file is not ARCH_INDEPENDENT"
[ -f "$work/header/$datadir/pkgconfig/invforecast.pc" ] || fail "no invforecast.pc"
[ -z "$(find "$work/header" -name 'libinvforecast*' -o -name 'invforecastPostgres*')" ] ||
  fail "the header-only install contains the adapters"

step "install: with the PostgreSQL adapters and invforecast::compiled"
if [ -n "${INVFORECAST_PACKAGE_BUILD:-}" ]; then
  pg_build=$INVFORECAST_PACKAGE_BUILD
  [ "$(cache_value "$pg_build" INVFORECAST_WITH_POSTGRES)" = ON ] ||
    fail "$pg_build was not configured with -DINVFORECAST_WITH_POSTGRES=ON"
  [ "$(cache_value "$pg_build" INVFORECAST_BUILD_COMPILED)" = ON ] ||
    fail "$pg_build was not configured with -DINVFORECAST_BUILD_COMPILED=ON"
  [ "$(cache_value "$pg_build" INVFORECAST_INSTALL)" = ON ] ||
    fail "$pg_build was not configured with -DINVFORECAST_INSTALL=ON"
else
  pg_build="$work/build-postgres"
  quiet cmake -S . -B "$pg_build" -G Ninja -DINVFORECAST_BUILD_TESTS=OFF \
    -DINVFORECAST_BUILD_EXAMPLES=OFF -DINVFORECAST_BUILD_BENCH=OFF -DINVFORECAST_INSTALL=ON \
    -DINVFORECAST_WITH_POSTGRES=ON -DINVFORECAST_BUILD_COMPILED=ON -DINVFORECAST_REQUIRE_ALL=ON
fi
quiet cmake --build "$pg_build" --target invforecast_postgres invforecast_compiled -j "$jobs"
quiet cmake --install "$pg_build" --prefix "$work/pg"
libdir=$(cache_value "$pg_build" CMAKE_INSTALL_LIBDIR)
ls "$work/pg/$libdir"/libinvforecast_postgres.* >/dev/null 2>&1 ||
  fail "libinvforecast_postgres not under $libdir"
ls "$work/pg/$libdir"/libinvforecast_compiled.* >/dev/null 2>&1 ||
  fail "libinvforecast_compiled not under $libdir"
version_file="$work/pg/$libdir/cmake/invforecast/invforecastConfigVersion.cmake"
[ -f "$version_file" ] || fail "no $libdir/cmake/invforecast in the install with the adapters"
[ "$(suits_32_bit "$version_file")" = no ] ||
  fail "the version file of an install with a compiled library is ARCH_INDEPENDENT"
[ ! -e "$work/pg/$datadir/cmake/invforecast" ] || fail "two CMake packages installed"
for pc in invforecast-postgres invforecast-compiled; do
  [ -f "$work/pg/$libdir/pkgconfig/$pc.pc" ] || fail "no $pc.pc"
done
pc_path="$work/pg/$libdir/pkgconfig:$work/pg/$datadir/pkgconfig"

# pkg-config builds run in the background while CMake builds the other consumers.
step "consumers: build"
PKG_CONFIG_PATH="$work/header/$datadir/pkgconfig" tests/package/pkgconfig/build.sh \
  examples/00_plan_all_materials.cpp "$work/pc-00" invforecast >"$work/pc-00.log" 2>&1 &
pc00=$!
PKG_CONFIG_PATH="$pc_path" tests/package/pkgconfig/build.sh \
  examples/05_postgres_nightly_job.cpp "$work/pc-05" invforecast-postgres >"$work/pc-05.log" 2>&1 &
pc05=$!
PKG_CONFIG_PATH="$pc_path" tests/package/pkgconfig/build.sh \
  examples/00_plan_all_materials.cpp "$work/pc-00-compiled" invforecast-compiled \
  >"$work/pc-00-compiled.log" 2>&1 &
pc00c=$!

consumer() {  # consumer <name> <source dir> [cmake args...]: configure, build, ctest
  local name=$1 src=$2
  shift 2
  step "consumer: $name"
  quiet cmake -S "$src" -B "$work/$name" -G Ninja "-DINVFORECAST_REQUEST_VERSION=$version" "$@"
  quiet cmake --build "$work/$name" -j "$jobs"
  quiet ctest --test-dir "$work/$name" --output-on-failure
}
consumer find_package tests/package -DCMAKE_PREFIX_PATH="$work/header" \
  -DINVFORECAST_EXAMPLES_DIR="$repo/examples"

for component in postgres compiled; do
  step "consumer: find_package COMPONENTS $component against the header-only install must fail"
  if cmake -S "tests/package/$component" -B "$work/missing-$component" -G Ninja \
    -DCMAKE_PREFIX_PATH="$work/header" "-DINVFORECAST_REQUEST_VERSION=$version" \
    >"$work/missing-$component.log" 2>&1; then
    fail "find_package(invforecast COMPONENTS $component) succeeded without the component"
  fi
  grep -q "component '$component': not installed" "$work/missing-$component.log" || {
    cat "$work/missing-$component.log" >&2
    fail "the missing component $component is not named"
  }
done

consumer find_package_postgres tests/package/postgres -DCMAKE_PREFIX_PATH="$work/pg" \
  -DINVFORECAST_SOURCE_DIR="$repo"
consumer find_package_compiled tests/package/compiled -DCMAKE_PREFIX_PATH="$work/pg" \
  -DINVFORECAST_EXAMPLES_DIR="$repo/examples"
consumer add_subdirectory tests/package/subdirectory -DINVFORECAST_SOURCE_DIR="$repo"

step "consumer: pkg-config"
wait "$pc00" || { cat "$work/pc-00.log" >&2; fail "pkg-config build of example 00 failed"; }
wait "$pc05" || { cat "$work/pc-05.log" >&2; fail "pkg-config build of example 05 failed"; }
wait "$pc00c" || {
  cat "$work/pc-00-compiled.log" >&2
  fail "pkg-config build of example 00 with invforecast-compiled failed"
}
check_run "$work/pc-00" "^BOLT-M8: order 250 by 2026-10-31, HIGH"
check_run "$work/pc-00-compiled" "^BOLT-M8: order 250 by 2026-10-31, HIGH"
check_run "$repo/tests/postgres/run_with_postgres.sh@@sh@@-c@@exec \"\$0\" \"\$INVFORECAST_PG_TEST_CONNINFO\"@@$work/pc-05" \
  "forecasts written: 10, skipped: 0" "recommendations: 10, CRITICAL: 1"
step "package check passed"
