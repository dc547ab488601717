// The four tips of the Smartsupp seed (URL-targeted messages), Partoo's
// welcome / absence / starters with establishment placeholders, and the
// page-life scenarios: SPA navigation, hidden tabs, reloads, second tabs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, ready, hostPage, visit, previewText, conversation, wait, widget } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

// The seed's example texts, as quoted there (their final full stop is outside
// the quotes).
const TIPS = {
  checkout: "Vous avez besoin d'aide pour remplir votre commande ? N'hésitez pas à demander",
  bicycles: "Pour chaque vélo de plus de 10 000 CZK, vous recevrez gratuitement une gourde originale d'une valeur de 250 CZK. Puis-je vous aider à choisir ?",
  compare: "Besoin de conseils sur le choix d'un produit ? Dites-moi quels sont vos besoins, je serai heureux de vous conseiller",
  success: "Merci ! Lors de votre prochaine visite, profitez d'une réduction de 100 CZK pour votre prochain achat. Ajoutez le code de réduction \"slevazavernost100\" dans votre commande",
};
const tip = (id, contains, text, seconds = 10) => ({
  id, text, trigger: { type: "time_on_page", seconds },
  conditions: { all: [{ url: { contains } }] }, frequency: "once_per_visitor",
});
const shop = {
  site: { name: "Boutique Démo", language: "fr" },
  team: { name: "Équipe", status: "online" },
  auto_messages: [
    tip("checkout", "step2", TIPS.checkout),
    tip("bicycles", "bicycles", TIPS.bicycles),
    tip("compare", "compare", TIPS.compare),
    tip("success", "succès", TIPS.success),
  ],
};

async function tipShows(path, text) {
  const context = await env.browser.newContext();
  const page = await visit(context, env.page(path, hostPage({ config: shop })));
  await wait(page, 9_000);
  assert.equal(await previewText(page), "");
  await wait(page, 1_500);
  assert.equal(await previewText(page), text);
  await context.close();
}

test("a visitor lingering on the cart's step2 is offered checkout help", () => tipShows("/cart/step2", TIPS.checkout));
test("a visitor on the bicycles category gets the special offer", () => tipShows("/shop/bicycles", TIPS.bicycles));
test("a visitor on the compare page is offered advice", () => tipShows("/compare", TIPS.compare));
// The seed's condition is "succès": the page's URL is percent-encoded, the
// condition matches its decoded text.
test("a visitor on the order success page gets the next-purchase discount", () => tipShows("/commande/succ%C3%A8s", TIPS.success));

test("a URL rule does not fire on other pages", async () => {
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/home", hostPage({ config: shop })));
  await wait(page, 30_000);
  assert.equal(await previewText(page), "");
  await context.close();
});

test("an SPA route change re-evaluates URL rules", async () => {
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/spa", hostPage({ config: shop })));
  await wait(page, 5_000);
  await page.evaluate(() => history.pushState({}, "", "/spa/compare"));
  await wait(page, 9_000);
  assert.equal(await previewText(page), "", "time on page restarted at the route change");
  await wait(page, 1_500);
  assert.equal(await previewText(page), TIPS.compare);
  await context.close();
});

test("a hidden tab pauses time on page", async () => {
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/hidden/compare", hostPage({ config: shop })));
  await wait(page, 5_000);
  await page.evaluate(() => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await wait(page, 60_000);
  assert.equal(await previewText(page), "");
  await page.evaluate(() => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => false });
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await wait(page, 4_000);
  assert.equal(await previewText(page), "");
  await wait(page, 1_500);
  assert.equal(await previewText(page), TIPS.compare);
  await context.close();
});

