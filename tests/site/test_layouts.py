"""Every NetEase layout the saved-page reader knows, through a real Pelican
build: title, date to the minute, author, first and last paragraph; dates
never a related list's; a page whose date is not its own field says where it
came from; a page in an unknown layout is refused by name, never published
whole. The repository's own fixtures (``tests/data/``) and the real samples
06 and 07 of ``../shared/netease/`` (skipped without it)."""

from __future__ import annotations

import logging
from typing import NamedTuple

import pytest
from conftest import build_in, data, shared_file

from pelican.plugins.ath.importer import render
from pelican.plugins.ath.importer.source import read_article
from pelican.plugins.ath.readers.page_readers import read_page

SETTINGS = {"SLUGIFY_SOURCE": "basename"}


class Layout(NamedTuple):
    """What the published page of one saved page shows."""

    title: str
    date: str  # to the minute, as in ``abbr.published/@title``
    author: str | None
    first: str  # how the first and the last paragraph start
    last: str
    date_from: str  # where the reader read the date (Page.sources)


OWN = {
    "legacy_endpage.html": Layout(
        "河畔公园新添二十座长椅（图）",
        "2015-08-12T14:36",  # not 2015-07-01: a related-news span.time
        "清河晚报",
        "清河市河畔公园近日新添了二十座木质长椅",
        "每天傍晚在公园散步的赵大爷说",
        ".ep-time-soure",
    ),
    "column.html": Layout(
        "小店为什么开不过三年？",
        "2014-03-07T09:45",
        "林间风",
        "街角那家面馆又换了招牌",
        "本文为作者授权网易财经《亦观察》发布",
        "span.con1_date",
    ),
    "dy_v2.html": Layout(
        "旧书摊上的一本地方志",
        "2019-11-02T16:08",
        None,  # the page names no account (never its meta author "网易")
        "周末去城南的旧书摊",
        "摊主说这本书放了好几年",
        "p.time",
    ),
    "meta_date.html": Layout(
        "社区食堂开到了第五家",
        "2022-04-18T07:55",  # not the recommended article's 2022-03-01
        None,
        "早上七点，梧桐街社区食堂的窗口前",
        "一份豆浆油条加一个鸡蛋",
        "meta article:published_time",
    ),
    "jsonld_date.html": Layout(
        "山里的邮路走了四十年",
        "2017-09-05T10:42",  # its JSON-LD, read by htmldate; not 2017-08-30
        None,
        "老邮递员每周三次翻过两座山",
        "他说路还是那条路",
        "htmldate",
    ),
}
SHARED = {
    "06_news_legacy2016_gbk_BGBH11VI0001121M_textextract-fixture.html": Layout(
        "美华人为梁彼得请愿签名 43城万人游行声援（图）",
        "2016-02-21T11:05",
        "观察者网",
        "据美媒纽约邮报报道，当地时间2月20日（今天）",
        "但是洪希伯也指出，在美华人因为谦和善良的本性",
        ".ep-time-soure",
    ),
    "07_money_observe2015_gbk_cx-extractor-fixture.html": Layout(
        "埃洛普离职：微软卧底成弃儿？",
        "2015-06-19T11:20",
        "maomaobear",
        "[摘要：在埃洛普入主诺基亚之前",
        "作者maomaobear，为百略网旗下原创专栏作者",
        "span.con1_date",
    ),
}
#: What no published page holds: the pages' chrome and other articles.
NOT_THE_ARTICLE = (
    "用户登录", "网易首页", "快速导航", "跟贴", "登录并发贴", "相关推荐", "特别声明",
    "inline script", "城东公园夜间照明改造完成", "城西新开了一家旧书店",
    "县城中学的篮球赛火了", "地铁四号线开始试运行", "往期回顾", "菜市场的账本",
    "精彩推荐", "相关新闻",
)  # fmt: skip


def shared_bytes(name: str) -> bytes:
    return shared_file(f"netease/{name}").read_bytes()


def shared_name(name: str) -> str:
    """A real sample's name in content/: ``06.html``."""
    return name[:2] + ".html"


def own_files() -> dict[str, bytes]:
    return {name: data(name) for name in OWN}


@pytest.fixture(scope="module")
def own_site(tmp_path_factory):
    files = own_files() | {"unknown_layout.html": data("unknown_layout.html")}
    return build_in(tmp_path_factory.mktemp("own"), files, **SETTINGS)


