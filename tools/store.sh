#!/usr/bin/env bash
# What the Chrome Web Store and addons.mozilla.org ask for besides the package:
#
#   tools/store.sh          build, then dist/store/{chrome,firefox}/: the listing texts
#                           in en, nl and fr, 1280×800 screenshots in each, the icons
#                           and the Chrome promo tile (Chromium draws them; tools/setup.sh
#                           test installs it)
#   tools/store.sh icons    draw extension/icons/*.png again from extension/icons/schild.svg
#
# The packages themselves are dist/schild-{chrome,firefox}-<version>.zip (tools/build.sh),
# and AMO's source upload dist/schild-source-<version>.zip (REVIEWERS.md).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = icons ]; then
  # Drawing needs a browser with the built extension (the harness's).
  [ -f dist/chrome/manifest.json ] || tools/build.sh
  exec node tools/store/store.mjs icons
fi
[ $# -eq 0 ] || { echo "usage: tools/store.sh [icons]" >&2; exit 2; }
tools/build.sh
exec node tools/store/store.mjs
