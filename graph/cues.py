"""Context cues, as pure functions: which type a name's neighbours suggest, which role a sentence gives."""

from __future__ import annotations

import re
from functools import lru_cache

from .names import LATEX_COMMAND, PARAMETER_COUNT

__all__ = [
    "HEAD_NOUN_TYPES",
    "type_from_form",
    "type_in_context",
    "type_from_head_noun",
    "type_from_noun_before",
    "type_from_subtitle",
    "kind_in_evaluation_phrase",
    "LIST_GLUE",
    "NAMING_WORDS",
    "PART_WORDS",
    "PLURAL_KINDS",
    "OPENING_CLAUSE",
    "proposal_verb_ends",
    "proposed_after",
    "has_evaluation_cue",
    "evaluated_on_before",
    "names_a_task",
]

HEAD_NOUN_TYPES = {
    "benchmark": "Benchmark", "benchmarks": "Benchmark", "suite": "Benchmark", "leaderboard": "Benchmark",
    "testbed": "Benchmark", "test": "Benchmark", "challenge": "Benchmark", "competition": "Benchmark", "task": "Benchmark",
    "environment": "Benchmark", "environments": "Benchmark", "games": "Benchmark", "suites": "Benchmark",
    "dataset": "Dataset", "datasets": "Dataset", "datastore": "Dataset", "corpus": "Dataset", "database": "Dataset",
    "corpora": "Dataset", "collection": "Dataset",
    "model": "Model", "models": "Model", "llm": "Model", "llms": "Model", "family": "Model", "checkpoints": "Model",
    "metric": "Metric", "score": "Metric", "measure": "Metric", "criterion": "Metric",
    "framework": "Method", "method": "Method", "algorithm": "Method", "approach": "Method", "technique": "Method",
    "architecture": "Method", "system": "Method", "library": "Method", "protocol": "Method", "strategy": "Method",
    "mechanism": "Method", "module": "Method", "pipeline": "Method", "tool": "Method", "toolkit": "Method",
    "agent": "Method", "evaluator": "Method", "paradigm": "Method", "scheme": "Method", "optimizer": "Method", "engine": "Method",
    "compiler": "Method", "platform": "Method", "attention": "Method", "layer": "Method", "loss": "Method",
    "supercomputer": "Hardware", "gpu": "Hardware", "gpus": "Hardware", "accelerator": "Hardware", "chip": "Hardware",
}
"""A word right after a name (or after "a"/"a novel" in an apposition) and the type it gives."""

_FORM_TYPES = (
    (re.compile(r"(Bench|Eval|QA|Arena|-?bench|Test|Leaderboard)\+*$"), "Benchmark"),
    (re.compile(r"(Corpus|Corpora|Dataset|Data|DS|Set|Pile|Instruct|Instructions)$"), "Dataset"),
    (
        re.compile(
            rf"{PARAMETER_COUNT}\b|-(Instruct|Chat|Base|it|[BSLMH]\d*|XL|XXL|Tiny|Small|Large|Huge)$|"
            r"(LM|LLM|GPT|BERT|Coder|VL|VLM|Llama|LLaMA|Qwen|Mistral|Tulu|T5)(-?v?\d+(\.\d+)*)?$"
        ),
        "Model",
    ),
    (re.compile(r"(Score|@\d+|@k)$"), "Metric"),
    (re.compile(r"[a-z0-9\-](Agent|Agents|Former)$"), "Method"),
)


_BILLIONS = re.compile(r"(?<![A-Za-z])\d+(?:\.\d+)?B\b")
_DECISIVE_FORM = re.compile(rf"(?:Bench|Benchmark|Dataset|Corpus|Arena|Leaderboard)\+*$|-bench$|[-\s]{PARAMETER_COUNT}\b")
"""Forms that decide a type whatever the sentence says: a benchmark's suffix, a model's size ("ReVPT-7B"; `type_from_form`
tells a size from a count of examples, "CT-3M")."""


