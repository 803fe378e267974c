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
