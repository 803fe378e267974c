"""Unit tests for pelican.plugins.ath.netease.page on the repository's own saved pages
(``tests/data/``: one per layout) and on the real saved pages in
``../shared/netease/`` (skipped without it), plus pelican.plugins.ath.html.sanitize."""

from __future__ import annotations

import datetime
import json
import sys

import pytest
from conftest import data, shared_file, with_entities
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from pelican.plugins.ath.html.sanitize import sanitize
from pelican.plugins.ath.netease.images import mark_images
from pelican.plugins.ath.netease.page import UnknownLayout, parse_page
from pelican.plugins.ath.netease.signs import SPACES, _holds, might_be_netease
from pelican.plugins.ath.netease.text import CHINA
from pelican.plugins.ath.readers.encoding import PageEncodingError
from pelican.plugins.ath.readers.encoding import decode_page as decode
from pelican.plugins.ath.readers.page_readers import read_page

DY_PAGE = "01_dy_article_GA1LTCMN051480KF_postlight-parser-fixture.html"
NEWS_PAGE = "02_news_article_KC12OUHK000189FH_nanmicoder-fixture.html"
NEWS_JSON = "03_news_article_KC12OUHK000189FH_nanmicoder-scraper-output.json"

#: Page chrome of the desktop layout (share widget, comments, next article,
#: recommendations, the 网易号 box) that must never reach the body.
DESKTOP_CHROME = (
    "分享至",
    "用微信扫码二维码",
    "快速发贴",
    "举报",
    "阅读下一篇",
    "返回网易首页",
    "下载网易新闻客户端",
    "相关推荐",
    "热点推荐",
    "跟贴",
    "网易首页",
    "往期回顾",
)


def blocks(body: str) -> list[tuple[str, str]]:
    """``(tag, text)`` of every paragraph, heading and caption, in order."""
    root = lxml_html.fragment_fromstring(body, create_parent="div")
    return [
        (element.tag, element.text_content().strip())
        for element in root.iter("p", "h2", "h3", "figcaption")
    ]


def texts(body: str) -> list[str]:
    return [text for _, text in blocks(body) if text]


def images(body: str) -> list[str]:
    root = lxml_html.fragment_fromstring(body, create_parent="div")
    return root.xpath(".//img/@src")


def netease(markup: str) -> str:
    """``markup`` in a page that says it is on 163.com."""
    canonical = '<link rel="canonical" href="https://www.163.com/dy/article/X.html">'
    return canonical + markup


def as_gbk(page: str) -> bytes:
    """The page saved as GBK, its charset declared."""
    declared = page.replace("<head>", '<head>\n<meta charset="gbk">', 1)
    return declared.encode("gbk", errors="xmlcharrefreplace")


def sample(name: str) -> bytes:
    """A real sample from ``../shared/netease/``: read in fixtures, so that
    without it each test using them is skipped with the file it needs."""
    return shared_file(f"netease/{name}").read_bytes()


@pytest.fixture(scope="module")
def dy_bytes():
    return sample(DY_PAGE)


@pytest.fixture(scope="module")
def news_bytes():
    return sample(NEWS_PAGE)


@pytest.fixture(scope="module")
def scraper_output():
    """Sample 03: the other project's scraper output for sample 02."""
    return json.loads(sample(NEWS_JSON).decode("utf-8"))


@pytest.fixture(scope="module")
def dy_page(dy_bytes):
    return read_page(dy_bytes)


@pytest.fixture(scope="module")
def news_page(news_bytes):
    return read_page(news_bytes)


# -- sample 01: desktop 网易号 page, every Chinese character an entity ----------


def test_dy_page_entities_are_read_as_text(dy_bytes):
    raw = dy_bytes
    assert "储氢".encode() not in raw and b"&#x50A8;&#x6C22;" in raw
    text, encoding, notes = decode(raw)
    assert encoding == "utf-8" and "&#x50A8;&#x6C22;" in text  # read by the parser
    assert notes == ()


def test_dy_page_metadata(dy_page):
    assert dy_page.layout == "desktop"
    assert dy_page.title == (
        "破解难题！西安交大团队开发出高密度固态储氢材料：安全可控，稳定释氢"
    )
    assert dy_page.date.isoformat() == "2021-05-15T11:36:10+08:00"
    assert dy_page.source == dy_page.author == "前瞻网"
    assert dy_page.source_url == "https://www.163.com/dy/media/T1411089454603.html"
    assert dy_page.original_url == (
        "https://www.163.com/dy/article/GA1LTCMN051480KF.html"
    )
    assert dy_page.original_title is None and dy_page.editor is None
    assert set(dy_page.metadata()) == {
        "title", "date", "author", "source", "source_url", "original_url",
    }  # fmt: skip


