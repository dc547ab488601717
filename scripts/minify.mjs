// Trunk post-build hook (Trunk.toml), release builds only, on the staging
// folder:
//  1. minifies the two JavaScript files a visitor downloads: the loader
//     (static/nudge.js stays the readable source, with its comments) and
//     wasm-bindgen's glue (app/nudge.js), into which the snippets it imports
//     are bundled; property names are kept;
//  2. shortens the wasm's import names (`__wbg_appendChild_cc4a55fd4b6e3ea6`
//     → `a`), in the wasm's import section and in the glue alike: ~150
//     names whose hash suffixes brotli cannot compress, written twice;
//  3. drops the wasm's `producers` and `target_features` custom sections.
// A mismatch between the wasm and the glue would fail every end-to-end
// test (the module would not link), so they check this step.
import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build, transform } from "esbuild";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("minify: run by Trunk (TRUNK_STAGING_DIR is not set)");

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}
function writeLeb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}
const name = (bytes, at) => {
  const [length, start] = leb(bytes, at);
  return [Buffer.from(bytes.subarray(start, start + length)).toString("utf8"), start + length];
};
const encodeName = (text) => { const b = Buffer.from(text, "utf8"); return [...writeLeb(b.length), ...b]; };

/** Short identifiers: a…z, A…Z, then two letters. */
function shortName(i) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let s = "";
  do { s = letters[i % 52] + s; i = Math.floor(i / 52) - 1; } while (i >= 0);
  return "_" + s;
}

/** Returns the wasm with short import names (and the renaming), without
 * the producers / target_features sections. */
function shortenImports(wasm) {
  const sections = [];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    sections.push({ id, start, end: start + size, bytes: wasm.subarray(at, start + size) });
    at = start + size;
  }
  const exports = new Set();
  const exportSection = sections.find((s) => s.id === 7);
  if (exportSection) {
    let [count, p] = leb(wasm, exportSection.start);
    for (let i = 0; i < count; i++) {
      let field;
      [field, p] = name(wasm, p);
      exports.add(field);
      p += 1; // kind
      [, p] = leb(wasm, p);
    }
  }
  const renames = new Map();
  const out = [wasm.subarray(0, 8)];
  for (const section of sections) {
    if (section.id === 0) {
      const [custom] = name(wasm, section.start);
      if (custom === "producers" || custom === "target_features") continue;
    }
    if (section.id !== 2) { out.push(section.bytes); continue; }
    let [count, p] = leb(wasm, section.start);
    const body = [...writeLeb(count)];
    for (let i = 0; i < count; i++) {
      let module, field;
      [module, p] = name(wasm, p);
      [field, p] = name(wasm, p);
      const descStart = p;
      const kind = wasm[p++];
      if (kind === 0) [, p] = leb(wasm, p); // function: type index
      else if (kind === 1) { p++; const flags = wasm[p++]; [, p] = leb(wasm, p); if (flags & 1) [, p] = leb(wasm, p); } // table
      else if (kind === 2) { const flags = wasm[p++]; [, p] = leb(wasm, p); if (flags & 1) [, p] = leb(wasm, p); } // memory
      else if (kind === 3) p += 2; // global
      else if (kind === 4) { p++; [, p] = leb(wasm, p); } // tag
      else throw new Error(`minify: unknown import kind ${kind}`);
      let renamed = field;
      if (!exports.has(field) && /^__wbg_|^__wbindgen_/.test(field)) {
        if (!renames.has(field)) renames.set(field, shortName(renames.size));
        renamed = renames.get(field);
      }
      body.push(...encodeName(module), ...encodeName(renamed), ...wasm.subarray(descStart, p));
    }
    out.push(Buffer.from([2, ...writeLeb(body.length), ...body]));
  }
  return { wasm: Buffer.concat(out), renames };
}

if (process.env.TRUNK_PROFILE === "release") {
  const wasmPath = join(staging, "app/nudge_bg.wasm");
  const gluePath = join(staging, "app/nudge.js");
  const { wasm, renames } = shortenImports(readFileSync(wasmPath));
  let glue = readFileSync(gluePath, "utf8");
  for (const [from, to] of renames) {
    const pattern = new RegExp(`(?<![\\w$])${from}(?![\\w$])`, "g");
    if (!pattern.test(glue)) throw new Error(`minify: the glue does not name the import ${from}`);
    glue = glue.replace(pattern, to);
  }
  writeFileSync(wasmPath, wasm);
  writeFileSync(gluePath, glue);
  const loaderPath = join(staging, "nudge.js");
  const loader = await transform(readFileSync(loaderPath, "utf8"), { minify: true, target: "es2020", charset: "ascii" });
  writeFileSync(loaderPath, loader.code);
  // The glue and the wasm-bindgen snippets it imports (src/analytics/sender.js)
  // become one file: a snippet imported by the glue is fetched only once the
  // glue is parsed, a round trip in series before the wasm can start
  // (measured: the sender's request began 33 ms after the glue's arrived).
  // Their readable sources stay in src/.
  const bundled = await build({
    entryPoints: [gluePath], bundle: true, write: false, format: "esm",
    minify: true, target: "es2020", charset: "ascii", logLevel: "error",
  });
  const [glueOut] = bundled.outputFiles;
  if (/\.\/snippets\//.test(glueOut.text)) throw new Error("minify: the bundled glue still imports a snippet");
  writeFileSync(gluePath, glueOut.text);
  rmSync(join(staging, "app/snippets"), { recursive: true, force: true });
}
