"""Reader for JSON Lines and JSON arrays of paper records; each record's shape picks how it is read."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from ..errors import InputError
from .arxiv import is_listing_record, is_snapshot_record, listing_record, snapshot_record
from .base import RawRecord, join_text, missing_text, name_list, normalise_arxiv_id
from .hfdaily import daily_papers_record, is_daily_papers_item
from .pwc import archive_record, is_archive_paper

__all__ = ["SHAPES", "read_json", "read_json_lines", "read_json_array", "record_from_mapping", "plain_record", "looks_like_json"]

_ABSTRACT_FIELDS = ("abstract", "summary")
_ID_FIELDS = ("arxiv_id", "id")
_URL_FIELDS = ("url", "abs", "url_abs", "paper_url")
_DATE_FIELDS = ("date", "publishedAt", "published", "update_date")

Shape = tuple[str, Callable[[dict], bool], Callable[[dict, str, int], RawRecord | InputError]]

SHAPES: tuple[Shape, ...] = (
    ("Hugging Face Daily Papers", is_daily_papers_item, daily_papers_record),
    ("Papers with Code archive", is_archive_paper, archive_record),
    ("arXiv metadata snapshot", is_snapshot_record, snapshot_record),
    ("arXiv daily listing", is_listing_record, listing_record),
)
"""Record shapes, tried in order on every JSON object; one that matches none is a plain record."""


def looks_like_json(text: str) -> bool:
    """True when the text starts (after blanks) like a JSON object or array.

    >>> looks_like_json('  [{"title": "T"}]'), looks_like_json("@article{x,")
    (True, False)
    """
    return text.lstrip()[:1] in ("{", "[")


def read_json(text: str, path: str) -> Iterator[RawRecord | InputError]:
    """A JSON array, one JSON object, or JSON Lines: whichever the text is.

    The arXiv snapshot is JSON Lines although its file is called .json; an API answer saved
    to a file is one array. A text that is one object is one record.

    >>> [r.title for r in read_json('{"title": "A", "abstract": "x"}\\n{"title": "B", "abstract": "y"}', "s.json")]
    ['A', 'B']
    """
    if text.lstrip()[:1] == "[":
        yield from read_json_array(text, path)
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        yield from read_json_lines(text, path)
        return
    yield record_from_mapping(value, path, 1)


def read_json_lines(text: str, path: str) -> Iterator[RawRecord | InputError]:
    """One record per non-blank line; a bad line yields an InputError naming that line.

    >>> [r.title for r in read_json_lines('{"title": "T", "abstract": "A"}\\n\\n', "x.jsonl")]
    ['T']
    """
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(f"not valid JSON ({err.msg} at column {err.colno})", path=path, line=line_no)
            continue
        yield record_from_mapping(value, path, line_no)


def read_json_array(text: str, path: str) -> Iterator[RawRecord | InputError]:
    """One record per element of a top-level JSON array; the element's position stands for its line."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        yield InputError(f"not valid JSON ({err.msg})", path=path, line=err.lineno)
        return
    if not isinstance(value, list):
        yield InputError(f"expected a JSON array of paper records, found {type(value).__name__}", path=path)
        return
    for index, item in enumerate(value, start=1):
        yield record_from_mapping(item, path, index)


def record_from_mapping(value: Any, path: str, line: int) -> RawRecord | InputError:
    """A RawRecord from one JSON object of any known shape, or an InputError saying what is missing."""
    if not isinstance(value, dict):
        return InputError(f"expected a JSON object with title and abstract, found {type(value).__name__}", path=path, line=line)
    for _name, matches, read in SHAPES:
        if matches(value):
            return read(value, path, line)
    return plain_record(value, path, line)


def plain_record(value: dict, path: str, line: int) -> RawRecord | InputError:
    """A record in paperkg's own plain shape: title, abstract (or summary), and optional id, url, date, authors.

    Its text is taken as written: no LaTeX cleaning, since nothing says it is TeX.
    """
    title = join_text(value.get("title"))
    abstract = next((join_text(value.get(f)) for f in _ABSTRACT_FIELDS if join_text(value.get(f))), "")
    if problem := missing_text(title, abstract, path, line):
        return problem
    arxiv_id = next((normalise_arxiv_id(str(value[f])) for f in _ID_FIELDS if value.get(f)), None)
    return RawRecord(
        title=title,
        abstract=abstract,
        path=path,
        line=line,
        arxiv_id=arxiv_id,
        url=next((str(value[f]) for f in _URL_FIELDS if isinstance(value.get(f), str)), None),
        date=next((str(value[f]) for f in _DATE_FIELDS if value.get(f)), None),
        authors=name_list(value.get("authors")),
    )
