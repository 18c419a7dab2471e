"""Bench the network page: time to write it, and time until the browser says the network is stable.

Two graphs: the seed articles built by the real pipeline, and a synthetic corpus shaped like news (a few
governments, officials and organisations, many statements and figures about them) of --nodes shown nodes.
The browser is Debian's headless Chromium driven by Playwright, with every non-file request aborted.

    python bench/bench_viz.py                 # seeds and 2,000 synthetic nodes, 3 runs each
    python bench/bench_viz.py --nodes 5000 --runs 1 --no-seeds
"""
from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Dataset, Literal
from rdflib.namespace import DCTERMS, SKOS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.graphio import new_dataset  # noqa: E402
from kg.viz import write_html  # noqa: E402
from kg.vocab import ID, NKG  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# share of shown nodes per class, close to what the seed articles give
SHARES = {"government": 0.01, "official": 0.08, "person": 0.04, "org": 0.04, "statement": 0.5,
          "figure": 0.23, "policy": 0.1}
VERBS = ["said", "warned", "rejected", "urged", "denied", "announced"]


def synthetic_dataset(n_nodes: int, seed: int = 7) -> Dataset:
    """A corpus following docs/graph-contract.md with about n_nodes entities, statements, figures, policies."""
    rnd = random.Random(seed)
    count = {k: max(1, round(v * n_nodes)) for k, v in SHARES.items()}
    govs = [(ID[f"government/g{i}"], f"Country{i}") for i in range(count["government"])]
    officials = [(ID[f"agent/official-{i}"], f"Official Number{i}") for i in range(count["official"])]
    persons = [(ID[f"agent/person-{i}"], f"Person Number{i}") for i in range(count["person"])]
    orgs = [(ID[f"org/org-{i}"], f"Organisation{i}") for i in range(count["org"])]
    speakers = officials + persons + orgs + govs
    per_article = 20
    n_articles = max(1, (count["statement"] + count["figure"] + count["policy"]) // per_article)
    ds = new_dataset()
    made = {"statement": 0, "figure": 0, "policy": 0}
    for a in range(n_articles):
        article = _SyntheticArticle(ds, a)
        for _ in range(per_article):
            kind = rnd.choices(list(made), weights=[count[k] - made[k] for k in made] or None)[0] \
                if any(count[k] > made[k] for k in made) else None
            if kind is None:
                break
            made[kind] += 1
            turn = made["statement"] + made["figure"]  # everyone speaks once before anyone is picked at random
            who = speakers[turn - 1] if kind != "policy" and turn <= len(speakers) else rnd.choice(speakers)
            gov = govs[sum(made.values()) % len(govs)]
            getattr(article, kind)(made[kind], who, gov, rnd)
        for (iri, name), cls, member in _members(officials, persons, orgs, govs, rnd):
            if iri in article.entities:
                article.entity(iri, cls, name, member)
        article.close()
    return ds


def _members(officials, persons, orgs, govs, rnd):
    rng = random.Random(1)
    for o in officials:
        yield o, NKG.Official, govs[rng.randrange(len(govs))][0]
    for p in persons:
        yield p, NKG.Person, orgs[rng.randrange(len(orgs))][0]
    for o in orgs:
        yield o, NKG.Organization, None
    for g in govs:
        yield g, NKG.Government, None


class _SyntheticArticle:
    """One synthetic article: sentences appended to a body, each node with the span it is written at."""

    def __init__(self, ds: Dataset, number: int):
        self.iri = ID[f"article/synthetic-{number}"]
        self.slug = f"synthetic-{number}"
        self.g = ds.graph(self.iri)
        self.body = ""
        self.entities: dict = {}
        self.g.add((self.iri, RDF.type, NKG.Article))
        self.g.add((self.iri, DCTERMS.identifier, Literal(f"{self.slug}.txt")))
        self.g.add((self.iri, DCTERMS.title, Literal(f"Synthetic story {number}")))
        self.g.add((self.iri, NKG.date, Literal("2024-01-01", datatype=XSD.date)))

    def _sentence(self, parts: list[tuple[str, object]]) -> tuple[int, str]:
        """Append a sentence made of (text, node-or-None) parts; record mentions of the nodes."""
        start = len(self.body)
        for text, node in parts:
            if node is not None:
                self.mention(node, len(self.body), text)
            self.body += text
        self.body += ". "
        return start, self.body[start:-1]

    def mention(self, node, begin: int, text: str) -> None:
        end = begin + len(text)
        m = ID[f"mention/{self.slug}/{begin}-{end}"]
        for triple in ((node, NKG.mention, m), (m, RDF.type, NKG.Mention), (m, NKG.anchorOf, Literal(text)),
                       (m, NKG.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)),
                       (m, NKG.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)),
                       (m, NKG.source, self.iri)):
            self.g.add(triple)
        if str(node).startswith(str(ID["agent/"])) or "/org/" in str(node) or "/government/" in str(node):
            self.entities[node] = True

    def _claim(self, cls, number: int, label: str, sentence: str):
        iri = ID[f"{cls.fragment.lower()}/" + hashlib.sha1(f"{self.slug}{number}".encode()).hexdigest()[:16]]
        for triple in ((iri, RDF.type, cls), (iri, RDFS.label, Literal(label)), (iri, NKG.source, self.iri),
                       (iri, NKG.evidence, Literal(sentence))):
            self.g.add(triple)
        return iri

    def statement(self, number, who, gov, rnd):
        verb = rnd.choice(VERBS)
        claim = f"{gov[1]} must change course on matter {number}"
        begin = len(self.body) + len(who[1]) + len(verb) + 2
        _, sentence = self._sentence([(who[1], who[0]), (f" {verb} ", None), (gov[1], gov[0]),
                                      (f" must change course on matter {number}", None)])
        iri = self._claim(NKG.Statement, number, " ".join(claim.split()[:6]), sentence)
        self.mention(iri, begin, claim)
        self.g.add((iri, NKG.speaker, who[0]))
        self.g.add((iri, NKG.text, Literal(claim)))
        self.g.add((iri, NKG.direct, Literal(False)))

    def figure(self, number, who, gov, rnd):
        amount = f"{rnd.randint(2, 900)} thousand"
        begin = len(self.body) + len(who[1]) + len(" reported ")
        _, sentence = self._sentence([(who[1], who[0]), (" reported ", None), (amount, None),
                                      (" people moved from ", None), (gov[1], gov[0])])
        iri = self._claim(NKG.Figure, number, f"{amount} \u2014 people moved", sentence)
        self.mention(iri, begin, amount)
        self.g.add((iri, NKG.value, Literal(str(number * 1000), datatype=XSD.decimal)))
        self.g.add((iri, NKG.approximate, Literal(False)))
        self.g.add((iri, NKG.reportedBy, who[0]))

    def policy(self, number, who, gov, rnd):
        name = f"deadline number {number}"
        begin = len(self.body) + len(gov[1]) + len(" set the ")
        _, sentence = self._sentence([(gov[1], gov[0]), (" set the ", None), (name, None)])
        iri = self._claim(NKG.Policy, number, name, sentence)
        self.mention(iri, begin, name)
        self.g.add((iri, NKG.issuedBy, gov[0]))

    def entity(self, iri, cls, name, member) -> None:
        self.g.add((iri, RDF.type, cls))
        self.g.add((iri, RDFS.label, Literal(name)))
        self.g.add((iri, SKOS.altLabel, Literal(name.split()[-1])))
        if member is not None:
            self.g.add((iri, NKG.memberOf, member))

    def close(self) -> None:
        """Record the body once every sentence is written: all offsets refer to it."""
        self.g.add((self.iri, NKG.body, Literal(self.body)))
        self.g.add((self.iri, NKG.contentHash, Literal(hashlib.sha256(self.body.encode()).hexdigest())))


