"""One document through the treatment: its kind decided, then one route.

    scraped (its reader says so, ``ath_scraped``) or suspected (what a
    scraper leaves, :mod:`~pelican.plugins.ath.treatment.decide`, that the
    cleaner confirms by removing it)
        -> a flat document (paragraphs, headings, plain text: most scraped
           articles): :mod:`~pelican.plugins.ath.treatment.flat`, edits of
           its string
        -> any other: :mod:`~pelican.plugins.ath.treatment.tree`, one lxml
           parse and one serialisation (the same result where both apply)
    the blog's own
        -> :mod:`~pelican.plugins.ath.treatment.own`: as written; what it
           opted into is applied as edits in place

This module is the only one that imports the routes. The blog's own content
never loads lxml: telling the kinds apart costs a few substring tests
(:mod:`pelican.plugins.ath.netease.signs`), and the tree route is imported
only for a document that needs a tree. The TOC is put into the page when the
article's own page is written (see :mod:`pelican.plugins.ath.page_toc`).
"""

from __future__ import annotations

import functools

from ..chinese.charclass import has_han
from ..chinese.repair import Converter
from ..html import toc as toc_module
from ..html.flat_document import FlatDocument, read_blocks
from ..html.headings import has_heading
from ..netease.boilerplate import Matcher, compile_user_pattern
from .decide import Kind, kind_of
from .flat import NotFlat, process_flat
from .options import ArticleOptions, Variants
from .own import convert_in_place, process_own
from .result import Result, options_transform


def process(
    source: str,
    options: ArticleOptions,
    variants: Variants = (),
    flat: FlatDocument | None = None,
) -> Result:
    """Clean, convert and add heading ids and a TOC to one HTML document, as
    its kind asks; with ``variants``, the script variants that can be made in
    the same pass (:attr:`Result.variants`); ``flat``: the flat document
    ``source`` was read as already (by pre-cleaning), if it was."""
    if not source:
        return Result(html=source)
    kind = kind_of(source, options)
    if kind is not Kind.OWN:
        result = process_scraped(
            source, options, kind is Kind.SUSPECTED, variants, flat
        )
        if result is not None:
            return result
    return process_own(source, options)


@functools.lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> tuple[Matcher, ...]:
    """ATH_BOILERPLATE on RE2: linear time whatever the pattern."""
    return tuple(compile_user_pattern(pattern) for pattern in patterns)


def process_scraped(
    source: str,
    options: ArticleOptions,
    confirm: bool = False,
    variants: Variants = (),
    flat: FlatDocument | None = None,
) -> Result | None:
    """Clean, convert and add heading ids and a TOC to a scraped document.

    With ``confirm``, the document was only suspected of being scraped (it
    shows a sign of NetEase residue): None is returned, and nothing changed,
    unless the cleaner removes NetEase boilerplate or lost images from it
    (with ``ATH_CLEAN = False`` the sign alone decides). ``variants`` are
    made in the same pass where the document is flat (else the variants
    treat the result themselves). ``flat``: ``source`` read as a flat
    document already (used only if it was read from this very string).
    """
    treatment = options.treatment(scraped=True)
    transform = options_transform(options, treatment.punctuation)
    if not (
        treatment.clean
        or transform
        or has_heading(source)
        or toc_module.has_marker(source)
    ):
        return Result(html=source, scraped=True)  # nothing to do: as written
    patterns = _compiled(options.boilerplate)
    if flat is None or flat.source is not source:
        flat = read_blocks(source)
    if flat is not None:
        try:
            return process_flat(flat, options, transform, patterns, confirm, variants)
        except NotFlat:
            pass  # the tree route gives what the string route cannot
    from .tree import process_tree  # lxml: only for a tree

    return process_tree(source, options, transform, patterns, confirm)


def convert_markup(source: str, convert: Converter) -> str:
    """Convert a title or summary: its prose, in place (markup, URLs, code
    and math inside it stay as they are)."""
    if not has_han(source):
        return source
    if "<" not in source and "&" not in source:
        return convert(source)
    return convert_in_place(source, convert)
