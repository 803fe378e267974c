"""README tells a new user the truth on its first screen: what the plugin
is, the demo and test commands; it names every tox environment, and its
install line works today (pelican-ath is not on PyPI yet)."""

from __future__ import annotations

import configparser
import re

from conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")
FIRST_SCREEN = "\n".join(README.splitlines()[:40])


def tox() -> configparser.ConfigParser:
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(ROOT / "tox.ini", encoding="utf-8")
    return ini


def test_the_first_screen_has_the_demo_and_the_test_commands():
    assert "pip install -e . && pelican content" in FIRST_SCREEN
    assert re.search(r"^tox\s+#", FIRST_SCREEN, re.MULTILINE)
    assert "Before → after" in FIRST_SCREEN


def test_readme_names_every_tox_environment():
    environments = [e.strip() for e in tox()["tox"]["env_list"].split(",")]
    assert len(environments) == 8
    tests_section = README[README.index("## Run the demo site and the tests") :]
    missing = [e for e in environments if f"`{e}`" not in tests_section]
    assert missing == []


def test_tox_ini_asks_for_tox_4():
    """An older tox (Debian's 3.28) provisions tox 4 instead of failing on
    a file only tox 4 reads."""
    assert tox()["tox"]["requires"].strip() == "tox>=4"


def test_no_pip_install_from_pypi_before_it_is_there():
    commands = re.findall(r"^pip install [^\s#]+", README, re.MULTILINE)
    assert "pip install pelican-ath" not in commands
    assert "not on PyPI yet" in README
