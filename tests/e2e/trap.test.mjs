// A wasm trap never harms the host page (issue 9, hardening): after the
// widget's wasm throws (out of memory, a panic), the host's own
// history.pushState is exactly its own function again and works, its scroll,
// hashchange and visibilitychange cause no page error, the widget is gone,
// page subscribers hear one `error` event, the console gets one `[nudge]`
// error, and later Nudge() calls are dropped with one warning.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, hostPage, ready } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const config = {
  site: { name: "Boutique", language: "fr" },
  team: { name: "Équipe", status: "online" },
  presets: ["first_visit"],
};

// Before the tag: the host's own pushState is kept, and an `error`
// subscriber is queued with the README's stub.
const head = `<script>window.hostPushState = history.pushState;
  window.heard = [];
  window.Nudge = window.Nudge || function () { (Nudge.q = Nudge.q || []).push(arguments); };
  Nudge("on", "error", function (e) { heard.push(e.message); });</script>`;
const body = `<main style="height:5000px">Boutique</main>`;

/** Opens `path` (real time) once the widget runs; records page errors and
 * the console. */
async function open(path) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const log = { page: [], errors: [], warnings: [] };
  page.on("pageerror", (e) => log.page.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") log.errors.push(m.text());
    if (m.type() === "warning") log.warnings.push(m.text());
  });
  await page.goto(env.page(path, hostPage({ config, head, body })));
  await ready(page);
  return { context, page, log };
}

/** Waits until page subscribers heard an `error` event. */
async function death(page) {
  await page.waitForFunction(() => window.heard.length > 0, null, { timeout: 60_000, polling: 100 });
  await page.waitForTimeout(200);
}

/** What a host page does after the trap, and what it got. */
async function hostKeepsWorking(page) {
  return page.evaluate(async () => {
    const same = history.pushState === window.hostPushState;
    const returned = history.pushState({ step: 2 }, "", "/after-trap");
    history.replaceState({ step: 3 }, "", "/after-trap?replaced");
    scrollTo(0, 3000);
    dispatchEvent(new Event("scroll"));
    location.hash = "#more";
    document.dispatchEvent(new Event("visibilitychange"));
    dispatchEvent(new Event("mouseout"));
    await new Promise((ok) => setTimeout(ok, 300));
    return { same, returned, path: location.pathname + location.search + location.hash };
  });
}

async function checkDead(page, log) {
  const host = await hostKeepsWorking(page);
  assert.deepEqual(log.page, [], "no page error");
  assert.equal(host.same, true, "history.pushState is exactly the host's function again");
  assert.equal(host.returned, undefined);
  assert.equal(host.path, "/after-trap?replaced#more");
  assert.equal(await page.locator("#nudge-widget").count(), 0, "the widget is gone");
  const heard = await page.evaluate(() => window.heard);
  assert.equal(heard.length, 1, heard.join("\n"));
  assert.ok(heard[0].startsWith("[nudge] the widget stopped after an internal error"), heard[0]);
  const ours = log.errors.filter((e) => e.startsWith("[nudge]"));
  assert.equal(ours.length, 1, ours.join("\n"));
  // Later calls: dropped, one warning, nothing thrown.
  await page.evaluate(() => { Nudge("open"); Nudge("send", "encore"); Nudge("track", "x"); });
  const drops = log.warnings.filter((w) => w.includes("dropped"));
  assert.equal(drops.length, 1, log.warnings.join("\n"));
  assert.ok(drops[0].includes("the widget stopped"), drops[0]);
  assert.deepEqual(log.page, []);
}

test("a trap inside a Nudge() call (out of wasm memory) leaves the host page working and the widget gone, with one error event", async () => {
  const { context, page, log } = await open("/trap-memory.html");
  // Each 200 MB visitor attribute is copied into the wasm, kept and
  // serialised by the engine: the wasm's 4 GB are gone by the third one or
  // so. (Messages are capped at 2 000 characters: they can no longer do it.)
  await page.evaluate(() => Nudge("hide"));
  for (let i = 0; i < 8 && !(await page.evaluate(() => window.heard.length)); i++) {
    await page.evaluate((c) => Nudge("set", { ["big_" + c]: c.repeat(2e8) }), String.fromCharCode(97 + i));
  }
  await death(page);
  await checkDead(page, log);
  await context.close();
});

test("a trap while the widget renders (the page broke its DOM) is no page error, and the widget is gone", async () => {
  const { context, page, log } = await open("/trap-render.html");
  // The page breaks `createElement` once the widget runs: the panel, built
  // the first time it opens, cannot be drawn, and the view panics (a trap)
  // while it renders.
  await page.evaluate(() => {
    Document.prototype.createElement = function () { throw new Error("broken by the page"); };
    Nudge("open");
  });
  await death(page);
  await checkDead(page, log);
  await context.close();
});

test("a page callback that calls Nudge() while the widget is busy (a tag manager's dataLayer.push) is no trap", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const log = { page: [], errors: [] };
  page.on("pageerror", (e) => log.page.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") log.errors.push(m.text()); });
  const gtm = `<script>window.dataLayer = [];
    dataLayer.push = function (e) { Array.prototype.push.call(this, e); Nudge("track", "pushed"); };</script>`;
  const tracked = { ...config, analytics: { gtm: true },
    auto_messages: [{ id: "hello", text: "Bonjour", trigger: { type: "page_view" } },
      { id: "pushed", text: "Vu par GTM", trigger: { type: "event", name: "pushed" } }] };
  await page.goto(env.page("/trap-reentry.html", hostPage({ config: tracked, head: head + gtm, body })));
  // The first page view fires `hello`: its `nudge_fired` push calls
  // Nudge() while the widget is handling the page view.
  await ready(page);
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.heard), []);
  assert.deepEqual(log.page, []);
  assert.equal(log.errors.filter((e) => e.startsWith("[nudge]")).length, 0, log.errors.join("\n"));
  const pushed = await page.evaluate(() => dataLayer.map((e) => e.event));
  assert.ok(pushed.length > 0, "the tag manager heard the widget");
  console.log("# pushed: " + pushed.join(", "));
  assert.equal(await page.locator("#nudge-widget").count(), 1);
  await context.close();
});
