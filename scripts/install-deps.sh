#!/usr/bin/env bash
# Installs the Debian packages invforecast needs, only those missing.
#   scripts/install-deps.sh [group ...]
# groups: core (default: compiler, CMake, Eigen, Catch2, Google Benchmark), postgres (libpq,
# PostgreSQL server for the adapter tests), cli (CLI11, nlohmann-json for the command-line
# tool), clang (clang++ 14, its sanitizer runtime, clang-format), r (R and its forecast
# package, to regenerate reference fixtures and compare with peers), python (statsmodels, for
# the peer comparison), chromium (to screenshot the HTML report).
set -euo pipefail

declare -A groups=(
  [core]="g++ cmake ninja-build pkg-config python3 libeigen3-dev catch2 libbenchmark-dev"
  [postgres]="libpq-dev postgresql"
  [cli]="libcli11-dev nlohmann-json3-dev"
  [clang]="clang-14 libclang-rt-14-dev clang-format"
  [r]="r-base-core r-cran-forecast"
  [python]="python3 python3-statsmodels"
  [chromium]="chromium"
)

selected=("$@")
[ ${#selected[@]} -eq 0 ] && selected=(core)

wanted=()
for group in "${selected[@]}"; do
  if [ -z "${groups[$group]+x}" ]; then
    echo "install-deps: unknown group '$group' (known: ${!groups[*]})" >&2
    exit 2
  fi
  read -r -a packages <<<"${groups[$group]}"
  wanted+=("${packages[@]}")
done

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing Debian packages: ${missing[*]}" >&2
  echo "install-deps: run as root, or: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt_wait=(-o DPkg::Lock::Timeout=600)  # wait for unattended upgrades instead of failing
apt-get "${apt_wait[@]}" update -q >/dev/null
apt-get "${apt_wait[@]}" install -y -q --no-install-recommends "${missing[@]}" >/dev/null
