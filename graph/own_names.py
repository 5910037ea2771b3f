"""Names a sentence presents as names: the name a title gives (and where the abstract repeats it),
the names a sentence says it coins ("a tokenizer named X", "our X model", "X, a ..."), names set in
quotes, title-case phrases right after "we propose", title-case names of a kind ("the Speech
Accessibility Project Challenge", "the Salinas dataset") and of a part ("a Knowledge Transfer
module", "the Cognition-Inspired Decoder")."""

from __future__ import annotations

import re

from .cues import HEAD_NOUN_TYPES, LIST_GLUE, NAMING_WORDS, PART_WORDS, PLURAL_KINDS, type_from_form, type_from_head_noun, type_from_subtitle
from .kb import KnowledgeBase
from .names import ADJECTIVE_SUFFIX, PARAMETER_COUNT, looks_like_name, whole_word
from .records import Mention

__all__ = [
    "title_names", "title_phrases_again", "title_repeats", "named_phrases", "appositive_names", "bracketed_names",
    "quoted_names", "title_case_phrases", "kind_phrases", "kind_after_phrases", "kind_examples", "component_phrases",
    "listed_parts",
]


_TITLE_CASE_WORD = r"(?:[A-Z][a-z][\w\-]*|[A-Z0-9]{1,4}-[A-Z][a-z][\w\-]*)"  # "Guidance", "ID-Aware", "3D-Aware"
_TITLE_CASE_PHRASE = re.compile(rf"(?<![\w\-])(?:{_TITLE_CASE_WORD}\s+){{1,4}}{_TITLE_CASE_WORD}(?![\w\-])")


def title_case_phrases(text: str, start: int, end: int, kb: KnowledgeBase) -> list[tuple[int, int]]:
    """Runs of 2-5 capitalised words right after a proposal verb (text[start:]), and the runs listed
    with them ("Throttling Gates and Reasoning Gates"), that are neither known names nor topics; or
    one word so named ("Alchemist, a compact SFT dataset", "Max-Former that restores ...")."""
    found: list[tuple[int, int]] = []
    single = _ONE_WORD_NAMED.match(text, start, end)  # "we release Alchemist, a compact SFT dataset"
    if single and type_from_head_noun(text[single.end("name") : single.end("name") + 80]) and not kb.lookup(single.group("name")):
        return [(single.start("name"), single.end("name"))]
    single = _ONE_HYPHENATED_NAME.match(text, start, end)  # "we introduce Max-Former that restores ..."
    if single and not kb.lookup(single.group("name")) and not kb.is_generic(single.group("name")):
        return [(single.start("name"), single.end("name"))]
    for match in _TITLE_CASE_PHRASE.finditer(text, start, end):
        phrase = match.group(0)
        previous = found[-1][1] if found else start
        glue = text[previous : match.start()]
        if not (_RIGHT_AFTER_VERB_TEXT.fullmatch(glue) if not found else LIST_GLUE.match(glue)):
            break
        words_ = phrase.split()
        if kb.lookup(phrase) or kb.topic_of(phrase) or _mostly_generic(words_, kb):
            break
        if words_[-1].lower() in PLURAL_KINDS:
            break  # "Training Algorithms" describes, it does not name
        if _MODIFIES_A_KIND.match(text, match.end()) or _A_SETTING_AFTER.match(text, match.end()):
            break  # "a comprehensive Sri Lankan coin image dataset": a description of an unnamed thing; "a novel
            # Open-Set Self-Supervised Learning problem": a setting, not a thing made
        found.append(match.span())
    return found


_A_SETTING_AFTER = re.compile(r"\s+(?:problem|setting|task|scenario|paradigm)s?\b")
_ONE_WORD_NAMED = re.compile(r"\s*(?:(?:the|our)\s+)?(?P<name>[A-Z][a-z][\w\-]*)(?=,\s+(?:a|an)\s)")
_ONE_HYPHENATED_NAME = re.compile(
    r"\s*(?:(?:the|our|a)\s+)?(?:(?:new|novel)\s+)?(?P<name>[A-Z][a-z]+(?:-[A-Z][\w]*)+)(?=\s*(?:[,(.:]|(?:that|which|to|for|as|with)\b))"
)
_RIGHT_AFTER_VERB_TEXT = re.compile(
    r"\s*(?:(?:a|an|the)\s+)?(?:(?:new|novel|simple|lightweight|unified|general)\s+)*(?:[a-z\-]+\s+){0,3}?"
    r"(?:(?:method|framework|approach|technique|module|mechanism|strategy|model|architecture|system|benchmark|dataset|"
    r"pipeline|paradigm|algorithm|metric)\s*(?:,|called|named|termed)?\s*)?"
)
_MODIFIES_A_KIND = re.compile(
    r"\s+(?:[a-z][a-z\-]*\s+){1,3}(?:dataset|benchmark|model|framework|method|approach|system|corpus|collection)s?\b"
)



_NAME = r"(?:[A-Z][\w.+\-]*[\w+]|[a-z]+[A-Z][\w.+\-]*[\w+])(?:\s+[A-Z][\w.+\-]*[\w+]){0,2}"
_KIND = (
    r"(?:model|method|framework|tokenizer|system|library|benchmark|dataset|datastore|corpus|agent|algorithm|architecture|"
    r"approach|technique|toolkit|tool|metric|suite|engine|pipeline|protocol|module|infrastructure)"
)
_NAMED = re.compile(
    rf"\b(?:named|dubbed|termed(?: as)?|coined|(?i:we) call(?: (?:this|it|them|these))?(?: the)?|refer\w* (?:to )?[^.;]{{0,90}}? as(?: the)?"
    rf"|(?:new|novel|our|propose\w*|introduce\w*|present\w*|construct\w*|build\w*|buil[dt]|develop\w*|design\w*|creat\w*)\b"
    rf"[^.;]{{0,80}}?\bcalled)\s+(?P<a>{_NAME})"
    rf"|\b(?i:our|the final|the resulting)(?: [\w\-]+){{0,3}} {_KIND}:? (?P<b>{_NAME})"
    rf"|\bnew\s+(?:[\w\-]+\s+){{0,2}}{_KIND}s?\s*[,:]?\s+(?P<e>{_NAME})"
    rf"|\b(?i:our) (?:(?:proposed|new|novel) )?(?P<c>{_NAME}) {_KIND}"
    rf"|(?:^|\(\d\)\s*|[:;]\s*)(?P<d>{_NAME}),\s+(?:a|an)\s"
    rf"|\b(?i:we)\s+[a-z]+\s+(?P<f>{_NAME}),\s+(?:a|an)\s+(?:[\w\-]+\s+){{0,3}}{_KIND}\b"
    rf"|\b(?i:we)\s+(?:propose|introduce|present|develop|design|build|construct|create)\w*\s+(?:a|an)\s+(?:[\w\-]+\s+){{0,4}}"
    rf"{_KIND},\s+(?P<g>{_NAME}),"
)
_PHENOMENON = re.compile(
    r"\b(?:failures?|limitations?|problems?|phenomen(?:on|a)|issues?|behaviou?rs?|effects?|vulnerabilit(?:y|ies)|bias(?:es)?|"
    r"gaps?|trade-?offs?|paradox|dilemma|hypothes[ie]s)\b|(?:Problem|Phenomenon|Effect|Hypothesis|Paradox|Dilemma)$"
)
_CONNECTOR_AT_END = re.compile(rf"\s*\b{NAMING_WORDS}(?: as)?\s*$")
_NOT_A_NAME = re.compile(
    r"\w+ly|A|An|However|Moreover|Here|Then|Thus|Instead|First|Second|Third|Finally|Overall|We|Our|This|These|The|It|In|To|For|"
    r"Within|Across|Through|Under|With|Without|Among|During|After|Before|Unlike|Like|By|From|On|At|Despite|Besides|Beyond|Via"
)


