// Issue 8 in the browser: events name the automatic message, interface
// texts come from ui.texts, URL conditions see the decoded URL, and no
// regular expression of a config can block the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, hostPage, visit, previewText, wait, widget } from "./harness.mjs";

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
    // The observer reports tasks of 50 ms or more: none may occur (issue 8.4).
    assert.ok(longest < 50, `a task of ${longest} ms`);
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
