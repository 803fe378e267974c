"""The main path: real Pelican builds into ``tmp_path``, assertions on the HTML."""

from __future__ import annotations

import datetime
import logging
import os
from importlib import metadata
from urllib.parse import unquote

import opencc
import pytest
from conftest import ROOT, SEED, SEED_TITLES, run_pelican, seed_paragraphs, shared_file
from lxml import html as lxml_html

DISCLAIMER_WORDS = ("特別聲明", "特别声明", "Notice: The content above", "網易號")


def seed_with_header(**fields: str) -> str:
    header = {"Title": "阿里ATH事業群成立", "Date": "2026-03-16"} | fields
    lines = [f"{key}: {value}" for key, value in header.items()]
    return "\n".join(lines) + "\n\n" + SEED.read_text(encoding="utf-8")


def paragraphs(body) -> list[str]:
    return ["".join(p.itertext()) for p in body.xpath(".//p[not(ancestor::footer)]")]


def toc_links(body) -> list[tuple[str, str]]:
    return [(a.get("href"), a.text_content()) for a in body.xpath(".//nav//a")]


# -- the repository's own site ----------------------------------------------


@pytest.fixture
def shared_seed() -> bytes:
    return shared_file(f"seeds/{SEED.name}").read_bytes()


def test_the_seed_is_the_shared_seed_byte_for_byte(shared_seed):
    assert SEED.read_bytes() == shared_seed


def test_the_demo_keeps_the_seed_as_the_scraper_wrote_it():
    """The demo's article is the seed byte for byte; what the demo sets by
    hand is in pelicanconf.py's EXTRA_PATH_METADATA."""
    assert (ROOT / "content" / SEED.name).read_bytes() == SEED.read_bytes()
    assert sorted(p.name for p in (ROOT / "content").iterdir()) == [SEED.name]


def test_demo_site_builds_without_any_warning(tmp_path):
    """`pelican content --fatal warnings` in the repository root succeeds."""
    # Pelican 4.11 warns about feeds without SITEURL although FEED_DOMAIN
    # makes their links absolute (4.12 reads FEED_DOMAIN too).
    pelican_411 = metadata.version("pelican").startswith("4.11")
    siteurl = ("-e", 'SITEURL="https://ath.example.org"') if pelican_411 else ()
    code, output = run_pelican(
        ROOT,
        *siteurl,
        "--fatal",
        "warnings",
        "-o",
        str(tmp_path / "out"),
        "--cache-path",
        str(tmp_path / "cache"),
    )
    assert code == 0, output
    pages = list((tmp_path / "out").glob("*.html"))
    article = [p for p in pages if 'nav class="toc ath-toc"' in p.read_text("utf-8")]
    assert article, "no page with a table of contents was written"
    assert (tmp_path / "out" / "feeds" / "all.atom.xml").exists()
    demo = lxml_html.fromstring(
        (tmp_path / "out" / "alibaba-ath-coming-of-age.html").read_text("utf-8")
    )  # the title, tags and date pelicanconf.py gives the seed
    assert "的告別與中國大模型" in demo.xpath("//title")[0].text_content()
    tags = [
        a.text_content().strip() for a in demo.xpath("//a[contains(@href, 'tag/')]")
    ]
    assert "組織架構" in tags and "2026-03-16" in demo.text_content()
    assert len(demo.xpath("//div[contains(@class, 'entry-content')]//h2")) == 6
    # one kind of quotation marks in each script (ATH_QUOTES), title and
    # body alike: the scrape wrote “”, pelicanconf.py's title 「」
    hans = (tmp_path / "out" / "zh-hans" / "alibaba-ath-coming-of-age.html").read_text(
        "utf-8"
    )
    hant = (tmp_path / "out" / "alibaba-ath-coming-of-age.html").read_text("utf-8")
    assert "「成人禮」" in hant and not {"“", "”"} & set(hant)
    assert "“成人礼”" in hans and not {"「", "」"} & set(hans)


# -- the published seed ------------------------------------------------------


@pytest.fixture
def seed_site(build_site):
    """The seed published as scraped (punctuation left half-width, so every
    paragraph can be compared with the file)."""
    return build_site(
        {"seed.txt": seed_with_header(Slug="seed")}, ATH_PUNCTUATION=False
    )


