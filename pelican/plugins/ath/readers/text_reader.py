"""Pelican reader for scraped text exports (``.txt`` by default).

It claims only scraped exports: a text file that is not one (``robots.txt``
and the like, a file in ``STATIC_PATHS`` or with ``EXTRA_PATH_METADATA``, a
file without Chinese text, a binary file) is handed back to Pelican with
``status: skip``, so it is published exactly as without the plugin (copied
as a static file where the site says so).

A file that cannot be published (empty, binary, only a header or only
platform boilerplate, an invalid ``Date:``) is an error that names the file;
Pelican then skips it and builds the rest. A file that can be published with
something to say (GBK/Big5 instead of UTF-8, control characters, a paragraph
that lost its line breaks, the size of many articles) is published with a
warning.
"""

from __future__ import annotations

import datetime
import logging
import os
import re
from collections.abc import Mapping, MutableMapping
from typing import Any, ClassVar

from pelican.readers import BaseReader, parse_path_metadata

from ..chinese.charclass import has_han
from ..html.links import inert_links
from ..html.sanitize import metadata_text, scraped_metadata
from ..i18n import static_paths
from ..netease.boilerplate import chrome_reason, disclaimer_start
from ..netease.text import normalise_newlines
from ..settings import SCRAPED
from .encoding import text_of
from .text_export import (
    HEADER_KEYS,
    IMAGE_LINE,
    body_to_html,
    drop_placement,
    split_header,
)

logger = logging.getLogger(__name__)

#: Control characters that have no place in text (tab and newlines excepted).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: A paragraph longer than this most likely lost its line breaks.
LONG_PARAGRAPH = 10_000
#: A scraped article larger than this (in characters) is most likely several.
LARGE_ARTICLE = 1_000_000


#: Plain-text files that sites publish as they are (site conventions,
#: project files): never a scraped export.
WELL_KNOWN_FILES = frozenset(
    {
        "robots.txt", "humans.txt", "ads.txt", "app-ads.txt", "security.txt",
        "keybase.txt", "llms.txt", "llms-full.txt", "sitemap.txt",
        "requirements.txt", "cname",
    }
)  # fmt: skip
#: File names starting with one of these are project files, not exports.
WELL_KNOWN_STEMS = (
    "license", "licence", "copying", "copyright", "readme", "changelog",
    "changes", "history", "news", "notice", "authors", "contributors", "todo",
)  # fmt: skip
#: The ``status`` that makes Pelican skip a file it was given (no article, no
#: failure recorded: a static path still copies it).
SKIP = {"status": "skip"}


class ScrapedFileError(ValueError):
    """A scraped file that cannot be published; the message names the file."""


class NotAnExport(ValueError):
    """A file the reader does not claim; the message says why."""


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    """The text of a scraped file and what there is to say about it."""
    if not data.strip():
        raise ScrapedFileError(f"{path}: the file is empty; nothing to publish")
    found = text_of(data)
    if found is None:
        raise ScrapedFileError(
            f"{path}: not text (neither UTF-8, GBK nor Big5); is it a binary "
            "file with a text file's name?"
        )
    text, notes = found
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise ScrapedFileError(
            f"{path}: not text ({controls} control characters such as NUL); is it "
            "a binary file with a text file's name?"
        )
    if controls:
        text = _CONTROL.sub("", text)
        notes.append(f"had {controls} control character(s) such as NUL; removed")
    return normalise_newlines(text), notes


def _posix(path: str) -> str:
    return os.path.normpath(path).replace(os.sep, "/").strip("/")


def not_an_export(source_path: str, settings: Mapping[str, Any]) -> str | None:
    """Why ``source_path`` is not a scraped export, from its place and name
    alone; None if it may be one.

    >>> settings = {"PATH": "/s/content", "STATIC_PATHS": ["extra", "images"],
    ...             "EXTRA_PATH_METADATA": {"misc/ads.txt": {"path": "ads.txt"}}}
    >>> not_an_export("/s/content/extra/robots.txt", settings)
    "it is in STATIC_PATHS ('extra')"
    >>> not_an_export("/s/content/LICENSE.txt", settings)
    'LICENSE.txt is a project or site file'
    >>> not_an_export("/s/content/posts/阿里.txt", settings) is None
    True
    """
    relative = _posix(os.path.relpath(source_path, settings.get("PATH") or "."))
    extra = settings.get("EXTRA_PATH_METADATA") or {}
    if relative in {_posix(key) for key in extra}:
        return "it has EXTRA_PATH_METADATA (a file published as it is)"
    for static in static_paths(settings):
        folder = _posix(static)
        if folder in ("", ".") or folder.startswith(".."):
            continue  # the whole content folder: that says nothing
        if relative == folder or relative.startswith(folder + "/"):
            return f"it is in STATIC_PATHS ({static!r})"
    name = os.path.basename(source_path)
    lower = name.lower()
    if lower in WELL_KNOWN_FILES or lower.startswith(WELL_KNOWN_STEMS):
        return f"{name} is a project or site file"
    return None


