"""Scores stated in abstracts: which system reached what value of which metric on which benchmark."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import LIST_GLUE, evaluated_on_before
from .records import Mention

__all__ = ["StatedResult", "find_results", "normalise_value"]


@dataclass(frozen=True)
class StatedResult:
    """A score as the text states it, pointing at the mentions it joins."""

    value: float
    benchmark: Mention
    entity: Mention | None
    metric: Mention | None
    sentence: str


_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d+)?)(?![\d.]*(?:[\dA-Za-z×]|\\times))\s*(%|\\%| percent)?")
"""A number that is whole: not the start of "3.87M", "12x" or "1.76\\times", nor a piece of "3.8" in "3.87"."""
_RELATIVE = re.compile(
    r"(?:by|up to|over|about|around|nearly|almost|roughly|than|improv\w*|gain\w*|increas\w*|reduc\w*|"
    r"decreas\w*|boost\w*|outperform\w*|relative|absolute|speed\w*|faster|fewer|less|more|lower|higher|drop\w*|"
    r"at least|at most|\+|-|±|~)(?:\s+(?:of|by))?\s*$",
    re.IGNORECASE,
)
_VALUE = r"(?<![\w\-.])\$?\d+(?:\.\d+)?\$?\s*(?:%|\\%| percent)?"
_METRIC_WORDS = r"(?:\s*(?!(?:on|in|and|or|for|of|at|to|with|by)\b)[A-Za-z][\w@\-]*){0,2}"
_LISTED_VALUES = re.compile(rf"(?:{_VALUE}{_METRIC_WORDS}\s*(?:,\s*and|,|and|or)\s*\$?)+$")
""""82% retrieval accuracy and 77%", "$27.2$ PQ, $17.0$ mAP, and $35.3$": the values before the last are
read like the first of the list."""
_VALUE_LIST = re.compile(rf"{_VALUE}{_METRIC_WORDS}(?:\s*(?:,\s*and|,|and)\s*{_VALUE}{_METRIC_WORDS})+\s+(?:on|in)\s+(?:the\s+)?")
""""27.2 PQ, 17.0 mAP, and 35.3 mIoU on A-150", "56.2, 28.2 and 15.4 mIoU on Cityscapes, Mapillary Vistas and A-847"."""
_LIST_END = re.compile(
    r"[.;:(]|\d|\s+(?:respectively|with|while|which|where|whereas|for|to|under|using|when|compared|showing|surpassing|outperforming)\b"
)
_ITEM = re.compile(r"(?:and\s+)?(?P<item>[^\s,](?:(?!,|\s+and\s).)*)")
_STATED = re.compile(
    r"\b(?:to|of|is|was|reaches|achieves|attains|scores?|hits|(?:re)?solv(?:es|ing|ed))(?:\s+(?:only|merely|just))?(?:\s+an?)?\s*\$?$"
)
""""achieves only a 0.0% success rate", "improves pass@1 to 65.8%", "a pass@1 of 65.8%": the score itself."""
_OUT_OF = re.compile(r"\s*/\s*\d+\s*(?:points|marks|pts)\b")
""""23.5/30 points" (not "30.5/0.91", two scores)."""
_RAW_METRIC = re.compile(r"\b(?:FIDs?|FVD|perplexit(?:y|ies)|PPL|MAE|MSE|RMSE|BLEU(?:-\d)?|PSNR|Elo|bits per \w+|BPD)\b", re.IGNORECASE)
""""FID scores of 1.91", "perplexity of 15.8": measures that are no percentages, whatever the number looks like."""
_COMPARED = re.compile(r"\b(?:compared (?:to|with)|versus|vs\.?)\b", re.IGNORECASE)
_STATES = re.compile(r"\b(?:achiev|attain|reach|obtain|scor|record|yield)\w*", re.IGNORECASE)
_HYPERPARAMETER = re.compile(
    r"\b(?:learning rate|dropout(?: rate| probability)?|temperature|weight decay|momentum|warm-?up ratio|batch size|"
    r"mask(?:ing)? ratio|threshold|standard deviation|variance)\s+of\s*\$?$",
    re.IGNORECASE,
)
""""a learning rate of 0.001", "a dropout probability of 0.3": settings, not scores; "a standard deviation of 21.27": a spread."""
_RELATIVE_WORDS = re.compile(r"\b(?:improv\w*|gains?|increas\w*|reduc\w*|decreas\w*|boost\w*|speed-?ups?|relative|margins?)\b", re.IGNORECASE)
_GAIN_OF = re.compile(
    r"\b(?:gains?|improvements?|increases?|reductions?|boosts?|drops?|margins?)\s+(?:(?:ranging|in the range)\s+)?(?:of|from|between)\b[^.;]*$",
    re.IGNORECASE,
)
""""improves pass@1 to 65.8%" and "a pass@1 of 65.8%" state scores; "gains of 4.4%" does not."""
_VERSION_OF = re.compile(r"(?<![\w\-])[A-Z][A-Za-z\-]*[a-z][A-Za-z\-]*\s+\$?$")
""""Memotion 1.0", "Wan 2.1": a capitalised word right before a bare number names a release of it."""
_SHARE_OF = re.compile(r"^\s*(?:%|\\%|percent)?\s*of\b")
""""30% of the data" is a share, unless the sentence states it as a score ("solving only 16.3% of the set")."""
_RELATIVE_AFTER = re.compile(r"^\s*(?:%|percent)?\s*(?:performance\s+|accuracy\s+|absolute\s+|relative\s+)?(?:[MBK](?=\W|$)|subsets?|splits?|portion|thousand|million|billion|trillion|improvement|gain|increase|reduction|decrease|higher|lower|fewer|less|more|faster|slower|relative|absolute|speed|points?|pp)\b", re.IGNORECASE)
_PERCENT_METRICS = re.compile(
    r"pass@|accuracy|acc|score|@\d|avg@|top-\d|f1|exact match|em\b|win rate|iou|\bmap\b|\bap\b|auc|recall|precision|hits@|"
    r"\bpq\b|dice",
    re.IGNORECASE,
)


def normalise_value(number: str, percent: bool, metric: str | None) -> float:
    """Percentages as proportions; bare numbers stay as written unless the metric is a percentage, or no
    metric is named and the number reads like one ("achieves 71.9 on MMMU").

    >>> normalise_value("77.0", True, None), normalise_value("46.7", False, "Avg@1"), normalise_value("1.74", False, "MAE")
    (0.77, 0.467, 1.74)
    >>> normalise_value("71.9", False, None), normalise_value("23.5", False, "BLEU-4")
    (0.719, 23.5)
    """
    value = float(number)
    if percent or (1 < value <= 100 and (metric is None and "." in number or metric and _PERCENT_METRICS.search(metric))):
        return round(value / 100, 6)
    return value


def find_results(text: str, mentions: list[Mention]) -> list[StatedResult]:
    """Absolute scores on named benchmarks in each sentence; gains, speedups, settings, counts and the
    scores of unnamed or compared baselines are skipped.

    The benchmark is, in this order: the one at the value's place in a slashed pair or a list of
    as many ("1.91/2.43 on CIFAR-10/FFHQ", "56.2, 28.2 and 15.4 mIoU on A, B and C"), the one in
    whose brackets the value stands, the nearest after the value in its clause ("77.0% on
    LiveCodeBench"), the nearest before it; in a sentence naming none, the paper's own benchmark
    (a benchmark paper), the one evaluated in the sentence before, or the one benchmark the paper
    evaluates on. The system is the name the value stands behind ("GPT-4o (18.60%)") or reached by
    ("56.3% by o1-mini"), else the subject of the sentence (`_subject`); a value whose clause has a
    system it does not name ("a vanilla 7B model") is nobody's. The metric is the nearest metric
    next to the value.
    """
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sent_start, []).append(m)
    own = {m.text: m for m in mentions if m.type == "Benchmark" and m.role == "proposes"}
    if len(own) > 1:  # "EvoCodeBench" and its release "EvoCodeBench-2403": the title's is the one meant
        own = {m.text: m for m in mentions if m.type == "Benchmark" and m.rule == "title"}
    evaluated = {m.text: m for m in mentions if m.type in ("Benchmark", "Dataset") and m.role in ("evaluatesOn", "proposes")}
    results = []
    previous: list[Mention] = []  # the benchmarks of the sentence just before
    for sent_start, group in sorted(by_sentence.items()):
        group.sort(key=lambda m: m.start)
        sentence = group[0].sentence
        benchmarks = [m for m in group if m.type in ("Benchmark", "Dataset")]
        before, previous = previous, benchmarks
        if before and text[before[0].sent_start + len(before[0].sentence) : sent_start].strip():
            before = []
        elsewhere = None
        if not benchmarks and len(own) == 1 and any(m.type == "Model" for m in group):
            elsewhere = next(iter(own.values()))  # a benchmark paper: "GPT-4o achieves only 57.0% overall accuracy"
        elif not benchmarks and len({m.text for m in before}) == 1 and before[0].role == "evaluatesOn" and _STATES.search(sentence):
            elsewhere = before[0]  # "Experiments on SCUT-FBP5500 ... . Mamba-CNN achieves a PC of 0.9187"
        elif not benchmarks and len(evaluated) == 1 and _STATES.search(sentence) and any(m.type in ("Model", "Method") for m in group):
            elsewhere = next(iter(evaluated.values()))  # its one benchmark: "Revisiting VerilogEval ... Llama 3.1 405B achieves 58%"
        if not benchmarks and not elsewhere:
            continue
        for number in _NUMBER.finditer(sentence):
            at, end = sent_start + number.start(), sent_start + number.end()
            if any(m.start < end and at < m.end for m in group):
                continue  # a version inside a name: "Claude 3.5 Sonnet", "Claude 2.1"
            whole_clause = re.split(r"[;:]|, (?:while|whereas|and) ", sentence[: number.start()])[-1]
            clause = whole_clause[-70:]
            named = _score_of_a_name(sentence, number, group, sent_start)
            opens = sent_start + number.start() - len(whole_clause)
            if not named and _UNNAMED_SUBJECT.search(whole_clause) and not any(
                m.type in ("Model", "Method") and opens <= m.start < at for m in group
            ):
                continue  # "..., and improving a vanilla 7B model from 14.1% to 23.9%": nobody named's
            beaten = _BEATS.search(re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), clause))  # not inside closed brackets
            if beaten and not named and not any(
                m.type in ("Model", "Method") and number.start() - len(clause) + beaten.end() <= m.start - sent_start < number.start()
                for m in group
            ):
                continue  # "outperforming the best score achieved without search (pass@1 = 41.4%)": nobody named's
            clause = _LISTED_VALUES.sub("", clause)  # "by 9.03% and 9.44%": the second is read like the first
            absolute = _STATED.search(clause) and not _GAIN_OF.search(clause)
            after = sentence[number.end() :]
            if _RELATIVE.search(clause[-25:]) or (_RELATIVE_WORDS.search(clause) and not absolute) or _RELATIVE_AFTER.match(after):
                continue
            if _SHARE_OF.match(after) and not absolute:
                continue
            if _HYPERPARAMETER.search(clause) or _COMPARED.search(clause[-40:]):
                continue  # "a learning rate of 0.001"; "(10.8 compared to SOTA perplexity of 15.8)": another system's
            if number.group(2) and float(number.group(1)) > 100:
                continue  # "up to 250%": a gain, no share of anything
            if not number.group(2) and _VERSION_OF.search(sentence, 0, number.start()):
                continue  # "SemEval Memotion 1.0": a release, not a score
            if not number.group(2) and "." not in number.group(1):
                continue  # bare integers are counts, sizes and years far more often than scores
            if elsewhere:
                benchmark = elsewhere if absolute or named else None
            else:
                benchmark = _slashed_benchmark(benchmarks, number, sentence, sent_start, text)
                if benchmark is False:
                    benchmark = _listed_benchmark(benchmarks, at, text, sent_start, sentence)
                if benchmark is False:
                    benchmark = _nearest_benchmark(benchmarks, at, end, text, stated=bool(absolute or named))
            if benchmark is None or (benchmark.start >= end and not text[end : benchmark.start].strip()):
                continue  # "on 1% RefCOCO" is a share of the data, not a score
            metrics = [
                m for m in group
                if m.type == "Metric" and abs(_gap(m, at, end)) < 40 and not _other_score_between(m, at, end, text, group, benchmarks)
            ]
            metric = min(metrics, key=lambda m: abs(_gap(m, at, end)), default=None)
            systems = [m for m in group if m.type in ("Model", "Method") and m.end <= at and m.text != benchmark.text]
            entity = named or _subject(systems, sentence, sent_start)
            value = normalise_value(number.group(1), bool(number.group(2)), metric.text if metric else None)
            raw = _RAW_METRIC.search(clause[-40:]) or (metric and _RAW_METRIC.search(metric.text))
            if (raw and not number.group(2)) or _OUT_OF.match(sentence, number.end()):
                value = float(number.group(1))  # "an FID of 1.91", "FID scores ... to 1.30", "23.5/30 points": they keep their scale
            results.append(StatedResult(value, benchmark, entity, metric, sentence))
    return results


def _score_of_a_name(sentence: str, number: re.Match, group: list[Mention], sent_start: int) -> Mention | None:
    """The system whose name a score stands right behind, in brackets or after a colon: "Claude-3.5-Sonnet (63.18)",
    "outperforming GPT-4o (18.60%)", "surpassing GPT-4 performance (67%, zero-shot)", "DAPO (36.7/31.6)", "ChatGPT-o3: 83.58" (not
    "Claude (3.5 Sonnet)", a version); or the one named right after it as the one who reached it ("56.3% by o1-mini")."""
    systems = [m for m in group if m.type in ("Model", "Method")]
    by = _REACHED_BY.match(sentence, number.end())
    if by:
        return next((m for m in systems if m.start - sent_start == by.end()), None)
    bracket = _BRACKET_BEHIND.search(sentence[: number.start()])
    if not bracket or not re.match(r"\$?\s*%?(?:\s*/\s*\d+(?:\.\d+)?\s*%?)*\s*[),;]", sentence[number.end() :]):
        return None
    return next((m for m in systems if m.end - sent_start == bracket.start()), None)


_BRACKET_BEHIND = re.compile(r"(?:'s)?(?:\s+(?:performance|score|accuracy))?\s*(?:\(|:\s*)\$?(?:\d+(?:\.\d+)?\s*%?\s*/\s*)*$")
"""Before a score: the name it belongs to and a bracket or colon, and the scores before it in a slashed group ("DAPO (36.7/31.6)")."""
_REACHED_BY = re.compile(r"\$?\s*(?:%|\\%)?\s+by\s+")


def _subject(systems: list[Mention], sentence: str, sent_start: int) -> Mention | None:
    """The system a score belongs to: the last one named before it that is not what another one beats,
    compares with or builds on ("X surpasses o3-mini and o1 on ARC-AGI (32.8%)" is X's score, "PLANSEARCH
    on top of Claude 3.5 Sonnet achieves" PLANSEARCH's, "S4D ... performs comparably to S4 ... averaging 85%"
    S4D's); a list of such names shares their part."""
    if not systems:
        return None
    subject, compared = systems[0], False
    for previous, system in zip(systems, systems[1:]):
        between = sentence[previous.end - sent_start : system.start - sent_start]
        if _BEATS.search(between) or _BUILT_ON.search(between) or _AMONG.search(between):
            compared = True
        elif _LIFTS.search(between) and sentence.startswith("'s", system.end - sent_start):
            compared = True  # "Reason-KE elevates Qwen2.5-7B's accuracy to 90.2%": Reason-KE's score
        elif not LIST_GLUE.match(between):
            compared = False
        if not compared:
            subject = system
    return subject


_AMONG = re.compile(r"\bamong\s+(?:the\s+|all\s+)?$", re.IGNORECASE)
"""Before a name: the group the subject is best in ("BPO achieves state-of-the-art performance among Llama-3-8B backbones")."""
_UNNAMED_SUBJECT = re.compile(r"\b(?:a|an)\s+(?:[\w\-]+\s+){0,3}(?:model|baseline|agent|system|LLM)s?\b(?!\s*\()")
"""In a value's clause: a system the sentence does not name ("a vanilla 7B model")."""
_LIFTS = re.compile(r"\b(?:elevat|improv|boost|rais|lift|enhanc|increas)\w*\s+$", re.IGNORECASE)
_BUILT_ON = re.compile(r"(?:on top of|based on|built (?:up)?on|initiali[sz]ed from|fine-tuned from)\s+(?:the\s+)?$", re.IGNORECASE)
_BEATS = re.compile(
    r"\b(?:surpass\w*|outperform\w*|beat\w*|exceed\w*|advanc\w*|than|versions? of|variants? of|compared (?:to|with)|comparabl[ey] to|"
    r"on par with|similar to|rival\w*|match\w*)\b",
    re.IGNORECASE,
)


def _other_score_between(metric: Mention, at: int, end: int, text: str, group: list[Mention], benchmarks: list[Mention]) -> bool:
    """True when another value and its benchmark stand between a metric and a value: "an FID of 2.43 on CIFAR-10
    and 81.2% accuracy" (the FID is 2.43's on CIFAR-10), not "the pass@1 metric on HumanEval to 65.8%"."""
    low, high = min(metric.end, end), max(metric.start, at)
    values = [n for n in _NUMBER.finditer(text, low, high) if not any(m.start <= n.start() < m.end for m in group)]
    return bool(values) and any(low <= b.start < high for b in benchmarks)


def _gap(m: Mention, at: int, end: int) -> int:
    return m.start - end if m.start >= end else at - m.end


def _slashed_benchmark(benchmarks: list[Mention], number: re.Match, sentence: str, sent_start: int, text: str) -> Mention | None | bool:
    """For a value in a slashed pair ("FID scores of 1.91/2.43") in a sentence that names benchmarks so too
    ("on CIFAR-10/FFHQ"), the benchmark at its place. False when the value or the benchmarks are not slashed."""
    values = next((run for run in _SLASHED_VALUES.finditer(sentence) if run.start() <= number.start() < run.end()), None)
    if not values:
        return False
    places = [n.start() for n in _NUMBER.finditer(sentence, values.start(), values.end())]
    for index in range(len(benchmarks) - len(places) + 1):
        slashed = benchmarks[index : index + len(places)]
        if all(text[a.end : b.start].strip() == "/" for a, b in zip(slashed, slashed[1:])):
            return slashed[places.index(number.start())] if number.start() in places else None
    return False


_SLASHED_VALUES = re.compile(r"\d+(?:\.\d+)?\s*%?(?:\s*/\s*\d+(?:\.\d+)?\s*%?)+")


def _listed_benchmark(benchmarks: list[Mention], at: int, text: str, sent_start: int, sentence: str) -> Mention | None | bool:
    """For a value in a list of values before "on"/"in": the one benchmark after the list, or the benchmark
    at the value's place in a list of as many ("56.2, 28.2 and 15.4 mIoU on Cityscapes, Mapillary Vistas and
    A-847"), or None when the two lists do not pair up. False when the value stands in no such list."""
    for run in _VALUE_LIST.finditer(sentence):
        if not run.start() <= at - sent_start < run.end():
            continue
        values = [n.start() for n in _NUMBER.finditer(sentence, run.start(), run.end())]
        stop = _LIST_END.search(sentence, run.end())
        listed = sentence[run.end() : stop.start() if stop else len(sentence)]
        items = [run.end() + item.start("item") for item in _ITEM.finditer(listed)]
        if len(items) != 1 and len(items) != len(values):
            return None
        place = sent_start + items[0 if len(items) == 1 else values.index(at - sent_start)]
        return next((m for m in benchmarks if m.start == place), None)
    return False


def _begin(m: Mention, text: str) -> int:
    """Where a mention's name begins in the text, counting an acronym's long form before it ("Indian Driving Dataset (IDD)")."""
    if m.long_form and text.endswith(f"{m.long_form} (", 0, m.start):
        return m.start - len(m.long_form) - 2
    return m.start


def _nearest_benchmark(benchmarks: list[Mention], at: int, end: int, text: str, *, stated: bool) -> Mention | None:
    """The benchmark after the value in its clause, else the nearest before it; for a score the sentence
    states ("achieves 27.54%"), a sentence that names one benchmark and opens with it ("On HistBench,
    HistAgent based on GPT-4o achieves ...") means that one throughout."""
    opened = [m for m in benchmarks if m.end <= at and re.fullmatch(r"\s*\([^()]*", text[m.end : at])]
    if opened:
        return opened[-1]  # "on WikiText103 (10.8 compared to ...) and LAMBADA (66.2%)": the score in a benchmark's brackets
    after = [m for m in benchmarks if m.start >= end and not re.search(r"[;]|\band\b.*\d", text[end : m.start])]
    if after and _begin(after[0], text) - end < 60:
        return after[0]
    before = [m for m in benchmarks if m.end <= at and ";" not in text[m.end : at]]
    near = [m for m in before if at - m.end < 80]
    if near:
        return near[-1]
    if stated and len({m.text for m in benchmarks}) == 1 and before and evaluated_on_before(text[before[0].sent_start : before[0].start]):
        return before[-1]
    return None
