"""Build real Pelican sites into ``tmp_path`` and read what they wrote (the
builder itself, shared with the benchmarks: ``benchmarks/site_builder.py``);
the seed, the repository's test data and ``../shared``; the ``slow`` mark of
``tests/slow/``."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from site_builder import Site, build_in

ROOT = Path(__file__).resolve().parent.parent
#: Real third-party material beside the checkout (not part of the repository).
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "000_8bdecda8eb2986dd.txt"
#: The section titles of the seed, as a reader picks them out by eye.
SEED_TITLES = [
    "前奏:一個人的告別與一群人的定調",
    "模式對撞:垂直整合與水平分工",
    "歷史的回響:開拓者的使命與守成者的接力",
    "理性的退出",
    "ATH的“成人禮”",
    "行業的階段轉換",
]


#: The repository's own saved pages and exports (see tests/data/README.md).
DATA = ROOT / "tests" / "data"
#: What Pelican 4.11 (not 4.12, which reads FEED_DOMAIN) warns about any
#: site with feeds and no SITEURL: Pelican's, whatever the plugin does.
PELICAN_411_FEEDS = "Feeds generated without SITEURL set properly"


def pelicans_own(message: str) -> bool:
    """Whether a warning is one Pelican gives a site whatever the plugin does."""
    return PELICAN_411_FEEDS in message


def data(name: str) -> bytes:
    """The bytes of ``tests/data/<name>``."""
    return (DATA / name).read_bytes()


def with_entities(page: bytes) -> bytes:
    """A UTF-8 page as the saver of ``../shared`` sample 01 wrote it: every
    non-ASCII character a numeric entity, ``<meta property|name=… content=…>``
    rewritten as ``<meta name=… value=…>``.

    >>> with_entities('<meta property="og:title" content="网易">'.encode())
    b'<meta name="og:title" value="&#x7F51;&#x6613;">'
    """
    text = re.sub(
        r'<meta (?:property|name)="([^"]*)" content="([^"]*)"',
        r'<meta name="\1" value="\2"',
        page.decode("utf-8"),
    )
    return "".join(c if c.isascii() else f"&#x{ord(c):X};" for c in text).encode()


def shared_file(relative: str) -> Path:
    """``../shared/<relative>``; the calling test (or, at import, the whole
    module) is skipped when it is not there, as in a clone of the repository
    alone. The tests that read it are the real samples' evidence; the
    repository's own fixtures in ``tests/data/`` cover the same features."""
    path = SHARED / relative
    if not path.is_file():
        pytest.skip(
            f"needs ../shared/{relative} (real third-party material beside the "
            "checkout, never copied into it); absent here",
            allow_module_level=True,
        )
    return path


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def seed_paragraphs() -> list[str]:
    """The seed's paragraphs: every line but lost images, titles and the two
    disclaimer lines at the end."""
    lines = seed_lines()[:-2]
    return [line for line in lines if line != "![]()" and line not in SEED_TITLES]


def run_pelican(cwd: Path, *arguments: str) -> tuple[int, str]:
    """``pelican content …`` in a process of its own: exit code and all output
    (wide lines, so messages are not wrapped)."""
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "400"},
    )
    return result.returncode, result.stdout + result.stderr


#: Timing tests: each is marked ``slow`` (run by default; ``-m "not slow"`` skips
#: them). A ``conftest.py`` of their own would hide this one from ``from
#: conftest import …``, so the mark is given here.
SLOW = Path(__file__).resolve().parent / "slow"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(SLOW):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def build_site(tmp_path: Path):
    """``build_site({"a.txt": "..."}, ATH_SCRIPT="t2s")`` -> :class:`Site`."""
    counter = 0

    def build(files: dict[str, str | bytes], name: str = "", **settings) -> Site:
        """Build a site; the same ``name`` builds the same folder again."""
        nonlocal counter
        counter += 1
        return build_in(tmp_path / (name or f"site{counter}"), files, **settings)

    return build


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture):
    """Every log record of the build, from DEBUG up."""
    caplog.set_level(logging.DEBUG)
    return caplog
