"""Give every heading a readable, unique, stable ``id``.

Modelled on Python-Markdown's ``toc`` extension: ``slugify`` keeps CJK
characters, ``unique`` de-duplicates against every id already on the page, and
an existing id is never changed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: Anchors that Markdown's ``toc`` extension adds to headings (¶).
_PERMALINK_CLASSES = frozenset({"headerlink", "toclink", "anchor"})
_NOT_WORD = re.compile(r"[^\w\s-]")
_DASHES = re.compile(r"[-\s]+")
FALLBACK_ID = "section"


@dataclass(frozen=True)
class Heading:
    """A heading as the table of contents needs it."""

    level: int
    id: str
    title: str


def slugify(text: str) -> str:
    """A readable id: words and CJK kept, punctuation dropped, spaces to ``-``.

    >>> slugify("前奏:一個人的告別與一群人的定調")
    '前奏一個人的告別與一群人的定調'
    >>> slugify("ATH的“成人禮”")
    'ath的成人禮'
    >>> slugify("  Hello, World!  ")
    'hello-world'
    >>> slugify("“”")
    ''
    """
    text = unicodedata.normalize("NFKC", text)
    text = _NOT_WORD.sub("", text).strip().lower()
    return _DASHES.sub("-", text).strip("-_")


class UsedIds(set[str]):
    """A set of ids that remembers, per slug, the last number :func:`unique`
    gave it, so that the next call starts there (N headings with the same text
    cost N steps, not N²/2)."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        super().__init__(ids)
        self.last_number: dict[str, int] = {}


def unique(slug: str, used: set[str]) -> str:
    """``slug``, or ``slug-1``, ``slug-2``… if taken; records the result in ``used``.

    Constant time per call, amortised, when ``used`` is a :class:`UsedIds`.

    >>> used = {"a"}
    >>> unique("a", used), unique("a", used), unique("b", used)
    ('a-1', 'a-2', 'b')
    """
    slug = slug or FALLBACK_ID
    last = used.last_number if isinstance(used, UsedIds) else {}
    candidate, number = slug, 0
    if candidate in used:
        # the numbers up to the last one given are taken (ids are only added)
        number = last.get(slug, 0) + 1
        candidate = f"{slug}-{number}"
        while candidate in used:
            number += 1
            candidate = f"{slug}-{number}"
        last[slug] = number
    used.add(candidate)
    return candidate


def heading_title(element: etree._Element) -> str:
    """The heading's text as a reader sees it, whitespace collapsed."""
    if not len(element):
        return " ".join((element.text or "").split())
    parts = []

    def visit(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and not (
                set(child.get("class", "").split()) & _PERMALINK_CLASSES
            ):
                visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(element)
    return " ".join("".join(parts).split())


def assign_ids(root: etree._Element) -> list[Heading]:
    """Give every heading without an id one, unique on the page; return the
    headings in document order."""
    used = UsedIds(root.xpath(".//@id"))
    headings = []
    for element in root.iter(*HEADINGS):
        title = heading_title(element)
        anchor = element.get("id")
        if not anchor:
            anchor = unique(slugify(title), used)
            element.set("id", anchor)
        headings.append(Heading(int(element.tag[1]), anchor, title))
    return headings


def collect_headings(root: etree._Element) -> list[Heading]:
    """All headings with an id, in document order."""
    return [
        Heading(int(element.tag[1]), element.get("id"), heading_title(element))
        for element in root.iter(*HEADINGS)
        if element.get("id")
    ]
