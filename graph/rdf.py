"""The NetworkX graph as RDF: papers, typed entities with paper counts, role links, relations and evidence nodes."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import quote

import networkx as nx
import pyoxigraph as ox
from rdflib import XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID

from ontology import PKG, RESOURCE

from .names import name_keys, slug
from .readers.base import iso_date
from .records import ROLES

__all__ = [
    "PREFIXES", "iter_triples", "iter_quads", "to_rdf", "paper_iri", "entity_iri", "person_iri", "partition_iri", "EXTRACTOR_VERSION", "SCHEMA",
]

EXTRACTOR_VERSION = "paperkg 0.1.0"
EXTRACTOR = RESOURCE["agent/paperkg-0.1.0"]
ARCHIVE = RESOURCE["agent/paperswithcode-archive"]
WIKIDATA = "http://www.wikidata.org/entity/"
DOI_RESOLVER = "https://doi.org/"
SCHEMA = Namespace("http://schema.org/")
"""schema.org, spelt as the ontology imports it (http, not https)."""
_DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}


def paper_iri(key: str) -> URIRef:
    return RESOURCE[f"paper/{key}"]


def entity_iri(key: str) -> URIRef:
    return RESOURCE[f"entity/{key}"]


def person_iri(name: str) -> URIRef:
    """One node per name exactly as written (Unicode-normalised): a readable slug and a hash of the name.

    >>> person_iri("Ashish Vaswani") == person_iri("Ashish  Vaswani"), person_iri("A. Vaswani") == person_iri("Ashish Vaswani")
    (True, False)
    """
    written = " ".join(unicodedata.normalize("NFC", name).split())
    digest = hashlib.sha1(written.encode("utf-8")).hexdigest()[:10]
    return RESOURCE[f"person/{slug(written)}-{digest}"]


def partition_iri(entity_type: str) -> URIRef:
    """The VoID class partition of an entity type, the same IRI as void.ttl's partition of that class."""
    return RESOURCE[f"dataset/class/{entity_type}"]


def _iri(node: str) -> URIRef:
    kind, key = node.split(":", 1)
    return paper_iri(key) if kind == "paper" else entity_iri(key)


PREFIXES = {
    "pkg": str(PKG._NS), "res": str(RESOURCE), "skos": str(SKOS), "dcterms": str(DCTERMS), "prov": str(PROV),
    "owl": str(OWL), "schema": str(SCHEMA), "rdfs": str(RDFS), "xsd": str(XSD), "void": str(VOID),
}
"""Prefixes of the written Turtle."""


class _Collector(list):
    """The rdflib-Graph-like sink the per-node writers add to."""

    def add(self, triple) -> None:
        self.append(triple)


def iter_triples(graph: nx.MultiDiGraph) -> Iterator[tuple]:
    """The knowledge graph's triples (rdflib terms), node by node, never all at once.

    Counts that queries would otherwise compute over the whole graph are written here, where
    the graph is whole: every entity's pkg:paperCount and, per entity type, a VoID class
    partition with its number of entities and of papers. The same graph always gives the same
    triples.
    """
    header = _Collector()
    header.add((EXTRACTOR, RDF.type, PROV.SoftwareAgent))
    header.add((EXTRACTOR, RDFS.label, Literal(EXTRACTOR_VERSION)))
    yield from header
    by_type: dict[str, tuple[list[int], set[str]]] = {}
    for node, data in graph.nodes(data=True):
        out = _Collector()
        if data["kind"] == "paper":
            _add_paper(out, _iri(node), data)
        else:
            papers = _linked_papers(graph, node)
            _add_entity(out, _iri(node), data, len(papers))
            entities, type_papers = by_type.setdefault(data["type"], ([0], set()))
            entities[0] += 1
            type_papers |= papers
        yield from out
    for entity_type in sorted(by_type):
        entities, papers = by_type[entity_type]
        out = _Collector()
        _add_partition(out, entity_type, entities[0], len(papers))
        yield from out
    for u, v, data in graph.edges(data=True):
        if "relation" in data:
            yield (_iri(u), PKG[data["relation"]], _iri(v))
        else:
            out = _Collector()
            _add_link(out, u, v, data, graph.nodes[u])
            yield from out
    for index, result in enumerate(graph.graph.get("results", ())):
        out = _Collector()
        _add_result(out, index, result)
        yield from out


