// Injection (issue 9): markup payloads in every text the config, the JS API,
// the inbox's replies and the composer accept; `javascript:` and other
// non-http avatar URLs; CSS injection through `ui.color`. Everything is shown
// as text and nothing runs: the window flag the payloads set stays unset,
// no element with an event-handler attribute, no <script>, no image other
// than an http(s) avatar appears, and no request leaves for the injected URL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, widget, conversation, previewText, HOST_ORIGIN } from "./harness.mjs";
import { robustPage, openPage, settle, ours } from "./robustness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const FLAG = "window.__xss=(window.__xss||0)+1";
const PAYLOADS = [
  `<img src=x onerror="${FLAG}">`,
  `<script>${FLAG}</script>`,
  `"><svg onload="${FLAG}">`,
  `'><iframe src="javascript:${FLAG}"></iframe>`,
  `<a href="javascript:${FLAG}">lien</a>`,
  `</textarea><img src=x onerror=${FLAG}>`,
  `{{site.name}}<style>*{display:none}</style>`,
];
/** One payload per field, tagged so that each field's text can be found. */
const P = (tag, i = 0) => `[${tag}] ${PAYLOADS[i % PAYLOADS.length]}`;

let n = 0;
/** Opens a page with `cfg` inline (or `configUrl`) and a dialog / request recorder. */
async function load(cfg, { before = "", attrs = "", routes } = {}) {
  const context = await env.browser.newContext();
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  if (routes) await routes(context);
  const html = robustPage({ inline: JSON.stringify(cfg), before, attrs });
  const { page, log, errors } = await openPage(context, env.page(`/xss/${n++}.html`, html));
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  const outcome = await settle(page, log);
  assert.equal(outcome, "ready", ours(log).join("\n"));
  return { context, page, log, errors, requests, dialogs };
}

/** Nothing ran and nothing was made from a payload. */
async function assertInert({ page, errors, requests, dialogs }) {
  await page.waitForTimeout(100);
  const found = await page.evaluate(() => {
    const host = document.getElementById("nudge-widget");
    const root = host.shadowRoot;
    const everything = [...document.querySelectorAll("*"), ...root.querySelectorAll("*")];
    return {
      flag: window.__xss,
      handlers: everything.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).map((e) => e.outerHTML.slice(0, 120)),
      scripts: root.querySelectorAll("script").length,
      styles: root.querySelectorAll("style").length,
      frames: root.querySelectorAll("iframe, object, embed, form, a, link, base, meta").length,
      images: [...root.querySelectorAll("img")].map((i) => i.getAttribute("src")),
      svgsWithoutIcon: [...root.querySelectorAll("svg")].filter((s) => !s.querySelector("path")).length,
    };
  });
  assert.equal(found.flag, undefined, "no payload ran");
  assert.deepEqual(found.handlers, [], "no element with an event-handler attribute");
  assert.equal(found.scripts, 0, "no <script> in the shadow root");
  assert.equal(found.frames, 0, "no iframe, link, form or anchor in the shadow root");
  assert.equal(found.svgsWithoutIcon, 0, "every <svg> is one of the widget's icons");
  for (const src of found.images) assert.match(src, /^https?:\/\//, `image ${src}`);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  assert.ok(!requests.some((u) => /\/x$|pwned/.test(u)), `requests: ${requests.filter((u) => /\/x$|pwned/.test(u))}`);
}

/** The widget's visible text (shadow root), for "shown as text" checks. */
const shadowText = (page) => page.evaluate(() => document.getElementById("nudge-widget").shadowRoot.textContent);

