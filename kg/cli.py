"""The `kg` command line: argument handling and messages only; the work is done by the library."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from .errors import KGError

DEFAULT_GRAPH = Path("out/graph.ttl")
GRAPH_ENV = "NEWSKG_GRAPH"


def graph_option(f):
    """--graph FILE, else $NEWSKG_GRAPH, else what the last build in this folder wrote, else out/graph.ttl."""
    return click.option("--graph", "graph_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        envvar=GRAPH_ENV, show_envvar=True,
                        help="Graph file to read. Default: the graph (or store) the last 'kg build' in this "
                             f"folder wrote, else {DEFAULT_GRAPH}.")(f)


def _check_store(ctx, param, value):
    """A malformed --store value is a usage error, found before any work starts."""
    from .store import StoreError, parse_spec

    if value is None:
        return None
    try:
        parse_spec(value)
    except StoreError as exc:
        raise click.BadParameter(str(exc).replace(f"--store {value}: ", "").replace(f"--store {value!r}: ", ""))
    return value


def store_option(f):
    """--store SPEC: the graph file (memory), an Oxigraph folder or a SPARQL endpoint."""
    return click.option("--store", "store_spec", default=None, metavar="SPEC", callback=_check_store,
                        help="Where the graph lives: memory (the --graph/-o file; the default), oxigraph:PATH (an "
                             "on-disk Oxigraph store) or sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]] (a SPARQL 1.1 "
                             "endpoint).")(f)


def _reading(ctx: click.Context, graph_path: Path | None, store_spec: str | None) -> tuple[Path | None, str]:
    """The graph file (and 'memory') or the store a reading command uses; said on stderr unless named by hand."""
    from click.core import ParameterSource

    from .state import recall

    if store_spec not in (None, "memory"):
        return None, store_spec
    if graph_path is not None:
        if ctx.get_parameter_source("graph_path") == ParameterSource.ENVIRONMENT:
            _say(f"reading {graph_path} (from ${GRAPH_ENV})")
        return graph_path, "memory"
    last = recall()
    if last and (last.graph or store_spec is None):
        _say(f"reading {_shown(last.graph) if last.graph else last.store} (what the last 'kg build' here wrote)")
        return last.graph, "memory" if last.graph else last.store
    _say(f"reading {DEFAULT_GRAPH}")
    return DEFAULT_GRAPH, "memory"


def _shown(path: Path) -> str:
    """A path relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _say(message: str) -> None:
    click.echo(message, err=True)


QUERY_FORMATS = ("table", "csv", "tsv", "json", "jsonl", "xml", "ttl", "nt", "jsonld")
EXPORT_FORMATS = ("ttl", "nt", "trig", "nq", "jsonld", "xml")


def _columns(ctx, param, value):
    return tuple(c.strip() for c in value.split(",") if c.strip()) if value else ()


PAGE = 50  # rows a listing prints unless told otherwise


def rows_options(f):
    """The output flags of a command that prints rows: --format, --columns, --limit, --offset, --all, --full."""
    f = click.option("--full", is_flag=True,
                     help="Table: every column (the IRI columns too) and every value whole.")(f)
    f = click.option("--all", "all_rows", is_flag=True,
                     help="Print every row, not one page (a table still shows at most 10,000 and counts the rest).")(f)
    f = click.option("--offset", type=click.IntRange(min=0), default=0, metavar="N",
                     help="Start after the first N rows: --offset 50 is the second page.")(f)
    f = click.option("--limit", type=click.IntRange(min=0), default=None, metavar="N",
                     help=f"Print at most N rows (default {PAGE}, a page; the table says how many there were).")(f)
    f = click.option("--columns", default=None, metavar="A,B,…", callback=_columns,
                     help="Only these columns, in this order (names as in the header; IRI columns too).")(f)
    return click.option("-f", "--format", "fmt", type=click.Choice(QUERY_FORMATS), default=None,
                        help="SELECT: table (default; fits the terminal), csv, tsv, json, xml (the W3C SPARQL "
                             "result formats) or jsonl (one JSON object a line). CONSTRUCT/DESCRIBE: ttl "
                             "(default), nt, jsonld, xml. ASK: prints true or false.")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newskg")
