"""The paperkg command line: a thin shell over the graph library."""

from __future__ import annotations

import errno
import json
import time
from contextlib import contextmanager
import re
import sys
import traceback
from collections import defaultdict
from pathlib import Path

import click

from graph.errors import NotFoundError, PaperkgError

DEFAULT_OUT = Path("exports")


class PaperkgGroup(click.Group):
    """Turns errors into one clear message on stderr and an exit code, never a bare traceback.

    Exit codes: 0 done, 1 a lookup found nothing or a validation failed, 2 bad usage or bad
    input (also a file that cannot be read or written), 70 an internal error (a bug: the
    traceback is printed under a line that says so), 130 interrupted with Ctrl-C.
    """

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NotFoundError as err:
            click.echo(f"Error: {err}", err=True)
            if err.suggestions:
                click.echo("Did you mean: " + ", ".join(err.suggestions) + "?", err=True)
            ctx.exit(err.exit_code)
        except PaperkgError as err:
            click.echo(f"Error: {err}", err=True)
            ctx.exit(err.exit_code)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            kept = " The outputs of the last finished build are left as they were." if ctx.invoked_subcommand == "build" else ""
            click.echo(f"\nInterrupted.{kept}", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except OSError as err:
            if err.errno == errno.EPIPE:
                raise  # the reader of our output went away (paperkg ... | head): click exits quietly
            where = f"{err.filename}: " if err.filename else ""
            click.echo(f"Error: {where}{err.strerror or err}", err=True)
            ctx.exit(EXIT_USAGE)
        except Exception as err:
            command = " ".join(filter(None, ["paperkg", ctx.invoked_subcommand]))
            click.echo(f"Error: internal error in `{command}`: {type(err).__name__}: {err}", err=True)
            click.echo("This is a bug in paperkg, not a problem with your input. Please report it with the traceback:", err=True)
            click.echo("".join(traceback.format_exception(err)).rstrip(), err=True)
            ctx.exit(EXIT_BUG)


EXIT_USAGE = 2
EXIT_BUG = 70
"""sysexits' EX_SOFTWARE: an internal error."""
EXIT_INTERRUPTED = 130
"""What shells report for a process stopped by SIGINT (128 + 2)."""


def graph_option(function):
    return click.option(
        "--graph", "graph_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
        show_default=True, help="Folder of a built graph.",
    )(function)


@click.group(cls=PaperkgGroup)
@click.version_option(package_name="paperkg")
def main():
    """paperkg: a knowledge graph of ML papers, their methods, models, benchmarks and datasets."""


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT, show_default=True, help="Output folder.")
@click.option("--strict", is_flag=True, help="Fail on the first bad record instead of skipping it.")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes for extraction and the HTML pages; above 1, the RDF files are also written beside the rest.")
@click.option("--no-html", is_flag=True, help="Skip the HTML views.")
@click.option("--update", is_flag=True, help="Add SOURCES to the graph already in --out instead of replacing it.")
def build(sources, out, strict, jobs, no_html, update):
    """Build the graph of SOURCES (files, folders, or - for standard input) and write it to --out."""
    from graph.build import build as run_build

    with _progress_bar() as progress:
        summary = run_build(sources, out, strict=strict, jobs=jobs, html=not no_html, update=update, progress=progress)
    click.echo(f"Built {summary.out}/ in {summary.seconds:.1f} s: {summary.papers} papers from {summary.records} records, {summary.triples} triples")
    click.echo("Entities: " + _counts(summary.entities))
    click.echo("Links:    " + _counts(summary.links))
    click.echo(_results_line(summary.results, summary.result_benchmarks))
    if summary.skipped:
        click.echo(f"Skipped {len(summary.skipped)} bad record(s):", err=True)
        for problem in summary.skipped[:20]:
            click.echo(f"  {problem}", err=True)
        if len(summary.skipped) > 20:
            click.echo(f"  ... and {len(summary.skipped) - 20} more", err=True)


@contextmanager
def _progress_bar():
    """A progress callback: a bar with papers/s and ETA on a terminal, nothing in pipes and CI."""
    if not sys.stderr.isatty():
        yield None
        return
    started = time.monotonic()
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="Extracting", file=sys.stderr, show_pos=True, show_eta=True)
            bar.__enter__()
        bar.label = f"Extracting ({done / max(time.monotonic() - started, 1e-9):.0f} papers/s)"
        bar.update(done - bar.pos)

    try:
        yield progress
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _counts(counter) -> str:
    return ", ".join(f"{n} {k}" for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))) or "none"


_LINK_PHRASES = {
    ("entity", "proposes"): "papers that propose it",
    ("entity", "evaluatesOn"): "papers that evaluate on it",
    ("entity", "uses"): "papers that use it",
    ("paper", "proposes"): "it proposes ({type})",
    ("paper", "evaluatesOn"): "it evaluates on ({type})",
    ("paper", "uses"): "it uses ({type})",
    ("entity", "variantOf"): "variant of ({type})",
    ("entity", "hasVariant"): "its variants ({type})",
    ("entity", "developedBy"): "developed by",
    ("entity", "developed"): "developed here ({type})",
}
"""How `paperkg neighbours` titles a group of direct neighbours, by the node's kind and the link."""


