"""Whole-site script variants (issue 30): with ``ATH_SCRIPT_VARIANTS`` each
script is a whole site (i18n_subsites' sub-site for each language but
``DEFAULT_LANG``'s), every page of it in its script, in two themes, with
i18n_subsites listed in ``PLUGINS`` and without."""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

import pytest
from conftest import pelicans_own, run_pelican
from in_script import not_in_script, written
from lxml import html as lxml_html

from pelican.plugins.ath import i18n

#: A handful of articles and a page, in Traditional with stray Simplified
#: (a scrape), their taxonomy in both scripts.
FILES = {
    "a0.md": "Title: 阿里雲的事業群\nDate: 2026-03-10\nSlug: a0\nCategory: 科技\n"
    "Tags: 千问, 組織架構\n\n阿里巴巴正式宣布成立新的事業群，與電商、云智能兩大事業群平級。\n",
    "a1.md": "Title: 開源模型的發佈\nDate: 2026-03-11\nSlug: a1\nCategory: 科技\n"
    "Tags: 千问, 開源\n\n模型的發佈與開源社區的回響。\n\n    代码 = 1  # 这行是代码\n",
    "a2.md": "Title: 讀書筆記\nDate: 2026-03-12\nSlug: a2\nCategory: 讀書\n"
    "Tags: 閱讀\n\n這本書講了歷史。\n",
    "pages/about.md": "Title: 關於本站\nSlug: about\n\n這是關於頁面。\n",
}
CONF = """
SITENAME = "示範站"
SITESUBTITLE = "歡迎來到這裡"
AUTHOR = "編輯部"
THEME = {theme!r}
PLUGINS = {plugins!r}
DEFAULT_LANG = "zh-Hant"
TIMEZONE = "Asia/Shanghai"
READERS = {{"rst": None}}
RELATIVE_URLS = True
DISPLAY_PAGES_ON_MENU = True
MENUITEMS = (("歸檔", "/archives.html"),)
LINKS = (("開源社區", "https://example.org/"),)
FEED_DOMAIN = "https://ath.example.org"
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
ATH_SCRIPT_VARIANTS = {{"zh-Hant": "s2tw", "zh-Hans": "tw2s"}}
"""
WITH_I18N = ["pelican_ath", "pelican.plugins.i18n_subsites"]


def build(tmp_path: Path, theme: str, plugins: list[str]) -> Path:
    """A separate process: i18n_subsites keeps module state and receivers."""
    for name, text in FILES.items():
        path = tmp_path / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    conf = CONF.format(theme=theme, plugins=plugins)
    (tmp_path / "conf.py").write_text(conf, "utf-8")
    code, log = run_pelican(tmp_path, "-s", "conf.py", "-o", "out")
    assert code == 0, log
    ours = [line for line in log.splitlines() if not pelicans_own(line)]
    assert not any("WARNING" in line or "ERROR" in line for line in ours), log
    return tmp_path / "out"


def internal_links(page: Path) -> list[str]:
    """The page's links and sources that lead into the site."""
    root = lxml_html.fromstring(page.read_text("utf-8"))
    found = []
    for url in root.xpath("//a/@href | //link/@href | //img/@src | //script/@src"):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        found.append(parts.path)
    return found


def resolves(out: Path, page: Path, link: str) -> bool:
    base = "/" if link.startswith("/") else "/" + str(page.parent.relative_to(out))
    target = posixpath.normpath(posixpath.join(base, link)).lstrip("/")
    path = out / target
    return path.is_file() or (path / "index.html").is_file()


@pytest.mark.parametrize(
    "plugins", [WITH_I18N, ["pelican_ath"]], ids=["listed", "not-listed"]
)
@pytest.mark.parametrize("theme", ["notmyidea", "simple"])
def test_every_page_of_a_variant_is_in_its_script(tmp_path, theme, plugins):
    out = build(tmp_path, theme, plugins)
    hans = out / "zh-hans"
    sites = {"s2tw": [p for p in written(out) if hans not in p.parents]}
    sites["tw2s"] = written(hans)
    for config, pages in sites.items():
        left = {str(p.relative_to(out)): not_in_script(p, config) for p in pages}
        assert not {name: chars for name, chars in left.items() if chars}
    # tag and category pages per variant, the same slugs
    for site in (out, hans):
        for name in (
            "tags.html",
            "categories.html",
            "tag/qian-wen.html",
            "category/ke-ji.html",
            "a0.html",
            "pages/about.html",
        ):
            assert (site / name).is_file(), site / name
    tag = lxml_html.fromstring((hans / "tag/qian-wen.html").read_text("utf-8"))
    assert "千问" in tag.xpath("//title")[0].text_content()
    assert "示范站" in tag.xpath("//title")[0].text_content()
    assert "千問" in (out / "tags.html").read_text("utf-8")
    index = lxml_html.fromstring((hans / "index.html").read_text("utf-8"))
    assert index.get("lang") == "zh-hans"
    # every internal link resolves to a written file
    broken = {
        (str(page.relative_to(out)), link)
        for page in written(out)
        if page.suffix == ".html"
        for link in internal_links(page)
        if not resolves(out, page, link)
    }
    assert not broken
    # the variants of every page link to each other: articles and pages (the
    # theme's translations) and the listings (nothing in the theme does)
    for name in (
        "a0.html",
        "pages/about.html",
        "index.html",
        "tags.html",
        "tag/qian-wen.html",
        "category/ke-ji.html",
        "archives.html",
    ):
        hant_page = lxml_html.fromstring((out / name).read_text("utf-8"))
        hans_page = lxml_html.fromstring((hans / name).read_text("utf-8"))
        assert hant_page.xpath('//*[@hreflang="zh-hans"]/@href')
        assert hans_page.xpath('//*[@hreflang="zh-hant"]/@href')
    # code is never converted
    code = (out / "a1.html").read_text("utf-8")
    assert "这行是代码" in code and "这行是代码" in (hans / "a1.html").read_text(
        "utf-8"
    )


def test_without_i18n_subsites_one_warning_says_what_to_install(build_site, records):
    with mock.patch.object(i18n, "i18n_installed", return_value=False):
        site = build_site(
            {"a0.md": FILES["a0.md"]},
            DEFAULT_LANG="zh-Hant",
            READERS={"rst": None},
            ATH_SCRIPT_VARIANTS={"zh-Hant": "s2tw", "zh-Hans": "tw2s"},
        )
    warnings = [r.getMessage() for r in records.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "pip install pelican-i18n-subsites" in warnings[0]
    # the variants are still published, as translations beside the original
    assert (site.output / "a0-zh-hans.html").is_file()
