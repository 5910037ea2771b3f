"""Neighbourhood lookups and counts from a built graph's lookup index; no spaCy, no rebuild."""

from __future__ import annotations

import difflib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NotFoundError
from .index import KEPT, open_index, unreadable
from .names import name_key
from .outputs import recover
from .walk import walk

__all__ = ["LookupIndex", "Neighbour", "Neighbourhood", "Group", "StatedScore", "load_index"]


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


@dataclass(frozen=True)
class Group:
    """Neighbours alike in distance, link, kind and type, and how many there are in all."""

    distance: int
    link: str
    kind: str
    type: str
    count: int


@dataclass(frozen=True)
class StatedScore:
    """A score an abstract states: the system, its value of a metric (if named) on a benchmark, and the paper."""

    system: str
    benchmark: str
    metric: str | None
    value: float
    paper: str


@dataclass
class Neighbourhood:
    """A node and the nodes around it, nearest first; with a limit, the first few of each group.

    `results` are the scores stated by, for or in the node (as system, benchmark or paper), by
    benchmark and metric, the best first (the highest, or the lowest for FID, perplexity and other
    measures where lower is better); with a limit, the first few, and `result_count` says how many
    there are in all."""

    id: str
    label: str
    kind: str
    type: str
    aliases: list[str]
    neighbours: list[Neighbour] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    results: list[StatedScore] = field(default_factory=list)
    result_count: int = 0
    homonyms: list[dict] = field(default_factory=list)
    """Other entities the name names (two papers coining one acronym for two things): label, type and aliases."""

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "type": self.type,
            "aliases": self.aliases,
            "neighbours": [n.__dict__ for n in self.neighbours],
            "groups": [g.__dict__ for g in self.groups],
            "results": [r.__dict__ for r in self.results],
            "result_count": self.result_count,
            "homonyms": self.homonyms,
        }


