"""SHACL validation of an RDF export against the project's shapes, with the ontology for subclasses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rdflib

from ontology import ONTOLOGY_PATH, SHAPES_PATH

from .errors import InputError

__all__ = ["Validation", "validate_file", "validate_graph"]


@dataclass(frozen=True)
class Validation:
    conforms: bool
    report: str
    violations: int


def validate_graph(data: rdflib.Graph) -> Validation:
    """Check a graph against ontology/shapes.ttl; rdfs:subClassOf from the ontology is applied."""
    from pyshacl import validate

    shapes = rdflib.Graph().parse(SHAPES_PATH)
    ontology = rdflib.Graph().parse(ONTOLOGY_PATH)
    conforms, report_graph, report_text = validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs", abort_on_first=False, allow_warnings=True
    )
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = len(set(report_graph.subjects(rdflib.RDF.type, sh.ValidationResult)))
    return Validation(bool(conforms), report_text, violations)


def validate_file(path: Path) -> Validation:
    """Parse an RDF file (format from its suffix) and validate it."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", path=str(path))
    fmt = rdflib.util.guess_format(str(path))
    if fmt is None:
        raise InputError("unknown RDF format; use .ttl, .nt, .jsonld, .nq or .trig", path=str(path))
    try:
        data = rdflib.Dataset().parse(path, format=fmt) if fmt in ("nquads", "trig") else rdflib.Graph().parse(path, format=fmt)
    except Exception as err:  # rdflib raises many parser-specific types; all mean "not valid RDF"
        raise InputError(f"not valid {fmt}: {err}", path=str(path)) from err
    if isinstance(data, rdflib.Dataset):
        merged = rdflib.Graph()
        for triple in data.triples((None, None, None)):
            merged.add(triple)
        for quad in data.quads((None, None, None, None)):
            merged.add(quad[:3])
        data = merged
    return validate_graph(data)
