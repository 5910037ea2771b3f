"""The lookup index: one SQLite file of nodes, names, edges and counts that a lookup opens without reading it all.

`paperkg neighbours` and `paperkg stats` answer from it with a few indexed reads, however large
the graph: no spaCy, no NetworkX, no rebuild. The build writes it with `write_index` from plain
rows; `open_index` opens it read-only for `graph.lookup`.

Tables (every id is a node's position in the graph's node order):

- nodes (id, node, kind, type, label, aliases, label_order, degree, papers): `node` is the
  graph's name for it (`paper:KEY`, `entity:KEY`), `aliases` a JSON list, `label_order` the
  rank of the label as people sort names (casefolded, so that sorting by it is sorting by
  name), `degree` its edges in and out, `papers` its edges from papers.
- names (key, node): every label and alias by its spelling-tolerant key (`names.name_key`).
- edges (source, seq, target, link): `seq` is the edge's position in the graph's edge order;
  the primary key walks a node's edges out, the index `edges_in` its edges in, both in order.
- counts (what, rank, name, n) and leaders (type, rank, label, papers): what `paperkg stats`
  prints, counted once at build time.
- results (seq, paper, system, benchmark, metric, value, lower): the scores abstracts state, by the ids
  of the paper, the system that scored, the benchmark and the metric (NULL when none is named), and
  whether a lower value is the better one (1 for FID, perplexity); indexed by system, benchmark, paper.
- walks (start, depth, position, node, distance, link, papers, place, total): the walks from
  the few nodes with `HUB_DEGREE` edges or more, done at build time and cut to `KEPT` per group
  (`graph.walk`); walked live, a hub of a million-paper graph takes seconds.

Two builds of the same graph with the same SQLite library write the same bytes (one
transaction, rows in a fixed order, no timestamps); another SQLite version may lay out the
same content differently, so compare content with `index_content`, not bytes.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import GraphMissingError, GraphUnreadableError, OutputError
from .names import name_keys
from .walk import DEEPEST, walk

__all__ = ["INDEX_FILE", "LEADERS", "HUB_DEGREE", "KEPT", "write_index", "open_index", "unreadable", "index_content"]

INDEX_FILE = "lookup.sqlite"

LEADERS = 5
"""Most-mentioned entities kept per type for `paperkg stats`."""

HUB_DEGREE = 5000
"""Nodes with this many edges or more are walked at build time (a live walk of 5,000 papers takes about 0.1 s)."""

KEPT = 100
"""Neighbours kept per group of a walk done at build time; a lookup that shows more walks live."""

_FORMAT = 2
"""Kept in SQLite's user_version: an index of another layout is rebuilt, not misread."""

_SCHEMA = """
CREATE TABLE nodes (
    id INTEGER PRIMARY KEY, node TEXT NOT NULL, kind TEXT NOT NULL, type TEXT NOT NULL, label TEXT NOT NULL,
    aliases TEXT NOT NULL, label_order INTEGER NOT NULL, degree INTEGER NOT NULL, papers INTEGER NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, node INTEGER NOT NULL, PRIMARY KEY (key, node)) WITHOUT ROWID;
CREATE TABLE edges (
    source INTEGER NOT NULL, seq INTEGER NOT NULL, target INTEGER NOT NULL, link TEXT NOT NULL, PRIMARY KEY (source, seq)
) WITHOUT ROWID;
CREATE TABLE counts (what TEXT NOT NULL, rank INTEGER NOT NULL, name TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (what, rank)) WITHOUT ROWID;
CREATE TABLE leaders (type TEXT NOT NULL, rank INTEGER NOT NULL, label TEXT NOT NULL, papers INTEGER NOT NULL, PRIMARY KEY (type, rank)) WITHOUT ROWID;
CREATE TABLE results (
    seq INTEGER PRIMARY KEY, paper INTEGER NOT NULL, system INTEGER NOT NULL, benchmark INTEGER NOT NULL, metric INTEGER,
    value REAL NOT NULL, lower INTEGER NOT NULL
);
CREATE TABLE walks (
    start INTEGER NOT NULL, depth INTEGER NOT NULL, position INTEGER NOT NULL, node INTEGER NOT NULL, distance INTEGER NOT NULL,
    link TEXT NOT NULL, papers INTEGER NOT NULL, place INTEGER NOT NULL, total INTEGER NOT NULL, PRIMARY KEY (start, depth, position)
) WITHOUT ROWID;
"""

_INDEXES = (
    "CREATE INDEX edges_in ON edges (target, seq, link)",
    "CREATE INDEX results_system ON results (system)",
    "CREATE INDEX results_benchmark ON results (benchmark)",
    "CREATE INDEX results_paper ON results (paper)",
)
"""Made after the rows are in: one sort instead of an insertion per row."""

NodeRow = tuple[str, str, str, str, list]
"""node, kind, type, label, aliases"""

EdgeRow = tuple[str, str, str]
"""source node, target node, link (a role or a relation)"""

ResultRow = tuple[str, str, str, "str | None", float, bool]
"""paper node, system node, benchmark node, metric node (or None), value, lower is better"""


