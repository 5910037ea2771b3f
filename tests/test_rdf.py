"""The RDF export: round trips, stable IRIs, and agreement between the ontology file and the code."""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import RDF, RDFS

from graph.build import build_from_sources
from graph.rdf import to_rdf
from ontology import ONTOLOGY_PATH, PKG


def test_turtle_parses_back_to_the_same_graph(built):
    written = rdflib.Graph().parse(built / "graph.ttl")
    assert len(written) > 0
    again = rdflib.Graph().parse(data=written.serialize(format="turtle"), format="turtle")
    assert isomorphic(written, again)


def test_same_input_gives_the_same_triples(small_corpus):
    first = to_rdf(build_from_sources([small_corpus])[0])
    second = to_rdf(build_from_sources([small_corpus])[0])
    assert to_isomorphic(first) == to_isomorphic(second)
    assert set(first) == set(second)


def test_every_paper_is_a_paper_with_title_and_abstract(built):
    rdf = rdflib.Graph().parse(built / "graph.ttl")
    papers = set(rdf.subjects(RDF.type, PKG.Paper))
    assert len(papers) == 6
    for paper in papers:
        assert rdf.value(paper, rdflib.DCTERMS.title) and rdf.value(paper, rdflib.DCTERMS.abstract)


def test_every_declared_term_is_in_the_ontology_with_label_and_comment():
    ontology = rdflib.Graph().parse(ONTOLOGY_PATH)
    declared = {PKG[name] for name in PKG.__annotations__}
    in_file = {s for s in ontology.subjects() if str(s).startswith(str(PKG._NS))}
    assert declared == in_file
    for term in declared:
        assert ontology.value(term, RDFS.label), term
        assert ontology.value(term, RDFS.comment), term


def test_every_pkg_term_the_export_uses_is_declared(built):
    rdf = rdflib.Graph().parse(built / "graph.ttl")
    used = {t for triple in rdf for t in triple if isinstance(t, rdflib.URIRef) and str(t).startswith(str(PKG._NS))}
    assert used <= {PKG[name] for name in PKG.__annotations__}


def test_archive_methods_and_tasks_become_links_marked_as_the_archives(tmp_path):
    from graph.build import build

    fixture = Path(__file__).parent / "data" / "formats" / "papers-with-abstracts.json"
    build([fixture], tmp_path, html=False)
    rdf = rdflib.Graph().parse(tmp_path / "graph.ttl")
    archive = rdflib.URIRef("https://w3id.org/paperkg/resource/agent/paperswithcode-archive")
    links = set(rdf.subjects(rdflib.RDF.type, PKG.ArchiveLink))
    assert links and all((link, rdflib.namespace.PROV.wasAttributedTo, archive) in rdf for link in links)
    for link in links:
        paper, entity, role = (rdf.value(link, p) for p in (PKG.paper, PKG.entity, PKG.role))
        assert (paper, role, entity) in rdf
