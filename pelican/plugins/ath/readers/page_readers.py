"""Pelican readers for saved 163.com pages and exporter Markdown.

Thin glue around :mod:`pelican.plugins.ath.netease.page`, :mod:`pelican.plugins.ath.netease.clipper`
and :mod:`pelican.plugins.ath.html.sanitize`:

- :class:`HTMLReader` reads a saved NetEase article page (``.html``,
  ``.htm``) and renders every other HTML file as Pelican's own
  ``HTMLReader`` does;
- :class:`MarkdownReader` cleans SimpRead exports and whole-page scrapes of
  163.com before Markdown renders them, and renders every other Markdown
  file as Pelican's own ``MarkdownReader`` does.

Each file is opened once: what was read to tell its kind is what is
rendered (``render``, Pelican's ``read`` on text already read).

What these readers publish is scraped, untrusted markup: it is sanitised, and
NetEase's images get ``referrerpolicy="no-referrer"``. The classes keep
Pelican's names, so Pelican records the same ``reader`` metadata (``html``,
``markdown``) for every file.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, MutableMapping
from typing import TYPE_CHECKING, Any

from pelican import readers as pelican_readers
from pelican.readers import BaseReader
from pelican.utils import pelican_open

from ..html.limits import SANITISER_DEPTH
from ..html.links import inert_links
from ..html.sanitize import sanitize, scraped_metadata
from ..netease import clipper
from ..netease.images import mark_images
from ..netease.signs import might_be_netease
from ..netease.text import normalise_newlines
from ..pelican_compat import decode_like_pelican_open, render_html, render_markdown
from ..settings import SCRAPED
from .encoding import PageEncodingError, decode_page
from .text_export import drop_placement, split_header
from .text_reader import guess_title_and_date

if TYPE_CHECKING:  # BeautifulSoup is loaded only when a page needs it
    from ..netease.page import Page

logger = logging.getLogger(__name__)


class SavedFileError(ValueError):
    """A saved page or export that cannot be read; the message names the file."""


def publishable(markup: str, *, writer_markup: bool = False) -> str:
    """Scraped markup made safe to publish (no script, no Pelican link),
    NetEase images loadable; with ``writer_markup`` (Pelican's own readers
    wrote it), classes and ids kept."""
    return inert_links(mark_images(sanitize(markup, writer_markup=writer_markup)))


def publishable_from(
    source_path: str, markup: str, *, writer_markup: bool = False
) -> str:
    """:func:`publishable` for markup a reader made (not yet flattened as a
    saved page's body is): elements nested deeper than the sanitiser's limit
    are taken out first, their text kept, with a warning naming the file
    (the sanitiser's time grows with the square of the depth)."""
    from ..netease.page import flatten_deep  # BeautifulSoup's module: scraped only

    markup, flattened = flatten_deep(markup)
    if flattened:
        logger.warning(
            "%s: nests elements more than %d levels deep; %s element(s) below "
            "that were taken out, their text kept",
            source_path,
            SANITISER_DEPTH,
            f"{flattened:,}",
        )
    return publishable(markup, writer_markup=writer_markup)


def _processed(reader: BaseReader, found: Mapping[str, Any]) -> dict[str, Any]:
    """Metadata found in a page, made safe (scraped text is text, addresses
    only ``http(s)``), through Pelican's processors (a date is already a
    datetime and stays one)."""
    return {
        name: value if name == "date" else reader.process_metadata(name, value)
        for name, value in scraped_metadata(found).items()
    }


def complete(
    reader: BaseReader, source_path: str, metadata: MutableMapping[str, Any]
) -> None:
    """A title and a date for a file that gives none, with one warning, as the
    scraped-text reader does."""
    note = guess_title_and_date(reader, source_path, metadata)
    if note:
        logger.warning("%s %s", source_path, note)


def read_page(data: bytes) -> Page | None:
    """A saved page's bytes read; None if it is not a NetEase article page.

    Raises :class:`PageEncodingError` for a page that looks like NetEase's but
    whose encoding cannot be determined, and
    :class:`~pelican.plugins.ath.netease.page.UnknownLayout` for a NetEase
    page in a layout the reader does not know.
    """
    if not might_be_netease(data):
        return None
    from ..netease.page import parse_page  # BeautifulSoup: only for pages

    return parse_page(decode_page(data).text)


def log_date_source(source_path: str, page: Page) -> None:
    """Say (INFO) where a page's date came from when it is not one of the
    page's own fields."""
    from ..netease.page import HTMLDATE

    where = dict(page.sources).get("date")
    if page.date is not None and where == HTMLDATE:
        logger.info(
            "%s: no publication time of its own (%s layout); dated %s by htmldate",
            source_path,
            page.layout,
            page.date.strftime("%Y-%m-%d %H:%M"),
        )


class HTMLReader(pelican_readers.HTMLReader):  # type: ignore[misc]  # Pelican ships no types
    """Saved NetEase article pages; any other HTML as Pelican reads it."""

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """A saved NetEase page as its article and metadata; any other file as Pelican reads it."""
        with open(source_path, "rb") as handle:
            data = handle.read()
        if not might_be_netease(data):
            return self.render(source_path, data)  # the file is read once
        # BeautifulSoup is imported only when a page may be NetEase's.
        from ..netease.page import UnknownLayout, parse_page

        try:
            decoded = decode_page(data)
        except PageEncodingError as err:
            logger.error("%s: %s", source_path, err)
            raise SavedFileError(f"{source_path}: {err}") from None
        try:
            page = parse_page(decoded.text)
        except UnknownLayout as err:
            logger.error(
                "%s: %s; not published (never the whole page)", source_path, err
            )
            raise SavedFileError(f"{source_path}: {err}") from None
        if page is None:  # decoded once: rendered from the text read
            return self.render_text(source_path, normalise_newlines(decoded.text))
        logger.debug("%s: saved NetEase page (%s layout)", source_path, page.layout)
        for note in decoded.notes + page.notes:
            logger.warning("%s: %s", source_path, note)
        log_date_source(source_path, page)
        metadata = _processed(self, page.metadata())
        metadata[SCRAPED] = "saved page"
        complete(self, source_path, metadata)
        return publishable(page.body), metadata

    def render(self, source_path: str, data: bytes) -> tuple[str, dict[str, Any]]:
        """What Pelican's ``HTMLReader.read`` makes of a file that holds
        ``data``: decoded as ``pelican_open`` decodes a file (UTF-8, a BOM
        dropped, universal newlines), its body and its metadata."""
        return self.render_text(source_path, decode_like_pelican_open(data))

    def render_text(self, source_path: str, text: str) -> tuple[str, dict[str, Any]]:
        """What Pelican's ``HTMLReader.read`` makes of a file that holds ``text``."""
        return render_html(self, source_path, text)


class MarkdownReader(pelican_readers.MarkdownReader):  # type: ignore[misc]  # Pelican ships no types
    """Exporter Markdown (SimpRead, whole-page 163.com scrapes) cleaned
    before it is rendered; any other Markdown as Pelican reads it."""

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """A clipper export cleaned, then rendered; any other file as Pelican reads it."""
        with pelican_open(source_path) as text:
            header, body = split_header(text)
        export = clipper.clean_export(body)
        if export is None:
            return self.render(source_path, text)  # the file is read once
        logger.debug("%s: %s export", source_path, export.kind)
        # A header of your own stays (and wins); without one, a blank first
        # line keeps Markdown from reading the article's first line as one.
        prefix = text[: len(text) - len(body)] if header else "\n"
        content, own = self.render(source_path, prefix + export.markdown)
        metadata = _processed(self, export.metadata) | {SCRAPED: export.kind} | own
        note = drop_placement(metadata)
        if note:
            logger.warning("%s %s", source_path, note)
        complete(self, source_path, metadata)
        return publishable_from(source_path, content), metadata

    def render(self, source_path: str, text: str) -> tuple[str, dict[str, Any]]:
        """What Pelican's ``MarkdownReader.read`` makes of a file that holds
        ``text``: its HTML and its metadata."""
        return render_markdown(self, source_path, text)


def register(reader_classes: MutableMapping[str, Any]) -> None:
    """Put these readers where Pelican's own HTML and Markdown readers are
    (not where ``READERS`` or another plugin put a reader of their own)."""
    ours: dict[type, type[BaseReader]] = {
        pelican_readers.HTMLReader: HTMLReader,
        pelican_readers.MarkdownReader: MarkdownReader,
    }
    for extension, reader_class in list(reader_classes.items()):
        replacement = ours.get(reader_class)
        if replacement is not None and replacement.enabled:
            reader_classes[extension] = replacement
