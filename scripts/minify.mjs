// Trunk post-build hook (Trunk.toml): in release builds, minifies the two
// JavaScript files a visitor downloads, in the staging folder: the loader
// (static/nudge.js stays the readable source, with its comments) and
// wasm-bindgen's glue (app/nudge.js; -1.8 KB brotli). Property names are
// kept, so the wasm's imports (`imports.wbg.__wbg_…`) still match.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transform } from "esbuild";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("minify: run by Trunk (TRUNK_STAGING_DIR is not set)");
if (process.env.TRUNK_PROFILE === "release") {
  for (const [name, format] of [["nudge.js", undefined], ["app/nudge.js", "esm"]]) {
    const path = join(staging, name);
    const { code } = await transform(readFileSync(path, "utf8"), { minify: true, target: "es2020", charset: "ascii", format });
    writeFileSync(path, code);
  }
  // The wasm-bindgen snippets the glue imports (src/analytics/sender.js):
  // minified like the glue, their readable source stays in src/.
  const glue = readFileSync(join(staging, "app/nudge.js"), "utf8");
  for (const m of new Set(glue.match(/\.\/snippets\/[^'"]+\.js/g) || [])) {
    const path = join(staging, "app", m.slice(2));
    const { code } = await transform(readFileSync(path, "utf8"), { minify: true, target: "es2020", charset: "ascii", format: "esm" });
    writeFileSync(path, code);
  }
}
