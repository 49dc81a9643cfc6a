# Shared install steps, sourced by serve.sh and test.sh. Each step checks
# first and installs only what is missing, so a second run is quick.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# The project's Python virtual environment (git-ignored): the test packages go
# here, never into the system Python (Debian's refuses pip, PEP 668).
VENV="$ROOT/.venv"
PYTHON="$VENV/bin/python"

# Runs a command as root: directly when root, else through sudo; says so and
# fails when neither is possible.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    say "cannot run '$*': this needs root, you are not root and sudo is not installed"
    say "run it as root (or install and set up sudo), then run this script again"
    return 1
  fi
}

# Installs Debian packages with apt-get (as root, see as_root).
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    say "cannot install $* automatically: no apt-get here (not Debian or Ubuntu); install it, then run this script again"
    return 1
  fi
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# True when STAMP holds the checksums of the given files: the files have not
# changed since write_stamp recorded them (after the last install).
stamp_matches() {
  local stamp="$1"
  shift
  [ -f "$stamp" ] && [ "$(cd "$ROOT" && sha256sum "$@")" = "$(cat "$stamp")" ]
}

# Records the checksums of the given files (paths from the repository root) in STAMP.
write_stamp() {
  local stamp="$1"
  shift
  (cd "$ROOT" && sha256sum "$@") >"$stamp"
}

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

# The npm packages pinned in package-lock.json, installed again whenever
# package.json or package-lock.json changes (checksums in node_modules/).
ensure_npm_packages() {
  local stamp="$ROOT/node_modules/.fitcheck-installed.sha256"
  if [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/node_modules/playwright-core" ] \
     || ! stamp_matches "$stamp" package.json package-lock.json; then
    say "installing the npm packages in package-lock.json"
    (cd "$ROOT" && npm ci --no-audit --no-fund)
    write_stamp "$stamp" package.json package-lock.json
  fi
}

# Debian's Chromium, unless CHROMIUM_PATH names a browser to use instead
# (tests/browser/harness.mjs launches CHROMIUM_PATH, else /usr/bin/chromium).
ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    if [ -f "$CHROMIUM_PATH" ] && [ -x "$CHROMIUM_PATH" ]; then
      return 0
    fi
    say "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file: point it at Chromium, or unset it to install Debian's"
    return 1
  fi
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Chromium from Debian's packages"
    apt_install chromium
  fi
}

# python3 -m venv needs ensurepip, which Debian ships in python3-venv.
ensure_python_venv_module() {
  if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
    say "installing python3-venv (python3 -m venv needs it on Debian)"
    apt_install python3-venv
  fi
}

# Exits 0 when the packages can be imported (found, not imported: quick).
PYTHON_PACKAGES_FOUND='import importlib.util as u, sys
sys.exit(not all(u.find_spec(m) for m in ("sklearn", "scipy", "numpy", "pandas", "statsmodels")))'

# scikit-learn, scipy, numpy, pandas and statsmodels (tests/requirements.txt) in .venv,
# installed again whenever tests/requirements.txt changes; test.sh runs the
# parity scripts with $PYTHON.
ensure_python_packages() {
  local stamp="$VENV/.fitcheck-installed.sha256"
  if [ -x "$PYTHON" ] && stamp_matches "$stamp" tests/requirements.txt \
     && "$PYTHON" -c "$PYTHON_PACKAGES_FOUND" >/dev/null 2>&1; then
    return 0
  fi
  # A venv made without ensurepip, or by a Python since removed, has no
  # working pip: make it again.
  if [ -e "$VENV" ] && ! "$PYTHON" -m pip --version >/dev/null 2>&1; then
    say "replacing the broken virtual environment in .venv"
    rm -rf "$VENV"
  fi
  if [ ! -x "$PYTHON" ]; then
    ensure_python_venv_module
    say "creating the Python virtual environment .venv"
    python3 -m venv "$VENV"
  fi
  say "installing scikit-learn, scipy, numpy, pandas, statsmodels into .venv (tests/requirements.txt)"
  "$PYTHON" -m pip install --quiet --disable-pip-version-check -r "$ROOT/tests/requirements.txt"
  write_stamp "$stamp" tests/requirements.txt
}

