"""What every reader yields: a raw record, plus the text helpers readers share."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["RawRecord", "normalise_title", "normalise_arxiv_id", "find_urls"]


@dataclass(frozen=True)
class RawRecord:
    """One paper entry as a reader found it, before papers met in several files merge."""

    title: str
    abstract: str
    path: str
    line: int
    arxiv_id: str | None = None
    url: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()


def normalise_title(title: str) -> str:
    """The key two titles share when they name the same paper.

    >>> normalise_title("  PAL: Program-aided Language Models ")
    'pal program aided language models'
    """
    folded = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(re.findall(r"\w+", folded))


_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$", re.IGNORECASE)


def normalise_arxiv_id(value: str | None) -> str | None:
    """An arXiv identifier without prefix, URL or version, or None when it is not one.

    >>> normalise_arxiv_id("https://arxiv.org/abs/2407.03157v2")
    '2407.03157'
    >>> normalise_arxiv_id("arXiv:hep-th/9901001") is None
    False
    >>> normalise_arxiv_id("not an id") is None
    True
    """
    if not value:
        return None
    match = _ARXIV_ID.search(value.strip())
    return match.group(1) if match else None


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
