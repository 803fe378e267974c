"""``pelican-ath import URL_OR_FILE…``: the command line of
:mod:`pelican.plugins.ath.importer` (options, progress bar, summary, exit
status)."""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from ..importer.files import STAGING
from ..importer.options import Limits, Options, add_options, from_arguments
from ..importer.site import site_folders, site_notes


def read_sources(arguments: Sequence[str], listing: str | None) -> list[str]:
    """The URLs and files named on the command line, then those in
    ``listing`` (one a line; blank lines and ``#`` comments skipped; ``-`` is
    standard input)."""
    sources = list(arguments)
    if listing is not None:
        if listing == "-":
            lines = sys.stdin.read().splitlines()
        else:
            with open(listing, encoding="utf-8") as handle:
                lines = handle.read().splitlines()
        sources += [line.strip() for line in lines]
    return [s for s in sources if s and not s.startswith("#")]


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def print_summary(
    outcomes: Sequence[Any], notes: Sequence[str], out: TextIO, seconds: float
) -> None:
    """One line per article, one per failure, then the counts and the time."""
    for outcome in outcomes:
        if outcome.status == "failed":
            out.write(f"failed     {outcome.source}: {outcome.reason}\n")
            continue
        if outcome.status == "skipped":
            out.write(
                f"skipped    {_shown(outcome.path)}  (already imported; --force "
                f"imports it again)  {outcome.source}\n"
            )
            continue
        images = f"{outcome.local_images} image{'s' * (outcome.local_images != 1)}"
        out.write(
            f"{outcome.status:<10} {_shown(outcome.path)}  ({images})  {outcome.source}\n"
        )
        for url, reason in outcome.image_failures:
            out.write(
                f"failed     image {url} of {outcome.path.name}: {reason} "
                "(left as a link to where it is)\n"
            )
        for note in outcome.notes:
            out.write(f"note       {outcome.path.name}: {note}\n")
    for note in notes:
        out.write(f"note       {note}\n")
    counts = {status: 0 for status in ("imported", "updated", "unchanged", "failed")}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    skipped = counts.pop("skipped", 0)
    line = ", ".join(f"{count} {status}" for status, count in counts.items())
    if skipped:
        line += f", {skipped} skipped as already imported"
    lost = sum(len(outcome.image_failures) for outcome in outcomes)
    if lost:
        line += f"; {lost} image{'s' * (lost != 1)} not downloaded"
    out.write(f"{line}; {seconds:.1f} s\n")


def plain_progress(out: TextIO) -> Callable[[str, int], Callable[[str], None]]:
    """Progress as lines (output that is not a terminal): one per article
    done, ``[  3/60] imported https://…``; nothing for images."""

    def progress(description: str, total: int) -> Callable[[str], None]:
        if description != "articles":
            return lambda line: None
        done = itertools.count(1)
        width = len(str(total))

        def advance(line: str) -> None:
            out.write(f"[{next(done):>{width}}/{total}] {line}\n")
            out.flush()

        return advance

    return progress


def import_command(args: argparse.Namespace) -> int:
    """``pelican-ath import``: import every source; 1 if one failed, 2 on bad input."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from ..importer import article as importer
    from ..importer.fetch import Fetcher

    try:
        sources = read_sources(args.sources, args.from_file)
    except OSError as err:
        sys.stderr.write(f"pelican-ath: --from {args.from_file}: {err.strerror}\n")
        return 2
    if not sources:
        sys.stderr.write("pelican-ath: import: no URL or file to import\n")
        return 2
    settings_path = args.settings
    if settings_path is None and os.path.exists("pelicanconf.py"):
        settings_path = "pelicanconf.py"
    site = None
    if settings_path is not None:
        try:
            site = site_folders(settings_path)
        except Exception as err:  # the user's settings file, run as Python
            sys.stderr.write(f"pelican-ath: {settings_path}: {err}\n")
            return 2
    output = args.output or (site[0] if site else "content")
    options = from_arguments(
        Options,
        args,
        output=Path(output),
        # beside the content folder, never in it
        staging=Path(site[0] if site else output).resolve().parent / STAGING,
    )
    limits = from_arguments(Limits, args)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    console = Console(stderr=True)
    bar_shown = console.is_terminal and not args.quiet
    start = time.monotonic()
    with (
        Progress(
            *columns, console=console, disable=not bar_shown, transient=True
        ) as bar,
        Fetcher(limits, allow_private=args.allow_private) as fetcher,
    ):

        def progress(description: str, total: int) -> Callable[[str], None]:
            """A bar for ``total`` steps; an article's images' bar goes once
            they are all done."""
            task = bar.add_task(description, total=total)
            done = itertools.count(1)

            def advance(line: str) -> None:
                bar.advance(task)
                if next(done) == total and description != "articles":
                    bar.remove_task(task)

            return advance

        shown = progress if bar_shown or args.quiet else plain_progress(sys.stderr)
        try:
            outcomes = importer.import_all(sources, options, fetcher, shown)
        except KeyboardInterrupt:
            sys.stderr.write(
                "pelican-ath: import interrupted; the articles written whole "
                "are recorded: the same command goes on from there\n"
            )
            return 130
    notes = site_notes(options.output, *site) if site else []
    print_summary(outcomes, notes, sys.stdout, time.monotonic() - start)
    failed = any(o.status == "failed" or o.image_failures for o in outcomes)
    return 1 if failed else 0


def add_import_parser(commands: Any) -> argparse.ArgumentParser:
    """The ``import`` subcommand: its own options, then those of
    :class:`~pelican.plugins.ath.importer.options.Options` and
    :class:`~pelican.plugins.ath.importer.options.Limits`, built from their fields."""
    command: argparse.ArgumentParser = commands.add_parser(
        "import",
        help="bring NetEase articles in from their URLs (or saved pages), images and all",
        description="Fetch each NetEase article, write it into the site's "
        "content folder as a Pelican source file named after its id "
        "(DIR/<id>.html, or .md with --format md), with its images downloaded "
        "into DIR/images/<id>/ (--images remote: linked where they are). "
        "Only public addresses are contacted (--allow-private for an intranet); "
        "nothing half-written is left in DIR; importing again rewrites only "
        "what changed. A summary at the end says what was imported, updated, "
        "unchanged or failed, and why.",
        epilog="Exit status: 0, every article imported; 1, an article or one "
        "of its images failed; 2, bad arguments or settings.",
    )
    command.add_argument(
        "sources",
        nargs="*",
        metavar="URL_OR_FILE",
        help="a 163.com article's address, or a saved page",
    )
    command.add_argument(
        "--from",
        dest="from_file",
        metavar="FILE",
        help="read URLs (or files) from FILE, one a line ('-': standard input)",
    )
    command.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="where the articles go (default: the site's PATH, else content/)",
    )
    command.add_argument(
        "-s",
        "--settings",
        help="the site's settings file (default: ./pelicanconf.py if there is one)",
    )
    add_options(command, Options)
    add_options(command, Limits)
    command.add_argument(
        "--allow-private",
        action="store_true",
        help="connect to private, loopback and link-local addresses too, for "
        "pages and images on an intranet (default: public addresses only, "
        "redirects and images included)",
    )
    command.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar (in a terminal) or progress lines (otherwise)",
    )
    return command
