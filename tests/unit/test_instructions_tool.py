"""benchmarks/instructions.py in small: each measure's work runs over a
document and does what its label says (valgrind itself is not needed)."""

from __future__ import annotations

import instructions
import pytest


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


def test_builds_are_counted_less_their_start_up(monkeypatch, tmp_path):
    from driver import NO_RUN

    commands = []

    def fake_count(command, what):
        commands.append(command)
        return 300 if NO_RUN in command else 1000

    monkeypatch.setattr(instructions, "valgrind_count", fake_count)
    work = instructions.build_work(tmp_path / "s.py", tmp_path / "c", tmp_path / "o")
    assert work == 700
    whole, start = commands
    assert whole[-1] == str(tmp_path / "o") and start[-1] == "--no-run"
    assert start[-2] != whole[-1]  # the start-up writes nowhere the build does


def test_build_rows_are_the_goals_ratios_in_instructions():
    counts = {
        ("html", "plain"): 100,
        ("html", "floor"): 120,
        ("html", "plugin"): 128,
        ("md", "plain"): 200,
        ("md", "floor"): 210,
        ("md", "plugin"): 206,
        ("own", "plain"): 400,
        ("own", "own"): 404,
        ("html", "s2tw"): 60,
        ("html", "tw2s"): 40,
        ("html", "variants"): 76,
        ("translated", "floor-variants"): 90,
        ("html", "variant-opencc"): 120,
    }
    html, md, own, variants, least = instructions.build_rows(counts)
    assert html[1:4] == ("1.200×", "1.280×", "plugin − floor +0.080")
    assert md[3] == "plugin − floor -0.020"
    assert own[2] == "1.010×"
    assert variants[1:3] == ("0.900×", "0.760×")
    assert least[3] == "0.800×"  # (120 + 60 − 100) / (60 + 40)
