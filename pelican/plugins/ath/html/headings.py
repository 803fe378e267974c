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
#: The start of a heading tag (``<h2>``, ``<H3 id=…``; not ``<h2-x>``).
_HEADING_SIGN = re.compile(r"<h[1-6](?=[\t\n\f\r />]|\Z)", re.IGNORECASE)
_DASHES = re.compile(r"[-\s]+")
FALLBACK_ID = "section"


@dataclass(frozen=True)
class Heading:
    """A heading as the table of contents needs it."""

    level: int
    id: str
    title: str


#: A heading as a route finds it: level, its own ``id`` (None: no id
#: attribute), its text as :func:`heading_text` makes it.
Found = tuple[int, str | None, str]


def has_heading(source: str) -> bool:
    """Whether HTML ``source`` may hold a heading: the sign every route
    looks for before it looks for headings (a substring search in C).

    >>> has_heading("<p>x</p><H2 id=a>"), has_heading("<h2-x>"), has_heading("<hr>")
    (True, False, False)
    """
    return _HEADING_SIGN.search(source) is not None


def heading_text(text: str, alts: Iterable[str] = ()) -> str:
    """A heading's title, in the TOC and for its id: its text (as a reader
    reads it: entities decoded, permalinks left out) with whitespace
    collapsed; for a heading of images only, their ``alt`` texts.

    >>> heading_text(" 第一 \\u3000章\\n"), heading_text("", ["封", "面 图"])
    ('第一 章', '封 面 图')
    """
    title = " ".join(text.split())
    if not title:
        title = " ".join(" ".join(alts).split())
    return title


def heading_ids(found: Iterable[Found], taken: Iterable[str]) -> list[Heading]:
    """The headings ``found`` (in document order) with their ids: a heading
    keeps its own; one without, or with an empty one (a browser takes
    ``id=""`` for none), gets a slug of its text, unique among the ``taken``
    ids (every id on the page and the theme's) and those given before it.
    Every route gives ids with this.

    >>> [h.id for h in heading_ids([(2, None, "前言"), (2, "", "前言"), (3, "x", "")], ["x"])]
    ['前言', '前言-1', 'x']
    """
    used = UsedIds(taken)
    return [
        Heading(level, anchor or unique(slugify(text), used), text)
        for level, anchor, text in found
    ]


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
    """:func:`heading_text` of a heading element."""
    if not len(element):
        return heading_text(element.text or "")
    alts = (image.get("alt", "") for image in element.iter("img"))
    return heading_text(_text_of(element), alts)


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
    return "".join(parts)


def assign_ids(
    root: etree._Element, reserved: frozenset[str] = frozenset()
) -> list[Heading]:
    """:func:`heading_ids` of a tree, written into its headings (``reserved``:
    the theme's ids); the headings in document order."""
    elements = list(root.iter(*HEADINGS))
    found = [
        (int(str(element.tag)[1]), element.get("id"), heading_title(element))
        for element in elements
    ]
    taken: list[str] = [str(value) for value in root.xpath(".//@id")]
    headings = heading_ids(found, [*taken, *reserved])
    for element, (_, anchor, _), heading in zip(elements, found, headings, strict=True):
        if heading.id != anchor:
            element.set("id", heading.id)
    return headings


def collect_headings(root: etree._Element) -> list[Heading]:
    """All headings with an id, in document order."""
    return [
        Heading(int(str(element.tag)[1]), anchor, heading_title(element))
        for element in root.iter(*HEADINGS)
        if (anchor := element.get("id"))
    ]


def headings_only_note(text: str, headings: list[Heading]) -> str | None:
    """The note for a document whose ``text`` (without its paragraphs,
    which it has none of) is no more than its ``headings``' titles."""
    length = len("".join(text.split()))
    if headings and length <= sum(len("".join(h.title.split())) for h in headings):
        return f"has {len(headings)} heading(s) but no other text"
    return None
