"""Open a source as text: a file, a gzip-compressed file, or standard input ("-")."""

from __future__ import annotations

import gzip
import sys
import zlib
from pathlib import Path

from ..errors import InputError

__all__ = ["STDIN", "STDIN_NAME", "is_stdin", "source_name", "format_suffix", "read_text"]

STDIN = "-"
"""The source path that means standard input."""

STDIN_NAME = "<stdin>"
"""How records read from standard input name their source."""

_GZIP_MAGIC = b"\x1f\x8b"


def is_stdin(path: str | Path) -> bool:
    return str(path) == STDIN


def source_name(path: str | Path) -> str:
    """The name records and errors give a source: its path, or <stdin>."""
    return STDIN_NAME if is_stdin(path) else str(path)


def format_suffix(path: str | Path) -> str:
    """The suffix that names the format, looking under a .gz; "" when there is none.

    >>> format_suffix("a/2025-05-27.jsonl.gz"), format_suffix("refs.BIB"), format_suffix("papers.gz"), format_suffix("-")
    ('.jsonl', '.bib', '', '')
    """
    suffixes = [s.lower() for s in Path(str(path)).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def read_text(path: str | Path) -> str:
    """The text of a source: read whole, gunzipped when it starts like gzip (whatever its name), UTF-8 decoded."""
    name = source_name(path)
    data = _read_stdin() if is_stdin(path) else _read_file(Path(path))
    if data[:2] == _GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as err:
            raise InputError(f"not a readable gzip file ({err})", path=name) from err
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text (byte {err.start}); convert it with iconv -t UTF-8", path=name) from err


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read it ({err.strerror or err})", path=str(path)) from err


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    return stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
