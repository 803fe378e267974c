"""Every way README installs pelican-ath loads it under every name README
gives: from a built wheel, ``pip install .`` and ``pip install -e .`` (a
checkout, as a contributor and README's demo command install it), Pelican
finds the plugin as ``PLUGINS = ["ath"]``, as ``PLUGINS = ["pelican_ath"]``
and by its automatic loading of namespace plugins (no ``PLUGINS``), and the
console script runs.

One virtualenv for the module: the package's dependencies are installed once
(from the wheel), then each mode installs the package alone (``--no-deps``),
builds a small site with each name and uninstalls it. Run by ``tox -e
install``; about a minute."""

from __future__ import annotations

import os
import shutil
import subprocess
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8bdecda8eb2986dd.txt"
HEADER = "Title: 阿里ATH事業群成立\nDate: 2026-03-16\nSlug: seed\n\n"
# what a build needs from a checkout (a copy: building writes build/ and
# *.egg-info/ beside the sources)
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "pelican", "pelican_ath")
MODES = {
    "wheel": lambda wheel: [str(wheel)],
    "pip install .": lambda wheel: ["."],
    "pip install -e .": lambda wheel: ["-e", "."],
}
NAMES = {'PLUGINS = ["ath"]': ["ath"], 'PLUGINS = ["pelican_ath"]': ["pelican_ath"]}
NAMES["automatic loading"] = None


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**env, "COLUMNS": "300", "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )


def pip(python: Path, *args: str | Path, cwd: Path) -> None:
    done = run(python, "-m", "pip", "-q", *args, cwd=cwd)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("checkout")
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, copy / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, copy / name)
    return copy


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, source: Path) -> tuple[Path, Path]:
    """A virtualenv with the package's dependencies (not the package), and
    the package's wheel."""
    where = tmp_path_factory.mktemp("venv")
    venv.create(where, with_pip=True)
    python = where / "bin" / "python"
    pip(python, "wheel", "--no-deps", "-w", where / "dist", ".", cwd=source)
    (wheel,) = (where / "dist").glob("pelican_ath-*.whl")
    pip(python, "install", wheel, cwd=source)
    pip(python, "uninstall", "-y", "pelican-ath", cwd=source)
    return python, wheel


@pytest.fixture(scope="module", params=list(MODES))
def installed(
    request: pytest.FixtureRequest, env: tuple[Path, Path], source: Path
) -> Iterator[Path]:
    """The virtualenv's python, pelican-ath installed as the mode says."""
    python, wheel = env
    pip(python, "install", "--no-deps", *MODES[request.param](wheel), cwd=source)
    yield python
    pip(python, "uninstall", "-y", "pelican-ath", cwd=source)


@pytest.mark.parametrize("name", list(NAMES))
def test_pelican_loads_the_plugin(installed: Path, name: str, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "seed.txt").write_text(HEADER + SEED.read_text("utf-8"), "utf-8")
    (tmp_path / "conf.py").write_text(
        f"PATH = 'content'\nTIMEZONE = 'UTC'\nPLUGINS = {NAMES[name]!r}\n"
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n",
        "utf-8",
    )
    pelican = installed.parent / "pelican"
    done = run(pelican, "content", "-s", "conf.py", "-o", "out", cwd=tmp_path)
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    assert "Cannot load plugin" not in log
    page = (tmp_path / "out" / "seed.html").read_text("utf-8")
    # the plugin ran: the scraped export was read, cleaned and given a TOC
    assert 'class="toc ath-toc"' in page and "信息存儲服務" not in page


def test_the_console_script_runs(installed: Path, tmp_path: Path) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_text(HEADER + SEED.read_text("utf-8"), "utf-8")
    done = run(installed.parent / "pelican-ath", "inspect", seed, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "kind: scraped" in done.stdout
