"""Unit tests for pelican.plugins.ath.treatment: the order of the steps and the TOC."""

from __future__ import annotations

import dataclasses
from html import escape

import opencc
import pytest
from conftest import SEED, SEED_TITLES
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html
from netease_texts import CURRENT, ENGLISH

from pelican.plugins.ath.readers.text_export import body_to_html, split_header
from pelican.plugins.ath.treatment.options import ArticleOptions
from pelican.plugins.ath.treatment.process import process

_FIELDS = {field.name for field in dataclasses.fields(ArticleOptions)}


def options(**values) -> ArticleOptions:
    """Options for a scraped document with the steps of the spec; later text
    steps (punctuation) off."""
    if "punctuation" in _FIELDS:
        values.setdefault("punctuation", False)
    values.setdefault("scraped", True)
    return ArticleOptions(**values)


TWO_HEADINGS = "<p>引言。</p><h2>一</h2><p>甲。</p><h2>二</h2><p>乙。</p>"


def parse(markup: str) -> etree._Element:
    return lxml_html.fragment_fromstring(markup, create_parent="div")


def top(markup: str) -> list[str]:
    """Top-level element tags."""
    return [child.tag for child in parse(markup)]


def navs(markup: str) -> list[etree._Element]:
    return list(parse(markup).iter("nav"))


def toc_links(markup: str) -> list[tuple[str, str]]:
    (nav,) = navs(markup)
    return [(a.get("href"), a.text_content()) for a in nav.iter("a")]


def headings_of(markup: str) -> list[tuple[str, str]]:
    return [
        (h.get("id"), h.text_content())
        for h in parse(markup).iter("h1", "h2", "h3", "h4", "h5", "h6")
    ]


# --- TOC placement -----------------------------------------------------------------


def test_toc_goes_at_the_marker():
    source = "<p>引言。</p><p>[TOC]</p><h2>一</h2><p>甲。</p><h2>二</h2>"
    result = process(source, options())
    assert top(result.page_html()) == ["p", "nav", "h2", "p", "h2"]
    assert "[TOC]" not in result.page_html()
    assert result.notes == []


def test_toc_goes_at_the_top_without_a_marker():
    result = process(TWO_HEADINGS, options())
    assert top(result.page_html()) == ["nav", "p", "h2", "p", "h2", "p"]
    (nav,) = navs(result.page_html())
    assert nav.get("class") == "toc ath-toc"


def test_toc_goes_before_leading_bare_text():
    result = process("引言<h2>一</h2><h2>二</h2>", options())
    root = parse(result.page_html())
    assert root.text is None or not root.text.strip()
    assert root[0].tag == "nav"
    assert root[0].tail == "引言"


def test_toc_links_match_headings():
    result = process(TWO_HEADINGS, options())
    ids = headings_of(result.html)
    assert [text for _, text in ids] == ["一", "二"]
    assert toc_links(result.page_html()) == [(f"#{i}", text) for i, text in ids]
    assert result.toc_html is not None
    assert result.toc_html.startswith('<nav class="toc ath-toc">')
    assert [node["title"] for node in result.toc_tree] == ["一", "二"]


def test_toc_nests_by_level():
    source = "<h2>一</h2><h3>一甲</h3><h3>一乙</h3><h2>二</h2>"
    result = process(source, options())
    tree = result.toc_tree
    assert [n["title"] for n in tree] == ["一", "二"]
    assert [c["title"] for c in tree[0]["children"]] == ["一甲", "一乙"]
    (nav,) = navs(result.page_html())
    (outer,) = [child for child in nav if child.tag == "ul"]
    first = outer[0]
    (inner,) = [child for child in first if child.tag == "ul"]
    assert [a.text_content() for a in inner.iter("a")] == ["一甲", "一乙"]


@pytest.mark.parametrize(
    ("headings", "minimum", "has_toc"),
    [(1, 2, False), (2, 2, True), (2, 3, False), (3, 3, True), (1, 1, True)],
)
def test_toc_only_with_enough_headings(headings, minimum, has_toc):
    source = "".join(f"<h2>标题{n}</h2><p>正文。</p>" for n in range(headings))
    result = process(source, options(toc_min_headings=minimum))
    assert bool(navs(result.page_html())) is has_toc
    assert not navs(result.html)
    assert (result.toc_html is not None) is has_toc
    # ids are given either way
    assert all(identifier for identifier, _ in headings_of(result.html))


def test_marker_removed_with_a_note_when_too_few_headings():
    result = process("<p>[TOC]</p><h2>一</h2><p>甲。</p>", options())
    assert "[TOC]" not in result.html
    assert top(result.html) == ["h2", "p"]
    assert not navs(result.html)
    assert len(result.notes) == 1
    assert "[TOC]" in result.notes[0]


def test_marker_removed_with_a_note_when_toc_is_off():
    source = "<p>[TOC]</p>" + TWO_HEADINGS
    result = process(source, options(toc=False))
    assert "[TOC]" not in result.html
    assert not navs(result.html)
    assert result.toc_html is None
    assert len(result.notes) == 1
    assert "[TOC]" in result.notes[0]


