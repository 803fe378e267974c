"""How the plugin reads markup and prose: attribute and tag names in any
case, the source scan read as a browser reads HTML (``<template>``,
``<!-->``, mismatched heading end tags), URLs written in prose."""

from __future__ import annotations

import pytest

from pelican.plugins.ath.html.source import scan
from pelican.plugins.ath.pipeline import process
from pelican.plugins.ath.settings import ArticleOptions

MARKDOWN = "Title: 大寫\nDate: 2026-03-16\nSlug: upper\n{meta}\n{body}\n"
#: Markdown keeps raw HTML blocks as written: the attribute names stay upper-case.
UPPER_CASE = (
    '<H2 ID="intro">引言</H2>\n\n<p>第一段,云计算</p>\n\n'
    '<h2>第二节</h2>\n\n<P>公式<SPAN CLASS="math">\\(f(a,b)\\)</SPAN>与<span Class="math">$云,计$</span></P>\n\n'
    "<h2>第三节</h2>\n\n<p>完</p>\n"
)


def runs(source: str) -> list[list[str]]:
    return [[source[start:end] for start, end in run] for run in scan(source).runs]


# --- 1. attribute and tag names in any case --------------------------------------


@pytest.mark.parametrize("meta", ["", "Ath_scraped: yes\n"], ids=["own", "scraped"])
def test_an_upper_case_id_is_the_headings_id_and_math_stays(build_site, meta):
    site = build_site(
        {"upper.md": MARKDOWN.format(meta=meta, body=UPPER_CASE)},
        ATH_OWN_CONTENT=["toc", "punctuation"],
        ATH_SCRIPT="s2tw",
    )
    written = site.text("upper.html")
    assert written.count("intro") == 2  # the heading's id, the TOC's link
    assert 'href="#intro"' in written
    (first, *_) = site.article_body("upper.html").xpath("//h2[not(ancestor::nav)]")
    assert first.get("id") == "intro" and len(first.attrib) == 1
    assert "\\(f(a,b)\\)" in written and "$云,计$" in written  # math as written
    assert "第一段，雲計算" in written  # the prose around it converted


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
