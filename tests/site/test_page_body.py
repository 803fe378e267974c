"""The article body of every saved-page layout, through a real site build:
no chrome, related lists, app prompts or video fallback text on the article
page or in its summary on index.html; videos a reader can play or follow;
``【…】`` and short bold sub-heads as headings with ids and a TOC, on saved
pages and in text exports. Fixtures: ``tests/data/legacy_video.html`` (the
2019 legacy layout: ``div.video-wrapper``, ``div.related_article``,
``div.special_tag_wrap``) and ``tests/data/mobile_video.html`` (the 2025
``m.163.com`` page: ``figure.m-video`` without a source, one with
``data-mp4``, app prompts, a recommend list)."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from conftest import build_in, data, shared_file

#: Text of the page around the article that must not be published.
CHROME = (
    "您的浏览器", "无法播放", "城南老菜场改成了文化市集", "十家社区书屋今年开放",
    "老城区改造的三种办法", "城市更新观察", "厂房里的创意园", "延伸 · 推荐",
    "相关阅读", "猜你喜欢", "郊野公园的油菜花开了", "打开网易新闻", "观看完整视频",
    "查看精彩图片", "本文来源", "责任编辑",
)  # fmt: skip
EXPORT = (
    "Title: 一座桥的五十年\nDate: 2020-06-01 08:00\n\n"
    "老桥建成于一九七〇年。\n【修桥的人】\n几代工人在这里修修补补。\n"
    "【桥边的集市】\n每逢周末，桥头都有集市。\n"
)
OWN = (
    "Title: 我的视频\nDate: 2024-01-01\n\n"
    '<video controls autoplay muted src="/media/clip.mp4" onplay="count()">'
    '<track src="/media/clip.vtt"></video>\n\n我自己写的。\n'
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    files = {
        "legacy-video.html": data("legacy_video.html"),
        "mobile-video.html": data("mobile_video.html"),
        "bridge.txt": EXPORT,
        "own.md": OWN,
    }
    return build_in(tmp_path_factory.mktemp("body"), files, SLUGIFY_SOURCE="basename")


@pytest.mark.parametrize(
    "page", ["legacy-video.html", "mobile-video.html", "index.html"]
)
def test_no_chrome_related_list_prompt_or_fallback_anywhere(site, page):
    text = site.page(page).text_content()
    for chrome in CHROME:
        assert chrome not in text, chrome


def test_the_author_s_text_stays(site):
    body = site.article_body("legacy-video.html")
    text = body.text_content()
    assert "延伸阅读区摆放着地方史料" in text  # prose that mentions 延伸阅读
    assert "下一步，街道还打算" in text  # after the related blocks
    # a long bold paragraph is emphasis, not a title
    assert body.xpath(".//p/b[starts-with(., '图书馆每天开放十二个小时')]")


def test_a_legacy_video_plays_with_its_poster_and_title(site):
    body = site.article_body("legacy-video.html")
    (video,) = body.xpath(".//figure/video")
    assert video.get("controls") is not None
    assert video.get("src").startswith("http://flv3.bn.netease.com/")
    assert video.get("poster").startswith("http://vimg1.ws.126.net/")
    assert video.getparent().xpath("string(figcaption)") == "图书馆开馆当天的场景"
    assert not video.text_content().strip()


def test_mobile_videos_play_or_link_to_their_page_never_a_bare_image(site):
    body = site.article_body("mobile-video.html")
    (playable,) = body.xpath(".//video")
    assert playable.get("src") == "https://flv0.bn.netease.com/TEST/TESTMV02-hd.mp4"
    assert playable.get("poster").startswith("https://videoimg.ws.126.net/")
    page = "https://www.163.com/v/video/VTESTMV01.html"
    (cover,) = body.xpath(".//figure/a/img")
    assert cover.getparent().get("href") == page
    assert cover.get("alt") == "视频：步道上的樱花林"
    (caption,) = body.xpath(".//figcaption/a")
    assert (caption.get("href"), caption.text) == (page, "视频：步道上的樱花林")
    assert body.xpath("count(.//img)") == 1  # the cover; not an unlabelled image


@pytest.mark.parametrize(
    ("page", "headings"),
    [
        (
            "legacy-video.html",
            ("【从车间到阅览室】", "【书从哪里来】", "为什么选在这里？"),
        ),
        ("mobile-video.html", ("【一条步道连起三个公园】", "赏花要注意什么？")),
        ("bridge.html", ("【修桥的人】", "【桥边的集市】")),
    ],
)
def test_section_titles_are_headings_with_ids_and_a_toc(site, page, headings):
    body = site.article_body(page)
    found = body.xpath(".//h2")
    assert tuple(h.text_content() for h in found) == headings
    assert all(h.get("id") for h in found)
    toc = body.xpath(".//nav[@class='toc ath-toc']//a")
    assert tuple(a.text_content() for a in toc) == headings
    assert [unquote(a.get("href")) for a in toc] == ["#" + h.get("id") for h in found]


def test_the_blog_s_own_video_is_untouched(site):
    assert (
        '<video controls autoplay muted src="/media/clip.mp4" onplay="count()">'
        in site.text("own.html")
    )


def test_real_legacy_page_publishes_no_advertisement(build_site):
    page = shared_file(
        "netease/06_news_legacy2016_gbk_BGBH11VI0001121M_textextract-fixture.html"
    )
    built = build_site({"legacy.html": page.read_bytes()}, SLUGIFY_SOURCE="basename")
    text = built.article_body("legacy.html").text_content()
    assert "但是洪希伯也指出" in text  # the paragraph after the ad slot
    for chrome in ("本文来源", "责任编辑", "分享到"):
        assert chrome not in text