const partoo = {
  site: { name: "Boutique Démo", language: "fr" },
  team: { name: "Équipe", status: "online" },
  establishments: [
    { id: "paris", name: "Boutique Paris", address: "12 rue de Rivoli, 75004 Paris", opening_hours: "9 h – 19 h" },
    { id: "lyon", name: "Boutique Lyon", address: "5 place Bellecour, 69002 Lyon", opening_hours: "10 h – 18 h" },
  ],
  welcome_message: "Bienvenue chez {{establishment.name}} !",
  absence_message: "Nous sommes fermés ({{establishment.opening_hours}}), nous vous répondrons dès notre retour.",
  starters: [
    { title: "Où êtes-vous ?", answer: "{{establishment.name}} : {{establishment.address}}" },
    { title: "Vos horaires ?", answer: "Nous sommes ouverts {{establishment.opening_hours}}." },
  ],
};

test("the welcome message and the starters open the conversation", async () => {
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/partoo", hostPage({ config: partoo })));
  await widget(page).locator("button.l").click();
  await wait(page, 100);
  assert.deepEqual(await conversation(page), ["Bienvenue chez Boutique Paris !"]);
  const starters = await widget(page).locator(".st button").allTextContents();
  assert.deepEqual(starters, ["Où êtes-vous ?", "Vos horaires ?"]);
  await context.close();
});

test("a starter click posts the question then its answer with the establishment's facts", async () => {
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/partoo-lyon", hostPage({ config: partoo, attrs: ' data-establishment="lyon"' })));
  await widget(page).locator("button.l").click();
  await wait(page, 100);
  await widget(page).locator(".st button", { hasText: "Où êtes-vous ?" }).click();
  await wait(page, 100);
  assert.deepEqual((await conversation(page)).slice(-2), ["Où êtes-vous ?", "Boutique Lyon : 5 place Bellecour, 69002 Lyon"]);
  await context.close();
});

test("the absence message opens the conversation outside business hours", async () => {
  const closed = { ...partoo, site: { ...partoo.site, time_zone: "Europe/Paris" },
    business_hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/partoo-closed", hostPage({ config: closed })));
  await widget(page).locator("button.l").click();
  await wait(page, 100);
  assert.deepEqual(await conversation(page), ["Nous sommes fermés (9 h – 19 h), nous vous répondrons dès notre retour."]);
  await context.close();
});

test("a reload keeps the conversation and counts the visit", async () => {
  const context = await env.browser.newContext();
  const page = await visit(context, env.page("/reload", hostPage({ config: partoo })));
  await widget(page).locator("button.l").click();
  const box = widget(page).locator("textarea");
  await box.fill("Bonjour");
  await box.press("Enter");
  await wait(page, 100);
  const before = await conversation(page);
  await page.reload();
  await ready(page);
  await widget(page).locator("button.l").click();
  await wait(page, 100);
  assert.deepEqual(await conversation(page), before);
  await context.close();
});

test("a second tab does not re-fire a once-per-visitor message", async () => {
  const context = await env.browser.newContext();
  const url = env.page("/tabs/compare", hostPage({ config: shop }));
  const first = await visit(context, url);
  await wait(first, 11_000);
  assert.equal(await previewText(first), TIPS.compare);
  const second = await visit(context, url);
  await second.evaluate(() => { window.fired = []; window.Nudge("on", "message", (m) => window.fired.push(m.id)); });
  await wait(second, 20_000);
  assert.deepEqual(await second.evaluate(() => window.fired), []);
  await context.close();
});

test("the conversation is the same in every open tab", async () => {
  const context = await env.browser.newContext();
  const url = env.page("/tabs-chat", hostPage({ config: partoo }));
  const first = await visit(context, url, { clock: false });
  const second = await visit(context, url, { clock: false });
  await first.evaluate(() => window.Nudge("send", "Bonjour depuis l'onglet 1"));
  await second.waitForTimeout(300);
  await widget(second).locator("button.l").click();
  await second.waitForTimeout(200);
  assert.ok((await conversation(second)).includes("Bonjour depuis l'onglet 1"), JSON.stringify(await conversation(second)));
  await context.close();
});
