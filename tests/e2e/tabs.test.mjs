// Issue 9.3: several tabs of one visitor. A once-per-visitor or
// once-per-session message fires in exactly one tab even when every tab is
// due at the same moment (Web Locks claims), and messages typed at the same
// moment in two tabs are both kept (conversations merge by message id).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, hostPage, visit, previewText, conversation, wait } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const config = (frequency) => ({
  site: { name: "Boutique", language: "fr" },
  auto_messages: [{ id: "once", text: "Une seule fois", frequency, trigger: { type: "time_on_page", seconds: 5 } }],
});

for (const frequency of ["once_per_visitor", "once_per_session"]) {
  for (const tabs of [2, 3, 5]) {
    test(`a ${frequency} message due in ${tabs} tabs at the same moment fires in exactly one`, async () => {
      const context = await env.browser.newContext();
      const url = env.page(`/tabs-${frequency}-${tabs}`, hostPage({ config: config(frequency) }));
      const pages = [];
      for (let i = 0; i < tabs; i++) pages.push(await visit(context, url));
      // Every tab's clock reaches 5 s together.
      await Promise.all(pages.map((p) => p.clock.runFor(6_000)));
      await Promise.all(pages.map((p) => p.waitForTimeout(200)));
      const shown = [];
      for (const p of pages) shown.push(await previewText(p));
      assert.equal(shown.filter((t) => t === "Une seule fois").length, 1, JSON.stringify(shown));
      for (const p of pages) assert.deepEqual(p.errors, []);
      await context.close();
    });
  }
}

test("messages typed at the same moment in two tabs are both kept, in both tabs", async () => {
  const context = await env.browser.newContext();
  const url = env.page("/tabs-merge", hostPage({ config: config("once_per_visitor") }));
  const a = await visit(context, url, { clock: false });
  const b = await visit(context, url, { clock: false });
  await Promise.all([
    a.evaluate(() => window.Nudge("send", "depuis l'onglet A")),
    b.evaluate(() => window.Nudge("send", "depuis l'onglet B")),
  ]);
  await Promise.all([a.waitForTimeout(500), b.waitForTimeout(500)]);
  for (const p of [a, b]) {
    await p.reload();
    await p.waitForFunction(() => window.Nudge && window.Nudge.ready);
    await p.evaluate(() => window.Nudge("open"));
    await p.waitForTimeout(200);
    const texts = await conversation(p);
    assert.ok(texts.includes("depuis l'onglet A") && texts.includes("depuis l'onglet B"), JSON.stringify(texts));
  }
  await context.close();
});
