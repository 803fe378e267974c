"""Full-width punctuation between Chinese characters.

Scraped Chinese text often carries half-width ``, : ; ! ? ( )`` between Chinese
characters. Where a Chinese character (or Chinese punctuation) is directly on
either side, the full-width form is restored. Numbers (``3.5``, ``10:30``,
``1,000``), URLs (:mod:`~pelican.plugins.ath.chinese.urls`) and Latin
sentences are left alone; a pair of brackets is
converted together, so ``Hub(ATH)事業群`` gets ``（ATH）``, but brackets with
no letter, digit or Han character inside are code-like and stay
(``運算符(?:)``, ``逗號運算符(,)``). Math is the caller's to protect
(:func:`pelican.plugins.ath.html.math_spans.outside_math`).

One pass, linear in the text: brackets first, then each run of marks at once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from .charclass import CHINESE, CHINESE_RANGES
from .patterns import LazyPattern
from .urls import url_spans

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
_TO_FULL_WIDTH = str.maketrans(FULL_WIDTH)
_PAIR = re.compile(r"\(([^()\n]*)\)")
_MARK_CHARS = "".join(FULL_WIDTH)
_MARKS = f"[{_MARK_CHARS}]"
#: A mark that stays half-width when marks alone are converted: no Chinese
#: character on either side, or a mark next to it (a run, converted as a
#: whole). The common case in Chinese text is the other one, so the marks to
#: keep are few: the text is cut at them (each kept mark is a group of the
#: split) and every other mark replaced at C speed. One pattern for the five
#: marks (a mark's neighbours decide, whichever it is): the class of Chinese
#: ranges, 1 ms to compile, is compiled twice, not ten times.
_KEEP_MARK = LazyPattern(
    rf"({_MARKS})(?:(?<![{CHINESE_RANGES}].)|(?={_MARKS}))"
    rf"(?:(?<={_MARKS}.)|(?![{CHINESE_RANGES}]))"
)
#: A run of two marks or more (``?!``), matched once from its first mark.
_MARK_RUN = re.compile(rf"(?<!{_MARKS}){_MARKS}{{2,}}+")
_WORD = re.compile(r"[^\W_]")


@functools.lru_cache(maxsize=4096)
def _chinese(char: str) -> bool:
    """Whether a character (or ``""``) is Chinese; cached: a pattern's call
    costs more than a cache's look-up."""
    return bool(char) and CHINESE.match(char) is not None


def _convert_pairs(text: str) -> str:
    def pair(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        inside = match.group(1)
        if not inside.isalnum() and _WORD.search(inside) is None:  # (?:) (,): code
            return match.group(0)
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if _chinese(before) or _chinese(after) or CHINESE.search(inside):
            return f"（{inside}）"
        return match.group(0)

    return _PAIR.sub(pair, text)


def _convert_marks(text: str) -> str:
    """A run of marks next to something Chinese (on either side) becomes
    full-width as a whole: ``吗?!`` -> ``吗？！``; ``10:30`` stays."""
    parts = _KEEP_MARK.split(text)
    pieces = parts[::2]
    # every mark of a run is kept: two kept marks with nothing between
    runs = "" in pieces[1:-1]
    parts[::2] = map(_marks_full_width, pieces)
    text = "".join(parts)
    return _MARK_RUN.sub(_run_converter(text), text) if runs else text


def _marks_full_width(text: str) -> str:
    """Every half-width mark of ``text`` full-width (``str.replace`` is
    faster than ``str.translate``, per mark that is there).

    >>> _marks_full_width("a,b:c,d")
    'a，b：c，d'
    """
    for half, full in FULL_WIDTH.items():
        if half in text:
            text = text.replace(half, full)
    return text


def _run_converter(text: str) -> Callable[[re.Match[str]], str]:
    def run(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if _chinese(before) or _chinese(after):
            return match.group(0).translate(_TO_FULL_WIDTH)
        return match.group(0)

    return run


def _convert_span(text: str) -> str:
    if "(" in text:
        text = _convert_pairs(text)
    return _convert_marks(text)


def full_width(text: str) -> str:
    """Restore full-width punctuation next to Chinese characters.

    >>> full_width("3月16日,阿里巴巴宣布成立Alibaba Token Hub(ATH)事業群:")
    '3月16日，阿里巴巴宣布成立Alibaba Token Hub（ATH）事業群：'
    >>> full_width("寫下:“me stepping down. bye my beloved qwen.” 10:30, 3.5, 1,000")
    '寫下：“me stepping down. bye my beloved qwen.” 10:30, 3.5, 1,000'
    >>> full_width("真的吗?!好!!")
    '真的吗？！好！！'
    >>> full_width("見https://a.example/x?q=1,2:中文")
    '見https://a.example/x?q=1,2:中文'
    >>> full_width("見https://a.example/x?q=1,中文")
    '見https://a.example/x?q=1，中文'
    >>> full_width("條件運算符(?:)與逗號運算符(,),以及(甲)")
    '條件運算符(?:)與逗號運算符(,)，以及（甲）'
    """
    if text.isascii() or not CHINESE.search(text):
        return text
    urls = url_spans(text)
    if not urls:
        return _convert_span(text)
    pieces, position = [], 0
    for start, end in urls:
        pieces.append(_convert_span(text[position:start]))
        pieces.append(text[start:end])
        position = end
    pieces.append(_convert_span(text[position:]))
    return "".join(pieces)
