// The benchmark: Nudge beside three chat widgets that run without a server,
// on the same blank host page, in one run, in Debian's Chromium (headless),
// on the release build in dist/. Usage:
//
//   node scripts/bench.mjs [runs=5] [--readme]
//
// The peers are pinned devDependencies (package.json) bundled here with
// esbuild into dist/peers/ and served, like Nudge, from the widget's origin
// (tests/e2e/harness.mjs: two local origins). Each run loads every widget
// once on a cold page (interleaved, so the machine's noise spreads evenly)
// and measures:
//   - download: raw / gzip / brotli (q11) of every file the widget needs;
//   - launcher visible: the launcher in the DOM with a box (a MutationObserver
//     on the document and on every shadow root), ms after navigation;
//   - host DOMContentLoaded and `load` (navigation timing);
//   - long tasks (> 50 ms) from navigation to 1 s after the launcher;
//   - JS heap after a forced GC, minus a blank page's, plus wasm memory;
//   - click on the launcher → the panel (an element ≥ 300 × 300 px) in the
//     DOM and a frame painted after it (rAF, then a task);
//   - timer wake-ups in an idle minute, on SIMULATED time (Playwright's
//     clock: 5 simulated minutes to let every timed message fire, then one
//     more minute during which every setTimeout / setInterval /
//     requestAnimationFrame / requestIdleCallback callback is counted; a
//     calibration page with a 1 s interval must count 60).
// Nudge alone: widget interactive (its `ready`: first page view handled,
// first timer armed; a cold load per run, then 20 more), the launcher on a
// warm second page view, long tasks over 20 loads, the launcher after
// DOMContentLoaded over 20 more cold loads with the README's tag (`async
// fetchpriority="high"`), a plain `async` and `defer`, beside a floor (the
// first two tags on a script that only appends a button: what the browser's
// scheduling of a script costs anyone), in ms and in frames begun
// (requestAnimationFrame callbacks) between DOMContentLoaded and the
// launcher, with each tag's DOMContentLoaded and `load`; long tasks over 20
// loads of the same config in Europe/Paris time (a named zone: its offset
// comes from Temporal, or Intl without it), and the early low-priority wasm
// fetch experiment (the loader with EARLY_WASM on: the wasm fetched before
// `load` at low priority, and off: fetched at `load` beside the glue, as
// shipped; interactive time and `load`).
//
// Prints medians with [min–max], and Nudge's ratio to the best peer on each
// measure. With --readme, rewrites README.md between the `bench:begin` and
// `bench:end` markers with the tables printed here.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { build, transform } from "esbuild";
import { start, hostPage, WIDGET_ORIGIN, RECOMMENDED_LOADING } from "../tests/e2e/harness.mjs";
import { visitorFiles } from "./visitor-files.mjs";

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) || 5);
const writeReadme = args.includes("--readme");
const DIST = "dist";
const pkg = JSON.parse(readFileSync("package.json", "utf8")).devDependencies;

const config = {
  site: { name: "Boutique Démo", language: "fr" },
  team: { name: "Équipe Démo", status: "online" },
  welcome_message: "Bonjour !",
  starters: [{ title: "Vos horaires ?", answer: "9 h – 19 h" }],
  presets: ["first_visit", "returning_visitor", "busy", "offline", "new_product", "first_order_discount"],
};

/** The widgets. `launcher`: selectors, each one but the last entering a shadow root. */
const WIDGETS = [
  { id: "nudge", name: "Nudge", launcher: ["#nudge-widget", "button.l"],
    files: visitorFiles(DIST) },
  { id: "chatscope", name: `@chatscope/chat-ui-kit-react ${pkg["@chatscope/chat-ui-kit-react"]} (+ react ${pkg.react})`,
    launcher: [".bench-launcher"], entry: "scripts/peers/chatscope.js" },
  { id: "typebot", name: `@typebot.io/js ${pkg["@typebot.io/js"]}`, launcher: ["typebot-bubble", "button[part=button]"],
    entry: "scripts/peers/typebot.js" },
  { id: "n8n", name: `@n8n/chat ${pkg["@n8n/chat"]}`, launcher: [".chat-window-toggle"], entry: "scripts/peers/n8n.js" },
];

