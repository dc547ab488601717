// Takes the README's screenshots of the merchant console (release build in
// dist/console/): docs/console-*.png. Usage: node scripts/console-screenshots.mjs [outdir]
import { readFile } from "node:fs/promises";
import { start } from "../tests/e2e/harness.mjs";
import { CONSOLE_URL, readmeExample } from "../tests/e2e/console-harness.mjs";

const out = process.argv[2] || "docs";
const env = await start();
const context = await env.browser.newContext({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1, locale: "fr-FR" });
await context.addInitScript(() => { if (!localStorage.getItem("nudge-console-lang")) localStorage.setItem("nudge-console-lang", "fr"); });
const page = await context.newPage();
await page.goto(CONSOLE_URL);
await page.locator("header.top").waitFor();
const shot = async (name, full = false) => {
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/console-${name}.png`, fullPage: full });
};
await shot("start");

// The README's example: messages with the preview open for Lyon.
await page.fill("#paste-config", await readmeExample());
await page.click("#open-paste");
await page.selectOption("#pv-establishment", "lyon");
await page.click("#pv-toggle");
await page.locator(".widget-host").locator(".st li button").first().click();
await page.evaluate(() => document.querySelector("#texts-title").scrollIntoView());
await shot("messages");

await page.click("#nav-automatic");
await page.evaluate(() => document.querySelectorAll("li.custom")[1].scrollIntoView());
await shot("automatic");

await page.click("#nav-settings");
await page.evaluate(() => document.querySelector(".hours").scrollIntoView());
await shot("settings");

await page.click("#nav-simulator");
await page.selectOption("#journey-pick", "first-visit");
await shot("simulator", true);

await page.click("#nav-publish");
await shot("publish");

// Problems: a broken starter and condition, listed with their paths.
const broken = JSON.parse(await readmeExample());
broken.starters[1].answer = "{{establishment.parkng}}";
broken.auto_messages[0].conditions = { url: { contain: "step2" } };
broken.team.status = "sleeping";
await page.click("#nav-start");
await page.fill("#paste-config", JSON.stringify(broken, null, 2));
await page.click("#open-paste");
await page.click("#nav-json");
await shot("json");

// Résumé of a small statistics file.
const lines = [];
const ev = (v, n, type, message) => ({ key: `${v}-${n}`, type, message, trigger: "t", path: "/", at: 1764570000000 + n });
for (let v = 0; v < 40; v++) {
  const events = [ev(v, 1, "fired", "first_visit")];
  if (v % 3 === 0) events.push(ev(v, 2, "opened", "first_visit"));
  if (v % 4 === 1) events.push(ev(v, 3, "dismissed", "first_visit"));
  if (v % 5 === 0) events.push(ev(v, 4, "contacted_after", "first_visit"));
  if (v % 2 === 0) events.push(ev(v, 5, "fired", "checkout-help"), ...(v % 4 === 0 ? [ev(v, 6, "contacted_after", "checkout-help")] : []));
  if (v % 8 === 0) events.push(ev(v, 7, "fired", "busy"), ev(v, 8, "contacted_after", "busy"));
  lines.push(JSON.stringify({ v: 1, site: "Boutique Démo", visitor: `visitor-${v}`, session: 1, sent_at: 1764570000000, dropped: 0, events }));
}
await page.click("#nav-resume");
await page.fill("#stats-paste", lines.join("\n"));
await shot("resume");

await context.close();
await env.close();
console.log("console screenshots written to " + out);
void readFile;
