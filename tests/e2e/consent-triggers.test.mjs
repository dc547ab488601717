// Consent end to end (README: `behaviour.consent_required`, "Nothing is
// stored before Nudge('consent', true)"), and the scroll-depth and
// exit-intent triggers played with a real mouse and real scrolling.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, wait, previewText, widget, conversation } from "./harness.mjs";
import { robustPage, openPage, settle, ours } from "./robustness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const FIRST = "Bonjour, nous avons remarqué que vous êtes pour la première fois ici. 👋 Si vous avez des questions, n'hésitez pas à nous contacter.";
const BACK = "Bonjour, nous sommes heureux que vous soyez de retour ! Si vous avez des questions, nous serons heureux de vous aider";
const consentConfig = {
  site: { name: "Boutique Démo", language: "fr" },
  team: { name: "Équipe", status: "online" },
  presets: ["first_visit", "returning_visitor"],
  behaviour: { consent_required: true },
  analytics: { gtm: true, endpoint: "/collect" },
  inbox: { endpoint: "/inbox" },
};

let n = 0;
async function load(context, cfg, { before = "", body = "", viewport } = {}) {
  const sent = { collect: [], inbox: [] };
  await context.route("**/collect", (r) => { sent.collect.push(r.request().postData()); return r.fulfill({ status: 204 }); });
  await context.route("**/inbox", (r) => {
    sent.inbox.push(r.request().postData());
    return r.fulfill({ status: 200, contentType: "application/json", headers: { "Access-Control-Allow-Origin": "*" }, body: "{}" });
  });
  const html = robustPage({ inline: JSON.stringify(cfg), before: "window.dataLayer = [];" + before, body });
  const opened = await openPage(context, env.page(`/ct/${n++}.html`, html), { clock: true });
  if (viewport) await opened.page.setViewportSize(viewport);
  const outcome = await settle(opened.page, opened.log);
  assert.equal(outcome, "ready", ours(opened.log).join("\n"));
  return { ...opened, sent };
}

const nudgeKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("nudge:")).sort());

test("before consent no state, visitor id or outbox is stored, nothing is pushed or sent, and the visitor's message still reaches the inbox", async () => {
  const context = await env.browser.newContext();
  const run = await load(context, consentConfig);
  await wait(run.page, 31_000);
  assert.equal(await previewText(run.page), FIRST, "the message is shown without consent");
  await run.page.evaluate(() => window.Nudge("send", "Bonjour sans consentement"));
  await wait(run.page, 5_000);
  const keys = await nudgeKeys(run.page);
  assert.deepEqual(keys.filter((k) => /state|visitor|outbox/.test(k)), [], `stored: ${keys}`);
  assert.deepEqual(await run.page.evaluate(() => window.dataLayer), [], "nothing pushed to dataLayer");
  assert.deepEqual(run.sent.collect, [], "no statistics sent");
  assert.equal(run.sent.inbox.length, 1, "the message went to the inbox");
  assert.equal(JSON.parse(run.sent.inbox[0]).text, "Bonjour sans consentement");
  assert.deepEqual(run.errors, []);
  await context.close();
});

test("before consent nothing at all is stored under the widget's prefix (README: nothing is stored before consent)", async () => {
  const context = await env.browser.newContext();
  const run = await load(context, consentConfig);
  await wait(run.page, 31_000);
  assert.deepEqual(await nudgeKeys(run.page), []);
  await context.close();
});

test("without consent every page load is a first visit: nothing was remembered", async () => {
  const context = await env.browser.newContext();
  const run = await load(context, consentConfig);
  await wait(run.page, 31_000);
  assert.equal(await previewText(run.page), FIRST);
  await run.page.clock.fastForward("31:00");
  await run.page.reload();
  assert.equal(await settle(run.page, run.log), "ready");
  await wait(run.page, 31_000);
  assert.equal(await previewText(run.page), FIRST, "not welcomed back: the first visit was not stored");
  assert.deepEqual(run.errors, []);
  await context.close();
});

test("after Nudge('consent', true) the state is stored and the next visit is a returning one", async () => {
  const context = await env.browser.newContext();
  const run = await load(context, consentConfig);
  await run.page.evaluate(() => window.Nudge("consent", true));
  await wait(run.page, 31_000);
  assert.equal(await previewText(run.page), FIRST);
  const keys = await nudgeKeys(run.page);
  assert.ok(keys.includes("nudge:1:state") && keys.includes("nudge:1:visitor"), `stored: ${keys}`);
  assert.ok((await run.page.evaluate(() => window.dataLayer.map((e) => e.event))).includes("nudge_fired"));
  await run.page.clock.fastForward("31:00");
  await run.page.reload();
  assert.equal(await settle(run.page, run.log), "ready");
  await wait(run.page, 31_000);
  assert.equal(await previewText(run.page), BACK, "welcomed back");
  assert.deepEqual(run.errors, []);
  await context.close();
});

test("consent queued before the tag applies from the first page view", async () => {
  const context = await env.browser.newContext();
  const run = await load(context, consentConfig, { before: "Nudge('consent', true);" });
  await wait(run.page, 31_000);
  assert.ok((await nudgeKeys(run.page)).includes("nudge:1:state"));
  assert.deepEqual(run.errors, []);
  await context.close();
});

