"""The interactive network page: graph -> networkx -> pyvis nodes and edges -> one offline HTML file.

The page is self-contained: vis-network's script and styles are inlined from the pyvis package, every
string from the graph travels as JSON data that the page only ever shows as text, and a Content Security
Policy lets nothing but the page's own two scripts run and nothing at all load from the network.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network
from rdflib import RDF, RDFS, Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from .errors import VizError
from .graphio import atomic_write, load, union_graph
from .vocab import ID, NKG

TEMPLATES = Path(__file__).resolve().parent / "templates"
VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"

PHYSICS_LIMIT = 300  # above this many nodes the browser gets a precomputed layout instead of physics
SPRING_LIMIT = 300  # a connected component up to this size gets a full spring layout
GAP = 45.0  # typical distance between neighbouring nodes, in page pixels
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True)
class Style:
    """How one class looks on the page and in its legend."""

    colour: str
    shape: str
    glyph: str


STYLES = {  # class -> look; this order is the legend's
    NKG.Government: Style("#1f77b4", "hexagon", "\u2b22"),
    NKG.Official: Style("#2ca02c", "triangle", "\u25b2"),
    NKG.Person: Style("#17becf", "dot", "\u25cf"),
    NKG.Organization: Style("#9467bd", "square", "\u25a0"),
    NKG.Group: Style("#bcbd22", "dot", "\u25cf"),
    NKG.Statement: Style("#ff7f0e", "diamond", "\u25c6"),
    NKG.Policy: Style("#d62728", "star", "\u2605"),
    NKG.Figure: Style("#8c564b", "triangleDown", "\u25bc"),
    NKG.Article: Style("#7f7f7f", "box", "\u25ad"),
}
CLASS_NAMES = {cls.fragment: cls for cls in STYLES}
DEFAULT_CLASSES = tuple(cls for cls in STYLES if cls != NKG.Article)
AGENTS = {NKG.Government, NKG.Official, NKG.Person, NKG.Organization, NKG.Group}
CLAIMS = {NKG.Statement, NKG.Figure}  # nodes drawn between who made them and what they are about

EDGES = {  # property -> (edge label, drawn from the object to the subject)
    NKG.speaker: ("said", True),
    NKG.memberOf: ("memberOf", False),
    NKG.issuedBy: ("issuedBy", False),
    NKG.reportedBy: ("reportedBy", False),
    NKG.source: ("source", False),
}
ABOUT = "about"  # derived: an agent or policy written inside a statement's claim or a figure's sentence
MAKER = {NKG.Statement: NKG.speaker, NKG.Figure: NKG.reportedBy}


def write_html(ds_or_graph, path, *, focus: str | None = None, hops: int = 2,
               include: Iterable[str | URIRef] | None = None, article: str | None = None) -> Path:
    """Write the interactive page of a graph (a Dataset, Graph or graph file) to path, atomically.

    focus and hops narrow the page to one entity's neighbourhood, include to some classes (names such as
    "Official" or ontology terms), article to what one article mentions.
    """
    g, named, source = _open(ds_or_graph)
    G = to_networkx(g, classes=_classes(include), article=_article(g, article, source) if article else None,
                    named=named)
    if focus is not None:
        G = neighbourhood(G, focus, hops, source=source)
    if not G:
        raise VizError(f"{source}: nothing to show; the graph has no "
                       f"{', '.join(c.fragment for c in _classes(include))} nodes"
                       + (f" in article {article!r}" if article else ""))
    page = render(G)
    path = Path(path)
    try:
        atomic_write(path, page.encode("utf-8"))
    except OSError as exc:
        raise VizError(f"{path}: cannot write the page: {exc.strerror or exc}") from exc
    return path


# ------------------------------------------------------------------ graph -> networkx

def to_networkx(g: Graph, *, classes: Iterable[URIRef] = DEFAULT_CLASSES, article: URIRef | None = None,
                named: Dataset | None = None) -> nx.MultiDiGraph:
    """The nodes of the chosen classes with their plain-text details, joined by labelled edges."""
    classes = tuple(classes)
    keep = _article_nodes(g, article, named) if article is not None else None
    articles = _articles(g)
    G = nx.MultiDiGraph()
    for cls in classes:
        for node in sorted(set(g.subjects(RDF.type, cls))):
            if isinstance(node, URIRef) and (keep is None or node in keep) and node not in G:
                G.add_node(node, **_describe(g, node, cls, articles))
    _add_property_edges(G, g)
    _add_about_edges(G, g, articles)
    return G


def _describe(g: Graph, node: URIRef, cls: URIRef, articles: dict) -> dict:
    """What the page shows of a node: its name, aliases and a list of (field, plain text) rows."""
    name = _text(g.value(node, RDFS.label)) or _text(g.value(node, DCTERMS.title)) or _short_id(node)
    aliases = sorted({_text(a) for a in _values(g, node, SKOS.altLabel)} - {name})
    rows = [("class", cls.fragment), ("label", name)]
    if aliases:
        rows.append(("aliases", ", ".join(aliases)))
    rows += _DETAILS.get(cls, _agent_rows)(g, node, articles)
    return {"cls": cls, "name": name, "aliases": aliases, "rows": rows}


def _agent_rows(g: Graph, node: URIRef, articles: dict) -> list[tuple[str, str]]:
    rows = [("title", _text(t)) for t in _values(g, node, NKG.title)]
    rows += [("member of", _label(g, o)) for o in _values(g, node, NKG.memberOf)]
    rows += [("country", _text(c)) for c in _values(g, node, NKG.country)]
    if g.value(node, NKG.unnamed) is not None and g.value(node, NKG.unnamed).toPython() is True:
        rows.append(("unnamed", "yes: a speaker the article does not name"))
    seen = sorted({g.value(m, NKG.source) for m in _values(g, node, NKG.mention)} - {None})
    rows += [("mentioned in", _article_line(articles, a)) for a in seen]
    return rows


def _statement_rows(g: Graph, node: URIRef, articles: dict) -> list[tuple[str, str]]:
    direct = g.value(node, NKG.direct)
    rows = [("said by", _label(g, s)) for s in _values(g, node, NKG.speaker)]
    rows.append(("quote" if direct is not None and direct.toPython() is True else "reported", _text(
        g.value(node, NKG.text))))
    rows += [(key, _text(g.value(node, prop))) for key, prop in (("verb", NKG.verb), ("said on", NKG.date))
             if g.value(node, prop) is not None]
    return rows + _evidence_rows(g, node, articles)


def _figure_rows(g: Graph, node: URIRef, articles: dict) -> list[tuple[str, str]]:
    value = " ".join(_text(v) for v in (g.value(node, NKG.value), g.value(node, NKG.unit)) if v is not None)
    rows = [("value", value)] if value else []
    rows += [("measure", _text(m)) for m in _values(g, node, NKG.measure)]
    approximate = g.value(node, NKG.approximate)
    if approximate is not None:
        rows.append(("approximate", "yes" if approximate.toPython() is True else "no"))
    rows += [("reported by", _label(g, r)) for r in _values(g, node, NKG.reportedBy)]
    return rows + _evidence_rows(g, node, articles)


def _policy_rows(g: Graph, node: URIRef, articles: dict) -> list[tuple[str, str]]:
    rows = [("issued by", _label(g, o)) for o in _values(g, node, NKG.issuedBy)]
    rows += [("deadline", _text(d)) for d in _values(g, node, NKG.deadline)]
    return rows + _evidence_rows(g, node, articles)


def _article_rows(g: Graph, node: URIRef, articles: dict) -> list[tuple[str, str]]:
    fields = (("file", DCTERMS.identifier), ("title", DCTERMS.title), ("outlet", NKG.outlet),
              ("date", NKG.date), ("url", NKG.url))
    return [(key, _text(g.value(node, prop))) for key, prop in fields if g.value(node, prop) is not None]


_DETAILS = {NKG.Statement: _statement_rows, NKG.Figure: _figure_rows, NKG.Policy: _policy_rows,
            NKG.Article: _article_rows}


def _evidence_rows(g: Graph, node: URIRef, articles: dict) -> list[tuple[str, str]]:
    """Each evidence sentence with the article it was read from: the source whose body contains it."""
    sources = _values(g, node, NKG.source)
    rows = []
    for sentence in sorted({_text(e) for e in _values(g, node, NKG.evidence)}):
        rows.append(("evidence", sentence))
        for a in [a for a in sources if sentence in articles.get(a, {}).get("body", "")] or sources:
            rows += [("article", articles.get(a, {}).get("title") or _short_id(a)),
                     ("date", articles.get(a, {}).get("date") or "not given")]
    return rows or [("article", _article_line(articles, a)) for a in sources]


def _articles(g: Graph) -> dict[URIRef, dict]:
    """Title, date and body of every article, for details and for finding sentences in bodies."""
    return {a: {"title": _text(g.value(a, DCTERMS.title)) or _text(g.value(a, DCTERMS.identifier)),
                "date": _text(g.value(a, NKG.date)),
                "body": _text(g.value(a, NKG.body))}
            for a in g.subjects(RDF.type, NKG.Article)}


def _article_line(articles: dict, a: URIRef) -> str:
    info = articles.get(a, {})
    title = info.get("title") or _short_id(a)
    return f"{title} ({info['date']})" if info.get("date") else title


def _add_property_edges(G: nx.MultiDiGraph, g: Graph) -> None:
    for prop, (label, reverse) in EDGES.items():
        for s, o in g.subject_objects(prop):
            if s in G and o in G and s != o:
                a, b = (o, s) if reverse else (s, o)
                G.add_edge(a, b, key=label, label=label, prop=prop)


def _add_about_edges(G: nx.MultiDiGraph, g: Graph, articles: dict) -> None:
    """Tie each statement or figure to the agents and policies written inside what it claims.

    A statement's claim is its own span (the quote or reported clause); a figure's is its sentence. The
    graph has no "about" property: this edge is read from the mention offsets, and drawn dashed.
    """
    written = _mention_index(G, g)
    for node, data in G.nodes(data=True):
        if data["cls"] not in CLAIMS:
            continue
        makers = set(g.objects(node, MAKER[data["cls"]]))
        for article, begin, end in _claim_spans(g, node, data["cls"], articles):
            for b, e, other in written.get(article, ()):
                if begin <= b and e <= end and other != node and other not in makers:
                    if G.nodes[other]["cls"] in AGENTS | {NKG.Policy}:
                        G.add_edge(node, other, key=ABOUT, label=ABOUT, prop=None)


def _mention_index(G: nx.MultiDiGraph, g: Graph) -> dict[URIRef, list[tuple[int, int, URIRef]]]:
    index = defaultdict(list)
    for node, m in g.subject_objects(NKG.mention):
        span = _span(g, m)
        if node in G and span:
            index[span[0]].append((span[1], span[2], node))
    return index


def _span(g: Graph, mention) -> tuple[URIRef, int, int] | None:
    article, b, e = (g.value(mention, p) for p in (NKG.source, NKG.beginIndex, NKG.endIndex))
    if article is None or b is None or e is None:
        return None
    try:
        return article, int(b), int(e)
    except (TypeError, ValueError):
        return None


def _claim_spans(g: Graph, node: URIRef, cls: URIRef, articles: dict) -> list[tuple[URIRef, int, int]]:
    own = [s for s in (_span(g, m) for m in _values(g, node, NKG.mention)) if s]
    if cls == NKG.Statement and own:
        return own
    spans = []
    for article in _values(g, node, NKG.source):
        body = articles.get(article, {}).get("body", "")
        for sentence in _values(g, node, NKG.evidence):
            start = body.find(str(sentence)) if body else -1
            if start >= 0:
                spans.append((article, start, start + len(str(sentence))))
    return spans or own


def _article_nodes(g: Graph, article: URIRef, named: Dataset | None) -> set[URIRef]:
    """The nodes one article mentions: its named graph when there is one, else its mentions and sources."""
    if named is not None and any(c.identifier == article for c in named.contexts()):
        return set(named.graph(article).subjects(RDF.type, None))
    nodes = {article} | set(g.subjects(NKG.source, article))
    nodes |= {n for n, m in g.subject_objects(NKG.mention) if g.value(m, NKG.source) == article}
    return nodes


# ------------------------------------------------------------------ choosing what to show

def neighbourhood(G: nx.MultiDiGraph, focus: str, hops: int = 2, *,
                  source: str = "the graph") -> nx.MultiDiGraph:
    """The part of G within hops edges of the entity named focus (label, alias or id), either direction."""
    if hops < 0:
        raise VizError(f"--hops {hops}: must be 0 or more")
    return nx.ego_graph(G, find_node(G, focus, source=source), radius=hops, undirected=True).copy()


def find_node(G: nx.MultiDiGraph, name: str, *, source: str = "the graph") -> URIRef:
    """The one node called name: an exact label, then an exact alias or id, then a unique part of a name."""
    want = name.strip().casefold()
    if not want:
        raise VizError("--focus: give the name of an entity")
    tiers = (
        lambda n, d: d["name"].casefold() == want,
        lambda n, d: want in {a.casefold() for a in d["aliases"]} or want in {str(n).casefold(),
                                                                             _short_id(n).casefold()},
        lambda n, d: any(want in k.casefold() for k in [d["name"], *d["aliases"]]),
    )
    for matches in tiers:
        found = sorted(n for n, d in G.nodes(data=True) if matches(n, d))
        if len(found) == 1:
            return found[0]
        if found:
            shown = "; ".join(f"{G.nodes[n]['name']} ({G.nodes[n]['cls'].fragment}, {_short_id(n)})"
                              for n in found[:8])
            raise VizError(f"--focus {name!r} matches {len(found)} nodes in {source}: {shown}; "
                           "use a fuller name or the id")
    raise VizError(f"--focus {name!r}: no entity of that name or alias in {source} (among the classes shown)")


def _classes(include) -> tuple[URIRef, ...]:
    if not include:
        return DEFAULT_CLASSES
    chosen = []
    by_name = {k.casefold(): v for k, v in CLASS_NAMES.items()}
    for item in include:
        cls = item if isinstance(item, URIRef) else by_name.get(str(item).strip().casefold())
        if cls not in STYLES:
            raise VizError(f"--include {item!r}: unknown class; choose from {', '.join(CLASS_NAMES)}")
        chosen.append(cls)
    return tuple(dict.fromkeys(chosen))


def _article(g: Graph, wanted: str, source: str) -> URIRef:
    """The article named by its file name, file stem, slug or IRI."""
    want = wanted.strip().casefold()
    for a in sorted(set(g.subjects(RDF.type, NKG.Article))):
        ident = _text(g.value(a, DCTERMS.identifier))
        keys = {str(a), _short_id(a), str(a).rsplit("/", 1)[-1], ident, ident.rsplit(".", 1)[0]}
        if want in {k.casefold() for k in keys if k}:
            return a
    known = sorted(_text(g.value(a, DCTERMS.identifier)) or _short_id(a)
                   for a in g.subjects(RDF.type, NKG.Article))
    raise VizError(f"--article {wanted!r}: no such article in {source}; "
                   f"known: {', '.join(known[:10]) or 'none'}" + (" ..." if len(known) > 10 else ""))


def _open(ds_or_graph) -> tuple[Graph, Dataset | None, str]:
    """The union graph to read, the dataset (for per-article named graphs) and a name for messages."""
    if isinstance(ds_or_graph, (str, Path)):
        ds = load(ds_or_graph)
        return (ds if ds.default_union else union_graph(ds)), ds, str(ds_or_graph)
    if isinstance(ds_or_graph, Dataset):
        # a default-union dataset already reads as one graph; copying it would cost more than drawing
        union = ds_or_graph if ds_or_graph.default_union else union_graph(ds_or_graph)
        return union, ds_or_graph, "the graph"
    if isinstance(ds_or_graph, Graph):
        return ds_or_graph, None, "the graph"
    raise TypeError(f"write_html needs a Dataset, Graph or graph file, not {type(ds_or_graph).__name__}")


# ------------------------------------------------------------------ networkx -> pyvis -> page

def to_pyvis(G: nx.MultiDiGraph) -> Network:
    """pyvis nodes and edges: colour and shape by class, size by degree, positions when the graph is big."""
    net = Network(directed=True)
    positions = layout(G) if len(G) > PHYSICS_LIMIT else {}
    for node, data in G.nodes(data=True):
        style = STYLES[data["cls"]]
        extra = {}
        if node in positions:
            extra = {"x": round(positions[node][0]), "y": round(positions[node][1]), "physics": False}
        net.add_node(_short_id(node), label=_display_label(data), shape=style.shape, color=style.colour,
                     size=round(10 + 5 * math.sqrt(G.degree(node)), 1), title=_tooltip(data),
                     cls=data["cls"].fragment, name=data["name"], aliases=data["aliases"],
                     rows=[list(r) for r in data["rows"]], **extra)
    for a, b, data in G.edges(data=True):
        net.add_edge(_short_id(a), _short_id(b), label=data["label"], dashes=data["label"] == ABOUT,
                     title=f"nkg:{data['prop'].fragment}" if data["prop"] else "about (from mention offsets)")
    return net


def render(G: nx.MultiDiGraph) -> str:
    """The whole page as one string: template, inlined vis-network, app script and JSON data."""
    net = to_pyvis(G)
    data = {"nodes": net.nodes, "edges": net.edges, "options": _vis_options(len(G)),
            "classes": [c.fragment for c in STYLES]}
    vis_js, app_js = _vendor_js(), (TEMPLATES / "graph.js").read_text(encoding="utf-8")
    counts = Counter(d["cls"] for _, d in G.nodes(data=True))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    page = env.get_template("graph.html").render(
        title=_page_title(G), data_json=_json_for_html(data), vis_js=vis_js, app_js=app_js,
        vis_css=(VIS_DIR / "vis-network.css").read_text(encoding="utf-8"),
        app_css=(TEMPLATES / "graph.css").read_text(encoding="utf-8"),
        csp=_csp(vis_js, app_js), node_count=len(G), edge_count=G.number_of_edges(),
        legend=[(c.fragment, s, counts.get(c, 0)) for c, s in STYLES.items() if counts.get(c)])
    if NETWORK_ADDRESS.search(page):
        raise VizError(f"page would reference {NETWORK_ADDRESS.search(page).group(0)!r}; "
                       "it must work with no network")
    return page


NETWORK_ADDRESS = re.compile(r"(?i)\b(?:https?|wss?|ftp):|//[a-z0-9-]+\.[a-z0-9.-]+/")


def _vendor_js() -> str:
    """vis-network as shipped by pyvis, with its few URLs (licence notes, the SVG namespace) made inert.

    `http\\x3a\\x2f\\x2f` is the same string as `http://` to JavaScript, in strings and regexes alike, and
    plain text in comments, but it is no address to a browser or to anything that scans the page.
    """
    js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    if "</script" in js.lower():
        raise VizError(f"{VIS_DIR}: vis-network.min.js cannot be inlined (contains </script)")
    js = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", js)  # no map for a browser to fetch
    return re.sub(r"(?i)\b(https?)://", r"\1\\x3a\\x2f\\x2f", js)


def _json_for_html(value) -> str:
    """JSON that stays data inside a <script type=application/json>: no tag, entity or address in it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("/", "\\/"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return re.sub(r"(?i)\b(https?|wss?|ftp):", r"\1\\u003a", text)


def _csp(*scripts: str) -> str:
    """Only these exact inline scripts may run; nothing may be fetched, framed or submitted."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def _vis_options(n: int) -> dict:
    """Physics that stabilises then stops for small graphs; none at all when positions are precomputed."""
    big = n > PHYSICS_LIMIT
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": n <= 150},
        "nodes": {"borderWidth": 1, "font": {"size": 13, "face": "sans-serif"},
                  "scaling": {"label": {"drawThreshold": 5}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "color": {"color": "#9a9a9a", "highlight": "#222", "hover": "#444"},
                  "font": {"size": 10, "color": "#555", "strokeWidth": 3, "align": "middle"},
                  "smooth": False if big else {"type": "continuous"}, "width": 1},
        "physics": {"enabled": not big, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -70, "springLength": 110,
                                         "avoidOverlap": 0.3},
                    "minVelocity": 1,
                    "stabilization": {"enabled": not big, "iterations": 800, "updateInterval": 40,
                                      "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 200, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "multiselect": False},
    }


# ------------------------------------------------------------------ layout for big graphs

def layout(G: nx.Graph) -> dict:
    """Positions for a big graph, so the browser need not simulate: each component laid out, then packed."""
    U = nx.Graph(G.to_undirected(as_view=True))
    parts = [_component_layout(U.subgraph(c)) for c in nx.connected_components(U)]
    return _pack(sorted(parts, key=lambda p: (-len(p), min(str(n) for n in p))))


def _component_layout(H: nx.Graph) -> dict:
    """A spring layout of the busiest nodes; every other node placed next to its placed neighbours.

    A full spring layout of thousands of nodes takes too long without scipy; news graphs are hubs
    (governments, officials) with many statements and figures around them, so springs for the hubs
    and a golden-angle spiral around (or between) them for the rest look the same and cost little.
    """
    n = len(H)
    if n == 1:
        return {next(iter(H)): (0.0, 0.0)}
    if n <= SPRING_LIMIT:
        return _spring(H, n)
    anchors = set(sorted(H, key=lambda v: (-H.degree(v), str(v)))[:SPRING_LIMIT])
    pos = _spring(_skeleton(H, anchors), n)
    _place_satellites(H, pos)
    return pos


def _spring(H: nx.Graph, n: int) -> dict:
    pos = nx.spring_layout(H, seed=7, scale=GAP * math.sqrt(n))
    return {v: (float(x), float(y)) for v, (x, y) in pos.items()}


def _skeleton(H: nx.Graph, anchors: set) -> nx.Graph:
    """The anchors, joined where they are neighbours or share a neighbour."""
    S = nx.Graph(H.subgraph(anchors))
    for v in H:
        if v not in anchors:
            near = sorted((u for u in H[v] if u in anchors), key=str)
            S.add_edges_from((a, b) for i, a in enumerate(near) for b in near[i + 1:])
    return S


def _place_satellites(H: nx.Graph, pos: dict) -> None:
    """Put each unplaced node, nearest first, on a spiral around the centre of its placed neighbours."""
    rank = Counter()
    frontier = list(pos)
    while frontier:
        nxt = []
        for u in frontier:
            for v in sorted((w for w in H[u] if w not in pos), key=str):
                placed = [pos[w] for w in H[v] if w in pos]
                key = tuple(sorted(str(w) for w in H[v] if w in pos))
                rank[key] += 1
                i = rank[key]
                cx = sum(p[0] for p in placed) / len(placed)
                cy = sum(p[1] for p in placed) / len(placed)
                r = 0.6 * GAP * math.sqrt(i)
                pos[v] = (cx + r * math.cos(i * GOLDEN_ANGLE), cy + r * math.sin(i * GOLDEN_ANGLE))
                nxt.append(v)
        frontier = nxt


def _pack(parts: list[dict]) -> dict:
    """Lay the components out in rows, biggest first, so none overlaps another."""
    boxes = []
    for p in parts:
        xs, ys = [x for x, _ in p.values()], [y for _, y in p.values()]
        boxes.append((p, min(xs), min(ys), max(xs) - min(xs) + 2 * GAP, max(ys) - min(ys) + 2 * GAP))
    width = max(max(b[3] for b in boxes), math.sqrt(sum(b[3] * b[4] for b in boxes)) * 1.2)
    out, x, y, row = {}, 0.0, 0.0, 0.0
    for p, left, top, w, h in boxes:
        if x and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        for v, (px, py) in p.items():
            out[v] = (px - left + x + GAP, py - top + y + GAP)
        x, row = x + w, max(row, h)
    return out


# ------------------------------------------------------------------ small helpers

def _values(g: Graph, node, prop) -> list:
    """Each distinct object once, in a stable order (a dataset repeats entity triples per article)."""
    return sorted(set(g.objects(node, prop)))


def _text(value) -> str:
    return "" if value is None else str(value)


def _short_id(node) -> str:
    """The node's IRI without the instance namespace: 'agent/sarfraz-bugti'."""
    text = str(node)
    return text[len(str(ID)):] if text.startswith(str(ID)) else text


def _label(g: Graph, node) -> str:
    return _text(g.value(node, RDFS.label)) or _short_id(node)


def _display_label(data: dict) -> str:
    """A short label for the canvas: first words of a quote, the figure with what it counts."""
    limit = 40 if data["cls"] == NKG.Figure else 28
    name = " ".join(data["name"].split())
    if data["cls"] == NKG.Statement:
        words = name.split()
        name = " ".join(words[:6]) + ("\u2026" if len(words) > 6 else "")
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "\u2026"


def _tooltip(data: dict) -> str:
    """The hover text: the detail rows as plain text (vis-network shows a string title as text)."""
    return "\n".join(f"{k}: {v}" for k, v in data["rows"])


def _page_title(G: nx.MultiDiGraph) -> str:
    return f"newskg \u2014 {len(G)} nodes, {G.number_of_edges()} edges"