@main.command()
@click.argument("name")
@click.option("--depth", type=click.IntRange(1, 3), default=2, show_default=True, help="Steps away from the node.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--limit", type=click.IntRange(1), default=15, show_default=True,
              help="Names shown per group, in text and JSON; each group's full count is always given.")
@graph_option
def neighbours(name, depth, as_json, limit, graph_dir):
    """Show what surrounds NAME (an entity name or alias, or a paper title)."""
    from graph.lookup import load_index

    hood = load_index(graph_dir).neighbourhood(name, depth, limit)
    if as_json:
        click.echo(json.dumps(hood.as_dict(), ensure_ascii=False, indent=2))
        return
    aliases = f"  (also: {', '.join(hood.aliases[:8])})" if hood.aliases else ""
    click.echo(f"{hood.label} [{hood.type}]{aliases}")
    for other in hood.homonyms:  # one acronym coined for two things: say so, and by what other name to ask
        called = f", also called {', '.join(other['aliases'][:2])}" if other["aliases"] else ""
        click.echo(f"  {name!r} also names {other['label']} [{other['type']}]{called}")
    totals, members = defaultdict(int), defaultdict(list)
    for group in hood.groups:
        totals[_group_title(hood.kind, group)] += group.count
    for n in hood.neighbours:
        members[_group_title(hood.kind, n)].append(n)
    for (distance, title), total in sorted(totals.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])):
        click.echo(f"\n{title} ({total}):")
        for n in members[(distance, title)][:limit]:
            extra = f"  ({n.papers})" if distance > 1 and n.papers else ""
            click.echo(f"  {n.label}{extra}")
        if total > limit:
            click.echo(f"  ... {total - limit} more (--limit)")
    if hood.result_count:
        click.echo(f"\nstated results ({hood.result_count}):")
        for r in hood.results:
            metric = f"{r.metric} " if r.metric else ""
            click.echo(f"  {r.system}: {metric}{r.value:g} on {r.benchmark}  ({_short(r.paper)})")
        if hood.result_count > len(hood.results):
            click.echo(f"  ... {hood.result_count - len(hood.results)} more (--limit)")


def _results_line(scores: int, benchmarks: int) -> str:
    return f"Results:  {scores} stated score{'' if scores == 1 else 's'} on {benchmarks} benchmark{'' if benchmarks == 1 else 's'}"


def _short(title: str, width: int = 60) -> str:
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


def _group_title(kind: str, near) -> tuple[int, str]:
    """The distance and the heading under which `paperkg neighbours` lists a neighbour or a group of them."""
    if near.distance == 1:
        return 1, _LINK_PHRASES.get((kind, near.link), near.link).format(type=near.type)
    return near.distance, f"{near.type} in the same papers (papers in common)" if near.kind == "entity" else "papers two steps away"


def _parse_params(ctx, param, values):
    params = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{value!r} is not NAME=VALUE", ctx=ctx, param=param)
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise click.BadParameter(f"{name!r} is not a SPARQL variable name (letters, digits and _)", ctx=ctx, param=param)
        params[name] = text
    return params


@main.command()
@click.argument("query", required=False)
@click.option("--param", "params", multiple=True, callback=_parse_params, metavar="NAME=VALUE",
              help="A value for a saved query's parameter; bound as a literal, never pasted into the query.")
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries and their parameters.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@graph_option
def sparql(query, params, list_saved, fmt, graph_dir):
    """Run a SPARQL query over the built graph: a saved query's NAME, a .rq file, or query text.

    The prefixes pkg, res, rdf, rdfs, skos, dcterms, owl, prov, xsd and schema are predeclared.
    """
    from graph.query import FORMATTERS, open_store, read_query_file, run_query, saved_queries

    saved = saved_queries()
    if list_saved:
        for name, item in saved.items():
            args = " ".join(f"--param {p}=..." for p in item.params)
            click.echo(f"{name} {args}".rstrip())
            click.echo(f"    {item.description}")
        return
    if not query:
        raise click.UsageError("give a QUERY (saved query name, .rq file or SPARQL text), or --list")
    chosen = saved.get(query)
    path = Path(query)
    if chosen is None and (query.endswith((".rq", ".sparql")) or (len(query) < 256 and path.is_file())):
        if not path.is_file():
            raise click.BadParameter(f"no such query file: {query}", param_hint="QUERY")
        chosen = read_query_file(path)
    if chosen is not None:  # a saved query, or a file that declares its parameters, checks them
        bindings = chosen.bindings(params) if chosen.params or query in saved else params
        query = chosen.text
    else:
        bindings = params
    names, rows = run_query(open_store(graph_dir), query, bindings=bindings)
    click.echo(FORMATTERS[fmt](names, rows))


