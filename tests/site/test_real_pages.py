"""Real saved 163.com pages (``tests/data/real-pages/``, from public
repositories' fixtures: see its README) built into one site as a new user
would drop them into ``content/``; what each published page shows checked
against the facts read off each page's HTML by eye (the README's table).

Nothing here is the plugin's own output written back as an expectation: an
expectation that fails is the reader's fault, not the table's."""

from __future__ import annotations

import re
from typing import NamedTuple

import pytest
from conftest import DATA, build_in

REAL = DATA / "real-pages"
#: Slugs from the file names, so each output file is ``<stem>.html``; the
#: text's punctuation as the page wrote it (the facts quote the page).
SETTINGS = {"SLUGIFY_SOURCE": "basename", "ATH_PUNCTUATION": False}


class Video(NamedTuple):
    """A video the page plays: its cover and what it links or plays."""

    poster: str  # the end of the cover's address
    source: str  # the end of the playable file's (or the video page's) address


class Facts(NamedTuple):
    """What a page holds, read by eye from its HTML."""

    title: str
    date: str  # to the minute, in the page's own time (UTC+8)
    author: str  # the 网易号 account, the column's author, else the source
    first: str  # how the first paragraph of the article starts
    last: str  # how its last paragraph starts
    images: int  # the article's own images
    #: The section titles, in order; None: left unchecked (see the README)
    headings: tuple[str, ...] | None = ()
    videos: tuple[Video, ...] = ()
    #: Texts of this page that are chrome (related lists, widgets…)
    chrome: tuple[str, ...] = ()


#: Chrome no page may publish (NetEase's own widgets, prompts, disclaimer).
CHROME = (
    "延伸阅读", "延伸 · 推荐", "相关推荐", "打开网易新闻", "返回网易首页",
    "您的浏览器暂时无法播放", "特别声明", "Notice: The content above",
    "本平台仅提供信息存储服务", "本文来源", "责任编辑", "分享到",
    "跟贴", "用微信扫码二维码", "StartFragment", "原标题",
)  # fmt: skip

#: File stem -> facts (the README's table).
PAGES: dict[str, Facts] = {
    "legacy2015_money_gb2312_cx19": Facts(
        "路虎中国黄金5年终结 部分车型价格出现“崩盘”",
        "2015-07-03T04:09",
        "第一财经日报",
        "捷豹路虎大中华区总裁高博调离中国市场的消息终于得到证实。",
        "从这点上看，接替高博的下一任捷豹路虎中国区“一把手”的最大挑战",
        1,
        chrome=("杨海艳", "古井贡酒"),
    ),
    "column2015_yiguancha_gbk_cx5": Facts(
        "任正非有哪四把榔头？",
        "2015-06-25T08:46",
        "冀勇庆",
        "[摘要：前不久，由于中国区业绩不佳",
        "作者为《中国企业家》主笔",
        1,
        (
            "第一把榔头：班长的战争",
            "第二把榔头：用人不疑",
            "第三把榔头：像素级学习",
            "第四把榔头：抓住战略机会点",
        ),
        chrome=("人参与评论", "查看图集", "股票查询"),
    ),
    "endtext2019_money_gne1": Facts(
        '多地项目连环爆雷 狂奔的龙湖集团"暗伤"曝露？',
        "2019-09-07T13:43",
        "证券市场红周刊",
        "2019年，龙湖集团即将迎来赴港上市10周年。",
        "经过三年狂奔的龙湖，在众多项目爆发业主维权的糟糕时期",
        0,
        (
            "业绩会突现业主维权插曲",
            "昔日“龙湖质量”遭质疑",
            "多地项目连环爆雷",
            "整改及交付难题或拖累业绩表现",
            "狂奔之下的“暗伤”曝露？",
        ),
    ),
    "endtext2019_news_video_gne5": Facts(
        "女警打百个电话遭停机 评:运营商识别诈骗智商感人",
        "2019-09-07T16:28",
        "新京报",
        "认定诈骗和骚扰，不能省略必要的核实程序而“不审即判”。",
        "归根结底，打击拦截电信诈骗也得精准拦截",
        1,
        videos=(Video("pNBz43019_0.jpg", ".mp4"),),
        chrome=(
            "女警一天打100电话被停机 电信:核实非诈骗后恢复",
            "近日，四川江油一社区女民警",
        ),
    ),
    "endtext2020_news_related_gne8": Facts(
        "国务院联防联控机制:湖北和武汉要严格管控防输出",
        "2020-02-29T18:34",
        "新华社",
        "新华社北京2月29日电 2月28日，国务院联防联控机制印发",
        "《通知》强调，各地区要根据当前疫情防控形势和要求",
        0,
        chrome=(
            "张文宏:上海零新增我很担心",
            "李克强：现在看来最终战胜疫情的曙光就要出现了",
            "滞留武汉人员睡地下通道被子被冲湿",
        ),
    ),
    "endtext2019_tech_gne7": Facts(
        "亚马逊海外购“限时快闪店”登陆拼多多",
        "2019-11-25T11:01",
        "新京报",
        "新京报讯（记者 陆一夫）11月25日，新京报记者登录拼多多全球购页面发现",
        "编辑 刘晓阳 校对 李铭",
        1,
    ),
    "dyv2_2019_gne9": Facts(
        "5月20日至31日，京沪高速无锡至江阴大桥至广陵枢纽段封闭！",
        "2019-05-17T20:02",
        "苏皖城市报道",
        "下周一，",
        "来源：无锡交警",
        9,
        None,
        chrome=("用户登录", "大家注意安全", "微软小冰", "网易首页"),
    ),
    "wangyihao2021_gne_visiable1": Facts(
        "广西省发生了一起事件，位置在来宾市，画面曝光",
        "2021-02-18T07:02",
        "松科说娱乐",
        "这几天，来宾市兴宾区飞龙路附近几十辆轿车被砸车窗的图片",
        "图片来自网络，如有侵权，请联系删除。",
        3,
    ),
    "wangyihao2024_magichtml_bb5f": Facts(
        "租户将车停自家院子要交“资源占用费”？村民打“12345”讨说法",
        "2024-05-13T09:16",
        "北青网-北京青年报",
        "“一闸之隔，进入道闸里面每月要收150元",
        "编辑/倪家宁",
        3,
        ("停车乱象普遍外溢", "管理手段为何引不满", "能否兼顾各方诉求"),
        chrome=("李曦", "举报", "热点推荐"),
    ),
    "wangyihao2024_magichtml_fd0a": Facts(
        "苹果称美国反垄断诉讼应被驳回",
        "2024-05-22T07:16",
        "鞭牛士",
        "鞭牛士报道，5月22日消息，据外电报道，苹果公司周二表示",
        "「消费者不应该因为公司违反反垄断法而支付更高的价格。」",
        0,
    ),
}

