"""Give every heading a readable, unique, stable ``id``.

Modelled on Python-Markdown's ``toc`` extension: ``slugify`` keeps CJK
characters, ``unique`` de-duplicates against every id already on the page, and
an existing id is never changed. The string helpers work without lxml (the
blog's own HTML is edited in place, see :mod:`pelican.plugins.ath.treatment.own`); the
tree helpers take an lxml tree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .elements import HEADINGS, PERMALINK_CLASSES

if TYPE_CHECKING:  # lxml is loaded only where a tree is walked
    from lxml import etree

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
    """The heading's text as a reader sees it, whitespace collapsed; for a
    heading that is only images, their ``alt`` text."""
    if not len(element):
        return " ".join((element.text or "").split())
    title = _text_of(element)
    if not title:
        alts = (image.get("alt", "") for image in element.iter("img"))
        title = " ".join(" ".join(alts).split())
    return title


def _text_of(element: etree._Element) -> str:
    """The text inside ``element`` but that of permalink anchors; a walk in
    C, so depth costs nothing."""
    from lxml import etree

    parts = [element.text or ""]
    walk = etree.iterwalk(element, events=("start", "end", "comment", "pi"))
    for event, node in walk:
        if node is element:
            continue
        if event != "start":  # an element's end, a comment, an instruction
            parts.append(node.tail or "")
        elif PERMALINK_CLASSES.isdisjoint((node.get("class") or "").split()):
            parts.append(node.text or "")
        else:
            walk.skip_subtree()
    return " ".join("".join(parts).split())


def assign_ids(
    root: etree._Element, reserved: frozenset[str] = frozenset()
) -> list[Heading]:
    """Give every heading without an id one, unique on the page and not one
    of the ``reserved`` ids (the theme's); return the headings in document
    order."""
    used = UsedIds([*root.xpath(".//@id"), *reserved])
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


def headings_only_note(text: str, headings: list[Heading]) -> str | None:
    """The note for a document whose ``text`` (without its paragraphs,
    which it has none of) is no more than its ``headings``' titles."""
    length = len("".join(text.split()))
    if headings and length <= sum(len("".join(h.title.split())) for h in headings):
        return f"has {len(headings)} heading(s) but no other text"
    return None
