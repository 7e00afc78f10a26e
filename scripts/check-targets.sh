#!/usr/bin/env bash
# Builds the benchmarks (Release), runs them with JSON output and checks every documented
# target of the ERP (docs/benchmarks.md): prints operation, target, measured median and p95,
# ratio to the target, PASS/FAIL, and whether our own goal is met.
#
#   scripts/check-targets.sh [--quick] [--no-build] [--no-postgres] [--strict]
#                            [--repetitions N] [--build-dir DIR] [--out DIR] [--markdown]
#                            [--nightly]
#
#   --quick        CI smoke run (< 3 minutes): only the benchmarks behind a target, short
#                  runs, 3 repetitions, the large batch with 100 instead of 10,000 series
#                  and one repetition (INVFORECAST_BENCH_LARGE_BATCH / _LARGE_REPETITIONS)
#   --no-build     use the executables already in the build directory
#   --no-postgres  skip the database benchmarks (they need PostgreSQL 15: initdb, pg_ctl)
#   --strict       also exit non-zero when one of our goals (beyond the targets) is missed
#   --repetitions  repetitions per benchmark (default 10; medians are over repetitions)
#   --out DIR      keep the JSON results there (default: a temporary directory)
#   --nightly      also run the whole nightly job (postgres_bench --nightly: 10,000 materials x
#                  365 days at 1 and 2 threads, 100 materials with --quick) and print its lines
#                  against the goals of docs/benchmarks.md (goals, never a failure)
# Exit status: 0 all documented targets met, 1 a target missed, 2 usage or build error.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

quick=0 build=1 postgres=1 nightly=0 strict="" markdown="" reps=10 build_dir="$root/build/bench" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --no-postgres) postgres=0 ;;
    --nightly) nightly=1 ;;
    --strict) strict=--strict ;;
    --markdown) markdown=--markdown ;;
    --repetitions) reps=$2; shift ;;
    --build-dir) build_dir=$2; shift ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "check-targets: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ $quick -eq 1 ] && [ "$reps" = 10 ] && reps=3

python=python3
[ -x /usr/bin/python3 ] && python=/usr/bin/python3

pg_bindir=""
for candidate in "${PG_BINDIR:-}" /usr/lib/postgresql/15/bin; do
  if [ -n "$candidate" ] && [ -x "$candidate/initdb" ]; then pg_bindir=$candidate; break; fi
done
if [ $postgres -eq 1 ] && { [ -z "$pg_bindir" ] || ! pkg-config --exists libpq 2>/dev/null; }; then
  echo "check-targets: PostgreSQL 15 or libpq not found; database benchmarks skipped" \
    "(scripts/install-deps.sh postgres)" >&2
  postgres=0
fi

if [ $build -eq 1 ]; then
  with_pg=OFF
  [ $postgres -eq 1 ] && with_pg=ON
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DINVFORECAST_BUILD_TESTS=OFF -DINVFORECAST_BUILD_EXAMPLES=OFF \
    -DINVFORECAST_BUILD_BENCH=ON -DINVFORECAST_WITH_POSTGRES=$with_pg >/dev/null ||
    { echo "check-targets: configure failed" >&2; exit 2; }
  cmake --build "$build_dir" -j "${INVFORECAST_JOBS:-$(nproc)}" >/dev/null ||
    { echo "check-targets: build failed (cmake --build $build_dir)" >&2; exit 2; }
fi

if [ -z "$out" ]; then
  out=$(mktemp -d /tmp/invforecast-bench.XXXXXX)
  trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"

common=(--benchmark_repetitions="$reps" --benchmark_format=console
        --benchmark_out_format=json --benchmark_report_aggregates_only=false)
if [ $quick -eq 1 ]; then
  common+=(--benchmark_min_time=0.05)
  export INVFORECAST_BENCH_LARGE_BATCH=${INVFORECAST_BENCH_LARGE_BATCH:-100}
  export INVFORECAST_BENCH_LARGE_REPETITIONS=${INVFORECAST_BENCH_LARGE_REPETITIONS:-1}
fi

# Only the benchmarks behind a target or goal in quick mode; everything otherwise.
quick_filter='^(algo/(moving_average|ses|holt_winters_.*|auto|ets_auto)|batch10/(moving_average|ses|holt_winters)/.*|batch_large/.*)$'
quick_pg_filter='^db/(get_demand_history|get_material_forecasts|calculate_safety_stock|get_forecast_accuracy_summary|get_replenishment_recommendations|generate_forecasts_single|calculate_forecast_accuracy)(/real_time)?$'
results=()
for exe in "$build_dir"/bench/invforecast_*_bench; do
  [ -x "$exe" ] || continue
  area=$(basename "$exe" _bench)
  area=${area#invforecast_}
  [ "$area" = postgres ] && continue
  args=("${common[@]}" --benchmark_out="$out/$area.json")
  if [ $quick -eq 1 ]; then
    case "$area" in
      algorithms) args+=(--benchmark_filter="$quick_filter") ;;
      *) continue ;;
    esac
  fi
  echo "== $area" >&2
  "$exe" "${args[@]}" >"$out/$area.txt" || { echo "check-targets: $exe failed" >&2; exit 2; }
  results+=("$out/$area.json")
done

if [ $postgres -eq 1 ] && [ -x "$build_dir/bench/invforecast_postgres_bench" ]; then
  echo "== postgres (throwaway PostgreSQL server)" >&2
  pg_args=("${common[@]}" --benchmark_out="$out/postgres.json")
  [ $quick -eq 1 ] && pg_args+=(--benchmark_filter="$quick_pg_filter")
  PG_BINDIR=$pg_bindir tests/postgres/run_with_postgres.sh \
    "$build_dir/bench/invforecast_postgres_bench" "${pg_args[@]}" >"$out/postgres.txt" ||
    { echo "check-targets: the database benchmarks failed" >&2; exit 2; }
  results+=("$out/postgres.json")
fi

if [ $postgres -eq 1 ] && [ $nightly -eq 1 ] && [ -x "$build_dir/bench/invforecast_postgres_bench" ]; then
  echo "== nightly job (throwaway PostgreSQL server)" >&2
  nightly_materials=10000
  [ $quick -eq 1 ] && nightly_materials=100
  INVFORECAST_BENCH_NIGHTLY_MATERIALS=$nightly_materials PG_BINDIR=$pg_bindir \
    tests/postgres/run_with_postgres.sh "$build_dir/bench/invforecast_postgres_bench" --nightly \
    >"$out/nightly.txt" || { echo "check-targets: the nightly benchmark failed" >&2; exit 2; }
  cat "$out/nightly.txt" >&2
fi

[ ${#results[@]} -gt 0 ] || { echo "check-targets: no benchmark executables in $build_dir" >&2; exit 2; }
$python bench/check_targets.py $strict $markdown "${results[@]}"
