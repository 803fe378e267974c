"""Table of contents: nested data from headings, and its HTML rendering.

As in mistune's ``toc.py`` and Python-Markdown's ``toc_tokens``, the tree is
plain data (picklable, usable by themes) and rendering is a separate step.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TypedDict

from .headings import Heading


class TocNode(TypedDict):
    level: int
    id: str
    title: str
    children: list[TocNode]


def nest(headings: Iterable[Heading]) -> list[TocNode]:
    """Nest flat headings by level; a deeper heading becomes a child of the
    nearest shallower one before it.

    >>> from pelican_ath.headings import Heading
    >>> tree = nest([Heading(2, "a", "A"), Heading(3, "b", "B"), Heading(2, "c", "C")])
    >>> [(n["id"], [c["id"] for c in n["children"]]) for n in tree]
    [('a', ['b']), ('c', [])]
    """
    roots: list[TocNode] = []
    stack: list[TocNode] = []
    for heading in headings:
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


def render(tree: list[TocNode]) -> str:
    """The ``<nav class="toc">`` HTML for a TOC tree."""
    return f'<nav class="toc">{_render_list(tree)}</nav>'