def test_seed_publishes_every_paragraph_and_no_junk(seed_site):
    body = seed_site.article_body("seed.html")
    markup = seed_site.text("seed.html")
    assert paragraphs(body) == seed_paragraphs()
    assert len(seed_paragraphs()) == 42
    assert "![" not in markup
    assert not body.xpath(".//img[not(@src) or normalize-space(@src)='']")
    for words in DISCLAIMER_WORDS:
        assert words not in body.text_content()


def test_seed_section_titles_become_headings_with_a_toc(seed_site):
    body = seed_site.article_body("seed.html")
    headings = body.xpath(".//h2")
    assert [h.text_content() for h in headings] == SEED_TITLES
    links = toc_links(body)
    assert [text for _, text in links] == SEED_TITLES
    ids = [h.get("id") for h in headings]
    assert [href for href, _ in links] == [f"#{i}" for i in ids]
    assert len(set(ids)) == 6 and all(
        i and not any(c.isspace() for c in i) for i in ids
    )
    assert "理性的退出" in ids
    nav = body.xpath(".//nav")[0]
    assert "toc" in nav.get("class").split()
    # at the top of the article text, before the first paragraph
    assert body.xpath("./*[not(self::footer)]")[0] is nav


def test_heading_ids_are_stable_between_builds(build_site):
    first = build_site({"seed.txt": seed_with_header(Slug="seed")})
    second = build_site({"seed.txt": seed_with_header(Slug="seed")})
    ids = [
        [h.get("id") for h in site.article_body("seed.html").xpath(".//h2")]
        for site in (first, second)
    ]
    assert ids[0] == ids[1]


def test_toc_stays_out_of_summaries_and_feeds(build_site):
    site = build_site(
        {"seed.txt": seed_with_header(Slug="seed")},
        FEED_ALL_ATOM="feeds/all.atom.xml",
        FEED_DOMAIN="https://example.org",
    )
    feed = site.text("feeds/all.atom.xml")
    summary = feed.split("<summary", 1)[1].split("</summary>", 1)[0]
    assert "toc" not in summary and "前奏" not in summary
    assert "阿里巴巴正式宣布成立" in summary
    # the full content in the feed holds no TOC either (its links would point
    # at the feed)
    content = feed.split("<content", 1)[1].split("</content>", 1)[0]
    assert "ath-toc" not in content and "阿里巴巴正式宣布成立" in content


def test_the_articles_page_describes_it_by_its_first_words_not_its_toc(build_site):
    """notmyidea's article page puts the summary in <meta name="description">;
    it is worked out without the TOC even while the page is written."""
    site = build_site({"seed.txt": seed_with_header(Slug="seed")})
    page = lxml_html.fromstring(site.text("seed.html"))
    assert page.xpath("//nav[contains(@class, 'ath-toc')]")
    description = page.xpath("//meta[@name='description']/@content")[0]
    assert description.startswith("3月16日")
    assert "前奏" not in description
    index = site.text("index.html")
    assert "ath-toc" not in index and "3月16日" in index


def test_the_toc_is_on_the_articles_own_page_only(build_site):
    """notmyidea shows the newest article's whole content on index.html; a
    theme may excerpt it anywhere: the TOC is in neither, only on its page."""
    site = build_site(
        {
            "seed.txt": seed_with_header(Slug="seed"),
            "draft.txt": seed_with_header(Slug="draft", Status="draft"),
            "pages/about.txt": seed_with_header(Title="關於", Slug="about"),
        },
        RELATIVE_URLS=True,
    )
    assert len(site.article_body("seed.html").xpath(".//nav")) == 1
    assert (
        len(site.page("drafts/draft.html").xpath("//nav[contains(@class, 'ath-toc')]"))
        == 1
    )
    assert (
        len(site.page("pages/about.html").xpath("//nav[contains(@class, 'ath-toc')]"))
        == 1
    )
    index = site.text("index.html")
    assert "阿里巴巴正式宣布成立" in index and "ath-toc" not in index
    for listing in ("archives.html", "category/misc.html", "author/.html"):
        if (site.output / listing).exists():
            assert "ath-toc" not in site.text(listing)


