// The merchant console's documents: import then export is lossless, a
// broken config lists its problems with their paths and a click focuses the
// field, a config that does not parse opens in the JSON tab with the error
// marked, and a reload keeps the draft.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start } from "./harness.mjs";
import { openConsole, paste, exported, readmeExample } from "./console-harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test("the README's complete example, imported then exported, is the same JSON value", async () => {
  const { context, page } = await openConsole(env);
  const example = await readmeExample();
  await paste(page, example);
  await page.locator("#nav-messages.current").waitFor();
  const out = await exported(page);
  assert.deepEqual(JSON.parse(out), JSON.parse(example));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("unknown fields survive a form edit and are listed as kept", async () => {
  const { context, page } = await openConsole(env);
  const config = { site: { name: "A", language: "fr", mascot: "chat" }, future_feature: { x: [1, 2] } };
  await paste(page, JSON.stringify(config));
  await page.click("#nav-settings");
  await page.fill('[data-path="site.name"]', "B");
  const out = JSON.parse(await exported(page));
  assert.deepEqual(out, { site: { name: "B", language: "fr", mascot: "chat" }, future_feature: { x: [1, 2] } });
  const kept = await page.locator(".publish .banner.warning code").allTextContents();
  assert.deepEqual(kept.sort(), ["future_feature", "site.mascot"]);
  await context.close();
});

test("an invalid config lists its errors with their paths, and a click focuses the field", async () => {
  const { context, page } = await openConsole(env);
  const config = {
    site: { name: "A", language: "fr" },
    team: { name: "T", status: "sleeping" },
    starters: [{ title: "Horaires ?", answer: "{{establishment.nope}}" }],
    auto_messages: [{ id: "m", text: "x", trigger: { type: "time_on_page", seconds: 5 }, conditions: { url: { contain: "a" } } }],
  };
  await paste(page, JSON.stringify(config, null, 2));
  await page.click("#nav-json");
  const paths = await page.locator("#problems button").evaluateAll((bs) => bs.map((b) => b.dataset.problemPath));
  for (const p of ["team.status", "starters[0].answer", "auto_messages[0].conditions.url"]) {
    assert.ok(paths.includes(p), `${p} in ${paths}`);
  }
  const lines = await page.locator("#problems button").allTextContents();
  assert.ok(lines.every((l) => /ligne \d+, colonne \d+/.test(l)), lines.join("\n"));
  for (const p of ["team.status", "starters[0].answer", "auto_messages[0].conditions.url"]) {
    await page.click("#nav-json");
    await page.click(`#problems button[data-problem-path="${p}"]`);
    await page.waitForTimeout(50);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.path), p);
  }
  // The field shows its problem, flagged invalid; the rest stays editable.
  await page.click("#nav-settings");
  assert.equal(await page.getAttribute('[data-path="team.status"]', "aria-invalid"), "true");
  await page.fill('[data-path="team.name"]', "Équipe");
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a config that does not parse opens in the JSON tab with the error marked", async () => {
  const { context, page } = await openConsole(env);
  await paste(page, '{\n  "site": { "name": "A", }\n}');
  await page.locator("#nav-json.current").waitFor();
  assert.match(await page.locator(".json .banner.error").textContent(), /pas encore du JSON valide/);
  assert.match(await page.locator("#problems").textContent(), /ligne 2, colonne 26/);
  assert.match(await page.locator("pre.excerpt").textContent(), /"site": \{ "name": "A", \}/);
  assert.equal(await page.getAttribute("#json-text", "aria-invalid"), "true");
  // Fixing it in the JSON tab gives the forms back.
  await page.fill("#json-text", '{\n  "site": { "name": "A" }\n}');
  await page.click("#nav-settings");
  assert.equal(await page.inputValue('[data-path="site.name"]'), "A");
  await context.close();
});

/** Waits until the console's draft in localStorage contains `text`. */
const stored = (page, text) =>
  page.waitForFunction((t) => (localStorage.getItem("nudge-console-draft") || "").includes(t), text, { timeout: 5_000 });

test("a reload keeps the draft, also text typed in the JSON tab that does not parse", async () => {
  const { context, page } = await openConsole(env);
  await page.click("#create-site");
  await page.click("#nav-settings");
  await page.fill('[data-path="site.name"]', "Ma boutique rechargée");
  // The reload comes once the edit is stored (the autosave runs in the
  // input's own task): reloading in the same millisecond as the keystroke,
  // as a test can, once read the storage from before the write (CI, 666707f).
  await stored(page, "Ma boutique rechargée");
  await page.reload();
  await page.locator("header.top").waitFor();
  await page.click("#nav-settings");
  assert.equal(await page.inputValue('[data-path="site.name"]'), "Ma boutique rechargée");
  // Text typed into the JSON tab, even invalid, survives a reload too.
  await page.click("#nav-json");
  const text = (await page.inputValue("#json-text")).replace("{", "{ \"oops\": ");
  await page.fill("#json-text", text);
  await stored(page, text);
  await page.reload();
  await page.locator("#nav-json.current").waitFor();
  assert.equal(await page.inputValue("#json-text"), text);
  await context.close();
});
