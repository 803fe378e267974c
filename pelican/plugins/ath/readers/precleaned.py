"""Every other reader, pre-cleaned: its output loses ``<img>`` tags with an
empty ``src`` before Pelican's empty-``alt`` check warns about lost images.

A document that had one is marked ``ath_scraped`` (lost images are NetEase
residue) and, being scraped, sanitised as saved pages are (a flat document,
only paragraphs, headings and images, holds nothing to sanitise). The
wrapper class keeps the wrapped class's name, which Pelican
records as the ``reader`` metadata.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, MutableMapping
from typing import Any, ClassVar

from pelican.readers import BaseReader

from .. import pelican_compat as compat
from ..html.preclean import Removal, drop_empty_image_tags
from ..settings import SCRAPED
from .page_readers import publishable_from

Report = Callable[[str, list[Removal]], None]


def _nobody(path: str, removals: list[Removal]) -> None:
    """Where removals go unless the plugin says otherwise."""


class PrecleanedReader(BaseReader):
    """A reader whose output has no ``<img>`` with an empty ``src``; made per
    reader class by :func:`precleaned`."""

    #: The reader class this one pre-cleans.
    wrapped: ClassVar[type[BaseReader]] = BaseReader
    #: Told what was removed from which file (the plugin counts it).
    report: ClassVar[Report] = staticmethod(_nobody)

    def read(self, source_path: str) -> tuple[str, dict]:
        """The wrapped reader's output, without ``<img>`` tags with an empty ``src``."""
        content, metadata, removals = self.read_unreported(source_path)
        if removals:
            type(self).report(source_path, removals)
        return content, metadata

    def read_unreported(self, source_path: str) -> tuple[str, dict, list[Removal]]:
        """What :meth:`read` returns, and the removals, reported to nobody."""
        content, metadata = self.wrapped.read(self, source_path)
        content, removals, flat = _precleaned(content)
        if removals:
            metadata.setdefault(SCRAPED, "lost images")
            if not flat:
                content = publishable_from(source_path, content, writer_markup=True)
        return content, metadata, removals


def preclean(content: str) -> tuple[str, list[Removal]]:
    """``content`` without ``<img>`` tags with an empty ``src``.

    A flat document whose lost images are paragraphs of their own (what
    Pelican's HTML reader and Markdown write for a scraper's ``![]()``) is
    read once, here: its blocks are kept for the pipeline
    (:func:`~pelican.plugins.ath.flat_article.remember`). Any other goes
    through :func:`~pelican.plugins.ath.html.preclean.drop_empty_image_tags`.
    """
    cleaned, removals, _ = _precleaned(content)
    return cleaned, removals


def _precleaned(content: str) -> tuple[str, list[Removal], bool]:
    """What :func:`preclean` returns, and whether the document was read as a
    flat document (paragraphs of text, headings, images: no other markup)."""
    if content and 'src=""' in content:
        from ..flat_article import read_precleaning, remember  # scraped only

        read = read_precleaning(content)
        if read is not None:
            document, removals = read
            remember(document)
            return document.source, removals, True
    return (*drop_empty_image_tags(content), False)


@functools.cache
def precleaned(reader_class: type[BaseReader]) -> type[PrecleanedReader]:
    """``reader_class``, pre-cleaned (:class:`PrecleanedReader`); a class
    pre-cleaned already is returned as it is (its ``read`` would otherwise
    call itself)."""
    if getattr(reader_class, "wrapped", None) is not None and hasattr(
        reader_class, "read_unreported"
    ):
        return reader_class
    return compat.reader_subclass(
        reader_class, PrecleanedReader, {"wrapped": reader_class}
    )


def preclean_all(reader_classes: MutableMapping[str, Any]) -> None:
    """Wrap every enabled reader of ``reader_classes`` (Pelican's
    ``readers.reader_classes``) once."""
    for extension, reader_class in list(reader_classes.items()):
        if (
            reader_class is not None
            and reader_class is not BaseReader
            and not issubclass(reader_class, PrecleanedReader)
        ):
            reader_classes[extension] = precleaned(reader_class)
