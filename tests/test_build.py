"""Builds: cached extraction, --update adding sources, and the same triples however the graph was made."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import to_isomorphic

from graph.build import CACHE_FILE, build
from graph.errors import GraphMissingError

DATA = Path(__file__).parent / "data"


def triples(folder: Path) -> rdflib.Graph:
    return to_isomorphic(rdflib.Graph().parse(folder / "graph.ttl"))


def split_corpus(tmp_path: Path) -> tuple[Path, Path]:
    lines = (DATA / "six-papers.jsonl").read_text("utf-8").splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines[:4]) + "\n", "utf-8")
    second.write_text("\n".join(lines[4:]) + "\n", "utf-8")
    return first, second


def test_update_adds_sources_and_equals_a_build_of_all(tmp_path):
    first, second = split_corpus(tmp_path)
    build([first], tmp_path / "inc", html=False)
    summary = build([second], tmp_path / "inc", html=False, update=True)
    assert summary.papers == 6
    assert json.loads((tmp_path / "inc" / "sources.json").read_text("utf-8"))["sources"] == [str(first), str(second)]
    build([first, second], tmp_path / "all", html=False)
    assert triples(tmp_path / "inc") == triples(tmp_path / "all")


def test_rebuilding_unchanged_sources_changes_nothing_and_uses_the_cache(tmp_path):
    first, _ = split_corpus(tmp_path)
    build([first], tmp_path / "g", html=False)
    before = (tmp_path / "g" / "graph.ttl").read_bytes()
    calls = []
    build([first], tmp_path / "g", html=False, progress=lambda done, total: calls.append((done, total)))
    assert (tmp_path / "g" / "graph.ttl").read_bytes() == before
    assert calls == []  # every paper came from the cache: the pipeline did not run
    assert (tmp_path / "g" / CACHE_FILE).exists()


def test_a_changed_source_replaces_its_papers(tmp_path):
    first, _ = split_corpus(tmp_path)
    build([first], tmp_path / "g", html=False)
    rows = [json.loads(line) for line in first.read_text("utf-8").splitlines()]
    rows[0]["abstract"] += " We also evaluate on GSM8K."
    first.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    calls = []
    build([first], tmp_path / "g", html=False, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(4, 4)]  # only the changed paper was extracted again
    assert "We also evaluate on GSM8K." in (tmp_path / "g" / "graph.ttl").read_text("utf-8")


def test_update_needs_an_earlier_build(tmp_path):
    first, _ = split_corpus(tmp_path)
    with pytest.raises(GraphMissingError, match="no earlier build to update"):
        build([first], tmp_path / "none", html=False, update=True)


def test_jobs_give_the_same_graph_triple_for_triple(tmp_path):
    build([DATA / "six-papers.jsonl"], tmp_path / "one", html=False, jobs=1)
    build([DATA / "six-papers.jsonl"], tmp_path / "two", html=False, jobs=2)
    assert (tmp_path / "one" / "graph.ttl").read_bytes() == (tmp_path / "two" / "graph.ttl").read_bytes()


def test_the_cache_fingerprint_covers_every_module_the_pipeline_imports():
    import subprocess
    import sys

    from graph.cache import _EXTRACTOR_MODULES

    code = "import sys, graph.pipeline; print(' '.join(m for m in sys.modules if m.startswith('graph.')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    modules = {name.split(".")[1] for name in loaded if name.count(".") == 1}
    assert modules - {"errors"} <= set(_EXTRACTOR_MODULES)
