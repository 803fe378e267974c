"""Unit tests for pelican_ath.exporter on the real exports in
``../shared/netease/`` (SimpRead, a whole-page Firecrawl scrape)."""

from __future__ import annotations

import re

import pytest
from conftest import shared_file

from pelican_ath.exporter import (
    clean_export,
    clean_firecrawl,
    clean_simpread,
    detect,
    split_blocks,
    unbold_everywhere,
)

SIMPREAD = "netease/04_dy_article_FRUPEE4R0511O6PE_simpread-export.md"
FIRECRAWL = "netease/05_dy_article_KVMTIJ5A0556KMI7_firecrawl-markdown-excerpt.md"

SIMPREAD_HEADINGS = [
    "什么是 APT 缓存？为什么要使用它？",
    "为什么安装包后要保留缓存？",
    "你应该清理 APT 缓存吗？",
    "如何清理 APT 缓存？",
    "删除 apt 缓存安全吗？",
    "总结",
]


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