def named_phrases(sentence: str, offset: int) -> list[tuple[int, int, str]]:
    """Spans the sentence presents as names, with the type its kind word gives ("" if none).

    >>> s = "We propose a novel tokenizer named Tokompiler, designed for code."
    >>> [(s[a:b], t) for a, b, t in named_phrases(s, 0)]
    [('Tokompiler', '')]
    >>> s = "Our findings show that our Higgs model -- a LLaMA finetuned -- excels."
    >>> [(s[a:b], t) for a, b, t in named_phrases(s, 0)]
    [('Higgs', 'Model')]
    >>> s = "This paper proposes a versatile method called GQKVA, which groups queries."
    >>> [(s[a:b], t) for a, b, t in named_phrases(s, 0)]
    [('GQKVA', 'Method')]
    >>> s = "We construct a text reading dataset (called Worms), which we call the mallocGame."
    >>> [(s[a:b], t) for a, b, t in named_phrases(s, 0)]
    [('Worms', 'Dataset'), ('mallocGame', '')]
    >>> s = "Thus, we describe FRANC, a lightweight framework for recommending code."
    >>> [(s[a:b], t) for a, b, t in named_phrases(s, 0)]
    [('FRANC', 'Method')]
    >>> s = "Our fine-tuned 8B size model: PyLlama3 achieves an exciting performance."
    >>> [(s[a:b], t) for a, b, t in named_phrases(s, 0)]
    [('PyLlama3', 'Model')]
    >>> s = "Our RL-based approach learns."
    >>> named_phrases(s, 0)
    []
    >>> s = "We call this Web Agent Throttling. Our proposed Robust Deep MCCFR framework adds target networks."
    >>> [(s[a:b], t) for a, b, t in named_phrases(s, 0)]
    [('Web Agent Throttling', ''), ('Robust Deep MCCFR', 'Method')]
    >>> s = "We call this metric the idealized runtime, served by a method called co-serving; so-called drift stays."
    >>> [(s[a:b], t) for a, b, t in named_phrases(s, 0)]
    [('idealized runtime', 'Metric'), ('co-serving', 'Method')]
    >>> s = "We introduce an innovative evaluation metric, the pronoun score, which counts pronouns."
    >>> [(s[a:b], t) for a, b, t in named_phrases(s, 0)]
    [('pronoun score', 'Metric')]
    """
    found = []
    for match in _NAMED.finditer(sentence):
        group = next(g for g in "abcdefg" if match.group(g))
        name = match.group(group)
        if _NOT_A_NAME.fullmatch(name.split()[0]) or _PHENOMENON.search(match.group(0)):
            continue  # "We refer to this failure as Modality Interference": a phenomenon, not a thing made
        if "-" in name and ADJECTIVE_SUFFIX.fullmatch(name.rsplit("-", 1)[-1]):
            continue  # "our RL-based approach" describes the approach; it does not name it
        if group == "d" and (
            not (any(looks_like_name(w) for w in name.split()) or len(name.split()) > 1) or name.split()[0].endswith("ing")
        ):
            continue  # "Besides, a ..." and "Using Yoga, a ..." open a sentence; "PC Tracker, a ..." is a name
        if group == "c":
            kind = re.search(_KIND, match.group(0)[match.end(group) - match.start() :])
        elif group == "f":  # the apposition's head: "we present UI-TARS-2, a native GUI-centered agent model"
            kind = re.search(_KIND + "$", match.group(0))
        elif group == "g":  # "we develop a data generation pipeline, Programming-Instruct, which ..."
            kind = re.search(_KIND + r",\s+$", sentence[match.start() : match.start(group)])
        else:
            before = _CONNECTOR_AT_END.sub("", sentence[max(0, match.start(group) - 40) : match.start(group)])
            kind = re.search(_KIND + r"\W{0,3}$", before.rstrip(" ("))
            kind = kind or re.search(_KIND, match.group(0)) if group == "b" else kind
        entity_type = type_from_head_noun(" " + kind.group(0).strip(" (")) if kind else ""
        found.append((offset + match.start(group), offset + match.end(group), entity_type or ""))
    for match in _NAMED_IN_LOWER_CASE.finditer(sentence):
        if not _PHENOMENON.search(match.group(0)) and not any(s <= offset + match.start("name") < e for s, e, _ in found):
            entity_type = type_from_head_noun(" " + re.search(_KIND, match.group(0)).group(0)) or ""
            found.append((offset + match.start("name"), offset + match.end("name"), entity_type))
    return found


_NAMED_IN_LOWER_CASE = re.compile(
    rf"(?:\b{_KIND}\b[^.;,]{{0,30}}?(?<!so-)\b(?:called|dubbed|termed(?: as)?|coined)"
    rf"|\b(?i:we) (?:call|term|dub) (?:this|these|such|the|our) (?:[a-z\-]+ )?{_KIND}s?(?: as)?"
    rf"|\b(?i:we) (?:propose|introduce|present|develop|design)\w* (?:a|an) (?:[\w\-]+ ){{0,3}}{_KIND},(?= the))"
    r"(?: the)?\s+[\"“`']*(?P<name>[a-z][a-z\-]*[a-z](?:\s+[a-z][a-z\-]*[a-z]){0,2}?)[\"”']*"
    r"(?=\s*(?:[,.;:()]|$|\b(?:which|that|to|for|in|and|with|is|are|as)\b))"
)
"""A name in lower case that a sentence gives a thing of a kind: "a method called co-serving", "we call this metric the
idealized runtime", "we term such module as learngene", "we introduce an evaluation metric, the pronoun score"."""