def test_extra_path_metadata_of_the_raw_seed_is_its_metadata(build_site, records):
    """Pelican's own way to give a file metadata: for an export it wins over
    what the reader works out, and its values are read as a header's."""
    site = build_site(
        {SEED.name: SEED.read_bytes()},
        EXTRA_PATH_METADATA={
            SEED.name: {
                "title": "阿里ATH事業群成立",
                "tags": "阿里巴巴, 大模型",
                "date": "2026-03-16 12:00",
                "slug": "ath",
            }
        },
    )
    page = site.page("ath.html")
    assert page.xpath("//h1[@class='entry-title']")[0].text_content().strip() == (
        "阿里ATH事業群成立"
    )
    assert [a.text_content() for a in page.xpath("//a[contains(@href, '/tag/')]")] == [
        "阿里巴巴",
        "大模型",
    ]
    assert page.xpath("//abbr[@class='published']/@title")[0].startswith(
        "2026-03-16T12:00"
    )
    assert (site.output / "tag" / "da-mo-xing.html").exists()
    assert 'class="toc ath-toc"' in site.text("ath.html")
    assert not [r for r in records.records if r.levelno >= logging.WARNING]


NOTE = "今天把博客搬到了 Pelican。\n\n明天再写第二篇。\n"


@pytest.mark.parametrize(
    "choice",
    [
        {"ATH_SCRAPED_FILES": ["notes/*.txt"]},
        {"EXTRA_PATH_METADATA": {"notes/hello.txt": {"ath_scraped": True}}},
        {"EXTRA_PATH_METADATA": {"notes": {"ath_scraped": "yes"}}},
    ],
    ids=["ATH_SCRAPED_FILES", "ath_scraped", "ath_scraped-of-a-folder"],
)
def test_the_user_can_say_a_plain_note_is_an_export(build_site, choice):
    """A Chinese note with no sign of an export is Pelican's (no article)
    unless the site says it is scraped."""
    page = "jin-tian-ba-bo-ke-ban-dao-liao-pelican.html"  # the title's slug
    plain = build_site({"notes/hello.txt": NOTE})
    assert not [
        p for p in plain.output.rglob("*.html") if "今天把博客" in p.read_text("utf-8")
    ]
    site = build_site({"notes/hello.txt": NOTE}, **choice)
    title = site.page(page).xpath("//h1[@class='entry-title']")[0]
    assert title.text_content().strip() == "今天把博客搬到了 Pelican"
    assert "明天再写第二篇" in site.article_body(page).text_content()


def test_a_bad_ath_scraped_files_stops_the_build(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "conf.py").write_text(
        "PATH = 'content'\nPLUGINS = ['pelican_ath']\nATH_SCRAPED_FILES = '*.txt'\n",
        "utf-8",
    )
    code, output = run_pelican(tmp_path, "-s", "conf.py", "-o", "out")
    assert code != 0
    assert "ATH_SCRAPED_FILES = '*.txt' must be a list of paths" in output
    assert "Traceback" not in output


def test_plain_text_files_that_are_not_exports_stay_static_files(build_site, records):
    """robots.txt through EXTRA_PATH_METADATA, a Chinese notes file in a
    static folder, LICENSE.txt: published as without the plugin."""
    files = {
        "seed.txt": seed_with_header(Slug="seed"),
        "extra/robots.txt": "User-agent: *\nDisallow:\n",
        "static/說明.txt": "這是下載用的說明文字，不是文章。\n",
        "LICENSE.txt": "版權所有。MIT License\n",
        "notes/english.txt": "Just some notes, no Chinese here.\n",
    }
    site = build_site(
        files,
        STATIC_PATHS=["static", "extra/robots.txt", "notes"],
        EXTRA_PATH_METADATA={"extra/robots.txt": {"path": "robots.txt"}},
    )
    assert (site.output / "robots.txt").read_text("utf-8") == files["extra/robots.txt"]
    assert (site.output / "static" / "說明.txt").exists()
    assert (site.output / "notes" / "english.txt").exists()
    assert not list(site.output.glob("robots*.html"))
    assert not (site.output / "category" / "extra.html").exists()
    assert not list(site.output.rglob("*license*.html"))
    assert (site.output / "seed.html").exists()
    messages = [r.getMessage() for r in records.records if r.levelno >= logging.WARNING]
    assert not [m for m in messages if ".txt" in m and "seed.txt" not in m]


