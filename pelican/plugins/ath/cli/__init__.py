"""``pelican-ath``: the command line (``inspect``, ``import``)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from .import_command import add_import_parser, import_command
from .inspect import inspect


def main(argv: Sequence[str] | None = None) -> int:
    """``pelican-ath`` with its arguments; the exit status."""
    parser = argparse.ArgumentParser(
        prog="pelican-ath",
        description="pelican-ath: check before publishing, import articles.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser(
        "inspect",
        help="show what would be published for each file, and every removal",
    )
    command.add_argument("files", nargs="+", metavar="FILE")
    command.add_argument(
        "-s",
        "--settings",
        help="the site's settings file (default: ./pelicanconf.py if there is one)",
    )
    command.add_argument("--json", action="store_true", help="print JSON")
    add_import_parser(commands)
    args = parser.parse_args(argv)
    if args.command == "import":
        return import_command(args)
    return inspect(args.files, args.settings, args.json)