def test_dy_page_body_is_the_article_only(dy_page):
    paragraphs = texts(dy_page.body)
    assert len(paragraphs) == 9
    assert paragraphs[0].startswith("氢是一种无污染的能源，它可以从水中提取")
    assert paragraphs[-1].startswith("立足学术前沿，远瞻产业发展。")
    assert paragraphs[-1].endswith("招股说明书撰写等解决方案。")
    assert [src.split("%2F")[-1].split("&")[0] for src in images(dy_page.body)] == [
        "8b37ab4aj00qt4q08003qc000hs00b2g.jpg",
        "2c4e969ep00qt4q09000wc000gf00bpg.png",
    ]
    for chrome in DESKTOP_CHROME:
        assert chrome not in dy_page.body, chrome
    # the disclaimer sits outside post_body: it is not part of the article
    assert "特别声明" not in dy_page.body and "NetEase Hao" not in dy_page.body
    assert "熊磊发文公布2个关键信息" not in dy_page.body  # a recommendation
    assert "<br" not in dy_page.body  # the <br><br> after each image


# -- sample 02: 网易新闻 own-channel page, checked against sample 03 --------------


def test_news_page_metadata(news_page, scraper_output):
    expected = scraper_output
    assert news_page.title == expected["title"]
    assert news_page.original_url == expected["news_url"]
    assert news_page.date.isoformat() == "2025-10-16T20:02:18+08:00"
    assert (
        news_page.date.replace(tzinfo=None).isoformat(" ")
        == (expected["meta_info"]["publish_time"])
    )
    assert news_page.source == news_page.author == "总台环球资讯广播"
    assert expected["meta_info"]["author_name"].startswith("本文来源：总台环球资讯广播")
    assert news_page.source_url.startswith("https://content-static.cctvnews.cctv.com/")
    assert news_page.editor == "雷晓"  # 责任编辑：雷晓_NB26578
    assert f"（原标题：{news_page.original_title}）" == expected["texts"][0]


def test_news_page_paragraphs_are_the_scrapers(news_page, scraper_output):
    """Sample 03 is one item per <p> of post_body (captions and bold
    sub-headings as plain text); the original-title line is metadata here."""
    expected = scraper_output
    assert texts(news_page.body) == expected["texts"][1:]
    assert [text for tag, text in blocks(news_page.body) if tag == "h2"] == [
        "关门年年有 今年不寻常",
        "受影响的是整个经济系统",
    ]
    assert "原标题" not in news_page.body


def test_news_page_images_without_the_hidden_logo(news_page, scraper_output):
    expected = scraper_output
    assert expected["images"][-1].endswith("/static/logo.png")  # hidden, 0px high
    assert images(news_page.body) == expected["images"][:-1]


def test_news_page_has_no_chrome_comments_or_scripts(news_page):
    for chrome in DESKTOP_CHROME:
        assert chrome not in news_page.body, chrome
    for junk in ("StartFragment", "EndFragment", "<!--", "<script", "本文来源", "责任编辑"):  # fmt: skip
        assert junk not in news_page.body, junk
    assert "美国政府关门两周，联邦雇员送快递" not in news_page.body  # recommended


def test_gbk_and_utf8_copies_read_identically(news_page, news_bytes):
    utf8 = news_bytes
    gbk = as_gbk(utf8.decode("utf-8"))
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert decode(gbk)[1] == "gb18030"
    assert read_page(gbk) == news_page


# -- decoding ---------------------------------------------------------------------


def test_gb2312_declared_page_with_gbk_characters_is_read():
    page = '<html><head><meta charset="gb2312"></head><p>镕基</p></html>'
    data = page.encode("gbk")  # 镕 is GBK, not GB2312
    assert decode(data)[:2] == (page, "gb18030")


def test_utf8_page_still_declaring_its_old_charset_is_read_as_utf8():
    page = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>网易新闻</p>'  # fmt: skip
    assert decode(page.encode("utf-8"))[:2] == (page, "utf-8")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_mark_wins(encoding):
    page = '<meta charset="gbk"><p>网易</p>'
    text, _, notes = decode(page.encode(encoding))
    assert (text, notes) == (page, ())


@pytest.mark.parametrize("charset", ["", '<meta charset="utf-8">'])
def test_a_gbk_page_declaring_utf8_or_nothing_is_detected(charset):
    page = f"{charset}<p>网易新闻：国家统计局一季度经济开局良好</p>"
    text, encoding, notes = decode(page.encode("gbk"))
    assert (text, encoding) == (page, "gb18030")
    says = "declares utf-8" if charset else "declares no charset"
    assert notes == (f"{says} but is GB18030; read as GB18030",)


def test_a_truncated_character_is_replaced_and_named():
    page = "<p>网易新闻：正文</p><p>第二段</p>".encode()
    data = page[: -len("段</p>".encode()) + 2]  # the last 段 cut after 2 bytes
    text, encoding, notes = decode(data)
    assert (text, encoding) == ("<p>网易新闻：正文</p><p>第二\ufffd", "utf-8")
    assert notes == (
        f"is not valid UTF-8 at byte {len(data) - 2}; read as UTF-8 with \ufffd "
        "where a character could not be read",
    )


