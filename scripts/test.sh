#!/usr/bin/env bash
# Runs every test of Nudge, installing what is missing first:
#   1. native `cargo test` (engine, state, theme, docs),
#   2. browser tests (wasm-bindgen-test in headless Chromium),
#   3. the release build (Trunk + wasm-opt), with the download sizes,
#   4. end-to-end tests (Playwright driving Chromium on the release build).
# Prints one summary per layer and a last line "N passed, M failed"; exits
# non-zero if any layer fails or runs no test.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
. scripts/env.sh
# Build outputs are shared by every clone on this machine (CI runs in a fresh
# clone): a warm run then recompiles only this crate.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nudge/target}"
export CHROMEDRIVER=/usr/bin/chromedriver

passed=0
failed=0
summary=()
log_dir=$(mktemp -d)

# Sums "test result: ok. N passed; M failed" lines of cargo test output.
cargo_counts() {
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i-1); if ($(i) ~ /^failed;?$/) f += $(i-1) } } END { print p + 0, f + 0 }' "$1"
}

layer() { # name passed failed status
  local name=$1 p=$2 f=$3 status=$4
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); f="1 (exit $status)"; fi
  if [ "$p" -eq 0 ] && [ "$f" = 0 ]; then failed=$((failed + 1)); f="1 (ran no test)"; fi
  summary+=("$(printf '%-9s %4s passed, %s failed' "$name:" "$p" "$f")")
  echo "== $name: $p passed, $f failed"
}

echo "== 1/4 native tests"
cargo test --locked --offline 2>&1 | tee "$log_dir/native.log"
status=${PIPESTATUS[0]}
# The merchant console's pure parts (feature `console`; the engine's trace too).
cargo test --locked --offline --features console --lib console:: 2>&1 | tee -a "$log_dir/native.log"
[ "${PIPESTATUS[0]}" -ne 0 ] && status=1
read -r p f < <(cargo_counts "$log_dir/native.log")
layer native "$p" "$f" "$status"

echo "== 2/4 browser tests (headless Chromium)"
cargo test --locked --offline --target wasm32-unknown-unknown --lib 2>&1 | tee "$log_dir/browser.log"
status=${PIPESTATUS[0]}
# The merchant console's components (feature `console`).
cargo test --locked --offline --target wasm32-unknown-unknown --lib --features console console:: 2>&1 | tee -a "$log_dir/browser.log"
[ "${PIPESTATUS[0]}" -ne 0 ] && status=1
read -r p f < <(cargo_counts "$log_dir/browser.log")
layer browser "$p" "$f" "$status"

echo "== 3/4 release build"
rm -rf dist
# The widget, then the merchant console into dist/console/ (its own build:
# the widget's wasm never contains console code; sizes.mjs measures the widget).
if bash scripts/build-widget.sh 2>&1 | tail -n 5 && bash scripts/build-console.sh 2>&1 | tail -n 2 && node scripts/sizes.mjs dist; then
  layer build 1 0 0
else
  layer build 0 1 1
fi

echo "== 4/4 end-to-end tests (Playwright + Chromium)"
node --test --test-reporter=tap --test-concurrency=1 tests/e2e/*.test.mjs 2>&1 | tee "$log_dir/e2e.log"
status=${PIPESTATUS[0]}
p=$(awk '/^# pass / { print $3 }' "$log_dir/e2e.log" | tail -n 1)
f=$(awk '/^# fail / { print $3 }' "$log_dir/e2e.log" | tail -n 1)
layer e2e "${p:-0}" "${f:-0}" "$status"

echo
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
