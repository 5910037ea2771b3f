"""What every reader yields: a raw record, plus the text helpers readers share."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from ..errors import InputError

__all__ = [
    "RawRecord",
    "normalise_title",
    "normalise_arxiv_id",
    "normalise_doi",
    "iso_date",
    "join_text",
    "name_list",
    "missing_text",
    "safe_text",
    "too_long",
    "MAX_TITLE",
    "MAX_ABSTRACT",
    "find_urls",
]


@dataclass(frozen=True)
class RawRecord:
    """One paper entry as a reader found it, before papers met in several files merge.

    `title` and `abstract` are the text extraction reads; when a reader cleaned LaTeX out of
    them, `raw_title` and `raw_abstract` keep the text as the source wrote it (else None).
    `archive_methods` and `archive_tasks` are names a curated source (the Papers with Code
    archive) attached to the paper itself, not found in its text.
    """

    title: str
    abstract: str
    path: str
    line: int
    arxiv_id: str | None = None
    url: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    doi: str | None = None
    categories: tuple[str, ...] = ()
    code_urls: tuple[str, ...] = ()
    raw_title: str | None = None
    raw_abstract: str | None = None
    archive_methods: tuple[str, ...] = ()
    archive_tasks: tuple[str, ...] = ()


def normalise_title(title: str) -> str:
    """The key two titles share when they name the same paper.

    >>> normalise_title("  PAL: Program-aided Language Models ")
    'pal program aided language models'
    """
    folded = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(re.findall(r"\w+", folded))


_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z\-]{1,24}(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$", re.IGNORECASE)


def normalise_arxiv_id(value: str | None) -> str | None:
    """An arXiv identifier without prefix, URL or version, or None when it is not one.

    >>> normalise_arxiv_id("https://arxiv.org/abs/2407.03157v2")
    '2407.03157'
    >>> normalise_arxiv_id("arXiv:hep-th/9901001") is None
    False
    >>> normalise_arxiv_id("not an id") is None, normalise_arxiv_id("x" * 100_000) is None
    (True, True)
    """
    if not value:
        return None
    match = _ARXIV_ID.search(value.strip()[-64:])
    return match.group(1) if match else None


_DOI = re.compile(r"\b(10\.\d{4,9}/\S+)")
_ARXIV_DOI = re.compile(r"10\.48550/arxiv\.", re.IGNORECASE)


def normalise_doi(value: str | None) -> str | None:
    """A DOI without resolver prefix or trailing punctuation, or None when there is none.

    DataCite DOIs that arXiv mints for itself (10.48550/arXiv.ID) are not kept as DOIs: they
    only repeat the arXiv id, which `normalise_arxiv_id` reads from them.

    >>> normalise_doi("https://doi.org/10.18653/v1/N19-1423."), normalise_doi("doi:10.1145/3292500.3330701")
    ('10.18653/v1/N19-1423', '10.1145/3292500.3330701')
    >>> normalise_doi("10.48550/arXiv.1706.03762") is None, normalise_doi("n/a") is None
    (True, True)
    """
    if not value:
        return None
    match = _DOI.search(value.strip())
    if not match or _ARXIV_DOI.match(match.group(1)):
        return None
    return match.group(1).rstrip(".,;")


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|T|\s)")


def iso_date(value: Any) -> str | None:
    """An ISO date (YYYY-MM-DD, or YYYY-MM / YYYY when that is all the source says), or None.

    >>> iso_date("2025-05-26T13:55:55.000Z"), iso_date("Mon, 2 Apr 2007 19:18:42 GMT"), iso_date("2019")
    ('2025-05-26', '2007-04-02', '2019')
    >>> iso_date("Mar 17") is None, iso_date("2019-13-01") is None, iso_date(None) is None
    (True, True, True)
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = match.groups()
        try:
            datetime(int(year), int(month or 1), int(day or 1))
        except ValueError:
            return None
        return "-".join(part for part in (year, month, day) if part)
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError):
        pass
    try:
        return datetime.strptime(text, "%d %b %Y").date().isoformat()
    except ValueError:
        return None


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
"""Control characters that are not white space: no text needs them, and ESC can drive a terminal."""

_SURROGATE = re.compile("[\ud800-\udfff]")
"""Halves of UTF-16 pairs standing alone (JSON's "\\ud83e", undecodable file names): no UTF-8 file can hold them."""