def iter_quads(graph: nx.MultiDiGraph) -> Iterator[ox.Quad]:
    """The same triples as Oxigraph quads in the default graph, for bulk loading."""
    default = ox.DefaultGraph()
    for s, p, o in iter_triples(graph):
        yield ox.Quad(_ox(s), _ox(p), _ox(o), default)


@lru_cache(maxsize=1 << 16)
def _ox_iri(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _ox(term):
    """An rdflib term as an Oxigraph term."""
    if isinstance(term, URIRef):
        return _ox_iri(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=_ox_iri(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.BlankNode(str(term))


def to_rdf(graph: nx.MultiDiGraph) -> Graph:
    """An rdflib Graph of the knowledge graph, for code that queries a small one in memory."""
    rdf = Graph()
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace)
    for triple in iter_triples(graph):
        rdf.add(triple)
    return rdf


def _add_result(rdf: Graph, index: int, result: dict) -> None:
    """A stated score as a pkg:Result node: paper, benchmark, value, and the system and metric if named."""
    paper = paper_iri(result["paper"])
    node = URIRef(f"{paper}/result/{index}")
    rdf.add((node, RDF.type, PKG.Result))
    rdf.add((node, PKG.paper, paper))
    rdf.add((node, PKG.benchmark, entity_iri(result["benchmark"])))
    rdf.add((node, PKG.value, Literal(str(result["value"]), datatype=XSD.decimal)))
    rdf.add((node, PKG.sentence, Literal(result["sentence"])))
    rdf.add((node, PKG.entity, entity_iri(result["entity"])))
    if result.get("metric"):
        rdf.add((node, PKG.metric, entity_iri(result["metric"])))
    if result.get("lower_is_better"):
        rdf.add((node, PKG.lowerIsBetter, Literal(True)))


def _add_paper(rdf: Graph, subject: URIRef, data: dict) -> None:
    rdf.add((subject, RDF.type, PKG.Paper))
    rdf.add((subject, DCTERMS.title, Literal(data["label"])))
    rdf.add((subject, DCTERMS.abstract, Literal(data["abstract"])))
    if data.get("arxiv_id"):
        rdf.add((subject, DCTERMS.identifier, Literal(f"arXiv:{data['arxiv_id']}")))
    if data.get("url"):
        rdf.add((subject, RDFS.seeAlso, Literal(data["url"], datatype=XSD.anyURI)))
    if data.get("doi"):
        rdf.add((subject, DCTERMS.identifier, Literal(f"doi:{data['doi']}")))
        rdf.add((subject, SCHEMA.sameAs, URIRef(DOI_RESOLVER + quote(data["doi"], safe="/:;()._-"))))
    if data.get("date"):
        rdf.add((subject, DCTERMS.date, _date(data["date"])))
    for name in data.get("authors", ()):
        person = person_iri(name)
        rdf.add((subject, DCTERMS.creator, person))
        rdf.add((person, RDF.type, SCHEMA.Person))
        rdf.add((person, SCHEMA.name, Literal(" ".join(unicodedata.normalize("NFC", name).split()))))
    for category in data.get("categories", ()):
        rdf.add((subject, PKG.arxivCategory, Literal(category)))
    if data.get("raw_title"):
        rdf.add((subject, PKG.rawTitle, Literal(data["raw_title"])))
    if data.get("raw_abstract"):
        rdf.add((subject, PKG.rawAbstract, Literal(data["raw_abstract"])))
    for name in data.get("archive_methods", ()):
        rdf.add((subject, PKG.archiveMethod, Literal(name)))
    for name in data.get("archive_tasks", ()):
        rdf.add((subject, PKG.archiveTask, Literal(name)))
    for url in data.get("code_urls", ()):
        rdf.add((subject, PKG.codeRepository, Literal(url, datatype=XSD.anyURI)))
    for source in data.get("sources", ()):
        record = URIRef(f"{subject}/record/{_safe(source['path'])}/{source['line']}")
        rdf.add((subject, PKG.record, record))
        rdf.add((record, RDF.type, PKG.SourceRecord))
        rdf.add((record, DCTERMS.source, Literal(source["path"])))
        rdf.add((record, PKG.sourceLine, Literal(source["line"], datatype=XSD.integer)))


def _date(value: str) -> Literal:
    """An ISO date typed as xsd:date, gYearMonth or gYear; anything else ("Mar 17") as plain text."""
    text = str(value)
    if iso_date(text) == text:
        return Literal(text, datatype=_DATE_TYPES[len(text)])
    return Literal(text)


def _linked_papers(graph: nx.MultiDiGraph, node: str) -> set[str]:
    """The papers that propose, evaluate on or use an entity: what its pkg:paperCount counts."""
    return {paper for paper, _, role in graph.in_edges(node, data="role") if role in ROLES}


def _add_partition(rdf: Graph, entity_type: str, entities: int, papers: int) -> None:
    """An entity type's class partition: its entities, and the distinct papers linked to any of them."""
    partition = partition_iri(entity_type)
    rdf.add((RESOURCE["dataset"], VOID.classPartition, partition))
    rdf.add((partition, VOID["class"], PKG[entity_type]))
    rdf.add((partition, VOID.entities, Literal(entities, datatype=XSD.integer)))
    rdf.add((partition, PKG.paperCount, Literal(papers, datatype=XSD.integer)))


def _add_entity(rdf: Graph, subject: URIRef, data: dict, papers: int) -> None:
    rdf.add((subject, RDF.type, PKG[data["type"]]))
    rdf.add((subject, RDFS.label, Literal(data["label"])))
    rdf.add((subject, PKG.paperCount, Literal(papers, datatype=XSD.integer)))
    rdf.add((subject, SKOS.prefLabel, Literal(data["label"])))
    for alias in data.get("aliases", ()):
        rdf.add((subject, SKOS.altLabel, Literal(alias)))
    for key in name_keys(data["label"], data.get("aliases", ())):
        rdf.add((subject, PKG.nameKey, Literal(key)))
    if data.get("wikidata"):
        rdf.add((subject, OWL.sameAs, URIRef(WIKIDATA + data["wikidata"])))


def _add_link(rdf: Graph, paper: str, entity: str, data: dict, paper_data: dict) -> None:
    subject, target, role = _iri(paper), _iri(entity), PKG[data["role"]]
    rdf.add((subject, role, target))
    source = paper_data["sources"][0]["path"] if paper_data.get("sources") else None
    for mention in data["evidence"]:
        node = URIRef(f"{subject}/mention/{mention['start']}-{mention['end']}")
        rdf.add((node, RDF.type, PKG.Mention))
        rdf.add((node, PKG.paper, subject))
        rdf.add((node, PKG.entity, target))
        rdf.add((node, PKG.role, role))
        rdf.add((node, PKG.surface, Literal(mention["text"])))
        rdf.add((node, PKG.sentence, Literal(mention["sentence"])))
        rdf.add((node, PKG.startOffset, Literal(mention["start"], datatype=XSD.integer)))
        rdf.add((node, PKG.endOffset, Literal(mention["end"], datatype=XSD.integer)))
        rdf.add((node, PKG.rule, Literal(mention["rule"])))
        rdf.add((node, PKG.confidence, Literal(str(data["confidence"]), datatype=XSD.decimal)))
        rdf.add((node, PROV.wasAttributedTo, EXTRACTOR))
        if source:
            rdf.add((node, DCTERMS.source, Literal(source)))
    if data.get("origin") == "archive":
        node = URIRef(f"{subject}/archive/{target.rsplit('/', 1)[-1]}")
        rdf.add((node, RDF.type, PKG.ArchiveLink))
        rdf.add((node, PKG.paper, subject))
        rdf.add((node, PKG.entity, target))
        rdf.add((node, PKG.role, role))
        rdf.add((node, PKG.confidence, Literal(str(data["confidence"]), datatype=XSD.decimal)))
        rdf.add((node, PROV.wasAttributedTo, ARCHIVE))
        if source:
            rdf.add((node, DCTERMS.source, Literal(source)))


def _safe(path: str) -> str:
    return "".join(c if c.isalnum() or c in "-._" else "_" for c in path)
