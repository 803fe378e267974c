"""Repair stray Simplified characters in Traditional text (``ATH_KEEP_TRADITIONAL``).

A scraped Traditional article often keeps Simplified characters that are also
Traditional characters (阿里云, 老板, 周期, 注冊). OpenCC alone misses many of
them: its phrases are keyed in Simplified, so 注册 -> 註冊 never matches when
the neighbour is already Traditional (注冊). And it damages clean Traditional
text where a character reads differently on its own (干擾 -> 幹擾).

The repair reads the text through Simplified, where that is safe:

1. each Traditional character that the configuration leaves as it is gets
   its Simplified form (冊 -> 册), so OpenCC's phrases see their context
   again (注册 -> 註冊, 干扰 -> 干擾); Simplified characters, and the ones
   OpenCC converts itself (麽, 裏 in Taiwan), stay as written;
2. the configuration converts that text back;
3. where a character the author wrote in Traditional came back as another
   character (核準 -> 核准, 回復 -> 回覆), not as its regional variant
   (線 -> 綫 in Hong Kong), the author's character is kept, and its line is
   read again with it, so the phrases around it see what the author wrote
   (吃茶小舖 -> 喫茶小舖).

Nothing changes length with ``s2t``, ``s2tw`` and ``s2hk``. The ``p``
configurations (``s2twp``, ``s2hkp``) also change vocabulary (權限 -> 許可權):
the repair is worked out with ``s2tw``/``s2hk``, then the ``p`` configuration
converts the text as read for it (Simplified, with the author's characters
kept where they must be).
"""

from __future__ import annotations

import functools
import json
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from .charclass import HAN_BLOCKS
from .model import correct, model_for

Converter = Callable[[str], str]

#: Simplified -> Traditional configurations, and the one that reads each back.
READ_BACK = {
    "s2t": "t2s",
    "s2tw": "tw2s",
    "s2twp": "tw2s",
    "s2hk": "hk2s",
    "s2hkp": "hk2s",
}
#: The configuration whose characters are only regional variants of OpenCC's
#: standard Traditional ones (线 -> 線 or 綫 is the same character).
_VARIANTS = {"s2tw": "t2tw", "s2twp": "t2tw", "s2hk": "t2hk", "s2hkp": "t2hk"}
#: Configurations that also change vocabulary (and lengths): the repair is
#: worked out with the configuration without it; the configuration itself then
#: converts the text as read for the repair (Simplified, but for the author's
#: characters that must be kept).
_WITHOUT_VOCABULARY = {"s2twp": "s2tw", "s2hkp": "s2hk"}
#: The Han characters whose conversions are tabulated: those of the Basic
#: Multilingual Plane, as (start, stop) ranges.
_HAN_RANGES = tuple((first, last + 1) for first, last in HAN_BLOCKS if last < 0x10000)
#: Characters compared at a time by :func:`simplified_and_changed`.
_SLICE = 1 << 18
#: A byte -> its lowest bit (bytes.translate table).
_BIT_0 = bytes(value & 1 for value in range(256))


@functools.cache
def opencc_converter(config: str) -> Converter:
    """OpenCC's own converter for ``config``: built once per process, when a
    document first needs it (a build that converts nothing loads no OpenCC)."""
    import opencc

    return opencc.OpenCC(config).convert


@functools.cache
def _share() -> Path:
    """Where the binding keeps OpenCC's configurations and dictionaries."""
    import opencc

    return Path(opencc.__file__).parent / "clib" / "share" / "opencc"


def _resolve_files(node: object, folder: Path) -> object:
    """A config with each dictionary ``file`` made absolute: in ``folder`` if
    it is there, else among OpenCC's own dictionaries."""
    if isinstance(node, dict):
        return {
            key: str(folder / value if (folder / value).exists() else _share() / value)
            if key == "file"
            else _resolve_files(value, folder)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_resolve_files(item, folder) for item in node]
    return node


