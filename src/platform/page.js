// The one door between the host page and the widget's wasm (see guard.rs).
// The loader creates it (static/nudge.js carries a generated copy of this
// function) and hands it to the wasm as `options.guard`. Every history
// wrapper, page listener, timer, microtask, widget DOM event and Nudge() call
// reaches the wasm through `call`. The first exception out of the wasm kills
// the widget for the page's life: every hook is undone (history.pushState /
// replaceState are the host's own functions again), the widget is removed,
// one console error and one `error` event say so, and every later call is
// swallowed. `o`: `root` (the shadow root to remove), `dead()` (told on
// death), `base` (the URL the wasm and its glue are under).
export function guard(o) {
  let dead, n = 0, subs = [], locked, alone = false;
  const hooks = new Map();
  const add = (undo) => (hooks.set(++n, undo), n);
  const g = {
    call(f, a) {
      if (!dead) try { return f(a); } catch (e) { g.die(e); }
    },
    die(e) {
      if (dead) return;
      dead = 1;
      for (const undo of hooks.values()) try { undo(); } catch (_) {}
      hooks.clear();
      if (locked) g.lock();
      try { o.root.host.remove(); } catch (_) {}
      let why = "?";
      try { why = String(e); } catch (_) {}
      const message = "[nudge] the widget stopped after an internal error (" + why + ")";
      console.error(message);
      try { o.dead && o.dead(); } catch (_) {}
      for (const [k, f] of subs.splice(0)) if (k == "error") try { f({ message }); } catch (_) {}
    },
    // A passive listener on `t`; `off(id)` removes it.
    listen(t, type, f) {
      const l = (e) => g.call(f, e);
      t.addEventListener(type, l, { passive: true });
      return add(() => t.removeEventListener(type, l));
    },
    // history[name] wrapped: the host's function first, its result or
    // exception unchanged, then `f`. Undone: the host's function is put back
    // (or, if someone wrapped ours since, ours only calls it).
    wrap(name, f) {
      const h = history, host = h[name];
      let live = 1;
      if (typeof host != "function") return 0;
      const ours = function () {
        const r = host.apply(this, arguments);
        if (live) g.call(f);
        return r;
      };
      h[name] = ours;
      return add(() => { live = 0; if (h[name] === ours) h[name] = host; });
    },
    off(id) {
      const undo = hooks.get(id);
      hooks.delete(id);
      if (undo) undo();
    },
    // `f` in `ms` milliseconds, or in a microtask (end of this task) when
    // `ms` < 0; `off(id)` cancels a timeout.
    later(f, ms) {
      if (ms < 0) return queueMicrotask(() => g.call(f));
      const id = add(() => clearTimeout(t));
      const t = setTimeout(() => { hooks.delete(id); g.call(f); }, ms);
      return id;
    },
    // Tab census: every tab of the site holds the shared lock `name` for
    // its life and says hello on a BroadcastChannel of that name; each hello
    // (and each return to the tab) recounts the holders. While this tab is
    // alone, a claim is granted at once (so a message fires at its due time,
    // to the millisecond); with other tabs it waits for the lock manager.
    tabs(name) {
      alone = true; // until the count says otherwise (a few ms)
      try {
        const count = () => navigator.locks.query().then((s) => {
          alone = s.held.filter((l) => l.name == name).length < 2;
        }, () => {});
        const channel = new BroadcastChannel(name);
        channel.onmessage = count;
        // Hello once held, so that the others count this tab too.
        navigator.locks.request(name, { mode: "shared" }, () => {
          count();
          channel.postMessage(0);
          return new Promise(() => {});
        });
        add(() => channel.close());
        g.listen(document, "visibilitychange", count);
      } catch (e) { alone = true; /* no lock manager: every claim is granted */ }
    },
    // `f(granted)` once the Web Lock `name` is asked for (ifAvailable) and
    // held for the page's life (see locks.rs); granted without a lock
    // manager or when the browser refuses the request. Alone (see `tabs`),
    // granted at once, the lock still taken for tabs opened later.
    claim(name, f) {
      const done = (v) => g.call(f, v);
      try {
        navigator.locks.request(name, { ifAvailable: true }, (l) => {
          if (!alone) done(!!l);
          if (l) return new Promise(() => {});
        }).catch(() => alone || done(true));
      } catch (e) { return done(true); }
      if (alone) done(true);
    },
    // The widget's own DOM events (the view listens on its mount element)
    // go through `call` too.
    root(el) {
      const on = el.addEventListener;
      el.addEventListener = function (t, l, x) {
        return on.call(this, t, typeof l == "function" ? (e) => g.call(l, e) : l, x);
      };
    },
    // Subscribes `f` to the JS API event `k`, or (`on` false) unsubscribes
    // it (every subscriber of `k` when `f` is null).
    sub(k, f, on) {
      if (on) subs.push([k, f]);
      else subs = subs.filter((s) => s[0] != k || (f != null && s[1] !== f));
    },
    emit(k, d) {
      for (const [j, f] of subs.filter((s) => s[0] == k)) {
        try { f(d); } catch (e) { console.error("[nudge] an event callback threw:", e); }
      }
    },
    // The page behind a full-screen panel does not scroll (phones).
    lock(on) {
      const s = document.documentElement.style;
      if (on) s.setProperty("overflow", "hidden"); else s.removeProperty("overflow");
      locked = on;
    },
  };
  // A trap in a task the browser runs for the wasm itself (a future's
  // microtask) kills the widget like any other, and its error
  // event never reaches the page. Ours: the error's first stack frame is
  // under `base`. Kept after death, to swallow what was already queued.
  addEventListener("error", (e) => {
    const top = /\n\s*at (.*)|^[^@\n]*@(.*)/.exec(e.error && e.error.stack);
    if (o.base && top && (top[1] || top[2]).includes(o.base)) {
      e.preventDefault();
      g.die(e.error);
    }
  }, true);
  return g;
}
