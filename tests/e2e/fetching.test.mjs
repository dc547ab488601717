// What a visitor's browser fetches from the widget, and when (issue 12):
// the loader, then, once the host page has loaded, the glue (the snippets it
// imports bundled in by scripts/minify.mjs) and the wasm side by side, so
// that no download waits for another to arrive and run.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, hostPage, ready, WIDGET_ORIGIN } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const config = {
  site: { name: "Boutique Démo", language: "fr" },
  team: { name: "Équipe", status: "online" },
  presets: ["first_visit"],
};

test("a page view fetches three files from the widget: the loader, the glue and the wasm", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const fetched = [];
  page.on("request", (r) => { if (r.url().startsWith(WIDGET_ORIGIN)) fetched.push(new URL(r.url()).pathname); });
  await page.goto(env.page("/three.html", hostPage({ config })));
  await ready(page);
  assert.deepEqual(fetched.sort(), ["/app/nudge.js", "/app/nudge_bg.wasm", "/nudge.js"]);
  await context.close();
});

test("the wasm is requested while the glue is still downloading, not once the glue has run", async () => {
  const context = await env.browser.newContext();
  let wasmAsked;
  const asked = new Promise((ok) => { wasmAsked = ok; });
  let glueReleasedBy = null;
  // The glue is held until the wasm is requested, or for 5 s at most: a
  // loader that asks for the wasm only once the glue has run waits 5 s.
  await context.route("**/app/nudge.js", async (route) => {
    glueReleasedBy = await Promise.race([
      asked.then(() => "the wasm request"),
      new Promise((ok) => setTimeout(() => ok("the 5 s timeout"), 5_000)),
    ]);
    await route.continue();
  });
  await context.route("**/app/nudge_bg.wasm", async (route) => { wasmAsked(); await route.continue(); });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(env.page("/side-by-side.html", hostPage({ config })));
  await ready(page);
  assert.equal(glueReleasedBy, "the wasm request");
  assert.deepEqual(errors, []);
  await context.close();
});
