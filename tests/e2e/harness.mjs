// Shared end-to-end harness: two local HTTP origins (the widget's and the
// host page's, so every test embeds cross-origin) and a Chromium launcher.
import http from "node:http";
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const TYPES = {
  ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
  ".html": "text/html; charset=utf-8", ".json": "application/json", ".css": "text/css",
};

/** Serves files from `root`, plus in-memory `pages`, on 127.0.0.1:`port`. */
function serve(root, port, { cors = false, pages = new Map() } = {}) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, `http://127.0.0.1:${port}`);
    const headers = cors ? { "Access-Control-Allow-Origin": "*" } : {};
    const page = pages.get(url.pathname);
    if (page && page.redirect) {
      res.writeHead(page.status || 302, { Location: page.redirect, ...headers }).end();
      return;
    }
    if (page) {
      res.writeHead(page.status || 200, { "Content-Type": page.type || TYPES[".html"], ...headers, ...(page.headers || {}) });
      res.end(page.body);
      return;
    }
    const path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!path.startsWith(normalize(root))) { res.writeHead(403).end(); return; }
    try {
      const file = path.endsWith("/") ? join(path, "index.html") : path;
      const body = await readFile(file);
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream", ...headers });
      res.end(body);
    } catch {
      res.writeHead(404, headers).end("not found");
    }
  });
  return new Promise((ok) => server.listen(port, "127.0.0.1", () => ok(server)));
}

// NUDGE_E2E_PORT moves both origins (PORT and PORT + 1), for a run beside another.
const PORT = Number(process.env.NUDGE_E2E_PORT) || 8181;
export const WIDGET_ORIGIN = `http://127.0.0.1:${PORT}`;
export const HOST_ORIGIN = `http://localhost:${PORT + 1}`;

/** Starts both origins and a browser; returns helpers and a `close`. */
export async function start() {
  const pages = new Map();
  const widget = await serve(join(process.cwd(), "dist"), PORT, { cors: true });
  const host = await serve(join(process.cwd(), "dist"), PORT + 1, { pages });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  return {
    browser,
    /** Registers a host page at `path` on the host origin. */
    page(path, body, headers) { pages.set(path, { body, headers }); return HOST_ORIGIN + path; },
    /** Registers a redirect at `path` on the host origin. */
    redirect(path, location, status = 302) { pages.set(path, { redirect: location, status }); return HOST_ORIGIN + path; },
    /** Registers a JSON document (a config) on the host origin. */
    json(path, value, status) {
      pages.set(path, { body: typeof value === "string" ? value : JSON.stringify(value), type: TYPES[".json"], status });
      return HOST_ORIGIN + path;
    },
    async close() {
      await browser.close();
      widget.close();
      host.close();
    },
  };
}

/** How the README's "Embed it" tag loads (its attributes after
 * `data-establishment`, e.g. `async fetchpriority="high"`): the tag the
 * console gives merchants (src/console/publish.rs, checked against the
 * README), and the one the benchmark measures. */
export const RECOMMENDED_LOADING = (() => {
  const found = /data-establishment="paris" (async[^>]*)><\/script>/.exec(readFileSync(join(process.cwd(), "README.md"), "utf8"));
  if (!found) throw new Error("harness: README.md's \"Embed it\" has no tag ending in data-establishment=\"paris\" async…></script>");
  return found[1];
})();

/** A host page that embeds the widget with one script tag: `async` (the
 * tag as older snippets have it), or `loading` (RECOMMENDED_LOADING). */
export function hostPage({ config, configUrl, title = "Boutique", body = "", head = "", attrs = "", loading = "async" }) {
  const inline = config ? `<script type="application/json" id="nudge-config">${JSON.stringify(config)}</script>` : "";
  const src = configUrl ? ` data-config="${configUrl}"` : "";
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>${head}</head>
<body>${body}${inline}<script src="${WIDGET_ORIGIN}/nudge.js"${src}${attrs} ${loading}></script></body></html>`;
}

/** The widget's shadow root content, for locators: `widget(page).locator(...)`. */
export function widget(page) {
  return page.locator("#nudge-widget");
}

/** Opens `url` on simulated time (page.clock) and waits for the launcher. */
export async function visit(context, url, { clock = true } = {}) {
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  if (clock) await page.clock.install();
  await page.goto(url);
  await ready(page);
  return page;
}

/** Waits until the widget runs: its first page view handled, its timer
 * armed (the loader sets `Nudge.ready` on the `ready` event). The launcher
 * alone is not enough: the loader draws it before the wasm runs. Polled from
 * Node: the page's timers and `performance` may be simulated (page.clock). */
export async function ready(page, timeout = 10_000) {
  const until = Date.now() + timeout;
  while (!(await page.evaluate(() => !!(window.Nudge && window.Nudge.ready)))) {
    if (Date.now() > until) throw new Error("the widget did not become ready");
    await new Promise((ok) => setTimeout(ok, 20));
  }
  await widget(page).locator("button.l").waitFor();
}

/** The proactive preview's text ("" when none is shown). */
export async function previewText(page) {
  const preview = widget(page).locator(".pt");
  return (await preview.count()) ? (await preview.first().textContent()) : "";
}

/** The texts of the conversation's messages, in order (without the times
 * and the screen-reader-only author prefixes). */
export async function conversation(page) {
  return widget(page).locator("[role=log] .g").evaluateAll((nodes) =>
    nodes.map((n) => Array.from(n.childNodes)
      .filter((c) => !(c.classList && (c.classList.contains("t") || c.classList.contains("sr"))))
      .map((c) => c.textContent).join("").trim()));
}

/** Advances simulated time by `ms`, letting the widget's timers fire. */
export async function wait(page, ms) {
  await page.clock.runFor(ms);
  await page.waitForTimeout(30); // let Yew render
}
