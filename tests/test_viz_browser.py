"""The network page in a real headless Chromium, opened from file:// with the network off.

Needs Debian's chromium (/usr/bin/chromium). When it is missing the tests install it with apt-get, as the
project's test set-up does; only without root, where it cannot be installed, do they skip, saying so.
"""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Page, sync_playwright
from rdflib.namespace import RDFS, SKOS

from kg import graphio
from kg.viz import write_html
from kg.vocab import NKG

from .kg_fixtures import BUGTI, PAKISTAN, small_dataset
from .test_viz import (EVIL, HOSTILE_IMG, HOSTILE_LINK, HOSTILE_SCRIPT, expected_ids, hostile_dataset, short,
                       star_graph)

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
def playwright():
    reason = _install_chromium()
    if reason:
        pytest.skip(reason)
    with sync_playwright() as pw:
        yield pw


@dataclass
class Opened:
    """A page in a fresh browser profile, with what it logged and what it tried to fetch."""

    page: Page
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def js(self, script: str, arg=None):
        return self.page.evaluate(script, arg)


@pytest.fixture
def open_page(playwright, tmp_path):
    """Open a page from file:// in a new Chromium with a fresh profile; every non-file request is aborted."""
    contexts = []

    def opener(path: Path, *, bypass_csp: bool = False) -> Opened:
        profile = tmp_path / f"profile-{len(contexts)}"
        ctx = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            bypass_csp=bypass_csp, viewport={"width": 1280, "height": 800}, service_workers="block")
        contexts.append(ctx)
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
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
def seeds_page(seeds_result, tmp_path_factory) -> tuple[Path, set[str]]:
    path = write_html(seeds_result.dataset, tmp_path_factory.mktemp("seeds") / "graph.html")
    return path, expected_ids(graphio.union_graph(seeds_result.dataset))


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


def search(opened: Opened, text: str, found: bool = True) -> None:
    """Type a name into the search box and press Enter; wait until the view has moved to the node."""
    opened.page.fill("#search-box", text)
    opened.page.press("#search-box", "Enter")
    if found:
        opened.page.wait_for_selector("body[data-focused]", state="attached", timeout=10_000)


# ---------------------------------------------------------------- the seeds

def test_seed_page_draws_every_entity_offline(open_page, seeds_page, tmp_path):
    path, expected = seeds_page
    opened = open_page(path)
    assert set(opened.js("() => window.newskg.nodes.getIds()")) == expected
    assert opened.js("() => Object.keys(window.newskg.network.getPositions()).length") == len(expected)
    canvas = opened.js("""() => {
        const c = document.querySelector("#network canvas");
        const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        let inked = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0) inked++;
        return {width: c.width, height: c.height, inked: inked};
    }""")
    assert canvas["width"] > 300 and canvas["height"] > 300
    assert canvas["inked"] > 2000, canvas
    shot = tmp_path / "seeds.png"
    opened.page.screenshot(path=str(shot))
    pixels = png_pixels(shot.read_bytes())[:, :, :3].reshape(-1, 3)
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    assert len(colours) > 50 and counts.max() < 0.97 * len(pixels), "screenshot is blank"
    assert opened.errors == []
    assert opened.requests == []


def test_physics_stops_once_the_network_is_stable(open_page, seeds_page):
    opened = open_page(seeds_page[0])
    assert opened.js("() => window.newskg.network.physics.options.enabled") is False
    before = opened.js("() => window.newskg.network.getPositions()")
    opened.page.wait_for_timeout(700)
    assert opened.js("() => window.newskg.network.getPositions()") == before


@pytest.mark.parametrize("how", ["label", "alias"])
def test_search_box_focuses_a_named_node(open_page, seeds_page, seeds_result, how):
    g = graphio.union_graph(seeds_result.dataset)
    if how == "label":  # the official quoted most often
        row = next(iter(g.query("""
            SELECT ?n ?name WHERE { ?n a nkg:Official ; rdfs:label ?name . ?s nkg:speaker ?n }
            GROUP BY ?n ?name ORDER BY DESC(COUNT(?s)) ?name LIMIT 1""", initNs={"nkg": NKG._NS})))
        node, text = row.n, str(row.name)
    else:  # one of Pakistan's other names that names nothing else, in capitals: case does not matter
        node = PAKISTAN
        taken = {str(o).casefold() for s, p, o in g.triples((None, None, None))
                 if p in (RDFS.label, SKOS.altLabel) and s != PAKISTAN}
        aliases = sorted(str(a) for a in g.objects(PAKISTAN, SKOS.altLabel) if str(a).casefold() not in taken)
        text = aliases[0].upper()
    opened = open_page(seeds_page[0])
    search(opened, text)
    assert opened.js("() => window.newskg.network.getSelectedNodes()") == [short(node)]
    assert opened.page.text_content("#details h2") == opened.js("id => window.newskg.nodes.get(id).name", short(node))
    centre = opened.js("() => window.newskg.network.getViewPosition()")
    where = opened.js("id => window.newskg.network.getPosition(id)", short(node))
    assert abs(centre["x"] - where["x"]) < 1 and abs(centre["y"] - where["y"]) < 1
    assert opened.errors == []


