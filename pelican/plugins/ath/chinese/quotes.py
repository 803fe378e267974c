"""Quotation marks as Chinese readers of each script expect them (``ATH_QUOTES``).

Traditional Chinese (Taiwan, Hong Kong) quotes with corner brackets, 「」
outside and 『』 inside; Simplified Chinese with curly quotes, “” outside and
‘’ inside. OpenCC converts the characters, not the marks. :func:`requote`
here is pure ``str -> str``: each line on its own, nesting by depth (the
outermost pair gets the outer marks whatever it was written with), and a
right single quote after a letter or digit and before a letter is an
apostrophe (it’s, 90’s), never a quote. A mark with no partner in its line
keeps its side (a quote opened at the start of a paragraph and closed in a
later one): a closing one becomes the outer closing mark, an opening one the
mark of its depth; a lone ’ is left as it is (it may be an apostrophe).
"""

from __future__ import annotations

from collections.abc import Callable

#: The styles ``ATH_QUOTES`` accepts, and their marks (outer, inner).
STYLES = {"corner": ("「」", "『』"), "curly": ("“”", "‘’")}
_OPENING = frozenset("“‘「『")
_CLOSING = frozenset("”’」』")
_QUOTES = _OPENING | _CLOSING


def _is_apostrophe(line: str, index: int) -> bool:
    """A ’ inside a word (it’s) or after a number (90’s)."""
    return (
        line[index] == "’"
        and 0 < index < len(line) - 1
        and line[index - 1].isascii()
        and line[index - 1].isalnum()
        and line[index + 1].isascii()
        and line[index + 1].isalpha()
    )


def _requote_line(line: str, style: str) -> str:
    """One line with every quotation mark in ``style``, by nesting depth."""
    marks = list(line)
    open_at: list[int] = []  # indexes of the quotes open so far
    for index, character in enumerate(line):
        if character in _OPENING:
            open_at.append(index)
        elif character in _CLOSING and not _is_apostrophe(line, index):
            if open_at:
                start = open_at.pop()
                pair = STYLES[style][len(open_at) % 2]
                marks[start], marks[index] = pair[0], pair[1]
            elif character != "’":  # closes a quote opened before this line
                marks[index] = STYLES[style][0][1]
    for depth, start in enumerate(open_at):  # opened here, closed after this line
        marks[start] = STYLES[style][depth % 2][0]
    return "".join(marks)


def requote(text: str, style: str) -> str:
    """``text`` with its quotation marks in ``style`` (``"corner"``:
    「」『』, ``"curly"``: “”‘’), line by line.

    >>> requote("他說：“我們要‘開源’。”", "corner")
    '他說：「我們要『開源』。」'
    >>> requote("他说：「我们要『开源』。」", "curly")
    '他说：“我们要‘开源’。”'
    >>> requote("“外“中“內”中”外”", "corner")
    '「外『中「內」中』外」'
    >>> requote("Alibaba’s “Qwen” team, the 90’s", "corner")
    'Alibaba’s 「Qwen」 team, the 90’s'
    >>> requote("“一段話的開頭\\n下一段。”", "corner")
    '「一段話的開頭\\n下一段。」'
    >>> requote("沒有引號的文字", "corner")
    '沒有引號的文字'
    """
    if style not in STYLES:
        raise ValueError(f"unknown quote style {style!r}; valid: {', '.join(STYLES)}")
    if not any(mark in text for mark in _QUOTES):
        return text
    return "\n".join(_requote_line(line, style) for line in text.split("\n"))


def requoter(style: str) -> Callable[[str], str]:
    """``requote`` with ``style`` fixed: a text transformation.

    >>> requoter("corner")("“好”")
    '「好」'
    """
    if style not in STYLES:
        raise ValueError(f"unknown quote style {style!r}; valid: {', '.join(STYLES)}")
    return lambda text: requote(text, style)
