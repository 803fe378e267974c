"""Chinese script conversion with OpenCC, on plain text and on an lxml tree.

Text is converted per *run*: the text of one block (a paragraph, a heading, a
list item) up to a line break or an element that must not be converted. A
phrase cut by an inline tag (``<a>鼠</a>标``) is therefore converted exactly as
the plain text would be, and the converted text is mapped back onto the
original text nodes, so the inline tags stay where they were.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Callable

import opencc
from lxml import etree

Converter = Callable[[str], str]

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

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def normalise_config(name: str) -> str:
    """``"S2TW.json "`` -> ``"s2tw"``."""
    name = name.strip().lower()
    return name.removesuffix(".json")


@functools.cache
def valid_configs() -> tuple[str, ...]:
    """The OpenCC configurations the installed binding ships, sorted."""
    return tuple(sorted(normalise_config(name) for name in opencc.CONFIGS))


#: Simplified -> Traditional configs, and the config that reads them back.
_READ_BACK = {
    "s2t": "t2s",
    "s2tw": "tw2s",
    "s2twp": "tw2s",
    "s2hk": "hk2s",
    "s2hkp": "hk2s",
}
#: Private-use characters stand for ATH_PHRASES while OpenCC runs.
_PLACEHOLDER_BASE = 0xF0000


@functools.cache
def opencc_converter(config: str) -> Converter:
    """OpenCC's own converter for ``config``: built once per process."""
    return opencc.OpenCC(config).convert


def restore_traditional(
    text: str,
    converted: str,
    simplified: str,
    read_back: str,
    converted_simplified: str,
    read_pairs_back: Callable[[list[str]], list[str]],
) -> str:
    """Undo the changes that turn already-Traditional characters into others.

    ``simplified`` is the Simplified reading of ``text`` and ``read_back`` the
    same config applied to it. A changed character stays as written when it is
    only a script variant (its conversion reads the same in Simplified:
    ``converted_simplified``) and the read-back reproduces it: ``干擾`` reads
    back as ``干擾``, so 干 stays; ``阿里云`` reads back as ``阿里雲``, so 云
    becomes 雲. OpenCC segments the whole text, so a character that a
    neighbouring phrase swallowed (``鐵條干擾``: 條幹) is looked at once more
    with each Traditional neighbour alone (``read_pairs_back`` converts such
    two-character texts, all in one call).

    >>> restore_traditional("去干擾 阿里云", "去幹擾 阿里雲", "去干扰 阿里云",
    ...                     "去干擾 阿里雲", "去干扰 阿里云", lambda pairs: pairs)
    '去干擾 阿里雲'
    """
    if not (
        len(text) == len(converted) == len(simplified) == len(read_back)
        and len(converted_simplified) == len(text)
    ):
        return converted
    result = list(converted)
    pairs: list[tuple[int, int]] = []  # (index, start of the pair)
    for index in changed_positions(text, converted):
        if converted_simplified[index] != simplified[index]:
            continue  # a different word (s2twp vocabulary), not a variant
        if read_back[index] == text[index]:
            result[index] = text[index]
            continue
        for neighbour, start in ((index - 1, index - 1), (index + 1, index)):
            if 0 <= neighbour < len(text) and simplified[neighbour] != text[neighbour]:
                pairs.append((index, start))
    if pairs:
        backs = read_pairs_back([text[start : start + 2] for _, start in pairs])
        for (index, start), back in zip(pairs, backs, strict=True):
            if len(back) == 2 and back[index - start] == text[index]:
                result[index] = text[index]
    return "".join(result)


def changed_positions(before: str, after: str) -> list[int]:
    """Indexes where two equally long texts differ (compared in C).

    >>> changed_positions("阿里云和阿里云", "阿里雲和阿里雲")
    [2, 6]
    """
    return list(itertools.compress(itertools.count(), map(operator.ne, before, after)))


