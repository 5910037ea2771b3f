"""Reader for BibTeX files with abstract fields (a reference manager's export), through bibtexparser 2.

Titles and abstracts are cleaned of TeX for extraction ({BERT} becomes BERT) and kept as
written; names are read the BibTeX way ("Vaswani, Ashish" is Ashish Vaswani) with accents
composed. An arXiv id is taken from eprint, an arXiv DOI, URL or "arXiv preprint" journal.
An entry without an abstract is a bad record: skipped and counted like any other.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import bibtexparser
from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts, split_multiple_persons_names
from bibtexparser.model import Entry

from ..errors import InputError
from .base import RawRecord, iso_date, join_text, normalise_arxiv_id, normalise_doi
from .latex import clean_latex, record_texts

__all__ = ["read_bibtex", "looks_like_bibtex", "bibtex_names"]

_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+\s*[{(]", re.MULTILINE)
_MONTHS = {name: number for number, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
     "sep sept september", "oct october", "nov november", "dec december"), start=1) for name in names.split()}


def looks_like_bibtex(text: str) -> bool:
    """True when an entry (@article{, @misc( ...) starts a line near the top of the text.

    >>> looks_like_bibtex("% from Zotero\\n@inproceedings{vaswani2017,"), looks_like_bibtex('{"title": 1}')
    (True, False)
    """
    return _ENTRY_START.search(text[:20_000]) is not None


def read_bibtex(text: str, path: str) -> Iterator[RawRecord | InputError]:
    """One record per entry, in file order; a block bibtexparser cannot parse yields an InputError.

    An entry whose key repeats an earlier one is still read: it merges with the first when
    both describe the same paper.

    >>> recs = list(read_bibtex("@article{k, title={{BERT}: Pre-training},\\n abstract={We\\n  introduce.}, year=2019}", "r.bib"))
    >>> [(r.title, r.raw_title, r.abstract, r.date, r.line) for r in recs]
    [('BERT: Pre-training', '{BERT}: Pre-training', 'We introduce.', '2019', 1)]
    """
    library = _parse(text)
    items: list[tuple[int, RawRecord | InputError]] = []
    for entry in library.entries:
        items.append((entry.start_line, _record(entry, path)))
    for block in library.failed_blocks:
        duplicate = getattr(block, "ignore_error_block", None)
        if isinstance(duplicate, Entry):
            items.append((block.start_line, _record(duplicate, path)))
        else:
            error = block.error
            problem = (getattr(error, "abort_reason", None) or str(error) or type(error).__name__).strip()
            items.append((block.start_line, InputError(f"not a valid BibTeX entry ({problem})", path=path, line=_line(block.start_line))))
    for _, item in sorted(items, key=lambda pair: pair[0] or 0):
        yield item


def bibtex_names(value: str) -> tuple[str, ...]:
    """Author names, first name first, TeX accents composed; "and others" is dropped.

    >>> bibtex_names("Vaswani, Ashish and M{\\\\\\"u}ller, J. and Ludwig van Beethoven and {Barnes and Noble} and others")
    ('Ashish Vaswani', 'J. Müller', 'Ludwig van Beethoven', 'Barnes and Noble')
    """
    names = []
    for written in split_multiple_persons_names(join_text(value)):
        if written.strip().casefold() == "others":
            continue
        try:
            merged = parse_single_name_into_parts(written).merge_first_name_first
        except InvalidNameError:
            merged = written  # "Smith, Jr, John, III": not a BibTeX name; kept as written
        if clean := clean_latex(merged):
            names.append(clean)
    return tuple(names)


def _parse(text: str) -> bibtexparser.Library:
    """bibtexparser's parse, with its own log lines silenced: failed blocks are reported as InputErrors."""
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        return bibtexparser.parse_string(text)
    finally:
        logger.setLevel(level)


def _record(entry: Entry, path: str) -> RawRecord | InputError:
    line = _line(entry.start_line)
    written = {key.lower(): field.value for key, field in entry.fields_dict.items() if isinstance(field.value, str)}
    texts = record_texts(written.get("title"), written.get("abstract"), path, line)
    if isinstance(texts, InputError):
        return InputError(f"entry {entry.key!r}: {texts.message}", path=path, line=line)
    title, raw_title, abstract, raw_abstract = texts
    fields = {key: join_text(value) for key, value in written.items()}
    url = fields.get("url") or None
    return RawRecord(
        title=title,
        abstract=abstract,
        path=path,
        line=line,
        arxiv_id=_arxiv_id(fields),
        url=url if url and url.startswith("http") else None,
        date=_date(fields),
        authors=bibtex_names(fields.get("author", "")),
        doi=normalise_doi(fields.get("doi")),
        raw_title=raw_title,
        raw_abstract=raw_abstract,
    )


def _arxiv_id(fields: dict[str, str]) -> str | None:
    prefix = fields.get("archiveprefix", fields.get("eprinttype", "")).casefold()
    candidates = [
        fields.get("eprint") if prefix in ("arxiv", "") else None,
        fields.get("doi") if "10.48550/arxiv." in fields.get("doi", "").casefold() else None,
        fields.get("url") if "arxiv.org/" in fields.get("url", "") else None,
        fields.get("journal") if "arxiv" in fields.get("journal", "").casefold() else None,
        fields.get("volume") if fields.get("journal", "").casefold() == "corr" else None,
    ]
    return next((found for found in map(normalise_arxiv_id, filter(None, candidates)) if found), None)


def _date(fields: dict[str, str]) -> str | None:
    if found := iso_date(fields.get("date")):
        return found
    year = iso_date(fields.get("year"))
    month = _MONTHS.get(fields.get("month", "").casefold().rstrip("."))
    if month is None and fields.get("month", "").isdigit() and 1 <= int(fields["month"]) <= 12:
        month = int(fields["month"])
    return f"{year}-{month:02d}" if year and len(year) == 4 and month else year


def _line(start_line: int | None) -> int:
    """bibtexparser counts lines from 0; paperkg, like an editor, from 1."""
    return (start_line or 0) + 1
