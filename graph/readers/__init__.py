"""Read paper sources (files, folders, stdin) into merged Paper records; formats chosen from tables.

A file's suffix picks its reader (looking under .gz); where the name says nothing (standard
input, a bare .gz, an unknown suffix) the content does. Inside JSON, each record's shape picks
how it is read (see `jsonrecords.SHAPES`): the arXiv snapshot, daily arXiv listings, Hugging
Face Daily Papers, the Papers with Code archive, or paperkg's plain records.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from ..errors import InputError
from ..records import Paper, Source
from .base import RawRecord, find_urls, normalise_title, safe_text
from .bibtex import looks_like_bibtex, read_bibtex
from .jsonrecords import looks_like_json, read_json, read_json_lines
from .pagedump import looks_like_pagedump, read_pagedump
from .sources import STDIN, format_suffix, is_stdin, read_text, source_name

__all__ = [
    "READERS",
    "SNIFFERS",
    "STDIN",
    "ReadReport",
    "read_sources",
    "reader_for",
    "merge_records",
    "paper_key",
    "iter_source_files",
]

Reader = Callable[[str, str], Iterator[RawRecord | InputError]]

READERS: dict[str, Reader] = {
    ".txt": read_pagedump,
    ".jsonl": read_json_lines,
    ".ndjson": read_json_lines,
    ".json": read_json,
    ".bib": read_bibtex,
}
"""File suffix -> reader, also under .gz (papers.jsonl.gz). A folder argument reads every file with one of these."""

SNIFFERS: tuple[tuple[str, Callable[[str], bool], Reader], ...] = (
    ("JSON or JSON Lines", looks_like_json, read_json),
    ("BibTeX", looks_like_bibtex, read_bibtex),
    ("Daily Papers page text", looks_like_pagedump, read_pagedump),
)
"""Content tests, in order, for a source whose name does not say its format."""

_SUPPORTED = f"{', '.join(sorted(READERS))}, any of them gzipped (.gz), or - for standard input"


@dataclass
class ReadReport:
    """What reading found: the merged papers and the records it had to skip."""

    papers: list[Paper]
    records: int = 0
    skipped: list[InputError] = field(default_factory=list)


def iter_source_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every source named, and every supported file found (sorted) in the folders named; "-" is stdin."""
    for path in map(Path, paths):
        if is_stdin(path):
            yield path
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and format_suffix(p) in READERS)
            if not found:
                raise InputError(f"folder has no supported files ({_SUPPORTED})", path=str(path))
            yield from found
        elif path.is_file():
            yield path
        else:
            raise InputError("no such file or folder", path=str(path))


def reader_for(path: str | Path, text: str) -> Reader:
    """The reader of a source: by its suffix when that names a format, else by its content.

    >>> reader_for("refs.bib", "").__name__, reader_for("-", '{"title": "T"}').__name__
    ('read_bibtex', 'read_json')
    """
    suffix = format_suffix(path)
    if suffix in READERS:
        return READERS[suffix]
    for _name, looks_like, reader in SNIFFERS:
        if looks_like(text):
            return reader
    what = "standard input" if is_stdin(path) else f"unknown format {suffix or '(no suffix)'!r}"
    kinds = ", ".join(name for name, _, _ in SNIFFERS)
    raise InputError(f"{what}, and the content is not {kinds}; supported: {_SUPPORTED}", path=source_name(path))


def read_sources(paths: Iterable[str | Path], *, strict: bool = False) -> ReadReport:
    """Read every source, skip (or, when strict, raise on) bad records, merge duplicates.

    A source that cannot be read as text (binary, not UTF-8, a broken gzip file) or that holds
    no records (an empty file) counts as one bad record. Sources that are not there, and
    files whose format is unknown, are usage errors and always raise. When no good record
    is left at all, the InputError raised lists the first problems met.
    """
    records: list[RawRecord] = []
    skipped: list[InputError] = []

    def bad(problem: InputError) -> None:
        if strict:
            raise problem
        skipped.append(problem)

    for path in iter_source_files(paths):
        name = source_name(path)
        try:
            text = read_text(path)
        except InputError as problem:
            bad(problem)
            continue
        if not text.strip():
            bad(InputError(f"the file is empty; expected paper records ({_SUPPORTED})", path=name))
            continue
        reader, found = reader_for(path, text), 0
        for item in reader(text, name):
            found += 1
            if isinstance(item, InputError):
                bad(item)
            else:
                records.append(_safe_record(item))
        if not found:
            bad(InputError(f"found no paper records in it; expected {_EXPECTED[reader]}", path=name))
    if not records:
        raise InputError(_nothing_read(skipped))
    return ReadReport(papers=merge_records(records), records=len(records), skipped=skipped)


def _safe_record(record: RawRecord) -> RawRecord:
    """The record with every string field (urls, dates, ids, the path too) made safe to write and to print."""
    changes = {}
    for item in fields(record):
        value = getattr(record, item.name)
        if isinstance(value, str):
            safe = safe_text(value)
        elif isinstance(value, tuple):
            safe = tuple(safe_text(v) if isinstance(v, str) else v for v in value)
        else:
            continue
        if safe != value:
            changes[item.name] = safe
    return replace(record, **changes) if changes else record


