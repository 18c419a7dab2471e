// newskg story map, 3 of 4: the side panel. What a node, a statement, an edge or an article holds, built
// from DOM nodes whose text is always set with textContent: nothing from an article is ever read as markup.
(function () {
  "use strict";

  var app = window.newskg, page = app.page, story = app.story, map = app.map;
  var panel = document.getElementById("panel");
  var body = document.getElementById("panel-body");
  var back = document.getElementById("panel-back");
  var trail = [], current = null;  // the views to go back to

  // ---------------------------------------------------------------- small builders

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function glyph(cls) {
    var g = el("span", "glyph", page.classes[cls] ? page.classes[cls].glyph : "");
    if (page.classes[cls]) g.style.color = page.classes[cls].colour;
    return g;
  }

  // a button that looks like a link and opens a node, a claim or an article in the panel
  function link(text, view, className) {
    var b = el("button", "link" + (className ? " " + className : ""), text);
    b.type = "button";
    b.setAttribute("data-open", view.kind + ":" + view.id);
    b.addEventListener("click", function () { open(view); });
    return b;
  }

  function nodeLink(id) {
    var n = app.byId[id];
    if (!n) return el("span", null, story.nameOf(id));
    var b = link(n.name, { kind: "node", id: id });
    b.insertBefore(glyph(n.cls), b.firstChild);
    return b;
  }

  function section(title, count) {
    var s = el("section");
    s.appendChild(el("h3", null, count === undefined ? title : title + " (" + count + ")"));
    return s;
  }

  function facts(rows) {
    var dl = el("dl");
    rows.forEach(function (row) {
      if (!row[1] || (row[1].length === 0)) return;
      dl.appendChild(el("dt", null, row[0]));
      var dd = el("dd");
      (Array.isArray(row[1]) ? row[1] : [row[1]]).forEach(function (part, i) {
        if (i) dd.appendChild(document.createTextNode(", "));
        dd.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
      });
      dl.appendChild(dd);
    });
    return dl;
  }

  function articleLine(id) {
    var a = app.articleById[id];
    if (!a) return id;
    return a.date ? a.title + " (" + a.date + ")" : a.title;
  }

  // one statement or figure in a list: date, kind, its words, and (when asked) who made it
  function claimItem(c, withMaker) {
    var li = el("li");
    var b = link("", { kind: "claim", id: c.id }, "claim");
    var meta = [story.claimDate(c) || "undated"];
    if (c.cls === "Statement") meta.push(c.direct ? "quote" : "reported");
    else meta.push("figure");
    b.appendChild(el("span", "meta", meta.join(" \u00b7 ")));
    if (withMaker && c.makers && c.makers.length) {
      b.appendChild(el("span", "who", c.makers.map(story.nameOf).join(", ") + ":"));
    }
    var words = story.claimWords(c);
    b.appendChild(el("span", "words", c.cls === "Statement" && c.direct ? "\u201c" + words + "\u201d" : words));
    var a = app.articleById[c.article];
    if (a) b.appendChild(el("span", "source", a.title));
    li.appendChild(b);
    return li;
  }

  function claimList(title, claims, withMaker) {
    var s = section(title, claims.length);
    var ol = el("ol", "claims");
    claims.forEach(function (c) { ol.appendChild(claimItem(c, withMaker)); });
    s.appendChild(ol);
    return s;
  }

  function nodeList(title, ids, detail) {
    var s = section(title, ids.length);
    var ul = el("ul", "nodes");
    ids.forEach(function (id) {
      var li = el("li");
      li.appendChild(nodeLink(id));
      var more = detail ? detail(id) : "";
      if (more) li.appendChild(el("span", "detail", more));
      ul.appendChild(li);
    });
    s.appendChild(ul);
    return s;
  }

  function articleList(ids) {
    var s = section("Read in", ids.length);
    var ul = el("ul", "articles");
    ids.forEach(function (id) {
      var li = el("li");
      li.appendChild(link(articleLine(id), { kind: "article", id: id }));
      ul.appendChild(li);
    });
    s.appendChild(ul);
    return s;
  }

  function byRank(ids) {
    return ids.slice().sort(function (a, b) { return app.byId[a].rank - app.byId[b].rank; });
  }

  // ---------------------------------------------------------------- a node of the map

  function nodeView(id) {
    var n = app.byId[id];
    var out = [el("h2", null, n.name)];
    var kind = el("p", "kind");
    kind.appendChild(glyph(n.cls));
    kind.appendChild(document.createTextNode([n.cls].concat(n.titles || []).join(" \u00b7 ")));
    out.push(kind);
    out.push(facts([
      ["Member of", (n.memberOf || []).map(nodeLink)],
      ["Issued by", (n.issuedBy || []).map(nodeLink)],
      ["Also called", (n.aliases || []).join(", ")],
      ["Country", n.country || ""],
      ["Unnamed", n.unnamed ? "a speaker the article does not name" : ""]
    ]));
    if (n.cls === "Policy") out.push(timeline(n));
    var members = (story.members[id] || []).map(function (m) { return m.id; });
    var policies = (story.policies[id] || []).map(function (p) { return p.id; });
    if (members.length) out.push(nodeList(n.cls === "Government" ? "Officials" : "Members", byRank(members)));
    if (policies.length) out.push(nodeList("Policies", policies, function (p) {
      var d = app.byId[p].deadlines;
      return d && d.length ? "deadline " + d.join(", ") : "";
    }));
    var made = story.made[id] || [];
    var said = made.filter(function (c) { return c.cls === "Statement"; });
    if (said.length) out.push(claimList("Said", said, false));
    if (n.cls === "Government") {
      var figures = governmentFigures(id, members);
      if (figures.length) out.push(claimList("Figures", figures, true));
    } else {
      var reported = made.filter(function (c) { return c.cls === "Figure"; });
      if (reported.length) out.push(claimList("Figures reported", reported, false));
    }
    var saidAbout = (story.about[id] || []).filter(function (c) { return c.cls === "Statement"; });
    if (saidAbout.length) out.push(claimList(n.cls === "Policy" ? "Statements about it" : "Said about it", saidAbout, true));
    if ((story.readIn[id] || []).length) out.push(articleList(story.readIn[id]));
    return out;
  }

  // a government's figures: reported by it or its officials, or counted in a sentence that names it
  function governmentFigures(id, members) {
    var seen = {}, out = [];
    [id].concat(members).forEach(function (who) {
      (story.made[who] || []).concat(who === id ? story.about[id] || [] : []).forEach(function (c) {
        if (c.cls === "Figure" && !seen[c.id]) { seen[c.id] = true; out.push(c); }
      });
    });
    return out.sort(function (a, b) {
      var da = story.claimDate(a) || "", db = story.claimDate(b) || "";
      return da < db ? 1 : da > db ? -1 : 0;
    });
  }

  // a policy's dates on a line: first reported, then each deadline
  function timeline(n) {
    var points = [];
    var reported = (story.readIn[n.id] || []).map(function (a) { return app.articleById[a] && app.articleById[a].date; })
      .filter(Boolean).sort();
    if (reported.length) points.push({ date: reported[0], what: "first reported" });
    (n.deadlines || []).forEach(function (d, i) { points.push({ date: d, what: i ? "later deadline" : "deadline" }); });
    points.sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : 0; });
    var s = section("Timeline");
    var ol = el("ol", "timeline");
    points.forEach(function (p) {
      var li = el("li");
      li.appendChild(el("span", "when", p.date));
      li.appendChild(el("span", "what", p.what));
      ol.appendChild(li);
    });
    if (!points.length) ol.appendChild(el("li", "hint", "no dates in the articles"));
    s.appendChild(ol);
    return s;
  }

  // ---------------------------------------------------------------- a statement or a figure

  // the sentence as plain text, with the claimed words (or the figure's number) inside a <mark>
  function sentenceWithMark(c) {
    var s = story.sentenceOf(c), words = story.claimWords(c);
    var from = -1, to = -1;
    if (s.start !== null && c.span) { from = c.span[0] - s.start; to = c.span[1] - s.start; }
    else if (words && s.text.indexOf(words) >= 0) { from = s.text.indexOf(words); to = from + words.length; }
    else if (c.text && s.text.indexOf(c.text) >= 0) { from = s.text.indexOf(c.text); to = from + c.text.length; }
    var q = el("blockquote", "sentence");
    if (from < 0 || to > s.text.length) { q.textContent = s.text || words; return q; }
    q.appendChild(document.createTextNode(s.text.slice(0, from)));
    var mark = el("mark", "claimed", s.text.slice(from, to));
    mark.style.backgroundColor = page.classes[c.cls].colour + "40";
    q.appendChild(mark);
    q.appendChild(document.createTextNode(s.text.slice(to)));
    return q;
  }

  function claimView(id) {
    var c = app.claimById[id];
    var out = [];
    var head = el("h2", "claim-head");
    (c.makers || []).forEach(function (m, i) {
      if (i) head.appendChild(document.createTextNode(", "));
      head.appendChild(nodeLink(m));
    });
    if (!(c.makers || []).length) head.appendChild(document.createTextNode(c.cls === "Figure" ? "A figure" : "Someone"));
    out.push(head);
    var kind = el("p", "kind");
    kind.appendChild(glyph(c.cls));
    var bits = [c.cls === "Statement" ? (c.direct ? "direct quote" : "reported speech") : "figure"];
    if (c.cls === "Statement" && c.verb) bits.push("\u201c" + c.verb + "\u201d");
    bits.push(story.claimDate(c) || "undated");
    if (c.cls === "Figure" && c.approximate) bits.push("approximate");
    kind.appendChild(document.createTextNode(bits.join(" \u00b7 ")));
    out.push(kind);
    out.push(sentenceWithMark(c));
    if (c.cls === "Figure") {
      out.push(facts([["Counts", c.measure || ""], ["Value", c.value ? c.value + (c.unit ? " " + c.unit : "") : ""]]));
    }
    if ((c.about || []).length) out.push(facts([["About", c.about.map(nodeLink)]]));
    if (app.articleById[c.article]) {
      var go = link("Show it in the article: " + articleLine(c.article) + " \u203a",
                    { kind: "article", id: c.article, target: c.id }, "to-article");
      out.push(go);
    }
    return out;
  }

  // ---------------------------------------------------------------- an edge: who said what about whom

  function edgeView(id) {
    var e = map.edges.get(id);
    var out = [];
    var head = el("h2", "claim-head");
    head.appendChild(nodeLink(e.from));
    head.appendChild(document.createTextNode(e.kind === "said" ? " on " : " \u2192 "));
    head.appendChild(nodeLink(e.to));
    out.push(head);
    if (e.kind === "said") {
      var claims = story.said[e.from + ">" + e.to] || [];
      if (e.stance) out.push(el("p", "kind", "every statement here " + (e.stance === "against" ? "goes against it" : "is for it")));
      out.push(claimList("Statements", claims, false));
    } else {
      out.push(el("p", "kind", e.title));
    }
    return out;
  }

  // ---------------------------------------------------------------- an article with its marks

  // marks nest: a statement's span holds the names written inside it; spans that cross are cut at the outer end
  function markTree(article) {
    var root = { b: 0, e: article.body.length, kids: [] }, stack = [root];
    (article.marks || []).forEach(function (m) {
      if (!app.byId[m[2]] && !app.claimById[m[2]]) return;
      while (stack.length > 1 && stack[stack.length - 1].e <= m[0]) stack.pop();
      var parent = stack[stack.length - 1], end = Math.min(m[1], parent.e);
      if (end <= m[0]) return;
      var node = { b: m[0], e: end, id: m[2], kids: [] };
      parent.kids.push(node);
      stack.push(node);
    });
    return root;
  }

  function markClass(id) {
    return app.byId[id] ? app.byId[id].cls : app.claimById[id].cls;
  }

  function renderMarks(node, text, into) {
    var at = node.b;
    node.kids.forEach(function (k) {
      if (k.b > at) into.appendChild(document.createTextNode(text.slice(at, k.b)));
      var cls = markClass(k.id), mark = el("mark", "mark mark-" + cls);
      mark.setAttribute("data-node", k.id);
      mark.title = cls + ": " + story.nameOf(k.id);
      mark.style.backgroundColor = page.classes[cls].colour + (cls === "Statement" ? "26" : "38");
      mark.style.borderBottomColor = page.classes[cls].colour;
      renderMarks(k, text, mark);
      into.appendChild(mark);
      at = k.e;
    });
    if (at < node.e) into.appendChild(document.createTextNode(text.slice(at, node.e)));
  }

  function articleView(id, target) {
    var a = app.articleById[id];
    var out = [el("h2", null, a.title)];
    out.push(el("p", "kind", [a.date || "undated", a.outlet, a.file].filter(Boolean).join(" \u00b7 ")));
    var legend = el("p", "mark-legend");
    var present = {};
    (a.marks || []).forEach(function (m) { if (app.byId[m[2]] || app.claimById[m[2]]) present[markClass(m[2])] = true; });
    Object.keys(page.classes).forEach(function (cls) {
      if (!present[cls]) return;
      var chip = el("span", "chip", cls);
      chip.style.backgroundColor = page.classes[cls].colour + "38";
      chip.style.borderBottomColor = page.classes[cls].colour;
      legend.appendChild(chip);
    });
    out.push(legend);
    var text = el("div", "article-body");
    renderMarks(markTree(a), a.body, text);
    text.addEventListener("click", function (event) {
      var mark = event.target.closest ? event.target.closest("mark[data-node]") : null;
      if (mark) open({ kind: app.byId[mark.getAttribute("data-node")] ? "node" : "claim", id: mark.getAttribute("data-node") });
    });
    out.push(text);
    if (target) {
      setTimeout(function () {
        var hit = text.querySelector('mark[data-node="' + CSS.escape(target) + '"]');
        if (hit) { hit.classList.add("target"); hit.scrollIntoView({ block: "center" }); }
      }, 0);
    }
    return out;
  }

  // ---------------------------------------------------------------- the start: the corpus at a glance

  function homeView() {
    var out = [el("h2", null, "In these articles")];
    out.push(el("p", "hint", "Click a node for who said what; click an edge for the statements behind it; " +
                             "open an article to see every name and quote marked in its text."));
    var speakers = Object.keys(story.made).filter(function (id) { return app.byId[id]; }).map(function (id) {
      return { id: id, n: story.made[id].filter(function (c) { return c.cls === "Statement"; }).length };
    }).filter(function (s) { return s.n; }).sort(function (a, b) { return b.n - a.n || app.byId[a.id].rank - app.byId[b.id].rank; });
    if (speakers.length) {
      var top = speakers.slice(0, 12);
      out.push(nodeList("Most quoted", top.map(function (s) { return s.id; }), function (id) {
        var n = speakers.filter(function (s) { return s.id === id; })[0].n;
        return n + (n === 1 ? " statement" : " statements");
      }));
    }
    out.push(articleList(page.articles.map(function (a) { return a.id; }).reverse()));
    return out;
  }

  // ---------------------------------------------------------------- showing, opening and going back

  var views = { home: homeView, node: nodeView, claim: claimView, edge: edgeView, article: articleView };

  function render(view) {
    body.replaceChildren.apply(body, views[view.kind](view.id, view.target));
    body.scrollTop = 0;
    panel.setAttribute("data-view", view.kind);
    panel.setAttribute("data-id", view.id === undefined ? "" : view.id);
    panel.classList.toggle("wide", view.kind === "article");
    back.hidden = !trail.length;
  }

  function show(view) {
    if (current && !(current.kind === view.kind && current.id === view.id)) trail.push(current);
    current = view;
    render(view);
  }

  // open a view and light its place on the map: a node selects itself, a claim its node or its maker
  function open(view) {
    if (view.kind === "node") {
      app.ensureVisible(view.id);
      map.select(view.id, { centre: true });
    }
    if (view.kind === "claim") {
      var c = app.claimById[view.id];
      var on = map.meta[view.id] && !map.meta[view.id].hidden ? view.id : (c.makers || []).filter(function (m) { return app.byId[m]; })[0];
      if (on) { app.ensureVisible(on); map.select(on, { centre: true }); }
    }
    if (view.kind === "edge") {
      var e = map.edges.get(view.id);
      map.select(e.from, { centre: false });
      map.network.selectEdges([view.id]);
    }
    show(view);
  }

  back.addEventListener("click", function () {
    if (!trail.length) return;
    current = trail.pop();
    render(current);
    if (current.kind === "node") map.select(current.id, { centre: true });
    if (current.kind === "home") map.clear();
  });

  app.panel = { show: show, open: open, home: function () { show({ kind: "home" }); }, current: function () { return current; } };
})();
