// newskg story map, 4 of 4: the controls (search, class toggles, dates, zoom) and the page's start.
(function () {
  "use strict";

  var app = window.newskg, page = app.page, story = app.story, map = app.map, network = map.network;
  var status = document.getElementById("status");
  var box = document.getElementById("search-box");
  var results = document.getElementById("results");
  var MAX_RESULTS = 200;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function say(text, miss) {
    status.textContent = text;
    status.className = miss ? "miss" : "";
  }

  function summary() {
    var n = map.visibleIds().length, all = Object.keys(map.meta).length;
    return (n === all ? n : n + " of " + all) + " nodes \u00b7 " + page.claims.length + " statements and figures \u00b7 " +
      page.articles.length + (page.articles.length === 1 ? " article" : " articles");
  }

  // ---------------------------------------------------------------- showing what is asked for

  // a node hidden by its class toggle or the dates is brought back before it is selected
  app.ensureVisible = function (id) {
    var n = map.meta[id];
    if (!n || !n.hidden) return;
    var toggle = document.querySelector('#legend input[data-class="' + n.cls + '"]');
    if (toggle && !toggle.checked) { toggle.checked = true; map.showClass(n.cls, true); }
    if (map.meta[id].hidden) { setSpan(0, page.dates.length - 1); }
  };

  // ---------------------------------------------------------------- search: every match, the chosen one opened

  function choose(hit) {
    results.hidden = true;
    document.body.removeAttribute("data-focused");
    network.once("animationFinished", function () {
      app.focused = hit.id;
      document.body.setAttribute("data-focused", hit.id);
    });
    app.panel.open({ kind: hit.kind === "node" ? "node" : "claim", id: hit.id });
    say(hit.label.length > 80 ? hit.label.slice(0, 78) + "\u2026" : hit.label);
    // nothing to animate when the view is already there: say so at once
    setTimeout(function () {
      if (!document.body.hasAttribute("data-focused")) {
        app.focused = hit.id;
        document.body.setAttribute("data-focused", hit.id);
      }
    }, 600);
  }

  function listResults(text) {
    var hits = story.search(text);
    results.replaceChildren();
    if (!text.trim()) { results.hidden = true; return hits; }
    var head = el("li", "count", hits.length ? hits.length + (hits.length === 1 ? " match" : " matches") : "nothing matches \u201c" + text.trim() + "\u201d");
    results.appendChild(head);
    hits.slice(0, MAX_RESULTS).forEach(function (hit) {
      var li = el("li");
      var b = el("button", "hit");
      b.type = "button";
      b.setAttribute("data-id", hit.id);
      var g = el("span", "glyph", page.classes[hit.cls].glyph);
      g.style.color = page.classes[hit.cls].colour;
      b.appendChild(g);
      b.appendChild(el("span", "name", hit.label));
      b.appendChild(el("span", "detail", hit.kind === "node" ? hit.cls : [hit.by, hit.date].filter(Boolean).join(" \u00b7 ")));
      b.addEventListener("click", function () { choose(hit); });
      li.appendChild(b);
      results.appendChild(li);
    });
    if (hits.length > MAX_RESULTS) results.appendChild(el("li", "count", (hits.length - MAX_RESULTS) + " more: add words to narrow"));
    results.hidden = false;
    return hits;
  }

  box.addEventListener("input", function () { listResults(box.value); });
  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    var hits = listResults(box.value);
    if (!hits.length) { say("nothing matches \u201c" + box.value.trim() + "\u201d", true); return; }
    choose(hits[0]);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") results.hidden = true;
  });

  // ---------------------------------------------------------------- class toggles

  document.querySelectorAll("#legend input[data-class]").forEach(function (toggle) {
    toggle.checked = !!map.shown[toggle.getAttribute("data-class")];
    toggle.addEventListener("change", function () {
      map.showClass(toggle.getAttribute("data-class"), toggle.checked);
      say(summary());
    });
  });

  // ---------------------------------------------------------------- dates

  var from = document.getElementById("date-from"), to = document.getElementById("date-to");
  var fromText = document.getElementById("date-from-text"), toText = document.getElementById("date-to-text");

  function setSpan(a, b) {
    from.value = a;
    to.value = b;
    showSpan();
  }

  function showSpan() {
    var a = Number(from.value), b = Number(to.value);
    if (a > b) { if (this === from) to.value = b = a; else from.value = a = b; }
    fromText.textContent = page.dates[a] || "";
    toText.textContent = page.dates[b] || "";
    map.setSpan(a, b);
    say(summary());
  }

  if (page.dates.length > 1) {
    from.max = to.max = page.dates.length - 1;
    from.value = 0;
    to.value = page.dates.length - 1;
    from.addEventListener("input", showSpan);
    to.addEventListener("input", showSpan);
    fromText.textContent = page.dates[0];
    toText.textContent = page.dates[page.dates.length - 1];
  } else {
    document.getElementById("time").hidden = true;
  }

  // ---------------------------------------------------------------- zoom, fit, reset

  document.getElementById("zoom-in").addEventListener("click", function () { map.zoomBy(1.4); });
  document.getElementById("zoom-out").addEventListener("click", function () { map.zoomBy(1 / 1.4); });
  document.getElementById("fit").addEventListener("click", function () { map.fit(true); });
  document.getElementById("reset").addEventListener("click", function () {
    document.querySelectorAll("#legend input[data-class]").forEach(function (toggle) {
      var cls = toggle.getAttribute("data-class");
      toggle.checked = page.show.indexOf(cls) >= 0 || (cls !== "Statement" && cls !== "Figure");
      map.shown[cls] = toggle.checked;
    });
    if (page.dates.length > 1) setSpan(0, page.dates.length - 1); else map.refresh();
    map.clear();
    map.fit(false);
    box.value = "";
    results.hidden = true;
    app.panel.home();
    say(summary());
  });

  network.on("click", function (p) {
    results.hidden = true;
    if (p.nodes.length) app.panel.open({ kind: app.byId[p.nodes[0]] ? "node" : "claim", id: p.nodes[0] });
    else if (p.edges.length && map.edges.get(p.edges[0]).kind === "said") app.panel.open({ kind: "edge", id: p.edges[0] });
    else { map.clear(); app.panel.show({ kind: "home" }); }
  });

  // ---------------------------------------------------------------- the start

  var started = performance.now();
  map.start();
  network.once("afterDrawing", function () {  // the first drawing of the data: the map is ready, and still
    app.stabilized = true;
    app.stabilizedAt = performance.now();
    document.body.setAttribute("data-stabilized", "true");
    say(summary() + " (drawn in " + Math.round(app.stabilizedAt - started) + " ms)");
  });
  app.panel.home();
  if (page.article) app.panel.show({ kind: "article", id: page.article });
  if (page.focus) {  // opens centred on the entity, selected, without moving
    map.select(page.focus, { centre: true, animate: false });
    app.panel.show({ kind: "node", id: page.focus });
    app.focused = page.focus;
    document.body.setAttribute("data-focused", page.focus);
  }
})();
