"""Neighbourhood walks over an open lookup index: the start's edges, then its papers' edges, one level at a time."""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

__all__ = ["Step", "walk", "DEEPEST"]

DEEPEST = 3
"""The deepest walk a lookup asks for."""

_INVERSE = {"variantOf": "hasVariant", "developedBy": "developed"}
"""Entity relations read from their target's side."""


@dataclass(frozen=True, slots=True)
class Step:
    """A node a walk reached: its row number in the index, what it is, how far, by which link, through how many walked papers;
    and the size of its group (the steps of one distance, link, kind and type) and its place in it."""

    number: int
    node: str
    label: str
    kind: str
    type: str
    distance: int
    link: str
    papers: int
    place: int
    total: int


def walk(db: sqlite3.Connection, start: int, depth: int, limit: int | None = None) -> list[list[Step]]:
    """The nodes within 1, 2, ... `depth` steps of node `start`, nearest first, one list per depth;
    with a `limit`, the first `limit` of each group.

    From the start every edge counts; after that only papers are walked through, so depth 2
    of an entity is its papers' other entities, not a chain of relations. A step's `papers`
    is the number of walked papers linked to it (entities only). Within a distance, nodes
    come by papers in common, then by name, then in the order the walk met them. The list
    of lists stops early when a level has nothing left to walk: deeper walks find the same
    (papers link only to entities, so an entity's walk ends after depth 2).

    Reads only the start's edges and the walked papers' edges, a query per level, and the
    names of the steps it returns.
    """
    about = _about(db, [start])
    seen = {start: 0}
    first_link: dict[int, str] = {}
    via: dict[int, int] = defaultdict(int)
    last_paper: dict[int, int] = {}
    frontier = [start]
    answers = []
    for distance in range(1, depth + 1):
        walked = [node for node in frontier if node == start or about[node][0] == "paper"]
        if not walked:
            break
        found = []
        for node, other, link in _edges(db, walked):
            if other == start:
                continue
            if about[node][0] == "paper" and last_paper.get(other) != node:  # a paper's edges come together
                last_paper[other] = node
                via[other] += 1
            if other not in seen:
                seen[other] = distance
                first_link[other] = link if node == start else f"via {about[node][0]}"
                found.append(other)
        about.update(_about(db, found))
        answers.append(_steps(db, _ranked(seen, first_link, via, about, limit)))
        frontier = found
    return answers


def _edges(db: sqlite3.Connection, walked: list[int]):
    """(walked node, other node, link) for every edge of the walked nodes: node by node, edges out then in, in graph order."""
    rows = db.execute(
        "SELECT w.key, 0, e.seq, e.target, e.link FROM json_each(:ids) AS w JOIN edges AS e ON e.source = w.value "
        "UNION ALL "
        "SELECT w.key, 1, e.seq, e.source, e.link FROM json_each(:ids) AS w JOIN edges AS e ON e.target = w.value "
        "ORDER BY 1, 2, 3",
        {"ids": json.dumps(walked)},
    )
    for place, backwards, _seq, other, link in rows:
        yield walked[place], other, _INVERSE.get(link, link) if backwards else link


def _about(db: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[str, str, int]]:
    """Kind, type and label order of each id."""
    rows = db.execute("SELECT n.id, n.kind, n.type, n.label_order FROM json_each(?) AS w JOIN nodes AS n ON n.id = w.value", (json.dumps(ids),))
    return {node: (kind, type_, order) for node, kind, type_, order in rows}


def _ranked(seen, first_link, via, about, limit: int | None) -> list[tuple]:
    """(id, distance, link, papers, place, total) of the first `limit` nodes of each group, nearest first."""
    groups: dict[tuple, list[tuple]] = defaultdict(list)
    for met, (node, distance) in enumerate(seen.items()):
        if distance == 0:
            continue
        kind, type_, order = about[node]
        papers = via.get(node, 0) if kind == "entity" else 0
        groups[(distance, first_link[node], kind, type_)].append((distance, -papers, order, met, node))
    kept = []
    for (distance, link, _kind, _type), members in groups.items():
        first = sorted(members) if limit is None or limit >= len(members) else heapq.nsmallest(limit, members)
        kept.extend((key, (key[-1], distance, link, -key[1], place, len(members))) for place, key in enumerate(first, 1))
    kept.sort(key=lambda pair: pair[0])
    return [row for _, row in kept]


def _steps(db: sqlite3.Connection, ranked: list[tuple]) -> list[Step]:
    rows = db.execute(
        "SELECT n.id, n.node, n.label, n.kind, n.type FROM json_each(?) AS w JOIN nodes AS n ON n.id = w.value",
        (json.dumps([row[0] for row in ranked]),),
    )
    named = {row[0]: row[1:] for row in rows}
    return [Step(node, *named[node], distance, link, papers, place, total) for node, distance, link, papers, place, total in ranked]
