"""kg.viz.page and write_html: one offline file, the map's nodes and edges, the panels' records, inert text."""
from __future__ import annotations

import base64
import hashlib
import html as htmllib
import json
import re
from html.parser import HTMLParser

import pytest
from rdflib import Graph

from kg import graphio
from kg.viz import TEMPLATES, VIS_DIR, VizError, write_html
from kg.viz.page import SCRIPTS
from kg.vocab import NKG

from ..kg_fixtures import small_dataset
from .stories import (EVIL, EVIL_BODY, HOSTILE_IMG, HOSTILE_LINK, HOSTILE_SCRIPT, HOSTILE_TEMPLATE, border_story,
                      hostile_dataset, short)

NETWORK_ADDRESS = re.compile(r"(?i)\b(?:https?|wss?|ftp):|//[a-z0-9-]+\.[a-z0-9.-]+/")
ENTITIES = ("Government", "Official", "Person", "Organization", "Group", "Policy")


def page_data(html: str) -> dict:
    """The JSON the page draws from, as the browser's JSON.parse reads it."""
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert m, "page has no graph data"
    return json.loads(m.group(1))


def code_scripts(html: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", html, re.S)


def expected_ids(g: Graph, classes=ENTITIES) -> set[str]:
    """The nodes the map should draw, read straight from the graph with SPARQL."""
    values = " ".join(f"nkg:{c}" for c in classes)
    rows = g.query(f"SELECT DISTINCT ?n WHERE {{ VALUES ?cls {{ {values} }} ?n a ?cls FILTER(isIRI(?n)) }}",
                   initNs={"nkg": NKG._NS})
    return {short(r.n) for r in rows}


def written(ds, tmp_path, name="p.html", **kwargs) -> str:
    return write_html(ds, tmp_path / name, **kwargs).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def story_page(tmp_path_factory) -> tuple[str, dict]:
    ds, n = border_story()
    return written(ds, tmp_path_factory.mktemp("viz")), {k: short(v) for k, v in n.items()}


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory) -> str:
    return written(hostile_dataset(), tmp_path_factory.mktemp("viz"))


# ---------------------------------------------------------------- one offline file

@pytest.mark.parametrize("which", ["story_page", "hostile_page"])
def test_page_references_no_network_address(which, request):
    html = request.getfixturevalue(which)
    html = html[0] if isinstance(html, tuple) else html
    found = NETWORK_ADDRESS.search(html)
    assert found is None, f"network address in page: {html[max(0, found.start() - 60):found.end() + 60]!r}"
    markup = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", "", html, flags=re.S)
    assert re.findall(r"(?i)\b(?:src|href|action|srcset)\s*=\s*[\"']?([^\s\"'>]+)", markup) == ["data:,"]
    assert "@import" not in html
    assert set(re.findall(r"url\(\s*[\"']?([a-z]+):", html)) <= {"data"}


def test_vis_network_is_inlined_not_linked(story_page):
    vendor = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    middle = vendor[len(vendor) // 2: len(vendor) // 2 + 2000]
    assert "http" not in middle and middle in story_page[0]
    assert "<link rel=\"stylesheet\"" not in story_page[0]


def test_csp_lets_exactly_the_page_scripts_run(story_page):
    html = story_page[0]
    csp = htmllib.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1])
    scripts = code_scripts(html)
    assert len(scripts) == 1 + len(SCRIPTS)
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert len(re.findall(r"'sha256-", csp)) == len(scripts)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


# ---------------------------------------------------------------- the map

def test_the_map_draws_entities_and_no_statements(story_page):
    html, n = story_page
    data = page_data(html)
    ds, _ = border_story()
    assert {node["id"] for node in data["nodes"]} == expected_ids(graphio.union_graph(ds))
    assert {c["id"] for c in data["claims"]} == expected_ids(graphio.union_graph(ds), ("Statement", "Figure"))
    assert data["show"] == []
    assert not any("label" in node for node in data["nodes"])  # the page draws labels itself


