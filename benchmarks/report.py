"""The benchmark's rows, goals and table."""

from __future__ import annotations

import os
import pkgutil
import platform
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    """One goal: what was measured, against what, and whether it passes."""

    case: str
    plain: str
    floor: str
    plugin: str
    measured: str
    goal: str
    passed: bool | None  # None: reported, no goal

    @property
    def result(self) -> str:
        return {True: "PASS", False: "FAIL", None: ""}[self.passed]


def times(value: float, digits: int = 2) -> str:
    """A ratio as the tables print it (``digits`` decimals).

    >>> times(1.0351), times(1.0351, 3)
    ('1.04×', '1.035×')
    """
    return f"{value:.{digits}f}×"


def plus(value: float) -> str:
    return f"{value:+.2f}"


def machine() -> list[str]:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("pelican", "pelican-ath", "lxml", "opencc", "markdown")
    )
    try:
        git = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        git = "not a git checkout"
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"cores: {usable}, load average {load}",
        f"python {platform.python_version()} ({platform.machine()}), {versions}",
        f"source: git {git}",
        f"Pelican plugins installed: {', '.join(installed_plugins()) or 'none'} "
        "(Pelican imports every one in every build, Pelican alone's too: run "
        "the benchmark in an environment with only pelican-ath installed)",
    ]


def installed_plugins() -> list[str]:
    """The namespace plugins of this environment."""
    import pelican.plugins

    return sorted(
        name
        for _, name, is_package in pkgutil.iter_modules(pelican.plugins.__path__)
        if is_package
    )


def print_rows(rows: list[Row]) -> None:
    print("\n== Goals")
    for row in rows:
        goal = f" (goal {row.goal})" if row.goal else ""
        print(f"   {row.result or '-':5} {row.case}: {row.measured}{goal}")


def markdown_table(rows: list[Row], n: int, repeat: int) -> str:
    lines = [
        f"N = {n}, R = {repeat} (medians of alternating runs; {machine()[0]}; "
        f"Python {platform.python_version()}, Pelican {metadata.version('pelican')})",
        "",
        "| Case | Pelican alone | Floor (lxml + OpenCC alone) | With pelican-ath "
        "| Measured | Goal | Result |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {r.case} | {r.plain} | {r.floor} | {r.plugin} | {r.measured} | {r.goal} "
        f"| {r.result} |"
        for r in rows
    ]
    return "\n".join(lines)
