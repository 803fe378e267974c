"""URLs written in prose: kept out of every text transform, as code is.

What counts as a URL in prose, defined once (script conversion, punctuation
and quotation marks all leave it as written, on every route):

- a scheme form, ``https://…`` (any ``scheme://``), or a ``www.`` form, not
  glued to a word before it (``xhttp://`` is one scheme, ``awww.`` no URL);
- its host and port: printable ASCII but ``"<>`` and spaces, up to ``/``,
  ``?`` or ``#``; Chinese right after the host is prose
  (``见https://163.com获取`` converts ``获取``);
- then its path, query and fragment, which also take letters and digits of
  any script (``…/wiki/云计算``), but no space, no CJK punctuation
  (``…/云计算，这`` ends before ``，``), and no ``, ; ! )`` right before
  such a letter (``…?q=1,中文`` ends before ``,``: the comma is prose);
- less what ends a sentence (GFM's rule): ``.,:;!?'*_~`` at its end and a
  ``)`` that closes nothing inside it.

One pass, linear in the text: a scheme is only tried where a run of scheme
characters starts, and every quantifier is possessive.
"""

from __future__ import annotations

import re

#: Printable ASCII but space ``"``, ``<``, ``>`` (and, in a host, ``/?#``).
_ASCII = r"!#-;=?-~"
_HOST = r"[!$-.0-;=@-~]"
#: Path characters: :data:`_ASCII` and any other script's letters and
#: digits; but ``, ; ! )`` right before those end it (``…/b_(c)),好``).
_OTHER_SCRIPT = r"[^\W\x00-\x7f]"
_PATH = rf"(?:[#-(*+\--:=?-~]|[,;!)](?!{_OTHER_SCRIPT})|{_OTHER_SCRIPT})"
_URL = re.compile(
    r"(?:(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*+://|(?<![A-Za-z0-9.@/-])www\.)"
    rf"{_HOST}*+(?:[/?#]{_PATH}*+)?"
)
_TRAILING = ".,:;!?'*_~"


def url_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every URL written in ``text``.

    >>> text = "见https://zh.wikipedia.org/wiki/云计算，或www.163.com,好(http://a.cn/b_(c))."
    >>> [text[start:end] for start, end in url_spans(text)]
    ['https://zh.wikipedia.org/wiki/云计算', 'www.163.com', 'http://a.cn/b_(c)']
    >>> url_spans("见https://163.com获取"), url_spans("awww.x 10:30")
    ([(1, 16)], [])
    """
    if "://" not in text and "www." not in text:
        return []
    spans = []
    for match in _URL.finditer(text):
        start, end = match.span()
        opened = closed = -1  # counted when a ")" is met at the end
        while end > start:
            last = text[end - 1]
            if last in _TRAILING:
                end -= 1
            elif last == ")":
                if opened < 0:
                    opened = text.count("(", start, end)
                    closed = text.count(")", start, end)
                if closed <= opened:
                    break
                closed -= 1
                end -= 1
            else:
                break
        spans.append((start, end))
    return spans
