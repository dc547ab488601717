// Issue 8.10: the scroll-depth and exit-intent triggers, end to end, with
// a real scrolling page and real pointer moves.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, hostPage, visit, previewText, wait } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const TALL = `<main style="height: 5000px">Produits</main>`;

const scrollConfig = {
  site: { name: "Boutique", language: "fr" },
  auto_messages: [{ id: "half", text: "Vous cherchez quelque chose ?", trigger: { type: "scroll", percent: 50 } }],
};

const exitConfig = {
  site: { name: "Boutique", language: "fr" },
  auto_messages: [{ id: "stay", text: "Avant de partir : -10 % avec MERCI10", trigger: { type: "exit_intent" } }],
};

async function scrollTo(page, percent) {
  await page.evaluate((p) => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * p / 100), percent);
  await wait(page, 100);
}

test("a scroll trigger waits until the visitor has scrolled to its depth", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await visit(context, env.page("/scroll", hostPage({ config: scrollConfig, body: TALL })));
  await scrollTo(page, 20); // bottom of the viewport at ~28 % of the page
  assert.equal(await previewText(page), "");
  await scrollTo(page, 60); // ~64 %
  assert.equal(await previewText(page), "Vous cherchez quelque chose ?");
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a scroll trigger does not fire on a page that is scrolled back up before reaching its depth", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await visit(context, env.page("/scroll-back", hostPage({ config: scrollConfig, body: TALL })));
  await scrollTo(page, 30);
  await scrollTo(page, 0);
  await wait(page, 1_000);
  assert.equal(await previewText(page), "");
  await context.close();
});

test("moving the pointer out through the top of the window fires the exit-intent message", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await visit(context, env.page("/exit", hostPage({ config: exitConfig })));
  await page.mouse.move(640, 300);
  await page.mouse.move(640, 5, { steps: 5 });
  await page.mouse.move(640, -20); // out of the viewport, towards the tabs
  await wait(page, 100);
  assert.equal(await previewText(page), "Avant de partir : -10 % avec MERCI10");
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("moving the pointer within the page does not fire the exit-intent message", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await visit(context, env.page("/exit-inside", hostPage({ config: exitConfig })));
  await page.mouse.move(640, 300);
  await page.mouse.move(100, 10, { steps: 5 });
  await page.mouse.move(1200, 700, { steps: 5 });
  await wait(page, 100);
  assert.equal(await previewText(page), "");
  await context.close();
});

test("on a phone-sized viewport the exit-intent message never fires", async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 800 } });
  const page = await visit(context, env.page("/exit-phone", hostPage({ config: exitConfig })));
  await page.mouse.move(200, 300);
  await page.mouse.move(200, -20, { steps: 5 });
  await wait(page, 100);
  assert.equal(await previewText(page), "");
  await context.close();
});
