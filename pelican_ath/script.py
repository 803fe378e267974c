"""Chinese script conversion of plain text with OpenCC: converters built once
per configuration, ``ATH_PHRASES`` overrides, the guard that keeps
already-Traditional characters, and many texts converted in one call.

Where the text sits in an HTML document is :mod:`pelican_ath.html_text`'s
business.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Callable

from .charclass import has_han

Converter = Callable[[str], str]


def normalise_config(name: str) -> str:
    """``"S2TW.json "`` -> ``"s2tw"``."""
    name = name.strip().lower()
    return name.removesuffix(".json")


@functools.cache
def valid_configs() -> tuple[str, ...]:
    """The OpenCC configurations the installed binding ships, sorted."""
    import opencc  # loaded when a script is configured, not for every build

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
    import opencc

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


def convert_text(text: str, convert: Converter) -> str:
    """Convert plain text; text without Han characters is returned as is."""
    return convert(text) if has_han(text) else text


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
