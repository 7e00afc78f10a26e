#!/usr/bin/env bash
# Peer comparison: the same series through R's forecast package, Python's statsmodels and
# invforecast, in one run on the same machine. Prints per method and peer the time per series
# (fit + forecast with a 95 % interval), its ratio to invforecast, and hold-out accuracy
# (MASE, sMAPE, RMSSE, 95 % interval coverage). See docs/benchmarks.md.
#
#   scripts/compare-peers.sh [--quick] [--no-build] [--build-dir DIR] [--keep DIR]
#                            [--synthetic N] [--min-seconds S] [--markdown]
#
#   --quick          5 synthetic series per shape instead of 20, min-seconds 0.01
#   --synthetic N    synthetic series per shape (weekly seasonal, smooth, intermittent)
#   --min-seconds S  each fit + forecast is repeated until S seconds have passed (default 0.05)
#   --keep DIR       keep the series, forecasts and timings (CSV) in DIR
# Installs R's forecast package and python3-statsmodels from Debian when missing
# (scripts/install-deps.sh r python; needs root). Every peer runs single-threaded.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

build=1 build_dir="$root/build/bench" keep="" synthetic=20 min_seconds=0.05 markdown=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) synthetic=5; min_seconds=0.01 ;;
    --no-build) build=0 ;;
    --build-dir) build_dir=$2; shift ;;
    --keep) keep=$2; shift ;;
    --synthetic) synthetic=$2; shift ;;
    --min-seconds) min_seconds=$2; shift ;;
    --markdown) markdown=--markdown ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "compare-peers: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

scripts/install-deps.sh r python
# Debian's python3 (where python3-statsmodels is installed), not one earlier on PATH.
python=/usr/bin/python3
[ -x "$python" ] || python=python3

if [ $build -eq 1 ]; then
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DINVFORECAST_BUILD_TESTS=OFF -DINVFORECAST_BUILD_EXAMPLES=OFF \
    -DINVFORECAST_BUILD_BENCH=ON >/dev/null
  cmake --build "$build_dir" -j "${INVFORECAST_JOBS:-$(nproc)}" \
    --target invforecast_peer_driver >/dev/null
fi
driver="$build_dir/bench/invforecast_peer_driver"
[ -x "$driver" ] || { echo "compare-peers: $driver not built" >&2; exit 2; }

if [ -n "$keep" ]; then
  dir=$keep
  mkdir -p "$dir"
else
  dir=$(mktemp -d /tmp/invforecast-peers.XXXXXX)
  trap 'rm -rf "$dir"' EXIT
fi

# One thread per peer: no BLAS / OpenMP threads in R or numpy.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

echo "== exporting series (R datasets, forecast datasets, synthetic demand)" >&2
Rscript scripts/peers/export_series.R "$dir" "$synthetic"
echo "== invforecast" >&2
"$driver" "$dir" "$min_seconds"
echo "== R forecast" >&2
Rscript scripts/peers/run_r.R "$dir" "$min_seconds"
echo "== statsmodels" >&2
$python scripts/peers/run_statsmodels.py "$dir" "$min_seconds"

echo "Peer comparison, $(date -u +%Y-%m-%dT%H:%MZ), $(getconf _NPROCESSORS_ONLN) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
cat "$dir"/ours_version.txt "$dir"/r_version.txt "$dir"/sm_version.txt
echo
$python scripts/peers/score.py "$dir" $markdown