ensure_rust_components() {
  rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
  rustup component list --installed | grep -q '^clippy' || rustup component add clippy
}

# Builds the wasm core into www/pkg (git-ignored): cargo → wasm-bindgen → wasm-opt;
# then the page's smaller core into www/pkg-page (build_page_wasm); then the
# offline single file from both (build_single_file) and the served site
# (build_site).
build_wasm() {
  say "building the wasm core"
  (cd "$ROOT" && cargo build --quiet --release --lib --target wasm32-unknown-unknown)
  rm -rf "$ROOT/www/pkg"
  wasm-bindgen --target web --out-dir "$ROOT/www/pkg" \
    "$ROOT/target/wasm32-unknown-unknown/release/fitcheck.wasm"
  # As for the page's core (build_page_wasm): a function with one caller is
  # inlined only when small. The workers' report functions otherwise become
  # a few huge ones, which V8 runs in its baseline tier until its optimising
  # compiler has recompiled them whole, on the first file of every tab:
  # the wasm in Node on 10M rows (first run in a fresh process, medians of 6
  # alternated runs on the busy 2-core VM) made its report in 411 ms instead
  # of 491 on scores and 72 instead of 97 on string labels; 4 kB larger (raw).
  optimise_wasm "$ROOT/www/pkg/fitcheck_bg.wasm" --one-caller-inline-max-function-size=20
  build_page_wasm
  build_single_file
  build_site
}

# The core the page itself loads when it opens (www/pkg-page, git-ignored):
# the counts report only, built without the
# `workers` feature (Cargo.toml), in a target directory of its own so that
# neither build undoes the other's cache. The workers use www/pkg. Optimised
# for size (opt-level "s"): it makes one counts report per keystroke, in
# microseconds, and "s" makes it 6 kB (gzipped) smaller than opt-level 3.
build_page_wasm() {
  say "building the page's wasm core (no workers)"
  (cd "$ROOT" && CARGO_PROFILE_RELEASE_OPT_LEVEL=s cargo build --quiet --release --lib --target wasm32-unknown-unknown \
    --no-default-features --target-dir "$ROOT/target/wasm-page")
  rm -rf "$ROOT/www/pkg-page"
  wasm-bindgen --target web --out-dir "$ROOT/www/pkg-page" \
    "$ROOT/target/wasm-page/wasm32-unknown-unknown/release/fitcheck.wasm"
  # Functions with one caller are inlined only when small (wasm-opt inlines
  # every such function by default): otherwise the counts report's whole
  # assembly, bootstrap loop included, became one 33 kB function, which
  # Chromium's optimising compiler, once the loop was hot, recompiled whole
  # on every page load (about 290 ms of CPU in a trace's
  # wasm.TopTierCompilation, on a 2-core machine beside the page's own
  # work). Alone, the loop is a small function. 4.8 kB smaller gzipped too.
  optimise_wasm "$ROOT/www/pkg-page/fitcheck_bg.wasm" --one-caller-inline-max-function-size=20
}

# wasm-opt -O3 in place, when npm installed it; any further arguments are
# passed to wasm-opt.
optimise_wasm() {
  if [ -x "$ROOT/node_modules/.bin/wasm-opt" ]; then
    wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-simd \
      "${@:2}" "$1" -o "$1"
  fi
}

# Builds dist/fitcheck.html (git-ignored) from index.html, www/ and www/pkg:
# the page as one self-contained file that works opened from disk with no
# network (scripts/build-single-file.mjs, esbuild from package-lock.json).
# Prints its path and size.
build_single_file() {
  ensure_npm_packages
  (cd "$ROOT" && node scripts/build-single-file.mjs)
}

# Builds dist/site (git-ignored), what scripts/serve.sh serves: index.html and
# www/ with each script bundled with its imports and minified
# (scripts/build-site.mjs, esbuild from package-lock.json).
build_site() {
  ensure_npm_packages
  (cd "$ROOT" && node scripts/build-site.mjs)
}
