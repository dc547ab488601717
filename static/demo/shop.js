/* The demo shop: a small fake French shop (with an English version) built from
 * the seeds, reachable by real page loads or as a single-page app, plus a
 * control drawer that drives the widget through its JavaScript API. Demo
 * code only: the widget itself is static/nudge.js + the wasm. */
(function () {
  "use strict";
  var prefs = JSON.parse(sessionStorage.getItem("nudge-demo") || "{}");
  var lang = prefs.lang || "fr";
  var save = function () { sessionStorage.setItem("nudge-demo", JSON.stringify(prefs)); };
  var T = {
    fr: {
      shop: "Boutique Démo", home: "Accueil", canon: "Appareil photo Canon", bikes: "Vélos", compare: "Comparer",
      cart: "Panier", order: "Commande", spa: "Navigation sans rechargement (pushState)",
      drawer: "Commandes de la démo", status: "Statut de l'équipe", reply: "Réponse de l'agent", send: "Envoyer la réponse",
      speed: "Vitesse du temps", reset: "Oublier ce visiteur", stats: "Statistiques", shopIn: "Établissement",
      pages: {
        "": ["Bienvenue !", "Appareils photo, vélos et accessoires, livrés en 2 à 4 jours."],
        "canon-eos.html": ["Canon EOS R8", "Le tout nouvel appareil photo Canon : capteur plein format 24 Mpx, vidéo 4K. 1 699 €."],
        "bicycles.html": ["Nos vélos", "Vélos de ville, de route et électriques. Une gourde offerte pour tout vélo de plus de 10 000 CZK."],
        "compare.html": ["Comparer les produits", "Canon EOS R8 ou Canon EOS R6 Mark II ? Comparez leurs caractéristiques."],
        "cart/step2.html": ["Panier — étape 2 : livraison", "Adresse de livraison, mode de paiement…"],
        "order/success.html": ["Merci pour votre commande !", "Votre commande n° 2026-1125 est confirmée."]
      }
    },
    en: {
      shop: "Demo Shop", home: "Home", canon: "Canon camera", bikes: "Bicycles", compare: "Compare",
      cart: "Cart", order: "Order", spa: "Navigate without reloads (pushState)",
      drawer: "Demo controls", status: "Team status", reply: "Agent reply", send: "Send the reply",
      speed: "Time speed", reset: "Forget this visitor", stats: "Statistics", shopIn: "Establishment",
      pages: {
        "": ["Welcome!", "Cameras, bicycles and accessories, delivered in 2 to 4 days."],
        "canon-eos.html": ["Canon EOS R8", "Our brand-new Canon camera: 24 MP full frame, 4K video. €1,699."],
        "bicycles.html": ["Our bicycles", "City, road and electric bikes. A free bottle with any bike over 10,000 CZK."],
        "compare.html": ["Compare products", "Canon EOS R8 or Canon EOS R6 Mark II? Compare them side by side."],
        "cart/step2.html": ["Cart — step 2: delivery", "Delivery address, payment method…"],
        "order/success.html": ["Thank you for your order!", "Your order no. 2026-1125 is confirmed."]
      }
    }
  }[lang];
  var links = [["", T.home], ["canon-eos.html", T.canon], ["bicycles.html", T.bikes], ["compare.html", T.compare], ["cart/step2.html", T.cart], ["order/success.html", T.order]];
  var root = "/demo/";
  var here = function () {
    var p = location.pathname.indexOf(root) === 0 ? location.pathname.slice(root.length) : "";
    return p === "index.html" ? "" : p;
  };
  var el = function (tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === "text") e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); });
    (kids || []).forEach(function (k) { e.appendChild(k); });
    return e;
  };
  var main = el("main");
  function render() {
    var page = T.pages[here()] || T.pages[""];
    document.title = page[0] + " — " + T.shop;
    main.replaceChildren(el("h1", { text: page[0] }), el("p", { text: page[1] }));
  }
  var nav = el("nav", {}, links.map(function (l) { return el("a", { href: root + l[0], text: l[1] }); }));
  nav.addEventListener("click", function (e) {
    var a = e.target.closest("a");
    if (!a || !prefs.spa) return;
    e.preventDefault();
    history.pushState({}, "", a.getAttribute("href"));
    render();
  });
  addEventListener("popstate", render);

  var nudge = function () { window.Nudge.apply(null, arguments); };
  var spa = el("input", { type: "checkbox", id: "spa" });
  spa.checked = !!prefs.spa;
  spa.onchange = function () { prefs.spa = spa.checked; save(); };
  var status = el("select", { id: "team-status" }, ["online", "busy", "offline"].map(function (s) { return el("option", { value: s, text: s }); }));
  status.onchange = function () { nudge("setTeamStatus", status.value); };
  var reply = el("input", { id: "agent-text", placeholder: "Bonjour, je regarde ça…" });
  var send = el("button", { type: "button", id: "agent-send", text: T.send });
  send.onclick = function () { if (reply.value.trim()) { nudge("agentMessage", reply.value); reply.value = ""; } };
  var speed = el("select", { id: "speed" }, [1, 10, 60].map(function (n) { return el("option", { value: n, text: "×" + n }); }));
  speed.value = String(prefs.speed || 1);
  speed.onchange = function () { prefs.speed = +speed.value; save(); nudge("timeScale", prefs.speed); };
  var establishment = el("select", { id: "establishment" }, [["paris", "Paris"], ["lyon", "Lyon"]].map(function (o) { return el("option", { value: o[0], text: o[1] }); }));
  establishment.value = prefs.establishment || "paris";
  establishment.onchange = function () { prefs.establishment = establishment.value; save(); location.reload(); };
  var language = el("select", { id: "language" }, [["fr", "Français"], ["en", "English"]].map(function (o) { return el("option", { value: o[0], text: o[1] }); }));
  language.value = lang;
  language.onchange = function () { prefs.lang = language.value; save(); location.reload(); };
  var reset = el("button", { type: "button", text: T.reset });
  reset.onclick = function () { nudge("reset"); };
  var stats = el("pre", { id: "stats", text: "—" });
  var counts = {};
  var row = function (label, control) { return el("label", {}, [el("span", { text: label }), control]); };
  var drawer = el("aside", { "aria-label": T.drawer }, [
    el("h2", { text: T.drawer }),
    row(T.spa, spa), row(T.status, status), row(T.reply, reply), send, row(T.speed, speed),
    row(T.shopIn, establishment), row("Langue / Language", language), reset,
    el("h3", { text: T.stats }), stats
  ]);
  document.body.append(el("header", {}, [el("strong", { text: T.shop }), nav]), main, drawer);
  render();

  // The widget, embedded as a merchant would (the config and establishment
  // follow the drawer's choices).
  window.Nudge = window.Nudge || function () { (window.Nudge.q = window.Nudge.q || []).push(arguments); };
  nudge("on", "stats", function (s) {
    counts[s.id] = counts[s.id] || {};
    counts[s.id][s.kind] = (counts[s.id][s.kind] || 0) + 1;
    stats.textContent = Object.keys(counts).map(function (id) {
      return id + ": " + Object.keys(counts[id]).map(function (k) { return k + " " + counts[id][k]; }).join(", ");
    }).join("\n");
  });
  if (prefs.speed > 1) nudge("timeScale", prefs.speed);
  var tag = el("script", { src: "/nudge.js", "data-config": root + (lang === "en" ? "nudge.en.json" : "nudge.json"), "data-establishment": establishment.value, fetchpriority: "high" });
  tag.async = true; // README, "Embed it": async fetchpriority="high"
  document.body.appendChild(tag);
})();