def build_converter(
    config: Mapping[str, object], texts: Mapping[str, str] | None = None
) -> Converter:
    """An OpenCC converter for ``config`` given as data; ``texts`` are the text
    dictionaries it names (file name -> content). They live in a temporary
    folder only while OpenCC reads them."""
    with tempfile.TemporaryDirectory(prefix="pelican-ath-") as name:
        folder = Path(name)
        for file_name, text in (texts or {}).items():
            (folder / file_name).write_text(text, encoding="utf-8")
        path = folder / "config.json"
        resolved = _resolve_files(config, folder)
        path.write_text(json.dumps(resolved, ensure_ascii=False), encoding="utf-8")
        import opencc

        return opencc.OpenCC(str(path)).convert


@functools.cache
def unsegmented(config: str) -> Converter:
    """``config`` converting each line as one run, without OpenCC's
    segmentation pass: for a configuration without vocabulary the same phrases
    match, in less time."""
    path = _share() / f"{config}.json"
    if not path.is_file():  # a binding laid out otherwise: OpenCC as it is
        return opencc_converter(config)
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("segmentation", None)
    return build_converter(data)


def character_table(
    convert: Converter, characters: list[str] | None = None
) -> dict[str, str]:
    """What ``convert`` makes of each of ``characters`` (default: every Han
    character of the BMP) on its own, in one call.

    >>> character_table(lambda text: text.replace("云", "雲"))["云"]
    '雲'
    """
    if characters is None:
        characters = [
            chr(code) for start, end in _HAN_RANGES for code in range(start, end)
        ]
    converted = convert("\n".join(characters)).split("\n")
    return dict(zip(characters, converted, strict=True))


def simplifications(forward: str, back: str) -> dict[str, str]:
    """Traditional character -> its Simplified form, for the characters that
    ``forward`` leaves as they are and ``back`` reads as another character.

    >>> table = simplifications("s2tw", "tw2s")
    >>> table["冊"], table["擾"], table["髮"]
    ('册', '扰', '发')
    >>> "麽" in table, "册" in table  # OpenCC converts 麽 itself; 册 is Simplified
    (False, False)
    """
    read_back = character_table(opencc_converter(back))
    changed = {
        character: simplified
        for character, simplified in read_back.items()
        if len(simplified) == 1 and simplified != character
    }
    kept = character_table(opencc_converter(forward), list(changed))
    return {
        character: simplified
        for character, simplified in changed.items()
        if kept[character] == character
    }


def simplifier(simplify: Mapping[str, str]) -> Converter:
    """Character-by-character conversion with ``simplify``, in C."""
    dictionary = "".join(f"{key}\t{value}\n" for key, value in sorted(simplify.items()))
    config = {
        "name": "pelican-ath: Traditional characters read through Simplified",
        "conversion_chain": [{"dict": {"type": "text", "file": "simplify.txt"}}],
    }
    return build_converter(config, {"simplify.txt": dictionary})


def simplified_and_changed(text: str, simplified: str, converted: str) -> list[int]:
    """Indexes where ``simplified`` and ``converted`` both differ from ``text``
    (three equally long texts), found in C: the texts are compared as big
    integers, four bytes a character, a slice of ``_SLICE`` characters at a
    time (so memory stays bounded).

    >>> simplified_and_changed("核準冊冊", "核准册册", "核准冊册")
    [1, 3]
    """
    found: list[int] = []
    for start in range(0, len(text), _SLICE):
        end = start + _SLICE
        original = _as_number(text[start:end])
        both = _any_bit(original ^ _as_number(simplified[start:end])) & _any_bit(
            original ^ _as_number(converted[start:end])
        )
        if not both:
            continue
        flags = both.to_bytes(4 * len(text[start:end]), "little")[0::4]
        flags = flags.translate(_BIT_0)
        index = flags.find(1)
        while index >= 0:
            found.append(start + index)
            index = flags.find(1, index + 1)
    return found


