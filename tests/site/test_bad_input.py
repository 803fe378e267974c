"""One bad file in a site of good articles: a clear message that names the file
and says what is wrong, no traceback, and every good article still published.

"error" cases are skipped (nothing can be published from them); "warning"
cases are published, with the message; "not claimed" files are not scraped
exports, and Pelican treats them as it would without the plugin (no
article, no message above DEBUG). docs/reliability.md lists the same table.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pytest
from conftest import SEED

from pelican.plugins.ath.netease.boilerplate import DISCLAIMERS

HEADER = "Title: {title}\nDate: 2026-03-16\nSlug: {slug}\n\n"
GOOD = {
    "good.txt": HEADER.format(title="好文章", slug="good")
    + SEED.read_text(encoding="utf-8"),
    "good-md.md": "Title: 另一篇\nDate: 2026-03-16\nSlug: good-md\n\n## 一\n\n正文。\n\n## 二\n\n正文。\n",
}


def article(slug: str, body: str, title: str = "壞文章") -> str:
    return HEADER.format(title=title, slug=slug) + body


def saved_page(slug: str, body: str) -> str:
    """A saved 163.com page whose title is ``slug`` (so is its URL)."""
    return (
        '<html><head><link rel="canonical" href="https://www.163.com/dy/article/X.html">'
        '<meta property="article:published_time" content="2026-03-16T10:00:00+08:00">'
        f'</head><body><h1 class="post_title">{slug}</h1>'
        f'<div class="post_body">{body}</div>'
        '<div class="post_comment">網友評論</div></body></html>'
    )


@dataclass
class Case:
    name: str
    file: str
    data: str | bytes
    kind: str  # "error": skipped; "warning": published; "not claimed"
    says: str  # what the message says is wrong
    published_text: str = ""  # a text the published article must contain
    #: Look in the theme's article body (False: the page is too deep for lxml).
    in_body: bool = True
    #: The published page, when its title (so its slug) is worked out of the
    #: text (a header that cannot be used is text); default: ``<file>.html``.
    published: str = ""


CASES = [
    Case(
        "GBK-encoded text",
        "gbk.txt",
        article("gbk", "阿里巴巴成立新事业群。这是正文。\n").encode("gbk"),
        "warning",
        "GB18030-encoded, not UTF-8",
        "阿里巴巴成立新事业群",
    ),
    Case(
        "Big5-encoded text",
        "big5.txt",
        article("big5", "阿里巴巴成立新事業群。這是正文。\n").encode("big5"),
        "warning",
        "BIG5-encoded, not UTF-8",
        "阿里巴巴成立新事業群",
    ),
    Case(
        "a binary file with a .txt name",
        "photo.txt",
        bytes(range(256)) * 40,
        "not claimed",
        "binary file",
    ),
    Case("an empty file", "empty.txt", b"", "not claimed", "the file is empty"),
    Case(
        "a file with only a header",
        "header.txt",
        "Title: 只有標頭\nDate: 2026-03-16\n\n",
        "error",
        "has a header but no text",
    ),
    Case(
        "a file with only the disclaimer",
        "disclaimer.txt",
        article("disclaimer", "![]()\n" + "\n".join(DISCLAIMERS[::2]) + "\n"),
        "error",
        "only NetEase boilerplate",
    ),
    Case(
        "NUL bytes",
        "nul.txt",
        article("nul", "正文\x00裡有\x00空字元。\n"),
        "warning",
        "control character(s) such as NUL; removed",
        "正文裡有空字元。",
    ),
    Case(
        "a 5 MB article",
        "big.txt",
        article("big", SEED.read_text(encoding="utf-8") * 470),
        "warning",
        "far more than one article; was more than one page scraped into it?",
        "阿里巴巴正式宣布成立",
    ),
    Case(
        "a 50,000-character line",
        "longline.txt",
        article("longline", "很長" * 25_000 + "。\n"),
        "warning",
        "paragraph of 50,001 characters; were its line breaks lost?",
        "很長很長",
    ),
    Case(
        "malformed HTML",
        "broken.html",
        '<html><head><title>破損</title><meta name="date" content="2026-03-16">'
        '<meta name="slug" content="broken"></head><body><p>第一段<b>未閉合'
        f"</div><p>第二段<p>{DISCLAIMERS[0]}</body></html>",
        "warning",
        "malformed HTML repaired",
        "第二段",
    ),
    Case(
        "HTML nested 10,000 levels deep",
        "deep.html",
        '<html><head><title>深</title><meta name="date" content="2026-03-16">'
        '<meta name="slug" content="deep"><meta name="ath_scraped" content="yes">'
        "</head><body>"
        + "<div>" * 10_000
        + "深處的文字"
        + "</div>" * 10_000
        + "<p>之後的段落</p></body></html>",
        "warning",
        "published as written, without cleaning, TOC or conversion",
        "深處的文字",
        in_body=False,
    ),
    Case(
        "a saved page nested 20,000 levels deep",
        "nested.html",
        saved_page(
            "nested",
            "<p>前言。</p>"
            + "<div>" * 20_000
            + "深處的文字"
            + "</div>" * 20_000
            + "<p>之後的段落</p>",
        ),
        "warning",
        "more than 128 levels deep; 19",
        "深處的文字",
    ),
    Case(
        "a saved page with an unclosed <object>",
        "object.html",
        saved_page(
            "object",
            '<p>第一段。</p><object data="old.swf"><p>第二段。</p><p>第三段。</p>',
        ),
        "warning",
        "an unclosed <object> held the text after it",
        "第三段。",
    ),
    Case(
        "a saved page with an unclosed <iframe>",
        "iframe.html",
        saved_page(
            "iframe",
            '<p>第一段。</p><iframe src="https://v.163.com/x"><p>第二段。</p><p>第三段。</p>',
        ),
        "warning",
        "an unclosed <iframe> held the text after it",
        "第三段。",
    ),
    Case(
        "an invalid Date:",
        "baddate.txt",
        "Title: 日期錯誤\nDate: 明天\nSlug: baddate\n\n正文。\n",
        "warning",
        "Date: '明天' cannot be used",
        "Date: 明天",  # the lines are published as the text they are
        published="title-ri-qi-cuo-wu.html",  # its first line, "Title: 日期錯誤"
    ),
    Case(
        "a first line that starts with Date:",
        "tomorrow.txt",
        "Date: 明天我们再谈这件事,今天先到这里。\n\n这是第二段。\n",
        "warning",
        "published them as text",
        "Date: 明天我们再谈这件事",
        # its opening sentence: "Date: 明天我们再谈这件事,今天先到这里"
        published="date-ming-tian-wo-men-zai-tan-zhe-jian-shi-jin-tian-xian-dao-zhe-li.html",
    ),
    Case(
        "a truncated last character",
        "truncated.txt",
        article("truncated", "第一段。\n最後一個字被截斷").encode()[:-2],
        "warning",
        "is not valid UTF-8 at byte",
        "最後一個字被截",
    ),
    Case(
        "one bad byte in the middle",
        "badbyte.txt",
        article("badbyte", "第一段。\n").encode() + b"\xff" + "第二段。\n".encode(),
        "warning",
        "is not valid UTF-8 at byte 62;",
        "第二段。",
    ),
    Case(
        "a heading-only file",
        "headings.md",
        "Title: 只有標題\nDate: 2026-03-16\nSlug: headings\nAth_scraped: yes\n\n"
        "## 第一節\n\n## 第二節\n",
        "warning",
        "has 2 heading(s) but no other text",
        "第二節",
    ),
    Case(
        "a [TOC] marker without headings",
        "marker.md",
        "Title: 目錄\nDate: 2026-03-16\nSlug: marker\nAth_scraped: yes\n\n"
        "[TOC]\n\n正文。\n",
        "warning",
        "[TOC] marker removed: 0 heading(s), a TOC needs 2",
        "正文。",
    ),
]


def slug_of(case: Case) -> str:
    return case.file.rsplit(".", 1)[0]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_one_bad_file_in_a_good_site(build_site, records, case):
    site = build_site({**GOOD, case.file: case.data})

    assert (site.output / "good.html").exists() and (
        site.output / "good-md.html"
    ).exists()
    assert 'class="toc ath-toc"' in site.text("good.html")

    about = [
        record
        for record in records.records
        if case.file in record.getMessage() and record.levelno >= logging.WARNING
    ]
    for record in records.records:
        assert not record.exc_info, record.getMessage()
        assert "Traceback" not in record.getMessage()
    published = site.output / (case.published or f"{slug_of(case)}.html")
    if case.kind == "not claimed":
        assert not published.exists()
        assert about == []
        assert [
            r
            for r in records.records
            if case.file in r.getMessage() and "not a scraped export" in r.getMessage()
        ]
    elif case.kind == "error":
        assert not published.exists()
        assert [
            r
            for r in about
            if r.levelno == logging.ERROR and case.says in r.getMessage()
        ]
    else:
        assert published.exists()
        if case.in_body:  # a stray </div> must not break the theme's layout
            body = site.article_body(published.name).text_content()
            assert case.published_text in body
        else:
            assert case.published_text in published.read_text("utf-8")
        expected = [r for r in about if case.says in r.getMessage()]
        assert [r.levelno for r in expected] == [logging.WARNING]
