#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz).
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options ...]   one target for a while
#   scripts/fuzz.sh --smoke [SECONDS]                        every target, SECONDS each
#                                                            (default 60; the CI step)
# TARGET: inventory, metrics, forecast or cli_input. Builds build/fuzz with clang++-14
# (ASan + UBSan) when needed; the committed seeds (tests/fuzz/corpus/TARGET) are read, new
# inputs go to build/fuzz/corpus/TARGET; a crash is saved as build/fuzz/crash-* and the exit
# code is not 0. The exec count of each run is in its last lines (stat::number_of_executed_units).
set -euo pipefail

targets="inventory metrics forecast cli_input"
usage() {
  echo "usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options ...] | --smoke [SECONDS]" >&2
  exit 2
}
[ $# -ge 1 ] || usage

root=$(cd "$(dirname "$0")/.." && pwd)
build=${INVFORECAST_FUZZ_BUILD_DIR:-$root/build/fuzz}
cxx=${CXX_FUZZ:-clang++-14}

configure() {
  if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_COMPILER="$cxx" -DINVFORECAST_BUILD_FUZZ=ON -DINVFORECAST_BUILD_EXAMPLES=OFF \
      -DINVFORECAST_BUILD_BENCH=OFF -DINVFORECAST_HEADER_CHECK=OFF \
      -DINVFORECAST_WITH_POSTGRES=OFF >/dev/null
  fi
}

run_target() {  # target seconds [options]
  local target=$1 seconds=$2
  shift 2
  local corpus="$build/corpus/$target"
  mkdir -p "$corpus"
  (cd "$build" && "./tests/fuzz/invforecast_fuzz_$target" -max_total_time="$seconds" \
    -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 "$@" "$corpus" \
    "$root/tests/fuzz/corpus/$target")
}

if [ "$1" = "--smoke" ]; then
  seconds=${2:-60}
  configure
  for t in $targets; do
    cmake --build "$build" --target "invforecast_fuzz_$t" -j "${FUZZ_JOBS:-2}"
  done
  for t in $targets; do
    echo "fuzz.sh --smoke: $t for $seconds s"
    log="$build/smoke-$t.log"
    if ! run_target "$t" "$seconds" >"$log" 2>&1; then
      tail -n 60 "$log"
      echo "fuzz.sh --smoke: $t FAILED (log: $log)" >&2
      exit 1
    fi
    grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$log" || tail -n 5 "$log"
  done
  echo "fuzz.sh --smoke: all targets passed"
  exit 0
fi

[ $# -ge 2 ] || usage
target=$1
seconds=$2
shift 2
case " $targets " in
  *" $target "*) ;;
  *)
    echo "fuzz.sh: unknown target '$target' (known: $targets)" >&2
    exit 2
    ;;
esac
configure
cmake --build "$build" --target "invforecast_fuzz_$target" -j "${FUZZ_JOBS:-2}"
run_target "$target" "$seconds" "$@"
