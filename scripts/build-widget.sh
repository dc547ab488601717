#!/usr/bin/env bash
# Builds what a visitor downloads (dist/: the loader, the glue, the wasm) with
# Trunk in release mode, the standard library rebuilt for size.
#
# Why: std is shipped precompiled for speed, with its panic and formatting
# machinery. Rebuilt with the widget (build-std), it is cut down to what the
# widget uses: panics become a plain trap (`immediate-abort`, which the
# loader's guard already handles: src/platform/page.js), `{:?}` prints nothing
# (`fmt-debug=none`: the widget never shows Debug output; tests do not use
# these flags) and panics carry no file paths. Measured on 2026-12-02:
# about -10 KB brotli (wasm and glue), measured with wasm-bindgen + wasm-opt.
#
# Trade-off, written down in the README's Decisions: these are unstable flags,
# enabled on the stable toolchain with RUSTC_BOOTSTRAP=1, for this one build.
# Native and browser tests, the console and `trunk serve` use plain stable.
# The rust-src component is installed by scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

# Its own target folder: different flags in the shared one would make the
# console's release build and this one rebuild each other's dependencies.
base="${CARGO_TARGET_DIR:-target}"
export CARGO_TARGET_DIR="$base/widget-size"

# RUSTFLAGS replaces the rustflags of .cargo/config.toml: take the stack size
# from there, so that it is written once.
stack=$(grep -o 'zstack-size=[0-9]*' .cargo/config.toml | head -n 1)
[ -n "$stack" ] || { echo "build-widget: no -zstack-size in .cargo/config.toml" >&2; exit 1; }

export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
export RUSTFLAGS="-Clink-arg=-$stack -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none"
exec trunk build --release "$@"
