#!/usr/bin/env bash
# Builds everything: the classifier (Rust → wasm), the extension for Chromium
# and Firefox (folders and zips under dist/), the site (dist/www) and the
# source zip addons.mozilla.org's reviewers rebuild from, after writing the
# parts of docs/ that are made from other files (policy examples, classifier
# figures), so the source zip holds them current.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/setup.sh build

echo "build: classifier → wasm"
CARGO_PROFILE_RELEASE_PANIC=abort \
  cargo build --quiet --release --lib --no-default-features --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir target/wasm-bindgen --out-name schild \
  target/wasm32-unknown-unknown/release/schild.wasm
# binaryen from npm: Debian's wasm-opt 108 breaks wasm-bindgen's output
# (see docs/reference/toolchain.md). It also strips what cargo left in.
node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers --strip-target-features \
  target/wasm-bindgen/schild_bg.wasm -o target/wasm-bindgen/schild_bg.wasm

echo "build: docs (generated sections)"
node tools/build/docs.mjs

echo "build: extension"
node tools/build/extension.mjs

echo "build: site"
node tools/build/site.mjs

echo "build: source zip (for addons.mozilla.org's reviewers)"
node tools/build/source-zip.mjs