_APPOSITION_KIND = "|".join(sorted(set(HEAD_NOUN_TYPES) | {"assistant", "language", "agent", "tokenizer", "infrastructure"}, key=len, reverse=True))
_APPOSITIVE = re.compile(
    r"\b(?i:we|this\s+(?:paper|work|study))\s+(?P<between>[^.;:]{0,100}?)"
    r"(?<![\w\-])[\\\w{]*?(?P<name>[A-Z][\w.+\-]*[\w+](?:\s+[A-Z][\w.+\-]*[\w+]){0,2}|[a-z]+(?:-[A-Za-z][\w]*)+|[a-z]+[A-Z][\w.+\-]*[\w+])"
    r"[}*]*(?:,|\s+--\s+[^.;]{1,60}?\s+--)\s+(?:a|an|the\s+first)\s+(?P<desc>(?:[\w\-]+\s+){0,4}?)"
    rf"(?P<kind>{_APPOSITION_KIND})\b"
)
_NOT_OWN_BEFORE = re.compile(
    r"\b(?:compar\w*|against|baselines?|such\s+as|like|e\.g\.|existing|previous|prior|popular|widely|standard|"
    r"conventional|traditional|state-of-the-art|evaluat\w*|test\w*|benchmark\w*|assess\w*|analy[sz]\w*|stud(?:y|ies|ied)|"
    r"investigat\w*|examin\w*|extend\w*|adapt\w*|fine-?tun\w*|of|from|by|than)\b",
    re.IGNORECASE,
)
_NOT_OWN_DESC = re.compile(
    r"\b(?:strong|popular|widely|standard|existing|previous|prior|well-known|recent|state-of-the-art|common|commonly|"
    r"established|public|publicly|open-source|proprietary|commercial|large-scale\s+pre-?trained)\b",
    re.IGNORECASE,
)


def appositive_names(sentence: str, offset: int) -> list[tuple[int, int, str]]:
    """A coined name the paper's own sentence ("we ...", "this paper ...") describes in apposition as a thing of a kind,
    whatever the verb: "we showcase ModelScopeGPT, a real-world intelligent assistant", "We demonstrate ... with
    sched-agent, a multi-agent system". Not one the sentence compares with, tests or credits to others ("we compare
    against FooNet, a strong baseline"), nor a descriptive word ("fine-tuning", "LLM-based"). The caller drops known names.

    >>> s = "Finally, we showcase ModelScopeGPT, a real-world intelligent assistant of ModelScope Community."
    >>> [(s[a:b], t) for a, b, t in appositive_names(s, 0)]
    [('ModelScopeGPT', '')]
    >>> s = "We demonstrate this architecture's power with sched-agent, a multi-agent system that analyzes workloads."
    >>> [(s[a:b], t) for a, b, t in appositive_names(s, 0)]
    [('sched-agent', 'Method')]
    >>> s = "We compare against FooNet, a strong baseline model, and evaluate on BarQA, a QA benchmark."
    >>> appositive_names(s, 0)
    []
    """
    found = []
    for match in _APPOSITIVE.finditer(sentence):
        name, between = match.group("name"), match.group("between")
        if _NOT_OWN_BEFORE.search(between) or _NOT_OWN_DESC.search(match.group("desc")):
            continue
        if re.search(r"\bof\b", match.group("desc")):
            continue  # "MR-SDEs, a variant of diffusion models": the kind word is what it varies
        previous = sentence[: match.start("name")].split()[-1:]
        if previous and previous[0].lower() != "we" and (previous[0][0].isupper() or previous[0].endswith(")")):
            continue  # the tail of a longer name: "the Visual-Semantic Attention Potential Field", "(GRE) Suite"
        if _NOT_A_NAME.fullmatch(name.split()[0]) or name.split()[0].endswith("ing"):
            continue  # "we find that, In ..., a" and "Using Yoga, a ..."
        if "-" in name and ADJECTIVE_SUFFIX.fullmatch(name.rsplit("-", 1)[-1]):
            continue  # "LLM-based, a ..." describes
        if not re.search(r"[A-Z0-9]", name) and (not re.fullmatch(r"[a-z]+-[a-z]+", name) or len(name) > 14):
            continue  # in lower case, only a short glued pair names ("sched-agent"); else one with capitals ("chain-of-OMP")
        entity_type = type_from_head_noun(" " + match.group("kind")) or ""
        found.append((offset + match.start("name"), offset + match.end("name"), entity_type))
    return found


_QUOTED = re.compile(
    r"(?:``|\"|“|')(?P<name>[A-Z][\w\-]*(?:\s+[A-Z0-9][\w\-]*){1,4}|[\w\-+.]+)(?:''|\"|”|')(?P<after>\s*[\w\-]*)"
)


def quoted_names(sentence: str, offset: int) -> list[tuple[int, int, str]]:
    """Names a sentence sets in quotes: capitalised words ("the 'MetaGen Blended RAG' method") or one
    coined word ("we propose ``RPDR''"), with the type of the kind word after them; a quoted phenomenon
    ("Toxic Siblings" bias), plain words ("Basic", "AI interviewers") and descriptions ("LLM-centric") are no names.

    >>> s = "This 'MetaGen Blended RAG' method helps; a ``Toxic Siblings'' bias, ``AI interviewers'' and ``LLM-centric'' do not."
    >>> [(s[a:b], t) for a, b, t in quoted_names(s, 0)]
    [('MetaGen Blended RAG', 'Method')]
    """
    found = []
    for match in _QUOTED.finditer(sentence):
        name = match.group("name")
        if " " not in name and (not looks_like_name(name) or ADJECTIVE_SUFFIX.fullmatch(name.rsplit("-", 1)[-1])):
            continue  # "Basic", "LLM-centric"
        if _PHENOMENON.search(match.group("after")) or _PHENOMENON.search(name):
            continue
        entity_type = type_from_head_noun(sentence[match.end("name") + 1 : match.end("name") + 80]) or ""
        found.append((offset + match.start("name"), offset + match.end("name"), entity_type))
    return found


_KIND_PHRASE = re.compile(
    r"(?<![\w\-&])(?P<name>(?:(?:[A-Z][\w\-]+|\d{4})\s+){1,6})"
    r"(?P<kind>(?i:challenge|competition|shared task|benchmark|leaderboard|dataset|corpus))(?![\w\-])"
)
_KIND_TYPES = {"dataset": "Dataset", "corpus": "Dataset"}


def _mostly_generic(words_: list[str], kb: KnowledgeBase) -> bool:
    """More than half of the words are generic terms ("Large Language Models"); one may be ("Influence Distillation")."""
    return 2 * sum(kb.is_generic(w) for w in words_) > len(words_)