def test_page_that_is_not_its_declared_charset_cannot_be_read():
    binary = bytes(range(128, 256)) * 4
    with pytest.raises(PageEncodingError, match="nor the shift_jis it declares"):
        decode(b'<meta charset="shift_jis"><p>' + binary)
    with pytest.raises(PageEncodingError, match="not an encoding Python knows"):
        decode(b'<meta charset="x-unknown"><p>' + binary)
    with pytest.raises(PageEncodingError, match="declares no charset"):
        decode(b"<p>" + binary)


def test_only_netease_pages_are_recognised():
    assert not might_be_netease(b"<html><body><p>My own post</p></body></html>")
    assert not might_be_netease(b'<div class="post_body">no sign of the site</div>')
    blog = b'<div class="post_body"><a href="https://www.163.com/">163</a></div>'
    assert might_be_netease(blog)
    assert read_page(b"<html><body><p>163.com post_body</p></body></html>") is None
    own = '<div class="post_body"><p>My post about <a href="https://www.163.com/">163</a></p></div>'
    assert read_page(own.encode()) is None  # the page does not say it is NetEase's
    assert read_page(netease(own).encode()).layout == "desktop"


# -- the repository's own pages (tests/data/), one per layout ----------------------

OWN_DY_PARAGRAPHS = [
    "每到傍晚，临川县图书馆二楼的阅览室就热闹起来。下班的年轻人、放学的中学生和附近小区的老人陆续走进来，找一张桌子坐下，一坐就是两三个小时。",
    "去年春天，图书馆把闭馆时间从晚上六点推迟到十点。馆长周明远说，最初只想试三个月，没想到读者越来越多，夜间开放就这样固定了下来。",
    "一盏灯带来的变化",
    "据图书馆统计，夜间开放后的一年里，全馆共借出图书三万余册，比上一年多了将近一半，其中晚上七点到九点是借阅最集中的时段。",
    "在这里复习备考的大学生林晓说，家里地方小，来图书馆才能静下心。“灯亮着，就觉得还有人陪你一起努力。”",
    "不只是借书",
    "除了借阅，图书馆还在周末开设了亲子共读和老年人智能手机课堂。志愿者王阿姨每周六都来帮忙，她说自己退休后反而比以前更忙了。",
    "周明远表示，接下来图书馆打算在城郊的两个乡镇开设分馆，让更多人在家门口就能借到书。",
]
OWN_NEWS_PARAGRAPHS = [
    "“以前到市中心要换两趟公交，现在坐地铁二十分钟就到了。”",
    "12月28日上午，临江市地铁三号线正式开通运营。据临江地铁集团介绍，开通首日全线客流超过十万人次，多个站点出现排队进站的情况。",
    "三号线首班列车驶出城东站",
    "沿线居民出行更方便",
    "三号线全长二十四公里，共设十九座车站，串联起城东新区、老城区和高铁站。家住城东的赵先生说，他每天能省下一个小时的通勤时间。",
    "乘客在站台候车（临江日报记者 摄）",
    "客流高峰仍需疏导",
    "不过，早晚高峰时段部分换乘站客流较大。地铁集团表示，将根据客流情况加密行车班次，并在重点车站增派工作人员引导乘客。",
]
#: Chrome of the repository's own pages, besides DESKTOP_CHROME: the words
#: of the page around the article that must never reach the body.
OWN_CHROME = (
    "浙江", "江西", "申请入驻", "关于书和读书的人", "文章数", "科技要闻",
    "城西新开了一家旧书店", "一台旧电脑的第二次生命", "地铁四号线开始试运行",
    "陈思", "NB12345", "StartFragment", "EndFragment",
)  # fmt: skip


def nimg(path: str) -> str:
    """A NetEase image address for a file on dingyue/cms-bucket, as the pages
    write it."""
    return f"https://nimg.ws.126.net/?url={path}&thumbnail=660x2147483647&quality=80&type=jpg"


@pytest.fixture(scope="module")
def own_dy():
    return read_page(data("dy_article.html"))


@pytest.fixture(scope="module")
def own_news():
    return read_page(data("news_article.html"))


def test_own_dy_page_metadata(own_dy):
    assert own_dy.layout == "desktop"
    assert own_dy.title == "小城图书馆把夜读灯开到了十点"
    assert own_dy.date.isoformat() == "2023-09-08T14:20:05+08:00"
    assert own_dy.source == own_dy.author == "书页之间"
    assert own_dy.source_url == "https://www.163.com/dy/media/T1600000000001.html"
    assert own_dy.original_url == "https://www.163.com/dy/article/TESTDY0001ATH001.html"
    assert own_dy.original_title is None and own_dy.editor is None


