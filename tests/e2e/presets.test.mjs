// The six predefined messages of the Smartsupp seed, with their texts and
// timings, played as a visitor meets them (simulated time, cross-origin embed).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, ready, hostPage, visit, previewText, conversation, wait, widget } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const site = { name: "Boutique Démo", language: "fr" };
const config = (presets, extra = {}) => ({ site, team: { name: "Équipe", status: "online" }, presets, ...extra });
const TEXT = {
  first: "Bonjour, nous avons remarqué que vous êtes pour la première fois ici. 👋 Si vous avez des questions, n'hésitez pas à nous contacter.",
  back: "Bonjour, nous sommes heureux que vous soyez de retour ! Si vous avez des questions, nous serons heureux de vous aider",
  busy: "Nous sommes occupés pour le moment. Nous en sommes désolés. Laissez-nous votre email, et nous vous contacterons dès que possible.",
  offline: "Merci pour le message. Notre équipe est hors ligne. 💤 Nous vous recontacterons dès que nous le pourrons. 🙂",
  winter: "La nouvelle collection d'hiver est arrivée ! ❄️ Jetez un coup d'œil à : www.eshop.en/example Contactez-nous et nous serons heureux de vous aider à choisir le bon produit.👌",
  gift: "Nous avons un petit cadeau pour vous ! Entrez le code \"sale5\" à la caisse et vous recevrez 5 EUR de réduction sur votre premier achat.💸",
};

async function fresh(path, cfg) {
  const context = await env.browser.newContext();
  const page = await visit(context, env.page(path, hostPage({ config: cfg })));
  return { context, page };
}

test("a first-time visitor is welcomed after 30 seconds", async () => {
  const { context, page } = await fresh("/p-first.html", config(["first_visit"]));
  await wait(page, 29_000);
  assert.equal(await previewText(page), "");
  await wait(page, 1_500);
  assert.equal(await previewText(page), TEXT.first);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a returning visitor is welcomed back after 30 seconds", async () => {
  const { context, page } = await fresh("/p-back.html", config(["first_visit", "returning_visitor"]));
  await wait(page, 31_000);
  assert.equal(await previewText(page), TEXT.first);
  // 31 minutes later (the session has ended), the visitor comes back.
  await page.clock.fastForward("31:00");
  await page.reload();
  await ready(page);
  await wait(page, 29_000);
  assert.notEqual(await previewText(page), TEXT.back);
  await wait(page, 1_500);
  assert.equal(await previewText(page), TEXT.back);
  await context.close();
});

test("the busy message comes when no agent answers within 45 seconds", async () => {
  const { context, page } = await fresh("/p-busy.html", config(["busy"]));
  await page.evaluate(() => window.Nudge("send", "Bonjour, une question ?"));
  await wait(page, 44_000);
  assert.ok(!(await conversation(page)).includes(TEXT.busy));
  await wait(page, 1_500);
  assert.ok((await conversation(page)).includes(TEXT.busy) || (await previewText(page)) === TEXT.busy);
  await context.close();
});

test("an agent reply within 45 seconds prevents the busy message", async () => {
  const { context, page } = await fresh("/p-busy2.html", config(["busy"]));
  await page.evaluate(() => window.Nudge("send", "Bonjour ?"));
  await wait(page, 20_000);
  await page.evaluate(() => window.Nudge("agentMessage", "Bonjour, je suis là."));
  await wait(page, 60_000);
  assert.ok(!(await conversation(page)).includes(TEXT.busy));
  await context.close();
});

test("the offline message answers one second after a message sent while offline", async () => {
  const { context, page } = await fresh("/p-off.html", config(["offline"], { team: { name: "Équipe", status: "offline" } }));
  await widget(page).locator("button.l").click();
  const box = widget(page).locator("textarea");
  await box.fill("Vous êtes là ?");
  await box.press("Enter");
  await wait(page, 500);
  assert.ok(!(await conversation(page)).includes(TEXT.offline));
  await wait(page, 700);
  assert.deepEqual((await conversation(page)).slice(-2), ["Vous êtes là ?", TEXT.offline]);
  await context.close();
});

test("the new product announcement reaches everyone after 60 seconds", async () => {
  const { context, page } = await fresh("/p-winter.html", config(["new_product"]));
  await wait(page, 59_000);
  assert.equal(await previewText(page), "");
  await wait(page, 1_500);
  assert.equal(await previewText(page), TEXT.winter);
  await context.close();
});

test("the first-order discount comes after 120 seconds of browsing", async () => {
  const { context, page } = await fresh("/p-gift.html", config(["first_order_discount"]));
  await wait(page, 60_000);
  // Time on site carries across page loads within the session.
  await page.reload();
  await ready(page);
  await wait(page, 58_000);
  assert.equal(await previewText(page), "");
  await wait(page, 3_000);
  assert.equal(await previewText(page), TEXT.gift);
  await context.close();
});
