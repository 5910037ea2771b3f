"""Write N realistic ML abstracts, streaming, by recombining real sentences and coining fresh names.

The sentences, titles, lengths and author names come from real abstracts (the example corpus
and ../shared/corpus/arxiv-daily by default). Every generated paper coins a name of its own
(a CamelCase method, an acronym, an "X-Bench" benchmark, a "Foo-7B" model or an "XScore"
metric, chosen by the sentence that introduces it) and puts it in its title; the other coined
names of the donor sentences are kept, replaced by a fresh name, or replaced by an earlier
paper's name with a heavy-tailed popularity (the first names coined are cited most), so the
graph keeps growing the way a real one does. Names the knowledge base knows (GPT-4, ImageNet)
stay as written, so they become the hubs they are in real data.

The output depends only on the seed and the donor abstracts, and the first n papers of a run
of N are the papers of a run of n. Nothing is held per paper: memory stays flat up to 1,000,000.

    python -m benchmarks.generate 10000 -o corpus.jsonl --seed 0
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import click

from graph.cues import proposal_verb_ends, type_from_form
from graph.kb import KnowledgeBase, load_kb
from graph.names import looks_like_name, name_key, words
from graph.readers import iter_source_files, read_sources

__all__ = [
    "CLASSES",
    "DEFAULT_SOURCES",
    "Donors",
    "GeneratedPaper",
    "NameMint",
    "WRITERS",
    "coin",
    "generate",
    "load_donors",
    "split_sentences",
    "write_corpus",
]

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = (ROOT / "examples" / "daily-papers", ROOT.parent / "shared" / "corpus" / "arxiv-daily")
"""The donor corpora; a missing one is skipped (the example corpus is always there)."""

CLASSES = ("camel", "acronym", "bench", "model", "metric")
"""The shapes of coined names; a slot keeps the shape of the name it replaces."""

P_KEEP = 0.30
"""Chance that a donor sentence's coined name (not the donor's own) is kept as written."""
P_FRESH = 0.15
"""Chance that it is replaced by a freshly coined name; otherwise an earlier paper's name."""
P_PROPOSAL = 0.85
"""Chance that an abstract has a "we introduce X, a ..." sentence for its own name."""
P_NAMED_TITLE = 0.55
"""Chance of an "X: what it does" title; otherwise a plain title that names X at its end."""

_SYLLABLES = (
    "Ar", "Bel", "Cor", "Dyn", "El", "Fal", "Gor", "Hal", "Il", "Jun", "Kor", "Lum", "Mer", "Nov", "Or", "Pix",
    "Quan", "Rho", "Sy", "Tal", "Um", "Ver", "Wex", "Xen", "Yal", "Zeph", "Aur", "Bri", "Cal", "Del", "Eo", "Fir",
    "Gly", "Hy", "Io", "Ka", "Lo", "Mi", "Ny", "Oc", "Pe", "Ra", "Si", "Tu", "Ux", "Va", "Wo", "Zy",
)
_TAILS = {
    "camel": ("Net", "Former", "Diff", "Agent", "GPT", "LM", "Mix", "Flow", "Align", "RAG", "Seg", "Tune", "Coder",
              "VLA", "Fusion", "Gen", "Prompt", "Search", "Attn", "Distill", "Guard", "Plan", "Edit", "Nav"),
    "bench": ("Bench", "-Bench", "Eval", "QA", "Arena"),
    "model": tuple(f"-{size}{tail}" for size in ("0.5B", "1.5B", "3B", "7B", "8B", "13B", "32B", "70B")
                   for tail in ("", "-Instruct", "-Chat", "-Coder")),
    "metric": ("Score", "Rate", "-F1"),
}
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_MULTIPLIER = 1_000_003
"""A prime: multiplying by it modulo a tier's size permutes the tier, so names look random yet never repeat."""


def _permuted(index: int, tiers: Iterable[int]) -> tuple[int, int]:
    """The tier an index falls in and its permuted offset inside that tier."""
    for tier, size in enumerate(tiers):
        if index < size:
            return tier, (index * _MULTIPLIER + 7) % size
        index -= size
    raise ValueError(f"name index {index} is beyond every tier")


def _stem(offset: int, syllables: int) -> str:
    parts = []
    for _ in range(syllables):
        offset, digit = divmod(offset, len(_SYLLABLES))
        parts.append(_SYLLABLES[digit])
    return parts[0] + "".join(parts[1:]).lower()


