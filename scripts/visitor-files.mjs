// The files a visitor downloads, relative to the release build's folder:
// the loader, the wasm-bindgen glue, the wasm, and the snippets the glue
// imports, if any (scripts/minify.mjs bundles them into the glue in release
// builds). One list for scripts/sizes.mjs and scripts/bench.mjs, so both
// weigh the same download.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

export function visitorFiles(dist) {
  const files = ["nudge.js", "app/nudge.js", "app/nudge_bg.wasm"];
  if (existsSync(join(dist, "app/nudge.js"))) {
    const glue = readFileSync(join(dist, "app/nudge.js"), "utf8");
    for (const m of new Set(glue.match(/\.\/snippets\/[^'"]+\.js/g) || [])) files.push("app/" + m.slice(2));
  }
  return files;
}
