"""Pelican reader for scraped text exports (``.txt`` by default).

It claims only scraped exports: a file that shows it is one (NetEase's
disclaimer, a lost image ``![]()``, NetEase page residue, the format's own
``Key: value`` header) or that the user names (``ATH_SCRAPED_FILES``, or
``ath_scraped: true`` in its ``EXTRA_PATH_METADATA``). Any other text file (a
note of the author's, ``robots.txt`` and the like, a file in
``STATIC_PATHS`` or placed by ``EXTRA_PATH_METADATA``'s ``path``, a binary
file) is handed back to Pelican with ``status: skip``, so it is published
exactly as without the plugin (copied as a static file where the site says
so).

``EXTRA_PATH_METADATA`` for an export is its metadata: what it gives wins
over what the reader works out, a header in the file over both (as Pelican
does for every reader). What neither gives, the reader works out from the
text (:mod:`.guess`: a title, a date from a dateline, else the file time)
and says so at INFO.

A file that cannot be published (empty, binary, only a header or only
platform boilerplate, an invalid ``Date:``) is an error that names the file;
Pelican then skips it and builds the rest. A file that can be published with
something to say (GBK/Big5 instead of UTF-8, control characters, a paragraph
that lost its line breaks, the size of many articles) is published with a
warning.
"""

from __future__ import annotations

import datetime
import fnmatch
import logging
import os
import re
from collections.abc import Mapping, MutableMapping
from typing import Any, ClassVar

from pelican.readers import BaseReader, parse_path_metadata, path_metadata

from ..chinese.charclass import has_han
from ..html.links import inert_links
from ..html.sanitize import metadata_text, scraped_metadata
from ..i18n import static_paths
from ..netease.boilerplate import chrome_reason, disclaimer_start
from ..netease.signs import PAGE_DOMAINS, on_domains
from ..netease.text import normalise_newlines
from ..settings import SCRAPED, SettingsError, parse_scraped, parse_scraped_files
from .encoding import text_of
from .guess import Guess, guess_date, guess_title
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


def relative_path(source_path: str, settings: Mapping[str, Any]) -> str:
    """``source_path`` relative to ``PATH``, with ``/`` between folders (as
    Pelican names a file in ``EXTRA_PATH_METADATA``)."""
    return _posix(os.path.relpath(source_path, settings.get("PATH") or "."))


def given_metadata(source_path: str, settings: Mapping[str, Any]) -> dict[str, Any]:
    """What Pelican gives the file before its reader does: its
    ``EXTRA_PATH_METADATA`` (its folders' entries too, the most specific
    winning) and, with ``DEFAULT_DATE = "fs"``, its date (Pelican's own
    ``path_metadata``, which ``Readers.read_file`` merges the reader's
    metadata over)."""
    relative = relative_path(source_path, settings)
    found: dict[str, Any] = path_metadata(source_path, relative, settings)
    return found


def not_an_export(
    source_path: str,
    settings: Mapping[str, Any],
    given: Mapping[str, Any] | None = None,
) -> str | None:
    """Why ``source_path`` is not a scraped export, from its place, its name
    and what ``EXTRA_PATH_METADATA`` gives it (``given``) alone; None if it
    may be one.

    >>> settings = {"PATH": "/s/content", "STATIC_PATHS": ["extra", "images"]}
    >>> not_an_export("/s/content/extra/robots.txt", settings)
    "it is in STATIC_PATHS ('extra')"
    >>> not_an_export("/s/content/LICENSE.txt", settings)
    'LICENSE.txt is a project or site file'
    >>> not_an_export("/s/content/misc/ads.txt", settings, {"path": "ads.txt"})
    "its EXTRA_PATH_METADATA places it at 'ads.txt' (a file published as it is)"
    >>> not_an_export("/s/content/posts/阿里.txt", settings, {"title": "阿里"}) is None
    True
    """
    if given and "path" in given:
        return (
            f"its EXTRA_PATH_METADATA places it at {given['path']!r} "
            "(a file published as it is)"
        )
    relative = relative_path(source_path, settings)
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


