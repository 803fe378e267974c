"""Unit tests for pelican_ath.netease_page on the real saved pages in
``../shared/netease/`` (and on the two layouts no sample has, written here
from the markup NetEase used), plus pelican_ath.sanitize."""

from __future__ import annotations

import datetime
import json

import pytest
from conftest import SHARED
from lxml import html as lxml_html

from pelican_ath.netease_page import (
    PageEncodingError,
    decode,
    might_be_netease,
    parse_page,
    read_page,
)
from pelican_ath.sanitize import mark_images, sanitize

NETEASE = SHARED / "netease"
DY_PAGE = NETEASE / "01_dy_article_GA1LTCMN051480KF_postlight-parser-fixture.html"
NEWS_PAGE = NETEASE / "02_news_article_KC12OUHK000189FH_nanmicoder-fixture.html"
NEWS_JSON = NETEASE / "03_news_article_KC12OUHK000189FH_nanmicoder-scraper-output.json"

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


@pytest.fixture(scope="module")
def dy_page():
    return read_page(DY_PAGE.read_bytes())


@pytest.fixture(scope="module")
def news_page():
    return read_page(NEWS_PAGE.read_bytes())


# -- sample 01: desktop 网易号 page, every Chinese character an entity ----------


def test_dy_page_entities_are_read_as_text():
    raw = DY_PAGE.read_bytes()
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


def test_news_page_metadata(news_page):
    expected = json.loads(NEWS_JSON.read_text(encoding="utf-8"))
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


def test_news_page_paragraphs_are_the_scrapers(news_page):
    """Sample 03 is one item per <p> of post_body (captions and bold
    sub-headings as plain text); the original-title line is metadata here."""
    expected = json.loads(NEWS_JSON.read_text(encoding="utf-8"))
    assert texts(news_page.body) == expected["texts"][1:]
    assert [text for tag, text in blocks(news_page.body) if tag == "h2"] == [
        "关门年年有 今年不寻常",
        "受影响的是整个经济系统",
    ]
    assert "原标题" not in news_page.body


def test_news_page_images_without_the_hidden_logo(news_page):
    expected = json.loads(NEWS_JSON.read_text(encoding="utf-8"))
    assert expected["images"][-1].endswith("/static/logo.png")  # hidden, 0px high
    assert images(news_page.body) == expected["images"][:-1]


def test_news_page_has_no_chrome_comments_or_scripts(news_page):
    for chrome in DESKTOP_CHROME:
        assert chrome not in news_page.body, chrome
    for junk in ("StartFragment", "EndFragment", "<!--", "<script", "本文来源", "责任编辑"):  # fmt: skip
        assert junk not in news_page.body, junk
    assert "美国政府关门两周，联邦雇员送快递" not in news_page.body  # recommended


def test_gbk_and_utf8_copies_read_identically(news_page):
    utf8 = NEWS_PAGE.read_bytes()
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


# -- the layouts without a sample -------------------------------------------------

