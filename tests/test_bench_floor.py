"""benchmarks/floor.py's stand-in for the variants: every article published
again in the other script, converted by one OpenCC call, the originals left
as Pelican wrote them (what the bench's "least possible" row is made of)."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT, build_in

sys.path.insert(0, str(ROOT / "benchmarks"))
import checks
from cases import BenchmarkError
from corpus import read_seed, write_corpus


def test_the_variants_by_opencc_alone_are_published(tmp_path):
    corpus = write_corpus(read_seed(), tmp_path / "corpus", "html", 4)
    files = {path.name: path.read_bytes() for path in corpus.iterdir()}
    floor = {
        "PLUGINS": ["floor"],
        "PLUGIN_PATHS": [str(ROOT / "benchmarks")],
        "DEFAULT_LANG": "zh-tw",
        "FLOOR_SCRIPT": None,
    }
    site = build_in(tmp_path / "site", files, FLOOR_VARIANT=("zh-cn", "tw2s"), **floor)
    checks.variant_opencc(site.output, 4)  # 8 article pages, the variants in Simplified
    checks.plain(site.output, 4)  # the originals as Pelican wrote them
    assert "事業群" in site.text("a-2.html") and "事业群" not in site.text("a-2.html")
    without = build_in(tmp_path / "without", files, **floor)
    with pytest.raises(BenchmarkError):
        checks.variant_opencc(without.output, 4)
