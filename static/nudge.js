/* Nudge loader: the one classic <script> tag a merchant pastes.
 *
 *   <script src="https://widget-host.example/nudge.js"
 *           data-config="https://shop.example/nudge.json" async></script>
 *
 * It defines window.Nudge at once (calls are queued until the wasm is ready),
 * loads the widget's module and wasm relative to its own URL, gathers the
 * config (data-config URL, <script type="application/json" id="nudge-config">
 * or window.NudgeSettings) in parallel, then starts the widget. Nothing here
 * throws into the host page, and a second copy of the tag does nothing. */
(function (w, d) {
  "use strict";
  var existing = w.Nudge;
  if (existing && existing.loaded) return;
  var queue = (existing && existing.q) || [];
  var forward = null;
  var api = function () {
    if (forward) forward(arguments);
    else queue.push(arguments);
  };
  api.q = queue;
  api.loaded = true;
  w.Nudge = api;

  var script = d.currentScript;
  var data = (script && script.dataset) || {};
  var base = new URL(".", (script && script.src) || location.href);
  var mark = function (name) {
    try { performance.mark("nudge:" + name); } catch (e) { /* old browser */ }
  };
  var fail = function (what, error) {
    try { console.error("[nudge] " + what, error); } catch (e) { /* no console */ }
  };

  function whenParsed() {
    return d.readyState === "loading"
      ? new Promise(function (ok) { d.addEventListener("DOMContentLoaded", ok, { once: true }); })
      : Promise.resolve();
  }

  function loadConfig() {
    if (data.config) {
      var url = new URL(data.config, location.href).href;
      var source = "config " + url;
      return fetch(url, { credentials: "omit" }).then(function (r) {
        if (!r.ok) return { source: source, error: "HTTP " + r.status + " " + r.statusText };
        return r.text().then(function (text) { return { source: source, config: text }; });
      }, function (e) { return { source: source, error: String(e && e.message || e) }; });
    }
    return whenParsed().then(function () {
      var inline = d.getElementById("nudge-config");
      if (inline) return { source: "the inline config (#nudge-config)", config: inline.textContent };
      if (w.NudgeSettings !== undefined) {
        try {
          return { source: "window.NudgeSettings", config: JSON.stringify(w.NudgeSettings) };
        } catch (e) {
          return { source: "window.NudgeSettings", error: String(e && e.message || e) };
        }
      }
      return { source: "the config", error: "no data-config, #nudge-config or window.NudgeSettings on this page" };
    });
  }

  // Nothing heavy happens before the host page's `load` event: the module is
  // imported and the wasm fetched and compiled (streaming) once the page has
  // loaded, and the widget starts in a task of its own after that, so the
  // widget never delays `load` and never makes a long task out of it.
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
    m.start(options);
    mark("started");
    api.memoryBytes = function () { return m.memoryBytes(); };
    forward = function (args) {
      try { m.command(Array.prototype.slice.call(args)); } catch (e) { fail("command failed", e); }
    };
    while (queue.length) forward(queue.shift());
  }).catch(function (e) { fail("the widget could not start:", e); });
})(window, document);