// Bundles every peer (minified, production React) into dist/peers/<id>/.
for (const w of WIDGETS.filter((w) => w.entry)) {
  const outdir = join(DIST, "peers", w.id);
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: [w.entry], bundle: true, minify: true, format: "iife", outdir, metafile: true, logLevel: "error",
    define: { "process.env.NODE_ENV": '"production"' },
    loader: { ".woff": "file", ".woff2": "file", ".ttf": "file", ".eot": "file", ".svg": "dataurl", ".png": "dataurl" },
  });
  w.files = Object.keys(result.metafile.outputs).map((p) => p.slice(DIST.length + 1));
}

// Two copies of the loader for the early-fetch experiment (same minifier).
const loaderSource = readFileSync("static/nudge.js", "utf8");
if (!loaderSource.includes("var EARLY_WASM = false;")) throw new Error("bench: static/nudge.js has no EARLY_WASM switch");
for (const [file, early] of [["bench-late.js", false], ["bench-early.js", true]]) {
  const { code } = await transform(loaderSource.replace("var EARLY_WASM = false;", `var EARLY_WASM = ${early};`),
    { minify: true, target: "es2020", charset: "ascii" });
  writeFileSync(join(DIST, file), code);
}

// The floor: the least an async tag can do, one button in a shadow root
// appended as soon as the document is parsed (no stylesheet, no config, no
// widget). Loaded like Nudge's loader, its launcher after DOMContentLoaded is
// how much of Nudge's is the browser's scheduling of an async script.
writeFileSync(join(DIST, "bench-floor.js"), `(function (d) {
  var host = d.createElement("nudge-widget");
  host.id = "nudge-widget";
  var b = d.createElement("button");
  b.className = "l";
  b.setAttribute("aria-label", "Open chat");
  b.style.cssText = "position:fixed;bottom:20px;right:20px;width:56px;height:56px;border:0;border-radius:50%;background:#1f5fd1";
  host.attachShadow({ mode: "open" }).appendChild(b);
  var draw = function () { d.body.appendChild(host); };
  if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", draw); else draw();
})(document);
`);

const brotli = (data) => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
for (const w of WIDGETS) {
  w.sizes = w.files.map((name) => {
    const data = readFileSync(join(DIST, name));
    return { name, raw: data.length, gzip: gzipSync(data, { level: 9 }).length, brotli: brotli(data) };
  });
  w.size = ["raw", "gzip", "brotli"].reduce((t, k) => ({ ...t, [k]: w.sizes.reduce((s, f) => s + f[k], 0) }), {});
}

/** The host page: blank, the widget's tag(s) at the end of the body
 * (Nudge's as the README's "Embed it" writes it, or with `loading`). */
