"""Unit tests for pelican.plugins.ath.netease.clipper on the repository's own exports
(``tests/data/``) and on the real ones in ``../shared/netease/`` (SimpRead, a
whole-page Firecrawl scrape; skipped without it)."""

from __future__ import annotations

import datetime
import re

import pytest
from conftest import data, shared_file
from exports import OWN_SIMPREAD_HEADINGS, SIMPREAD_HEADINGS
from hypothesis import given, settings
from hypothesis import strategies as st
from netease_texts import CURRENT, ENGLISH, SPACED

from pelican.plugins.ath.netease.clipper import (
    _PAGE_SIGNS,
    clean_export,
    clean_firecrawl,
    clean_simpread,
    detect,
    section_titles,
    shows_page_signs,
    split_blocks,
    unbold_everywhere,
)
from pelican.plugins.ath.netease.text import CHINA

SIMPREAD = "netease/04_dy_article_FRUPEE4R0511O6PE_simpread-export.md"
FIRECRAWL = "netease/05_dy_article_KVMTIJ5A0556KMI7_firecrawl-markdown-excerpt.md"


def headings(markdown: str) -> list[str]:
    return re.findall(r"^## (.+)$", markdown, re.M)


def paragraphs(markdown: str) -> list[str]:
    return ["\n".join(block) for block in split_blocks(markdown)]


