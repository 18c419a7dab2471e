// newskg story map, 1 of 4: the page's data and the indexes the map and the panels read.
// Nothing here touches the document; every string from an article stays a plain string.
(function () {
  "use strict";

  var page = JSON.parse(document.getElementById("graph-data").textContent);
  var byId = {}, claimById = {}, articleById = {};
  page.nodes.forEach(function (n) { byId[n.id] = n; });
  page.claims.forEach(function (c) { claimById[c.id] = c; });
  page.articles.forEach(function (a) { articleById[a.id] = a; });

  var dateIndex = {};
  page.dates.forEach(function (d, i) { dateIndex[d] = i; });

  function claimDate(c) {
    if (c.date) return c.date;
    var a = articleById[c.article];
    return a && a.date ? a.date : null;
  }

  function newestFirst(a, b) {
    var da = claimDate(a) || "", db = claimDate(b) || "";
    if (da !== db) return da < db ? 1 : -1;
    if (a.article !== b.article) return a.article < b.article ? -1 : 1;
    return (a.span ? a.span[0] : 0) - (b.span ? b.span[0] : 0);
  }

  function push(table, key, value) { (table[key] = table[key] || []).push(value); }

  // who made what, and what each claim is about
  var made = {}, about = {};
  page.claims.forEach(function (c) {
    (c.makers || []).forEach(function (m) { push(made, m, c); });
    (c.about || []).forEach(function (e) { push(about, e, c); });
  });
  Object.keys(made).forEach(function (k) { made[k].sort(newestFirst); });
  Object.keys(about).forEach(function (k) { about[k].sort(newestFirst); });

  // the statements behind each speaker -> entity edge of the map, newest first
  var said = {};
  page.claims.forEach(function (c) {
    if (c.cls !== "Statement") return;
    (c.makers || []).forEach(function (m) {
      (c.about || []).forEach(function (e) { push(said, m + ">" + e, c); });
    });
  });
  Object.keys(said).forEach(function (k) { said[k].sort(newestFirst); });

  // the articles each node is written in, in the order of the page's articles
  var readIn = {};
  page.articles.forEach(function (a) {
    var seen = {};
    (a.marks || []).forEach(function (m) {
      if (!seen[m[2]]) { seen[m[2]] = true; push(readIn, m[2], a.id); }
    });
  });
  page.nodes.forEach(function (n) {
    (n.sources || []).forEach(function (a) { if ((readIn[n.id] || []).indexOf(a) < 0) push(readIn, n.id, a); });
  });

  // members of governments and organisations, policies of governments
  var members = {}, policies = {};
  page.nodes.forEach(function (n) {
    (n.memberOf || []).forEach(function (g) { push(members, g, n); });
    (n.issuedBy || []).forEach(function (g) { push(policies, g, n); });
  });

  // the days on which each node appears: its articles' dates, and the dates of what it said or was said about
  var days = {};
  function addDay(id, date) {
    if (date === null || date === undefined || !(date in dateIndex)) return;
    (days[id] = days[id] || {})[dateIndex[date]] = true;
  }
  page.articles.forEach(function (a) {
    (a.marks || []).forEach(function (m) { addDay(m[2], a.date); });
  });
  page.claims.forEach(function (c) {
    var d = claimDate(c);
    addDay(c.id, d);
    (c.makers || []).forEach(function (m) { addDay(m, d); });
    (c.about || []).forEach(function (e) { addDay(e, d); });
  });
  Object.keys(days).forEach(function (id) {
    days[id] = Object.keys(days[id]).map(Number).sort(function (a, b) { return a - b; });
  });

  function inWindow(id, from, to) {
    var list = days[id];
    if (!list || !list.length) return true;  // undated: nothing says it falls outside
    for (var i = 0; i < list.length; i++) if (list[i] >= from && list[i] <= to) return true;
    return false;
  }

  function claimInWindow(c, from, to) {
    var d = claimDate(c);
    return !(d in dateIndex) || (dateIndex[d] >= from && dateIndex[d] <= to);
  }

  // the words of a claim, and the sentence around them, as plain strings cut from the article body
  function sentenceOf(c) {
    var a = articleById[c.article];
    if (a && c.sentence) return { text: a.body.slice(c.sentence[0], c.sentence[1]), start: c.sentence[0] };
    return { text: c.evidence || c.text || c.name || "", start: null };
  }

  function claimWords(c) {
    var a = articleById[c.article];
    if (c.cls === "Statement") return c.text || (a && c.span ? a.body.slice(c.span[0], c.span[1]) : "");
    return c.name || (a && c.span ? a.body.slice(c.span[0], c.span[1]) : "");
  }

  function nameOf(id) {
    if (byId[id]) return byId[id].name;
    if (claimById[id]) return claimWords(claimById[id]);
    return id;
  }

  // search: every entity whose name or alias contains the words, then every claim whose words do
  function search(text) {
    var want = text.trim().toLowerCase();
    if (!want) return [];
    var hits = [];
    page.nodes.forEach(function (n) {
      var names = [n.name].concat(n.aliases || []);
      var best = 4;
      names.forEach(function (name) {
        var low = name.toLowerCase();
        var at = low.indexOf(want);
        if (at < 0) return;
        best = Math.min(best, low === want ? 0 : at === 0 ? 1 : 2);
      });
      if (n.id.toLowerCase() === want) best = 0;
      if (best < 4) hits.push({ id: n.id, kind: "node", order: best, rank: n.rank, label: n.name, cls: n.cls });
    });
    page.claims.forEach(function (c) {
      var words = claimWords(c);
      if (words.toLowerCase().indexOf(want) >= 0) {
        hits.push({ id: c.id, kind: "claim", order: 3, rank: 0, label: words, cls: c.cls,
                    by: (c.makers || []).map(nameOf).join(", "), date: claimDate(c) });
      }
    });
    hits.sort(function (a, b) {
      return a.order - b.order || a.rank - b.rank || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
    });
    return hits;
  }

  window.newskg = {
    page: page, byId: byId, claimById: claimById, articleById: articleById,
    story: {
      made: made, about: about, said: said, readIn: readIn, members: members, policies: policies, days: days,
      claimDate: claimDate, inWindow: inWindow, claimInWindow: claimInWindow,
      sentenceOf: sentenceOf, claimWords: claimWords, nameOf: nameOf, search: search
    },
    stabilized: false, stabilizedAt: null, focused: null, labels: []
  };
})();
