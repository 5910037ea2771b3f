"""Roles of mentions in a sentence: the paper's own names (proposes), evaluation targets, the rest (uses)."""

from __future__ import annotations

import re
from dataclasses import replace

from .cues import (
    HEAD_NOUN_TYPES, NAMING_WORDS, PART_WORDS, evaluated_on_before, has_evaluation_cue, kind_in_evaluation_phrase, proposed_after,
)
from .names import name_key
from .records import Mention

__all__ = ["assign_roles", "study_data"]

_OUR = re.compile(
    r"\b(?:our|the proposed)\s+(?:(?!(?:to|on|in|of|for|with|at|by|than|over|from|into)\b)[\w\-]+(?:\s+|,\s*)){0,3}$",
    re.IGNORECASE,
)
_OUR_KIND = re.compile(
    r"\bour\s+(?:(?:final|new|proposed|resulting|trained|fine-tuned)\s+)*"
    r"(?:model|method|framework|system|library|benchmark|dataset|algorithm|architecture)\s*,?\s*$",
    re.IGNORECASE,
)
"""A known name the paper calls its own: "our final model S4D"."""
_NOVEL = re.compile(
    r"\b(?:novel|new|(?:self-|newly\s+)(?:annotated|collected|constructed|built|curated))\s+"
    r"(?:(?!(?:on|in|of|for|with|to|at|by|than|over|from)\b)[\w\-]+\s+){0,3}$",
    re.IGNORECASE,
)
"""A coined name the sentence calls new: "(2) novel Aspect Matching Score (AMS): a metric"."""
_NOVEL_AFTER = re.compile(r"[}*$]*\)?,\s+(?:a|an)\s+(?:[\w\-]+\s+)?(?:novel|new)\b", re.IGNORECASE)
"""After a coined name: the sentence calls it new ("utilizing MedJudge, a novel rubric-based evaluation framework")."""
_IS_A_KIND = re.compile(rf"\s+is\s+(?:a|an)\s+(?:[\w\-]+\s+){{0,3}}(?:{'|'.join(HEAD_NOUN_TYPES)})\b")
"""After a coined name: the abstract says what it is ("ProSper is a python library"), which it does for its own things."""
_GLUED_SUFFIX = re.compile(r"-(?:based|guided|driven|inspired|like|style|powered|enhanced|augmented)\b", re.IGNORECASE)
"""After a name: it describes what the contribution builds on ("a Mamba-based framework")."""
_DOMAIN_OF = re.compile(r"\b(?:for|of|on|in|from|to)\s+(?:(?:the|a|an)\s+)?$", re.IGNORECASE)
"""Before a name (or an acronym's long form): it names the setting of the contribution ("a model for Range-Doppler (RD) maps")."""
_OWN_PARTS = re.compile(
    r"^\W*(?:(?:(?i:our|the proposed|this|the)\s+(?:[\w\-]+\s+){0,3}?|[A-Z][\w\-]*[A-Z0-9][\w\-]*\s+)"
    r"(?i:consists?\s+of|comprises?|is\s+composed\s+of|contains?|features?|incorporates?|integrates?|combines?|"
    r"is\s+made\s+up\s+of)\b"
    r"|(?i:an?|the|one)\s+(?:(?i:key|core|main|central)\s+)?(?i:component|module|part|element|ingredient)s?\s+of\s+\S+\s+(?i:is|are)\b"
    r"|(?i:key|main|core|major)\s+(?i:innovations?|contributions?|components?|designs?)\s+(?i:include|includes|are|is)\b)"
)
"""A sentence that lists the parts of the paper's own contribution ("HF-VTON consists of three modules: ...",
"A key component of SpectMamba is the ... (HSFA) block")."""
_MODIFIES_A_NOUN = re.compile(r"\s+(?!and\b|or\b|to\b|that\b|which\b|for\b|with\b|in\b|on\b|as\b)[a-z][\w\-]*")
"""After a known name: it describes a part of the contribution ("we introduce a CLIP image encoder")."""
_PRIOR_WORK = re.compile(
    r"\b(?:existing|previous|prior|previously|such as|like|e\.g\.|popular|widely|standard|conventional|traditional|"
    r"baselines?|compared?|comparison|comparative|representative|against|et al|classic|commonly|state-of-the-art|"
    r"with an?)\b",
    re.IGNORECASE,
)
"""Words before a name that put it in other people's work ("compared to state-of-the-art Deep Attention Network")."""
_COINED_RULES = ("acronym", "form", "phrase")
_PART_AFTER = re.compile(
    rf"[)\s]*(?:{'|'.join(PART_WORDS)}|strategy|algorithm|component|unit)\b",
    re.IGNORECASE,
)
"""After a coined acronym: the kind of part it names ("the Alignment-free Dense Distillation (ADD) module"), a part of the
paper's own system unless the sentence puts it in other work."""
_CALLED = re.compile(rf"\b(?:{NAMING_WORDS}|as)\s*$", re.IGNORECASE)
_NAMED_NEW = re.compile(
    rf"\b(?:novel|new|our|proposed|(?:a|an)\s+(?:[\w\-]+\s+){{0,3}}(?:{'|'.join(HEAD_NOUN_TYPES)}))\b[^.;]*\b{NAMING_WORDS}\s*$",
    re.IGNORECASE,
)
"""Without a proposal verb: "VARIN leverages a novel pseudo-inverse function for argmax sampling, named LAI"."""
_PROPOSAL_REACH = 150
_USED_BEFORE = re.compile(
    r"\b(?:us(?:e|es|ed|ing)|estimat\w+|achiev\w+|combin\w+|incorporat\w+|fus\w+|with)\s+(?:(?:the|a|an|one)\s+)?(?:[\w\-]+\s+){0,2}$",
    re.IGNORECASE,
)
"""Before an acronym pair: the sentence uses the thing ("we fuse outputs ... using Reciprocal Rank Fusion (RRF)")."""


