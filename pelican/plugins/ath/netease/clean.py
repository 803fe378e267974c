"""Remove what scrapers leave behind in a tree: empty images and NetEase's
boilerplate.

Nothing else is removed. Each removal is reported as a :class:`Removal` so the
caller can log it against its file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeAlias, cast

from lxml import etree

from ..html.elements import BLOCKS, CONTENTFUL, is_prose
from ..html.preclean import NO_SOURCE, Removal, is_empty_src, lazy_source
from .boilerplate import (
    GLUED,
    Matcher,
    block_reason,
    disclaimer_start,
    signed_from_end,
)
from .signs import has_sign, literal_empty_images

#: Quoted text is content, whatever it says.
QUOTATIONS = frozenset({"blockquote", "q"})


def remove_keeping_tail(element: etree._Element) -> None:
    """Remove ``element`` but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def is_empty(element: etree._Element) -> bool:
    """No text and nothing that shows without text."""
    if (element.text or "").strip():
        return False
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag in CONTENTFUL:
            return False
        if (child.tail or "").strip() or not is_empty(child):
            return False
    return True


def remove_and_prune(element: etree._Element, root: etree._Element) -> None:
    """Remove ``element``, then every ancestor that the removal left empty
    (``root`` itself is emptied, not removed)."""
    if element is root:
        root.text = None
        root[:] = []
        return
    parent = element.getparent()
    remove_keeping_tail(element)
    while parent is not None and parent is not root and is_empty(parent):
        grandparent = parent.getparent()
        remove_keeping_tail(parent)
        parent = grandparent


def leaf_blocks(root: etree._Element) -> Iterator[etree._Element]:
    """Block elements that contain no other block, in document order."""
    if not len(root):  # most blocks: no tag matcher to build (~6 µs)
        if root.tag in BLOCKS:
            yield root
        return
    for element in root.iter(*BLOCKS):
        if not len(element) or next(element.iterdescendants(*BLOCKS), None) is None:
            yield element


def block_text(element: etree._Element) -> str:
    """The text of a block, its descendants' included."""
    if not len(element):
        return element.text or ""
    return "".join(element.itertext())


def enclosing_block(node: etree._Element, root: etree._Element) -> etree._Element:
    """The nearest block element at or above ``node`` (``root`` at most)."""
    while node is not root and node.tag not in BLOCKS:
        parent = node.getparent()
        if parent is None:
            break
        node = parent
    return node


_LAST_TEXT = etree.XPath("(.//text()[normalize-space()])[last()]")
#: A text result of XPath: a string that knows its element (``getparent``)
#: and whether it is that element's text or its tail.
_Text: TypeAlias = "etree._ElementUnicodeResult[etree._Element]"


def _texts(query: etree.XPath, root: etree._Element) -> list[_Text]:
    """The results of a ``text()`` ``query`` under ``root``."""
    # lxml types an XPath result as Any: what it is depends on the query
    return cast("list[_Text]", query(root))


_STATEMENTS = etree.XPath(
    ".//div[contains(concat(' ', normalize-space(@class), ' '), ' post_statement ')]"
)


def _last_text(root: etree._Element) -> _Text | None:
    """The last text node that is not blank (an XPath text result): looked for
    in the last children first, in the whole tree only if need be."""
    for child in reversed(root):
        if (child.tail or "").strip():
            break  # text after the last element: search the whole tree
        if isinstance(child.tag, str):
            found = _texts(_LAST_TEXT, child)
            if found:
                return found[0]
    found = _texts(_LAST_TEXT, root)
    return found[0] if found else None


_LITERAL_IMAGE_TEXTS = etree.XPath(".//text()[contains(., '![')]")


def _text_block(text: _Text, root: etree._Element) -> etree._Element:
    """The block holding an XPath text result (text or tail of its parent)."""
    holder = text.getparent()
    assert holder is not None  # a text result is the text or tail of an element
    if text.is_tail:
        holder = holder.getparent()
    return enclosing_block(holder if holder is not None else root, root)


def signed_leaf_blocks(
    root: etree._Element, text: str | None = None
) -> list[etree._Element]:
    """The leaf blocks whose text has a :data:`BOILERPLATE_SIGN`, in order
    (``text``: the text of ``root``, if the caller has it).

    Boilerplate sits at the end, so blocks are looked at from the last one
    back, and the search stops once the blocks seen hold as many signs as the
    whole text of the document: block texts are disjoint parts of it, so no
    block not yet seen can hold one.
    """
    if text is None:
        text = etree.tostring(root, method="text", encoding="unicode")
    tops: Iterable[etree._Element] = root.iterchildren(reversed=True)
    if next(root.iterdescendants(*BLOCKS), None) is None:
        tops = [root]  # the only block there can be

    def from_end() -> Iterator[tuple[etree._Element, str]]:
        for child in tops:
            if isinstance(child.tag, str):
                for block in reversed(list(leaf_blocks(child))):
                    yield block, block_text(block)

    return signed_from_end(from_end(), text)