#: A site as ``pelican-quickstart`` writes one, for a Chinese blog.
QUICKSTART = """AUTHOR = "某人"
SITENAME = "我的部落格"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh_CN"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = 10
PLUGINS = ["pelican_ath"]
"""


def test_raw_seed_publishes_in_a_blank_site(tmp_path):
    """The seed as the scraper wrote it (no header) in a new blog: a title
    and a date worked out of its text, said at INFO, so ``--fatal warnings``
    builds it."""
    content = tmp_path / "content"
    content.mkdir()
    seed = content / SEED.name
    seed.write_bytes(SEED.read_bytes())
    saved = datetime.datetime(2025, 6, 1, 9, 30).timestamp()
    os.utime(seed, (saved, saved))
    (tmp_path / "pelicanconf.py").write_text(QUICKSTART, "utf-8")
    code, log = run_pelican(
        tmp_path, "-s", "pelicanconf.py", "-o", "out", "--fatal", "warnings", "-v"
    )
    assert code == 0, log
    (page,) = [
        p
        for p in (tmp_path / "out").glob("*.html")
        if "ath-toc" in p.read_text("utf-8")
    ]
    markup = lxml_html.fromstring(page.read_text("utf-8"))
    title = markup.xpath("//h1[@class='entry-title']")[0].text_content().strip()
    assert title == "阿里巴巴正式宣布成立Alibaba Token Hub（ATH）事業群"
    assert "000_8bdecda8eb2986dd" not in page.read_text("utf-8")
    (published,) = markup.xpath("//abbr[@class='published']/@title")
    assert published.startswith("2025-03-16")  # 3月16日, in the file time's year
    assert "本平臺僅提供信息存儲服務" not in page.read_text("utf-8")
    assert "worked out the title" in log and "the dateline" in log


# -- script conversion ---------------------------------------------------------


def test_t2s_gives_a_simplified_article_and_title(build_site):
    site = build_site(
        {"seed.txt": seed_with_header(Slug="seed")},
        ATH_SCRIPT="t2s",
        ATH_PUNCTUATION=False,
    )
    t2s = opencc.OpenCC("t2s").convert
    page = site.page("seed.html")
    assert page.xpath("//title")[0].text_content().startswith(t2s("阿里ATH事業群成立"))
    body = site.article_body("seed.html")
    assert paragraphs(body) == [t2s(p) for p in seed_paragraphs()]
    assert [h.text_content() for h in body.xpath(".//h2")] == [
        t2s(t) for t in SEED_TITLES
    ]
    assert [text for _, text in toc_links(body)] == [t2s(t) for t in SEED_TITLES]


#: The seed's stray Simplified forms and what Taiwan Traditional writes.
SEED_STRAYS = [
    ("云", "阿里雲"),
    ("于", "處於"),
    ("后", "後來"),
    ("并", "合併"),
    ("么", "這麼"),
    ("斗爭", "鬥爭"),
    ("采購", "採購"),
    ("干了", "幹了"),
    ("愿", "願意"),
    ("沉淀", "沉澱"),
    ("里面", "裡面"),
    ("老板", "老闆"),
    ("周期", "週期"),
]


def test_s2tw_repairs_every_stray_simplified_form_of_the_seed(build_site):
    site = build_site({"seed.txt": seed_with_header(Slug="seed")}, ATH_SCRIPT="s2tw")
    text = site.article_body("seed.html").text_content()
    seed = SEED.read_text(encoding="utf-8")
    assert all(stray in seed for stray, _ in SEED_STRAYS)
    left = [stray for stray, _ in SEED_STRAYS if stray in text]
    missing = [repaired for _, repaired in SEED_STRAYS if repaired not in text]
    assert left == [] and missing == []


