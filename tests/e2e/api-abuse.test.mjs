// The JavaScript API abused (issue 9): no arguments, unknown commands,
// wrong types, hostile objects, subscribers that throw or call back in,
// 10 000 calls queued before the tag, 1 MB messages, a hostile queue, and
// calls after a failed start. The host page never sees an exception; a bad
// call gives one clear `[nudge]` warning; the widget keeps working.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, conversation, widget } from "./harness.mjs";
import { robustPage, openPage, settle, ours } from "./robustness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const config = {
  site: { name: "Boutique Démo", language: "fr" },
  team: { name: "Équipe", status: "online" },
  behaviour: { quiet_during_agent_conversation: false },
  auto_messages: [
    { id: "hello", text: "Bienvenue", trigger: { type: "page_view" } },
    { id: "cart", text: "Bon choix !", trigger: { type: "event", name: "added_to_cart" }, frequency: "always" },
  ],
};

let n = 0;
/** A fresh context and page with `config`; `before` runs before the tag. */
async function load({ before = "", cfg = config, init, configUrl } = {}) {
  const context = await env.browser.newContext();
  const path = `/api/${n++}`;
  const html = configUrl
    ? robustPage({ configUrl, before })
    : robustPage({ inline: JSON.stringify(cfg), before });
  const { page, log, errors } = await openPage(context, env.page(`${path}.html`, html), { init });
  const outcome = await settle(page, log);
  return { context, page, log, errors, outcome };
}

/** The widget still works: a visitor message is shown and an event rule fires. */
async function stillWorks(page) {
  await page.evaluate(() => { window.__fired.length = 0; window.Nudge("track", "added_to_cart"); window.Nudge("send", "Toujours là ?"); });
  await page.waitForFunction(() => window.__fired.includes("cart"), null, { timeout: 5_000 });
  await page.evaluate(() => window.Nudge("open"));
  await widget(page).locator("[role=dialog]").waitFor();
  assert.ok((await conversation(page)).includes("Toujours là ?"), "a message sent afterwards is shown");
}

const warnings = (log) => log.filter((l) => l.type === "warning" && l.text.startsWith("[nudge]")).map((l) => l.text);

// Each bad call, made once the widget runs, gives exactly one clear warning.
const BAD_CALLS = [
  ["Nudge() with no arguments", "Nudge()", /command must be a string/],
  ["an unknown command", "Nudge('opne')", /unknown command "opne"/],
  ["an empty command", "Nudge('')", /unknown command ""/],
  ["a command named __proto__", "Nudge('__proto__')", /unknown command "__proto__"/],
  ["a command named constructor", "Nudge('constructor')", /unknown command "constructor"/],
  ["a number as the command", "Nudge(42)", /command must be a string/],
  ["null as the command", "Nudge(null)", /command must be a string/],
  ["an object as the command", "Nudge({ command: 'open' })", /command must be a string/],
  ["an array as the command", "Nudge(['open'])", /command must be a string/],
  ["a Symbol as the command", "Nudge(Symbol('open'))", /command must be a string/],
  ["send with no text", "Nudge('send')", /send.*non-empty string/],
  ["send with a number", "Nudge('send', 42)", /send.*non-empty string/],
  ["send with an object", "Nudge('send', { text: 'x' })", /send.*non-empty string/],
  ["send with white space only", "Nudge('send', ' \\n\\t ')", /send.*non-empty string/],
  ["send with an object whose toString throws", "Nudge('send', { toString: function () { throw new Error('x'); } })", /send.*non-empty string/],
  ["agentMessage with null", "Nudge('agentMessage', null)", /agentMessage.*non-empty string/],
  ["setTeamStatus with an unknown status", "Nudge('setTeamStatus', 'away')", /online.*busy.*offline/],
  ["setTeamStatus with a number", "Nudge('setTeamStatus', 1)", /online.*busy.*offline/],
  ["set with a string", "Nudge('set', 'plan=pro')", /attributes must be an object/],
  ["set with an array", "Nudge('set', ['pro'])", /attributes must be an object/],
  ["set with null", "Nudge('set', null)", /attributes must be an object/],
  ["set with a nested object", "Nudge('set', { plan: { name: 'pro' } })", /attribute "plan" must be a string, number or boolean/],
  ["set with a function value", "Nudge('set', { plan: function () {} })", /attribute "plan" must be a string, number or boolean/],
  ["track with no name", "Nudge('track')", /track.*non-empty string/],
  ["track with an object", "Nudge('track', {})", /track.*non-empty string/],
  ["on with no callback", "Nudge('on', 'message')", /callback must be a function/],
  ["on with a string callback", "Nudge('on', 'message', 'alert(1)')", /callback must be a function/],
  ["on with an unknown event", "Nudge('on', 'mesage', function () {})", /unknown event "mesage"/],
  ["on with a number as the event", "Nudge('on', 42, function () {})", /event must be a string/],
  ["off with no event", "Nudge('off')", /event must be a string/],
  ["timeScale with a string", "Nudge('timeScale', 'fast')", /timeScale/],
  ["timeScale with NaN", "Nudge('timeScale', NaN)", /timeScale/],
  ["timeScale with a billion", "Nudge('timeScale', 1e9)", /timeScale/],
];