each_page = pytest.mark.parametrize(
    ("stem", "facts"), list(PAGES.items()), ids=list(PAGES)
)
#: The pages whose section titles were read by eye (not dy v2's: see the README).
TITLED = {stem: facts for stem, facts in PAGES.items() if facts.headings is not None}
each_titled_page = pytest.mark.parametrize(
    ("stem", "facts"), list(TITLED.items()), ids=list(TITLED)
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One build of every real page, as a new user drops them into content/."""
    files = {f"{stem}.html": (REAL / f"{stem}.html").read_bytes() for stem in PAGES}
    return build_in(tmp_path_factory.mktemp("real"), files, **SETTINGS)


def published(site, stem: str):
    path = site.output / f"{stem}.html"
    if not path.is_file():
        pytest.fail(f"{stem}: not published at all")
    return site.page(f"{stem}.html")


def body_of(site, stem: str):
    published(site, stem)
    return site.article_body(f"{stem}.html")


def texts(body) -> list[str]:
    """The article's paragraphs with text, in order (not captions, not the TOC)."""
    found = []
    for p in body.xpath(
        ".//p[not(ancestor::figure or ancestor::nav or ancestor::footer)]"
    ):
        text = " ".join("".join(p.itertext()).split())
        if text:
            found.append(text)
    return found


def squeezed(text: str) -> str:
    """``text`` without spaces, its quotes straight (curly quotes are the
    plugin's typography, not a change of the text)."""
    return re.sub(r"\s+", "", text).translate(QUOTES)


QUOTES = str.maketrans("“”‘’", "\"\"''")


def test_the_collection_is_what_the_readme_lists():
    readme = (REAL / "README.md").read_text("utf-8")
    pages = sorted(path.stem for path in REAL.glob("*.html"))
    assert pages == sorted(PAGES)
    for stem in PAGES:
        assert f"`{stem}.html`" in readme


@each_page
def test_title(site, stem, facts):
    page = published(site, stem)
    title = page.xpath("//h1[@class='entry-title']")[0].text_content().strip()
    assert squeezed(title) == squeezed(facts.title), title


@each_page
def test_date_to_the_minute(site, stem, facts):
    page = published(site, stem)
    (date,) = page.xpath("//abbr[@class='published']/@title")
    assert date[:16] == facts.date, date


@each_page
def test_source_or_author(site, stem, facts):
    page = published(site, stem)
    authors = [
        a.text_content() for a in page.xpath("//address[@class='vcard author']//a")
    ]
    assert authors == [facts.author]


@each_page
def test_first_and_last_paragraph(site, stem, facts):
    found = texts(body_of(site, stem))
    assert found, "no paragraph published"
    assert squeezed(found[0]).startswith(squeezed(facts.first)), found[0]
    assert squeezed(found[-1]).startswith(squeezed(facts.last)), found[-1]


@each_page
def test_image_count(site, stem, facts):
    images = body_of(site, stem).xpath(".//img[not(ancestor::video)]")
    assert len(images) == facts.images, [i.get("src") for i in images]


@each_titled_page
def test_section_titles_are_headings_with_a_toc(site, stem, facts):
    assert facts.headings is not None
    body = body_of(site, stem)
    headings = [h for h in body.xpath(".//h2|.//h3") if not h.xpath("ancestor::nav")]
    # a title written on two bold lines may be one heading or two: compared as
    # the run of heading text
    assert squeezed("".join(h.text_content() for h in headings)) == squeezed(
        "".join(facts.headings)
    )
    assert all(h.get("id") for h in headings)
    toc = body.xpath(".//nav[contains(@class, 'toc')]//a")
    assert len(toc) == (len(headings) if len(headings) >= 2 else 0)


@each_page
def test_no_chrome(site, stem, facts):
    body = body_of(site, stem)
    content = body.text_content()
    for chrome in CHROME + facts.chrome:
        assert chrome not in content, chrome
    # the 举报 (report) link; the word itself can be the author's (举报信)
    assert not body.xpath(".//a[contains(@href, 'jubao')]")


@each_page
def test_videos(site, stem, facts):
    body = body_of(site, stem)
    videos = body.xpath(".//video")
    # each of these pages gives a playable file: a <video controls> it is
    assert len(videos) == len(facts.videos)
    for expected, video in zip(facts.videos, videos, strict=True):
        assert video.get("controls") is not None
        assert (video.get("poster") or "").endswith(expected.poster)
        sources = [video.get("src"), *video.xpath(".//source/@src")]
        assert any((s or "").endswith(expected.source) for s in sources), sources
