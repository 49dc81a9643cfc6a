#!/usr/bin/env bash
# Runs every test, installing whatever is missing first: formatting and lint
# (native and wasm32), Rust unit/integration/property tests, the wasm
# boundary under Node, scikit-learn parity (confusion matrices, files, scores;
# run with the project's virtual environment .venv), and browser tests in
# headless Chromium (CHROMIUM_PATH picks another browser). Exits non-zero on
# the first failure. The benchmarks are separate (they print figures):
# .venv/bin/python bench/run.py and cargo bench --bench threshold.
source "$(dirname "$0")/setup-lib.sh"
cd "$ROOT"

ensure_rust_components
ensure_wasm_target
ensure_wasm_bindgen
ensure_npm_packages
ensure_chromium
ensure_python_packages

say "cargo fmt --check"
cargo fmt --check

say "cargo clippy (native, then wasm32), warnings denied"
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --lib --tests -- -D warnings
# The page's own core (build_page_wasm): the lib without the workers' exports.
cargo clippy --quiet --target wasm32-unknown-unknown --lib --no-default-features --target-dir target/wasm-page -- -D warnings

say "stage folders: no stage imports a later one, no import cycles"
python3 scripts/check_layers.py

say "cargo doc (missing docs are warnings, denied)"
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps --lib

say "Rust tests (unit, integration, property, CLI)"
cargo test

say "wasm boundary tests under Node (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --lib --test wasm_boundary --test wasm_compare --test wasm_training --test wasm_leakage --test wasm_threshold --test wasm_limits --test ingest_chunks --test class_codes

say "scikit-learn parity (Python from .venv)"
cargo build --quiet --release --bin fitcheck
FITCHECK_BIN="$ROOT/target/release/fitcheck" "$PYTHON" tests/parity/sklearn_parity.py
FITCHECK_BIN="$ROOT/target/release/fitcheck" "$PYTHON" tests/parity/file_parity.py
FITCHECK_BIN="$ROOT/target/release/fitcheck" "$PYTHON" tests/parity/score_parity.py
FITCHECK_BIN="$ROOT/target/release/fitcheck" "$PYTHON" tests/parity/compare_parity.py
FITCHECK_BIN="$ROOT/target/release/fitcheck" "$PYTHON" tests/parity/leakage_parity.py

build_wasm
say "tsc: the page's JavaScript against www/pkg/fitcheck.d.ts; ESLint"
npm run --silent typecheck
npm run --silent lint
say "browser tests in headless Chromium (screenshots in tests/browser/artifacts)"
node --test --test-reporter=spec tests/browser/
