"""Find the entity mentions of one paper's text: known names, acronym pairs, coined names, roles."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .acronyms import find_acronym_pairs
from .cues import evaluated_on_before, has_evaluation_cue, proposal_verb_end, type_from_form, type_from_head_noun
from .kb import KBEntry, KnowledgeBase
from .names import Word, looks_like_name, name_key, words
from .records import Mention

__all__ = ["find_mentions", "split_sentences_at"]

_NOT_IN_NAME = re.compile(r"[,;:()\[\]{}!?\"]|\.\s")
_USE_SUFFIXES = re.compile(
    r"-(based|style|like|level|generated|powered|driven|only|free|aware|guided|augmented|enhanced|specific|"
    r"centric|compatible|scale|sized|class|series|family|series|assisted|written|labeled|annotated|as-a-judge)$",
    re.IGNORECASE,
)
_VARIANT_SUFFIX = re.compile(
    r"^(\d+(\.\d+)?[BMKT]|\d+x\d+B|v?\d+(\.\d+)*|Instruct|Chat|Base|Coder|Math|Turbo|Pro|Plus|Mini|Large|Small|"
    r"Medium|XL|XXL|Base|Tiny|Huge|Preview|Vision|VL|it|hf|SFT|DPO|RLHF|Distill|Lite|Flash|Ultra|Nano)$",
    re.IGNORECASE,
)
_SENTENCE_STARTERS = frozenset({"the", "a", "an", "this", "these", "our", "we", "in", "to", "for", "on", "however"})


def split_sentences_at(sentences: Sequence[tuple[int, int]], boundary: int) -> list[tuple[int, int]]:
    """Sentence spans with any span that crosses `boundary` (the title's end) cut in two.

    >>> split_sentences_at([(0, 30), (31, 40)], 12)
    [(0, 12), (12, 30), (31, 40)]
    """
    result = []
    for start, end in sentences:
        if start < boundary < end:
            result += [(start, boundary), (boundary, end)]
        else:
            result.append((start, end))
    return result


def find_mentions(
    paper: str, text: str, sentences: Sequence[tuple[int, int]], kb: KnowledgeBase, *, title_end: int
) -> list[Mention]:
    """Every entity mention in a paper's text, typed, with the role its sentence gives.

    `sentences` are (start, end) offsets; the first `title_end` characters are the title.
    """
    found: list[Mention] = []
    lower_words = set(_LOWER_WORD.findall(text))
    for start, end in split_sentences_at(sentences, title_end):
        sentence = text[start:end]
        in_title = start < title_end
        found += _sentence_mentions(paper, text, start, end, sentence, kb, in_title, lower_words)
    return found


_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z\-]+")


def _stylised_word(word: str, lower_words: set[str]) -> bool:
    """"TraIning" or "ScAlable" in a long form: an ordinary word of the same text, capitalised for an acronym."""
    return not word.isupper() and sum(c.isupper() for c in word) <= 2 and word.lower() in lower_words


def _sentence_mentions(paper, text, start, end, sentence, kb, in_title, lower_words) -> list[Mention]:
    ws = words(text, start, end)
    taken: set[int] = set()
    found: list[Mention] = []
    propose_at = _proposal_offset(sentence, start, in_title)
    if in_title:
        found += _title_name(paper, text, start, end, kb, taken)
    proposed: set[str] = {name_key(m.text) for m in found}

    def add(s, e, entity_type, rule, **extra):
        if any(i in taken for i in range(s, e)):
            return
        taken.update(range(s, e))
        role = _role(text, s, e, entity_type, sentence, start, propose_at, rule, extra.get("kb_key"))
        if role == "proposes":
            names = {name_key(text[s:e]), name_key(extra.get("long_form") or "")}
            if proposed and not names & proposed:
                role = _role(text, s, e, entity_type, sentence, start, None, rule, extra.get("kb_key"))
            proposed.update(names)
        elif in_title and name_key(text[s:e]) in proposed:
            role = "proposes"
        found.append(Mention(paper, text[s:e], s, e, sentence, start, entity_type, rule, role, **extra))

    # Acronym pairs first: the long form and the short form are one mention of one thing.
    for pair in find_acronym_pairs(sentence):
        s, e = start + pair.short_start, start + pair.short_start + len(pair.short)
        known = kb.lookup(pair.short) or kb.lookup(pair.long)
        if known:
            entry = known[0]
            add(s, e, entry.type, "kb-acronym", kb_key=entry.key, long_form=pair.long)
        elif _is_named_long_form(pair.long, pair.short, kb) or (propose_at is not None and s >= propose_at):
            after = text[e + 1 : e + 60]
            entity_type = type_from_form(pair.short) or type_from_head_noun(after) or _head_type(pair.long) or "Method"
            add(s, e, entity_type, "acronym", long_form=pair.long)
        taken.update(range(start + pair.long_start, start + pair.long_start + len(pair.long)))

    # Known names, longest first at each word.
    index = 0
    while index < len(ws):
        span = _kb_span(ws, index, text, kb)
        if span:
            count, entry = span
            add(ws[index][0], ws[index + count - 1][1], entry.type, "kb", kb_key=entry.key)
            index += count
            continue
        index += 1

    # Coined names found from their form and context.
    for position, (s, e, word) in enumerate(ws):
        if any(i in taken for i in range(s, e)):
            continue
        base, variant = _known_prefix(word, kb)
        if base is not None:
            if variant:
                add(s, e, base.type, "kb-variant", variant_of=base.key)
            else:
                add(s, s + len(word.rsplit("-", 1)[0]), base.type, "kb", kb_key=base.key)
            continue
        if not looks_like_name(word) or kb.is_generic(word) or _USE_SUFFIXES.search(word):
            continue
        if _stylised_word(word, lower_words):
            continue
        after = text[e : e + 60]
        entity_type = type_from_form(word) or type_from_head_noun(after) or "Method"
        add(s, e, entity_type, "form")
    return sorted(found, key=lambda m: m.start)


def _proposal_offset(sentence: str, start: int, in_title: bool) -> int | None:
    """Absolute offset after which names in this sentence are the paper's own, or None."""
    verb_end = proposal_verb_end(sentence)
    return None if verb_end is None or in_title else start + verb_end


def _title_name(paper, text, start, end, kb, taken) -> list[Mention]:
    """The name before a title's colon ("PyBench: Evaluating ...") as the paper's contribution."""
    title = text[start:end]
    head = title.split(":", 1)[0] if ":" in title else ""
    head = head.strip()
    acronym = re.search(r"\(([^()]+)\)$", head)
    if acronym:
        head = acronym.group(1).strip()
    if not head or len(head.split()) > 4 or head[0].islower():
        return []
    s = start + title.index(head)
    if kb.is_generic(head) or not any(c.isupper() for c in head[1:]) and len(head.split()) > 1 and not _all_capitalised(head):
        return []
    entity_type = type_from_form(head) or "Method"
    taken.update(range(s, s + len(head)))
    return [Mention(paper, head, s, s + len(head), title, start, entity_type, "title", "proposes")]


def _all_capitalised(phrase: str) -> bool:
    return all(w[0].isupper() for w in phrase.split() if w.lower() not in {"of", "for", "and", "the", "in", "on", "to", "a"})


def _kb_span(ws: list[Word], index: int, text: str, kb: KnowledgeBase) -> tuple[int, KBEntry] | None:
    """The longest run of words from `index` that names a known entity."""
    if not kb.may_start(ws[index][2]):
        return None
    for count in range(min(kb.max_words, len(ws) - index), 0, -1):
        s, e = ws[index][0], ws[index + count - 1][1]
        surface = text[s:e]
        if count > 1 and _NOT_IN_NAME.search(surface):
            continue
        entries = kb.lookup(surface)
        if entries:
            return count, entries[0]
    return None


def _known_prefix(word: str, kb: KnowledgeBase) -> tuple[KBEntry | None, bool]:
    """A known name at the start of a hyphenated word, and whether the rest makes a variant.

    "Llama-2-7B" gives (Llama 2, True); "GPT-4-based" gives (GPT-4, False).
    """
    if "-" not in word:
        return None, False
    parts = word.split("-")
    for cut in range(len(parts) - 1, 0, -1):
        head, rest = "-".join(parts[:cut]), parts[cut:]
        entries = kb.lookup(head)
        if not entries:
            continue
        if _USE_SUFFIXES.search("-" + "-".join(rest)) and len(rest) == 1:
            return entries[0], False
        if all(_VARIANT_SUFFIX.match(part) for part in rest):
            return entries[0], True
        return None, False
    return None, False


def _is_named_long_form(long: str, short: str, kb: KnowledgeBase) -> bool:
    """A long form names a thing when its words are capitalised; "large language models" does not."""
    if kb.is_generic(short) or kb.topic_of(long):
        return False
    content = [w for w in re.split(r"[\s\-]+", long) if w and w.lower() not in {"of", "for", "and", "the", "with", "in", "on", "to", "a", "via", "by"}]
    capitalised = sum(w[0].isupper() for w in content)
    return bool(content) and capitalised * 2 >= len(content) and not content[0][0].islower()


def _head_type(long: str) -> str | None:
    last = long.split()[-1].lower() if long.split() else ""
    return type_from_head_noun(" " + last)


def _role(text, s, e, entity_type, sentence, sent_start, propose_at, rule, kb_key) -> str:
    if propose_at is not None and s >= propose_at and kb_key is None and s - propose_at < 120:
        return "proposes"
    if entity_type in ("Benchmark", "Dataset"):
        before = text[sent_start:s]
        if evaluated_on_before(before) and has_evaluation_cue(sentence):
            return "evaluatesOn"
        if entity_type == "Benchmark" and has_evaluation_cue(sentence) and not _mentioned_as_prior(sentence):
            return "evaluatesOn"
    return "uses"


def _mentioned_as_prior(sentence: str) -> bool:
    return bool(re.search(r"\b(existing|previous|prior|such as|like)\b", sentence, re.IGNORECASE))
