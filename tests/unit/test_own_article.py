"""Unit tests for the blog's own articles: the source scan, edits in place,
and telling scraped content from the blog's own."""

from __future__ import annotations

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from netease_texts import CURRENT

from pelican.plugins.ath.html.source import attributes, scan, start_tags, tokens
from pelican.plugins.ath.html.toc import has_toc
from pelican.plugins.ath.netease.signs import shows_residue
from pelican.plugins.ath.treatment.options import ArticleOptions
from pelican.plugins.ath.treatment.own import process_own, protected_spans
from pelican.plugins.ath.treatment.process import process

S2TW = opencc.OpenCC("s2tw").convert


def runs(source: str) -> list[list[str]]:
    return [[source[start:end] for start, end in run] for run in scan(source).runs]


# --- the scan -------------------------------------------------------------------


def test_runs_join_text_across_inline_tags_and_break_at_blocks():
    source = "<p>鼠<a href='#'>标</a>和<b>键</b>盘</p><p>第二段<br>换行</p>"
    assert runs(source) == [["鼠", "标", "和", "键", "盘"], ["第二段"], ["换行"]]


@pytest.mark.parametrize(
    "source",
    [
        "<pre>代码</pre>",
        "<p><code>代码</code></p>",
        "<kbd>按键</kbd><samp>输出</samp><var>变量</var>",
        "<script>var s = '<p>文字</p>';</script>",
        "<style>p::before { content: '文字' }</style>",
        "<textarea>文字</textarea>",
        "<!-- 注释 <p>文字</p> -->",
        '<span class="math">\\(文字\\)</span>',
        '<div class="inline math">$$文字$$</div>',
        "<math><mi>文字</mi></math>",
        "<svg><text>文字</text></svg>",
    ],
)
def test_code_math_comments_and_raw_text_are_never_prose(source):
    assert runs(source) == []


def test_an_unclosed_code_element_keeps_the_rest_out_of_prose():
    """Conservative: text after an unclosed <code> may be code; it is left as
    written (never converted), as a browser would also read it."""
    assert runs("<p>前<code>代码<p>后") == [["前"]]


def test_stray_end_tags_are_ignored():
    assert runs("<p>甲</i>乙</div>丙</p>") == [["甲", "乙"], ["丙"]]
    # a stray </i> inside code does not end the code
    assert runs("<p><code>代码</i>更多代码</code>后</p>") == [["后"]]


def test_headings_with_their_text_and_where_an_id_goes():
    source = '<h2 class="x">前奏:<code>a</code><a class="headerlink" href="#q">¶</a></h2><h3 id="y">乙&amp;丙</h3>'
    first, second = scan(source).headings
    assert (first.level, first.id, first.title) == (2, None, "前奏:a")
    assert source[: first.id_at] == "<h2"
    assert (second.level, second.id, second.title) == (3, "y", "乙&丙")


def test_attribute_texts_are_alt_and_title_only():
    source = '<img alt="图" src="图.png" title="标题" data-x="不是">'
    found = scan(source)
    assert [source[a:b] for a, b in found.attribute_texts] == ["图", "标题"]


