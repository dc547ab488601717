#!/usr/bin/env bash
# Where the wasm's bytes go: a release build with names kept, optimised like
# Trunk does (index.html), then twiggy's top items and a per-module summary.
# Needs twiggy (`cargo install twiggy --root ~/.cache/nudge/tools`). Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
out=${1:-/tmp/nudge-size}
mkdir -p "$out"
cargo build --release --target wasm32-unknown-unknown --lib --locked --offline -q
wasm-bindgen --target web --keep-debug --out-dir "$out" "${CARGO_TARGET_DIR:-target}"/wasm32-unknown-unknown/release/nudge.wasm
wasm-opt -O1 --merge-similar-functions -Oz --converge -g "$out/nudge_bg.wasm" -o "$out/named.wasm"
wasm-opt -O1 --merge-similar-functions -Oz --converge "$out/nudge_bg.wasm" -o "$out/plain.wasm"
node -e '
const { brotliCompressSync, constants } = require("zlib"); const fs = require("fs");
const b = (p) => brotliCompressSync(fs.readFileSync(p), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log("wasm brotli:", (b(process.argv[1]) / 1024).toFixed(1), "KB; JS glue brotli:", (b(process.argv[2]) / 1024).toFixed(1), "KB");
' "$out/plain.wasm" "$out/nudge.js"
twiggy top -n 5000 -f csv "$out/named.wasm" > "$out/top.csv"
python3 - "$out/top.csv" <<'PY'
import csv, re, sys, collections
groups = collections.Counter()
for row in csv.DictReader(open(sys.argv[1])):
    name, size = row["Name"], int(row["ShallowSize"])
    if "function names" in name or "data names" in name:
        continue
    m = re.match(r"^<?(?:&|\*const |\*mut )?([a-z_0-9]+)(?:\[[0-9a-f]+\])?::(?:([a-z_0-9]+)::)?", name)
    if name.startswith("data segment"):
        key = "data segments"
    elif m:
        key = m.group(1) + ("::" + m.group(2) if m.group(1) in ("nudge", "yew", "core", "alloc") and m.group(2) else "")
    else:
        key = name[:50]
    groups[key] += size
print("raw bytes by module (after -Oz):")
for key, size in groups.most_common(30):
    print(f"{size:8d}  {key}")
PY
