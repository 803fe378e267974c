"""One crafted file must not stop a site: every step is linear in its input.

One test per row of the denial-of-service table in docs/reliability.md, at a
size that a superlinear step would need minutes (or centuries) for; the
deadline is far above what the linear step takes.
"""

from __future__ import annotations

import pytest
from linear import deadline, scaling

from pelican.plugins.ath.html import headings
from pelican.plugins.ath.netease import clipper as exporter
from pelican.plugins.ath.netease.page import parse_page
from pelican.plugins.ath.readers.precleaned import preclean
from pelican.plugins.ath.treatment.options import ArticleOptions
from pelican.plugins.ath.treatment.process import process

PLAIN = ArticleOptions(scraped=True, punctuation=False)
SIMPREAD = "> 本文由 [简悦 SimpRead](http://ksria.com/simpread/) 转码， 原文地址 [www.163.com](https://www.163.com/dy/article/X.html)\n\n"
FIRECRAWL = (
    "[网易首页](https://www.163.com/)\n\n# 标题\n\n2026-06-18 10:34:36　来源: 某某\n\n"
    "正文第一段。\n\n{line}\n\n正文最后一段。\n\n"
    "[返回网易首页](https://www.163.com/)\n"
)


def test_deeply_nested_quote_line_in_clipper_markdown():
    line = "> " * 40 + "x"  # each level doubled the work: 2^40 steps
    with deadline(10, "a line of 40 nested '> '"):
        simpread = exporter.clean_export(SIMPREAD + "**正文。**\n\n" + line + "\n")
        firecrawl = exporter.clean_export(FIRECRAWL.format(line=line))
    assert line in simpread.markdown
    assert line in firecrawl.markdown


def test_heading_line_with_a_long_run_of_spaces_in_clipper_markdown():
    line = "# a" + " " * 20_000 + "b"  # cubic: 8e12 steps
    with deadline(10, "'# a' + 20,000 spaces + 'b'"):
        export = exporter.clean_export(SIMPREAD + line + "\n\n正文。\n")
    assert export.metadata["title"] == "a b"  # spaces collapsed, as in any title


def test_long_runs_of_brackets_in_clipper_markdown():
    text = "[" * 100_000 + "\n\n" + "![" * 100_000
    with deadline(10, "100,000 '[' in clipper Markdown"):
        simpread = exporter.clean_export(SIMPREAD + text + "\n\n正文。\n")
        firecrawl = exporter.clean_export(FIRECRAWL.format(line=text))
    assert "[" * 100_000 in simpread.markdown
    assert "![" * 100_000 in firecrawl.markdown


@pytest.mark.parametrize("unit", ["[a](b", "![a](b", "[a](<b"])
def test_link_tails_without_end_in_clipper_markdown(unit):
    run = unit * 20_000  # 100 KB: 70 s when each "](" read the rest of the line
    with deadline(10, f"20,000 {unit!r} in clipper Markdown"):
        simpread = exporter.clean_export(SIMPREAD + "**正文。**\n\n" + run + "\n")
        firecrawl = exporter.clean_export(FIRECRAWL.format(line=run))
    assert run in simpread.markdown
    assert run in firecrawl.markdown


def test_saved_page_with_deeply_nested_divs():
    depth = 20_000  # 110 KB: over 5 minutes when each <div> was walked again
    page = (
        '<html><head><link rel="canonical" href="https://www.163.com/dy/article/X.html">'
        '<title>标题_网易订阅</title></head><body><h1 class="post_title">标题</h1>'
        '<div class="post_body"><p>前言。</p>'
        + "<div>" * depth
        + "深處的文字"
        + "</div>" * depth
        + "<p>之後的段落</p></div></body></html>"
    )
    with deadline(60, f"a saved page with {depth:,} nested <div>"):
        found = parse_page(page)
    assert found is not None
    assert "深處的文字" in found.body and "之後的段落" in found.body


def test_saved_page_walk_scales_linearly():
    def make(depth: int):
        page = (
            '<html><head><link rel="canonical" href="https://www.163.com/a.html">'
            '</head><body><div class="post_body"><p>前言。</p>'
            + "<div><p>段落<b>粗</b></p>" * depth
            + "</div>" * depth
            + "</div></body></html>"
        )
        return lambda: parse_page(page)

    assert scaling(make, 200) <= 5