@pytest.fixture(scope="module")
def shared_site(tmp_path_factory):
    files = {shared_name(name): shared_bytes(name) for name in SHARED}
    return build_in(tmp_path_factory.mktemp("shared"), files, **SETTINGS)


CASES = [
    pytest.param("own_site", name, expected, id=name.removesuffix(".html"))
    for name, expected in OWN.items()
] + [
    pytest.param("shared_site", name, expected, id=name[:2])
    for name, expected in SHARED.items()
]


def paragraphs(body) -> list[str]:
    found = body.xpath(".//p[not(ancestor::footer)]")
    texts = ("".join(p.itertext()).strip() for p in found)
    return [text for text in texts if text]


@pytest.mark.parametrize(("site", "name", "expected"), CASES)
def test_each_layout_publishes_its_title_date_author_and_text(
    request, site, name, expected
):
    built = request.getfixturevalue(site)
    output = shared_name(name) if name in SHARED else name
    page = built.page(output)
    title = page.xpath("//h1[@class='entry-title']")[0].text_content().strip()
    assert title == expected.title
    published = page.xpath("//abbr[@class='published']/@title")[0]
    assert published.startswith(expected.date), published
    authors = [
        a.text_content() for a in page.xpath("//address[@class='vcard author']//a")
    ]
    assert authors == ([expected.author] if expected.author else [])
    body = built.article_body(output)
    texts = paragraphs(body)
    assert texts[0].startswith(expected.first), texts[0]
    assert texts[-1].startswith(expected.last), texts[-1]
    content = body.text_content()
    for chrome in NOT_THE_ARTICLE:
        assert chrome not in content, chrome


@pytest.mark.parametrize(
    ("name", "expected"),
    [*OWN.items()]
    + [pytest.param(name, expected, id=name[:2]) for name, expected in SHARED.items()],
)
def test_the_reader_says_where_each_date_was_read(name, expected):
    raw = data(name) if name in OWN else shared_bytes(name)
    page = read_page(raw)
    assert page is not None
    assert dict(page.sources)["date"] == expected.date_from
    assert dict(page.sources)["title"]


def test_a_borrowed_date_is_said_in_the_log_and_no_warning(build_site, records):
    build_site({"jsonld_date.html": data("jsonld_date.html")}, **SETTINGS)
    infos = [r.getMessage() for r in records.records if r.levelno == logging.INFO]
    assert (
        "jsonld_date.html: no publication time of its own (legacy layout); dated "
        "2017-09-05 10:42 by htmldate"
    ) in "\n".join(infos)
    warnings = [r for r in records.records if r.levelno >= logging.WARNING]
    assert not warnings, [r.getMessage() for r in warnings]


def test_a_page_whose_own_field_dates_it_logs_nothing_about_its_date(
    build_site, records
):
    build_site({"legacy_endpage.html": data("legacy_endpage.html")}, **SETTINGS)
    logged = [r.getMessage() for r in records.records if r.levelno >= logging.INFO]
    assert not [message for message in logged if "htmldate" in message]


@pytest.mark.parametrize("default_date", [None, "fs"])
def test_an_unknown_layout_is_refused_by_name_and_the_rest_builds(
    build_site, records, default_date
):
    settings = SETTINGS | ({"DEFAULT_DATE": default_date} if default_date else {})
    site = build_site(
        {"unknown.html": data("unknown_layout.html"), **own_files()}, **settings
    )
    assert not (site.output / "unknown.html").exists()
    for name in OWN:
        assert (site.output / name).exists()
    errors = [
        r.getMessage()
        for r in records.records
        if r.levelno >= logging.ERROR and r.name.startswith("pelican.plugins.ath")
    ]
    (error,) = errors
    assert error.startswith("content/unknown.html: a NetEase page, but not an ") or (
        "unknown.html: a NetEase page, but not an article in a layout" in error
    )
    assert "no article body (none of #endText" in error
    assert "no article title" in error and "no publication time" in error
    assert "not published (never the whole page)" in error
    logged = "\n".join(r.getMessage() for r in records.records)
    assert "Traceback" not in logged


def test_the_importer_writes_the_date_the_reader_reads():
    for name in OWN:
        page = read_article(data(name))
        written = render.file_metadata(page, "stem", None)["date"]
        assert written.startswith(OWN[name].date), (name, written)
