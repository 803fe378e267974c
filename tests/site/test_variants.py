"""Script variants as Pelican translations, phrase overrides and punctuation,
in real builds."""

from __future__ import annotations

import logging
from unittest import mock

import pytest
from conftest import SEED, run_pelican
from lxml import html as lxml_html

from pelican.plugins.ath import content
from pelican.plugins.ath.treatment import flat as flat_route
from pelican.plugins.ath.treatment import process as dispatch

VARIANTS = {"zh-Hant": "s2tw", "zh-Hans": "tw2s"}


def seed_article(**fields: str) -> str:
    header = {"Title": "阿里ATH事業群成立", "Date": "2026-03-16", "Slug": "seed"}
    lines = [f"{key}: {value}" for key, value in (header | fields).items()]
    return "\n".join(lines) + "\n\n" + SEED.read_text(encoding="utf-8")


@pytest.fixture
def variant_site(build_site):
    return build_site(
        {"seed.txt": seed_article()},
        DEFAULT_LANG="zh-Hant",
        READERS={"rst": None},
        ATH_SCRIPT_VARIANTS=VARIANTS,
        ATH_VARIANT_SITES=False,
    )


def toc_hrefs(page) -> list[str]:
    return page.xpath('//nav[@class="toc ath-toc"]//a/@href')


def test_each_script_is_published_and_linked_both_ways(variant_site):
    hant = variant_site.page("seed.html")
    hans = variant_site.page("seed-zh-hans.html")
    assert hant.get("lang") == "zh-hant" and hans.get("lang") == "zh-hans"
    assert hant.xpath('//link[@hreflang="zh-hans"]/@href') == [
        "./seed-zh-hans.html"
    ] or hant.xpath('//link[@hreflang="zh-hans"]/@href')[0].endswith(
        "seed-zh-hans.html"
    )
    assert hans.xpath('//link[@hreflang="zh-hant"]/@href')[0].endswith("seed.html")
    # the default theme's switch
    assert hant.xpath('//a[@hreflang="zh-hans"]/@href')[0].endswith("seed-zh-hans.html")
    assert hans.xpath('//a[@hreflang="zh-hant"]/@href')[0].endswith("/seed.html")


def test_each_variant_is_in_its_script(variant_site):
    hant = variant_site.article_body("seed.html").text_content()
    hans = variant_site.article_body("seed-zh-hans.html").text_content()
    assert "事業群" in hant and "阿里雲" in hant and "合併" in hant
    assert "事业群" not in hant and "阿里云" not in hant
    assert "事业群" in hans and "阿里云" in hans and "合并" in hans
    assert "事業群" not in hans and "阿里雲" not in hans
    title = variant_site.page("seed-zh-hans.html").xpath("//title")[0].text_content()
    assert title.startswith("阿里ATH事业群成立")


def test_toc_anchors_are_the_same_in_every_variant(variant_site):
    pages = [variant_site.page(n) for n in ("seed.html", "seed-zh-hans.html")]
    hrefs = [toc_hrefs(page) for page in pages]
    assert len(hrefs[0]) == 6 and hrefs[0] == hrefs[1]
    for page, links in zip(pages, hrefs, strict=True):
        titles = [
            a.text_content() for a in page.xpath('//nav[@class="toc ath-toc"]//a')
        ]
        targets = [page.xpath(f'//*[@id="{href[1:]}"]')[0] for href in links]
        assert [t.tag for t in targets] == ["h2"] * 6
        assert [t.text_content() for t in targets] == titles
    hans_titles = [a.text for a in pages[1].xpath('//nav[@class="toc ath-toc"]//a')]
    assert "理性的退出" in hans_titles and "行业的阶段转换" in hans_titles


def written(site) -> dict[str, bytes]:
    return {
        str(path.relative_to(site.output)): path.read_bytes()
        for path in site.output.rglob("*")
        if path.is_file()
    }


