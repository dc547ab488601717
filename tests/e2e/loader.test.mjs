// The loader on bad input (issue 9.1, 9.6): invalid data-config URLs, a
// config redirected to another origin, 10 000 broken rules, and calls made
// to a widget that cannot start. Start-up events reaching subscribers
// queued before the tag or in the page's `load` handler (issue 8.5). And
// what the loader fetches, and when (issue 12; at the end of this file).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, hostPage, visit, ready, conversation, widget, WIDGET_ORIGIN } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const config = {
  site: { name: "Boutique Démo", language: "fr" },
  team: { name: "Équipe", status: "online" },
  presets: ["first_visit"],
};

/** Opens `url` and records the console and page errors. */
async function open(context, url) {
  const page = await context.newPage();
  const log = { errors: [], warnings: [], page: [] };
  page.on("console", (m) => {
    if (m.type() === "error") log.errors.push(m.text());
    if (m.type() === "warning") log.warnings.push(m.text());
  });
  page.on("pageerror", (e) => log.page.push(String(e)));
  await page.goto(url);
  return { page, log };
}

const stub = `<script>window.Nudge = window.Nudge || function () { (Nudge.q = Nudge.q || []).push(arguments); };
  Nudge("send", "queued before the tag");</script>`;
const after_ = `<script>window.afterTagRan = true;</script>`;

for (const bad of ["http://[", "http://localhost:99999/nudge.json", "http://"]) {
  test(`data-config="${bad}" is one clear error; queued calls are dropped with one warning; the page is unharmed`, async () => {
    const context = await env.browser.newContext();
    const url = env.page(`/bad-url-${encodeURIComponent(bad)}.html`, hostPage({ configUrl: bad, head: stub, body: after_ }));
    const { page, log } = await open(context, url);
    await page.waitForTimeout(1_500);
    assert.deepEqual(log.page, [], "no exception reaches the host page");
    assert.equal(await page.evaluate(() => window.afterTagRan), true);
    assert.ok(log.errors.some((e) => e.startsWith("[nudge]") && e.includes(`data-config "${bad}"`) && e.includes("not a valid URL")), log.errors.join("\n"));
    assert.ok(log.errors.some((e) => e.includes("no usable config")), log.errors.join("\n"));
    const drops = log.warnings.filter((w) => w.includes("dropped"));
    assert.equal(drops.length, 1, log.warnings.join("\n"));
    assert.ok(drops[0].includes("a call to Nudge() dropped"), drops[0]);
    // Later calls: nothing thrown, nothing kept, no second warning.
    await page.evaluate(() => { for (let i = 0; i < 100; i++) window.Nudge("send", "x".repeat(10_000)); });
    assert.equal(await page.evaluate(() => window.Nudge.q.length), 0);
    assert.equal(log.warnings.filter((w) => w.includes("dropped")).length, 1);
    assert.equal(await page.locator("#nudge-widget").count(), 0);
    await context.close();
  });
}

test("with an invalid data-config URL the last good config runs and queued calls are handled", async () => {
  const context = await env.browser.newContext();
  await visit(context, env.page("/good-first.html", hostPage({ config })), { clock: false });
  const { page, log } = await open(context, env.page("/bad-url-cached.html", hostPage({ configUrl: "http://[", head: stub })));
  await ready(page);
  assert.ok(log.errors.some((e) => e.includes(`data-config "http://["`)), log.errors.join("\n"));
  assert.ok(log.warnings.some((w) => w.includes("using the last config")), log.warnings.join("\n"));
  await widget(page).locator("button.l").click();
  await widget(page).locator("[role=dialog]").waitFor();
  assert.ok((await conversation(page)).includes("queued before the tag"));
  assert.deepEqual(log.page, []);
  await context.close();
});

test("a config redirected to another origin is named by its final URL in every message", async () => {
  const final = `${WIDGET_ORIGIN}/nowhere/nudge.json`;
  const configUrl = env.redirect("/moved.json", final);
  const context = await env.browser.newContext();
  const { page, log } = await open(context, env.page("/moved.html", hostPage({ configUrl })));
  await page.waitForTimeout(1_500);
  const ours = [...log.errors, ...log.warnings].filter((m) => m.startsWith("[nudge]") && m.includes("config"));
  assert.ok(ours.length >= 2, ours.join("\n"));
  for (const message of ours.filter((m) => m.includes(configUrl))) {
    assert.ok(message.includes(`redirected to ${final}`), message);
  }
  assert.ok(log.warnings.some((w) => w.includes("another origin") && w.includes(final)), log.warnings.join("\n"));
  assert.ok(log.errors.some((e) => e.includes(final) && e.includes("HTTP 404")), log.errors.join("\n"));
  assert.deepEqual(log.page, []);
  await context.close();
});

test("10 000 broken rules print the first 20 problems and a count, and the valid rule still fires", async () => {
  const rules = Array.from({ length: 10_000 }, (_, i) => ({ id: `r${i}`, text: "x", trigger: { type: "nope" } }));
  rules.push({ id: "ok", text: "Toujours là", trigger: { type: "page_view" } });
  env.json("/ten-thousand.json", { ...config, presets: [], auto_messages: rules });
  const context = await env.browser.newContext();
  const { page, log } = await open(context, env.page("/ten-thousand.html", hostPage({ configUrl: "/ten-thousand.json" })));
  await ready(page);
  const ours = log.warnings.filter((w) => w.startsWith("[nudge]"));
  assert.equal(ours.length, 21, `${ours.length} warnings`);
  assert.ok(ours[20].includes("9980 more problems not shown (10000 in total"), ours[20]);
  await widget(page).locator(".pt").waitFor();
  assert.equal(await widget(page).locator(".pt").textContent(), "Toujours là");
  await context.close();
});

