"""``pelican-ath inspect`` explains a saved page: its layout, where each
metadata field was read, the body's first and last paragraphs, what the page
reader dropped and why; every metadata value readable; the headings of any
article, the blog's own included."""

from __future__ import annotations

import dataclasses
import importlib
import json

import pytest
from conftest import DATA, SEED

from pelican.plugins.ath.cli import main

#: The module (the package's ``inspect`` is its function).
inspect_module = importlib.import_module("pelican.plugins.ath.cli.inspect")

LEGACY = str(DATA / "legacy_gbk.html")


def write_conf(tmp_path) -> str:
    conf = tmp_path / "conf.py"
    conf.write_text(
        'PLUGINS = ["pelican_ath"]\nTIMEZONE = "Asia/Shanghai"\n'
        "ATH_PUNCTUATION = False\n",
        "utf-8",
    )
    return str(conf)


def inspect_out(tmp_path, capsys, *arguments: str) -> str:
    assert main(["inspect", "-s", write_conf(tmp_path), *arguments]) == 0
    return capsys.readouterr().out


def test_a_saved_page_shows_its_layout_and_its_body(tmp_path, capsys):
    out = inspect_out(tmp_path, capsys, LEGACY)
    assert "layout: saved NetEase page, legacy\n" in out
    assert "body: 4 paragraph(s)\n" in out
    assert (
        "  first: 本报讯 连日来，全省各地抓住晴好天气，春耕备耕工作有序推进。\n" in out
    )
    assert "  last: 农技专家王喆介绍，今年全省将推广十个水稻优良品种" in out
    assert "dropped by the page reader (" in out


def test_where_each_field_came_from_and_what_was_dropped(tmp_path, capsys, monkeypatch):
    """The page reader's ``sources`` and ``dropped`` (filled by hand here:
    what the reader will record), shown beside each field and as a list."""
    read = inspect_module.saved_page

    def with_sources(path):
        page = read(path)
        assert page is not None
        return dataclasses.replace(
            page,
            sources=(
                ("date", "div.post_time_source"),
                ("author", "#ne_article_source"),
            ),
            dropped=(
                ("延伸阅读 张文宏:上海零新增我很担心", "related articles"),
                ("您的浏览器暂时无法播放此视频.", "video fallback text"),
            ),
        )

    monkeypatch.setattr(inspect_module, "saved_page", with_sources)
    out = inspect_out(tmp_path, capsys, LEGACY)
    assert "  date: 2018-03-20 09:15:42+08:00  (from div.post_time_source)\n" in out
    assert "  author: 江南农业报  (from #ne_article_source)\n" in out
    assert "dropped by the page reader (2):\n" in out
    assert "  related articles: 延伸阅读 张文宏:上海零新增我很担心\n" in out
    assert "  video fallback text: 您的浏览器暂时无法播放此视频.\n" in out

    assert main(["inspect", "--json", "-s", write_conf(tmp_path), LEGACY]) == 0
    (report,) = json.loads(capsys.readouterr().out)
    assert report["layout"] == "legacy"
    assert report["sources"][0] == {"field": "date", "where": "div.post_time_source"}
    assert report["dropped"][1] == {
        "text": "您的浏览器暂时无法播放此视频.",
        "reason": "video fallback text",
    }
    assert report["body"]["first"].startswith("本报讯")


def test_every_metadata_value_is_readable(tmp_path, capsys):
    """An empty ``keywords`` meta is Pelican's placeholder object for
    ``tags``: left out, never ``<object object at 0x…>``."""
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>一页</title><meta name='keywords' content=''>"
        "<meta name='date' content='2020-01-02 03:04'></head>"
        "<body><p>正文。</p></body></html>",
        "utf-8",
    )
    out = inspect_out(tmp_path, capsys, str(page))
    assert "object at 0x" not in out
    assert "  tags:" not in out
    assert "  date: 2020-01-02 03:04:00" in out
    assert main(["inspect", "--json", "-s", write_conf(tmp_path), str(page)]) == 0
    (report,) = json.loads(capsys.readouterr().out)
    assert all(isinstance(value, str) for value in report["metadata"].values())
    assert "tags" not in report["metadata"]


