"""Reader for JSON Lines and JSON arrays of paper records with at least title and abstract."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from .base import RawRecord, normalise_arxiv_id

__all__ = ["read_json_lines", "read_json_array", "record_from_mapping"]

_ABSTRACT_FIELDS = ("abstract", "summary")
_ID_FIELDS = ("arxiv_id", "id")
_URL_FIELDS = ("url", "abs", "url_abs", "paper_url")
_DATE_FIELDS = ("date", "publishedAt", "published", "update_date")


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
    """One record per element of a top-level JSON array."""
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
    """A RawRecord from one JSON object, or an InputError saying what is missing."""
    if not isinstance(value, dict):
        return InputError(f"expected a JSON object with title and abstract, found {type(value).__name__}", path=path, line=line)
    title = _text(value.get("title"))
    abstract = next((_text(value.get(f)) for f in _ABSTRACT_FIELDS if _text(value.get(f))), "")
    if not title or not abstract:
        missing = " and ".join(name for name, text in (("title", title), ("abstract", abstract)) if not text)
        return InputError(f"record has no {missing}", path=path, line=line)
    arxiv_id = next((normalise_arxiv_id(str(value[f])) for f in _ID_FIELDS if value.get(f)), None)
    return RawRecord(
        title=title,
        abstract=abstract,
        path=path,
        line=line,
        arxiv_id=arxiv_id,
        url=next((str(value[f]) for f in _URL_FIELDS if isinstance(value.get(f), str)), None),
        date=next((str(value[f]) for f in _DATE_FIELDS if value.get(f)), None),
        authors=_authors(value.get("authors")),
    )


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _authors(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(name.strip() for name in value.replace(" and ", ",").split(",") if name.strip())
    if isinstance(value, list):
        names = (item.get("name") if isinstance(item, dict) else item for item in value)
        return tuple(name.strip() for name in names if isinstance(name, str) and name.strip())
    return ()