test("Nudge('consent', false) after consent stops pushing events again", async () => {
  const context = await env.browser.newContext();
  const cfg = { ...consentConfig, auto_messages: [{ id: "cart", text: "Bon choix !", trigger: { type: "event", name: "added_to_cart" }, frequency: "always" }] };
  const run = await load(context, cfg, { before: "Nudge('consent', true);" });
  await run.page.evaluate(() => window.Nudge("track", "added_to_cart"));
  await wait(run.page, 100);
  const withConsent = await run.page.evaluate(() => window.dataLayer.length);
  assert.ok(withConsent > 0);
  await run.page.evaluate(() => { window.Nudge("consent", false); window.Nudge("track", "added_to_cart"); });
  await wait(run.page, 100);
  assert.ok((await run.page.evaluate(() => window.__fired)).filter((id) => id === "cart").length >= 2, "the message still fires");
  assert.equal(await run.page.evaluate(() => window.dataLayer.length), withConsent, "no event pushed after consent was withdrawn");
  assert.deepEqual(run.errors, []);
  await context.close();
});

// Scroll depth: (scrollY + viewport height) / page height.
const scrollConfig = {
  site: { name: "Boutique", language: "fr" },
  team: { name: "Équipe", status: "online" },
  auto_messages: [{ id: "half", text: "À mi-chemin !", trigger: { type: "scroll", percent: 50 } }],
};
const tall = `<div style="height:4000px;background:linear-gradient(#fff,#ddd)">contenu</div>`;

test("a scroll-depth rule fires once the visitor scrolls past its percentage, and not before", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const run = await load(context, scrollConfig, { body: tall });
  await run.page.evaluate(() => window.scrollTo(0, 1000)); // (1000 + 720) / 4016 ≈ 43 %
  await wait(run.page, 300);
  assert.equal(await previewText(run.page), "", "42 % is not 50 %");
  await run.page.evaluate(() => window.scrollTo(0, 1600)); // ≈ 58 %
  await wait(run.page, 300);
  assert.equal(await previewText(run.page), "À mi-chemin !");
  assert.deepEqual(run.errors, []);
  await context.close();
});

test("scrolling back up and down again does not fire a once-per-session scroll rule twice", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const run = await load(context, scrollConfig, { body: tall });
  for (let i = 0; i < 3; i++) {
    await run.page.evaluate(() => window.scrollTo(0, 3500));
    await wait(run.page, 200);
    await run.page.evaluate(() => window.scrollTo(0, 0));
    await wait(run.page, 200);
  }
  assert.deepEqual(await run.page.evaluate(() => window.__fired), ["half"]);
  await context.close();
});

test("a scroll rule of 0 % on a page too short to scroll does not throw", async () => {
  const context = await env.browser.newContext();
  const cfg = { ...scrollConfig, auto_messages: [{ id: "zero", text: "Zéro", trigger: { type: "scroll", percent: 0 } }, { id: "full", text: "Tout", trigger: { type: "scroll", percent: 100 } }] };
  const run = await load(context, cfg);
  await run.page.evaluate(() => window.scrollTo(0, 500));
  await wait(run.page, 300);
  assert.deepEqual(run.errors, []);
  await context.close();
});

const exitConfig = {
  site: { name: "Boutique", language: "fr" },
  team: { name: "Équipe", status: "online" },
  auto_messages: [{ id: "exit", text: "Avant de partir : -10 %", trigger: { type: "exit_intent" } }],
};

/** Moves the real mouse from the middle of the page out through `edge`. */
async function leave(page, edge) {
  const { width, height } = page.viewportSize();
  await page.mouse.move(width / 2, height / 2);
  const to = { top: [width / 2, -20], bottom: [width / 2, height + 20], left: [-20, height / 2], right: [width + 20, height / 2] }[edge];
  await page.mouse.move(to[0], to[1], { steps: 5 });
  await wait(page, 200);
}

test("the pointer leaving the window through its top edge fires the exit-intent rule", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const run = await load(context, exitConfig);
  await leave(run.page, "top");
  assert.equal(await previewText(run.page), "Avant de partir : -10 %");
  assert.deepEqual(run.errors, []);
  await context.close();
});

for (const edge of ["bottom", "left", "right"]) {
  test(`the pointer leaving through the ${edge} edge is not an exit intent`, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const run = await load(context, exitConfig);
    await leave(run.page, edge);
    assert.equal(await previewText(run.page), "");
    await context.close();
  });
}

test("moving over the widget and the page's own elements is not an exit intent", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const run = await load(context, exitConfig, { body: `<p id="p" style="margin:0;height:50px">haut</p>` });
  const launcher = await widget(run.page).locator("button.l").boundingBox();
  await run.page.mouse.move(10, 10);
  await run.page.mouse.move(launcher.x + 5, launcher.y + 5, { steps: 10 });
  await run.page.mouse.move(10, 1, { steps: 10 });
  await wait(run.page, 200);
  assert.equal(await previewText(run.page), "");
  await context.close();
});

test("on a phone-sized viewport the exit-intent rule never fires", async () => {
  const context = await env.browser.newContext({ viewport: { width: 375, height: 667 } });
  const run = await load(context, exitConfig);
  await leave(run.page, "top");
  assert.equal(await previewText(run.page), "");
  await context.close();
});

test("an exit-intent message fired while the panel is open is shown in the conversation", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const run = await load(context, exitConfig);
  await widget(run.page).locator("button.l").click();
  await widget(run.page).locator("[role=dialog]").waitFor();
  await leave(run.page, "top");
  assert.ok((await conversation(run.page)).includes("Avant de partir : -10 %"));
  await context.close();
});