def coin(cls: str, index: int, kb: KnowledgeBase | None = None) -> str:
    """The index-th coined name of a shape: distinct indexes give distinct names.

    >>> [coin(c, 0) for c in CLASSES]
    ['ArarFlow', 'HAA', 'BelarEval', 'Arar-1.5B-Coder', 'CorarRate']
    >>> len({coin("acronym", i) for i in range(20000)})
    20000
    """
    if cls == "acronym":
        tier, offset = _permuted(index, (26**n for n in (3, 4, 5, 6)))
        letters = []
        for _ in range(tier + 3):
            offset, digit = divmod(offset, 26)
            letters.append(_LETTERS[digit])
        name = "".join(letters)
    else:
        tails = _TAILS[cls]
        tier, offset = _permuted(index, (len(tails) * len(_SYLLABLES) ** n for n in (2, 3, 4, 5)))
        offset, tail = divmod(offset, len(tails))
        name = _stem(offset, tier + 2) + tails[tail]
    if kb is not None and (kb.lookup(name) or kb.is_generic(name)):
        name += "2"  # never a known name; no base name ends in a digit, so this stays unique
    return name


def _name_class(word: str) -> str:
    """The shape of a coined name, from its form."""
    form = type_from_form(word)
    if form in ("Benchmark", "Model", "Metric"):
        return {"Benchmark": "bench", "Model": "model", "Metric": "metric"}[form]
    letters = [c for c in word if c.isalpha()]
    if sum(c.isupper() for c in letters) * 2 > len(letters):
        return "acronym"
    return "camel"


class NameMint:
    """Coins fresh names in order, and picks earlier ones with a heavy-tailed popularity."""

    def __init__(self, kb: KnowledgeBase | None = None):
        self.kb = kb
        self.counts = dict.fromkeys(CLASSES, 0)

    def fresh(self, cls: str) -> str:
        index = self.counts[cls]
        self.counts[cls] += 1
        return coin(cls, index, self.kb)

    def reuse(self, cls: str, rng: random.Random) -> str:
        """An earlier name, the i-th with probability about 1/(i+1): the first coined are the hubs."""
        count = self.counts[cls]
        if count == 0:
            return self.fresh(cls)
        return coin(cls, int(count ** rng.random()) - 1, self.kb)


@dataclass(frozen=True)
class Slot:
    """A coined name inside a template; `own` when it is the donor paper's own name."""

    word: str
    cls: str
    own: bool


@dataclass(frozen=True)
class Template:
    """A sentence (or title part) with its coined names cut out: pieces around slots."""

    pieces: tuple[str, ...]
    slots: tuple[Slot, ...]
    words: int

    @property
    def own_class(self) -> str | None:
        return next((s.cls for s in self.slots if s.own), None)

    def fill(self, name_for: Callable[[Slot], str]) -> str:
        out = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:]):
            out += [name_for(slot), piece]
        return "".join(out)


@dataclass
class Donors:
    """Everything the generator draws from, built once from the donor abstracts."""

    firsts: list[Template] = field(default_factory=list)
    middles: list[Template] = field(default_factory=list)
    lasts: list[Template] = field(default_factory=list)
    proposals: list[Template] = field(default_factory=list)
    title_rests: list[Template] = field(default_factory=list)
    plain_titles: list[Template] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    own_classes: list[str] = field(default_factory=list)
    fingerprint: str = ""
    papers: int = 0
    sources: tuple[str, ...] = ()


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[\"'])")
_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|et al|vs|cf|Fig|Eq|resp|approx)\.|\b[A-Z]\.)$")


def split_sentences(text: str) -> list[str]:
    """Sentences of an abstract, not cut after "e.g." or an initial.

    >>> split_sentences("We use tools, e.g. Python. It works! See J. Doe.")
    ['We use tools, e.g. Python.', 'It works!', 'See J. Doe.']
    """
    sentences: list[str] = []
    for piece in _SENTENCE_END.split(text.strip()):
        if sentences and _ABBREVIATION.search(sentences[-1]):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return [s for s in sentences if s]


def _known(word: str, kb: KnowledgeBase) -> bool:
    if kb.lookup(word) or kb.is_generic(word):
        return True
    parts = word.split("-")
    return any(kb.lookup("-".join(parts[:cut])) for cut in range(1, len(parts)))


