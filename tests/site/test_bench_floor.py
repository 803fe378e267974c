"""benchmarks/floor.py's stand-in for the variants: every article published
again in the other script, converted by one OpenCC call, the originals left
as Pelican wrote them (what the bench's "least possible" row is made of).

Each build runs in its own interpreter, as the bench runs it (its
``Runner`` and ``driver.py``): the stand-in's receivers must not stay
connected in this one.
"""

from __future__ import annotations

import checks
import pytest
from bench import write_settings
from cases import BenchmarkError, Build, Runner
from corpus import read_seed, write_corpus


def test_the_variants_by_opencc_alone_are_published(tmp_path):
    corpus = write_corpus(read_seed(), tmp_path / "corpus", "html", 4)
    conf, runner = write_settings(tmp_path), Runner(tmp_path)
    output = tmp_path / "with"
    runner.run(
        Build("with", conf["variant-opencc"], corpus, 4, checks.variant_opencc),
        keep=output,
    )  # 8 article pages, the variants in Simplified
    checks.plain(output, 4)  # the originals as Pelican wrote them
    original = (output / "a-2.html").read_text("utf-8")
    assert "事業群" in original and "事业群" not in original
    with pytest.raises(BenchmarkError):  # a build without them fails the check
        runner.run(Build("without", conf["plain"], corpus, 4, checks.variant_opencc))
