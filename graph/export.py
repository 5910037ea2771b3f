"""RDF exports from one table of formats; N-Quads and TriG carry one named graph per source document."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, VOID, XSD

from ontology import ONTOLOGY_IRI, PKG, RESOURCE

from .errors import GraphMissingError
from .outputs import write_atomic

__all__ = ["FORMATS", "RdfFormat", "export", "named_graphs", "void_description", "ENTITY_GRAPH"]

ENTITY_GRAPH = RESOURCE["graph/entities"]
"""The named graph for what no single source owns: entities, their labels and relations."""


@dataclass(frozen=True)
class RdfFormat:
    suffix: str
    rdflib_name: str
    quads: bool = False


FORMATS: dict[str, RdfFormat] = {
    "turtle": RdfFormat(".ttl", "turtle"),
    "ntriples": RdfFormat(".nt", "nt"),
    "jsonld": RdfFormat(".jsonld", "json-ld"),
    "nquads": RdfFormat(".nq", "nquads", quads=True),
    "trig": RdfFormat(".trig", "trig", quads=True),
}
"""Export format name -> file suffix and rdflib serializer; quad formats split graphs by source."""


def source_graph(path: str) -> URIRef:
    safe = "".join(c if c.isalnum() or c in "-._" else "_" for c in path)
    return RESOURCE[f"graph/source/{safe}"]


def named_graphs(graph: Graph) -> Dataset:
    """The same triples as a dataset: each paper's triples (and its evidence) in its sources' graphs."""
    owner: dict[URIRef, list[URIRef]] = {}
    for paper in graph.subjects(RDF.type, PKG.Paper):
        sources = sorted({str(graph.value(record, DCTERMS.source)) for record in graph.objects(paper, PKG.record)})
        owner[paper] = [source_graph(s) for s in sources] or [ENTITY_GRAPH]
    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace)
    for s, p, o in graph:
        for name in _graphs_of(graph, s, owner):
            dataset.add((s, p, o, name))
    return dataset


def _graphs_of(graph: Graph, subject, owner) -> list[URIRef]:
    if subject in owner:
        return owner[subject]
    paper = graph.value(subject, PKG.paper)
    if paper in owner:
        return owner[paper]
    parent = next(graph.subjects(PKG.record, subject), None)
    if parent in owner:
        return owner[parent]
    return [ENTITY_GRAPH]


def export(graph_dir: Path, fmt: str, target: Path | None = None) -> Path:
    """Write the built graph in `fmt` (a FORMATS key) to `target` (default: beside graph.ttl)."""
    turtle = Path(graph_dir) / "graph.ttl"
    if not turtle.exists():
        raise GraphMissingError(f"{graph_dir}: no built graph here (graph.ttl missing); run `paperkg build SOURCE --out {graph_dir}` first")
    spec = FORMATS[fmt]
    target = target or Path(graph_dir) / f"graph{spec.suffix}"
    graph = Graph().parse(turtle, format="turtle")
    data = named_graphs(graph) if spec.quads else graph
    write_atomic(target, data.serialize(format=spec.rdflib_name))
    return target


def void_description(graph: Graph, dump: str = "graph.ttl") -> Graph:
    """A VoID description: triples, distinct subjects, and entities per class."""
    void = Graph()
    void.bind("void", VOID)
    void.bind("dcterms", DCTERMS)
    dataset = RESOURCE["dataset"]
    void.add((dataset, RDF.type, VOID.Dataset))
    void.add((dataset, DCTERMS.title, Literal("paperkg knowledge graph")))
    void.add((dataset, VOID.triples, Literal(len(graph), datatype=XSD.integer)))
    void.add((dataset, VOID.distinctSubjects, Literal(len(set(graph.subjects())), datatype=XSD.integer)))
    void.add((dataset, VOID.vocabulary, URIRef(ONTOLOGY_IRI)))
    void.add((dataset, VOID.dataDump, URIRef(dump)))
    classes = Counter(o for o in graph.objects(None, RDF.type) if str(o).startswith(str(PKG._NS)))
    for cls, count in sorted(classes.items()):
        partition = RESOURCE[f"dataset/class/{cls.split('#')[-1]}"]
        void.add((dataset, VOID.classPartition, partition))
        void.add((partition, VOID["class"], cls))
        void.add((partition, VOID.entities, Literal(count, datatype=XSD.integer)))
    return void