def assign_roles(groups: list[list[Mention]], text: str, proposals: tuple[int, ...], in_title: bool, proposed_before: bool = False) -> list[Mention]:
    """proposes for the paper's own names, evaluatesOn for evaluation targets, uses for the rest.

    In a proposal sentence ("we introduce X ...") the first name after a verb is the
    contribution, and so is the rest of a list it opens, any acronym the sentence defines and
    any name it calls so. A known name counts only right after the verb ("we introduce MBPP").
    After a sentence that proposes (`proposed_before`), a named acronym pair the paper neither uses
    nor credits to others is one of its parts ("First, the Dual Selective Enhancement Block (DSEB)
    enhances ..."). A list shares its first member's evaluation role.
    """
    mentions = [m for group in groups for m in group]
    title_names = {name_key(m.text) for m in mentions if m.rule == "title"}
    claimed: set[int] = set()  # proposal verbs whose contribution is named already
    result = []
    for group in groups:
        lead = None
        for m in group:
            before = text[m.sent_start : m.start]
            if m.long_form and before.endswith(f"{m.long_form} ("):
                before = before[: -len(m.long_form) - 2]  # read the words before "Long Form (ACRONYM)"
            propose_at = max((p for p in proposals if p <= m.start), default=proposals[0] if proposals else None)
            own = (m.kb_key is None and not (m.variant_of and m.type == "Metric")) or m.rule == "title"
            right_after_verb = propose_at is not None and _RIGHT_AFTER_VERB.fullmatch(text[propose_at : m.start])
            if m.type == "Task" or _GLUED_SUFFIX.match(text, m.end):
                # a topic is what a paper is about, and "a Mamba-based framework" builds on Mamba: neither is proposed
                result.append(replace(m, role="uses"))
                continue
            if (in_title and (m.rule == "title" or name_key(m.text) in title_names)) or m.rule == "named":
                role = "proposes"
            elif (
                own
                and (_OUR.search(before[-60:]) or _NOVEL.search(before[-60:]) or _NOVEL_AFTER.match(text, m.end) or _IS_A_KIND.match(text, m.end))
            ) or _OUR_KIND.search(before[-60:]) or (
                own and _CALLED.search(before[-12:]) and (
                    propose_at is not None or _NAMED_NEW.search(before) and not _PRIOR_WORK.search(before)
                )
            ):
                role = "proposes"
            elif m.rule == "component" and not _PRIOR_WORK.search(before[-60:]):
                role = "proposes"  # a named part of a system is the paper's own unless the sentence says whose
            elif own and m.rule == "acronym" and propose_at is not None and propose_at <= m.start and not _DOMAIN_OF.search(before):
                role = "proposes"  # "we introduce X ... via three modules: a Regional-aware Semantic Mapper (RSM), ..."
            elif own and m.rule in _COINED_RULES and (
                proposed_after(text[m.end : m.end + 80]) or _OWN_PARTS.match(m.sentence)
                or (m.long_form and _PART_AFTER.match(text, m.end) and not _PRIOR_WORK.search(before[-60:]))
            ):
                role = "proposes"  # "A Face-Aware Audio Adapter (FAA) is proposed", "Our approach comprises ... (GFG)"
            elif propose_at is not None and propose_at <= m.start < propose_at + _PROPOSAL_REACH and (
                own or right_after_verb and not _MODIFIES_A_NOUN.match(text, m.end)
            ) and propose_at not in claimed and not _DOMAIN_OF.search(before) and not _PRIOR_WORK.search(text[propose_at : m.start]):
                role = "proposes"
            elif (
                own and m.rule == "acronym" and proposed_before and not proposals and m.long_form and m.long_form[0].isupper()
                and not _PRIOR_WORK.search(before[-60:]) and not _DOMAIN_OF.search(before) and not _USED_BEFORE.search(before)
            ):
                role = "proposes"  # after "we propose X": "First, the Dual Selective Enhancement Block (DSEB) ... enhances"
            elif lead == "proposes":
                role = "proposes"  # "two new benchmarks, MBPP and MathQA-Python"
            elif lead == "evaluatesOn" and (
                _data_kind(m) in ("Benchmark", "Dataset")
                or m.type in ("Metric", "Method")
                and kind_in_evaluation_phrase(text[m.sent_start : group[0].start]) in ("Benchmark", "Dataset")
            ):
                role = "evaluatesOn"  # "on three benchmarks including POPE, CHAIR, and MME": a list of benchmarks
            else:
                role = _evaluation_role(m, before)
            if role == "proposes" and propose_at is not None and m.start >= propose_at:
                claimed.add(propose_at)
            lead = lead or role
            result.append(replace(m, role=role))
    return result