def test_own_dy_page_body_is_the_article_only(own_dy):
    assert texts(own_dy.body) == OWN_DY_PARAGRAPHS
    assert [text for tag, text in blocks(own_dy.body) if tag == "h2"] == [
        "一盏灯带来的变化",
        "不只是借书",
    ]
    assert images(own_dy.body) == [
        nimg("http%3A%2F%2Fdingyue.ws.126.net%2F2023%2F0908%2F5a1d0c3aj00s0ath1001bc000hs00b2g.jpg"),
        nimg("http%3A%2F%2Fdingyue.ws.126.net%2F2023%2F0908%2F7e2b4f1cp00s0ath2002kc000go009tm.png"),
    ]  # fmt: skip
    root = lxml_html.fragment_fromstring(own_dy.body, create_parent="div")
    assert root.xpath(".//p/strong/text()") == ["晚上七点到九点"]  # emphasis stays
    for chrome in DESKTOP_CHROME + OWN_CHROME:
        assert chrome not in own_dy.body, chrome
    # the disclaimer sits outside post_body: it is not part of the article
    assert "特别声明" not in own_dy.body and "NetEase Hao" not in own_dy.body
    for junk in (
        "<br",
        "&nbsp;",
        "\xa0",
        "<script",
        "<style",
        "<link",
        "ipLocation",
        "<span",
        "rgb(",
    ):
        assert junk not in own_dy.body, junk


def test_own_page_saved_with_entities_reads_like_the_utf8_page(own_dy):
    """Sample 01's saver: every non-ASCII character an entity, ``<meta name
    value>`` for ``<meta property content>``."""
    raw = with_entities(data("dy_article.html"))
    assert raw.isascii() and b"&#x4E34;&#x5DDD;" in raw  # 临川
    assert b'<meta name="article:published_time" value="2023-09-08T14:20:05+08:00">' in raw  # fmt: skip
    text, encoding, _ = decode(raw)
    assert encoding == "utf-8" and "&#x4E34;&#x5DDD;" in text  # read by the parser
    assert read_page(raw) == own_dy


def test_meta_written_as_name_and_value_is_read():
    page = parse_page(
        '<meta name="og:url" value="https://www.163.com/dy/article/Y.html">'
        '<meta name="article:published_time" value="2021-05-15T11:36:10+08:00">'
        '<meta name="og:title" value="标题_网易订阅">'
        '<div class="post_body"><p>正文。</p></div>'
    )
    assert page.original_url == "https://www.163.com/dy/article/Y.html"
    assert page.date.isoformat() == "2021-05-15T11:36:10+08:00"
    assert page.title == "标题"


def test_own_news_page_metadata(own_news):
    assert own_news.layout == "desktop"
    assert own_news.title == "临江地铁三号线开通首日客流超十万人次"
    assert own_news.original_title == "地铁三号线今日开通 沿线居民出行更方便"
    assert own_news.date.isoformat() == "2024-12-28T18:30:12+08:00"
    assert own_news.source == own_news.author == "临江日报"
    assert own_news.source_url == (
        "https://epaper.linjiang-daily.example/2024/1228/a03.html?from=163"
    )
    assert own_news.editor == "陈思"  # 责任编辑：陈思_NB12345
    assert own_news.original_url == (
        "https://www.163.com/news/article/TESTNEWS01ATH002.html"
    )


def test_own_news_page_paragraphs_captions_and_sub_headings(own_news):
    """One block per ``<p>`` of post_body: captions (the ``<p>`` after an
    image) stay paragraphs, ``<p><b>`` sub-headings become ``<h2>``, the
    original-title line is metadata."""
    assert texts(own_news.body) == OWN_NEWS_PARAGRAPHS
    assert [text for tag, text in blocks(own_news.body) if tag == "h2"] == [
        "沿线居民出行更方便",
        "客流高峰仍需疏导",
    ]
    root = lxml_html.fragment_fromstring(own_news.body, create_parent="div")
    assert root.xpath(".//p/strong/text()") == ["每天能省下一个小时", "加密行车班次"]


def test_own_news_page_images_without_the_hidden_logo(own_news):
    assert images(own_news.body) == [
        nimg("http%3A%2F%2Fcms-bucket.ws.126.net%2F2024%2F1228%2F3c9e7a10j00ath3001fc000st0086c.jpg"),
        nimg("http%3A%2F%2Fcms-bucket.ws.126.net%2F2024%2F1228%2F81d5b2e4j00ath4000kdc000vm00gwc.jpg"),
    ]  # fmt: skip
    assert "logo.png" not in own_news.body


def test_own_news_page_has_no_chrome_comments_or_scripts(own_news):
    for chrome in DESKTOP_CHROME + OWN_CHROME:
        assert chrome not in own_news.body, chrome
    for junk in ("<!--", "<script", "config", "本文来源", "责任编辑", "原标题", "end_news"):  # fmt: skip
        assert junk not in own_news.body, junk


def test_gbk_copy_of_a_page_reads_identically(own_news):
    gbk = as_gbk(data("news_article.html").decode("utf-8"))
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert decode(gbk)[1] == "gb18030"
    assert read_page(gbk) == own_news


