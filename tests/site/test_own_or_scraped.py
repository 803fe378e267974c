"""Telling the blog's own content from scraped content: a page that looks
like NetEase's is read as one whatever its bytes mention, scraped markup is
always sanitised, and the blog's own text is never taken for scraped."""

from __future__ import annotations

import pytest
from conftest import with_entities

#: Active content, in what a site publishes.
ACTIVE = ".//script|.//style|.//iframe|.//object|.//embed|.//form|.//svg|.//*[@onerror]"


def layout_page(root: str = '<html id="ne_wrap">', title: str = "夜读_网易订阅") -> str:
    """A saved page in NetEase's layout that names no NetEase address."""
    return (
        f"{root}<head><title>{title}</title>"
        '<meta name="date" content="2026-03-16"></head><body>'
        '<h1 class="post_title">夜读</h1><div class="post_body">'
        "<p>图书馆的灯开到了十点。</p><script>alert(1)</script>"
        '<p><img src="a.png" onerror="alert(2)">夜里的读者。</p></div></body></html>'
    )


@pytest.mark.parametrize(
    "page",
    [
        layout_page().encode(),  # html#ne_wrap and a _网易订阅 title
        layout_page(root="<html>").encode(),  # the title alone
        layout_page(title="夜读").encode(),  # html#ne_wrap alone
        layout_page(root='<html id="ne&#95;wrap">', title="夜读").encode(),
        with_entities(layout_page(root="<html>").encode()),
        layout_page(root="<html>").encode("gbk"),
    ],
    ids=["both", "title", "ne_wrap", "ne_wrap-entity", "title-entities", "gbk"],
)
def test_a_page_in_netease_layout_is_read_as_one(build_site, page):
    site = build_site({"night.html": page}, SLUGIFY_SOURCE="basename")
    body = site.article_body("night.html")
    assert not body.xpath(ACTIVE)
    assert "图书馆的灯开到了十点。" in body.text_content()
    assert "夜里的读者。" in body.text_content()
    (title,) = site.page("night.html").xpath("//h1[@class='entry-title']")
    assert title.text_content().strip() == "夜读"


#: Lost images mark a document scraped (``ath_scraped: lost images``).
LOST_IMAGE_MD = (
    "Title: 夜读\nDate: 2026-03-16\nSlug: night\n\n"
    "图书馆的灯开到了十点。\n\n![]()\n\n"
    '<script>alert(1)</script>\n\n<p><img src="a.png" onerror="alert(2)">夜里的读者。</p>\n'
)
LOST_IMAGE_HTML = (
    '<html><head><title>夜读</title><meta name="date" content="2026-03-16">'
    '<meta name="slug" content="night"></head><body><p>图书馆的灯开到了十点。</p>'
    '<p><img src="" alt=""></p><script>alert(1)</script>'
    '<p><img src="a.png" onerror="alert(2)">夜里的读者。</p></body></html>'
)


@pytest.mark.parametrize(
    ("name", "source"),
    [("night.md", LOST_IMAGE_MD), ("night.html", LOST_IMAGE_HTML)],
)
@pytest.mark.parametrize("saved_pages", [True, False])
def test_markup_taken_for_scraped_by_its_lost_images_is_sanitised(
    build_site, name, source, saved_pages
):
    site = build_site({name: source}, ATH_SAVED_PAGES=saved_pages)
    body = site.article_body("night.html")
    assert not body.xpath(ACTIVE + "|.//img[@src='']")
    assert "图书馆的灯开到了十点。" in body.text_content()
    assert "夜里的读者。" in body.text_content()


#: Scraped by its signs alone (the disclaimer as its own last block), read
#: by Pelican's Markdown reader: what Markdown writes (a heading's id from
#: its ``toc`` extension, math's class) stays, what could run goes.
TRAILING_DISCLAIMER_MD = (
    "Title: 夜读\nDate: 2026-03-16\nSlug: night\n\n"
    "图书馆的灯开到了十点。\n\n## 第一节\n\n"
    '<p><span class="math">\\(x^2\\)</span>夜里的读者。</p>\n\n'
    '<script>alert(1)</script>\n\n<p><img src="a.png" onerror="alert(2)">书页。</p>\n\n'
    "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，"
    "本平台仅提供信息存储服务。\n"
)


def test_markup_taken_for_scraped_by_its_disclaimer_is_sanitised(build_site):
    site = build_site(
        {"night.md": TRAILING_DISCLAIMER_MD},
        MARKDOWN={"extensions": ["markdown.extensions.toc"]},
    )
    body = site.article_body("night.html")
    assert not body.xpath(ACTIVE)
    text = body.text_content()
    assert "图书馆的灯开到了十点" in text and "书页。" in text
    assert "网易号" not in text  # the disclaimer is gone: it was scraped
    assert body.xpath(".//span[@class='math']/text()") == ["\\(x^2\\)"]
    import markdown

    written = markdown.markdown("## 第一节", extensions=["markdown.extensions.toc"])
    assert written.startswith('<h2 id="')  # Markdown's own id, kept
    assert body.xpath(".//h2/@id") == [written.split('"')[1]]


# -- the blog's own article that quotes the disclaimer ---------------------------

