"""The reader-visible text of an HTML document, and its conversion.

Text is converted per *run*: the text of one block (a paragraph, a heading, a
list item) up to a line break or an element that must not be converted. A
phrase cut by an inline tag (``<a>鼠</a>标``) is therefore converted exactly as
the plain text would be, and the converted text is mapped back onto the
original text nodes, so the inline tags stay where they were.

A document whose every run is a single text node (the usual scraped article)
is converted on its serialised HTML instead, between the tags: the same
result, without walking the tree in Python.
"""

from __future__ import annotations

import re

from lxml import etree

from .script import Converter, convert_texts, has_han

#: Elements whose text is never converted (code, machine text, embeds).
SKIPPED = frozenset(
    {"pre", "code", "kbd", "samp", "script", "style", "textarea", "svg", "math"}
)
_RUN_BREAKS = SKIPPED | {"br"}
#: Elements that continue the surrounding run of text.
INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "font",
        "i", "ins", "label", "mark", "q", "rb", "rp", "rt", "ruby", "s", "small",
        "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
        "img",
    }
)  # fmt: skip
#: Attributes holding reader-visible text.
TEXT_ATTRIBUTES = ("alt", "title")


def split_like(original: list[str], converted: str) -> list[str]:
    """Cut ``converted`` into pieces that correspond to the ``original`` pieces.

    OpenCC nearly always keeps the length; when a phrase changes length
    (``U盘`` -> ``隨身碟``) the cut points are carried over an alignment of the
    joined original and the converted text.
    """
    joined = "".join(original)
    if len(joined) == len(converted):
        pieces, start = [], 0
        for piece in original:
            pieces.append(converted[start : start + len(piece)])
            start += len(piece)
        return pieces
    import difflib  # rarely needed: imported on first use

    matcher = difflib.SequenceMatcher(None, joined, converted, autojunk=False)
    opcodes = matcher.get_opcodes()

    def carry(position: int) -> int:
        for tag, i1, i2, j1, j2 in opcodes:
            if i1 <= position < i2 or (position == i2 and tag != "equal"):
                if tag == "equal":
                    return j1 + position - i1
                return j1 + round((position - i1) * (j2 - j1) / max(i2 - i1, 1))
        return len(converted)

    pieces, start, cut = [], 0, 0
    for piece in original[:-1]:
        start += len(piece)
        end = max(carry(start), cut)
        pieces.append(converted[cut:end])
        cut = end
    pieces.append(converted[cut:])
    return pieces


Slot = tuple[etree._Element, str, str]  # (element, "text" | "tail", text)
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
            if tag in INLINE:
                text = element.text
                if text:
                    run.append((element, "text", text))
                continue
            if run:
                runs.append(run)
                run = []
            if tag in _RUN_BREAKS:
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
    """Convert the ``alt`` and ``title`` attributes (outside code) in place."""
    for element in _WITH_TEXT_ATTRIBUTES(root):
        if element.tag in SKIPPED:
            continue
        for name in TEXT_ATTRIBUTES:
            value = element.get(name)
            if value and has_han(value):
                element.set(name, convert(value))


def convert_tree(root: etree._Element, convert: Converter) -> None:
    """Convert the reader-visible text of a tree in place (``convert`` is any
    text transformation: OpenCC, punctuation, or both).

    Never touched: ``pre``/``code``/``kbd``/``samp``/``script``/``style``
    content, URLs, and attributes other than ``alt`` and ``title``.
    """
    runs, texts = [], []
    for run in text_runs(root):
        joined = run[0][2] if len(run) == 1 else "".join(slot[2] for slot in run)
        if has_han(joined):
            runs.append(run)
            texts.append(joined)
    for run, joined, converted in zip(
        runs, texts, convert_texts(texts, convert), strict=True
    ):
        if converted == joined:
            continue
        if len(run) == 1:
            element, slot, _ = run[0]
            setattr(element, slot, converted)
            continue
        pieces = split_like([text for _, _, text in run], converted)
        for (element, slot, _), text in zip(run, pieces, strict=True):
            setattr(element, slot, text)
    convert_text_attributes(root, convert)


#: Elements that join the text on either side of them into one run, or hold
#: text that is never converted.
_JOINING = tuple((INLINE - {"img"}) | SKIPPED)
#: What HTML serialisation escapes in text.
_ESCAPED = ("&", "<", ">")
_TAG = re.compile(r"(<[^>]*>)")


def runs_are_text_nodes(root: etree._Element) -> bool:
    """Whether every run of text in the tree is one text node, serialised as
    it is: no inline element but images with nothing after them, no code, no
    comments, no character that serialisation escapes.

    Then :func:`convert_serialised` on the serialised tree gives exactly what
    :func:`convert_tree` gives, without walking the tree in Python.
    """
    joining = root.iter(*_JOINING, etree.Comment, etree.PI, etree.Entity)
    if next(joining, None) is not None:
        return False
    if any((image.tail or "").strip() for image in root.iter("img")):
        return False
    text = etree.tostring(root, method="text", encoding="unicode")
    return not any(character in text for character in _ESCAPED)


def convert_serialised(
    markup: str, convert: Converter, extra: list[str] = ()
) -> tuple[str, list[str]]:
    """Convert the text between the tags of serialised HTML, and ``extra``
    texts, in one call of ``convert``; tags and attributes stay as they are.

    Only exact for a tree where :func:`runs_are_text_nodes` holds.

    >>> convert_serialised('<p title="云">阿里云</p>', lambda t: t.replace("云", "雲"), ["云"])
    ('<p title="云">阿里雲</p>', ['雲'])
    """
    parts = _TAG.split(markup)
    texts = parts[0::2]
    converted = convert_texts([*texts, *extra], convert)
    parts[0::2] = converted[: len(texts)]
    return "".join(parts), converted[len(texts) :]