def cli():
    """Turn news articles into an RDF knowledge graph you can query, export and explore.

    Exit status: 0 done; 1 done, and the answer is no (an ASK query is false, the graph breaks the shapes,
    a build skipped files it could not read); 2 an error (bad usage, input, query or graph), nothing written.

    Example:

        kg build seeds/ -o out/graph.ttl && kg query who-said-what
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH,
              show_default=True, help="Graph file to write; its extension picks the format: .ttl, .nt, .xml (RDF/XML), "
                                      ".jsonld, or .trig and .nq with one named graph per article.")
@click.option("--html", "html", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the interactive network page here.")
@click.option("--model", default=None, metavar="NAME",
              help="spaCy English pipeline: sm (the default, installed with newskg), md, lg, trf, or an installed "
                   "pipeline's package name.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Extract in this many processes (0: one per CPU); the graph is the same for any number.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Extract on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://10.0.0.5:8786).")
@store_option
@click.option("--records", "records", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="With --store: folder where extraction records are kept between builds, so stored articles "
                   "are not extracted again (default: STORE.records beside an Oxigraph folder, else a folder "
                   "per endpoint in the user's cache).")
@click.option("--lang-check", type=click.Choice(["note", "skip", "off"]), default="note", show_default=True,
              help="An article that does not look English: named and extracted anyway (note), left out (skip), "
                   "or not checked (off).")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary.")
def build(paths, output, html, model, jobs, scheduler, store_spec, records, lang_check, quiet):
    """Build the knowledge graph of news articles (files or folders; default seeds/).

    Reads .txt, .md and .html files, extracts governments, officials, statements, policies and
    figures, resolves entities across all articles and writes the graph atomically. Files that
    cannot be read are named on stderr and skipped; the exit status is then 1. The other commands
    read what the last build in the current folder wrote.

    Example:

    \b
        kg build seeds/ -o out/graph.ttl --html out/graph.html
        kg build articles/ --store oxigraph:out/store --jobs 2
    """
    from . import graphio
    from .build import build as build_graph
    from .progress import TerminalProgress
    from .state import Target, remember

    paths = paths or (Path("seeds"),)
    if store_spec not in (None, "memory"):
        _build_into_store(paths, store_spec, model, jobs, scheduler, records, quiet, lang_check)
        return
    if records:
        raise click.BadParameter("only a build into a --store keeps records", param_hint="--records")
    graphio.check_outputs(output, html, inputs=paths)
    with _naming_inputs(), TerminalProgress(enabled=False if quiet else None) as shown:
        result = build_graph(paths, output, model=model, progress=shown, stage=shown.stage, jobs=jobs,
                             scheduler=scheduler, lang_check=lang_check, worker=True)
        remember(Target(graph=output))
        if html:
            from .viz import write_html

            shown.stage("drawing the page")
            write_html(result.dataset, html)
    _report_inputs(result)
    if not quiet:
        click.echo(f"wrote {output}: {result.summary()}" + (f"; page {html}" if html else ""))
    if result.problems:
        sys.exit(1)


def _build_into_store(paths, store_spec, model, jobs, scheduler, records, quiet, lang_check):
    """kg build --store: add new and changed articles to a persistent store, leave the rest alone."""
    from .incremental import records_folder, update_store
    from .progress import TerminalProgress
    from .state import Target, remember
    from .store import open_store

    with _naming_inputs(), open_store(store_spec, create=True) as store, \
            TerminalProgress(enabled=False if quiet else None) as shown:
        result = update_store(store, paths, model=model, jobs=jobs, scheduler=scheduler, progress=shown,
                              write_progress=shown, stage=shown.stage, cache=records or records_folder(store),
                              lang_check=lang_check, worker=True)
        remember(Target(store=store_spec))
    _report_inputs(result)
    if not quiet:
        click.echo(f"{store_spec}: {result.summary()}")
    if result.problems:
        sys.exit(1)


@contextmanager
def _naming_inputs():
    """When no input could be used, each file is still named with its reason before the error."""
    from .errors import NothingWritten

    try:
        yield
    except NothingWritten as exc:
        _report_inputs(exc)
        raise


def _report_inputs(result) -> None:
    """Decoding notes and skipped files go to stderr, one line each."""
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    for problem in result.problems:
        click.echo(f"skipped {problem}", err=True)


# ---------------------------------------------------------------- query, queries, export, validate, stats

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
@rows_options
@click.option("--timeout", type=click.FloatRange(min=0), default=60, show_default=True, metavar="SECONDS",
              help="Stop the query after this many seconds, with a message (0: no limit).")
@store_option
@click.pass_context
def query_cmd(ctx, query_ref, graph_path, params, fmt, columns, limit, offset, all_rows, full, timeout, store_spec):
    """Ask the graph a canned question (see 'kg queries') or your own SPARQL.

    Ad-hoc queries may use the prefixes nkg:, rdf:, rdfs:, skos:, dcterms:, xsd:, owl:, schema:, prov:,
    org:, oa: and the node prefixes (article:, government:, agent:, organization:, statement:, figure:,
    policy:) without declaring them; the table prints IRIs in that form, so they paste into a query or a
    --param. Listings print a page of 50 rows in every format: --offset 50 gives the next page, --all every
    row. Exit status: 0 done (an ASK query: true), 1 an ASK query is false, 2 an error.

    Example:

    \b
        kg query who-said-what --columns date,speaker,text --limit 5
        kg query figures-for-measure --param words='undocumented Afghans' --format csv
        kg query 'SELECT ?label WHERE { ?g a nkg:Government ; rdfs:label ?label }'
    """
    from .deadline import deadline
    from .query import check_format, find_query
    from .table import TABLE_ROWS

    if all_rows and limit is not None:
        raise click.BadParameter("give --limit N or --all, not both", param_hint="--all")
    query = find_query(query_ref)
    fmt = check_format(query.kind, fmt)  # a malformed query or a wrong format fails before the graph is read
    graph_path, store_spec = _reading(ctx, graph_path, store_spec)
    if query.kind == "SELECT":
        limit = None if all_rows else PAGE if limit is None else limit
        if fmt == "table":  # a table is measured before it is printed
            limit = min(limit, TABLE_ROWS) if limit is not None else TABLE_ROWS
    with _asking(graph_path, store_spec) as ask, deadline(timeout, query.name, hard=True):
        result = ask(query, _params(params), (limit, offset) if query.kind == "SELECT" else None)
        result = result.project(columns, limit, offset)
        result.write(sys.stdout, fmt, full=full, show_iris=bool(columns))  # the rows as they come
    if result.kind == "ASK" and not result.boolean:
        sys.exit(1)


@contextmanager
def _asking(graph_path, store_spec):
    """A function (query, params) -> result over the graph file or the store, open while the rows are read."""
    if store_spec == "memory":
        from .api import KnowledgeGraph

        graph = KnowledgeGraph.load(graph_path)
        yield lambda query, params, page: graph.query(query, params, page=page)
        return
    from .store import open_store, run_query

    with open_store(store_spec) as store:
        yield lambda query, params, page: run_query(store, query, params, page=page)


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
              help="Output format (default: from the -o extension, else ttl). trig, nq and jsonld keep one named "
                   "graph per article; jsonld is compacted with newskg's JSON-LD context.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write, atomically (default: standard output).")
@click.option("--allow-empty", is_flag=True, help="Write an empty graph even over a file that is not empty.")
@store_option
@click.pass_context
def export_cmd(ctx, graph_path, fmt, output, allow_empty, store_spec):
    """Write the graph in another RDF format.

    TriG, N-Quads and JSON-LD keep one named graph per article (also when the graph was read from Turtle),
    so one article's triples can be dropped or replaced.

    Example:

        kg export --format trig -o out/graph.trig
    """
    from . import graphio

    graph_path, store_spec = _reading(ctx, graph_path, store_spec)
    if store_spec != "memory":
        from .export import write_store
        from .store import open_store

        with open_store(store_spec) as store:
            write_store(store, fmt, output=output, stream=None if output else sys.stdout.buffer,
                        allow_empty=allow_empty)
        return
    graphio.check_outputs(output, inputs=[graph_path])
    graph = _load_graph(graph_path, store_spec)
    if output is not None:
        graph.save(output, fmt, allow_empty=allow_empty)
    else:
        sys.stdout.buffer.write(graph.serialize(fmt or "ttl"))


@cli.command("validate")
@graph_option
@click.option("--shapes", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SHACL shapes to check against (default: the shapes shipped with newskg, ontology/shapes.ttl).")
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql", show_default=True,
              help="sparql: each constraint as one SPARQL query in Oxigraph (fast); pyshacl: pySHACL itself. "
                   "Both give the same report; shapes the first cannot translate go to pySHACL anyway.")
@store_option
@click.pass_context
def validate_cmd(ctx, graph_path, shapes, engine, store_spec):
    """Check the graph against the SHACL shapes; exit 1 when it does not conform.

    Prints one line per violation: the node, the property and what is wrong.

    Example:

    \b
        kg validate --graph out/graph.ttl
        kg validate --store oxigraph:out/store
    """
    from .api import KnowledgeGraph
    from .vocab import SHAPES_FILE

    graph_path, store_spec = _reading(ctx, graph_path, store_spec)
    if store_spec != "memory":
        from .store import open_store
        from .validate import validate

        with open_store(store_spec) as store:
            report = validate(store, shapes or SHAPES_FILE, engine=engine)
    else:
        report = KnowledgeGraph.load(graph_path).validate(shapes or SHAPES_FILE, engine=engine)
    click.echo(report.text(), nl=False)
    if not report.conforms:
        sys.exit(1)


@cli.command("stats")
@graph_option
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many of the most connected entities to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
@store_option
@click.pass_context
def stats_cmd(ctx, graph_path, top, as_json, store_spec):
    """Count the nodes per class, list the articles and the most connected entities.

    Example:

        kg stats --top 5
    """
    import json

    graph_path, store_spec = _reading(ctx, graph_path, store_spec)
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
@click.pass_context
def viz_cmd(ctx, graph_path, output, focus, hops, include, show, article, store_spec):
    """Draw the story map: an interactive page that opens from disk with no network.

    Governments, officials, people, organisations and policies are the nodes; an edge from a speaker to an
    entity stands for what they said about it. Click a node for everything it said, in the sentence it was
    read from; open an article to see every name and quote marked in its text; filter by date; find by name.

    Example:

    \b
        kg viz -o out/graph.html
        kg viz --focus "Sarfraz Bugti" -o out/bugti.html
        kg viz --focus "Sarfraz Bugti" --hops 2 --show statements -o out/bugti-near.html
        kg viz --include Government --include Official -o out/officials.html
    """
    from .graphio import check_outputs
    from .viz import write_html

    graph_path, store_spec = _reading(ctx, graph_path, store_spec)
    check_outputs(output, inputs=[graph_path] if graph_path else [])
    source = graph_path if store_spec == "memory" else _load_graph(graph_path, store_spec).dataset
    page = write_html(source, output, focus=focus, hops=hops, include=include or None, show=show or None,
                      article=article)
    click.echo(f"wrote {page}")


# ---------------------------------------------------------------- cross-source links (kg.links)

@cli.group("report")
def report_cmd():
    """Report what different articles say about the same thing.

    Example:

        kg report disagreements
    """


@report_cmd.command("disagreements")
@graph_option
@rows_options
@store_option
@click.pass_context
def disagreements_cmd(ctx, graph_path, fmt, columns, limit, offset, all_rows, full, store_spec):
    """List figures that count the same thing but disagree, with both pieces of evidence.

    Two figures disagree when the ranges their wording allows ("nearly 2 million": 1.8 to 2 million) do
    not meet and they refer to the same time; a series over time never does. Without --format each
    disagreement is printed as a block with both sentences; with one, as the rows of the canned query
    disagreements.

    Example:

    \b
        kg report disagreements
        kg report disagreements --format csv > out/disagreements.csv
    """
    from .links.timeline import disagreements_text

    if all_rows and limit is not None:
        raise click.BadParameter("give --limit N or --all, not both", param_hint="--all")
    with _reading_source(ctx, graph_path, store_spec) as source:
        if fmt is None and not columns and limit is None and not offset and not all_rows and not full:
            from .links.timeline import query_rows

            click.echo(disagreements_text(query_rows(source, "disagreements")), nl=False)
            return
        from .query import find_query

        limit = None if all_rows else PAGE if limit is None else limit
        result = _run_on(source, find_query("disagreements")).project(columns, limit, offset)
        result.write(sys.stdout, fmt, full=full, show_iris=bool(columns))  # before the store is let go


@cli.command("timeline")
@graph_option
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also draw the timeline into this file, atomically: .png or .svg (a chart), or .html (the chart "
                   "with every step and figure and its sentence).")
@store_option
@click.pass_context
def timeline_cmd(ctx, graph_path, chart, store_spec):
    """Print the policies with the steps of their lives, and the figures that count the same thing, over time.

    Example:

    \b
        kg timeline
        kg timeline --chart out/timeline.png
        kg timeline --chart out/timeline.html
    """
    from .links.timeline import chart_format, load_timeline

    if chart is not None:
        chart_format(chart)  # a bad name fails before the graph is read
    with _reading_source(ctx, graph_path, store_spec) as source:
        timeline = load_timeline(source)
    click.echo(timeline.text(), nl=False)
    if chart is not None:
        click.echo(f"wrote {timeline.write_chart(chart)}", err=True)


def _run_on(source, query):
    from .store import Store, run_query

    return run_query(source, query) if isinstance(source, Store) else source.query(query)


@contextmanager
def _reading_source(ctx, graph_path, store_spec):
    """The KnowledgeGraph or open store a reading command asks."""
    graph_path, store_spec = _reading(ctx, graph_path, store_spec)
    if store_spec != "memory":
        from .store import open_store

        with open_store(store_spec) as store:
            yield store
        return
    from .api import KnowledgeGraph

    yield KnowledgeGraph.load(graph_path)


def _load_graph(graph_path, store_spec):
    """The graph of --graph, or of --store when that names a store other than memory."""
    from .api import KnowledgeGraph

    if store_spec == "memory":
        return KnowledgeGraph.load(graph_path)
    from .store import open_store

    with open_store(store_spec) as store:
        return KnowledgeGraph(store.dataset())


ERROR = 2  # grep's convention: 0 yes, 1 no, 2 trouble


def _terminated(signum, frame):
    """SIGTERM ends the run like Ctrl-C, through every clean-up on the way (no temporary file is left)."""
    raise SystemExit(128 + signum)


def main() -> None:
    """Console entry point: library and usage errors become one-line messages and exit status 2."""
    import signal

    signal.signal(signal.SIGTERM, _terminated)
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(ERROR)
    except KGError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(ERROR)
    except BrokenPipeError:  # `kg query ... | head`: the reader left, which is not an error
        sys.stderr.close()
        sys.exit(0)
