// Issue 8 in the browser: events name the automatic message, interface
// texts come from ui.texts, URL conditions see the decoded URL, and no
// regular expression of a config can block the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, hostPage, visit, previewText, wait, widget, conversation } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test("the dismissed event carries the automatic message's id, like message and stats", async () => {
  const config = {
    site: { name: "Boutique", language: "fr" },
    auto_messages: [{ id: "promo", text: "Promo !", trigger: { type: "event", name: "go" } }],
  };
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/dismiss", hostPage({ config })));
  await page.evaluate(() => {
    window.seen = [];
    window.Nudge("on", "dismissed", (e) => window.seen.push(e.id));
    window.Nudge("track", "go");
  });
  await wait(page, 100);
  assert.equal(await previewText(page), "Promo !");
  await widget(page).locator("button.px").click();
  await wait(page, 100);
  assert.deepEqual(await page.evaluate(() => window.seen), ["promo"]);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("ui.texts replaces the launcher label, for every language or for the page's", async () => {
  const base = { site: { name: "Boutique", language: "fr" } };
  const context = await env.browser.newContext();
  const all = { ...base, ui: { texts: { launcher_label: "Discuter avec nous" } } };
  let page = await visit(context, env.page("/texts-all", hostPage({ config: all })));
  assert.equal(await widget(page).locator("button.l").getAttribute("aria-label"), "Discuter avec nous");
  const perLanguage = { ...base, ui: { language: "en", texts: { fr: { launcher_label: "Discuter" }, en: { launcher_label: "Chat with us" } } } };
  page = await visit(context, env.page("/texts-en", hostPage({ config: perLanguage })));
  assert.equal(await widget(page).locator("button.l").getAttribute("aria-label"), "Chat with us");
  await context.close();
});

test("a url condition matches the percent-decoded URL", async () => {
  const config = {
    site: { name: "Boutique", language: "fr" },
    auto_messages: [{ id: "merci", text: "Merci pour votre commande !", trigger: { type: "page_view" },
      conditions: { url: { contains: "succès" } } }],
  };
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/commande/succ%C3%A8s.html", hostPage({ config })));
  await wait(page, 100);
  assert.equal(await previewText(page), "Merci pour votre commande !");
  await context.close();
});

