"""Builds, their samples, and the alternation that measures them.

A :class:`Build` is one kind of Pelican build (settings, corpus, what its
output must show). A :class:`Case` is a set of builds compared with each
other (Pelican alone, the plugin, the floor…). :func:`measure` runs the
builds of several cases in turn, repetition after repetition, each in a
fresh process, so that every build sees the machine in the same states.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from driver import RESULT_MARK

DRIVER = Path(__file__).resolve().parent / "driver.py"


class BenchmarkError(RuntimeError):
    """A build failed or did not do what it should: the numbers mean nothing."""


@dataclass(frozen=True)
class Build:
    """One kind of build: settings file, corpus, and what its output must show."""

    label: str
    settings: Path
    content: Path
    #: Source articles in the corpus.
    articles: int
    check: Callable[[Path, int], None]
    #: Article pages it publishes, if not one per source article (variants).
    pages: int | None = None
    #: Run before each build (the warm case: empty the cache, edit an article).
    prepare: Callable[[], None] | None = None

    @property
    def published(self) -> int:
        return self.pages or self.articles


@dataclass
class Sample:
    """What the driver reports about one build."""

    seconds: float
    cpu_seconds: float
    maxrss_kb: int
    dispatch_seconds: float
    dispatch_calls: int
    first_dispatch_seconds: float
    opencc_loads: list[tuple[str, float]]
    modules: list[str]


class Runner:
    """Runs builds in fresh interpreters, into fresh output folders."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.count = 0

    def run(
        self, build: Build, profile: Path | None = None, keep: Path | None = None
    ) -> Sample:
        """One build; its output is checked, then deleted (or moved to
        ``keep``)."""
        self.count += 1
        if build.prepare is not None:
            build.prepare()
        output = self.workdir / "out" / f"{self.count}"
        argv = [sys.executable, str(DRIVER), str(build.settings), str(build.content)]
        argv += [str(output), str(profile or "")]
        done = subprocess.run(
            argv, capture_output=True, text=True, cwd=self.workdir, check=False
        )
        try:
            if done.returncode != 0:
                raise BenchmarkError(
                    f"{build.label}: build exited with {done.returncode}:\n"
                    f"{(done.stderr + done.stdout)[-3000:]}"
                )
            lines = [
                line
                for line in done.stdout.splitlines()
                if line.startswith(RESULT_MARK)
            ]
            if not lines:
                raise BenchmarkError(
                    f"{build.label}: no result:\n{done.stdout[-2000:]}"
                )
            build.check(output, build.articles)
            if keep is not None:
                shutil.move(output, keep)
            return Sample(**json.loads(lines[-1][len(RESULT_MARK) :]))
        finally:
            shutil.rmtree(output, ignore_errors=True)


@dataclass
class Case:
    """Builds compared with each other; their samples by label."""

    label: str
    builds: dict[str, Build]
    samples: dict[str, list[Sample]] = field(default_factory=dict)

    def median(self, name: str, value: Callable[[Sample], float]) -> float:
        return statistics.median(value(sample) for sample in self.samples[name])

    def seconds(self, name: str) -> float:
        return self.median(name, lambda s: s.seconds)

    def rss_mb(self, name: str) -> float:
        return self.median(name, lambda s: s.maxrss_kb) / 1024

    def ratio(self, name: str, base: str = "plain") -> float:
        """Time ratio: median of ``name``'s builds over median of ``base``'s."""
        return self.seconds(name) / self.seconds(base)

    def rss_ratio(self, name: str, base: str = "plain") -> float:
        return self.rss_mb(name) / self.rss_mb(base)

    def pair_ratios(self, name: str, base: str = "plain") -> list[float]:
        return [
            a.seconds / b.seconds
            for a, b in zip(self.samples[name], self.samples[base], strict=True)
        ]

    def round_differences(
        self, name: str, other: str, base: str = "plain"
    ) -> list[float]:
        """``name`` − ``other`` in each round, as a share of ``base``'s build
        of that round: the spread of a row the medians give one number for."""
        return [
            (a.seconds - b.seconds) / p.seconds
            for a, b, p in zip(
                self.samples[name], self.samples[other], self.samples[base], strict=True
            )
        ]

    def ms_per_page(self, name: str) -> float:
        return 1000 * self.seconds(name) / self.builds[name].published

    def dispatch_ms_per_article(self, name: str, pick=statistics.median) -> float:
        """Time in ``content_object_init`` per document, without the first
        (it pays for loading dictionaries, once per build); the median of the
        builds, or what ``pick`` picks (``min``: least disturbed)."""
        values = [
            s.dispatch_seconds - s.first_dispatch_seconds for s in self.samples[name]
        ]
        calls = max(self.samples[name][0].dispatch_calls - 1, 1)
        return 1000 * pick(values) / calls


def rotated(names: list[str], turn: int) -> list[str]:
    """``names`` in the order of round ``turn``: each round starts one further
    on, so that no build always runs first, or always right after another.

    >>> rotated(["plain", "floor", "plugin"], 1)
    ['floor', 'plugin', 'plain']
    """
    turn %= len(names)
    return names[turn:] + names[:turn]


def measure(runner: Runner, cases: list[Case], repeat: int) -> None:
    """One untimed warm-up run of every build (it checks the output), then
    ``repeat`` rounds in which every build of every case runs once (in an
    order that turns from round to round)."""
    print(f"\n== {' / '.join(case.label for case in cases)}", flush=True)
    for case in cases:
        for build in case.builds.values():
            runner.run(build)
        case.samples = {name: [] for name in case.builds}
    for rep in range(repeat):
        for case in cases:
            for name in rotated(list(case.builds), rep):
                case.samples[name].append(runner.run(case.builds[name]))
            times = ", ".join(
                f"{name} {samples[-1].seconds:.3f}"
                for name, samples in case.samples.items()
            )
            print(f"   {rep + 1}/{repeat} {case.label}: {times} s", flush=True)
