"""The network page: one offline file, a node per entity, labelled edges, details as text, hostile text inert."""
from __future__ import annotations

import base64
import hashlib
import html as htmllib
import itertools
import json
import math
import re
import sys
from collections import Counter, defaultdict
from html.parser import HTMLParser

import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg import graphio
from kg.cli import main
from kg.viz import PHYSICS_LIMIT, VIS_DIR, VizError, write_html
from kg.vocab import ID, NKG

from .kg_fixtures import BODY_1, PAKISTAN, copy_dataset, small_dataset

SHOWN = ("Government", "Official", "Person", "Organization", "Group", "Statement", "Policy", "Figure")
NETWORK_ADDRESS = re.compile(r"(?i)\b(?:https?|wss?|ftp):|//[a-z0-9-]+\.[a-z0-9.-]+/")
HOSTILE_SCRIPT = '</script><script>window.__pwned = "script";</script>'
HOSTILE_IMG = '<img src=x onerror="window.__pwned = \'img\'">'
HOSTILE_LINK = '<a href="https://evil.example/x.js" onclick="window.__pwned=1">href</a>'
HOSTILE_TEMPLATE = "{{ 7 * 7 }}"
HOSTILE = (HOSTILE_SCRIPT, HOSTILE_IMG, HOSTILE_LINK, HOSTILE_TEMPLATE)


# ---------------------------------------------------------------- graphs written by hand

class Story:
    """One article written by hand after docs/graph-contract.md: each node with the span it is read from."""

    def __init__(self, ds: Dataset, slug: str, body: str, *, title: str, date: str | None = "2024-05-01"):
        self.iri, self.slug, self.body = ID[f"article/{slug}"], slug, body
        self.g = ds.graph(self.iri)
        self.add(self.iri, RDF.type, NKG.Article)
        self.add(self.iri, DCTERMS.identifier, Literal(f"{slug}.txt"))
        self.add(self.iri, DCTERMS.title, Literal(title))
        self.add(self.iri, NKG.body, Literal(body))
        self.add(self.iri, NKG.contentHash, Literal(hashlib.sha256(body.encode()).hexdigest()))
        if date:
            self.add(self.iri, NKG.date, Literal(date, datatype=XSD.date))

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def mention(self, node: URIRef, text: str) -> None:
        begin = self.body.index(text)
        m = ID[f"mention/{self.slug}/{begin}-{begin + len(text)}"]
        self.add(node, NKG.mention, m)
        self.add(m, RDF.type, NKG.Mention)
        self.add(m, NKG.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger))
        self.add(m, NKG.endIndex, Literal(begin + len(text), datatype=XSD.nonNegativeInteger))
        self.add(m, NKG.anchorOf, Literal(text))
        self.add(m, NKG.source, self.iri)

    def sentence(self, text: str) -> str:
        return next(s for s in re.split(r"(?<=\.)\s+", self.body) if text in s)

    def entity(self, iri, cls, label, surface, *, aliases=(), title=None, member=None) -> URIRef:
        self.add(iri, RDF.type, cls)
        self.add(iri, RDFS.label, Literal(label))
        for alias in aliases:
            self.add(iri, SKOS.altLabel, Literal(alias))
        if title:
            self.add(iri, NKG.title, Literal(title))
        if member:
            self.add(iri, NKG.memberOf, member)
        self.mention(iri, surface)
        return iri

    def claim(self, kind: str, cls, label: str, surface: str) -> URIRef:
        iri = ID[f"{kind}/" + hashlib.sha1(f"{self.slug}{surface}".encode()).hexdigest()[:16]]
        self.add(iri, RDF.type, cls)
        self.add(iri, RDFS.label, Literal(label))
        self.add(iri, NKG.source, self.iri)
        self.add(iri, NKG.evidence, Literal(self.sentence(surface)))
        self.mention(iri, surface)
        return iri

    def statement(self, speaker, text: str, *, direct=False) -> URIRef:
        iri = self.claim("statement", NKG.Statement, " ".join(text.split()[:8]), text)
        self.add(iri, NKG.speaker, speaker)
        self.add(iri, NKG.text, Literal(text))
        self.add(iri, NKG.direct, Literal(direct))
        return iri

    def figure(self, surface: str, value: str, measure: str, reporter=None) -> URIRef:
        iri = self.claim("figure", NKG.Figure, f"{surface} \u2014 {measure}", surface)
        self.add(iri, NKG.value, Literal(value, datatype=XSD.decimal))
        self.add(iri, NKG.measure, Literal(measure))
        self.add(iri, NKG.approximate, Literal(False))
        if reporter:
            self.add(iri, NKG.reportedBy, reporter)
        return iri


