// Issue 8.9: with consent required and not given, the widget stores
// nothing (not even the cached last good config), sets no cookie, and asks
// the network for its own files and the config only. After consent, it
// stores its state as usual (so the first test can fail).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, hostPage, visit, previewText, wait, WIDGET_ORIGIN } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const config = {
  site: { name: "Boutique", language: "fr" },
  behaviour: { consent_required: true },
  auto_messages: [{ id: "hello", text: "Bonjour !", trigger: { type: "time_on_page", seconds: 5 } }],
};

/** Opens a host page whose config comes from `data-config` (the case the
 * loader would cache), recording every request the page makes. */
async function openWithConsentRequired(path) {
  const configUrl = env.json(`${path}.json`, config);
  const context = await env.browser.newContext();
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = await visit(context, env.page(path, hostPage({ configUrl })));
  return { context, page, requests, configUrl };
}

async function storedKeys(page) {
  return page.evaluate(() => Object.keys(localStorage));
}

test("with consent required and not given, localStorage stays empty, even after a message fires", async () => {
  const { context, page } = await openWithConsentRequired("/consent-none");
  await wait(page, 6_000);
  assert.equal(await previewText(page), "Bonjour !", "the widget works without storing");
  await page.evaluate(() => window.dispatchEvent(new Event("pagehide")));
  await wait(page, 100);
  assert.deepEqual(await storedKeys(page), []);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("with consent required and not given, no cookie is set", async () => {
  const { context, page } = await openWithConsentRequired("/consent-cookie");
  await wait(page, 6_000);
  assert.equal(await page.evaluate(() => document.cookie), "");
  assert.deepEqual(await context.cookies(), []);
  await context.close();
});

test("with consent required, the only requests are the page, the widget's own files and the config", async () => {
  const { context, page, requests, configUrl } = await openWithConsentRequired("/consent-requests");
  await wait(page, 6_000);
  const pageUrl = page.url();
  const others = requests.filter((u) => u !== pageUrl && u !== configUrl && !u.startsWith(WIDGET_ORIGIN + "/"));
  assert.deepEqual(others, [], "no request besides the page, the widget's files and the config");
  assert.ok(requests.includes(configUrl), "the config was fetched");
  assert.ok(requests.some((u) => u.endsWith(".wasm")), "the widget's wasm was fetched");
  await context.close();
});

test("after Nudge('consent', true) the widget stores its state and caches the config", async () => {
  const { context, page } = await openWithConsentRequired("/consent-given");
  await page.evaluate(() => window.Nudge("consent", true));
  await wait(page, 6_000);
  await page.evaluate(() => window.dispatchEvent(new Event("pagehide")));
  await wait(page, 100);
  const keys = await storedKeys(page);
  assert.ok(keys.includes("nudge:1:state"), `expected the saved state, got ${JSON.stringify(keys)}`);
  assert.ok(keys.includes("nudge:1:config"), `expected the cached config, got ${JSON.stringify(keys)}`);
  await context.close();
});
