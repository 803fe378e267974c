"""Pelican's content cache, both layers: identical rebuilds, and no stale
output after an ATH_* setting changes."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED

from pelican.plugins.ath.readers.text_reader import ScrapedTextReader

LAYERS = ["reader", "generator"]


def article(slug: str) -> str:
    return f"Title: 快取\nDate: 2026-03-16\nSlug: {slug}\n\n" + SEED.read_text("utf-8")


FILES = {"a.txt": article("a"), "pages/p.txt": article("p")}


def snapshot(output: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(output)): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def reads(monkeypatch):
    """How many files the scraped-text reader really read."""
    calls = []
    original = ScrapedTextReader.read

    def counting(self, path):
        calls.append(path)
        return original(self, path)

    monkeypatch.setattr(ScrapedTextReader, "read", counting)
    return calls


def cached(layer: str, **settings):
    return {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CONTENT_CACHING_LAYER": layer,
        **settings,
    }


@pytest.mark.parametrize("layer", LAYERS)
def test_a_cached_rebuild_writes_identical_output(build_site, reads, layer):
    variants = {"zh-Hant": "s2tw", "zh-Hans": "tw2s"}
    settings = cached(
        layer,
        DEFAULT_LANG="zh-Hant",
        READERS={"rst": None},
        ATH_SCRIPT_VARIANTS=variants,
        ATH_VARIANT_SITES=False,
    )
    first = build_site(FILES, name="site", **settings)
    before = snapshot(first.output)
    assert "a-zh-hans.html" in before and "pages/p-zh-hans.html" in before
    assert len(reads) == 2
    second = build_site(FILES, name="site", **settings)
    assert len(reads) == 2, "the second build did not use the cache"
    assert snapshot(second.output) == before


@pytest.mark.parametrize("layer", LAYERS)
def test_changed_settings_never_publish_stale_output(build_site, reads, layer):
    first = build_site(FILES, name="site", **cached(layer))
    assert "事業群" in first.article_body("a.html").text_content()
    second = build_site(FILES, name="site", **cached(layer, ATH_SCRIPT="t2s"))
    text = second.article_body("a.html").text_content()
    assert "事业群" in text and "事業群" not in text
    assert "事业群" in second.page("pages/p.html").text_content()
    assert len(reads) == 4  # read again, not taken from the stale cache
    third = build_site(FILES, name="site", **cached(layer, ATH_SCRIPT="t2s"))
    assert len(reads) == 4  # the fresh cache is used again
    assert "事业群" in third.article_body("a.html").text_content()


# -- a build that fails, a build beside another ---------------------------------

#: A plugin of someone else's that fails after the content cache is written.
FAILING_PLUGIN = """
from pelican import signals


def fail(generator, **kwargs):
    if generator.settings.get("FAIL_AFTER_CACHE"):
        raise RuntimeError("another plugin failed")


def register():
    signals.article_writer_finalized.connect(fail)
