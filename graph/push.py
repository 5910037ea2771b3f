"""`paperkg push`: send the graph to any SPARQL 1.1 Graph Store Protocol server, a named graph per source."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import PaperkgError
from .export import named_graphs, read_triples

__all__ = ["PushError", "Pushed", "push"]


class PushError(PaperkgError):
    """The triple store refused the graph or could not be reached."""


@dataclass(frozen=True)
class Pushed:
    graph: str
    triples: int


def push(graph_dir: Path, endpoint: str, *, timeout: float = 60.0) -> list[Pushed]:
    """PUT each named graph (replacing what the server held under that name) to `endpoint`.

    `endpoint` is the server's Graph Store Protocol URL: Oxigraph's `/store`, Fuseki's
    `/DATASET/data`, Virtuoso's `/sparql-graph-crud`.
    """
    scheme = urllib.parse.urlsplit(endpoint).scheme
    if scheme not in ("http", "https"):
        raise PushError(f"endpoint must be an http(s) URL, got {endpoint!r}")
    pushed = []
    for name, triples in named_graphs(read_triples(graph_dir)).items():
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        separator = "&" if "?" in endpoint else "?"
        url = f"{endpoint}{separator}graph={urllib.parse.quote(name.value, safe='')}"
        request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": "application/n-triples"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as err:
            raise PushError(f"{endpoint} refused graph {name.value}: HTTP {err.code} {err.read()[:300].decode('utf-8', 'replace')}") from err
        except urllib.error.URLError as err:
            raise PushError(f"cannot reach {endpoint}: {err.reason}") from err
        pushed.append(Pushed(name.value, len(triples)))
    return pushed