const establishments = [
  { id: "paris", name: P("establishment.name", 0), address: P("establishment.address", 1), phone: P("establishment.phone", 2),
    opening_hours: P("establishment.opening_hours", 3), parking: P("establishment.parking", 4) },
];
const textsConfig = {
  site: { name: P("site.name", 0), language: "fr" },
  team: { name: P("team.name", 1), status: "online", reply_time: P("team.reply_time", 2) },
  establishments,
  welcome_message: `${P("welcome_message", 3)} / {{establishment.name}} / {{establishment.address}} / {{establishment.phone}} / {{establishment.parking}} / {{site.name}} / {{team.name}}`,
  starters: [
    { title: P("starters[0].title", 4), answer: `${P("starters[0].answer", 5)} {{establishment.opening_hours}}` },
    { title: P("starters[1].title", 6), answer: P("starters[1].answer", 0) },
  ],
  auto_messages: [
    { id: P("auto_messages[0].id", 1), text: P("auto_messages[0].text", 2), trigger: { type: "page_view" } },
    { id: "opened", text: P("auto_messages[1].text", 3), trigger: { type: "chat_opened" }, frequency: "always" },
  ],
  ui: {
    texts: Object.fromEntries(["launcher_label", "close_label", "unread_one", "unread_many", "dismiss_label", "status_online", "status_busy",
      "status_offline", "conversation_label", "starters_label", "message_label", "placeholder", "send_label", "you_label"].map((k, i) => [k, P(`ui.texts.${k}`, i)])),
  },
};
textsConfig.ui.texts.reply_time = `${P("ui.texts.reply_time", 5)} {}`;

test("markup in every text of the config is shown as text and never runs (preview, panel, starters, labels)", async () => {
  const run = await load(textsConfig);
  const { page } = run;
  await widget(page).locator(".pt").waitFor();
  assert.equal(await previewText(page), P("auto_messages[0].text", 2), "the preview shows the payload as text");
  const launcher = widget(page).locator("button.l");
  assert.ok((await launcher.getAttribute("aria-label")).includes(P("ui.texts.launcher_label", 0)), "the launcher's name is the literal text");
  await assertInert(run);
  await launcher.click();
  await widget(page).locator("[role=dialog]").waitFor();
  await widget(page).locator(".st button").first().click();
  await page.waitForTimeout(200);
  const text = await shadowText(page);
  for (const field of ["team.name", "team.reply_time", "welcome_message", "establishment.name", "establishment.address", "establishment.phone",
    "establishment.parking", "site.name", "starters[0].title", "starters[0].answer", "establishment.opening_hours", "starters[1].title",
    "auto_messages[1].text", "ui.texts.reply_time", "ui.texts.status_online"]) {
    assert.ok(text.includes(`[${field}] `), `${field} is shown`);
  }
  for (const payload of PAYLOADS.slice(0, 6)) assert.ok(text.includes(payload), `shown literally: ${payload}`);
  const attributes = await page.evaluate(() => [...document.getElementById("nudge-widget").shadowRoot.querySelectorAll("*")]
    .flatMap((e) => [...e.attributes].map((a) => a.value)).join("\n"));
  for (const key of ["close_label", "conversation_label", "message_label", "placeholder"]) {
    assert.ok(attributes.includes(`[ui.texts.${key}] `), `ui.texts.${key} is an attribute value`);
  }
  await assertInert(run);
  await run.context.close();
});

test("markup in the absence message, a message set and a preset's text is shown as text", async () => {
  const cfg = {
    site: { name: "Boutique", language: "fr" },
    team: { name: "Équipe", status: "offline" },
    establishments: [{ id: "lyon", name: "Lyon" }],
    absence_message: P("absence_message", 0),
    message_sets: [{ establishments: ["lyon"], absence_message: P("message_sets[0].absence_message", 1), starters: [{ title: P("message_sets[0].starters[0].title", 2), answer: P("message_sets[0].starters[0].answer", 3) }] }],
    presets: { offline: { text: P("presets.offline.text", 4) } },
  };
  const run = await load(cfg, { attrs: ` data-establishment="lyon"` });
  const { page } = run;
  await widget(page).locator("button.l").click();
  await widget(page).locator(".st button").first().click();
  await page.evaluate(() => window.Nudge("send", "Vous êtes là ?"));
  await page.waitForTimeout(1_500);
  const text = await shadowText(page);
  for (const field of ["message_sets[0].absence_message", "message_sets[0].starters[0].title", "message_sets[0].starters[0].answer", "presets.offline.text"]) {
    assert.ok(text.includes(`[${field}] `), `${field} is shown:\n${text}`);
  }
  await assertInert(run);
  await run.context.close();
});

