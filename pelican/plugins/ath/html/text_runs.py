"""The reader-visible text of an HTML document, and its conversion.

Text is converted per *run*: the text of one block (a paragraph, a heading, a
list item) up to a line break or an element that must not be converted. A
phrase cut by an inline tag (``<a>鼠</a>标``) is therefore converted exactly as
the plain text would be, and the converted text is mapped back onto the
original text nodes, so the inline tags stay where they were.

A document whose every run is a single text node (the usual scraped article)
is converted on its serialised HTML instead, between the tags: the same
result, without walking the tree in Python
(:mod:`pelican.plugins.ath.html.serialised`).
"""

from __future__ import annotations

from lxml import etree

from ..chinese.charclass import has_han
from ..chinese.conversion import Converter, convert_runs
from .elements import INLINE, TEXT_ATTRIBUTES, is_prose

Slot = tuple[etree._Element, str, str]  # (element, "text" | "tail", text)


def _not_prose(element: etree._Element) -> bool:
    """Code (by tag or class), math, raw text: :func:`~.elements.is_prose`."""
    tag = element.tag
    return isinstance(tag, str) and not is_prose(tag, element.get("class"))


_WITH_TEXT_ATTRIBUTES = etree.XPath(
    " | ".join(f".//*[@{name}]" for name in TEXT_ATTRIBUTES)
)


def text_runs(root: etree._Element) -> list[list[Slot]]:
    """Runs of text slots that read as one piece of text, in document order.

    A run is the text of one block (paragraph, heading, list item…) up to a
    line break or an element that is never converted; inline elements
    (``a``, ``strong``…) continue it. Each slot is ``(element, "text" |
    "tail", its text)``. One ``iterwalk`` in C, no recursion: depth costs
    nothing.
    """
    runs: list[list[Slot]] = []
    run: list[Slot] = []
    walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walk:
        tag = element.tag
        if event == "start":
            kept = _not_prose(element)
            if tag in INLINE and not kept:
                text = element.text
                if text:
                    run.append((element, "text", text))
                continue
            if run:
                runs.append(run)
                run = []
            if kept or tag == "br":
                walk.skip_subtree()  # its "end" still comes, for the tail
            else:
                text = element.text
                if text:
                    run.append((element, "text", text))
            continue
        if (event != "end" or tag not in INLINE) and run:  # block, break, comment
            runs.append(run)
            run = []
        tail = element.tail
        if tail and element is not root:
            run.append((element, "tail", tail))
    if run:
        runs.append(run)
    return runs


def convert_text_attributes(root: etree._Element, convert: Converter) -> None:
    """Convert the ``alt`` and ``title`` attributes (outside code and math:
    neither on such an element nor inside one) in place."""
    for element in _WITH_TEXT_ATTRIBUTES(root):
        if _not_prose(element) or any(map(_not_prose, element.iterancestors())):
            continue
        for name in TEXT_ATTRIBUTES:
            value = element.get(name)
            if value and has_han(value):
                element.set(name, convert(value))


def convert_tree(
    root: etree._Element, convert: Converter, attributes: bool = True
) -> None:
    """Convert the reader-visible text of a tree in place (``convert`` is any
    text transformation: OpenCC, punctuation, or both), and its ``alt`` and
    ``title`` attributes unless ``attributes`` is False.

    Never touched: the content of code-like elements (``pre``, ``code``,
    ``kbd``, ``samp``, ``var``, ``script``, ``style``…) and of math
    (``math``, ``.math``), URLs, and attributes other than ``alt`` and
    ``title``. Math written as text (``$…$``, ``\\(…\\)``) is the
    transform's to keep (:func:`pelican.plugins.ath.html.math_spans.outside_math`).
    """
    runs = text_runs(root)
    pieces = convert_runs([[text for _, _, text in run] for run in runs], convert)
    for run, new in zip(runs, pieces, strict=True):
        if new is not None:
            for (element, slot, _), text in zip(run, new, strict=True):
                setattr(element, slot, text)
    if attributes:
        convert_text_attributes(root, convert)
