// Takes the README's screenshots of the demo shop (release build in dist/):
// the launcher with a proactive preview, the open panel with starters, and
// the phone-sized panel. Usage: node scripts/screenshots.mjs [outdir]
import { start, HOST_ORIGIN } from "../tests/e2e/harness.mjs";

const out = process.argv[2] || "docs";
const env = await start();
const shots = [
  { name: "preview", viewport: { width: 1024, height: 700 }, open: false },
  { name: "panel", viewport: { width: 1024, height: 760 }, open: true },
  { name: "phone", viewport: { width: 375, height: 667 }, open: true, mobile: true },
];
for (const shot of shots) {
  const context = await env.browser.newContext({ viewport: shot.viewport, isMobile: !!shot.mobile, hasTouch: !!shot.mobile, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.clock.install({ time: new Date("2026-11-25T10:00:00+01:00") });
  await page.goto(HOST_ORIGIN + "/demo/bicycles.html");
  const launcher = page.locator("#nudge-widget").locator("button.l");
  await launcher.waitFor();
  await page.clock.runFor(31_000);
  if (shot.open) {
    await launcher.click();
    await page.clock.runFor(1_000);
  }
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/${shot.name}.png` });
  await context.close();
}
await env.close();
console.log("screenshots written to " + out);
