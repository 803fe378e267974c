"""Full-width punctuation between Chinese characters.

Scraped Chinese text often carries half-width ``, : ; ! ? ( )`` between Chinese
characters. Where a Chinese character (or Chinese punctuation) is directly on
either side, the full-width form is restored. Numbers (``3.5``, ``10:30``,
``1,000``), URLs and Latin sentences are left alone; a pair of brackets is
converted together, so ``Hub(ATH)事業群`` gets ``（ATH）``.
"""

from __future__ import annotations

import re

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
_CHINESE = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
    "\u3000-\u303f\uff00-\uffef"
)
_IS_CHINESE = re.compile(f"[{_CHINESE}]")
_PAIR = re.compile(r"\(([^()\n]*)\)")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[\x21-\x7e]*|www\.[\x21-\x7e]+")


# Each pattern starts with the mark itself, so the regex engine scans for a
# literal; the neighbours are checked by look-behind and look-ahead.
_MARKS = {
    half: re.compile(
        rf"{re.escape(half)}(?:(?<=[{_CHINESE}]{re.escape(half)})|(?=[{_CHINESE}]))"
    )
    for half in FULL_WIDTH
}
#: A half-width mark still next to something Chinese (after a pass).
_PENDING = re.compile(rf"[,:;!?](?:(?<=[{_CHINESE}].)|(?=[{_CHINESE}]))")


def _chinese(char: str) -> bool:
    return bool(char) and _IS_CHINESE.match(char) is not None


def _convert_span(text: str) -> str:
    def pair(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        inside = match.group(1)
        if _chinese(before) or _chinese(after) or _IS_CHINESE.search(inside):
            return f"（{inside}）"
        return match.group(0)

    if "(" in text:
        text = _PAIR.sub(pair, text)
    # A mark next to a mark that just became full-width (?! -> ？！) needs
    # another pass; plain substitutions keep each pass at C speed.
    while _PENDING.search(text):
        for half, pattern in _MARKS.items():
            if half in text:
                text = pattern.sub(FULL_WIDTH[half], text)
    return text


def full_width(text: str) -> str:
    """Restore full-width punctuation next to Chinese characters.

    >>> full_width("3月16日,阿里巴巴宣布成立Alibaba Token Hub(ATH)事業群:")
    '3月16日，阿里巴巴宣布成立Alibaba Token Hub（ATH）事業群：'
    >>> full_width("寫下:“me stepping down. bye my beloved qwen.” 10:30, 3.5, 1,000")
    '寫下：“me stepping down. bye my beloved qwen.” 10:30, 3.5, 1,000'
    >>> full_width("真的吗?!好!!")
    '真的吗？！好！！'
    >>> full_width("見https://a.example/x?q=1,中文")
    '見https://a.example/x?q=1,中文'
    """
    if not _IS_CHINESE.search(text):
        return text
    if "://" not in text and "www." not in text:
        return _convert_span(text)
    pieces, position = [], 0
    for url in _URL.finditer(text):
        pieces.append(_convert_span(text[position : url.start()]))
        pieces.append(url.group(0))
        position = url.end()
    pieces.append(_convert_span(text[position:]))
    return "".join(pieces)