class LookupIndex:
    """Nodes by spelling-tolerant name, and their neighbourhoods, from a build's lookup index."""

    def __init__(self, db: sqlite3.Connection, directory: Path):
        self.db = db
        self.directory = Path(directory)

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Turn what SQLite says of a damaged or foreign file into GraphUnreadableError."""
        try:
            yield
        except sqlite3.ProgrammingError:
            raise  # a query of ours that is wrong: a bug, not a damaged file
        except (sqlite3.DatabaseError, json.JSONDecodeError, KeyError) as err:
            raise unreadable(self.directory, err) from err

    def _rows(self, sql: str, params=()) -> list[tuple]:
        with self._reading():
            return self.db.execute(sql, params).fetchall()

    def find(self, name: str) -> int:
        """The node a name or alias names (entities before papers, then the most connected); NotFoundError with suggestions."""
        key = name_key(name)
        found = self._rows(
            "SELECT nodes.id FROM names JOIN nodes ON nodes.id = names.node WHERE names.key = ? "
            "ORDER BY nodes.kind != 'entity', nodes.degree DESC, nodes.node LIMIT 1",
            (key,),
        )
        if found:
            return found[0][0]
        raise NotFoundError(f"nothing named {name!r} in the graph", self.suggestions(key))

    def suggestions(self, key: str, n: int = 5) -> list[str]:
        """Labels of up to `n` names close to a name key, chosen among the few keys `_nearby_keys` reads."""
        close = difflib.get_close_matches(key, self._nearby_keys(key), n=n, cutoff=0.75)
        if not close:
            return []
        marks = ", ".join("?" * len(close))
        rows = self._rows(
            f"SELECT label FROM nodes WHERE id IN (SELECT MIN(node) FROM names WHERE key IN ({marks}) GROUP BY key)", close
        )
        return sorted({label for (label,) in rows})

    def _nearby_keys(self, key: str, per_start: int = 200) -> list[str]:
        """Keys that may be `key` with one slip, read by index: a bounded set for `difflib`.

        A name with one slip (a letter dropped, added, changed or two swapped) starts with the
        same three characters as the name, or with three characters one slip away from them.
        Each such start is looked up as a key range, taking names of about the same length and
        at most `per_start` of them: a few hundred index reads instead of every key.
        """
        starts = {key[:3]} | {variant[:3] for variant in _one_slip(key[:4])}
        keys: set[str] = set()
        for start in filter(None, starts):
            keys.update(k for (k,) in self._rows(
                "SELECT DISTINCT key FROM names WHERE key >= ? AND key < ? AND length(key) BETWEEN ? AND ? LIMIT ?",
                (start, start + "\U0010ffff", len(key) - 2, len(key) + 2, per_start),
            ))
        return sorted(keys)

    def neighbourhood(self, name: str, depth: int = 2, limit: int | None = None) -> Neighbourhood:
        """The node named and everything within `depth` steps, nearest first (see `graph.walk.walk`).

        With a `limit`, only the first `limit` of each group (distance, link, kind, type) are
        listed, and `groups` says how many each holds. The walks of the few hubs were done at
        build time for limits up to `KEPT`; any other walk is done here.
        """
        start = self.find(name)
        (node, label, kind, type_, aliases), = self._rows("SELECT node, label, kind, type, aliases FROM nodes WHERE id = ?", (start,))
        with self._reading():
            hood = Neighbourhood(node, label, kind, type_, json.loads(aliases))
            kept = self._walked_at_build(start, depth, limit) if limit is not None and limit <= KEPT else None
            if kept is None:
                kept = [
                    (Neighbour(s.node, s.label, s.kind, s.type, s.distance, s.link, s.papers), s.total)
                    for s in walk(self.db, start, depth, limit)[-1]
                ]
        groups = {}
        for neighbour, total in kept:
            hood.neighbours.append(neighbour)
            groups[(neighbour.distance, neighbour.link, neighbour.kind, neighbour.type)] = total
        hood.groups = [Group(*group, count) for group, count in groups.items()]
        hood.results, hood.result_count = self._results(start, limit)
        hood.homonyms = [
            {"label": label, "type": type_, "aliases": json.loads(aliases)}
            for label, type_, aliases in self._rows(
                "SELECT label, type, aliases FROM names JOIN nodes ON nodes.id = names.node "
                "WHERE names.key = ? AND nodes.id != ? AND nodes.kind = 'entity' ORDER BY nodes.degree DESC, nodes.node",
                (name_key(name), start),
            )
        ]
        return hood

    def _results(self, start: int, limit: int | None) -> tuple[list[StatedScore], int]:
        """The scores stated with the node as system, benchmark or paper (see `Neighbourhood`), and how many."""
        where = "FROM results AS r WHERE r.system = ?1 OR r.benchmark = ?1 OR r.paper = ?1"
        (count,), = self._rows(f"SELECT COUNT(*) {where}", (start,))
        rows = self._rows(
            "SELECT s.label, b.label, m.label, r.value, p.label FROM (SELECT * " + where + ") AS r "
            "JOIN nodes AS s ON s.id = r.system JOIN nodes AS b ON b.id = r.benchmark JOIN nodes AS p ON p.id = r.paper "
            "LEFT JOIN nodes AS m ON m.id = r.metric "
            "ORDER BY b.label_order, b.id, m.label_order, CASE WHEN r.lower THEN r.value ELSE -r.value END, s.label_order, r.seq "
            "LIMIT ?2",
            (start, -1 if limit is None else limit),
        )
        return [StatedScore(*row) for row in rows], count

    def _walked_at_build(self, start: int, depth: int, limit: int) -> list[tuple[Neighbour, int]] | None:
        """The neighbours (and group sizes) of a walk the build did, or None when it did none from `start`."""
        (stored,), = self._rows("SELECT MAX(depth) FROM walks WHERE start = ? AND depth <= ?", (start, depth))
        if stored is None:
            return None
        rows = self._rows(
            "SELECT n.node, n.label, n.kind, n.type, w.distance, w.link, w.papers, w.total FROM walks AS w JOIN nodes AS n ON n.id = w.node "
            "WHERE w.start = ? AND w.depth = ? AND w.place <= ? ORDER BY w.position",
            (start, stored, limit),
        )
        return [(Neighbour(*row[:7]), row[7]) for row in rows]

    def stats(self) -> dict:
        """Counts by kind, type and role, stated results, and the entities with most papers per type, as the build counted them."""
        counts: dict[str, dict[str, int]] = {"papers": {}, "results": {}, "entities": {}, "links": {}}
        for what, name, n in self._rows("SELECT what, name, n FROM counts ORDER BY what, rank"):
            counts[what][name] = n
        top: dict[str, list[tuple[str, int]]] = {}
        for type_, label, papers in self._rows("SELECT type, label, papers FROM leaders ORDER BY type, rank"):
            top.setdefault(type_, []).append((label, papers))
        return {
            "papers": sum(counts["papers"].values()),
            "results": counts["results"].get("Result", 0),
            "result_benchmarks": counts["results"].get("Benchmark", 0),
            "entities": counts["entities"],
            "links": counts["links"],
            "top": top,
        }


_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


def _one_slip(text: str) -> set[str]:
    """Every text one letter dropped, added, changed or two swapped away (added and changed letters:
    ASCII letters and digits, and the text's own).

    >>> sorted(v for v in _one_slip("ab") if len(v) < 2)
    ['a', 'b']
    >>> {"ba", "xab", "ax"} <= _one_slip("ab")
    True
    """
    letters = set(_LETTERS) | set(text)
    splits = [(text[:i], text[i:]) for i in range(len(text) + 1)]
    dropped = {a + b[1:] for a, b in splits if b}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changed = {a + c + b[1:] for a, b in splits if b for c in letters}
    added = {a + c + b for a, b in splits for c in letters}
    return dropped | swapped | changed | added


def load_index(directory: Path) -> LookupIndex:
    """The lookup index of a built graph folder (a build killed while moving its outputs into place is completed first)."""
    recover(Path(directory))
    return LookupIndex(open_index(directory), directory)