test("markup sent through the JS API (send, agentMessage, set and a {{visitor.*}} placeholder, track) is shown as text", async () => {
  const cfg = {
    site: { name: "Boutique", language: "fr" },
    team: { name: "Équipe", status: "online" },
    behaviour: { quiet_during_agent_conversation: false },
    auto_messages: [{ id: "hi", text: "Bonjour {{visitor.name}} !", trigger: { type: "event", name: P("event") }, frequency: "always" }],
  };
  const run = await load(cfg);
  const { page } = run;
  await page.evaluate(([visitor, agent, name, event]) => {
    window.Nudge("send", visitor);
    window.Nudge("agentMessage", agent);
    window.Nudge("set", { name });
    window.Nudge("track", event);
    window.Nudge("open");
  }, [P("send", 0), P("agentMessage", 1), P("visitor.name", 2), P("event")]);
  await widget(page).locator("[role=dialog]").waitFor();
  await page.waitForTimeout(200);
  const texts = await conversation(page);
  assert.ok(texts.includes(P("send", 0)), JSON.stringify(texts));
  assert.ok(texts.includes(P("agentMessage", 1)), JSON.stringify(texts));
  assert.ok(texts.includes(`Bonjour ${P("visitor.name", 2)} !`), JSON.stringify(texts));
  await assertInert(run);
  await run.context.close();
});

test("markup typed in the composer is shown as text", async () => {
  const run = await load({ site: { name: "Boutique", language: "fr" }, team: { name: "Équipe", status: "online" } });
  const { page } = run;
  await widget(page).locator("button.l").click();
  for (const payload of PAYLOADS) {
    const box = widget(page).locator("textarea");
    await box.fill(payload);
    await box.press("Enter");
  }
  await page.waitForTimeout(200);
  const texts = await conversation(page);
  for (const payload of PAYLOADS) assert.ok(texts.includes(payload), `${payload} in ${JSON.stringify(texts)}`);
  await assertInert(run);
  await run.context.close();
});

test("markup in the inbox's replies is shown as text", async () => {
  const cfg = { site: { name: "Boutique", language: "fr" }, team: { name: "Équipe", status: "online" }, inbox: { endpoint: "/inbox" } };
  const routes = (context) => context.route("**/inbox", (route) => route.fulfill({
    status: 200, contentType: "application/json", headers: { "Access-Control-Allow-Origin": "*" },
    body: JSON.stringify({ replies: PAYLOADS.map((p, i) => P(`reply ${i}`, i)) }),
  }));
  const run = await load(cfg, { routes });
  const { page } = run;
  await widget(page).locator("button.l").click();
  await page.evaluate(() => window.Nudge("send", "Une question"));
  await page.waitForTimeout(800);
  const texts = await conversation(page);
  for (let i = 0; i < PAYLOADS.length; i++) assert.ok(texts.includes(P(`reply ${i}`, i)), JSON.stringify(texts));
  await assertInert(run);
  await run.context.close();
});

test("markup in data-establishment and in unknown config keys only reaches the console", async () => {
  const cfg = { site: { name: "Boutique", language: "fr" }, team: { name: "Équipe", status: "online" }, [PAYLOADS[0]]: 1, ui: { [PAYLOADS[2]]: 1 } };
  const run = await load(cfg, { attrs: ` data-establishment="&lt;img src=x onerror=&quot;${FLAG}&quot;&gt;"` });
  await widget(run.page).locator("button.l").click();
  await assertInert(run);
  await run.context.close();
});

