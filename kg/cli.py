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
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def build(paths, output, html, model, quiet):
    """Build the knowledge graph of news articles (files or folders; default seeds/).

    Reads .txt, .md and .html files, extracts governments, officials, statements, policies and
    figures, resolves entities across all articles and writes the graph atomically. Files that
    cannot be read are named on stderr and skipped; the exit status is then 1.

    Example:

        kg build seeds/ -o out/graph.ttl --html out/graph.html
    """
    from .build import build as build_graph

    paths = paths or (Path("seeds"),)
    bar = _progress(quiet)
    try:
        result = build_graph(paths, output, model=model, progress=bar.update if bar else None)
    finally:
        if bar:
            bar.close()
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    for problem in result.problems:
        click.echo(f"skipped {problem}", err=True)
    if html:
        from .viz import write_html

        write_html(result.dataset, html)
    if not quiet:
        click.echo(f"wrote {output}: {result.summary()}" + (f"; page {html}" if html else ""))
    if result.problems:
        sys.exit(1)


class _Bar:
    """A progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self):
        self.bar = None

    def update(self, done: int, total: int, name: str) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="extracting", file=sys.stderr,
                                         show_eta=True, show_pos=True)
            self.bar.__enter__()
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _progress(quiet: bool):
    return None if quiet or not sys.stderr.isatty() else _Bar()


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
