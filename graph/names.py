"""Pure functions on names: identity keys, words with offsets, and the look of a coined name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

__all__ = [
    "name_key", "name_keys", "case_key", "slug", "words", "looks_like_name", "whole_word", "Word", "LATEX_COMMAND", "PARAMETER_COUNT",
    "ADJECTIVE_SUFFIX", "FUNCTION_WORDS", "same_meaning",
]

_SEPARATORS = re.compile(r"[\s\-_‐‑‒–—·]+")
_KEEP = re.compile(r"[^\w+#@.]")


@lru_cache(maxsize=1 << 17)
def case_key(name: str) -> str:
    """A name without spaces, hyphens and underscores, case kept: the exact spelling key.

    >>> case_key("Llama-2"), case_key("Llama 2"), case_key("HumanEval+")
    ('Llama2', 'Llama2', 'HumanEval+')
    """
    text = unicodedata.normalize("NFKC", name).strip().rstrip(".")
    text = _SEPARATORS.sub("", text)
    return _KEEP.sub("", text)


@lru_cache(maxsize=1 << 17)
def name_key(name: str) -> str:
    """The key that spelling variants of one name share; different names keep different keys.

    >>> [name_key(n) for n in ("LLaMA-2", "Llama 2", "llama-2")]
    ['llama2', 'llama2', 'llama2']
    >>> name_key("GPT-4") == name_key("GPT-4o"), name_key("HumanEval") == name_key("HumanEval+")
    (False, False)
    """
    return case_key(name).casefold()


def name_keys(label: str, aliases: Iterable[str] = ()) -> list[str]:
    """The distinct, non-empty name keys of a label and its aliases, in order: what a name lookup matches.

    >>> name_keys("Llama 2", ["LLaMA-2", "Llama2", "L2", "—"])
    ['llama2', 'l2']
    """
    return [key for key in dict.fromkeys(name_key(name) for name in (label, *aliases)) if key]


def same_meaning(long_a: str, long_b: str) -> bool:
    """True when two long forms of one short form name one thing: they share most of their words
    ("Direct Preference Optimization", "direct preference optimisation"); two coinages of one acronym share
    few ("Chain-of-Pedagogy", "Chain-of-Perform").

    >>> same_meaning("Direct Preference Optimization", "direct preference optimizations")
    True
    >>> same_meaning("Aspect Matching Score", "Augmented Mixup Sampling"), same_meaning("Chain-of-Pedagogy", "Chain-of-Perform")
    (False, False)
    """
    a, b = _content_words(long_a), _content_words(long_b)
    return len(a & b) >= 0.5 * len(a | b) if a | b else True


def _content_words(phrase: str) -> set[str]:
    return {w.rstrip("s") for w in re.split(r"[\W_]+", phrase.lower()) if w and w not in FUNCTION_WORDS}


FUNCTION_WORDS = frozenset("a an the of for and or to in on with via by from at as".split())
"""The small words inside a long form that its short form need not spell ("Chain of Thought", CoT)."""


def slug(name: str) -> str:
    """A readable, IRI-safe identifier for a name (ASCII letters, digits, hyphens).

    >>> slug("Claude 3.5 Sonnet"), slug("HumanEval+"), slug("pass@k"), slug("PixArt-Σ"), slug("PixArt-α")
    ('claude-3.5-sonnet', 'humaneval-plus', 'pass-at-k', 'pixart-sigma', 'pixart-alpha')
    """
    text = "".join(_greek_letter(c) for c in unicodedata.normalize("NFKD", name))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = text.replace("+", "-plus").replace("@", "-at-").replace("#", "-sharp")
    text = re.sub(r"[^a-z0-9.]+", "-", text)
    return re.sub(r"-{2,}", "-", text).strip("-.") or "x"


def _greek_letter(char: str) -> str:
    """A Greek letter spelled out ("α" -> "alpha"), so that PixArt-α and PixArt-Σ keep apart; any other character as is."""
    if "\u0370" <= char <= "\u03ff":
        name = unicodedata.name(char, "")
        if name.startswith(("GREEK SMALL LETTER ", "GREEK CAPITAL LETTER ")):
            return "-" + name.rsplit(" ", 1)[1].lower()
    return char


Word = tuple[int, int, str]

_TOKEN = re.compile(r"\S+")
PARAMETER_COUNT = r"\d+(?:\.\d+)?[BM]"
"""A model's size as names write it: "7B", "1.5B", "350M"."""
LATEX_COMMAND = re.compile(r"\\[a-z]+\{([^{}]*)\}")
"""A LaTeX command around some text ("\\textbf{SEA}"); group 1 is the text."""
_URL = re.compile(r"(?:[a-z]+://|www\.|(?<![\w.@-])[a-z0-9\-]+\.(?:com|org|io|net|ai|edu|dev)/)[^\s{}()\[\]<>]+")
_PIECE = re.compile(r"(?:[^/()\[\]{}–—<>=≤≥~:-]|(?<!-)-(?!-)|:(?=//))+")
"""A word's stretch between slashes, brackets, comparisons, dashes (also "--"), LaTeX's "~" and colons (not a URL's)."""
_LEAD = "\"'“‘`*~$"
_TRAIL = "\"'”’`,;:.!?*~$"


