#!/usr/bin/env bash
# Consumer 4 of scripts/check-package.sh: a build without CMake, every flag from pkg-config.
#   PKG_CONFIG_PATH=<prefix's pkgconfig dirs> build.sh <example.cpp> <program> <pc module>
# e.g. build.sh examples/00_plan_all_materials.cpp out/00 invforecast
#      build.sh examples/05_postgres_nightly_job.cpp out/05 invforecast-postgres
# The example is compiled unchanged with `pkg-config --cflags --libs <module>`. C++20 is the
# consumer's choice: pkg-config carries no -std flag.
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 <example.cpp> <program> <pc module>" >&2
  exit 2
fi
flags=$(pkg-config --cflags --libs "$3")
echo "pkg-config --cflags --libs $3: $flags"
# shellcheck disable=SC2086  # the flags are meant to split into words
"${CXX:-c++}" -std=c++20 -o "$2" "$1" $flags
