"""Where a build's time goes: wall time per step without a profiler, then a pyinstrument profile.

    pip install pyinstrument
    python -m benchmarks.profile --size 2000

Two in-process builds of the same generated corpus. The first times each step graph.build.build
calls (reading, spaCy, mention finding, resolution, RDF, Turtle, store, HTML) by wrapping the
functions it looks up, so the figures carry no profiler overhead. The second runs under
pyinstrument, whose per-call overhead inflates code made of many tiny calls (rdflib's Turtle
serializer most), so read its shares with the first table beside them.

Writes benchmarks/out/profile-SIZE.html (pyinstrument's call tree), profile-SIZE.txt (its text
tree) and profile-SIZE.md (the steps, and the functions by cumulative and by self time).
"""

from __future__ import annotations

import contextlib
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from unittest import mock

import click

from benchmarks.generate import load_donors, write_corpus

__all__ = ["StepClock", "time_steps", "render_steps", "flat_profile", "render_flat"]

DEFAULT_OUT = Path(__file__).resolve().parent / "out"


STEPS = (
    ("read_sources", "read the sources into Paper records"),
    ("load_kb", "load the knowledge base"),
    ("make_pipeline", "make the spaCy pipeline"),
    ("extract: spaCy", "spaCy tokenizer + sentencizer + nlp.pipe (extract minus mention finding)"),
    ("extract: mentions", "MentionFinder: find_mentions on every Doc"),
    ("resolve", "entity resolution and results"),
    ("build_graph", "the NetworkX graph"),
    ("iter_quads", "the triples, node by node, as Oxigraph quads (their bulk load into the store overlaps)"),
    ("lookup_view", "the lookup index's rows"),
    ("json.dumps", "sources.json text (graph.json is written in pieces, inside write_atomic)"),
    ("void_description", "the VoID description (SPARQL counts over the store)"),
    ("serialize", "rdflib serializing void.ttl"),
    ("write_atomic", "writing the files, graph.json's text included"),
    ("write_stamp", "the store's stamp"),
    ("write_index", "the lookup index (SQLite, with the hubs' walks)"),
    ("write_site", "the HTML views"),
)
"""The steps timed, in build order, with what each is."""


class StepClock:
    """Wall seconds per step, from wrappers around the functions a build calls."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, name: str, function):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - started

        return timed

    def wrap_iterator(self, name: str, function):
        """Time only the work of producing each item of a generator, not its consumer's."""

        def timed(*args, **kwargs):
            started = time.perf_counter()
            items = iter(function(*args, **kwargs))
            self.seconds[name] += time.perf_counter() - started
            while True:
                started = time.perf_counter()
                try:
                    item = next(items)
                except StopIteration:
                    self.seconds[name] += time.perf_counter() - started
                    return
                self.seconds[name] += time.perf_counter() - started
                yield item

        return timed


class _TimedJson:
    def __init__(self, clock: StepClock):
        self.dumps = clock.wrap("json.dumps", json.dumps)

    def __getattr__(self, name):
        return getattr(json, name)


def time_steps(corpus: Path, out: Path, *, html: bool = True) -> tuple[float, dict[str, float]]:
    """Build once, timing each step graph.build uses; the wall total and seconds per step."""
    import graph.build
    import graph.html
    import graph.pipeline
    import rdflib

    clock = StepClock()
    with contextlib.ExitStack() as stack:
        for name in ("read_sources", "load_kb", "make_pipeline", "resolve", "build_graph", "lookup_view",
                     "void_description", "write_atomic", "write_stamp", "write_index"):
            if hasattr(graph.build, name):
                stack.enter_context(mock.patch.object(graph.build, name, clock.wrap(name, getattr(graph.build, name))))
        for name in ("extract", "iter_quads"):
            stack.enter_context(mock.patch.object(graph.build, name, clock.wrap_iterator(name, getattr(graph.build, name))))
        stack.enter_context(mock.patch.object(graph.build, "json", _TimedJson(clock)))
        stack.enter_context(mock.patch.object(graph.html, "write_site", clock.wrap("write_site", graph.html.write_site)))
        stack.enter_context(mock.patch.object(rdflib.Graph, "serialize", clock.wrap("serialize", rdflib.Graph.serialize)))
        finder = graph.pipeline.MentionFinder
        stack.enter_context(mock.patch.object(finder, "__call__", clock.wrap("mentions", finder.__call__)))
        started = time.perf_counter()
        graph.build.build([corpus], out, html=html)
        total = time.perf_counter() - started
    seconds = dict(clock.seconds)
    extract, mentions = seconds.pop("extract", 0.0), seconds.pop("mentions", 0.0)
    seconds["extract: spaCy"] = extract - mentions
    seconds["extract: mentions"] = mentions
    return total, seconds


