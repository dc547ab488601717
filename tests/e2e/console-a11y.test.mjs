// axe-core on every view of the merchant console: no serious or critical
// violation (the preview's widget, in its shadow root, included).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start } from "./harness.mjs";
import { openConsole, readmeExample, paste } from "./console-harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

async function serious(page) {
  await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

test("no serious or critical axe violation on any console view", async () => {
  const { context, page } = await openConsole(env);
  const found = {};
  found.start = await serious(page);
  await paste(page, await readmeExample());
  for (const view of ["messages", "automatic", "settings", "json", "simulator", "publish", "resume", "start"]) {
    await page.click(`#nav-${view}`);
    await page.waitForTimeout(50);
    found[view] = await serious(page);
  }
  await page.click("#nav-messages");
  await page.click("#pv-toggle");
  await page.waitForTimeout(600); // the panel's opening animation
  found["preview open"] = await serious(page);
  for (const [view, v] of Object.entries(found)) assert.deepEqual(v, [], view);
  await context.close();
});
