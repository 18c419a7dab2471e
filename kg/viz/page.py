"""The page itself: the map as pyvis nodes and edges, the records the panels read, one offline HTML file.

The page is self-contained: vis-network's script and styles are inlined from the pyvis package, every
string from an article travels as JSON data that the page only ever shows as text, and a Content Security
Policy lets nothing but the page's own scripts run and nothing at all load from the network.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network

from ..errors import VizError
from ..vocab import NKG
from .classes import CLAIM_CLASSES, STANCE_COLOURS, STYLES, node_size
from .corpus import Claim, Corpus
from .layout import layout
from .storymap import MEMBER, SAID

TEMPLATES = Path(__file__).resolve().parent / "templates"
VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
SCRIPTS = ("story.js", "map.js", "panel.js", "controls.js")  # run in this order, after vis-network
NETWORK_ADDRESS = re.compile(r"(?i)\b(?:https?|wss?|ftp):|//[a-z0-9-]+\.[a-z0-9.-]+/")
LABEL_SIZES = ((8, 19), (30, 16), (120, 14))  # rank below -> label size in screen pixels; the rest 12
BIG = 1000  # from this many nodes, edges are hidden while the view moves
DATA_SLOT = "\u0000newskg-data\u0000"  # where the JSON goes once the rest of the page is checked


def render(corpus: Corpus, G: nx.MultiDiGraph, *, show=(), focus: str | None = None,
           article: str | None = None) -> str:
    """The whole page as one string: template, inlined vis-network, the page's scripts and its JSON data."""
    positions = layout(G)
    net = to_pyvis(G, corpus, positions)
    data = {
        "title": page_title(corpus, G, focus=focus, article=article),
        "classes": {c.fragment: {"colour": s.colour, "shape": s.shape, "glyph": s.glyph} for c, s in STYLES.items()},
        "nodes": [{k: v for k, v in n.items() if k != "label"} for n in net.nodes],  # the page draws labels
        "edges": net.edges,
        "claims": [_claim(c) for c in corpus.claims.values()],
        "articles": _articles(corpus),
        "dates": corpus.dates(),
        "show": [c.fragment for c in show if c in CLAIM_CLASSES],
        "alwaysLabelled": always_labelled(G),
        "focus": focus, "article": article,
        "options": vis_options(len(G)),
    }
    scripts = [_vendor_js(), *((TEMPLATES / name).read_text(encoding="utf-8") for name in SCRIPTS)]
    counts = Counter(G.nodes[n]["cls"] for n in G) + Counter(c.cls for c in corpus.claims.values())
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    page = env.get_template("page.html").render(
        title=data["title"], data_json=DATA_SLOT, scripts=scripts,
        vis_css=(VIS_DIR / "vis-network.css").read_text(encoding="utf-8"),
        app_css=(TEMPLATES / "page.css").read_text(encoding="utf-8"),
        csp=csp(*scripts), node_count=len(G),
        legend=[(c.fragment, s, counts.get(c, 0), c in CLAIM_CLASSES) for c, s in STYLES.items() if counts.get(c)])
    found = NETWORK_ADDRESS.search(page)  # the data is escaped so that it holds no address: see json_for_html
    if found:
        raise VizError(f"page would reference {found.group(0)!r}; it must work with no network")
    before, _, after = page.rpartition(DATA_SLOT)  # the last: the title, holding article text, comes earlier
    return before + json_for_html(data) + after


def to_pyvis(G: nx.MultiDiGraph, corpus: Corpus, positions: dict) -> Network:
    """pyvis nodes and edges of the map: look by class, size by mentions, fixed positions, edges by count."""
    net = Network(directed=True)
    for key in G:
        e, data = corpus.entities[key], G.nodes[key]
        style = STYLES[e.cls]
        x, y = positions[key]
        net.add_node(key, label=e.name, shape=style.shape, color=style.colour, x=round(x), y=round(y),
                     size=node_size(data["mentions"], e.cls), cls=e.cls.fragment, name=e.name,
                     aliases=e.aliases, rank=data["rank"], labelSize=label_size(data["rank"]),
                     **_entity_facts(e))
    for a, b, data in G.edges(data=True):
        net.add_edge(a, b, kind=data["kind"], **_edge_look(data))
    return net


def always_labelled(G: nx.MultiDiGraph) -> int:
    """How many of the first-ranked nodes get a label at any zoom: the governments and a dozen more."""
    governments = sum(1 for n in G if G.nodes[n]["cls"] == NKG.Government)
    return min(len(G), governments + 12)


