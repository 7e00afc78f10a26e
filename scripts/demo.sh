#!/usr/bin/env bash
# The README's first command: plans the sample data of examples/data/ end to end.
#
#   scripts/demo.sh              no database: CSV in, CSV/JSON/HTML out
#   scripts/demo.sh --postgres   the same against a throwaway PostgreSQL 15 server started here
#                                (schema migrated, sample demand loaded, forecasts, accuracy and
#                                recommendations written back), then the health check
#   scripts/demo.sh --help
#
# Steps: install missing Debian packages (scripts/install-deps.sh core cli [postgres]),
# configure the `release` preset (build/release), build the `invforecast` tool, run
# `invforecast run` on examples/data/ and print the summary table sorted by urgency and the path
# of the HTML report. Outputs go to build/demo/ (build/demo-postgres/ with --postgres).
# Extra arguments after `--` are passed to `invforecast run` (e.g. -- --horizon 60).
# INVFORECAST_DEMO_JOBS sets the number of build jobs (default: all cores).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
postgres=0
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --postgres) postgres=1 ;;
    -h | --help)
      sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    --) shift; extra=("$@"); break ;;
    *) echo "demo.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

groups=(core cli)
[[ $postgres -eq 1 ]] && groups+=(postgres)
say "Checking Debian packages: ${groups[*]}"
"$root/scripts/install-deps.sh" "${groups[@]}"

build="$root/build/release"
say "Configuring the release preset ($build)"
configure=(cmake --preset release -S "$root" -DINVFORECAST_BUILD_EXAMPLES=ON)
if [[ $postgres -eq 1 ]]; then configure+=(-DINVFORECAST_WITH_POSTGRES=ON); fi
(cd "$root" && "${configure[@]}" >/dev/null)

targets=(invforecast_cli)
[[ $postgres -eq 1 ]] && targets+=(invforecast_health)
say "Building ${targets[*]}"
cmake --build "$build" --target "${targets[@]}" -- -j"${INVFORECAST_DEMO_JOBS:-$(nproc 2>/dev/null || echo 2)}" >/dev/null
tool="$build/examples/invforecast"
data="$root/examples/data"

if [[ $postgres -eq 0 ]]; then
  out="$root/build/demo"
  say "invforecast run on $data (no database)"
  "$tool" run --demand "$data/demand.csv" --materials "$data/materials.csv" \
    --inventory "$data/inventory.csv" --out "$out" "${extra[@]}"
  exit $?
fi

# --postgres: a throwaway server (tests/postgres/run_with_postgres.sh starts it as the
# `postgres` system user when run as root, on a free port, and removes it on exit).
out="$root/build/demo-postgres"
tenant="00000000-0000-4000-8000-000000000001"
facility="00000000-0000-4000-8000-000000000002"
say "Starting a throwaway PostgreSQL server"
export tool data out tenant facility
export INVFORECAST_DEMO_EXTRA="${extra[*]:-}"
# shellcheck disable=SC2016  # expanded by the inner shell
"$root/tests/postgres/run_with_postgres.sh" bash -c '
  set -euo pipefail
  conninfo="$INVFORECAST_PG_TEST_CONNINFO"
  echo "==> invforecast run --postgres (migrate, load the sample demand, plan, write back)" >&2
  # shellcheck disable=SC2086
  "$tool" run --postgres "$conninfo" --tenant "$tenant" --facility "$facility" \
    --migrate --load-demand "$data/demand.csv" --materials "$data/materials.csv" \
    --inventory "$data/inventory.csv" --write-back --out "$out" $INVFORECAST_DEMO_EXTRA
  echo "==> invforecast-health" >&2
  status=0
  "$(dirname "$tool")/invforecast-health" --postgres "$conninfo" --tenant "$tenant" \
    --facility "$facility" --as-of 2026-11-01 --prometheus "$out/invforecast.prom" || status=$?
  echo "Prometheus metrics: $out/invforecast.prom (health exit code $status)"
'
