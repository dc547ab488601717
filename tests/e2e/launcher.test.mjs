// The launcher drawn by the loader before the wasm runs (issue 12.1): there
// as soon as the document is parsed, identical to the widget's (markup,
// stylesheet, accessible name, position and size), replaced without a second
// launcher or a layout shift, and a click on it is not lost.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { start, hostPage, ready, visit, widget, RECOMMENDED_LOADING } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const config = {
  site: { name: "Boutique Démo", language: "fr" },
  team: { name: "Équipe", status: "online" },
  presets: ["first_visit"],
};

/** A page whose wasm download is held until `release()`. */
async function held(context, url) {
  let release;
  const gate = new Promise((ok) => { release = ok; });
  let asked = false;
  await context.route("**/app/nudge_bg.wasm", async (route) => { asked = true; await gate; await route.continue(); });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await context.addInitScript(() => {
    window.__shifts = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shifts += e.value; })
      .observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(url, { waitUntil: "load" });
  return { page, release, asked: () => asked };
}

/** The launcher's markup (attributes sorted), the stylesheets' rules, its box and name. */
function look(page) {
  return page.evaluate(() => {
    const root = document.getElementById("nudge-widget").shadowRoot;
    const n = root.querySelectorAll(".n");
    const copy = n[n.length - 1].cloneNode(true);
    for (const e of [copy, ...copy.querySelectorAll("*")]) {
      const attrs = [...e.attributes].map((a) => [a.name, a.value]).sort();
      for (const [name] of attrs) e.removeAttribute(name);
      for (const [name, value] of attrs) e.setAttribute(name, value);
    }
    const button = root.querySelectorAll("button.l");
    const box = button[0].getBoundingClientRect();
    return {
      launchers: button.length,
      markup: copy.outerHTML,
      sheets: [...root.adoptedStyleSheets].map((s) => [...s.cssRules].map((r) => r.cssText).join("\n")),
      box: [box.x, box.y, box.width, box.height],
      label: button[0].getAttribute("aria-label"),
      color: getComputedStyle(button[0]).backgroundColor,
    };
  });
}

test("the launcher is drawn in the shadow root before the wasm is fetched", async () => {
  const context = await env.browser.newContext();
  const { page, release, asked } = await held(context, env.page("/pre.html", hostPage({ config })));
  for (let i = 0; i < 200 && !asked(); i++) await page.waitForTimeout(25);
  assert.ok(asked(), "the wasm was requested (and is held)");
  const before = await look(page);
  assert.equal(before.launchers, 1);
  assert.equal(before.label, "Ouvrir le chat");
  assert.equal(before.color, "rgb(31, 95, 209)", "the widget's stylesheet is in place");
  assert.equal(await page.evaluate(() => !!window.Nudge.ready), false, "the widget does not run yet");
  release();
  await ready(page);
  assert.deepEqual(page.errors, []);
  await context.close();
});

