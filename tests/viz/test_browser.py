"""The story map in a real headless Chromium, opened from file:// with every other request aborted.

Needs Debian's chromium (/usr/bin/chromium). When it is missing the tests install it with apt-get, as the
project's test set-up does; only without root, where it cannot be installed, do they skip, saying so.
"""
from __future__ import annotations

import itertools
import os
import shutil
import struct
import subprocess
import zlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Page, sync_playwright

from kg import graphio
from kg.viz import write_html
from kg.vocab import NKG

from .stories import (EVIL, HOSTILE_IMG, HOSTILE_LINK, HOSTILE_SCRIPT, border_story, hostile_dataset, short)
from .synthetic import synthetic_corpus
from .test_page import expected_ids

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STABLE = "body[data-stabilized=true]"


def _install_chromium() -> str | None:
    """Install Debian's chromium when it is missing; the reason to skip when that is impossible."""
    if CHROMIUM.exists():
        return None
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return f"{CHROMIUM} is missing and installing it needs root and apt-get (apt-get install chromium)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium", "chromium-driver"]):
        run = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if run.returncode != 0:
            pytest.fail(f"{' '.join(cmd)} failed:\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _install_chromium()
    if reason:
        pytest.skip(reason)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Opened:
    """A page in a fresh browser context, with what it logged and what it tried to fetch."""

    page: Page
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def js(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def panel(self) -> str:
        return self.page.text_content("#panel-body")


@pytest.fixture
def open_page(browser):
    """Open a page from file:// in a new context; every request for anything but the page is aborted."""
    contexts = []

    def opener(path: Path, *, bypass_csp: bool = False) -> Opened:
        ctx = browser.new_context(bypass_csp=bypass_csp, viewport={"width": 1280, "height": 800},
                                  service_workers="block")
        contexts.append(ctx)
        page = ctx.new_page()
        opened = Opened(page)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))

        def route(r):
            url = r.request.url
            if url.startswith("file:") and url.split("#")[0] == path.resolve().as_uri():
                r.continue_()
            else:
                opened.requests.append(url)
                r.abort()

        ctx.route("**/*", route)
        page.goto(path.resolve().as_uri())
        page.wait_for_selector(STABLE, state="attached", timeout=60_000)
        return opened

    yield opener
    for ctx in contexts:
        ctx.close()


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """The two-article border story's page, and its nodes by name."""
    ds, n = border_story()
    path = write_html(ds, tmp_path_factory.mktemp("story") / "story.html")
    return path, {k: short(v) for k, v in n.items()}, graphio.union_graph(ds)


@pytest.fixture(scope="module")
def seeds_page(seeds_result, tmp_path_factory) -> tuple[Path, set[str]]:
    path = write_html(seeds_result.dataset, tmp_path_factory.mktemp("seeds") / "graph.html")
    return path, expected_ids(graphio.union_graph(seeds_result.dataset))


@cache
def big_corpus():
    """2,000 entities in twenty governments' clusters (fewer statements than the bench: the map is the same)."""
    return synthetic_corpus(2000, 3000, per_article=15)


@pytest.fixture(scope="module")
def big_page(tmp_path_factory) -> Path:
    return write_html(big_corpus(), tmp_path_factory.mktemp("big") / "big.html")


# ---------------------------------------------------------------- helpers