def test_search_for_an_unknown_name_says_so(open_page, tmp_path):
    opened = open_page(write_html(small_dataset(), tmp_path / "p.html"))
    search(opened, "Nobody Of That Name", found=False)
    assert opened.js("() => window.newskg.network.getSelectedNodes()") == []
    assert "no node named" in opened.page.text_content("#status")


# ---------------------------------------------------------------- hover, click, filter

def test_hover_and_click_show_details_as_text(open_page, tmp_path):
    opened = open_page(write_html(small_dataset(), tmp_path / "p.html"))
    x, y = node_point(opened, short(BUGTI))
    opened.page.mouse.move(x, y)
    opened.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert "Interim Interior Minister" in opened.page.text_content("div.vis-tooltip")
    assert opened.page.text_content("#details h2") == "Sarfraz Bugti"
    opened.page.mouse.move(5, 5)
    opened.page.mouse.click(x, y)
    assert opened.js("() => window.newskg.network.getSelectedNodes()") == [short(BUGTI)]
    assert "Interim Interior Minister" in opened.page.text_content("#details dl")


def test_legend_toggles_a_class(open_page, tmp_path):
    ds = small_dataset()
    opened = open_page(write_html(ds, tmp_path / "p.html"))
    statements = expected_ids(graphio.union_graph(ds), ("Statement",))
    visible = "() => window.newskg.network.body.nodeIndices.slice()"
    assert statements <= set(opened.js(visible))
    opened.page.uncheck('#legend input[data-class="Statement"]')
    shown = set(opened.js(visible))
    assert not shown & statements and shown == expected_ids(graphio.union_graph(ds)) - statements
    opened.page.check('#legend input[data-class="Statement"]')
    assert statements <= set(opened.js(visible))


# ---------------------------------------------------------------- hostile text

@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_hostile_article_runs_nothing(open_page, tmp_path, bypass_csp):
    opened = open_page(write_html(hostile_dataset(), tmp_path / "p.html"), bypass_csp=bypass_csp)
    hostile = [n for n in opened.js("() => window.newskg.nodes.get()")
               if any(h in text for h in (HOSTILE_SCRIPT, HOSTILE_IMG, HOSTILE_LINK)
                      for text in [n["name"], *n["aliases"], *(v for _, v in n["rows"])])]
    assert {short(EVIL)} < {n["id"] for n in hostile}
    for node in hostile:
        x, y = node_point(opened, node["id"])
        opened.page.mouse.move(x, y)
        opened.page.wait_for_selector("div.vis-tooltip", state="visible")
        opened.page.mouse.click(x, y)
        shown = opened.page.text_content("#details")
        assert node["name"] in shown
        assert opened.page.inner_text("div.vis-tooltip") == node["title"]
        opened.page.mouse.move(5, 5)
    details = opened.page.text_content("#details")
    search(opened, HOSTILE_IMG)
    assert opened.js("() => window.newskg.network.getSelectedNodes()") == [short(EVIL)]
    assert HOSTILE_IMG in opened.page.text_content("#details h2") and details
    assert opened.js("() => window.__pwned") is None
    assert opened.js("() => document.querySelectorAll('img, a, iframe, object, embed').length") == 0
    assert opened.requests == []
    assert opened.errors == []


# ---------------------------------------------------------------- big graphs

def test_big_graph_is_drawn_from_precomputed_positions(open_page, tmp_path):
    g = star_graph(600)
    opened = open_page(write_html(g, tmp_path / "big.html"))
    assert set(opened.js("() => window.newskg.nodes.getIds()")) == expected_ids(g)
    assert opened.js("() => window.newskg.network.physics.options.enabled") is False
    node = opened.js("() => window.newskg.nodes.get('statement/s7')")
    assert opened.js("() => window.newskg.network.getPosition('statement/s7')") == {"x": node["x"], "y": node["y"]}
    assert opened.errors == []