def time_write(ds, path: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        write_html(ds, path)
        times.append(time.perf_counter() - start)
    return times


def time_browser(path: Path, runs: int, shot: Path | None = None) -> list[float]:
    """Seconds from navigation start until the page reports the network stabilised, per fresh browser."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as pw:
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as profile:
                ctx = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                            args=CHROMIUM_ARGS, viewport={"width": 1400,
                                                                                          "height": 900})
                ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                          else route.abort())
                page = ctx.new_page()
                page.goto(path.resolve().as_uri())
                page.wait_for_selector("body[data-stabilized=true]", state="attached", timeout=300_000)
                times.append(page.evaluate("window.newskg.stabilizedAt") / 1000)
                if shot:
                    page.screenshot(path=str(shot))
                ctx.close()
    return times


def seeds_dataset():
    from kg.build import build_dataset

    start = time.perf_counter()
    result = build_dataset(sorted((ROOT / "seeds").glob("*.txt")))
    print(f"(built the seeds in {time.perf_counter() - start:.1f} s; not part of the numbers)", file=sys.stderr)
    return result.dataset


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000, help="shown nodes in the synthetic graph")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-seeds", action="store_true", help="skip the seed corpus (it needs the pipeline)")
    ap.add_argument("--out", type=Path, default=None, help="folder for the pages and screenshots")
    args = ap.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-viz-"))
    out.mkdir(parents=True, exist_ok=True)
    cases = [] if args.no_seeds else [("seeds", seeds_dataset)]
    cases.append((f"synthetic {args.nodes}", lambda: synthetic_dataset(args.nodes)))
    print(f"{'graph':<18} {'nodes':>6} {'edges':>6} {'page MB':>8} {'write s':>8} {'stable s':>9}")
    for name, make in cases:
        ds = make()
        path = out / (name.replace(" ", "-") + ".html")
        write = time_write(ds, path, args.runs)
        browser = time_browser(path, args.runs, shot=path.with_suffix(".png"))
        from kg.graphio import union_graph
        from kg.viz import to_networkx

        G = to_networkx(union_graph(ds))
        print(f"{name:<18} {len(G):>6} {G.number_of_edges():>6} {path.stat().st_size / 1e6:>8.2f} "
              f"{statistics.median(write):>8.2f} {statistics.median(browser):>9.2f}")
    print(f"(median of {args.runs} runs; pages and screenshots in {out})")


if __name__ == "__main__":
    main()