def bracketed_names(sentence: str, offset: int, proposals: tuple[int, ...], kb: KnowledgeBase) -> list[tuple[int, int, str]]:
    """Names in brackets after the kind of thing the paper makes, typed by that kind: "a novel out-of-domain benchmark
    (So-Fake-OOD)", "two benchmarks (ED-Triage and Opioid Recommendation)", after a proposal verb or "new"/"novel".

    >>> s = "We release a novel benchmark (So-Fake-OOD) and two corpora (EmoNet HQ and Big)."
    >>> [(s[a:b], t) for a, b, t in bracketed_names(s, 0, (), KnowledgeBase([]))]
    [('So-Fake-OOD', 'Benchmark'), ('EmoNet HQ', 'Dataset'), ('Big', 'Dataset')]
    """
    found = []
    for match in _KIND_THEN_BRACKET.finditer(sentence):
        made = any(p <= offset + match.start() for p in proposals) or _NEW.search(sentence, max(0, match.start() - 80), match.start())
        if not made:
            continue
        entity_type = type_from_head_noun(" " + match.group("kind")) or "Method"
        for item in _LISTED.finditer(match.group("items")):
            name = item.group("name")
            if _BRACKET_NAME.fullmatch(name) and not kb.lookup(name) and not kb.is_generic(name):
                at = offset + match.start("items") + item.start("name")
                found.append((at, at + len(name), entity_type))
    return found


_KIND_THEN_BRACKET = re.compile(
    r"\b(?P<kind>benchmarks?|datasets?|corpus|corpora|suites?|technique|method|metric|framework)\s*\((?P<items>[^()]{2,80})\)"
)
_NEW = re.compile(r"\b(?:novel|new)\b", re.IGNORECASE)
_LISTED = re.compile(r"(?:^|,|\band\b|\bor\b)\s*(?:(?:and|or)\s+)?(?P<name>[^,]+?)\s*(?=,|\band\b|\bor\b|$)")
"""An item of a list, without the commas and the "and" or "or" between items."""
_BRACKET_NAME = re.compile(r"[A-Z][\w\-+.]*(?:\s+[A-Z0-9][\w\-+.]*){0,4}")


def kind_phrases(sentence: str, offset: int, kb: KnowledgeBase, lower_words: set[str]) -> list[tuple[int, int, str]]:
    """Title-case names followed by their kind, with the type the kind gives. A capitalised kind word
    is part of the name ("the AIM 2025 Low-light RAW Video Denoising Challenge"); a lower-case one is
    not ("the Pavia University dataset"). Names the KB or the coined-name rules find are left to them,
    and so are ordinary words (`lower_words`: the words the paper also writes in lower case).

    >>> s = "We won the AIM 2025 Low-light RAW Video Denoising Challenge and tested on the Salinas dataset."
    >>> [(s[a:b], t) for a, b, t in kind_phrases(s, 0, KnowledgeBase([]), set())]
    [('AIM 2025 Low-light RAW Video Denoising Challenge', 'Benchmark'), ('Salinas', 'Dataset')]
    >>> kind_phrases("We release a Semantics-aware Dataset and the Patient dataset.", 0, KnowledgeBase([]), {"patient"})
    []
    """
    found = []
    for match in _KIND_PHRASE.finditer(sentence):
        words_ = _name_words(match.group("name"))
        if not words_ or _mostly_generic(words_, kb) or words_[-1].lower() in PLURAL_KINDS:
            continue
        if all(w.isupper() for w in words_ if not w.isdigit()) and len(words_) > 1:
            continue  # "the first UHR UAV dataset": acronyms describing it, not its name
        kind = match.group("kind")
        name = " ".join(words_)
        if len(words_) == 1 and (
            kind[0].isupper()  # "a Semantics-aware Dataset" describes
            or looks_like_name(name)  # the coined-name rules type it from the kind word
            or name.lower() in lower_words
            or not sentence[: match.start("name")].strip()  # "One challenge is ..."
            or any(kb.is_generic(part) for part in name.split("-"))  # "Persian-language", "English-Kpelle"
        ):
            continue
        if kb.lookup(name):
            continue
        start = match.start("name") + match.group("name").index(words_[0])
        end = match.end("kind") if kind[0].isupper() else match.start("kind") - 1
        found.append((offset + start, offset + end, _KIND_TYPES.get(kind.lower(), "Benchmark")))
    return found


_KIND_AFTER_WORD = r"(?:[A-Z][a-z][\w\-]*|[A-Z]{2,}[a-z]?[\w\-]*|[A-Z0-9]{1,4}-[A-Z][\w\-]*)"
_KIND_AFTER = re.compile(
    rf"(?<![\w\-&])(?P<names>{_KIND_AFTER_WORD}(?:\s+{_KIND_AFTER_WORD}){{0,4}}"
    rf"(?:(?:,\s*|\s+and\s+|,\s*and\s+){_KIND_AFTER_WORD}(?:\s+{_KIND_AFTER_WORD}){{0,4}})*)"
    r"\s+(?P<kind>algorithm|technique|objective|heuristics?|framework|approach|strategy|family|game|platform|"
    r"algorithms|techniques|objectives|strategies|methods|modes|datasets|benchmarks|corpora|environments)(?![\w\-])"
)
_KIND_AFTER_TYPES = {
    "family": "Model", "game": "Benchmark", "datasets": "Dataset", "corpora": "Dataset", "benchmarks": "Benchmark",
    "environments": "Benchmark",
}