def test_edges_stand_for_what_a_speaker_said_about_whom(story_page):
    html, n = story_page
    edges = {(e["from"], e["to"], e["kind"]): e for e in page_data(html)["edges"]}
    assert set(edges) == {(n["lee"], n["ostrand"], "said"), (n["lee"], n["deadline"], "said"),
                          (n["tam"], n["deadline"], "said"), (n["lee"], n["velmora"], "memberOf"),
                          (n["tam"], n["ostrand"], "memberOf"), (n["deadline"], n["velmora"], "issuedBy")}
    assert edges[n["lee"], n["ostrand"], "said"]["width"] > edges[n["lee"], n["deadline"], "said"]["width"]


def test_governments_rank_first_and_get_the_biggest_labels(story_page):
    html, n = story_page
    nodes = sorted(page_data(html)["nodes"], key=lambda node: node["rank"])
    assert {node["cls"] for node in nodes[:2]} == {"Government"}
    sizes = [node["labelSize"] for node in nodes]
    assert sizes == sorted(sizes, reverse=True)
    assert page_data(html)["alwaysLabelled"] >= 2


def test_nodes_are_sized_by_mentions(tmp_path):
    ds = small_dataset()
    data = page_data(written(ds, tmp_path))
    g = graphio.union_graph(ds)
    mentions = {short(s): len(set(g.objects(s, NKG.mention))) for s in g.subjects(NKG.mention, None)}
    officials = [node for node in data["nodes"] if node["cls"] == "Official"]
    for a in officials:
        for b in officials:
            if mentions[a["id"]] > mentions[b["id"]]:
                assert a["size"] > b["size"]


def test_positions_arrive_computed_and_physics_stays_off(story_page):
    data = page_data(story_page[0])
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(node["x"], int) and isinstance(node["y"], int) for node in data["nodes"])


# ---------------------------------------------------------------- what the panels read

def test_claims_carry_offsets_into_their_article_not_copies(story_page):
    html, n = story_page
    data = page_data(html)
    bodies = {a["id"]: a["body"] for a in data["articles"]}
    claims = {c["id"]: c for c in data["claims"]}
    quote = claims[n["tam_quote"]]
    assert bodies[quote["article"]][slice(*quote["span"])] == quote["text"]
    assert quote["direct"] is True and quote["date"] == "2024-04-10"
    sentence = bodies[quote["article"]][slice(*quote["sentence"])]
    assert quote["text"] in sentence and "evidence" not in quote


def test_articles_mark_every_node_at_its_characters(story_page):
    html, n = story_page
    data = page_data(html)
    ds, _ = border_story()
    g = graphio.union_graph(ds)
    anchors = {(short(node), str(g.value(m, NKG.anchorOf))) for node, m in g.subject_objects(NKG.mention)}
    marked = {(mark[2], a["body"][mark[0]:mark[1]]) for a in data["articles"] for mark in a["marks"]}
    assert marked == anchors


def test_the_title_names_the_corpus(story_page):
    html, _ = story_page
    assert page_data(html)["title"] == "2 articles, 2024-03-01 to 2024-04-10 \u2014 newskg story map"
    assert "<title>2 articles, 2024-03-01 to 2024-04-10" in html


def test_focus_and_article_open_the_page_on_them(tmp_path):
    ds, n = border_story()
    data = page_data(written(ds, tmp_path, focus="Tam"))
    assert data["focus"] == short(n["tam"]) and len(data["nodes"]) == 5  # the whole map, opened on Tam
    assert data["title"].startswith("Ravi Tam in 2 articles")
    data = page_data(written(ds, tmp_path, article="ostrand-reply"))
    assert data["article"] == short(n["b"]) and [a["id"] for a in data["articles"]] == [short(n["b"])]
    assert data["title"] == "Ostrand rejects the deadline (2024-04-10) \u2014 newskg"


def test_hops_keep_the_neighbourhood_of_the_focus(tmp_path):
    ds, n = border_story()
    data = page_data(written(ds, tmp_path, focus="Ravi Tam", hops=1))
    assert {node["id"] for node in data["nodes"]} == {short(n["tam"]), short(n["ostrand"]), short(n["deadline"])}
    # Tam's statements, and the unreported figure counted next to Ostrand's name
    assert {c["id"] for c in data["claims"]} == {short(n["tam_quote"]), short(n["tam_rejects"]), short(n["families"])}


