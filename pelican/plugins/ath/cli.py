"""``pelican-ath inspect FILE…``: what the plugin would publish, and what it
would remove, before anything is published. ``pelican-ath import URL…``:
bring NetEase articles in (see :mod:`pelican.plugins.ath.importer.article`).

It reads each file with the reader Pelican would use (with the site's settings
and pelican-ath registered) and runs the same pipeline as a build.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from pelican.readers import Readers
from pelican.settings import read_settings
from pelican.utils import file_suffix

from . import plugin
from .html.preclean import Removal, drop_empty_image_tags
from .pipeline import Result, convert_markup, options_transform, process
from .readers.text_reader import NotAnExport, read_export
from .settings import SCRAPED, AthSettings, SettingsError

#: How much of a removed text a report shows.
EXCERPT = 80


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def load_settings(path: str | None) -> dict[str, Any]:
    """The site's settings (``pelicanconf.py`` here by default), with
    pelican-ath among the plugins."""
    if path is None and os.path.exists("pelicanconf.py"):
        path = "pelicanconf.py"
    if path is not None and not path.endswith(".py"):
        raise SettingsError(
            f"{path}: not a Python file; Pelican's settings are a .py file"
        )
    try:
        settings = read_settings(path)
    except OSError:
        raise
    except SyntaxError as err:  # the user's file: one line, no traceback
        raise SettingsError(f"{path}, line {err.lineno}: {err.msg}") from None
    except Exception as err:
        raise SettingsError(f"{path}: {type(err).__name__}: {err}") from None
    plugin.register()
    return settings


def read_raw(readers: Readers, path: str) -> tuple[str, dict, list[Removal], str]:
    """Content, metadata, removals made while reading, and the reader's name."""
    reader = readers.readers.get(file_suffix(path))
    if reader is None:
        raise SettingsError(f"Pelican has no reader for {os.path.basename(path)}")
    removals: list[Removal] = []
    if isinstance(reader, plugin.PrecleanedReader):
        content, metadata = reader.wrapped.read(reader, path)
        content, removals = drop_empty_image_tags(content)
        if removals:
            metadata.setdefault(SCRAPED, "lost images")
    else:
        content, metadata = reader.read(path)
    return content or "", metadata, removals, type(reader).__name__


def inspect_file(
    readers: Readers, ath: AthSettings, settings: dict[str, Any], path: str
) -> dict[str, Any]:
    """Everything the report says about one file, as plain data."""
    content, metadata, removals, reader_name = read_raw(readers, path)
    if metadata.get("status") == "skip":
        try:
            read_export(path, settings)
            why = "its metadata says status: skip"
        except NotAnExport as reason:
            why = str(reason)
        raise SettingsError(
            f"not a scraped export ({why}): {reader_name} leaves it to Pelican, "
            "which publishes it as without the plugin"
        )
    lang = str(metadata.get("lang") or settings.get("DEFAULT_LANG", "")).lower()
    options = ath.article_options(metadata, lang)
    result: Result = process(content, options)
    punctuation = options.treatment(result.scraped).punctuation
    transform = options_transform(options, punctuation)
    title = str(metadata.get("title", ""))
    return {
        "file": path,
        "reader": reader_name,
        "kind": "scraped" if result.scraped else "your own (published as written)",
        "metadata": {name: _plain(value) for name, value in metadata.items()},
        "title": convert_markup(title, transform) if transform else title,
        "script": options.script,
        "punctuation": punctuation,
        "headings": [asdict(heading) for heading in result.headings],
        "toc": result.toc_tree,
        "removed": [asdict(r) for r in removals + result.removals],
        "notes": result.notes,
    }


def _plain(value: Any) -> str:
    """A metadata value as text (tags and authors by name)."""
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def _print_toc(nodes: list[dict[str, Any]], out: TextIO, depth: int = 1) -> None:
    for node in nodes:
        out.write(f"{'  ' * depth}- {node['title']}  #{node['id']}\n")
        _print_toc(node["children"], out, depth + 1)


def print_report(report: dict[str, Any], out: TextIO) -> None:
    out.write(f"== {report['file']}  ({report['reader']})\n")
    out.write(f"kind: {report['kind']}\n")
    out.write("metadata:\n")
    for name, value in report["metadata"].items():
        out.write(f"  {name}: {_excerpt(value)}\n")
    out.write(f"title as published: {report['title']}\n")
    script = report["script"] or "none"
    punctuation = "on" if report["punctuation"] else "off"
    out.write(f"script: {script}; full-width punctuation: {punctuation}\n")
    out.write(f"headings ({len(report['headings'])}):\n")
    for heading in report["headings"]:
        out.write(f"  h{heading['level']} #{heading['id']}  {heading['title']}\n")
    if report["toc"]:
        out.write("table of contents:\n")
        _print_toc(report["toc"], out)
    else:
        out.write("table of contents: none\n")
    out.write(f"removed ({len(report['removed'])}):\n")
    for removal in report["removed"]:
        out.write(f"  {removal['reason']}: {_excerpt(removal['text'])}\n")
    for note in report["notes"]:
        out.write(f"note: {note}\n")
    out.write("\n")