def _template(text: str, kb: KnowledgeBase, own_key: str | None) -> Template:
    pieces, slots, at = [], [], 0
    for start, end, word in words(text):
        if not looks_like_name(word) or _known(word, kb):
            continue
        key = name_key(word)
        own = own_key is not None and key in (own_key, own_key + "s")
        pieces.append(text[at:start])
        slots.append(Slot(word, _name_class(word), own))
        at = end
    pieces.append(text[at:])
    return Template(tuple(pieces), tuple(slots), len(text.split()))


def _own_name(title: str, sentences: list[str], kb: KnowledgeBase) -> str | None:
    """The donor's own coined name: its title's head ("PyBench: ...") or the name it introduces."""
    head = title.split(":", 1)[0].strip() if ":" in title else ""
    acronym = re.search(r"\(([^()]+)\)$", head)
    head = acronym.group(1).strip() if acronym else head
    if head and " " not in head and looks_like_name(head) and not _known(head, kb):
        return head
    for sentence in sentences:
        verb_ends = proposal_verb_ends(sentence)
        if not verb_ends:
            continue
        verb_end = verb_ends[0]
        for start, _, word in words(sentence):
            if verb_end <= start < verb_end + 120 and looks_like_name(word) and not _known(word, kb):
                return word
    return None


def load_donors(sources: Iterable[Path] | None = None, kb: KnowledgeBase | None = None) -> Donors:
    """Cut the donor abstracts into sentence templates; missing default sources are skipped."""
    kb = kb or load_kb()
    paths = [Path(p) for p in (sources or DEFAULT_SOURCES) if sources or Path(p).exists()]
    report = read_sources(paths)
    donors = Donors(papers=len(report.papers), sources=tuple(str(p) for p in paths))
    digest = hashlib.sha256()
    for path in iter_source_files(paths):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    donors.fingerprint = digest.hexdigest()[:16]
    authors: dict[str, None] = {}
    for paper in report.papers:
        sentences = split_sentences(paper.abstract)
        if len(sentences) < 3:
            continue
        own = _own_name(paper.title, sentences, kb)
        own_key = name_key(own) if own else None
        donors.lengths.append(len(paper.abstract.split()))
        authors.update(dict.fromkeys(paper.authors))
        head, sep, rest = paper.title.partition(":")
        if sep and own and name_key(head.strip()).endswith(own_key) and rest.strip():
            donors.title_rests.append(_template(rest.strip(), kb, None))
        else:
            donors.plain_titles.append(_template(paper.title, kb, own_key))
        if own:
            donors.own_classes.append(_name_class(own))
        donors.firsts.append(_template(sentences[0], kb, own_key))
        donors.lasts.append(_template(sentences[-1], kb, own_key))
        for sentence in sentences[1:-1]:
            template = _template(sentence, kb, own_key)
            if template.own_class and proposal_verb_ends(sentence):
                donors.proposals.append(template)
            else:
                donors.middles.append(template)
    donors.authors = sorted(authors) or ["A. Author"]
    if not donors.middles or not donors.proposals or not donors.title_rests:
        raise click.ClickException(f"too few donor abstracts in {', '.join(map(str, paths))} to recombine")
    return donors


@dataclass(frozen=True)
class GeneratedPaper:
    """One generated paper, as the writers need it."""

    arxiv_id: str
    title: str
    abstract: str
    authors: tuple[str, ...]
    date: str


def _arxiv_id(index: int) -> tuple[str, str]:
    """A made-up arXiv id (years 2030 on, so never a real one) and a date, from the paper's index."""
    block, number = divmod(index, 99_999)
    year, month = 30 + block // 12, block % 12 + 1
    return f"{year:02d}{month:02d}.{number + 1:05d}", f"20{year:02d}-{month:02d}-{number % 28 + 1:02d}"


