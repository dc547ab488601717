#!/usr/bin/env bash
# Long fuzzing run of the engine (tests/fuzz.rs) in release mode, on stable
# Rust: config text, saved-state text and input sequences, with invariant
# checks. Prints executions per second and the total.
#
#   bash scripts/fuzz.sh                 # 200000 executions, seed 1
#   NUDGE_FUZZ_ITERS=1000000 NUDGE_FUZZ_SEED=7 bash scripts/fuzz.sh
#
# A failure prints the seed of each failing execution (replay with the same
# NUDGE_FUZZ_SEED and NUDGE_FUZZ_ITERS).
set -euo pipefail
cd "$(dirname "$0")/.."
export NUDGE_FUZZ_ITERS="${NUDGE_FUZZ_ITERS:-200000}"
export NUDGE_FUZZ_SEED="${NUDGE_FUZZ_SEED:-1}"
run=(cargo test --locked --offline --release --test fuzz -- --nocapture --test-threads=1)
if command -v heavy >/dev/null 2>&1; then
  heavy "${run[@]}"
else
  "${run[@]}"
fi