def _candidate_blocks(
    root: etree._Element,
    patterns: tuple[Matcher, ...],
    root_text: str | None,
) -> list[etree._Element]:
    """Blocks worth checking: all leaf blocks when the user has patterns, else
    only those that could hold NetEase boilerplate."""
    if patterns:
        return list(leaf_blocks(root))
    return signed_leaf_blocks(root, root_text)


def _in_quotation(element: etree._Element) -> bool:
    return element.tag in QUOTATIONS or any(
        True for _ in element.iterancestors(*QUOTATIONS)
    )


def _quotes_disclaimer(block: etree._Element, text: str) -> bool:
    """Whether an inline quotation inside ``block`` holds the ``text``."""
    return any(text.strip() in "".join(q.itertext()) for q in block.iter("q"))


def truncate_text(element: etree._Element, keep: int) -> None:
    """Keep only the first ``keep`` characters of the text inside ``element``
    (the order of ``itertext``); drop what follows, elements included."""
    seen = 0

    def cut(node: etree._Element, slot: str) -> None:
        nonlocal seen
        value = getattr(node, slot) or ""
        room = max(keep - seen, 0)
        setattr(node, slot, value[:room] or None)
        seen += len(value)

    def visit(node: etree._Element) -> bool:
        """Truncate inside ``node``; True if ``node`` itself is now surplus."""
        if seen >= keep:
            return True
        cut(node, "text")
        for child in list(node):
            surplus = isinstance(child.tag, str) and visit(child)
            cut(child, "tail")
            if surplus:
                node.remove(child)
        return False

    visit(element)
    while len(element) and element[-1].tag == "br" and not element[-1].tail:
        element.remove(element[-1])


def _remove_empty_images(root: etree._Element) -> Iterator[Removal]:
    for image in list(root.iter("img")):
        src = image.get("src")
        if not is_empty_src(src):
            continue
        lazy = lazy_source(image.get)
        if lazy is not None:
            image.set("src", lazy)
        else:
            markup = etree.tostring(image, encoding="unicode", with_tail=False)
            remove_and_prune(image, root)
            yield Removal("empty image" if src is not None else NO_SOURCE, markup)


def _in_code(element: etree._Element | None) -> bool:
    """Inside code or math, where ``![]()`` is an example, not a lost image."""
    while element is not None:
        tag = element.tag
        if isinstance(tag, str) and not is_prose(tag, element.get("class")):
            return True
        element = element.getparent()
    return False


def _remove_literal_images(root: etree._Element) -> Iterator[Removal]:
    emptied = []
    for text in _texts(_LITERAL_IMAGE_TEXTS, root):
        element = text.getparent()
        assert element is not None  # a text result is the text or tail of one
        holder = element.getparent() if text.is_tail else element
        slot = "tail" if text.is_tail else "text"
        kept, found = literal_empty_images(text)
        if found and not _in_code(holder):
            setattr(element, slot, kept or None)
            yield from (Removal("empty image", image) for image in found)
            emptied.append(holder)
    for element in emptied:
        if element is not None and element is not root and is_empty(element):
            remove_and_prune(element, root)


def _remove_boilerplate(
    root: etree._Element, patterns: Iterable[Matcher], root_text: str | None
) -> Iterator[Removal]:
    """``root_text``: the text of ``root``, if the caller has it."""
    patterns = tuple(patterns)
    for statement in (
        _STATEMENTS(root) if next(root.iter("div"), None) is not None else ()
    ):
        root_text = None  # no longer the text of root
        text = block_text(statement).strip()
        remove_and_prune(statement, root)
        yield Removal("NetEase disclaimer block", text)
    for block in _candidate_blocks(root, patterns, root_text):
        text = block_text(block).strip()
        if not text:
            continue
        reason = block_reason(text, patterns)
        if reason is not None and not _in_quotation(block):
            remove_and_prune(block, root)
            yield Removal(reason, text)
    last = _last_text(root)
    if last is None:
        return
    block = _text_block(last, root)
    if _in_quotation(block):
        return
    text = block_text(block)
    start = disclaimer_start(text)
    if start and not _quotes_disclaimer(block, text[start:]):
        truncate_text(block, start)
        yield Removal(GLUED, text[start:])


def clean_tree(root: etree._Element, patterns: Iterable[Matcher] = ()) -> list[Removal]:
    """Remove empty images, literal ``![…]()`` and NetEase boilerplate in place."""
    patterns = tuple(patterns)
    removals = list(_remove_empty_images(root))
    text = etree.tostring(root, method="text", encoding="unicode")
    if "![" in text:
        literal = list(_remove_literal_images(root))
        if literal:
            removals += literal
            text = etree.tostring(root, method="text", encoding="unicode")
    if patterns or has_sign(text):  # a post_statement block has signs too
        removals += _remove_boilerplate(root, patterns, text)
    return removals
