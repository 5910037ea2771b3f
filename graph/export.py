"""RDF exports from one table of formats; N-Quads and TriG carry one named graph per source document."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, VOID, XSD

from ontology import ONTOLOGY_IRI, PKG, RESOURCE

from .errors import GraphMissingError
from .outputs import write_atomic
from .rdf import partition_iri

__all__ = ["FORMATS", "export", "read_triples", "named_graphs", "void_description", "ENTITY_GRAPH"]

ENTITY_GRAPH = RESOURCE["graph/entities"]
"""The named graph for what no single source owns: entities, their labels and relations."""


FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}
"""Export format name -> Oxigraph format; the quad formats split the graph by source document."""

PREFIXES = {
    "pkg": str(PKG._NS), "res": str(RESOURCE), "dcterms": str(DCTERMS), "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#", "schema": "http://schema.org/", "xsd": str(XSD),
}


def source_graph(path: str) -> ox.NamedNode:
    safe = "".join(c if c.isalnum() or c in "-._" else "_" for c in path)
    return ox.NamedNode(str(RESOURCE[f"graph/source/{safe}"]))


def read_triples(graph_dir: Path) -> list[ox.Triple]:
    turtle = Path(graph_dir) / "graph.ttl"
    if not turtle.exists():
        raise GraphMissingError.no_file(graph_dir, "graph.ttl")
    return [quad.triple for quad in ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE)]


def named_graphs(triples: list[ox.Triple]) -> dict[ox.NamedNode, list[ox.Triple]]:
    """The same triples split into named graphs: each paper's triples (with its records, evidence
    and results) in the graphs of its source documents; everything else in ENTITY_GRAPH."""
    rdf_type, paper_class = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(PKG.Paper))
    record, source, paper_of = (ox.NamedNode(str(term)) for term in (PKG.record, DCTERMS.source, PKG.paper))
    papers = {t.subject for t in triples if t.predicate == rdf_type and t.object == paper_class}
    parent = {t.object: t.subject for t in triples if t.predicate == record}
    parent.update({t.subject: t.object for t in triples if t.predicate == paper_of and t.object in papers})
    sources: dict = {}
    for t in triples:
        if t.predicate == source and parent.get(t.subject) in papers and t.subject in parent:
            sources.setdefault(parent[t.subject], set()).add(t.object.value)
    entities = ox.NamedNode(str(ENTITY_GRAPH))
    graphs: dict[ox.NamedNode, list[ox.Triple]] = {}
    for t in triples:
        paper = t.subject if t.subject in papers else parent.get(t.subject)
        names = [source_graph(s) for s in sorted(sources.get(paper, ()))] or [entities]
        for name in names:
            graphs.setdefault(name, []).append(t)
    return dict(sorted(graphs.items(), key=lambda item: item[0].value))


def export(graph_dir: Path, fmt: str, target: Path | None = None) -> Path:
    """Write the built graph in `fmt` (a FORMATS key) to `target` (default: beside graph.ttl)."""
    rdf_format = FORMATS[fmt]
    target = target or Path(graph_dir) / f"graph.{rdf_format.file_extension}"
    triples = read_triples(graph_dir)
    if rdf_format.supports_datasets:
        data = [ox.Quad(t.subject, t.predicate, t.object, name) for name, part in named_graphs(triples).items() for t in part]
    else:
        data = triples
    write_atomic(target, ox.serialize(data, format=rdf_format, prefixes=PREFIXES))
    return target


def void_description(store: ox.Store, dump: str = "graph.ttl") -> Graph:
    """A VoID description of a store's default graph: triples, distinct subjects, entities per class,
    and for an entity type the pkg:paperCount its partition in the graph carries."""
    subjects = next(iter(store.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")))["n"].value
    classes = {
        row["c"].value: int(row["n"].value)
        for row in store.query(
            "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c FILTER(STRSTARTS(STR(?c), STR(pkg:))) } GROUP BY ?c",
            prefixes={"pkg": str(PKG._NS)},
        )
    }
    papers = {
        row["c"].value: int(row["n"].value)
        for row in store.query(
            "SELECT ?c ?n WHERE { ?p void:class ?c ; pkg:paperCount ?n }", prefixes={"pkg": str(PKG._NS), "void": str(VOID)}
        )
    }
    void = Graph()
    void.bind("void", VOID)
    void.bind("pkg", PKG._NS)
    void.bind("dcterms", DCTERMS)
    dataset = RESOURCE["dataset"]
    void.add((dataset, RDF.type, VOID.Dataset))
    void.add((dataset, DCTERMS.title, Literal("paperkg knowledge graph")))
    void.add((dataset, VOID.triples, Literal(len(store), datatype=XSD.integer)))
    void.add((dataset, VOID.distinctSubjects, Literal(int(subjects), datatype=XSD.integer)))
    void.add((dataset, VOID.vocabulary, URIRef(ONTOLOGY_IRI)))
    void.add((dataset, VOID.dataDump, URIRef(dump)))
    for cls, number in sorted(classes.items()):
        partition = partition_iri(cls.split("#")[-1])
        void.add((dataset, VOID.classPartition, partition))
        void.add((partition, VOID["class"], URIRef(cls)))
        void.add((partition, VOID.entities, Literal(number, datatype=XSD.integer)))
        if cls in papers:
            void.add((partition, PKG.paperCount, Literal(papers[cls], datatype=XSD.integer)))
    return void