TAG_SOUP = st.lists(
    st.sampled_from(
        [
            '<img src="">',
            "<IMG\nalt=x>",
            "<imgx>",
            "<a title=\"<img src=''>\">",
            "<!-- <img> -->",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "<SCRIPT ",
            "<scriptx>",
            "<style>",
            "<title>",
            "<![CDATA[",
            "<![cdata[",
            "]]>",
            "<!doctype html>",
            "<?x>",
            "</",
            '"',
            "'",
            "<",
            ">",
            "</img>",
            "<p>",
            "文",
        ]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(TAG_SOUP)
def test_start_tags_skipping_pattern_equals_the_tokenizer(source):
    """Up to a raw-text element, start_tags skips from tag to tag with one
    pattern; it finds the same tags as the tokenizer does."""
    expected = [
        (token, attributes(token.attrs))
        for token in tokens(source)
        if token.kind == "start" and token.name == "img"
    ]
    assert list(start_tags(source, "img")) == expected


def test_tokens_cover_tags_comments_and_raw_text():
    source = "<p>a</p><!--c--><script>x<y</script>"
    kinds = [(token.kind, token.name) for token in tokens(source)]
    assert kinds == [
        ("start", "p"),
        ("end", "p"),
        ("other", ""),
        ("start", "script"),
        ("raw", "script"),
        ("end", "script"),
    ]


# --- edits in place ----------------------------------------------------------------

OWN = "<h2>前言</h2>\n<p>阿里云,<b>智能</b>(好)<br>\n下一行</p>\n<h2>前言</h2><p>完</p>"


def test_by_default_nothing_changes():
    result = process_own(OWN, ArticleOptions())
    assert result.html == OWN
    assert result.toc_html is None and result.headings == []


def test_ids_are_written_into_heading_tags_and_nothing_else_moves():
    result = process_own(OWN, ArticleOptions(own=frozenset({"ids"})))
    assert result.html == OWN.replace("<h2>前言", '<h2 id="前言">前言', 1).replace(
        "<h2>前言", '<h2 id="前言-1">前言', 1
    )
    assert result.toc_html is None


def test_ids_avoid_ids_on_the_page_and_the_themes():
    source = '<p id="content">x</p><h2>Content</h2><h2>Menu</h2>'
    result = process_own(
        source,
        ArticleOptions(own=frozenset({"ids"}), reserved_ids=frozenset({"menu"})),
    )
    assert 'id="content-1"' in result.html and 'id="menu-1"' in result.html


def test_a_toc_for_own_content_is_data_with_links_to_the_headings():
    result = process_own(OWN, ArticleOptions(own=frozenset({"toc"})))
    assert "<nav" not in result.html
    assert [node["id"] for node in result.toc_tree] == ["前言", "前言-1"]
    assert result.page_html().startswith('<nav class="toc ath-toc">')


def test_the_toc_goes_where_the_marker_was():
    source = "<p>导言</p>\n<p>[TOC]</p>\n" + OWN
    result = process_own(source, ArticleOptions(own=frozenset({"toc"})))
    assert "[TOC]" not in result.html
    assert result.page_html().startswith("<p>导言</p>\n<nav")


@pytest.mark.parametrize(
    "existing",
    [
        '<div class="toc"><ul></ul></div>',
        '<div class="contents topic" id="contents"></div>',
        '<nav class="contents" role="doc-toc"></nav>',
        '<nav class="toc"><p>本站导航</p></nav>',
        '<div id="TableOfContents"></div>',
    ],
)
def test_an_article_with_a_toc_of_its_own_gets_none(existing):
    assert has_toc(existing)
    result = process_own(existing + OWN, ArticleOptions(own=frozenset({"toc"})))
    assert result.toc_html is None
    assert result.html.startswith(existing)


def test_conversion_changes_only_the_prose():
    source = (
        '<p title="阿里云"><a href="https://x.org/阿里云">阿里云</a> <code>阿里云</code>'
        "中&amp;文 设$b$为实数 \\(P(\\text{正面})\\)</p><pre>阿里云</pre>"
    )
    result = process_own(source, ArticleOptions(script="s2tw"))
    assert result.html == source.replace('title="阿里云"', 'title="阿里雲"').replace(
        ">阿里云</a>", ">阿里雲</a>"
    ).replace("设$b$为实数", "設$b$為實數")


def test_own_punctuation_spares_math_entities_and_code_like_brackets():
    source = "<p>设$b$为实数,P(\\text{正面}),中&amp;文,運算符(?:)</p>"
    result = process_own(source, ArticleOptions(own=frozenset({"punctuation"})))
    assert result.html == (
        "<p>设$b$为实数，P（\\text{正面}），中&amp;文，運算符(?:)</p>"
    )


def test_a_phrase_cut_by_an_inline_tag_converts_as_plain_text():
    source = "<p>鼠<a href='#'>标</a>与U盘</p>"
    converted = opencc.OpenCC("s2twp").convert("鼠标与U盘")
    result = process_own(source, ArticleOptions(script="s2twp"))
    text = result.html.replace("<p>", "").replace("</p>", "")
    assert text.replace("<a href='#'>", "").replace("</a>", "") == converted
    assert "<a href='#'>" in result.html


def test_protected_spans_merge_math_and_entities():
    text = "$a&lt;b$ 与 &amp; 和 \\(x\\)"
    assert [text[a:b] for a, b in protected_spans(text)] == [
        "$a&lt;b$",
        "&amp;",
        "\\(x\\)",
    ]


# --- scraped or own ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "scraped"),
    [
        (f"<p>正文。</p><p>{CURRENT}</p>", True),
        ("<p>正文。</p><p>![]()</p>", True),
        ('<p>正文。<img alt="" src=""></p>', True),
        ("<p>打开网易新闻 查看精彩图片</p><p>正文。</p>", True),
        # signs, but the cleaner removes nothing: the author's own
        (f"<blockquote><p>{CURRENT}</p></blockquote><p>引用了声明。</p>", False),
        ("<p>我在网易工作过。</p>", False),
        ("<pre>![]()</pre>", False),
        ("<script>var t = '<img src=\"\">';</script><p>正文</p>", False),
        ('<p><img id="chart" alt="图表"></p>', False),
        ("<p>特别好,特别声明一下。</p>", False),
    ],
)
def test_residue_that_the_cleaner_confirms_makes_an_article_scraped(source, scraped):
    result = process(source, ArticleOptions())
    assert result.scraped is scraped
    if not scraped:
        assert result.html == source


def test_a_sign_alone_is_no_cost_for_articles_without_one():
    assert not shows_residue("<h2>标题</h2><p>正文，没有任何残留。</p>" * 100)


@pytest.mark.parametrize("scraped", [True, False])
def test_metadata_decides_over_signs(scraped):
    source = f"<h2>一</h2><p>正文。</p><h2>二</h2><p>{CURRENT}</p>"
    result = process(source, ArticleOptions(scraped=scraped))
    assert result.scraped is scraped
    assert (CURRENT in result.html) is not scraped


def test_an_empty_id_is_no_id_on_the_own_route_as_on_the_tree_route():
    """A browser takes ``id=""`` for no id: the heading gets one, and its TOC
    entry, as the tree route gives it."""
    source = '<h2 id="">前言</h2><p>x</p><h2>后记</h2>'
    result = process_own(source, ArticleOptions(own=frozenset({"toc"})))
    assert result.html == '<h2 id="前言">前言</h2><p>x</p><h2 id="后记">后记</h2>'
    assert [node["id"] for node in result.toc_tree] == ["前言", "后记"]


def test_a_heading_of_images_only_is_titled_by_their_alt_text_as_on_the_tree_route():
    source = '<h2><img src="a.png" alt="封&amp;面"></h2><h2>后记</h2>'
    result = process_own(source, ArticleOptions(own=frozenset({"toc"})))
    assert [node["title"] for node in result.toc_tree] == ["封&面", "后记"]
    assert result.html.startswith('<h2 id="封面">')


@pytest.mark.parametrize("toc", [True, False])
def test_own_toc_markers_are_those_of_the_tree_route(toc):
    """The first ``[TOC]`` paragraph takes the TOC, the others go; without a
    TOC (too few headings) every marker goes, with a note; a marker in a
    comment or of other case is text."""
    headings = "<h2>甲</h2><h2>乙</h2>" if toc else "<h2>甲</h2>"
    source = f"<p>[TOC]</p><!--<p>[TOC]</p>--><p>[toc]</p><P> [TOC] </P>{headings}"
    result = process_own(source, ArticleOptions(own=frozenset({"toc"})))
    assert result.html.startswith("<!--<p>[TOC]</p>--><p>[toc]</p>")
    assert result.html.count("[TOC]") == 1
    assert bool(result.toc_html) is toc and bool(result.notes) is not toc