def test_toc_off_gives_no_nav_and_no_note():
    result = process(TWO_HEADINGS, options(toc=False))
    assert not navs(result.html)
    assert result.notes == []
    assert top(result.html) == ["p", "h2", "p", "h2", "p"]


@pytest.mark.parametrize(
    "source",
    [
        "<p>[TOC]</p><p>[TOC]</p>",
        "<p>[TOC]</p><h2>一</h2><p>[TOC]</p>",
    ],
    ids=["two-markers", "markers-around-heading"],
)
def test_every_marker_goes_when_there_is_no_toc(source):
    result = process(source, options(toc=False))
    assert "[TOC]" not in result.html


def test_marker_inside_a_sentence_is_text():
    source = "<p>写 [TOC] 就有目录。</p><h2>一</h2><h2>二</h2>"
    result = process(source, options())
    assert "写 [TOC] 就有目录。" in result.html
    assert top(result.page_html())[0] == "nav"


# --- the content holds no TOC; its page does ------------------------------------


@pytest.mark.parametrize(
    "source",
    [TWO_HEADINGS, "<p>[TOC]</p>" + TWO_HEADINGS, "<h2>一</h2>", "<p>a</p>"],
)
def test_the_content_holds_no_toc_and_its_page_holds_it_once(source):
    result = process(source, options())
    assert "<nav" not in result.html
    page = result.page_html()
    if result.toc_html is None:
        assert page == result.html
    else:
        assert page.count(result.toc_html) == 1
        assert page.replace(result.toc_html, "") == result.html


def test_a_toc_of_the_documents_own_is_kept_and_none_is_added():
    """A ``nav.toc`` (or Markdown's ``div.toc``) the document already has is
    the author's: it stays, with its text, and no second TOC comes."""
    for own in (
        '<nav class="toc"><p>本站导航：首页</p></nav>',
        '<div class="toc"></div>',
    ):
        result = process(own + TWO_HEADINGS, options())
        assert result.toc_html is None
        assert own.split(">")[0] in result.html
        assert "本站导航" in result.html or "本站导航" not in own


# --- cleaning and conversion in order -------------------------------------------


def test_cleaning_runs_before_the_toc():
    source = (
        '<p><img src=""></p><h2>一</h2><p>![]()</p><p>甲。</p><h2>二</h2>'
        f"<p>乙。{CURRENT}</p><p>{ENGLISH}</p>"
    )
    result = process(source, options())
    assert top(result.html) == ["h2", "p", "h2", "p"]
    assert "特别声明" not in result.html
    assert "Notice" not in result.html
    assert "![]()" not in result.html
    assert "<img" not in result.html
    assert len(result.removals) == 4


def test_clean_off_keeps_everything():
    source = f"<p>![]()</p><p>{CURRENT}</p><h2>一</h2><h2>二</h2>"
    result = process(source, options(clean=False))
    assert "![]()" in result.html
    assert CURRENT in result.html
    assert result.removals == []


def test_user_patterns_are_applied():
    source = "<p>本文来源：观察者网</p><p>正文。</p>"
    result = process(source, options(boilerplate=(r"本文来源：.*",)))
    assert result.html == "<p>正文。</p>"
    assert len(result.removals) == 1


@pytest.mark.parametrize("config", ["s2twp", "s2tw", "t2s"])
def test_script_conversion_reaches_headings_and_toc(config):
    convert = opencc.OpenCC(config).convert
    source = "<h2>鼠标</h2><p><a href='/软件'>软</a>件。</p><h2>軟體</h2>"
    result = process(source, options(script=config))
    expected_titles = [convert("鼠标"), convert("軟體")]
    assert [text for _, text in headings_of(result.html)] == expected_titles
    assert [text for _, text in toc_links(result.page_html())] == expected_titles
    root = parse(result.html)
    (paragraph,) = root.iter("p")
    assert paragraph.text_content() == convert("软件。")
    (link,) = paragraph.iter("a")
    assert lxml_html.fromstring(f'<a href="{link.get("href")}">x</a>').get("href") in {
        "/软件",
        "/%E8%BD%AF%E4%BB%B6",
    }


def test_nothing_to_do_leaves_source_untouched():
    # With cleaning on, every document is parsed (and malformed markup
    # repaired); with nothing to do at all, the source is returned as is.
    source = "<p>Hello&nbsp;<b>world</b>   &amp;  friends</p>\n<p>正文。</p>"
    result = process(source, options(clean=False))
    assert result.html == source
    assert result.toc_html is None
    assert result.removals == []


def test_empty_source():
    result = process("", options(script="s2tw"))
    assert result.html == ""
    assert result.page_html() == ""


# --- the seed, end to end ------------------------------------------------------------


