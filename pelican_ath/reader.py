"""Pelican reader for scraped text exports (``.txt`` by default)."""

from __future__ import annotations

import datetime
import logging
import os
from typing import ClassVar

from pelican.readers import BaseReader, parse_path_metadata

from .scraped import body_to_html, split_header

logger = logging.getLogger(__name__)


class ScrapedFileError(ValueError):
    """A scraped file that cannot be read; the message names the file."""


def read_text(path: str) -> str:
    """The file's text: UTF-8 (with or without BOM), newlines normalised."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ScrapedFileError(
            f"{path}: not UTF-8 text (byte {err.start}); save it as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def title_from_path(path: str) -> str:
    """``content/000_8bdecda8eb2986dd.txt`` -> ``000_8bdecda8eb2986dd``."""
    return os.path.splitext(os.path.basename(path))[0]


class ScrapedTextReader(BaseReader):
    """Reads a scraped export: optional ``Key: value`` header, then the body.

    Registered for the extensions in ``ATH_READER_EXTENSIONS`` by the plugin,
    not by Pelican's automatic discovery (hence no ``file_extensions``).
    """

    enabled = True
    file_extensions: ClassVar[list[str]] = []

    def read(self, source_path: str) -> tuple[str, dict]:
        try:
            text = read_text(source_path)
        except ScrapedFileError as err:
            logger.error("%s", err)
            raise
        header, body = split_header(text)
        metadata = {
            name: self.process_metadata(name, value) for name, value in header.items()
        }
        guessed = []
        if "title" not in metadata:
            title = title_from_path(source_path)
            metadata["title"] = self.process_metadata("title", title)
            guessed.append(f"title {title!r} from the file name")
        if "date" not in metadata and not self._date_elsewhere(source_path):
            stamp = datetime.datetime.fromtimestamp(os.path.getmtime(source_path))
            metadata["date"] = stamp.replace(microsecond=0)
            guessed.append(f"date {metadata['date']:%Y-%m-%d %H:%M} from the file time")
        if guessed:
            logger.warning(
                "%s has no %s header; using the %s",
                source_path,
                " or ".join(f"{name.split()[0].title()}:" for name in guessed),
                " and the ".join(guessed),
            )
        return body_to_html(body), metadata

    def _date_elsewhere(self, source_path: str) -> bool:
        """Whether Pelican gets a date without the header (``DEFAULT_DATE`` or
        ``FILENAME_METADATA``)."""
        if self.settings.get("DEFAULT_DATE"):
            return True
        path_metadata = parse_path_metadata(
            source_path=os.path.basename(source_path),
            settings=self.settings,
            process=self.process_metadata,
        )
        return "date" in path_metadata
