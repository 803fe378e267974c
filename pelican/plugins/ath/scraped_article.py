"""The whole treatment of a scraped article: clean, heading ids, the TOC's
place, script and punctuation, then the TOC as data.

A flat document (paragraphs and headings, plain text: most scraped
articles) takes :mod:`pelican.plugins.ath.flat_article`, edits of its string;
any other takes :mod:`pelican.plugins.ath.tree_article`, one lxml parse and
one serialisation. Both give the same result where both apply, so lxml is
loaded only when a document needs a tree. The TOC is put into the page when
the article's own page is written (see :mod:`pelican.plugins.ath.page_toc`).
"""

from __future__ import annotations

import functools
import re

from .flat_article import NotFlat, process_flat, read_blocks, recall
from .html import toc as toc_module
from .netease.boilerplate import Matcher, compile_user_pattern
from .pipeline import Result, Variants, options_transform
from .settings import ArticleOptions

_HEADING_SIGN = re.compile(r"<h[1-6]\b", re.IGNORECASE)


@functools.lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> tuple[Matcher, ...]:
    """ATH_BOILERPLATE on RE2: linear time whatever the pattern."""
    return tuple(compile_user_pattern(pattern) for pattern in patterns)


def process_scraped(
    source: str, options: ArticleOptions, confirm: bool = False, variants: Variants = ()
) -> Result | None:
    """Clean, convert and add heading ids and a TOC to a scraped document.

    With ``confirm``, the document was only suspected of being scraped (it
    shows a sign of NetEase residue): None is returned, and nothing changed,
    unless the cleaner removes NetEase boilerplate or lost images from it
    (with ``ATH_CLEAN = False`` the sign alone decides). ``variants`` are
    made in the same pass where the document is flat (else the variants
    treat the result themselves).
    """
    treatment = options.treatment(scraped=True)
    transform = options_transform(options, treatment.punctuation)
    if not (
        treatment.clean
        or transform
        or _HEADING_SIGN.search(source)
        or toc_module.MARKER in source
    ):
        return Result(html=source, scraped=True)  # nothing to do: as written
    patterns = _compiled(options.boilerplate)
    flat = recall(source) or read_blocks(source)  # read while pre-cleaning?
    if flat is not None:
        try:
            return process_flat(flat, options, transform, patterns, confirm, variants)
        except NotFlat:
            pass  # the tree route gives what the string route cannot
    from .tree_article import process_tree  # lxml: only for a tree

    return process_tree(source, options, transform, patterns, confirm)
