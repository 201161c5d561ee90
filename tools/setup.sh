#!/usr/bin/env bash
# Installs what Schild needs on a Debian machine and skips what is already there.
#
#   tools/setup.sh build   Rust wasm target, wasm-bindgen CLI, npm packages
#   tools/setup.sh test    the above, plus clippy/rustfmt, Debian's Chromium and
#                          Debian's firefox-esr (tests/e2e/firefox.test.mjs)
#
# Safe to run again: every step first checks whether its tool is present at the
# right version. Never downloads a browser through npm (Playwright and
# puppeteer-core are only drivers; the browsers are Debian's /usr/bin/chromium
# and /usr/bin/firefox-esr; PUPPETEER_SKIP_DOWNLOAD guards the npm install).
set -euo pipefail
cd "$(dirname "$0")/.."

want=${1:-build}
case "$want" in build | test) ;; *)
  echo "usage: tools/setup.sh [build|test]" >&2
  exit 2
  ;;
esac

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "apt-get install ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# --- Rust: the wasm target and the wasm-bindgen CLI matching Cargo.toml's pin.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

bindgen_version=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
if [ -z "$bindgen_version" ]; then
  echo "setup: could not read the pinned wasm-bindgen version from Cargo.toml" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  say "cargo install wasm-bindgen-cli $bindgen_version (about 3 minutes, once)"
  cargo install wasm-bindgen-cli --version "$bindgen_version" --locked --quiet
fi

# --- npm: esbuild (bundles the extension scripts), binaryen (a wasm-opt that
# keeps wasm-bindgen output working; Debian's does not), playwright-core and
# puppeteer-core (drivers), web-ext (the addons.mozilla.org linter).
# Re-run `npm ci` only when package-lock.json changed since the last install.
lock_stamp=node_modules/.schild-lock-stamp
if [ ! -f "$lock_stamp" ] || ! cmp -s package-lock.json "$lock_stamp"; then
  say "npm ci"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$lock_stamp"
fi

[ "$want" = build ] && exit 0

# --- Tests: lints and Debian's Chromium and Firefox ESR (never a browser
# download; firefox-esr adds about 300 MB and 25 s to a fresh machine).
for component in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "rustup component add $component"
    rustup component add "$component"
  fi
done
apt_install chromium firefox-esr fonts-noto-color-emoji
