"""Reader output before Pelican looks at it: ``<img>`` tags with an empty
``src`` removed by a targeted text edit.

Pelican warns "Empty alt attribute" about every ``<img alt="" src="">`` right
after a reader returns; a lost image (``![]()`` in a scrape renders as one)
must be gone by then. This module edits the string (no tree, no lxml), so a
document that has no such tag costs one substring search.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .source import start_tags

#: Attributes where lazy-loading pages keep an image's real source.
LAZY_SOURCES = ("data-src", "data-original", "data-lazy-src", "data-echo")

#: A ``<p>`` that holds only an image: the opening tag right before it (see
#: :func:`wrapper_start`), the closing tag right after it.
_P_START = re.compile(r"<p\b", re.IGNORECASE)
_WRAPPER_END = re.compile(r"\s*</p>", re.IGNORECASE)
_IMG = re.compile(r"<img", re.IGNORECASE)


#: Why an image without any ``src`` goes: in a scraped article it is a lost
#: image too, but it is no sign of scraping (a script may fill it in).
NO_SOURCE = "image without a source"
#: Removals that alone do not make a document scraped: the user's patterns,
#: an image that has no ``src`` at all.
NOT_EVIDENCE = frozenset({"ATH_BOILERPLATE", NO_SOURCE})


@dataclass(frozen=True)
class Removal:
    """One thing the cleaner took out, and why."""

    reason: str
    text: str


def is_empty_src(src: str | None) -> bool:
    """An image source that loads nothing."""
    return src is None or not src.strip()


def lazy_source(get: Callable[[str], str | None]) -> str | None:
    """The real source of a lazy-loaded image (``data-src`` and the like)."""
    for name in LAZY_SOURCES:
        value = get(name)
        if not is_empty_src(value):
            return value
    return None


def is_blank_image(attrs: dict[str, str]) -> bool:
    """An ``<img>`` whose ``src`` is there but empty, with no lazy source:
    what a lost image leaves (``![]()`` renders ``<img alt="" src="">``). An
    image without any ``src`` attribute may be filled in by a script and is
    not counted."""
    return "src" in attrs and is_empty_src(attrs["src"]) and not lazy_source(attrs.get)


def wrapper_start(html: str, position: int, end: int) -> int | None:
    """Where the ``<p …>`` tag that ends ``html[position:end]`` (spaces after
    it allowed) starts, or None; looked for backwards from ``end``, so that
    each character is read once (a search for ``<p\\b[^>]*>\\s*\\Z`` read
    the rest of the tag from each ``<p`` in it: quadratic).

    >>> wrapper_start('<p class="a"> ', 0, 14), wrapper_start('<p title="<p"> ', 0, 15)
    (0, 0)
    >>> wrapper_start("<p>a ", 0, 5), wrapper_start("<pre> ", 0, 6)
    (None, None)
    """
    while end > position and html[end - 1].isspace():
        end -= 1
    if end == position or html[end - 1] != ">":
        return None
    tag = html.rfind(">", position, end - 1) + 1 or position
    found = _P_START.search(html, tag, end)
    return found.start() if found else None


def drop_empty_image_tags(html: str) -> tuple[str, list[Removal]]:
    """Remove ``<img>`` tags with an empty ``src`` (and a ``<p>`` that held
    nothing else) from an HTML string; tags inside comments and raw-text
    elements (a ``<script>``'s strings) are not tags and stay.

    This runs on reader output, before Pelican warns about empty ``alt``
    attributes; it is a targeted text edit so that no second parse is needed.

    >>> drop_empty_image_tags('<p>a</p><p> <img src=""> </p><img alt="b">')[0]
    '<p>a</p><img alt="b">'
    >>> drop_empty_image_tags('<script>t = "<img src=>";</script>')[0]
    '<script>t = "<img src=>";</script>'
    """
    removals: list[Removal] = []
    if not html or _IMG.search(html) is None:
        return html, removals
    pieces, position = [], 0
    for token, found in start_tags(html, "img"):
        if not is_blank_image(found):
            continue
        start, end = token.start, token.end
        closing = _WRAPPER_END.match(html, end)
        if closing is not None:
            opening = wrapper_start(html, position, start)
            if opening is not None:
                start, end = opening, closing.end()
        pieces.append(html[position:start])
        position = end
        removals.append(Removal("empty image", html[token.start : token.end]))
    if not removals:
        return html, removals
    pieces.append(html[position:])
    return "".join(pieces), removals
