#!/usr/bin/env bash
# Runs one libFuzzer target (tests/fuzz) for a while.
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options ...]
# TARGET: inventory, metrics or forecast. Builds build/fuzz with clang++-14 (ASan + UBSan)
# when needed; the committed seeds (tests/fuzz/corpus/TARGET) are read, new inputs go to
# build/fuzz/corpus/TARGET; a crash is saved as build/fuzz/crash-* and the exit code is not 0.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options ...]" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2
case "$target" in
  inventory | metrics | forecast) ;;
  *)
    echo "fuzz.sh: unknown target '$target' (known: inventory metrics forecast)" >&2
    exit 2
    ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
build=${INVFORECAST_FUZZ_BUILD_DIR:-$root/build/fuzz}
cxx=${CXX_FUZZ:-clang++-14}
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER="$cxx" -DINVFORECAST_BUILD_FUZZ=ON -DINVFORECAST_BUILD_EXAMPLES=OFF \
    -DINVFORECAST_BUILD_BENCH=OFF -DINVFORECAST_HEADER_CHECK=OFF \
    -DINVFORECAST_WITH_POSTGRES=OFF >/dev/null
fi
cmake --build "$build" --target "invforecast_fuzz_$target" -j "${FUZZ_JOBS:-2}"

corpus="$build/corpus/$target"
mkdir -p "$corpus"
cd "$build"
exec "./tests/fuzz/invforecast_fuzz_$target" -max_total_time="$seconds" -print_final_stats=1 \
  -timeout=10 -rss_limit_mb=2048 "$@" "$corpus" "$root/tests/fuzz/corpus/$target"
