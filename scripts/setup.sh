#!/usr/bin/env bash
# Installs every tool Nudge needs, once, into a cache folder outside the
# repository (so a fresh clone on the same machine reuses them). Idempotent:
# a second run checks versions and installs nothing.
# Then `. scripts/env.sh` puts them on PATH.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$repo_root/scripts/env.sh"
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
mkdir -p "$NUDGE_TOOLS/bin"
# One setup at a time on this machine: clones share the tools folder, and two
# concurrent `cargo install`s of the same tool waste minutes and can clash.
exec 9>"$NUDGE_TOOLS/.setup.lock"
flock 9

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup (https://rustup.rs), then run this again."
command -v npm >/dev/null || die "npm is missing: install Node.js 20+ (apt-get install nodejs npm), then run this again."

# 1. The wasm target.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown >&2 || die "could not add the wasm32 target: run 'rustup target add wasm32-unknown-unknown' by hand."
fi
# The standard library's sources: the widget's release build rebuilds std for
# size (scripts/build-widget.sh).
if ! rustup component list --installed 2>/dev/null | grep -qx rust-src; then
  say "adding the rust-src component"
  rustup component add rust-src >&2 || die "could not add rust-src: run 'rustup component add rust-src' by hand."
fi

# 2. wasm-bindgen CLI: exactly the version in Cargo.lock.
wb_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$repo_root/Cargo.lock")
[ -n "$wb_version" ] || die "no wasm-bindgen version found in Cargo.lock"
have_wb=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_wb" != "$wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version (had '${have_wb:-none}'); takes ~2.5 min"
  cargo install wasm-bindgen-cli --version "$wb_version" --root "$NUDGE_TOOLS" --locked --force >&2 \
    || cargo install wasm-bindgen-cli --version "$wb_version" --root "$NUDGE_TOOLS" --force >&2 \
    || die "could not install wasm-bindgen-cli $wb_version: run 'cargo install wasm-bindgen-cli --version $wb_version --root $NUDGE_TOOLS' by hand."
fi

# 3. Trunk.
have_trunk=$(trunk --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_trunk" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (had '${have_trunk:-none}'); takes ~6.5 min"
  cargo install --locked trunk --version "$TRUNK_VERSION" --root "$NUDGE_TOOLS" --force >&2 \
    || die "could not install trunk: run 'cargo install --locked trunk --version $TRUNK_VERSION --root $NUDGE_TOOLS' by hand."
fi

# 4. wasm-opt from npm (Debian's is too old for current wasm-bindgen output).
have_opt=$(wasm-opt --version 2>/dev/null | awk '{print $3}' || true)
if [ "$have_opt" != "${BINARYEN_VERSION%%.*}" ]; then
  say "installing binaryen $BINARYEN_VERSION (wasm-opt) from npm"
  npm install --silent --no-audit --no-fund --prefix "$NUDGE_TOOLS/binaryen" "binaryen@$BINARYEN_VERSION" >&2 \
    || die "could not install binaryen from npm: run 'npm install --prefix $NUDGE_TOOLS/binaryen binaryen@$BINARYEN_VERSION' by hand."
fi

# 5. Chromium and its driver (Debian packages).
if [ "${NUDGE_NO_BROWSER:-}" != 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  if [ "$(id -u)" = 0 ]; then
    say "installing chromium and chromium-driver with apt-get"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >&2 \
      || die "apt-get could not install chromium: install the Debian packages 'chromium' and 'chromium-driver' by hand."
  else
    die "Chromium is missing and this is not root: run 'sudo apt-get install -y chromium chromium-driver', then run this again."
  fi
fi

# 6. Node packages for the end-to-end tests (exact versions from package-lock.json).
if [ -f "$repo_root/package-lock.json" ]; then
  stamp="$repo_root/node_modules/.nudge-lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$stamp" "$repo_root/package-lock.json"; then
    say "installing node packages (npm ci)"
    (cd "$repo_root" && npm ci --silent --no-audit --no-fund) >&2 || die "npm ci failed: check that registry.npmjs.org is reachable."
    cp "$repo_root/package-lock.json" "$stamp"
  fi
fi

# 7. Crates, so that offline builds work.
(cd "$repo_root" && cargo fetch --locked -q) >&2 || die "cargo fetch failed: check that crates.io is reachable."
# The crates of std itself, which scripts/build-widget.sh rebuilds for size
# (build-std) offline: a fresh machine has none of them.
std_lib="$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
RUSTC_BOOTSTRAP=1 cargo fetch --locked -q --manifest-path "$std_lib" >&2 \
  || die "cargo fetch of std's crates failed: check that crates.io is reachable and that rust-src is installed."
