"""Whether a written site is in one script: the text of its pages and
feeds, outside code, that converting again would change."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import opencc
from lxml import etree
from lxml import html as lxml_html

#: Text that a script's conversion leaves as it is, in code and out.
_OUTSIDE_CODE = (
    "//text()[not(ancestor::code) and not(ancestor::pre) and "
    "not(ancestor::script) and not(ancestor::style)] | //@title | //@alt"
)


@functools.cache
def opencc_converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def texts(path: Path) -> Iterator[str]:
    """The text of a written page or feed (a feed's entries parsed as HTML),
    outside code."""
    if path.suffix == ".xml":
        for text in etree.fromstring(path.read_bytes()).itertext():
            if "<" in text:
                yield from lxml_html.fromstring(text).xpath(_OUTSIDE_CODE)
            else:
                yield text
    else:
        yield from lxml_html.fromstring(path.read_text("utf-8")).xpath(_OUTSIDE_CODE)


def not_in_script(path: Path, config: str) -> set[str]:
    """The characters of a written file that ``config`` would change."""
    convert = opencc_converter(config).convert
    changed = set()
    for text in texts(path):
        converted = convert(text)
        if converted != text:
            changed |= {a for a, b in zip(text, converted, strict=False) if a != b}
    return changed


def written(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*") if p.suffix in (".html", ".xml"))
