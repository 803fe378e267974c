"""Math that MathJax reads from the text, and URLs written in prose: never
converted, never re-punctuated.

render_math (and MathJax itself) leave TeX in the page between delimiters:
``\\(…\\)``, ``\\[…\\]``, ``$…$`` and ``$$…$$``. Changing a bracket or a
delimiter inside breaks the formula (``\\(b\\)`` -> ``\\（b\\）``), so text
transformations run on the text *around* such spans only.

A single ``$`` follows pandoc's rule, which keeps prices out: the opening
``$`` has a non-space character right after it, the closing one a non-space
character right before it and no digit right after it (``$5 and $10`` is not
math). An escaped ``\\$`` is a dollar sign.

URLs in prose are :mod:`pelican.plugins.ath.chinese.urls`'s to find; they
are kept the same way (:func:`outside_kept`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..chinese.urls import url_spans

#: Delimiters, escapes first so that ``\\$`` and ``\\\\`` are not delimiters.
#: The unit separator (texts converted together are joined with it) ends any
#: open span.
_DELIMITER = re.compile(r"\\[\\$]|\\[()\[\]]|\$\$|\$|\x1f")
_CLOSER = {"\\(": "\\)", "\\[": "\\]", "$$": "$$", "$": "$"}
#: Stands for each character of a math span while the text is transformed.
_MASK = "\ue000"


def math_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every math span in ``text``, delimiters included;
    one pass over the delimiters (linear in the text).

    >>> text = "设$b$为实数，P(\\\\text{正面})=\\\\(p\\\\)，价格$5和$10"
    >>> [text[start:end] for start, end in math_spans(text)]
    ['$b$', '\\\\(p\\\\)']
    >>> math_spans("$$x^2$$ 与 \\\\[y\\\\] 与 \\\\$3")
    [(0, 7), (10, 15)]
    """
    spans: list[tuple[int, int]] = []
    opening: str | None = None
    start = 0
    for match in _DELIMITER.finditer(text):
        token = match.group(0)
        if token == "\x1f":
            opening = None
        elif opening is None:
            if token in _CLOSER and _may_open(token, text, match.end()):
                opening, start = token, match.start()
        elif token == _CLOSER[opening] and _may_close(token, text, match):
            spans.append((start, match.end()))
            opening = None
    return spans


def _may_open(token: str, text: str, after: int) -> bool:
    if token != "$":
        return True
    return after < len(text) and not text[after].isspace()


def _may_close(token: str, text: str, match: re.Match[str]) -> bool:
    if token != "$":
        return True
    before, after = match.start() - 1, match.end()
    if text[before].isspace() or text[before] == "$":
        return False
    return not (after < len(text) and text[after].isdigit())


Spans = Callable[[str], list[tuple[int, int]]]


def outside_spans(transform: Callable[[str], str], find: Spans) -> Callable[[str], str]:
    """``transform`` applied to the text around the spans that ``find``
    returns (sorted, not overlapping), which stay as they are.

    The spans are masked (one private-use character per character) while
    ``transform`` runs once over the whole text, so phrases and punctuation
    around them are seen in context; if ``transform`` changed the length, the
    pieces between spans are transformed one by one instead.
    """

    def transformed(text: str) -> str:
        if (
            "$" not in text
            and "\\" not in text
            and "&" not in text
            and "://" not in text
            and "www." not in text
        ):
            return transform(text)
        spans = find(text)
        if not spans:
            return transform(text)
        pieces, position = [], 0
        for start, end in spans:
            pieces += [text[position:start], _MASK * (end - start)]
            position = end
        pieces.append(text[position:])
        converted = transform("".join(pieces))
        if len(converted) == len(text):
            kept, position = [], 0
            for start, end in spans:
                kept += [converted[position:start], text[start:end]]
                position = end
            kept.append(converted[position:])
            return "".join(kept)
        kept, position = [], 0
        for start, end in spans:
            kept += [transform(text[position:start]), text[start:end]]
            position = end
        kept.append(transform(text[position:]))
        return "".join(kept)

    return transformed


def outside_math(transform: Callable[[str], str]) -> Callable[[str], str]:
    """``transform`` applied to the text around math spans only.

    >>> def brackets(text):
    ...     return text.replace("(", "（").replace(")", "）")
    >>> outside_math(brackets)("设\\\\(f(b)\\\\)为(实数)")
    '设\\\\(f(b)\\\\)为（实数）'
    """
    return outside_spans(transform, math_spans)


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, overlapping ones made one.

    >>> merged([(5, 9), (0, 2), (1, 3), (8, 10)])
    [(0, 3), (5, 10)]
    """
    result: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if result and start < result[-1][1]:
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        else:
            result.append((start, end))
    return result


def kept_spans(text: str) -> list[tuple[int, int]]:
    """Math and URLs in ``text``: what no transform changes.

    >>> text = "见$x$与https://a.cn/云,好"
    >>> [text[start:end] for start, end in kept_spans(text)]
    ['$x$', 'https://a.cn/云']
    """
    urls = url_spans(text)
    return merged(math_spans(text) + urls) if urls else math_spans(text)


def outside_kept(transform: Callable[[str], str]) -> Callable[[str], str]:
    """``transform`` applied to the text around math and URLs only.

    >>> outside_kept(lambda text: text.replace("云", "雲"))("云见https://a.cn/wiki/云计算。")
    '雲见https://a.cn/wiki/云计算。'
    """
    return outside_spans(transform, kept_spans)
