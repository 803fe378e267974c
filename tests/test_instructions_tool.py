"""benchmarks/instructions.py in small: each measure's work runs over a
document and does what its label says (valgrind itself is not needed)."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import instructions


def test_the_documents_are_the_benchmarks_seed_sized_articles():
    (body,) = instructions.documents(1)
    assert body.count("<h2>") == 6 and '<img src="" alt="">' in body


@pytest.mark.parametrize("measure", instructions.MEASURES)
def test_each_measure_runs_its_work(measure, monkeypatch):
    calls = []
    if measure == "floor":
        import floor

        monkeypatch.setattr(floor, "on_content_object_init", calls.append)
    bodies = instructions.documents(2)
    result = instructions.work(measure, bodies)()
    if measure == "floor":
        assert [content._content for content in calls] == bodies
    else:
        assert len(result) == 2
