"""Scraped input is untrusted: the usual XSS vectors never reach the output of
the scraped-text reader or the saved-page reader; a user's own HTML keeps its
embeds (they are the user's)."""

from __future__ import annotations

import pytest
from conftest import data, shared_file

VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=1></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">點我</a>',
    '<a href="JaVaScRiPt:alert(1)">點我</a>',
    '<a href="&#106;avascript:alert(1)">點我</a>',
    '<a href=" javascript:alert(1)">點我</a>',
    '<a href="vbscript:msgbox(1)">點我</a>',
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">樣式</div>',
    "<body onload=alert(1)>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<p onclick="alert(1)" onmouseover="alert(1)">段落</p>',
    '<form action="javascript:alert(1)"><button>送出</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
]
UNSAFE_ELEMENTS = [
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "form",
    "base",
    "meta",
]


def unsafe_things(body) -> list[str]:
    """Everything in an article body that could run script."""
    found = [el.tag for el in body.iter() if el.tag in UNSAFE_ELEMENTS]
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{element.tag}@{name}")
            url = "".join(value.split()).lower()
            if name.lower() in ("href", "src", "action", "data", "style") and (
                "javascript:" in url or "vbscript:" in url
            ):
                found.append(f"{element.tag}@{name}={value}")
    return found


def test_scraped_text_cannot_carry_markup(build_site):
    lines = "\n".join(
        VECTORS + [f"![x]({url})" for url in ("javascript:alert(1)", "vbscript:x")]
    )
    article = f"Title: 攻擊\nDate: 2026-03-16\nSlug: xss\n\n正文。\n{lines}\n結束。\n"
    site = build_site({"xss.txt": article})
    body = site.article_body("xss.html")
    assert unsafe_things(body) == []
    text = body.text_content()
    for vector in VECTORS[:3]:
        assert vector in text  # shown as the text it is


@pytest.fixture(params=["own", "shared"])
def dy_page(request) -> str:
    """A desktop 网易号 page: the repository's own, and sample 01 from
    ``../shared/netease/`` (skipped without it)."""
    if request.param == "own":
        return data("dy_article.html").decode("utf-8")
    return shared_file(
        "netease/01_dy_article_GA1LTCMN051480KF_postlight-parser-fixture.html"
    ).read_text(encoding="utf-8")


def test_saved_page_is_sanitised(build_site, dy_page):
    page = dy_page
    marker = '<div class="post_body">'
    assert page.count(marker) == 1
    page = page.replace(marker, marker + "<p>前言。</p>" + "".join(VECTORS))
    site = build_site({"saved.html": page})
    (article,) = [
        p
        for p in site.output.glob("*.html")
        if p.name != "index.html" and "前言。" in p.read_text("utf-8")
    ]
    body = site.article_body(article.name)
    assert unsafe_things(body) == []
    assert "前言。" in body.text_content()
    assert "點我" in body.text_content()  # the links' text stays, without the script


def test_a_users_own_html_is_not_sanitised(build_site):
    page = (
        '<html><head><title>我的影片</title><meta name="date" content="2026-03-16">'
        '<meta name="slug" content="own"></head><body><p>看這個：</p>'
        '<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe></body></html>'
    )
    site = build_site({"own.html": page})
    body = site.article_body("own.html")
    assert body.xpath(".//iframe/@src") == ["https://www.youtube-nocookie.com/embed/x"]


# -- metadata: themes print it unescaped --------------------------------------

IMG = "<img src=x onerror=alert(1)>"
#: Breaks out of ``title="Permalink to {{ article.title|striptags }}"``.
QUOTE = '" onmouseover="alert(2)'
#: Breaks out of ``<title>{{ article.title|striptags }}</title>``.
END = "</title><script>alert(3)</script>"
ALL = IMG + QUOTE + END
#: An editor's name ends at a space or a bracket.
EDITOR = "<img/src=x/onerror=alert`1`>"


def escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def saved_page(head: str, h1: str = "", info: str = "", body: str = "") -> str:
    """A saved 163.com page (``html#ne_wrap``: its addresses may be anything)."""
    return (
        f'<html id="ne_wrap"><head><meta property="article:published_time" '
        f'content="2026-03-16T10:00:00+08:00">{head}</head><body>{h1}'
        f'<div class="post_info">2026-03-16 10:00:00　{info}</div>'
        f'<div class="post_body">{body}<p>正文。</p></div>'
        '<a href="https://www.163.com/">返回网易首页</a></body></html>'
    )