def test_a_scraped_articles_variant_is_made_in_its_own_pass(build_site):
    """The variant of a flat scraped article comes from the original's pass
    (its texts, where the pass noted them, converted again), not from a
    second treatment of the finished article; the site is the same byte for
    byte."""
    marked = (
        "Title: 雲端\nDate: 2026-03-17\nSlug: marked\n\n這是開頭的一段長文字，說明了本文的內容與來源。\n\n[TOC]\n\n"
        "第一節\n\n阿里云的內容。\n\n第二節\n\n![阿里云圖片](https://x.example/a.jpg)\n"
    )
    files = {
        "seed.txt": seed_article(),
        "marked.txt": marked,
        "pages/about.txt": seed_article(Title="關於本站", Slug="about"),
    }
    settings = {
        "DEFAULT_LANG": "zh-Hant",
        "READERS": {"rst": None},
        "ATH_SCRIPT_VARIANTS": VARIANTS,
        "ATH_VARIANT_SITES": False,
    }
    with mock.patch.object(content, "process", wraps=dispatch.process) as treated:
        site = build_site(files, **settings)
    assert treated.call_count == 3  # the originals only
    with mock.patch.object(content, "variants_to_make", return_value=()):
        again = build_site(files, **settings)
    assert written(site) == written(again)
    hans = site.article_body("marked-zh-hans.html")
    assert hans.xpath(".//img/@alt") == ["阿里云图片"]
    assert "阿里云的内容" in hans.text_content()
    before_toc = hans.xpath("./nav[contains(@class, 'ath-toc')]/preceding::p[1]")
    assert before_toc[0].text == "这是开头的一段长文字，说明了本文的内容与来源。"


def test_the_variants_are_converted_after_every_original(build_site):
    """A build converts its originals, then its variants: one OpenCC
    dictionary after the other, not the two alternating article by article
    (which is slower: each evicts the other from the CPU's caches)."""
    calls: list[str] = []

    def logged(name, function):
        def call(*args, **kwargs):
            calls.append(name)
            return function(*args, **kwargs)

        return call

    files = {
        f"a{n}.txt": seed_article(Title=f"第{n}篇", Slug=f"a{n}") for n in range(3)
    }
    with (
        mock.patch.object(
            content, "process", side_effect=logged("original", dispatch.process)
        ),
        mock.patch.object(
            flat_route,
            "_made_variant",
            side_effect=logged("variant", flat_route._made_variant),
        ),
    ):
        site = build_site(
            files,
            DEFAULT_LANG="zh-Hant",
            READERS={"rst": None},
            ATH_SCRIPT_VARIANTS=VARIANTS,
            ATH_VARIANT_SITES=False,
        )
    assert calls == ["original"] * 3 + ["variant"] * 3
    assert "阿里云" in site.article_body("a1-zh-hans.html").text_content()


def test_only_originals_are_listed_on_the_index(variant_site):
    links = variant_site.page("archives.html").xpath("//dd/a/@href")
    assert links == ["/seed.html"]


def test_language_codes_are_normalised(build_site, records):
    site = build_site(
        {"seed.txt": seed_article(Lang="zh-Hant")},
        DEFAULT_LANG="zh-hant",
        READERS={"rst": None},
        ATH_SCRIPT_VARIANTS={"ZH-HANT": "s2tw", "zh_Hans": "tw2s"},
        ATH_VARIANT_SITES=False,
    )
    assert (site.output / "seed.html").exists()
    assert (site.output / "seed-zh-hans.html").exists()
    messages = [r.getMessage() for r in records.records]
    assert not [m for m in messages if "original items" in m]


def test_non_chinese_articles_are_left_alone(build_site):
    site = build_site(
        {
            "en.md": "Title: Hello\nDate: 2026-03-16\nLang: en\n\nA 中文 word.\n",
            "plain.md": "Title: Plain\nDate: 2026-03-16\n\nNo Han text here.\n",
        },
        DEFAULT_LANG="zh-Hant",
        READERS={"rst": None},
        ATH_SCRIPT_VARIANTS=VARIANTS,
        ATH_VARIANT_SITES=False,
    )
    written = sorted(p.name for p in site.output.glob("*.html"))
    assert "hello-en.html" in written and "plain.html" in written
    assert not [name for name in written if "zh-hans" in name]


