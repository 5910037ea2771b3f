"""Read paper sources (files, folders) into merged Paper records; formats chosen from a table."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..records import Paper, Source
from .base import RawRecord, find_urls, normalise_title
from .jsonrecords import read_json_array, read_json_lines
from .pagedump import read_pagedump

__all__ = ["READERS", "ReadReport", "read_sources", "merge_records", "paper_key", "iter_source_files"]

Reader = Callable[[str, str], Iterator[RawRecord | InputError]]

READERS: dict[str, Reader] = {
    ".txt": read_pagedump,
    ".jsonl": read_json_lines,
    ".ndjson": read_json_lines,
    ".json": read_json_array,
}
"""File suffix -> reader. A folder argument reads every file with one of these suffixes."""


@dataclass
class ReadReport:
    """What reading found: the merged papers and the records it had to skip."""

    papers: list[Paper]
    records: int = 0
    skipped: list[InputError] = field(default_factory=list)


def iter_source_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every supported file named or found (sorted) in the folders named."""
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS)
            if not found:
                raise InputError(f"folder has no supported files ({', '.join(sorted(READERS))})", path=str(path))
            yield from found
        elif path.is_file():
            if path.suffix.lower() not in READERS:
                raise InputError(f"unknown format {path.suffix or '(no suffix)'!r}; supported: {', '.join(sorted(READERS))}", path=str(path))
            yield path
        else:
            raise InputError("no such file or folder", path=str(path))


def read_sources(paths: Iterable[str | Path], *, strict: bool = False) -> ReadReport:
    """Read every source, skip (or, when strict, raise on) bad records, merge duplicates."""
    records: list[RawRecord] = []
    skipped: list[InputError] = []
    for path in iter_source_files(paths):
        text = _read_text(path)
        for item in READERS[path.suffix.lower()](text, str(path)):
            if isinstance(item, InputError):
                if strict:
                    raise item
                skipped.append(item)
            else:
                records.append(item)
    return ReadReport(papers=merge_records(records), records=len(records), skipped=skipped)


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text (byte {err.start}); convert it with iconv -t UTF-8", path=str(path)) from err


def paper_key(record: RawRecord) -> str:
    """The identity of a paper: its arXiv id when known, else a hash of its normalised title.

    >>> paper_key(RawRecord("PAL: Program-aided LMs", "a", "f", 1, arxiv_id="2211.10435"))
    'arxiv-2211.10435'
    """
    if record.arxiv_id:
        return f"arxiv-{record.arxiv_id.replace('/', '_')}"
    digest = hashlib.sha1(normalise_title(record.title).encode("utf-8")).hexdigest()[:12]
    return f"title-{digest}"


def merge_records(records: Iterable[RawRecord]) -> list[Paper]:
    """One Paper per real paper: records sharing an arXiv id or a normalised title merge.

    The first record met gives title and abstract; later ones add sources and missing fields.
    """
    groups: dict[str, list[RawRecord]] = {}
    by_title: dict[str, str] = {}
    for record in records:
        title_key = normalise_title(record.title)
        key = paper_key(record)
        if key not in groups and title_key in by_title and (
            not record.arxiv_id or by_title[title_key].startswith("title-")
        ):
            key = by_title[title_key]
        groups.setdefault(key, []).append(record)
        by_title.setdefault(title_key, key)
    return [_merge(key, group) for key, group in groups.items()]


def _merge(key: str, group: list[RawRecord]) -> Paper:
    first = group[0]

    def pick(attribute: str):
        return next((getattr(r, attribute) for r in group if getattr(r, attribute)), None)

    return Paper(
        key=key,
        title=first.title,
        abstract=first.abstract,
        sources=tuple(dict.fromkeys(Source(r.path, r.line) for r in group)),
        arxiv_id=pick("arxiv_id"),
        url=pick("url"),
        date=pick("date"),
        authors=pick("authors") or (),
        code_urls=find_urls(" ".join(r.abstract for r in group)),
    )
