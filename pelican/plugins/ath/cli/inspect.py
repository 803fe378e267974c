"""``pelican-ath inspect FILE…``: what the plugin would publish, and what it
would remove, before anything is published.

It reads each file with the reader Pelican would use (with the site's settings
and pelican-ath registered) and runs the same treatment as a build.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any, TextIO

from pelican.readers import Readers
from pelican.settings import read_settings
from pelican.utils import file_suffix

from .. import plugin
from ..html.flat_document import FlatDocument
from ..html.preclean import Removal
from ..readers.precleaned import take_handed
from ..readers.text_reader import NotAnExport, read_export
from ..settings import AthSettings, SettingsError
from ..state import BuildState
from ..treatment.process import convert_markup, process
from ..treatment.result import Result, options_transform

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
        settings: dict[str, Any] = read_settings(path)
    except OSError:
        raise
    except SyntaxError as err:  # the user's file: one line, no traceback
        raise SettingsError(f"{path}, line {err.lineno}: {err.msg}") from None
    except Exception as err:
        raise SettingsError(f"{path}: {type(err).__name__}: {err}") from None
    plugin.register()
    return settings


def read_raw(
    readers: Readers, path: str
) -> tuple[str, dict[str, Any], list[Removal], FlatDocument | None, str]:
    """Content, metadata, removals made while reading, the flat document read
    on the way (if any), and the reader's name."""
    reader = readers.readers.get(file_suffix(path))
    if reader is None:
        raise SettingsError(f"Pelican has no reader for {os.path.basename(path)}")
    content, metadata = reader.read(path)
    removals, flat = take_handed(metadata)
    return content or "", metadata, removals, flat, type(reader).__name__


def inspect_file(
    readers: Readers, ath: AthSettings, settings: dict[str, Any], path: str
) -> dict[str, Any]:
    """Everything the report says about one file, as plain data."""
    content, metadata, removals, flat, reader_name = read_raw(readers, path)
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
    result: Result = process(content, options, flat=flat)
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
    """One file's report, as text."""
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
    """``pelican-ath inspect``: a report per file; 1 if one could not be read, 2 on bad settings."""
    try:
        settings = load_settings(settings_path)
        ath = BuildState().site(settings).ath
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