def unchanged_lines(text: str, simplified: str) -> list[tuple[int, int]]:
    r"""The (start, end) of each line that reads through Simplified as it is
    written (no Traditional-only character); the texts are equally long.

    >>> unchanged_lines("了\n冊了\n只", "了\n册了\n只")
    [(0, 1), (5, 6)]
    """
    spans, position = [], 0
    for line, read in zip(text.split("\n"), simplified.split("\n"), strict=True):
        end = position + len(line)
        if line == read:
            spans.append((position, end))
        position = end + 1
    return spans


def _as_number(text: str) -> int:
    return int.from_bytes(text.encode("utf-32-le"), "little")


def _any_bit(number: int) -> int:
    """Bit 0 of each 32-bit character is set where any of its bits is (the
    other bits are left undefined)."""
    for shift in (16, 8, 4, 2, 1):
        number |= number >> shift
    return number


def _by_line(
    text: str,
    simplified: str,
    converted: str,
    indexes: list[int],
    redo: Callable[[str, str, str, list[int]], tuple[str, str]],
) -> tuple[str, str]:
    r"""``converted`` and ``simplified`` with each line that holds some of
    ``indexes`` (sorted) replaced by what ``redo(text line, simplified line,
    converted line, indexes in the line)`` gives for them.

    >>> _by_line("ab\ncd\nef", "ab\ncd\nef", "AB\nCD\nEF", [0, 7],
    ...          lambda t, s, c, i: (f"<{c}{i}>", s.upper()))
    ('<AB[0]>\nCD\n<EF[1]>', 'AB\ncd\nEF')
    """
    converted_pieces, simplified_pieces = [], []
    done, position = 0, 0
    while position < len(indexes):
        start = text.rfind("\n", 0, indexes[position]) + 1
        end = text.find("\n", indexes[position])
        end = len(text) if end < 0 else end
        in_line = []
        while position < len(indexes) and indexes[position] < end:
            in_line.append(indexes[position] - start)
            position += 1
        line_converted, line_simplified = redo(
            text[start:end], simplified[start:end], converted[start:end], in_line
        )
        converted_pieces += [converted[done:start], line_converted]
        simplified_pieces += [simplified[done:start], line_simplified]
        done = end
    converted_pieces.append(converted[done:])
    simplified_pieces.append(simplified[done:])
    return "".join(converted_pieces), "".join(simplified_pieces)


