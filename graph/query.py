"""SPARQL over a built graph with Oxigraph, and result formatting from a table of formats."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError
from .names import name_key
from .store import open_store

__all__ = ["PREFIXES", "open_store", "run_query", "FORMATTERS", "Table", "SavedQuery", "saved_queries", "read_query_file", "QUERIES_DIR", "PARAM_KINDS"]

QUERIES_DIR = Path(__file__).parent / "queries"

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
    "void": "http://rdfs.org/ns/void#",
}
"""Prefixes every query may use without declaring them."""

Table = tuple[list[str], list[list[str | None]]]


def run_query(store: ox.Store, query: str, *, bindings: dict[str, str] | None = None) -> Table:
    """Run a SELECT or ASK query; values in `bindings` are bound as literals, never pasted in.

    A bound variable must be in the query's projection (Oxigraph's substitution rule); it is
    left out of the returned columns.
    """
    substitutions = {ox.Variable(k): ox.Literal(v) for k, v in (bindings or {}).items()}
    try:
        result = store.query(query, prefixes=PREFIXES, substitutions=substitutions or None)
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {err}") from err
    except (OSError, RuntimeError) as err:
        raise QueryError(f"query failed: {err}") from err
    if isinstance(result, bool):
        return ["ask"], [["true" if result else "false"]]
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables if v.value not in (bindings or {})]
        rows = [[_text(solution[name]) for name in names] for solution in result]
        return names, rows
    raise QueryError("only SELECT and ASK queries are supported here; use `paperkg export` for the graph")


PARAM_KINDS: dict[str, Callable[[str], str]] = {"text": str, "name": name_key}
"""How a saved query's parameter value becomes the literal it binds, by the kind its header gives
(`# param: entity:name ...`; no kind is text). A name is bound as its `name_key`, the key every
entity carries as `pkg:nameKey` for its label and each alias, so any spelling finds it by index."""


@dataclass(frozen=True)
class SavedQuery:
    """A query shipped as an .rq file: its comment header gives a description and its parameters.

    A header line `# param: NAME[:KIND]  hint` declares a parameter; KIND is a key of PARAM_KINDS.
    """

    name: str
    description: str
    params: dict[str, str]
    text: str
    kinds: dict[str, str]

    def bindings(self, given: dict[str, str]) -> dict[str, str]:
        """The values to bind, checked against the declared parameters; a name becomes its name key.

        >>> saved_queries()["evidence"].bindings({"entity": "LLaMA-2"})
        {'entity': 'llama2'}
        """
        unknown = sorted(set(given) - set(self.params))
        if unknown:
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(unknown)}; it takes: {', '.join(self.params) or 'none'}")
        missing = sorted(set(self.params) - set(given))
        if missing:
            hints = "; ".join(f"{p}: {self.params[p]}" for p in missing)
            raise QueryError(f"query {self.name!r} needs --param {missing[0]}=VALUE ({hints})")
        return {name: PARAM_KINDS[self.kinds[name]](value) for name, value in given.items()}


def saved_queries(directory: Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    """Every saved query by name (the file name without .rq)."""
    return {path.stem: read_query_file(path) for path in sorted(directory.glob("*.rq"))}


def read_query_file(path: Path) -> SavedQuery:
    """A query file with its comment header: a description line and `# param: NAME[:KIND] hint` lines."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise QueryError(f"{path}: not UTF-8 text (byte {err.start})") from err
    header = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    description = next((line for line in header if not line.startswith("param:")), "")
    params, kinds = {}, {}
    for line in header:
        if line.startswith("param:"):
            spec, _, hint = line[len("param:") :].strip().partition(" ")
            name, _, kind = spec.partition(":")
            if (kind or "text") not in PARAM_KINDS:
                raise QueryError(f"{path}: parameter {name!r} has an unknown kind {kind!r}; kinds: {', '.join(PARAM_KINDS)}")
            params[name], kinds[name] = hint.strip(), kind or "text"
    return SavedQuery(Path(path).stem, description, params, text, kinds)


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