def test_s2tw_keeps_what_is_already_traditional_unless_told_not_to(build_site):
    article = (
        "Title: 訊號干擾\nDate: 2026-03-16\nSlug: guard\n\n"
        "去年的訊號干擾問題，阿里云已經解決了。\n"
    )
    kept = build_site({"guard.txt": article}, ATH_SCRIPT="s2tw")
    assert "訊號干擾問題，阿里雲" in kept.article_body("guard.html").text_content()
    assert kept.page("guard.html").xpath("//title")[0].text_content() == "訊號干擾"
    plain = build_site(
        {"guard.txt": article}, ATH_SCRIPT="s2tw", ATH_KEEP_TRADITIONAL=False
    )
    assert "訊號幹擾問題，阿里雲" in plain.article_body("guard.html").text_content()


def test_script_metadata_overrides_the_site(build_site):
    site = build_site(
        {
            "kept.txt": seed_with_header(Slug="kept", Ath_script="none"),
            "tw.txt": seed_with_header(Slug="tw", Title="云智能", Ath_script="s2twp"),
        },
        ATH_SCRIPT="t2s",
    )
    assert "事業群" in site.article_body("kept.html").text_content()
    assert "雲智慧" in site.page("tw.html").xpath("//title")[0].text_content()


def test_code_and_urls_are_never_converted(build_site):
    page = (
        '<html><head><title>代码</title><meta name="date" content="2026-03-16">'
        '<meta name="slug" content="code"></head><body>'
        '<p><a href="https://example.org/阿里云" title="阿里云">阿里云</a>'
        " <code>阿里云</code></p><pre>阿里云</pre></body></html>"
    )
    site = build_site({"code.html": page}, ATH_SCRIPT="s2tw")
    body = site.article_body("code.html")
    link = body.xpath(".//a[@title]")[0]
    # libxml2 writes non-ASCII URLs percent-encoded: the same URL, not converted
    assert unquote(link.get("href")) == "https://example.org/阿里云"
    assert link.text == "阿里雲" and link.get("title") == "阿里雲"
    assert body.xpath(".//code")[0].text == "阿里云"
    assert body.xpath(".//pre")[0].text == "阿里云"