def kind_after_phrases(sentence: str, offset: int, kb: KnowledgeBase, lower_words: set[str]) -> list[tuple[int, int, str]]:
    """Capitalised names, or a list of them, right before a lower-case kind word of a method, a model family, a game,
    a platform or (in the plural) of datasets and benchmarks: "an Uncertainty-aware Negative Learning objective",
    "the Distribution-based Localisation and Inverse Cardinality Weighting heuristics", "the Simba family of models",
    "on Memory Maze and Minecraft datasets". A plural kind word after one name follows "the" or a preposition.

    >>> s = "We add an Uncertainty-aware Negative Learning objective and the A-Star and Beam Walk heuristics."
    >>> [(s[a:b], t) for a, b, t in kind_after_phrases(s, 0, KnowledgeBase([]), set())]
    [('Uncertainty-aware Negative Learning', 'Method'), ('A-Star', 'Method'), ('Beam Walk', 'Method')]
    """
    found = []
    for match in _KIND_AFTER.finditer(sentence):
        kind = match.group("kind")
        items = []
        for item in _LISTED.finditer(match.group("names")):
            words_ = _name_words(item.group("name"))
            if words_:
                start = sentence.index(words_[0], match.start("names") + item.start("name"))
                items.append((start, match.start("names") + item.end("name"), words_))
        plural = kind.endswith("s") and kind != "heuristics"
        if plural and len(items) == 1 and not _DEFINITE_BEFORE.search(sentence, 0, items[0][0]):
            continue  # "three standard CIR benchmarks": a category, not a name
        entity_type = _KIND_AFTER_TYPES.get(kind) or "Method"
        for start, end, words_ in items:
            name = sentence[start:end]
            if not sentence[:start].strip() or sentence[:start].rstrip().endswith((".", ":")):
                continue  # a sentence's first word is capitalised anyway
            if len(words_) == 1 and name.isupper() and not (plural and entity_type != "Method" and _DEFINITE_BEFORE.search(sentence, 0, start)):
                continue  # "the RPS technique", "VB methods": letters of a class, left to the coined-name rules
            if len(words_) == 1 and len(items) == 1 and name.istitle() and name.isalpha() and not _THE_BEFORE.search(sentence, 0, start):
                continue  # "our optimized Joint strategy": an adjective; "the Flux framework" names one
            if ADJECTIVE_SUFFIX.fullmatch(name.rsplit("-", 1)[-1]):
                continue  # "a Gaudi-based framework" describes
            if len(words_) > 1 and looks_like_name(words_[0]) and not any(looks_like_name(w) for w in words_[1:]):
                continue  # "the LHCb Gauss Simulation framework": a maker's name before plain words
            if _spells(words_, sentence):
                continue  # "ADD-SLAM: an Adaptive Dynamic Dense SLAM framework": the long form of a coined name
            if kb.lookup(name) or _not_a_new_name(name, words_, kb, lower_words):
                continue
            if words_[-1].lower() in PLURAL_KINDS or words_[-1].lower() in HEAD_NOUN_TYPES:
                continue
            found.append((offset + start, offset + end, entity_type))
    return found


_DEFINITE_BEFORE = re.compile(r"(?:\b(?:the|on|in|from|across)\s+)$", re.IGNORECASE)
_THE_BEFORE = re.compile(r"\b(?:the|The)\s+$")


def _spells(words_: list[str], sentence: str) -> bool:
    """True when the words' initials spell the first letters of a coined name in the sentence (HS-STaR, ADD-SLAM): its
    plain initials, stricter than `acronyms.spells_out`, which also takes letters from inside words."""
    initials = "".join(w[0] for w in words_ if w[0].isalpha()).upper()
    for token in re.findall(r"[A-Z][\w]*(?:-[\w]+)+|[A-Z]{2,}\w*", sentence):
        part = token.split("-")[0].upper()
        if len(part) >= 2 and initials.startswith(part) and len(part) >= len(initials) - 1:
            return True
    return False


def _name_words(phrase: str) -> list[str]:
    """A listed phrase's words without the sentence words before the name ("and the Beam Walk", "& Undercover")."""
    words_ = phrase.split()
    while words_ and (_NOT_A_NAME.fullmatch(words_[0]) or words_[0] in _COMMON_WORDS):
        words_ = words_[1:]
    return words_


def _not_a_new_name(name: str, words_: list[str], kb: KnowledgeBase, lower_words: set[str]) -> bool:
    """True for a topic or generic words, or one word the paper also writes in lower case ("our Joint strategy")."""
    if kb.topic_of(name) or kb.is_generic(name) or _mostly_generic(words_, kb):
        return True
    return len(words_) == 1 and (name.lower() in lower_words or any(kb.is_generic(p) for p in name.split("-")))


_COMMON_WORDS = frozenset("The A An This These That Our We In On For To With By From Of And Or Both Each Its Their &".split())


_EXAMPLE_KINDS = {
    "methods": "Method", "approaches": "Method", "techniques": "Method", "algorithms": "Method", "attacks": "Method",
    "defenses": "Method", "defences": "Method", "frameworks": "Method", "systems": "Method", "tools": "Method",
    "libraries": "Method", "agents": "Method", "architectures": "Method", "strategies": "Method", "works": "Method",
    "studies": "Method", "modes": "Method",
    "models": "Model", "llms": "Model", "mllms": "Model", "lmms": "Model", "vlms": "Model",
    "benchmarks": "Benchmark", "games": "Benchmark", "environments": "Benchmark", "subtasks": "Benchmark", "suites": "Benchmark",
    "datasets": "Dataset", "corpora": "Dataset", "sources": "Dataset", "platforms": "Dataset",
    "metrics": "Metric", "measures": "Metric",
}
_EXAMPLE_WORD = r"(?:[A-Z][\w\-+.]*[\w+]|[A-Z]|[a-z]+[A-Z][\w\-+.]*[\w+])"
_EXAMPLE_ITEM = rf"(?<![\w\-]){_EXAMPLE_WORD}(?:\s+(?:{_EXAMPLE_WORD}|\d[\w.]*|&))*(?![\w\-@'’])"
_EXAMPLE_GLUE = r"(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)"
_EXAMPLES = re.compile(
    rf"(?<![\w\-])(?P<kind>(?i:{'|'.join(sorted(_EXAMPLE_KINDS, key=len, reverse=True))}))"
    r"(?:,?\s*\(?(?i:such as|like|including|e\.g\.,?|namely)\s+|\s*:\s*|\s+(?:--?|—|–)\s+)"
    rf"(?P<items>{_EXAMPLE_ITEM}(?:\s*\([^()]{{0,30}}\))?(?:{_EXAMPLE_GLUE}{_EXAMPLE_ITEM}(?:\s*\([^()]{{0,30}}\))?)*)"
)
_HEAD_AFTER = re.compile(r"\s+([a-z]+)")
_OPEN_END = re.compile(r",?\s*(?:and\s+(?:many\s+)?others|etc\.)")


