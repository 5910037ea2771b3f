"""The spaCy pipeline: a blank English tokenizer, a sentencizer and a thin mention-finding component."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from .kb import KB_DIR, load_kb
from .mentions import find_mentions
from .records import Mention, Paper

__all__ = ["MentionFinder", "make_mention_finder", "make_pipeline", "extract"]

if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=())


def sentence_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences the sentencizer marked, read without making Span objects."""
    starts = [int(idx) for flag, idx in doc.to_array([SENT_START, IDX]) if flag == 1] or [0]
    ends = starts[1:] + [len(text)]
    return [(start, start + len(text[start:end].rstrip())) for start, end in zip(starts, ends)]


class MentionFinder:
    """Sets `doc._.mentions` to the paper's mentions (as rows of Mention's fields); the work is `find_mentions`'s.

    The doc's text is a paper's title, a blank line and its abstract; `doc.user_data["paper"]`
    names the paper.
    """

    def __init__(self, nlp: Language, name: str, *, kb_dir: str | None = None):
        self.name = name
        self.kb = load_kb(Path(kb_dir) if kb_dir else KB_DIR)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.user_data.get("text") or doc.text  # Doc.text is rebuilt from the tokens on every access
        title_end = text.find("\n\n")
        found = find_mentions(
            doc.user_data.get("paper", ""),
            text,
            sentence_spans(doc, text),
            self.kb,
            title_end=len(text) if title_end < 0 else title_end,
        )
        doc._.mentions = [tuple(vars(m).values()) for m in found]  # plain rows survive --jobs' serialisation
        return doc


@Language.factory("paperkg_mentions", default_config={"kb_dir": None})
def make_mention_finder(nlp: Language, name: str, kb_dir: str | None) -> MentionFinder:
    return MentionFinder(nlp, name, kb_dir=kb_dir)


_NAME_FULL_STOPS = (r"(?<=[0-9][A-Za-z])\.", r"(?<=[a-z][A-Z])\.")
"""Full stops after names like GSM8K, Llama-2-7B and mIoU, which the English tokenizer keeps on the word
as if they were abbreviations, so the sentence did not end there."""


def make_pipeline(*, kb_dir: str | None = None) -> Language:
    """spacy.blank("en") + sentencizer + paperkg_mentions; nothing to download."""
    nlp = spacy.blank("en")
    suffixes = [*nlp.Defaults.suffixes, *_NAME_FULL_STOPS]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("paperkg_mentions", config={"kb_dir": kb_dir})
    return nlp


def extract(
    papers: Iterable[Paper], nlp: Language | None = None, *, batch_size: int = 128, n_process: int = 1
) -> Iterator[tuple[Paper, tuple[Mention, ...]]]:
    """Each paper with its mentions, in order, streaming; the Docs are dropped as soon as they are read.

    With `n_process` > 1, chunks of papers go to worker processes that each build the pipeline
    once; only papers and plain mention rows cross the process boundary.
    """
    if n_process > 1:
        yield from _extract_in_processes(papers, n_process, batch_size)
        return
    nlp = nlp or make_pipeline()
    papers = iter(papers)
    pending: deque[Paper] = deque()

    def docs():
        for paper in papers:
            doc = nlp.make_doc(paper.text)
            doc.user_data["paper"] = paper.key
            doc.user_data["text"] = paper.text
            pending.append(paper)
            yield doc

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        paper = pending.popleft()
        yield paper, tuple(Mention(*row) for row in doc._.mentions)


_WORKER_NLP: Language | None = None


def _start_worker() -> None:
    global _WORKER_NLP
    _WORKER_NLP = make_pipeline()


def _extract_chunk(chunk: list[Paper]) -> list[list[tuple]]:
    return [[tuple(vars(m).values()) for m in mentions] for _, mentions in extract(chunk, _WORKER_NLP)]


def _extract_in_processes(papers: Iterable[Paper], processes: int, batch_size: int):
    def chunks():
        chunk: list[Paper] = []
        for paper in papers:
            chunk.append(paper)
            if len(chunk) == batch_size * 4:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(processes, initializer=_start_worker) as pool:
        for chunk, rows in _ordered(pool, chunks(), 2 * processes):
            for paper, paper_rows in zip(chunk, rows):
                yield paper, tuple(Mention(*row) for row in paper_rows)


def _ordered(pool, chunks, limit: int):
    """(chunk, result) pairs in order, with at most `limit` chunks in flight so that memory stays bounded."""
    in_flight: deque = deque()
    for chunk in chunks:
        in_flight.append((chunk, pool.apply_async(_extract_chunk, (chunk,))))
        if len(in_flight) > limit:
            done_chunk, result = in_flight.popleft()
            yield done_chunk, result.get()
    while in_flight:
        done_chunk, result = in_flight.popleft()
        yield done_chunk, result.get()
