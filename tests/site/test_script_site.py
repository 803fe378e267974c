"""A site in one script (``ATH_SCRIPT``): its tags, categories and authors
named in the script everywhere, their slugs and links as they were, the
articles' ``lang`` following, one warning for a ``DEFAULT_LANG`` in the
other script (issue 29)."""

from __future__ import annotations

import logging

from conftest import pelicans_own
from in_script import not_in_script, written

#: A handful of the blog's own Markdown articles, their taxonomy Simplified.
ARTICLES = {
    f"a{n}.md": (
        f"Title: 第{n}篇文章\nDate: 2026-03-1{n}\nSlug: a{n}\n"
        f"Category: {category}\nTags: {tags}\nAuthor: 张三\n\n"
        "这是一段关于云计算的正文。\n"
    )
    for n, (category, tags) in enumerate(
        [
            ("技术笔记", "云计算, 开源模型"),
            ("读书", "开源模型, 数据库"),
            ("技术笔记", "数据库"),
        ]
    )
}


def test_a_site_in_one_script_names_its_taxonomy_in_it(build_site, records):
    plain = build_site(ARTICLES, DEFAULT_LANG="zh-TW")
    site = build_site(
        ARTICLES,
        DEFAULT_LANG="zh-TW",
        ATH_SCRIPT="s2tw",
        FEED_DOMAIN="https://blog.example",
        FEED_ALL_ATOM="feeds/all.atom.xml",
        CATEGORY_FEED_ATOM="feeds/{slug}.atom.xml",
    )
    assert {p.name for p in written(plain.output)} <= {
        p.name for p in written(site.output)
    }  # the same tag, category and author pages: slugs kept
    left = {
        str(p.relative_to(site.output)): not_in_script(p, "s2tw")
        for p in written(site.output)
    }
    assert not {name: chars for name, chars in left.items() if chars}
    tags = site.page("tags.html").text_content()
    assert "雲計算" in tags and "開源模型" in tags and "資料庫" not in tags
    assert "數據庫" in tags  # s2tw converts characters, not vocabulary
    assert "技術筆記" in site.page("categories.html").text_content()
    title = site.page("category/ji-zhu-bi-ji.html").xpath("//title")[0].text_content()
    assert "技術筆記" in title
    assert site.page("tag/yun-ji-suan.html").xpath("//title")[0].text_content()
    links = site.page("a0.html").xpath('//a[contains(@href, "tag/")]')
    assert {a.text_content().strip(): a.get("href") for a in links} == {
        "雲計算": "/tag/yun-ji-suan.html",
        "開源模型": "/tag/kai-yuan-mo-xing.html",
    }
    assert site.page("author/zhang-san.html").xpath("//title")[0].text_content()
    assert "張三" in site.page("a0.html").text_content()
    assert site.page("a0.html").get("lang") == "zh-tw"  # already Traditional
    warnings = [
        r.getMessage()
        for r in records.records
        if r.levelno >= logging.WARNING and not pelicans_own(r.getMessage())
    ]
    assert not warnings, warnings


def test_the_lang_follows_the_script_and_default_lang_gets_one_warning(
    build_site, records
):
    site = build_site(ARTICLES, DEFAULT_LANG="zh-SG", ATH_SCRIPT="s2tw")
    article = site.page("a1.html")
    assert article.get("lang") == "zh-hant"
    assert (site.output / "a1.html").exists()  # its URL has not moved
    assert "雲計算" in site.page("tags.html").text_content()
    messages = [
        r.getMessage() for r in records.records if "DEFAULT_LANG" in r.getMessage()
    ]
    assert len(messages) == 1 and "zh-sg" in messages[0]
    assert "DEFAULT_LANG = 'zh-hant'" in messages[0]
    build_site(ARTICLES, DEFAULT_LANG="zh-SG", ATH_SCRIPT="s2tw")
    again = [r for r in records.records if "DEFAULT_LANG" in r.getMessage()]
    assert len(again) == 1  # once, not per build
