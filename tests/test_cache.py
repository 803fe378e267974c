"""Pelican's content cache, both layers: identical rebuilds, and no stale
output after an ATH_* setting changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED

from pelican_ath.reader import ScrapedTextReader

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