_RIGHT_AFTER_VERB = re.compile(
    r"\s*(?:(?:a|an|the|two|three|four|several)\s+)?(?:(?:new|novel|large-scale|challenging)\s+)?"
    r"(?:[\w\-]+\s+)?(?:benchmarks?|datasets?|models?|suites?|corpus|corpora)?\s*[,:]?\s*"
)


def _evaluation_role(m: Mention, before: str) -> str:
    kind = _data_kind(m)
    if kind == "Benchmark" and _TAKES_PART.search(before) and (
        _COMPETITION.search(m.text) or _COMPETITION_AFTER.match(m.sentence, m.end - m.sent_start)
    ):
        return "evaluatesOn"  # "systems developed for the M-DAIGT shared task", "CaresAI at BioCreative IX"
    if kind in ("Benchmark", "Dataset"):
        if _PRIOR_LIST.search(before[-60:]):
            return "uses"  # "existing benchmarks (e.g., Natural Questions, HotpotQA) fail to ..."
        if evaluated_on_before(before) and has_evaluation_cue(m.sentence):
            return "evaluatesOn"
        if kind == "Benchmark" and (_SHOTS.search(before) or _MEASURED_AFTER.match(m.sentence, m.end - m.sent_start)):
            return "evaluatesOn"
        if kind == "Benchmark" and has_evaluation_cue(m.sentence) and not _mentioned_as_prior(m.sentence):
            return "evaluatesOn"
    return "uses"


