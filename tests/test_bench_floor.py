"""benchmarks/floor.py's stand-in for the variants: every article published
again in the other script, converted by one OpenCC call, the originals left
as Pelican wrote them (what the bench's "least possible" row is made of).

Each build runs in its own interpreter, as the bench runs it (``driver.py``):
the stand-in's receivers must not stay connected in this one.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import checks
from cases import BenchmarkError
from corpus import read_seed, write_corpus

FLOOR = {
    "SITENAME": "floor",
    "TIMEZONE": "Asia/Shanghai",
    "DEFAULT_LANG": "zh-tw",
    "FEED_ALL_ATOM": None,
    "CATEGORY_FEED_ATOM": None,
    "TRANSLATION_FEED_ATOM": None,
    "PLUGINS": ["floor"],
    "PLUGIN_PATHS": [str(ROOT / "benchmarks")],
    "FLOOR_SCRIPT": None,
}


def build(tmp_path, name: str, content, **settings):
    conf = tmp_path / f"{name}.py"
    conf.write_text(
        "".join(f"{key} = {value!r}\n" for key, value in {**FLOOR, **settings}.items()),
        "utf-8",
    )
    output = tmp_path / name
    driver = ROOT / "benchmarks" / "driver.py"
    subprocess.run(
        [sys.executable, str(driver), str(conf), str(content), str(output)],
        capture_output=True,
        check=True,
    )
    return output


def test_the_variants_by_opencc_alone_are_published(tmp_path):
    corpus = write_corpus(read_seed(), tmp_path / "corpus", "html", 4)
    output = build(tmp_path, "with", corpus, FLOOR_VARIANT=("zh-cn", "tw2s"))
    checks.variant_opencc(output, 4)  # 8 article pages, the variants in Simplified
    checks.plain(output, 4)  # the originals as Pelican wrote them
    original = (output / "a-2.html").read_text("utf-8")
    assert "事業群" in original and "事业群" not in original
    without = build(tmp_path, "without", corpus)
    with pytest.raises(BenchmarkError):
        checks.variant_opencc(without, 4)
