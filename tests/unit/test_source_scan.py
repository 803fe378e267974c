"""How the plugin reads markup and prose: attribute and tag names in any
case, the source scan read as a browser reads HTML (``<template>``,
``<!-->``, mismatched heading end tags), URLs written in prose (in real
builds: ``site/test_source_scan_site.py``)."""

from __future__ import annotations

import pytest
from browser import browser_headings, browser_text
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pelican.plugins.ath.html.source import scan
from pelican.plugins.ath.treatment.options import ArticleOptions
from pelican.plugins.ath.treatment.process import process


def runs(source: str) -> list[list[str]]:
    return [[source[start:end] for start, end in run] for run in scan(source).runs]


# --- 1. attribute and tag names in any case --------------------------------------


def test_upper_case_attributes_in_the_scan():
    source = (
        '<H2 ID="intro">甲</H2><h3 Id=b>乙</h3><P>丙<SPAN CLASS="math">丁</SPAN></P>'
    )
    found = scan(source)
    assert [heading.id for heading in found.headings] == ["intro", "b"]
    assert runs(source) == [["甲"], ["乙"], ["丙"]]  # the math is not prose


@pytest.mark.parametrize("scraped", [False, True])
def test_upper_case_alt_is_converted_like_alt(scraped):
    options = ArticleOptions(scraped=scraped, script="s2tw")
    html = process('<p>云<IMG SRC="a.png" ALT="云计算"></p>', options).html
    assert "雲計算" in html


# --- 2. the source scan reads HTML as a browser does ------------------------------


def scanned_headings(source: str) -> list[tuple[int, str]]:
    return [(heading.level, heading.title) for heading in scan(source).headings]


SOURCES = [
    "<template><h2>模板</h2></template><h2>一</h2>",
    "<h2>一<template><h3>模板</h3>字</template>二</h2>",
    "<h2>一</h3><p>正文很长</p><h2>二</h2>",
    "<h3>一</h2>正文<h4>二</h6>",
    "<h2>一<h3>二</h3>正文",
    "<h2>一<span><h3>二</h3></span>三</h2>",
    "<span><h2>一</span>二</h2>三",
    "<table><tr><td><h2>一</td></tr></table>正文<h2>二</h2>",
    "<!--><h2>一</h2>",
    "<!---><h2>一</h2>",
    "<!----><h2>一</h2>",
    "<!-- <h2>注释</h2> --!><h2>一</h2>",
    "<h2>一<!-->二</h2>",
]


@pytest.mark.parametrize("source", SOURCES)
def test_headings_are_those_a_browser_reads(source):
    assert scanned_headings(source) == browser_headings(source)


@pytest.mark.parametrize("source", SOURCES)
def test_prose_is_text_a_browser_shows(source):
    prose = "".join("".join(piece) for piece in runs(source))
    assert prose == browser_text(source).replace(" ", "")


_PIECES = [
    "<h2>", "<h3>", "</h2>", "</h3>", "<span>", "</span>", "<div>", "</div>",
    "<template>", "</template>", "<!-->", "<!--->", "<!--", "-->", "甲", "乙", "丙",
]  # fmt: skip


def _end_tag_in_template(pieces: list[str]) -> bool:
    """Whether an end tag comes inside a template but the template's own
    while it is the current node: html5lib 1.1 reads those unlike the
    standard (it lets ``</h2>`` close an ``h2`` outside the template, and
    ``</template>`` with an element open inside is ignored)."""
    stack: list[str] = []
    comment = False
    for piece in pieces:
        if comment:
            comment = "-->" not in piece
        elif piece == "<!--":
            comment = True
        elif "template" in stack and piece.startswith("</"):
            if piece != "</template>" or stack[-1] != "template":
                return True
            stack.pop()
        elif piece.startswith("<") and piece[1:2].isalpha():
            stack.append(piece[1:-1])
    return False


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_headings_agree_with_a_browser_for_any_markup(pieces):
    source = "".join(pieces)
    assume(not _end_tag_in_template(pieces))
    assert scanned_headings(source) == browser_headings(source)
    prose = "".join("".join(piece) for piece in runs(source))
    assert prose == browser_text(source)


# --- 3. URLs written in prose -----------------------------------------------------

WIKI = "https://zh.wikipedia.org/wiki/云计算"
PROSE_URLS = (
    f"云计算见{WIKI}，或www.example.cn/下载/软件?版本=1，注意(http://a.cn/b_(c)),好"
)
#: The same, as the conversion and punctuation leave it.
CONVERTED = (
    f"雲計算見{WIKI}，或www.example.cn/下载/软件?版本=1，注意(http://a.cn/b_(c))，好"
)


def test_urls_in_prose_are_found_by_one_rule():
    from pelican.plugins.ath.chinese.urls import url_spans

    found = [PROSE_URLS[start:end] for start, end in url_spans(PROSE_URLS)]
    assert found == [WIKI, "www.example.cn/下载/软件?版本=1", "http://a.cn/b_(c)"]


@pytest.mark.parametrize(
    "options",
    [
        ArticleOptions(scraped=True, script="s2tw"),
        ArticleOptions(scraped=False, script="s2tw", own=frozenset({"punctuation"})),
    ],
    ids=["scraped", "own"],
)
@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (f"<p>{PROSE_URLS}</p>", f"<p>{CONVERTED}</p>"),  # flat
        (f"<p><b>软件</b>{PROSE_URLS}</p>", f"<p><b>軟件</b>{CONVERTED}</p>"),
        (  # a URL cut by an inline tag is one URL still
            "<p>云计算见https://zh.wikipedia.org/<b>wiki</b>/云计算，好</p>",
            "<p>雲計算見https://zh.wikipedia.org/<b>wiki</b>/云计算，好</p>",
        ),
        (  # an entity inside the URL
            "<p>云见www.a.cn/?q=云&amp;r=1,好</p>",
            "<p>雲見www.a.cn/?q=云&amp;r=1，好</p>",
        ),
    ],
    ids=["flat", "inline", "cut", "entity"],
)
def test_urls_in_prose_are_never_converted_on_any_route(options, markup, expected):
    assert process(markup, options).html == expected


def test_a_title_keeps_its_url():
    from pelican.plugins.ath.treatment.process import convert_markup
    from pelican.plugins.ath.treatment.result import text_transform

    convert = text_transform("s2tw", punctuation=True)
    assert convert is not None
    assert convert_markup(f"云:{WIKI}", convert) == f"雲：{WIKI}"
    assert convert_markup(f"<b>云</b>:{WIKI}", convert) == f"<b>雲</b>：{WIKI}"
