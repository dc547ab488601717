// The journey simulator tells the truth: for each ready-made journey, on the
// demo shop's configuration, the console's timeline gives the same messages
// at the same seconds as the widget itself, driven through the same journey
// on simulated time (Playwright's clock) on real pages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { start, hostPage, widget, conversation } from "./harness.mjs";
import { openConsole, paste } from "./console-harness.mjs";

let env;
let demo;
before(async () => {
  env = await start();
  demo = await readFile("static/demo/nudge.json", "utf8");
});
after(async () => { await env.close(); });

const SLUGS = ["first-visit", "returning-visitor", "busy", "offline", "checkout-help", "bicycles", "compare", "next-purchase", "welcome", "absence", "starters"];
const DAY = 86_400_000;

/** The console's timeline of a shipped journey, and the journey itself. */
async function consoleTimeline(page, slug) {
  await page.click("#nav-simulator");
  await page.selectOption("#journey-pick", slug);
  await page.waitForTimeout(50);
  const rows = await page.locator("#timeline tbody tr").evaluateAll((trs) =>
    trs.map((tr) => ({ id: tr.dataset.id, second: Number(tr.dataset.second), text: tr.cells[3].textContent })));
  return rows;
}

/** Reads the journey's steps back from the simulator's form. */
async function journeySteps(page) {
  return page.locator("ol.steps > li").evaluateAll((lis) => lis.map((li) => ({
    kind: li.querySelector(".step-kind").textContent,
    values: Array.from(li.querySelectorAll("input, select")).map((i) => i.value),
  })));
}

/** Plays the journey in the widget; returns [{id, second}] of the messages it fired. */
async function widgetTimeline(slug, steps, startMinute, returning) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // Monday 2026-11-23 in Paris (UTC+1), the simulator's first day.
  const start = Date.parse("2026-11-23T00:00:00+01:00") + startMinute * 60_000;
  const config = JSON.parse(demo);
  // The clock is paused: simulated time moves only by runFor, so a slow
  // page load on this shared machine cannot shift the seconds. The widget's
  // start-up tasks get 1 ms steps until its launcher is there.
  const settle = async () => { await page.clock.runFor(1); await page.waitForTimeout(15); };
  let origin = null; // simulated time of the journey's first page view
  const open = async (path, title) => {
    const url = env.page(`/j-${slug}${path === "/" ? "/index.html" : path}`,
      hostPage({ config, title, body: '<div style="height:4000px">page</div>' }));
    await page.goto(url);
    // Subscribed before the widget starts (its start-up waits for timers,
    // and the clock is paused): `ready` comes with the engine's first page view.
    await page.evaluate(() => {
      window.__fired = [];
      window.__ready = null;
      window.Nudge("on", "ready", () => { window.__ready ??= Date.now(); });
      window.Nudge("on", "message", (m) => window.__fired.push({ id: m.id, at: Date.now() }));
    });
    while (!(await page.evaluate(() => window.__ready)) || !(await widget(page).locator("button.l").count())) await settle();
    return page.evaluate(() => window.__ready);
  };
  const fired = [];
  const collect = async () => { fired.push(...await page.evaluate(() => (window.__fired || []).splice(0))); };
  if (returning) {
    // Installed a second early: the installed clock runs until pauseAt, which
    // cannot go back (pausing at the install time itself raced the clock).
    await page.clock.install({ time: start - 3 * DAY - 1000 });
    await page.clock.pauseAt(start - 3 * DAY);
    await open("/", "Accueil");
    await page.clock.runFor(1000); // let the widget store the visit
    await page.waitForTimeout(50);
    await page.clock.setSystemTime(start);
  } else {
    await page.clock.install({ time: start - 1000 });
    await page.clock.pauseAt(start);
  }
  for (const step of steps) {
    const v = step.values;
    switch (step.kind) {
      case "Ouvrir une page":
        await collect();
        { const ready = await open(new URL(v[0]).pathname, v[1]); origin ??= ready; }
        break;
      case "Rester": await page.clock.runFor(Number(v[0]) * 1000); await page.waitForTimeout(20); break;
      case "Changer le statut de l'équipe": await page.evaluate((s) => window.Nudge("setTeamStatus", s), v[0]); break;
      case "Ouvrir le chat": await widget(page).locator("button.l").click(); await settle(); break;
      case "Écrire un message": await page.evaluate((t) => window.Nudge("send", t), v[0]); break;
      case "Cliquer sur un sujet":
        if (!(await widget(page).locator("[role=dialog]").count())) await widget(page).locator("button.l").click();
        while (!(await widget(page).locator(".st li button").count())) await settle();
        await widget(page).locator(".st li button").nth(Number(v[0]) - 1).click();
        await settle();
        break;
      case "Faire défiler jusqu'à":
        await page.evaluate((p) => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * p / 100), Number(v[0]));
        await settle();
        break;
      default: throw new Error("step not played by this test: " + step.kind);
    }
  }
  await collect();
  const texts = await conversation(page).catch(() => []);
  await context.close();
  assert.deepEqual(errors, []);
  // `origin` is the widget's first page view (its `ready`), in simulated time.
  return { fired: fired.map((f) => ({ id: f.id, second: Math.round((f.at - origin) / 1000) })), texts };
}

test("each ready-made journey's timeline gives the widget's own seconds", async () => {
  const { context, page } = await openConsole(env);
  await paste(page, demo);
  for (const slug of SLUGS) {
    const rows = await consoleTimeline(page, slug);
    const steps = await journeySteps(page);
    const time = await page.inputValue("#journey-time");
    const [h, m] = time.split(":").map(Number);
    const returning = (await page.inputValue("#journey-visitor")) === "returning";
    const widgetRun = await widgetTimeline(slug, steps, h * 60 + m, returning);
    const rules = rows.filter((r) => r.id !== "welcome_message" && r.id !== "absence_message");
    assert.ok(rows.length > 0, `${slug}: the console's timeline is empty`);
    assert.deepEqual(widgetRun.fired, rules.map(({ id, second }) => ({ id, second })), `${slug}: widget vs console`);
    for (const r of rows.filter((r) => r.id === "welcome_message" || r.id === "absence_message")) {
      assert.ok(widgetRun.texts.includes(r.text), `${slug}: the widget shows ${r.id}: ${r.text}`);
    }
  }
  assert.deepEqual(page.errors, []);
  await context.close();
});
