#!/usr/bin/env bash
# Sets up whatever is missing, builds the wasm core, the offline single
# file (printing its path: dist/fitcheck.html) and the served site (dist/site:
# the page with its scripts bundled and minified), and serves that site on
# 127.0.0.1 (PORT, default 8000), printing the URL. Ctrl-C stops it.
source "$(dirname "$0")/setup-lib.sh"
ensure_wasm_target
ensure_wasm_bindgen
ensure_npm_packages
build_wasm
exec python3 "$ROOT/scripts/serve.py" --port "${PORT:-8000}" --root "$ROOT/dist/site"
