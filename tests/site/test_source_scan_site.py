"""The source scan in real builds (its unit tests: ``unit/test_source_scan.py``):
upper-case ids, markup read as a browser reads it, URLs in prose published as
written."""

from __future__ import annotations

import pytest
from browser import browser_headings

WIKI = "https://zh.wikipedia.org/wiki/云计算"
MARKDOWN = "Title: 大寫\nDate: 2026-03-16\nSlug: upper\n{meta}\n{body}\n"


#: Markdown keeps raw HTML blocks as written: the attribute names stay upper-case.
UPPER_CASE = (
    '<H2 ID="intro">引言</H2>\n\n<p>第一段,云计算</p>\n\n'
    '<h2>第二节</h2>\n\n<P>公式<SPAN CLASS="math">\\(f(a,b)\\)</SPAN>与<span Class="math">$云,计$</span></P>\n\n'
    "<h2>第三节</h2>\n\n<p>完</p>\n"
)


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


@pytest.mark.parametrize(
    "source",
    [
        "<template><h2>模板一</h2><h2>模板二</h2></template>",
        "<h2>一</h3><p>云计算</p>",
        "<!--><p>云计算</p>",
        "<!---><p>云计算</p>",
    ],
)
def test_a_site_reads_the_markup_as_a_browser_does(build_site, source):
    """The TOC lists the headings a browser shows; a template's are left
    alone; the text after ``<!-->`` is converted as any other."""
    import html5lib
    import opencc

    body = f"<h2>第一节</h2>{source}<h2>最后</h2><p>完,云</p>"
    page = (
        '<html><head><title>源</title><meta name="date" content="2026-03-16">'
        f'<meta name="slug" content="upper"></head><body>{body}</body></html>'
    )
    site = build_site(
        {"own.html": page},  # Pelican's HTML reader keeps ``<!-->`` as written
        ATH_OWN_CONTENT=["toc", "punctuation"],
        ATH_SCRIPT="s2tw",
    )
    written = site.text("upper.html")
    page = html5lib.parse(written, namespaceHTMLElements=False)
    (nav,) = [n for n in page.iter("nav") if "ath-toc" in n.get("class", "")]
    toc = [" ".join("".join(a.itertext()).split()) for a in nav.iter("a")]
    titles = ["第一节", *(title for _, title in browser_headings(source)), "最后"]
    assert toc == [opencc.OpenCC("s2tw").convert(title) for title in titles]
    if "template" in source:
        assert "<template><h2>模板一</h2><h2>模板二</h2></template>" in written
    else:
        assert "<p>雲計算</p>" in written
    assert "完，雲" in written


@pytest.mark.parametrize("meta", ["", "Ath_scraped: yes\n"], ids=["own", "scraped"])
def test_a_site_publishes_urls_in_prose_as_written(build_site, meta):
    body = f"云计算的定义见{WIKI}，与www.example.cn/下载,好。\n"
    site = build_site(
        {"url.md": f"Title: 云:{WIKI}\nDate: 2026-03-16\nSlug: url\n{meta}\n{body}"},
        ATH_OWN_CONTENT=["punctuation"],
        ATH_SCRIPT="s2tw",
    )
    written = site.text("url.html")
    assert f"雲計算的定義見{WIKI}，與www.example.cn/下载，好。" in written
    assert f"雲：{WIKI}" in written  # the title
    assert "wiki/雲計算" not in written
