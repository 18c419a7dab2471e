"""The `kg` command line: argument handling and messages only; the work is done by the library."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import KGError

DEFAULT_GRAPH = Path("out/graph.ttl")


def graph_option(f):
    """--graph FILE, defaulting to the file `kg build` writes."""
    return click.option("--graph", "graph_path", type=click.Path(dir_okay=False, path_type=Path),
                        default=DEFAULT_GRAPH, show_default=True,
                        help="Graph file to read (the one 'kg build' wrote last by default).")(f)


def _check_store(ctx, param, value):
    """A malformed --store value is a usage error, found before any work starts."""
    from .store import StoreError, parse_spec

    try:
        parse_spec(value)
    except StoreError as exc:
        raise click.BadParameter(str(exc).replace(f"--store {value}: ", "").replace(f"--store {value!r}: ", ""))
    return value


def store_option(f):
    """--store SPEC: the graph file (memory), an Oxigraph folder or a SPARQL endpoint."""
    return click.option("--store", "store_spec", default="memory", show_default=True, metavar="SPEC",
                        callback=_check_store,
                        help="Where the graph lives: memory (the --graph/-o file), oxigraph:PATH (an on-disk "
                             "Oxigraph store) or sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]] (a SPARQL 1.1 "
                             "endpoint).")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newskg")
def cli():
    """Turn news articles into an RDF knowledge graph you can query, export and explore.

    Example:

        kg build seeds/ -o out/graph.ttl && kg query who-said-what
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH,
              show_default=True, help="Graph file to write; its extension picks the format "
                                      "(.ttl, .nt, .trig with one named graph per article, .jsonld).")