EVIL = ID["agent/evil-minister"]
EVIL_BODY = (f"Minister Evil {HOSTILE_IMG} said {HOSTILE_SCRIPT} and {HOSTILE_TEMPLATE} now. "
             f"He counted 12 people at {HOSTILE_LINK} yesterday.")


def hostile_dataset() -> Dataset:
    """The small graph plus an article whose title, names, quote and sentences are markup and script."""
    ds = copy_dataset(small_dataset())
    story = Story(ds, "evil", EVIL_BODY, title=f"Breaking {HOSTILE_SCRIPT} {HOSTILE_IMG}")
    story.entity(EVIL, NKG.Official, f"Evil {HOSTILE_IMG}", f"Evil {HOSTILE_IMG}",
                 aliases=[HOSTILE_LINK, HOSTILE_TEMPLATE], title=HOSTILE_SCRIPT, member=PAKISTAN)
    story.statement(EVIL, f"{HOSTILE_SCRIPT} and {HOSTILE_TEMPLATE}")
    story.figure("12 people", "12", HOSTILE_LINK, reporter=EVIL)
    return ds


def about_dataset() -> tuple[Dataset, dict]:
    """A speaker whose claim names a government and a policy, and a figure reported in the same article."""
    ds = graphio.new_dataset()
    body = ("Interior Minister Ann Lee said Kabul must respect the March deadline. "
            "Officials say 300 families reached Velmora from Islamabad.")
    s = Story(ds, "about", body, title="About", date="2024-03-01")
    lee = s.entity(ID["agent/ann-lee"], NKG.Official, "Ann Lee", "Ann Lee", title="Interior Minister",
                   member=ID["government/pk"])
    pk = s.entity(ID["government/pk"], NKG.Government, "Pakistan", "Islamabad", aliases=["Islamabad"])
    af = s.entity(ID["government/af"], NKG.Government, "Afghanistan", "Kabul", aliases=["Kabul"])
    deadline = s.claim("policy", NKG.Policy, "March deadline", "March deadline")
    s.add(deadline, NKG.issuedBy, pk)
    claim = s.statement(lee, "Kabul must respect the March deadline")
    families = s.figure("300 families", "300", "families reached Velmora")
    return ds, {"lee": lee, "pk": pk, "af": af, "deadline": deadline, "claim": claim, "families": families}


def star_graph(n_statements: int) -> Graph:
    """A big plain graph: one government, 30 officials, n statements among them, 5 loners."""
    g = Graph()
    gov = ID["government/x"]
    g.add((gov, RDF.type, NKG.Government))
    g.add((gov, RDFS.label, Literal("Xland")))
    officials = [ID[f"agent/o{i}"] for i in range(30)]
    for i, o in enumerate(officials):
        g.add((o, RDF.type, NKG.Official))
        g.add((o, RDFS.label, Literal(f"Official {i}")))
        g.add((o, NKG.memberOf, gov))
    for i in range(n_statements):
        s = ID[f"statement/s{i}"]
        g.add((s, RDF.type, NKG.Statement))
        g.add((s, RDFS.label, Literal(f"statement number {i} about things")))
        g.add((s, NKG.speaker, officials[i % 30]))
    for i in range(5):
        g.add((ID[f"agent/loner{i}"], RDF.type, NKG.Person))
        g.add((ID[f"agent/loner{i}"], RDFS.label, Literal(f"Loner {i}")))
    return g


# ---------------------------------------------------------------- reading a page back

def page_data(html: str) -> dict:
    """The JSON the page draws from, as the browser's JSON.parse reads it."""
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert m, "page has no graph data"
    return json.loads(m.group(1))