def named_in(relative: str, patterns: tuple[str, ...]) -> str | None:
    """The first of ``patterns`` (``ATH_SCRAPED_FILES``) that names the file
    at ``relative`` (relative to ``PATH``, ``/`` between folders): the same
    path, a folder it is in, or a glob pattern matching its path (``*``
    matches across folders too); None if none does.

    >>> named_in("notes/a.txt", ("notes/*.txt",)), named_in("notes/a.txt", ("notes",))
    ('notes/*.txt', 'notes')
    >>> named_in("hello.txt", ("000_*.txt", "notes/")) is None
    True
    """
    for pattern in patterns:
        written = _posix(pattern.replace("\\", "/"))
        if relative == written or relative.startswith(written + "/"):
            return pattern
        if fnmatch.fnmatchcase(relative, written):
            return pattern
    return None


def chosen(
    source_path: str, settings: Mapping[str, Any], given: Mapping[str, Any]
) -> str | None:
    """How the user says the file is a scraped export (``ath_scraped`` in its
    ``EXTRA_PATH_METADATA``, ``ATH_SCRAPED_FILES``); None if they do not.
    :class:`NotAnExport` if its ``ath_scraped`` says it is not one."""
    if SCRAPED in given:
        try:
            scraped = parse_scraped(given[SCRAPED])
        except SettingsError as err:
            raise ScrapedFileError(
                f"{source_path}: EXTRA_PATH_METADATA gives {err}"
            ) from None
        if not scraped:
            raise NotAnExport(f"its EXTRA_PATH_METADATA says {SCRAPED}: false")
        return f"its EXTRA_PATH_METADATA says {SCRAPED}: {given[SCRAPED]!r}"
    patterns = parse_scraped_files(
        settings.get("ATH_SCRAPED_FILES", ()), "ATH_SCRAPED_FILES"
    )
    pattern = named_in(relative_path(source_path, settings), patterns)
    return None if pattern is None else f"ATH_SCRAPED_FILES names it ({pattern!r})"


def export_sign(text: str) -> str | None:
    """What shows that ``text`` is a scraped export: the format's header
    (only known keys, :data:`HEADER_KEYS`), or a line that is NetEase's
    residue (a lost image, the disclaimer, page chrome: the cleaner's rules,
    :func:`is_boilerplate_line`; a disclaimer glued to a paragraph; the
    address of a NetEase page on a line of its own). None if it shows none.

    >>> export_sign("Title: 阿里\\n\\n正文")
    'it starts with the header of a scraped export (Title: …)'
    >>> export_sign("![]()\\n3月16日，阿里巴巴宣布…")
    'it has NetEase residue (a lost image: ![]())'
    >>> print(export_sign("你好，世界"))
    None
    >>> print(export_sign("方法::\\n\\n    df.rename(columns=m)\\n\\n网易的邮箱很好用。"))
    None
    """
    header, _ = split_header(text, HEADER_KEYS)
    if header:
        return f"it starts with the header of a scraped export ({next(iter(header)).title()}: …)"
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if is_boilerplate_line(line) or disclaimer_start(line) is not None:
            return f"it has NetEase residue ({residue_kind(line)}: {line[:20]})"
        if "163.com" in line and " " not in line and on_domains(line, PAGE_DOMAINS):
            return f"it gives the address of a NetEase page ({line[:60]})"
    return None


def residue_kind(line: str) -> str:
    """What kind of NetEase residue a line is (one :func:`export_sign` found)."""
    if IMAGE_LINE.fullmatch(line):
        return "a lost image"
    return chrome_reason(line) or "NetEase's disclaimer"