def test_the_blogs_own_markdown_shows_its_headings_and_that_nothing_is_done(
    tmp_path, capsys
):
    post = tmp_path / "post.md"
    post.write_text(
        "Title: 我的文章\nDate: 2024-01-01\n\n开头一段。\n\n## 第一节\n\n内容。\n\n"
        "## 第二节 {#second}\n\n结尾一段。\n",
        "utf-8",
    )
    out = inspect_out(tmp_path, capsys, str(post))
    assert "headings (2):\n" in out
    assert "  h2 (no id)  第一节\n" in out
    assert "what the plugin does: nothing" in out
    assert "body: 3 paragraph(s)\n  first: 开头一段。\n  last: 结尾一段。\n" in out
    assert "layout:" not in out


OWN_POST = (
    "Title: 我的文章\nDate: 2024-01-01\n\n开头一段。\n\n## 第一节\n\n内容。\n\n"
    "## 第二节\n\n结尾一段。\n"
)


@pytest.mark.parametrize(
    ("settings", "headings", "does"),
    [
        ("", "(no id)  第一节", "nothing: it is published as written"),
        (
            "ATH_OWN_CONTENT = ['toc']",
            "#第一节  第一节",
            "gives its headings ids; adds a table of contents",
        ),
        ("ATH_SCRIPT = 's2tw'", "(no id)  第一節", "converts its script (OpenCC s2tw)"),
        (
            "DEFAULT_LANG = 'zh-Hant'\n"
            "ATH_SCRIPT_VARIANTS = {'zh-Hant': 's2tw', 'zh-Hans': 'tw2s'}",
            "(no id)  第一節",
            "converts its script (OpenCC s2tw); "
            "adds a translation per script variant: zh-hans (tw2s)",
        ),
    ],
    ids=["default", "own-toc", "script", "variants"],
)
def test_inspect_says_what_the_plugin_does_to_the_blogs_own_markdown(
    tmp_path, capsys, settings, headings, does
):
    """Two ``##`` headings without ids: both listed, and what the plugin
    does is what a build does (the demo's settings convert the blog's own
    article and add its Simplified translation: not "nothing")."""
    post = tmp_path / "post.md"
    post.write_text(OWN_POST, "utf-8")
    conf = tmp_path / "conf.py"
    conf.write_text(f"TIMEZONE = 'UTC'\n{settings}\n", "utf-8")
    assert main(["inspect", "-s", str(conf), str(post)]) == 0
    out = capsys.readouterr().out
    assert "kind: your own\n" in out
    assert f"headings (2):\n  h2 {headings}\n" in out
    assert f"what the plugin does: {does}\n" in out


def test_inspect_says_what_the_plugin_does_to_a_scraped_article(tmp_path, capsys):
    seed = tmp_path / "seed.txt"
    header = "Title: 阿里ATH事業群成立\nDate: 2026-03-16\n\n"
    seed.write_text(header + SEED.read_text("utf-8"), "utf-8")
    out = inspect_out(tmp_path, capsys, str(seed))
    assert "kind: scraped\n" in out
    assert (
        "what the plugin does: removes 8 block(s), listed below; gives its "
        "headings ids; adds a table of contents\n" in out
    )


@pytest.mark.parametrize("flag", [[], ["--json"]])
def test_a_page_that_is_not_netease_has_no_layout(tmp_path, capsys, flag):
    page = tmp_path / "plain.html"
    page.write_text("<html><head><title>t</title></head><body><p>x</p></body></html>")
    out = inspect_out(tmp_path, capsys, *flag, str(page))
    if flag:
        (report,) = json.loads(out)
        assert report["layout"] is None and report["dropped"] == []
    else:
        assert "layout:" not in out and "dropped by the page reader" not in out
