"""Paper metadata from every format reaches the graph and its RDF: ids, DOIs, dates, categories, authors, raw text."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import XSD, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF

from graph.kg import build_graph, paper_node
from graph.rdf import SCHEMA, paper_iri, person_iri, to_rdf
from graph.readers import merge_records, read_sources
from graph.readers.base import RawRecord
from graph.validate import validate_graph
from ontology import PKG

FORMATS = Path(__file__).parent / "data" / "formats"


@pytest.fixture(scope="module")
def papers():
    return read_sources([FORMATS]).papers


@pytest.fixture(scope="module")
def rdf(papers):
    return to_rdf(build_graph(papers, {}, []))


def key_of(papers, arxiv_id=None, title=None):
    return next(p.key for p in papers if (arxiv_id and p.arxiv_id == arxiv_id) or (title and p.title.startswith(title)))


def test_paper_nodes_carry_the_metadata(papers):
    graph = build_graph(papers, {}, [])
    bert = graph.nodes[paper_node(key_of(papers, "1810.04805"))]
    assert bert["doi"] == "10.18653/v1/N19-1423" and bert["categories"] == ["cs.CL"]
    assert bert["archive_tasks"] == ["Question Answering", "Named Entity Recognition (NER)"]
    mt3 = graph.nodes[paper_node(key_of(papers, "2505.19714"))]
    assert mt3["label"].startswith("MT³") and mt3["raw_title"].startswith("MT$^{3}$")
    glove = graph.nodes[paper_node(key_of(papers, title="GloVe"))]
    assert glove["url"] == "https://aclanthology.org/D14-1162" and glove["arxiv_id"] is None


def test_ids_dois_and_dates_in_rdf(papers, rdf):
    bert = paper_iri(key_of(papers, "1810.04805"))
    assert set(rdf.objects(bert, DCTERMS.identifier)) == {Literal("arXiv:1810.04805"), Literal("doi:10.18653/v1/N19-1423")}
    assert rdf.value(bert, SCHEMA.sameAs) == URIRef("https://doi.org/10.18653/v1/N19-1423")
    assert rdf.value(bert, DCTERMS.date) == Literal("2018-10-11", datatype=XSD.date)
    assert rdf.value(paper_iri(key_of(papers, "2505.19714")), DCTERMS.date) == Literal("2025-05", datatype=XSD.gYearMonth)


def test_categories_raw_text_and_archive_names_in_rdf(papers, rdf):
    attention = paper_iri(key_of(papers, "1706.03762"))
    assert {str(c) for c in rdf.objects(attention, PKG.arxivCategory)} == {"cs.CL", "cs.LG"}
    assert {str(m) for m in rdf.objects(attention, PKG.archiveMethod)} == {"Multi-Head Attention", "Adam", "Transformer"}
    assert {str(t) for t in rdf.objects(attention, PKG.archiveTask)} == {"Machine Translation", "Constituency Parsing"}
    assert rdf.value(attention, PKG.rawTitle) is None
    rules = paper_iri(key_of(papers, "2505.18542"))
    assert str(rdf.value(rules, DCTERMS.title)).startswith("Business as Rulesual")
    assert str(rdf.value(rules, PKG.rawTitle)).startswith("Business as \\textit{Rule}sual")
    assert "\\textbf{BPRF}" in str(rdf.value(rules, PKG.rawAbstract))


def test_authors_are_persons_and_only_identical_names_are_one_person():
    papers = merge_records([
        RawRecord("One", "a", "x.jsonl", 1, arxiv_id="2401.00001", authors=("Ashish Vaswani", "Noam Shazeer")),
        RawRecord("Two", "b", "x.jsonl", 2, arxiv_id="2401.00002", authors=("Ashish Vaswani",)),
        RawRecord("Three", "c", "y.bib", 1, authors=("A. Vaswani", "Bernhard Scho\u0308lkopf")),
        RawRecord("Four", "d", "y.bib", 9, authors=("Bernhard Sch\u00f6lkopf",)),
    ])
    rdf = to_rdf(build_graph(papers, {}, []))
    persons = set(rdf.subjects(RDF.type, SCHEMA.Person))
    assert {str(rdf.value(p, SCHEMA.name)) for p in persons} == {"Ashish Vaswani", "Noam Shazeer", "A. Vaswani", "Bernhard Schölkopf"}
    assert len(persons) == 4
    vaswani = person_iri("Ashish Vaswani")
    assert set(rdf.subjects(DCTERMS.creator, vaswani)) == {paper_iri(papers[0].key), paper_iri(papers[1].key)}


def test_the_export_conforms_declares_its_terms_and_loads_into_oxigraph(rdf):
    validation = validate_graph(rdf)
    assert validation.conforms, validation.report
    used = {t for triple in rdf for t in triple if isinstance(t, URIRef) and str(t).startswith(str(PKG._NS))}
    assert used <= {PKG[name] for name in PKG.__annotations__}
    store = ox.Store()
    store.load(rdf.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    rows = list(store.query(
        "SELECT ?name WHERE { ?p <http://purl.org/dc/terms/creator> ?a . ?a <http://schema.org/name> ?name ."
        " ?p <http://purl.org/dc/terms/date> ?d FILTER(?d >= \"2019-01-01\"^^<http://www.w3.org/2001/XMLSchema#date>) }"
    ))
    assert {row["name"].value for row in rows} >= {"Bernhard Schölkopf", "Rajarshi Bhattacharya"}
    again = rdflib.Graph().parse(data=rdf.serialize(format="turtle"), format="turtle")
    assert len(again) == len(rdf)


@settings(max_examples=100, deadline=None)
@given(name=st.text(min_size=1, max_size=60), doi_tail=st.text(min_size=1, max_size=30))
def test_any_author_name_or_doi_mints_safe_iris(name, doi_tail):
    paper = merge_records([RawRecord("T", "a", "h.bib", 1, authors=(name,), doi="10.1000/" + doi_tail)])[0]
    rdf = to_rdf(build_graph([paper], {}, []))
    for term in {t for triple in rdf for t in triple if isinstance(t, URIRef)}:
        assert all(c not in str(term) for c in ' <>"{}|\\^`\n') and str(term).startswith("http")
    again = rdflib.Graph().parse(data=rdf.serialize(format="nt"), format="nt")
    assert isomorphic(rdf, again)