def kind_examples(sentence: str, offset: int, kb: KnowledgeBase, lower_words: set[str]) -> list[tuple[int, int, str]]:
    """Capitalised names a sentence lists as examples of a kind of thing, right after the kind word, with the type it
    gives: "purification-based methods, such as DiffPure and Noise Upscaling", "metrics like Defense Success Rate and
    Context Robustness Score", "two multi-agent language games - Undercover and Adversarial Taboo", "long reasoning
    models (e.g., Video-R1)". Known names and names fused with one ("Claude 3.7", "Autodesk Revit") are the KB's.

    >>> s = "We use metrics like Defense Success Rate, Context Robustness Score, and Judgment Robustness Index, on games - Undercover and Adversarial Taboo."
    >>> [(s[a:b], t) for a, b, t in kind_examples(s, 0, KnowledgeBase([]), set())]
    [('Defense Success Rate', 'Metric'), ('Context Robustness Score', 'Metric'), ('Judgment Robustness Index', 'Metric'), ('Undercover', 'Benchmark'), ('Adversarial Taboo', 'Benchmark')]
    >>> s = "It suits models with heads, such as Multi-Head, Multi-Query and Grouped-Query attention."
    >>> [(s[a:b], t) for a, b, t in kind_examples(s, 0, KnowledgeBase([]), set())]
    []
    """
    found = []
    for match in _EXAMPLES.finditer(sentence):
        if not (match.group("kind").islower() or match.group("kind").isupper() or match.group("kind")[1:].islower()):
            continue
        entity_type = _EXAMPLE_KINDS[match.group("kind").lower()]
        base = match.start("items")
        items = list(re.finditer(_EXAMPLE_ITEM, match.group("items")))
        glues = [match.group("items")[a.end() : b.start()] for a, b in zip(items, items[1:])]
        closed = _OPEN_END.match(sentence, match.end("items"))  # "such as IMPALA, Apex, Seed RL, and others"
        if glues and not closed and not re.search(r"\b(?:and|or)\b", glues[-1]):
            items = items[:1]  # "techniques like Lottery Ticket Rewinding (LTR), RPS exhibits ...": the list ended at its first name
        head = _HEAD_AFTER.match(sentence, match.end("items"))
        if head and (head.group(1) in HEAD_NOUN_TYPES or head.group(1) in PART_WORDS or head.group(1) in PLURAL_KINDS):
            continue  # "Multi-Head, Multi-Query and Grouped-Query attention": words before a noun, not names
        known = [e.type for item in items for e in kb.lookup(item.group(0))[:1]]
        if known:
            entity_type = max(set(known), key=known.count)  # "GPU architectures, namely Hopper, Ada, and Ampere": chips
        for item in items:
            if match.group("items")[: item.start()].count("(") > match.group("items")[: item.start()].count(")"):
                continue  # a note in brackets: "Microsoft Copilot (GPT-4 Turbo)"
            words_ = _name_words(item.group(0))
            if not words_:
                continue
            start = base + item.start() + item.group(0).index(words_[0])
            name = " ".join(words_)
            if _not_a_new_name(name, words_, kb, lower_words):
                continue
            if any(kb.lookup(" ".join(words_[:n])) for n in range(1, len(words_) + 1)) or any(kb.lookup(w) for w in words_):
                continue  # known names and their releases ("Stable Diffusion 1.5") are the KB's
            parts = words_[0].split("-")
            if any(kb.lookup("-".join(parts[:cut])) for cut in range(1, len(parts))):  # "Claude-3.7-thinking", "Mind2web-live"
                continue
            found.append((offset + start, offset + start + len(name), entity_type))
    return found


def component_phrases(sentence: str, offset: int, kb: KnowledgeBase) -> list[tuple[int, int]]:
    """Title-case names of a part of a system ("an Exchanger Module", "a Knowledge Transfer module"): two or
    more capitalised words, or one before a capitalised part word, which is then part of the name. Known
    and generic names ("Recurrent Neural Network") are left out, and so is a capitalised sentence start.

    >>> s = "It adds a Knowledge Transfer module and an Exchanger Module. Linear attention is fast."
    >>> [s[a:b] for a, b in component_phrases(s, 0, KnowledgeBase([]))]
    ['Knowledge Transfer', 'Exchanger Module']
    """
    found = []
    for match in _COMPONENT_PHRASE.finditer(sentence):
        words_ = match.group("name").split()
        while words_ and _NOT_A_NAME.fullmatch(words_[0]):
            words_ = words_[1:]
        part = match.group("part")
        if not words_ or (len(words_) == 1 and part[0].islower()):
            continue
        start = match.start("name") + match.group("name").index(words_[0])
        name = sentence[start : match.end("part")]
        if not sentence[:start].strip() and part[0].islower():
            continue  # "Linear attention is ..." at a sentence start
        if kb.lookup(name) or kb.lookup(" ".join(words_)) or kb.is_generic(name) or _mostly_generic(words_, kb):
            continue
        found.append((offset + start, offset + (match.end("part") if part[0].isupper() else match.start("part") - 1)))
    return found


_COMPONENT_PHRASE = re.compile(
    r"(?<![\w\-])(?P<name>(?:[A-Z][\w\-]*\s+){1,5})"
    r"(?P<part>" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in PART_WORDS) + r")(?![\w\-])(?!\s*\()"
)


def listed_parts(sentence: str, offset: int, kb: KnowledgeBase) -> list[tuple[int, int]]:
    """Capitalised names in a list of parts that a sentence introduces ("two components: a Meta-Attacker, ...
    and a Defender"; "agents: Planner, Step Definer, Extractor, and QA Agents").

    >>> s = "It has three key services: a Workload Analysis Engine, an evolving Policy Repository, and a verifier."
    >>> [s[a:b] for a, b in listed_parts(s, 0, KnowledgeBase([]))]
    ['Workload Analysis Engine', 'Policy Repository']
    >>> s = "The framework consists of two roles: the Generator and the Extender. The Generator writes."
    >>> [s[a:b] for a, b in listed_parts(s, 0, KnowledgeBase([]))]
    ['Generator', 'Extender']
    >>> s = "It balances two similarity measures: (1) Concept-level Similarity Penalty, which helps, and (2) Story Penalty."
    >>> [s[a:b] for a, b in listed_parts(s, 0, KnowledgeBase([]))]
    ['Concept-level Similarity Penalty', 'Story Penalty']
    >>> s = "It has three key components: (i) Graph Construction, which uses Poincare embeddings; and (ii) Dual Stabilization."
    >>> [s[a:b] for a, b in listed_parts(s, 0, KnowledgeBase([]))]
    ['Graph Construction', 'Dual Stabilization']
    """
    opener = _PARTS_OPENER.search(sentence)
    if not opener:
        return []
    if _ENUMERATED.match(sentence, opener.end()):  # "(i) Hyperbolic Graph Construction, which ...; (ii) ..."
        items = [(m.start(), m.group(0)) for m in _ENUMERATED.finditer(sentence, opener.end())]
    else:
        stop = _LIST_END.search(sentence, opener.end())
        items = [(m.start(), m.group(0)) for m in _LIST_ITEM.finditer(sentence, opener.end(), stop.start() if stop else len(sentence))]
    found = []
    for at, item in items:
        name = _ITEM_NAME.match(item)
        if not name:
            continue
        words_ = name.group("name").split()
        if _mostly_generic(words_, kb) or kb.lookup(name.group("name")) or kb.topic_of(name.group("name")):
            continue
        if opener.group("numbered") and len(words_) < 2:
            continue
        found.append((offset + at + name.start("name"), offset + at + name.end("name")))
    return found


