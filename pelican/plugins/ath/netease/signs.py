"""Signs of NetEase residue in raw text, checked without parsing anything.

A document that shows none of these signs holds nothing the cleaner would
remove, so it needs no tree: this is how the blog's own articles are told
from scraped ones at the cost of a few substring tests. The exact rules
(whole known texts, quotations kept) are :mod:`pelican.plugins.ath.netease.boilerplate`'s and
:mod:`pelican.plugins.ath.netease.clean`'s; everything they remove starts with a sign here.

Only ``re``: no lxml, no OpenCC.
"""

from __future__ import annotations

import codecs
import re
from urllib.parse import urlsplit

from ..chinese.patterns import LazyPattern

#: Characters that show nothing (soft hyphen, zero-width space, non-joiner,
#: joiner, direction marks, word joiner, BOM): wherever they are, a text
#: reads the same, so boilerplate with them inside is still boilerplate.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
_WITHOUT_INVISIBLE = str.maketrans("", "", INVISIBLE)
#: Every character ``str.isspace`` says is a space, written out (the list
#: of Unicode 15; a test checks it against the running Python).
SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
    "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: Whitespace and invisible characters: what ``str.rstrip(BLANK)`` removes
#: from the end of a text that looks blank there.
BLANK = SPACES + INVISIBLE
_I = f"[{INVISIBLE}]*"  # invisible characters, between any two characters
_S = rf"[\s{INVISIBLE}]*"  # spaces, or invisible characters


def _heads(i: str, s: str) -> tuple[dict[str, str], dict[str, str]]:
    """How each kind of boilerplate starts (disclaimers, chrome): its first
    character(s), then the rest, ``i`` allowed between any two of its
    characters and ``s`` where spaces may be."""

    def gapped(word: str) -> str:
        return i + i.join(map(re.escape, word))

    s1 = rf"{i}\s{s}"  # at least one space
    disclaimer = {
        "特": rf"{s}[别別]{s}[声聲]{s}明{s}[:：]",
        "Nn": rf"(?i:{gapped('otice')}{s}[:：]{s}{gapped('the')}{s1}"
        rf"{gapped('content')}{s1}{gapped('above')})",
    }
    return disclaimer, {"网網": f"{i}易"}


#: The heads with invisible characters allowed anywhere in them.
DISCLAIMER_HEADS, CHROME_HEADS = _heads(_I, _S)
#: The same for a text without invisible characters: the same matches there,
#: and a tenth of the compiling (a class holding ``\ufeff`` and three more
#: runs costs 0.1 ms to compile, and the heads above hold about thirty).
_PLAIN_DISCLAIMER_HEADS, _PLAIN_CHROME_HEADS = _heads("", r"\s*")
#: Substrings one of which every text matching a head above contains, once
#: its invisible characters are out: plain ``in`` tests, faster than any
#: pattern (must agree with the heads).
QUICK_SIGNS = ("特", "otice", "OTICE", "网易", "網易")


def visible(text: str) -> str:
    """``text`` without :data:`INVISIBLE` characters.

    >>> visible("特\u200b别\u00ad声明")
    '特别声明'
    """
    return text.translate(_WITHOUT_INVISIBLE)


def has_invisible(text: str) -> bool:
    """Whether ``text`` holds an :data:`INVISIBLE` character (one ``in`` test
    each: faster than a pattern)."""
    return any(char in text for char in INVISIBLE)