LEGACY = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>国家统计局：一季度经济开局良好_网易新闻</title>
<link rel="canonical" href="https://news.163.com/19/0417/10/ECJ6TT4J0001875N.html" />
<script type="text/javascript">var x = 1;</script>
</head>
<body>
<div class="post_content_main" id="epContentLeft">
<h1>国家统计局：一季度经济开局良好</h1>
<div class="post_time_source">
2019-04-17 10:02:35　来源: <a id="ne_article_source" href="http://www.xinhuanet.com/" target="_blank" rel="nofollow">新华网</a>
</div>
<div class="post_body">
<div class="post_topshare_wrap"><div class="post_topshare">分享到：微信 微博</div></div>
<div class="post_text" id="endText" style="border-top:1px solid #ddd;">
<p class="otitle">（原标题：一季度国民经济开局良好）</p>
<p>　　新华社北京4月17日电　一季度<a href="http://money.163.com/keywords/5/1/56fd5185751f4ea7603b503c/1.html" title="国内生产总值" target="_blank">国内生产总值</a>同比增长6.4%。</p>
<p>&nbsp;</p>
<p class="f_center"><img alt="国家统计局新闻发布会" src="http://cms-bucket.nosdn.127.net/2019/04/17/abc.jpeg" /><br/>国家统计局新闻发布会现场。</p>
<p><strong>经济运行总体平稳</strong></p>
<p>　　一季度，全国规模以上工业增加值同比增长6.5%。</p>
<div class="gg200x300"><iframe src="http://g.163.com/ad"></iframe>广告位</div>
<p><b>这一段整段加粗，但它是一句完整的话，不是小标题。</b></p>
<p>　　国家统计局新闻发言人表示，经济运行开局良好。</p>
<!-- AD200x300_2 -->
<div class="ep-source cDGray">
<span class="left"><a href="http://news.163.com/"><img src="http://static.ws.126.net/cnews/css13/img/end_news.png" alt="王晓易" class="icon"></a> 本文来源：新华网  </span>
<span class="ep-editor">责任编辑：王晓易_NE0011</span>
</div>
</div>
</div>
<div class="post_btmshare">分享到</div>
</div>
<div class="post_comment" id="tie">跟贴</div>
</body>
</html>
"""

MOBILE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8" />
<title>深圳发布新政 支持人工智能产业发展_手机网易网</title>
<meta property="og:url" content="https://m.163.com/dy/article/J8ABCDEF0514R9P4.html">
</head>
<body>
<article class="article-box">
<header class="article-header">
<h1 class="title">深圳发布新政 支持人工智能产业发展</h1>
<div class="info">
<a class="author-homePage" href="https://m.163.com/dy/media/T123.html">深圳发布</a>
<time datetime="2024-08-02 09:15:00">08-02 09:15</time>
</div>
</header>
<section class="article-body js-article-body">
<p>8月2日，深圳市发布支持人工智能产业发展的若干措施。</p>
<div class="photo"><img data-src="https://nimg.ws.126.net/?url=http%3A%2F%2Fdingyue.ws.126.net%2F2024%2F0802%2Fa.jpg" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" /><span class="photo-desc">新政发布会现场</span></div>
<div class="s-tip js-open-app">打开网易新闻 查看精彩图片<i class="icon-arrow"></i></div>
<section class="m-vote js-open-app"><p>投票：你支持吗？</p></section>
<p>措施提出，到2025年，全市人工智能产业规模达到3000亿元。</p>
<p style="display:none">隐藏的文字</p>
<p onclick="steal()">市民可通过<a href="javascript:alert(1)">官网</a>查看全文。</p>
</section>
<div class="article-footer">打开网易新闻，阅读体验更佳</div>
</article>
</body>
</html>
"""


def test_legacy_gbk_page():
    page = read_page(LEGACY.encode("gbk"))
    assert page.layout == "legacy"
    assert page.title == "国家统计局：一季度经济开局良好"
    assert page.date == datetime.datetime(
        2019, 4, 17, 10, 2, 35, tzinfo=datetime.timezone(datetime.timedelta(hours=8))
    )
    assert str(page.date.tzinfo) == "Asia/Shanghai"  # the page gives no zone
    assert (page.source, page.source_url) == ("新华网", "http://www.xinhuanet.com/")
    assert page.editor == "王晓易"
    assert page.original_title == "一季度国民经济开局良好"
    assert page.original_url == "https://news.163.com/19/0417/10/ECJ6TT4J0001875N.html"
    assert blocks(page.body) == [
        ("p", "新华社北京4月17日电　一季度国内生产总值同比增长6.4%。"),
        ("figcaption", "国家统计局新闻发布会现场。"),
        ("h2", "经济运行总体平稳"),
        ("p", "一季度，全国规模以上工业增加值同比增长6.5%。"),
        ("p", "这一段整段加粗，但它是一句完整的话，不是小标题。"),
        ("p", "国家统计局新闻发言人表示，经济运行开局良好。"),
    ]
    root = lxml_html.fragment_fromstring(page.body, create_parent="div")
    (figure,) = root.xpath(".//figure")
    assert figure.xpath("./img/@src") == ["http://cms-bucket.nosdn.127.net/2019/04/17/abc.jpeg"]  # fmt: skip
    assert not root.xpath(".//a")  # the keyword link is text
    assert root.xpath(".//p/b")  # a bold sentence keeps its emphasis
    for junk in (
        "广告位",
        "分享到",
        "本文来源",
        "责任编辑",
        "跟贴",
        "iframe",
        "原标题",
    ):
        assert junk not in page.body, junk


def test_mobile_page():
    page = read_page(MOBILE.encode("utf-8"))
    assert page.layout == "mobile"
    assert page.title == "深圳发布新政 支持人工智能产业发展"
    assert page.date.isoformat() == "2024-08-02T09:15:00+08:00"
    assert page.author == page.source == "深圳发布"
    assert page.original_url == "https://m.163.com/dy/article/J8ABCDEF0514R9P4.html"
    assert texts(page.body) == [
        "8月2日，深圳市发布支持人工智能产业发展的若干措施。",
        "新政发布会现场",
        "措施提出，到2025年，全市人工智能产业规模达到3000亿元。",
        "市民可通过官网查看全文。",
    ]
    assert images(page.body) == [
        "https://nimg.ws.126.net/?url=http%3A%2F%2Fdingyue.ws.126.net%2F2024%2F0802%2Fa.jpg"
    ]
    for junk in ("打开网易新闻", "投票", "隐藏的文字"):
        assert junk not in page.body, junk


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