def test_legacy_gbk_page():
    raw = data("legacy_gbk.html")  # GBK bytes, declared gb2312
    with pytest.raises(UnicodeDecodeError):
        raw.decode("gb2312")  # 喆 is GBK, not GB2312
    page = read_page(raw)
    assert page.layout == "legacy"
    assert page.title == "全省春耕备耕工作有序推进"
    assert page.date == datetime.datetime(
        2018, 3, 20, 9, 15, 42, tzinfo=datetime.timezone(datetime.timedelta(hours=8))
    )
    assert str(page.date.tzinfo) == "Asia/Shanghai"  # the page gives no zone
    assert (page.source, page.source_url) == (
        "江南农业报",
        "http://www.jiangnan-farm.example/",
    )
    assert page.author == "江南农业报"
    assert page.editor == "李华"
    assert page.original_title == "春耕时节农事忙"
    assert page.original_url == "https://news.163.com/18/0320/09/TESTLEGACY01ATH3.html"
    assert blocks(page.body) == [
        ("p", "本报讯　连日来，全省各地抓住晴好天气，春耕备耕工作有序推进。"),
        ("figcaption", "农民在田间整理秧苗。"),
        ("h2", "农资供应充足"),
        ("p", "记者从省农业厅了解到，目前全省化肥、种子等农资储备充足，价格总体平稳。"),
        ("p", "各地还组织农技人员深入田间地头，为农民提供技术指导。"),
        ("p", "农技专家王喆介绍，今年全省将推广十个水稻优良品种，帮助农民增产增收。"),
    ]
    root = lxml_html.fragment_fromstring(page.body, create_parent="div")
    (figure,) = root.xpath(".//figure")
    assert figure.xpath("./img/@src") == [
        "http://cms-bucket.nosdn.127.net/2018/03/20/5d3c1a2b9e4f4a7c.jpeg"
    ]
    assert not root.xpath(".//a")  # the keyword link is text
    assert root.xpath(".//p/b")  # a bold sentence keeps its emphasis
    assert not [p for p in root.iter("p") if (p.text or "").startswith("\u3000")]
    for junk in (
        "广告位", "分享到", "本文来源", "责任编辑", "跟贴", "iframe", "原标题",
        "<!--", "AD200x300", "end_news", "网友评论", "NN1234", "&nbsp;", "\xa0", "<font",
    ):  # fmt: skip
        assert junk not in page.body, junk


def test_mobile_page():
    page = read_page(data("mobile.html"))
    assert page.layout == "mobile"
    assert page.title == "山村小学有了第一支足球队"
    assert page.date.isoformat() == "2024-05-20T16:45:00+08:00"
    assert page.author == page.source == "乡村教育观察"
    assert page.original_url == "https://m.163.com/dy/article/TESTMOBILE1ATH04.html"
    assert blocks(page.body) == [
        ("p", "五月的一个下午，云岭村小学的操场上第一次响起了比赛的哨声。二十多个孩子穿着统一的球衣，在刚铺好的草皮上来回奔跑。"),
        ("figcaption", "孩子们在新球场上训练"),
        ("p", "球队的教练是学校唯一的体育老师刘强。他说，两年前学校连一个像样的足球都没有，孩子们只能在泥地上踢用旧衣服扎成的球。"),
        ("h2", "从一个足球开始"),
        ("p", "去年，一家公益基金会为学校捐建了球场，还送来了球鞋和球衣。刘强利用课后时间带孩子们训练，每周练习三次。"),
        ("figcaption", "赛后合影"),
        ("h2", "第一场比赛"),
        ("p", "在和镇中心小学的友谊赛中，云岭村小学队以二比三惜败。想看比赛视频的读者，可以在客户端里找到。"),
        ("p", "“输了也高兴，”十一岁的队长小雨说，“我们下次一定能赢。”"),
    ]  # fmt: skip
    assert images(page.body) == [
        "https://nimg.ws.126.net/?url=http%3A%2F%2Fdingyue.ws.126.net%2F2024%2F0520%2F9f3e2d1cj00ath5001fc000st0086c.jpg&thumbnail=750x2147483647",
        "https://nimg.ws.126.net/?url=http%3A%2F%2Fdingyue.ws.126.net%2F2024%2F0520%2F2b7a4e6dj00ath6000kdc000vm00gwc.jpg&thumbnail=750x2147483647",
    ]  # the lazy images' real sources, not the GIF placeholders
    for junk in ("打开网易新闻", "投票", "隐藏", "热门推荐", "县城中学", "<section", "<span", "<script", "lazyload"):  # fmt: skip
        assert junk not in page.body, junk


@pytest.mark.parametrize(
    "sign",
    [
        '<link rel="canonical" href="https://www.163.com/dy/article/X.html">',
        '<meta property="og:url" content="https://m.163.com/dy/article/X.html">',
        '<meta name="mobile-agent" content="format=html5; url=https://m.163.com/dy/article/X.html">',
        "<title>标题_网易订阅</title>",
        "<title>标题_手机网易网</title>",
    ],
)
def test_a_page_is_netease_s_by_its_own_address_or_title(sign):
    body = '<div class="post_body"><p>正文，提到 163.com。</p></div>'
    assert read_page(f"<html><head>{sign}</head><body>{body}</body></html>".encode())
    assert read_page(f"<html><body>{body}</body></html>".encode()) is None