class Heads:
    """Where texts matching any of ``heads`` start: one pattern per first
    character, each beginning with that character as a literal, so the regex
    engine jumps from one occurrence to the next (a pattern that begins with
    a character class tries every position: three to ten times slower on a
    long Chinese text). The heads' matches never overlap (no head's text
    holds another's start), so the patterns together find what one
    alternation of the heads would. A text without invisible characters is
    searched with ``plain``, the same heads without them (compiled only
    when such a text comes)."""

    def __init__(self, heads: dict[str, str], plain: dict[str, str]) -> None:
        self.gapped = self._patterns(heads)
        self.plain = self._patterns(plain)

    @staticmethod
    def _patterns(heads: dict[str, str]) -> tuple[LazyPattern, ...]:
        return tuple(
            LazyPattern(re.escape(first) + rest)
            for firsts, rest in heads.items()
            for first in firsts
        )

    def patterns(self, text: str) -> tuple[LazyPattern, ...]:
        """The patterns that find every head in ``text``."""
        return self.gapped if has_invisible(text) else self.plain

    def search(self, text: str) -> bool:
        """Whether one starts in ``text``."""
        return any(pattern.search(text) for pattern in self.patterns(text))

    def count(self, text: str) -> int:
        """How many start in ``text``.

        >>> BOILERPLATE_SIGN.count("特别声明:…網易…NOTICE: the content above"), BOILERPLATE_SIGN.count("特色")
        (3, 0)
        >>> BOILERPLATE_SIGN.count("特\u200b别 声明:…网\u00ad易")
        2
        """
        return sum(len(pattern.findall(text)) for pattern in self.patterns(text))

    def starts(self, text: str) -> list[int]:
        """Where each starts in ``text``, in order."""
        patterns = self.patterns(text)
        return sorted(m.start() for pattern in patterns for m in pattern.finditer(text))


DISCLAIMER_START = Heads(DISCLAIMER_HEADS, _PLAIN_DISCLAIMER_HEADS)
CHROME_SIGN = Heads(CHROME_HEADS, _PLAIN_CHROME_HEADS)
#: What every removable paragraph holds: the start of a disclaimer, or the
#: platform's name (page chrome). A text without it has nothing to remove.
BOILERPLATE_SIGN = Heads(
    {**DISCLAIMER_HEADS, **CHROME_HEADS},
    {**_PLAIN_DISCLAIMER_HEADS, **_PLAIN_CHROME_HEADS},
)
#: ``![…]()``; without ``empty``, only ``![`` and the text up to the next ``]``
#: or line end (what every ``![`` up to there would be tried for: a failed
#: try is consumed whole, so the search stays linear). See
#: :func:`literal_empty_images`.
_LITERAL_IMAGE_OR_TEXT = re.compile(r"!\[[^\]\n]*(?P<empty>\]\(\s*\))?")
#: An ``<img>`` tag with an empty ``src`` (``![]()`` rendered by Markdown);
#: without ``blank``, the rest of the tag, consumed whole (each ``<img`` in
#: it would be tried for the same ``src``: quadratic). See
#: :func:`has_blank_image`.
_IMAGE_TAG = re.compile(r"""<img\b(?:[^>]*?(?P<blank>\ssrc\s*=\s*(?:"\s*"|'\s*'|(?=[\s>])))|[^>]*)""", re.I)  # fmt: skip


def literal_empty_images(text: str) -> tuple[str, list[str]]:
    """``text`` without literal ``![…]()`` (lost images left as Markdown
    text), and the ones removed.

    >>> literal_empty_images("a![]()b![圖]( )c![x](y)![")
    ('abc![x](y)![', ['![]()', '![圖]( )'])
    """
    found: list[str] = []

    def drop(match: re.Match[str]) -> str:
        if match.group("empty") is None:
            return match.group(0)
        found.append(match.group(0))
        return ""

    return _LITERAL_IMAGE_OR_TEXT.sub(drop, text), found


def has_literal_empty_image(text: str) -> bool:
    """Whether ``text`` holds a literal ``![…]()`` (linear, like the above)."""
    return any(m.group("empty") for m in _LITERAL_IMAGE_OR_TEXT.finditer(text))


def has_blank_image(text: str) -> bool:
    """Whether ``text`` holds an ``<img>`` tag with an empty ``src``, in
    linear time.

    >>> has_blank_image('<img alt="" src="">'), has_blank_image("<IMG SRC=>")
    (True, True)
    >>> has_blank_image('<img title="<img" src="a.png"><img src=a>')
    False
    """
    return any(m.group("blank") for m in _IMAGE_TAG.finditer(text))


