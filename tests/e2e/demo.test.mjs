// The demo shop (what `trunk serve` shows): pages, SPA navigation, and the
// control drawer driving the widget through its JavaScript API.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, ready, HOST_ORIGIN, previewText, conversation, wait, widget } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

async function shop(path, prefs) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.clock.install({ time: new Date("2026-11-25T10:00:00+01:00") });
  if (prefs) await page.addInitScript((p) => sessionStorage.setItem("nudge-demo", JSON.stringify(p)), prefs);
  await page.goto(HOST_ORIGIN + path);
  await ready(page);
  return { context, page };
}

test("the demo's bicycles page offers the bottle after 10 seconds", async () => {
  const { context, page } = await shop("/demo/bicycles.html");
  await wait(page, 10_500);
  assert.match(await previewText(page), /gourde originale/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("the demo navigates as a single-page app and URL rules follow", async () => {
  const { context, page } = await shop("/demo/", { spa: true });
  await page.getByRole("link", { name: "Comparer" }).click();
  assert.equal(new URL(page.url()).pathname, "/demo/compare.html");
  await wait(page, 15_500);
  assert.match(await previewText(page), /Besoin de conseils/);
  await context.close();
});

test("the demo drawer sets the team offline and sends an agent reply", async () => {
  const { context, page } = await shop("/demo/");
  await page.selectOption("#team-status", "offline");
  await widget(page).locator("button.l").click();
  await page.fill("#agent-text", "Bonjour, je suis Léa.");
  await page.click("#agent-send");
  await wait(page, 200);
  assert.ok((await conversation(page)).includes("Bonjour, je suis Léa."));
  assert.match(await widget(page).locator("[role=dialog]").textContent(), /Hors ligne/);
  await context.close();
});

test("the English demo speaks English", async () => {
  const { context, page } = await shop("/demo/", { lang: "en" });
  await wait(page, 31_000);
  assert.match(await previewText(page), /first time here/);
  await context.close();
});