def type_in_context(name: str, after: str, before: str = "", *, form: bool = True) -> str | None:
    """The type a name's sentence gives it, else the one its form suggests: a suffix that decides
    ("GREval-Bench"), the noun after it ("LF-Eval is an automatic metric"), the kind word before it
    ("a framework called ... (GC-KBVQA)"), then, unless `form` is False, its form ("CrEval" would be a Benchmark).

    >>> type_in_context("LF-Eval", " is an automatic metric"), type_in_context("GREval-Bench", ", an evaluation framework")
    ('Metric', 'Benchmark')
    >>> type_in_context("GC-KBVQA", "), which", "a novel framework called "), type_in_context("CrEval", " outperforms")
    ('Method', 'Benchmark')
    >>> type_in_context("PDMS", ".", "Our method achieves 45.0 "), type_in_context("NADI", " task", "In 2025 ")  # a year is no score
    ('Metric', 'Benchmark')
    >>> type_in_context("MAE", " of 48.9 and 5.9"), type_in_context("ELBO", " of 10 steps")
    ('Metric', None)
    >>> type_in_context("SurgClean", " comprises 1,020 images with diverse degradation types")
    'Dataset'
    """
    decisive = type_from_form(name) if _DECISIVE_FORM.search(name) else None
    scored = "Metric" if (_SCORE_BEFORE.search(before) or _SCORE_AFTER.match(after)) and name.isupper() else None  # "45.0 PDMS", "MAE of 48.9"
    data = "Dataset" if _HOLDS_DATA.match(after) else None  # "CoderUJB comprises 2,239 programming questions"
    in_context = decisive or type_from_head_noun(after) or type_from_noun_before(before) or scored or data
    return in_context or (type_from_form(name) if form else None)


_HOLDS_DATA = re.compile(
    r"\s+(?:contains|comprises|consists of|includes|features)\s+(?:over\s+|more than\s+|about\s+|nearly\s+|~)?"
    r"(?:\d[\d,.]*[KkMm]?|\w+)\s+(?:[\w\-]+\s+){0,3}(?:examples|samples|pairs|problems|questions|tasks|images|videos|"
    r"instances|trajectories|programs|documents|annotations|dialogues|conversations|utterances|clips|sentences|articles|"
    r"entries|records|items|prompts|queries|scenes|hours)\b"
)
"""After a name: what it holds is data ("RiverScope comprises 1,145 high-resolution images"), so it is a dataset."""


_SCORE_BEFORE = re.compile(r"(?<![\w.])(?!(?:19|20)\d\d\s)[+\-]?\d+(?:\.\d+)?%?\s+$")
"""A score right before an acronym makes it the measure: "45.0 PDMS", "+15.3 PCP" (not "2025 NeurIPS")."""
_SCORE_AFTER = re.compile(r"\s*of\s+\$?(?:\d+\.\d+|\d+\s*\\?%)(?![\d,A-Za-z]|\.\d)")
"""A score stated as its value ("a MAE of 48.9", "an ELBO of 1.38") is a measure, not a system."""


def type_from_form(name: str) -> str | None:
    """The type a coined name's own form gives, if any.

    >>> [type_from_form(n) for n in ("LiveCodeBench", "Llama-2-7B", "EigenScore", "PLANSEARCH")]
    ['Benchmark', 'Model', 'Metric', None]
    >>> [type_from_form(n) for n in ("HPCorpus", "MonoCoder", "DeiT-B", "TransNormerLLM", "SciTulu")]
    ['Dataset', 'Model', 'Model', 'Model', 'Model']

    An acronym's last letters are words of its own ("MAVL": ... Video Lyrics), and a few million
    is a count of examples, not of parameters ("OpenS2V-5M"):
    >>> [type_from_form(n) for n in ("MAVL", "Qwen-VL", "CT-3M", "OPT-350M", "Ada-ESLM", "Video-LLM")]
    [None, 'Model', None, 'Model', None, 'Model']

    An agent or a "-Former" is a method even when listed with benchmarks ("HistBench and HistAgent"):
    >>> [type_from_form(n) for n in ("HistAgent", "Max-Former", "ImageNet")]
    ['Method', 'Method', None]

    A size in billions makes a tuned release a model ("Dream-Coder-7B-Instruct"; "OSS-Instruct" is data):
    >>> [type_from_form(n) for n in ("Dream-Coder-7B-Instruct", "OSS-Instruct")]
    ['Model', 'Dataset']
    """
    if _BILLIONS.search(name):
        return "Model"
    for pattern, entity_type in _FORM_TYPES:
        match = pattern.search(name)
        if match and not (entity_type == "Model" and _NOT_A_MODEL_FORM.fullmatch(name)):
            return entity_type
    return None