def test_seed_end_to_end():
    _, body = split_header(SEED.read_text(encoding="utf-8"))
    result = process(body_to_html(body), options())
    root = parse(result.page_html())
    assert [child.tag for child in root][:1] == ["nav"]
    assert len(list(root.iter("p"))) == 42
    assert [text for _, text in headings_of(result.html)] == SEED_TITLES
    assert [text for _, text in toc_links(result.page_html())] == SEED_TITLES
    assert ("#理性的退出", "理性的退出") in toc_links(result.page_html())
    text = "".join(root.itertext())
    assert "![]()" not in text
    assert "特別聲明" not in text
    assert "Notice:" not in text
    assert [r.reason for r in result.removals].count("empty image") == 6
    assert len(result.removals) == 8
    assert process(result.html, options()).html == result.html


# --- idempotence -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "opts"),
    [
        (TWO_HEADINGS, options()),
        ("<p>[TOC]</p>" + TWO_HEADINGS, options()),
        ("<p>引言。</p><p>[TOC]</p>" + TWO_HEADINGS, options()),
        ("<p>[TOC]</p><h2>一</h2>", options()),
        ("<p>[TOC]</p>" + TWO_HEADINGS, options(toc=False)),
        (f"<p>正文。{CURRENT}</p><p>{ENGLISH}</p>", options()),
        ("<h2>理性的退出</h2><h2>理性的退出</h2>", options()),
        ("<h2>鼠标</h2><h2>软件</h2>", options(script="s2twp")),
        ("<h2>鼠标</h2><h2>軟體</h2>", options(script="t2s")),
        ("<h2>鼠标</h2><h3>软件</h3><h2>U盘</h2>", options(toc_min_headings=3)),
    ],
)
def test_processing_the_output_again_changes_nothing(source, opts):
    first = process(source, opts)
    second = process(first.html, opts)
    assert second.html == first.html
    assert second.toc_html == first.toc_html
    assert len(navs(second.page_html())) == (0 if first.toc_html is None else 1)


@pytest.mark.parametrize("scraped", [True, False], ids=["scraped", "own"])
@pytest.mark.parametrize("config", ["s2tw", "s2twp"])
@pytest.mark.parametrize(
    "source",
    [
        "<h2>干扰</h2><h2>信号</h2><p>干扰。</p>",
        # mixed script, as scraped text is: a stray Simplified 干扰
        "<p>鐵條干扰信号。</p>",
    ],
    ids=["simplified", "mixed-script"],
)
def test_processing_is_idempotent_with_script_conversion(source, config, scraped):
    # OpenCC's own s2tw maps 干扰 -> 干擾 but 干擾 -> 幹擾, so converting the
    # output again must not run plain OpenCC over already-Traditional text.
    opts = ArticleOptions(scraped=scraped, script=config)
    first = process(source, opts)
    assert process(first.html, opts).html == first.html


@pytest.mark.parametrize(
    "source",
    [
        TWO_HEADINGS,
        "<p>3月16日,阿里巴巴宣布成立Alibaba Token Hub(ATH)事業群。</p>",
        "<p>真的吗?!</p>",
        "<p>好!!</p><h2>一</h2><h2>二</h2>",
    ],
    ids=["headings", "half-width-sentence", "question-exclamation", "double-bang"],
)
def test_processing_is_idempotent_with_the_real_default_options(source):
    scraped = ArticleOptions(scraped=True)
    first = process(source, scraped)
    assert process(first.html, scraped).html == first.html


_TEXT = st.text(st.sampled_from(list("理性的退出ab 1-“”:。鼠标")), max_size=8)
_BLOCK = st.one_of(
    st.tuples(st.sampled_from(["h1", "h2", "h3", "h4"]), _TEXT).map(
        lambda t: f"<{t[0]}>{escape(t[1])}</{t[0]}>"
    ),
    _TEXT.map(lambda text: f"<p>{escape(text)}</p>"),
    st.just('<p><img src=""></p>'),
    st.just("<p>![]()</p>"),
    st.just(f"<p>{CURRENT}</p>"),
)


@settings(max_examples=120, deadline=None)
@given(
    st.lists(_BLOCK, max_size=8),
    st.integers(0, 8),
    st.booleans(),
    st.booleans(),
    st.integers(1, 4),
)
def test_idempotent_for_generated_documents(blocks, marker_at, toc, clean, minimum):
    blocks = list(blocks)
    blocks.insert(min(marker_at, len(blocks)), "<p>[TOC]</p>")
    opts = options(toc=toc, clean=clean, toc_min_headings=minimum)
    first = process("".join(blocks), opts)
    second = process(first.html, opts)
    assert second.html == first.html
    assert "<nav" not in first.html
    assert len(navs(first.page_html())) <= 1


def test_seed_with_the_real_default_options():
    _, body = split_header(SEED.read_text(encoding="utf-8"))
    result = process(body_to_html(body), ArticleOptions())  # told by its residue
    assert result.scraped
    root = parse(result.page_html())
    assert root[0].tag == "nav"
    assert len(list(root.iter("p"))) == 42
    assert len(headings_of(result.html)) == 6
    assert len(toc_links(result.page_html())) == 6
    assert "特別聲明" not in result.html
    assert process(result.html, ArticleOptions()).html == result.html
