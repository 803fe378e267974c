"""Saved 163.com pages, exporter Markdown and scraped text dropped into
content/: real Pelican builds, assertions on the HTML written.

Each test runs on two corpora: ``own``, the repository's own pages and
exports in ``tests/data/`` (every layout and exporter the readers know), and
``shared``, the real samples in ``../shared/netease/`` (skipped without it)."""

from __future__ import annotations

import logging
from typing import NamedTuple
from urllib.parse import urlsplit

import pytest
from conftest import build_in, data, shared_file, with_entities
from exports import OWN_SIMPREAD_HEADINGS, SIMPREAD_HEADINGS

SAMPLES = {
    "dy.html": "01_dy_article_GA1LTCMN051480KF_postlight-parser-fixture.html",
    "news.html": "02_news_article_KC12OUHK000189FH_nanmicoder-fixture.html",
    "simpread.md": "04_dy_article_FRUPEE4R0511O6PE_simpread-export.md",
    "scrape.md": "05_dy_article_KVMTIJ5A0556KMI7_firecrawl-markdown-excerpt.md",
}
#: Slugs from the file names, so each output file is ``<name>.html``.
SETTINGS = {"SLUGIFY_SOURCE": "basename"}


class Article(NamedTuple):
    """What the published page of one input file shows."""

    title: str
    date: str | None  # None: the file gives none (its file time is used)
    author: str | None
    first: str  # how the first and the last paragraph start
    last: str
    images: int  # NetEase images published
    headings: tuple[str, ...] = ()  # sub-headings (a TOC lists two or more)


OWN_DY = Article(
    "小城图书馆把夜读灯开到了十点",
    "2023-09-08T14:20:05+08:00",
    "书页之间",
    "每到傍晚，临川县图书馆二楼的阅览室就热闹起来。",
    "周明远表示，接下来图书馆打算在城郊的两个乡镇开设分馆",
    2,
    ("一盏灯带来的变化", "不只是借书"),
)
#: Each corpus: content file stem -> what its page shows.
EXPECTED: dict[str, dict[str, Article]] = {
    "own": {
        "dy": OWN_DY,
        "entities": OWN_DY,  # the same page, saved with every character an entity
        "news": Article(
            "临江地铁三号线开通首日客流超十万人次",
            "2024-12-28T18:30:12+08:00",
            "临江日报",
            "“以前到市中心要换两趟公交，现在坐地铁二十分钟就到了。”",
            "不过，早晚高峰时段部分换乘站客流较大。",
            2,
            ("沿线居民出行更方便", "客流高峰仍需疏导"),
        ),
        "legacy": Article(
            "全省春耕备耕工作有序推进",
            "2018-03-20T09:15:42+08:00",
            "江南农业报",
            "本报讯　连日来，全省各地抓住晴好天气，春耕备耕工作有序推进。",
            "农技专家王喆介绍，",
            1,
            ("农资供应充足",),
        ),
        "mobile": Article(
            "山村小学有了第一支足球队",
            "2024-05-20T16:45:00+08:00",
            "乡村教育观察",
            "五月的一个下午，云岭村小学的操场上第一次响起了比赛的哨声。",
            "“输了也高兴，”十一岁的队长小雨说",
            2,
            ("从一个足球开始", "第一场比赛"),
        ),
        "simpread": Article(
            "用 rsync 备份家目录的几个技巧",
            None,  # the export has no date
            None,
            "很多人备份文件的办法是把整个目录复制到移动硬盘上。",
            "原文来自：https://www.example.com/linux/rsync-backup.html",
            3,
            tuple(OWN_SIMPREAD_HEADINGS),
        ),
        "scrape": Article(
            "老旧小区加装电梯，这个社区是怎么做成的",
            "2025-03-06T08:12:40+08:00",
            "社区那些事",
            "住在六楼的陈奶奶今年七十八岁",
            "声明：个人原创，仅供参考",
            1,
            ("低楼层住户的顾虑", "费用怎么分"),
        ),
        "export": Article(
            "一位乡村医生的三十年",
            "2022-11-03T09:30:00+08:00",
            "乡村记录者",
            "清晨六点，石桥村卫生室的门就开了。",
            "他说，自己最大的心愿是能有个年轻人接班",
            1,
            ("背着药箱走山路", "守着一个村子"),
        ),
    },
    "shared": {
        "dy": Article(
            "破解难题！西安交大团队开发出高密度固态储氢材料：安全可控，稳定释氢",
            "2021-05-15T11:36:10+08:00",
            "前瞻网",
            "氢是一种无污染的能源，它可以从水中提取",
            "立足学术前沿，远瞻产业发展。",
            2,
        ),
        "news": Article(
            "全球媒体聚焦｜美国政府停摆将对整个经济系统产生冲击",
            "2025-10-16T20:02:18+08:00",
            "总台环球资讯广播",
            "“受（政府停摆）影响的不只是联邦政府的工作人员和承包商，而是整个经济系统。”",
            "消费支出减少是报道反复提及的一点。",
            3,
            ("关门年年有 今年不寻常", "受影响的是整个经济系统"),
        ),
        "simpread": Article(
            "Linux 中清除 APT 缓存介绍及技巧",
            None,  # the export has no date
            None,
            "在本教程中，我将解释什么是 APT 缓存",
            "原文来自：https://os.51cto.com/art/202011/630899.htm",
            4,
            tuple(SIMPREAD_HEADINGS),
        ),
        "scrape": Article(
            "投标总因细节废标？2026 这款 AI 标书工具实用又省心",
            "2026-06-18T10:34:36+08:00",
            "别摸鲨鱼的脚",
            "做招投标的同行，大概都有过这种憋屈的经历",
            "声明：个人原创，仅供参考",
            1,
            ("几百页招标文件不用逐字啃，3 分钟抓全核心要求",),  # no TOC for one
        ),
    },
}
#: Page chrome that must not be published, from any of the files.
CHROME = (
    "返回网易首页", "下载网易新闻客户端", "阅读下一篇", "相关推荐", "热点推荐",
    "分享至", "用微信扫码二维码", "分享至好友和朋友圈", "快速发贴", "举报",
    "跟贴", "登录并发贴", "网友评论仅供其表达个人看法", "网易首页", "申请入驻",
    "特别声明", "Notice: The content above", "NetEase Hao", "本文由", "SimpRead",
    "熊磊发文公布2个关键信息", "美国政府关门两周，联邦雇员送快递",
    "从眼控到脑控", "往期回顾", "StartFragment", "antanalysis", "Scan me",
    "城西新开了一家旧书店", "一台旧电脑的第二次生命", "地铁四号线开始试运行",
    "城东菜市场改造完成", "县城中学的篮球赛火了", "关于书和读书的人", "科技要闻",
    "本文来源", "责任编辑", "原标题", "广告位", "分享到", "打开网易新闻", "投票",
    "被页面隐藏", "网易公开课", "快速导航", "进入关怀版", "特別聲明",
)  # fmt: skip
ACTIVE = ".//script|.//style|.//iframe|.//object|.//embed|.//form|.//svg"
NETEASE_HOSTS = ("126.net", "127.net", "163.com")
#: A test on every article of every corpus (one build of each corpus).
each_article = pytest.mark.parametrize(
    ("corpus_site", "name", "expected"),
    [
        pytest.param(corpus, name, expected, id=f"{corpus}-{name}")
        for corpus, articles in EXPECTED.items()
        for name, expected in articles.items()
    ],
    indirect=["corpus_site"],
)


