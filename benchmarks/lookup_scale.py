"""Lookups at a million papers without extracting them: a lookup index grown from a real build, then timed.

    paperkg build corpus-10000.jsonl --out /tmp/g10k --no-html
    python -m benchmarks.lookup_scale /tmp/g10k --copies 100 --out /tmp/lookup-1m

The build's papers are copied `copies` times (titles numbered, so that every copy is a paper of
its own). Entities named in at least `--shared-min` of the build's papers are known names (GPT-4,
Transformer, ImageNet) and stay one entity shared by every copy, so their papers multiply; rarer
ones, most of them names coined by one paper, are copied with the papers (DynelDiff, DynelDiff 2,
...), so the entities grow with the papers as they do in real corpora. 10,000 papers copied 100
times give 1,000,000 papers and about 1.5 million entities.

Then `paperkg neighbours` and `paperkg stats` run from fresh processes on the grown index: the
graph's most-used entity at depth 2 and 1, an entity of median use, a paper, a name with a typo;
wall seconds, median of `--runs`. Writes OUT/lookup-scale.json.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import click

from benchmarks.run import time_command
from graph.build import load_graph
from graph.index import INDEX_FILE, write_index
from graph.kg import lookup_view

__all__ = ["grown_rows"]


def grown_rows(
    nodes: list[tuple], edges: list[tuple], copies: int, shared_min: int, results: list[tuple] = ()
) -> tuple[list[tuple], Iterator[tuple], list[tuple]]:
    """Node, edge and stated-result rows of `copies` copies of a graph's papers, sharing the entities of
    `shared_min` papers or more (a shared benchmark collects the scores of every copy)."""
    papers = Counter(target for source, target, _ in edges if source.startswith("paper:"))
    shared = {node for node, kind, *_ in nodes if kind == "entity" and papers[node] >= shared_min}

    def copy(node: str, number: int) -> str:
        return node if number == 0 or node in shared else f"{node}~{number}"

    def named(text: str, number: int) -> str:
        return text if number == 0 else f"{text} {number}"

    grown = [(copy(n, c), k, t, named(label, c), [named(a, c) for a in aliases])
             for c in range(copies) for n, k, t, label, aliases in nodes if k == "paper"]
    grown += [(copy(n, c), k, t, named(label, c), [named(a, c) for a in aliases])
              for c in range(copies) for n, k, t, label, aliases in nodes if k != "paper" and (c == 0 or n not in shared)]

    def grown_edges() -> Iterator[tuple]:
        for c in range(copies):
            yield from ((copy(s, c), copy(t, c), link) for s, t, link in edges if s.startswith("paper:"))
        order = {node: number for number, (node, *_rest) in enumerate(grown)}
        relations = {(copy(s, c), copy(t, c), link) for c in range(copies) for s, t, link in edges if not s.startswith("paper:")}
        yield from sorted(relations, key=lambda edge: (order[edge[0]], edge[1], edge[2]))

    grown_results = [
        (copy(p, c), copy(s, c), copy(b, c), m and copy(m, c), value, lower)
        for c in range(copies) for p, s, b, m, value, lower in results
    ]
    return grown, grown_edges(), grown_results


@click.command()
@click.argument("build_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--copies", type=click.IntRange(1), default=100, show_default=True, help="Copies of the build's papers.")
@click.option("--shared-min", type=click.IntRange(1), default=10, show_default=True,
              help="Entities named in at least this many of the build's papers are shared by every copy.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder for the grown index.")
@click.option("--runs", type=click.IntRange(1), default=5, show_default=True, help="Fresh processes per command.")
def main(build_dir, copies, shared_min, out, runs):
    """Grow BUILD_DIR's graph into a large lookup index and time lookups on it."""
    nodes, edges, results = lookup_view(load_graph(build_dir))
    out.mkdir(parents=True, exist_ok=True)
    (out / INDEX_FILE).unlink(missing_ok=True)
    grown, grown_edges, grown_results = grown_rows(nodes, edges, copies, shared_min, results)
    started = time.perf_counter()
    write_index(out / INDEX_FILE, grown, grown_edges, grown_results)
    written_s = time.perf_counter() - started
    kinds = Counter(kind for _, kind, *_ in grown)
    papers = Counter(t for s, t, _ in edges if s.startswith("paper:"))
    entities = [n for n, kind, *_ in nodes if kind == "entity"]
    ranked = sorted(entities, key=lambda n: (-papers[n], n))
    label = {n: lbl for n, _, _, lbl, _ in nodes}
    hub, median = label[ranked[0]], label[ranked[len(ranked) // 2]]
    paper = next(lbl for n, kind, _, lbl, _ in nodes if kind == "paper")
    report = {
        "build_dir": str(build_dir), "copies": copies, "shared_min": shared_min,
        "papers": kinds["paper"], "entities": kinds["entity"], "write_s": round(written_s, 1),
        "index_mb": round((out / INDEX_FILE).stat().st_size / 1024**2, 1),
        "hub": {"name": hub, "papers": papers[ranked[0]] * copies},
        "startup": time_command(["--version"], runs),
        "lookups": [
            time_command(["neighbours", hub, "--graph", str(out)], runs),
            time_command(["neighbours", hub, "--depth", "1", "--graph", str(out)], runs),
            time_command(["neighbours", median, "--graph", str(out)], runs),
            time_command(["neighbours", paper, "--graph", str(out)], runs),
            time_command(["neighbours", hub[:-1] + "x" + hub[-1], "--graph", str(out)], runs, ok=(0, 1)),
            time_command(["stats", "--graph", str(out)], runs),
        ],
    }
    (out / "lookup-scale.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    click.echo(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