_NOT_A_MODEL_FORM = re.compile(r"(?:.*-)?[A-Z]*[A-KM-Z](?:VL|LM)|.*\D(?:[1-9]|[1-9]\d)(?:\.\d+)?M")


_TASK_HEAD = re.compile(
    r"(?:recognition|retrieval|translation|enhancement|detection|segmentation|classification|imaging|estimation|"
    r"forecasting|answering|summari[sz]ation|captioning|tracking|understanding|finetuning|fine-tuning)$",
    re.IGNORECASE,
)


def names_a_task(phrase: str, after: str = "") -> bool:
    """True when a phrase ends in the name of a task, not of a thing ("Low-light Image Enhancement"),
    or when the word `after` it makes it one ("Spoken Language Understanding (SLU) tasks").

    >>> names_a_task("Cross-lingual Named Entity Recognition"), names_a_task("Burst-Order Selective Scan")
    (True, False)
    >>> names_a_task("Subject-to-Video", ") generation aims to"), names_a_task("Deep Spectral Prior", "), which")
    (True, False)
    """
    return bool(_TASK_HEAD.search(phrase.strip()) or _TASK_AFTER.match(after))


_TASK_AFTER = re.compile(r"^[\s)]*(?:tasks?|generation|problems?|settings?|paradigms?|field|modell?ing)\b", re.IGNORECASE)


_PARENTHETICAL = re.compile(r"\s*\([^()]{0,40}\)")
_NOUN_PHRASE_ENDS = frozenset(
    "that which who whose where for of on in with to by from via designed built trained tailored featuring including "
    "containing consisting covering using based than".split()
)
_SHARED_TASK = re.compile(r"^[}*$]*\s*\)?\s*(?:shared\s+tasks?|competition)\b", re.IGNORECASE)
_MARKUP = r"[}*$]*"  # the end of LaTeX or Markdown markup around a name: "\\textbf{CT-3M}, a collection"
_APPOSITION = re.compile(
    rf"^{_MARKUP}[\s\-]*\)?\s*(?:(?:,|\s+is|--|—|–)\s*(?:a|an|the|two|three|four|five|both)|\s+(?:are|were)(?:\s+(?:the|two|three|four|five|both))?)"
    r"\s+((?:[\w\-]+\s+){0,6}[\w\-]+)"
)  # "X, a new benchmark", "X is a model"; after a list's last name, "X and Y are (the most effective) models"
_NEXT_WORD = re.compile(rf"^{_MARKUP}[\s\-\"'”’]*\)?\s*([A-Za-z]+)")


def type_from_head_noun(after: str) -> str | None:
    """The type given by the noun that follows a name ("X benchmark", "X, a novel framework").

    >>> type_from_head_noun(" benchmark, which"), type_from_head_noun(", a novel training protocol")
    ('Benchmark', 'Method')
    >>> type_from_head_noun(", a novel search algorithm which shows strong results")
    'Method'
    >>> type_from_head_noun(" achieves 77%") is None, type_from_head_noun("}, a curated collection of CT slices")
    (True, 'Dataset')
    >>> type_from_head_noun(") Shared Task, which focused on"), type_from_head_noun(" is an automatic metric that")
    ('Benchmark', 'Metric')
    >>> type_from_head_noun(", a native GUI-centered agent model that"), type_from_head_noun(", a compact (3,350 samples) SFT dataset")
    ('Model', 'Dataset')
    >>> type_from_head_noun(" are the most effective models overall"), type_from_head_noun(" are widely used datasets for")
    ('Model', 'Dataset')
    >>> type_from_head_noun(" are evaluated on three datasets"), type_from_head_noun(" are more robust than other models")
    (None, None)
    """
    if _SHARED_TASK.match(after):
        return "Benchmark"
    apposition = _APPOSITION.match(_PARENTHETICAL.sub("", LATEX_COMMAND.sub(r"\1", after)))  # "the \\textbf{first} benchmark"
    if apposition:
        kinds = []
        for word in apposition.group(1).split():
            if word.lower() in _NOUN_PHRASE_ENDS:
                break  # the noun phrase ends: "a benchmark of 414 questions", "an agent model that ..."
            kinds.append(HEAD_NOUN_TYPES.get(word.lower()))
        kinds = [k for k in kinds if k]
        return kinds[-1] if kinds else None  # its head is the last kind word: "a benchmark dataset", "an agent model"
    match = _NEXT_WORD.match(after)
    return HEAD_NOUN_TYPES.get(match.group(1).lower()) if match else None


