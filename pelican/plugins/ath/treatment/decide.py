"""Scraped or the blog's own: what a document's options and signs say."""

from __future__ import annotations

import enum

from ..netease.boilerplate import left_by_a_scraper
from ..netease.signs import shows_residue
from .options import ArticleOptions


class Kind(enum.Enum):
    """What a document is taken for before its treatment."""

    #: Its reader or its ``ath_scraped`` says so.
    SCRAPED = "scraped"
    #: Of no stated kind, it shows what a scraper leaves: scraped if the
    #: cleaner confirms it by removing NetEase boilerplate or lost images.
    SUSPECTED = "suspected"
    #: The blog's own.
    OWN = "own"


def kind_of(source: str, options: ArticleOptions) -> Kind:
    """The kind of ``source``, as its options and its signs say."""
    if options.scraped:
        return Kind.SCRAPED
    if options.scraped is None and looks_scraped(source):
        return Kind.SUSPECTED
    return Kind.OWN


def looks_scraped(source: str) -> bool:
    """Whether a document of no stated kind shows what a scraper leaves (the
    cleaner must then confirm it by removing some): a few substring tests
    for the blog's own, the blocks looked at only where there is a sign."""
    return shows_residue(source) and left_by_a_scraper(source)