DISCLAIMER = (
    "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，"
    "本平台仅提供信息存储服务。"
)
HEADER = "Title: 网易号的声明\nDate: 2026-03-16\nSlug: {slug}\n\n"
#: The blog's own posts about 网易号, each quoting the disclaimer its way.
QUOTING_POSTS = {
    "prose": f"网易号的每篇文章都以同一句话收尾，{DISCLAIMER}这句话把责任推给了作者",
    "prose-last": "我们先看看网易号的文章怎么结尾。\n\n"
    f"网易号的每篇文章都以同一句话收尾。{DISCLAIMER}",
    "table": f"| 平台 | 声明 |\n|---|---|\n| 网易号 | {DISCLAIMER} |\n| 头条号 | 无 |",
    "table-last": "各平台的声明：\n\n| 平台 | 声明 |\n|---|---|\n"
    f"| 头条号 | 无 |\n| 网易号 | {DISCLAIMER} |",
    "blockquote": f"网易号的文章末尾写着\n\n> {DISCLAIMER}",
    "list": f"网易号文章的结尾有两样东西：\n\n- 作者简介\n- {DISCLAIMER}",
}


@pytest.mark.parametrize("slug", QUOTING_POSTS)
def test_the_blogs_own_post_quoting_the_disclaimer_is_published_as_written(
    build_site, slug
):
    text = HEADER.format(slug=slug) + QUOTING_POSTS[slug] + "\n"
    ours = build_site({f"{slug}.md": text}, name="ours")
    pelicans = build_site({f"{slug}.md": text}, name="pelican", PLUGINS=[])
    assert ours.article_body(f"{slug}.html").text_content().count("特别声明") == 1
    assert ours.text(f"{slug}.html") == pelicans.text(f"{slug}.html")


@pytest.mark.parametrize(
    "ending",
    [f"\n\n{DISCLAIMER}\n", f"\n\n{DISCLAIMER}\n\n打开网易新闻 查看精彩图片\n"],
)
def test_a_scraped_markdown_file_ending_in_the_disclaimer_is_scraped(
    build_site, ending
):
    text = HEADER.format(slug="s") + "## 一\n\n正文一。\n\n## 二\n\n正文二。" + ending
    body = build_site({"s.md": text}).article_body("s.html")
    assert "特别声明" not in body.text_content()
    assert "正文二。" in body.text_content()


# -- invisible characters do not hide boilerplate --------------------------------

INVISIBLE = {
    "ZWSP": "\u200b",
    "ZWNJ": "\u200c",
    "ZWJ": "\u200d",
    "WJ": "\u2060",
    "SHY": "\u00ad",
    "BOM": "\ufeff",
}
NOTICE = (
    "Notice: The content above (including the pictures and videos if any) is "
    "uploaded and posted by a user of NetEase Hao, which is a social media "
    "platform and only provides information storage services."
)


def hidden(text: str, char: str) -> str:
    """``text`` with ``char`` after every third character (inside every word
    and sign: 特别, 网易, Notice)."""
    return "".join(c + char if i % 3 == 0 else c for i, c in enumerate(text))


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_characters_do_not_hide_the_disclaimer_of_an_export(build_site, char):
    export = (
        "Title: 夜读\nDate: 2026-03-16\nSlug: night\n\n图书馆的灯开到了十点。\n"
        f"夜里的读者。{hidden(DISCLAIMER, char)}\n"
        f"{hidden(DISCLAIMER, char)}\n{hidden(NOTICE, char)}\n"
        f"{hidden('打开网易新闻 查看精彩图片', char)}\n"
    )
    body = build_site({"night.txt": export}).article_body("night.html")
    text = body.text_content()
    assert "图书馆的灯开到了十点。" in text and "夜里的读者。" in text
    bare = text.replace(char, "")
    assert "声明" not in bare and "Notice" not in bare and "网易" not in bare


@pytest.mark.parametrize(
    "char", [*INVISIBLE.values(), "&#8203;", "&shy;"], ids=[*INVISIBLE, "ref", "shy;"]
)
def test_invisible_characters_do_not_hide_the_disclaimer_of_a_saved_page(
    build_site, char
):
    page = layout_page().replace(
        "<script>alert(1)</script>",
        f"<p>{hidden(DISCLAIMER, char)}</p><p>{hidden(NOTICE, char)}</p>",
    )
    site = build_site({"night.html": page}, SLUGIFY_SOURCE="basename")
    body = site.article_body("night.html")
    text = body.text_content()
    assert "图书馆的灯开到了十点。" in text and "夜里的读者。" in text
    bare = "".join(c for c in text if c not in INVISIBLE.values())
    assert "声明" not in bare and "Notice" not in bare


def test_a_deep_document_with_lost_images_is_published_with_a_warning(
    build_site, records
):
    page = (
        '<html><head><title>深</title><meta name="date" content="2026-03-16">'
        '<meta name="slug" content="deep"></head><body><p>第一段。</p>'
        '<p><img src="" alt=""></p>'
        + "<div>" * 500
        + "<p>最深处。</p>"
        + "</div>" * 500
    ) + "<script>alert(1)</script></body></html>"
    site = build_site({"deep.html": page}, ATH_SAVED_PAGES=False)
    text = site.text("deep.html")
    assert "最深处。" in text and "alert(1)" not in text
    assert [
        r
        for r in records.records
        if r.levelname == "WARNING" and "more than 128 levels deep" in r.getMessage()
    ]