def _is_address(token: str) -> bool:
    return "://" in token or token.startswith("www.") or ("@" in token and "." in token.rsplit("@", 1)[1])


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """Words of text[start:end] with offsets into the whole text, outer punctuation stripped.

    Words split at whitespace, slashes, brackets, comparisons and en or em dashes; URLs, e-mail addresses and LaTeX commands are not
    words; a trailing "+" stays (HumanEval+) and a possessive "'s" goes.

    >>> words("On HumanEval+, (SeND) and GPT-4's code at https://github.com/a/B.")
    [(0, 2, 'On'), (3, 13, 'HumanEval+'), (16, 20, 'SeND'), (22, 25, 'and'), (26, 31, 'GPT-4'), (34, 38, 'code'), (39, 41, 'at')]
    >>> [w for _, _, w in words("Llama 3's perplexity, AUROC>0.93 and $SEA$")]
    ['Llama', '3', 'perplexity', 'AUROC', '0.93', 'and', 'SEA']
    >>> [w for _, _, w in words("on \\\\href{https://github.com/ARCLab-MIT/kspdg}{GitHub}, a@b.org")]
    ['on', 'GitHub']
    >>> [w for _, _, w in words("at https://github.com/a/DB-2025}{github.com/a/DB-2025.")]
    ['at']
    >>> [w for _, _, w in words("typed deltas $\\\\Delta K$ over")]
    ['typed', 'deltas', 'K', 'over']
    >>> [w for _, _, w in words("on The PILE--showing, e.g.,~ChatGPT, SWIFT:A Scalable")]
    ['on', 'The', 'PILE', 'showing', 'e.g', 'ChatGPT', 'SWIFT', 'A', 'Scalable']
    """
    found = []
    for token in _TOKEN.finditer(text, start, len(text) if end is None else end):
        urls = [url.span() for url in _URL.finditer(token.group(0))] if "/" in token.group(0) or "www." in token.group(0) else ()
        for piece in _PIECE.finditer(token.group(0)):
            if piece.group(0).lstrip(_LEAD).startswith("\\") or _is_address(piece.group(0)) or any(
                a < piece.end() and piece.start() < b for a, b in urls
            ):
                continue  # a LaTeX command, or part of an address: "\href{https://github.com/a/b}{GitHub}" keeps GitHub
            s, e = token.start() + piece.start(), token.start() + piece.end()
            while s < e and text[s] in _LEAD:
                s += 1
            while e > s and text[e - 1] in _TRAIL:
                e -= 1
            if text[e - 2 : e] in ("'s", "’s") and e - s > 2:
                e -= 2
            if s < e:
                found.append((s, e, text[s:e]))
    return found


_SOFTWARE = re.compile(r"[A-Za-z]{2,}\.(?:jl|py|js|cpp|rs)$")
_LANGUAGE_PAIR = re.compile(r"[A-Z][a-z]-[A-Z][a-z]")
_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]")
_MIXED_DIGIT = re.compile(r"[A-Za-z].*\d|\d.*[A-Za-z]")


def looks_like_name(word: str) -> bool:
    """True when a word's form alone marks it as a coined name or acronym.

    >>> [looks_like_name(w) for w in ("PyBench", "PLANSEARCH", "GPT-4", "I-ViT", "HumanEval+", "Megatron-LM", "Symbolics.jl")]
    [True, True, True, True, True, True, True]
    >>> [looks_like_name(w) for w in ("model", "The", "2x", "Long-Context", "Text-to-Image", "De-En")]
    [False, False, False, False, False, False]
    """
    if word.islower() and word.isalpha():
        return False  # the common case, decided without the checks below
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2 or not word[0].isalpha() or "://" in word or "@" in word[1:] and "pass@" not in word.lower():
        return False
    if _LANGUAGE_PAIR.fullmatch(word):
        return False
    if _SOFTWARE.search(word):
        return True
    upper = sum(c.isupper() for c in letters)
    if upper >= 2 and (upper == len(letters) or _CAMEL.search(word)):
        return True
    if word[0].isupper() and (_MIXED_DIGIT.search(word) or word.endswith("+")):
        return True
    if "-" in word and word[0].isupper():
        head, *parts = word.split("-")
        return sum(c.isupper() for c in head) >= 2 or any(
            sum(c.isupper() for c in part) >= 2 or (part[:1].isupper() and len(part) <= 2) for part in parts
        )
    return False


def whole_word(name: str, flags: int = 0) -> re.Pattern:
    """`name` where it stands as a whole word (not inside "X-Eval" or "NeoX")."""
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", flags)


ADJECTIVE_SUFFIX = re.compile(
    r"(?:based|guided|generated|driven|aware|enhanced|augmented|powered|assisted|centric|specific|free|level|scale|"
    r"style|like|only|friendly|native|ready|empowered|informed|oriented|related|integrated|enabled)",
    re.IGNORECASE,
)
"""The last part of "LLM-based", "GPT-4-Guided", "LLM-centric": a word glued to a name to describe, not to name."""
