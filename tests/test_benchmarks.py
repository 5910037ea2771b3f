"""The benchmark harness at a small size, so it cannot rot: it must produce every field; no timing is asserted."""

from __future__ import annotations

import doctest
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

MACHINE_FIELDS = {"date", "nproc", "ram_gb", "cpu", "python", "spacy", "rdflib", "pyoxigraph", "commit", "dirty", "loadavg_1m_at_start"}
SIZE_FIELDS = {"size", "corpus", "floor", "build", "ratio_build_to_floor", "ratio_build_to_floor_cpu", "ms_per_paper_vs_smallest", "store_open_s", "graph", "params", "queries", "neighbours", "build_jobs"}
BUILD_FIELDS = {"seconds", "peak_rss_mb", "jobs", "html", "papers_per_s", "ms_per_paper", "summary", "cpu_seconds", "other_cpu_cores", "outputs"}
QUERY_FIELDS = {"params", "rows", "first_ms", "p50_ms", "p95_ms", "runs"}
NEIGHBOUR_FIELDS = {"name", "args", "median_s", "min_s", "max_s", "runs", "output_lines"}


@pytest.fixture()
def harness(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    return importlib.import_module("benchmarks.generate"), importlib.import_module("benchmarks.run")


def test_doctests(harness):
    for module in harness:
        assert doctest.testmod(module).failed == 0


def test_generator_is_deterministic_streaming_and_keeps_coining(harness, tmp_path):
    generate, _ = harness
    donors = generate.load_donors()
    first = [p for p in generate.generate(200, seed=3, donors=donors)]
    again = [p for p in generate.generate(120, seed=3, donors=donors)]
    other = [p for p in generate.generate(50, seed=4, donors=donors)]
    assert first[:120] == again  # a smaller run is a prefix of a larger one
    assert first[:50] != other
    assert len({p.title for p in first}) == 200 and len({p.arxiv_id for p in first}) == 200
    words = sum(len(p.abstract.split()) for p in first) / len(first)
    assert 150 < words < 260, words  # real arXiv abstracts average about 186; the example corpus alone gives ~225
    for suffix in generate.WRITERS:
        path = tmp_path / f"corpus{suffix}"
        assert generate.write_corpus(path, 40, seed=3, donors=donors) == 40
        from graph.readers import read_sources

        report = read_sources([path], strict=True)
        assert len(report.papers) == 40
        assert [p.title for p in report.papers] == [p.title for p in first[:40]]


def test_runner_writes_every_field(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--sizes", "100,300", "--jobs", "2", "--repeats", "3", "--query-budget", "0.5",
         "--neighbour-runs", "2", "--out-dir", str(out), "--work-dir", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    table = (out / "latest.md").read_text(encoding="utf-8")
    assert table in result.stdout
    assert set(report["machine"]) == MACHINE_FIELDS
    assert {"cli_startup_s", "settings", "sizes", "example_graph"} <= set(report)
    assert [row["size"] for row in report["sizes"]] == [100, 300]
    from graph.query import saved_queries

    names = set(saved_queries())
    for row in report["sizes"]:
        assert set(row) == SIZE_FIELDS
        assert set(row["build"]) == BUILD_FIELDS
        assert {"seconds", "cpu_seconds", "papers_per_s", "sentences"} <= set(row["floor"])
        assert {"graph.ttl", "lookup.sqlite", "store"} <= set(row["build"]["outputs"]["mb"]) and row["build"]["outputs"]["html_pages"] > 0
        assert set(row["graph"]) == {"papers", "entities", "triples"} and row["graph"]["papers"] == row["size"]
        assert set(row["queries"]) == names
        for timing in row["queries"].values():
            assert set(timing) == QUERY_FIELDS
        assert set(row["neighbours"]) == NEIGHBOUR_FIELDS
        assert "error" in row["build_jobs"] or {"speedup", "papers_per_s", "peak_rss_mb"} <= set(row["build_jobs"])
        assert f"| {row['size']:,} |" in table
    assert set(report["example_graph"]["neighbours"]) == NEIGHBOUR_FIELDS
    for name in names:
        assert f"| {name} |" in table
    assert not (tmp_path / "work" / "build-300").exists()  # builds are removed once measured
