"""Bench the story map: time to write the page, and time until the browser has drawn it and can be used.

Two graphs: the seed articles built by the real pipeline, and a synthetic corpus (tests/viz/synthetic.py) of
--entities entities in governments' clusters and --statements statements about them, a figure per three.
The browser is Debian's headless Chromium driven by Playwright, with every non-file request aborted.

    python bench/bench_viz.py                                  # seeds, and 2,000 entities / 10,000 statements
    python bench/bench_viz.py --entities 5000 --statements 20000 --runs 1 --no-seeds
    python bench/bench_viz.py --screenshots docs/ --runs 1     # also the README's pictures of the seeds page
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.viz import write_html  # noqa: E402
from tests.viz.synthetic import synthetic_corpus  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 900}


def time_write(ds, path: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        write_html(ds, path)
        times.append(time.perf_counter() - start)
    return times


def time_browser(path: Path, runs: int) -> list[float]:
    """Seconds from navigation start until the page has drawn its data (positions arrive computed, so the
    map is then still and usable), each run in a fresh browser context."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for _ in range(runs):
            ctx = browser.new_context(viewport=VIEWPORT)
            ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else route.abort())
            page = ctx.new_page()
            page.goto(path.resolve().as_uri())
            page.wait_for_selector("body[data-stabilized=true]", state="attached", timeout=300_000)
            times.append(page.evaluate("window.newskg.stabilizedAt") / 1000)
            ctx.close()
        browser.close()
    return times


def screenshots(path: Path, folder: Path) -> list[Path]:
    """The README's three pictures of a page: the map, the most quoted speaker selected, an article open."""
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    shots = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        ctx = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
        ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page = ctx.new_page()
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("body[data-stabilized=true]", state="attached")
        for name, action in (
            ("story-map.png", None),
            ("story-map-speaker.png", """() => {
                const made = window.newskg.story.made, byId = window.newskg.byId;
                const top = Object.keys(made).filter(id => byId[id] && byId[id].cls === "Official")
                    .sort((a, b) => made[b].length - made[a].length)[0];
                window.newskg.panel.open({kind: "node", id: top});
            }"""),
            ("story-map-article.png", """() => {
                const app = window.newskg, said = app.page.claims.filter(c => c.cls === "Statement" && c.span);
                const busiest = app.page.articles.slice().sort((a, b) => b.marks.length - a.marks.length)[0];
                const claim = said.filter(c => c.article === busiest.id)[2] || said[0];
                app.panel.open({kind: "claim", id: claim.id});
                app.panel.open({kind: "article", id: claim.article, target: claim.id});
            }"""),
        ):
            if action:
                page.evaluate(action)
                page.wait_for_timeout(900)
            shots.append(folder / name)
            page.screenshot(path=str(shots[-1]))
        browser.close()
    return shots


def seeds_dataset():
    from kg.build import build_dataset

    start = time.perf_counter()
    result = build_dataset(sorted((ROOT / "seeds").glob("*.txt")))
    print(f"(built the seeds in {time.perf_counter() - start:.1f} s; not part of the numbers)", file=sys.stderr)
    return result.dataset


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entities", type=int, default=2000, help="entities in the synthetic corpus")
    ap.add_argument("--statements", type=int, default=10000, help="statements in the synthetic corpus")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-seeds", action="store_true", help="skip the seed corpus (it needs the pipeline)")
    ap.add_argument("--out", type=Path, default=None, help="folder for the pages")
    ap.add_argument("--screenshots", type=Path, default=None, metavar="FOLDER",
                    help="write pictures of the seeds page (map, speaker, article) into FOLDER")
    args = ap.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-viz-"))
    out.mkdir(parents=True, exist_ok=True)
    cases = [] if args.no_seeds else [("seeds", seeds_dataset)]
    cases.append((f"synthetic {args.entities}/{args.statements}",
                  lambda: synthetic_corpus(args.entities, args.statements)))
    print(f"{'graph':<22} {'entities':>8} {'claims':>7} {'page MB':>8} {'write s':>8} {'usable s':>9}")
    for name, make in cases:
        ds = make()
        path = out / (name.replace(" ", "-").replace("/", "-") + ".html")
        write = time_write(ds, path, args.runs)
        browser = time_browser(path, args.runs)
        from tests.viz.test_page import page_data

        data = page_data(path.read_text(encoding="utf-8"))
        print(f"{name:<22} {len(data['nodes']):>8} {len(data['claims']):>7} {path.stat().st_size / 1e6:>8.2f} "
              f"{statistics.median(write):>8.2f} {statistics.median(browser):>9.2f}")
        if name == "seeds" and args.screenshots:
            for shot in screenshots(path, args.screenshots):
                print(f"  wrote {shot}")
    print(f"(median of {args.runs} runs; pages in {out})")


if __name__ == "__main__":
    main()
