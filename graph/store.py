"""The persistent Oxigraph store kept beside graph.ttl, so queries need not parse the Turtle again."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pyoxigraph as ox

from .errors import GraphMissingError, GraphUnreadableError
from .outputs import recover, write_atomic

__all__ = ["STORE_DIR", "TURTLE_FILE", "write_store", "open_store"]

STORE_DIR = "store"
TURTLE_FILE = "graph.ttl"
_STAMP = "store.sha256"


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_store(directory: Path) -> Path:
    """Load the folder's graph.ttl into a fresh store and swap it in; the old one stays until then."""
    directory = Path(directory)
    turtle = directory / TURTLE_FILE
    fresh = directory / f".{STORE_DIR}-new"
    shutil.rmtree(fresh, ignore_errors=True)
    store = ox.Store(str(fresh))
    store.bulk_load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    store.flush()
    store.optimize()
    del store
    target, old = directory / STORE_DIR, directory / f".{STORE_DIR}-old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    write_atomic(directory / _STAMP, _digest(turtle) + "\n")
    return target


def open_store(directory: Path) -> ox.Store:
    """The folder's store, read-only; an in-memory load of graph.ttl when the store is missing, stale or unreadable.

    A build killed while moving its outputs into place is completed first (see `outputs.recover`).
    """
    directory = Path(directory)
    recover(directory)
    turtle = directory / TURTLE_FILE
    if not turtle.exists():
        raise GraphMissingError(f"{directory}: no built graph here ({TURTLE_FILE} missing); run `paperkg build SOURCE --out {directory}` first")
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