def on_changed_lines(
    apply: Callable[[str, str], str], text: str, converted: str
) -> str:
    """``apply(text, converted)``, given only the lines that the conversion
    changed (a newline ends every OpenCC phrase, so each line converts on its
    own); the other lines stay as converted.

    >>> on_changed_lines(lambda t, c: f"<{t}>", "a\\nb\\nc", "a\\nB\\nc")
    'a\\n<b>\\nc'
    """
    lines, converted_lines = text.split("\n"), converted.split("\n")
    if len(lines) != len(converted_lines):
        return apply(text, converted)
    changed = [
        index
        for index, (line, converted_line) in enumerate(
            zip(lines, converted_lines, strict=True)
        )
        if line != converted_line
    ]
    if len(changed) == len(lines):
        return apply(text, converted)
    applied = apply(
        "\n".join(lines[index] for index in changed),
        "\n".join(converted_lines[index] for index in changed),
    ).split("\n")
    if len(applied) != len(changed):
        return apply(text, converted)
    for index, line in zip(changed, applied, strict=True):
        converted_lines[index] = line
    return "\n".join(converted_lines)


@functools.cache
def converter(
    config: str,
    phrases: tuple[tuple[str, str], ...] = (),
    keep_traditional: bool = False,
) -> Converter:
    """The text converter the plugin uses for ``config``: OpenCC, with
    ``phrases`` (ATH_PHRASES) taking precedence over its dictionaries and, if
    ``keep_traditional``, already-Traditional characters kept by Simplified ->
    Traditional configs (:func:`restore_traditional`). Built once per process
    and combination."""
    convert = opencc_converter(config)
    if keep_traditional and config in _READ_BACK:
        simplify = opencc_converter(_READ_BACK[config])
        plain = convert

        def read_pairs_back(pairs: list[str]) -> list[str]:
            return convert_texts(pairs, lambda text: plain(simplify(text)))

        def keep(text: str, converted: str) -> str:
            simplified = simplify(text)
            if simplified == text:  # nothing Traditional to keep
                return converted
            return restore_traditional(
                text,
                converted,
                simplified,
                plain(simplified),
                simplify(converted),
                read_pairs_back,
            )

        def convert(text: str) -> str:
            converted = plain(text)
            if converted == text:
                return converted
            return on_changed_lines(keep, text, converted)

    if not phrases:
        return convert
    ordered = sorted(phrases, key=lambda pair: -len(pair[0]))
    placeholder = {
        phrase: chr(_PLACEHOLDER_BASE + number)
        for number, (phrase, _) in enumerate(ordered)
    }
    replacement = {placeholder[phrase]: value for phrase, value in ordered}
    find_phrase = re.compile("|".join(re.escape(phrase) for phrase, _ in ordered))
    find_placeholder = re.compile("|".join(replacement))
    inner = convert

    def convert_with_phrases(text: str) -> str:
        protected = find_phrase.sub(lambda m: placeholder[m.group(0)], text)
        if protected == text:
            return inner(text)
        converted = inner(protected)
        return find_placeholder.sub(lambda m: replacement[m.group(0)], converted)

    return convert_with_phrases


def has_han(text: str) -> bool:
    return HAN.search(text) is not None


def convert_text(text: str, convert: Converter) -> str:
    """Convert plain text; text without Han characters is returned as is."""
    return convert(text) if has_han(text) else text


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


#: Joins texts converted together: the newline ends every OpenCC phrase and
#: every punctuation context, the unit separator makes each join findable.
_JOIN = "\x1f\n"


def convert_texts(texts: list[str], convert: Converter) -> list[str]:
    """``convert`` each text that has Han characters (the others stay as they
    are), with one call of ``convert`` for all of them.

    >>> convert_texts(["云", "a,b", "", "雲,云"], lambda t: t.replace("云", "雲"))
    ['雲', 'a,b', '', '雲,雲']
    """
    joined = _JOIN.join(texts)
    converted = convert(joined).split(_JOIN)
    if joined.count(_JOIN[0]) != len(texts) - 1 or len(converted) != len(texts):
        # a text holds the separator, or the conversion moved one
        return [convert(text) if has_han(text) else text for text in texts]
    changed = itertools.compress(itertools.count(), map(operator.ne, texts, converted))
    for index in changed:
        if not has_han(texts[index]):
            converted[index] = texts[index]
    return converted


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
