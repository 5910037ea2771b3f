"""LaTeX markup out of titles and abstracts ($...$, \\emph{}, ~, {braces}), for extraction to read.

arXiv abstracts are plain text with TeX in it: maths between dollars, \\textbf{} around a
model's name, ties, escaped per cent signs. BibTeX adds braces that protect capitals and
accent commands. The cleaner keeps every word and renders what it can as Unicode; it never
guesses, so what it does not know it leaves as the bare command name. A bare ``%`` is a per
cent sign here (arXiv abstracts are not TeX files), URLs are copied untouched, and ``~``
stays ``~`` when it means "about" (`` ~7B``, ``(~0.8%``), becoming a space only when it
joins two words, as a tie (``Fig.~3``, ``et~al.``, ``intelligence~(AI)``).
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import InputError
from .base import join_text, missing_text, too_long

__all__ = ["clean_latex", "cleaned"]

SYMBOLS: dict[str, str] = {
    **dict(zip(
        "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho "
        "sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi "
        "Psi Omega".split(),
        "αβγδεεζηθϑικλμνξπρσςτυφφχψωΓΔΘΛΞΠΣΥΦΨΩ",
    )),
    "times": "×", "cdot": "·", "cdotp": "·", "pm": "±", "mp": "∓", "sim": "~", "approx": "≈", "simeq": "≃",
    "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "ll": "≪", "gg": "≫", "equiv": "≡",
    "propto": "∝", "infty": "∞", "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒",
    "Leftarrow": "⇐", "leftrightarrow": "↔", "mapsto": "↦", "uparrow": "↑", "downarrow": "↓", "in": "∈",
    "notin": "∉", "subset": "⊂", "subseteq": "⊆", "cup": "∪", "cap": "∩", "forall": "∀", "exists": "∃",
    "partial": "∂", "nabla": "∇", "sum": "∑", "prod": "∏", "int": "∫", "ell": "ℓ", "circ": "∘", "star": "⋆",
    "ast": "∗", "dagger": "†", "ddagger": "‡", "checkmark": "✓", "oplus": "⊕", "otimes": "⊗", "neg": "¬",
    "land": "∧", "lor": "∨", "emptyset": "∅", "varnothing": "∅", "prime": "′", "langle": "⟨", "rangle": "⟩",
    "ldots": "…", "cdots": "…", "dots": "…", "textasciitilde": "~", "textbackslash": "\\", "textendash": "–",
    "textemdash": "—", "textdegree": "°", "degree": "°", "copyright": "©", "textregistered": "®",
    "texttrademark": "™", "textbullet": "•", "euro": "€", "pounds": "£", "S": "§", "mid": "|", "vert": "|",
    "colon": ":", "quad": " ", "qquad": " ", "enspace": " ", "thinspace": " ", "newline": " ", "par": " ",
    "linebreak": " ", "LaTeX": "LaTeX", "TeX": "TeX",
    **dict.fromkeys(
        "left right big Big bigl bigr Bigl Bigr displaystyle textstyle scriptstyle limits nolimits noindent "
        "centering small footnotesize scriptsize large Large normalsize tiny bf it em rm tt sf sc itshape "
        "bfseries ttfamily scshape mathstrut relax protect".split(),
        "",
    ),
}
"""Commands that stand for a character, or for nothing (sizes, declarations, \\left)."""

LETTERS = {"ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
           "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ"}
"""Letters BibTeX spells as commands (M{\\o}ller, {\\ss})."""

ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304", ".": "\u0307",
           "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323",
           "b": "\u0331"}
"""Accent commands and the combining mark each puts on its letter (\\"o is ö)."""

STYLES = frozenset(
    "textbf textit emph texttt textsc textrm textsf textup textmd textnormal textsuperscript textsubscript "
    "underline uline sout mbox text mathrm mathbf mathit mathsf mathtt mathcal mathbb mathfrak mathscr "
    "boldsymbol bm operatorname hat bar tilde vec widehat widetilde overline dot ddot".split()
)
"""Commands whose argument is kept as it is, without the styling; so is that of an unknown command."""

DROPPED = frozenset("cite citep citet citealp nocite ref eqref cref Cref autoref label vspace hspace "
                    "includegraphics thanks color".split())
"""Commands dropped together with their argument: citations, references, layout."""

MAX_DEPTH = 64
"""Groups nested deeper than this are read flat: real markup never comes close."""

_SPECIAL = re.compile(r"https?://|[\\{}$~^_]|---?|``|''")
_URL = re.compile(r"https?://[^\s{}<>\"'\\]+")
_NAME = re.compile(r"[A-Za-z]+")
_SUPERSCRIPT = dict(zip("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ"))
_CLOSING = {"$": re.compile(r"(?<!\\)\$"), "$$": re.compile(r"(?<!\\)\$\$")}
_MATH_END = {"(": ")", "[": "]"}
_TEXT_STYLES = ("text", "emph", "underline", "uline", "sout", "mbox")


def clean_latex(text: str) -> str:
    """The text without LaTeX markup: maths unwrapped, styles and braces dropped, accents composed.

    >>> clean_latex(r"we propose \\textbf{DDO}, a \\emph{novel} method~\\cite{x}.")
    'we propose DDO, a novel method.'
    >>> clean_latex(r"360$^\\circ$ views, 0.32\\(\\rightarrow\\)0.63, $x_{\\text{max}}$")
    '360° views, 0.32→0.63, x_max'
    >>> clean_latex(r"DART$^3$ reaches 3$\\times$ speedup, $77.3 \\pm 9.4$ and $\\sim$12.8\\% of $\\mathcal{O}(n^2)$")
    'DART³ reaches 3× speedup, 77.3 ± 9.4 and ~12.8% of O(n²)'
    >>> clean_latex(r"{BERT}: Pre-training by M{\\"u}ller et~al. -- see Fig.~3")
    'BERT: Pre-training by Müller et al. – see Fig. 3'
    >>> clean_latex(r"with (~7B parameters), 82% accuracy; https://x.edu/~me/a_b \\href{https://g.it/c}{here}")
    'with (~7B parameters), 82% accuracy; https://x.edu/~me/a_b here (https://g.it/c)'
    """
    return join_text(_Cleaner(text).run())


def cleaned(text: str) -> tuple[str, str | None]:
    """The joined, cleaned text and, when cleaning changed it, the joined source text (else None).

    >>> cleaned("An $\\\\alpha$-net\\n  for"), cleaned("plain\\n text")
    (('An α-net for', 'An $\\\\alpha$-net for'), ('plain text', None))
    """
    source = join_text(text)
    clean = clean_latex(source)
    return clean, (source if clean != source else None)


def record_texts(title, abstract, path: str, line: int) -> tuple[str, str | None, str, str | None] | InputError:
    """Title and abstract as found -> (title, raw title, abstract, raw abstract), cleaned of LaTeX;
    or the InputError for a record with one of them missing or far too long.

    >>> record_texts("An $\\\\alpha$-net", "Text.", "a.bib", 1)
    ('An α-net', 'An $\\\\alpha$-net', 'Text.', None)
    >>> str(record_texts("T", None, "a.bib", 3))
    'a.bib:3: record has no abstract (every paper needs a title and an abstract)'
    """
    if problem := too_long(title, abstract, path, line):
        return problem
    clean_title, raw_title = cleaned(title)
    clean_abstract, raw_abstract = cleaned(abstract)
    return missing_text(clean_title, clean_abstract, path, line) or (clean_title, raw_title, clean_abstract, raw_abstract)


class _Cleaner:
    """A single pass over the text; groups and maths recurse, so nesting is followed."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.depth = 0

    def run(self, *, math: bool = False, close: str | None = None) -> str:
        out: list[str] = []
        text = self.text
        while self.pos < len(text):
            match = _SPECIAL.search(text, self.pos)
            if match is None:
                out.append(text[self.pos :])
                self.pos = len(text)
                break
            out.append(text[self.pos : match.start()])
            self.pos = match.start()
            token = match.group()
            if close is not None and text.startswith(close, self.pos):
                self.pos += len(close)
                return "".join(out)
            out.append(self._token(token, out, math))
        return "".join(out)

    def _token(self, token: str, out: list[str], math: bool) -> str:
        text, at = self.text, self.pos
        self.pos += len(token)
        if token.startswith("http"):
            if math:
                return token
            url = _URL.match(text, at)
            self.pos = url.end() if url else self.pos
            return text[at : self.pos]
        if token == "\\":
            return self._command(out, math)
        if token == "{":
            return self._nested(math=math, close="}")
        if token == "}":
            return ""
        if token == "$":
            return self._maths(at) if not math else ""
        if token == "~":
            before = text[at - 1] if at else " "
            after = text[at + 1] if at + 1 < len(text) else " "
            tie = math or not (before.isspace() or before in "([" or after.isspace())
            return " " if tie else "~"
        if token in "^_":
            if not math:
                return token
            script = self._argument(math=True)
            if token == "^" and script == "∘":
                return "°"
            if token == "^" and script and all(c in _SUPERSCRIPT for c in script):
                return "".join(_SUPERSCRIPT[c] for c in script)
            return token + script
        if math:
            return token
        return {"--": "–", "---": "—", "``": "“", "''": "”"}[token]

    def _maths(self, at: int) -> str:
        delimiter = "$$" if self.text.startswith("$$", at) else "$"
        if _CLOSING[delimiter].search(self.text, at + len(delimiter)) is None:
            self.pos = at + 1
            return "$"
        self.pos = at + len(delimiter)
        return self._nested(math=True, close=delimiter)

    def _command(self, out: list[str], math: bool) -> str:
        text, start = self.text, self.pos
        if start >= len(text):
            return "\\"
        name_match = _NAME.match(text, start)
        if name_match is None:
            self.pos = start + 1
            symbol = text[start]
            if symbol in ACCENTS:
                return self._accent(symbol, math)
            if symbol in "([" and not math and self.text.find("\\" + _MATH_END[symbol], self.pos) >= 0:
                return self._nested(math=True, close="\\" + _MATH_END[symbol])
            return {"\\": " ", ",": " ", ";": " ", ":": " ", " ": " ", "!": "", "/": ""}.get(symbol, symbol)
        name = name_match.group()
        self.pos = name_match.end()
        if text.startswith("*", self.pos):
            self.pos += 1
        if name in ACCENTS:
            return self._accent(name, math)
        if name in LETTERS:
            if text.startswith("{}", self.pos):
                self.pos += 2
            return LETTERS[name]
        if name in SYMBOLS:
            return SYMBOLS[name]
        if name in DROPPED:
            self._skip_options()
            self._raw_argument()
            while out and not out[-1].strip():
                out.pop()
            if out:
                out[-1] = out[-1].rstrip()
            return ""
        if name == "url":
            return self._raw_argument()
        if name == "href":
            url, shown = self._raw_argument(), self._argument(math=False)
            return url if shown.strip() in ("", url) else f"{shown} ({url})"
        if name in ("textcolor", "colorbox"):
            self._raw_argument()
            return self._argument(math=math)
        if name in ("frac", "dfrac", "tfrac"):
            return f"{self._argument(math=True)}/{self._argument(math=True)}"
        if name == "sqrt":
            self._skip_options()
            return "√" + self._argument(math=True)
        if name == "footnote":
            return f" ({self._argument(math=False)})"
        if name in STYLES or text.startswith("{", self.pos):
            return self._argument(math=math and not name.startswith(_TEXT_STYLES))
        return name

    def _accent(self, command: str, math: bool) -> str:
        letter = self._argument(math=math)
        if not letter:
            return ""
        base = "i" if letter[0] == "ı" else "j" if letter[0] == "ȷ" else letter[0]
        return unicodedata.normalize("NFC", base + ACCENTS[command]) + letter[1:]

    def _nested(self, *, math: bool, close: str) -> str:
        """A group or a formula; past MAX_DEPTH levels the braces are ignored instead of followed."""
        if self.depth >= MAX_DEPTH:
            return ""
        self.depth += 1
        try:
            return self.run(math=math, close=close)
        finally:
            self.depth -= 1

    def _argument(self, *, math: bool) -> str:
        """The next argument, cleaned: a {group}, a command, or one character."""
        self._skip_spaces()
        if self.pos >= len(self.text) or self.text[self.pos] in "}$" or self.depth >= MAX_DEPTH:
            return ""
        char = self.text[self.pos]
        self.pos += 1
        if char == "{":
            return self._nested(math=math, close="}")
        if char == "\\":
            self.depth += 1
            try:
                return self._command([], math)
            finally:
                self.depth -= 1
        return char

    def _raw_argument(self) -> str:
        """The next {group} as written (URLs, citation keys), or "" when there is none."""
        self._skip_spaces()
        if not self.text.startswith("{", self.pos):
            return ""
        depth, start = 0, self.pos + 1
        for index in range(self.pos, len(self.text)):
            char = self.text[index]
            depth += (char == "{") - (char == "}")
            if depth == 0:
                self.pos = index + 1
                return self.text[start:index]
        self.pos = len(self.text)
        return self.text[start:]

    def _skip_options(self) -> None:
        self._skip_spaces()
        while self.text.startswith("[", self.pos):
            end = self.text.find("]", self.pos)
            self.pos = len(self.text) if end < 0 else end + 1
            self._skip_spaces()

    def _skip_spaces(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\n":
            self.pos += 1