"""


@pytest.fixture
def failing_plugin(tmp_path, monkeypatch):
    (tmp_path / "failing_plugin.py").write_text(FAILING_PLUGIN, "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return ["pelican_ath", "failing_plugin"]


@pytest.mark.parametrize("layer", LAYERS)
def test_a_failed_build_leaves_no_cache_for_the_old_settings(
    build_site, failing_plugin, layer
):
    plugins = {"PLUGINS": failing_plugin}
    first = build_site(FILES, name="site", **cached(layer, **plugins))
    assert "事業群" in first.article_body("a.html").text_content()
    with pytest.raises(RuntimeError, match="another plugin failed"):
        build_site(
            FILES,
            name="site",
            **cached(layer, ATH_SCRIPT="t2s", FAIL_AFTER_CACHE=True, **plugins),
        )
    third = build_site(FILES, name="site", **cached(layer, **plugins))
    text = third.article_body("a.html").text_content()
    assert "事業群" in text and "事业群" not in text


SAVED_PAGE = (
    '<html><head><link rel="canonical" href="https://www.163.com/dy/article/X.html">'
    '<meta property="article:published_time" content="2026-03-16T10:00:00+08:00">'
    '<meta name="date" content="2026-03-16"><title>saved</title></head>'
    '<body><h1 class="post_title">saved</h1><div class="post_body">'
    "<p>正文。</p><script>alert(1)</script></div></body></html>"
)


def test_a_failed_build_without_saved_pages_leaves_no_raw_page(
    build_site, failing_plugin
):
    plugins = {"PLUGINS": failing_plugin}
    files = {"saved.html": SAVED_PAGE}
    build_site(files, name="site", **cached("reader", **plugins))
    with pytest.raises(RuntimeError):
        build_site(
            files,
            name="site",
            **cached("reader", ATH_SAVED_PAGES=False, FAIL_AFTER_CACHE=True, **plugins),
        )
    third = build_site(files, name="site", **cached("reader", **plugins))
    assert "<script" not in third.text("saved.html")
    assert "正文。" in third.article_body("saved.html").text_content()


@pytest.mark.parametrize(
    "settings",
    [
        {"DEFAULT_DATE": (2020, 1, 2)},
        {"FILENAME_METADATA": r"a_(?P<date>\d{4}-\d\d-\d\d)"},
    ],
)
def test_settings_that_give_a_date_are_not_cached_over(build_site, settings):
    # without a Date:, the first build dates the file by its time
    files = {"a_2020-01-02.txt": "Title: 無日期\nSlug: a\n\n" + SEED.read_text("utf-8")}
    build_site(files, name="site", **cached("reader"))
    second = build_site(files, name="site", **cached("reader", **settings))
    published = second.page("a.html").xpath("//abbr[@class='published']/@title")
    assert published and published[0].startswith("2020-01-02")


def test_a_build_beside_another_neither_loads_nor_writes_the_cache(
    build_site, records, tmp_path
):
    import fcntl

    cache = tmp_path / "site" / "cache"
    cache.mkdir(parents=True)
    with open(cache / "pelican_ath.lock", "w") as other_build:
        fcntl.flock(other_build, fcntl.LOCK_EX | fcntl.LOCK_NB)
        site = build_site(FILES, name="site", **cached("generator", ATH_SCRIPT="t2s"))
    assert "事业群" in site.article_body("a.html").text_content()
    assert sorted(path.name for path in cache.iterdir()) == ["pelican_ath.lock"]
    assert [
        r.getMessage()
        for r in records.records
        if "another build is using the content cache" in r.getMessage()
    ]


def test_a_build_without_the_cache_does_not_fingerprint_it(build_site, monkeypatch):
    # the digest reads the plugin's code and the libraries' versions (10 ms):
    # nothing to compare it with when the build neither loads nor writes
    from pelican.plugins.ath import cache

    def fingerprint(*args):
        raise AssertionError("fingerprint computed for a build without the cache")

    monkeypatch.setattr(cache, "fingerprint", fingerprint)
    site = build_site(FILES, CACHE_CONTENT=False, LOAD_CONTENT_CACHE=False)
    assert "事業群" in site.article_body("a.html").text_content()
    with pytest.raises(AssertionError, match="fingerprint computed"):
        build_site(FILES, **cached("reader"))


# -- a cache folder that cannot be used ------------------------------------------


def warnings_of(records) -> list[str]:
    return [r.getMessage() for r in records.records if r.levelname == "WARNING"]


@pytest.mark.parametrize("layer", LAYERS)
def test_a_cache_folder_that_cannot_be_made_is_a_warning(
    build_site, records, tmp_path, layer
):
    # as Pelican alone: a warning, the site published without the cache
    (tmp_path / "a-file").write_text("not a folder", "utf-8")
    cache_path = str(tmp_path / "a-file" / "cache")
    site = build_site(FILES, **cached(layer, CACHE_PATH=cache_path))
    assert "事業群" in site.article_body("a.html").text_content()
    assert "事業群" in site.page("pages/p.html").text_content()
    (warning,) = [m for m in warnings_of(records) if "content cache" in m]
    assert cache_path in warning and "without" in warning


def test_a_full_disk_when_the_fingerprint_is_written_is_a_warning(
    build_site, records, monkeypatch, tmp_path
):
    from pelican.plugins.ath import cache

    def full(cache_path, value):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache, "record", full)
    site = build_site(FILES, name="site", **cached("reader"))
    assert "事業群" in site.article_body("a.html").text_content()
    (warning,) = [m for m in warnings_of(records) if "content cache" in m]
    assert "No space left on device" in warning
    assert not (tmp_path / "site" / "cache" / cache.FINGERPRINT_FILE).exists()
    monkeypatch.undo()
    # the next build does not load what that build wrote, and records its own
    records.clear()
    build_site(FILES, name="site", **cached("reader"))
    assert [m for m in (r.getMessage() for r in records.records) if "not loading" in m]
    assert (tmp_path / "site" / "cache" / cache.FINGERPRINT_FILE).exists()


# -- the fingerprint is the same in every process -------------------------------

CONF = """
PATH = "content"
PLUGINS = ["pelican_ath"]
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-TW"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
"""


def test_the_command_line_loads_the_cache_whatever_the_hash_seed(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.txt").write_text(article("a"), "utf-8")
    (tmp_path / "conf.py").write_text(CONF, "utf-8")
    outputs = []
    for seed in ("1", "2"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pelican",
                "content",
                "-s",
                "conf.py",
                "-o",
                "out",
                "-v",
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "COLUMNS": "400", "PYTHONHASHSEED": seed},
        )
        assert result.returncode == 0, result.stdout + result.stderr
        outputs.append(result.stdout + result.stderr)
    assert "settings changed" not in outputs[1]
    assert "事業群" in (tmp_path / "out" / "a.html").read_text("utf-8")


#: A Markdown article whose lost images are paragraphs of their own:
#: pre-cleaning reads it as a flat document and hands that on.
LOST_IMAGES = (
    "Title: 圖\nDate: 2026-03-16\nSlug: lost\n\n![]()\n\n阿里云,正文\n\n## 一\n\n"
    "![]()\n\n內容\n\n## 二\n\n完。本文来自网易号作者:X\n\n![]()\n"
)


def test_what_precleaning_hands_on_is_not_cached_into_the_next_build(
    build_site, records
):
    """The reader cache keeps a reader's metadata: the flat document
    pre-cleaning handed on (which the treatment edits) and its removals are
    taken once, so a rebuild from the cache publishes the same and counts
    what it did itself."""
    settings = cached("reader", ATH_SCRIPT="t2s")
    first = build_site({"lost.md": LOST_IMAGES}, name="site", **settings)
    before = snapshot(first.output)
    assert "阿里云" in first.article_body("lost.html").text_content()
    summaries = [
        r.getMessage() for r in records.records if "documents" in r.getMessage()
    ]
    assert "3 empty image" in summaries[-1]
    second = build_site({"lost.md": LOST_IMAGES}, name="site", **settings)
    assert snapshot(second.output) == before
    summaries = [
        r.getMessage() for r in records.records if "documents" in r.getMessage()
    ]
    assert "empty image" not in summaries[-1]  # removed by the first build's read


# -- a warm rebuild loads nothing it does not use --------------------------------

#: One build in a fresh interpreter, as ``pelican`` runs: prints the OpenCC
#: configurations it loaded.
COUNTED_BUILD = r"""
import json, sys
import opencc
from pelican import Pelican
from pelican.settings import read_settings

