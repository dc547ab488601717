// Statistics and visitor messages reach the merchant's endpoint, with
// nothing lost: 20 visitors through the demo shop, an endpoint that is
// down for two reloads, a tab closed right after typing, and an idle
// minute without timer wake-ups. The reference receiver
// (tests/fixtures/receiver.mjs) is the merchant's endpoint, on 127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start, ready, HOST_ORIGIN, hostPage, previewText, wait, widget } from "./harness.mjs";
import { startReceiver, readNdjson } from "../fixtures/receiver.mjs";

const PORT = 8183;
const COLLECT = `http://127.0.0.1:${PORT}/collect`;
const INBOX = `http://127.0.0.1:${PORT}/inbox`;
const OPEN_DAY = new Date("2026-11-25T10:00:00+01:00"); // a Wednesday, shop open
const demo = JSON.parse(readFileSync("static/demo/nudge.json", "utf8"));
const withEndpoints = { ...demo, analytics: { endpoint: COLLECT }, inbox: { endpoint: INBOX } };

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const fresh = () => join(mkdtempSync(join(tmpdir(), "nudge-stats-")), "stats.ndjson");

/** A visitor (fresh context) on the demo shop whose config has endpoints. */
async function visitor(config = withEndpoints) {
  const context = await env.browser.newContext();
  await context.route(`${HOST_ORIGIN}/demo/nudge.json`, (route) => route.fulfill({ json: config }));
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.batches = [];
  context.on("request", (r) => { if (r.url() === COLLECT) page.batches.push(Buffer.byteLength(r.postData() || "")); });
  await page.clock.install({ time: OPEN_DAY });
  return { context, page };
}

async function go(page, path) {
  await page.goto(HOST_ORIGIN + path);
  await ready(page);
  await wait(page, 100);
}

/** Waits (real time) until the visitor's outbox is empty. */
async function delivered(page, ms = 5_000) {
  const end = Date.now() + ms;
  for (;;) {
    const left = await page.evaluate(() => JSON.parse(localStorage.getItem("nudge:1:outbox") || '{"items":[]}').items.length);
    if (!left) return;
    if (Date.now() > end) throw new Error(`still in the outbox: ${await page.evaluate(() => localStorage.getItem("nudge:1:outbox"))}`);
    await page.waitForTimeout(50);
  }
}

/** What this visitor's engine counted, from its persisted state. */
async function engineCounts(page) {
  return page.evaluate(() => {
    const state = JSON.parse(localStorage.getItem("nudge:1:state"));
    const out = {};
    for (const [id, r] of Object.entries(state.rules)) {
      if (!Array.isArray(r) || r.length !== 8) throw new Error("unexpected state format for " + id);
      out[id] = { fired: r[3], shown: r[4], opened: r[5], dismissed: r[6], contacted_after: r[7] };
    }
    return out;
  });
}

/** Per message and type, the events the receiver stored. */
function receiverCounts(file) {
  const out = {};
  for (const batch of readNdjson(file)) {
    for (const e of batch.events) {
      if (e.type === "starter_clicked") continue; // not an engine counter
      out[e.message] ??= { fired: 0, shown: 0, opened: 0, dismissed: 0, contacted_after: 0 };
      out[e.message][e.type]++;
    }
  }
  return out;
}

function add(total, counts) {
  for (const [id, c] of Object.entries(counts)) {
    total[id] ??= { fired: 0, shown: 0, opened: 0, dismissed: 0, contacted_after: 0 };
    for (const k of Object.keys(total[id])) total[id][k] += c[k];
  }
}

async function type(page, text) {
  const box = widget(page).locator("textarea");
  await box.fill(text);
  await box.press("Enter");
}