#: Byte strings one of which every recognised page contains: the class or id
#: of the element that holds the article (one of ``page.CONTAINERS``; as
#: there, case matters), each with one of its bytes that few pages hold.
_CONTAINER_SIGNS = (
    (b"post_body", b"_"), (b"endText", b"x"), (b"post_text", b"_"),
    (b"article-body", b"y"), (b"entext", b"x"), (b"article_title", b"_"),
)  # fmt: skip
#: 网易 in GBK (``"网易".encode("gb18030")``, written out: encoding it would
#: load the CJK codecs into every build).
_NETEASE_GBK = b"\xcd\xf8\xd2\xd7"
#: What a NetEase page in any layout holds (``page.is_netease_page``): its
#: ``ne_wrap`` root or ``_网易…`` title suffix, or a tag naming its own
#: address together with a 163.com address (read, then refused by name if
#: its layout is unknown: never published whole).
_OWN_PAGE_SIGNS = (
    (b"ne_wrap", b"_"), ("_网易".encode(), b"_"), (b"_" + _NETEASE_GBK, b"_"),
)  # fmt: skip
_ADDRESS_TAGS = (b"canonical", b"og:url", b"mobile-agent")
#: What a page that says it is NetEase's holds (``page.is_netease_page``): a
#: 163.com address (any case, as hosts are), the ``ne_wrap`` root, or the
#: ``_网易…`` title suffix (UTF-8 or GBK bytes). Image hosts and the
#: company's name count too (they are in every real page).
_NETEASE_SIGN = re.compile(
    rb"(?i:163\.com|126\.net|netease)|ne_wrap|"
    + re.escape("网易".encode())
    + b"|"
    + re.escape(_NETEASE_GBK)
)
#: A character reference (``&#95;``, ``&#x7F51;``, ``&lowbar;``): the parser
#: reads the character it stands for, in attribute values too.
_REFERENCE = re.compile(rb"&(?:#[xX]?[0-9A-Fa-f]+;?|lowbar;|UnderBar;|period;)")
_NAMED = {b"&lowbar;": "_", b"&UnderBar;": "_", b"&period;": "."}
#: NetEase's article pages are on these domains (and their subdomains).
PAGE_DOMAINS = ("163.com",)
#: NetEase's image hosts, which refuse a foreign ``Referer``:
#: ``nimg.ws.126.net``, ``dingyue.ws.126.net``, ``*.163.com``…
IMAGE_DOMAINS = ("126.net", "127.net", "163.com", "netease.com")


def _referenced(match: re.Match[bytes]) -> bytes:
    """The UTF-8 bytes of the character a reference stands for."""
    reference = match.group(0)
    if reference in _NAMED:
        return _NAMED[reference].encode()
    digits = reference[2:].rstrip(b";")
    try:
        number = int(digits[1:], 16) if digits[:1] in b"xX" else int(digits)
        return chr(number).encode("utf-8", errors="replace")
    except (ValueError, OverflowError):
        return b""


#: How many of a rare byte :func:`_holds` looks at one by one before it
#: looks for the whole sign instead.
_RARE_LOOKS = 8


def _holds(data: bytes, sign: bytes, rare: bytes) -> bool:
    """Whether ``data`` holds ``sign``, looked for where its ``rare`` byte
    is: one byte is found at memory speed, a sign of several bytes about 15
    times slower (4 µs in an 11 KB Chinese page). Past :data:`_RARE_LOOKS`
    of them, the rest is searched for the sign (linear either way).

    >>> _holds(b"x <div id=endText>", b"endText", b"x"), _holds(b"endTe", b"endText", b"x")
    (True, False)
    >>> _holds(b"x" * 20 + b"endText", b"endText", b"x"), _holds(b"Text.end", b"endText", b"x")
    (True, False)
    """
    before = sign.index(rare)
    at = data.find(rare)
    for _ in range(_RARE_LOOKS):
        if at < 0:
            return False
        if data.startswith(sign, max(at - before, 0)):
            return True
        at = data.find(rare, at + 1)
    return at >= 0 and sign in data[max(at - before, 0) :]


