"""Every export format parses back to the same triples; quad formats split by source; VoID counts."""

from __future__ import annotations

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic
from rdflib.namespace import VOID

from cli import main
from graph.export import ENTITY_GRAPH, FORMATS


RDFLIB_NAMES = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "nquads": "nquads", "trig": "trig"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_round_trips(built, tmp_path, fmt):
    target = tmp_path / f"out.{FORMATS[fmt].file_extension}"
    result = CliRunner().invoke(main, ["export", "--format", fmt, "-o", str(target), "--graph", str(built)])
    assert result.exit_code == 0, result.output
    original = rdflib.Graph().parse(built / "graph.ttl")
    if FORMATS[fmt].supports_datasets:
        dataset = rdflib.Dataset().parse(target, format=RDFLIB_NAMES[fmt])
        union = rdflib.Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        assert isomorphic(union, original)
        names = {str(g.identifier) for g in dataset.graphs()}
        assert str(ENTITY_GRAPH) in names
        assert any("graph/source/" in name and "six-papers.jsonl" in name for name in names)
    else:
        assert isomorphic(rdflib.Graph().parse(target, format=RDFLIB_NAMES[fmt]), original)


def test_void_counts_triples_and_papers(built):
    void = rdflib.Graph().parse(built / "void.ttl")
    data = rdflib.Graph().parse(built / "graph.ttl")
    dataset = next(void.subjects(rdflib.RDF.type, VOID.Dataset))
    assert int(void.value(dataset, VOID.triples)) == len(data)
    papers = next(p for p in void.objects(dataset, VOID.classPartition) if str(void.value(p, VOID["class"])).endswith("#Paper"))
    assert int(void.value(papers, VOID.entities)) == 6
