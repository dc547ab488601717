// Serves a built folder (default dist/) on http://127.0.0.1:8080 — the demo
// shop at /, the merchant console at /console/. Static files only, with the
// wasm MIME type the widget needs; nothing is ever written.
// Usage: node scripts/serve.mjs [dir] [--port N]
import http from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const args = process.argv.slice(2);
const port = Number(args.includes("--port") ? args[args.indexOf("--port") + 1] : 8080);
const root = resolve(args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--port") || "dist");
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".wasm": "application/wasm", ".png": "image/png", ".svg": "image/svg+xml", ".ico": "image/x-icon",
};

http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, "http://127.0.0.1");
    let path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!path.startsWith(root)) { res.writeHead(403).end(); return; }
    if ((await stat(path).catch(() => null))?.isDirectory()) {
      if (!url.pathname.endsWith("/")) { res.writeHead(301, { Location: url.pathname + "/" }).end(); return; }
      path = join(path, "index.html");
    }
    const body = await readFile(path);
    res.writeHead(200, { "Content-Type": TYPES[extname(path)] || "application/octet-stream", "Cache-Control": "no-cache" });
    res.end(body);
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
  }
}).listen(port, "127.0.0.1", () => {
  console.log(`Demo shop:        http://127.0.0.1:${port}/`);
  console.log(`Merchant console: http://127.0.0.1:${port}/console/`);
});
