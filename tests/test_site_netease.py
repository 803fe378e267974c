"""Saved 163.com pages and exporter Markdown dropped into content/: real
Pelican builds of the samples in ``../shared/netease/``, assertions on the
HTML written."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import pytest
from conftest import SHARED

NETEASE = SHARED / "netease"
SAMPLES = {
    "dy.html": "01_dy_article_GA1LTCMN051480KF_postlight-parser-fixture.html",
    "news.html": "02_news_article_KC12OUHK000189FH_nanmicoder-fixture.html",
    "simpread.md": "04_dy_article_FRUPEE4R0511O6PE_simpread-export.md",
    "scrape.md": "05_dy_article_KVMTIJ5A0556KMI7_firecrawl-markdown-excerpt.md",
}
#: Slugs from the file names, so each output file is ``<name>.html``.
SETTINGS = {"SLUGIFY_SOURCE": "basename"}

#: title, date, author/source, first and last paragraph of each article.
EXPECTED = {
    "dy": (
        "破解难题！西安交大团队开发出高密度固态储氢材料：安全可控，稳定释氢",
        "2021-05-15T11:36:10+08:00",
        "前瞻网",
        "氢是一种无污染的能源，它可以从水中提取",
        "立足学术前沿，远瞻产业发展。",
    ),
    "news": (
        "全球媒体聚焦｜美国政府停摆将对整个经济系统产生冲击",
        "2025-10-16T20:02:18+08:00",
        "总台环球资讯广播",
        "“受（政府停摆）影响的不只是联邦政府的工作人员和承包商，而是整个经济系统。”",
        "消费支出减少是报道反复提及的一点。",
    ),
    "simpread": (
        "Linux 中清除 APT 缓存介绍及技巧",
        None,  # the export has no date
        None,
        "在本教程中，我将解释什么是 APT 缓存",
        "原文来自：https://os.51cto.com/art/202011/630899.htm",
    ),
    "scrape": (
        "投标总因细节废标？2026 这款 AI 标书工具实用又省心",
        "2026-06-18T10:34:36+08:00",
        "别摸鲨鱼的脚",
        "做招投标的同行，大概都有过这种憋屈的经历",
        "声明：个人原创，仅供参考",
    ),
}
#: Page chrome that must not be published, from any of the samples.
CHROME = (
    "返回网易首页", "下载网易新闻客户端", "阅读下一篇", "相关推荐", "热点推荐",
    "分享至", "用微信扫码二维码", "分享至好友和朋友圈", "快速发贴", "举报",
    "跟贴", "登录并发贴", "网友评论仅供其表达个人看法", "网易首页", "申请入驻",
    "特别声明", "Notice: The content above", "NetEase Hao", "本文由", "SimpRead",
    "熊磊发文公布2个关键信息", "美国政府关门两周，联邦雇员送快递",
    "从眼控到脑控", "往期回顾", "StartFragment", "antanalysis", "Scan me",
)  # fmt: skip
ACTIVE = ".//script|.//style|.//iframe|.//object|.//embed|.//form|.//svg"
NETEASE_HOSTS = ("126.net", "127.net", "163.com")


def sample(name: str) -> bytes:
    return (NETEASE / SAMPLES[name]).read_bytes()


def paragraphs(body) -> list[str]:
    return [
        "".join(p.itertext()).strip() for p in body.xpath(".//p[not(ancestor::footer)]")
    ]


def is_netease(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return any(host == h or host.endswith("." + h) for h in NETEASE_HOSTS)


@pytest.fixture
def samples_site(build_site, records):
    site = build_site({name: sample(name) for name in SAMPLES}, **SETTINGS)
    site.records = records.records
    return site


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_sample_publishes_title_date_and_author(samples_site, name):
    title, date, author, _, _ = EXPECTED[name]
    page = samples_site.page(f"{name}.html")
    assert page.xpath("//h1[@class='entry-title']")[0].text_content().strip() == title
    published = page.xpath("//abbr[@class='published']/@title")[0]
    if date is not None:
        assert published == date
    authors = [
        a.text_content() for a in page.xpath("//address[@class='vcard author']//a")
    ]
    assert authors == ([author] if author else [])


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_sample_publishes_the_article_and_none_of_the_page(samples_site, name):
    _, _, _, first, last = EXPECTED[name]
    body = samples_site.article_body(f"{name}.html")
    texts = [text for text in paragraphs(body) if text]
    assert texts[0].startswith(first)
    assert texts[-1].startswith(last)
    content = body.text_content()
    for chrome in CHROME:
        assert chrome not in content, chrome


@pytest.mark.parametrize("name", list(EXPECTED))
def test_nothing_active_survives(samples_site, name):
    body = samples_site.article_body(f"{name}.html")
    assert not body.xpath(ACTIVE)
    for element in (e for e in body.iter() if isinstance(e.tag, str)):
        assert not [a for a in element.attrib if a.lower().startswith("on")]
        for attribute in ("href", "src"):
            assert not element.get(attribute, "").lower().startswith("javascript:")


@pytest.mark.parametrize(
    ("name", "count"), [("dy", 2), ("news", 3), ("simpread", 4), ("scrape", 1)]
)
def test_netease_images_are_kept_and_not_hotlinked(samples_site, name, count):
    images = samples_site.article_body(f"{name}.html").xpath(".//img")
    assert len(images) == count
    for image in images:
        assert is_netease(image.get("src"))
        assert image.get("referrerpolicy") == "no-referrer"
        assert "logo.png" not in image.get("src")  # the hidden logo of sample 02


def test_sub_headings_make_a_toc(samples_site):
    news = samples_site.article_body("news.html")
    assert [a.text_content() for a in news.xpath(".//nav[@class='toc']//a")] == [
        "关门年年有 今年不寻常",
        "受影响的是整个经济系统",
    ]
    simpread = samples_site.article_body("simpread.html")
    assert len(simpread.xpath(".//nav[@class='toc']//a")) == 6
    assert not simpread.xpath(".//strong|.//b")  # bold everywhere is no emphasis


def test_the_build_warns_only_about_the_missing_date(samples_site):
    warnings = [
        r.getMessage() for r in samples_site.records if r.levelno >= logging.WARNING
    ]
    assert len(warnings) == 1
    assert "simpread.md" in warnings[0] and "no date" in warnings[0]


def test_themes_get_the_original_article(build_site, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "article.html").write_text(
        '{% extends "!theme/article.html" %}{% block content %}{{ super() }}'
        '<dl id="original">{% for name in ["source", "source_url", "original_url", '
        '"original_title", "editor"] %}{% if article.metadata[name] %}'
        "<dt>{{ name }}</dt><dd>{{ article.metadata[name] }}</dd>"
        "{% endif %}{% endfor %}</dl>{% endblock %}",
        encoding="utf-8",
    )
    site = build_site(
        {"news.html": sample("news.html"), "scrape.md": sample("scrape.md")},
        THEME_TEMPLATES_OVERRIDES=[str(templates)],
        **SETTINGS,
    )

    def original(name: str) -> dict[str, str]:
        (dl,) = site.page(name).xpath("//dl[@id='original']")
        return dict(zip(dl.xpath("./dt/text()"), dl.xpath("./dd/text()"), strict=True))

    news = original("news.html")
    assert (
        news["original_url"] == "https://www.163.com/news/article/KC12OUHK000189FH.html"
    )
    assert (
        news["original_title"] == "全球媒体聚焦｜美国政府停摆将对整个经济系统产生冲击"
    )
    assert news["source"] == "总台环球资讯广播" and news["editor"] == "雷晓"
    assert news["source_url"].startswith("https://content-static.cctvnews.cctv.com/")
    scrape = original("scrape.html")
    assert (
        scrape["original_url"] == "https://www.163.com/dy/article/KVMTIJ5A0556KMI7.html"
    )
    assert scrape["source_url"] == "https://www.163.com/dy/media/T1772013324233.html"


def test_gbk_copy_publishes_identically(build_site):
    utf8 = sample("news.html")
    text = utf8.decode("utf-8").replace("<head>", '<head>\n<meta charset="gbk">', 1)
    gbk = text.encode("gbk", errors="xmlcharrefreplace")
    assert gbk != utf8
    one = build_site({"news.html": utf8}, **SETTINGS)
    other = build_site({"news.html": gbk}, **SETTINGS)
    assert one.text("news.html") == other.text("news.html")
    assert "关门年年有 今年不寻常" in other.text("news.html")


def test_a_gbk_page_without_a_charset_is_detected(build_site, records):
    page = sample("news.html").decode("utf-8").encode("gbk", "xmlcharrefreplace")
    site = build_site({"news.html": page}, **SETTINGS)
    assert paragraphs(site.article_body("news.html"))[0] == EXPECTED["news"][3]
    (note,) = [r.getMessage() for r in records.records if r.levelno >= logging.WARNING]
    assert "news.html: declares no charset but is GB18030; read as GB18030" in note


def test_an_undecodable_page_is_one_error_and_the_rest_builds(build_site, records):
    gbk = sample("news.html").decode("utf-8").encode("gbk", "xmlcharrefreplace")
    comma = "，".encode("gbk")
    broken = gbk.replace(comma, b"\xff" + comma)  # 0xff: in no Chinese encoding
    site = build_site({"broken.html": broken, "dy.html": sample("dy.html")}, **SETTINGS)
    assert (site.output / "dy.html").exists()
    assert not (site.output / "broken.html").exists()
    ours = [
        r.getMessage()
        for r in records.records
        if r.levelno >= logging.ERROR and r.name.startswith("pelican_ath")
    ]
    assert len(ours) == 1
    assert "broken.html" in ours[0] and "encoding" in ours[0] and "UTF-8" in ours[0]
    logged = "\n".join(r.getMessage() for r in records.records)
    assert "Traceback" not in logged and not any(r.exc_info for r in records.records)


OWN_HTML = """<html><head><title>My own post</title>
<meta name="date" content="2026-03-16 10:00">
<meta name="keywords" content="own, html">
<meta name="slug" content="own"></head>
<body><p>A post about <a href="https://www.163.com/">163.com</a>.</p>
<div class="post_body"><p onclick="hello()">My markup stays mine.</p></div>
<script>var mine = 1;</script></body></html>
"""
OWN_MARKDOWN = """Title: 我的文章
Date: 2026-03-16
Slug: own-md

