#!/usr/bin/env bash
# The performance evidence in one command: builds the wasm, the extension and
# the release `schild` binary, then prints one table (tools/bench/bench.mjs) with
# the classifier's throughput native, in Node's V8 and inside Chromium and the
# wasm/native ratio, the keyword-list baseline, what Schild costs the bench
# page beside the same page without it (2,000 comments and 500 chat
# messages; read again after a settings change; 50,000 comments at once:
# time until all are judged, input delay), the wasm size and memory. Takes
# ten minutes or more, most of it Chromium laying out 50,000 comments.
#
#   tools/bench.sh [--quick] [--json] [--markdown FILE]
#
# --markdown FILE writes the table into FILE too, between the lines
# <!-- bench:start --> and <!-- bench:end --> (docs/performance.md).
#
# Where performance is measured, and which to use:
#   - this command: the figures the README and docs quote, side by side;
#     its native rows come from `schild bench` (src/bin/schild.rs), the rest
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