def render_steps(total: float, seconds: dict[str, float]) -> str:
    lines = [f"Wall time by step, no profiler ({total:.1f} s):", "", "| step | s | % | what |", "|---|---:|---:|---|"]
    for name, what in STEPS:
        if name in seconds:
            lines.append(f"| {name} | {seconds[name]:.2f} | {100 * seconds[name] / total:.1f} | {what} |")
    rest = total - sum(seconds.values())
    lines.append(f"| (rest) | {rest:.2f} | {100 * rest / total:.1f} | node_link_data, counting the summary, untimed glue |")
    return "\n".join(lines) + "\n"


def flat_profile(root) -> tuple[dict, dict]:
    """Cumulative and self seconds per function in a build, from a pyinstrument tree.

    A function is counted once per stack it is on, so recursion does not count twice; a
    function's self time is its time less its (real, not synthetic) callees'.
    """
    cumulative: dict[tuple, float] = defaultdict(float)
    own: dict[tuple, float] = defaultdict(float)

    def real_children(frame):
        return [child for child in frame.children if not child.is_synthetic]

    def walk(frame, on_stack: frozenset):
        key = (frame.function, frame.file_path_short or frame.file_path or "", frame.line_no or 0)
        children = real_children(frame)
        if key not in on_stack:
            cumulative[key] += frame.time
        own[key] += frame.time - sum(child.time for child in children)
        for child in children:
            walk(child, on_stack | {key})

    walk(root, frozenset())
    return _without_harness(cumulative), _without_harness(own)


_HARNESS = ("<frozen runpy>", "click/", "<thread>", "benchmarks/profile.py")


def _without_harness(table: dict) -> dict:
    """Leave out the frames above the build: runpy, click, this script (their time is the build's)."""
    return {key: seconds for key, seconds in table.items() if not any(mark in key[1] for mark in _HARNESS)}


def render_flat(cumulative: dict, own: dict, total: float, *, top: int = 25) -> str:
    """Two markdown tables: functions by cumulative time and by self time."""
    lines = []
    for title, table in (("cumulative", cumulative), ("self", own)):
        lines += [f"Top {top} by {title} time ({total:.1f} s profiled):", "",
                  f"| {title} s | % | function | where |", "|---:|---:|---|---|"]
        for (function, path, line), seconds in sorted(table.items(), key=lambda kv: -kv[1])[:top]:
            lines.append(f"| {seconds:.2f} | {100 * seconds / total:.1f} | `{function}` | {path}:{line} |")
        lines.append("")
    return "\n".join(lines)


@click.command()
@click.option("--size", type=click.IntRange(1), default=2000, show_default=True, help="Papers in the generated corpus.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--no-html", is_flag=True, help="Profile the build without the HTML views.")
@click.option("--top", type=click.IntRange(1), default=25, show_default=True)
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT, show_default=True)
@click.option("--source", "sources", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Donor abstracts for the generator (default: the example corpus and ../shared/corpus/arxiv-daily).")
def main(size, seed, no_html, top, out_dir, sources):
    """Profile graph.build.build on SIZE generated abstracts."""
    try:
        from pyinstrument import Profiler
    except ImportError as err:
        raise click.ClickException("pyinstrument is not installed: pip install pyinstrument") from err
    from graph.build import build

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="paperkg-profile-") as work:
        corpus = Path(work) / f"corpus-{size}.jsonl"
        write_corpus(corpus, size, seed=seed, donors=load_donors(sources or None))
        click.echo(f"Timing the steps of a build of {size} abstracts ...", err=True)
        steps_total, steps = time_steps(corpus, Path(work) / "timed", html=not no_html)
        click.echo(f"Profiling a build of {size} abstracts with pyinstrument ...", err=True)
        profiler = Profiler(interval=0.001)
        started = time.perf_counter()
        profiler.start()
        build([corpus], Path(work) / "profiled", html=not no_html)
        profiler.stop()
        total = time.perf_counter() - started
    session = profiler.last_session
    (out_dir / f"profile-{size}.html").write_text(profiler.output_html(), encoding="utf-8")
    (out_dir / f"profile-{size}.txt").write_text(profiler.output_text(unicode=True, show_all=False), encoding="utf-8")
    cumulative, own = flat_profile(session.root_frame())
    table = (
        f"Build of {size} generated abstracts (seed {seed}), {'without' if no_html else 'with'} HTML, in-process.\n\n"
        + render_steps(steps_total, steps)
        + f"\npyinstrument (its overhead makes this build take {total:.1f} s):\n\n"
        + render_flat(cumulative, own, total, top=top)
    )
    (out_dir / f"profile-{size}.md").write_text(table, encoding="utf-8")
    click.echo(table)


if __name__ == "__main__":
    main()
