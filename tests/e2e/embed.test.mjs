// The embed on hostile pages: strict CSP, aggressive host CSS, the tag twice,
// broken or missing configs, the JS API queue, and accessibility (axe-core).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { start, ready, hostPage, visit, previewText, conversation, wait, widget, WIDGET_ORIGIN } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const config = {
  site: { name: "Boutique Démo", language: "fr" },
  team: { name: "Équipe", status: "online" },
  presets: ["first_visit"],
  starters: [{ title: "Vos horaires ?", answer: "9 h – 19 h" }],
};

test("a page with a strict Content-Security-Policy runs the widget", async () => {
  const csp = `default-src 'self'; script-src 'self' ${WIDGET_ORIGIN} 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' ${WIDGET_ORIGIN}; img-src 'self'`;
  const url = env.page("/csp.html", hostPage({ configUrl: "/csp.json" }), { "Content-Security-Policy": csp });
  env.json("/csp.json", config);
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const violations = [];
  page.on("console", (m) => { if (/Content Security Policy|Refused/.test(m.text())) violations.push(m.text()); });
  await page.clock.install();
  await page.goto(url);
  await ready(page);
  await wait(page, 31_000);
  assert.ok((await previewText(page)).startsWith("Bonjour"));
  const launcherColor = await widget(page).locator("button.l").evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.notEqual(launcherColor, "rgba(0, 0, 0, 0)", "the stylesheet applies under the CSP");
  assert.deepEqual(violations, []);
  await context.close();
});

test("host CSS that restyles every element leaves the widget intact", async () => {
  const hostile = `<style>* { all: unset !important; font-size: 40px !important; color: red !important; }
    button { display: none !important; } div { position: static !important; }</style>`;
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/hostile.html", hostPage({ config, head: hostile })));
  const box = await widget(page).locator("button.l").boundingBox();
  assert.ok(box && box.width >= 48 && box.width <= 64, `launcher is ${JSON.stringify(box)}`);
  const viewport = page.viewportSize();
  assert.ok(box.x + box.width > viewport.width - 100 && box.y + box.height > viewport.height - 100, "still in the bottom corner");
  await context.close();
});

test("including the tag twice mounts one widget", async () => {
  const twice = hostPage({ config }) + `<script src="${WIDGET_ORIGIN}/nudge.js" async></script>`;
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/twice.html", twice));
  await wait(page, 200);
  assert.equal(await page.locator("#nudge-widget").count(), 1);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a config with a syntax error is reported with line and column and the page is unharmed", async () => {
  env.json("/broken.json", '{\n  "site": { "name": "x" },\n  "team": { "name": "y", }\n}');
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push("PAGE " + e));
  await page.goto(env.page("/broken.html", hostPage({ configUrl: "/broken.json" })));
  await page.waitForTimeout(1_000);
  assert.equal(await page.locator("#nudge-widget").count(), 0, "no config that ever worked: hidden");
  assert.ok(errors.some((e) => /line 3, column \d+/.test(e) && e.includes("/broken.json")), errors.join("\n"));
  assert.ok(!errors.some((e) => e.startsWith("PAGE")));
  await context.close();
});

test("a config that cannot be fetched names its URL and status, and the last good config is used", async () => {
  env.json("/flaky.json", config);
  const context = await env.browser.newContext();
  const url = env.page("/flaky.html", hostPage({ configUrl: "/flaky.json" }));
  const first = await visit(context, url, { clock: false });
  await first.close();
  env.json("/flaky.json", "gone", 404);
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(url);
  await ready(page);
  assert.ok(errors.some((e) => e.includes("/flaky.json") && e.includes("404")), errors.join("\n"));
  await context.close();
});

test("an invalid rule is reported with its JSON path and the other rules keep working", async () => {
  const cfg = { ...config, auto_messages: [
    { id: "bad", text: "x", trigger: { type: "time_on_page", seconds: 5 }, conditions: { all: [{ url: { contain: "a" } }] } },
    { id: "good", text: "Une question ?", trigger: { type: "time_on_page", seconds: 5 } },
  ], presets: [] };
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const warnings = [];
  page.on("console", (m) => warnings.push(m.text()));
  await page.clock.install();
  await page.goto(env.page("/badrule.html", hostPage({ config: cfg })));
  await ready(page);
  assert.ok(warnings.some((w) => w.includes("auto_messages[0].conditions.all[0].url")), warnings.join("\n"));
  await wait(page, 6_000);
  assert.equal(await previewText(page), "Une question ?");
  await context.close();
});

test("calls made before the widget loaded are kept and replayed in order, and bad calls only warn", async () => {
  const queue = `<script>window.Nudge = window.Nudge || function () { (Nudge.q = Nudge.q || []).push(arguments); };
    Nudge("on", "ready", function () { window.readyCalled = true; });
    Nudge("bogus"); Nudge("setTeamStatus", "nope");
    Nudge("send", "Premier"); Nudge("send", "Second"); Nudge("open");</script>`;
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/queue.html", hostPage({ config, head: queue })));
  await widget(page).locator("[role=dialog]").waitFor();
  assert.deepEqual((await conversation(page)).filter((t) => t === "Premier" || t === "Second"), ["Premier", "Second"]);
  assert.equal(await page.evaluate(() => window.readyCalled), true);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a preview's close button dismisses it for good", async () => {
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/dismiss.html", hostPage({ config })));
  await wait(page, 31_000);
  assert.ok((await previewText(page)).startsWith("Bonjour"));
  await widget(page).locator(".px").click();
  await wait(page, 100);
  assert.equal(await previewText(page), "");
  await page.reload();
  await ready(page);
  await wait(page, 60_000);
  assert.equal(await previewText(page), "");
  await context.close();
});

test("axe-core finds no serious or critical violation, closed, previewing and open", async () => {
  const require = createRequire(import.meta.url);
  const axe = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/axe.html", hostPage({ config, title: "Accessibilité" })));
  const check = async (state) => {
    await page.waitForTimeout(400); // let the 200 ms entry animations finish (real time)
    await page.addScriptTag({ content: axe });
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document.getElementById("nudge-widget"), { resultTypes: ["violations"] });
      return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ") + " (" + n.failureSummary + ")").join(", "));
    });
    assert.deepEqual(result, [], `${state}: ${result.join("; ")}`);
  };
  await check("closed");
  await wait(page, 31_000);
  await check("previewing");
  await widget(page).locator("button.l").click();
  await wait(page, 100);
  await check("open");
  await context.close();
});

test("a phone-sized viewport gets a full-screen panel", async () => {
  const context = await env.browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  const page = await visit(context, env.page("/phone.html", hostPage({ config })));
  await widget(page).locator("button.l").click();
  const panel = await widget(page).locator("[role=dialog]").boundingBox();
  assert.ok(panel.width >= 370 && panel.height >= 660, JSON.stringify(panel));
  await context.close();
});