for (const [name, pattern] of [["(a+)+$", "(a+)+$"], ["the largest accepted program", "(a?){90}a{90}$"]]) {
  test(`a catastrophic regular expression (${name}) on a 2 000-character URL does not block the page`, async () => {
    const config = {
      site: { name: "Boutique", language: "fr" },
      auto_messages: [{ id: "re", text: "Trouvé", trigger: { type: "page_view" },
        conditions: { url: { regex: pattern } } }],
    };
    const head = `<script>window.longTasks = [];
      new PerformanceObserver((l) => window.longTasks.push(...l.getEntries().map((e) => e.duration)))
        .observe({ type: "longtask", buffered: true });</script>`;
    const context = await env.browser.newContext();
    const page = await context.newPage();
    page.errors = [];
    page.on("pageerror", (e) => page.errors.push(String(e)));
    const url = env.page("/regex", hostPage({ config, head })) + "?q=" + "a".repeat(1_990) + "!";
    await page.goto(url);
    // A backtracking engine takes astronomically long on (a+)+$ here.
    await page.waitForFunction(() => window.Nudge && window.Nudge.ready, null, { timeout: 10_000 }).catch(() => {});
    await widget(page).locator("button.l").waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);
    const longest = await page.evaluate(() => Math.max(0, ...window.longTasks));
    console.log(`# longest task with ${pattern}: ${longest.toFixed(0)} ms`);
    // A backtracking matcher never finishes here (30 characters already
    // froze the page for 8 s); a linear one is done in milliseconds. The
    // <= 50 ms budget itself is measured by `cargo bench --bench regex`
    // (README, Decisions), not asserted here: a timed assertion fails on a
    // slow machine (this one measured a 71 ms start-up task, regex or not).
    assert.ok(longest < 1_000, `a task of ${longest} ms`);
    assert.equal(await previewText(page), "");
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

const OFFLINE = "Merci pour le message. Notre équipe est hors ligne. 💤 Nous vous recontacterons dès que nous le pourrons. 🙂";
const FIRST = "Bonjour, nous avons remarqué que vous êtes pour la première fois ici. 👋 Si vous avez des questions, n'hésitez pas à nous contacter.";

test("outside business hours a visitor who writes gets the offline reply, never the busy one", async () => {
  const config = {
    site: { name: "Boutique", language: "fr" },
    team: { name: "Équipe", status: "online" },
    business_hours: {}, // no day listed: closed all week
    presets: ["busy", "offline"],
  };
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/closed", hostPage({ config })));
  await page.evaluate(() => window.Nudge("send", "Bonjour ?"));
  await wait(page, 1_500);
  await widget(page).locator("button.l").click();
  await wait(page, 60_000);
  const texts = await widget(page).locator("[role=log]").textContent();
  assert.ok(texts.includes(OFFLINE), texts);
  assert.ok(!texts.includes("Nous sommes occupés"), texts);
  await context.close();
});

test("a visitor who changes page every 20 seconds gets the first-visit message at 30 seconds", async () => {
  const config = { site: { name: "Boutique", language: "fr" }, presets: ["first_visit"] };
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/spa", hostPage({ config })));
  await wait(page, 20_000);
  await page.evaluate(() => history.pushState({}, "", "/spa/page-2"));
  await wait(page, 9_000);
  assert.equal(await previewText(page), "");
  await wait(page, 1_500);
  assert.equal(await previewText(page), FIRST);
  await context.close();
});

// ----- coverage the issue 8 audit asked for ----------------------------------

test("a page's data-establishment picks its message set: its welcome and starters, filled with its facts", async () => {
  const config = {
    site: { name: "Boutique", language: "fr" },
    establishments: [
      { id: "paris", name: "Boutique Paris", address: "1 rue de Rivoli" },
      { id: "lyon", name: "Boutique Lyon", address: "2 place Bellecour" },
    ],
    welcome_message: "Bienvenue sur le site",
    starters: [{ title: "Horaires ?", answer: "9 h – 19 h" }],
    message_sets: [{ establishments: ["lyon"], welcome_message: "Bienvenue à {{establishment.name}}",
      starters: [{ title: "Adresse ?", answer: "Au {{establishment.address}}" }] }],
  };
  for (const [id, welcome, starter, answer] of [
    ["lyon", "Bienvenue à Boutique Lyon", "Adresse ?", "Au 2 place Bellecour"],
    ["paris", "Bienvenue sur le site", "Horaires ?", "9 h – 19 h"],
  ]) {
    // A visitor of its own: the conversation is kept across pages.
    const context = await env.browser.newContext();
    const page = await visit(context, env.page(`/sets-${id}`, hostPage({ config, attrs: ` data-establishment="${id}"` })));
    await widget(page).locator("button.l").click();
    await wait(page, 100);
    assert.deepEqual(await conversation(page), [welcome], id);
    await widget(page).locator(".st button", { hasText: starter }).click();
    await wait(page, 100);
    assert.deepEqual(await conversation(page), [welcome, starter, answer], id);
    assert.deepEqual(page.errors, []);
    await context.close();
  }
});

test("a visitor who writes after an automatic message is counted converted once, however often they write", async () => {
  const config = {
    site: { name: "Boutique", language: "fr" },
    auto_messages: [{ id: "promo", text: "Promo !", trigger: { type: "event", name: "go" }, frequency: "always" }],
  };
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/converted", hostPage({ config })));
  await page.evaluate(() => {
    window.kinds = [];
    window.Nudge("on", "stats", (s) => window.kinds.push(s.id + " " + s.kind));
    window.Nudge("track", "go");
  });
  await wait(page, 100);
  await page.evaluate(() => { window.Nudge("send", "Bonjour"); window.Nudge("send", "Encore moi"); });
  await wait(page, 100);
  const kinds = await page.evaluate(() => window.kinds);
  assert.ok(kinds.includes("promo fired"), JSON.stringify(kinds));
  assert.equal(kinds.filter((k) => k === "promo converted").length, 1, JSON.stringify(kinds));
  await context.close();
});

test("a referrer condition sees the page's referrer, percent-decoded", async () => {
  const config = {
    site: { name: "Boutique", language: "fr" },
    auto_messages: [{ id: "from-search", text: "Bienvenue depuis la recherche", trigger: { type: "page_view" },
      conditions: { referrer: { contains: "recherche=vélo" } } }],
  };
  const context = await env.browser.newContext();
  const url = env.page("/referred", hostPage({ config }));
  const page = await context.newPage();
  page.errors = [];
  await page.clock.install();
  // Same origin: a cross-origin referrer is cut to its origin by the
  // browser's default referrer policy.
  await page.goto(url, { referer: new URL("/recherche?recherche=v%C3%A9lo", url).href });
  await page.waitForFunction(() => window.Nudge && window.Nudge.ready, null, { timeout: 10_000 });
  await wait(page, 100);
  assert.equal(await previewText(page), "Bienvenue depuis la recherche");
  const direct = await visit(context, env.page("/not-referred", hostPage({ config })));
  await wait(direct, 100);
  assert.equal(await previewText(direct), "");
  await context.close();
});

test("two messages due at the same page view: only the higher priority one fires", async () => {
  const config = {
    site: { name: "Boutique", language: "fr" },
    auto_messages: [
      { id: "low", text: "Moins important", trigger: { type: "page_view" }, priority: 1 },
      { id: "high", text: "Plus important", trigger: { type: "page_view" }, priority: 5 },
    ],
  };
  const context = await env.browser.newContext();
  const url = env.page("/collision", hostPage({ config }));
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.fired = [];
    window.Nudge = window.Nudge || function () { (window.Nudge.q = window.Nudge.q || []).push(arguments); };
    window.Nudge("on", "message", (m) => window.fired.push(m.id));
  });
  await page.goto(url);
  await page.waitForFunction(() => window.Nudge && window.Nudge.ready, null, { timeout: 10_000 });
  await page.waitForTimeout(200);
  assert.deepEqual(await page.evaluate(() => window.fired), ["high"]);
  assert.equal(await previewText(page), "Plus important");
  await context.close();
});