def test_a_human_translation_wins(build_site):
    human = (
        "Title: 人工翻译\nDate: 2026-03-16\nSlug: seed\nLang: zh-Hans\n\n"
        "这是人工翻译的简体版。\n"
    )
    site = build_site(
        {"seed.txt": seed_article(), "seed-hans.txt": human},
        DEFAULT_LANG="zh-Hant",
        READERS={"rst": None},
        ATH_SCRIPT_VARIANTS=VARIANTS,
        ATH_VARIANT_SITES=False,
    )
    hans = site.article_body("seed-zh-hans.html").text_content()
    assert "这是人工翻译的简体版。" in hans
    assert "阿里巴巴" not in hans


def test_pages_are_published_in_every_script(build_site):
    site = build_site(
        {"pages/about.txt": seed_article(Title="關於本站", Slug="about")},
        DEFAULT_LANG="zh-Hant",
        READERS={"rst": None},
        ATH_SCRIPT_VARIANTS=VARIANTS,
        ATH_VARIANT_SITES=False,
    )
    hans = site.page("pages/about-zh-hans.html")
    assert hans.get("lang") == "zh-hans"
    assert hans.xpath("//title")[0].text_content().startswith("关于本站")
    assert site.page("pages/about.html").xpath('//link[@hreflang="zh-hans"]')


@pytest.mark.parametrize(
    ("variants", "message"),
    [
        ({"zh-Hant": "s2x", "zh-Hans": "tw2s"}, "s2x"),
        ({"zh-Hant": "s2tw"}, "at least two"),
        ({"中文": "s2tw", "zh-Hans": "tw2s"}, "language code"),
    ],
)
def test_bad_variants_stop_the_build(build_site, records, variants, message):
    with pytest.raises(SystemExit):
        build_site({"seed.txt": seed_article()}, ATH_SCRIPT_VARIANTS=variants)
    critical = [r.getMessage() for r in records.records if r.levelno >= logging.ERROR]
    assert len(critical) == 1
    assert "ATH_SCRIPT_VARIANTS" in critical[0] and message in critical[0]


# -- phrases and punctuation ---------------------------------------------------


def test_phrases_override_opencc(build_site):
    article = "Title: 云智能\nDate: 2026-03-16\nSlug: p\n\n阿里云智能事业群发布了新的智能手机。\n"
    plain = build_site({"p.txt": article}, ATH_SCRIPT="s2twp")
    assert "雲智慧" in plain.article_body("p.html").text_content()
    kept = build_site(
        {"p.txt": article},
        ATH_SCRIPT="s2twp",
        ATH_PHRASES={"s2twp": {"云智能": "雲智能"}},
    )
    text = kept.article_body("p.html").text_content()
    assert "阿里雲智能事業群" in text
    assert "釋出" in text  # the rest is still OpenCC's s2twp (发布 -> 釋出)
    assert kept.page("p.html").xpath("//title")[0].text_content().startswith("雲智能")


def test_a_phrase_with_markup_characters_is_published_as_text(build_site):
    article = "Title: 云智能\nDate: 2026-03-16\nSlug: p\n\n阿里云智能事业群发布了新的智能手机。\n"
    site = build_site(
        {"p.txt": article},
        ATH_SCRIPT="s2twp",
        ATH_PHRASES={"s2twp": {"云智能": "雲 R&D <b>"}},
    )
    body = site.article_body("p.html")
    assert "阿里雲 R&D <b>事業群" in body.text_content()
    assert not body.xpath(".//b")


def test_punctuation_becomes_full_width_next_to_chinese(build_site):
    site = build_site({"seed.txt": seed_article()})
    body = site.article_body("seed.html")
    first = body.xpath(".//p[not(ancestor::footer)]")[0].text_content()
    assert first.startswith(
        "3月16日，阿里巴巴正式宣布成立Alibaba Token Hub（ATH）事業群，與電商、云智能"
    )
    text = body.text_content()
    assert "敲下一行字：“me stepping down. bye my beloved qwen.”" in text
    assert body.xpath(".//h2")[0].text_content() == ("前奏：一個人的告別與一群人的定調")


