"""Quotation-mark styles (pelican.plugins.ath.chinese.quotes) in real builds:
the body, the title, the TOC and the summary; per script variant."""

from __future__ import annotations

from urllib.parse import unquote

ARTICLE = """\
<html><head><title>他說“你好”</title>
<meta name="date" content="2026-03-16"><meta name="slug" content="q">
<meta name="ath_scraped" content="true"></head><body>
<h2>“第一”章</h2><p>他說：“我們要‘開源’。”</p>
<h2>第二章</h2><p>代碼<code>print(“x”)</code>和<a href="https://example.com/“a”">“連結”</a></p>
</body></html>"""


def test_corner_quotes_in_body_title_toc_and_summary(build_site):
    site = build_site(
        {"q.html": ARTICLE}, ATH_SCRIPT="s2tw", ATH_QUOTES={"s2tw": "corner"}
    )
    page = site.page("q.html")
    body = site.article_body("q.html")
    assert "他說「你好」" in page.xpath("//title")[0].text_content()
    assert "他說：「我們要『開源』。」" in body.text_content()
    toc = body.xpath('.//nav[@class="toc ath-toc"]//a')
    assert toc[0].text_content() == "「第一」章"
    assert body.xpath(".//code")[0].text == "print(“x”)"
    (link,) = body.xpath('.//a[starts-with(@href, "https")]')
    assert unquote(link.get("href")) == "https://example.com/“a”"
    assert link.text == "「連結」"
    assert "他說：「我們要『開源』。」" in site.page("index.html").text_content()


def test_quotes_are_left_alone_by_default(build_site):
    site = build_site({"q.html": ARTICLE}, ATH_SCRIPT="s2tw")
    text = site.article_body("q.html").text_content()
    assert "“我們要‘開源’。”" in text and "「" not in text


def test_each_variant_gets_its_own_quotes(build_site):
    source = ARTICLE.replace("“我們要‘開源’。”", "「我們要『開源』。」")
    site = build_site(
        {"q.html": source},
        DEFAULT_LANG="zh-Hant",
        READERS={"rst": None},
        ATH_SCRIPT_VARIANTS={"zh-Hant": "s2tw", "zh-Hans": "tw2s"},
        ATH_VARIANT_SITES=False,
        ATH_QUOTES={"s2tw": "corner", "tw2s": "curly"},
    )
    hant = site.article_body("q.html").text_content()
    hans = site.article_body("q-zh-hans.html").text_content()
    assert "「我們要『開源』。」" in hant and "「連結」" in hant
    assert "“我们要‘开源’。”" in hans and "“连结”" in hans
    assert (
        "他说“你好”" in site.page("q-zh-hans.html").xpath("//title")[0].text_content()
    )
