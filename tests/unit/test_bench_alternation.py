"""benchmarks/cases.py's alternation: every build of every case runs once a
round, in an order that turns from round to round (no build always first,
or always right after the same one)."""

from __future__ import annotations

from pathlib import Path

from cases import Build, Case, Sample, measure


class FakeRunner:
    """Records which build runs when; each sample's time is its run number."""

    def __init__(self) -> None:
        self.ran: list[str] = []

    def run(self, build: Build) -> Sample:
        self.ran.append(build.label)
        return Sample(len(self.ran), 0.0, 0, 0.0, 1, 0.0, [], [])


def _case(label: str, names: list[str]) -> Case:
    builds = {
        name: Build(f"{label} {name}", Path(), Path(), 1, lambda output, n: None)
        for name in names
    }
    return Case(label, builds)


def test_the_order_of_the_builds_turns_from_round_to_round(capsys):
    runner = FakeRunner()
    case = _case("c", ["plain", "floor", "plugin"])
    measure(runner, [case], repeat=3)
    rounds = [runner.ran[3 * n : 3 * n + 3] for n in range(1, 4)]  # after warm-up
    assert rounds == [
        ["c plain", "c floor", "c plugin"],
        ["c floor", "c plugin", "c plain"],
        ["c plugin", "c plain", "c floor"],
    ]
    # every build has one sample a round, and the round's line lists them in
    # the case's order
    assert [s.seconds for s in case.samples["plain"]] == [4, 9, 11]
    assert (
        "3/3 c: plain 11.000, floor 12.000, plugin 10.000 s" in capsys.readouterr().out
    )


def test_cases_measured_together_each_turn():
    runner = FakeRunner()
    first, second = _case("a", ["x", "y"]), _case("b", ["x", "y"])
    measure(runner, [first, second], repeat=2)
    assert runner.ran[4:] == ["a x", "a y", "b x", "b y", "a y", "a x", "b y", "b x"]


def test_the_blog_s_own_ratio_shows_the_fail_that_two_decimals_hide():
    """1.035× is over the goal (≤ 1.03×): the row says so in its number too."""
    from bench import own_rows

    case = _case("own", ["plain", "plugin", "again"])
    seconds = {"plain": 1.0, "plugin": 1.035, "again": 1.006}
    case.samples = {
        name: [Sample(value, 0.0, 1024, 0.0, 1, 0.0, [], [])]
        for name, value in seconds.items()
    }
    time_row, noise_row = own_rows(case)[:2]
    assert (time_row.measured, time_row.passed) == ("1.035×", False)
    assert noise_row.measured == "1.006×"
