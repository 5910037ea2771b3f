"""Find the entity mentions of one paper's text: known names, acronym pairs, coined names, roles."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from .acronyms import AcronymPair, find_acronym_pairs
from .cues import (
    HEAD_NOUN_TYPES,
    LIST_GLUE,
    OPENING_CLAUSE,
    PLURAL_KINDS,
    evaluated_on_before,
    has_evaluation_cue,
    kind_in_evaluation_phrase,
    names_a_task,
    proposal_verb_ends,
    proposed_after,
    type_from_form,
    type_from_head_noun,
    type_from_noun_before,
    type_in_context,
)
from .roles import assign_roles, study_data
from .kb import KBEntry, KnowledgeBase
from .own_names import (
    appositive_names,
    bracketed_names,
    component_phrases,
    kind_after_phrases,
    kind_examples,
    kind_phrases,
    listed_parts,
    named_phrases,
    quoted_names,
    title_case_phrases,
    title_names,
    title_phrases_again,
    title_repeats,
)
from .names import ADJECTIVE_SUFFIX, PARAMETER_COUNT, Word, looks_like_name, name_key, whole_word, words
from .records import Mention

__all__ = ["find_mentions", "split_sentences_at"]

_NOT_IN_NAME = re.compile(r"[,;:()\[\]{}!?\"]|\.\s")
_VARIANT_SUFFIX = re.compile(
    r"^(\d+(\.\d+)?[BMKT]|\d+x\d+B|v?\d+(\.\d+)*|Instruct|Chat|Base|Coder|Math|Turbo|Pro|Plus|Mini|Large|Small|"
    r"Medium|XL|XXL|Base|Tiny|Huge|Preview|Vision|VL|it|hf|SFT|DPO|RLHF|Distill|Lite|Flash|Ultra|Nano|Thinking|Reasoning|Sonnet|Opus|Haiku|"
    r"High|Low)$",
    re.IGNORECASE,
)


def split_sentences_at(sentences: Sequence[tuple[int, int]], boundary: int) -> list[tuple[int, int]]:
    """Sentence spans with any span that crosses `boundary` (the title's end) cut in two, and the title one span
    however many sentences it seems to hold ("Hogwild! Inference: ...").

    >>> split_sentences_at([(0, 30), (31, 40)], 12), split_sentences_at([(0, 8), (9, 30), (31, 40)], 25)
    ([(0, 12), (12, 30), (31, 40)], [(0, 25), (25, 30), (31, 40)])
    """
    result = []
    for start, end in sentences:
        if start < boundary < end:
            result += [(start, boundary), (boundary, end)]
        else:
            result.append((start, end))
    title = [span for span in result if span[1] <= boundary]
    return ([(title[0][0], title[-1][1])] if title else []) + [span for span in result if span[1] > boundary]


def find_mentions(
    paper: str, text: str, sentences: Sequence[tuple[int, int]], kb: KnowledgeBase, *, title_end: int
) -> list[Mention]:
    """Every entity mention in a paper's text, typed, with the role its sentence gives.

    `sentences` are (start, end) offsets; the first `title_end` characters are the title.
    """
    spans = split_sentences_at(sentences, title_end)
    in_title = tuple(m for start, end in spans if start < title_end for m in title_names(paper, text, start, end, kb, set()))
    own_names = tuple(sorted({m.text for m in in_title}))
    opening = next((start for start, _ in spans if start >= title_end), None)
    parsed = [_Sentence.of(text, start, end, start < title_end, kb, own_names, opens=start == opening) for start, end in spans]
    also_own = tuple(sorted(_coined_acronyms(parsed, kb) - set(own_names)))
    if also_own:  # "we propose ... (LLM-DiSAC)": then "LLM-DiSAC develops a ..." proposes too
        parsed = [sentence.knowing(own_names + also_own, kb) for sentence in parsed]
    here = _PaperContext(
        set(_LOWER_WORD.findall(_LINK.sub(" ", text))),
        _generic_acronyms(parsed, kb),
        _known_acronyms(parsed),
        _own_acronyms(parsed, kb),
        {
            letters
            for sentence in parsed
            for pair, entry in sentence.pairs
            if not entry and _redefines(pair, kb)
            for letters in {pair.short, pair.short.removesuffix("s")}  # "LLVMs" defined, "an efficient LLVM family"
        },
        in_title,
        frozenset(m.text for m in in_title if " " not in m.text),
        text[:title_end],
    )
    found: list[Mention] = []
    proposed_before = False  # an earlier sentence of the abstract has a proposal verb
    for sentence in parsed:
        found += _sentence_mentions(paper, text, sentence, kb, here, proposed_before)
        proposed_before = proposed_before or (not sentence.in_title and bool(sentence.verb_ends))
    return study_data(_own_over_known(sorted(found + _named_again(found, text, spans), key=lambda m: m.start)), text)


_CONTEXT_RULES = ("named", "phrase", "kind", "component")
"""Rules that find a name by what its sentence says of it, so that the same words elsewhere go unfound."""


def _named_again(found: list[Mention], text: str, spans: Sequence[tuple[int, int]]) -> list[Mention]:
    """The other places where a paper writes a name of several words that a sentence named ("we propose a
    framework named Discrete Markov Bridge ... the proposed Discrete Markov Bridge, which achieves ...")."""
    names = {m.text: m for m in found if m.rule in _CONTEXT_RULES and " " in m.text and m.kb_key is None}
    taken = [(m.start, m.end) for m in found]
    again = []
    for name, first in names.items():
        for match in whole_word(name).finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            start, end = next(((s, e) for s, e in spans if s <= match.start() < e), (0, len(text)))
            again.append(
                replace(first, start=match.start(), end=match.end(), sentence=text[start:end], sent_start=start, rule="repeat", role="uses")
            )
            taken.append(match.span())
    return again


def _redefines(pair: AcronymPair, kb: KnowledgeBase) -> bool:
    """True when a pair gives known letters another meaning: "Dynamic Spiral Convolution (DSC)", "large language and
    vision models (LLVMs)" (not the LLVM compiler); "chain-of-thoughts (CoTs)" are Chain-of-Thought still."""
    if kb.lookup(pair.short):
        return True
    singular = kb.lookup(pair.short[:-1]) if pair.short.endswith("s") else []
    return bool(singular) and not set(kb.lookup(pair.long.removesuffix("s").title())) & set(singular)


def _own_over_known(mentions: list[Mention]) -> list[Mention]:
    """Where the paper gives a known name to its own thing ("we propose PACS, a novel RLVR framework";
    `_own_kind_of_known`), its other mentions of the name are that thing too, not the known one."""
    own = {m.text: m for m in mentions if m.rule == "form" and m.kb_key is None and m.role == "proposes"}
    return [
        replace(m, type=own[m.text].type, kb_key=None, rule="form", role="uses" if m.role == "evaluatesOn" else m.role)
        if m.kb_key and m.text in own and m.type != own[m.text].type else m
        for m in mentions
    ]


@dataclass(frozen=True)
class _PaperContext:
    """What the whole paper tells about its words: which lower-case words it uses, which acronyms
    it defines as generic, which it defines with a known name ("Classifier-Free Guidance (CFG)"),
    which it proposes ("we introduce Deep Spectral Prior (DSP)"), even where the letters are generic,
    which known letters it defines as something else ("Dynamic Spiral Convolution (DSC)"), and the
    name its title gives it, whose hyphenated extensions are names too ("Enigmata-Eval", "Ada-ESLM")."""

    lower_words: set[str]
    generic_acronyms: set[str]
    known_acronyms: dict[str, KBEntry]
    own_acronyms: set[str]
    redefined: set[str]
    title_mentions: tuple[Mention, ...]
    """The names the title gives the paper's contribution ("Enigmata")."""
    title_words: frozenset[str]
    title: str


@dataclass(frozen=True)
class _Sentence:
    """One sentence and what every step asks of it, worked out once."""

    start: int
    end: int
    text: str
    in_title: bool
    verb_ends: tuple[int, ...]
    """Offsets (in the sentence) just after its proposal verbs."""
    pairs: tuple[tuple[AcronymPair, KBEntry | None], ...]
    """Each acronym pair the sentence defines, with the known entity it names (`_pair_entry`)."""
    opens: bool = False
    """True for the abstract's first sentence, which mostly names the field the paper works in."""

    @classmethod
    def of(
        cls, text: str, start: int, end: int, in_title: bool, kb: KnowledgeBase, own_names: tuple[str, ...] = (), *, opens: bool = False
    ) -> _Sentence:
        pairs = tuple((pair, None) for pair in find_acronym_pairs(text[start:end]))
        return cls(start, end, text[start:end], in_title, (), pairs, opens).knowing(own_names, kb)

    def knowing(self, own_names: tuple[str, ...], kb: KnowledgeBase) -> _Sentence:
        """The sentence read with the paper's own names as possible subjects of its proposal verbs; its
        acronym pairs are found once, the known entity each names depends on those verbs."""
        verb_ends = () if self.in_title else tuple(proposal_verb_ends(self.text, own_names))
        pairs = tuple(
            (pair, _pair_entry(pair, _word_after(self.text, pair), kb, proposed=_after_a_verb(pair, verb_ends)))
            for pair, _ in self.pairs
        )
        return replace(self, verb_ends=verb_ends, pairs=pairs)

    @property
    def proposals(self) -> tuple[int, ...]:
        """Absolute offsets after which names are the paper's own, one per proposal verb."""
        return tuple(self.start + end for end in self.verb_ends)

    def names_long_form(self, pair: AcronymPair, kb: KnowledgeBase) -> bool:
        """True when the pair's long form is a name, not a description (see `_is_named_long_form`),
        a task ("Subject-to-Video (S2V) generation") nor the field the abstract opens on."""
        if names_a_task(pair.long, self.text[pair.short_end :]):
            return False
        if _CLASS_AFTER.match(self.text, pair.short_end):
            return False  # "Interactive Voice Response (IVR) systems": a class of things, not one
        at_start = not self.text[: pair.long_start].strip()
        if self.opens and (at_start or _IN_A_FIELD.search(self.text[: pair.long_start]) and not self.proposes(pair)):
            return False  # "Federated Active Learning (FAL) seeks to ...", "Surface defects in Laser Powder Bed Fusion (LPBF)
            # pose ...", "the rapid growth of the ... (LLM4SE) area": the field the abstract opens on
        return _is_named_long_form(pair.long, kb, at_sentence_start=at_start)

    def coins(self, pair: AcronymPair) -> bool:
        """True when a proposal sentence defines the pair for something of its own, even in lower case
        ("model-aware data selection (MATES)") or named like a task ("Burst Order Enhancement (BOE)"),
        or a task it sets ("the Unified Opinion Concept Extraction (UOCE) task"), but not for the setting
        it works in, named after a preposition ("for Spoken Language Understanding (SLU) tasks", "in
        digital light processing (DLP) 3D printing"), or a paradigm ("a few-shot class-incremental
        learning (FSCIL) framework")."""
        return (
            self.proposes(pair)
            and len(pair.short) >= 3
            and not _plural_pair(pair)
            and not _AFTER_PREPOSITION.search(self.text[self._last_verb_before(pair.long_start) : pair.long_start])
            and not _PARADIGM_HEAD.search(pair.long)
        )

    def _last_verb_before(self, offset: int) -> int:
        """Where the last proposal verb before `offset` ends: "by introducing probability flow distance (PFD)"
        is a proposal, not a setting after "by"."""
        return max((end for end in self.verb_ends if end <= offset), default=0)

    def proposes(self, pair: AcronymPair) -> bool:
        """True when the pair stands after one of the sentence's proposal verbs, or before a passive
        one ("a LLM-based semantic transmission network (LSTN) is proposed")."""
        return _after_a_verb(pair, self.verb_ends) or (
            not self.in_title and proposed_after(self.text[pair.short_end : pair.short_end + 80])
        )


def _generic_acronyms(sentences: list[_Sentence], kb: KnowledgeBase) -> set[str]:
    """Acronyms the paper defines with a generic long form ("out-of-distribution (OOD)"): every
    bare use of them in the same paper is generic too, unless the paper proposes the thing."""
    generic = set()
    for sentence in sentences:
        for pair, entry in sentence.pairs:
            if entry:
                continue
            if _plural_pair(pair) and (_CLASS_OF_MODELS.search(pair.long) or pair.long[0].islower()) and not _object_of_a_verb(
                pair, sentence.verb_ends
            ):
                generic.add(name_key(pair.short[:-1]))  # "Diffusion Language Models (DLMs)": a class; a DLM is one of them
            named = sentence.names_long_form(pair, kb)
            if sentence.proposes(pair) and (named or sentence.coins(pair)):
                continue
            if _generic_letters(pair.short, kb) or not named:
                generic.add(name_key(pair.short))
    return generic


def _known_acronyms(sentences: list[_Sentence]) -> dict[str, KBEntry]:
    """Acronyms the paper defines for a known name: their bare uses later name the same thing."""
    known = {}
    for sentence in sentences:
        for pair, entry in sentence.pairs:
            if entry:
                known.setdefault(pair.short, entry)
    return known


def _own_acronyms(sentences: list[_Sentence], kb: KnowledgeBase) -> set[str]:
    """Acronyms a proposal sentence defines for a named long form of its own; letters that are generic
    elsewhere only where they do not follow a preposition ("we introduce Deep Spectral Prior (DSP)",
    not "... from standard Red-Green-Blue (RGB) images")."""
    return {
        pair.short
        for sentence in sentences
        for pair, entry in sentence.pairs
        if sentence.proposes(pair)
        and not _plural_pair(pair)  # "Large Language Models (LLMs)": a class of things
        and not kb.is_generic(pair.long)
        and not entry
        and sentence.names_long_form(pair, kb)
        and not _generic_compound(pair.short, kb)
        and not (kb.is_generic(pair.short) and _AFTER_PREPOSITION.search(sentence.text[: pair.long_start]))
    }


def _coined_acronyms(sentences: list[_Sentence], kb: KnowledgeBase) -> set[str]:
    """Acronyms a proposal sentence defines for something of its own, named (`_own_acronyms`) or in lower
    case ("a novel ... communication (LLM-DiSAC) framework")."""
    return {
        pair.short
        for sentence in sentences
        for pair, entry in sentence.pairs
        if not entry and sentence.proposes(pair) and (sentence.names_long_form(pair, kb) or sentence.coins(pair))
    }


def _pair_entry(pair: AcronymPair, after: str, kb: KnowledgeBase, *, proposed: bool) -> KBEntry | None:
    """The known entity an acronym pair names: by its long form (with the word after the pair:
    "a Kullback-Leibler (KL) divergence"), else by its letters, unless the known entity's own long form
    is a different one ("supervised in-context fine-tuning (SIFT)" is not the Scale-Invariant Feature
    Transform) or, for a pair the paper proposes, the letters are all the KB knows of it ("a novel
    Language-aware Information MaximizatiOn (LIMO) loss" is not the LIMO dataset)."""
    by_long = kb.lookup(pair.long) or (kb.lookup(f"{pair.long} {after}") if after else [])
    if by_long:
        return by_long[0]
    wanted = name_key(pair.long)
    for entry in kb.lookup(pair.short):
        long_forms = [name_key(n) for n in entry.names if len(n.split()) > 1]
        if any(SequenceMatcher(None, wanted, n).ratio() >= 0.8 for n in long_forms) or not (long_forms or proposed):
            return entry
    return None


def _after_a_verb(pair: AcronymPair, verb_ends: tuple[int, ...]) -> bool:
    return any(pair.short_start > end for end in verb_ends)


def _object_of_a_verb(pair: AcronymPair, verb_ends: tuple[int, ...]) -> bool:
    """True when the pair's long form is what a proposal verb names ("we propose Diffusion Language Models (DLMs)"),
    not a later part of the sentence ("we introduce SCALE, a framework that connects Specialized Translation
    Models (STMs) and ...")."""
    return any(0 <= pair.long_start - end <= 12 for end in verb_ends)


def _word_after(sentence: str, pair: AcronymPair) -> str:
    match = _WORD_AFTER.match(sentence, pair.short_end)
    return match.group(1) if match else ""


_WORD_AFTER = re.compile(r"[)$}\s]+([a-z][a-z\-]+)")


_CLASS_AFTER = re.compile(rf"[\s)]*(?:{'|'.join(sorted(PLURAL_KINDS))})\b")
_AFTER_PREPOSITION = re.compile(r"\b(?:for|of|on|in|to|across|with|from|by|using|via)\s+(?:[a-z\-]+\s+){0,2}$", re.IGNORECASE)
_IN_A_FIELD = re.compile(r"\b(?:in|of|for|to|within|across)\s+(?:[a-z][\w\-]*\s+){0,2}$")
"""A preposition, perhaps with an article or adjective, before the long form: where the opening sentence places its topic."""
_PARADIGM_HEAD = re.compile(r"\b(?:learning|generalization|generalisation|adaptation)$")
"""Lower-case long forms ending so name a way of learning, not a thing."""

_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z\-]+")
_LINK = re.compile(r"(?:https?://|www\.|github\.com/)\S+")
"""A link's words are no prose: "CodeMonkeys" stays a name beside ".../pubs/codemonkeys"."""


_ACRONYM_LETTERS = re.compile(r"[A-Z]{2,3}[a-z]{5,}|[A-Z]{3,}(?:ing|ed)")


def _stylised_word(word: str, lower_words: set[str]) -> bool:
    """"TraIning", "ScAlable", "COmputation", "GUARDing", "patTERn", "Length-INvariant": an ordinary word capitalised
    to spell an acronym."""
    if _ACRONYM_LETTERS.fullmatch(word) or (not word.isupper() and word.lower() in lower_words):
        return True
    return "-" in word and any(
        not (part.isupper() or part.istitle() or part.islower()) and (part.lower() in lower_words or _ACRONYM_LETTERS.fullmatch(part))
        for part in word.split("-")
    )


def _sentence_mentions(paper, text, sentence: _Sentence, kb, here: _PaperContext, proposed_before: bool = False) -> list[Mention]:
    """The sentence's mentions: candidates first, then a role for each in text order."""
    found = [m for m in here.title_mentions if sentence.start <= m.start < sentence.end]
    taken = {i for m in found for i in range(m.start, m.end)}
    found += _candidates(paper, text, sentence, kb, here, taken)
    groups = _drop_unsupported(_list_groups(sorted(found, key=lambda m: m.start), text))
    return assign_roles(_type_from_context(groups, text), text, sentence.proposals, sentence.in_title, proposed_before)


def _list_groups(mentions: list[Mention], text: str) -> list[list[Mention]]:
    """Mentions in text order, grouped into the lists they stand in ("HumanEval, MBPP and X")."""
    groups: list[list[Mention]] = []
    for m in mentions:
        if groups and LIST_GLUE.match(text[groups[-1][-1].end : m.start]) and not _subject_after_opening(text, m):
            groups[-1].append(m)  # not "On HistBench, HistAgent achieves ...": that is no list
        else:
            groups.append([m])
    return groups


def _subject_after_opening(text: str, m: Mention) -> bool:
    """True for the subject after an opening phrase: "On LiveCodeBench, PlanSearch reaches 80.1%" (no list of benchmarks)."""
    return bool(OPENING_CLAUSE.fullmatch(text, m.sent_start, m.start)) and not re.match(r"\s*(?:,|and\b|or\b)", text[m.end : m.end + 6])


def _drop_unsupported(groups: list[list[Mention]]) -> list[list[Mention]]:
    """Ambiguous known names stay only in a list with another name of their type ("Breakfast, COIN, LVU")."""
    kept = []
    for group in groups:
        supported = {m.type for m in group if m.rule != "kb-ambiguous"}
        group = [m for m in group if m.rule != "kb-ambiguous" or m.type in supported or len(
            [x for x in group if x.type == m.type]) > 1]
        if group:
            kept.append(group)
    return kept


def _type_from_context(groups: list[list[Mention]], text: str) -> list[list[Mention]]:
    """Types for names that neither the KB nor their form typed: from the names listed with them
    ("on HumanEval, MBPP and X"), from an evaluation context ("results on X"), else Method."""
    result = []
    for group in groups:
        kind = _KIND_AFTER_LIST.match(text, group[-1].end) if len(group) > 1 else None
        counted = not _subject_after_opening(text, group[0]) and _COUNTED_KIND_BEFORE.search(text, group[0].sent_start, group[0].start)
        if kind:  # "the CCPG, CASIA-B*, and SUSTech1K datasets": the kind word types the whole list
            group = [replace(m, type=HEAD_NOUN_TYPES[kind.group(1).lower()], typed=True) if m.rule == "form" else m for m in group]
        elif counted:  # "two metrics, InfoBias and InfoGain", "three benchmarks: A, B and C"
            group = [replace(m, type=_COUNTED_KINDS[counted.group(1).lower()], typed=True) if m.rule == "form" else m for m in group]
        known = Counter(m.type for m in group if m.type and m.type != "Task")  # a topic listed beside a name types nothing
        typed = []
        result.append(typed)
        for m in group:
            if m.type:
                typed.append(m)
                continue
            before = text[m.sent_start : m.start]
            if known:
                typed.append(replace(m, type=known.most_common(1)[0][0]))
            elif evaluated_on_before(before) and has_evaluation_cue(m.sentence) and not _subject_after_opening(text, m):
                # a guess from the place ("results on X"): it counts only where nothing typed the name
                typed.append(replace(m, type=kind_in_evaluation_phrase(before) or "Benchmark", typed=False))
            else:
                typed.append(replace(m, type="Method", typed=False))
    return result


def _candidates(paper, text, parsed: _Sentence, kb, here: _PaperContext, taken) -> list[Mention]:
    found: list[Mention] = []
    start, end, sentence = parsed.start, parsed.end, parsed.text

    def add(s, e, entity_type, rule, **extra):
        if s in taken or e - 1 in taken:
            return
        taken.update(range(s, e))
        found.append(Mention(paper, text[s:e], s, e, sentence, start, entity_type, rule, **extra))

    # Acronym pairs first: the long form and the short form are one mention of one thing.
    for pair, entry in parsed.pairs:
        s, e = start + pair.short_start, start + pair.short_end
        if entry:
            add(s, e, entry.type, "kb-acronym", kb_key=entry.key, long_form=pair.long)
        elif pair.short in here.own_acronyms or (
            not _generic_letters(pair.short, kb)
            and not _plural_pair(pair)
            and (parsed.names_long_form(pair, kb) or parsed.coins(pair))
            and (len(pair.short) > 2 or parsed.proposes(pair))  # "Chief complaint (CC)": two letters name little
        ):
            bracketed = pair.long_start > pair.short_start + 1 and sentence[pair.long_start - 1] == "("  # "MulSeT (Multi-view ...)"
            tail = start + pair.long_start + len(pair.long) + 1 if bracketed else e
            after = text[tail : tail + 90].removeprefix(")")  # "(LooGLE), a ...", "LooGLE, a Long ... benchmark", "MulSeT (...) benchmark"
            before = text[start : start + min(pair.long_start, pair.short_start)]
            entity_type = type_in_context(pair.short, after, before) or _head_type(pair.long) or ""
            add(s, e, entity_type, "acronym", long_form=pair.long)
        taken.update(range(start + pair.long_start, start + pair.long_start + len(pair.long)))

    # Names the sentence itself calls names: "a tokenizer named Tokompiler", "our Higgs model".
    for s, e, entity_type in named_phrases(sentence, start):
        known = kb.lookup(text[s:e])
        if known:
            add(s, e, known[0].type, "named", kb_key=known[0].key)
        else:
            add(s, e, entity_type or type_from_head_noun(text[e : e + 80]) or "", "named")

    # A coined name the paper's sentence describes in apposition: "we showcase ModelScopeGPT, a real-world intelligent assistant".
    for s, e, entity_type in [] if parsed.in_title else appositive_names(sentence, start):
        if not kb.lookup(text[s:e]):
            add(s, e, entity_type or type_from_head_noun(text[e : e + 80]) or "", "named")

    # Names set in quotes: "a generative modeling framework (``Generative Recommenders'')". Known ones are the KB's.
    for s, e, entity_type in [] if parsed.in_title else quoted_names(sentence, start):
        if not kb.lookup(text[s:e]):
            add(s, e, entity_type, "named")

    # The title's own name of plain words where the abstract repeats it: "Physics Supernova attains 23.5/30 points".
    for s, e, own in [] if parsed.in_title else title_repeats(sentence, start, here.title_mentions):
        entity_type = own.type if own.typed else type_in_context(own.text, text[e : e + 80], text[start:s]) or ""
        add(s, e, entity_type, "title", kb_key=own.kb_key)

    # Names in brackets after the kind of thing the paper makes: "a novel ... benchmark (So-Fake-OOD)".
    for s, e, entity_type in [] if parsed.in_title else bracketed_names(sentence, start, parsed.proposals, kb):
        add(s, e, entity_type, "named")

    # The title's capitalised phrase introduced in lower case: "we propose a novel depth-guided bundle sampling ...".
    for s, e in [] if parsed.in_title else title_phrases_again(here.title, sentence, start, parsed.proposals, kb):
        add(s, e, type_from_head_noun(text[e : e + 80]) or "Method", "named")

    # Title-case names of a kind: "the Speech Accessibility Project Challenge", "the Salinas dataset".
    if not parsed.in_title:
        for s, e, entity_type in kind_phrases(sentence, start, kb, here.lower_words):
            add(s, e, entity_type, "kind")
        for s, e, entity_type in kind_after_phrases(sentence, start, kb, here.lower_words):
            add(s, e, entity_type, "kind")

    # Named parts: "a Knowledge Transfer module", "the Cognition-Inspired Decoder".
    for s, e in [] if parsed.in_title else component_phrases(sentence, start, kb) + listed_parts(sentence, start, kb):
        add(s, e, type_from_head_noun(text[e : e + 80]) or "Method", "component")  # "(1) CSIST-100K, a benchmark dataset"

    # Examples of a kind, after the parts the paper made: "purification-based methods, such as DiffPure and Noise Upscaling".
    for s, e, entity_type in [] if parsed.in_title else kind_examples(sentence, start, kb, here.lower_words):
        add(s, e, entity_type, "list")

    # Title-case phrases a proposal sentence introduces: "we propose Web Agent Throttling, ...".
    for propose_at in parsed.proposals:
        for s, e in title_case_phrases(text, propose_at, min(end, propose_at + 150), kb):
            add(s, e, _head_type(text[s:e]) or type_in_context(text[s:e], text[e : e + 80]) or "", "phrase")

    # Known names, longest first at each word.
    ws = words(text, start, end)
    index = 0
    while index < len(ws):
        span = _kb_span(ws, index, text, kb)
        if span and span[0] == 1 and ws[index][2] in here.redefined:
            span = None  # "Dynamic Spiral Convolution (DSC)": here DSC is not the Dice coefficient
        if span:
            count, entry = span
            extra = _variant_words(ws, index + count, text, entry.type) if entry.type in _VARIANT_TYPES else 0
            s, e = ws[index][0], ws[index + count + extra - 1][1]
            bracket = _BRACKETED_VARIANT.match(text, e) if entry.type in _VARIANT_TYPES else None
            if bracket:  # "FLUX.1[schnell]", "FLUX.1 [dev]": a release of the family
                add(s, bracket.end(), entry.type, "kb-variant", variant_of=entry.key)
            elif extra and entry.type == "Model" and _first_version_only(text, s, e):
                add(s, e, entry.type, "kb", kb_key=entry.key)  # "NVLM 1.0": the first version is the thing itself
            elif extra:
                add(s, e, entry.type, "kb-variant", variant_of=entry.key)
            elif own_kind := _own_kind_of_known(entry, text, s, e, parsed.proposals):
                add(s, e, own_kind, "form")  # the paper's own PAPI dataset, not the PAPI library
            elif count == 1 and index and entry.type == "Method" and _heads_a_name(ws[index - 1], ws[index], text, start, kb):
                pass  # "CSWin Transformer", "Visual Geometry Transformer": another thing, named after the known one
            else:
                rule = "kb" if _supported(entry, text, start, s, e) else "kb-ambiguous"
                add(s, e, entry.type, rule, kb_key=entry.key)
            index += count + extra
            continue
        index += 1

    # Research topics from the curated vocabulary ("code generation", "NMT"): Task mentions.
    index = 0
    while index < len(ws):
        span = _topic_span(ws, index, text, kb, taken)
        if span:
            count, topic = span
            add(ws[index][0], ws[index + count - 1][1], "Task", "topic", long_form=topic)
            index += count
            continue
        index += 1

    # Coined names found from their form and context.
    for position, (s, e, word) in enumerate(ws):
        if s in taken or e - 1 in taken:
            continue
        maker = _maker_prefix(word, kb)
        if maker:  # "OpenAI-o1", "Meta-Llama-3-8B": the maker, then the product
            cut = word.index("-")
            add(s, s + cut, "Organization", "kb", kb_key=maker.key)
            s, word = s + cut + 1, word[cut + 1 :]
            product = kb.lookup(word)
            if product:
                add(s, e, product[0].type, "kb", kb_key=product[0].key)
                continue
        base, variant = _known_prefix(word, kb)
        if base is not None:
            if variant:
                e = ws[position + _variant_words(ws, position + 1, text, base.type)][1]
                if base.type == "Model" and _first_version_only(text, s, e):
                    add(s, e, base.type, "kb", kb_key=base.key)  # "LLaMA-1", "NVLM-1.0"
                else:
                    add(s, e, base.type, "kb-variant", variant_of=base.key)
            elif not (base.type == "Organization" and (position == 0 or word[: word.index("-")].lower() in here.lower_words)):
                add(s, s + len(word.rsplit("-", 1)[0]), base.type, "kb", kb_key=base.key)
            continue  # "Meta-aware Learning" opening a title, "meta-learning" elsewhere: a word, not the company
        stripped = _strip_plain_suffix(word)
        if stripped != word:
            word, e = stripped, s + len(stripped)
        if word in here.known_acronyms:
            add(s, e, here.known_acronyms[word].type, "kb-acronym", kb_key=here.known_acronyms[word].key)
            continue
        listed = _listed_with(text, s, e, word, found, here.lower_words)
        if listed:  # "Food-101, CIFAR-10, STL-10, Flowers, and Pets"; "GPT-J 6B, Bloom 7B": a sized release
            add(s, _release_end(text, e, word)[0], listed, "list")
            continue
        parts = word.split("-")
        extends_own = len(parts) > 1 and bool({parts[0], parts[-1]} & here.title_words)
        if not (looks_like_name(word) or extends_own) or (kb.is_generic(word) and word not in here.own_acronyms) or _stylised_word(
            word, here.lower_words
        ):
            continue
        generic = here.generic_acronyms
        proposed_compound = "-" in word and any(at <= s and not text[at:s].strip() for at in parsed.proposals)
        if (name_key(word) in generic or name_key(word.rstrip("s")) in generic or _generic_compound(word, kb)) and not (
            word in here.title_words or proposed_compound
        ):
            continue  # "Video-LLMs" describes a kind of thing; the title's own "Mamba-CNN" and "by proposing ML-Agent" name one
        if len(word) == 2 and word.isupper():
            continue  # two-letter abbreviations (PD, MF, IP) name nothing without a long form
        if _PLURAL_ACRONYM.fullmatch(word) or _BIT_WIDTHS.fullmatch(word):
            continue  # "DLRMs", "CSPs": a class of things, not one named thing; "W4A4": a setting
        if _names_a_kind_of(text, s, e):
            continue  # "three standard CIR benchmarks", "unseen tasks, such as KBQA": a category, not one thing
        if position and _joins_left(ws[position - 1], s, text, kb, taken):
            s = ws[position - 1][0]  # "Lightning Attention-2", "Something-Something V2"
        e, year = _release_end(text, e, word)
        if _SIZE.search(text[s:e]) and (tuning := _TUNING_AFTER.match(text, e)):
            e = tuning.end()  # "PanGu-pi-1B Pro", "RTL-Coder 6.7B Instruct"
        after = text[e : e + 60]
        entity_type = type_in_context(text[s:e], after, text[start:s], form=False) or _known_model_part(word, kb) or (
            "Benchmark" if year else ""
        )
        # "-Coder" is mostly a model: a guess from the form, which what the text says of the name elsewhere overrules
        guessed = "" if entity_type else type_from_form(text[s:e]) or ""
        # a measure's letters name the known measure they spell ("MAE of 48.9": mean absolute error); a system's
        # letters may be the paper's own coinage, whatever known name they spell
        measure = entity_type == "Metric" and word.isupper() and e == ws[position][1]
        known = kb.spelled_by(word, entity_type) if measure else None
        if known:
            add(s, e, known.type, "kb-acronym", kb_key=known.key)
        elif guessed:
            add(s, e, guessed, "form", typed=False)
        else:
            add(s, e, entity_type, "form")
    return found


def _release_end(text: str, e: int, word: str) -> tuple[int, bool]:
    """Where a coined name ending at `e` ends with the edition, number or size written after it, and whether
    that was a year: "PalmX 2025" (a yearly shared task), "HOLISMOKES VI", "RTL-Coder 6.7B"."""
    if year := _EDITION.match(text, e):
        return year.end(), True
    if word.isupper() and (number := _ROMAN_NUMBER.match(text, e)):
        return number.end(), False
    if size := _SIZE_AFTER.match(text, e):
        return size.end(), False
    return e, False


def _first_version_only(text: str, s: int, e: int) -> bool:
    """True for a model's first version ("LLaMA-1", "NVLM 1.0") in a paper that names no second one: docs/annotation.md
    counts it as the thing itself; "Medusa-1" beside "Medusa-2" is one of two variants (and BLEU-1 no version of BLEU)."""
    first = _FIRST_VERSION.search(text, s, e)
    return bool(first) and not re.search(rf"(?<![\w-]){re.escape(text[s : first.start()])}[-\s][vV]?2(?:\.0)?(?![\w.])", text)


_FIRST_VERSION = re.compile(r"[-\s][vV]?1(?:\.0)?$")
_BRACKETED_VARIANT = re.compile(r" ?\[[A-Za-z][\w\-.]*\]")
_ROMAN_NUMBER = re.compile(r" (?:II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)(?![\w\-])")
_SIZE = re.compile(rf"{PARAMETER_COUNT}\b")
_SIZE_AFTER = re.compile(rf" {PARAMETER_COUNT}(?!\w|\.\w)")
_TUNING_AFTER = re.compile(r" (?:Pro|Plus|Instruct|Chat|Base|Max|Mini|Lite)(?![\w-])")
_EDITION = re.compile(r"[ -](?:19|20)\d\d(?![\w.\-])")


_COUNTED_KINDS = {"benchmarks": "Benchmark", "datasets": "Dataset", "corpora": "Dataset", "metrics": "Metric", "measures": "Metric"}
_COUNTED_KIND_BEFORE = re.compile(
    rf"\b(?:two|three|four|five|six|several|multiple|\d+)\s+(?:[\w\-]+\s+)?({'|'.join(_COUNTED_KINDS)})\b[^.;:]{{0,80}}[:,]\s*$",
    re.IGNORECASE,
)
"""A count of a kind, then its names: "two metrics, InfoBias and InfoGain", "two benchmarks for manga understanding: MangaOCR"."""
_KIND_AFTER_LIST = re.compile(r"[*+]*\s+(benchmarks|datasets|corpora|environments)\b", re.IGNORECASE)
_KINDS_AFTER = re.compile(r"\s+(?:benchmarks|datasets|tasks|models|methods)\b")
_NAMING_WORD_BEFORE = re.compile(r"(?:^|\b(?:the|our|their|its|and|or|both|,))\s*$", re.IGNORECASE)
_TASKS_SUCH_AS = re.compile(r"\btasks?,?\s+(?:such as|like|including|e\.g\.,?)\s+(?:[\w\-]+,\s*)*$")


def _names_a_kind_of(text: str, s: int, e: int) -> bool:
    """True when a name stands for a category: before plural kind words after a description ("on three standard
    CIR benchmarks") rather than in a list or after "the" ("HumanEval and MBPP benchmarks"), or as an example of tasks."""
    before = text[max(0, s - 80) : s]
    if _TASKS_SUCH_AS.search(before):
        return True
    return bool(_KINDS_AFTER.match(text, e)) and not _NAMING_WORD_BEFORE.search(before)


def _topic_span(ws: list[Word], index: int, text: str, kb: KnowledgeBase, taken: set[int]) -> tuple[int, str] | None:
    """The longest run of free words from `index` that names a research topic."""
    for count in kb.topic_word_counts(ws[index][2]):
        if index + count > len(ws):
            continue
        s, e = ws[index][0], ws[index + count - 1][1]
        surface = text[s:e]
        if s in taken or e - 1 in taken or (count > 1 and _NOT_IN_NAME.search(surface)):
            continue
        topic = kb.topic_of(surface)
        if topic:
            return count, topic
    return None


_PLURAL = re.compile(r".*[A-Za-z0-9]{2}s")
_FUNCTION_WORD_FIRST = re.compile(r"(?:a|an|the|of|in|on|at|to|by|for)\s")


def _kb_span(ws: list[Word], index: int, text: str, kb: KnowledgeBase) -> tuple[int, KBEntry] | None:
    """The longest run of words from `index` that names a known entity."""
    for count in kb.word_counts(ws[index][2]):
        if index + count > len(ws):
            continue
        s, e = ws[index][0], ws[index + count - 1][1]
        surface = text[s:e]
        if count > 1 and _NOT_IN_NAME.search(surface):
            continue
        entries = kb.lookup(surface)
        spelled = any(surface in (entry.name, *entry.aliases) for entry in entries)
        if count > 1 and _FUNCTION_WORD_FIRST.match(surface) and not spelled:
            continue  # "a 10%" is not the A10 ("the Pile", spelled so, is the Pile)
        singular = _PLURAL.fullmatch(surface) and kb.lookup(surface[:-1])
        if singular and not spelled:
            entries = singular  # "ViTs" are ViT models, not VITS
        if entries:
            return count, entries[0]
    return None


_VERSION = re.compile(r"\d+\.\d+|\d{1,2}o?")
"""A model's release number: "Claude 3.7", "ChatGPT 4o"; a bare count before a noun is no release ("BERT 12 layers")."""
_COUNTED_NOUN = re.compile(r" [a-z]")
_VARIANT_WORD = re.compile(
    r"(?:Pro|Plus|Lite|Mini|Max|Turbo|Ultra|Nano|Tiny|Small|Base|Medium|Large|Verified|Hard|Thinking|Reasoning|"
    r"v\d+(?:\.\d+)*|V\d+|\d+(?:\.\d+)?[BMK]|(?:19|20)\d\d|"
    r"[A-Z][a-z]-[A-Z][a-z])"  # language pairs: "WMT 2014 De-En"
)


def _own_kind_of_known(entry: KBEntry, text: str, s: int, e: int, proposals) -> str | None:
    """The type of the paper's own thing when a proposal gives it a known name of another kind:
    "we construct PAPI, the largest dataset for ..." is a Dataset, not the PAPI library."""
    if not any(0 <= s - at <= 30 and not re.search(r"[,;:]", text[at:s]) for at in proposals):
        return None
    entity_type = type_from_head_noun(text[e : e + 80])
    return entity_type if entity_type and entity_type != entry.type and entity_type not in entry.also_types else None


def _variant_words(ws: list[Word], index: int, text: str, entity_type: str) -> int:
    """How many words after a known name make it a variant ("HumanEval Pro", "SWE-bench Verified"); for a
    model also a version number and Thinking or Reasoning ("Claude 3.7", "Gemini 2.0 Flash Thinking"; not
    "Chain-of-Thought Reasoning", a method at work)."""
    count = 0
    while index + count < len(ws) and count < 2 and text[ws[index + count - 1][1] : ws[index + count][0]] == " ":
        word = ws[index + count][2]
        if entity_type == "Model" and not count and _VERSION.fullmatch(word) and not (word.isdigit() and _COUNTED_NOUN.match(text, ws[index][1])):
            count += 1
        elif _VARIANT_WORD.fullmatch(word) and (entity_type == "Model" or word not in ("Thinking", "Reasoning")):
            count += 1
        else:
            break
    return count


_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")


def _plural_pair(pair: AcronymPair) -> bool:
    """"Large Language Models (LLMs)", "Video Diffusion Transformers (VDiTs)": letters for a class of things."""
    return pair.short.endswith("s") and pair.long.endswith("s") and sum(c.isupper() for c in pair.short) >= 2


_CLASS_OF_MODELS = re.compile(r"(?:Models|Networks|Transformers|Machines|Agents|Systems|Architectures)$", re.IGNORECASE)
_BIT_WIDTHS = re.compile(r"W\d+A\d+(?:KV\d+)?")
"""Quantisation settings ("W4A4", "W4A8KV4"): numbers, not names."""
_COMMON_CAPITALISED = frozenset(
    "The A An This These That Our We In On For To With By From Of And Or But As At It Its Their Each Both Such "
    "However Moreover Furthermore Finally First Second Third Then Thus Here Using Based Unlike Like While When "
    "Toward Towards Via Into Over Beyond Through Against Without Versus Under".split()
)


def _joins_left(left: Word, start: int, text: str, kb: KnowledgeBase, taken: set[int]) -> bool:
    """True when a capitalised word right before a coined name is part of it ("Lightning Attention-2")."""
    s, e, word = left
    if text[e:start] != " " or s in taken or word in _COMMON_CAPITALISED or word.lower() in HEAD_NOUN_TYPES:
        return False  # "the Fact-checking Benchmark FActBench": a kind word is not part of the name
    return word[:1].isupper() and word[1:].islower() and word.isalpha() and not _opens_sentence(text, s) and not kb.lookup(word)


def _opens_sentence(text: str, s: int) -> bool:
    """True when the word at `s` opens a sentence or a clause after a colon, where any word is capitalised."""
    before = text[:s].rstrip()
    return not before or before[-1] in ".!?:\n"


def _listed_with(text: str, s: int, e: int, word: str, found: list[Mention], lower_words: set[str]) -> str | None:
    """The type of the benchmarks, datasets or models a capitalised plain word is listed with, if any: in
    "CIFAR-100, STL-10, Flowers, and Pets", Flowers and Pets are datasets too; in "ALLaM, Fanar, LLaMA", Fanar is a model."""
    if not (word.istitle() and word.isalpha() and len(word) > 2) or word.lower() in lower_words or word in _COMMON_CAPITALISED:
        return None
    if _opens_sentence(text, s) or not text[s - 1].isspace():
        return None  # "Across GSM8K and StrategyQA, ...": any word is capitalised there
    if re.match(r"[\s\-]+(?:[A-Z]|\d(?![\d.]*[BMK]\b))", text[e : e + 8]) or re.search(r"[A-Z][\w\-]*\s+$", text[max(0, s - 30) : s]):
        return None  # "Opioid Analgesic Recommendation", "Neural Networks", "Track 1": part of a longer name ("Bloom 7B" is sized)
    for m in found:
        glue = text[m.end : s] if m.end <= s else text[e : m.start]
        if m.type in ("Benchmark", "Dataset", "Model") and glue.strip() and LIST_GLUE.match(glue):
            return m.type
    return None


_NEEDS_SUPPORT = frozenset({"Hardware", "Organization", "Dataset", "Benchmark"})


def _supported(entry: KBEntry, text: str, sent_start: int, s: int, e: int) -> bool:
    """An ambiguous known name ("Frontier", "Breakfast", "Summit") needs a word of its kind next to
    it ("the Frontier supercomputer", "datasets such as Breakfast") or, see `_drop_unsupported`, a
    list of its kind around it; other known names need nothing."""
    surface = text[s:e]
    opens = not text[sent_start:s].strip() or text[sent_start:s].rstrip().endswith(":")
    if not entry.ambiguous or not (entry.type in _NEEDS_SUPPORT or opens) or not (surface.isalpha() and (surface.istitle() or surface.islower())):
        return True  # all capitals (APPS), several words (The Pile) or digits are distinctive enough; "in vivo" is not vivo
    # an ambiguous name of any kind opening a sentence or a subtitle ("SRDiffusion: Accelerate Video ...") needs support too
    if entry.type == "Organization" and (_MADE_BY.search(text, sent_start, s) or _POSSESSIVE.match(text, e)):
        return True  # "open-sourced by Meta", "Meta's NLLB": a maker
    cues = (type_from_head_noun(text[e : e + 60]), type_from_noun_before(text[sent_start:s]))
    return entry.type in cues or any(t in entry.also_types for t in cues if t)


def _heads_a_name(left: Word, word: Word, text: str, sent_start: int, kb: KnowledgeBase) -> bool:
    """True when a known name that is an ordinary capitalised word ends a longer capitalised name ("CSWin
    Transformer", "Long Context Transformers")."""
    s, e, before = left
    if not (word[2].isalpha() and word[2].istitle() and before[0].isupper() and text[e : word[0]] == " "):
        return False
    opens_sentence = not text[sent_start:s].strip()  # "Scaling Transformers to longer sequences"
    adjective = ADJECTIVE_SUFFIX.fullmatch(before.rsplit("-", 1)[-1])  # "LLaMA-style Transformer"
    return not (opens_sentence or adjective or before in _COMMON_CAPITALISED or kb.lookup(before))


_MADE_BY = re.compile(r"\b(?:by|from)\s+$")
_POSSESSIVE = re.compile(r"['’]s\s+[A-Z]")


_VARIANT_TYPES = frozenset({"Model", "Benchmark", "Dataset", "Method"})
_AT_K = re.compile(r"(.+@)(\d+)")


def _maker_prefix(word: str, kb: KnowledgeBase) -> KBEntry | None:
    """The known organization fused before a known product by a hyphen ("OpenAI-o1"), if any."""
    head, _, rest = word.partition("-")
    if not rest:
        return None
    makers = [e for e in kb.lookup(head) if e.type == "Organization"]
    if makers and (kb.lookup(rest) or _known_prefix(rest, kb)[0]) and not kb.lookup(word):
        return makers[0]
    return None


def _known_prefix(word: str, kb: KnowledgeBase) -> tuple[KBEntry | None, bool]:
    """A known name at the start of a hyphenated word, and whether the rest makes a variant.

    "Llama-2-7B" gives (Llama 2, True); "GPT-4-based" gives (GPT-4, False); "pass@200" is a
    variant of pass@k.
    """
    at_k = _AT_K.fullmatch(word)
    if at_k:
        family = kb.lookup(at_k.group(1) + "k") or [e for e in kb.lookup(at_k.group(1)[:-1]) if e.type == "Metric"]
        return (family[0], True) if family else (None, False)  # pass@200 of pass@k, mAP@5 of mAP
    if "-" not in word:
        return None, False
    parts = word.split("-")
    for cut in range(len(parts) - 1, 0, -1):
        head, rest = "-".join(parts[:cut]), parts[cut:]
        entries = kb.lookup(head)
        if not entries:
            continue
        if len(rest) == 1 and _is_plain_suffix(rest[0]):
            return entries[0], False
        if all(_VARIANT_SUFFIX.match(part) for part in rest):
            return entries[0], True
        return None, False
    return None, False


def _is_plain_suffix(part: str) -> bool:
    """"-based", "-inputs", "-Guided": a word glued to a name, not part of it."""
    if ADJECTIVE_SUFFIX.fullmatch(part):
        return True
    return part.isalpha() and part.islower() and len(part) >= 3 and not _VARIANT_SUFFIX.match(part)


def _generic_letters(short: str, kb: KnowledgeBase) -> bool:
    """A short form that is generic by itself (LLM) or made of generic parts ("Video-LLMs", "micro-CT")."""
    return kb.is_generic(short) or _generic_compound(short, kb)


def _generic_compound(word: str, kb: KnowledgeBase) -> bool:
    """"Video-LLMs", "Text-to-SQL", "CNN-Transformer": plain words, generic terms and known names
    joined together describe a kind of thing rather than name one."""
    parts = word.split("-")
    if len(parts) < 2:
        return False
    generic = [p for p in parts if len(p) > 1 and kb.is_generic(p)]
    architectures = [p for p in parts if any(e.type == "Method" for e in kb.lookup(p))]
    if generic and len(generic) + len(architectures) == len(parts):
        return True
    if not kb.is_generic(parts[-1]):
        return False
    return all(kb.is_generic(p) or (len(p) > 1 and p.isalpha() and (p.islower() or p.istitle())) for p in parts[:-1])


def _known_model_part(word: str, kb: KnowledgeBase) -> str | None:
    """"Model" for a coined name that ends in a known model's name (BMC-CLIP, Video-LLaMA): a model built on it;
    "Metric" for a known metric with a one-letter qualifier (gFID, rFID)."""
    head, _, last = word.rpartition("-")
    if head and any(entry.type == "Model" for entry in kb.lookup(last)):
        return "Model"
    if word[:1].islower() and word[1:2].isupper() and any(entry.type == "Metric" for entry in kb.lookup(word[1:])):
        return "Metric"
    return None


def _strip_plain_suffix(word: str) -> str:
    head, _, last = word.rpartition("-")
    return head if head and _is_plain_suffix(last) else word


def _is_named_long_form(long: str, kb: KnowledgeBase, *, at_sentence_start: bool = False) -> bool:
    """A long form names a thing when its words are capitalised; "large language models" does not.

    A sentence's first word is capitalised anyway, so there it counts only if it is not a plain word.
    """
    if kb.topic_of(long) or names_a_task(long):
        return False
    content = [w for w in re.split(r"[\s\-]+", long) if w and w.lower() not in {"of", "for", "and", "the", "with", "in", "on", "to", "a", "via", "by"}]
    if not content:
        return False
    capital = [w[0].isupper() for w in content]
    if at_sentence_start and content[0][1:].islower():
        capital[0] = False
    return sum(capital) * 2 >= len(content) and (capital[0] or not content[0][0].isalpha() or at_sentence_start and sum(capital) > 0)


def _head_type(long: str) -> str | None:
    """The type a long form's head word gives: its last word, or the word before its first preposition
    ("Legacy Survey of Space and Time", "model-aware data selection with data influence models"); a survey,
    census, registry, atlas or archive is a Dataset, a distance, coefficient, error or rate a Metric.

    >>> _head_type("Legacy Survey of Space and Time"), _head_type("model-aware data selection with data influence models")
    ('Dataset', None)
    >>> _head_type("Average Hausdorff Distance"), _head_type("Pairwise Dictionary Mean Correlation Coefficient")
    ('Metric', 'Metric')
    """
    head = _PREPOSITION.split(long, 1)[0].split()
    last = head[-1].lower() if head else ""
    if last in _DATA_COLLECTIONS:
        return "Dataset"
    if last in _MEASURES:
        return "Metric"
    return type_from_head_noun(" " + last)


_DATA_COLLECTIONS = frozenset("survey census registry atlas archive".split())
_MEASURES = frozenset("distance coefficient divergence error rate ratio index accuracy precision recall".split())
_PREPOSITION = re.compile(r"\s(?:of|with|for|via|using|from|in|on|to|under|over|through)\s")