_SUBTITLE_NOUN_PHRASE = re.compile(r"^\s*(?:A|An|The)\s+((?:[\w\-]+\s+){0,7}?[\w\-]+)(?=\s+(?:for|of|on|to|with|in|via|that)\b|\s*$)")
_SUBTITLE_NAME_PHRASE = re.compile(
    r"^\s*(?:[A-Z][a-z]+ing\s+The\s+)?(?!(?:[A-Z][a-z]+ing|Towards?|Beyond|On|In|When|How|Why|What|Is|Are|Can)\s)"
    r"((?:[A-Z][\w\-]*\s+){0,5}[A-Z][\w\-]*[a-rt-z])(?=\s+(?:for|of|on|to|with|in|via)\b|\s*$)"
)  # no article, every word capitalised, ending in one thing: "Sentence-Level Romanian Satire Detection Dataset"


def type_from_subtitle(subtitle: str) -> str | None:
    """The type a title's subtitle gives the name before its colon ("X: A New Benchmark Dataset for ...").

    >>> type_from_subtitle(" A New Benchmark Dataset for Cross-Lingual Retrieval"), type_from_subtitle(" Evaluating LLMs on Code")
    ('Dataset', 'Benchmark')
    >>> type_from_subtitle(" Sentence-Level Romanian Satire Detection Dataset"), type_from_subtitle(" Scaling Multimodal LLMs")
    ('Dataset', None)
    >>> type_from_subtitle(" The First Shared Task on Benchmarking LLMs on Arabic Culture")
    'Benchmark'
    """
    if _SUBTITLE_EVALUATES.match(subtitle):
        return "Benchmark"  # "ScienceBoard: Evaluating Multimodal Autonomous Agents in ..."
    match = _SUBTITLE_NOUN_PHRASE.match(subtitle) or _SUBTITLE_NAME_PHRASE.match(subtitle)
    return HEAD_NOUN_TYPES.get(match.group(1).split()[-1].lower()) if match else None


_SUBTITLE_EVALUATES = re.compile(r"^\s*(?:Evaluating|Benchmarking|Assessing|Testing|Probing)\b")


PART_WORDS = tuple(
    "module block branch adapter encoder decoder generator extractor estimator loss network mechanism layer attention head".split()
)
"""The kinds of part of a system that a coined name before them names ("a Knowledge Transfer module", "the ADD module")."""

PLURAL_KINDS = frozenset(
    "algorithms models methods approaches techniques systems networks frameworks mechanisms architectures pipelines agents attacks".split()
)
"""Plural kind words: after a name they make it a class ("Interactive Voice Response (IVR) systems"), and a
title-case phrase ending in one describes ("Training Algorithms")."""