def read_export(source_path: str, settings: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The text of a scraped export and what there is to say about it;
    :class:`NotAnExport` if the file is not one (nor named as one),
    :class:`ScrapedFileError` if it is named as one and cannot be read."""
    given = given_metadata(source_path, settings)
    reason = not_an_export(source_path, settings, given)
    if reason is not None:
        raise NotAnExport(reason)
    named = chosen(source_path, settings, given)
    try:
        text, notes = read_text(source_path)
    except ScrapedFileError as err:
        if named:
            raise
        raise NotAnExport(str(err).removeprefix(f"{source_path}: ")) from None
    if named:
        return text, notes
    if not has_han(text):
        raise NotAnExport("it has no Chinese text")
    if export_sign(text) is None:
        raise NotAnExport(
            "it shows no sign of a scraped export (no NetEase disclaimer, lost "
            "image, page residue or header); name it in ATH_SCRAPED_FILES or "
            f"give it {SCRAPED}: true in EXTRA_PATH_METADATA to read it as one"
        )
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


def file_time(source_path: str) -> datetime.datetime:
    """The file's modification time, to the second (local time, naive, as
    Pelican's ``DEFAULT_DATE = "fs"`` reads it)."""
    stamp = datetime.datetime.fromtimestamp(os.path.getmtime(source_path))
    return stamp.replace(microsecond=0)


def guess_title_and_date(
    reader: BaseReader, source_path: str, metadata: MutableMapping[str, Any]
) -> str | None:
    """Fill in a missing title (the file name) and date (the file time, unless
    Pelican gets one elsewhere: ``EXTRA_PATH_METADATA`` included); the note
    to log, or None."""
    given = given_metadata(source_path, reader.settings)
    guessed = []
    if "title" not in metadata and "title" not in given:
        title = title_from_path(source_path)
        metadata["title"] = reader.process_metadata("title", metadata_text(title))
        guessed.append(f"title {title!r} from the file name")
    if (
        "date" not in metadata
        and "date" not in given
        and not date_elsewhere(reader, source_path)
    ):
        metadata["date"] = file_time(source_path)
        guessed.append(f"date {metadata['date']:%Y-%m-%d %H:%M} from the file time")
    if not guessed:
        return None
    fields = " or ".join(name.split()[0] for name in guessed)
    return f"gives no {fields}; using the {' and the '.join(guessed)}"


def text_lines(body: str) -> list[str]:
    """The lines of a body a reader reads: not empty, not an image line, not
    NetEase boilerplate (:func:`is_boilerplate_line`).

    >>> text_lines("![]()\\n\\n 3月16日，阿里… \\n![图](a.png)\\n特别声明：以上内容")
    ['3月16日，阿里…', '特别声明：以上内容']
    """
    lines = (line.strip() for line in body.split("\n"))
    return [
        line
        for line in lines
        if line and not IMAGE_LINE.fullmatch(line) and not is_boilerplate_line(line)
    ]


def without_line(body: str, line: str) -> str:
    """``body`` without the first line that reads ``line`` (spaces at its
    ends aside).

    >>> without_line("![]()\\n理性的退出\\n正文", "理性的退出")
    '![]()\\n正文'
    """
    lines = body.split("\n")
    for number, found in enumerate(lines):
        if found.strip() == line:
            return "\n".join(lines[:number] + lines[number + 1 :])
    return body


def given_values(
    reader: BaseReader,
    source_path: str,
    given: Mapping[str, Any],
    metadata: Mapping[str, Any],
) -> dict[str, Any]:
    """What ``EXTRA_PATH_METADATA`` gives an export (``given``) and its
    header does not (``metadata``), written as a header's values are (text,
    or a list of text for tags and authors) and processed as Pelican
    processes a header's: ``{"tags": "阿里巴巴, 大模型", "date": "2026-03-16"}``
    becomes tags and a date. Pelican itself hands these values on as they
    are written; a value that is already Pelican's (a ``datetime``, tags)
    stays as it is."""
    found = {}
    for name, value in given.items():
        if name in metadata or name == "path":
            continue
        written = isinstance(value, str) or (
            isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        )
        if not written:
            continue
        try:
            found[name] = reader.process_metadata(name, value)
        except (ValueError, TypeError, AttributeError) as err:
            raise ScrapedFileError(
                f"{source_path}: EXTRA_PATH_METADATA gives {name}: {value!r}, "
                f"which cannot be used ({err})"
            ) from None
    return found


def complete_export(
    reader: BaseReader,
    source_path: str,
    metadata: MutableMapping[str, Any],
    body: str,
    given: Mapping[str, Any],
) -> tuple[str, list[Guess]]:
    """Work out what neither the file's header (``metadata``) nor Pelican
    (``given``: ``EXTRA_PATH_METADATA``, ``DEFAULT_DATE``, ``FILENAME_METADATA``)
    gives: a title from the text (:func:`~.guess.guess_title`; a first line
    taken as the title leaves the body), a date from a dateline, else the
    file time (:func:`~.guess.guess_date`). The body and what was guessed."""
    lines = text_lines(body)
    guesses = []
    if "title" not in metadata and "title" not in given:
        title = guess_title(lines) or Guess(
            "title", title_from_path(source_path), "the file name"
        )
        metadata["title"] = reader.process_metadata("title", metadata_text(title.value))
        if title.source == "the first line":
            body = without_line(body, title.value)
        guesses.append(title)
    if (
        "date" not in metadata
        and "date" not in given
        and not date_elsewhere(reader, source_path)
    ):
        metadata["date"], date = guess_date(lines, file_time(source_path))
        guesses.append(date)
    return body, guesses


def describe(guesses: list[Guess]) -> str:
    """What the reader worked out, as the log says it.

    >>> describe([Guess("title", "阿里", "the opening sentence"),
    ...           Guess("date", "2026-03-16", "the dateline '3月16日，'")])
    "gives no title or date; worked out the title '阿里' from the opening sentence and the date 2026-03-16 from the dateline '3月16日，'"
    """
    fields = " or ".join(guess.field for guess in guesses)
    found = [
        f"the {g.field} {repr(g.value) if g.field == 'title' else g.value} "
        f"from {g.source}"
        for g in guesses
    ]
    return f"gives no {fields}; worked out {' and '.join(found)}"


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
        read = self.read_export(source_path)
        if read is None:
            return "", dict(SKIP)
        content, metadata, guesses = read
        if guesses:
            logger.info("%s %s", source_path, describe(guesses))
        return content, metadata

    def read_export(
        self, source_path: str
    ) -> tuple[str, dict[str, Any], list[Guess]] | None:
        """HTML, metadata and what was worked out of a scraped export (its
        notes logged as warnings); None for a file that is not one."""
        try:
            text, notes = read_export(source_path, self.settings)
        except NotAnExport as reason:
            logger.debug(
                "%s: not a scraped export (%s); left to Pelican", source_path, reason
            )
            return None
        except ScrapedFileError as err:
            logger.error("%s", err)
            raise
        try:
            content, metadata, guesses = self._read(source_path, text, notes)
        except ScrapedFileError as err:
            logger.error("%s", err)
            raise
        for note in notes:
            logger.warning("%s %s", source_path, note)
        return content, metadata, guesses

    def _read(
        self, source_path: str, text: str, notes: list[str]
    ) -> tuple[str, dict[str, Any], list[Guess]]:
        metadata, body, header_note = read_header(self, text)
        notes += [n for n in (header_note, drop_placement(metadata)) if n]
        notes += check_body(body, source_path)
        given = given_metadata(source_path, self.settings)
        metadata.update(given_values(self, source_path, given, metadata))
        body, guesses = complete_export(self, source_path, metadata, body, given)
        metadata.setdefault(SCRAPED, "text export")
        return inert_links(body_to_html(body)), metadata, guesses