// Four scripted journeys; visitor i follows journey i % 4.
const journeys = [
  async (page) => { // welcomed on the home page, opens the preview and writes
    await go(page, "/demo/");
    await wait(page, 31_000);
    assert.notEqual(await previewText(page), "");
    await widget(page).locator(".pb").click();
    await type(page, "Bonjour, livrez-vous à Lyon ?");
    await wait(page, 2_000);
  },
  async (page) => { // dismisses the bicycles offer, then looks at the camera
    await go(page, "/demo/bicycles.html");
    await wait(page, 11_000);
    assert.match(await previewText(page), /gourde/);
    await widget(page).locator(".px").click();
    await go(page, "/demo/canon-eos.html");
    await wait(page, 5_000);
  },
  async (page) => { // compares, clicks a starter, then lingers in the cart
    await go(page, "/demo/compare.html");
    await wait(page, 16_000);
    await widget(page).locator("button.l").click();
    await widget(page).locator("ul.st button").first().click();
    await widget(page).locator("button.l").click();
    await go(page, "/demo/cart/step2.html");
    await wait(page, 21_000);
    await widget(page).locator("button.l").click();
    await type(page, "Le paiement en trois fois est-il possible ?");
    await wait(page, 1_000);
  },
  async (page) => { // orders, reloads the confirmation page, comes back home
    await go(page, "/demo/order/success.html");
    await wait(page, 3_000);
    await page.reload();
    await ready(page);
    await go(page, "/demo/");
    await wait(page, 32_000);
  },
];

