"""Chinese script conversion of plain text with OpenCC: converters built once
per configuration, ``ATH_PHRASES`` overrides, the repair of stray Simplified
characters (:mod:`pelican.plugins.ath.chinese.repair`), and many texts converted in one call.

Where the text sits in an HTML document is :mod:`pelican.plugins.ath.html.text_runs`'s
business.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re

from .charclass import has_han
from .repair import READ_BACK, opencc_converter, repairing_converter
from .repair import Converter as Converter  # the type every caller names


def normalise_config(name: str) -> str:
    """``"S2TW.json "`` -> ``"s2tw"``."""
    name = name.strip().lower()
    return name.removesuffix(".json")


@functools.cache
def valid_configs() -> tuple[str, ...]:
    """The OpenCC configurations the installed binding ships, sorted."""
    import opencc  # loaded when a script is configured, not for every build

    return tuple(sorted(normalise_config(name) for name in opencc.CONFIGS))


#: Private-use characters stand for ATH_PHRASES while OpenCC runs.
_PLACEHOLDER_BASE = 0xF0000


@functools.cache
def converter(
    config: str,
    phrases: tuple[tuple[str, str], ...] = (),
    keep_traditional: bool = False,
) -> Converter:
    """The text converter the plugin uses for ``config``: OpenCC, with
    ``phrases`` (ATH_PHRASES) taking precedence over its dictionaries and, if
    ``keep_traditional``, stray Simplified characters repaired and the
    author's Traditional ones kept by Simplified -> Traditional configs
    (:mod:`pelican.plugins.ath.chinese.repair`). Built once per process and combination."""
    if keep_traditional and config in READ_BACK:
        convert = repairing_converter(config)
    else:
        convert = opencc_converter(config)

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


def convert_runs(runs: list[list[str]], convert: Converter) -> list[list[str] | None]:
    """Each run (a text cut into pieces, by inline tags) converted as one
    text and cut back like it, with one call of ``convert`` for all of
    them: the new pieces of each run, None where it stays as it is. What
    every route converts prose with (a tree's runs, the source's).

    >>> convert_runs([["阿里", "云"], ["a"], ["雲"]], lambda t: t.replace("云", "雲"))
    [['阿里', '雲'], None, None]
    """
    chosen, texts = [], []
    for number, run in enumerate(runs):
        joined = run[0] if len(run) == 1 else "".join(run)
        if has_han(joined):
            chosen.append(number)
            texts.append(joined)
    new: list[list[str] | None] = [None] * len(runs)
    converted = convert_texts(texts, convert)
    for number, joined, text in zip(chosen, texts, converted, strict=True):
        if text != joined:
            run = runs[number]
            new[number] = [text] if len(run) == 1 else split_like(run, text)
    return new


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
