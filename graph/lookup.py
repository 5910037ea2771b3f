"""Neighbourhood lookups over a built graph's lookup index; no spaCy, no rebuild."""

from __future__ import annotations

import difflib
import json
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GraphMissingError, GraphUnreadableError, NotFoundError
from .names import name_key

__all__ = ["LookupIndex", "Neighbour", "Neighbourhood", "load_index", "graph_stats", "LOOKUP_FILE"]

LOOKUP_FILE = "lookup.json"


@dataclass(frozen=True)
class Neighbour:
    """A node near the one looked up: how far, by which role or relation, through how many papers."""

    id: str
    label: str
    kind: str
    type: str
    distance: int
    link: str
    papers: int = 0


@dataclass
class Neighbourhood:
    """A node and the nodes around it, nearest first."""

    id: str
    label: str
    kind: str
    type: str
    aliases: list[str]
    neighbours: list[Neighbour] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "type": self.type,
            "aliases": self.aliases,
            "neighbours": [n.__dict__ for n in self.neighbours],
        }


_INVERSE = {"variantOf": "hasVariant", "developedBy": "developed"}
"""Entity relations read from their target's side."""


class LookupIndex:
    """Nodes by spelling-tolerant name, and adjacency, from a build's lookup.json."""

    def __init__(self, data: dict):
        self.nodes: dict[str, dict] = data["nodes"]
        self.out: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.into: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for source, target, link in data["edges"]:
            self.out[source].append((target, link))
            self.into[target].append((source, _INVERSE.get(link, link)))
        self.by_name: dict[str, list[str]] = defaultdict(list)
        for node, row in self.nodes.items():
            for name in (row["label"], *row.get("aliases", ())):
                self.by_name[name_key(name)].append(node)

    def find(self, name: str) -> str:
        """The node a name or alias names (entities before papers); NotFoundError with suggestions."""
        matches = self.by_name.get(name_key(name), [])
        if matches:
            return sorted(matches, key=lambda n: (self.nodes[n]["kind"] != "entity", -self.degree(n), n))[0]
        close = difflib.get_close_matches(name_key(name), list(self.by_name), n=5, cutoff=0.75)
        suggestions = sorted({self.nodes[self.by_name[key][0]]["label"] for key in close})
        raise NotFoundError(f"nothing named {name!r} in the graph", suggestions)

    def degree(self, node: str) -> int:
        return len(self.out[node]) + len(self.into[node])

    def neighbourhood(self, name: str, depth: int = 2) -> Neighbourhood:
        """The node named and everything within `depth` steps, nearest first.

        From the node itself every edge counts; after that only papers are walked through,
        so depth 2 of an entity is its papers' other entities, not a chain of relations.
        """
        start = self.find(name)
        row = self.nodes[start]
        result = Neighbourhood(start, row["label"], row["kind"], row["type"], row.get("aliases", []))
        seen = {start: 0}
        first_link: dict[str, str] = {}
        via: dict[str, set[str]] = defaultdict(set)
        queue = deque([start])
        while queue:
            node = queue.popleft()
            if seen[node] >= depth or (node != start and self.nodes[node]["kind"] != "paper"):
                continue  # beyond the first step, walk through papers only: co-mentions, not chains
            for other, link in self.out[node] + self.into[node]:
                if other == start:
                    continue
                if self.nodes[node]["kind"] == "paper":
                    via[other].add(node)
                if other not in seen:
                    seen[other] = seen[node] + 1
                    first_link[other] = link if node == start else f"via {self.nodes[node]['kind']}"
                    queue.append(other)
        for node, distance in seen.items():
            if node == start:
                continue
            row = self.nodes[node]
            papers = len(via[node]) if row["kind"] == "entity" else 0
            result.neighbours.append(Neighbour(node, row["label"], row["kind"], row["type"], distance, first_link[node], papers))
        result.neighbours.sort(key=lambda n: (n.distance, -n.papers, n.label.casefold()))
        return result


def load_index(directory: Path) -> LookupIndex:
    """The lookup index of a built graph folder."""
    path = Path(directory) / LOOKUP_FILE
    if not path.exists():
        raise GraphMissingError(f"{directory}: no built graph here ({LOOKUP_FILE} missing); run `paperkg build SOURCE --out {directory}` first")
    try:
        return LookupIndex(json.loads(path.read_text(encoding="utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
        raise GraphUnreadableError(
            f"{path}: not a paperkg lookup index ({err}); run `paperkg build SOURCE --out {directory}` again"
        ) from err


def graph_stats(index: LookupIndex, top: int = 5) -> dict:
    """Counts by kind, type and role, and the entities with most papers per type."""
    types: dict[str, int] = defaultdict(int)
    roles: dict[str, int] = defaultdict(int)
    papers = 0
    for row in index.nodes.values():
        if row["kind"] == "paper":
            papers += 1
        else:
            types[row["type"]] += 1
    for edges in index.out.values():
        for _, link in edges:
            roles[link] += 1
    leaders: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for node, row in index.nodes.items():
        if row["kind"] == "entity":
            count = sum(1 for other, _ in index.into[node] if index.nodes[other]["kind"] == "paper")
            leaders[row["type"]].append((row["label"], count))
    return {
        "papers": papers,
        "entities": dict(sorted(types.items(), key=lambda kv: -kv[1])),
        "links": dict(sorted(roles.items(), key=lambda kv: -kv[1])),
        "top": {t: sorted(v, key=lambda x: (-x[1], x[0]))[:top] for t, v in sorted(leaders.items())},
    }