NAMING_WORDS = r"(?:called|named|dubbed|termed|coined|namely)"
"""The words that give a name to what comes before them: "a tokenizer named X"."""
_CONNECTOR = rf"(?:{NAMING_WORDS}|like|such as|including)"
"""Words between a kind word and the name it introduces: "models like X", "a model called X"."""
_NOUN_BEFORE = re.compile(rf"\b([A-Za-z]+)\s*(?:,|:|\(|\s(?:(?:--|—|–)\s*)?{_CONNECTOR})?\s*$")
_CONNECTED = re.compile(rf"\s{_CONNECTOR}\s*$")
_VERB_SUBJECT = re.compile(r"\b(?:we|they|to|I)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def type_from_noun_before(before: str) -> str | None:
    """The type given by a kind word right before a name ("a new benchmark, X", "the dataset X").

    >>> type_from_noun_before("we introduce a novel real-world benchmark, "), type_from_noun_before("We use ")
    ('Benchmark', None)
    >>> type_from_noun_before("trained on larger models like "), type_from_noun_before("our model -- called ")
    ('Model', 'Model')
    >>> type_from_noun_before("the advanced video generative model, "), type_from_noun_before("the model ")
    ('Model', None)
    >>> type_from_noun_before("We systematically benchmark "), type_from_noun_before("the new benchmark ")
    (None, 'Benchmark')
    >>> type_from_noun_before("as part of Track 1 in the EVENTA 2025 Grand Challenge, ")
    >>> type_from_noun_before("On the Waymo dataset, ")  # the subject after an opening phrase is no apposition
    """
    if OPENING_CLAUSE.fullmatch(before):
        return None
    match = _NOUN_BEFORE.search(before[-40:])
    if not match or _VERB_SUBJECT.search(before[-40:][: match.start(1)]):
        return None  # "We systematically benchmark AFPE against ...": a verb, not a kind word
    if match.group(1)[0].isupper() and before[-40:][match.end(1) :].lstrip().startswith(","):
        return None  # "in the EVENTA 2025 Grand Challenge, ReCap achieved ...": the end of a name, not a kind word
    word = match.group(1).lower()
    if word in ("model", "models", "llm", "llms", "family") and not (_CONNECTED.search(before) or word == "model" and before.endswith(", ")):
        return None  # "the model X" rarely says X is a model rather than a method applied to it; "the model, X" does
    return HEAD_NOUN_TYPES.get(word)


OPENING_CLAUSE = re.compile(
    r"\s*(?:On|In|For|Across|Under|Over|With|Using|Evaluated|Tested|Trained|Compared|When|After|Unlike|Beyond|Among|Through)\s+"
    r"[^,;]{1,120},\s*"
)
"""An opening phrase before a sentence's subject: "On LiveCodeBench, PlanSearch reaches ...", "On the Waymo dataset, ..."."""
LIST_GLUE = re.compile(r"^[\"'”’*]*(?:\s*\([^()]{1,30}\))?\s*(?:,|and|or|&|/|, and|, or|,? as well as)?\s*[\"'“‘]?$")
"""What stands between two names of one list: "A, B and C", "GSM8K (+4.9%), HumanEval (+4.3%)"."""

_PROPOSAL = re.compile(
    r"\b(?:we|this (?:paper|work|study|report)|our (?:work|paper|method|framework|approach|system)|here we|"
    r"in this (?:paper|work)[, ]+we)\b"
    r"[^.;]{0,120}?(?<!\bthe )(?<!\bour )\b(propose[sd]?|introduce[sd]?|present(?:s|ed)?|develop(?:s|ed)?|release[sd]?|"
    r"proposing|introducing|presenting|"
    r"design(?:s|ed)?|construct(?:s|ed)?|build(?:s)?|buil[dt]|create[sd]?|curate[sd]?|contribute[sd]?|offer(?:s|ed)?|"
    r"unveil(?:s|ed)?|devise[sd]?|derive[sd]?|establish(?:es|ed)?|launch(?:es|ed)?)\b(?!\s+to\s+[a-z]+\b)(?!\s+(?:from|on|upon)\b)"
    r"(?!\s+(?:a\s+)?(?:new\s+)?(?:state[- ]of[- ]the[- ]art|SOTA|records?)\b)"
    r"(?!\s+(?:a|an|the|our)\s+(?:[\w\-]+\s+){0,3}?(?:evaluation|analysis|study|appraisal|review|comparison|investigation|"
    r"examination|assessment)\s+of\b)",
    re.IGNORECASE,
)
_AND_PROPOSE = re.compile(
    r"\bwe\b[^.;]*?\b(?:and|then|also|further)\s+(propose[sd]?|introduce[sd]?|present(?:s|ed)?|develop(?:s|ed)?|design(?:s|ed)?)\b",
    re.IGNORECASE,
)


def proposal_verb_ends(sentence: str, own_names: tuple[str, ...] = ()) -> list[int]:
    """Offsets in the sentence just after each proposal verb ("we propose", "..., and introduce"),
    also where the paper's own names (from its title) are the subject ("LLM-DiSAC develops a ...").

    >>> s = "To address this gap, we introduce PyBench, a benchmark."
    >>> [s[end:] for end in proposal_verb_ends(s)]
    [' PyBench, a benchmark.']
    >>> s = "We (1) introduce a data pipeline, and (2) we propose the first benchmark, Neg-TtoI."
    >>> [s[end:end + 4] for end in proposal_verb_ends(s)]
    [' a d', ' the']

    "the proposed" describes, and "propose to" is followed by what the paper does, not by its name:
    >>> proposal_verb_ends("We apply the proposed kernel to ANNS"), proposal_verb_ends("we propose to leverage Human4DiT")
    ([], [])
    >>> proposal_verb_ends("Our method establishes a new state-of-the-art on the How2Sign benchmark")
    []
    >>> proposal_verb_ends("This work provides a model derived from the GPT-2 architecture")  # GPT-2 is not its own
    []
    >>> proposal_verb_ends("We present a systematic appraisal of GCG and its variant, T-GCG")  # what a study examines
    []
    >>> s = "We propose the Visual State-Space Module and introduce a novel Hilbert Curve Scanning technique."
    >>> [s[end:end + 8] for end in proposal_verb_ends(s)]
    [' the Vis', ' a novel']
    >>> s = "First, LLM-DiSAC develops an RF-vision fusion network (RVFN)."
    >>> [s[end:end + 4] for end in proposal_verb_ends(s, ("LLM-DiSAC",))]
    [' an ']
    """
    own = _own_subject(own_names)
    ends = {m.end() for m in _AND_PROPOSE.finditer(sentence)}  # "we propose X and introduce Y": both verbs
    position = 0
    while True:
        found = [m for m in (_PROPOSAL.search(sentence, position), own.search(sentence, position) if own else None) if m]
        if not found:
            return sorted(ends)
        position = min(found, key=lambda m: m.end()).end()
        ends.add(position)


_PASSIVE_PROPOSAL = re.compile(
    r"^[^.;]{0,60}?\b(?:is|are|was|were)\s+(?:(?:further|also|then|newly|first|additionally)\s+)?"
    r"(?:proposed|introduced|designed|developed|presented|devised)\b(?!\s+(?:by|in)\b)",
    re.IGNORECASE,
)


def proposed_after(after: str) -> bool:
    """True when the words after a coined name say the paper makes it ("(FAA) is proposed to isolate ...").

    >>> proposed_after(") is proposed to enhance efficiency"), proposed_after(" was introduced by Smith et al.")
    (True, False)
    """
    return bool(_PASSIVE_PROPOSAL.match(after))


@lru_cache(maxsize=256)
def _own_subject(own_names: tuple[str, ...]) -> re.Pattern | None:
    """The paper's own names followed by a proposal verb: "System-1.5 Reasoning introduces two ..."."""
    if not own_names:
        return None
    names = "|".join(re.escape(name) for name in sorted(own_names, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w\-])(?:{names})\s+(?:(?:further|also|then|first|additionally)\s+)?"
        r"(?:introduces|develops|designs|proposes|presents|devises|constructs|builds)\b(?!\s+to\s)"
    )


