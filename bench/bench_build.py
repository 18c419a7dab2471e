#!/usr/bin/env python3
"""How much newskg's extraction costs on top of spaCy's own parse.

Makes a corpus of distinct articles from the seeds (paragraphs rotated, numbers and weekdays varied), about
--words words in all, then times (1) spaCy's nlp.pipe over the bodies with the plain English pipeline and
(2) newskg's whole build of the same articles (parse + extractors + resolution + RDF), and prints both and
their ratio. The target is a ratio of at most 1.25.

    .venv/bin/python bench/bench_build.py --words 1000000
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ingest import parse_article  # noqa: E402
from kg.pipeline import DEFAULT_MODELS, load_model  # noqa: E402
from kg.resolve import resolve  # noqa: E402
from kg.triples import to_dataset  # noqa: E402
from kg.pipeline import extract  # noqa: E402

WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday".split()


def variants(words: int, seed: int = 7) -> list[str]:
    """Distinct article texts made from the seeds until the corpus has about `words` words."""
    rng = random.Random(seed)
    bases = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    out, total, n = [], 0, 0
    while total < words:
        text = bases[n % len(bases)]
        paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        k = rng.randrange(len(paras))
        paras = paras[k:] + paras[:k]
        body = "\n\n".join(paras)
        body = re.sub(r"\b\d{2,3}\b", lambda m: str(int(m.group()) + rng.randrange(1, 9)), body)
        body = re.sub("|".join(WEEKDAYS), lambda m: rng.choice(WEEKDAYS), body)
        out.append(body)
        total += len(body.split())
        n += 1
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=1_000_000, help="corpus size in words (default 1,000,000)")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    texts = variants(args.words)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} articles, {words:,} words")

    import spacy
    plain = None
    for name in DEFAULT_MODELS:
        try:
            plain = spacy.load(name)
            break
        except OSError:
            try:
                plain = __import__(name).load()
                break
            except ImportError:
                continue
    t0 = time.perf_counter()
    for _ in plain.pipe(texts, batch_size=args.batch_size):
        pass
    parse = time.perf_counter() - t0
    print(f"spaCy nlp.pipe:  {parse:8.1f} s  {words / parse:9.0f} words/s")

    nlp = load_model()
    articles = [parse_article(t, identifier=f"bench-{i:05d}.txt") for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    records = list(extract(nlp, articles, batch_size=args.batch_size))
    t_extract = time.perf_counter() - t0
    ds = to_dataset(records, resolve(records))
    full = time.perf_counter() - t0
    print(f"newskg extract:  {t_extract:8.1f} s  {words / t_extract:9.0f} words/s")
    print(f"newskg build:    {full:8.1f} s  {words / full:9.0f} words/s  ({len(ds):,} triples)")
    print(f"ratio extract/parse: {t_extract / parse:.2f}   build/parse: {full / parse:.2f}   (target <= 1.25)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
