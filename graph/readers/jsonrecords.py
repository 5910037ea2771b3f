"""Reader for JSON Lines and JSON arrays of paper records; each record's shape picks how it is read."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from ..errors import InputError
from .arxiv import is_listing_record, is_snapshot_record, listing_record, snapshot_record
from .base import RawRecord, join_text, missing_text, name_list, normalise_arxiv_id, too_long
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
    except (ValueError, RecursionError):
        yield from read_json_lines(text, path)
        return
    yield record_from_mapping(value, path, 1)


def read_json_lines(text: str, path: str) -> Iterator[RawRecord | InputError]:
    """One record per non-blank line; a bad line yields an InputError naming that line.

    Lines end at "\\n" only: JSON strings may hold U+2028 and other characters that
    `str.splitlines` would break a line at.

    >>> [r.title for r in read_json_lines('{"title": "T\u2028U", "abstract": "A"}\\n\\n', "x.jsonl")]
    ['T U']
    """
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError) as err:
            yield InputError(f"{_json_problem(err)}; each line must be one JSON object", path=path, line=line_no)
            continue
        yield record_from_mapping(value, path, line_no)


def read_json_array(text: str, path: str) -> Iterator[RawRecord | InputError]:
    """One record per element of a top-level JSON array; the element's position stands for its line."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as err:
        yield InputError(_json_problem(err), path=path, line=getattr(err, "lineno", None))
        return
    if not isinstance(value, list):
        yield InputError(f"expected a JSON array of paper records, found {_kind(value)}", path=path)
        return
    for index, item in enumerate(value, start=1):
        yield record_from_mapping(item, path, index)


def _json_problem(err: ValueError | RecursionError) -> str:
    """What is wrong with a JSON text, from the error `json.loads` raised: a syntax error, nesting, a 5,000-digit number."""
    if isinstance(err, json.JSONDecodeError):
        return f"not valid JSON ({err.msg} at column {err.colno})"
    if isinstance(err, RecursionError):
        return "not readable JSON (nested too deeply for a paper record)"
    return f"not readable JSON ({err})"


def record_from_mapping(value: Any, path: str, line: int) -> RawRecord | InputError:
    """A RawRecord from one JSON object of any known shape, or an InputError saying what is missing."""
    if not isinstance(value, dict):
        return InputError(f"expected a JSON object with title and abstract, found {_kind(value)}", path=path, line=line)
    for _name, matches, read in SHAPES:
        if matches(value):
            return read(value, path, line)
    return plain_record(value, path, line)


def plain_record(value: dict, path: str, line: int) -> RawRecord | InputError:
    """A record in paperkg's own plain shape: title, abstract (or summary), and optional id, url, date, authors.

    Its text is taken as written: no LaTeX cleaning, since nothing says it is TeX.
    """
    if problem := too_long(value.get("title"), next((value[f] for f in _ABSTRACT_FIELDS if value.get(f)), None), path, line):
        return problem
    title = join_text(value.get("title"))
    abstract = next((join_text(value.get(f)) for f in _ABSTRACT_FIELDS if join_text(value.get(f))), "")
    if not any(f in value for f in ("title", *_ABSTRACT_FIELDS)):
        return InputError(_wrong_shape(value), path=path, line=line)
    for field, text in (("title", title), ("abstract", abstract)):
        written = value.get(field)
        if not text and written is not None and not isinstance(written, str):
            return InputError(f"{field} is {_kind(written)}, expected text", path=path, line=line)
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


def _kind(value: Any) -> str:
    """A JSON value's kind, for messages.

    >>> _kind(3), _kind([1]), _kind({}), _kind(None), _kind(True)
    ('a number', 'a list', 'an object', 'null', 'true/false')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return {int: "a number", float: "a number", str: "text", list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _wrong_shape(value: dict) -> str:
    """The message for a JSON object that is no paper record of any shape paperkg knows.

    >>> _wrong_shape({"papers": [{"title": "T"}], "total": 1})
    'expected a paper record with "title" and "abstract", found an object with keys "papers", "total"; to read the records in "papers", give them as a JSON array or JSON Lines (e.g. jq -c \\'.papers[]\\' FILE)'
    """
    keys = ", ".join(json.dumps(key, ensure_ascii=False)[:40] for key in list(value)[:8]) + (", ..." if len(value) > 8 else "")
    message = f'expected a paper record with "title" and "abstract", found an object with {"keys " + keys if value else "no keys"}'
    listed = next((key for key, item in value.items() if isinstance(item, list) and item and isinstance(item[0], dict)), None)
    if listed is not None:
        path = f".{listed}" if listed.isidentifier() else f".[{json.dumps(listed)}]"
        message += f"; to read the records in {json.dumps(listed)}, give them as a JSON array or JSON Lines (e.g. jq -c '{path}[]' FILE)"
    return message