# 一个标题

2026-06-18 10:34:36　来源: 我自己

<span style="color: red">我的标记</span>，谈谈 www.163.com。

**重要**的事。
"""


def test_other_html_and_markdown_are_read_by_pelican_unchanged(build_site):
    files = {"own.html": OWN_HTML, "own-md.md": OWN_MARKDOWN}
    ours = build_site(files)
    pelicans = build_site(files, ATH_SAVED_PAGES=False)
    for name in ("own.html", "own-md.html"):
        assert ours.text(name) == pelicans.text(name)
    page = ours.page("own.html")
    assert page.xpath("//script[contains(., 'var mine')]")  # not sanitised
    assert page.xpath("//p[@onclick]")
    assert page.xpath("//a[contains(@href, 'tag/own.html')]")  # keywords: tags
    assert ours.page("own-md.html").xpath("//span[@style]|//strong")


def test_saved_pages_can_be_switched_off(build_site):
    site = build_site(
        {"dy.html": sample("dy.html")},
        ATH_SAVED_PAGES=False,
        DEFAULT_DATE="fs",
        **SETTINGS,
    )
    text = site.article_body("dy.html").text_content()
    assert "熊磊发文公布2个关键信息" in text  # Pelican's reader keeps the whole page


def test_removed_images_give_no_empty_alt_warnings(build_site, records):
    page = (
        '<html><head><link rel="canonical" href="https://www.163.com/dy/article/X.html">'
        '<meta property="article:published_time" content="2026-03-16T10:00:00+08:00">'
        '</head><body><h1 class="post_title">图</h1><div class="post_body">'
        '<p>正文。</p><p class="f_center"><img src="" alt=""></p>'
        '<p><img src="javascript:alert(1)" alt=""></p>'
        '<p><img src="data:image/gif;base64,R0lGOD" alt=""></p>'
        '<p><img src="https://nimg.ws.126.net/?url=a.jpg" alt=""></p></div></body></html>'
    )
    site = build_site({"img.html": page}, **SETTINGS)
    body = site.article_body("img.html")
    assert body.xpath(".//img/@src") == ["https://nimg.ws.126.net/?url=a.jpg"]
    assert paragraphs(body) == ["正文。", ""]
    messages = [r.getMessage() for r in records.records]
    assert not [m for m in messages if "Empty alt attribute" in m]


def test_exporter_markdown_is_sanitised(build_site):
    export = (
        sample("simpread.md")
        .decode("utf-8")
        .replace(
            "**使用 du 命令检查缓存占用了多少空间：**",
            "**使用 du 命令检查缓存占用了多少空间：**\n\n<script>alert(1)</script>\n\n"
            '<img src="https://x.org/a.png" onerror="alert(1)">'
            '<a href="javascript:alert(1)">点我</a>',
        )
    )
    body = build_site({"simpread.md": export}, **SETTINGS).article_body("simpread.html")
    assert not body.xpath(ACTIVE + "|.//*[@onerror]|.//a[starts-with(@href, 'javascript')]")  # fmt: skip
    assert "点我" in body.text_content()


@pytest.mark.parametrize("layer", ["reader", "generator"])
def test_a_cached_rebuild_writes_identical_output(build_site, monkeypatch, layer):
    from pelican_ath import saved

    files = {"news.htm": sample("news.html"), "scrape.md": sample("scrape.md")}
    cache = {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CONTENT_CACHING_LAYER": layer,
        **SETTINGS,
    }
    first = build_site(files, name="cached", **cache)
    written = {p.name: p.read_bytes() for p in first.output.glob("*.html")}
    reads = []
    original = saved.HTMLReader.read
    monkeypatch.setattr(
        saved.HTMLReader,
        "read",
        lambda self, path: reads.append(path) or original(self, path),
    )
    second = build_site(files, name="cached", **cache)
    assert {p.name: p.read_bytes() for p in second.output.glob("*.html")} == written
    assert "news.html" in written and "scrape.html" in written  # .htm read too
    assert reads == []  # the saved page came from the cache
