"""exports/ holds the build of the bundled example corpus and is kept current: rebuild and compare."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, to_isomorphic

from graph.build import build
from graph.index import INDEX_FILE, index_content

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = ROOT / "exports"
STALE = "exports/ is stale: run `paperkg build examples/daily-papers` and commit exports/"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)  # sources are recorded as given: examples/daily-papers/...
        build([Path("examples/daily-papers")], out)
    return out


def test_turtle_is_current(rebuilt):
    committed = to_isomorphic(rdflib.Graph().parse(EXPORTS / "graph.ttl"))
    fresh = to_isomorphic(rdflib.Graph().parse(rebuilt / "graph.ttl"))
    if committed != fresh:
        _, only_committed, only_fresh = graph_diff(committed, fresh)
        pytest.fail(f"{STALE} ({len(only_committed)} triples gone, {len(only_fresh)} new)")


@pytest.mark.parametrize("name", ["graph.json", "void.ttl"])
def test_data_files_are_current(rebuilt, name):
    if name.endswith(".json"):
        assert json.loads((EXPORTS / name).read_text("utf-8")) == json.loads((rebuilt / name).read_text("utf-8")), STALE
    else:
        def parse(path):
            return to_isomorphic(rdflib.Graph().parse(path, publicID="https://example.org/exports/"))

        assert parse(EXPORTS / name) == parse(rebuilt / name), STALE


def test_lookup_index_is_current(rebuilt):
    """Compared table by table: another SQLite library may lay out the same rows in other bytes."""
    if not (EXPORTS / INDEX_FILE).is_file():
        pytest.fail(STALE)
    assert index_content(EXPORTS) == index_content(rebuilt), STALE


def test_html_site_is_current(rebuilt):
    def pages(folder: Path) -> set[str]:
        return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.suffix in (".html", ".js", ".css")}

    assert pages(EXPORTS) == pages(rebuilt), STALE
    _, mismatch, errors = filecmp.cmpfiles(EXPORTS, rebuilt, sorted(pages(rebuilt)), shallow=False)
    assert not mismatch and not errors, f"{STALE}: {mismatch[:5]}"