loaded = []
original = opencc.OpenCC


def counted(config="t2s", *args, **kwargs):
    loaded.append(str(config))
    return original(config, *args, **kwargs)


opencc.OpenCC = counted
Pelican(read_settings(override=json.loads(sys.argv[1]))).run()
print(json.dumps(loaded))
"""


def opencc_loaded(tmp_path: Path, **settings: object) -> list[str]:
    """The OpenCC configurations one build of ``tmp_path/content`` loaded."""
    override = {
        "PATH": str(tmp_path / "content"),
        "OUTPUT_PATH": str(tmp_path / "output"),
        "CACHE_PATH": str(tmp_path / "cache"),
        "PLUGINS": ["pelican_ath"],
        "TIMEZONE": "Asia/Shanghai",
        "DEFAULT_LANG": "zh-CN",
        "FEED_ALL_ATOM": None,
        "CATEGORY_FEED_ATOM": None,
        **settings,
    }
    done = subprocess.run(
        [sys.executable, "-c", COUNTED_BUILD, json.dumps(override)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_a_warm_rebuild_with_nothing_changed_loads_no_opencc(tmp_path):
    # the generator layer keeps the treated articles: nothing is converted
    # again, so no dictionary is loaded (the site's category, "misc", has
    # no Han character to name in the site's script)
    (tmp_path / "content").mkdir()
    for slug in ("a", "b"):
        (tmp_path / "content" / f"{slug}.txt").write_text(article(slug), "utf-8")
    settings = cached("generator", ATH_SCRIPT="t2s")
    assert opencc_loaded(tmp_path, **settings) == ["t2s"]
    before = snapshot(tmp_path / "output")
    assert "事业群" in before["a.html"].decode()
    assert opencc_loaded(tmp_path, **settings) == []
    assert snapshot(tmp_path / "output") == before
    # one article changed: converted, with its dictionary loaded once
    (tmp_path / "content" / "b.txt").write_text(article("b") + "\n新段落。\n", "utf-8")
    assert opencc_loaded(tmp_path, **settings) == ["t2s"]
    assert "新段落" in (tmp_path / "output" / "b.html").read_text("utf-8")
