// Helpers for the merchant console's end-to-end tests (release build in
// dist/console/, served by the harness's widget origin).
import { readFile } from "node:fs/promises";
import { WIDGET_ORIGIN } from "./harness.mjs";

export const CONSOLE_URL = WIDGET_ORIGIN + "/console/";

/** Opens the console in a fresh context (no draft), in French. */
export async function openConsole(env, { viewport = { width: 1440, height: 1000 }, lang = "fr" } = {}) {
  const context = await env.browser.newContext({ viewport, acceptDownloads: true });
  await context.addInitScript((l) => { if (!localStorage.getItem("nudge-console-lang")) localStorage.setItem("nudge-console-lang", l); }, lang);
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(CONSOLE_URL);
  await page.locator("header.top").waitFor();
  return { context, page };
}

/** Opens a configuration by pasting it on the start page. */
export async function paste(page, text) {
  await page.click("#nav-start");
  await page.fill("#paste-config", text);
  await page.click("#open-paste");
}

/** The JSON the publish page downloads, as text. */
export async function exported(page) {
  await page.click("#nav-publish");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-config")]);
  const path = await download.path();
  return readFile(path, "utf8");
}

/** The README's complete configuration example. */
export async function readmeExample() {
  const readme = await readFile("README.md", "utf8");
  const start = readme.indexOf("```json", readme.indexOf("### Configuration"));
  const end = readme.indexOf("```", start + 7);
  return readme.slice(start + 7, end).trim();
}

/** The preview's widget (in its shadow root). */
export function preview(page) {
  return page.locator(".widget-host");
}

/** Texts of the preview's conversation (without times and screen-reader prefixes). */
export async function previewConversation(page) {
  return preview(page).locator("[role=log] .g").evaluateAll((nodes) =>
    nodes.map((n) => Array.from(n.childNodes)
      .filter((c) => !(c.classList && (c.classList.contains("t") || c.classList.contains("sr"))))
      .map((c) => c.textContent).join("").trim()));
}
