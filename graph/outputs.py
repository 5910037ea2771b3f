"""Writing outputs safely: each file through a temporary name, and a build's files all at once.

`write_atomic` replaces one file so that a reader sees the old file or the new one, never
half of one. `replace_outputs` does the same for a whole set of outputs (graph.json, Turtle,
the store, the HTML views): they are written into a staging folder inside the output folder,
and only when every one is complete do they replace the old ones, by renames that a commit
marker makes restartable. A build killed at any point leaves the previous outputs as they
were, or (killed during the renames) outputs that `recover` completes before anything reads
them. One build at a time may write to a folder: a second one is refused.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one build at a time is then up to the user
    fcntl = None

__all__ = ["STAGING_DIR", "write_atomic", "json_chunks", "replace_outputs", "recover"]

STAGING_DIR = ".paperkg-staging"
"""The folder, inside the output folder, where a build writes before its outputs replace the old ones."""

_COMMIT = ".commit"
"""The marker, inside the staging folder, that lists the outputs to move: once it exists the new build wins."""

_REPLACED = ".replaced"
"""Where old output folders go, inside the staging folder, just before the new ones take their place."""


def write_atomic(path: Path, data: str | bytes | Iterable[str]) -> None:
    """Write `data` (text, bytes, or text in pieces) to `path` so that readers see the old file or the
    new one, never half of one."""
    path = Path(path)
    mode = "wb" if isinstance(data, bytes) else "w"
    pieces = [data] if isinstance(data, (str, bytes)) else data
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as handle:
            for piece in pieces:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as err:
        raise OutputError(f"cannot write {path} ({err.strerror or err}); check the folder exists, is writable and has space") from err
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def json_chunks(data: dict) -> Iterator[str]:
    """`json.dumps(data, ensure_ascii=False, sort_keys=True)` in pieces: one per top-level value or list
    item, so a large document is never one string in memory.

    >>> "".join(json_chunks({"b": [1, {"y": 2, "x": "é"}], "a": True}))
    '{"a": true, "b": [1, {"x": "é", "y": 2}]}'
    """
    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    for i, (key, value) in enumerate(sorted(data.items())):
        yield ("{" if i == 0 else ", ") + dumps(key) + ": "
        if isinstance(value, list):
            yield "["
            for j, item in enumerate(value):
                yield (", " if j else "") + dumps(item)
            yield "]"
        else:
            yield dumps(value)
    yield "}" if data else "{}"


@contextmanager
def replace_outputs(out: Path) -> Iterator[Path]:
    """A staging folder to write outputs into; when the block ends without error they replace those in `out`.

    Each file or folder written at the top of the staging folder replaces the one of the same
    name in `out`, folders whole (a views/ folder of the last build loses its stale pages).
    When the block raises (an error, Ctrl-C) `out` is left untouched and the staging folder
    is removed; when the process is killed, the next build or `recover` removes it.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> with replace_outputs(out) as stage:
    ...     write_atomic(stage / "graph.ttl", "<a> <b> <c> .")
    >>> sorted(p.name for p in out.iterdir()), (out / "graph.ttl").read_text()
    (['graph.ttl'], '<a> <b> <c> .')
    >>> shutil.rmtree(out)
    """
    out = Path(out)
    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"cannot make the output folder {out} ({err.strerror or err})") from err
    committed = False
    try:
        with _build_lock(out):
            _finish_or_discard(out)
            stage = out / STAGING_DIR
            stage.mkdir()
            try:
                yield stage
            except BaseException:
                shutil.rmtree(stage, ignore_errors=True)
                raise
            _commit(out, stage)
            committed = True
    finally:
        if created and not committed:
            _remove_if_empty(out)


def recover(out: Path) -> None:
    """Complete the renames of a build killed after it committed, so that `out` holds one build's outputs.

    Readers call it before reading; it does nothing (and needs no write access) unless a commit
    was interrupted, which happens only if a build is killed in the few milliseconds of its renames.
    """
    out = Path(out)
    if not (out / STAGING_DIR / _COMMIT).is_file():
        return
    with _build_lock(out, wait=True):
        if (out / STAGING_DIR / _COMMIT).is_file():
            _finish(out, out / STAGING_DIR)


def _commit(out: Path, stage: Path) -> None:
    _sync_tree(stage)  # files written by other means than write_atomic (a store, a Turtle dump) reach the disk first
    names = sorted((p.name for p in stage.iterdir()), key=lambda name: (not (stage / name).is_dir(), name))
    write_atomic(stage / _COMMIT, "".join(f"{name}\n" for name in names))
    _fsync_dir(stage)
    try:
        _finish(out, stage)
    except OSError as err:
        raise OutputError(
            f"cannot move the new outputs into {out} ({err.strerror or err}); the next build (or query) finishes the move"
        ) from err


def _finish(out: Path, stage: Path) -> None:
    """Move every output the commit marker lists into `out`; safe to repeat after a kill at any step."""
    replaced = stage / _REPLACED
    for name in (stage / _COMMIT).read_text("utf-8").splitlines():
        new, old = stage / name, out / name
        if not os.path.lexists(new):
            continue  # moved before the kill
        if os.path.lexists(old) and (old.is_dir() or new.is_dir()):
            replaced.mkdir(exist_ok=True)
            _remove(replaced / name)
            os.rename(old, replaced / name)
        os.replace(new, old)
    _fsync_dir(out)
    shutil.rmtree(stage)


def _finish_or_discard(out: Path) -> None:
    """Before a build (holding the lock): finish a committed build's renames, or drop a killed build's staging folder."""
    stage = out / STAGING_DIR
    if (stage / _COMMIT).is_file():
        _finish(out, stage)
    else:
        _remove(stage)


@contextmanager
def _build_lock(out: Path, *, wait: bool = False) -> Iterator[None]:
    """An exclusive advisory lock on the output folder itself, released when the process ends, however it ends."""
    if fcntl is None:
        yield
        return
    fd = os.open(out, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                f"another paperkg build is writing to {out}; wait for it to finish, or build into another --out folder"
            ) from None
        yield
    finally:
        os.close(fd)


def _sync_tree(folder: Path) -> None:
    """fsync every file and folder under `folder`, so that the commit marker never lands before the data it vouches for."""
    for where, _dirs, files in os.walk(folder):
        for name in files:
            fd = os.open(os.path.join(where, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(where))


def _fsync_dir(folder: Path) -> None:
    """Make renames in `folder` durable (a no-op where folders cannot be opened, as on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    """Delete a file or a folder tree, if there is one."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass
