"""``pelican-ath inspect FILE…``: what the plugin would publish, and what it
would remove, before anything is published.

It reads each file with the reader Pelican would use (with the site's settings
and pelican-ath registered) and runs the same treatment as a build.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, TextIO

import lxml.html
from pelican.readers import Readers
from pelican.settings import read_settings
from pelican.utils import file_suffix

from ..html.flat_document import FlatDocument
from ..html.preclean import Removal
from ..html.source import scan
from ..plugin import register
from ..readers.guess import Guess
from ..readers.page_readers import read_page
from ..readers.precleaned import take_handed
from ..readers.text_reader import NotAnExport, ScrapedTextReader, read_export
from ..settings import SCRIPT, AthSettings, SettingsError, normalise_lang
from ..state import BuildState
from ..treatment.options import Treatment
from ..treatment.process import convert_markup, process
from ..treatment.result import Result, options_transform
from ..variants import chinese

if TYPE_CHECKING:
    from ..netease.page import Page

#: How much of a removed text a report shows.
EXCERPT = 80
#: What the plugin does with the blog's own article.
AS_WRITTEN = "nothing: it is published as written"


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
    register()
    return settings


def read_raw(
    readers: Readers, path: str
) -> tuple[str, dict[str, Any], list[Removal], FlatDocument | None, str, list[Guess]]:
    """Content, metadata, removals made while reading, the flat document read
    on the way (if any), the reader's name and what it worked out of the text
    (a scraped export's title and date)."""
    reader = readers.readers.get(file_suffix(path))
    if reader is None:
        raise SettingsError(f"Pelican has no reader for {os.path.basename(path)}")
    guesses: list[Guess] = []
    read = reader.read_export(path) if isinstance(reader, ScrapedTextReader) else None
    if read is not None:
        content, metadata, guesses = read
    else:
        content, metadata = reader.read(path)
    removals, flat = take_handed(metadata)
    return content or "", metadata, removals, flat, type(reader).__name__, guesses


def inspect_file(
    readers: Readers, ath: AthSettings, settings: dict[str, Any], path: str
) -> dict[str, Any]:
    """Everything the report says about one file, as plain data."""
    content, metadata, removals, flat, reader_name, guesses = read_raw(readers, path)
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
    treatment = options.treatment(result.scraped)
    transform = options_transform(options, treatment.punctuation)
    title = str(metadata.get("title", ""))
    page = saved_page(path) if reader_name == "HTMLReader" else None
    translations = [
        (variant, config)
        for variant, config in ath.variants
        if variant != normalise_lang(lang)
        and SCRIPT not in metadata
        and chinese(lang, content, title)
    ]
    removed = len(removals) + len(result.removals)
    return {
        "file": path,
        "reader": reader_name,
        "kind": "scraped" if result.scraped else "your own",
        "layout": page.layout if page else None,
        "metadata": readable_metadata(metadata),
        "sources": [
            {"field": name, "where": where}
            for name, where in (page.sources if page else ())
        ]
        + [
            {"field": guess.field, "where": f"{guess.source}: worked out"}
            for guess in guesses
        ],
        "title": convert_markup(title, transform) if transform else title,
        "script": options.script,
        "punctuation": treatment.punctuation,
        "does": what_it_does(treatment, result, removed, options.script, translations),
        "headings": headings_of(result),
        "toc": result.toc_tree,
        "body": body_preview(result.html),
        "dropped": [
            {"text": text, "reason": reason}
            for text, reason in (page.dropped if page else ())
        ],
        "removed": [asdict(r) for r in removals + result.removals],
        "notes": result.notes,
    }


def what_it_does(
    treatment: Treatment,
    result: Result,
    removed: int,
    script: str | None,
    translations: Sequence[tuple[str, str]],
) -> list[str]:
    """What the plugin does to an article, one item a change (none: it is
    published as written), from the steps its kind gets and what they found.

    >>> own = Treatment(clean=False, ids=False, toc=False, punctuation=False)
    >>> what_it_does(own, Result("<h2>一</h2>"), 0, None, [])
    []
    >>> what_it_does(own, Result("<p>云</p>"), 0, "s2tw", [("zh-hans", "tw2s")])
    ['converts its script (OpenCC s2tw)', 'adds a translation per script variant: zh-hans (tw2s)']
    """
    does = []
    if treatment.clean and removed:
        does.append(f"removes {removed} block(s), listed below")
    if treatment.ids and result.headings:
        does.append("gives its headings ids")
    if result.toc_tree:
        does.append("adds a table of contents")
    if treatment.punctuation:
        does.append("makes punctuation next to Chinese full-width")
    if script:
        does.append(f"converts its script (OpenCC {script})")
    if translations:
        variants = ", ".join(f"{lang} ({config})" for lang, config in translations)
        does.append(f"adds a translation per script variant: {variants}")
    return does


def saved_page(path: str) -> Page | None:
    """The saved NetEase page in ``path`` as the page reader reads it (None
    if it is not one, or cannot be read: the reader has said why)."""
    try:
        with open(path, "rb") as handle:
            return read_page(handle.read())
    except (OSError, ValueError):
        return None


def headings_of(result: Result) -> list[dict[str, Any]]:
    """The article's headings: those the treatment gave ids (scraped, or ids
    opted in), else those the document has as written (``id`` None: none)."""
    if result.headings or result.scraped:
        return [asdict(heading) for heading in result.headings]
    return [
        {"level": found.level, "id": found.id, "title": found.title}
        for found in scan(result.html).headings
    ]


def body_preview(markup: str) -> dict[str, Any]:
    """How many paragraphs the published body has, its first and its last."""
    texts: list[str] = []
    if markup.strip():
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
        for paragraph in root.iter("p"):
            text = " ".join(paragraph.text_content().split())
            if text:
                texts.append(text)
    return {
        "paragraphs": len(texts),
        "first": texts[0] if texts else None,
        "last": texts[-1] if texts else None,
    }


def readable_metadata(metadata: dict[str, Any]) -> dict[str, str]:
    """Each metadata value as text; a value with no text (Pelican's
    placeholder for an empty field, any other object) left out."""
    found = {name: readable(value) for name, value in metadata.items()}
    return {name: text for name, text in found.items() if text is not None}


def readable(value: Any) -> str | None:
    """A metadata value as text: text, numbers and dates as they read, tags
    and authors by name, lists joined; None for what has no text.

    >>> readable(["a", 1]), readable(datetime.datetime(2019, 5, 17, 20, 2))
    ('a, 1', '2019-05-17 20:02:00')
    >>> readable(object()) is None
    True
    """
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return (
            value.isoformat(sep=" ")
            if isinstance(value, datetime.datetime)
            else value.isoformat()
        )
    if isinstance(value, list | tuple):
        items = [readable(item) for item in value]
        return ", ".join(item for item in items if item is not None)
    name = getattr(value, "name", None)  # Pelican's Tag, Author, Category
    return name if isinstance(name, str) else None


def _print_toc(nodes: list[dict[str, Any]], out: TextIO, depth: int = 1) -> None:
    for node in nodes:
        out.write(f"{'  ' * depth}- {node['title']}  #{node['id']}\n")
        _print_toc(node["children"], out, depth + 1)


def print_report(report: dict[str, Any], out: TextIO) -> None:
    """One file's report, as text."""
    out.write(f"== {report['file']}  ({report['reader']})\n")
    out.write(f"kind: {report['kind']}\n")
    if report["layout"]:
        out.write(f"layout: saved NetEase page, {report['layout']}\n")
    out.write("metadata:\n")
    where = {source["field"]: source["where"] for source in report["sources"]}
    for name, value in report["metadata"].items():
        read_from = f"  (from {where[name]})" if name in where else ""
        out.write(f"  {name}: {_excerpt(value)}{read_from}\n")
    out.write(f"title as published: {report['title']}\n")
    script = report["script"] or "none"
    punctuation = "on" if report["punctuation"] else "off"
    out.write(f"script: {script}; full-width punctuation: {punctuation}\n")
    out.write(f"headings ({len(report['headings'])}):\n")
    for heading in report["headings"]:
        anchor = f"#{heading['id']}" if heading["id"] else "(no id)"
        out.write(f"  h{heading['level']} {anchor}  {heading['title']}\n")
    does = "; ".join(report["does"]) or AS_WRITTEN
    out.write(f"what the plugin does: {does}\n")
    if report["toc"]:
        out.write("table of contents:\n")
        _print_toc(report["toc"], out)
    else:
        out.write("table of contents: none\n")
    body = report["body"]
    out.write(f"body: {body['paragraphs']} paragraph(s)\n")
    if body["first"] is not None:
        out.write(f"  first: {_excerpt(body['first'])}\n")
        out.write(f"  last: {_excerpt(body['last'])}\n")
    if report["layout"]:
        out.write(f"dropped by the page reader ({len(report['dropped'])}):\n")
        for dropped in report["dropped"]:
            out.write(f"  {dropped['reason']}: {_excerpt(dropped['text'])}\n")
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
