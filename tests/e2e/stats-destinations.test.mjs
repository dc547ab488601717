// The page's tag managers get the documented pushes (dataLayer for GTM /
// GA4, _paq for Matomo, plausible()), only the configured ones are touched,
// and with consent required nothing is queued or sent before consent.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start, ready, hostPage, wait, widget, WIDGET_ORIGIN } from "./harness.mjs";
import { startReceiver, readNdjson } from "../fixtures/receiver.mjs";

const PORT = 8183;
const COLLECT = `http://127.0.0.1:${PORT}/collect`;

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

// A message 5 s into the page, and one on a custom event.
const base = {
  site: { name: "Boutique" },
  auto_messages: [
    { id: "hello", text: "Bonjour !", trigger: { type: "time_on_page", seconds: 5 } },
    { id: "cart", text: "Bon choix !", trigger: { type: "event", name: "added_to_cart" }, frequency: "always" },
  ],
};
const stubs = `<script>
  window.dataLayer = [];
  window._paq = [];
  window.__plausible = [];
  window.plausible = function () { window.__plausible.push(Array.from(arguments)); };
</script>`;

async function open(path, config, head = "") {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.requests = [];
  page.on("request", (r) => page.requests.push(r.url()));
  await page.clock.install({ time: new Date("2026-11-25T10:00:00+01:00") });
  await page.goto(env.page(path, hostPage({ config, head })));
  await ready(page);
  return { context, page };
}

test("dataLayer, _paq and plausible receive the documented pushes", async () => {
  const config = { ...base, analytics: { gtm: true, matomo: true, plausible: true } };
  const { context, page } = await open("/stats-tags.html", config, stubs);
  await wait(page, 5_500);
  await widget(page).locator(".pb").click(); // opened from the preview
  const pushed = await page.evaluate(() => ({ dl: window.dataLayer, paq: window._paq, pl: window.__plausible }));
  const names = pushed.dl.map((e) => e.event);
  assert.deepEqual(names, ["nudge_fired", "nudge_shown", "nudge_opened"]);
  assert.deepEqual(pushed.dl[0], {
    event: "nudge_fired", nudge_message_id: "hello", nudge_trigger: "time_on_page", nudge_page_path: "/stats-tags.html",
  });
  for (const e of pushed.dl) {
    assert.ok(e.event.length <= 40 && /^[a-z_]+$/.test(e.event), e.event);
    for (const v of Object.values(e)) assert.ok(String(v).length <= 100);
  }
  assert.deepEqual(pushed.paq, [
    ["trackEvent", "Nudge", "fired", "hello"],
    ["trackEvent", "Nudge", "shown", "hello"],
    ["trackEvent", "Nudge", "opened", "hello"],
  ]);
  assert.deepEqual(pushed.pl.map((c) => c[0]), ["Nudge Fired", "Nudge Shown", "Nudge Opened"]);
  assert.deepEqual(pushed.pl[0][1], { props: { nudge_message_id: "hello", nudge_trigger: "time_on_page", nudge_page_path: "/stats-tags.html" } });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("destinations that are not configured are not touched", async () => {
  const config = { ...base, analytics: { gtm: true } };
  const head = `<script>window.__plausible = []; window.plausible = function () { window.__plausible.push(1); };</script>`;
  const { context, page } = await open("/stats-gtm-only.html", config, head);
  await wait(page, 5_500);
  await page.evaluate(() => Nudge("track", "added_to_cart"));
  await wait(page, 5_000);
  const seen = await page.evaluate(() => ({
    dl: (window.dataLayer || []).length, paq: typeof window._paq, pl: window.__plausible.length,
    stored: Object.keys(localStorage).filter((k) => k.includes("outbox")),
  }));
  assert.ok(seen.dl >= 2, "GTM got its events");
  assert.equal(seen.paq, "undefined", "_paq is not created");
  assert.equal(seen.pl, 0, "plausible is not called");
  assert.deepEqual(seen.stored, [], "no outbox without an endpoint");
  const foreign = page.requests.filter((u) => !u.startsWith(WIDGET_ORIGIN) && !u.includes("/stats-gtm-only.html"));
  assert.deepEqual(foreign, [], "no request but the widget's own files");
  await context.close();
});

test("with consent required and withheld nothing is queued or sent; after consent events are sent", async () => {
  const receiver = await startReceiver({ port: PORT, file: join(mkdtempSync(join(tmpdir(), "nudge-consent-")), "s.ndjson") });
  try {
    const config = {
      ...base, behaviour: { consent_required: true },
      analytics: { gtm: true, endpoint: COLLECT },
    };
    const { context, page } = await open("/stats-consent.html", config, "<script>window.dataLayer = [];</script>");
    await wait(page, 5_500); // "hello" fires and is shown: no consent yet
    await widget(page).locator(".px").click();
    await wait(page, 10_000);
    const before = await page.evaluate(() => ({ dl: window.dataLayer.length, keys: Object.keys(localStorage) }));
    assert.equal(before.dl, 0, "nothing pushed to dataLayer");
    assert.deepEqual(before.keys.filter((k) => k.startsWith("nudge:")).filter((k) => /outbox|visitor/.test(k)), [], "nothing queued or stored");
    assert.equal(receiver.received.batches, 0, "nothing sent");
    assert.equal(page.requests.filter((u) => u.startsWith(COLLECT)).length, 0);

    await page.evaluate(() => Nudge("consent", true));
    await page.evaluate(() => Nudge("track", "added_to_cart"));
    await wait(page, 4_000);
    const end = Date.now() + 3_000;
    while (!readNdjson(receiver.file).length && Date.now() < end) await new Promise((ok) => setTimeout(ok, 50));
    const events = readNdjson(receiver.file).flatMap((b) => b.events);
    assert.deepEqual(events.map((e) => `${e.type} ${e.message}`), ["fired cart", "shown cart"], "only what happened after consent");
    assert.deepEqual(await page.evaluate(() => window.dataLayer.map((e) => e.event)), ["nudge_fired", "nudge_shown"]);
    assert.ok(await page.evaluate(() => localStorage.getItem("nudge:1:visitor")), "the visitor id is kept once consented");
    await context.close();
  } finally {
    await receiver.close();
  }
});

test("Nudge('reset') gives the visitor a new anonymous id", async () => {
  const receiver = await startReceiver({ port: PORT, file: join(mkdtempSync(join(tmpdir(), "nudge-reset-")), "s.ndjson") });
  try {
    const config = { ...base, analytics: { endpoint: COLLECT } };
    const { context, page } = await open("/stats-reset.html", config);
    await wait(page, 5_500);
    await wait(page, 4_000);
    const first = await page.evaluate(() => localStorage.getItem("nudge:1:visitor"));
    await page.evaluate(() => Nudge("reset"));
    await page.evaluate(() => Nudge("track", "added_to_cart"));
    await wait(page, 4_000);
    const end = Date.now() + 3_000;
    while (readNdjson(receiver.file).length < 2 && Date.now() < end) await new Promise((ok) => setTimeout(ok, 50));
    const second = await page.evaluate(() => localStorage.getItem("nudge:1:visitor"));
    assert.match(first, /^[0-9a-z]{12}$/);
    assert.match(second, /^[0-9a-z]{12}$/);
    assert.notEqual(first, second);
    const visitors = readNdjson(receiver.file).map((b) => b.visitor);
    assert.deepEqual([...new Set(visitors)], [first, second]);
    await context.close();
  } finally {
    await receiver.close();
  }
});