_PARTS_OPENER = re.compile(
    r"\b(?:(?:two|three|four|five|several|key|core|main|specialized|complementary)\s+(?:[A-Za-z\-]+\s+){0,2}"
    r"(?:components|modules|services|agents|parts|stages|elements|roles|designs|modes|algorithms)|integrates|comprises|consists of|includes)"
    r"\s*(?::|,\s*i\.e\.,)\s*"
    r"|\b(?P<numbered>(?:two|three|four|five)(?:\s+|-)[^:;.]{0,80}?)\s*:\s*(?=\((?:1|i|a)\)|1\))"
)
"""What opens a list of the parts of the paper's own system: "three key components: ...", "two novel designs: ...",
"four modular components, i.e., ...", or any count before a colon whose items are numbered "(1)", "(a)" or "1)" ("two
similarity measures: (1) ...", "a three-stage training scheme to ...: 1) ..."), and then only names of several words
count ("(1) Subjective" is a class)."""
_ENUMERATED = re.compile(r"(?:\((?:\d|[a-e]|i{1,3}|iv|v|vi{0,3})\)|(?<![\w(])\d\))\s*[^,;:(]+")
"""An item of an enumeration and the words after its marker, up to the next comma: "(ii) Dual Stabilization"."""
_LIST_END = re.compile(r"[.;](?:\s|$)")
_LIST_ITEM = re.compile(r"(?:(?!\band\b|\bor\b)[^,;.])+")
_ITEM_NAME = re.compile(
    r"\s*(?:\(\w{1,4}\)\s*|\d\)\s*)?(?:(?i:a|an|the)\s+)?(?:[a-z\-]+\s+){0,2}?"
    r"(?P<name>(?:[A-Z][\w\-]*[a-z][\w\-]*|[A-Z]{2,}(?:-[A-Z\d]+)*)(?:\s+[A-Z][\w\-]*){0,4})"
    r"(?=\s*(?:[,;.)]|$|\b(?:that|which|who|to|for|with|in|on|is|are|was|were|designed|trained|as)\b))"
)