def test_literal_image_marks_without_end():
    text = "<p>" + "![" * 200_000 + "</p>"  # quadratic: > 2 minutes at 160k
    with deadline(10, "200,000 '![' in a paragraph"):
        result = process(text, PLAIN)
    assert "![" * 200_000 in result.html


@pytest.mark.parametrize(
    "options",
    [PLAIN, ArticleOptions(scraped=False, own=frozenset({"ids"}))],
    ids=["scraped", "own"],
)
def test_many_duplicate_headings(options):
    count = 50_000  # quadratic: 16k took 50 s
    with deadline(60, f"{count:,} headings with the same text"):
        result = process("<h2>图片</h2><p>文字</p>" * count, options)
    assert result.html.count('id="图片-49999"') == 1


def test_unique_is_constant_time_per_call():
    def make(count: int):
        def run():
            used = headings.UsedIds()
            for _ in range(count):
                headings.unique("图片", used)

        return run

    assert scaling(make, 2_000) <= 5


def test_catastrophic_user_pattern():
    options = ArticleOptions(
        scraped=True, punctuation=False, boilerplate=(r"本文来源(\w+)+",)
    )
    paragraph = "本文来源" + "a" * 60 + "!"  # x4 per two characters: 2^60 steps
    with deadline(10, "ATH_BOILERPLATE = [r'本文来源(\\w+)+']"):
        result = process(f"<p>正文。</p><p>{paragraph}</p><p>本文来源網易</p>", options)
    assert paragraph in result.html
    assert "本文来源網易" not in result.html  # \w is Unicode, as in Python


def saved_page(body: str) -> str:
    """A saved 网易号 page (the layout the saved-page reader recognises)
    whose article is ``body``."""
    return (
        '<html><head><link rel="canonical" href="https://www.163.com/dy/article/X.html">'
        '<title>标题_网易订阅</title></head><body><h1 class="post_title">标题</h1>'
        f'<div class="post_body"><p>前言。</p>{body}</div></body></html>'
    )


@pytest.mark.parametrize(
    "unit",
    [
        "<span><font><section>",  # layout wrappers, each unwrapped
        '<p>段<a href="https://www.163.com/keywords/x">',  # keyword links
        "<p>段<object>",  # unclosed: each holds the rest of the article
        "<p>段<select>",
        "<p>段<iframe>",  # raw text: each holds the rest as text, read once
        "<p>段<textarea>",
    ],
    ids=["inline", "keyword-links", "object", "select", "iframe", "textarea"],
)
def test_saved_page_with_nested_wrappers_scales_linearly(unit):
    # quadratic: 172 KB of them took 21 s (each unwrap walked down to the
    # innermost element; each paragraph's text was read again inside the next)
    def make(depth: int):
        page = saved_page(unit * depth + "深處的文字")
        return lambda: parse_page(page)

    assert scaling(make, 300) <= 5


def test_saved_page_with_thousands_of_nested_wrappers():
    depth = 4_000  # 172 KB: 21 s when each wrapper was unwrapped in turn
    page = saved_page(
        "<span><font><section>" * depth + "深處的文字" + "<p>段<object><select>" * depth
    )
    with deadline(20, f"a saved page with {depth:,} nested wrappers"):
        found = parse_page(page)
    assert found is not None
    assert "深處的文字" in found.body and found.body.count("段") == depth
    assert "<span" not in found.body and "<object" not in found.body


@pytest.mark.parametrize(
    "source",
    [
        '<p title="' + "<img" * 50_000 + '">正文<img src="a.png"></p>',
        "<p>正文</p><img" + " <img src" * 25_000 + "=x>",
    ],
    ids=["in-an-attribute", "in-one-tag"],
)
def test_residue_check_on_many_images_in_one_tag(source):
    # quadratic: each "<img" read the rest of the tag for a "src": 60 s
    with deadline(10, "50,000 '<img' in one tag"):
        result = process(source, ArticleOptions())
    assert result.html.count("<img") == source.count("<img")


def test_preclean_wrapper_search_on_many_paragraph_starts_in_one_tag():
    # quadratic: each "<p" read the rest of the tag for a ">" ending it
    def make(count: int):
        content = '<p title="' + "<p" * count + '">文字 <img src=""></p>'
        return lambda: preclean(content)

    assert scaling(make, 20_000) <= 5