def own_files() -> dict[str, bytes]:
    """The repository's own input (``tests/data/``) by its name in content/."""
    return {
        "dy.html": data("dy_article.html"),
        "entities.html": with_entities(data("dy_article.html")),
        "news.html": data("news_article.html"),
        "legacy.html": data("legacy_gbk.html"),
        "mobile.html": data("mobile.html"),
        "simpread.md": data("simpread.md"),
        "scrape.md": data("firecrawl.md"),
        "export.txt": data("export.txt"),
    }


@pytest.fixture(scope="module")
def samples() -> dict[str, bytes]:
    """The real samples from ``../shared/netease/`` by their name in content/
    (without them each test using this is skipped with the file it needs)."""
    return {
        name: shared_file(f"netease/{file}").read_bytes()
        for name, file in SAMPLES.items()
    }


def files_of(request: pytest.FixtureRequest, corpus: str) -> dict[str, bytes]:
    return own_files() if corpus == "own" else request.getfixturevalue("samples")


@pytest.fixture(scope="module")
def corpus_site(request, tmp_path_factory):
    """One build of a whole corpus (``"own"`` or ``"shared"``, given indirectly)."""
    files = files_of(request, request.param)
    return build_in(tmp_path_factory.mktemp(request.param), files, **SETTINGS)


@pytest.fixture(params=list(EXPECTED))
def corpus(request) -> tuple[str, dict[str, bytes]]:
    """``(name, files)`` of each corpus, for tests that build their own sites."""
    return request.param, files_of(request, request.param)


def paragraphs(body) -> list[str]:
    return [
        "".join(p.itertext()).strip() for p in body.xpath(".//p[not(ancestor::footer)]")
    ]