_EVALUATION = re.compile(
    r"\b(evaluat\w*|experiment\w*|results?|achiev\w*|outperform\w*|accuracy|scores?|benchmark\w*|surpass\w*|"
    r"state[- ]of[- ]the[- ]art|improv\w*|pass@\w+|tested|perform\w*|gains?|reach\w*|attain\w*|exceed\w*|validat\w*|"
    r"top-1|SOTA|faster|speed-?ups?|generaliz\w*)\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"(?<![\w.])\d+(?:\.\d+)?\s*\\?%"  # a stated score: "coverage grows to over 95%"
    r"|\b(?:analys[ie]s|findings?)\s+(?:shows?|reveals?|indicates?|demonstrates?|suggests?)\b",  # "Our analysis shows that"
    re.IGNORECASE,
)
"""What an evaluation sentence says without an evaluation word: a percentage, what the analysis shows."""


def has_evaluation_cue(sentence: str) -> bool:
    """True when a sentence reports evaluation.

    >>> has_evaluation_cue("Experiments on Pythia and the C4 dataset demonstrate gains")
    True
    >>> has_evaluation_cue("When solving problems from GSM8K, coverage grows to over 95%")
    True
    >>> has_evaluation_cue("Our analysis shows that X matters on knowledge-heavy tasks (e.g., MMLU)")
    True
    """
    return bool(_EVALUATION.search(sentence) or _REPORTED.search(sentence))


