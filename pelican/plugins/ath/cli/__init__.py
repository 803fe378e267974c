"""``pelican-ath``: the command line (``inspect``, ``import``)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from .import_command import add_import_parser, import_command
from .inspect import inspect


def parser() -> argparse.ArgumentParser:
    """``pelican-ath``'s arguments: ``inspect`` and ``import``."""
    parser = argparse.ArgumentParser(
        prog="pelican-ath",
        description="pelican-ath: check before publishing, import articles.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser(
        "inspect",
        help="show what would be published for each file, and every removal",
        description="Read each file as Pelican would, with the site's settings "
        "and pelican-ath, and show what would be published: its kind (scraped "
        "or your own), metadata, the title as published, every heading with "
        "its id (or none), what the plugin does to it, the table of contents, "
        "the body's first and last paragraphs and every removal and why; for "
        "a saved 163.com page, its layout, where each field was read and "
        "every block the reader left out. Nothing is written.",
        epilog="Exit status: 0, every file read; 1, a file could not be read; "
        "2, the settings are bad.",
    )
    command.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a source file as it is in the content folder (.txt, .html, .md, …)",
    )
    command.add_argument(
        "-s",
        "--settings",
        help="the site's settings file (default: ./pelicanconf.py if there is one)",
    )
    command.add_argument(
        "--json", action="store_true", help="print the reports as JSON, a list"
    )
    add_import_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``pelican-ath`` with its arguments; the exit status."""
    args = parser().parse_args(argv)
    if args.command == "import":
        return import_command(args)
    return inspect(args.files, args.settings, args.json)
