"""The persistent Oxigraph store kept beside graph.ttl, so queries need not parse the Turtle again."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import GraphMissingError, GraphUnreadableError
from .outputs import recover, write_atomic

__all__ = ["STORE_DIR", "TURTLE_FILE", "write_stamp", "open_store"]

STORE_DIR = "store"
TURTLE_FILE = "graph.ttl"
_STAMP = "store.stamp"


def _digest(path: Path) -> str:
    """What identifies one written graph.ttl cheaply: its size and modification time (renames keep both)."""
    stat = path.stat()
    return f"{stat.st_size} {stat.st_mtime_ns}"


def write_stamp(directory: Path) -> None:
    """Record which graph.ttl the folder's store holds, so that a store gone stale is never read."""
    write_atomic(Path(directory) / _STAMP, _digest(Path(directory) / TURTLE_FILE) + "\n")


def open_store(directory: Path) -> ox.Store:
    """The folder's store, read-only; an in-memory load of graph.ttl when the store is missing, stale or unreadable.

    A build killed while moving its outputs into place is completed first (see `outputs.recover`).
    """
    directory = Path(directory)
    recover(directory)
    turtle = directory / TURTLE_FILE
    if not turtle.exists():
        raise GraphMissingError.no_file(directory, TURTLE_FILE)
    stamp = directory / _STAMP
    if (directory / STORE_DIR).is_dir() and stamp.exists() and stamp.read_text().strip() == _digest(turtle):
        try:
            return ox.Store.read_only(str(directory / STORE_DIR))
        except OSError:
            pass  # swapped or damaged under us: graph.ttl says the same
    store = ox.Store()
    try:
        store.bulk_load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    except SyntaxError as err:
        raise GraphUnreadableError(
            f"{turtle}: not valid Turtle ({err.msg if hasattr(err, 'msg') else err}); it was edited or damaged: "
            f"run `paperkg build SOURCE --out {directory}` again"
        ) from err
    return store
