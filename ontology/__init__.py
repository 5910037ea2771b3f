"""The paperkg schema: paths of the ontology and shapes, and the namespace declared in code."""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

__all__ = ["ONTOLOGY_PATH", "SHAPES_PATH", "PKG", "RESOURCE", "ONTOLOGY_IRI"]

ONTOLOGY_PATH = Path(__file__).parent / "paperkg.ttl"
SHAPES_PATH = Path(__file__).parent / "shapes.ttl"
ONTOLOGY_IRI = "https://w3id.org/paperkg/ontology"
RESOURCE = Namespace("https://w3id.org/paperkg/resource/")
"""Papers, entities, mentions and results are minted under this namespace."""


class PKG(DefinedNamespace):
    """Terms of the paperkg ontology; a misspelt term raises instead of minting a wrong IRI."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI + "#")

    Paper: URIRef
    Entity: URIRef
    Method: URIRef
    Model: URIRef
    Benchmark: URIRef
    Dataset: URIRef
    Organization: URIRef
    Hardware: URIRef
    Metric: URIRef
    Task: URIRef
    Mention: URIRef
    Result: URIRef
    ArchiveLink: URIRef
    SourceRecord: URIRef
    mentions: URIRef
    proposes: URIRef
    evaluatesOn: URIRef
    uses: URIRef
    variantOf: URIRef
    developedBy: URIRef
    paper: URIRef
    entity: URIRef
    role: URIRef
    surface: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    rule: URIRef
    confidence: URIRef
    benchmark: URIRef
    metric: URIRef
    value: URIRef
    lowerIsBetter: URIRef
    codeRepository: URIRef
    sourceLine: URIRef
    record: URIRef
    arxivCategory: URIRef
    rawTitle: URIRef
    rawAbstract: URIRef
    archiveMethod: URIRef
    archiveTask: URIRef
    nameKey: URIRef
    paperCount: URIRef
