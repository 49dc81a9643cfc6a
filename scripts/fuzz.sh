#!/usr/bin/env bash
# Fuzzes every reader of fitcheck: runs each cargo-fuzz target in fuzz/ for
# MINUTES minutes of CPU time (default 30), one target at a time, then
# prints per target and in total the executions, the CPU time, the corpus
# size and the crash files found. Not part of scripts/test.sh (too long).
#
#   bash scripts/fuzz.sh [MINUTES]            every target
#   FUZZ_TARGETS="csv_ingest leakage" bash scripts/fuzz.sh 5
#   nice -n 19 bash scripts/fuzz.sh 30        only on idle CPU
#   bash scripts/fuzz.sh 0                    only the totals so far
#
# CPU time, not wall time, is what each target gets: a target runs in
# slices (libFuzzer's -max_total_time is wall time) until the user+sys time
# of its fuzzer reaches MINUTES, so a busy or niced machine still gives
# every target its share (the last slice may overshoot by up to a minute).
# Every slice is appended to fuzz/logs/totals.tsv (git-ignored), and the
# totals printed at the end add up every run so far.
#
# The targets are built without a sanitizer (-s none): the code fuzzed is
# safe Rust, where AddressSanitizer finds little and halves the speed; debug
# assertions and overflow checks stay on (cargo fuzz's default), so an
# arithmetic overflow is a crash. A crash stops its target's slice; its
# input is saved in fuzz/artifacts/TARGET/ and the run goes on to the next
# target. Reproduce one with
#   cargo +nightly fuzz run -s none TARGET fuzz/artifacts/TARGET/crash-…
# Once fixed (and kept as a case in tests/fuzz_regressions.rs), move it to
# fuzz/artifacts/TARGET/fixed/: the summary counts only the files left above.
source "$(dirname "${BASH_SOURCE[0]}")/setup-lib.sh"

MINUTES="${1:-30}"
TARGETS=(${FUZZ_TARGETS:-csv_ingest options training_logs compare leakage})
FUZZ="$ROOT/fuzz"
LOGS="$FUZZ/logs"
TOTALS="$LOGS/totals.tsv"

# The nightly toolchain and cargo-fuzz (both only for fuzzing).
ensure_fuzz_tools() {
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "installing the nightly Rust toolchain (cargo-fuzz needs it)"
    rustup toolchain install nightly --profile minimal
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz (about 2 minutes, once)"
    cargo install cargo-fuzz --locked
  fi
}

# Adds up column $2 of the slices of target $1 in totals.tsv.
sum_of() {
  awk -F'\t' -v t="$1" -v c="$2" '$2 == t || t == "" { s += $c } END { printf "%.0f", s }' "$TOTALS"
}

ensure_fuzz_tools
mkdir -p "$LOGS"
[ -f "$TOTALS" ] || printf 'date\ttarget\texecutions\tcpu_seconds\texit\n' >"$TOTALS"
python3 "$ROOT/scripts/fuzz_seeds.py"
say "building the fuzz targets"
(cd "$ROOT" && cargo +nightly fuzz build -s none)
BIN="$FUZZ/target/x86_64-unknown-linux-gnu/release"

TIMEFORMAT='%U %S'
for target in "${TARGETS[@]}"; do
  mkdir -p "$FUZZ/artifacts/$target" "$FUZZ/corpus/$target"
  want=$((MINUTES * 60))
  got=0
  while [ "$got" -lt "$want" ]; do
    left=$((want - got))
    # A slice is at least a minute of wall time: on a busy machine a
    # shorter one gets a few CPU-seconds, mostly spent loading the corpus.
    slice=$((left < 60 ? 60 : left))
    log="$LOGS/$target-$(date -u +%Y%m%dT%H%M%S).log"
    say "$target: fuzzing for up to $left more CPU-seconds (log $log)"
    set +e
    { time "$BIN/$target" "$FUZZ/corpus/$target" \
        -artifact_prefix="$FUZZ/artifacts/$target/" \
        -max_total_time="$slice" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 >"$log" 2>&1; echo "$?" >"$log.exit"; } 2>"$log.time"
    set -e
    status="$(cat "$log.exit")"
    cpu="$(awk '{ printf "%.0f", $1 + $2 }' "$log.time")"
    execs="$(awk '/stat::number_of_executed_units/ { print $NF }' "$log" | tail -1)"
    printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "${execs:-0}" "$cpu" "$status" >>"$TOTALS"
    rm -f "$log.exit" "$log.time"
    got=$((got + cpu))
    if [ "$status" != 0 ]; then
      say "$target: stopped with status $status (a crash or a failed invariant): see $log"
      break
    fi
    # A slice that used almost no CPU means the fuzzer cannot run at all.
    [ "$cpu" -gt 0 ] || break
  done
done

echo
printf '%-15s %14s %12s %8s %8s  %s\n' target executions cpu_minutes corpus crashes "crash files"
for target in "${TARGETS[@]}"; do
  corpus="$(ls "$FUZZ/corpus/$target" | wc -l)"
  crashes="$(ls "$FUZZ/artifacts/$target" | grep -cE '^(crash|oom|timeout|leak)-' || true)"
  printf '%-15s %14s %12.1f %8s %8s  %s\n' "$target" "$(sum_of "$target" 3)" \
    "$(awk -v s="$(sum_of "$target" 4)" 'BEGIN { print s / 60 }')" "$corpus" "$crashes" \
    "$( [ "$crashes" -gt 0 ] && echo "fuzz/artifacts/$target/" )"
done
printf '%-15s %14s %12.1f\n' total "$(sum_of "" 3)" "$(awk -v s="$(sum_of "" 4)" 'BEGIN { print s / 60 }')"
echo "(executions and CPU time add up every run in $TOTALS)"