def label_size(rank: int) -> int:
    return next((size for below, size in LABEL_SIZES if rank < below), 12)


def _entity_facts(e) -> dict:
    """The entity's own facts for its panel, leaving out what is empty."""
    facts = {"titles": e.titles, "memberOf": e.member_of, "issuedBy": e.issued_by, "deadlines": e.deadlines,
             "country": e.country, "unnamed": e.unnamed or None,
             "sources": sorted(set(e.sources) - {s[0] for s in e.spans})}  # the rest the page reads from marks
    return {k: v for k, v in facts.items() if v}


def _edge_look(data: dict) -> dict:
    """Width by how many statements an edge carries, colour by their stance (the page adds the statements)."""
    if data["kind"] != SAID:
        return {"width": 1, "color": "#b5b5b5", "dashes": data["kind"] != MEMBER}
    look = {"width": round(1 + 1.6 * math.log2(len(data["statements"])), 1),
            "color": STANCE_COLOURS[data["stance"]]}
    return {**look, "stance": data["stance"]} if data["stance"] else look


def _claim(c: Claim) -> dict:
    """A statement or figure as the panels read it: offsets into its article instead of repeated text."""
    out = {"id": c.key, "cls": c.cls.fragment, "makers": c.makers, "about": c.about, "article": c.article,
           "date": c.date}
    if c.span:
        out["span"] = [c.span[1], c.span[2]]
    if c.sentence:
        out["sentence"] = [c.sentence[1], c.sentence[2]]
    else:
        out["evidence"] = c.evidence
    if c.cls == NKG.Statement:
        out.update(text=c.text, direct=c.direct, verb=c.verb)
    else:
        out.update(name=c.name, value=c.value, unit=c.unit, measure=c.measure, approximate=c.approximate)
    return {k: v for k, v in out.items() if v is not None and v != []}


def _articles(corpus: Corpus) -> list[dict]:
    """Each article with its body and the marks of every node written in it: [begin, end, node id]."""
    marks = defaultdict(set)
    for e in corpus.entities.values():
        for article, begin, end in e.spans:
            marks[article].add((begin, end, e.key))
    for c in corpus.claims.values():
        if c.span:
            marks[c.span[0]].add((c.span[1], c.span[2], c.key))
    out = []
    for key, a in corpus.articles.items():
        fields = {"id": key, "title": a.title, "date": a.date, "outlet": a.outlet, "file": a.file, "body": a.body,
                  "marks": [list(m) for m in sorted(marks[key], key=lambda m: (m[0], -m[1], m[2]))]}
        out.append({k: v for k, v in fields.items() if v is not None})
    return out


def page_title(corpus: Corpus, G: nx.MultiDiGraph, *, focus: str | None = None, article: str | None = None) -> str:
    """What the page is about: its articles and their dates, or the one article or entity it opens on."""
    if article:
        a = corpus.articles[article]
        return f"{a.title} ({a.date}) \u2014 newskg" if a.date else f"{a.title} \u2014 newskg"
    n = len(corpus.articles)
    dates = sorted(a.date for a in corpus.articles.values() if a.date)
    span = "" if not dates else f", {dates[0]}" if dates[0] == dates[-1] else f", {dates[0]} to {dates[-1]}"
    about = f"{corpus.entities[focus].name} in " if focus else ""
    return f"{about}{n} article{'s' if n != 1 else ''}{span} \u2014 newskg story map"


def vis_options(n: int) -> dict:
    """No physics: positions arrive computed. vis-network draws no labels: the page does (see map.js)."""
    big = n >= BIG
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {"enabled": False},
        "nodes": {"borderWidth": 1, "borderWidthSelected": 3, "font": {"size": 0}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.4}}, "smooth": False,
                  "color": {"opacity": 0.35 if big else 0.8},
                  "selectionWidth": 1.5, "hoverWidth": 0.5, "font": {"size": 0}},
        "interaction": {"hover": True, "tooltipDelay": 250, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "multiselect": False, "navigationButtons": False, "keyboard": False},
    }


# ------------------------------------------------------------------ offline and inert

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


def json_for_html(value) -> str:
    """JSON that stays data inside a <script type=application/json>: no tag, entity or address in it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("/", "\\/"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return re.sub(r"(?i)\b(https?|wss?|ftp):", r"\1\\u003a", text)


def csp(*scripts: str) -> str:
    """Only these exact inline scripts may run; nothing may be fetched, framed or submitted."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'")
