// Statistics and inbox delivery; see src/analytics/mod.rs for the design
// (outbox, delivery, retries) and README "Statistics" for the formats.
const w = globalThis, QUIET = 3e3, RETRY = 5e3, LIMIT = 200, FLUSH_AT = 20;
let s, mem, visitor, token, seq = 0, session = 0, quiet = 0, sending = 0, failed = 0;
const posting = {};

const safe = (f) => (...a) => {
  try { return f(...a); } catch (e) { try { console.warn("[nudge]", e); } catch (_) {} }
};
const rnd = (n) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => (b % 36).toString(36)).join("");
const get = (k) => { try { return localStorage.getItem(s.prefix + k); } catch (e) {} };
const put = (k, v) => { try { localStorage.setItem(s.prefix + k, v); return 1; } catch (e) {} };
// A stored outbox of another shape (corrupt, or written by something else)
// is replaced by an empty one: it must never stop delivery for good.
const load = () => {
  if (mem) return mem;
  let o;
  try { o = JSON.parse(s.consent && get("outbox")); } catch (e) {}
  return o && Array.isArray(o.items) && o.dropped >= 0
    ? { dropped: +o.dropped, items: o.items.filter((x) => x && typeof x == "object" && typeof x.key == "string") }
    : { dropped: 0, items: [] };
};
const save = (o) => { mem = s.consent && put("outbox", JSON.stringify(o)) ? 0 : o; };
const keep = () => s.consent && put("visitor", visitor);
const events = (o) => o.items.filter((x) => !x.v);
const key = () => visitor + "-" + token + "." + ++seq;
const change = (f) => { const o = load(); f(o); save(o); return o; };
const forget = (keys, dropped) => change((o) => {
  o.items = o.items.filter((x) => !keys.includes(x.key));
  o.dropped = Math.max(0, o.dropped - dropped);
});
const add = (x) => change((o) => {
  o.items.push(x);
  while (o.items.length > LIMIT) {
    const i = o.items.findIndex((y) => !y.v);
    if (i >= 0) o.dropped++;
    o.items.splice(Math.max(i, 0), 1);
  }
});

const post = (url, body, mode) =>
  fetch(url, { method: "POST", body, keepalive: true, credentials: "omit", mode })
    .then((r) => (r.status < 400 ? r.text() : Promise.reject(r.status)));
const beacon = (url, body) => {
  try { if (navigator.sendBeacon(url, body)) return; } catch (e) {}
  post(url, body, "no-cors").catch(() => {});
};
const fail = () => { failed = Date.now(); };

const flush = (leaving) => {
  quiet = 0;
  const o = load(), ev = events(o), dropped = o.dropped;
  if (s.endpoint && (ev.length || dropped) && (leaving || !sending)) {
    const body = JSON.stringify({ v: 1, site: s.site, visitor, session, sent_at: Date.now(), dropped, events: ev });
    if (leaving) beacon(s.endpoint, body);
    else {
      sending = 1;
      post(s.endpoint, body, "no-cors")
        .then(() => { failed = 0; forget(ev.map((x) => x.key), dropped); }, fail)
        .finally(() => { sending = 0; if (!failed && !quiet && events(load()).length) flush(); });
    }
  }
  for (const m of s.inbox ? o.items.filter((x) => x.v) : []) {
    const body = JSON.stringify(m);
    if (leaving) beacon(s.inbox, body);
    else if (!posting[m.key]) {
      posting[m.key] = 1;
      post(s.inbox, body, "cors")
        .then((text) => {
          forget([m.key], 0);
          let replies = [];
          try { replies = JSON.parse(text).replies || []; } catch (e) {}
          for (const r of replies) if (typeof r == "string" && r.trim()) w.Nudge("agentMessage", r);
        }, fail)
        .finally(() => { delete posting[m.key]; });
    }
  }
};

// Indexed by the codes of sender.rs.
const on = [
  (site, endpoint, inbox, prefix, n) => {
    s = { site, endpoint, inbox, prefix, gtm: n & 1, matomo: n & 2, plausible: n & 4, consent: n & 8 };
    visitor = get("visitor");
    if (!/^[0-9a-z]{12}$/.test(visitor)) visitor = rnd(12); // absent or not ours
    token = rnd(4);
    keep();
    addEventListener("pagehide", safe(() => flush(1)));
    addEventListener("online", safe(() => flush()));
  },
  (type, message, trigger, _, n) => {
    if (!s.consent) return;
    message = message.slice(0, 100);
    trigger = trigger || undefined;
    const path = location.pathname.slice(0, 100), index = n < 0 ? undefined : n;
    const p = JSON.parse(JSON.stringify({ nudge_message_id: message, nudge_trigger: trigger, nudge_page_path: path, nudge_starter_index: index }));
    if (s.gtm) safe(() => (w.dataLayer = w.dataLayer || []).push({ event: "nudge_" + type, ...p }))();
    if (s.matomo) safe(() => (w._paq = w._paq || []).push(["trackEvent", "Nudge", type, message]))();
    if (s.plausible && typeof w.plausible == "function") {
      safe(w.plausible)("Nudge " + type.split("_").map((x) => x[0].toUpperCase() + x.slice(1)).join(" "), { props: p });
    }
    if (s.endpoint) {
      const at = Date.now();
      quiet = at + QUIET;
      if (events(add({ key: key(), type, message, trigger, path, index, at })).length >= FLUSH_AT) flush();
    }
  },
  (message_id, text, answered) => {
    if (s.inbox) {
      add({ v: 1, key: key(), conversation: visitor, message_id, text, url: location.href, answered: answered || null, at: Date.now() });
      flush();
    }
  },
  (a, b, c, d, n) => {
    s.consent = n;
    const o = mem;
    if (n && o) {
      mem = 0;
      change((stored) => stored.items.push(...o.items));
    }
    keep();
  },
  () => {
    flush(1);
    change((o) => { o.items = o.items.filter((x) => x.v); o.dropped = 0; });
    visitor = rnd(12);
    keep();
  },
  () => flush(),
  () => { if (quiet && Date.now() >= quiet) flush(); },
  (a, b, c, d, n) => {
    session = n || session;
    if (failed) { if (Date.now() - failed >= RETRY) flush(); }
    else if (!quiet && !sending && load().items.length) quiet = Date.now() + QUIET;
  },
];

export const nudge_stats = (what, a, b, c, d, n) => {
  safe(on[what])(a, b, c, d, n);
  return quiet;
};