_DATA_KIND_AFTER = re.compile(
    r"[}*$]*\)?\s+(?:(?:test|evaluation)\s+)?(benchmarks?|datasets?|corpus|corpora|databases?|collections?|environments?|suites?|"
    r"challenges?|leaderboards?|set)\b",
    re.IGNORECASE,
)
"""After a name: the kind of data it names here, also where the KB or its form typed it otherwise ("On the Waymo
dataset", "on MuJoCo environments", "the DLR-F11 test set")."""


def _data_kind(m: Mention) -> str:
    """The mention's type, or, for a name the KB or its form typed as no data, the data kind the word after it gives."""
    if m.type in ("Benchmark", "Dataset", "Model", "Task"):
        return m.type
    match = _DATA_KIND_AFTER.match(m.sentence, m.end - m.sent_start)
    word = match.group(1).lower() if match else ""
    return HEAD_NOUN_TYPES.get(word) or HEAD_NOUN_TYPES.get(word.removesuffix("s")) or m.type


_COMPETITION = re.compile(r"(?:Challenge|Shared Task|Competition|Olympiad|Track|(?<![\d.])(?:19|20)\d\d)$")
_COMPETITION_AFTER = re.compile(r"\)?\s+(?:(?:19|20)\d\d\s+)?(?:shared\s+tasks?|challenges?|competitions?|tracks?)\b", re.IGNORECASE)
_TAKES_PART = re.compile(r"\b(?:for|at|to|in|of)\s+(?:the\s+)?$", re.IGNORECASE)
"""A competition the paper takes part in: "for the KSPDG challenge", "at IWSLT 2025", "the MedHopQA track of the ..."."""
_PRIOR_LIST = re.compile(
    r"\b(?:existing|previous|prior|current|popular)\s+(?:[\w\-]+\s+)?(?:benchmarks|datasets)\s*"
    r"(?:\(|,)?\s*(?:such as|like|including|e\.g\.,?)\s*(?:[^.;]{0,40},\s*)?$",
    re.IGNORECASE,
)


_SHOTS = re.compile(r"\b(?:\d+|zero|one|few|two|three|five)-shot\s+$", re.IGNORECASE)
_MEASURED_AFTER = re.compile(r"\s+(?:scores?|accuracy|leaderboard)\b", re.IGNORECASE)
"""A benchmark measured: "5-shot MMLU", "a 16% improvement in MMLU scores"."""


def _mentioned_as_prior(sentence: str) -> bool:
    return bool(re.search(r"\b(existing|previous|prior|such as|like|e\.g\.)", sentence, re.IGNORECASE))


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_TRAINING = re.compile(r"\b(?:train|pre-?train|fine-?tun|finetun)\w*\s+(?:[\w\-]+\s+){0,3}?(?:on|with|using|from)\b|\busing\b[^.;]*\btrain", re.IGNORECASE)
"""A sentence that trains on data: "further fine-tuned with a subset of the HH-RLHF dataset", "Using the X dataset, we trained"."""


def study_data(mentions: list[Mention], text: str) -> list[Mention]:
    """The data a study runs on, where no sentence says it evaluates on anything: "The D-FIRE dataset ... was
    employed in the study", "documents from the CUAD dataset". A named dataset with its kind word ("the X dataset")
    in a sentence that neither reports evaluation nor training, in a paper that reports results but builds no data of
    its own and evaluates on nothing else, is where its results come from."""
    if any(m.role == "evaluatesOn" or m.role == "proposes" and m.type in ("Benchmark", "Dataset") for m in mentions):
        return mentions
    if not has_evaluation_cue(text):
        return mentions
    result = []
    for m in mentions:
        before = text[m.sent_start : m.start]
        if m.long_form and before.endswith(f"{m.long_form} ("):
            before = before[: -len(m.long_form) - 2]
        if (
            m.role == "uses" and m.type in ("Benchmark", "Dataset")
            and _THE_BEFORE.search(before) and _DATA_KIND_AFTER.match(m.sentence, m.end - m.sent_start)
            and not has_evaluation_cue(m.sentence) and not _TRAINING.search(m.sentence)
            and not _PRIOR_WORK.search(before)
        ):
            m = replace(m, role="evaluatesOn")
        result.append(m)
    return result
