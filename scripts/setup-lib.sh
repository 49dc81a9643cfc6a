# Shared install steps, sourced by serve.sh and test.sh. Each step checks
# first and installs only what is missing, so a second run is quick.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown Rust target"
    rustup target add wasm32-unknown-unknown
  fi
}

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly.
wasm_bindgen_lock_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
  local want have
  want="$(wasm_bindgen_lock_version)"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (about 3 minutes, once)"
    # No --locked: one of its locked dependencies is missing from the registry.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_npm_packages() {
  if [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/node_modules/playwright-core" ] \
     || [ "$ROOT/package.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    say "installing npm packages (playwright-core, binaryen, axe-core)"
    (cd "$ROOT" && npm ci --no-audit --no-fund)
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Chromium from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
}

ensure_python_packages() {
  if ! python3 -c "import sklearn, scipy, numpy, pandas" 2>/dev/null; then
    say "installing scikit-learn, scipy, numpy, pandas"
    python3 -m pip install --quiet --disable-pip-version-check -r "$ROOT/tests/requirements.txt"
  fi
}

ensure_rust_components() {
  rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
  rustup component list --installed | grep -q '^clippy' || rustup component add clippy
}

# Builds the wasm core into www/pkg (git-ignored): cargo → wasm-bindgen → wasm-opt.
build_wasm() {
  say "building the wasm core"
  (cd "$ROOT" && cargo build --quiet --release --lib --target wasm32-unknown-unknown)
  rm -rf "$ROOT/www/pkg"
  wasm-bindgen --target web --out-dir "$ROOT/www/pkg" \
    "$ROOT/target/wasm32-unknown-unknown/release/fitcheck.wasm"
  if [ -x "$ROOT/node_modules/.bin/wasm-opt" ]; then
    wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
      "$ROOT/www/pkg/fitcheck_bg.wasm" -o "$ROOT/www/pkg/fitcheck_bg.wasm"
  fi
}