@pytest.fixture(scope="module")
def simpread():
    return clean_export(shared_file(SIMPREAD).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def firecrawl():
    return clean_export(shared_file(FIRECRAWL).read_text(encoding="utf-8"))


# -- SimpRead (sample 04) ------------------------------------------------------


def test_simpread_export_is_recognised(simpread):
    assert simpread.kind == "simpread"
    assert simpread.metadata == {
        "title": "Linux 中清除 APT 缓存介绍及技巧",
        "original_url": "https://www.163.com/dy/article/FRUPEE4R0511O6PE.html",
    }


def test_simpread_header_and_description_are_gone(simpread):
    assert "SimpRead" not in simpread.markdown and "简悦" not in simpread.markdown
    assert "转码" not in simpread.markdown
    assert "linux,ubuntu,apt" not in simpread.markdown  # the description line
    first = paragraphs(simpread.markdown)[0]
    assert first.startswith("在本教程中，我将解释什么是 APT 缓存")


def test_simpread_bold_everywhere_is_no_emphasis(simpread):
    assert "**" not in simpread.markdown
    assert "sudo apt-get clean" in paragraphs(simpread.markdown)
    # a paragraph bold across a hard line break, and the quoted source lines
    assert "autoclean 只删除那些无法从仓库中下载的包。  \n假设你安装了包 xyz。" in (
        simpread.markdown
    )
    assert "> 原文来自：https://os.51cto.com/art/202011/630899.htm  " in (
        simpread.markdown
    )


def test_simpread_bold_titles_are_headings(simpread):
    assert headings(simpread.markdown) == SIMPREAD_HEADINGS


def test_simpread_images_and_disclaimer_stay_for_the_later_steps(simpread):
    assert (
        len(re.findall(r"!\[\]\(https://nimg\.ws\.126\.net/", simpread.markdown)) == 4
    )
    assert "特别声明：以上内容 (如有图片或视频亦包括在内)" in simpread.markdown


def test_some_bold_paragraphs_are_emphasis_and_stay():
    blocks = [["**重要：先备份。**"], ["普通段落。"], ["又一段。"], ["再一段。"]]
    assert unbold_everywhere(blocks) == blocks
    everywhere = [["**一。**"], ["**二。**"], ["**三。**"], ["**四。**"], ["五。"]]
    assert unbold_everywhere(everywhere) == [["一。"], ["二。"], ["三。"], ["四。"], ["五。"]]  # fmt: skip


def test_simpread_code_blocks_are_left_alone():
    text = (
        "> 本文由 [简悦 SimpRead](http://ksria.com/simpread/) 转码， 原文地址 "
        "[www.163.com](https://www.163.com/dy/article/X.html)\n\n"
        "**第一段。**\n\n```\n**不是粗体**\n\n空行之后\n```\n\n**第二段。**\n\n**第三段。**\n"
    )
    markdown = clean_simpread(text).markdown
    assert "```\n**不是粗体**\n\n空行之后\n```" in markdown
    assert "\n第一段。\n" in "\n" + markdown and "**第二段" not in markdown


def test_a_simpread_export_with_a_title_heading():
    text = (
        "> 本文由 [简悦 SimpRead](http://ksria.com/simpread/) 转码， 原文地址 "
        "[www.163.com](https://www.163.com/dy/article/X.html)\n\n# 真正的标题\n\n正文。\n"
    )
    export = clean_simpread(text)
    assert export.metadata["title"] == "真正的标题"
    assert export.markdown == "正文。\n"


# -- a whole-page scrape (sample 05) -------------------------------------------------


def test_page_scrape_is_recognised(firecrawl):
    assert firecrawl.kind == "firecrawl"
    assert (
        firecrawl.metadata["title"]
        == "投标总因细节废标？2026 这款 AI 标书工具实用又省心"
    )
    assert firecrawl.metadata["date"].isoformat() == "2026-06-18T10:34:36+08:00"
    assert (
        firecrawl.metadata["author"] == firecrawl.metadata["source"] == "别摸鲨鱼的脚"
    )
    assert firecrawl.metadata["source_url"] == (
        "https://www.163.com/dy/media/T1772013324233.html"
    )
    assert firecrawl.metadata["original_url"] == (
        "https://www.163.com/dy/article/KVMTIJ5A0556KMI7.html"
    )


def test_page_scrape_keeps_only_the_article(firecrawl):
    blocks = paragraphs(firecrawl.markdown)
    assert blocks[0].startswith("做招投标的同行，大概都有过这种憋屈的经历")
    assert blocks[-1].startswith("Notice: The content above")  # for the cleaner
    for chrome in (
        "网易首页", "进入关怀版", "快速导航", "申请入驻", "举报", "快速发贴",
        "分享至", "Scan me", "用微信扫码二维码", "ipLocation", "antanalysis",
        "# 投标总因", "2026-06-18 10:34:36", "精读方法",
    ):  # fmt: skip
        assert chrome not in firecrawl.markdown, chrome
    for trailer in (
        "tie_box_ad", "登录并发贴", "网友评论仅供其表达个人看法", "目前没有跟贴",
        "阅读下一篇", "返回网易首页", "下载网易新闻客户端", "相关推荐", "热点推荐",
        "从眼控到脑控", "post2020_dy_recommends", "跟贴",
    ):  # fmt: skip
        assert trailer not in firecrawl.markdown, trailer


def test_page_scrape_short_lines_are_sub_headings_but_not_the_author_line(firecrawl):
    assert headings(firecrawl.markdown) == [
        "几百页招标文件不用逐字啃，3 分钟抓全核心要求"
    ]
    assert "声明：个人原创，仅供参考" in paragraphs(firecrawl.markdown)
    assert "![](https://nimg.ws.126.net/?url=" in firecrawl.markdown


def test_page_scrape_needs_a_title_its_date_line_and_the_page_around_it():
    no_date = "# 标题\n\n[网易首页](https://www.163.com/)\n\n正文。\n"
    assert clean_firecrawl(no_date) is None
    own = "# 标题\n\n2026-06-18 10:34:36　来源: 我自己\n\n写写 www.163.com 的事。\n"
    assert clean_firecrawl(own) is None  # no 163.com page around it
    page = "[网易首页](https://www.163.com/)\n\n" + own
    assert clean_firecrawl(page).markdown == "写写 www.163.com 的事。\n"


# -- the repository's own exports (tests/data/) --------------------------------

#: The page around the article in tests/data/firecrawl.md: before the title
#: line, between it and the article, and after the article.
OWN_PAGE_CHROME = (
    "网易首页", "进入关怀版", "快速导航", "申请入驻", "登录", "注册免费邮箱",
    "网易公开课", "精读方法", "antanalysis", "# 老旧小区", "2025-03-06 08:12:40",
    "举报", "快速发贴", "分享至", "Scan me", "Base64-Image-Removed",
    "用微信扫码二维码", "ipLocation", "四川",
)  # fmt: skip
OWN_PAGE_TRAILER = (
    "tie_box_ad", "关闭", "手机发跟贴", "登录并发贴", "网友评论仅供其表达个人看法",
    "目前没有热门跟贴", "目前没有跟贴", "查看更多跟贴", "去跟贴广场看看",
    "阅读下一篇", "返回网易首页", "下载网易新闻客户端", "相关推荐", "热点推荐",
    "城东菜市场改造完成", "post2020_dy_recommends", "跟贴",
)  # fmt: skip


@pytest.fixture(scope="module")
def own_simpread():
    return clean_export(data("simpread.md").decode("utf-8"))


@pytest.fixture(scope="module")
def own_firecrawl():
    return clean_export(data("firecrawl.md").decode("utf-8"))


def test_own_simpread_export_is_recognised(own_simpread):
    assert own_simpread.kind == "simpread"
    assert own_simpread.metadata == {
        "title": "用 rsync 备份家目录的几个技巧",  # from the description quote
        "original_url": "https://www.163.com/dy/article/TESTSIMPREAD1AT5.html",
    }


def test_own_simpread_header_and_description_are_gone(own_simpread):
    for exporter_words in ("SimpRead", "简悦", "转码", "原文地址", "linux,rsync"):
        assert exporter_words not in own_simpread.markdown, exporter_words
    first = paragraphs(own_simpread.markdown)[0]
    assert first == (
        "很多人备份文件的办法是把整个目录复制到移动硬盘上。这样做简单，但每次都要"
        "复制全部文件，既慢又容易出错。本文介绍如何用 rsync 只复制变化的部分。"
    )


def test_own_simpread_bold_everywhere_is_no_emphasis(own_simpread):
    blocks = paragraphs(own_simpread.markdown)
    assert "**" not in own_simpread.markdown
    assert "rsync -a ~/ /media/backup/home/" in blocks
    assert "rsync -a --exclude='.cache' ~/ /media/backup/home/" in blocks
    # a paragraph bold across a hard line break, and the quoted source lines
    assert (
        "如果要排除的目录很多，可以把它们写进一个文件。  \n"
        "每行写一个目录，再用 --exclude-from 指定这个文件。"
    ) in blocks
    assert (
        "> 原文来自：https://www.example.com/linux/rsync-backup.html  \n"
        "> 本文地址：https://www.example.org/rsync-tips.html  "
    ) in blocks


def test_own_simpread_bold_titles_are_headings(own_simpread):
    assert headings(own_simpread.markdown) == OWN_SIMPREAD_HEADINGS


def test_own_simpread_images_and_disclaimer_stay_for_the_later_steps(own_simpread):
    images = re.findall(r"!\[\]\((https://nimg\.ws\.126\.net/[^)]+)\)", own_simpread.markdown)  # fmt: skip
    assert [url.split("%2F")[-1].split("&")[0] for url in images] == [
        "a1c2e3f4p00ath7002oc000i300a6m.png",
        "b2d3f4a5p00ath8003kc000go009tm.png",
        "c3e4a5b6p00ath9001ec000go004vm.png",
    ]
    assert paragraphs(own_simpread.markdown)[-2:] == [SPACED, ENGLISH]


def test_own_page_scrape_is_recognised(own_firecrawl):
    assert own_firecrawl.kind == "firecrawl"
    assert own_firecrawl.metadata == {
        "title": "老旧小区加装电梯，这个社区是怎么做成的",
        "date": datetime.datetime(2025, 3, 6, 8, 12, 40, tzinfo=CHINA),
        "author": "社区那些事",
        "source": "社区那些事",
        "source_url": "https://www.163.com/dy/media/T1600000000006.html",
        "original_url": "https://www.163.com/dy/article/TESTFIRECRAWL6.html",
    }


def test_own_page_scrape_keeps_only_the_article(own_firecrawl):
    assert paragraphs(own_firecrawl.markdown) == [
        "住在六楼的陈奶奶今年七十八岁，膝盖不好，过去一个月只下楼两三次。上个月，她家所在的单元装上了电梯，她终于可以每天下楼买菜、晒太阳了。",
        "这是锦华社区今年装好的第五部电梯。社区书记何丽说，三年前刚提出加装电梯时，整栋楼的居民意见并不一致。",
        "![](https://nimg.ws.126.net/?url=http%3A%2F%2Fdingyue.ws.126.net%2F2025%2F0306%2Fd4e5f6a7j00ath10001fc000st0086c.jpg&thumbnail=660x2147483647&quality=80&type=jpg)",
        "## 低楼层住户的顾虑",
        "住在一楼和二楼的居民担心电梯挡住采光，也觉得自己用不上电梯，却要分摊费用。社区先后组织了七次协调会，请设计单位调整了电梯井的位置。",
        "## 费用怎么分",
        "最后，各楼层按照“楼层越高、出资越多”的办法分摊费用，一楼住户不出钱，还能得到一笔采光补偿。政府补贴覆盖了总费用的三成左右。",
        "何丽说，加装电梯最难的不是钱，而是让每一户都觉得公平。“多开几次会，把账算清楚，大家就愿意了。”",
        "声明：个人原创，仅供参考",  # an author line, not a sub-heading
        CURRENT,  # the disclaimer is for the cleaner
        ENGLISH,
    ]  # fmt: skip
    for chrome in OWN_PAGE_CHROME + OWN_PAGE_TRAILER:
        assert chrome not in own_firecrawl.markdown, chrome


def test_page_scrape_address_from_the_comment_link_without_a_url_line():
    text = data("firecrawl.md").decode("utf-8")
    without = text.replace("- URL: https://www.163.com/dy/article/TESTFIRECRAWL6.html\n", "")  # fmt: skip
    assert without != text
    export = clean_firecrawl(without)
    assert export.metadata["original_url"] == (
        "https://www.163.com/dy/article/TESTFIRECRAWL6.html"
    )  # from the 快速发贴 link to #post_comment_area


def test_author_and_source_lines_of_a_page_scrape_are_no_sub_headings():
    blocks = [
        ["作者：社区那些事"],
        ["第一段，写得很长的一句话。"],
        ["来源：锦华社区"],
        ["正文。"],
    ]
    assert section_titles(blocks) == blocks


def test_the_last_paragraph_of_a_page_scrape_is_never_a_sub_heading():
    blocks = [
        ["第一段，写得很长的一句话。"],
        ["短标题"],
        ["正文。"],
        ["全文完"],
        [CURRENT],
    ]
    assert section_titles(blocks) == [
        ["第一段，写得很长的一句话。"],
        ["## 短标题"],
        ["正文。"],
        ["全文完"],
        [CURRENT],
    ]


# -- everything else ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Title: 我的文章\nDate: 2026-03-16\n\n**重要**的事。\n",
        "# 标题\n\n2026-06-18 10:34:36　来源: 我自己\n\n正文，没有提到那个网站。\n",
        "> 本文由我自己写成\n\n正文。\n",
        "",
    ],
)
def test_other_markdown_is_not_exporter_output(text):
    assert detect(text) is None
    assert clean_export(text) is None


# -- the quick test before the page-sign pattern --------------------------------

_SIGN_PIECES = [
    "[网易首页](https://www.163.com",
    "[网易首页](http://www.163.com/",
    "[返回网易首页](",
    "#post_comment_area",
    "comment.tie.163.com",
    "?f=post2021",
    "&f=post2099",
    "#f=post20",
    "f=post2023",
    "网易首页](",
    "[网易首页]",
    "post_comment",
    "文字",
    "\n",
    "](",
    "3",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SIGN_PIECES), max_size=6))
def test_shows_page_signs_agrees_with_the_pattern(pieces: list[str]) -> None:
    """The plain substring tests in front of the pattern never hide a match."""
    text = "".join(pieces)
    assert shows_page_signs(text) == bool(_PAGE_SIGNS.search(text))
