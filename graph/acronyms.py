"""Acronym and long-form pairs ("Sensitive Neuron Dropout (SeND)"), after Schwartz and Hearst (2003)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import FUNCTION_WORDS, LATEX_COMMAND

__all__ = ["AcronymPair", "find_acronym_pairs", "best_long_form", "spells_out"]


@dataclass(frozen=True)
class AcronymPair:
    """A short form and its long form (mostly the one in parentheses after the other), with offsets into the text."""

    short: str
    short_start: int
    long: str
    long_start: int

    @property
    def short_end(self) -> int:
        return self.short_start + len(self.short)


_PAREN = re.compile(r"\(([^()]{2,30})\)")
_SPLIT_WORDS = re.compile(r"[\s\-/]+")


def find_acronym_pairs(text: str) -> list[AcronymPair]:
    """Every "long form (SHORT)" pair in a text, and every "SHORT, a long form" and "SHORT (long form)" one.

    >>> [(p.long, p.short) for p in find_acronym_pairs("We introduce SEnsitive Neuron Dropout (SeND), a protocol.")]
    [('SEnsitive Neuron Dropout', 'SeND')]
    >>> [(p.long, p.short) for p in find_acronym_pairs("large language models (LLMs) and the E2E baseline")]
    [('large language models', 'LLMs')]
    >>> [(p.long, p.short) for p in find_acronym_pairs("we propose DSGC-Net, a Dual-Stream Graph Convolutional Network")]
    [('Dual-Stream Graph Convolutional Network', 'DSGC-Net')]
    >>> [(p.long, p.short) for p in find_acronym_pairs("two approaches: REBASE (REward BAlanced SEarch) and LLMs (large models).")]
    [('REward BAlanced SEarch', 'REBASE')]
    """
    pairs = []
    for match in _PAREN.finditer(text):
        raw = match.group(1)
        inner = _MARKUP.fullmatch(raw)  # "($\textbf{SEA}$)"
        short = re.split(r"[;,]", (inner.group(1) if inner else raw).strip())[0].strip()
        if not _is_short_form(short):
            continue
        before = text[max(0, match.start() - 200) : match.start()].rstrip()
        long = best_long_form(short, before)
        if long:
            pairs.append(AcronymPair(short, match.start(1) + raw.find(short), long, text.rfind(long, 0, match.start())))
    return pairs + _apposed_pairs(text) + _bracketed_long_forms(text)


_MARKUP = re.compile(rf"\s*\$?{LATEX_COMMAND.pattern}\$?\s*")


_APPOSED = re.compile(
    r"(?<![\w\-])(?P<short>[A-Z][\w\-+]*[A-Z][\w\-+]*), (?:a|an|the) (?:novel |new )?"
    r"(?P<long>[A-Z][\w\-]*(?: (?:[A-Z][\w\-]*|of|for|and|with|in|on|to)){1,7})(?![\w\-])"
)
"""A name with its long form after it: "DSGC-Net, a Dual-Stream Graph Convolutional Network"."""


def _apposed_pairs(text: str) -> list[AcronymPair]:
    pairs = []
    for match in _APPOSED.finditer(text):
        short, long = match.group("short"), match.group("long")
        letters = [c.lower() for c in short if c.isalnum()]
        if len(letters) >= 3 and long.lower()[0] == letters[0] and any(
            _spells(spelling, long.lower()) for spelling in _spellings(short)
        ):
            pairs.append(AcronymPair(short, match.start("short"), long, match.start("long")))
    return pairs


_BRACKETED_LONG = re.compile(
    r"(?<![\w\-])(?P<short>[A-Za-z][\w\-+]*[A-Z][\w\-+]*)\s+\((?P<long>[A-Za-z][\w\-]*(?:\s+[\w\-]+){1,7})\)"
)
"""A name with its long form in brackets after it: "REBASE (REward BAlanced SEarch)"."""


def _bracketed_long_forms(text: str) -> list[AcronymPair]:
    pairs = []
    for match in _BRACKETED_LONG.finditer(text):
        short, long = match.group("short"), match.group("long")
        letters = [c.lower() for c in short if c.isalnum()]
        if len(letters) >= 2 and long.lower()[0] == letters[0] and any(_spells(spelling, long.lower()) for spelling in _spellings(short)):
            pairs.append(AcronymPair(short, match.start("short"), long, match.start("long")))
    return pairs


def _is_short_form(candidate: str) -> bool:
    if not 2 <= len(candidate) <= 12 or " " in candidate.strip():
        return False
    return candidate[0].isalnum() and sum(c.isupper() for c in candidate) >= 1 and any(c.isalpha() for c in candidate)


def best_long_form(short: str, before: str) -> str | None:
    """The shortest tail of `before` whose words spell out `short`, or None.

    Letters of the short form are matched right to left inside the candidate, the first
    letter at the start of a word (Schwartz and Hearst's algorithm).

    >>> best_long_form("HMT", "We propose the Hierarchical Memory Transformer")
    'Hierarchical Memory Transformer'
    >>> best_long_form("MATES", "we introduce model-aware data selection with data influence models")
    'model-aware data selection with data influence models'
    >>> best_long_form("KD", "the rain") is None
    True

    Words that each begin with a letter win over the shortest tail that spells the letters:
    >>> best_long_form("PPO", "we train it with Proximal Policy Optimization")
    'Proximal Policy Optimization'

    A digit inside the short form may stand for "to"/"for" or repeat the letter before it:
    >>> best_long_form("P2C-CoT", "we design a Perception-to-Cognition Chain-of-Thought")
    'Perception-to-Cognition Chain-of-Thought'
    >>> best_long_form("B2D", "we introduce the Black-Box Distillation")
    'Black-Box Distillation'
    >>> best_long_form("VC3D", "we propose ViewCraft3D")
    'ViewCraft3D'
    >>> best_long_form("VGTeam", "we propose Video-Generation-Team")
    'Video-Generation-Team'
    """
    spellings = _spellings(short)
    letters = spellings[0]
    tokens = before.split()
    limit = min(len(tokens), len(letters) + 5, 2 * len(letters) + 2)
    initials = _initials_tail(letters, tokens[-limit:])
    if initials:
        return initials
    for size in range(1, limit + 1):
        candidate = " ".join(tokens[-size:]).rstrip("~")
        if size == 1 and (_capitals(candidate) == short.replace("-", "") or _prefixes_of_parts(short, candidate)):
            return candidate.strip(",;:")  # one CamelCase word: "ViewCraft3D (VC3D)", "Video-Generation-Team (VGTeam)"
        if size == 1 and len(letters) > 2 and len(_SPLIT_WORDS.split(candidate)) < len(letters) - 1:
            continue
        if candidate[:1] in "([{\"'" or candidate[0].lower() != letters[0]:
            continue
        if any(_spells(spelling, candidate.lower()) for spelling in spellings):
            return candidate.strip(",;:")
    return None


def _initials_tail(letters: list[str], tokens: list[str]) -> str | None:
    """The tail of `tokens` whose words begin with the letters, one word each ("Parallel Prompt Decoding"
    for PPD), which the shortest tail that spells them ("Prompt Decoding") would cut short. Function words
    may stand between; they need not be spelt."""
    for start in range(len(tokens) - 1, -1, -1):
        tail = " ".join(tokens[start:]).strip(",;:")
        words = [w for w in _SPLIT_WORDS.split(tail) if w and w.lower() not in FUNCTION_WORDS]
        if len(words) > len(letters):
            return None
        if len(words) == len(letters) and tail.split()[0].lower() not in FUNCTION_WORDS:
            return tail if [w[0].lower() for w in words] == letters else None
    return None


def spells_out(short: str, long: str) -> bool:
    """True when `long` is a long form of the short form `short` (its first letter first, Schwartz-Hearst).

    >>> spells_out("DSP", "Deep Spectral Prior"), spells_out("EM", "EM accuracy"), spells_out("EM", "Exact Match")
    (True, False, True)
    """
    return " " in long.strip() and long[:1].lower() == short[:1].lower() and any(
        _spells(spelling, long.lower()) for spelling in _spellings(short)
    ) and long.split()[0].lower() != short.lower()


def _prefixes_of_parts(short: str, word: str) -> bool:
    """True when each capitalised piece of `short` begins the matching part of a hyphenated `word`
    ("VGTeam": Video-Generation-Team)."""
    pieces = re.findall(r"[A-Z][a-z]*", short)
    parts = word.strip(",;:").split("-")
    return len(pieces) == len(parts) > 1 and "".join(pieces) == short and all(
        part.lower().startswith(piece.lower()) for piece, part in zip(pieces, parts)
    )


def _capitals(word: str) -> str:
    return "".join(c for c in word if c.isupper() or c.isdigit())


_DIGIT_WORDS = {"2": "t", "4": "f"}  # P2C: Perception-to-Cognition; M4: ... for ...


def _spellings(short: str) -> list[list[str]]:
    """The letter sequences a short form may spell: as written, and with each inner digit read as the
    word it sounds like or as a repeat of the letter before it (B2D: Black-Box Distillation)."""
    letters = [c.lower() for c in short if c.isalnum()]
    digits = [i for i, c in enumerate(letters) if c in "234" and 0 < i < len(letters) - 1 and letters[i - 1].isalpha()]
    if not digits:
        return [letters]
    spoken, repeated = list(letters), list(letters)
    for i in reversed(digits):
        spoken[i : i + 1] = [_DIGIT_WORDS.get(letters[i], letters[i])]
        repeated[i : i + 1] = [letters[i - 1]] * (int(letters[i]) - 1)
    return [letters, spoken, repeated]


def _spells(letters: list[str], long: str) -> bool:
    """Schwartz-Hearst check: letters of the short form found right to left in the long form."""
    position = len(long) - 1
    for index in range(len(letters) - 1, -1, -1):
        letter = letters[index]
        while position >= 0 and (
            long[position] != letter or (index == 0 and position > 0 and long[position - 1].isalnum())
        ):
            position -= 1
        if position < 0:
            return False
        position -= 1
    return True