test("subscribers queued before the tag and in the load handler hear the first page view's message and stats", async () => {
  const cfg = { ...config, presets: [], auto_messages: [{ id: "hello", text: "Bienvenue", trigger: { type: "page_view" } }] };
  const head = `<script>window.Nudge = window.Nudge || function () { (Nudge.q = Nudge.q || []).push(arguments); };
    window.heard = [];
    Nudge("on", "message", function (m) { heard.push("early message " + m.id); });
    Nudge("on", "stats", function (s) { heard.push("early stats " + s.id + " " + s.kind); });
    window.addEventListener("load", function () {
      Nudge("on", "message", function (m) { heard.push("load message " + m.id + " " + m.text); });
      Nudge("on", "stats", function (s) { heard.push("load stats " + s.id + " " + s.kind); });
      Nudge("on", "ready", function () { heard.push("ready"); });
    });</script>`;
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/early-on.html", hostPage({ config: cfg, head })), { clock: false });
  await page.waitForTimeout(200);
  const heard = await page.evaluate(() => window.heard);
  for (const expected of ["early message hello", "early stats hello fired", "load message hello Bienvenue", "load stats hello fired", "ready"]) {
    assert.ok(heard.includes(expected), `${expected} in ${JSON.stringify(heard)}`);
  }
  await context.close();
});

test("a message fired on the first page view while Nudge('hide') was queued before the tag is counted shown only once displayed", async () => {
  const cfg = { ...config, presets: [], auto_messages: [{ id: "hello", text: "Bienvenue", trigger: { type: "page_view" } }] };
  const head = `<script>window.Nudge = window.Nudge || function () { (Nudge.q = Nudge.q || []).push(arguments); };
    window.heard = [];
    Nudge("hide");
    Nudge("on", "stats", function (s) { heard.push(s.id + " " + s.kind); });</script>`;
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(env.page("/early-hide.html", hostPage({ config: cfg, head })));
  // Hidden: the launcher is not visible, so wait for the widget to run.
  await page.waitForFunction(() => window.Nudge && window.Nudge.ready, null, { timeout: 10_000 });
  await page.waitForFunction(() => window.heard.includes("hello fired"), null, { timeout: 5_000 });
  await page.waitForTimeout(200);
  assert.deepEqual(await page.evaluate(() => window.heard), ["hello fired"], "not shown while hidden");
  await page.evaluate(() => window.Nudge("show"));
  await page.waitForFunction(() => window.heard.includes("hello shown"), null, { timeout: 5_000 });
  await context.close();
});

test("a relative data-config resolves against the page's <base href>, like a link", async () => {
  env.json("/conf/base-nudge.json", { ...config, presets: [], welcome_message: "Depuis la base" });
  const html = hostPage({ configUrl: "base-nudge.json", head: `<base href="/conf/">` });
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/shop/fr/base.html", html), { clock: false });
  await page.evaluate(() => window.Nudge("open"));
  await widget(page).locator("[role=dialog]").waitFor();
  assert.ok((await conversation(page)).includes("Depuis la base"));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a data-establishment the config does not define is said once on the console, with the ids it defines", async () => {
  const cfg = { ...config, establishments: [{ id: "paris", name: "Paris" }, { id: "lyon", name: "Lyon" }] };
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const said = [];
  page.on("console", (m) => { if (m.type() === "warning") said.push(m.text()); });
  await page.goto(env.page("/est-typo.html", hostPage({ config: cfg, attrs: ` data-establishment="lyom"` })));
  await ready(page);
  const ours = said.filter((t) => t.includes("data-establishment"));
  assert.equal(ours.length, 1, JSON.stringify(said));
  assert.match(ours[0], /"lyom" is not an establishment of the config \(expected one of paris, lyon\)/);
  await context.close();
});

// ---- What the loader fetches, and when ----
// The loader, then, once the host page has loaded, the glue (the snippets it
// imports bundled in by scripts/minify.mjs) and the wasm side by side, so
// that no download waits for another to arrive and run.

test("a page view fetches three files from the widget: the loader, the glue and the wasm", async () => {
  const context = await env.browser.newContext();
  const fetched = [];
  context.on("request", (r) => { if (r.url().startsWith(WIDGET_ORIGIN)) fetched.push(new URL(r.url()).pathname); });
  await visit(context, env.page("/three.html", hostPage({ config })), { clock: false });
  assert.deepEqual(fetched.sort(), ["/app/nudge.js", "/app/nudge_bg.wasm", "/nudge.js"]);
  await context.close();
});

test("the wasm is requested while the glue is still downloading, not once the glue has run", async () => {
  const context = await env.browser.newContext();
  let wasmAsked;
  const asked = new Promise((ok) => { wasmAsked = ok; });
  let glueReleasedBy = null;
  // The glue is held until the wasm is requested, or for 5 s at most: a
  // loader that asks for the wasm only once the glue has run waits 5 s.
  await context.route("**/app/nudge.js", async (route) => {
    glueReleasedBy = await Promise.race([
      asked.then(() => "the wasm request"),
      new Promise((ok) => setTimeout(() => ok("the 5 s timeout"), 5_000)),
    ]);
    await route.continue();
  });
  await context.route("**/app/nudge_bg.wasm", async (route) => { wasmAsked(); await route.continue(); });
  const page = await visit(context, env.page("/side-by-side.html", hostPage({ config })), { clock: false });
  assert.equal(glueReleasedBy, "the wasm request");
  assert.deepEqual(page.errors, []);
  await context.close();
});
