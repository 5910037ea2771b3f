"""The main job: sources in, a knowledge graph out (Turtle, lookup index, HTML views)."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .cache import MentionCache, extractor_fingerprint
from .errors import GraphMissingError, GraphUnreadableError, InputError
from .export import void_description
from .index import INDEX_FILE, write_index
from .kb import load_kb
from .kg import build_graph, lookup_view, stated_results
from .outputs import json_chunks, replace_outputs, write_atomic
from .pipeline import extract, make_pipeline
from .rdf import PREFIXES, iter_quads
from .readers import read_sources
from .resolve import resolve
from .store import STORE_DIR, write_stamp

__all__ = ["BuildSummary", "build", "build_from_sources", "load_graph", "GRAPH_FILE", "TURTLE_FILE"]

TURTLE_FILE = "graph.ttl"
GRAPH_FILE = "graph.json"
VOID_FILE = "void.ttl"
SOURCES_FILE = "sources.json"
CACHE_FILE = ".cache/mentions.sqlite"


@dataclass
class BuildSummary:
    """What a build made, for the CLI to print."""

    papers: int
    records: int
    entities: Counter
    links: Counter
    triples: int
    seconds: float
    out: Path
    skipped: list[InputError] = field(default_factory=list)
    results: int = 0
    """Scores the abstracts state."""
    result_benchmarks: int = 0


def build_from_sources(
    sources, *, strict: bool = False, jobs: int = 1, cache: Path | None = None, progress=None
) -> tuple[nx.MultiDiGraph, int, list[InputError]]:
    """Read, extract and resolve: the NetworkX graph of the sources, the record count, skipped records.

    With `cache` (an SQLite file), papers whose text was extracted before by the same extractor
    are not run through the pipeline again. `progress(done, total)` is called as papers are done.
    """
    report = read_sources(sources, strict=strict)
    store = MentionCache(cache, extractor_fingerprint()) if cache else None
    known = store.get(report.papers) if store else {}
    fresh: dict[str, tuple] = {}
    todo = [p for p in report.papers if p.key not in known]
    done = len(known)
    for batch in _batches(extract(todo, make_pipeline(), n_process=jobs), 256):
        fresh.update((paper.key, mentions) for paper, mentions in batch)
        if store:
            store.put(batch)
        done += len(batch)
        if progress:
            progress(done, len(report.papers))
    if store:
        store.close()
    mentions = {**known, **fresh}
    resolved = resolve(((p, mentions[p.key]) for p in report.papers), load_kb())
    return build_graph(report.papers, resolved.entities, resolved.links, resolved.results), report.records, report.skipped


def _write_rdf_files(store: ox.Store, stage: Path) -> int:
    """Optimize the store, write graph.ttl and void.ttl from it; the number of triples."""
    store.optimize()
    store.dump(str(stage / TURTLE_FILE), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
    write_atomic(stage / VOID_FILE, void_description(store, TURTLE_FILE).serialize(format="turtle"))
    return len(store)


def _batches(items, size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def load_graph(folder: Path) -> nx.MultiDiGraph:
    """The graph a build wrote to `folder`."""
    path = Path(folder) / GRAPH_FILE
    if not path.is_file():
        raise GraphMissingError.no_file(folder, GRAPH_FILE)
    try:
        return nx.node_link_graph(json.loads(path.read_text("utf-8")), edges="edges", multigraph=True, directed=True)
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
        raise GraphUnreadableError.of(path, "a paperkg graph", err, folder) from err


def build(
    sources, out: Path, *, strict: bool = False, jobs: int = 1, html: bool = True, update: bool = False, progress=None
) -> BuildSummary:
    """Build the graph of `sources` and write every output under `out`.

    The sources are remembered in `out/sources.json`; with `update`, the new sources are added to
    them. Extracted mentions are cached in `out/.cache/`, so unchanged papers are not extracted again.
    """
    started = time.perf_counter()
    sources = [str(s) for s in sources]
    manifest = Path(out) / SOURCES_FILE
    if update:
        if not manifest.exists():
            raise GraphMissingError(f"{out}: no earlier build to update ({SOURCES_FILE} missing); build it without --update first")
        sources = list(dict.fromkeys(json.loads(manifest.read_text("utf-8"))["sources"] + sources))
    graph, records, skipped = build_from_sources(
        sources, strict=strict, jobs=jobs, cache=Path(out) / CACHE_FILE, progress=progress
    )
    with replace_outputs(out) as stage:  # every output at once: a killed build leaves the old ones whole
        store = ox.Store(str(stage / STORE_DIR))
        store.bulk_extend(iter_quads(graph))  # node by node: the triples never sit in Python objects
        with ThreadPoolExecutor(max_workers=1) as pool:
            # Oxigraph's own work (optimize, Turtle, VoID counts) runs without the GIL: with more than
            # one job it overlaps the Python outputs below; with one it runs first.
            rdf_files = pool.submit(_write_rdf_files, store, stage)
            if jobs == 1:
                rdf_files.result()
            write_atomic(stage / GRAPH_FILE, json_chunks(nx.node_link_data(graph, edges="edges")))
            write_index(stage / INDEX_FILE, *lookup_view(graph))
            write_atomic(stage / SOURCES_FILE, json.dumps({"sources": sources}, indent=2) + "\n")
            if html:
                from .html import write_site

                write_site(graph, stage, jobs=jobs)
            triples = rdf_files.result()
        del store
        write_stamp(stage)
    kinds = nx.get_node_attributes(graph, "kind")
    stated = stated_results(graph)  # as the lookup index and the pages count them
    return BuildSummary(
        papers=sum(1 for k in kinds.values() if k == "paper"),
        records=records,
        entities=Counter(d["type"] for _, d in graph.nodes(data=True) if d["kind"] == "entity"),
        links=Counter(d["role"] for _, _, d in graph.edges(data=True) if "role" in d),
        triples=triples,
        seconds=time.perf_counter() - started,
        out=out,
        skipped=skipped,
        results=len(stated),
        result_benchmarks=len({r["benchmark"] for r in stated}),
    )