def test_punctuation_spares_code_urls_and_numbers(build_site):
    page = (
        '<html><head><title>標點</title><meta name="date" content="2026-03-16">'
        '<meta name="slug" content="p"><meta name="ath_scraped" content="yes">'
        "</head><body>"
        "<p>時間10:30,比例3.5,數量1,000,網址https://a.example/x?q=1,2看</p>"
        "<p><code>中文,code</code></p></body></html>"
    )
    site = build_site({"p.html": page})
    body = site.article_body("p.html")
    assert body.xpath(".//p[not(ancestor::footer)]")[0].text_content() == (
        "時間10:30，比例3.5，數量1,000，網址https://a.example/x?q=1,2看"
    )
    assert body.xpath(".//code")[0].text == "中文,code"
    off = build_site({"p.html": page}, ATH_PUNCTUATION=False)
    assert "時間10:30,比例" in off.article_body("p.html").text_content()


I18N_CONF = """
PLUGINS = {plugins}
DEFAULT_LANG = "zh-Hant"
READERS = {{"rst": None}}
TIMEZONE = "Asia/Shanghai"
I18N_SUBSITES = {{"zh-hans": {{"SITENAME": "简体"}}}}
ATH_SCRIPT_VARIANTS = {{"zh-Hant": "s2tw", "zh-Hans": "tw2s"}}
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""


def build_with_i18n_subsites(tmp_path, plugins: list[str]):
    """A separate process: i18n_subsites keeps module state and signal
    receivers that must not leak into other tests' builds."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "seed.txt").write_text(seed_article(), "utf-8")
    (tmp_path / "conf.py").write_text(I18N_CONF.format(plugins=plugins), "utf-8")
    code, output = run_pelican(tmp_path, "-s", "conf.py", "-o", "out")
    assert code == 0, output
    return tmp_path / "out", output


def test_works_alongside_i18n_subsites(tmp_path):
    out, _ = build_with_i18n_subsites(
        tmp_path, ["pelican_ath", "pelican.plugins.i18n_subsites"]
    )
    hant = lxml_html.parse(str(out / "seed.html")).getroot()
    hans = lxml_html.parse(str(out / "zh-hans" / "seed.html")).getroot()
    assert not (out / "seed-zh-hans.html").exists()
    assert hant.get("lang") == "zh-hant" and hans.get("lang") == "zh-hans"
    assert "事業群" in hant.text_content() and "事业群" in hans.text_content()
    assert hant.xpath('//a[@hreflang="zh-hans"]/@href')[0].endswith("zh-hans/seed.html")
    assert hans.xpath('//a[@hreflang="zh-hant"]/@href')[0].endswith("/seed.html")
    assert toc_hrefs(hant) == toc_hrefs(hans) and len(toc_hrefs(hant)) == 6


def test_i18n_subsites_listed_first_gets_a_warning_and_no_stray_pages(tmp_path):
    out, log = build_with_i18n_subsites(
        tmp_path, ["pelican.plugins.i18n_subsites", "pelican_ath"]
    )
    assert 'list "pelican_ath" before i18n_subsites in PLUGINS' in log
    assert not (out / "seed-zh-hans.html").exists()
    assert not (out / "zh-hans" / "seed-zh-hant.html").exists()
    hans = lxml_html.parse(str(out / "zh-hans" / "seed.html")).getroot()
    assert "事业群" in hans.text_content()


def test_the_all_feed_lists_each_article_once_and_pages_keep_their_variants(
    build_site,
):
    """Script variants as translations: the "all" feed (which lists every
    translation) gives each article once, in the site's script, while each
    article's own page still links to its variant."""
    site = build_site(
        {"seed.txt": seed_article(), "two.txt": seed_article(Slug="two")},
        DEFAULT_LANG="zh-Hant",
        READERS={"rst": None},
        ATH_SCRIPT_VARIANTS=VARIANTS,
        ATH_VARIANT_SITES=False,
        FEED_DOMAIN="https://example.org",
        FEED_ALL_ATOM="feeds/all.atom.xml",
    )
    feed = site.text("feeds/all.atom.xml")
    assert feed.count("<entry>") == 2
    assert "seed-zh-hans.html" not in feed and "two-zh-hans.html" not in feed
    for slug in ("seed", "two"):
        page = site.page(f"{slug}.html")
        assert f"{slug}-zh-hans.html" in page.xpath('//*[@hreflang="zh-hans"]/@href')[0]