def test_page_root_ne_wrap_is_netease_s():
    page = '<html id="ne_wrap"><body><div class="post_body"><p>163.com 正文。</p></div></body></html>'  # fmt: skip
    assert read_page(page.encode()).layout == "desktop"


def test_account_box_names_the_author_when_the_info_line_does_not():
    page = parse_page(
        netease(
            '<div class="post_info">2023-09-08 14:20:05</div>'
            '<div class="post_body"><p>正文。</p></div>'
            '<div class="post_wemedia_name"><a href="https://www.163.com/dy/media/T1.html">号主</a></div>'
        )
    )
    assert page.author == page.source == "号主"


def test_addresses_in_the_article_are_made_absolute():
    page = parse_page(
        netease(
            '<div class="post_body"><p>正文，见<a href="/dy/article/Y.html">上一篇</a>。</p>'
            '<p class="f_center"><img src="//dingyue.ws.126.net/a.jpg"></p>'
            '<p class="f_center"><img data-src="../img/b.png" src="data:,"></p></div>'
        )
    )
    root = lxml_html.fragment_fromstring(page.body, create_parent="div")
    assert root.xpath(".//a/@href") == ["https://www.163.com/dy/article/Y.html"]
    assert images(page.body) == [
        "https://dingyue.ws.126.net/a.jpg",
        "https://www.163.com/dy/img/b.png",
    ]


def test_the_article_heading_wins_over_the_page_s_titles():
    page = parse_page(
        netease(
            '<title>页面标题_网易订阅</title><meta property="og:title" content="社交标题">'
            '<h1 class="post_title">文章标题</h1><div class="post_body"><p>正文。</p></div>'
        )
    )
    assert page.title == "文章标题"


def test_the_source_link_of_older_pages_is_found_by_its_id():
    """Pages of the 2010s: ``div.ep-time-soure`` (sic), ``a#ne_article_source``."""
    page = read_page(
        netease(
            '<div class="ep-time-soure cDGray">2015-06-01 08:00:00　来源: '
            '<a id="ne_article_source" href="http://www.example.com/">某某晚报</a></div>'
            '<div class="end-text" id="endText"><p>正文。</p></div>'
        ).encode()
    )
    assert page.layout == "legacy"
    assert (page.source, page.source_url) == ("某某晚报", "http://www.example.com/")


def test_the_source_line_under_the_article_names_the_source_when_the_info_line_does_not():
    page = parse_page(
        netease(
            '<div class="post_info">2024-12-28 18:30:12</div>'
            '<div class="post_body"><p>正文。</p></div>'
            '<div class="post_author">本文来源：临江日报 责任编辑：陈思_NB12345</div>'
        )
    )
    assert (page.source, page.author, page.editor) == ("临江日报", "临江日报", "陈思")


def test_a_source_without_a_link_is_not_the_report_link():
    page = parse_page(
        netease(
            '<div class="post_info">2023-09-08 14:20:05　来源: 某某日报'
            '<a href="http://jubao.aq.163.com/" class="post_jubao">举报</a></div>'
            '<div class="post_body"><p>正文。</p></div>'
        )
    )
    assert (page.source, page.source_url) == ("某某日报", None)


def test_title_falls_back_to_og_title_then_the_page_title():
    body = '<div class="post_body"><p>正文。</p></div>'
    og = parse_page(
        '<meta property="og:title" content="社交标题_手机网易网">'
        "<title>页面标题_网易订阅</title>" + body
    )
    assert og.title == "社交标题"
    titled = parse_page(
        '<meta name="keywords" content="氢能,纳米">'
        "<title>破解难题！标题|氢能|纳米_网易订阅</title>" + body
    )
    assert titled.title == "破解难题！标题"


def test_date_from_the_page_attribute_in_china_time():
    page = parse_page(
        '<html id="ne_wrap" data-publishtime="2021-05-15 11:36:10"><body>'
        '<div class="post_body"><p>正文。</p></div></body></html>'
    )
    assert page.date.isoformat() == "2021-05-15T11:36:10+08:00"
    assert page.date.tzinfo.key == "Asia/Shanghai"


def test_sub_headings_are_short_bold_paragraphs_only():
    page = parse_page(
        netease(
            '<div class="post_body"><p><strong><span>第一部分</span></strong></p>'
            "<p><b>不是标题。</b></p><p><strong>甲</strong>乙</p>"
            "<p><b>" + "很长" * 20 + "</b></p></div>"
        )
    )
    assert [tag for tag, _ in blocks(page.body)] == ["h2", "p", "p", "p"]


def test_spacers_and_hidden_elements_go():
    page = parse_page(
        netease(
            '<div class="post_body"><p>&nbsp;</p><p><br></p><p>　</p><p>正文。<br><br></p>'
            '<div style="height: 0px;overflow:hidden;"><img src="https://x/logo.png"></div>'
            '<div hidden>藏</div><div style="visibility: hidden">藏</div></div>'
        )
    )
    assert page.body == "<p>正文。</p>"