def code_scripts(html: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", html, re.S)


def short(iri) -> str:
    return str(iri)[len(str(ID)):]


def expected_ids(g: Graph, classes=SHOWN) -> set[str]:
    """The nodes the page should draw, read straight from the graph with SPARQL."""
    values = " ".join(f"nkg:{c}" for c in classes)
    rows = g.query(f"SELECT DISTINCT ?n WHERE {{ VALUES ?cls {{ {values} }} ?n a ?cls FILTER(isIRI(?n)) }}",
                   initNs={"nkg": NKG._NS})
    return {short(r.n) for r in rows}


def names_of(data: dict) -> set[str]:
    return {n["name"] for n in data["nodes"]}


def named_edges(data: dict) -> set[tuple[str, str, str]]:
    name = {n["id"]: n["name"] for n in data["nodes"]}
    return {(name[e["from"]], e["label"], name[e["to"]]) for e in data["edges"]}


def rows_of(data: dict, name: str) -> list[tuple[str, str]]:
    node = next(n for n in data["nodes"] if n["name"] == name)
    return [tuple(r) for r in node["rows"]]


@pytest.fixture(scope="module")
def small_page(tmp_path_factory) -> str:
    path = write_html(small_dataset(), tmp_path_factory.mktemp("viz") / "small.html")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory) -> str:
    path = write_html(hostile_dataset(), tmp_path_factory.mktemp("viz") / "hostile.html")
    return path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- one offline file

@pytest.mark.parametrize("which", ["small_page", "hostile_page"])
def test_page_references_no_network_address(which, request):
    html = request.getfixturevalue(which)
    found = NETWORK_ADDRESS.search(html)
    assert found is None, f"network address in page: {html[max(0, found.start() - 60):found.end() + 60]!r}"
    markup = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", "", html, flags=re.S)
    assert re.findall(r"(?i)\b(?:src|href|action|srcset)\s*=\s*[\"']?([^\s\"'>]+)", markup) == ["data:,"]
    assert "@import" not in html
    assert set(re.findall(r"url\(\s*[\"']?([a-z]+):", html)) <= {"data"}