def is_netease(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return any(host == h or host.endswith("." + h) for h in NETEASE_HOSTS)


@each_article
def test_each_article_publishes_title_date_and_author(corpus_site, name, expected):
    page = corpus_site.page(f"{name}.html")
    title = page.xpath("//h1[@class='entry-title']")[0].text_content().strip()
    assert title == expected.title
    published = page.xpath("//abbr[@class='published']/@title")[0]
    if expected.date is not None:
        assert published == expected.date
    authors = [
        a.text_content() for a in page.xpath("//address[@class='vcard author']//a")
    ]
    assert authors == ([expected.author] if expected.author else [])


@each_article
def test_each_article_is_published_and_none_of_the_page(corpus_site, name, expected):
    body = corpus_site.article_body(f"{name}.html")
    texts = [text for text in paragraphs(body) if text]
    assert texts[0].startswith(expected.first)
    assert texts[-1].startswith(expected.last)
    content = body.text_content()
    for chrome in CHROME:
        assert chrome not in content, chrome


@each_article
def test_nothing_active_survives(corpus_site, name, expected):
    body = corpus_site.article_body(f"{name}.html")
    assert not body.xpath(ACTIVE)
    for element in (e for e in body.iter() if isinstance(e.tag, str)):
        assert not [a for a in element.attrib if a.lower().startswith("on")]
        assert "style" not in element.attrib
        for attribute in ("href", "src"):
            assert not element.get(attribute, "").lower().startswith("javascript:")


@each_article
def test_netease_images_are_kept_and_not_hotlinked(corpus_site, name, expected):
    images = corpus_site.article_body(f"{name}.html").xpath(".//img")
    assert len(images) == expected.images
    for image in images:
        assert is_netease(image.get("src"))
        assert image.get("referrerpolicy") == "no-referrer"
        assert image.get("alt", "text").strip()  # no "Empty alt attribute" warning
        assert "logo.png" not in image.get("src")  # the hidden logos
        assert not image.get("src").startswith("data:")  # lazy images' placeholders


@each_article
def test_sub_headings_make_a_toc(corpus_site, name, expected):
    body = corpus_site.article_body(f"{name}.html")
    headings = tuple(h.text_content() for h in body.xpath(".//h2"))
    assert headings == expected.headings
    toc = tuple(a.text_content() for a in body.xpath(".//nav[@class='toc ath-toc']//a"))
    assert toc == (headings if len(headings) >= 2 else ())


@pytest.mark.parametrize("corpus_site", list(EXPECTED), indirect=True)
def test_bold_everywhere_is_no_emphasis_and_bold_here_and_there_is(corpus_site):
    assert not corpus_site.article_body("simpread.html").xpath(".//strong|.//b")
    news = corpus_site.article_body("news.html")
    assert news.xpath(".//p/strong")  # the author's emphasis inside paragraphs


def test_the_build_warns_only_about_the_missing_date(build_site, records, corpus):
    _, files = corpus
    build_site(files, **SETTINGS)
    warnings = [r.getMessage() for r in records.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, warnings
    assert "simpread.md" in warnings[0] and "no date" in warnings[0]


#: The metadata about the original article a theme can show, per corpus.
ORIGINAL = {
    "own": {
        "news.html": {
            "source": "临江日报",
            "source_url": "https://epaper.linjiang-daily.example/2024/1228/a03.html?from=163",
            "original_url": "https://www.163.com/news/article/TESTNEWS01ATH002.html",
            "original_title": "地铁三号线今日开通 沿线居民出行更方便",
            "editor": "陈思",
        },
        "legacy.html": {
            "source": "江南农业报",
            "source_url": "http://www.jiangnan-farm.example/",
            "original_url": "https://news.163.com/18/0320/09/TESTLEGACY01ATH3.html",
            "original_title": "春耕时节农事忙",
            "editor": "李华",
        },
        "scrape.md": {
            "source": "社区那些事",
            "source_url": "https://www.163.com/dy/media/T1600000000006.html",
            "original_url": "https://www.163.com/dy/article/TESTFIRECRAWL6.html",
        },
        "simpread.md": {
            "original_url": "https://www.163.com/dy/article/TESTSIMPREAD1AT5.html",
        },
    },
    "shared": {
        "news.html": {
            "source": "总台环球资讯广播",
            "source_url": "https://content-static.cctvnews.cctv.com/snow-book/index.html?item_id=10914195805307695121&toc_style_id=feeds_default&share_to=copy_url&track_id=9fc600fc-809a-4242-9141-3ec8d4f6c96a",
            "original_url": "https://www.163.com/news/article/KC12OUHK000189FH.html",
            "original_title": "全球媒体聚焦｜美国政府停摆将对整个经济系统产生冲击",
            "editor": "雷晓",
        },
        "scrape.md": {
            "source": "别摸鲨鱼的脚",
            "source_url": "https://www.163.com/dy/media/T1772013324233.html",
            "original_url": "https://www.163.com/dy/article/KVMTIJ5A0556KMI7.html",
        },
    },
}  # fmt: skip
#: A recommended article's title on each corpus's desktop 网易号 page.
RECOMMENDED = {"own": "城西新开了一家旧书店", "shared": "熊磊发文公布2个关键信息"}


def test_themes_get_the_original_article(build_site, tmp_path, corpus):
    name, files = corpus
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
    expected = ORIGINAL[name]
    site = build_site(
        {file: files[file] for file in expected},
        THEME_TEMPLATES_OVERRIDES=[str(templates)],
        **SETTINGS,
    )

    def original(page: str) -> dict[str, str]:
        (dl,) = site.page(page).xpath("//dl[@id='original']")
        return dict(zip(dl.xpath("./dt/text()"), dl.xpath("./dd/text()"), strict=True))

    for file, metadata in expected.items():
        assert original(file.rsplit(".", 1)[0] + ".html") == metadata, file


def test_gbk_copy_publishes_identically(build_site, corpus):
    name, files = corpus
    utf8 = files["news.html"]
    text = utf8.decode("utf-8").replace("<head>", '<head>\n<meta charset="gbk">', 1)
    gbk = text.encode("gbk", errors="xmlcharrefreplace")
    assert gbk != utf8
    one = build_site({"news.html": utf8}, **SETTINGS)
    other = build_site({"news.html": gbk}, **SETTINGS)
    assert one.text("news.html") == other.text("news.html")
    assert EXPECTED[name]["news"].headings[0] in other.text("news.html")


def test_a_gbk_page_without_its_charset_is_detected(build_site, records, corpus):
    name, files = corpus
    page = files["news.html"].decode("utf-8").encode("gbk", "xmlcharrefreplace")
    site = build_site({"news.html": page}, **SETTINGS)
    assert EXPECTED[name]["news"].headings[0] in site.text("news.html")
    (note,) = [r.getMessage() for r in records.records if r.levelno >= logging.WARNING]
    assert "news.html: declares" in note and "read as GB18030" in note


def test_an_undecodable_page_is_one_error_and_the_rest_builds(
    build_site, records, corpus
):
    _, files = corpus
    gbk = files["news.html"].decode("utf-8").encode("gbk", "xmlcharrefreplace")
    comma = "，".encode("gbk")
    assert comma in gbk
    broken = gbk.replace(comma, b"\xff" + comma)  # 0xff: in no Chinese encoding
    site = build_site({"broken.html": broken, "dy.html": files["dy.html"]}, **SETTINGS)
    assert (site.output / "dy.html").exists()
    assert not (site.output / "broken.html").exists()
    ours = [
        r.getMessage()
        for r in records.records
        if r.levelno >= logging.ERROR and r.name.startswith("pelican.plugins.ath")
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


def test_saved_pages_can_be_switched_off(build_site, corpus):
    name, files = corpus
    site = build_site(
        {"dy.html": files["dy.html"]},
        ATH_SAVED_PAGES=False,
        DEFAULT_DATE="fs",
        **SETTINGS,
    )
    text = site.article_body("dy.html").text_content()
    assert RECOMMENDED[name] in text  # Pelican's reader keeps the whole page


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


def test_a_header_of_your_own_on_an_export_wins(build_site):
    header = "Title: 我的备份笔记\nDate: 2026-03-16 12:00\nSlug: notes\n\n"
    export = header.encode() + data("simpread.md")
    site = build_site({"simpread.md": export}, **SETTINGS)
    page = site.page("notes.html")
    assert page.xpath("//h1[@class='entry-title']")[0].text_content().strip() == "我的备份笔记"  # fmt: skip
    assert page.xpath("//abbr[@class='published']/@title") == ["2026-03-16T12:00:00+08:00"]  # fmt: skip
    body = site.article_body("notes.html")
    assert paragraphs(body)[0].startswith(EXPECTED["own"]["simpread"].first)
    assert "SimpRead" not in body.text_content()  # still cleaned as an export


def test_exporter_markdown_is_sanitised(build_site, corpus):
    _, files = corpus
    blocks = files["simpread.md"].decode("utf-8").split("\n\n")
    blocks[4:4] = [
        "<script>alert(1)</script>",
        '<img src="https://x.org/a.png" onerror="alert(1)">'
        '<a href="javascript:alert(1)">点我</a>',
    ]
    export = "\n\n".join(blocks)
    body = build_site({"simpread.md": export}, **SETTINGS).article_body("simpread.html")
    assert not body.xpath(ACTIVE + "|.//*[@onerror]|.//a[starts-with(@href, 'javascript')]")  # fmt: skip
    assert "点我" in body.text_content()


@pytest.mark.parametrize("layer", ["reader", "generator"])
def test_a_cached_rebuild_writes_identical_output(
    build_site, monkeypatch, layer, corpus
):
    from pelican.plugins.ath.readers import page_readers as saved

    _, corpus_files = corpus
    files = {
        "news.htm": corpus_files["news.html"],
        "scrape.md": corpus_files["scrape.md"],
    }
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
