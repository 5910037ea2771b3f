"""Hugging Face Daily Papers API items: {"paper": {id, title, summary, authors, publishedAt, ...}, ...}.

The paper's `id` is its arXiv id and its `summary` the arXiv abstract, TeX included. A bare
paper object (the /api/papers/ID answer) reads the same way.
"""

from __future__ import annotations

from ..errors import InputError
from .base import RawRecord, iso_date, name_list, normalise_arxiv_id
from .latex import clean_latex, record_texts

__all__ = ["is_daily_papers_item", "daily_papers_record"]

_LINK_FIELDS = ("githubRepo", "projectPage")


def is_daily_papers_item(value: dict) -> bool:
    """A Daily Papers item (a `paper` object inside) or a bare paper object with publishedAt.

    >>> is_daily_papers_item({"paper": {"id": "2505.1"}, "title": "T"}), is_daily_papers_item({"title": "T"})
    (True, False)
    """
    return isinstance(value.get("paper"), dict) or ("publishedAt" in value and "summary" in value)


def daily_papers_record(value: dict, path: str, line: int) -> RawRecord | InputError:
    """A RawRecord from one item; upvotes and comment counts change daily and are not kept.

    >>> r = daily_papers_record({"paper": {"id": "2505.20411", "title": "SWE-rebench",
    ...     "summary": "We build\\na $\\\\times$2 set.", "authors": [{"name": "Ann Lee", "hidden": False}],
    ...     "publishedAt": "2025-05-26T13:55:55.000Z", "upvotes": 9, "githubRepo": "https://github.com/a/b"}}, "hf.json", 2)
    >>> r.arxiv_id, r.abstract, r.raw_abstract, r.authors, r.date, r.code_urls
    ('2505.20411', 'We build a ×2 set.', 'We build a $\\\\times$2 set.', ('Ann Lee',), '2025-05-26', ('https://github.com/a/b',))
    """
    paper = value["paper"] if isinstance(value.get("paper"), dict) else value
    texts = record_texts(paper.get("title") or value.get("title"), paper.get("summary"), path, line)
    if isinstance(texts, InputError):
        return texts
    title, raw_title, abstract, raw_abstract = texts
    paper_id = paper.get("id")
    return RawRecord(
        title=title,
        abstract=abstract,
        path=path,
        line=line,
        arxiv_id=normalise_arxiv_id(paper_id) if isinstance(paper_id, str) else None,
        date=iso_date(paper.get("publishedAt")) or iso_date(value.get("publishedAt")),
        authors=tuple(clean for clean in map(clean_latex, name_list(paper.get("authors"))) if clean),
        code_urls=tuple(
            dict.fromkeys(paper[f] for f in _LINK_FIELDS if isinstance(paper.get(f), str) and paper[f].startswith("http"))
        ),
        raw_title=raw_title,
        raw_abstract=raw_abstract,
    )