_ITEM = r"(?:[A-Z0-9][^\s,;()]*|[a-z]+\d[^\s,;()]*)(?:\s+[A-Z0-9][^\s,;()]*){0,2}"
_SEPARATOR = (
    r"\s*(?:\([^()]{1,20}\))?\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s+or\s+|\s*\(\s*|"
    r",?\s*as well as\s+(?:[a-z]+\s+){0,3}(?:such as|like|including)?\s*|"
    r"\)\s*,?\s*and\s+(?:[\w\-]+\s+){0,4}\(\s*)"  # "(A, B) and three image datasets (C, D)"
)
_EVAL_PREP = re.compile(
    r"\b(?i:on|across|evaluations? of|experiments with|(?:evaluations?|experiments?) using|generaliz\w*(?:\s+[a-z]+){0,2}\s+to|"
    r"(?:problems|questions|puzzles) from)\s+"
    r"(?:(?!(?:that|shows?|demonstrates?|indicates?|reveals?|"
    r"confirms?|suggests?|proves?|verif(?:y|ies)|validates?)\b)(?:[a-z][\w\-&]*|[A-Z][A-Z&]+s?|\d[\d,.]*(?:-[a-z]+)?)\s+){0,7}"
    r"(?:[a-z][\w\-]*,?\s+\(?(?:including|such as|like|e\.g\.,?|i\.e\.,?)\s+(?:[a-z][\w\-]*\s+){0,4})?(?:(?:e\.g|i\.e)\.,?\s+)?\(?\s*"
    rf"(?:{_ITEM}{_SEPARATOR})*$"
)


_EVAL_PAREN = re.compile(r"\b(?:evaluat\w*|test\w*|benchmark\w*)\b[^.;()]{0,60}\(\s*(?:[\w\-+.@]+\s*,\s*)*$", re.IGNORECASE)


_KIND_IN_PHRASE = re.compile(r"\b(benchmarks?|datasets?|corpus|corpora|environments?|suites?)\b(?:(?!\b(?:on|in)\b)[^.;])*$")


def kind_in_evaluation_phrase(before: str) -> str | None:
    """The kind an evaluation phrase gives its names: "on two datasets of X" -> Dataset.

    >>> kind_in_evaluation_phrase("results on two datasets of "), kind_in_evaluation_phrase("results on ")
    ('Dataset', None)
    """
    match = _KIND_IN_PHRASE.search(before[-80:])
    return HEAD_NOUN_TYPES.get(match.group(1).lower()) if match else None


def evaluated_on_before(before: str) -> bool:
    """True when the words before a name put it in an evaluation list ("on HumanEval and ...").

    >>> evaluated_on_before("achieves 77% on Live"[:-4]), evaluated_on_before("results on HumanEval, MBPP and ")
    (True, True)
    >>> evaluated_on_before("built on top of the strong"), evaluated_on_before("Based on this insight, we propose ")
    (False, False)
    >>> evaluated_on_before("Extensive experiments on public datasets show that ")
    False
    >>> evaluated_on_before("Evaluating general language modeling (Wikitext-103, ")
    True
    >>> evaluated_on_before("on benchmark datasets like Long Range Arena (LRA), WikiText, sstv2, as well as video datasets such as ")
    True
    >>> evaluated_on_before("across six benchmarks, including three medical datasets (TN3K, ISIC) and three image datasets (")
    True
    >>> evaluated_on_before("results on three popular REC and RES benchmarks, i.e., RefCOCO, "), evaluated_on_before("on other Q&A datasets like ")
    (True, True)
    >>> evaluated_on_before("We conduct comprehensive evaluations using the "), evaluated_on_before("We fine-tune models using ")
    (True, False)
    >>> evaluated_on_before("its performance on common benchmarks (such as "), evaluated_on_before("When solving problems from ")
    (True, True)
    """
    tail = before[-160:]
    if _EVAL_PAREN.search(tail):
        return True
    match = _EVAL_PREP.search(tail)
    if not match:
        return False
    return "top of" not in tail[-30:]