_SPACES = re.compile(r"\s+")
_CHUNK = 1 << 20


def safe_text(value: str) -> str:
    """A string any output can hold: lone surrogates become U+FFFD, control characters other than white space go.

    >>> safe_text("A\\ud83e B\\x1b[2J"), safe_text("keeps 🦙 and\\ttabs")
    ('A\ufffd B[2J', 'keeps 🦙 and\\ttabs')
    """
    if _SURROGATE.search(value):
        value = _SURROGATE.sub("\ufffd", value)
    return _CONTROL.sub("", value)


def join_text(value: Any) -> str:
    """A string with its lines joined, runs of whitespace made one space and control characters dropped; "" for non-strings.

    >>> join_text("Large multimodal models,\\n  particularly  in"), join_text(None), join_text("red\\x1b[31m\\x00")
    ('Large multimodal models, particularly in', '', 'red[31m')
    """
    if not isinstance(value, str):
        return ""
    value = safe_text(value)
    if len(value) <= _CHUNK:
        return " ".join(value.split())
    parts, start = [], 0
    while start < len(value):  # a megabyte at a time, cut at white space: never a list of millions of words
        space = _SPACES.search(value, min(start + _CHUNK, len(value)))
        end = space.start() if space else len(value)
        if part := " ".join(value[start:end].split()):
            parts.append(part)
        start = space.end() if space else end
    return " ".join(parts)


def name_list(value: Any) -> tuple[str, ...]:
    """Author names from a list of strings or of {"name": ...} objects, or a comma / "and" string.

    >>> name_list([{"name": "Ann  Lee"}, "Bo", 3, {"x": 1}]), name_list("Ann Lee, Bo and Cy")
    (('Ann Lee', 'Bo'), ('Ann Lee', 'Bo', 'Cy'))
    """
    if isinstance(value, str):
        value = value.replace(" and ", ",").split(",")
    if not isinstance(value, list):
        return ()
    names = (item.get("name") if isinstance(item, dict) else item for item in value)
    return tuple(joined for joined in map(join_text, names) if joined)


def missing_text(title: str, abstract: str, path: str, line: int) -> InputError | None:
    """The error for a record without title or abstract, or None when it has both.

    >>> str(missing_text("T", "", "a.jsonl", 2))
    'a.jsonl:2: record has no abstract (every paper needs a title and an abstract)'
    """
    if title and abstract:
        return None
    missing = " and ".join(name for name, text in (("title", title), ("abstract", abstract)) if not text)
    return InputError(f"record has no {missing} (every paper needs a title and an abstract)", path=path, line=line)


MAX_TITLE = 10_000
"""Characters a title may have: ten times the longest real one, and the longest name the RDF tests try."""

MAX_ABSTRACT = 100_000
"""Characters an abstract may have: fifty times arXiv's limit, far below spaCy's 1,000,000 per text."""


def too_long(title: Any, abstract: Any, path: str, line: int) -> InputError | None:
    """The error for a record whose title or abstract is longer than any real one, or None.

    Readers call it on the values as found, before any cleaning, so that a 50 MB field costs
    one length test and not a pass of the TeX cleaner.

    >>> str(too_long("T", "x" * 200_000, "a.jsonl", 7))
    'a.jsonl:7: abstract is 200,000 characters long, more than an abstract has (at most 100,000); is it the full text? Give the abstract only'
    """
    for field, value, limit in (("title", title, MAX_TITLE), ("abstract", abstract, MAX_ABSTRACT)):
        if isinstance(value, str) and len(value) > limit:
            hint = "is it the full text? Give the abstract only" if field == "abstract" else "is it another field? Give the title only"
            return InputError(
                f"{field} is {len(value):,} characters long, more than {'an' if field == 'abstract' else 'a'} {field} has "
                f"(at most {limit:,}); {hint}",
                path=path,
                line=line,
            )
    return None


_URL = re.compile(r"https?://[^\s{}<>\"']+")


def find_urls(text: str) -> tuple[str, ...]:
    """Distinct http(s) URLs in a text, in order, without trailing punctuation.

    >>> find_urls("Code is at https://github.com/a/b. See https://github.com/a/b{https://github.com/a/b}")
    ('https://github.com/a/b',)
    """
    seen: dict[str, None] = {}
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:)]")
        seen.setdefault(url, None)
    return tuple(seen)
