// newskg network page: draws the graph data, shows details as text, finds and filters nodes.
// Every string from the graph is shown through textContent or as canvas text, never as markup.
(function () {
  "use strict";

  var page = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = new vis.DataSet(page.nodes);
  var edges = new vis.DataSet(page.edges);
  var status = document.getElementById("status");
  var details = document.getElementById("details");
  var box = document.getElementById("search-box");
  var started = performance.now();

  // what tests and the bench read: the network, and when it stopped moving
  var state = window.newskg = {
    nodes: nodes, edges: edges, network: null,
    stabilized: false, stabilizedAt: null, focused: null
  };

  var byClass = {};
  page.nodes.forEach(function (n) { (byClass[n.cls] = byClass[n.cls] || []).push(n.id); });

  // an empty network first, so the handlers are in place before stabilisation starts
  var network = new vis.Network(document.getElementById("network"), {}, page.options);
  state.network = network;

  function say(text, miss) {
    status.textContent = text;
    status.className = miss ? "miss" : "";
  }

  function stable() {
    if (state.stabilized) return;
    state.stabilized = true;
    state.stabilizedAt = performance.now();
    document.body.setAttribute("data-stabilized", "true");
    say(page.nodes.length + " nodes, " + page.edges.length + " edges ("
        + (page.options.physics.enabled ? "laid out" : "drawn") + " in "
        + Math.round(state.stabilizedAt - started) + " ms)");
  }

  if (page.options.physics.enabled) {
    network.on("stabilizationProgress", function (p) {
      say("laying out\u2026 " + Math.round(100 * p.iterations / p.total) + "%");
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });  // stabilised: stop moving
      stable();
    });
  } else {
    network.once("afterDrawing", stable);
  }
  network.setData({ nodes: nodes, edges: edges });

  function showDetails(id) {
    var n = nodes.get(id);
    if (!n) return;
    var heading = document.createElement("h2");
    heading.textContent = n.name;
    var list = document.createElement("dl");
    n.rows.forEach(function (row) {
      var dt = document.createElement("dt");
      var dd = document.createElement("dd");
      dt.textContent = row[0];
      dd.textContent = row[1];
      list.appendChild(dt);
      list.appendChild(dd);
    });
    details.replaceChildren(heading, list);
    details.setAttribute("data-node", id);
  }

  network.on("hoverNode", function (p) { showDetails(p.node); });
  network.on("click", function (p) { if (p.nodes.length) showDetails(p.nodes[0]); });

  // search: exact name, then exact alias, then the first name or alias containing the text
  var names = document.getElementById("names");
  var seen = {};
  page.nodes.forEach(function (n) {
    [n.name].concat(n.aliases).forEach(function (name) {
      if (seen[name]) return;
      seen[name] = true;
      var option = document.createElement("option");
      option.value = name;
      names.appendChild(option);
    });
  });

  function find(text) {
    var want = text.trim().toLowerCase();
    if (!want) return null;
    var tests = [
      function (n) { return n.name.toLowerCase() === want; },
      function (n) { return n.aliases.some(function (a) { return a.toLowerCase() === want; }) || n.id === want; },
      function (n) {
        return [n.name].concat(n.aliases).some(function (a) { return a.toLowerCase().indexOf(want) >= 0; });
      }
    ];
    for (var i = 0; i < tests.length; i++) {
      var hit = page.nodes.filter(tests[i]);
      if (hit.length) return hit[0].id;
    }
    return null;
  }

  function focusNode(id) {
    var n = nodes.get(id);
    var toggle = document.querySelector('#legend input[data-class="' + n.cls + '"]');
    if (toggle && !toggle.checked) { toggle.checked = true; showClass(n.cls, true); }
    network.selectNodes([id]);
    document.body.removeAttribute("data-focused");
    network.once("animationFinished", function () {
      state.focused = id;
      document.body.setAttribute("data-focused", id);
    });
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 300 } });
    showDetails(id);
    say(n.name + " (" + n.cls + ")");
  }

  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    var id = find(box.value);
    if (id === null) { say("no node named \u201c" + box.value + "\u201d", true); return; }
    focusNode(id);
  });

  // filter: each legend entry shows or hides its class
  function showClass(cls, on) {
    nodes.update((byClass[cls] || []).map(function (id) { return { id: id, hidden: !on }; }));
  }
  document.querySelectorAll("#legend input[data-class]").forEach(function (toggle) {
    toggle.addEventListener("change", function () { showClass(toggle.getAttribute("data-class"), toggle.checked); });
  });
})();