@pytest.mark.parametrize(
    "tag",
    [
        *("object", "applet", "canvas", "select", "button"),  # removed with content
        *("iframe", "textarea", "title", "xmp", "noembed", "noframes", "plaintext"),
    ],
)
def test_an_unclosed_element_keeps_the_text_after_it_and_says_so(tag):
    page = parse_page(
        netease(
            f'<div class="post_body"><p>第一段。</p><{tag} data="x.swf">'
            "<p>第二段。</p><h2>小標題</h2><p>第三段。</p></div>"
            '<div class="post_comment">網友評論</div>'
        )
    )
    root = lxml_html.fragment_fromstring(sanitize(page.body), create_parent="div")
    assert [p.text_content() for p in root.iter("p", "h2")] == [
        "第一段。",
        "第二段。",
        "小標題",
        "第三段。",
    ]
    assert "網友評論" not in root.text_content()  # the page around it stays out
    assert page.notes == (
        f"an unclosed <{tag}> held the text after it; the text is kept, "
        f"the <{tag}> left out",
    )


def test_raw_text_elements_left_open_one_after_another_keep_all_the_text():
    """Each left open holds the rest: all of it is read again, once."""
    page = parse_page(
        netease(
            '<div class="post_body"><p>甲段。<iframe><p>乙段。<textarea><p>丙段。'
            "<iframe src=x><p>丁段。<xmp><p>戊段。</div>"
        )
    )
    root = lxml_html.fragment_fromstring(sanitize(page.body), create_parent="div")
    text = root.text_content()
    assert [word for word in ("甲段", "乙段", "丙段", "丁段", "戊段") if word in text] == [
        "甲段", "乙段", "丙段", "丁段", "戊段"
    ]  # fmt: skip
    assert sorted(page.notes) == [
        "an unclosed <iframe> held the text after it; the text is kept, the "
        "<iframe> left out (2 times)",
        "an unclosed <textarea> held the text after it; the text is kept, the "
        "<textarea> left out",
        "an unclosed <xmp> held the text after it; the text is kept, the <xmp> "
        "left out",
    ]


def test_closed_embeds_and_their_fallback_text_go_without_a_note():
    page = parse_page(
        netease(
            '<div class="post_body"><p>前。</p><object data="x.swf">請安裝 Flash</object>'
            '<iframe src="https://v.163.com/x"></iframe><select><option>甲</option>'
            "</select><p>後。</p></div>"
        )
    )
    assert sanitize(page.body) == "<p>前。</p><p>後。</p>"
    assert page.notes == ()


# -- sanitising ---------------------------------------------------------------


def test_sanitize_removes_everything_active():
    dirty = (
        '<p onclick="x()" style="color:red" class="c">文<script>alert(1)</script>'
        "<style>p{}</style></p><iframe src=https://x>框</iframe><object>o</object>"
        '<embed src="x"><a href="javascript:alert(1)">链</a>'
        '<img src="javascript:alert(1)" onerror="alert(1)"><form><button>按</button></form>'
        '<svg onload="alert(1)"><text>图</text></svg><a href="https://x.org/a">好</a>'
    )
    clean = sanitize(dirty)
    root = lxml_html.fragment_fromstring(clean, create_parent="div")
    assert not root.xpath(
        ".//script|.//style|.//iframe|.//object|.//embed|.//svg|.//form|.//button"
    )
    assert not [name for e in root.iter() for name in e.attrib if name.startswith("on")]
    assert "javascript" not in clean and "style=" not in clean
    assert root.text_content() == "文链好"
    assert root.xpath(".//a/@href") == ["https://x.org/a"]


def test_netease_images_get_no_referrer_others_do_not():
    markup = sanitize(
        '<img src="https://nimg.ws.126.net/?url=a&amp;b=1"><img src="http://cms-bucket.nosdn.127.net/a.jpg">'
        '<img src="https://dy.163.com/a.png" alt=""><img src="https://example.org/126.net.png" alt="外">'
        '<img src="/relative.png">'
    )
    root = lxml_html.fragment_fromstring(mark_images(markup), create_parent="div")
    policies = [img.get("referrerpolicy") for img in root.iter("img")]
    assert policies == ["no-referrer", "no-referrer", "no-referrer", None, None]
    assert [img.get("alt") for img in root.iter("img")] == [
        None,
        None,
        None,
        "外",
        None,
    ]


# -- layouts and where each field was read (issue 28) ------------------------------

RELATED_FIRST = """<html><head><title>一页_网易新闻</title></head><body>
<ul class="list"><li><span class="time">2015/11/09</span></li></ul>
<div id="epContentLeft"><h1>一页</h1>
<div class="ep-time-soure">2016-02-21 11:05:50　来源: 某报</div>
<div id="endText"><p>正文。</p></div></div></body></html>"""


def test_the_pages_own_time_wins_over_a_related_lists_even_before_it():
    page = parse_page(RELATED_FIRST)
    assert page is not None
    assert page.date == datetime.datetime(2016, 2, 21, 11, 5, 50, tzinfo=CHINA)
    assert dict(page.sources)["date"] == ".ep-time-soure"


