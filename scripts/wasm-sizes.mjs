// Where the widget's wasm bytes go, by crate and by function: reads a wasm
// that still has its `name` section (the cargo output before wasm-bindgen and
// wasm-opt, e.g. target/wasm32-unknown-unknown/release/nudge.wasm) and sums
// each function body's size under the crate its mangled name starts with.
// The figures are before wasm-opt (which shrinks everything by ~25 %), so
// read them as shares, not as the download.
// Usage: node scripts/wasm-sizes.mjs path/to/nudge.wasm [top N functions]
import { readFileSync } from "node:fs";

const bytes = readFileSync(process.argv[2]);
const top = Number(process.argv[3] || 30);

function leb(at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}
const text = (at, length) => new TextDecoder().decode(bytes.subarray(at, at + length));

let importedFunctions = 0;
let bodies = [];
const names = new Map();
const sections = [];
for (let at = 8; at < bytes.length; ) {
  const id = bytes[at];
  const [size, start] = leb(at + 1);
  const end = start + size;
  if (id === 2) {
    let [count, p] = leb(start);
    for (let i = 0; i < count; i++) {
      let n;
      [n, p] = leb(p); p += n; // module
      [n, p] = leb(p); p += n; // field
      const kind = bytes[p++];
      if (kind === 0) { importedFunctions++; [, p] = leb(p); }
      else if (kind === 1) { p += 1; const flags = bytes[p++]; [, p] = leb(p); if (flags & 1) [, p] = leb(p); }
      else if (kind === 2) { const flags = bytes[p++]; [, p] = leb(p); if (flags & 1) [, p] = leb(p); }
      else if (kind === 3) { p += 2; }
      else if (kind === 4) { p += 1; [, p] = leb(p); }
    }
  } else if (id === 10) {
    let [count, p] = leb(start);
    for (let i = 0; i < count; i++) {
      const [n, q] = leb(p);
      bodies.push(q + n - p);
      p = q + n;
    }
  } else if (id === 0) {
    const [n, p] = leb(start);
    const name = text(p, n);
    sections.push([`custom "${name}"`, size]);
    if (name === "name") {
      for (let q = p + n; q < end; ) {
        const sub = bytes[q];
        const [len, s] = leb(q + 1);
        if (sub === 1) {
          let [count, r] = leb(s);
          for (let i = 0; i < count; i++) {
            let index, l;
            [index, r] = leb(r);
            [l, r] = leb(r);
            names.set(index, text(r, l));
            r += l;
          }
        }
        q = s + len;
      }
    }
  }
  if (id !== 0) sections.push([`section ${id}`, size]);
  at = end;
}
if (!names.size) {
  console.error("wasm-sizes: this wasm has no function names (use cargo's output, before wasm-bindgen)");
  process.exit(1);
}

/** The crate a (legacy-mangled, or already demangled) Rust symbol belongs to. */
function crateOf(name) {
  const m = name.match(/^_ZN(\d+)/);
  if (m) {
    let crate = name.substr(3 + m[1].length, Number(m[1]));
    if (crate.startsWith("_$LT$")) {
      // <T as Trait>::f: name the implementing type's crate.
      const inner = crate.slice(5).replace(/^\$RF\$|^\$u5b\$/, "");
      crate = "<" + inner.split(/\.\.|\$/)[0] + ">";
    }
    return crate;
  }
  return name.split("::")[0] || name;
}

const byCrate = new Map();
const functions = [];
let total = 0;
bodies.forEach((size, i) => {
  const name = names.get(importedFunctions + i) || `#${importedFunctions + i}`;
  const crate = crateOf(name);
  byCrate.set(crate, (byCrate.get(crate) || 0) + size);
  functions.push([size, name]);
  total += size;
});
const kb = (n) => (n / 1024).toFixed(1).padStart(7);
console.log(`code: ${kb(total)} KB in ${bodies.length} functions (${importedFunctions} imported)`);
for (const [name, size] of sections.sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${name.padEnd(24)}${kb(size)} KB`);
console.log("\nby crate (function bodies, before wasm-opt):");
for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`${kb(size)} KB ${((100 * size) / total).toFixed(1).padStart(5)} %  ${crate}`);
}
console.log(`\nlargest ${top} functions:`);
for (const [size, name] of functions.sort((a, b) => b[0] - a[0]).slice(0, top)) {
  console.log(`${kb(size)} KB  ${name.slice(0, 140)}`);
}