def title_names(paper, text, start, end, kb, taken) -> list[Mention]:
    """The paper's own name from its title: "PyBench: Evaluating ...", "Qwen2.5 Technical Report",
    or a whole title that is a long form and its acronym ("Probabilistic Partitive Partitioning (PPP)").
    """
    title = text[start:end]
    head, _, _ = _split_title(title)
    report = _REPORT_TITLE.match(title)
    if report:
        head = report.group(1)
    acronym = re.search(r"\(([^()]+)\)$", head or title)
    if acronym and (head or len(title.split()) <= 8):
        head = acronym.group(1).strip()
    if head and re.search(r",|\s+and\s+|\s+&\s+", head):
        parts = [p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s+&\s+", head) if p]
        if all(any(looks_like_name(w) for w in p.split()) or kb.lookup(p) for p in parts):
            found = []
            for part in parts:
                found += _title_part(paper, text, start, title, part, kb, taken)
            return found
        return []
    if head and len(head.split()) > 1:
        head = _coined_word_of(head, text[end:], kb) or head  # "The Overthinker's DIET" names DIET
    if not head or len(head.split()) > 4 or (head[0].islower() and " " in head) or kb.is_generic(head):
        return []
    if len(head.split()) > 1 and _FUNCTION_WORD.search(head) and all(
        kb.lookup(w) or kb.is_generic(w) for w in head.split() if looks_like_name(w)
    ):
        return []  # "LLMs for LLMs", "SegFormer Fine-Tuning with Dropout": known words around a function word name nothing new
    if len(head.split()) > 1 and _PHRASE_START.match(head):
        return []  # "Towards Agentic OS", "Re-evaluating LLM-based Heuristic Search", "The Rarity Blind Spot"
    if len(head.split()) > 1 and not any(looks_like_name(w) for w in head.split()) and not _SIZED.search(head) and (
        not _all_capitalised(head) or _FUNCTION_WORD.search(head)
        or _SURVEY.search(_split_title(title)[2])
        or not (_repeated_as_name(head, text[end:]) or _names_one_thing(head.split()[-1]))
    ):
        return []  # plain words name the contribution only if the abstract repeats them as a name or they end in its
        # kind, and never in a survey ("Multi-Party Conversational Agents: A Survey")
    return _title_part(paper, text, start, title, head, kb, taken)


_SIZED = re.compile(rf"^[A-Z][\w\-]*\s(?:{PARAMETER_COUNT}|[vV]\d+(?:\.\d+)*)$")
""""Dream-Coder 7B", "Falcon 40B", "Octopus v4": a name with its size or version is a release's name, whatever its words."""


def title_repeats(sentence: str, offset: int, title_mentions) -> list[tuple[int, int, Mention]]:
    """Where a sentence writes again a name of several words that the title gives the paper's contribution
    ("Physics Supernova attains ..."), with a tuning word after it ("Dream-Coder 7B Instruct"); single
    words are the coined-name rules' to find.

    >>> own = Mention("p", "Dream-Coder 7B", 0, 14, "", 0, "Model", "title", "proposes")
    >>> s = "The resulting Dream-Coder 7B Instruct attains 21.4% pass@1."
    >>> [(s[a:b], m.text) for a, b, m in title_repeats(s, 0, (own,))]
    [('Dream-Coder 7B Instruct', 'Dream-Coder 7B')]
    """
    found = []
    for own in title_mentions:
        if " " in own.text and own.text[0].isupper():
            for match in re.finditer(rf"(?<![\w-]){re.escape(own.text)}(?:\s+(?:Instruct|Chat|Base))?(?![\w-])", sentence):
                found.append((offset + match.start(), offset + match.end(), own))
    return found


def _split_title(title: str) -> tuple[str, str, str]:
    """A title's head, separator and subtitle: "PyBench: Evaluating ...", "ProSper -- A Python Library ..."
    (head and separator empty when there is none)."""
    parts = _TITLE_SEPARATOR.split(title, 1)
    return (parts[0].strip(), parts[1], parts[2]) if len(parts) == 3 else ("", "", "")


_TITLE_SEPARATOR = re.compile(r"(:|\s+(?:--|—|–)\s+)")


def _coined_word_of(head: str, abstract: str, kb: KnowledgeBase) -> str | None:
    """The one coined word of a longer title head that the abstract uses on its own, when the abstract
    never repeats the whole head ("The Overthinker's DIET: ..." and "We introduce DIET (...)")."""
    if whole_word(head).search(abstract):
        return None
    coined = [w for w in head.split() if looks_like_name(w) and not kb.lookup(w) and not kb.is_generic(w)]
    if len(coined) == 1 and whole_word(coined[0]).search(abstract):
        return coined[0]
    return None


def _title_part(paper, text, start, title, name, kb, taken) -> list[Mention]:
    s = start + title.index(name)
    known = kb.lookup(name)
    kb_key = known[0].key if known else None
    _, _, subtitle = _split_title(title)
    entity_type = known[0].type if known else (
        type_from_subtitle(subtitle) or _type_in_abstract(name, text[start + len(title) :])
    )
    guessed = not entity_type and type_from_form(name)  # a guess from the form that the abstract's words may overrule
    taken.update(range(s, s + len(name)))
    return [Mention(paper, name, s, s + len(name), title, start, entity_type or guessed or "", "title", "proposes",
                    kb_key=kb_key, typed=not guessed)]


def _names_one_thing(word: str) -> bool:
    """"Model", "Framework": a kind word in the singular ("Granite-Function Calling Model"; "Conversational Agents" is a class)."""
    return word.lower() in HEAD_NOUN_TYPES and not word.endswith("s")


def _repeated_as_name(phrase: str, abstract: str) -> bool:
    """True when the abstract writes the title's phrase again with a capital first letter ("Power scheduler")."""
    return any(m.group(0)[0].isupper() for m in whole_word(phrase, re.IGNORECASE).finditer(abstract))


def _type_in_abstract(name: str, abstract: str) -> str | None:
    """The type the abstract gives the title's name where it introduces it ("we propose B-score, a novel metric")."""
    for match in whole_word(name).finditer(abstract):
        entity_type = type_from_head_noun(abstract[match.end() : match.end() + 80])
        if entity_type:
            return entity_type
    return None


_PHRASE_START = re.compile(
    r"(?:[\w\-]+ing|Beyond|Towards?|On|In|From|When|Why|How|What|Where|Is|Are|Do|Does|Can|Not|Less|More|All|Every|"
    r"It's|It|We|You|Your|I|My|Our|They|Let's|Don't)(?=\s|$)"
)  # a word of its own: "In Defense of ..." starts a phrase, "In-Context Brush" a name
_SURVEY = re.compile(r"\b(?:survey|review|overview|mapping study|tutorial|primer|position paper)\b", re.IGNORECASE)
_FUNCTION_WORD = re.compile(r"\b(?:the|and|of|for|with|to|a|an|is|are|as|at|from|into|in|on|vs\.?|via|by)\b")
_REPORT_TITLE = re.compile(r"^(\S+(?: \S+)?) (?:Technical Report|Tech Report|Model Card|System Card)\b", re.IGNORECASE)


def _all_capitalised(phrase: str) -> bool:
    return all(w[0].isupper() for w in phrase.split() if w.lower() not in {"of", "for", "and", "the", "in", "on", "to", "a"})


_TITLE_RUN = re.compile(r"(?<![\w\-])[A-Z][\w\-]*[a-z][\w\-]*(?:\s+[A-Z][\w\-]*[a-z][\w\-]*){1,3}(?![\w\-])")
_HEAD_RUN = re.compile(r"[A-Z][\w\-]*[a-z][\w\-]*(?:\s+[\w\-]*[a-z][\w\-]*){1,3}")
_CUED = re.compile(r"\s*(?:(?:a|an|the|two|our)\s+)?(?:(?:novel|new|simple|lightweight|efficient|general|unified)\s+)*$", re.IGNORECASE)
_NEW_OR_CALLED = re.compile(
    r"(?:\b(?:novel|new)\s+|\b(?:we\s+call|called|termed?|named|dubbed|define)(?:\s+(?:this|it|them|the\s+\w+))?"
    r"\s+(?:the\s+|as\s+|to\s+be\s+the\s+)?[\"“`']*)$",
    re.IGNORECASE,
)


def title_phrases_again(title: str, sentence: str, offset: int, proposals, kb: KnowledgeBase) -> list[tuple[int, int]]:
    """Where a sentence introduces, after a proposal verb, "new" or "called", and written otherwise, the capitalised phrase
    a title names its contribution with: its head ("Sequence Parallelism: ..." and "we propose sequence parallelism, a
    memory-efficient ..."), its opening words ("Brightness-Invariant Tracking Estimation in Tagged MRI") or what it works
    through ("... through Parameter Reallocation" and "a novel parameter ReaLlocation"); not a kind of thing ("A
    Reinforcement Learning Framework for ...") nor a phrase that a kind word follows ("a novel self-adaptive memory module").

    >>> s = "We propose sequence parallelism, a memory-efficient method."
    >>> [s[a:b] for a, b in title_phrases_again("Sequence Parallelism: Long Sequence Training", s, 0, (10,), KnowledgeBase([]))]
    ['sequence parallelism']
    """
    head, _, _ = _split_title(title)
    opening = re.split(r"\s+(?:for|of|in|on|to|with|via|from|through|using|towards?)\s+", title, 1)[0]
    places = [(head, _HEAD_RUN)] if head else [(opening, _TITLE_RUN)]  # a head may be in sentence case: "Model soups: ..."
    places += [(m.group(1), _TITLE_RUN) for m in _WORKS_THROUGH.finditer(title)]
    found = []
    for place, run in places:
        words_ = place.split()
        while words_ and (_PHRASE_START.fullmatch(words_[0]) or words_[0].lower() in ("the", "a", "an")):
            words_ = words_[1:]
        last = words_[-1].lower() if words_ else ""
        if not run.fullmatch(" ".join(words_)) or last in _KIND_ENDS or last.removesuffix("s") in _KIND_ENDS:
            continue
        phrase = " ".join(words_)
        if kb.lookup(phrase) or kb.topic_of(phrase) or _mostly_generic(words_, kb):
            continue
        found += [
            (offset + m.start(), offset + m.end())
            for m in whole_word(phrase, re.IGNORECASE).finditer(sentence)
            if m.group(0) != phrase and not _KIND_NEXT.match(sentence, m.end()) and (
                _NEW_OR_CALLED.search(sentence[: m.start()])
                or any(0 <= offset + m.start() - p and _CUED.match(sentence[p - offset : m.start()]) for p in proposals)
            )
        ]
    return found


_WORKS_THROUGH = re.compile(r"\b(?:via|with|through|using|by)\s+((?:[A-Z][\w\-]*\s+){1,3}[A-Z][\w\-]*)(?=\s*$|\s*[:,]|\s+(?:for|in|and|on)\b)")
_KIND_NEXT = re.compile(r"\s+(?:framework|method|technique|approach|model|network|system|strategy|module|mechanism|scheme|paradigm|pipeline)\b")
"""A kind after the phrase: "a novel split-text conditioning framework named DiT-ST" describes the thing the paper names otherwise."""
_KIND_ENDS = {"framework", "method", "approach", "model", "network", "system", "benchmark", "dataset", "analysis", "guideline",
              "architecture", "pipeline", "algorithm", "technique", "strategy", "study", "survey", "learning", "detection"}