def inspect(files: Sequence[str], settings_path: str | None, as_json: bool) -> int:
    try:
        settings = load_settings(settings_path)
        ath = plugin.site_settings(settings)
    except (SettingsError, OSError) as err:
        sys.stderr.write(f"pelican-ath: {err}\n")
        return 2
    readers = Readers(settings)
    reports, failed = [], 0
    for path in files:
        try:
            report = inspect_file(readers, ath, settings, path)
        except (OSError, ValueError) as err:
            failed += 1
            sys.stderr.write(f"pelican-ath: {path}: {err}\n")
            continue
        if as_json:
            reports.append(report)
        else:
            print_report(report, sys.stdout)
    if as_json:
        json.dump(reports, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    return 1 if failed else 0


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


def _size(text: str) -> int:
    from .importer.fetch import parse_size

    try:
        return parse_size(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _number(kind: type[int] | type[float], least: float) -> Any:
    """An argparse type: a ``kind`` number of at least ``least``."""

    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            value = least - 1
        if value < least:
            raise argparse.ArgumentTypeError(f"{text!r}: give a number >= {least:g}")
        return value

    return parse


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def print_summary(outcomes: Sequence[Any], notes: Sequence[str], out: TextIO) -> None:
    """One line per article, one per failure, then the counts."""
    for outcome in outcomes:
        if outcome.status == "failed":
            out.write(f"failed     {outcome.source}: {outcome.reason}\n")
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
        counts[outcome.status] += 1
    line = ", ".join(f"{count} {status}" for status, count in counts.items())
    lost = sum(len(outcome.image_failures) for outcome in outcomes)
    if lost:
        line += f"; {lost} image{'s' * (lost != 1)} not downloaded"
    out.write(line + "\n")


def site_folders(path: str) -> tuple[str, list[str]]:
    """The site's content folder (``PATH``, absolute) and ``STATIC_PATHS``,
    from its settings file, which may name a content folder that does not
    exist yet (Pelican's own ``read_settings`` refuses that)."""
    from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

    settings = get_settings_from_file(path)
    content = os.path.join(
        os.path.dirname(os.path.abspath(path)),
        settings.get("PATH") or DEFAULT_CONFIG["PATH"],
    )
    static = settings.get("STATIC_PATHS", DEFAULT_CONFIG["STATIC_PATHS"])
    return os.path.normpath(content), list(static)


def import_command(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .importer import article as importer
    from .importer.fetch import Fetcher, Limits

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
    options = importer.Options(
        output=Path(output),
        images=args.images,
        format=args.format,
        force=args.force,
        jobs=args.jobs,
    )
    limits = Limits(
        timeout=args.timeout,
        retries=args.retries,
        max_page_bytes=args.max_page_size,
        max_image_bytes=args.max_image_size,
    )
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
    )
    console = Console(stderr=True)
    with (
        Progress(*columns, console=console, disable=args.quiet, transient=True) as bar,
        Fetcher(limits) as fetcher,
    ):

        def progress(description: str, total: int) -> Any:
            """A bar for ``total`` steps; an article's images' bar goes once
            they are all done."""
            task = bar.add_task(description, total=total)
            done = itertools.count(1)

            def advance() -> None:
                bar.advance(task)
                if next(done) == total and description != "articles":
                    bar.remove_task(task)

            return advance

        outcomes = importer.import_all(sources, options, fetcher, progress)
    notes = importer.site_notes(options.output, *site) if site else []
    print_summary(outcomes, notes, sys.stdout)
    failed = any(o.status == "failed" or o.image_failures for o in outcomes)
    return 1 if failed else 0


def add_import_parser(commands: Any) -> None:
    command = commands.add_parser(
        "import",
        help="bring NetEase articles in from their URLs (or saved pages), images and all",
        description="Fetch each NetEase article, write it into the site's "
        "content folder as a Pelican source file named after its id, with its "
        "images downloaded beside it. See docs/import.md.",
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
        "--images",
        choices=("local", "remote"),
        default="local",
        help="local: download images into DIR/images/<id>/ (default); "
        "remote: link to them where they are",
    )
    command.add_argument(
        "--format",
        choices=("html", "md"),
        default="html",
        help="the source file written (default: html)",
    )
    command.add_argument("--force", action="store_true", help="download images again")
    command.add_argument(
        "-s",
        "--settings",
        help="the site's settings file (default: ./pelicanconf.py if there is one)",
    )
    command.add_argument(
        "--timeout",
        type=_number(float, 0.001),
        default=20.0,
        metavar="SECONDS",
        help="to connect, and between two pieces of an answer (default: 20)",
    )
    command.add_argument(
        "--retries",
        type=_number(int, 0),
        default=3,
        metavar="N",
        help="tries after the first on a 5xx, a timeout or a broken connection (default: 3)",
    )
    command.add_argument(
        "--jobs",
        type=_number(int, 1),
        default=4,
        metavar="N",
        help="images downloaded at the same time (default: 4)",
    )
    command.add_argument(
        "--max-page-size",
        type=_size,
        default="10M",
        metavar="SIZE",
        help="the largest page taken (default: 10M)",
    )
    command.add_argument(
        "--max-image-size",
        type=_size,
        default="20M",
        metavar="SIZE",
        help="the largest image taken (default: 20M)",
    )
    command.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def main(argv: Sequence[str] | None = None) -> int:
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
