// newskg story map, 2 of 4: the network. vis-network draws the nodes and edges at the positions computed
// when the page was written; this script draws the labels (so they keep their size on screen and never
// overlap), dims what a selection does not touch, and hides what the class toggles and the dates leave out.
(function () {
  "use strict";

  var app = window.newskg, page = app.page, story = app.story;
  var GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
  var DIM = 0.12;
  var ALWAYS = page.alwaysLabelled;  // ranks below this are labelled even over other nodes

  var meta = {};  // id -> the node as drawn (hidden, opacity): read on every frame, faster than the DataSet
  page.nodes.forEach(function (n) { meta[n.id] = n; });
  var nodes = new vis.DataSet(page.nodes);
  var edges = new vis.DataSet(page.edges.map(describeEdge));
  var container = document.getElementById("network");
  // an empty network first, so the handlers are in place before the first drawing
  var network = new vis.Network(container, {}, page.options);

  var shown = {};  // class -> drawn or not
  Object.keys(page.classes).forEach(function (cls) {
    shown[cls] = !isClaimClass(cls) || page.show.indexOf(cls) >= 0;
  });
  var span = { from: 0, to: Math.max(0, page.dates.length - 1) };
  var selected = null, lit = null, hovered = null;
  var order = page.nodes.slice().sort(function (a, b) { return a.rank - b.rank; }).map(function (n) { return n.id; });
  var claimNodesMade = {};

  // an edge's id, its statements and the plain-text title vis-network shows on hover
  function describeEdge(e) {
    var from = app.byId[e.from].name, to = app.byId[e.to].name;
    e.id = e.kind + ":" + e.from + ">" + e.to;
    e.base = e.color;
    if (e.kind === "said") {
      e.statements = (story.said[e.from + ">" + e.to] || []).map(function (c) { return c.id; });
      var n = e.statements.length;
      e.title = from + " said " + (n === 1 ? "1 thing" : n + " things") + " about " + to +
        (e.stance ? " (" + e.stance + ")" : "");
    } else {
      e.title = from + (e.kind === "memberOf" ? " is a member of " : " issued by ") + to;
    }
    return e;
  }

  function isClaimClass(cls) { return cls === "Statement" || cls === "Figure"; }

  // ---------------------------------------------------------------- statements and figures as nodes

  // a claim sits among the people and things it ties together, on a small spiral when several share them
  function makeClaimNodes(cls) {
    if (claimNodesMade[cls]) return;
    claimNodesMade[cls] = true;
    var style = page.classes[cls], newNodes = [], newEdges = [], seen = {};
    page.claims.forEach(function (c) {
      if (c.cls !== cls) return;
      var anchors = (c.makers || []).concat(c.about || []).filter(function (id) { return app.byId[id]; });
      if (!anchors.length) return;
      var key = anchors.join("|"), i = seen[key] = (seen[key] || 0) + 1;
      var x = 0, y = 0;
      anchors.forEach(function (id) { x += app.byId[id].x; y += app.byId[id].y; });
      var r = 24 + 14 * Math.sqrt(i), angle = i * GOLDEN_ANGLE + key.length;
      var words = story.claimWords(c);
      newNodes.push({ id: c.id, cls: cls, claim: true, name: words.length > 60 ? words.slice(0, 58) + "\u2026" : words,
                      x: x / anchors.length + r * Math.cos(angle), y: y / anchors.length + r * Math.sin(angle),
                      shape: style.shape, color: style.colour, size: 7, rank: 1e6 + newNodes.length, labelSize: 11,
                      hidden: !visible({ id: c.id, cls: cls }) });
      (c.makers || []).forEach(function (m) {
        if (app.byId[m]) newEdges.push({ id: "claim:" + m + ">" + c.id, from: m, to: c.id, kind: "made",
                                         color: "#c9c9c9", base: "#c9c9c9", width: 1 });
      });
      (c.about || []).forEach(function (e) {
        if (app.byId[e]) newEdges.push({ id: "claim:" + c.id + ">" + e, from: c.id, to: e, kind: "about",
                                         color: "#d9d9d9", base: "#d9d9d9", width: 1, dashes: true });
      });
    });
    newNodes.forEach(function (n) { meta[n.id] = n; });
    nodes.add(newNodes);
    edges.add(newEdges);
    order = order.concat(newNodes.map(function (n) { return n.id; }));
  }

  // ---------------------------------------------------------------- what is shown

  function visible(n) {
    if (!shown[n.cls]) return false;
    if (n.claim || app.claimById[n.id]) return story.claimInWindow(app.claimById[n.id], span.from, span.to);
    return story.inWindow(n.id, span.from, span.to);
  }

  function edgeVisible(e) {
    if (e.kind === "said") {
      if (shown.Statement) return false;  // the statements themselves are drawn: no need to sum them up
      return e.statements.some(function (id) { return story.claimInWindow(app.claimById[id], span.from, span.to); });
    }
    return true;  // vis-network hides the edges of hidden nodes by itself
  }

  function refresh() {
    Object.keys(shown).forEach(function (cls) { if (shown[cls] && isClaimClass(cls)) makeClaimNodes(cls); });
    var nodeChanges = [], edgeChanges = [];
    Object.keys(meta).forEach(function (id) {
      var n = meta[id], hide = !visible(n);
      if (!!n.hidden !== hide) { n.hidden = hide; nodeChanges.push({ id: id, hidden: hide }); }
    });
    edges.forEach(function (e) {
      var hide = !edgeVisible(e);
      if (!!e.hidden !== hide) edgeChanges.push({ id: e.id, hidden: hide });
    });
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    if (selected !== null && meta[selected].hidden) clear();
    else if (lit) dim(selected);
  }

  function visibleIds() {
    return Object.keys(meta).filter(function (id) { return !meta[id].hidden; });
  }

  // ---------------------------------------------------------------- selection: the node and its neighbours stay lit

  function dim(id) {
    lit = null;
    if (id !== null) {
      lit = {};
      lit[id] = true;
      network.getConnectedNodes(id).forEach(function (other) { lit[other] = true; });
    }
    var nodeChanges = [], edgeChanges = [];
    Object.keys(meta).forEach(function (key) {
      var n = meta[key], opacity = !lit || lit[key] ? 1 : DIM;
      if ((n.opacity === undefined ? 1 : n.opacity) !== opacity) {
        n.opacity = opacity;
        nodeChanges.push({ id: key, opacity: opacity });
      }
    });
    edges.forEach(function (e) {
      var on = !lit || e.from === id || e.to === id;
      var opacity = on ? 1 : DIM / 2;
      if ((e.opacity === undefined ? 1 : e.opacity) !== opacity) {
        edgeChanges.push({ id: e.id, opacity: opacity, color: { color: e.base, opacity: opacity } });
      }
    });
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
  }

  function select(id, options) {
    if (!meta[id]) return false;
    selected = id;
    network.selectNodes([id], false);
    dim(id);
    if (options && options.centre) {
      var scale = Math.max(network.getScale(), 0.9);
      network.focus(id, { scale: scale, animation: options.animate === false ? false : { duration: 350 } });
    }
    network.redraw();
    return true;
  }

  function clear() {
    selected = null;
    network.unselectAll();
    dim(null);
    network.redraw();
  }

  // ---------------------------------------------------------------- the view

  function fit(animate) {
    var ids = visibleIds();
    network.fit({ nodes: ids.length ? ids : undefined, animation: animate ? { duration: 300 } : false });
    if (network.getScale() > 1.4) network.moveTo({ scale: 1.4, animation: false });
  }

  function zoomBy(factor) {
    network.moveTo({ scale: network.getScale() * factor, animation: { duration: 200 } });
  }

  // ---------------------------------------------------------------- labels

  var widths = {};  // font + text -> width in pixels, measured once

  // the label on the map: whole words up to about 32 characters; hovering shows the whole name
  function shortName(name) {
    if (name.length <= 32) return name;
    var cut = name.slice(0, 31), space = cut.lastIndexOf(" ");
    return (space > 16 ? cut.slice(0, space) : cut).replace(/[\s,;:.\u2014-]+$/, "") + "\u2026";
  }

  function labelFont(n) {
    return (n.labelSize >= 16 ? "600 " : "") + n.labelSize + "px system-ui, sans-serif";
  }

  function measure(ctx, font, text) {
    var key = font + "\u0000" + text;
    if (!(key in widths)) { ctx.font = font; widths[key] = ctx.measureText(text).width; }
    return widths[key];
  }

  // where a label may go around its node, best first: below, above, right, left; then, for the labels
  // that are always shown, the corners and a line further out
  var SIDES = {
    below: function (p, r, w, h) { return [p.x - w / 2, p.y + r + 2]; },
    above: function (p, r, w, h) { return [p.x - w / 2, p.y - r - 2 - h]; },
    right: function (p, r, w, h) { return [p.x + r + 4, p.y - h / 2]; },
    left: function (p, r, w, h) { return [p.x - r - 4 - w, p.y - h / 2]; },
    belowRight: function (p, r, w, h) { return [p.x + r * 0.7, p.y + r * 0.7 + 2]; },
    belowLeft: function (p, r, w, h) { return [p.x - r * 0.7 - w, p.y + r * 0.7 + 2]; },
    aboveRight: function (p, r, w, h) { return [p.x + r * 0.7, p.y - r * 0.7 - 2 - h]; },
    aboveLeft: function (p, r, w, h) { return [p.x - r * 0.7 - w, p.y - r * 0.7 - 2 - h]; },
    farBelow: function (p, r, w, h) { return [p.x - w / 2, p.y + r + 4 + h]; },
    farAbove: function (p, r, w, h) { return [p.x - w / 2, p.y - r - 4 - 2 * h]; }
  };
  var NEAR = ["below", "above", "right", "left"], ALL = Object.keys(SIDES);

  function candidates(p, r, w, h, sides) {
    return (sides || NEAR).map(function (side) {
      var at = SIDES[side](p, r, w, h);
      return { side: side, x: at[0], y: at[1] };
    });
  }

  function overlaps(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }

  // labels in rank order (the selection and its neighbours first), each where it covers no label placed
  // before it and no node but its own
  function placeLabels(ctx) {
    var scale = network.getScale(), width = container.clientWidth, height = container.clientHeight;
    var placed = [], grid = {}, cell = 64;
    var ids = lit ? order.filter(function (id) { return lit[id]; }) : order;
    function each(box, visit) {
      for (var gx = Math.floor(box.x / cell); gx <= Math.floor((box.x + box.w) / cell); gx++) {
        for (var gy = Math.floor(box.y / cell); gy <= Math.floor((box.y + box.h) / cell); gy++) {
          if (visit(gx + "," + gy)) return true;
        }
      }
      return false;
    }
    function add(box) { each(box, function (k) { (grid[k] = grid[k] || []).push(box); }); }
    function blocked(box, own) {
      return each(box, function (k) {
        return (grid[k] || []).some(function (b) { return b.own !== own && overlaps(box, b); });
      });
    }
    function blockedByLabels(box) {
      return each(box, function (k) {
        return (grid[k] || []).some(function (b) { return b.own === "label" && overlaps(box, b); });
      });
    }
    var screen = {};
    order.forEach(function (id) {  // every node on screen is an obstacle for the labels of the others
      var n = meta[id];
      if (!n || n.hidden || (lit && !lit[id])) return;
      var p = network.canvasToDOM(network.getPosition(id)), r = n.size * scale;
      if (p.x < -r || p.y < -r || p.x > width + r || p.y > height + r) return;
      screen[id] = p;
      add({ x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r, own: id });
    });
    for (var i = 0; i < ids.length; i++) {
      var n = meta[ids[i]], p = screen[ids[i]];
      if (!p) continue;
      var font = labelFont(n), text = n.short || (n.short = shortName(n.name)), h = n.labelSize + 2;
      var w = measure(ctx, font, text), r = n.size * scale;
      var spots = candidates(p, r, w, h, n.rank < ALWAYS ? ALL : NEAR);
      // a label covers no other label, and no other node where it can help it; the first labels
      // (governments, the busiest) go over other nodes when every place around their own is taken
      var tries = n.rank < ALWAYS ? [true, false] : [true];
      var spot = null;
      for (var t = 0; t < tries.length && !spot; t++) {
        for (var j = 0; j < spots.length; j++) {
          var box = { x: spots[j].x, y: spots[j].y, w: w, h: h, own: "label" };
          if (box.x < 0 || box.y < 0 || box.x + w > width || box.y + h > height) continue;
          if (tries[t] ? blocked(box, n.id) : blockedByLabels(box)) continue;
          spot = { box: box, side: spots[j].side };
          break;
        }
      }
      if (spot) {
        add(spot.box);
        placed.push({ id: n.id, text: text, font: font, size: n.labelSize, side: spot.side,
                      x: spot.box.x, y: spot.box.y, w: w, h: h });
      }
    }
    return placed;
  }

  function drawText(ctx, label, halo) {
    ctx.font = label.font;
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = halo;
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    ctx.strokeText(label.text, label.x, label.y + 1);
    ctx.fillStyle = "#1d1d1d";
    ctx.fillText(label.text, label.x, label.y + 1);
  }

  var drawing = false;  // labels only once the data is in the network

  function drawLabels(ctx) {
    if (!drawing) return;
    var ratio = network.canvas.pixelRatio || window.devicePixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);  // screen pixels: labels keep their size at any zoom
    var placed = placeLabels(ctx);
    placed.forEach(function (label) { drawText(ctx, label, 3); });
    if (hovered !== null && meta[hovered] && !meta[hovered].hidden) {
      var n = meta[hovered], p = network.canvasToDOM(network.getPosition(hovered));
      var font = labelFont(n), w = measure(ctx, font, n.name), h = n.labelSize + 2;
      var box = candidates(p, n.size * network.getScale(), w, h)[0];
      ctx.fillStyle = "rgba(255,255,255,0.95)";
      ctx.strokeStyle = "#888";
      ctx.lineWidth = 1;
      ctx.fillRect(box.x - 4, box.y - 2, w + 8, h + 4);
      ctx.strokeRect(box.x - 4, box.y - 2, w + 8, h + 4);
      drawText(ctx, { text: n.name, font: font, x: box.x, y: box.y }, 0);
    }
    ctx.restore();
    app.labels = placed;
  }

  network.on("afterDrawing", drawLabels);
  network.on("hoverNode", function (p) { hovered = p.node; network.redraw(); });
  network.on("blurNode", function () { hovered = null; network.redraw(); });

  app.network = network;
  app.nodes = nodes;
  app.edges = edges;
  app.map = {
    network: network, nodes: nodes, edges: edges, meta: meta,
    shown: shown, span: span,
    select: select, clear: clear, selected: function () { return selected; },
    isLit: function (id) { return !lit || !!lit[id]; },
    showClass: function (cls, on) { shown[cls] = on; refresh(); },
    setSpan: function (from, to) { span.from = from; span.to = to; refresh(); },
    fit: fit, zoomBy: zoomBy, visibleIds: visibleIds, refresh: refresh,
    start: function () {
      network.setData({ nodes: nodes, edges: edges });
      drawing = true;
      refresh();
      fit(false);
    }
  };
})();
