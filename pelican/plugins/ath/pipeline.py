"""One document through the plugin: tell its kind, then take one route.

    scraped (its reader says so, ``ath_scraped``, or what a scraper leaves,
    :func:`~pelican.plugins.ath.netease.boilerplate.left_by_a_scraper`, that
    the cleaner confirms by removing it)
        -> :mod:`pelican.plugins.ath.scraped_article`: one lxml parse; clean, ids,
           TOC, script and punctuation; one serialisation (a flat document:
           the same as edits of its string, :mod:`pelican.plugins.ath.flat_article`)
    the blog's own
        -> :mod:`pelican.plugins.ath.own_article`: as written; what it opted into
           is applied as edits in place

The blog's own content never loads lxml: telling the kinds apart costs a few
substring tests (:mod:`pelican.plugins.ath.netease.signs`). This module holds what both
routes share: the :class:`Result` and the text transform.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .chinese.punctuation import full_width
from .chinese.quotes import requoter
from .html.math_spans import outside_kept
from .html.preclean import Removal
from .netease.signs import shows_residue

if TYPE_CHECKING:
    from .chinese.conversion import Converter
    from .html.headings import Heading
    from .html.toc import TocNode
    from .settings import ArticleOptions


#: Script variants to make with a document: the options of each.
Variants = Sequence["ArticleOptions"]

#: Stands for the TOC while a document is edited; taken out at the end.
TOC_SLOT_NAME = "ath-toc-slot"
TOC_SLOT = f"<{TOC_SLOT_NAME}></{TOC_SLOT_NAME}>"


@dataclass
class Result:
    """What the pipeline made of one document."""

    #: The document without its TOC (that goes in when its page is written).
    html: str
    scraped: bool = False
    toc_html: str | None = None
    toc_tree: list[TocNode] = field(default_factory=list)
    #: Where the TOC goes in ``html`` (a ``[TOC]`` marker's place, else 0).
    toc_at: int = 0
    removals: list[Removal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    #: Script variants the same pass can make, by their OpenCC config (see
    #: :mod:`pelican.plugins.ath.variants`): each made when it is called with
    #: ``html`` (None if it cannot be), so that a build converts its
    #: variants one after another instead of alternating two dictionaries.
    variants: dict[str, Callable[[str], Result | None]] = field(default_factory=dict)

    def finish(self, markup: str, with_toc: bool) -> Result:
        """Take ``markup`` as the document; with a TOC (from ``headings``),
        where the :data:`TOC_SLOT` is (else the top), the slot taken out."""
        if with_toc:
            from .html import toc

            self.toc_at = max(markup.find(TOC_SLOT), 0)
            markup = markup.replace(TOC_SLOT, "", 1)
            self.toc_tree = toc.nest(self.headings)
            self.toc_html = toc.render(self.toc_tree)
        self.html = markup
        return self

    def page_html(self) -> str:
        """The document as its own page shows it: the TOC at its place."""
        if self.toc_html is None:
            return self.html
        from .html.toc import insert

        return insert(self.html, self.toc_html, self.toc_at)


@functools.cache
def text_transform(
    script: str | None,
    phrases: tuple[tuple[str, str], ...] = (),
    punctuation: bool = False,
    keep_traditional: bool = False,
    quotes: str | None = None,
) -> Converter | None:
    """What happens to each run of text: OpenCC (with ATH_PHRASES), then
    full-width punctuation, then quotation marks in the script's style, all
    around math (``$…$``, ``\\(…\\)``) and URLs written in prose
    (:mod:`~pelican.plugins.ath.chinese.urls`); None when none is on."""
    steps: list[Converter] = []
    if script:
        from .chinese.conversion import converter  # OpenCC: only when a script is used

        steps.append(converter(script, phrases, keep_traditional))
    if punctuation:
        steps.append(full_width)
    if quotes:
        steps.append(requoter(quotes))
    if not steps:
        return None
    return outside_kept(functools.reduce(_then, steps))


def _then(first: Converter, second: Converter) -> Converter:
    return lambda text: second(first(text))


def options_transform(options: ArticleOptions, punctuation: bool) -> Converter | None:
    """The text transform for ``options`` (punctuation as the kind of content
    decides)."""
    return text_transform(
        options.script,
        options.phrases,
        punctuation,
        options.keep_traditional,
        options.quotes,
    )


def process(source: str, options: ArticleOptions, variants: Variants = ()) -> Result:
    """Clean, convert and add heading ids and a TOC to one HTML document, as
    its kind asks; with ``variants``, the script variants that can be made in
    the same pass (:attr:`Result.variants`)."""
    if not source:
        return Result(html=source)
    if options.scraped or (options.scraped is None and _looks_scraped(source)):
        from .scraped_article import process_scraped  # lxml: scraped only

        result = process_scraped(
            source, options, confirm=options.scraped is None, variants=variants
        )
        if result is not None:
            return result
    from .own_article import process_own

    return process_own(source, options)


def _looks_scraped(source: str) -> bool:
    """Whether a document of no stated kind shows what a scraper leaves (the
    cleaner must then confirm it by removing some): a few substring tests
    for the blog's own, the blocks looked at only where there is a sign."""
    if not shows_residue(source):
        return False
    from .netease.boilerplate import left_by_a_scraper  # OpenCC: signs only

    return left_by_a_scraper(source)


def convert_markup(source: str, convert: Converter) -> str:
    """Convert a title or summary: its prose, in place (markup, URLs, code
    and math inside it stay as they are)."""
    from .chinese.charclass import has_han
    from .own_article import convert_in_place

    if not has_han(source):
        return source
    if "<" not in source and "&" not in source:
        return convert(source)
    return convert_in_place(source, convert)
