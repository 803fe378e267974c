"""Table of contents: nested data from headings, and its HTML rendering.

As in mistune's ``toc.py`` and Python-Markdown's ``toc_tokens``, the tree is
plain data (picklable, usable by themes) and rendering is a separate step.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Sequence
from html import escape
from typing import TypedDict, TypeVar

from .headings import Heading

_Marker = TypeVar("_Marker")


class TocNode(TypedDict):
    """One entry of the TOC: a heading and the entries nested under it."""

    level: int
    id: str
    title: str
    children: list[TocNode]


#: A paragraph of this text only asks for the TOC here (as in Markdown).
MARKER = "[TOC]"
#: A paragraph of HTML source whose text mentions the marker (one pass in
#: C; ``[^<[]`` cannot backtrack past a ``[``: linear).
_MARKER_PARAGRAPH = re.compile(
    r"<p(?:[\t\n\f\r ][^>]*)?>([^<\[]*\[TOC\][^<]*)</p[\t\n\f\r ]*>",
    re.IGNORECASE,
)
#: A table of contents the document already has: Markdown's ``toc``
#: extension (``div.toc``), docutils' ``contents`` (``div.contents topic``,
#: ``nav.contents``), ``role="doc-toc"``, or a TOC id of other tools.
_EXISTING = re.compile(
    r"<(?:div|nav|section|aside|details|ul|ol)\b[^>]*?(?:"
    r"\bclass\s*=\s*[\"']?[^\"'>]*\b(?:toc|contents|table-of-contents)\b"
    r"|\bid\s*=\s*[\"']?(?:toc|TableOfContents|table-of-contents|markdown-toc)\b"
    r"|\brole\s*=\s*[\"']?doc-toc)",
    re.IGNORECASE,
)


def has_toc(html: str) -> bool:
    """Whether the document already has a table of contents of its own.

    >>> has_toc('<div class="toc"><ul></ul></div>'), has_toc('<nav class="contents" role="doc-toc">')
    (True, True)
    >>> has_toc('<div class="entry-content"><p>目录</p></div>')
    False
    """
    return _EXISTING.search(html) is not None


def nest(headings: Iterable[Heading]) -> list[TocNode]:
    """Nest flat headings by level; a deeper heading becomes a child of the
    nearest shallower one before it. Headings without a title are left out.

    >>> from pelican.plugins.ath.html.headings import Heading
    >>> tree = nest([Heading(2, "a", "A"), Heading(3, "b", "B"), Heading(2, "c", "C")])
    >>> [(n["id"], [c["id"] for c in n["children"]]) for n in tree]
    [('a', ['b']), ('c', [])]
    """
    roots: list[TocNode] = []
    stack: list[TocNode] = []
    for heading in headings:
        if not heading.title:
            continue  # nothing to show as a link
        node: TocNode = {
            "level": heading.level,
            "id": heading.id,
            "title": heading.title,
            "children": [],
        }
        while stack and stack[-1]["level"] >= heading.level:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(node)
        stack.append(node)
    return roots


def _render_list(nodes: list[TocNode]) -> str:
    items = []
    for node in nodes:
        children = _render_list(node["children"]) if node["children"] else ""
        items.append(
            f'<li><a href="#{escape(node["id"])}">{escape(node["title"])}</a>'
            f"{children}</li>"
        )
    return f"<ul>{''.join(items)}</ul>"


#: The classes of the plugin's TOC: ``toc`` for themes' styles, ``ath-toc``
#: to tell it from a TOC of the author's.
CLASSES = "toc ath-toc"


def render(tree: list[TocNode]) -> str:
    """The ``<nav class="toc ath-toc">`` HTML for a TOC tree."""
    return f'<nav class="{CLASSES}">{_render_list(tree)}</nav>'


def insert(html: str, toc_html: str, at: int) -> str:
    """``html`` with the TOC at offset ``at`` (the top when ``at`` is out of
    range)."""
    if not 0 <= at <= len(html):
        at = 0
    return html[:at] + toc_html + html[at:]


def has_marker(source: str) -> bool:
    """Whether ``source`` may hold a ``[TOC]`` marker (a substring test)."""
    return MARKER in source


def is_marker(text: str) -> bool:
    """Whether a paragraph of this text (and nothing else) is a ``[TOC]``
    marker: case and all, blank around it.

    >>> is_marker(" [TOC]\\u3000"), is_marker("[toc]"), is_marker("see [TOC]")
    (True, False, False)
    """
    return text.strip() == MARKER


def marker_paragraphs(
    source: str, runs: list[list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """Where the marker paragraphs of HTML ``source`` are, start and end, in
    order: the blog's own HTML, read without a tree. ``runs``: the prose
    runs of its :func:`~.source.scan` (a paragraph in a comment, a script or
    code holds none: it is no marker).

    >>> from pelican.plugins.ath.html.source import scan
    >>> source = "<p>[TOC]</p><!--<p>[TOC]</p>--><p>[TOC] x</p><P class=a>&#32;[TOC]</P>"
    >>> marker_paragraphs(source, scan(source).runs)
    [(0, 12), (45, 70)]
    """
    if not has_marker(source):
        return []
    return [
        found.span()
        for found in _MARKER_PARAGRAPH.finditer(source)
        if _is_run(runs, found.span(1)) and is_marker(html.unescape(found.group(1)))
    ]


def _is_run(runs: list[list[tuple[int, int]]], span: tuple[int, int]) -> bool:
    """Whether ``span`` is a run of prose of its own (``runs`` are in order:
    a binary search)."""
    at = bisect.bisect_left(runs, span[0], key=lambda run: run[0][0])
    return at < len(runs) and runs[at] == [span]


def place_markers(
    markers: Sequence[_Marker],
    with_toc: bool,
    headings: list[Heading],
    wanted: bool,
    min_headings: int,
) -> tuple[_Marker | None, list[_Marker], str | None]:
    """What becomes of a document's ``[TOC]`` markers (in order): the one
    the TOC takes the place of (the first, if the document gets a TOC), the
    ones removed (the others), and the note saying why markers went from a
    document without a TOC."""
    if with_toc:
        return (markers[0] if markers else None), list(markers[1:]), None
    if not markers:
        return None, [], None
    return None, list(markers), marker_note(headings, wanted, min_headings)


def gets_toc(
    headings: list[Heading], wanted: bool, min_headings: int, source: str | None
) -> bool:
    """Whether a document gets a TOC: wanted, enough headings with a title,
    and no TOC of its own in ``source`` (None: a document that cannot hold
    one)."""
    titled = sum(bool(heading.title) for heading in headings)
    return wanted and titled >= min_headings and not (source and has_toc(source))


def marker_note(headings: list[Heading], wanted: bool, min_headings: int) -> str:
    """Why a ``[TOC]`` marker was removed from a document without a TOC."""
    if not wanted:
        return "[TOC] marker removed: the TOC is switched off"
    titled = sum(bool(heading.title) for heading in headings)
    return f"[TOC] marker removed: {titled} heading(s), a TOC needs {min_headings}"
