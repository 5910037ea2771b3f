"""SPARQL over a built graph with Oxigraph, and result formatting from a table of formats."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from .errors import GraphMissingError, QueryError

__all__ = ["PREFIXES", "open_store", "run_query", "FORMATTERS", "Table"]

PREFIXES = {
    "pkg": "https://w3id.org/paperkg/ontology#",
    "res": "https://w3id.org/paperkg/resource/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": "http://schema.org/",
}
"""Prefixes every query may use without declaring them."""

Table = tuple[list[str], list[list[str | None]]]


def open_store(directory: Path) -> ox.Store:
    """An in-memory Oxigraph store holding a built graph's Turtle."""
    path = Path(directory) / "graph.ttl"
    if not path.exists():
        raise GraphMissingError(f"{directory}: no built graph here (graph.ttl missing); run `paperkg build SOURCE --out {directory}` first")
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def run_query(store: ox.Store, query: str, *, bindings: dict[str, str] | None = None) -> Table:
    """Run a SELECT or ASK query; values in `bindings` are bound as literals, never pasted in."""
    substitutions = {ox.Variable(k): ox.Literal(v) for k, v in (bindings or {}).items()}
    try:
        result = store.query(query, prefixes=PREFIXES, substitutions=substitutions or None)
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {err}") from err
    except OSError as err:
        raise QueryError(f"query failed: {err}") from err
    if isinstance(result, bool):
        return ["ask"], [["true" if result else "false"]]
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = [[_text(solution[name]) for name in names] for solution in result]
        return names, rows
    raise QueryError("only SELECT and ASK queries are supported here; use `paperkg export` for the graph")


def _text(term) -> str | None:
    if term is None:
        return None
    return term.value


def _table(names, rows) -> str:
    cells = [[c if c is not None else "" for c in row] for row in rows]
    widths = [min(60, max([len(n)] + [len(r[i]) for r in cells])) for i, n in enumerate(names)]
    def line(values):
        return "  ".join(_clip(v, w).ljust(w) for v, w in zip(values, widths)).rstrip()
    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _clip(value: str, width: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1] + "…"


def _csv(names, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(rows)
    return buffer.getvalue().rstrip("\n")


def _json(names, rows) -> str:
    return json.dumps([dict(zip(names, row)) for row in rows], ensure_ascii=False, indent=2)


FORMATTERS: dict[str, Callable[[list[str], list[list[str | None]]], str]] = {
    "table": _table,
    "csv": _csv,
    "json": _json,
}
