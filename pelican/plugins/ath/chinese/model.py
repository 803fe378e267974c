"""Context for OpenCC's one-to-many characters, learned from real prose.

OpenCC picks one Traditional character for a Simplified one by the longest
phrase of its dictionary that matches, even across two words (出现了如下 ->
出現瞭如下, from 了如指掌), and without a phrase by a fixed choice (发 -> 發,
not 髮; but 被发送 -> 被髮送, from 被发). ``script_model.json`` holds, per
region, a decision list learned from real Traditional prose read through
Simplified (``tools/build_script_model.py``): a Simplified context (the
character with up to two neighbours) -> the Traditional character authors
write there. :func:`correct` applies it to OpenCC's output, the most specific
context first; where no rule matches, OpenCC's choice stands.

In mixed text (:mod:`.repair`) the rules decide only in lines (runs) with
no Traditional-only character of the author: in Traditional context the author's character, or the repair's choice, stays.

The model also lists the *words* (pairs) in which a Traditional author writes
a character that is also Simplified beside a Traditional-only one, so that
the repair keeps them as written (:mod:`.repair`): ``words``, written so
nearly always (Hong Kong's 托運), kept everywhere; ``choices``, written so
at least as often as otherwise (發布 beside 發佈), kept in a text where the
repair finds no other stray Simplified character.

Loaded once, on first use, only when a conversion is configured.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_DATA = Path(__file__).with_name("script_model.json")
#: Context templates, specific first: (start, length) relative to the character.
_TEMPLATES = ((-1, 3), (-2, 3), (0, 3), (-1, 2), (0, 2), (0, 1))
#: The configurations each region's model serves.
REGION_OF = {"s2tw": "tw", "s2twp": "tw", "s2hk": "hk", "s2hkp": "hk"}


#: Per character: its templates that have rules, specific first, each with
#: its contexts -> the character authors write.
Index = Mapping[str, tuple[tuple[int, int, Mapping[str, str]], ...]]


@dataclass(frozen=True)
class Model:
    """One region's rules (context key -> character), indexed, and the
    kept words and choices; ``find`` finds the characters that have rules,
    ``pairs`` the starts of pairs that may be either."""

    rules: Mapping[str, str]
    words: frozenset[str]
    choices: frozenset[str]
    index: Index
    find: re.Pattern[str]
    pairs: re.Pattern[str]


@functools.cache
def _data() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(_DATA.read_text(encoding="utf-8"))
    return data


@functools.cache
def model_for(config: str) -> Model | None:
    """The model for a Simplified -> Traditional ``config``, None if there is
    none (``s2t``: OpenCC's own standard, no region's usage)."""
    region = REGION_OF.get(config)
    if region is None or not _DATA.is_file():
        return None
    entry = _data()[region]
    rules: dict[str, str] = dict(entry["rules"])
    words: frozenset[str] = frozenset(entry["words"])
    choices: frozenset[str] = frozenset(entry["choices"])
    found = indexed(rules)
    return Model(
        rules, words, choices, found, finder(found), pair_finder(words | choices)
    )


def indexed(rules: Mapping[str, str]) -> Index:
    """The rules by the character they decide, then by template.

    >>> indexed({"0了如": "了", "1现了": "了"})["了"]
    ((-1, 2, {'现了': '了'}), (0, 2, {'了如': '了'}))
    """
    tables: dict[str, dict[tuple[int, int], dict[str, str]]] = {}
    for name, target in rules.items():
        offset, context = int(name[0]), name[1:]
        template = tables.setdefault(context[offset], {})
        template.setdefault((-offset, len(context)), {})[context] = target
    return {
        character: tuple(
            (start, length, template[start, length])
            for start, length in _TEMPLATES
            if (start, length) in template
        )
        for character, template in tables.items()
    }


def finder(found: Index) -> re.Pattern[str]:
    """One character class of the characters that have rules."""
    return re.compile("[" + "".join(sorted(found)) + "]" if found else "(?!)")


def pair_finder(words: frozenset[str]) -> re.Pattern[str]:
    """The first character of a pair whose characters could make one of
    ``words`` (each word is then looked up).

    >>> [m.start() for m in pair_finder(frozenset({"發布"})).finditer("發布發佈布發")]
    [0]
    """
    if not words:
        return re.compile("(?!)")
    first = "".join(sorted({word[0] for word in words}))
    second = "".join(sorted({word[1] for word in words}))
    return re.compile(f"[{first}](?=[{second}])")


def lookup(rules: Mapping[str, str], simplified: str, index: int) -> str | None:
    """The rule key that decides the character at ``index``, if any.

    >>> lookup({"0了如": "了", "1了如何": "了"}, "了如何", 0)
    '0了如'
    """
    for start, length in _TEMPLATES:
        begin = index + start
        if begin < 0 or begin + length > len(simplified):
            continue
        name = f"{-start}{simplified[begin : begin + length]}"
        if name in rules:
            return name
    return None


def correct(
    simplified: str,
    converted: str,
    rules: Mapping[str, str],
    found: Index | None = None,
    find: re.Pattern[str] | None = None,
    report: bool = False,
    spans: Iterable[tuple[int, int]] | None = None,
) -> tuple[str, list[tuple[str, int]]]:
    """``converted`` (OpenCC's output for ``simplified``, as long) with the
    characters the rules decide otherwise; with ``report``, the rules used
    and where; with ``spans`` ((start, end) pairs), there only. ``find``
    scans the text in C for the characters to decide; only those reach
    Python, and only their templates are looked up.

    >>> correct("出现了如下", "出現瞭如下", {"1现了": "了"})[0]
    '出現了如下'
    """
    if found is None:
        found = indexed(rules)
    if find is None:
        find = finder(found)
    fixed: list[str] | None = None
    used: list[tuple[str, int]] = []
    matches = (
        find.finditer(simplified)
        if spans is None
        else (m for begin, end in spans for m in find.finditer(simplified, begin, end))
    )
    for match in matches:
        index = match.start()
        for start, length, table in found[match.group()]:
            begin = index + start
            if begin < 0:
                continue
            context = simplified[begin : begin + length]
            target = table.get(context)
            if target is None:
                continue
            if report:
                used.append((f"{-start}{context}", index))
            if converted[index] != target:
                if fixed is None:
                    fixed = list(converted)
                fixed[index] = target
            break
    return ("".join(fixed) if fixed is not None else converted), used
