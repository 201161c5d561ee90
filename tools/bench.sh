#!/usr/bin/env bash
# The performance evidence in one command: builds the wasm, the extension and
# the release `schild` binary, then prints one table (tools/bench/bench.mjs) with
# the classifier's throughput native, in Node's V8 and inside Chromium, the
# keyword-list baseline, the page overhead on the 2,000-comment fixture, the
# wasm size and the extension's memory. Takes about two minutes.
#
#   tools/bench.sh [--quick] [--json] [--markdown docs/performance.md]
#
# Where performance is measured, and which to use:
#   - this command: the figures docs/performance.md shows, side by side
#     (--markdown writes its table there); its native rows come from `schild bench` (src/bin/schild.rs), the rest
#     from the scripts in tools/bench/ (the one place for JS benchmarks);
#   - `cargo bench --bench classify` (benches/classify.rs): criterion's
#     statistics on the Rust core alone, for comparing two versions of it
#     while working on the classifier; not part of this table;
#   - tests/e2e/bench*.test.mjs run tools/bench/ small, to keep the commands
#     working; they assert no timing.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/setup.sh test # Chromium, for the in-browser figures
tools/build.sh
echo "bench: cargo build --release --bin schild"
cargo build --quiet --release --bin schild
exec node tools/bench/bench.mjs "$@"