function pageOf(w, loader = "nudge.js", loading = RECOMMENDED_LOADING) {
  if (w.id === "nudge") {
    return hostPage({ config, loading }).replace(`${WIDGET_ORIGIN}/nudge.js`, `${WIDGET_ORIGIN}/${loader}`);
  }
  const css = w.files.filter((f) => f.endsWith(".css")).map((f) => `<link rel="stylesheet" href="${WIDGET_ORIGIN}/${f}">`).join("");
  const js = w.files.filter((f) => f.endsWith(".js")).map((f) => `<script src="${WIDGET_ORIGIN}/${f}" async></script>`).join("");
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Boutique</title>${css}</head><body>${js}</body></html>`;
}

// Runs in the page before anything else.
const probe = (launcher) => {
  const b = (window.__bench = { launcher: null, frames: null, longTasks: [], wakeups: 0 });
  // Frames begun between DOMContentLoaded and the launcher: each
  // requestAnimationFrame callback starts one (the page's own, unwrapped).
  const raf = window.requestAnimationFrame.bind(window);
  let frames = 0;
  const tick = () => { if (b.launcher === null) { frames++; raf(tick); } };
  const roots = [document];
  const find = (path) => {
    let root = document;
    for (let i = 0; i < path.length; i++) {
      const el = root && root.querySelector(path[i]);
      if (!el) return null;
      if (i === path.length - 1) return el;
      root = el.shadowRoot;
    }
    return null;
  };
  window.__find = () => find(launcher);
  window.__panel = () => {
    for (const root of roots) {
      for (const el of root.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if (r.width >= 300 && r.height >= 300 && getComputedStyle(el).visibility !== "hidden") return true;
      }
    }
    return false;
  };
  const check = () => {
    if (b.launcher !== null) return;
    const el = find(launcher);
    if (el) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) {
        b.launcher = performance.now();
        b.frames = frames;
      }
    }
  };
  const watch = (root) => new MutationObserver(check).observe(root, { childList: true, subtree: true, attributes: true });
  watch(document);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    if (init && init.mode === "open") { roots.push(root); watch(root); }
    return root;
  };
  document.addEventListener("DOMContentLoaded", () => { check(); raf(tick); });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push(Math.round(e.duration)); })
    .observe({ type: "longtask", buffered: true });
  for (const name of ["setTimeout", "setInterval", "requestAnimationFrame", "requestIdleCallback"]) {
    const original = window[name];
    if (!original) continue;
    window[name] = function (callback, ...rest) {
      const counted = typeof callback === "function" ? function (...a) { b.wakeups++; return callback.apply(this, a); } : callback;
      return original.call(window, counted, ...rest);
    };
  }
};

const env = await start();
const url = {};
for (const w of WIDGETS) url[w.id] = env.page(`/bench-${w.id}.html`, pageOf(w));
const blank = env.page("/blank.html", `<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body></body></html>`);
const emptyTag = env.page("/empty-tag.html", `<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body><script src="${WIDGET_ORIGIN}/demo/empty.js" async></script></body></html>`);
const late = env.page("/bench-late.html", pageOf(WIDGETS[0], "bench-late.js"));
// The launcher after DOMContentLoaded, five ways: Nudge and the floor with
// the README's tag, both with a plain `async` (older snippets), and Nudge
// with `defer` (README, "Embed it").
const tags = {
  recommended: url.nudge,
  async: env.page("/bench-tag-async.html", pageOf(WIDGETS[0], "nudge.js", "async")),
  defer: env.page("/bench-tag-defer.html", pageOf(WIDGETS[0], "nudge.js", "defer")),
  floor: env.page("/bench-floor.html", pageOf(WIDGETS[0], "bench-floor.js")),
  floorAsync: env.page("/bench-floor-async.html", pageOf(WIDGETS[0], "bench-floor.js", "async")),
};
// The same config in a named time zone, as a French merchant's would be: the
// site's wall clock then comes from Temporal, or from Intl, whose first use
// in a page loads the browser's ICU data (src/platform/clock.rs).
const paris = env.page("/bench-paris.html", hostPage({ config: { ...config, site: { ...config.site, time_zone: "Europe/Paris" } }, loading: RECOMMENDED_LOADING }));
const early = env.page("/bench-early.html", pageOf(WIDGETS[0], "bench-early.js"));
const calibration = env.page("/calibration.html", `<!doctype html><html><head><meta charset="utf-8"><title>c</title></head><body><script>setInterval(function () {}, 1000);</script></body></html>`);

const navigation = (page) => page.evaluate(() => {
  const n = performance.getEntriesByType("navigation")[0];
  return { dcl: n.domContentLoadedEventStart, load: n.loadEventStart };
});
async function waitFor(page, fn, timeout = 15_000) {
  const until = Date.now() + timeout;
  while (!(await page.evaluate(fn))) {
    if (Date.now() > until) throw new Error(`bench: timed out on ${page.url()}`);
    await new Promise((ok) => setTimeout(ok, 10));
  }
}
async function heapOf(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  return usedSize;
}

const m = Object.fromEntries(WIDGETS.map((w) => [w.id, { launcher: [], dcl: [], load: [], longTasks: [], heap: [], click: [], idle: [] }]));
const nudge = { interactive: [], interactive20: [], warm: [], longTasks20: [],
  tags: Object.fromEntries(Object.keys(tags).map((k) => [k, { launcher: [], dcl: [], load: [], frames: [] }])),
  parisLongTasks20: [], loadBlank: [], loadEmptyTag: [], blankHeap: [],
  early: { interactive: [], load: [] }, late: { interactive: [], load: [] } };

/** One cold page load of `w`: launcher, DCL/load, long tasks, heap, click → panel. */
async function cold(w) {
  const context = await env.browser.newContext();
  await context.addInitScript(probe, w.launcher);
  const page = await context.newPage();
  await page.goto(url[w.id], { waitUntil: "load" });
  await waitFor(page, () => window.__bench.launcher !== null);
  const r = m[w.id];
  r.launcher.push(await page.evaluate(() => window.__bench.launcher));
  const nav = await navigation(page);
  r.dcl.push(nav.dcl);
  r.load.push(nav.load);
  if (w.id === "nudge") {
    await waitFor(page, () => !!window.Nudge.ready);
    nudge.interactive.push(await page.evaluate(() => performance.getEntriesByName("nudge:interactive")[0].startTime));
  }
  await page.waitForTimeout(1_000);
  const tasks = await page.evaluate(() => window.__bench.longTasks);
  r.longTasks.push(tasks);
  if (w.id === "nudge") nudge.longTasks20.push(tasks);
  let heap = await heapOf(page);
  if (w.id === "nudge") heap += await page.evaluate(() => window.Nudge.memoryBytes());
  r.heap.push(heap);
  r.click.push(await page.evaluate(async () => {
    const el = window.__find();
    const t0 = performance.now();
    el.click();
    await new Promise((ok) => { const poll = () => (window.__panel() ? ok() : requestAnimationFrame(poll)); poll(); });
    await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
    return performance.now() - t0;
  }));
  if (w.id === "nudge") {
    // The same visitor's next page view: HTTP cache and compiled code warm.
    await page.evaluate(() => window.Nudge("close"));
    await page.goto(url.nudge, { waitUntil: "load" });
    await waitFor(page, () => window.__bench.launcher !== null && !!window.Nudge.ready);
    nudge.warm.push(await page.evaluate(() => window.__bench.launcher));
    nudge.longTasks20.push(await page.evaluate(() => window.__bench.longTasks));
  }
  await context.close();
}

/** Timer wake-ups in one idle minute on simulated time. */
async function idle(target, launcher, isNudge = false) {
  const context = await env.browser.newContext();
  await context.clock.install();
  await context.addInitScript(probe, launcher);
  const page = await context.newPage();
  await page.goto(target, { waitUntil: "load" });
  if (target !== calibration) await waitFor(page, () => window.__bench.launcher !== null);
  if (isNudge) await waitFor(page, () => !!window.Nudge.ready);
  await page.clock.runFor(5 * 60_000);
  const before = await page.evaluate(() => window.__bench.wakeups);
  await page.clock.runFor(60_000);
  const count = (await page.evaluate(() => window.__bench.wakeups)) - before;
  await context.close();
  return count;
}

async function plainLoad(target, sink, ready) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(target, { waitUntil: "load" });
  sink.load.push((await navigation(page)).load);
  if (ready) {
    await waitFor(page, () => !!(window.Nudge && window.Nudge.ready));
    sink.interactive.push(await page.evaluate(() => performance.getEntriesByName("nudge:interactive")[0].startTime));
  }
  await context.close();
}

const calibrated = await idle(calibration, ["body"]);
if (calibrated !== 60) throw new Error(`bench: the wake-up counter counted ${calibrated} callbacks of a 1 s interval in a minute, not 60`);

for (let i = 0; i < runs; i++) {
  process.stderr.write(`run ${i + 1}/${runs}\n`);
  for (const w of WIDGETS) await cold(w);
  for (const w of WIDGETS) m[w.id].idle.push(await idle(url[w.id], w.launcher, w.id === "nudge"));
  for (const [target, sink] of [[blank, { load: nudge.loadBlank }], [emptyTag, { load: nudge.loadEmptyTag }]]) {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(target, { waitUntil: "load" });
    sink.load.push((await navigation(page)).load);
    if (target === blank) nudge.blankHeap.push(await heapOf(page));
    await context.close();
  }
  await plainLoad(late, nudge.late, true);
  await plainLoad(early, nudge.early, true);
}
// 20 rounds of six cold loads: the five tags above (the launcher after
// DOMContentLoaded, in ms and in frames begun), and Nudge in Europe/Paris
// time (long tasks). Nudge's loads with the README's tag also measure
// interactive on 20 more loads (5 are few on this noisy machine) and
// complete its 20 loads for long tasks (cold + warm above, then these).
for (let i = 0; i < 20; i++) {
  for (const target of [...Object.values(tags), paris]) {
    const context = await env.browser.newContext();
    await context.addInitScript(probe, WIDGETS[0].launcher);
    const page = await context.newPage();
    await page.goto(target, { waitUntil: "load" });
    await waitFor(page, () => window.__bench.launcher !== null);
    const { launcher, frames } = await page.evaluate(() => window.__bench);
    const { dcl, load } = await navigation(page);
    const tag = Object.keys(tags).find((k) => tags[k] === target);
    if (tag) {
      const sink = nudge.tags[tag];
      sink.launcher.push(launcher);
      sink.dcl.push(dcl);
      sink.load.push(load);
      sink.frames.push(frames);
    }
    if (target === paris) {
      await waitFor(page, () => !!(window.Nudge && window.Nudge.ready));
      await page.waitForTimeout(500);
      nudge.parisLongTasks20.push(await page.evaluate(() => window.__bench.longTasks));
    } else if (tag === "recommended") {
      await waitFor(page, () => !!(window.Nudge && window.Nudge.ready));
      nudge.interactive20.push(await page.evaluate(() => performance.getEntriesByName("nudge:interactive")[0].startTime));
      if (nudge.longTasks20.length < 20) {
        await page.waitForTimeout(500);
        nudge.longTasks20.push(await page.evaluate(() => window.__bench.longTasks));
      }
    }
    await context.close();
  }
}
await env.close();

// ---- report ----
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
const blankHeap = median(nudge.blankHeap);
for (const w of WIDGETS) m[w.id].heap = m[w.id].heap.map((h) => Math.max(0, h - blankHeap));
const kb = (n) => (n / 1024).toFixed(1) + " KB";
const mb = (n) => (n / 1024 / 1024).toFixed(2) + " MB";
const ms = (n) => Math.round(n) + " ms";
const spread = (xs, f) => `${f(median(xs))} [${f(Math.min(...xs))}–${f(Math.max(...xs))}]`;
const taskCount = (lists) => lists.reduce((n, l) => n + l.length, 0);
const taskMax = (lists) => Math.max(0, ...lists.flat());
/** Launcher times minus DOMContentLoaded, load by load. */
const afterDcl = (loads) => loads.launcher.map((t, i) => t - loads.dcl[i]);

const measures = [
  { label: "download, brotli", of: (w) => w.size.brotli, fmt: kb, fixed: true },
  { label: "download, gzip", of: (w) => w.size.gzip, fmt: kb, fixed: true },
  { label: "download, raw", of: (w) => w.size.raw, fmt: kb, fixed: true },
  { label: "launcher visible, ms after navigation (cold)", of: (w) => m[w.id].launcher, fmt: ms },
  { label: "launcher visible − host DOMContentLoaded", of: (w) => afterDcl(m[w.id]), fmt: ms },
  { label: "host DOMContentLoaded", of: (w) => m[w.id].dcl, fmt: ms },
  { label: "host `load`", of: (w) => m[w.id].load, fmt: ms },
  { label: "long tasks (> 50 ms), all runs: count (max)", of: (w) => taskCount(m[w.id].longTasks), fmt: (n) => n, fixed: true,
    show: (w) => `${taskCount(m[w.id].longTasks)} (${taskMax(m[w.id].longTasks)} ms)` },
  { label: "JS heap after GC (over a blank page) + wasm memory", of: (w) => m[w.id].heap, fmt: mb },
  { label: "timer wake-ups in an idle minute (simulated)", of: (w) => m[w.id].idle, fmt: (n) => String(n) },
  { label: "click on the launcher → panel painted", of: (w) => m[w.id].click, fmt: ms },
];
const peers = WIDGETS.slice(1);
const lines = [];
lines.push(`Measured on ${new Date().toISOString().slice(0, 10)} by \`node scripts/bench.mjs ${runs}\`: ${runs} cold page loads of each widget, interleaved, in one run (median [min–max]; Debian Chromium, headless, this shared 2-core machine; numbers move by ±30 % between runs).`, "");
lines.push("| measure | Nudge | best peer | Nudge ÷ best peer |", "|---|---|---|---|");
for (const x of measures) {
  const value = (w) => (x.fixed ? x.of(w) : median(x.of(w)));
  const text = (w) => (x.show ? x.show(w) : x.fixed ? x.fmt(x.of(w)) : spread(x.of(w), x.fmt));
  const best = peers.reduce((a, b) => (value(b) < value(a) ? b : a));
  const ratio = value(best) === 0 ? (value(WIDGETS[0]) === 0 ? "= (both 0)" : "∞") : (value(WIDGETS[0]) / value(best)).toFixed(2) + "×";
  lines.push(`| ${x.label} | ${text(WIDGETS[0])} | ${text(best)} (${best.id}) | ${ratio} |`);
}
lines.push("", "Every widget (median [min–max]):", "");
lines.push(`| measure | ${WIDGETS.map((w) => w.name).join(" | ")} |`, `|---|${WIDGETS.map(() => "---").join("|")}|`);
for (const x of measures) {
  lines.push(`| ${x.label} | ${WIDGETS.map((w) => (x.show ? x.show(w) : x.fixed ? x.fmt(x.of(w)) : spread(x.of(w), x.fmt))).join(" | ")} |`);
}
lines.push("", "Nudge alone:", "", "| measure | Nudge | budget |", "|---|---|---|");
lines.push(`| download, brotli (loader + glue + wasm; the CSS is in the loader) | ${kb(WIDGETS[0].size.brotli)} | ≤ 100 KB |`);
for (const f of WIDGETS[0].sizes) lines.push(`|   ${f.name} (raw / gzip / brotli) | ${kb(f.raw)} / ${kb(f.gzip)} / ${kb(f.brotli)} | |`);
const fastestPeer = Math.min(...peers.map((w) => median(m[w.id].launcher)));
lines.push(`| launcher visible after navigation, cold | ${spread(m.nudge.launcher, ms)} | ≤ 0.5 × fastest peer (${ms(fastestPeer / 2)}) |`);
const inFrame = (counts) => [0, 1].map((k) => counts.filter((n) => n === k).length).join(" / ") + ` / ${counts.filter((n) => n > 1).length}`;
lines.push(`| launcher visible after DOMContentLoaded, ${runs} cold loads above | ${spread(afterDcl(m.nudge), ms)} | ≤ 1 frame (16 ms) |`);
const t = nudge.tags;
const tagName = "\`" + RECOMMENDED_LOADING + "\`";
lines.push(`| launcher visible after DOMContentLoaded, ${t.recommended.launcher.length} more cold loads (the README's tag, ${tagName}) | ${spread(afterDcl(t.recommended), ms)} | ≤ 1 frame (16 ms) |`);
lines.push(`|   the floor in the same loads (the same tag, only appending one button) | ${spread(afterDcl(t.floor), ms)} | |`);
lines.push(`|   loads whose launcher is in the 1st / 2nd / a later frame begun after DOMContentLoaded | Nudge ${inFrame(t.recommended.frames)}; the floor ${inFrame(t.floor.frames)} | |`);
lines.push(`| with a plain \`async\` (older snippets), same loads: launcher after DOMContentLoaded, Nudge / the floor | ${spread(afterDcl(t.async), ms)} / ${spread(afterDcl(t.floorAsync), ms)} | |`);
lines.push(`|   loads whose launcher is in the 1st / 2nd / a later frame | Nudge ${inFrame(t.async.frames)}; the floor ${inFrame(t.floorAsync.frames)} | |`);
lines.push(`| with \`defer\`, same loads: launcher after DOMContentLoaded (negative: before) | ${spread(afterDcl(t.defer), ms)} | |`);
lines.push(`|   host DOMContentLoaded: ${tagName} / \`async\` / \`defer\` | ${spread(t.recommended.dcl, ms)} / ${spread(t.async.dcl, ms)} / ${spread(t.defer.dcl, ms)} | |`);
lines.push(`|   host \`load\`: the same three | ${spread(t.recommended.load, ms)} / ${spread(t.async.load, ms)} / ${spread(t.defer.load, ms)} | |`);
lines.push(`|   launcher after navigation: the same three | ${spread(t.recommended.launcher, ms)} / ${spread(t.async.launcher, ms)} / ${spread(t.defer.launcher, ms)} | |`);
lines.push(`| launcher visible, next page view (warm) | ${spread(nudge.warm, ms)} | |`);
lines.push(`| widget interactive (first page view handled, timer armed), ${runs} cold loads above | ${spread(nudge.interactive, ms)} | ≤ 250 ms |`);
lines.push(`| widget interactive, 20 more cold loads | ${spread(nudge.interactive20, ms)} | ≤ 250 ms |`);
lines.push(`| click → panel painted | ${spread(m.nudge.click, ms)} | ≤ 50 ms |`);
lines.push(`| host \`load\`: blank page / empty async script / Nudge | ${ms(median(nudge.loadBlank))} / ${ms(median(nudge.loadEmptyTag))} / ${ms(median(m.nudge.load))} | not delayed |`);
lines.push(`| long tasks (> 50 ms) in ${nudge.longTasks20.length} page loads | ${taskCount(nudge.longTasks20)}${taskCount(nudge.longTasks20) ? ` (max ${taskMax(nudge.longTasks20)} ms)` : ""} | 0 |`);
lines.push(`|   the same config in Europe/Paris time, ${nudge.parisLongTasks20.length} more page loads | ${taskCount(nudge.parisLongTasks20)}${taskCount(nudge.parisLongTasks20) ? ` (max ${taskMax(nudge.parisLongTasks20)} ms)` : ""} | 0 |`);
lines.push(`| JS heap + wasm memory | ${spread(m.nudge.heap, mb)} | ≤ 1.5 MB |`);
lines.push(`| timer wake-ups in an idle minute (simulated) | ${spread(m.nudge.idle, String)} | 0 |`);
lines.push(`| wasm fetched at \`load\` beside the glue (shipped) / before \`load\` at low priority: interactive | ${spread(nudge.late.interactive, ms)} / ${spread(nudge.early.interactive, ms)} | |`);
lines.push(`| the same two: host \`load\` | ${spread(nudge.late.load, ms)} / ${spread(nudge.early.load, ms)} | |`);
const report = lines.join("\n");
console.log(report);
if (process.env.BENCH_RAW) console.error(JSON.stringify({ m, nudge }, null, 1));
if (writeReadme) {
  const readme = readFileSync("README.md", "utf8");
  const begin = "<!-- bench:begin (generated by node scripts/bench.mjs --readme) -->\n";
  const end = "<!-- bench:end -->";
  const a = readme.indexOf(begin), b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error("bench: README.md has no bench:begin / bench:end markers");
  writeFileSync("README.md", readme.slice(0, a + begin.length) + report + "\n" + readme.slice(b));
}
