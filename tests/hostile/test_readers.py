"""Readers: nothing in a file may reach out. JSON-LD contexts, XML entities, Turtle @base/@prefix, HTML resources."""
from __future__ import annotations

import json

import pytest

from kg.graphio import load
from kg.errors import GraphError
from kg.ingest import read_article
from kg.query import run

from .helpers import Listener, kg, write


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.mark.parametrize("where", ["top", "list", "import", "nested"])
def test_a_jsonld_graph_with_a_remote_context_is_refused_unfetched(tmp_path, listener, where):
    url = f"{listener.url}/context.jsonld"
    node = {"@id": "http://example.org/a", "name": "A"}
    doc = {"top": {"@context": url, **node},
           "list": {"@context": [url, {"x": "http://example.org/x"}], **node},
           "import": {"@context": {"@import": url}, **node},
           "nested": {"@context": {"name": "http://schema.org/name"},
                      "@graph": [{"@context": url, **node}]}}[where]
    path = tmp_path / "g.jsonld"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(GraphError, match=f"its JSON-LD context is the remote document {url}, which newskg does not "
                                         f"fetch"):
        load(path)
    r = kg("stats", "--graph", path)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and url in r.stderr
    assert listener.requests == []


def test_newskg_jsonld_with_its_inline_context_still_loads(tmp_path):
    from kg.export import export

    from ..kg_fixtures import small_dataset

    path = tmp_path / "g.jsonld"
    path.write_bytes(export(small_dataset(), "jsonld"))
    assert len(load(path)) == len(small_dataset())


def test_rdfxml_entities_are_not_expanded_from_files_or_the_network(tmp_path, listener):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    path = tmp_path / "g.xml"
    path.write_text(f'''<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  <!ENTITY file SYSTEM "file://{secret}">
  <!ENTITY web SYSTEM "{listener.url}/entity">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&file;&web;</ex:p></rdf:Description>
</rdf:RDF>''', encoding="utf-8")
    with pytest.raises(GraphError, match="g.xml: declares XML entities"):
        load(path)
    r = kg("stats", "--graph", path)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "TOP SECRET" not in r.stdout + r.stderr
    assert listener.requests == []


def test_rdfxml_entity_expansion_is_bounded(tmp_path):
    laughs = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    path = tmp_path / "g.xml"
    path.write_text(f'''<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [<!ENTITY l0 "ha">{laughs}]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&l9;</ex:p></rdf:Description>
</rdf:RDF>''', encoding="utf-8")
    with pytest.raises(GraphError, match="g.xml: declares XML entities"):
        load(path)  # before: minutes of expansion, then a parse error


def test_turtle_base_and_prefix_tricks_fetch_nothing_and_rename_nothing(tmp_path, listener):
    path = tmp_path / "g.ttl"
    path.write_text(f'''@base <{listener.url}/base/> .
@prefix agent: <{listener.url}/fake-agent/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<relative> rdfs:label "relative" .
agent:sarfraz-bugti rdfs:label "not the real one" .
''', encoding="utf-8")
    ds = load(path)
    assert listener.requests == []
    rows = run(ds, "SELECT ?s WHERE { ?s rdfs:label 'not the real one' }")
    text = rows.text("table", full=True)
    assert "agent:sarfraz-bugti" not in text and f"<{listener.url}/fake-agent/sarfraz-bugti>" in text


def test_html_articles_with_remote_resources_fetch_nothing(tmp_path, listener):
    page = f'''<html><head><title>Ferry service resumes</title>
<link rel="stylesheet" href="{listener.url}/style.css"><script src="{listener.url}/app.js"></script>
<meta http-equiv="refresh" content="0; url={listener.url}/moved"><base href="{listener.url}/">
</head><body><img src="{listener.url}/pixel.gif" onerror="fetch('{listener.url}/x')">
<iframe src="{listener.url}/frame"></iframe>
<p>Interior Minister Lars Holm said that the ferry service would resume on Monday.</p>
<object data="{listener.url}/object"></object><video src="{listener.url}/video.mp4"></video>
</body></html>'''
    folder = write(tmp_path / "in", {"page.html": page})
    article = read_article(folder / "page.html")
    assert listener.url not in article.body and "Lars Holm" in article.body
    r = kg("build", folder, "-o", tmp_path / "g.ttl", "--html", tmp_path / "g.html")
    assert r.returncode == 0, r.stderr
    assert listener.requests == []
    assert listener.url not in (tmp_path / "g.html").read_text(encoding="utf-8")