for (const [name, cfg] of [
  ["the default look", config],
  ["a light colour on the left, in English", { ...config, site: { name: "Shop", language: "en" }, ui: { color: "#ffd600", position: "left", z_index: 5 } }],
  ["a colour that is not one", { ...config, ui: { color: "red;} body{display:none" } }],
  ["the merchant's own launcher label", { ...config, ui: { texts: { launcher_label: "Discuter", fr: { launcher_label: "Discuter avec nous" } } } }],
]) {
  test(`the widget takes the drawn launcher over with nothing changed: ${name}`, async () => {
    const context = await env.browser.newContext();
    const { page, release } = await held(context, env.page(`/takeover-${encodeURIComponent(name)}.html`, hostPage({ config: cfg })));
    const before = await look(page);
    release();
    await ready(page);
    const after = await look(page);
    assert.equal(after.launchers, 1, "exactly one launcher after start-up");
    assert.equal(await page.locator("#nudge-widget").count(), 1);
    assert.equal(after.markup, before.markup, "same markup");
    assert.deepEqual(after.sheets, before.sheets, "same stylesheet, theme included");
    assert.deepEqual(after.box, before.box, "same position and size");
    assert.equal(after.label, before.label, "same accessible name");
    if (cfg.ui && cfg.ui.texts) assert.equal(before.label, "Discuter avec nous");
    assert.equal(await page.evaluate(() => window.__shifts), 0, "no layout shift");
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

test("a config fetched after the launcher was drawn restyles it, and the last good config's look is used at once next time", async () => {
  env.json("/fetched-look.json", { ...config, ui: { color: "#e91e63", position: "left" } });
  const url = env.page("/fetched-look.html", hostPage({ configUrl: "/fetched-look.json" }));
  const context = await env.browser.newContext();
  const first = await held(context, url);
  await first.page.waitForFunction(() => getComputedStyle(document.getElementById("nudge-widget").shadowRoot
    .querySelector("button.l")).backgroundColor === "rgb(233, 30, 99)", null, { timeout: 5_000 });
  assert.equal((await look(first.page)).box[0] < 100, true, "on the left");
  first.release();
  await ready(first.page);
  await first.page.close();
  await context.unroute("**/app/nudge_bg.wasm");
  const second = await held(context, url);
  const drawn = await second.page.evaluate(() => {
    const root = document.getElementById("nudge-widget").shadowRoot;
    return getComputedStyle(root.querySelector("button.l")).backgroundColor;
  });
  assert.equal(drawn, "rgb(233, 30, 99)");
  second.release();
  await context.close();
});

test("an inline config draws the launcher in its own look without reading localStorage", async () => {
  // A page's first localStorage read opens the storage (1.5 to 18 ms
  // measured): the launcher does not wait for it when the config is inline.
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    window.__reads = [];
    const get = Storage.prototype.getItem;
    Storage.prototype.getItem = function (key) { window.__reads.push([key, !!document.getElementById("nudge-widget")]); return get.call(this, key); };
  });
  const cfg = { ...config, ui: { color: "#e91e63" } };
  const { page, release } = await held(context, env.page("/inline-look.html", hostPage({ config: cfg })));
  const drawn = await look(page);
  assert.equal(drawn.color, "rgb(233, 30, 99)", "the inline config's colour, at once");
  assert.deepEqual(await page.evaluate(() => window.__reads.filter(([, drawn]) => !drawn)), [], "no read before the launcher");
  release();
  await ready(page);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a tag with defer instead of async draws the launcher before DOMContentLoaded", async () => {
  // README, "Embed it": a deferred tag runs when the document is parsed,
  // before DOMContentLoaded, and the launcher is drawn then, not after it.
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      const host = document.getElementById("nudge-widget");
      window.__atDcl = !!(host && host.shadowRoot && host.shadowRoot.querySelector("button.l"));
    });
  });
  const asyncPage = hostPage({ config });
  const deferPage = asyncPage.replace('nudge.js" async>', 'nudge.js" defer>');
  assert.notEqual(deferPage, asyncPage, "the host page's tag is deferred");
  const page = await visit(context, env.page("/deferred.html", deferPage), { clock: false });
  assert.equal(await page.evaluate(() => window.__atDcl), true, "the launcher was there when DOMContentLoaded fired");
  assert.equal(await widget(page).locator("button.l").count(), 1, "one launcher once the widget runs");
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("the tag the README recommends draws one launcher and starts the widget", async () => {
  // README, "Embed it" (and the console's "Sauvegarder et activer"):
  // `async fetchpriority="high"`. The script may then run before
  // DOMContentLoaded; the launcher is drawn at DOMContentLoaded either way.
  assert.match(RECOMMENDED_LOADING, /^async /, "still an async tag");
  const context = await env.browser.newContext();
  const html = hostPage({ config, loading: RECOMMENDED_LOADING });
  assert.ok(html.includes(`nudge.js" ${RECOMMENDED_LOADING}>`), "the host page has the recommended tag");
  const page = await visit(context, env.page("/recommended.html", html), { clock: false });
  assert.equal(await page.evaluate(() => document.querySelectorAll("nudge-widget").length), 1, "one shadow host");
  assert.equal(await widget(page).locator("button.l").count(), 1, "one launcher once the widget runs");
  await widget(page).locator("button.l").click();
  await widget(page).locator("[role=dialog]").waitFor({ timeout: 10_000 });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a click before the wasm is ready is remembered and opens the panel once it is", async () => {
  const context = await env.browser.newContext();
  const { page, release } = await held(context, env.page("/early-click.html", hostPage({ config })));
  const launcher = widget(page).locator("button.l");
  await launcher.click();
  assert.equal(await launcher.getAttribute("aria-busy"), "true", "a quiet loading state");
  await page.waitForTimeout(300);
  assert.equal(await widget(page).locator("[role=dialog]").count(), 0);
  release();
  await widget(page).locator("[role=dialog]").waitFor({ timeout: 10_000 });
  assert.equal(await widget(page).locator("button.l").count(), 1);
  assert.equal(await widget(page).locator("button.l").getAttribute("aria-expanded"), "true");
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("the keyboard focus on the drawn launcher stays on the launcher through the takeover", async () => {
  const context = await env.browser.newContext();
  const { page, release } = await held(context, env.page("/focus.html", hostPage({ config, body: "<a href='#'>lien</a>" })));
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  const focusedBefore = await page.evaluate(() => document.getElementById("nudge-widget").shadowRoot.activeElement?.className);
  assert.equal(focusedBefore, "l");
  release();
  await ready(page);
  const focusedAfter = await page.evaluate(() => document.getElementById("nudge-widget").shadowRoot.activeElement?.className);
  assert.equal(focusedAfter, "l");
  await context.close();
});

test("axe-core finds no serious or critical violation on the drawn launcher", async () => {
  const require = createRequire(import.meta.url);
  const axe = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const context = await env.browser.newContext();
  const { page, release } = await held(context, env.page("/axe-pre.html", hostPage({ config, title: "Accessibilité" })));
  await page.addScriptTag({ content: axe });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document.getElementById("nudge-widget"), { resultTypes: ["violations"] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
  });
  assert.deepEqual(result, []);
  assert.equal(await page.evaluate(() => window.Nudge.ready), undefined, "checked before the widget ran");
  release();
  await context.close();
});

test("a config that cannot be fetched, with none that worked before, leaves no launcher", async () => {
  env.json("/gone-look.json", "gone", 404);
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(env.page("/gone-look.html", hostPage({ configUrl: "/gone-look.json" })));
  await page.waitForTimeout(1_000);
  assert.equal(await page.locator("#nudge-widget").count(), 0);
  await context.close();
});
