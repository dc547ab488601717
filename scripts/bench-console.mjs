// The merchant console's budgets, on the release build in dist/console/
// (headless Chromium, this machine):
//   - first load, cold (new browser context, empty cache): navigation start
//     → the console's header in the DOM; budget 1 s;
//   - one edit on the README's complete example: an input event in a form
//     field → validated by the engine and the preview's widget re-rendered
//     with the new value; budget 16 ms;
//   - the timeline of a 10-minute journey (run by the engine on simulated
//     time, rendered); budget 50 ms.
// Prints medians; exits non-zero when a budget is missed.
// Usage: node scripts/bench-console.mjs [--json]
import { start } from "../tests/e2e/harness.mjs";
import { CONSOLE_URL, readmeExample } from "../tests/e2e/console-harness.mjs";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const env = await start();
const results = {};

// 1. Cold first loads.
const loads = [];
for (let i = 0; i < 7; i++) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector("header.top")) { window.__ready = performance.now(); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(CONSOLE_URL);
  await page.waitForFunction(() => window.__ready);
  loads.push(await page.evaluate(() => window.__ready));
  await context.close();
}
results.first_load_ms = median(loads);

// 2. Edits on the README example, with the preview open.
const context = await env.browser.newContext({ viewport: { width: 1440, height: 1000 } });
const page = await context.newPage();
await page.goto(CONSOLE_URL);
await page.locator("header.top").waitFor();
await page.fill("#paste-config", await readmeExample());
await page.click("#open-paste");
await page.click("#nav-settings");
await page.click("#pv-toggle");
await page.locator(".widget-host").locator("h2").waitFor();
const edits = await page.evaluate(async () => {
  const input = document.querySelector('[data-path="team.name"]');
  const header = () => document.querySelector(".widget-host").shadowRoot.querySelector("h2");
  const times = [];
  for (let i = 0; i < 30; i++) {
    const value = "Équipe " + i;
    const t0 = performance.now();
    input.value = value;
    input.dispatchEvent(new InputEvent("input", { bubbles: true }));
    while (header().textContent !== value) await new Promise((r) => setTimeout(r, 0));
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 30));
  }
  return times;
});
results.edit_ms = median(edits);

// 3. A 10-minute journey's timeline.
await page.click("#nav-simulator");
await page.selectOption("#journey-pick", "first-visit");
const timelines = await page.evaluate(async () => {
  const input = document.querySelector("ol.steps > li:nth-child(2) input");
  const title = () => document.querySelector("#timeline-title").textContent;
  const times = [];
  for (let i = 0; i < 15; i++) {
    const seconds = 600 - (i % 2);
    const t0 = performance.now();
    input.value = String(seconds);
    input.dispatchEvent(new InputEvent("input", { bubbles: true }));
    while (!title().includes(`(${seconds} s)`)) await new Promise((r) => setTimeout(r, 0));
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 30));
  }
  return times;
});
results.timeline_10min_ms = median(timelines);
results.fired_in_10min = await page.locator("#timeline tbody tr").count();
await context.close();
await env.close();

const budgets = { first_load_ms: 1000, edit_ms: 16, timeline_10min_ms: 50 };
if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ results, budgets }));
} else {
  console.log("Merchant console (release build, median):");
  for (const [k, b] of Object.entries(budgets)) {
    console.log(`  ${k.padEnd(20)} ${results[k].toFixed(1).padStart(8)} ms   (budget ${b} ms)${results[k] > b ? "  OVER" : ""}`);
  }
  console.log(`  messages in the 10-minute timeline: ${results.fired_in_10min}`);
}
process.exit(Object.entries(budgets).some(([k, b]) => results[k] > b) ? 1 : 0);
