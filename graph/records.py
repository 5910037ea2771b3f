"""Plain records that flow between the steps: Paper, Mention, Entity, Link, Result.

The spaCy Doc never leaves the extraction step; everything after it sees only these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "ENTITY_TYPES",
    "ROLES",
    "Source",
    "Paper",
    "Mention",
    "Entity",
    "Link",
    "Result",
]

ENTITY_TYPES = ("Method", "Model", "Benchmark", "Dataset", "Organization", "Hardware", "Metric", "Task")
"""Entity types, as in the annotation standard (Task is the topic type)."""

ROLES = ("proposes", "evaluatesOn", "uses")
"""Paper-entity roles, strongest first: one link per paper and entity keeps the strongest."""


@dataclass(frozen=True)
class Source:
    """Where a paper record was read: the file and the line its title starts on."""

    path: str
    line: int


@dataclass(frozen=True)
class Paper:
    """One paper, merged over every source it was found in.

    `title` and `abstract` are what extraction reads, LaTeX markup cleaned out; when the
    source wrote them differently, `raw_title` / `raw_abstract` keep the source's text.
    `date` is ISO (YYYY-MM-DD, or YYYY-MM / YYYY when the source says no more) except for
    page dumps, which give "Mar 17". `categories` are arXiv categories (cs.CL). The
    `archive_methods` and `archive_tasks` are names the Papers with Code archive attached to
    the paper: curated there, not found in the text.
    """

    key: str
    title: str
    abstract: str
    sources: tuple[Source, ...]
    arxiv_id: str | None = None
    url: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    code_urls: tuple[str, ...] = ()
    doi: str | None = None
    categories: tuple[str, ...] = ()
    raw_title: str | None = None
    raw_abstract: str | None = None
    archive_methods: tuple[str, ...] = ()
    archive_tasks: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """Title and abstract as one text; mention offsets count into this string."""
        return f"{self.title}\n\n{self.abstract}"


@dataclass(frozen=True)
class Mention:
    """One place in a paper's text that names an entity."""

    paper: str
    text: str
    start: int
    end: int
    sentence: str
    sent_start: int
    type: str
    rule: str
    role: str = "uses"
    kb_key: str | None = None
    long_form: str | None = None
    variant_of: str | None = None
    typed: bool = True
    """False when the text gave no type: the type is a guess (from the name's form or an evaluation place) or
    the Method default, and counts only where no mention of the entity is typed."""


@dataclass(frozen=True)
class Entity:
    """One real thing: a canonical name, a type, its aliases and links to other entities."""

    key: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    variant_of: str | None = None
    developed_by: str | None = None
    wikidata: str | None = None
    from_kb: bool = False


@dataclass(frozen=True)
class Link:
    """A paper-to-entity edge with the role and the evidence that explains it."""

    paper: str
    entity: str
    role: str
    confidence: float
    evidence: tuple[Mention, ...] = field(default=())
    origin: str = "text"
    """"text" when the extractor found it; "archive" when a source's own metadata asserted it."""


@dataclass(frozen=True)
class Result:
    """A score stated in an abstract: entity reaches value of metric on benchmark."""

    paper: str
    entity: str
    benchmark: str
    metric: str | None
    value: float
    sentence: str
    lower_is_better: bool = False
    """The metric is one where a lower value is better (FID, perplexity): leaderboards rank it lowest first."""