def test_show_and_include_choose_what_is_drawn(tmp_path):
    ds, n = border_story()
    assert page_data(written(ds, tmp_path, show=["statements", "figures"]))["show"] == ["Statement", "Figure"]
    data = page_data(written(ds, tmp_path, include=["Official", "Statement"]))
    assert {node["cls"] for node in data["nodes"]} == {"Official"} and data["show"] == ["Statement"]
    assert {e["kind"] for e in data["edges"]} == set()  # nothing they said names another official


# ---------------------------------------------------------------- hostile text

class Tags(HTMLParser):
    """The elements of a page as a browser's tokenizer sees them (script bodies are text, not tags)."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_hostile_text_never_appears_as_markup(hostile_page, tmp_path):
    for text in (HOSTILE_SCRIPT, HOSTILE_IMG, HOSTILE_LINK):
        assert text not in hostile_page
    tags = Tags(hostile_page).tags
    assert [a.get("type") for t, a in tags if t == "script"] == ["application/json"] + [None] * (1 + len(SCRIPTS))
    assert not {t for t, _ in tags} & {"img", "a", "iframe", "object", "embed"}
    harmless = written(small_dataset(), tmp_path)
    assert [t for t, _ in tags if t != "label" and t != "input" and t != "span"] == \
        [t for t, _ in Tags(harmless).tags if t != "label" and t != "input" and t != "span"]
    assert not any(k.startswith("on") for _, a in tags for k in a)


def test_hostile_text_reaches_the_page_as_the_same_characters(hostile_page):
    data = page_data(hostile_page)
    evil = next(node for node in data["nodes"] if node["id"] == short(EVIL))
    assert evil["name"] == f"Evil {HOSTILE_IMG}"
    assert set(evil["aliases"]) == {HOSTILE_LINK, HOSTILE_TEMPLATE}
    assert evil["titles"] == [HOSTILE_SCRIPT]
    article = next(a for a in data["articles"] if a["body"] == EVIL_BODY)
    assert article["title"] == f"Breaking {HOSTILE_SCRIPT} {HOSTILE_IMG}"
    statement = next(c for c in data["claims"] if c.get("text") == f"{HOSTILE_SCRIPT} and {HOSTILE_TEMPLATE}")
    assert EVIL_BODY[slice(*statement["sentence"])] == EVIL_BODY.split(" now. ")[0] + " now."


def test_page_scripts_never_write_markup():
    """Every string from an article is set as text: no script of the page uses a markup sink."""
    for name in SCRIPTS:
        script = (TEMPLATES / name).read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                     "setAttribute(\"on", "srcdoc"):
            assert sink not in script, (name, sink)


# ---------------------------------------------------------------- failures

@pytest.mark.parametrize("kwargs, message", [
    ({"include": ["Mention"]}, "unknown class"),
    ({"show": ["tweets"]}, "--show 'tweets'"),
    ({"article": "nope.txt"}, "no such article"),
    ({"hops": 1}, "needs --focus"),
    ({"focus": "Nobody Here"}, "'Nobody Here'"),
])
def test_bad_choices_are_errors_naming_the_value(tmp_path, kwargs, message):
    with pytest.raises(VizError, match=message):
        write_html(small_dataset(), tmp_path / "p.html", **kwargs)
    assert not (tmp_path / "p.html").exists()


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


@pytest.mark.parametrize("fmt", ["trig", "ttl"])
def test_a_graph_file_gives_the_same_page_data_as_the_dataset(tmp_path, fmt):
    ds, _ = border_story()
    path = graphio.save(ds, tmp_path / f"g.{fmt}")
    from_file, from_dataset = page_data(written(path, tmp_path, "a.html")), page_data(written(ds, tmp_path, "b.html"))
    assert from_file == from_dataset


def test_seed_page_shows_every_entity_and_statement(seeds_result, tmp_path):
    page = written(seeds_result.dataset, tmp_path)
    data = page_data(page)
    g = graphio.union_graph(seeds_result.dataset)
    assert {node["id"] for node in data["nodes"]} == expected_ids(g)
    assert {c["id"] for c in data["claims"]} == expected_ids(g, ("Statement", "Figure"))
    assert NETWORK_ADDRESS.search(page) is None
