"""Open a source as text: a file, a gzip-compressed file, or standard input ("-")."""

from __future__ import annotations

import codecs
import gzip
import re
import sys
import zlib
from pathlib import Path

from ..errors import InputError

__all__ = ["STDIN", "STDIN_NAME", "BINARY_KINDS", "is_stdin", "source_name", "format_suffix", "read_text"]

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
    """The text of a source, read whole: gunzipped when it starts like gzip (whatever its name),
    decoded as UTF-8, or as UTF-16/UTF-32 when a byte-order mark says so, with every line ending
    made "\\n". Binary data and text in another encoding raise an InputError saying what to do.
    """
    name = source_name(path)
    data = _read_stdin() if is_stdin(path) else _read_file(Path(path))
    if data[:2] == _GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as err:
            raise InputError(f"not a readable gzip file ({err}); check that it was copied whole (gzip -t tests it)", path=name) from err
    text = _decode(data, name)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


BINARY_KINDS: tuple[tuple[re.Pattern[bytes], str, str], ...] = tuple(
    (re.compile(magic), kind, advice)
    for magic, kind, advice in (
        (rb"%PDF-", "a PDF document", "give its title and abstract as text (JSON Lines, BibTeX) instead"),
        (rb"PK\x03\x04", "a ZIP archive (or an Office document)", "unzip it and give the files inside"),
        (rb"BZh[1-9]", "bzip2-compressed data", "decompress it first (bunzip2), or compress it with gzip instead"),
        (rb"\xfd7zXZ\x00", "xz-compressed data", "decompress it first (xz -d), or compress it with gzip instead"),
        (rb"\x28\xb5\x2f\xfd", "zstd-compressed data", "decompress it first (zstd -d), or compress it with gzip instead"),
        (rb"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "extract it and give the files inside"),
        (rb"SQLite format 3\x00", "an SQLite database", "export the papers as JSON Lines first"),
    )
)
"""Leading bytes of binary formats people hand over by mistake: what it is, and what to do instead."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""Byte-order marks and the codec that reads past them; UTF-32's is tested before UTF-16's, which it starts with."""

_SUPPORTED_TEXT = "paper records as UTF-8 text (JSON, JSON Lines, BibTeX or page text), plain or gzipped"


def _decode(data: bytes, name: str) -> str:
    encoding = next((codec for bom, codec in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        _refuse_binary(data, name)
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        byte = data[err.start : err.start + 1].hex()
        label = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
        hint = (
            f"if it is Latin-1 or Windows-1252, convert it with: {_iconv('WINDOWS-1252', name)}"
            if label == "UTF-8"
            else "its byte-order mark says so, but the text after it is not; save it again as UTF-8"
        )
        raise InputError(f"not {label} text (byte 0x{byte} at column {column}); {hint}", path=name, line=line) from err


def _refuse_binary(data: bytes, name: str) -> None:
    """Raise an InputError when the data is a known binary format, or has NUL bytes as no text does."""
    for magic, kind, advice in BINARY_KINDS:
        if magic.match(data):
            raise InputError(f"{kind}, not text: paperkg reads {_SUPPORTED_TEXT}; {advice}", path=name)
    head = data[:8192]
    nul = head.find(b"\x00")
    if nul < 0:
        return
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if max(odd, even) > len(head) // 4 and min(odd, even) < len(head) // 64:
        encoding = "UTF-16LE" if odd > even else "UTF-16BE"
        raise InputError(f"looks like UTF-16 text without a byte-order mark; convert it with: {_iconv(encoding, name)}", path=name)
    raise InputError(f"binary data, not text (a NUL byte at offset {nul}): paperkg reads {_SUPPORTED_TEXT}", path=name)


def _iconv(encoding: str, name: str) -> str:
    """The command that converts a source to UTF-8.

    >>> _iconv("WINDOWS-1252", "data/papers.jsonl"), _iconv("UTF-16LE", "<stdin>")
    ('iconv -f WINDOWS-1252 -t UTF-8 data/papers.jsonl > data/papers.utf8.jsonl', '... | iconv -f UTF-16LE -t UTF-8 | paperkg build -')
    """
    if name == STDIN_NAME:
        return f"... | iconv -f {encoding} -t UTF-8 | paperkg build -"
    path = Path(name)
    return f"iconv -f {encoding} -t UTF-8 {name} > {path.with_name(path.stem + '.utf8' + path.suffix)}"


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read it ({err.strerror or err}); check that it is a readable file", path=str(path)) from err


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    return stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
