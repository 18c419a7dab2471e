#!/usr/bin/env python3
"""How long asking the graph takes as the corpus grows: load, every canned query, export, validate, stats.

Builds the seed articles once, then makes bigger graphs by copying every article graph N times under new
IRIs (articles, statements, figures, policies and spans are copied; governments, officials and other entities
are shared, as in a real corpus where the same people appear in many articles). For each size it times:
loading the graph from Turtle and TriG, each query in queries/ with its example parameters, export to every
format, SHACL validation and stats. Prints one table; with --json also writes the numbers.

    .venv/bin/python bench/bench_query.py --copies 1 10 40
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rdflib import Dataset, URIRef  # noqa: E402

from kg import graphio  # noqa: E402
from kg.build import build_dataset  # noqa: E402
from kg.export import EXPORT_FORMATS, export  # noqa: E402
from kg.query import canned_queries, run  # noqa: E402
from kg.stats import stats  # noqa: E402
from kg.validate import validate  # noqa: E402
from kg.vocab import ID  # noqa: E402

COPIED = tuple(str(ID[k]) for k in ("article/", "statement/", "figure/", "policy/", "mention/"))


def scaled(ds: Dataset, copies: int) -> Dataset:
    """The dataset with every article graph repeated `copies` times under fresh article-level IRIs."""
    out = graphio.new_dataset()
    for k in range(copies):
        rename = (lambda t: t) if k == 0 else (lambda t, k=k: _renamed(t, k))
        for s, p, o, c in ds.quads((None, None, None, None)):
            name = c if isinstance(c, URIRef) else c.identifier
            out.graph(rename(name)).add((rename(s), p, rename(o)))
    return out


def _renamed(term, k: int):
    if isinstance(term, URIRef) and str(term).startswith(COPIED):
        return URIRef(f"{term}-copy{k}")
    return term


def timed(fn, repeat: int = 1) -> float:
    """The best of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def measure(ds: Dataset, workdir: Path) -> dict[str, float]:
    ttl, trig = graphio.save(ds, workdir / "g.ttl"), graphio.save(ds, workdir / "g.trig")
    numbers = {"triples": len(graphio.union_graph(ds)),
               "load ttl": timed(lambda: graphio.load(ttl)), "load trig": timed(lambda: graphio.load(trig))}
    loaded = graphio.load(trig)
    for name, q in canned_queries().items():
        params = {p.name: p.example for p in q.params}
        numbers[f"query {name}"] = timed(lambda: run(loaded, q, params).text(), repeat=2)
    for fmt in EXPORT_FORMATS:
        numbers[f"export {fmt}"] = timed(lambda: export(loaded, fmt))
    numbers["validate"] = timed(lambda: validate(loaded))
    numbers["stats"] = timed(lambda: stats(loaded))
    return numbers


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 10], help="corpus sizes, in copies of the seeds")
    ap.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    args = ap.parse_args()
    seeds = build_dataset(sorted((ROOT / "seeds").glob("*.txt"))).dataset
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.copies:
            results[n] = measure(scaled(seeds, n), Path(tmp))
            print(f"measured {n} copies ({results[n]['triples']} triples)", file=sys.stderr)
    rows = list(next(iter(results.values())))
    print(f"{'seconds':<30}" + "".join(f"{f'{n * 5} articles':>16}" for n in results))
    for row in rows:
        cells = "".join(f"{results[n][row]:>16.0f}" if row == "triples" else f"{results[n][row]:>16.3f}"
                        for n in results)
        print(f"{row:<30}{cells}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
