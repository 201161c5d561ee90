#!/usr/bin/env bash
# The main job: builds everything, then serves the demo site on localhost
# and says how to load the extension. PORT=… picks another port.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/build.sh

cat <<EOT

Schild is built.
  Chrome, Edge, Brave: open chrome://extensions (edge://extensions, brave://extensions),
                       switch on Developer mode, "Load unpacked" → $(pwd)/dist/chrome
  Firefox:             open about:debugging#/runtime/this-firefox,
                       "Load Temporary Add-on…" → $(pwd)/dist/firefox/manifest.json
  Store packages:      dist/schild-chrome-*.zip, dist/schild-firefox-*.zip

EOT
exec node tools/lib/static-server.mjs dist/www "${PORT:-8080}"