@click.option("--html", "html", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the interactive network page here.")
@click.option("--model", default=None, metavar="NAME",
              help="spaCy English pipeline to use (default: en_core_web_sm).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Extract in this many processes (0: one per CPU); the graph is the same for any number.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Extract on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://10.0.0.5:8786).")
@store_option
@click.option("--records", "records", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="With --store: folder where extraction records are kept between builds, so stored articles "
                   "are not extracted again (default: STORE.records beside an Oxigraph folder, else a folder "
                   "per endpoint in the user's cache).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def build(paths, output, html, model, jobs, scheduler, store_spec, records, quiet):
    """Build the knowledge graph of news articles (files or folders; default seeds/).

    Reads .txt, .md and .html files, extracts governments, officials, statements, policies and
    figures, resolves entities across all articles and writes the graph atomically. Files that
    cannot be read are named on stderr and skipped; the exit status is then 1.

    Example:

    \b
        kg build seeds/ -o out/graph.ttl --html out/graph.html
        kg build articles/ --store oxigraph:out/store --jobs 2
    """
    from .build import build as build_graph

    paths = paths or (Path("seeds"),)
    if store_spec != "memory":
        _build_into_store(paths, store_spec, model, jobs, scheduler, records, quiet)
        return
    if records:
        raise click.BadParameter("only a build into a --store keeps records", param_hint="--records")
    bar = _progress(quiet)
    try:
        result = build_graph(paths, output, model=model, progress=bar.update if bar else None, jobs=jobs,
                             scheduler=scheduler)
    finally:
        if bar:
            bar.close()
    _report_inputs(result)
    if html:
        from .viz import write_html

        write_html(result.dataset, html)
    if not quiet:
        click.echo(f"wrote {output}: {result.summary()}" + (f"; page {html}" if html else ""))
    if result.problems:
        sys.exit(1)


def _build_into_store(paths, store_spec, model, jobs, scheduler, records, quiet):
    """kg build --store: add new and changed articles to a persistent store, leave the rest alone."""
    from .incremental import records_folder, update_store
    from .store import open_store

    bars = [_progress(quiet, "extracting"), _progress(quiet, "writing graphs")]
    with open_store(store_spec) as store:
        try:
            result = update_store(store, paths, model=model, jobs=jobs, scheduler=scheduler,
                                  progress=bars[0].update if bars[0] else None,
                                  write_progress=bars[1].update if bars[1] else None,
                                  cache=records or records_folder(store))
        finally:
            for bar in bars:
                if bar:
                    bar.close()
    _report_inputs(result)
    if not quiet:
        click.echo(f"{store_spec}: {result.summary()}")
    if result.problems:
        sys.exit(1)


def _report_inputs(result) -> None:
    """Decoding notes and skipped files go to stderr, one line each."""
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    for problem in result.problems:
        click.echo(f"skipped {problem}", err=True)


class _Bar:
    """A progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, label: str = "extracting"):
        self.bar = None
        self.label = label
        self.started = 0.0

    def update(self, done: int, total: int, name: str) -> None:
        import time

        if self.bar is None:
            self.started = time.monotonic()
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr,
                                         show_eta=True, show_pos=True, item_show_func=self._rate)
            self.bar.__enter__()
        self.bar.update(1, done)

    def _rate(self, done: int | None) -> str:
        """Articles per second so far, shown after the bar."""
        import time

        elapsed = time.monotonic() - self.started
        return f"{done / elapsed:.1f} articles/s" if done and elapsed > 0 else ""

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _progress(quiet: bool, label: str = "extracting"):
    return None if quiet or not sys.stderr.isatty() else _Bar(label)


# ---------------------------------------------------------------- query, queries, export, validate, stats

QUERY_FORMATS = ("table", "csv", "tsv", "json", "nl", "ttl", "nt", "jsonld", "xml")
EXPORT_FORMATS = ("ttl", "nt", "trig", "nq", "jsonld", "xml")


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    """NAME=VALUE pairs from repeated --param flags."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--param")
        out[name.strip().lstrip("?$")] = value
    return out


@cli.command("query")
@click.argument("query_ref", metavar="NAME|FILE.rq|'SPARQL…'")
@graph_option
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (as an RDF term, never pasted into the query). Repeatable.")
@click.option("-f", "--format", "fmt", type=click.Choice(QUERY_FORMATS), default=None,
              help="SELECT: table (default), csv, tsv, json (W3C SPARQL results), nl (one JSON object a line). "
                   "CONSTRUCT/DESCRIBE: ttl (default), nt, jsonld, xml. ASK: prints true/false.")
@store_option
def query_cmd(query_ref, graph_path, params, fmt, store_spec):
    """Ask the graph a canned question (see 'kg queries') or your own SPARQL.

    The graph is --graph, by default out/graph.ttl, the file 'kg build' writes by default. Ad-hoc queries
    may use the prefixes nkg:, id:, rdf:, rdfs:, skos:, dcterms:, xsd: and owl: without declaring them;
    give an ad-hoc IRI parameter as <https://…>. An ASK query exits 0 when true and 1 when false.

    Example:

    \b
        kg query figures-for-measure --param words='undocumented Afghans' --format csv
        kg query 'SELECT ?label WHERE { ?g a nkg:Government ; rdfs:label ?label }'
    """
    from .api import KnowledgeGraph
    from .query import check_format, find_query

    query = find_query(query_ref)
    check_format(query.kind, fmt)  # a malformed query or a wrong format fails before the graph is read
    if store_spec != "memory":
        from .store import open_store, run_query

        with open_store(store_spec) as store:
            result = run_query(store, query, _params(params))
    else:
        result = KnowledgeGraph.load(graph_path).query(query, _params(params))
    result.write(sys.stdout, fmt)
    if result.kind == "ASK" and not result.boolean:
        sys.exit(1)


@cli.command("queries")
def queries_cmd():
    """List the canned questions: name, what each answers, and its parameters with an example.

    Example:

        kg queries
    """
    import shlex
    import textwrap

    from .query import canned_queries

    for name, q in canned_queries().items():
        click.echo(f"{name} — {q.title}")
        click.echo(textwrap.fill(q.description, width=100, initial_indent="    ", subsequent_indent="    "))
        for p in q.params:
            flags = [{"string": "", "iri": "IRI"}.get(p.kind, p.kind), "optional" if p.optional else ""]
            note = f" ({', '.join(f for f in flags if f)})" if any(flags) else ""
            click.echo(f"    --param {p.name}={shlex.quote(p.example)}  {p.description}{note}")
        click.echo()


@cli.command("export")
@graph_option
@click.option("-f", "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="Output format (default: from the -o extension, else ttl). trig and nq keep one named "
                   "graph per article.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write, atomically (default: standard output).")
@store_option
def export_cmd(graph_path, fmt, output, store_spec):
    """Write the graph in another RDF format.

    TriG and N-Quads keep one named graph per article (also when the graph was read from Turtle), so one
    article's triples can be dropped or replaced.

    Example:

        kg export --graph out/graph.ttl --format trig -o out/graph.trig
    """
    if store_spec != "memory":
        from .export import write_store
        from .store import open_store

        with open_store(store_spec) as store:
            write_store(store, fmt, output=output, stream=None if output else sys.stdout.buffer)
        return
    graph = _load_graph(graph_path, store_spec)
    if output is not None:
        graph.save(output, fmt)
    else:
        sys.stdout.buffer.write(graph.serialize(fmt or "ttl"))


@cli.command("validate")
@graph_option
@click.option("--shapes", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SHACL shapes to check against (default: ontology/shapes.ttl).")
def validate_cmd(graph_path, shapes):
    """Check the graph against the SHACL shapes; exit 1 when it does not conform.

    Prints one line per violation: the node, the property and what is wrong.

    Example:

        kg validate --graph out/graph.ttl
    """
    from .api import KnowledgeGraph
    from .vocab import SHAPES_FILE

    report = KnowledgeGraph.load(graph_path).validate(shapes or SHAPES_FILE)
    click.echo(report.text(), nl=False)
    if not report.conforms:
        sys.exit(1)


@cli.command("stats")
@graph_option
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many of the most connected entities to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
@store_option
def stats_cmd(graph_path, top, as_json, store_spec):
    """Count the nodes per class, list the articles and the most connected entities.

    Example:

        kg stats --graph out/graph.ttl --top 5
    """
    import json

    if store_spec != "memory":
        from .stats import store_stats
        from .store import open_store

        with open_store(store_spec) as store:
            numbers = store_stats(store, top=top)
    else:
        numbers = _load_graph(graph_path, store_spec).stats(top=top)
    if as_json:
        click.echo(json.dumps(numbers.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(numbers.text(), nl=False)


def _viz_classes(ctx, param, values):
    """--include and --show names checked against the page's classes, so a typo is a usage error."""
    from .viz import VizError
    from .viz.storymap import class_list

    words = [w.strip() for v in values for w in v.split(",") if w.strip()]
    try:
        return tuple(c.fragment for c in class_list(words, option=f"--{param.name}"))
    except VizError as exc:
        raise click.BadParameter(str(exc).removeprefix(f"--{param.name} ")) from exc


@cli.command("viz")
@graph_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_GRAPH.with_suffix(".html"), show_default=True,
              help="Page to write, atomically; one self-contained HTML file that works offline.")
@click.option("--focus", metavar="NAME", default=None,
              help="Open the page centred on this entity, selected: a name, an alias or an id such as "
                   "agent/sarfraz-bugti.")
@click.option("--hops", type=click.IntRange(min=0), default=None,
              help="With --focus: keep only what lies within this many edges of it.")
@click.option("--include", multiple=True, metavar="CLASS", callback=_viz_classes,
              help="Keep only these classes (repeatable or comma-separated): Government, Official, Person, "
                   "Organization, Policy; Statement or Figure draws those as nodes too.")
@click.option("--show", multiple=True, metavar="CLASSES", callback=_viz_classes,
              help="Draw statements and figures as nodes too, e.g. --show statements,figures "
                   "(by default they are what edges and panels are made of; the page can switch them on).")
@click.option("--article", metavar="ID", default=None,
              help="Keep only what one article says, and open it (its file name, e.g. 000_0d08b72ce4582031.txt, "
                   "or id).")
@store_option
def viz_cmd(graph_path, output, focus, hops, include, show, article, store_spec):
    """Draw the story map: an interactive page that opens from disk with no network.

    Governments, officials, people, organisations and policies are the nodes; an edge from a speaker to an
    entity stands for what they said about it. Click a node for everything it said, in the sentence it was
    read from; open an article to see every name and quote marked in its text; filter by date; find by name.

    Example:

    \b
        kg viz -o out/graph.html
        kg viz --focus "Sarfraz Bugti" -o out/bugti.html
        kg viz --focus "Sarfraz Bugti" --hops 2 --show statements -o out/bugti-near.html
    """
    from .viz import write_html

    source = graph_path if store_spec == "memory" else _load_graph(graph_path, store_spec).dataset
    page = write_html(source, output, focus=focus, hops=hops, include=include or None, show=show or None,
                      article=article)
    click.echo(f"wrote {page}")


def _load_graph(graph_path, store_spec):
    """The graph of --graph, or of --store when that names a store other than memory."""
    from .api import KnowledgeGraph

    if store_spec == "memory":
        return KnowledgeGraph.load(graph_path)
    from .store import open_store

    with open_store(store_spec) as store:
        return KnowledgeGraph(store.dataset())


def main() -> None:
    """Console entry point: library errors become one-line messages and exit status 1."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KGError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:  # `kg query ... | head`: the reader left, which is not an error
        sys.stderr.close()
        sys.exit(0)
