#!/usr/bin/env bash
# Runs every test: formatting and lints, the Rust tests, then the extension
# built fresh and driven in Debian's Chromium (tests/e2e).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/setup.sh test

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "rustfmt"
cargo fmt --check

step "clippy (native, and the wasm binding)"
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --lib --no-default-features --target wasm32-unknown-unknown -- -D warnings

step "cargo test (release: the corpus tests retrain the model)"
if [ -d ../shared/data/dev ]; then
  echo "corpus tests run on ../shared/data/dev"
else
  echo "corpus tests SKIPPED: ../shared/data/dev is not here (CI has it; see tests/corpus.rs)"
fi
cargo test --release --quiet

step "extension unit tests (Node, no browser)"
node --test --test-reporter=spec tests/unit/

step "build"
tools/build.sh
# The build writes the docs' generated sections (policy tables, classifier
# figures) from the files that hold those facts: committed docs must match.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && ! git diff --quiet -- docs/; then
  git --no-pager diff --stat -- docs/
  echo "test: docs/ is stale: tools/build.sh regenerated it; commit the result" >&2
  exit 1
fi

step "build checks (size budget, no markup from strings, the wasm binding on bad input)"
node --test --test-reporter=spec tests/build/

step "browser tests (Chromium with the extension loaded)"
node --test --test-concurrency=1 --test-reporter=spec tests/e2e/