def _holds_any(data: bytes, signs: tuple[tuple[bytes, bytes], ...]) -> bool:
    """Whether ``data`` holds one of ``signs`` (:func:`_holds`)."""
    return any(_holds(data, sign, rare) for sign, rare in signs)


def _shows_layout(data: bytes) -> bool:
    if _holds_any(data, _OWN_PAGE_SIGNS):
        return True
    if _holds(data, b"163.com", b"3") and any(s in data for s in _ADDRESS_TAGS):
        return True
    return _holds_any(data, _CONTAINER_SIGNS) and _NETEASE_SIGN.search(data) is not None


def might_be_netease(data: bytes) -> bool:
    """A cheap look at the bytes: could this be a saved NetEase article page?
    True for every page :func:`~pelican.plugins.ath.netease.page.is_netease_page`
    recognises (with the element holding the article), whatever its bytes
    mention: the signs are looked for in the bytes, then, if a character
    reference could hide them, with references read as characters.

    >>> might_be_netease('<title>夜读_网易订阅</title><div class="post_body">'.encode())
    True
    >>> might_be_netease(b'<html id="ne&#95;wrap"><div class="post&#x5f;body">')
    True
    >>> might_be_netease(b'<div class="post_body">my own &#8217;post&#8217;</div>')
    False
    >>> "网易".encode("gb18030") == _NETEASE_GBK
    True
    """
    for mark in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE):
        if data.startswith(mark):
            data = data.decode("utf-32", errors="replace").encode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    if _shows_layout(data):
        return True
    if b"&" not in data or _REFERENCE.search(data) is None:
        return False  # most of the blog's own HTML: one search from & to &
    return _shows_layout(_REFERENCE.sub(_referenced, data))


def on_domains(url: str | None, domains: tuple[str, ...]) -> bool:
    """Whether ``url``'s host is one of ``domains`` or under one.

    >>> on_domains("https://nimg.ws.126.net/?url=x", IMAGE_DOMAINS)
    True
    >>> on_domains("https://example.org/126.net.jpg", IMAGE_DOMAINS)
    False
    """
    try:
        host = (urlsplit((url or "").strip()).hostname or "").lower()
    except ValueError:
        return False
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def is_netease_image(url: str) -> bool:
    """Whether ``url`` is served by one of NetEase's image hosts."""
    return on_domains(url, IMAGE_DOMAINS)


def has_sign(text: str) -> bool:
    """Whether ``text`` could hold NetEase boilerplate (plain ``in`` tests).

    >>> has_sign("特別聲明:以上內容"), has_sign("A notice"), has_sign("正文")
    (True, True, False)
    >>> has_sign("来自網易号"), has_sign("很容易"), has_sign("NOTICE")
    (True, False, True)
    >>> has_sign("来自网\u200b易号"), has_sign("No\u00adtice")
    (True, True)
    """
    # A sign's last character first: looking for one character is the
    # fastest search, and 网易 / 網易 are two CJK characters a Chinese text
    # without them scans for in full.
    if any(sign[-1] in text and sign in text for sign in QUICK_SIGNS):
        return True
    if not has_invisible(text):
        return False
    shown = visible(text)
    return any(sign in shown for sign in QUICK_SIGNS)


def shows_residue(source: str) -> bool:
    """Whether a document shows a sign of scraped residue: the start of the
    NetEase disclaimer, the platform's name in page chrome, or a lost image
    (as Markdown text, or an ``<img>`` with an empty ``src``).

    >>> shows_residue("<p>特別聲明:以上內容…</p>"), shows_residue("<p>![]()</p>")
    (True, True)
    >>> shows_residue('<p><img alt="" src=""></p>')
    True
    >>> shows_residue('<p>特别好, 见 ![图](a.png)<img src="a.png"></p>')
    False
    """
    if has_sign(source) and BOILERPLATE_SIGN.search(source):
        return True
    if "![" in source and has_literal_empty_image(source):
        return True
    return "src" in source and has_blank_image(source)
