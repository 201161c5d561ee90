#!/usr/bin/env bash
# The performance evidence in one command: builds the wasm, the extension and
# the release `schild` binary, then prints one table (tools/bench/bench.mjs) with
# the classifier's throughput native, in Node's V8 and inside Chromium, the
# keyword-list baseline, the page overhead on the 2,000-comment fixture, the
# wasm size and the extension's memory. Takes about two minutes.
#
#   tools/bench.sh [--quick] [--json] [--markdown docs/performance.md]
set -euo pipefail
cd "$(dirname "$0")/.."

tools/setup.sh test # Chromium, for the in-browser figures
tools/build.sh
echo "bench: cargo build --release --bin schild"
cargo build --quiet --release --bin schild
exec node tools/bench/bench.mjs "$@"
