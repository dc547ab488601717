/* Nudge loader: the one classic <script> tag a merchant pastes.
 *
 *   <script src="https://widget-host.example/nudge.js"
 *           data-config="https://shop.example/nudge.json" async></script>
 *
 * It defines window.Nudge at once (calls are queued until the wasm is ready),
 * gathers the config (data-config URL, <script type="application/json"
 * id="nudge-config"> or window.NudgeSettings), and once the page has loaded
 * imports the widget's module and wasm (relative to its own URL) and hands
 * both over to it: the wasm's runtime chooses the config, mounts and runs.
 *
 * Nothing here throws into the host page: every URL, fetch, import and JSON
 * call is guarded, and every failure is one clear `[nudge]` console line.
 * When the widget knows it cannot start, queued and later calls are dropped
 * with one warning. A second copy of the tag does nothing. */
(function (w, d) {
  "use strict";
  var say = function (kind, message) {
    try { console[kind]("[nudge] " + message); } catch (e) { /* no console */ }
  };
  var describe = function (e) {
    try { return String((e && e.message) || e); } catch (x) { return "unknown error"; }
  };
  var mark = function (name) {
    try { performance.mark("nudge:" + name); } catch (e) { /* old browser */ }
  };

  var existing = w.Nudge;
  if (existing && existing.loaded) return;
  // Calls made before this tag ran (the inline stub of the README).
  var queue = existing && Array.isArray(existing.q) ? existing.q : [];
  var forward = null; // set once the wasm runs
  var failed = false; // the widget cannot start: calls are dropped
  var warnedDrop = false;
  var dropped = function (count) {
    if (warnedDrop) return;
    warnedDrop = true;
    say("warn", (count > 1 ? count + " calls" : "a call") +
      " to Nudge() dropped: the widget could not start (see the error above); later calls are ignored");
  };
  var api = function () {
    try {
      if (failed) dropped(1);
      else if (forward) forward(arguments);
      else queue.push(arguments);
    } catch (e) { say("error", "Nudge() failed: " + describe(e)); }
  };
  api.q = queue;
  api.loaded = true;
  w.Nudge = api;

  /** The widget cannot start: say why once, drop what waits. */
  function giveUp(message) {
    if (failed) return;
    failed = true;
    if (message) say("error", message);
    var count = queue.length;
    queue.length = 0;
    if (count) dropped(count);
  }

  try {
    main();
  } catch (e) {
    giveUp("the widget could not start: " + describe(e));
  }

  function main() {
    var script = d.currentScript;
    var data = (script && script.dataset) || {};
    var base = new URL(".", (script && script.src) || location.href);

    function whenParsed() {
      return d.readyState === "loading"
        ? new Promise(function (ok) { d.addEventListener("DOMContentLoaded", ok, { once: true }); })
        : Promise.resolve();
    }

    /** Resolves to { source, config } or { source, error }; never rejects. */
    function fetchConfig(attribute) {
      var url;
      try {
        url = new URL(attribute, location.href);
        if (!/^https?:$/.test(url.protocol)) throw new Error("only http: and https: URLs can be fetched");
      } catch (e) {
        return Promise.resolve({ source: "data-config \"" + attribute + "\"", error: "not a valid URL (" + describe(e) + ")" });
      }
      var source = "config " + url.href;
      var failure = function (e) { return { source: source, error: describe(e) }; };
      try {
        return fetch(url.href, { credentials: "omit" }).then(function (r) {
          var final = r.url || url.href;
          if (final !== url.href) {
            // Every message about this config names where it really came from.
            source = "config " + url.href + " (redirected to " + final + ")";
            if (new URL(final).origin !== url.origin) {
              say("warn", source + ": the config comes from another origin than data-config says");
            }
          }
          if (!r.ok) return { source: source, error: "HTTP " + r.status + " " + r.statusText };
          return r.text().then(function (text) { return { source: source, config: text }; }, failure);
        }).catch(failure);
      } catch (e) {
        return Promise.resolve(failure(e));
      }
    }

    function loadConfig() {
      if (data.config !== undefined) {
        return data.config
          ? fetchConfig(data.config)
          : Promise.resolve({ source: "data-config", error: "the attribute is empty" });
      }
      return whenParsed().then(function () {
        var inline = d.getElementById("nudge-config");
        if (inline) return { source: "the inline config (#nudge-config)", config: inline.textContent };
        if (w.NudgeSettings !== undefined) {
          try {
            return { source: "window.NudgeSettings", config: JSON.stringify(w.NudgeSettings) };
          } catch (e) {
            return { source: "window.NudgeSettings", error: describe(e) };
          }
        }
        return { source: "the config", error: "no data-config, #nudge-config or window.NudgeSettings on this page" };
      });
    }

    // Nothing heavy happens before the host page's `load` event: the module
    // is imported and the wasm fetched and compiled (streaming) once the page
    // has loaded, and the widget starts in a task of its own after that, so
    // the widget never delays `load` and never makes a long task out of it.
    var afterLoad = d.readyState === "complete"
      ? Promise.resolve()
      : new Promise(function (ok) { w.addEventListener("load", ok, { once: true }); });
    var module = afterLoad.then(function () {
      mark("import");
      return import(new URL("app/nudge.js", base).href);
    }).then(function (m) {
      mark("instantiate");
      return m.default({ module_or_path: new URL("app/nudge_bg.wasm", base) })
        .then(function () { return new Promise(function (ok) { setTimeout(ok, 0); }); })
        .then(function () { return m; });
    });
    Promise.all([module, loadConfig()]).then(function (both) {
      var m = both[0], options = both[1];
      options.establishment = data.establishment || null;
      mark("start");
      // False when no usable config: the runtime has said why.
      if (!m.start(options)) return giveUp();
      mark("started");
      api.memoryBytes = function () { return m.memoryBytes(); };
      forward = function (args) {
        try { m.command(Array.prototype.slice.call(args)); } catch (e) { say("error", "command failed: " + describe(e)); }
      };
      // Known when the widget runs with its first page view handled.
      forward(["on", "ready", function () { api.ready = true; mark("interactive"); }]);
      while (queue.length) forward(queue.shift());
    }).catch(function (e) {
      giveUp("the widget could not start: " + describe(e));
    });
  }
})(window, document);
