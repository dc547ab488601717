// The benchmark: what a visitor downloads, start-up time, the host page's
// load event, long tasks, memory and idle timer wake-ups, measured in Debian's
// Chromium on the release build (dist/). Usage: node scripts/bench.mjs [runs]
// Prints a Markdown table (pasted into README.md's "Budgets" section).
import { execFileSync } from "node:child_process";
import { start, hostPage, WIDGET_ORIGIN } from "../tests/e2e/harness.mjs";

const runs = Number(process.argv[2] || 7);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
let sizes;
try {
  sizes = JSON.parse(execFileSync("node", ["scripts/sizes.mjs", "dist", "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
} catch (e) {
  sizes = JSON.parse(e.stdout); // over budget: still report it
}

const config = {
  site: { name: "Boutique Démo", language: "fr" },
  team: { name: "Équipe Démo", status: "online" },
  welcome_message: "Bonjour !",
  starters: [{ title: "Vos horaires ?", answer: "9 h – 19 h" }],
  presets: ["first_visit", "returning_visitor", "busy", "offline", "new_product", "first_order_discount"],
};

// Runs in the page before anything else: records when the launcher enters
// the shadow root, long tasks, and every timer callback that runs.
const probe = () => {
  window.__bench = { launcher: null, longTasks: [], wakeups: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__bench.longTasks.push(Math.round(e.duration));
      (window.__bench.longTaskAt ||= []).push(Math.round(e.startTime) + "+" + Math.round(e.duration));
    }
  }).observe({ type: "longtask", buffered: true });
  const watchShadow = (root) => {
    const seen = () => root.querySelector(".l") && (window.__bench.launcher = performance.now());
    if (seen()) return;
    new MutationObserver((_, obs) => { if (seen()) obs.disconnect(); }).observe(root, { childList: true, subtree: true });
  };
  new MutationObserver((_, obs) => {
    const host = document.getElementById("nudge-widget");
    if (host && host.shadowRoot) { watchShadow(host.shadowRoot); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
  for (const name of ["setTimeout", "setInterval", "requestAnimationFrame", "requestIdleCallback"]) {
    const original = window[name];
    if (!original) continue;
    window[name] = function (callback, ...rest) {
      const counted = typeof callback === "function" ? function (...a) { window.__bench.wakeups++; return callback.apply(this, a); } : callback;
      return original.call(window, counted, ...rest);
    };
  }
};

const env = await start();
const withWidget = env.page("/bench.html", hostPage({ config }));
const blank = env.page("/blank.html", `<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body></body></html>`);
// The same blank page with an empty async script from the widget's origin:
// what any third-party script tag costs the load event, the floor for ours.
const emptyTag = env.page("/empty-tag.html", `<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body><script src="${WIDGET_ORIGIN}/demo/empty.js" async></script></body></html>`);

const launcher = [], warmLauncher = [], loadWith = [], loadWithout = [], loadEmptyTag = [], longTasks = [], phases = [];
for (let i = 0; i < runs; i++) {
  // The load event is measured without the probe (its observers add noise).
  for (const [url, sink] of [[blank, loadWithout], [emptyTag, loadEmptyTag], [withWidget, loadWith]]) {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load" });
    sink.push(await page.evaluate(() => performance.getEntriesByType("navigation")[0].loadEventStart));
    await context.close();
  }
  {
    const context = await env.browser.newContext();
    await context.addInitScript(probe);
    const page = await context.newPage();
    await page.goto(withWidget, { waitUntil: "load" });
    await page.waitForFunction(() => window.__bench.launcher !== null, null, { timeout: 10_000 });
    launcher.push(await page.evaluate(() => window.__bench.launcher));
    await page.waitForTimeout(300);
    longTasks.push(...(await page.evaluate(() => window.__bench.longTasks)));
    phases.push(await page.evaluate(() => ({ ...Object.fromEntries(performance.getEntriesByType("mark")
      .filter((m) => m.name.startsWith("nudge:")).map((m) => [m.name.slice(6), Math.round(m.startTime)])),
      launcher: Math.round(window.__bench.launcher), longTasks: window.__bench.longTaskAt || [],
      load: Math.round(performance.getEntriesByType("navigation")[0].loadEventStart) })));
    // A second page view of the same visitor: HTTP cache and compiled wasm warm.
    await page.goto(withWidget, { waitUntil: "load" });
    await page.waitForFunction(() => window.__bench.launcher !== null, null, { timeout: 10_000 });
    warmLauncher.push(await page.evaluate(() => window.__bench.launcher));
    longTasks.push(...(await page.evaluate(() => window.__bench.longTasks)));
    await context.close();
  }
}

// Memory: JS heap used by the widget (page with it minus blank page, after a
// GC) plus the wasm linear memory.
async function heap(url) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(url, { waitUntil: "load" });
  if (url === withWidget) await page.locator("#nudge-widget").locator("button.l").waitFor();
  await page.waitForTimeout(500);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const wasm = url === withWidget ? await page.evaluate(() => window.Nudge.memoryBytes ? window.Nudge.memoryBytes() : 0) : 0;
  await context.close();
  return { usedSize, wasm };
}
const heapWith = await heap(withWidget), heapWithout = await heap(blank);

// Idle cost: on simulated time, after every preset has had its chance
// (5 minutes), count timer callbacks during one more minute.
const context = await env.browser.newContext();
await context.addInitScript(probe);
const page = await context.newPage();
await page.clock.install();
await page.goto(withWidget);
await page.locator("#nudge-widget").locator("button.l").waitFor();
await page.clock.runFor(5 * 60_000);
const before = await page.evaluate(() => window.__bench.wakeups);
await page.clock.runFor(60_000);
const idleWakeups = (await page.evaluate(() => window.__bench.wakeups)) - before;
await context.close();
await env.close();

const kb = (n) => (n / 1024).toFixed(1) + " KB";
const ms = (n) => n.toFixed(0) + " ms";
const rows = [
  ["download, brotli (loader + JS glue + wasm, CSS inside)", kb(sizes.total.brotli), "≤ 100 KB"],
  ...sizes.rows.map((r) => [`  ${r.name} (raw / gzip / brotli)`, `${kb(r.raw)} / ${kb(r.gzip)} / ${kb(r.brotli)}`, ""]),
  ["launcher in the DOM after navigation, first visit, cold cache (median of " + runs + ")", ms(median(launcher)), "≤ 120 ms"],
  ["launcher in the DOM after navigation, next page view, warm cache (median)", ms(median(warmLauncher)), "≤ 120 ms"],
  ["host `load` event: blank page / with an empty cross-origin async script / with the widget (median)", `${ms(median(loadWithout))} / ${ms(median(loadEmptyTag))} / ${ms(median(loadWith))}`, "not delayed"],
  ["long tasks (> 50 ms) during start-up, all runs", longTasks.length ? `${longTasks.length} (max ${Math.max(...longTasks)} ms)` : "0", "0"],
  ["JS heap added + wasm memory", `${kb(Math.max(0, heapWith.usedSize - heapWithout.usedSize))} + ${kb(heapWith.wasm)} = ${kb(Math.max(0, heapWith.usedSize - heapWithout.usedSize) + heapWith.wasm)}`, "≤ 2 MB"],
  ["timer wake-ups in an idle minute", String(idleWakeups), "0"],
];
if (process.env.BENCH_VERBOSE) console.error("phases (ms after navigation):", JSON.stringify(phases), "long tasks:", JSON.stringify(longTasks));
console.log("| measure | Nudge | budget |\n|---|---|---|");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