def test_a_netease_page_in_no_known_layout_is_refused_with_what_is_missing():
    page = "<html><head><title>一页_网易新闻</title></head><body><p>x</p></body></html>"
    with pytest.raises(UnknownLayout) as raised:
        parse_page(page)
    message = str(raised.value)
    assert "no article body (none of #endText" in message
    assert "no article title" in message and "no publication time" in message
    assert might_be_netease(page.encode())  # read, then refused: never published whole


def test_each_field_says_where_it_was_read():
    page = read_page(data("mobile.html"))
    assert page is not None
    assert dict(page.sources) == {
        "title": "article h1",
        "date": "time",
        "author": "a.author-homePage",
        "source": "a.author-homePage",
        "original_url": "meta og:url",
    }


# --- body cleaning: chrome, videos, section titles (issue 28) ----------------


def test_what_the_reader_drops_is_listed_in_page_order():
    page = parse_page(data("legacy_video.html").decode("utf-8"))
    assert page.dropped == (
        ("您的浏览器暂时无法播放此视频.", "video fallback text"),
        ("延伸阅读 城南老菜场改成了文化市集 十家社区书屋今年开放", "related articles"),
        ("相关阅读： 老城区改造的三种办法", "related articles"),
        ("延伸 · 推荐 城市更新观察 厂房里的创意园", "related articles"),
        ("本文来源：河西日报 责任编辑：王芳_NN4321", "source and editor line"),
    )


def test_a_related_label_alone_goes_with_its_list_and_prose_stays():
    page = parse_page(
        netease(
            '<div class="post_body"><p>正文。</p><p><strong>推荐阅读</strong></p>'
            '<ul><li><a href="https://www.163.com/a.html">别的文章</a></li></ul>'
            "<p>延伸阅读：作者在文末列了三本书，都值得一读。</p>"
            "<p>推荐阅读</p><p>这一段不是链接。</p></div>"
        )
    )
    assert [text for _, text in blocks(page.body)] == [
        "正文。",
        "延伸阅读：作者在文末列了三本书，都值得一读。",
        "推荐阅读",
        "这一段不是链接。",
    ]
    assert [reason for _, reason in page.dropped] == ["related articles"] * 2


@pytest.mark.parametrize(
    "prompt",
    [
        "打开网易新闻 查看精彩图片",
        "下载网易新闻客户端",
        "您的浏览器暂时无法播放此视频.",
    ],
)
def test_app_prompts_and_video_fallback_are_chrome(prompt):
    page = parse_page(
        netease(f'<div class="post_body"><p>正文。</p><p>{prompt}</p></div>')
    )
    assert prompt not in page.body and page.dropped[0][0] == prompt


def test_a_video_with_neither_source_nor_page_is_dropped_and_said():
    page = parse_page(
        netease(
            '<div class="post_body"><p>正文。</p><p><video poster="https://v/p.jpg">'
            "您的浏览器暂时无法播放此视频.</video></p></div>"
        )
    )
    assert page.body == "<p>正文。</p>"
    assert [reason for _, reason in page.dropped] == [
        "video fallback text",
        "video with no source or page",
    ]


def test_a_video_alone_in_a_paragraph_replaces_it_and_only_http_plays():
    page = parse_page(
        netease(
            '<div class="post_body"><p><video src="javascript:x()" data-src="'
            '//flv.bn.netease.com/a.mp4">您的浏览器暂时无法播放此视频.</video></p></div>'
        )
    )
    assert page.body == (
        '<figure><video controls="" preload="none" '
        'src="https://flv.bn.netease.com/a.mp4"></video></figure>'
    )


def test_bold_titles_take_the_level_of_the_article_s_own_headings():
    page = parse_page(
        netease(
            '<div class="post_body"><h3>一</h3><p>正文。</p><p><b>【第二部分】</b></p>'
            "<p><strong>为什么？</strong></p></div>"
        )
    )
    assert [tag for tag, _ in blocks(page.body)] == ["h3", "p", "h3", "h3"]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 20),
    st.lists(
        st.sampled_from([b"x", b"endT", b"ext", b"endText", b"\xe7\xbd\x91", b" "])
    ),
    st.sampled_from([(b"endText", b"x"), (b"article-body", b"y"), (b"163.com", b"3")]),
)
def test_a_sign_looked_for_by_its_rare_byte_is_found_as_in_finds_it(rares, parts, case):
    """``_holds`` (the rare byte first, then the sign around it) answers what
    ``in`` answers, however many of the rare byte come before the sign."""
    sign, rare = case
    data = rare * rares + b"".join(parts) + (sign if len(parts) % 3 == 0 else b"")
    assert _holds(data, sign, rare) == (sign in data)


def test_the_spaces_written_out_are_every_space_python_knows():
    """``signs.SPACES`` lists what ``str.isspace`` says is a space."""
    every = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert every == SPACES
