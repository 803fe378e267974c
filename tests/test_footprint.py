"""What a build of scraped articles loads: nothing it does not use.

BeautifulSoup, nh3, charset-normalizer and difflib cost import time and
memory (issue 4's peak-RSS goal); a site of UTF-8 scraped text files needs
none of them. The build runs in a fresh interpreter, so ``sys.modules`` shows
exactly what it imported.
"""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import SEED

ONLY_WHEN_NEEDED = ("bs4", "nh3", "charset_normalizer", "difflib", "httpx")

BUILD = r"""
import json, logging, sys
from pelican import Pelican
from pelican.settings import read_settings

content, output = sys.argv[1:3]
settings = read_settings(override={
    "PATH": content, "OUTPUT_PATH": output, "PLUGINS": ["pelican_ath"],
    "ATH_SCRIPT": "t2s", "TIMEZONE": "UTC", "FEED_ALL_ATOM": None,
    "CATEGORY_FEED_ATOM": None, "CACHE_CONTENT": False,
})
Pelican(settings).run()
print(json.dumps(sorted(name.split(".")[0] for name in sys.modules)))
"""


def test_a_build_of_scraped_text_loads_no_optional_library(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "article.txt").write_bytes(SEED.read_bytes())
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(content), str(tmp_path / "output")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert list((tmp_path / "output").glob("*.html")), done.stderr
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert "pelican_ath" in loaded and "opencc" in loaded
    assert loaded.isdisjoint(ONLY_WHEN_NEEDED), loaded & set(ONLY_WHEN_NEEDED)
