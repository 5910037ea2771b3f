"""The Papers with Code archive, papers-with-abstracts.json: one object per paper, with its tasks and methods.

Papers with Code closed in 2025; its dumps are what remains. Its `tasks` and `methods` lists
were curated on the site, not read from the abstract: they travel as `archive_tasks` and
`archive_methods`, apart from anything the extractor finds.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from .base import RawRecord, iso_date, name_list, normalise_arxiv_id
from .latex import record_texts

__all__ = ["is_archive_paper", "archive_record"]


def is_archive_paper(value: dict) -> bool:
    """An archive record: it has the paper_url of its (former) Papers with Code page, or url_abs and methods.

    >>> is_archive_paper({"paper_url": "https://paperswithcode.com/paper/x", "title": "T"})
    True
    """
    return "paper_url" in value or ("url_abs" in value and "methods" in value)


def archive_record(value: dict, path: str, line: int) -> RawRecord | InputError:
    """A RawRecord from one archive object.

    >>> r = archive_record({"paper_url": "https://paperswithcode.com/paper/attention", "arxiv_id": "1706.03762",
    ...     "title": "Attention Is All You Need", "abstract": "The dominant sequence\\ntransduction models.",
    ...     "url_abs": "http://arxiv.org/abs/1706.03762v5", "date": "2017-06-12", "authors": ["Ashish Vaswani"],
    ...     "tasks": ["Machine Translation", ""], "methods": [{"name": "Transformer", "full_name": "Transformer"}, "Adam"]},
    ...     "pwc.json", 1)
    >>> r.arxiv_id, r.abstract, r.url, r.date, r.archive_tasks, r.archive_methods
    ('1706.03762', 'The dominant sequence transduction models.', 'http://arxiv.org/abs/1706.03762v5', '2017-06-12', ('Machine Translation',), ('Transformer', 'Adam'))
    """
    texts = record_texts(value.get("title"), value.get("abstract"), path, line)
    if isinstance(texts, InputError):
        return texts
    title, raw_title, abstract, raw_abstract = texts
    arxiv_id = value.get("arxiv_id")
    url = value.get("url_abs")
    return RawRecord(
        title=title,
        abstract=abstract,
        path=path,
        line=line,
        arxiv_id=normalise_arxiv_id(arxiv_id) if isinstance(arxiv_id, str) else None,
        url=url if isinstance(url, str) and url.startswith("http") else None,
        date=iso_date(value.get("date")),
        authors=name_list(value.get("authors")),
        raw_title=raw_title,
        raw_abstract=raw_abstract,
        archive_methods=_distinct(value.get("methods")),
        archive_tasks=_distinct(value.get("tasks")),
    )


def _distinct(value: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name_list(value))) if isinstance(value, list) else ()