_EXPECTED: dict[Reader, str] = {
    read_pagedump: "titles and abstracts as paragraphs separated by blank lines",
    read_json_lines: "one JSON object with title and abstract on each line",
    read_json: "JSON objects with title and abstract (an array, JSON Lines, or one object)",
    read_bibtex: "BibTeX entries (@article{key, title = {...}, abstract = {...}})",
}
"""What each reader reads, for the message about a source in which it found nothing."""


def _nothing_read(skipped: list[InputError], shown: int = 5) -> str:
    """The message when no source gave a single good record: how many bad ones, and the first few."""
    if not skipped:
        return "no papers found in the sources"
    lines = [f"no papers found: every record read was bad ({len(skipped)} problem{'s' if len(skipped) > 1 else ''}):"]
    lines += [f"  {problem}" for problem in skipped[:shown]]
    if len(skipped) > shown:
        lines.append(f"  ... and {len(skipped) - shown} more")
    return "\n".join(lines)


def paper_key(record: RawRecord) -> str:
    """The identity of a paper: its arXiv id when known, else its DOI, else a hash of its normalised title.

    >>> paper_key(RawRecord("PAL: Program-aided LMs", "a", "f", 1, arxiv_id="2211.10435"))
    'arxiv-2211.10435'
    >>> paper_key(RawRecord("BERT", "a", "f", 1, doi="10.18653/v1/N19-1423"))
    'doi-10.18653_v1_n19-1423'
    """
    if record.arxiv_id:
        return f"arxiv-{record.arxiv_id.replace('/', '_')}"
    if record.doi:
        return "doi-" + re.sub(r"[^a-z0-9._-]", "_", record.doi.casefold())
    digest = hashlib.sha1(normalise_title(record.title).encode("utf-8")).hexdigest()[:12]
    return f"title-{digest}"


def merge_records(records: Iterable[RawRecord]) -> list[Paper]:
    """One Paper per real paper: records sharing an arXiv id, a DOI or a normalised title merge.

    A record joins the paper its arXiv id names, else the one its DOI names, else the one
    with its title, but never a paper with a different arXiv id (two papers may share a DOI
    by mistake, or a title). The first record met gives title and abstract; later ones add
    sources and missing fields, and the paper's key comes from the best identity any of
    its records has, so it does not depend on the order the sources were read in.
    """
    groups: list[list[RawRecord]] = []
    arxiv_of: list[str | None] = []
    index_of: dict[tuple[str, str], int] = {}
    for record in records:
        identities = _identities(record)
        found = next(
            (index_of[i] for i in identities if i in index_of and _agree(record.arxiv_id, arxiv_of[index_of[i]])),
            None,
        )
        if found is None:
            found = len(groups)
            groups.append([])
            arxiv_of.append(None)
        groups[found].append(record)
        arxiv_of[found] = arxiv_of[found] or record.arxiv_id
        for identity in identities:
            index_of.setdefault(identity, found)
    return [_merge(group) for group in groups]


def _identities(record: RawRecord) -> list[tuple[str, str]]:
    """The keys a record can be found by, strongest first."""
    title = normalise_title(record.title)
    candidates = [("arxiv", record.arxiv_id), ("doi", record.doi.casefold() if record.doi else None), ("title", title)]
    return [(kind, value) for kind, value in candidates if value]


def _agree(one: str | None, other: str | None) -> bool:
    return one is None or other is None or one == other


_DATE_PRECISION = (re.compile(r"\d{4}-\d{2}-\d{2}"), re.compile(r"\d{4}-\d{2}"), re.compile(r"\d{4}"))


def _precision(date: str) -> int:
    """3 for a full ISO date, 2 for a month, 1 for a year, 0 for anything else ("Mar 17")."""
    return next((3 - rank for rank, pattern in enumerate(_DATE_PRECISION) if pattern.fullmatch(date)), 0)


def _merge(group: list[RawRecord]) -> Paper:
    first = group[0]

    def pick(attribute: str):
        return next((getattr(r, attribute) for r in group if getattr(r, attribute)), None)

    def union(attribute: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(value for r in group for value in getattr(r, attribute)))

    dates = [r.date for r in group if r.date]
    return Paper(
        key=paper_key(replace(first, arxiv_id=pick("arxiv_id"), doi=pick("doi"))),
        title=first.title,
        abstract=first.abstract,
        sources=tuple(dict.fromkeys(Source(r.path, r.line) for r in group)),
        arxiv_id=pick("arxiv_id"),
        url=pick("url"),
        date=max(dates, key=_precision, default=None),
        authors=pick("authors") or (),
        code_urls=tuple(dict.fromkeys(find_urls(" ".join(r.abstract for r in group)) + union("code_urls"))),
        doi=pick("doi"),
        categories=union("categories"),
        raw_title=first.raw_title,
        raw_abstract=first.raw_abstract,
        archive_methods=union("archive_methods"),
        archive_tasks=union("archive_tasks"),
    )
