#!/usr/bin/env bash
# Runs the quick start exactly as docs/quickstart.md writes it, so the document and CI cannot
# drift: every ```sh block that follows a `<!-- ci: quickstart ... -->` line is extracted and
# run, in order, with bash -e from the root of a fresh copy of the sources (the files git
# tracks or would track, no build trees), as a new user would after cloning.
# Fails when a command fails, when no marked block is found, or when the configure step reports
# a missing optional part (the groups the doc installs must cover what the doc builds).
#   scripts/check-quickstart.sh [doc]      (default docs/quickstart.md)
set -euo pipefail
cd "$(dirname "$0")/.."
doc=${1:-docs/quickstart.md}

commands=$(awk '
  /^<!-- ci: quickstart/ { armed = 1; next }
  armed && /^```sh[[:space:]]*$/ { inside = 1; armed = 0; blocks++; next }
  inside && /^```[[:space:]]*$/ { inside = 0; next }
  inside { print }
  END { if (blocks == 0) exit 1 }' "$doc") || {
  echo "check-quickstart: no \`\`\`sh block after a '<!-- ci: quickstart' line in $doc" >&2
  exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/invforecast"
git ls-files -z --cached --others --exclude-standard |
  tar --null --no-recursion --ignore-failed-read -cf - -T - | tar -xf - -C "$work/invforecast"
printf '%s\n' "$commands" >"$work/quickstart.sh"

echo "check-quickstart: running from $doc in a fresh copy ($work/invforecast):"
sed 's/^/  $ /' "$work/quickstart.sh"
start=$(date +%s)
(cd "$work/invforecast" && bash -euo pipefail -x "$work/quickstart.sh") 2>&1 | tee "$work/log"
rc=${PIPESTATUS[0]}
if [ "$rc" -ne 0 ]; then
  echo "check-quickstart: the quick start failed (exit $rc)" >&2
  exit 1
fi
# An optional part's message starts "invforecast: <part>: needs" (cmake/invforecastOptional.cmake).
if grep -A2 "^CMake Warning" "$work/log" | grep -E "^ *invforecast: " >&2; then
  echo "check-quickstart: the quick start's package groups do not cover what it builds" >&2
  exit 1
fi
echo "check-quickstart: passed in $(($(date +%s) - start)) s"
