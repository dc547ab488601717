// Prints what a visitor downloads (raw, gzip, brotli q11) against the 100 KB
// brotli budget, and fails above LIMIT: the budget is not met yet (121.1 KB on
// 2026-12-01), so LIMIT is a ratchet that stops the size from growing while
// the gap is closed; lower it with every saving, down to the budget.
// Usage: node scripts/sizes.mjs [dist] [--json]
import { readFileSync, existsSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { join } from "node:path";
import { visitorFiles } from "./visitor-files.mjs";

const dist = process.argv[2] && !process.argv[2].startsWith("--") ? process.argv[2] : "dist";
const files = visitorFiles(dist);
const BUDGET = 100 * 1024;
// 115 KB until 2026-12-01. The features merged that day (linear-time regex
// engine, config tables, message sets, texts, statistics) took the widget
// above 122 KB; the size work of the same day (loader-owned CSS, minified
// glue, short import names) brought it back down: the ratchet follows the
// figure down; lower it again with every saving. Raised to 121.6 KB on
// 2026-12-02 by the hardening work (issue 9): the JS guard every call into
// the wasm goes through (src/platform/page.js, generated into the loader:
// +0.7 KB), the composer's message counter and the batched state writes,
// less the Rust they replaced (the wasm is 0.3 KB smaller): +0.41 KB in all
// (124 035 → 124 457 bytes).
// Raised to 125.7 KB on 2026-12-02 for the rest of the hardening issue
// (measured 125.6): the engine's tab merge by message id, Web Locks claims
// and tab-tagged ids, duplicate-key warnings, future-timestamp clamps and
// bounds (+3.5 KB in the wasm), and the loader's queue checks (+0.1 KB).
// Not met: the 100 KB budget; see issue 12's notes for what to try next.
// Then 126.0 KB for the tab census in page.js (measured 125.9 KB).
// Lowered to 115.1 KB on 2026-12-02 (measured 115.0): std rebuilt for size
// (scripts/build-widget.sh) and talc as the allocator: -10.9 KB together.
// Raised to 115.5 KB the same day (measured 115.4) for correctness fixes:
// agent messages capped like the visitor's, a tab writing back the message
// records a stale write lacked, the unknown data-establishment warning, the
// ui.texts.<lang> key warning, custom unanswered rules waiting for an
// available team, show/hide applied before the first page view (+0.5 KB).
// Lowered to 115.2 KB on 2026-12-02 (measured 115.1): the conversation is a
// plain function, not a component (-0.3 KB). What is left above the budget
// is the interface layer: the widget without its Yew render weighs 74.1 KB
// (measured the same day by removing the render call), so Yew and the views
// cost 41 KB brotli; see issue 12's note.
// Lowered to 113.9 KB the same day (measured 113.8): the visitor's root
// calls the widget's hook itself instead of mounting a second component
// (-1.3 KB). Then 113.5 KB (measured 113.47): one effect for the widget's
// focus and scrolling instead of two (-0.3 KB).
// Lowered to 80.3 KB on 2026-12-02 (measured 80.28): the visitor's widget
// draws with the DOM instead of Yew (-33.2 KB; the console keeps Yew).
// Raised to 80.4 KB the same day (measured 80.36): a UTC site clock is
// computed without Intl (+0.08 KB), which removes the page's first
// Intl.DateTimeFormat, a start-up task of 18-56 ms (measured on 20 loads).
// Raised to 80.6 KB on 2026-12-03 (measured 80.56): a site in a named time
// zone reads its offset through Temporal (about 1 ms) where the browser has
// it, instead of a first Intl.DateTimeFormat (15-76 ms: 2 long tasks in 20
// loads of a Europe/Paris config, 0 after); the Intl path now asks only for
// the offset, which took back 0.2 of the 0.4 KB it first cost.
// Lowered to 80.4 KB on 2026-12-03 (measured 80.39): the glue and the
// statistics sender it imported are bundled into one file
// (scripts/minify.mjs: -0.17 KB, and one request fewer).
const LIMIT = 80.4 * 1024;
const kb = (n) => (n / 1024).toFixed(1).padStart(7);
let total = { raw: 0, gzip: 0, brotli: 0 };
const rows = [];
for (const name of files) {
  const path = join(dist, name);
  if (!existsSync(path)) {
    console.error(`sizes: ${path} is missing (run the release build first)`);
    process.exit(1);
  }
  const data = readFileSync(path);
  const row = {
    name,
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  rows.push(row);
  for (const k of Object.keys(total)) total[k] += row[k];
}
if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ rows, total, budget: BUDGET, limit: LIMIT }));
} else {
  console.log("What a visitor downloads (KB; the CSS is inside the loader):");
  console.log("file                   raw    gzip  brotli");
  for (const r of rows) console.log(`${r.name.padEnd(18)}${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
  console.log(`${"total".padEnd(18)}${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}   (budget ${BUDGET / 1024} KB brotli)`);
  if (total.brotli > BUDGET) {
    console.log(`OVER BUDGET by ${((total.brotli - BUDGET) / 1024).toFixed(1)} KB brotli (the ratchet fails above ${LIMIT / 1024} KB)`);
  }
}
if (total.brotli > LIMIT) {
  console.error(`sizes: ${(total.brotli / 1024).toFixed(1)} KB brotli is above the ratchet of ${LIMIT / 1024} KB (budget 100 KB)`);
  process.exit(1);
}
