"""What the treatment does to one document: :class:`ArticleOptions` (made
by :mod:`pelican.plugins.ath.settings` from the site's settings and the
article's metadata) and the :class:`Treatment` one kind of content gets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: ATH_PHRASES of one script: (phrase, replacement) pairs.
Phrases = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Treatment:
    """The steps one kind of content gets."""

    clean: bool
    ids: bool
    toc: bool
    punctuation: bool


@dataclass(frozen=True)
class ArticleOptions:
    """What the treatment does to one document."""

    #: Scraped (True), the blog's own (False), or to be told from the
    #: document's signs of NetEase residue (None).
    scraped: bool | None = None
    clean: bool = True
    boilerplate: tuple[str, ...] = ()
    toc: bool = True
    toc_min_headings: int = 2
    script: str | None = None
    #: ATH_PHRASES for ``script``: (phrase, replacement) pairs.
    phrases: Phrases = ()
    punctuation: bool = True
    keep_traditional: bool = True
    #: What the blog's own content opted into (ATH_OWN_CONTENT, ``ath_toc``).
    own: frozenset[str] = frozenset()
    #: Ids a heading must not get (the theme's own: ``content``, ``menu``…).
    reserved_ids: frozenset[str] = frozenset()
    #: Quotation marks of the converted text: "corner", "curly" or None.
    quotes: str | None = None

    def treatment(self, scraped: bool) -> Treatment:
        """The steps for scraped content (the whole treatment, as switched by
        ATH_CLEAN, ATH_TOC, ATH_PUNCTUATION) or for the blog's own (what it
        opted into; a TOC needs ids)."""
        if scraped:
            return Treatment(self.clean, True, self.toc, self.punctuation)
        toc = "toc" in self.own
        return Treatment(
            False, toc or "ids" in self.own, toc, "punctuation" in self.own
        )


#: Script variants to make with a document: the options of each.
Variants = Sequence[ArticleOptions]
