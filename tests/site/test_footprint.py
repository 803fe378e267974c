"""What a build loads because of pelican-ath: nothing it does not use.

BeautifulSoup, nh3, charset-normalizer and difflib cost import time and
memory; a site of UTF-8 scraped text files needs none of them, and a blog of
its own Markdown articles needs neither lxml nor OpenCC either. Each build
runs in a fresh interpreter, once without the plugin and once with it, so the
difference of their ``sys.modules`` is exactly what the plugin imported
(other installed plugins, such as render_math, are loaded by Pelican's
namespace-plugin discovery in both).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED

#: httpx is for ``pelican-ath import``, never for a build.
ONLY_WHEN_NEEDED = {"bs4", "nh3", "charset_normalizer", "difflib", "httpx"}
HEAVY = {"lxml", "opencc", *ONLY_WHEN_NEEDED}

BUILD = r"""
import json, sys
from pelican import Pelican
from pelican.settings import read_settings

content, output, plugins, extra = sys.argv[1:5]
settings = {
    "PATH": content, "OUTPUT_PATH": output, "PLUGINS": json.loads(plugins),
    "TIMEZONE": "UTC", "FEED_ALL_ATOM": None, "CATEGORY_FEED_ATOM": None,
    "CACHE_CONTENT": False,
}
if plugins != "[]":
    settings.update(json.loads(extra))
Pelican(read_settings(override=settings)).run()
print(json.dumps(sorted(sys.modules)))
"""


def loaded_by_the_plugin(content: Path, tmp_path: Path, **settings: object) -> set[str]:
    """Top-level packages the plugin's build (with ``settings``) loaded and
    the plain one did not; and the plugin's own modules, as
    ``pelican_ath:NAME``."""
    loaded = []
    for plugins in ("[]", '["pelican_ath"]'):
        output = tmp_path / f"output-{len(loaded)}"
        done = subprocess.run(
            [
                *(sys.executable, "-c", BUILD, str(content), str(output)),
                *(plugins, json.dumps(settings)),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        loaded.append(set(json.loads(done.stdout.splitlines()[-1])))
    without, with_plugin = ({name.split(".")[0] for name in names} for names in loaded)
    assert "pelican_ath" in with_plugin
    own = {
        f"pelican_ath:{name.removeprefix('pelican.plugins.ath.')}"
        for name in loaded[1]
        if name.startswith("pelican.plugins.ath.")
    }
    return (with_plugin - without) | own


VARIANTS = {
    "DEFAULT_LANG": "zh-tw",
    "ATH_SCRIPT_VARIANTS": {"zh-tw": "s2tw", "zh-cn": "tw2s"},
    "ATH_VARIANT_SITES": False,
}


@pytest.mark.parametrize("settings", [{"ATH_SCRIPT": "t2s"}, VARIANTS])
def test_a_build_of_scraped_text_loads_no_optional_library(tmp_path, settings):
    content = tmp_path / "content"
    content.mkdir()
    (content / "article.txt").write_bytes(SEED.read_bytes())
    added = loaded_by_the_plugin(content, tmp_path, **settings)
    assert "opencc" in added
    # The seed is a flat document: treated as a string, never a tree, and so
    # is its script variant, made from it with its headings' ids (lxml itself
    # may come with other installed plugins, in both builds).
    assert "pelican_ath:treatment.flat" in added
    assert "pelican_ath:treatment.tree" not in added
    assert "pelican_ath:html.tree" not in added
    assert "lxml" not in added
    assert added.isdisjoint(ONLY_WHEN_NEEDED), added & ONLY_WHEN_NEEDED


def test_a_blog_of_its_own_articles_loads_no_tree_and_no_converter(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    for number in range(3):
        (content / f"post{number}.md").write_text(
            f"Title: 第{number}篇\nDate: 2026-03-0{number + 1}\n\n"
            "## 前言\n\n正文,有半形標點(也有括號)。\n\n## 結語\n\n完。\n",
            encoding="utf-8",
        )
    (content / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    added = loaded_by_the_plugin(content, tmp_path)
    assert added.isdisjoint(HEAVY), added & HEAVY