def write_index(
    path: Path, nodes: Iterable[NodeRow], edges: Iterable[EdgeRow], results: Iterable[ResultRow] = (), *, hub_degree: int = HUB_DEGREE
) -> None:
    """Write the lookup index of a graph's nodes, edges and stated results (in the graph's order) to a new file at `path`.

    `path` must not exist yet: the build writes into its staging folder, which makes the file
    appear whole or not at all.
    """
    if Path(path).exists():
        raise OutputError(f"{path} already exists; the lookup index is written to a new file only")
    nodes = list(nodes)
    ids = {row[0]: number for number, row in enumerate(nodes)}
    kinds = [row[1] for row in nodes]
    degree, papers = Counter(), Counter()
    try:
        db = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as err:
        raise OutputError(f"cannot write {path} ({err}); check the folder exists, is writable and has space") from err
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        db.execute("BEGIN")
        db.executemany("INSERT INTO edges VALUES (?, ?, ?, ?)", _edge_rows(edges, ids, kinds, degree, papers))
        orders = _label_orders(row[3] for row in nodes)
        db.executemany(
            "INSERT INTO nodes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (number, node, kind, type_, label, json.dumps(aliases, ensure_ascii=False), orders[label], degree[number], papers[number])
                for number, (node, kind, type_, label, aliases) in enumerate(nodes)
            ),
        )
        db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", _name_rows(nodes))
        db.executemany(
            "INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (seq, ids[p], ids[s], ids[b], ids[m] if m else None, value, int(lower))
                for seq, (p, s, b, m, value, lower) in enumerate(results)
            ),
        )
        for statement in _INDEXES:
            db.execute(statement)
        _write_counts(db)
        _write_walks(db, hub_degree)
        db.execute(f"PRAGMA user_version = {_FORMAT}")
        db.execute("COMMIT")
    except sqlite3.Error as err:
        raise OutputError(f"cannot write {path} ({err}); check the folder is writable and has space") from err
    finally:
        db.close()


def _edge_rows(edges: Iterable[EdgeRow], ids: dict[str, int], kinds: list[str], degree: Counter, papers: Counter) -> Iterator[tuple]:
    """Edges as id rows, counting each node's degree and its edges from papers on the way."""
    for seq, (source, target, link) in enumerate(edges):
        s, t = ids[source], ids[target]
        degree[s] += 1
        degree[t] += 1
        if kinds[s] == "paper":
            papers[t] += 1
        yield s, seq, t, link


def _label_orders(labels: Iterable[str]) -> dict[str, int]:
    """Each label's rank among all labels casefolded: equal when they differ only in case."""
    folded = {label: label.casefold() for label in labels}
    rank = {text: number for number, text in enumerate(sorted(set(folded.values())))}
    return {label: rank[text] for label, text in folded.items()}


def _name_rows(nodes: list[NodeRow]) -> Iterator[tuple[str, int]]:
    for number, (_node, _kind, _type, label, aliases) in enumerate(nodes):
        for key in name_keys(label, aliases):
            yield key, number


def _write_counts(db: sqlite3.Connection) -> None:
    """Papers, stated results (and the benchmarks they are on), entities by type and links by role, most first (ties in
    order of appearance), and each type's leaders."""
    db.execute("INSERT INTO counts SELECT 'papers', 0, 'Paper', COUNT(*) FROM nodes WHERE kind = 'paper'")
    db.execute("INSERT INTO counts SELECT 'results', 0, 'Result', COUNT(*) FROM results")
    db.execute("INSERT INTO counts SELECT 'results', 1, 'Benchmark', COUNT(DISTINCT benchmark) FROM results")
    db.execute(
        "INSERT INTO counts SELECT 'entities', ROW_NUMBER() OVER (ORDER BY COUNT(*) DESC, MIN(id)), type, COUNT(*) "
        "FROM nodes WHERE kind = 'entity' GROUP BY type"
    )
    db.execute(
        "INSERT INTO counts SELECT 'links', ROW_NUMBER() OVER (ORDER BY COUNT(*) DESC, MIN(seq)), link, COUNT(*) FROM edges GROUP BY link"
    )
    db.execute(
        "INSERT INTO leaders SELECT type, r, label, papers FROM ("
        "  SELECT type, label, papers, ROW_NUMBER() OVER (PARTITION BY type ORDER BY papers DESC, label, id) AS r"
        "  FROM nodes WHERE kind = 'entity'"
        f") WHERE r <= {LEADERS}"
    )


def _write_walks(db: sqlite3.Connection, hub_degree: int) -> None:
    """The walks from every node with `hub_degree` edges or more, at each depth a lookup may ask for, cut to `KEPT` per group."""
    hubs = [start for (start,) in db.execute("SELECT id FROM nodes WHERE degree >= ? ORDER BY id", (hub_degree,))]
    for start in hubs:
        for depth, steps in enumerate(walk(db, start, DEEPEST, KEPT), 1):
            db.executemany(
                "INSERT INTO walks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ((start, depth, position, s.number, s.distance, s.link, s.papers, s.place, s.total) for position, s in enumerate(steps)),
            )


def open_index(directory: Path) -> sqlite3.Connection:
    """The folder's lookup index, read-only; GraphMissingError or GraphUnreadableError saying what to run."""
    directory = Path(directory)
    path = directory / INDEX_FILE
    if not path.is_file():
        raise GraphMissingError.no_file(directory, INDEX_FILE)
    try:
        # immutable: a build never changes the file in place, it replaces it by a rename
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        version = db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as err:
        raise unreadable(directory, err) from err
    if version != _FORMAT:
        db.close()
        raise unreadable(directory, f"index format {version}, this paperkg reads {_FORMAT}")
    return db


def unreadable(directory: Path, why) -> GraphUnreadableError:
    """The error for an index that is there but cannot be read: damaged, edited, or of another layout."""
    return GraphUnreadableError.of(Path(directory) / INDEX_FILE, "a paperkg lookup index", why, directory)


def index_content(directory: Path) -> dict[str, list[tuple]]:
    """Every table's rows in key order: what two indexes must share to answer alike, whatever their bytes."""
    db = open_index(directory)
    try:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")]
        return {table: db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall() for table in tables}
    finally:
        db.close()
