"""arXiv records: the metadata snapshot (one JSON object a line) and daily listing records.

Both carry arXiv's own text, TeX included: titles and abstracts are cleaned for extraction
and kept as written in `raw_title` / `raw_abstract`. Links to code and project pages that
authors put in the comments field are kept with the ones found in the abstract.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from .base import RawRecord, find_urls, iso_date, join_text, name_list, normalise_arxiv_id, normalise_doi
from .latex import clean_latex, record_texts

__all__ = ["is_snapshot_record", "snapshot_record", "is_listing_record", "listing_record", "comment_urls"]


def is_snapshot_record(value: dict) -> bool:
    """The arXiv metadata snapshot: categories as one string, versions or authors_parsed.

    >>> is_snapshot_record({"id": "0704.0001", "categories": "hep-ph", "versions": []})
    True
    """
    return isinstance(value.get("categories"), str) and ("versions" in value or "authors_parsed" in value or "update_date" in value)


def snapshot_record(value: dict, path: str, line: int) -> RawRecord | InputError:
    """A RawRecord from one snapshot object; the date is that of the first version.

    >>> r = snapshot_record({"id": "0704.0001", "title": "Calculation of\\n  $\\\\gamma$ rays",
    ...     "abstract": "  A fully\\ndifferential calculation.\\n", "categories": "hep-ph cs.LG",
    ...     "versions": [{"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"}],
    ...     "authors_parsed": [["Bal\\\\'azs", "C.", ""], ["Berger", "E. L.", "Jr"]], "doi": "10.1103/PhysRevD.76.013009"},
    ...     "s.json", 1)
    >>> r.title, r.raw_title, r.abstract, r.date, r.authors, r.categories, r.doi
    ('Calculation of γ rays', 'Calculation of $\\\\gamma$ rays', 'A fully differential calculation.', '2007-04-02', ('C. Balázs', 'E. L. Berger Jr'), ('hep-ph', 'cs.LG'), '10.1103/PhysRevD.76.013009')
    """
    texts = record_texts(value.get("title"), value.get("abstract"), path, line)
    if isinstance(texts, InputError):
        return texts
    title, raw_title, abstract, raw_abstract = texts
    versions = value.get("versions")
    first = versions[0] if isinstance(versions, list) and versions and isinstance(versions[0], dict) else {}
    return RawRecord(
        title=title,
        abstract=abstract,
        path=path,
        line=line,
        arxiv_id=normalise_arxiv_id(_string(value.get("id"))),
        date=iso_date(first.get("created")) or iso_date(value.get("update_date")),
        authors=_parsed_authors(value.get("authors_parsed")) or _latex_names(name_list(value.get("authors"))),
        doi=normalise_doi(_string(value.get("doi"))),
        categories=tuple(value["categories"].split()),
        code_urls=comment_urls(value.get("comments")),
        raw_title=raw_title,
        raw_abstract=raw_abstract,
    )


def is_listing_record(value: dict) -> bool:
    """A daily arXiv listing record: categories as a list, the abstract as `summary`, abs/pdf links.

    >>> is_listing_record({"id": "2505.18291", "categories": ["cs.CV"], "summary": "x", "abs": "https://arxiv.org/abs/2505.18291"})
    True
    """
    return isinstance(value.get("categories"), list) and "summary" in value and ("abs" in value or "pdf" in value)


def listing_record(value: dict, path: str, line: int) -> RawRecord | InputError:
    """A RawRecord from one listing object; listings carry no date, so the arXiv id's month is used.

    >>> r = listing_record({"id": "2505.18291", "title": "Instruct\\\\emph{Part}", "summary": "Vision\\nmodels.",
    ...     "authors": ["Zifu Wan"], "categories": ["cs.CV", "cs.RO"], "abs": "https://arxiv.org/abs/2505.18291",
    ...     "comment": "ACL 2025. Project page:\\n  https://zifuwan.github.io/InstructPart/"}, "l.jsonl", 3)
    >>> r.title, r.abstract, r.date, r.categories, r.code_urls, r.url
    ('InstructPart', 'Vision models.', '2025-05', ('cs.CV', 'cs.RO'), ('https://zifuwan.github.io/InstructPart/',), 'https://arxiv.org/abs/2505.18291')
    """
    texts = record_texts(value.get("title"), value.get("summary"), path, line)
    if isinstance(texts, InputError):
        return texts
    title, raw_title, abstract, raw_abstract = texts
    arxiv_id = normalise_arxiv_id(_string(value.get("id"))) or normalise_arxiv_id(_string(value.get("abs")))
    return RawRecord(
        title=title,
        abstract=abstract,
        path=path,
        line=line,
        arxiv_id=arxiv_id,
        url=value["abs"] if isinstance(value.get("abs"), str) and value["abs"].startswith("http") else None,
        date=_id_month(arxiv_id),
        authors=_latex_names(name_list(value.get("authors"))),
        categories=tuple(c for c in value["categories"] if isinstance(c, str) and c.strip()),
        code_urls=comment_urls(value.get("comment")),
        raw_title=raw_title,
        raw_abstract=raw_abstract,
    )


_NOT_CODE = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "https://arxiv.org/", "http://arxiv.org/")


def comment_urls(comment: Any) -> tuple[str, ...]:
    """Links in an arXiv comments field (code, project pages), without DOI and arXiv links.

    >>> comment_urls("Code: \\\\url{https://github.com/a/b}; published as https://doi.org/10.1/x")
    ('https://github.com/a/b',)
    """
    return tuple(url for url in find_urls(join_text(comment)) if not url.startswith(_NOT_CODE))


def _id_month(arxiv_id: str | None) -> str | None:
    """YYYY-MM from a new-style arXiv id (2505.18291 was first submitted in May 2025)."""
    if not arxiv_id or "/" in arxiv_id:
        return None
    return iso_date(f"20{arxiv_id[:2]}-{arxiv_id[2:4]}")


def _parsed_authors(value: Any) -> tuple[str, ...]:
    """Names from authors_parsed ([last, first, suffix] lists), first name first."""
    if not isinstance(value, list):
        return ()
    names = (
        " ".join(join_text(part) for part in (parts[1:2] + parts[:1] + parts[2:3]) if join_text(part))
        for parts in value
        if isinstance(parts, list)
    )
    return _latex_names(tuple(names))


def _latex_names(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(clean for clean in map(clean_latex, names) if clean)


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) else str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
