#!/usr/bin/env bash
# Renders the HTML forecast report in headless Chromium and writes a PNG screenshot, so a
# person can look at it without a browser session.
#
#   scripts/render-report.sh [report.html] [screenshot.png] [width] [height]
#
# Defaults: build/demo/report.html (written by scripts/demo.sh), <report folder>/report.png,
# 1400 x 2400 pixels. Installs Debian's chromium when missing (scripts/install-deps.sh
# chromium). Chromium runs with a throwaway profile, no sandbox (root in containers), no GPU and
# no network features; the report needs none (it is self-contained).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
report="${1:-$root/build/demo/report.html}"
shot="${2:-$(dirname "$report")/report.png}"
width="${3:-1400}"
height="${4:-2400}"

if [[ ! -f "$report" ]]; then
  echo "render-report.sh: $report not found (run scripts/demo.sh first)" >&2
  exit 2
fi
"$root/scripts/install-deps.sh" chromium
browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
  echo "render-report.sh: chromium not found" >&2
  exit 2
fi

profile="$(mktemp -d /tmp/invforecast-chromium.XXXXXX)"
trap 'rm -rf "$profile"' EXIT
report_abs="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
mkdir -p "$(dirname "$shot")"
shot_abs="$(cd "$(dirname "$shot")" && pwd)/$(basename "$shot")"

"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --disable-dev-shm-usage --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$width,$height" --screenshot="$shot_abs" "file://$report_abs" \
  >"$profile/chromium.log" 2>&1 || {
  cat "$profile/chromium.log" >&2
  exit 1
}
if [[ ! -s "$shot_abs" ]]; then
  cat "$profile/chromium.log" >&2
  echo "render-report.sh: no screenshot written" >&2
  exit 1
fi
echo "Screenshot: $shot_abs"