SCRAPED_METADATA = {
    # h1.post_title, source link text and href, canonical and og:url,
    # original title and editor
    "h1.html": saved_page(
        '<link rel="canonical" href="javascript:alert(4)">'
        '<meta property="og:url" content=" JaVaScRiPt:alert(5)">',
        h1=f'<h1 class="post_title">頭{escaped(ALL)}</h1>',
        info=f'来源: <a href="javascript:alert(6)">源{escaped(ALL)}</a>',
        body=f"<p>（原标题：原{escaped(ALL)}）</p>"
        f'<div class="post_author">责任编辑：編{escaped(EDITOR)}</div>',
    ),
    "og.html": saved_page(
        f'<meta property="og:title" content="社{escaped(ALL).replace(chr(34), "&quot;")}">'
    ),
    "title.html": saved_page(f"<title>題{escaped(ALL)}_网易订阅</title>"),
    "simpread.md": (
        "> 本文由 [简悦 SimpRead](http://ksria.com/simpread/) 转码， 原文地址 "
        "[www.163.com](javascript:alert(7))\n\n"
        f"> 簡{ALL}, 关键词\n\n**第一段。**\n\n**第二段。**\n"
    ),
    "firecrawl.md": (
        f"[网易首页](https://www.163.com/)\n\n# 爬{ALL}\n\n"
        f"2026-06-18 10:34:36　来源: [帳{IMG}](javascript:alert(8))\n\n"
        "正文。\n\n[返回网易首页](https://www.163.com/)\n"
    ),
    "header.txt": f"Title: 標{ALL}\nDate: 2026-03-16\n\n正文。\n",
    # no words to make a title of (read as an export because the site says
    # so: ATH_SCRAPED_FILES below): the title is the file name's
    f"名{IMG}{QUOTE}.txt": "Date: 2026-03-16\n\n……\n",
}


def live_markup(page: str) -> list[str]:
    """What a browser would run in ``page``: parsed as browsers parse HTML
    (html5lib implements the WHATWG parser: ``<title>`` is text up to
    ``</title>``)."""
    import html5lib

    found = []
    for element in html5lib.parse(page, namespaceHTMLElements=False).iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in ("script", "iframe", "object", "embed"):
            found.append(f"<{element.tag}>")
        for name, value in element.attrib.items():
            url = "".join(value.split()).lower()
            if name.lower().startswith("on"):
                found.append(f"{element.tag}@{name}")
            elif name in ("href", "src") and url.startswith(
                ("javascript:", "vbscript:")
            ):
                found.append(f"{element.tag}@{name}={value}")
    return found


def test_scraped_metadata_is_text_on_every_theme_page(build_site):
    site = build_site(SCRAPED_METADATA, ATH_SCRAPED_FILES=["名*.txt"])
    pages = sorted(site.output.rglob("*.html"))
    authors = [page for page in pages if page.parent.name == "author"]
    assert len(pages) > 10 and authors
    for page in pages:
        assert live_markup(page.read_text("utf-8")) == [], page.name
    # the payloads are shown as the text they are, every one of them
    texts = "".join(page.read_text("utf-8") for page in pages)
    for start in ("頭", "源", "社", "題", "簡", "爬", "帳", "標", "名"):
        assert f"{start}&lt;img src=x onerror=alert(1)&gt;" in texts, start


def test_scraped_addresses_accept_only_http(tmp_path):
    from pelican.readers import Readers
    from pelican.settings import read_settings

    from pelican.plugins.ath import plugin

    path = tmp_path / "h1.html"
    path.write_text(SCRAPED_METADATA["h1.html"], "utf-8")
    plugin.register()
    readers = Readers(read_settings(override={"PLUGINS": ["pelican_ath"]}))
    _, metadata = readers.readers["html"].read(str(path))
    assert "original_url" not in metadata and "source_url" not in metadata
    assert str(metadata["original_title"]).startswith("原&lt;img src=x")
    assert str(metadata["editor"]) == "編&lt;img/src=x/onerror=alert`1`&gt;"


def test_a_plain_text_title_is_published_as_text(build_site):
    title = "为什么 a<b 在中文里,成立"
    site = build_site(
        {"lt.txt": f"Title: {title}\nDate: 2026-03-16\nSlug: lt\n\n正文。\n"},
        ATH_PUNCTUATION=False,
    )
    import html5lib

    for name in ("lt.html", "index.html"):
        page = html5lib.parse(site.text(name), namespaceHTMLElements=False)
        shown = [
            "".join(a.itertext())
            for a in page.iter("a")
            if "lt.html" in a.get("href", "")
        ]
        assert title in shown, name
    article = html5lib.parse(site.text("lt.html"), namespaceHTMLElements=False)
    assert article.find(".//title").text == title