test("20 visitors' engine counts equal the receiver's per-message counts", async () => {
  const receiver = await startReceiver({ port: PORT, file: fresh() });
  const total = {};
  let messages = 0;
  const sizes = [];
  try {
    for (let group = 0; group < 20; group += 4) {
      await Promise.all([0, 1, 2, 3].map(async (j) => {
        const { context, page } = await visitor();
        await journeys[j](page);
        await wait(page, 4_000); // a quiet moment: the outbox is sent
        await delivered(page);
        add(total, await engineCounts(page));
        messages += j === 0 || j === 2 ? 1 : 0;
        assert.deepEqual(page.errors, []);
        sizes.push(...page.batches);
        await context.close();
      }));
    }
    const received = receiverCounts(receiver.file);
    assert.deepEqual(received, total);
    for (const kind of ["fired", "shown", "opened", "dismissed", "contacted_after"]) {
      assert.ok(Object.values(total).some((c) => c[kind] > 0), `the journeys exercise ${kind}`);
    }
    const batch = readNdjson(receiver.file)[0];
    assert.equal(batch.v, 1);
    assert.equal(batch.site, "Boutique Démo");
    assert.match(batch.visitor, /^[0-9a-z]{12}$/);
    assert.ok(batch.session >= 1);
    const e = batch.events[0];
    assert.ok(e.key.startsWith(batch.visitor + "-"), e.key);
    assert.match(e.path, /^\/demo\//);
    const starters = readNdjson(receiver.file).flatMap((b) => b.events).filter((x) => x.type === "starter_clicked");
    assert.equal(starters.length, 5, "one starter click per compare journey");
    assert.equal(starters[0].index, 0);
    assert.equal(readNdjson(receiver.inboxFile).length, messages, "every typed message, once");
    // A beacon carries at most 2 KB for a typical page view.
    assert.ok(sizes.length >= 20 && Math.max(...sizes) <= 2048, `batch sizes ${sizes}`);
    console.log(`# batch bytes: median ${sizes.sort((a, b) => a - b)[sizes.length >> 1]}, max ${sizes[sizes.length - 1]}`);
  } finally {
    await receiver.close();
  }
});

test("with the endpoint down for two reloads, every event and message arrives exactly once", async () => {
  const file = fresh();
  const { context, page } = await visitor();
  await go(page, "/demo/");
  await wait(page, 31_000); // the welcome fires; its events cannot be sent
  await widget(page).locator(".pb").click();
  await type(page, "Êtes-vous ouverts dimanche ?");
  await wait(page, 4_000);
  for (let i = 0; i < 2; i++) {
    await page.reload();
    await ready(page);
    await wait(page, 4_000);
  }
  const waiting = await page.evaluate(() => JSON.parse(localStorage.getItem("nudge:1:outbox")).items.length);
  assert.ok(waiting >= 4, `events and the message wait in the outbox (${waiting})`);
  const receiver = await startReceiver({ port: PORT, file });
  try {
    await go(page, "/demo/compare.html"); // the visitor goes on browsing
    await wait(page, 4_000);
    await delivered(page);
    await wait(page, 16_000); // more events on this page: sent too
    await wait(page, 4_000);
    await delivered(page);
    const counts = await engineCounts(page);
    await context.close(); // pagehide: a beacon may repeat what was sent
    await new Promise((ok) => setTimeout(ok, 300));
    assert.deepEqual(receiverCounts(file), counts);
    const keys = readNdjson(file).flatMap((b) => b.events.map((e) => e.key));
    assert.equal(new Set(keys).size, keys.length, "stored once each");
    const inbox = readNdjson(receiver.inboxFile);
    assert.deepEqual(inbox.map((m) => m.text), ["Êtes-vous ouverts dimanche ?"]);
    assert.equal(inbox[0].answered, "welcome_message", "the last message before it, posted when the chat opened");
    assert.ok(receiver.received.batches + receiver.received.messages >= 2);
  } finally {
    await receiver.close();
  }
});

test("a message typed right before the tab closes reaches the inbox", async () => {
  const receiver = await startReceiver({ port: PORT, file: fresh() });
  try {
    const { context, page } = await visitor();
    await go(page, "/demo/");
    await widget(page).locator("button.l").click();
    await type(page, "Rappelez-moi au 06 12 34 56 78");
    await page.close();
    const end = Date.now() + 3_000;
    while (!readNdjson(receiver.inboxFile).length && Date.now() < end) await new Promise((ok) => setTimeout(ok, 50));
    const inbox = readNdjson(receiver.inboxFile);
    assert.equal(inbox.length, 1);
    assert.equal(inbox[0].text, "Rappelez-moi au 06 12 34 56 78");
    assert.equal(inbox[0].v, 1);
    assert.match(inbox[0].url, /\/demo\/$/);
    assert.equal(inbox[0].answered, "welcome_message");
    assert.ok(inbox[0].conversation && inbox[0].message_id && inbox[0].key);
    await context.close();
  } finally {
    await receiver.close();
  }
});

test("agent replies in the inbox's answer are shown as agent messages", async () => {
  const receiver = await startReceiver({ port: PORT, file: fresh(), reply: (m) => [`Bien reçu : « ${m.text} »`] });
  try {
    const { context, page } = await visitor();
    await go(page, "/demo/");
    await widget(page).locator("button.l").click();
    await type(page, "Avez-vous la taille M ?");
    await widget(page).locator("[role=log] .g", { hasText: "Bien reçu : « Avez-vous la taille M ? »" }).waitFor({ timeout: 3_000 });
    assert.deepEqual(page.errors, []);
    await context.close();
  } finally {
    await receiver.close();
  }
});

test("an idle minute with an outbox configured has no timer wake-up", async () => {
  const receiver = await startReceiver({ port: PORT, file: fresh() });
  try {
    const config = { site: { name: "Boutique" }, presets: ["first_visit"], analytics: { endpoint: COLLECT }, inbox: { endpoint: INBOX } };
    const context = await env.browser.newContext();
    await context.addInitScript(() => {
      window.__wakeups = 0;
      for (const name of ["setTimeout", "setInterval", "requestAnimationFrame", "requestIdleCallback"]) {
        const original = window[name];
        if (!original) continue;
        window[name] = function (callback, ...rest) {
          const counted = typeof callback === "function" ? function (...a) { window.__wakeups++; return callback.apply(this, a); } : callback;
          return original.call(window, counted, ...rest);
        };
      }
    });
    const page = await context.newPage();
    await page.clock.install({ time: OPEN_DAY });
    await page.goto(env.page("/stats-idle.html", hostPage({ config })));
    await ready(page);
    await wait(page, 35_000); // the welcome fires, its events leave after a quiet moment
    await delivered(page);
    assert.ok(readNdjson(receiver.file).length >= 1, "the events were sent");
    const before = await page.evaluate(() => window.__wakeups);
    await page.clock.runFor(60_000);
    assert.equal(await page.evaluate(() => window.__wakeups) - before, 0);
    await context.close();
  } finally {
    await receiver.close();
  }
});
