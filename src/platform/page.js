// The one door between the host page and the widget's wasm (see guard.rs).
// Every history wrapper, page listener, timer, microtask, widget DOM event
// and Nudge() call reaches the wasm through `call`. The first exception out
// of the wasm kills the widget for the page's life: every hook is undone
// (history.pushState / replaceState are the host's own functions again), the
// widget is removed, one console error and one `error` event say so, and
// every later call is swallowed.
export function guard(o) {
  let dead = false, n = 0, subs = [], locked = false;
  const hooks = new Map();
  const base = import.meta.url.replace(/snippets\/.*/, "");
  const add = (undo) => (hooks.set(++n, undo), n);
  const g = {
    call(f, a) {
      if (!dead) try { return f(a); } catch (e) { g.die(e); }
    },
    die(e) {
      if (dead) return;
      dead = true;
      for (const undo of hooks.values()) try { undo(); } catch (_) {}
      hooks.clear();
      if (locked) g.lock(false);
      try { o.root.host.remove(); } catch (_) {}
      let m = "unknown error";
      try { m = String(e); } catch (_) {}
      m = "[nudge] the widget stopped after an internal error (" + m + ") and is removed from this page";
      try { console.error(m); } catch (_) {}
      try { o.dead && o.dead(); } catch (_) {}
      for (const [k, f] of subs.splice(0)) if (k == "error") try { f({ message: m }); } catch (_) {}
    },
    // A passive listener on `t`; the id undoes it.
    listen(t, type, f) {
      if (dead) return 0;
      const l = (e) => g.call(f, e);
      t.addEventListener(type, l, { passive: true });
      return add(() => t.removeEventListener(type, l));
    },
    // history[name] wrapped: the host's function first, its result or
    // exception unchanged, then `f`. Undone: the host's function is put back
    // (or, if someone wrapped ours since, ours only calls it).
    wrap(name, f) {
      const h = history, host = h[name];
      let live = true;
      if (dead || typeof host != "function") return 0;
      const ours = function () {
        const r = host.apply(this, arguments);
        if (live) g.call(f);
        return r;
      };
      h[name] = ours;
      return add(() => { live = false; if (h[name] === ours) h[name] = host; });
    },
    off(id) {
      const undo = hooks.get(id);
      hooks.delete(id);
      if (undo) undo();
    },
    later: (f, ms) => setTimeout(() => g.call(f), ms),
    cancel: (id) => clearTimeout(id),
    soon: (f) => queueMicrotask(() => g.call(f)),
    // The widget's own DOM events (Yew listens on its root element) go
    // through `call` too.
    root(el) {
      const on = el.addEventListener;
      el.addEventListener = function (t, l, x) {
        return on.call(this, t, typeof l == "function" ? (e) => g.call(l, e) : l, x);
      };
    },
    on: (k, f) => { if (!dead) subs.push([k, f]); },
    unsub: (k, f) => { subs = subs.filter((s) => s[0] != k || (f != null && s[1] !== f)); },
    emit(k, d) {
      for (const [j, f] of subs.filter((s) => s[0] == k)) {
        try { f(d); } catch (e) { try { console.error("[nudge] an event callback threw:", e); } catch (_) {} }
      }
    },
    // The page behind a full-screen panel does not scroll (phones).
    lock(on) {
      try {
        const s = document.documentElement.style;
        if (on) s.setProperty("overflow", "hidden"); else s.removeProperty("overflow");
        locked = on;
      } catch (_) {}
    },
    get dead() { return dead; },
  };
  // A trap in a task the browser runs for the wasm itself (Yew's rendering
  // microtasks): its error event never reaches the page, and kills the
  // widget like any other. Ours: the error's first stack frame is in our
  // files. Kept after death, to swallow what was already queued.
  addEventListener("error", (e) => {
    const top = /\n\s*at (.*)|^[^@\n]*@(.*)/.exec(String(e.error && e.error.stack));
    if (top && (top[1] || top[2]).indexOf(base) >= 0) {
      e.preventDefault();
      g.die(e.error);
    }
  }, true);
  o.die = g.die;
  o.call = g.call;
  return g;
}
