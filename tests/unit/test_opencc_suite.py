"""OpenCC's own upstream test suite, run through the plugin's HTML conversion.

../shared/opencc/testcases.json: 243 cases, 556 input/config pairs from the
opencc 1.4.2 source distribution. Each input is put into a paragraph, plain
and cut by inline tags at arbitrary points; the converted paragraph's text must
equal OpenCC's expected output, with the inline tags still there: with the
plugin's default settings (the repair of stray Simplified characters on) and
with OpenCC alone (``ATH_KEEP_TRADITIONAL = False``).
"""

from __future__ import annotations

import json
import random
import re
from html import escape

import pytest
from conftest import shared_file
from lxml import html as lxml_html

from pelican.plugins.ath.treatment.options import ArticleOptions
from pelican.plugins.ath.treatment.process import process

#: Skips the whole module in a checkout without ../shared.
SUITE = shared_file("opencc/testcases.json")
INLINE_TAGS = ("a", "strong", "em", "span", "b")


def load_pairs() -> list[tuple[str, str, str, str]]:
    raw = SUITE.read_text(encoding="utf-8")
    data = json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))
    return [
        (case["id"], config, case["input"], expected)
        for case in data["cases"]
        for config, expected in case["expected"].items()
    ]


PAIRS = load_pairs()


#: The plugin's default, and OpenCC alone.
KEEP_TRADITIONAL = [ArticleOptions().keep_traditional, False]


def convert(markup: str, config: str, keep_traditional: bool) -> lxml_html.HtmlElement:
    options = ArticleOptions(
        clean=False,
        toc=False,
        script=config,
        punctuation=False,
        keep_traditional=keep_traditional,
    )
    return lxml_html.fragment_fromstring(process(markup, options).html, "div")


def cut_by_tags(text: str, rng: random.Random) -> str:
    """``text`` with a few spans wrapped in inline tags at random points."""
    points = sorted(rng.sample(range(1, len(text)), min(4, len(text) - 1)))
    pieces, start = [], 0
    for number, point in enumerate([*points, len(text)]):
        piece = escape(text[start:point])
        if number % 2:
            tag = rng.choice(INLINE_TAGS)
            href = ' href="#x"' if tag == "a" else ""
            piece = f"<{tag}{href}>{piece}</{tag}>"
        pieces.append(piece)
        start = point
    return "".join(pieces)


def test_the_suite_is_all_there():
    assert len(PAIRS) == 556
    assert len({case_id for case_id, *_ in PAIRS}) == 243


def test_the_default_is_to_keep_traditional():
    assert KEEP_TRADITIONAL[0] is True


@pytest.mark.parametrize("keep_traditional", KEEP_TRADITIONAL)
@pytest.mark.parametrize(("case_id", "config", "text", "expected"), PAIRS)
def test_plain_paragraph_converts_like_opencc(
    case_id, config, text, expected, keep_traditional
):
    root = convert(f"<p>{escape(text)}</p>", config, keep_traditional)
    assert root.text_content() == expected


@pytest.mark.parametrize("keep_traditional", KEEP_TRADITIONAL)
@pytest.mark.parametrize(("case_id", "config", "text", "expected"), PAIRS)
def test_paragraph_cut_by_inline_tags_converts_like_opencc(
    case_id, config, text, expected, keep_traditional
):
    rng = random.Random(f"{case_id}/{config}")
    markup = cut_by_tags(text, rng)
    root = convert(f"<p>{markup}</p>", config, keep_traditional)
    assert root.text_content() == expected
    source_tags = [el.tag for el in lxml_html.fragment_fromstring(markup, "p").iter()]
    assert [el.tag for el in root.xpath("./p")[0].iter()] == source_tags


def changed_characters(config: str, keep_traditional: bool) -> tuple[int, int]:
    """Characters changed when the suite's clean ``config`` outputs (already
    Traditional) are converted again with ``config``; and how many there are."""
    changed = total = 0
    for _, pair_config, _, expected in PAIRS:
        if pair_config != config:
            continue
        again = convert(f"<p>{escape(expected)}</p>", config, keep_traditional)
        text = again.text_content()
        total += len(expected)
        changed += sum(a != b for a, b in zip(text, expected, strict=False))
        changed += abs(len(text) - len(expected))
    return changed, total


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
def test_keep_traditional_leaves_clean_traditional_alone(config):
    """The goal: at most 1 character in 1,000 of clean Traditional text changed
    (OpenCC alone changes 35/2,807 with s2t, 13/1,553 with s2tw, 6/1,151 with
    s2hk; the plugin 1 each: 幺麼小丑, whose phrase OpenCC only finds with the
    Traditional 麼 in it)."""
    plain, total = changed_characters(config, keep_traditional=False)
    kept, _ = changed_characters(config, keep_traditional=True)
    assert plain > 0  # OpenCC alone does damage clean Traditional text
    assert kept < plain and kept * 1000 <= total
