#!/usr/bin/env bash
# Schild for schools, self-hosted (docs/deploy.md says how to use it):
#
#   tools/deploy.sh key PATH                           a new signing key; prints the extension id
#   tools/deploy.sh pack --key PATH --base-url URL     build, then dist/deploy/: the signed CRX,
#                                                      updates.xml, the XPI, updates.json,
#                                                      extension-id.txt and POLICY.md for that URL
#
# The key stays where you put it (never in the repository unless git ignores
# it: keys/ does); back it up, since a new key means a new extension id.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  key) ;;
  pack) tools/build.sh ;;
  *)
    echo "usage: tools/deploy.sh key PATH" >&2
    echo "       tools/deploy.sh pack --key PATH --base-url URL [--out DIR]" >&2
    exit 2
    ;;
esac
exec node tools/deploy/deploy.mjs "$@"