def generate(count: int, *, seed: int = 0, donors: Donors | None = None, kb: KnowledgeBase | None = None) -> Iterator[GeneratedPaper]:
    """`count` papers, one at a time; the same seed and donors give the same papers."""
    kb = kb or load_kb()
    donors = donors or load_donors(kb=kb)
    rng = random.Random(seed)
    mint = NameMint(kb)
    own_classes = donors.own_classes or ["camel"]
    for index in range(count):
        proposal = rng.choice(donors.proposals) if rng.random() < P_PROPOSAL else None
        own = mint.fresh(proposal.own_class if proposal else rng.choice(own_classes))
        chosen: dict[str, str] = {}

        def name_for(slot: Slot) -> str:
            if slot.own:
                return own
            if slot.word not in chosen:
                draw = rng.random()
                if draw < P_KEEP:
                    chosen[slot.word] = slot.word
                elif draw < P_KEEP + P_FRESH:
                    chosen[slot.word] = mint.fresh(slot.cls)
                else:
                    chosen[slot.word] = mint.reuse(slot.cls, rng)
            return chosen[slot.word]

        target = rng.choice(donors.lengths)
        first, last = rng.choice(donors.firsts), rng.choice(donors.lasts)
        body = [first] + ([proposal] if proposal else [])
        length = sum(t.words for t in body) + last.words
        while True:
            middle = rng.choice(donors.middles)
            if length + middle.words / 2 > target:
                break
            body.append(middle)
            length += middle.words
        if proposal and len(body) > 3 and rng.random() < 0.5:
            body[1], body[2] = body[2], body[1]  # the proposal comes second or third, as in real abstracts
        abstract = " ".join(t.fill(name_for) for t in body + [last])
        if rng.random() < P_NAMED_TITLE:
            title = f"{own}: {rng.choice(donors.title_rests).fill(name_for)}"
        else:
            plain = rng.choice(donors.plain_titles).fill(name_for).rstrip("?!. ")
            title = f"{plain} {rng.choice(('with', 'via', 'using'))} {own}"
        arxiv_id, date = _arxiv_id(index)
        authors = tuple(rng.sample(donors.authors, min(len(donors.authors), rng.randint(2, 8))))
        yield GeneratedPaper(arxiv_id, " ".join(title.split()), " ".join(abstract.split()), authors, date)


def _write_jsonl(papers: Iterable[GeneratedPaper], out: TextIO) -> int:
    count = 0
    for paper in papers:
        record = {
            "id": paper.arxiv_id,
            "title": paper.title,
            "abstract": paper.abstract,
            "authors": list(paper.authors),
            "date": paper.date,
            "abs": f"https://arxiv.org/abs/{paper.arxiv_id}",
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _write_pagedump(papers: Iterable[GeneratedPaper], out: TextIO) -> int:
    """The Daily Papers page-dump format: page chrome, then a date line before each day's papers."""
    out.write("new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nby AK and the research community\n\n")
    count, day = 0, None
    for paper in papers:
        if paper.date != day:
            day = paper.date
            _, month, dd = day.split("-")
            out.write(f"{_MONTHS[int(month) - 1]} {int(dd)}\n\n")
        out.write(f"{paper.title}\n\n{paper.abstract}\n\n")
        count += 1
    return count


WRITERS: dict[str, Callable[[Iterable[GeneratedPaper], TextIO], int]] = {
    ".jsonl": _write_jsonl,
    ".txt": _write_pagedump,
}
"""Output suffix -> writer, in the project's input formats (JSON Lines, Daily Papers page dump)."""


def write_corpus(path: Path, count: int, *, seed: int = 0, donors: Donors | None = None) -> int:
    """Write `count` generated papers to `path` in the format its suffix names; returns the count."""
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise click.BadParameter(f"unknown output format {path.suffix!r}; use one of {', '.join(WRITERS)}", param_hint="OUTPUT")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        return writer(generate(count, seed=seed, donors=donors), out)


@click.command()
@click.argument("count", type=click.IntRange(1))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (.jsonl or .txt page dump); JSON Lines on stdout when left out.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same corpus.")
@click.option("--source", "sources", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Donor files or folders (default: the example corpus and ../shared/corpus/arxiv-daily).")
def main(count: int, output: Path | None, seed: int, sources: tuple[Path, ...]) -> None:
    """Write COUNT generated abstracts built from real ones, with freshly coined names."""
    donors = load_donors(sources or None)
    if output is None:
        _write_jsonl(generate(count, seed=seed, donors=donors), sys.stdout)
        return
    written = write_corpus(output, count, seed=seed, donors=donors)
    click.echo(f"Wrote {written} papers to {output} (seed {seed}, {donors.papers} donor abstracts, donors {donors.fingerprint})", err=True)


if __name__ == "__main__":
    main()