for (const avatar of [
  `javascript:${FLAG}`, `JaVaScRiPt:${FLAG}`, `  javascript:${FLAG}`, `java\tscript:${FLAG}`, `java\nscript:${FLAG}`,
  `data:text/html,<script>${FLAG}</script>`, `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="${FLAG}"/>`,
  `vbscript:${FLAG}`, `https://cdn.example/a.png" onerror="${FLAG}`, `http:${FLAG}`, `//cdn.example/pwned.png`,
]) {
  test(`the avatar URL ${JSON.stringify(avatar)} never runs (initials or an inert http(s) image)`, async () => {
    const cfg = {
      site: { name: "Boutique", language: "fr" },
      team: { name: "Équipe Démo", status: "online", avatar },
      auto_messages: [{ id: "hello", text: "Bonjour", trigger: { type: "page_view" } }],
    };
    const run = await load(cfg, { routes: (c) => c.route(/\.example\//, (r) => r.abort()) });
    const { page } = run;
    await widget(page).locator(".pt").waitFor();
    await assertInert(run);
    await widget(page).locator("button.l").click();
    await widget(page).locator("[role=dialog]").waitFor();
    await assertInert(run);
    const images = await page.evaluate(() => [...document.getElementById("nudge-widget").shadowRoot.querySelectorAll("img")].map((i) => i.getAttribute("src")));
    if (!/^\s*https?:\/\/\S/i.test(avatar)) {
      assert.deepEqual(images, [], "initials instead of the image");
      assert.ok((await shadowText(page)).includes("ÉD"), "the team's initials are shown");
    }
    await run.context.close();
  });
}

for (const color of [
  `red;background:url(${HOST_ORIGIN}/pwned-color)`,
  `#fff;} .n{display:none} x{`,
  `#000</style><img src=x onerror="${FLAG}">`,
  `#123456;background-image:url("${HOST_ORIGIN}/pwned-color2")`,
  `#abc}:host{--nudge-accent:url(${HOST_ORIGIN}/pwned-color3)`,
  `expression(${FLAG})`,
  `#1f6feb\\;background:url(${HOST_ORIGIN}/pwned-color4)`,
  `var(--x, url(${HOST_ORIGIN}/pwned-color5))`,
]) {
  test(`ui.color ${JSON.stringify(color)} is refused: default colour, no injected rule, no request`, async () => {
    const cfg = { site: { name: "Boutique", language: "fr" }, team: { name: "Équipe", status: "online" }, ui: { color, position: `left;} .n{display:none`, z_index: 10 } };
    const run = await load(cfg);
    const { page, log } = run;
    await widget(page).locator("button.l").click();
    await widget(page).locator("[role=dialog]").waitFor();
    const look = await page.evaluate(() => {
      const root = document.getElementById("nudge-widget").shadowRoot;
      const l = root.querySelector("button.l");
      return {
        sheets: [...root.adoptedStyleSheets].map((s) => [...s.cssRules].map((r) => r.cssText).join("\n")),
        styles: root.querySelectorAll("style").length,
        color: getComputedStyle(root.querySelector(".h")).backgroundColor,
        visible: !!l && l.getBoundingClientRect().width > 0,
      };
    });
    const theme = look.sheets.at(-1);
    assert.equal(look.styles, 0, "no <style> element");
    assert.ok(!/pwned|url\(|expression|display|x \{/.test(theme), `no injected rule in the theme: ${theme}`);
    assert.ok(!look.sheets.join("\n").includes("pwned"), "no injected URL in any sheet");
    assert.equal(look.color, "rgb(31, 95, 209)", "the default accent colour");
    assert.ok(look.visible, "the widget is still visible");
    assert.ok(ours(log).some((l) => l.includes("ui.color")), `the console names ui.color:\n${ours(log).join("\n")}`);
    await assertInert(run);
    await run.context.close();
  });
}
