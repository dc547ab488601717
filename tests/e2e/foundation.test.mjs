// The first vertical slice: the release build mounts a launcher in a shadow
// root on a page of another origin, and a click opens the panel.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, hostPage, widget } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const config = { site: { name: "Boutique Démo", language: "fr" }, team: { name: "Équipe Démo", status: "online" } };

test("the launcher appears inside a shadow root and opens the panel", async () => {
  const url = env.page("/foundation.html", hostPage({ config }));
  const page = await env.browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  const launcher = widget(page).locator("button.l");
  await launcher.waitFor();
  const inShadow = await page.evaluate(() => {
    const host = document.getElementById("nudge-widget");
    return !!host.shadowRoot && !document.querySelector(".l");
  });
  assert.ok(inShadow, "the launcher lives in the shadow root only");
  await launcher.click();
  await widget(page).locator("[role=dialog]").waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
