"""Every other reader, pre-cleaned: its output loses ``<img>`` tags with an
empty ``src`` before Pelican's empty-``alt`` check warns about lost images.

A document that had one is marked ``ath_scraped`` (lost images are NetEase
residue) and, being scraped, sanitised as saved pages are (a flat document,
only paragraphs, headings and images, holds nothing to sanitise). The
wrapper class keeps the wrapped class's name, which Pelican
records as the ``reader`` metadata. What was removed, and the flat document
read on the way, go on with the metadata under a private name
(:data:`HANDED`), which the treatment pops (:func:`take_handed`).
"""

from __future__ import annotations

import functools
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any, ClassVar

from pelican.readers import BaseReader

from ..html.flat_document import FlatDocument, ReadOnce, read_precleaning
from ..html.preclean import Removal, drop_empty_image_tags
from ..pelican_compat import reader_subclass
from ..settings import SCRAPED
from .page_readers import publishable_from

#: The metadata that hands on what pre-cleaning did (:class:`Handed`).
HANDED = "_ath_precleaned"


@dataclass(eq=False)
class Handed:
    """What pre-cleaning did to a file, handed on to its treatment."""

    #: What was removed (the build counts it).
    removals: list[Removal]
    #: The document as read, if it is a flat one.
    flat: ReadOnce


def take_handed(
    metadata: MutableMapping[str, Any],
) -> tuple[list[Removal], FlatDocument | None]:
    """Pop what pre-cleaning handed on in ``metadata``: the removals, and
    the flat document it read (each given once: a reader cache that keeps
    the metadata hands on nothing the next time)."""
    handed = metadata.pop(HANDED, None)
    if not isinstance(handed, Handed):
        return [], None
    removals, handed.removals = handed.removals, []
    return removals, handed.flat.take()


class PrecleanedReader(BaseReader):  # type: ignore[misc]  # Pelican ships no types
    """A reader whose output has no ``<img>`` with an empty ``src``; made per
    reader class by :func:`precleaned`."""

    #: The reader class this one pre-cleans.
    wrapped: ClassVar[type[BaseReader]] = BaseReader
    #: Marks a pre-cleaned class (whichever copy of this module made it).
    ath_precleaned: ClassVar[bool] = True

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """The wrapped reader's output, without ``<img>`` tags with an empty
        ``src``; what was removed handed on in the metadata (:data:`HANDED`)."""
        content, metadata = self.wrapped.read(self, source_path)
        content, removals, flat = preclean_with_document(content)
        if removals:
            metadata.setdefault(SCRAPED, "lost images")
            if flat is None:
                content = publishable_from(source_path, content, writer_markup=True)
            metadata[HANDED] = Handed(removals, ReadOnce(flat))
        return content, metadata


def preclean(content: str) -> tuple[str, list[Removal]]:
    """``content`` without ``<img>`` tags with an empty ``src``.

    A flat document whose lost images are paragraphs of their own (what
    Pelican's HTML reader and Markdown write for a scraper's ``![]()``) is
    read once, here (:func:`preclean_with_document` gives its blocks too, for the
    treatment). Any other goes through
    :func:`~pelican.plugins.ath.html.preclean.drop_empty_image_tags`.
    """
    cleaned, removals, _ = preclean_with_document(content)
    return cleaned, removals


def preclean_with_document(
    content: str,
) -> tuple[str, list[Removal], FlatDocument | None]:
    """What :func:`preclean` returns, and the flat document it read, if the
    document is one (paragraphs of text, headings, images: no other markup)."""
    if content and 'src=""' in content:
        read = read_precleaning(content)
        if read is not None:
            document, removals = read
            return document.source, removals, document
    return (*drop_empty_image_tags(content), None)


@functools.cache
def precleaned(reader_class: type[BaseReader]) -> type[PrecleanedReader]:
    """``reader_class``, pre-cleaned (:class:`PrecleanedReader`); a class
    pre-cleaned already is returned as it is (its ``read`` would otherwise
    call itself)."""
    if getattr(reader_class, "wrapped", None) is not None and getattr(
        reader_class, "ath_precleaned", False
    ):
        return reader_class
    return reader_subclass(reader_class, PrecleanedReader, {"wrapped": reader_class})


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