@functools.cache
def repairing_converter(config: str) -> Converter:
    """The converter for a Simplified -> Traditional ``config`` (a key of
    ``READ_BACK``) that repairs stray Simplified characters and keeps the
    author's Traditional ones (see the module's docstring). Built once per
    process; linear in its input; each line converts on its own.

    >>> repairing_converter("s2tw")("老板的周期：注冊、複制、干擾")
    '老闆的週期：註冊、複製、干擾'
    """
    base = _WITHOUT_VOCABULARY.get(config, config)
    regional_config = _VARIANTS.get(base)
    simplify = simplifier(simplifications(base, READ_BACK[config]))
    forward = unsegmented(base)
    regional = opencc_converter(regional_config) if regional_config else None
    with_vocabulary = opencc_converter(config) if base != config else None
    model = model_for(config)

    def in_context(simplified: str, converted: str, text: str) -> str:
        """``converted`` with the model's characters in the lines without a
        Traditional-only character of the author (:mod:`.model`); in the
        others the author's characters, or the repair's choices, stay."""
        if model is None:
            return converted
        return correct(
            simplified,
            converted,
            model.rules,
            model.index,
            model.find,
            spans=None if text == simplified else unchanged_lines(text, simplified),
        )[0]

    def keep_words(text: str, first: str, simplified: str, converted: str) -> str:
        """The author's character that is also Simplified, beside a
        Traditional-only one, in a word real Traditional prose writes so,
        kept as written: a *word* (Hong Kong's 托運) always, a *choice*
        (發布, written as often as 發佈) where the repair finds no other
        stray Simplified character in the text (``first``: the text read
        through Simplified)."""
        if model is None or not (model.words or model.choices) or text == simplified:
            return converted
        words: list[int] = []
        choices: list[int] = []
        for match in model.pairs.finditer(text):
            start = match.start()
            pair = text[start : start + 2]
            if pair in model.words:
                found = words
            elif pair in model.choices:
                found = choices
            else:
                continue
            for shared, other in ((start, start + 1), (start + 1, start)):
                if (
                    text[shared] == simplified[shared]
                    and text[other] != simplified[other]
                    and not same(converted[shared], text[shared])
                ):
                    found.append(shared)
        if choices and other_strays(text, first, converted, set(choices)):
            choices = []
        if not words and not choices:
            return converted
        fixed = list(converted)
        for index in words + choices:
            fixed[index] = text[index]
        return "".join(fixed)

    def other_strays(text: str, first: str, converted: str, chosen: set[int]) -> bool:
        """Whether the repair changed a character the author wrote as it
        reads in Simplified (a stray Simplified one), other than at
        ``chosen``, in a line with a Traditional-only character: the lines
        are compared whole (in C), and only those the repair changed are
        read a character at a time; the first stray ends the search."""
        start = 0
        for line, read, out in zip(
            text.split("\n"), first.split("\n"), converted.split("\n"), strict=True
        ):
            if line != read and line != out:
                for index in simplified_and_changed(line, out, out):
                    if (
                        start + index not in chosen
                        and line[index] == read[index]
                        and not same(out[index], line[index])
                    ):
                        return True
            start += len(line) + 1
        return False

    @functools.lru_cache(maxsize=4096)
    def region(character: str) -> str:
        return regional(character) if regional else character

    def same(first: str, second: str) -> bool:
        """Two characters, or regional forms of one (裏, 裡)."""
        return first == second or region(first) == region(second)

    def keep_authors(
        text: str, simplified: str, converted: str, changed: list[int]
    ) -> tuple[str, str]:
        """One line whose author's characters at ``changed`` came back as
        others: read again with them (also for ``with_vocabulary``)."""
        expected = regional(text) if regional else text
        if len(expected) != len(text):
            expected = text
        wrong = [
            index for index in changed if not same(converted[index], expected[index])
        ]
        if not wrong:
            return converted, simplified
        kept = list(simplified)
        for index in wrong:
            kept[index] = text[index]
        again = forward("".join(kept))
        if len(again) != len(text):
            again = converted
        fixed = list(again)
        for index in simplified_and_changed(text, simplified, again):
            if not same(again[index], expected[index]):
                fixed[index], kept[index] = expected[index], text[index]
        return "".join(fixed), "".join(kept)

    def convert(text: str) -> str:
        simplified = first = simplify(text)
        converted = forward(simplified)
        if not len(text) == len(simplified) == len(converted):
            return opencc_converter(config)(text)  # not for these configurations
        changed = [
            index
            for index in simplified_and_changed(text, simplified, converted)
            if not same(converted[index], text[index])
        ]
        if changed:
            converted, simplified = _by_line(
                text, simplified, converted, changed, keep_authors
            )
        # the model decides in lines the lines above left alone (they hold
        # no Traditional-only character)
        repaired = converted
        converted = keep_words(
            text, first, simplified, in_context(first, converted, text)
        )
        if not with_vocabulary:
            return converted
        chosen = simplified_and_changed(repaired, converted, converted)
        if not chosen:
            return with_vocabulary(simplified)
        # the model's and the kept characters, Traditional, stay as they are
        read = list(simplified)
        for index in chosen:
            read[index] = converted[index]
        out = with_vocabulary("".join(read))
        if len(out) != len(text):
            return out
        # where the vocabulary left the repair's character, the chosen one
        fixed = list(out)
        for index in chosen:
            if out[index] == repaired[index]:
                fixed[index] = converted[index]
        return "".join(fixed)

    return convert
