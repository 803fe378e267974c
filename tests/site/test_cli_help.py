"""``pelican-ath --help`` travels with the package: every command has a
description and its exit statuses, every argument its help, and no link
points into a docs/ folder that an installed package does not have."""

from __future__ import annotations

import argparse
import re

import pytest

from pelican.plugins.ath import cli


def commands() -> dict[str, argparse.ArgumentParser]:
    (sub,) = (
        action
        for action in cli.parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    return dict(sub.choices)


@pytest.mark.parametrize("name", ["inspect", "import"])
def test_every_command_and_argument_is_described(name):
    command = commands()[name]
    assert command.description and len(command.description) > 80
    assert command.epilog and "Exit status" in command.epilog
    undescribed = [
        action.dest
        for action in command._actions
        if not action.help or action.help == argparse.SUPPRESS
    ]
    assert undescribed == []


@pytest.mark.parametrize("name", ["inspect", "import"])
def test_help_has_no_link_into_the_checkout(name, capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.main([name, "--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    # a link is a full URL or none: never a path into docs/ of a checkout
    assert not re.search(r"(?<!/)docs/", out), out
    assert "usage: pelican-ath " + name in out