def png_pixels(data: bytes) -> np.ndarray:
    """The RGB(A) pixels of an 8-bit PNG (what Chromium's screenshots are), rows x columns x channels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat.append(body)
    assert depth == 8 and colour in (2, 6), f"unexpected PNG depth {depth} colour type {colour}"
    bpp = 3 if colour == 2 else 4
    stride = width * bpp
    raw = np.frombuffer(zlib.decompress(b"".join(idat)), dtype=np.uint8).reshape(height, stride + 1)
    out, prev = np.zeros((height, stride), dtype=np.int32), np.zeros(stride, dtype=np.int32)
    for y in range(height):
        kind, line = raw[y, 0], raw[y, 1:].astype(np.int32)
        if kind == 1:  # sub: add the byte one pixel to the left
            line = np.cumsum(line.reshape(width, bpp), axis=0).reshape(-1) & 255
        elif kind == 2:  # up: add the byte above
            line = (line + prev) & 255
        elif kind in (3, 4):  # average, paeth: left to right, one byte at a time
            line = np.array(_unfilter(line.tolist(), prev.tolist(), bpp, kind), dtype=np.int32)
        out[y] = prev = line
    return out.reshape(height, width, bpp).astype(np.uint8)


def _unfilter(cur: list[int], up: list[int], bpp: int, kind: int) -> list[int]:
    for i in range(len(cur)):
        a = cur[i - bpp] if i >= bpp else 0
        b = up[i]
        if kind == 3:
            cur[i] = (cur[i] + (a + b) // 2) & 255
            continue
        c = up[i - bpp] if i >= bpp else 0
        p = a + b - c
        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
        cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    return cur


def node_point(opened: Opened, node_id: str) -> tuple[float, float]:
    """Where a node is drawn on the screen, after bringing it into view."""
    return tuple(opened.js("""id => {
        const net = window.newskg.network;
        net.focus(id, {scale: 1.5, animation: false});
        const p = net.canvasToDOM(net.getPosition(id));
        const box = document.getElementById("network").getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }""", node_id))


def visible_nodes(opened: Opened) -> set[str]:
    return set(opened.js("() => window.newskg.network.body.nodeIndices.slice()"))


def label_boxes(opened: Opened) -> list[dict]:
    """The box of every label the map drew, worked out again from the node's place, size and the canvas's
    own text metrics, next to the box the page reported."""
    return opened.js("""() => {
        const app = window.newskg, net = app.network, scale = net.getScale();
        const ctx = document.createElement("canvas").getContext("2d");
        return app.labels.map(l => {
            const n = app.map.meta[l.id], p = net.canvasToDOM(net.getPosition(l.id));
            ctx.font = l.font;
            const w = ctx.measureText(l.text).width, h = n.labelSize + 2, r = n.size * scale;
            const at = {below: [p.x - w / 2, p.y + r + 2], above: [p.x - w / 2, p.y - r - 2 - h],
                        right: [p.x + r + 4, p.y - h / 2], left: [p.x - r - 4 - w, p.y - h / 2],
                        belowRight: [p.x + r * 0.7, p.y + r * 0.7 + 2], belowLeft: [p.x - r * 0.7 - w, p.y + r * 0.7 + 2],
                        aboveRight: [p.x + r * 0.7, p.y - r * 0.7 - 2 - h],
                        aboveLeft: [p.x - r * 0.7 - w, p.y - r * 0.7 - 2 - h],
                        farBelow: [p.x - w / 2, p.y + r + 4 + h], farAbove: [p.x - w / 2, p.y - r - 4 - 2 * h]}[l.side];
            return {id: l.id, rank: n.rank, x: at[0], y: at[1], w: w, h: h, reported: [l.x, l.y, l.w, l.h],
                    inside: at[0] >= 0 && at[1] >= 0 && at[0] + w <= net.canvas.frame.clientWidth
                            && at[1] + h <= net.canvas.frame.clientHeight};
        });
    }""")


def assert_no_label_overlaps(opened: Opened) -> list[dict]:
    boxes = label_boxes(opened)
    for b in boxes:
        assert np.allclose([b["x"], b["y"], b["w"], b["h"]], b["reported"], atol=0.5), b
        assert b["inside"], b
    for a, b in itertools.combinations(boxes, 2):
        apart = a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or \
            a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"]
        assert apart, (a, b)
    return boxes


def opacity(opened: Opened, node_id: str) -> float:
    return opened.js("id => { const o = window.newskg.nodes.get(id).opacity; return o === undefined ? 1 : o; }",
                     node_id)


def search(opened: Opened, text: str) -> list[str]:
    """Type into the search box; the ids the result list shows."""
    opened.page.fill("#search-box", text)
    return opened.js("() => [...document.querySelectorAll('#results .hit')].map(b => b.dataset.id)")


# ---------------------------------------------------------------- the seeds

def test_seed_map_draws_every_entity_offline(open_page, seeds_page, tmp_path):
    path, expected = seeds_page
    opened = open_page(path)
    assert set(opened.js("() => window.newskg.nodes.getIds()")) == expected
    assert visible_nodes(opened) == expected
    assert opened.js("() => window.newskg.network.physics.options.enabled") is False
    shot = tmp_path / "seeds.png"
    opened.page.screenshot(path=str(shot))
    pixels = png_pixels(shot.read_bytes())[:, :, :3].reshape(-1, 3)
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    assert len(colours) > 50 and counts.max() < 0.97 * len(pixels), "screenshot is blank"
    assert opened.errors == [] and opened.requests == []


def test_positions_stay_still_after_load(open_page, seeds_page):
    opened = open_page(seeds_page[0])
    before = opened.js("() => window.newskg.network.getPositions()")
    opened.page.wait_for_timeout(500)
    assert opened.js("() => window.newskg.network.getPositions()") == before
    node = opened.js("() => window.newskg.page.nodes[0]")
    assert opened.js("id => window.newskg.network.getPosition(id)", node["id"]) == {"x": node["x"], "y": node["y"]}


def test_seed_labels_never_overlap_and_governments_are_always_labelled(open_page, seeds_page, seeds_result):
    opened = open_page(seeds_page[0])
    boxes = assert_no_label_overlaps(opened)
    governments = expected_ids(graphio.union_graph(seeds_result.dataset), ("Government",))
    assert governments <= {b["id"] for b in boxes}
    assert len(boxes) >= 10


def test_big_map_labels_never_overlap_at_default_zoom_nor_zoomed_in(open_page, big_page):
    opened = open_page(big_page)
    assert len(opened.js("() => window.newskg.nodes.getIds()")) == 2000
    boxes = assert_no_label_overlaps(opened)
    assert expected_ids(graphio.union_graph(big_corpus()), ("Government",)) <= {b["id"] for b in boxes}
    # zoomed in, more labels fit, and still none overlaps another
    opened.js("() => window.newskg.network.moveTo({scale: window.newskg.network.getScale() * 3})")
    opened.page.wait_for_timeout(200)
    assert len(assert_no_label_overlaps(opened)) > 0
    assert opened.errors == []


# ---------------------------------------------------------------- selection

def test_clicking_a_node_dims_all_but_it_and_its_neighbours(open_page, story):
    path, n, _ = story
    opened = open_page(path)
    x, y = node_point(opened, n["tam"])
    opened.page.mouse.click(x, y)
    assert opened.js("() => window.newskg.network.getSelectedNodes()") == [n["tam"]]
    lit = {n["tam"], n["ostrand"], n["deadline"]}
    for node in opened.js("() => window.newskg.nodes.getIds()"):
        assert (opacity(opened, node) == 1) == (node in lit), node
    assert opened.page.text_content("#panel-body h2") == "Ravi Tam"
    opened.page.mouse.click(5, 5 + opened.js("() => document.getElementById('network').getBoundingClientRect().top"))
    assert all(opacity(opened, node) == 1 for node in opened.js("() => window.newskg.nodes.getIds()"))


def test_a_speaker_panel_lists_every_statement_newest_first(open_page, story):
    path, n, g = story
    opened = open_page(path)
    opened.js("id => window.newskg.panel.open({kind: 'node', id: id})", n["lee"])
    items = opened.js("""() => [...document.querySelectorAll('#panel-body section')]
        .filter(s => s.querySelector('h3').textContent.startsWith('Said ('))[0]
        .querySelectorAll('button.claim')""" + ".length")
    said = opened.js("""() => [...[...document.querySelectorAll('#panel-body section')]
        .filter(s => s.querySelector('h3').textContent.startsWith('Said ('))[0]
        .querySelectorAll('button.claim')].map(b => [b.dataset.open, b.querySelector('.words').textContent,
                                                     b.querySelector('.meta').textContent])""")
    assert items == 2
    by_date = sorted(((str(g.value(s, NKG.date)), str(g.value(s, NKG.text)), short(s))
                      for s in g.subjects(NKG.speaker, border_story()[1]["lee"])), reverse=True)
    assert [(o, w) for o, w, _ in said] == [(f"claim:{key}", text) for _, text, key in by_date]
    assert said[0][2].startswith("2024-04-10") and said[1][2].startswith("2024-03-01")
    assert opened.panel().count("Ostrand would face new checks") == 1  # no text repeated


def test_a_statement_shows_in_its_sentence_with_the_claimed_words_marked(open_page, story):
    path, n, g = story
    opened = open_page(path)
    opened.js("id => window.newskg.panel.open({kind: 'node', id: id})", n["tam"])
    opened.page.click(f'#panel-body button[data-open="claim:{n["tam_quote"]}"]')
    quote = border_story()[1]["tam_quote"]
    assert opened.page.text_content("#panel-body .sentence") == str(g.value(quote, NKG.evidence))
    assert opened.page.text_content("#panel-body .sentence mark") == str(g.value(quote, NKG.text))
    speaker = opened.page.query_selector("#panel-body h2 button")  # the speaker, as a link
    assert speaker.get_attribute("data-open") == f"node:{n['tam']}" and speaker.text_content().endswith("Ravi Tam")
    speaker.click()
    assert opened.js("() => document.getElementById('panel').dataset.id") == n["tam"]
    opened.page.click("#panel-back")
    opened.page.click("#panel-body .to-article")
    assert opened.js("() => document.getElementById('panel').dataset.view") == "article"
    assert opened.page.text_content("#panel-body mark.target") == str(g.value(quote, NKG.text))


def test_clicking_an_edge_lists_the_statements_behind_it(open_page, story):
    path, n, _ = story
    opened = open_page(path)
    edge = f"said:{n['lee']}>{n['ostrand']}"
    opened.js("id => window.newskg.panel.open({kind: 'edge', id: id})", edge)
    opened.page.wait_for_selector("#panel-body button.claim")
    listed = opened.js("() => [...document.querySelectorAll('#panel-body button.claim')].map(b => b.dataset.open)")
    assert listed == [f"claim:{n['lee_april']}", f"claim:{n['lee_march']}"]
    title = opened.js("id => window.newskg.edges.get(id).title", edge)
    assert title == "Ann Lee said 2 things about Ostrand"


def test_a_government_panel_lists_officials_policies_and_figures(open_page, story):
    path, n, _ = story
    opened = open_page(path)
    opened.js("id => window.newskg.panel.open({kind: 'node', id: id})", n["velmora"])
    sections = opened.js("""() => Object.fromEntries([...document.querySelectorAll('#panel-body section')].map(
        s => [s.querySelector('h3').textContent, [...s.querySelectorAll('[data-open]')].map(b => b.dataset.open)]))""")
    assert sections["Officials (1)"] == [f"node:{n['lee']}"]
    assert sections["Policies (1)"] == [f"node:{n['deadline']}"]
    assert sections["Figures (1)"] == [f"claim:{n['families']}"]
    assert "deadline 2024-03-31" in opened.panel()


def test_a_policy_panel_has_its_issuer_timeline_and_statements(open_page, story):
    path, n, _ = story
    opened = open_page(path)
    opened.js("id => window.newskg.panel.open({kind: 'node', id: id})", n["deadline"])
    timeline = opened.js("() => [...document.querySelectorAll('#panel-body .timeline li')].map(li => li.textContent)")
    assert timeline == ["2024-03-01first reported", "2024-03-31deadline"]
    about = opened.js("""() => [...[...document.querySelectorAll('#panel-body section')]
        .filter(s => s.querySelector('h3').textContent.startsWith('Statements about it'))[0]
        .querySelectorAll('button.claim')].map(b => b.dataset.open)""")
    assert about == [f"claim:{n['tam_quote']}", f"claim:{n['lee_march']}"]
    assert opened.js("() => document.querySelector('#panel-body dd button').dataset.open") == f"node:{n['velmora']}"


# ---------------------------------------------------------------- the article view

def test_the_article_view_marks_every_span_and_a_mark_selects_its_node(open_page, story):
    path, n, g = story
    opened = open_page(path)
    opened.js("id => window.newskg.panel.open({kind: 'article', id: id})", n["b"])
    marks = opened.js("""() => [...document.querySelectorAll('#panel-body .article-body mark')]
        .map(m => [m.dataset.node, m.textContent])""")
    article = border_story()[1]["b"]
    anchors = {(short(node), str(g.value(m, NKG.anchorOf))) for node, m in g.subject_objects(NKG.mention)
               if g.value(m, NKG.source) == article}
    assert {tuple(m) for m in marks} == anchors
    body = opened.page.text_content("#panel-body .article-body")
    assert body == str(g.value(article, NKG.body))
    opened.page.click(f'#panel-body mark[data-node="{n["tam"]}"]')
    assert opened.js("() => window.newskg.network.getSelectedNodes()") == [n["tam"]]
    assert opened.page.text_content("#panel-body h2") == "Ravi Tam"
    opened.page.click("#panel-back")  # back to the article, where it was
    assert opened.js("() => document.getElementById('panel').dataset.view") == "article"


# ---------------------------------------------------------------- time, search, view

def test_the_date_slider_reduces_what_is_shown(open_page, story):
    path, n, g = story
    opened = open_page(path)
    everything = visible_nodes(opened)
    assert everything == {n[k] for k in ("velmora", "ostrand", "lee", "tam", "deadline")}
    for end, gone in (("from", {n["velmora"]}), ("to", {n["tam"]})):
        opened.js("() => document.getElementById('reset').click()")
        value = "1" if end == "from" else "0"  # from the second date on, or up to the first
        opened.page.fill(f"#date-{end}", value)
        opened.page.dispatch_event(f"#date-{end}", "input")
        assert visible_nodes(opened) == everything - gone, end
    assert opened.page.text_content("#date-from-text") == "2024-03-01"
    assert opened.page.text_content("#date-to-text") == "2024-03-01"


def test_search_lists_every_match_and_opens_the_chosen_one(open_page, story):
    path, n, g = story
    opened = open_page(path)
    hits = search(opened, "deadline")
    expected = {short(s) for s in g.subjects(NKG.text, None) if "deadline" in str(g.value(s, NKG.text)).lower()}
    expected |= {short(s) for s, p, o in g.triples((None, None, None))
                 if p.fragment in ("label", "altLabel") and "deadline" in str(o).lower()
                 and short(s) in expected_ids(g)}
    assert set(hits) == expected
    assert hits[0] == n["deadline"]  # names before quotes
    opened.page.click(f'#results button[data-id="{n["tam_quote"]}"]')
    assert opened.js("() => document.getElementById('panel').dataset.id") == n["tam_quote"]
    assert opened.js("() => window.newskg.network.getSelectedNodes()") == [n["tam"]]
    assert search(opened, "Nobody of that name") == []
    assert "nothing matches" in opened.page.text_content("#results")


def test_focus_opens_the_page_centred_on_the_entity_selected(open_page, story, tmp_path):
    path, n, _ = story
    ds, _ = border_story()
    opened = open_page(write_html(ds, tmp_path / "focus.html", focus="Ravi Tam"))
    assert opened.js("() => window.newskg.network.getSelectedNodes()") == [n["tam"]]
    centre = opened.js("() => window.newskg.network.getViewPosition()")
    where = opened.js("id => window.newskg.network.getPosition(id)", n["tam"])
    assert abs(centre["x"] - where["x"]) < 1 and abs(centre["y"] - where["y"]) < 1
    assert opened.page.text_content("#panel-body h2") == "Ravi Tam"
    assert opened.page.title().startswith("Ravi Tam in 2 articles")


def test_zoom_fit_and_reset(open_page, story):
    path, n, _ = story
    opened = open_page(path)
    fitted = opened.js("() => window.newskg.network.getScale()")
    opened.page.click("#zoom-in")
    opened.page.wait_for_timeout(400)
    assert opened.js("() => window.newskg.network.getScale()") > fitted * 1.3
    opened.page.click("#zoom-out")
    opened.page.click("#zoom-out")
    opened.page.wait_for_timeout(400)
    assert opened.js("() => window.newskg.network.getScale()") < fitted
    opened.js("id => window.newskg.panel.open({kind: 'node', id: id})", n["lee"])
    opened.page.click("#reset")
    assert opened.js("() => window.newskg.network.getSelectedNodes()") == []
    assert abs(opened.js("() => window.newskg.network.getScale()") - fitted) < 1e-6
    assert opened.js("() => document.getElementById('panel').dataset.view") == "home"


def test_statements_can_be_drawn_as_nodes(open_page, story, tmp_path):
    path, n, g = story
    statements = expected_ids(g, ("Statement",))
    opened = open_page(path)
    assert not visible_nodes(opened) & statements
    opened.page.check('#legend input[data-class="Statement"]')
    assert statements <= visible_nodes(opened)
    said_edges = "() => window.newskg.network.body.edgeIndices.filter(id => id.startsWith('said:')).length"
    assert opened.js(said_edges) == 0  # the statements themselves stand between speaker and subject
    opened.page.uncheck('#legend input[data-class="Statement"]')
    assert not visible_nodes(opened) & statements and opened.js(said_edges) == 3
    ds, _ = border_story()
    shown = open_page(write_html(ds, tmp_path / "shown.html", show=["statements"]))
    assert statements <= visible_nodes(shown)


# ---------------------------------------------------------------- hostile text

@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_hostile_article_runs_nothing(open_page, tmp_path, bypass_csp):
    opened = open_page(write_html(hostile_dataset(), tmp_path / "p.html"), bypass_csp=bypass_csp)
    evil = short(EVIL)
    x, y = node_point(opened, evil)
    opened.page.mouse.move(x, y)
    opened.page.mouse.click(x, y)
    assert HOSTILE_IMG in opened.page.text_content("#panel-body h2")
    for button in opened.js("() => [...document.querySelectorAll('#panel-body [data-open]')].map(b => b.dataset.open)"):
        kind, _, ident = button.partition(":")
        opened.js("v => window.newskg.panel.open(v)", {"kind": kind, "id": ident})
        opened.page.wait_for_timeout(50)
        if kind == "claim":
            opened.page.click("#panel-body .to-article")
            assert HOSTILE_SCRIPT in opened.page.text_content("#panel-body .article-body")
    assert search(opened, HOSTILE_LINK[:20]) and search(opened, "<img")
    opened.page.click("#results .hit")
    assert opened.js("() => window.__pwned") is None
    assert opened.js("() => document.querySelectorAll('img, a, iframe, object, embed').length") == 0
    assert opened.requests == []
    assert opened.errors == []


def test_article_opens_the_page_on_its_text(open_page, story, tmp_path):
    path, n, g = story
    ds, _ = border_story()
    opened = open_page(write_html(ds, tmp_path / "article.html", article="ostrand-reply.txt"))
    assert opened.js("() => document.getElementById('panel').dataset.view") == "article"
    assert opened.page.text_content("#panel-body .article-body") == str(g.value(border_story()[1]["b"], NKG.body))
    assert visible_nodes(opened) == {n["ostrand"], n["tam"], n["lee"], n["deadline"]}