def read_export(source_path: str, settings: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The text of a scraped export and what there is to say about it;
    :class:`NotAnExport` if the file is not one."""
    reason = not_an_export(source_path, settings)
    if reason is not None:
        raise NotAnExport(reason)
    try:
        text, notes = read_text(source_path)
    except ScrapedFileError as err:
        raise NotAnExport(str(err).removeprefix(f"{source_path}: ")) from None
    if not has_han(text):
        raise NotAnExport("it has no Chinese text")
    return text, notes


def read_text(path: str) -> tuple[str, list[str]]:
    """The text of a file and what there is to say about it (:func:`decode`)."""
    with open(path, "rb") as handle:
        return decode(handle.read(), path)


def title_from_path(path: str) -> str:
    """``content/000_8bdecda8eb2986dd.txt`` -> ``000_8bdecda8eb2986dd``."""
    return os.path.splitext(os.path.basename(path))[0]


def is_boilerplate_line(line: str) -> bool:
    """A lost image, the NetEase disclaimer or NetEase page chrome."""
    image = IMAGE_LINE.fullmatch(line)
    if image is not None and not image.group("src"):
        return True
    return disclaimer_start(line) == 0 or chrome_reason(line) is not None


def check_body(body: str, path: str) -> list[str]:
    """Raise if the body has nothing to publish; notes about what is odd."""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if not lines:
        raise ScrapedFileError(f"{path}: has a header but no text; nothing to publish")
    if all(is_boilerplate_line(line) for line in lines):
        raise ScrapedFileError(
            f"{path}: has only NetEase boilerplate (the disclaimer, lost images); "
            "nothing to publish"
        )
    notes = []
    size = sum(len(line) for line in lines)
    if size > LARGE_ARTICLE:
        notes.append(
            f"has {size:,} characters of text, far more than one article; "
            "was more than one page scraped into it?"
        )
    longest = max(len(line) for line in lines)
    if longest > LONG_PARAGRAPH:
        notes.append(
            f"has a paragraph of {longest:,} characters; were its line breaks lost?"
        )
    return notes


def date_elsewhere(reader: BaseReader, source_path: str) -> bool:
    """Whether Pelican gets a date without the file giving one (``DEFAULT_DATE``
    or ``FILENAME_METADATA``)."""
    if reader.settings.get("DEFAULT_DATE"):
        return True
    path_metadata = parse_path_metadata(
        source_path=os.path.basename(source_path),
        settings=reader.settings,
        process=reader.process_metadata,
    )
    return "date" in path_metadata


def guess_title_and_date(
    reader: BaseReader, source_path: str, metadata: MutableMapping[str, Any]
) -> str | None:
    """Fill in a missing title (the file name) and date (the file time, unless
    Pelican gets one elsewhere); the note to log, or None."""
    guessed = []
    if "title" not in metadata:
        title = title_from_path(source_path)
        metadata["title"] = reader.process_metadata("title", metadata_text(title))
        guessed.append(f"title {title!r} from the file name")
    if "date" not in metadata and not date_elsewhere(reader, source_path):
        stamp = datetime.datetime.fromtimestamp(os.path.getmtime(source_path))
        metadata["date"] = stamp.replace(microsecond=0)
        guessed.append(f"date {metadata['date']:%Y-%m-%d %H:%M} from the file time")
    if not guessed:
        return None
    fields = " or ".join(name.split()[0] for name in guessed)
    return f"gives no {fields}; using the {' and the '.join(guessed)}"


def read_header(
    reader: BaseReader, text: str
) -> tuple[dict[str, Any], str, str | None]:
    """``(metadata, body, note)``: the header of known Pelican keys
    (:data:`HEADER_KEYS`) and the text after it. A header whose values Pelican
    cannot use (``Date: 明天我们再谈…``) is no header: its lines are text, and
    the note says why."""
    header, body = split_header(text, HEADER_KEYS)
    metadata = {}
    for name, value in scraped_metadata(header).items():
        try:
            metadata[name] = reader.process_metadata(name, value)
        except ValueError as err:
            return (
                {},
                text,
                f"starts with lines that look like a header, but {name.title()}: "
                f"{header[name]!r} cannot be used ({err}; dates look like "
                "2026-03-16 or 2026-03-16 12:00); published them as text",
            )
    return metadata, body, None


class ScrapedTextReader(BaseReader):  # type: ignore[misc]  # Pelican ships no types
    """Reads a scraped export: optional ``Key: value`` header, then the body.

    Registered for the extensions in ``ATH_READER_EXTENSIONS`` by the plugin,
    not by Pelican's automatic discovery (hence no ``file_extensions``).
    """

    enabled = True
    file_extensions: ClassVar[list[str]] = []

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """A scraped export as HTML and metadata; any other file skipped (``status: skip``)."""
        try:
            text, notes = read_export(source_path, self.settings)
        except NotAnExport as reason:
            logger.debug(
                "%s: not a scraped export (%s); left to Pelican", source_path, reason
            )
            return "", dict(SKIP)
        try:
            content, metadata, notes = self._read(source_path, text, notes)
        except ScrapedFileError as err:
            logger.error("%s", err)
            raise
        for note in notes:
            logger.warning("%s %s", source_path, note)
        return content, metadata

    def _read(
        self, source_path: str, text: str, notes: list[str]
    ) -> tuple[str, dict[str, Any], list[str]]:
        metadata, body, header_note = read_header(self, text)
        notes += [n for n in (header_note, drop_placement(metadata)) if n]
        notes += check_body(body, source_path)
        note = guess_title_and_date(self, source_path, metadata)
        if note:
            notes.append(note)
        metadata.setdefault(SCRAPED, "text export")
        return inert_links(body_to_html(body)), metadata, notes
