// Shared helpers of the robustness suites (issue 9): bad configs, API abuse,
// storage faults and injection. Built on harness.mjs (its two origins and
// its Chromium); what is added here is a host page with a script before and
// after the tag, a page opened with every console line and page error
// recorded, and a wait that ends when the widget either runs or gives up.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { WIDGET_ORIGIN } from "./harness.mjs";

/** The README's complete example config (the validator's own reference). */
export function readmeConfig() {
  const readme = readFileSync(join(process.cwd(), "README.md"), "utf8");
  const block = /### Configuration[\s\S]*?```json\n([\s\S]*?)\n```/.exec(readme);
  if (!block) throw new Error("README.md has no example config under ### Configuration");
  return JSON.parse(block[1]);
}

/** The inline stub of the README, then `script` (before the tag). */
export function stub(script = "") {
  return `<script>window.Nudge = window.Nudge || function () { (Nudge.q = Nudge.q || []).push(arguments); };
window.__fired = []; window.__events = [];
Nudge("on", "message", function (m) { __fired.push(m.id); });
Nudge("on", "error", function (e) { __events.push("error " + (e && e.message)); });
${script}</script>`;
}

/** Escapes a text for the inside of an inline <script> element. */
export function inlineScriptText(text) {
  return text.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

/**
 * A host page: `head`, the stub (with `before`, a script run before the
 * tag), the config (`configUrl` → data-config, `inline` → #nudge-config
 * text, `settings` → a script defining window.NudgeSettings), the tag
 * (`async` or not), then a script that sets `window.afterTag`.
 */
export function robustPage({ configUrl, inline, settings, before = "", head = "", body = "", attrs = "", async = true, title = "Boutique" }) {
  const config = inline !== undefined
    ? `<script type="application/json" id="nudge-config">${inlineScriptText(inline)}</script>`
    : "";
  const globals = settings !== undefined ? `<script>${settings}</script>` : "";
  const src = configUrl !== undefined ? ` data-config="${configUrl}"` : "";
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title>${head}${stub(before)}</head>
<body>${body}${config}${globals}<script src="${WIDGET_ORIGIN}/nudge.js"${src}${attrs}${async ? " async" : ""}></script>
<script>window.afterTag = true;</script></body></html>`;
}

/**
 * Opens `url` in a fresh page of `context`, recording the console (`log`:
 * {type, text}) and page errors (`errors`). `init` runs before any page
 * script (e.g. to break localStorage).
 */
export async function openPage(context, url, { init, clock = false } = {}) {
  const page = await context.newPage();
  const log = [];
  const errors = [];
  page.on("console", (m) => log.push({ type: m.type(), text: m.text() }));
  page.on("pageerror", (e) => errors.push(String(e && e.stack || e)));
  if (init) await page.addInitScript(init);
  if (clock) await page.clock.install();
  await page.goto(url);
  return { page, log, errors };
}

/** The `[nudge]` lines of the console. */
export function ours(log) {
  return log.filter((l) => l.text.startsWith("[nudge]")).map((l) => l.text);
}

/**
 * Waits until the widget runs (`Nudge.ready`) or has given up (the
 * console says so); returns "ready" or "failed". Polled from Node, so it
 * works on simulated time too.
 */
export async function settle(page, log, timeout = 15_000) {
  const until = Date.now() + timeout;
  for (;;) {
    if (log.some((l) => l.text.startsWith("[nudge]") && /no usable config|could not start|could not be drawn|could not be mounted/.test(l.text))) {
      return "failed";
    }
    let ready = false;
    try {
      ready = await page.evaluate(() => !!(window.Nudge && window.Nudge.ready));
    } catch (e) {
      if (Date.now() > until) throw e;
    }
    if (ready) return "ready";
    if (Date.now() > until) throw new Error(`the widget neither ran nor gave up within ${timeout} ms:\n${ours(log).join("\n")}`);
    await new Promise((ok) => setTimeout(ok, 25));
  }
}

/** Everything the widget left in the page: its host and shadow root. */
export function shadowSummary(page) {
  return page.evaluate(() => {
    const host = document.getElementById("nudge-widget");
    const root = host && host.shadowRoot;
    if (!root) return null;
    return {
      text: root.textContent,
      tags: [...root.querySelectorAll("*")].map((e) => e.localName),
      html: root.innerHTML,
    };
  });
}

/** Runs `tasks` (functions returning promises) with at most `limit` at once. */
export async function pool(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      try { results[i] = { value: await tasks[i]() }; } catch (error) { results[i] = { error }; }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