def test_vis_network_is_inlined_not_linked(small_page):
    vendor = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    middle = vendor[len(vendor) // 2: len(vendor) // 2 + 2000]
    assert "http" not in middle
    assert middle in small_page
    assert (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")[:3000] in small_page
    assert "<link rel=\"stylesheet\"" not in small_page and "bootstrap" not in small_page.lower()


def test_csp_lets_exactly_the_page_scripts_run(small_page):
    csp = htmllib.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', small_page)[1])
    scripts = code_scripts(small_page)
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


# ---------------------------------------------------------------- nodes, edges, looks

def test_one_node_per_entity_the_graph_has(small_page):
    data = page_data(small_page)
    ids = [n["id"] for n in data["nodes"]]
    assert len(ids) == len(set(ids))
    assert set(ids) == expected_ids(graphio.union_graph(small_dataset()))


def test_each_class_has_its_own_colour_shape_and_legend_entry(small_page):
    data = page_data(small_page)
    looks = defaultdict(set)
    for n in data["nodes"]:
        looks[n["cls"]].add((n["color"], n["shape"]))
    assert set(looks) == {"Government", "Official", "Statement", "Policy", "Figure"}
    assert all(len(v) == 1 for v in looks.values())
    assert len({next(iter(v)) for v in looks.values()}) == len(looks)
    colours = {next(iter(v))[0] for v in looks.values()}
    assert len(colours) == len(looks)
    legend = re.search(r'<fieldset id="legend">(.*?)</fieldset>', small_page, re.S).group(1)
    for cls, ((colour, _),) in ((k, tuple(v)) for k, v in looks.items()):
        entry = re.search(rf'data-class="{cls}".*?style="color: ([^"]+)"', legend, re.S)
        assert entry and entry.group(1) == colour


def test_node_size_follows_degree(small_page):
    data = page_data(small_page)
    degree = Counter()
    for e in data["edges"]:
        degree[e["from"]] += 1
        degree[e["to"]] += 1
    size = {n["id"]: n["size"] for n in data["nodes"]}
    for a, b in itertools.combinations(size, 2):
        if degree[a] != degree[b]:
            assert (size[a] > size[b]) == (degree[a] > degree[b]), (a, b)
    assert max(size, key=size.get) == short(PAKISTAN)


def test_edges_carry_the_property_name(small_page):
    edges = named_edges(page_data(small_page))
    assert {
        ("Sarfraz Bugti", "said", "Afghan citizens carried out 14 of 24 suicide"),
        ("Sarfraz Bugti", "memberOf", "Pakistan"),
        ("Zabihullah Mujahid", "said", "has rejected this claim"),
        ("November 1 deadline for undocumented Afghans to leave", "issuedBy", "Pakistan"),
        ("1.73 million \u2014 undocumented Afghan immigrants", "reportedBy", "Pakistan"),
    } <= edges
    assert {label for _, label, _ in edges} <= {"said", "memberOf", "issuedBy", "reportedBy", "about", "source"}


def test_statements_and_figures_sit_between_who_and_what_about(tmp_path):
    ds, n = about_dataset()
    data = page_data(write_html(ds, tmp_path / "p.html").read_text(encoding="utf-8"))
    edges = {(e["from"], e["label"], e["to"]) for e in data["edges"]}
    claim, lee = short(n["claim"]), short(n["lee"])
    assert (lee, "said", claim) in edges
    assert (claim, "about", short(n["af"])) in edges
    assert (claim, "about", short(n["deadline"])) in edges
    assert (claim, "about", short(n["lee"])) not in edges  # the speaker is who, not what
    assert (short(n["families"]), "about", short(n["pk"])) in edges  # "from Islamabad", same sentence
    assert not any(e["label"] == "about" and e["from"] == short(n["deadline"]) for e in data["edges"])


def test_labels_are_short_first_words_and_figures_say_what_they_count(small_page):
    data = page_data(small_page)
    for n in data["nodes"]:
        assert len(n["label"]) <= 40, n["label"]
        if n["cls"] == "Statement":
            first = n["name"].split()[0]
            assert n["label"].startswith(first)
    figure = next(n for n in data["nodes"] if n["name"].startswith("1.73 million"))
    assert figure["label"].startswith("1.73 million \u2014 undocumented Afghan")


# ---------------------------------------------------------------- details

def test_claims_show_their_sentence_article_title_and_date(small_page):
    data = page_data(small_page)
    deadline_sentence = next(s for s in BODY_1.split(". ") if "November 1" in s)
    for name in ("Afghan citizens carried out 14 of 24 suicide",
                 "1.73 million \u2014 undocumented Afghan immigrants",
                 "November 1 deadline for undocumented Afghans to leave"):
        rows = rows_of(data, name)
        evidence = [v for k, v in rows if k == "evidence"]
        assert len(evidence) == 1 and evidence[0] in BODY_1
        assert ("article", "Pakistan sets deadline") in rows
        assert ("date", "2023-10-04") in rows
    assert deadline_sentence in dict(rows_of(data, "November 1 deadline for undocumented Afghans to leave"))[
        "evidence"]


def test_agents_show_class_label_aliases_and_title(small_page):
    rows = rows_of(page_data(small_page), "Sarfraz Bugti")
    assert ("class", "Official") in rows
    assert ("aliases", "Bugti") in rows
    assert ("title", "Interim Interior Minister") in rows
    assert ("member of", "Pakistan") in rows
    node = next(n for n in page_data(small_page)["nodes"] if n["name"] == "Sarfraz Bugti")
    assert "Interim Interior Minister" in node["title"] and "<" not in node["title"]


# ---------------------------------------------------------------- hostile text

class Tags(HTMLParser):
    """The elements of a page as a browser's tokenizer sees them (script bodies are text, not tags)."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_hostile_text_never_appears_as_markup(hostile_page, small_page):
    for text in (HOSTILE_SCRIPT, HOSTILE_IMG, HOSTILE_LINK):
        assert text not in hostile_page
    tags = Tags(hostile_page).tags
    assert [a.get("type") for t, a in tags if t == "script"] == ["application/json", None, None]
    assert not {t for t, _ in tags} & {"img", "a", "iframe", "object", "embed"}
    assert [t for t, _ in tags] == [t for t, _ in Tags(small_page).tags]  # same elements as a harmless page
    assert not any(k.startswith("on") for _, a in tags for k in a)


def test_hostile_text_reaches_the_page_as_the_same_characters(hostile_page):
    data = page_data(hostile_page)
    evil = next(n for n in data["nodes"] if n["id"] == short(EVIL))
    assert evil["name"] == f"Evil {HOSTILE_IMG}"
    assert set(evil["aliases"]) == {HOSTILE_LINK, HOSTILE_TEMPLATE}
    assert ("title", HOSTILE_SCRIPT) in map(tuple, evil["rows"])
    statement = next(n for n in data["nodes"] if n["cls"] == "Statement" and HOSTILE_SCRIPT in n["name"])
    rows = dict(map(tuple, statement["rows"]))
    assert rows["article"] == f"Breaking {HOSTILE_SCRIPT} {HOSTILE_IMG}"
    assert rows["evidence"] == EVIL_BODY.split(" now. ")[0] + " now."


def test_page_script_never_writes_markup():
    """The pyvis trap: a title with "href" switches its template to a popup filled through innerHTML."""
    from kg.viz import TEMPLATES

    script = (TEMPLATES / "graph.js").read_text(encoding="utf-8")
    template = (TEMPLATES / "graph.html").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script
    assert "tooltip_link" not in template and "popup" not in template


# ---------------------------------------------------------------- choosing what to show

@pytest.mark.parametrize("hops, names", [
    (0, {"Sarfraz Bugti"}),
    (1, {"Sarfraz Bugti", "Pakistan", "Afghan citizens carried out 14 of 24 suicide"}),
])
def test_focus_shows_the_neighbourhood(tmp_path, hops, names):
    page = write_html(small_dataset(), tmp_path / "p.html", focus="bugti", hops=hops)
    assert names_of(page_data(page.read_text(encoding="utf-8"))) == names


def test_focus_two_hops_reaches_what_pakistan_touches(tmp_path):
    data = page_data(write_html(small_dataset(), tmp_path / "p.html", focus="Sarfraz Bugti", hops=2)
                     .read_text(encoding="utf-8"))
    assert {"November 1 deadline for undocumented Afghans to leave", "senior government official (Pakistan)",
            "1.73 million \u2014 undocumented Afghan immigrants"} <= names_of(data)
    assert "Zabihullah Mujahid" not in names_of(data)


@pytest.mark.parametrize("focus, message", [
    ("million", "matches 3 nodes"),
    ("nobody at all", "no entity"),
    ("  ", "give the name"),
])
def test_bad_focus_is_an_error_naming_the_value(tmp_path, focus, message):
    with pytest.raises(VizError, match=message) as exc:
        write_html(small_dataset(), tmp_path / "p.html", focus=focus)
    assert repr(focus) in str(exc.value) or message == "give the name"
    assert not (tmp_path / "p.html").exists()


@pytest.mark.parametrize("fmt", ["trig", "ttl"])
@pytest.mark.parametrize("article", ["a2", "a2.txt", str(ID["article/a2"])])
def test_article_shows_what_one_article_mentions(tmp_path, fmt, article):
    path = graphio.save(small_dataset(), tmp_path / f"g.{fmt}")  # ttl has no named graphs: read the spans
    data = page_data(write_html(path, tmp_path / "p.html", article=article).read_text(encoding="utf-8"))
    assert names_of(data) == {"Pakistan", "Afghanistan", "senior government official (Pakistan)",
                              "This has no linkages with the TTP issue,", "has dismissed the accusations",
                              "4 million \u2014 Afghans living in Pakistan", "1.7 million \u2014 undocumented"}


def test_include_limits_the_classes(tmp_path):
    ds = small_dataset()
    data = page_data(write_html(ds, tmp_path / "p.html", include=["official", "Government"])
                     .read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == expected_ids(graphio.union_graph(ds), ("Official", "Government"))
    assert {e["label"] for e in data["edges"]} == {"memberOf"}


def test_articles_can_be_shown_with_their_source_edges(tmp_path):
    ds = small_dataset()
    data = page_data(write_html(ds, tmp_path / "p.html", include=["Article", "Statement"])
                     .read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == expected_ids(graphio.union_graph(ds), ("Article", "Statement"))
    assert sum(e["label"] == "source" for e in data["edges"]) == 4
    assert ("file", "a1.txt") in rows_of(data, "Pakistan sets deadline")


@pytest.mark.parametrize("kwargs, message", [
    ({"include": ["Mention"]}, "unknown class"),
    ({"article": "nope.txt"}, "no such article"),
    ({"hops": -1, "focus": "Bugti"}, "0 or more"),
])
def test_bad_choices_are_errors(tmp_path, kwargs, message):
    with pytest.raises(VizError, match=message):
        write_html(small_dataset(), tmp_path / "p.html", **kwargs)


def test_empty_graph_is_an_error_naming_the_file(tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix nkg: <https://w3id.org/newskg/ontology#> .\n", encoding="utf-8")
    with pytest.raises(VizError, match=re.escape(str(empty))):
        write_html(empty, tmp_path / "p.html")
    assert not (tmp_path / "p.html").exists()


def test_a_failed_run_keeps_the_old_page(tmp_path):
    page = write_html(small_dataset(), tmp_path / "p.html")
    before = page.read_bytes()
    with pytest.raises(VizError):
        write_html(small_dataset(), page, focus="nobody at all")
    assert page.read_bytes() == before
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(VizError, match=re.escape(str(blocker / "p.html"))):
        write_html(small_dataset(), blocker / "p.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "p.html"]


# ---------------------------------------------------------------- layout

def test_small_graph_uses_physics_that_stabilises(small_page):
    options = page_data(small_page)["options"]
    assert options["physics"]["enabled"] and options["physics"]["stabilization"]["enabled"]
    assert not any("x" in n for n in page_data(small_page)["nodes"])


def test_big_graph_gets_a_precomputed_layout(tmp_path):
    g = star_graph(PHYSICS_LIMIT + 100)
    data = page_data(write_html(g, tmp_path / "p.html").read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert len(nodes) == len(expected_ids(g))
    assert data["options"]["physics"]["enabled"] is False
    assert all(n["physics"] is False and isinstance(n["x"], int) for n in nodes.values())
    points = [(n["x"], n["y"]) for n in nodes.values()]
    closest = min(math.dist(a, b) for a, b in itertools.combinations(points, 2))
    assert closest > 5, "two nodes drawn on top of each other"
    at = {i: (n["x"], n["y"]) for i, n in nodes.items()}
    speaker_gap = [math.dist(at[e["from"]], at[e["to"]]) for e in data["edges"] if e["label"] == "said"]
    spread = [math.dist(a, b) for a, b in itertools.islice(itertools.combinations(points, 2), 0, None, 97)]
    assert sum(speaker_gap) / len(speaker_gap) < 0.5 * sum(spread) / len(spread)


# ---------------------------------------------------------------- the seeds, end to end

def test_seed_page_shows_every_entity(seeds_result, tmp_path):
    page = write_html(seeds_result.dataset, tmp_path / "seeds.html").read_text(encoding="utf-8")
    data = page_data(page)
    g = graphio.union_graph(seeds_result.dataset)
    assert {n["id"] for n in data["nodes"]} == expected_ids(g)
    assert NETWORK_ADDRESS.search(page) is None
    spoken = {short(s) for s in g.subjects(NKG.speaker, None)}
    said = {e["to"] for e in data["edges"] if e["label"] == "said"}
    assert spoken == said


# ---------------------------------------------------------------- the command

@pytest.fixture
def kg(capsys, monkeypatch):
    """Run the real entry point in-process: kg("viz", ...) -> (exit status, stdout, stderr)."""

    def invoke(*args: str):
        monkeypatch.setattr(sys, "argv", ["kg", *args])
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out = capsys.readouterr()
        return code, out.out, out.err

    return invoke


def test_kg_viz_writes_the_page(kg, tmp_path):
    graph = graphio.save(small_dataset(), tmp_path / "g.ttl")
    code, out, err = kg("viz", "--graph", str(graph), "-o", str(tmp_path / "g.html"), "--focus", "Bugti",
                        "--hops", "1", "--include", "Official", "--include", "Government")
    assert code == 0, err
    assert str(tmp_path / "g.html") in out
    assert names_of(page_data((tmp_path / "g.html").read_text(encoding="utf-8"))) == {"Sarfraz Bugti", "Pakistan"}


@pytest.mark.parametrize("args, code, message", [
    (["--include", "Mention"], 2, "unknown class 'Mention'"),
    (["--hops", "-1"], 2, "--hops"),
    (["--focus", "nobody at all"], 2, "g.ttl"),  # every error exits 2, as grep's do
    (["--article", "zz"], 2, "a1.txt, a2.txt"),
    (["--graph", "missing.ttl"], 2, "missing.ttl"),
])
def test_kg_viz_errors(kg, tmp_path, args, code, message):
    graph = graphio.save(small_dataset(), tmp_path / "g.ttl")
    if "--graph" in args:
        args = [*args[:1], str(tmp_path / args[1])]
    else:
        args = ["--graph", str(graph), *args]
    got, out, err = kg("viz", "-o", str(tmp_path / "p.html"), *args)
    assert got == code
    assert message in err
    assert not (tmp_path / "p.html").exists()


def test_kg_viz_help_has_an_example(kg):
    code, out, _ = kg("viz", "--help")
    assert code == 0 and "Example:" in out and "kg viz --focus" in out