def test_unknown_script_stops_the_build_with_one_clear_error(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.txt").write_text(seed_with_header(), "utf-8")
    (tmp_path / "conf.py").write_text(
        'PLUGINS = ["pelican_ath"]\nATH_SCRIPT = "t2x"\n', "utf-8"
    )
    code, output = run_pelican(tmp_path, "-s", "conf.py", "-o", "out")
    assert code != 0
    assert "ATH_SCRIPT" in output and "'t2x'" in output and "s2tw" in output
    assert "Traceback" not in output
    assert output.count("ATH_SCRIPT") == 1
    assert not (tmp_path / "out" / "a.html").exists()


def test_a_pattern_re2_cannot_run_stops_the_build_with_one_clear_error(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.txt").write_text(seed_with_header(), "utf-8")
    (tmp_path / "conf.py").write_text(
        'PLUGINS = ["pelican_ath"]\nATH_BOILERPLATE = [r"(?<=来源)\\S+"]\n', "utf-8"
    )
    code, output = run_pelican(tmp_path, "-s", "conf.py", "-o", "out")
    assert code != 0
    assert "ATH_BOILERPLATE" in output and "RE2 cannot run" in output
    assert "Traceback" not in output and "re2.cc" not in output
    assert not (tmp_path / "out" / "a.html").exists()


def test_user_patterns_match_unicode_words_as_python_does(build_site):
    article = seed_with_header(Slug="a") + "\n本文来源：網易新聞\n"
    site = build_site({"a.txt": article}, ATH_BOILERPLATE=[r"本文来源：\w+"])
    text = site.article_body("a.html").text_content()
    assert "網易新聞" not in text and "林俊" in text


# -- cleaning any reader's output -------------------------------------------


MARKDOWN_ARTICLE = """Title: 一篇文章
Date: 2026-03-16

第一段。

![]()

## 第一節

第二段 ![]() 還在。

引用：“特別聲明：以上內容(如有圖片或視頻亦包括在內)為自媒體平臺“網易號”用戶上傳并發布,本平臺僅提供信息存儲服務。”這句話不是聲明。

## 第二節

最後一段。特別聲明：以上內容(如有圖片或視頻亦包括在內)為自媒體平臺“網易號”用戶上傳并發布,本平臺僅提供信息存儲服務。

Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of NetEase Hao, which is a social media platform and only provides information storage services.
"""


def test_markdown_article_is_cleaned_without_empty_alt_warnings(build_site, records):
    site = build_site({"md.md": MARKDOWN_ARTICLE})
    body = site.article_body("yi-pian-wen-zhang.html")
    texts = paragraphs(body)
    assert texts[0] == "第一段。"
    assert texts[1] == "第二段  還在。"
    assert texts[2].startswith("引用：“特別聲明") and texts[2].endswith("不是聲明。")
    assert texts[3] == "最後一段。"
    assert len(texts) == 4
    assert not body.xpath(".//img")
    assert [h.text_content() for h in body.xpath(".//h2")] == ["第一節", "第二節"]
    messages = [r.getMessage() for r in records.records]
    assert not [m for m in messages if "Empty alt attribute" in m]


def test_cleaning_can_be_switched_off(build_site):
    site = build_site({"md.md": MARKDOWN_ARTICLE}, ATH_CLEAN=False)
    text = site.article_body("yi-pian-wen-zhang.html").text_content()
    assert "Notice: The content above" in text


def test_user_boilerplate_patterns_remove_whole_paragraphs(build_site):
    article = "Title: 文\nDate: 2026-03-16\n\n正文。\n本文来源：观察者网\n文中提到本文来源：观察者网。\n"
    site = build_site({"a.txt": article}, ATH_BOILERPLATE=[r"本文来源：\S+"])
    assert paragraphs(site.article_body("wen.html")) == [
        "正文。",
        "文中提到本文来源：观察者网。",
    ]


def test_one_info_line_per_build_and_debug_lines_per_removal(build_site, records):
    build_site({"seed.txt": seed_with_header(Slug="seed"), "md.md": MARKDOWN_ARTICLE})
    ours = [r for r in records.records if r.name.startswith("pelican.plugins.ath")]
    infos = [r.getMessage() for r in ours if r.levelno == logging.INFO]
    assert len(infos) == 1
    assert "2 documents" in infos[0] and "empty image" in infos[0]
    debug = [r.getMessage() for r in ours if r.levelno == logging.DEBUG]
    assert any("seed.txt" in m and "disclaimer" in m for m in debug)
    assert any("md.md" in m and "empty image" in m for m in debug)


# -- headings and the table of contents ---------------------------------------


def test_toc_goes_at_the_marker_and_keeps_existing_ids(build_site):
    """Your own article, with a TOC asked for (ATH_OWN_CONTENT): ids for
    the headings without one, the TOC where [TOC] was."""
    article = (
        "Title: 目錄\nDate: 2026-03-16\n\n導言。\n\n[TOC]\n\n"
        "## 甲 {#keep}\n\n文。\n\n### 甲一\n\n文。\n\n## 甲\n\n文。\n"
    )
    markdown = {"extensions": ["markdown.extensions.attr_list"]}
    plain = build_site({"toc.md": article}, MARKDOWN=markdown)
    untouched = plain.article_body("mu-lu.html")
    assert not untouched.xpath(".//nav") and "[TOC]" in untouched.text_content()
    assert [h.get("id") for h in untouched.xpath(".//h2|.//h3")] == ["keep", None, None]
    site = build_site({"toc.md": article}, MARKDOWN=markdown, ATH_OWN_CONTENT=["toc"])
    body = site.article_body("mu-lu.html")
    ids = [h.get("id") for h in body.xpath(".//h2|.//h3")]
    assert ids[0] == "keep" and len(set(ids)) == 3
    nav = body.xpath(".//nav")[0]
    assert nav.xpath("preceding::p")[-1].text == "導言。"
    top = nav.xpath("./ul/li")
    assert [li.xpath("./a")[0].text for li in top] == ["甲", "甲"]
    assert top[0].xpath("./ul/li/a")[0].text == "甲一"
    assert "[TOC]" not in body.text_content()
    for href in nav.xpath(".//a/@href"):
        assert body.xpath(f'.//*[@id="{href[1:]}"]')


def test_toc_needs_enough_headings_and_can_be_turned_off(build_site):
    one = "Title: 一\nDate: 2026-03-16\n\n## 一節\n\n文。\n"
    off = seed_with_header(Slug="off", Ath_toc="false")
    site = build_site({"one.md": one, "off.txt": off}, ATH_OWN_CONTENT=["toc"])
    assert not site.article_body("yi.html").xpath(".//nav")
    assert site.article_body("yi.html").xpath(".//h2[@id]")
    assert not site.article_body("off.html").xpath(".//nav")
    lower = build_site({"one.md": one}, ATH_TOC_MIN_HEADINGS=1, ATH_OWN_CONTENT=["toc"])
    assert lower.article_body("yi.html").xpath(".//nav[@class='toc ath-toc']")
    none = build_site({"seed.txt": seed_with_header(Slug="s")}, ATH_TOC=False)
    assert not none.article_body("s.html").xpath(".//nav")


def test_pages_get_the_same_treatment(build_site):
    site = build_site({"pages/about.txt": seed_with_header(Title="關於", Slug="about")})
    body = site.page("pages/about.html")
    assert body.xpath('//nav[@class="toc ath-toc"]')
    assert "Notice: The content above" not in body.text_content()


# -- the scraped-text reader ---------------------------------------------------


def test_scraped_text_is_text_never_markup(build_site):
    article = (
        "Title: 安全\nDate: 2026-03-16\n\n<script>alert(1)</script>\n"
        '![x](javascript:alert(1))\n<img src=x onerror="alert(1)">結束。\n'
    )
    site = build_site({"safe.txt": article})
    body = site.article_body("an-quan.html")
    assert not body.xpath(".//script|.//img|.//*[@onerror]")
    assert "<script>alert(1)</script>" in body.text_content()


def test_reader_extensions_are_configurable(build_site):
    site = build_site(
        {"a.scraped": seed_with_header(Slug="a"), "b.txt": seed_with_header(Slug="b")},
        ATH_READER_EXTENSIONS=["scraped"],
        STATIC_PATHS=[],
    )
    assert (site.output / "a.html").exists()
    assert not (site.output / "b.html").exists()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_a_byte_order_mark_gives_the_encoding(build_site, records, encoding):
    article = seed_with_header(Slug="bom")
    site = build_site({"bom.txt": article.encode(encoding)})
    assert paragraphs(site.article_body("bom.html"))[0].startswith("3月16日")
    assert not [r for r in records.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize(
    "opening",
    [
        "OpenAI: 我们今天发布新模型,它比上一代更快。",
        "Q: 你为什么离开?\nA: 因为想做自己的事。",
    ],
)
def test_key_value_looking_first_lines_are_text(build_site, opening):
    text = f"{opening}\n\n正文第二段。\n"
    site = build_site(
        {"interview.txt": text},
        DEFAULT_DATE=(2026, 3, 16),
        ATH_PUNCTUATION=False,
        # no sign of an export: read as one because the site says so
        EXTRA_PATH_METADATA={
            "interview.txt": {"ath_scraped": True, "slug": "interview"}
        },
    )
    published = paragraphs(site.article_body("interview.html"))
    assert published == [*opening.split("\n"), "正文第二段。"]


@pytest.mark.parametrize(
    "plugins",
    [["ath"], ["pelican.plugins.ath"], ["pelican_ath"], None],
    ids=["short", "namespace", "compat", "automatic"],
)
def test_the_plugin_loads_under_its_names(tmp_path, plugins):
    """README's name, the namespace plugin's full name, the name it was first
    installed under and Pelican's automatic loading (no ``PLUGINS``), from the
    editable install the suite runs on (a wheel and ``pip install .``:
    ``tests_install/``)."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "seed.txt").write_text(seed_with_header(Slug="seed"), "utf-8")
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"PATH = 'content'\nTIMEZONE = 'UTC'\nPLUGINS = {plugins!r}\n"
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n",
        "utf-8",
    )
    code, output = run_pelican(tmp_path, "-s", "conf.py", "-o", "out")
    assert code == 0, output
    assert "Cannot load plugin" not in output
    page = (tmp_path / "out" / "seed.html").read_text("utf-8")
    assert 'class="toc ath-toc"' in page and "信息存儲服務" not in page
