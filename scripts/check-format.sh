#!/usr/bin/env bash
# Fails when any C++ file in the repository is not formatted by clang-format (.clang-format).
#   scripts/check-format.sh         # check
#   scripts/check-format.sh --fix   # reformat in place
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh clang
mapfile -t files < <(git ls-files '*.hpp' '*.cpp' '*.h' '*.cc')
[ ${#files[@]} -eq 0 ] && exit 0
if [ "${1:-}" = --fix ]; then
  clang-format -i "${files[@]}"
else
  clang-format --dry-run --Werror "${files[@]}"
  echo "clang-format: ${#files[@]} files formatted"
fi
