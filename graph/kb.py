"""The curated knowledge base of the field: loading its data files and looking names up in it."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .names import FUNCTION_WORDS, case_key, name_key, slug, words

__all__ = ["KBEntry", "KnowledgeBase", "load_kb", "KB_DIR"]

KB_DIR = Path(__file__).parent / "data" / "kb"


@dataclass(frozen=True)
class KBEntry:
    """One known entity: canonical name, type, aliases and its links to other entries."""

    key: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    variant_of: str | None = None
    developed_by: str | None = None
    wikidata: str | None = None
    also_types: tuple[str, ...] = ()
    case_sensitive: bool = False
    case_sensitive_aliases: tuple[str, ...] = ()
    ambiguous: bool = False
    lower_is_better: bool = False
    """For a metric: a lower value is a better score (FID, perplexity, WER)."""

    def exact_only(self, name: str) -> bool:
        """True when this spelling is an ordinary word too and must match with its exact case."""
        return self.case_sensitive or name in self.case_sensitive_aliases

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class KnowledgeBase:
    """Known entities indexed by spelling-tolerant name keys, plus the generic terms to ignore.

    >>> kb = KnowledgeBase([KBEntry("math", "MATH", "Benchmark", case_sensitive=True)], generic=["LLM"])
    >>> [e.name for e in kb.lookup("MATH")], kb.lookup("math"), kb.is_generic("LLMs")
    (['MATH'], [], True)
    >>> [KnowledgeBase([KBEntry("multipl-e", "MultiPL-E", "Benchmark")]).lookup(w) for w in ("multiple", "Multiple")]
    [[], []]
    >>> [KnowledgeBase([], generic=["Swift", "SOTA"]).is_generic(w) for w in ("Swift", "SWIFT", "SOTA")]  # SWIFT is an acronym
    [True, False, True]
    """

    def __init__(self, entries, generic=(), topics=()):
        self.entries: dict[str, KBEntry] = {}
        self._index: dict[str, list[tuple[KBEntry, str | None, str]]] = {}
        self._word_counts: dict[str, tuple[int, ...]] = {}
        for entry in entries:
            if entry.key in self.entries:
                continue
            self.entries[entry.key] = entry
            for name in entry.names:
                key = name_key(name)
                if not key:
                    continue
                spelling = case_key(name) if entry.exact_only(name) else None
                bucket = self._index.setdefault(key, [])
                if (entry, spelling, name) not in bucket:
                    bucket.append((entry, spelling, name))
                _count_words(self._word_counts, name)
        self.generic = {name_key(term) for term in generic}
        self.generic |= {key + "s" for key in self.generic}
        self._word_generics = {name_key(term) for term in generic if term.isalpha() and (term.istitle() or term.islower())}
        """Generic terms that are words, not acronyms ("Swift", "Python"): the same letters in capitals are an acronym ("SWIFT")."""
        self.topics: dict[str, str] = {}
        self._topic_word_counts: dict[str, tuple[int, ...]] = {}
        for phrase, topic in topics:
            self.topics[name_key(phrase)] = topic
            _count_words(self._topic_word_counts, phrase)
        self._initials: dict[tuple[str, str], set[str]] = defaultdict(set)
        for entry in self.entries.values():
            for name in entry.names:
                words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in FUNCTION_WORDS]
                if len(words) >= 2 and all(w[0].isalpha() for w in words):
                    self._initials[("".join(w[0] for w in words).lower(), entry.type)].add(entry.key)

    def lookup(self, surface: str) -> list[KBEntry]:
        """Entries a surface form may name.

        Case-sensitive spellings need their exact case; plain lower-case words only match a
        known spelling in lower case ("gpt-4" is GPT-4 and "chain-of-thought" is
        Chain-of-Thought, but "contrastive decoding" names nothing); and a plain word matches
        only a spelling of the same letters ("Multiple" at a sentence start is not MultiPL-E).
        """
        bucket = self._index.get(name_key(surface))
        if not bucket:
            return []  # most words: decided without the checks below
        exact = case_key(surface)
        lower = surface.islower() and not re.search(r"[\d@\-]", surface)
        plain = surface.isalpha()
        found: list[KBEntry] = []
        for entry, spelling, name in bucket:
            if spelling is not None and spelling != exact:
                continue
            if (lower and not name.islower()) or (plain and name.casefold() != surface.casefold()):
                continue
            if entry not in found:
                found.append(entry)
        return found

    def spelled_by(self, short: str, entity_type: str) -> KBEntry | None:
        """The one known entity of a type whose name's words begin with the letters of `short`, if one only:
        "MAE" as a measure is the mean absolute error (as a method it would be masked autoencoders).

        >>> kb = KnowledgeBase([KBEntry("mean-absolute-error", "mean absolute error", "Metric")])
        >>> kb.spelled_by("MAE", "Metric").key, kb.spelled_by("MAE", "Method")
        ('mean-absolute-error', None)
        """
        keys = self._initials.get((short.lower(), entity_type), ())
        return self.entries[next(iter(keys))] if len(keys) == 1 else None

    def word_counts(self, first_word: str) -> list[int]:
        """How many words a known name starting with this word may have, longest first (1 always).

        >>> KnowledgeBase([KBEntry("cnn-dailymail", "CNN/DailyMail", "Dataset")]).word_counts("CNN")
        (2, 1)
        >>> KnowledgeBase([KBEntry("arc-agi-2", "ARC-AGI-2", "Benchmark")]).word_counts("ARC-AGI")  # "ARC-AGI 2"
        (2, 1)
        """
        return self._word_counts.get(name_key(first_word), _ONE_WORD)

    def is_generic(self, surface: str) -> bool:
        key = name_key(surface)
        if surface.isupper() and len(surface) > 3 and key in self._word_generics:
            return False  # "SWIFT" is somebody's acronym, not the Swift language
        return key in self.generic

    def topic_of(self, phrase: str) -> str | None:
        """The canonical research topic a phrase names ("NMT" -> "machine translation"), or None."""
        return self.topics.get(name_key(phrase))

    def topic_word_counts(self, first_word: str) -> list[int]:
        """Like word_counts, for the phrases of the topic vocabulary."""
        return self._topic_word_counts.get(name_key(first_word), _ONE_WORD)


_ONE_WORD = (1,)


def _count_words(counts: dict[str, tuple[int, ...]], name: str) -> None:
    """Remember, under its first word, how many words (as `words` splits them) a name may have, also
    written with spaces for hyphens ("Climate Fever" for Climate-FEVER, "ARC-AGI 2" for ARC-AGI-2)."""
    head, _, last = name.rpartition("-")
    for spelling in {name, name.replace("-", " "), f"{head} {last}" if head else name}:
        split = words(spelling)
        if len(split) > 1:
            key = name_key(split[0][2])
            counts[key] = tuple(sorted({*counts.get(key, _ONE_WORD), len(split)}, reverse=True))


def _entries_from(path: Path):
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            yield KBEntry(
                key=slug(row["name"]),
                name=row["name"],
                type=row["type"],
                aliases=tuple(row.get("aliases") or ()),
                variant_of=slug(row["variant_of"]) if row.get("variant_of") else None,
                developed_by=slug(row["developed_by"]) if row.get("developed_by") else None,
                wikidata=row.get("wikidata") or None,
                also_types=tuple(row.get("also_types") or ()),
                case_sensitive=bool(row.get("case_sensitive")),
                case_sensitive_aliases=tuple(row.get("case_sensitive_aliases") or ()),
                ambiguous=bool(row.get("ambiguous")),
                lower_is_better=bool(row.get("lower_is_better")),
            )
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise InputError(f"bad knowledge-base entry ({err})", path=str(path), line=line_no) from err


@lru_cache(maxsize=4)
def load_kb(directory: Path = KB_DIR) -> KnowledgeBase:
    """Load every *.jsonl entry file, generic.txt and topics.jsonl from a KB folder."""
    entries = [e for path in sorted(directory.glob("*.jsonl")) if path.name != "topics.jsonl" for e in _entries_from(path)]
    generic_file = directory / "generic.txt"
    generic = []
    if generic_file.exists():
        generic = [t.strip() for t in generic_file.read_text(encoding="utf-8").splitlines() if t.strip() and not t.startswith("#")]
    topics = []
    topics_file = directory / "topics.jsonl"
    if topics_file.exists():
        for line in topics_file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                topics += [(name, row["name"]) for name in (row["name"], *row.get("aliases", ()))]
    return KnowledgeBase(entries, generic=generic, topics=topics)
