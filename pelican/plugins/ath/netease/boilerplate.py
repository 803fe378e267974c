"""Recognise NetEase platform boilerplate in plain text.

Only the platform's own words are recognised, in the forms scrapers and
exporters produce them: Simplified or Traditional, full- or half-width
punctuation, extra spaces, HTML entities, quotes of any kind, invisible
characters (zero-width spaces, soft hyphens…). Text is compared in a
*canonical* form (Simplified, NFKC, no spaces, no quotes, no invisible
characters, lower case), and only against whole known texts: a paragraph that
merely quotes the disclaimer is content.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterable
from typing import Protocol, TypeVar, cast

from ..chinese.conversion import converter
from ..html.elements import BLOCKS, NOT_PROSE
from .signs import (
    BLANK,
    BOILERPLATE_SIGN,
    CHROME_SIGN,
    DISCLAIMER_START,
    has_blank_image,
    has_literal_empty_image,
    has_sign,
    visible,
)

_Block = TypeVar("_Block")
#: The reason of a removal that cuts a disclaimer off the last paragraph.
GLUED = "NetEase disclaimer glued to the last paragraph"

#: The platform disclaimer and the English notice, as NetEase publishes them.
DISCLAIMERS = (
    "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，"
    "本平台仅提供信息存储服务。",
    "特别声明：本文为网易自媒体平台“网易号”作者上传并发布，仅代表该作者观点。"
    "网易仅提供信息发布平台。",
    "Notice: The content above (including the pictures and videos if any) is "
    "uploaded and posted by a user of NetEase Hao, which is a social media "
    "platform and only provides information storage services.",
)
#: Whole paragraphs of NetEase page chrome that scrapers pick up.
CHROME = {
    "打开网易新闻 查看精彩图片": "mobile image placeholder",
    "返回网易首页": "NetEase navigation",
    "下载网易新闻客户端": "NetEase app advertisement",
}

_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』〝〞＂＇")
_SPACE = re.compile(r"\s+")
#: A disclaimer that follows one of these is being quoted, not appended.
_QUOTING = tuple(":：“‘「『\"'(（《")
#: A disclaimer that follows one of these, after a quoted one, is appended.
_CLOSING = tuple("”’」』\"')）》")


#: A text longer than this is not a known disclaimer, however it is spaced
#: and escaped (so texts compared with them, and cached, are short).
DISCLAIMER_MAX_LENGTH = 8 * max(len(text) for text in DISCLAIMERS)


@functools.lru_cache(maxsize=1024)
def canonical(text: str) -> str:
    """The form two texts are compared in.

    >>> canonical("特別聲明： 以上內容 （如有…）") == canonical("特别声明:以上内容(如有…)")
    True
    """
    text = visible(html.unescape(text))
    text = converter("t2s")(text)
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub("", text).rstrip("。.").lower()


@functools.cache
def _known_disclaimers() -> frozenset[str]:
    return frozenset(canonical(text) for text in DISCLAIMERS)


@functools.cache
def _known_chrome() -> dict[str, str]:
    return {canonical(text): reason for text, reason in CHROME.items()}


_CHROME_MAX_LENGTH = 2 * max(len(text) for text in CHROME)


def chrome_reason(text: str) -> str | None:
    """Why a whole paragraph is page chrome, or None if it is not."""
    if len(text) > _CHROME_MAX_LENGTH or not CHROME_SIGN.search(text):
        return None
    return _known_chrome().get(canonical(text))


def disclaimer_start(text: str) -> int | None:
    """Where a trailing run of platform disclaimers starts in ``text``.

    ``0`` means the whole text is disclaimer; a larger index means the
    disclaimer was glued onto the end of a paragraph (the text before it is
    content and stays); None means there is none. A disclaimer inside a
    quotation (after a colon or an opening quote) is content; one after the
    quotation closes is not.

    >>> disclaimer_start("正文。特別聲明：以上內容(如有圖片或視頻亦包括在內)為自媒體平臺"
    ...     "“網易號”用戶上傳并發布,本平臺僅提供信息存儲服務。")
    3
    >>> disclaimer_start("他说：“特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台"
    ...     "“网易号”用户上传并发布，本平台仅提供信息存储服务。”") is None
    True
    >>> d = "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。"
    >>> disclaimer_start(f"他说：“{d}”{d}") == len(f"他说：“{d}”")
    True
    """
    if not has_sign(text):
        return None
    starts = DISCLAIMER_START.starts(text)
    if not starts:
        return None
    found = None
    ends = [*starts[1:], len(text)]
    for start, end in reversed(list(zip(starts, ends, strict=True))):
        too_long = end - start > DISCLAIMER_MAX_LENGTH
        if too_long or canonical(text[start:end]) not in _known_disclaimers():
            break
        found = start
    if found is None:
        return None
    for number, start in enumerate(s for s in starts if s >= found):
        end = _shown_before(text, start)
        last = text[end - 1] if end else ""
        if number == 0 and last not in _QUOTING:
            return end
        if number and last in _CLOSING:  # after the quotation the run began in
            return end
    return None


def _shown_before(text: str, start: int) -> int:
    """Where the text before ``start`` ends, blank and invisible characters
    left out (each step back goes over a part of the text no other call
    goes over: the disclaimers before ``start`` are not blank)."""
    while start and text[start - 1] in BLANK:
        start -= 1
    return start


# -- what a scraper leaves ------------------------------------------------------------

#: Elements whose text is not a block of the document's own: a table, a list,
#: a quotation, a figure, code. The disclaimer inside one is quoted.
_CONTAINERS = NOT_PROSE | {
    "table", "caption", "ul", "ol", "dl", "menu", "blockquote", "q", "figure",
    "details",
}  # fmt: skip
#: Elements that end one block of text and start another.
_BOUNDARIES = BLOCKS | _CONTAINERS | {
    "hr", "tr", "thead", "tbody", "tfoot", "nav", "summary", "body", "html",
}  # fmt: skip
#: A start or end tag: ``[^<>]`` so that a ``<`` without its ``>`` is tried
#: once (the scan stays linear).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*>")


def _without_comments(source: str) -> str:
    """``source`` without ``<!--…-->`` (an unclosed one: to the end)."""
    if "<!--" not in source:
        return source
    kept, position = [], 0
    while (start := source.find("<!--", position)) >= 0:
        kept.append(source[position:start])
        end = source.find("-->", start + 4)
        position = len(source) if end < 0 else end + 3
    kept.append(source[position:])
    return "".join(kept)


def _blocks(source: str) -> list[tuple[str, bool]]:
    """The texts of ``source`` between block boundaries, in order, each with
    whether it is inside a table, list, quotation, figure or code."""
    blocks: list[tuple[str, bool]] = []
    open_containers: dict[str, int] = {}
    inside = 0  # how many containers are open
    text: list[str] = []
    position = 0
    source = _without_comments(source)
    for tag in _TAG.finditer(source):
        text.append(source[position : tag.start()])
        position = tag.end()
        name = tag.group(2).lower()
        if name not in _BOUNDARIES:
            continue
        blocks.append(("".join(text), inside > 0))
        text = []
        if name in _CONTAINERS:
            count = open_containers.get(name, 0)
            if tag.group(1):
                count, inside = max(count - 1, 0), inside - (count > 0)
            elif not tag.group(0).endswith("/>"):
                count, inside = count + 1, inside + 1
            open_containers[name] = count
    text.append(source[position:])
    blocks.append(("".join(text), inside > 0))
    return blocks


def left_by_a_scraper(source: str) -> bool:
    """Whether an HTML document shows what a scraper leaves, as opposed to an
    author writing about it: a lost image (``![]()`` as text, an ``<img>``
    with an empty ``src``), NetEase's disclaimer block (``post_statement``),
    page chrome as a block of its own, or the disclaimer as the document's
    own trailing block(s). A disclaimer inside a table, a list, a quotation
    or code, or inside a paragraph of prose, is the author's.

    >>> d = "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。"
    >>> left_by_a_scraper(f"<p>正文。</p>\\n<p>{d}</p>")
    True
    >>> left_by_a_scraper(f"<p>网易号的文章都这样结尾。{d}</p>")
    False
    >>> left_by_a_scraper(f"<table><tr><td>网易号</td><td>{d}</td></tr></table>")
    False
    >>> left_by_a_scraper(f"<p>{d}</p><p>这句话把责任推给了作者。</p>")
    False
    """
    if "![" in source and has_literal_empty_image(source):
        return True
    if ("src" in source and has_blank_image(source)) or "post_statement" in source:
        return True
    blocks = [(text.strip(), inside) for text, inside in _blocks(source)]
    own = [text for text, inside in blocks if text and not inside]
    if any(chrome_reason(text) for text in own):
        return True
    for text, inside in reversed(blocks):  # the trailing blocks, last first
        if not text:
            continue
        if inside or block_reason(text) is None:
            return False
        if disclaimer_start(text) == 0:
            return True
    return False


# -- the user's patterns (ATH_BOILERPLATE) ------------------------------------------


class Matcher(Protocol):
    """A compiled pattern: Python's ``re`` or RE2's."""

    def fullmatch(self, text: str) -> object:
        """A match if the whole text matches, else None."""


class PatternError(ValueError):
    """A user pattern that RE2 cannot run; the message says why."""


def block_reason(text: str, patterns: tuple[Matcher, ...] = ()) -> str | None:
    """Why a whole block (its text, stripped) is boilerplate: page chrome,
    one of the user's ``patterns`` (ATH_BOILERPLATE), or nothing but
    disclaimers; None if it is content."""
    reason = chrome_reason(text)
    if reason is None and any(p.fullmatch(text) for p in patterns):
        reason = "ATH_BOILERPLATE"
    if reason is None and disclaimer_start(text) == 0:
        reason = "NetEase disclaimer"
    return reason


#: Python's Unicode classes (``str`` patterns) in RE2's syntax, whose own
#: ``\w``, ``\d`` and ``\s`` are ASCII only. Python's ``\s`` is what
#: ``str.isspace`` accepts.
_SPACE_CLASS = (
    r"\t\n\x{0b}\f\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}"
    r"\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
)
_IN_CLASS = {"w": r"\p{L}\p{N}_", "d": r"\p{Nd}", "D": r"\P{Nd}", "s": _SPACE_CLASS}
_OUTSIDE_CLASS = {
    "w": r"[\p{L}\p{N}_]",
    "W": r"[^\p{L}\p{N}_]",
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "s": f"[{_SPACE_CLASS}]",
    "S": f"[^{_SPACE_CLASS}]",
}


def re2_syntax(pattern: str) -> str:
    r"""A Python pattern written for RE2, with Python's meaning: ``\w``,
    ``\d``, ``\s`` (and their negations) match Unicode, ``\Z`` is ``\z``,
    ``\uXXXX`` is ``\x{XXXX}``.

    >>> re2_syntax(r"本文来源：\w+")
    '本文来源：[\\p{L}\\p{N}_]+'
    >>> re2_syntax(r"[\d,]+\Z")
    '[\\p{Nd},]+\\z'
    """
    out: list[str] = []
    position, class_start = 0, None  # where the open [...] class's items start
    while position < len(pattern):
        char = pattern[position]
        if char == "\\" and position + 1 < len(pattern):
            letter = pattern[position + 1]
            escape, position = pattern[position : position + 2], position + 2
            if letter in "uU":
                digits = 4 if letter == "u" else 8
                escape = f"\\x{{{pattern[position : position + digits]}}}"
                position += digits
            elif letter == "Z":
                escape = r"\z"
            elif letter in "bB":
                raise PatternError(
                    f"\\{letter}: RE2 knows word boundaries in ASCII text only"
                )
            elif class_start is not None and letter in "WS":
                raise PatternError(
                    f"\\{letter} inside [...]: RE2 cannot negate a Unicode class "
                    f"there (write [^...] instead)"
                )
            elif letter in _OUTSIDE_CLASS:
                classes = _OUTSIDE_CLASS if class_start is None else _IN_CLASS
                escape = classes[letter]
            out.append(escape)
            continue
        if class_start is None and char == "[":
            class_start = position + 1
            if pattern.startswith("^", class_start):
                class_start += 1
        elif class_start is not None and char == "]" and position > class_start:
            class_start = None
        out.append(char)
        position += 1
    return "".join(out)


def compile_user_pattern(pattern: str) -> Matcher:
    r"""An ``ATH_BOILERPLATE`` pattern, run by RE2: linear time in the text,
    whatever the pattern (Python's engine backtracks: ``(\w+)+`` took
    minutes on one paragraph). Raises :class:`PatternError` for what RE2
    cannot run (look-arounds, back-references…)."""
    import re2  # google-re2: only for sites with patterns of their own

    options = re2.Options()
    options.log_errors = False  # the message is ours, not on stderr
    try:
        # google-re2 ships no types; its compiled pattern has ``fullmatch``
        return cast(Matcher, re2.compile(re2_syntax(pattern), options))
    except re2.error as err:
        reason = err.args[0] if err.args else err
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternError(str(reason)) from None


def signed_from_end(blocks: Iterable[tuple[_Block, str]], text: str) -> list[_Block]:
    """The blocks whose text has a :data:`BOILERPLATE_SIGN`, in document
    order; ``blocks``: each with its text, from the last one back (lazily:
    boilerplate sits at the end), ``text``: the whole document's.

    The search stops once the blocks seen hold as many signs as ``text``:
    block texts are disjoint parts of it, so no block not yet seen can hold
    one. Both cleaners (a tree's and a flat document's) take their blocks so.

    >>> signed_from_end([("b", "网易号"), ("a", "正文")], "正文网易号")
    ['b']
    """
    unseen = BOILERPLATE_SIGN.count(text)
    signed = []
    for block, block_text in blocks:
        if unseen <= 0:
            break
        signs = BOILERPLATE_SIGN.count(block_text)
        if signs:
            signed.append(block)
            unseen -= signs
    signed.reverse()
    return signed