for (const [name, call, expected] of BAD_CALLS) {
  test(`${name} gives one clear warning and nothing else`, async () => {
    const { context, page, log, errors, outcome } = await load();
    assert.equal(outcome, "ready");
    const before = warnings(log).length;
    const returned = await page.evaluate((source) => {
      try { return { value: String(new Function("return " + source)()) }; } catch (e) { return { threw: String(e) }; }
    }, call);
    assert.equal(returned.threw, undefined, `${call} threw ${returned.threw}`);
    await page.waitForTimeout(50);
    const said = warnings(log).slice(before);
    assert.equal(said.length, 1, `one warning for ${call}: ${JSON.stringify(said)}`);
    assert.match(said[0], expected);
    assert.deepEqual(errors, []);
    await stillWorks(page);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("the same bad calls queued before the tag each give one warning and the good calls around them still run", async () => {
  const before = BAD_CALLS.map(([, call]) => call + ";").join("\n") + "\nNudge('send', 'Après les mauvais appels');";
  const { context, page, log, errors, outcome } = await load({ before });
  assert.equal(outcome, "ready");
  assert.deepEqual(errors, []);
  for (const [name, , expected] of BAD_CALLS) {
    assert.ok(warnings(log).some((w) => expected.test(w)), `${name}: ${expected} in\n${warnings(log).join("\n")}`);
  }
  await page.evaluate(() => window.Nudge("open"));
  await widget(page).locator("[role=dialog]").waitFor();
  assert.ok((await conversation(page)).includes("Après les mauvais appels"));
  await context.close();
});

test("set with a getter that throws neither throws into the page nor breaks the widget", async () => {
  const { context, page, errors } = await load();
  const threw = await page.evaluate(() => {
    try {
      window.Nudge("set", Object.defineProperty({}, "plan", { enumerable: true, get: function () { throw new Error("getter"); } }));
      return null;
    } catch (e) { return String(e); }
  });
  assert.equal(threw, null);
  await page.waitForTimeout(50);
  assert.deepEqual(errors, []);
  await stillWorks(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test("set with a Proxy that throws on every trap neither throws into the page nor breaks the widget", async () => {
  const { context, page, errors } = await load();
  const threw = await page.evaluate(() => {
    const trap = () => { throw new Error("trap"); };
    try {
      window.Nudge("set", new Proxy({}, { get: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, has: trap, getPrototypeOf: trap }));
      return null;
    } catch (e) { return String(e); }
  });
  assert.equal(threw, null);
  await page.waitForTimeout(50);
  assert.deepEqual(errors, []);
  await stillWorks(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test("set with 10 000 attributes and a Symbol key is handled", async () => {
  const { context, page, errors } = await load();
  await page.evaluate(() => {
    const many = {};
    for (let i = 0; i < 10_000; i++) many["a" + i] = i;
    many[Symbol("s")] = "x";
    window.Nudge("set", many);
  });
  await page.waitForTimeout(50);
  assert.deepEqual(errors, []);
  await stillWorks(page);
  await context.close();
});

test("a subscriber that throws is reported on the console and the other subscribers still hear the event", async () => {
  const before = `Nudge("on", "message", function () { throw new Error("boom"); });
    Nudge("on", "message", function () { throw null; });
    Nudge("on", "message", function () { throw Symbol("weird"); });
    Nudge("on", "message", function (m) { window.__after = (window.__after || 0) + 1; });`;
  const { context, page, log, errors, outcome } = await load({ before });
  assert.equal(outcome, "ready");
  assert.ok(page && (await page.evaluate(() => window.__fired.includes("hello"))), "the stub's own subscriber heard it");
  assert.equal(await page.evaluate(() => window.__after), 1, "the subscriber after the throwing ones heard it");
  assert.ok(log.some((l) => l.type === "error" && l.text.includes("[nudge] an event callback threw")), ours(log).join("\n"));
  assert.deepEqual(errors, []);
  await stillWorks(page);
  assert.equal(await page.evaluate(() => window.__after), 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a subscriber that calls Nudge() from inside its callback is handled without an exception", async () => {
  const before = `Nudge("on", "message", function (m) { if (m.id === "hello") { Nudge("send", "Réponse du rappel"); Nudge("track", "added_to_cart"); Nudge("open"); } });
    Nudge("on", "opened", function () { if (!window.__reopened) { window.__reopened = true; Nudge("close"); Nudge("open"); } });
    Nudge("on", "visitor_message", function (m) { if (m.text === "Réponse du rappel") Nudge("agentMessage", "Vu"); });`;
  const { context, page, errors, outcome } = await load({ before });
  assert.equal(outcome, "ready");
  await page.waitForTimeout(200);
  assert.deepEqual(errors, []);
  await widget(page).locator("[role=dialog]").waitFor();
  const texts = await conversation(page);
  assert.ok(texts.includes("Réponse du rappel"), JSON.stringify(texts));
  assert.ok(texts.includes("Vu"), JSON.stringify(texts));
  assert.ok(await page.evaluate(() => window.__fired.includes("cart")));
  await context.close();
});

test("a subscriber that unsubscribes itself and subscribes others during an event is handled", async () => {
  const before = `function once(m) { Nudge("off", "message", once); Nudge("on", "message", function () { window.__late = true; }); window.__once = (window.__once || 0) + 1; }
    Nudge("on", "message", once);`;
  const { context, page, errors, outcome } = await load({ before });
  assert.equal(outcome, "ready");
  await page.evaluate(() => window.Nudge("track", "added_to_cart"));
  await page.waitForFunction(() => window.__fired.includes("cart"));
  assert.equal(await page.evaluate(() => window.__once), 1);
  assert.equal(await page.evaluate(() => window.__late), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test("10 000 calls queued before the tag are replayed in order without an exception", async () => {
  const before = `for (var i = 0; i < 10000; i++) {
      if (i % 4 === 0) Nudge("set", { step: i });
      else if (i % 4 === 1) Nudge("track", "nothing_" + i);
      else if (i % 4 === 2) Nudge("setTeamStatus", i % 3 ? "busy" : "online");
      else Nudge("toggle");
    }
    Nudge("send", "Dernier appel"); Nudge("open");
    window.__queued = Nudge.q.length;`;
  const init = () => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); })
      .observe({ type: "longtask", buffered: true });
  };
  const started = Date.now();
  const { context, page, errors, outcome, log } = await load({ before, init });
  const took = Date.now() - started;
  assert.equal(outcome, "ready");
  assert.equal(await page.evaluate(() => window.__queued), 10_002 + 2, "the stub held every call (and its two subscriptions)");
  assert.equal(await page.evaluate(() => window.Nudge.q.length), 0, "the queue was emptied");
  await widget(page).locator("[role=dialog]").waitFor();
  // The page-view message may come last: once-per-session messages fire
  // once this tab's claim is granted (a Web Lock, a task later).
  assert.equal((await conversation(page)).filter((t) => t !== "Bienvenue").at(-1), "Dernier appel");
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings(log), [], "none of these calls is wrong");
  const long = await page.evaluate(() => window.__long);
  console.log(`# 10 000 queued calls: ready ${took} ms after navigation; long tasks ${JSON.stringify(long)}`);
  assert.ok(took < 10_000, `${took} ms`);
  await context.close();
});

test("10 000 unknown commands queued before the tag do not stop the widget from starting", async () => {
  const before = `for (var i = 0; i < 10000; i++) Nudge("nope" + i);`;
  const { context, page, errors, outcome } = await load({ before });
  assert.equal(outcome, "ready");
  assert.deepEqual(errors, []);
  await stillWorks(page);
  await context.close();
});

test("a 1 MB message through Nudge('send') neither throws nor freezes the widget", async () => {
  const { context, page, errors, log } = await load();
  const took = await page.evaluate(() => {
    const t = performance.now();
    window.Nudge("send", "m".repeat(1_000_000));
    return performance.now() - t;
  });
  await page.waitForTimeout(100);
  assert.deepEqual(errors, []);
  await stillWorks(page);
  const stored = await page.evaluate(() => (localStorage.getItem("nudge:1:state") || "").length);
  console.log(`# 1 MB send: ${Math.round(took)} ms in the call; stored state ${stored} characters; warnings ${JSON.stringify(warnings(log).map((w) => w.slice(0, 120)))}`);
  await context.close();
});

test("a message longer than the limit is refused with one warning (limits.rs: MAX_MESSAGE_CHARS)", async () => {
  const { context, page, errors, log } = await load();
  const before = warnings(log).length;
  await page.evaluate(() => window.Nudge("send", "m".repeat(1_000_000)));
  await page.waitForTimeout(100);
  const said = warnings(log).slice(before);
  assert.equal(said.length, 1, JSON.stringify(said.map((w) => w.slice(0, 200))));
  await page.evaluate(() => window.Nudge("open"));
  await widget(page).locator("[role=dialog]").waitFor();
  assert.ok(!(await conversation(page)).some((t) => t.length > 2_000), "the 1 MB message is not in the conversation");
  assert.deepEqual(errors, []);
  await context.close();
});

test("an agent message longer than the limit is refused with one warning, and a long one within it is shown", async () => {
  const { context, page, errors, log } = await load();
  const before = warnings(log).length;
  await page.evaluate(() => window.Nudge("agentMessage", "a".repeat(2_001)));
  await page.waitForTimeout(100);
  const said = warnings(log).slice(before);
  assert.equal(said.length, 1, JSON.stringify(said.map((w) => w.slice(0, 200))));
  assert.match(said[0], /agentMessage.*longer than 2000 characters/);
  await page.evaluate(() => window.Nudge("agentMessage", "b".repeat(2_000)));
  await page.evaluate(() => window.Nudge("open"));
  await widget(page).locator("[role=dialog]").waitFor();
  const texts = await conversation(page);
  assert.ok(!texts.some((t) => t.includes("a".repeat(2_001))), "the refused message is not in the conversation");
  assert.ok(texts.some((t) => t.includes("b".repeat(2_000))), "the message at the limit is shown");
  assert.deepEqual(errors, []);
  await context.close();
});

test("ten 1 MB messages, agent replies, event names and attributes leave the widget working", async () => {
  const { context, page, errors } = await load();
  await page.evaluate(() => {
    const big = (c) => c.repeat(1_000_000);
    for (let i = 0; i < 10; i++) window.Nudge("send", big(String(i)));
    window.Nudge("agentMessage", big("a"));
    window.Nudge("track", big("t"));
    window.Nudge("set", { big: big("s") });
    window.Nudge("on", big("e"), function () {});
  });
  await page.waitForTimeout(200);
  assert.deepEqual(errors, []);
  await stillWorks(page);
  await page.reload();
  const log = [];
  page.on("console", (m) => log.push({ type: m.type(), text: m.text() }));
  assert.equal(await settle(page, log), "ready", "the widget starts again on the next page load");
  assert.deepEqual(errors, []);
  await context.close();
});

test("calls after a failed start (a config that cannot be fetched) are ignored with a single warning", async () => {
  env.json("/api/missing.json", "gone", 404);
  const { context, page, log, errors, outcome } = await load({ configUrl: "/api/missing.json", before: "Nudge('send', 'avant');" });
  assert.equal(outcome, "failed");
  const threw = await page.evaluate(() => {
    const calls = [[], ["open"], ["send", "x"], ["send", "m".repeat(1_000_000)], ["on", "ready", function () { window.__readyAfterFail = true; }],
      ["set", { a: 1 }], ["track", "e"], ["reset"], ["consent", true], ["nope"], [null], ["setTeamStatus", "busy"]];
    const out = [];
    for (const c of calls) { try { window.Nudge.apply(null, c); } catch (e) { out.push(String(e)); } }
    return out;
  });
  await page.waitForTimeout(200);
  assert.deepEqual(threw, []);
  assert.deepEqual(errors, []);
  assert.equal(log.filter((l) => l.text.includes("dropped")).length, 1, ours(log).join("\n"));
  assert.equal(await page.evaluate(() => window.Nudge.q.length), 0, "nothing is kept");
  assert.equal(await page.evaluate(() => window.__readyAfterFail), undefined);
  assert.equal(await page.locator("#nudge-widget").count(), 0);
  await context.close();
});

test("calls after a failed start (a data-config that is not a URL) are ignored without an exception", async () => {
  const { context, page, errors, outcome } = await load({ configUrl: "http://[" });
  assert.equal(outcome, "failed");
  await page.evaluate(() => { for (let i = 0; i < 1000; i++) window.Nudge(i % 2 ? "open" : "bogus", i); });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a queue holding entries that are not argument lists does not throw into the page", async () => {
  const html = robustPage({ inline: JSON.stringify(config), before: "Nudge.q.push(null, 42, 'open', {}, { length: 2 }, [undefined]);" });
  const context = await env.browser.newContext();
  const { page, log, errors } = await openPage(context, env.page(`/api/${n++}.html`, html));
  const outcome = await settle(page, log, 5_000).catch((e) => String(e));
  assert.deepEqual(errors, [], "no exception reaches the host page");
  assert.equal(await page.evaluate(() => window.afterTag), true);
  assert.equal(outcome, "ready");
  await stillWorks(page);
  await context.close();
});

test("a window.Nudge that is not a function (a host global of the same name) does not throw into the page", async () => {
  for (const value of ["42", "'Nudge'", "{ q: 'not a list' }", "{ q: null }", "null", "[]"]) {
    const html = robustPage({ inline: JSON.stringify(config), before: `window.Nudge = ${value};` });
    const context = await env.browser.newContext();
    const { page, log, errors } = await openPage(context, env.page(`/api/${n++}.html`, html));
    const outcome = await settle(page, log);
    assert.deepEqual(errors, [], `window.Nudge = ${value}`);
    assert.equal(outcome, "ready", `window.Nudge = ${value}`);
    await context.close();
  }
});

test("a window.Nudge that cannot be replaced does not throw into the page", async () => {
  const before = "Object.defineProperty(window, 'Nudge', { value: window.Nudge, writable: false, configurable: false });";
  const html = robustPage({ inline: JSON.stringify(config), before });
  const context = await env.browser.newContext();
  const { page, log, errors } = await openPage(context, env.page(`/api/${n++}.html`, html));
  await page.waitForTimeout(1_000);
  assert.deepEqual(errors, [], "no exception reaches the host page");
  assert.equal(await page.evaluate(() => window.afterTag), true);
  assert.ok(ours(log).length > 0, "the console says why the widget does not run");
  await context.close();
});