@main.command()
@graph_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def stats(graph_dir, as_json):
    """Counts of papers, entities by type, links by role and stated results, and the most-used entities."""
    from graph.lookup import load_index

    summary = load_index(graph_dir).stats()
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    click.echo(f"Papers:   {summary['papers']}")
    click.echo("Entities: " + _counts(summary["entities"]))
    click.echo("Links:    " + _counts(summary["links"]))
    click.echo(_results_line(summary["results"], summary["result_benchmarks"]))
    click.echo("\nMost-mentioned entities by type (papers):")
    for entity_type, leaders in summary["top"].items():
        click.echo(f"  {entity_type:<13}" + ", ".join(f"{label} ({n})" for label, n in leaders))


@main.command()
@graph_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; 0.0.0.0 exposes the endpoint to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(0.1), default=10.0, show_default=True, help="Seconds a query may run.")
@click.option("--max-rows", type=click.IntRange(1), default=10_000, show_default=True, help="Rows returned at most.")
def serve(graph_dir, host, port, timeout, max_rows):
    """Serve the graph as a read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql."""
    from graph.server import serve as make_server

    server = make_server(graph_dir, host, port, timeout=timeout, max_rows=max_rows)
    bound_host, bound_port = server.server_address[:2]
    click.echo(f"SPARQL endpoint on http://{bound_host}:{bound_port}/sparql (read-only; Ctrl-C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command()
@graph_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Output folder (default: the graph folder).")
@click.option("--max-nodes", type=click.IntRange(1, 5000), default=300, show_default=True, help="Most nodes one drawing shows.")
@click.option("--max-pages", type=click.IntRange(0), default=5000, show_default=True, help="Most nodes that get a page of their own.")
def html(graph_dir, out, max_nodes, max_pages):
    """Write the HTML views of a built graph: index.html, all.html, views/, assets/."""
    from graph.build import load_graph
    from graph.html import write_site
    from graph.outputs import replace_outputs

    out = out or graph_dir
    graph = load_graph(graph_dir)
    with replace_outputs(out) as stage:  # the old views stay whole until the new ones are complete
        written = write_site(graph, stage, max_nodes=max_nodes, max_pages=max_pages)
    click.echo(f"Wrote {len(written)} files under {out}/; open {out / 'index.html'}")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "ntriples", "jsonld", "nquads", "trig"]), required=True,
              help="nquads and trig put each source document's papers in a named graph of its own.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: beside graph.ttl).")
@graph_option
def export(fmt, output, graph_dir):
    """Write the built graph in another RDF format."""
    from graph.export import export as run_export

    click.echo(f"Wrote {run_export(graph_dir, fmt, output)}")


@main.command()
@click.option("--endpoint", required=True, help="Graph Store Protocol URL, e.g. http://localhost:7878/store (Oxigraph) or http://localhost:3030/ds/data (Fuseki).")
@graph_option
def push(endpoint, graph_dir):
    """Send the graph to a triple store, one named graph per source document (replacing older copies)."""
    from graph.push import push as run_push

    pushed = run_push(graph_dir, endpoint)
    click.echo(f"Pushed {sum(p.triples for p in pushed)} triples in {len(pushed)} named graphs to {endpoint}")


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
def validate(file):
    """Check an RDF export against paperkg's SHACL shapes; exit 1 with a report when it does not conform."""
    from graph.validate import validate_file

    result = validate_file(file)
    if result.conforms:
        click.echo(f"{file}: conforms to the paperkg shapes")
        return
    click.echo(result.report, err=True)
    click.echo(f"{file}: {result.violations} violation(s) of the paperkg shapes", err=True)
    raise SystemExit(1)


@main.command(name="eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--errors", "show_errors", is_flag=True, help="Also list every missed, spurious, mistyped and mis-roled entity.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option(
    "--against", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Score this second annotation (gold format, papers matched by id) instead of the extractor.",
)
def evaluate(gold, show_errors, as_json, against):
    """Score the extractor against hand-annotated GOLD papers (JSON Lines).

    With --against, score another annotation of the same papers: agreement between annotators,
    or another tool's output written as gold records.
    """
    from graph.evaluate import compare_annotations, count_table, run_eval

    for path in gold:
        report = compare_annotations(path, against) if against else run_eval(path)
        rows = count_table(report)
        if as_json:
            click.echo(json.dumps({
                "gold": str(path), "papers": report.papers,
                "scores": {name: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp, "fp": s.fp, "fn": s.fn} for name, s in rows},
                "identity": {"same_pairs": report.same_pairs, "joined": report.identity_recall, "false_merges": len(report.false_merges)},
                **({"errors": report.errors} if show_errors else {}),
            }, indent=2))
            continue
        click.echo(f"{path}: {report.papers} papers")
        click.echo(f"{'':22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}")
        for name, s in rows:
            click.echo(f"{name:22}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:6}{s.fp:6}{s.fn:6}")
        click.echo(f"identity: {report.identity_recall:.3f} of {report.same_pairs} same-entity pairs on one node; {len(report.false_merges)} false merges")
        if show_errors:
            for merge in report.false_merges:
                click.echo(f"  false merge: {merge[0]!r} and {merge[1]!r} on {merge[2]}")
            for error in report.errors:
                click.echo("  " + "  ".join(f"{k}={v}" for k, v in error.items()))


if __name__ == "__main__":
    sys.exit(main())
