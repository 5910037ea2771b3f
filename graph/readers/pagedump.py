"""Reader for text dumps of Hugging Face Daily Papers pages: title line, blank, abstract."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import InputError
from .base import RawRecord, join_text, too_long

__all__ = ["read_pagedump", "looks_like_pagedump"]

PAGE_CHROME = frozenset(
    {
        "new",
        "get trending papers in your email inbox!",
        "subscribe",
        "daily papers",
        "by ak and the research community",
        "byak and the research community",
    }
)
_DATE_LINE = re.compile(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}(, \d{4})?")


def looks_like_pagedump(text: str) -> bool:
    """True when the text has the page chrome of a Daily Papers dump."""
    head = {line.strip().casefold() for line in text[:20_000].splitlines()[:20]}
    return bool(head & PAGE_CHROME)


def read_pagedump(text: str, path: str) -> Iterator[RawRecord | InputError]:
    """Yield one record per title/abstract pair; an unpaired title yields an InputError.

    Paragraphs are separated by blank lines; page chrome is skipped and a date line
    ("Mar 17") becomes the date of the papers that follow it.

    >>> recs = list(read_pagedump("new\\n\\nMar 17\\n\\nA Title\\n\\nAn abstract.\\n", "p.txt"))
    >>> [(r.title, r.abstract, r.date, r.line) for r in recs]
    [('A Title', 'An abstract.', 'Mar 17', 5)]
    """
    date = None
    title: tuple[str, int] | None = None
    for line_no, paragraph in _paragraphs(text):
        if not paragraph or paragraph.casefold() in PAGE_CHROME:
            continue
        if _DATE_LINE.fullmatch(paragraph):
            date = paragraph
            continue
        if title is None:
            title = (paragraph, line_no)
            continue
        yield too_long(title[0], paragraph, path, title[1]) or RawRecord(
            title=title[0], abstract=paragraph, path=path, line=title[1], date=date
        )
        title = None
    if title is not None:
        yield InputError(
            f"title {title[0][:60]!r} has no abstract after it (a page dump is a title line, a blank line, then the abstract)",
            path=path,
            line=title[1],
        )


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Blank-line separated paragraphs, each joined to one line, with its first line number."""
    lines: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line)
        elif lines:
            yield start, join_text(" ".join(lines))
            lines = []
    if lines:
        yield start, join_text(" ".join(lines))
