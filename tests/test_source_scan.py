"""How the plugin reads markup and prose: attribute and tag names in any
case, the source scan read as a browser reads HTML (``<template>``,
``<!-->``, mismatched heading end tags), URLs written in prose."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pelican.plugins.ath.html.source import scan
from pelican.plugins.ath.treatment.options import ArticleOptions
from pelican.plugins.ath.treatment.process import process

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


# --- 2. the source scan reads HTML as a browser does ------------------------------


def _fragment(source: str):
    import html5lib

    return html5lib.parseFragment(source, "div", namespaceHTMLElements=False)


def _inner_text(element) -> str:
    """The text inside ``element`` as a browser shows it: not that of
    comments or of a ``<template>`` (its content is not in the document)."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag != "template":
            pieces.append(_inner_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def browser_headings(source: str) -> list[tuple[int, str]]:
    """The headings a browser makes of ``source`` (html5lib, the WHATWG
    parser, is the oracle): level and text, in document order, but those in
    a ``<template>``."""
    found: list[tuple[int, str]] = []

    def walk(element) -> None:
        for child in element:
            if not isinstance(child.tag, str) or child.tag == "template":
                continue
            if child.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                found.append((int(child.tag[1]), " ".join(_inner_text(child).split())))
            walk(child)

    walk(_fragment(source))
    return found


def scanned_headings(source: str) -> list[tuple[int, str]]:
    return [(heading.level, heading.title) for heading in scan(source).headings]


def browser_text(source: str) -> str:
    """The text a browser shows of ``source``."""
    return _inner_text(_fragment(source))


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


def test_a_long_ascii_run_in_a_txt_is_read_in_linear_time(tmp_path):
    """A .txt export with a long ASCII run beside a URL, through the reader
    and the pipeline (the URL search was quadratic: 130 KB took 17 s)."""
    from linear import scaling
    from pelican.settings import read_settings

    from pelican.plugins.ath.readers.text_reader import ScrapedTextReader

    reader = ScrapedTextReader(read_settings(override={"TIMEZONE": "UTC"}))

    def make(size: int):
        from conftest import SEED

        path = tmp_path / f"run{size}.txt"
        line = "中文,見www.example.cn " + "a" * size + ",結束"
        path.write_text(SEED.read_text("utf-8") + "\n" + line + "\n", "utf-8")

        def run():
            content, _ = reader.read(str(path))
            assert "a" * size in process(content, ArticleOptions(scraped=True)).html

        return run

    assert scaling(make, 30_000) <= 5
