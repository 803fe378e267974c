"""What every route gives: the :class:`Result` of one document, the TOC's
slot while it is edited, and the text transform (script, punctuation,
quotes) its options ask for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from ..chinese.conversion import converter
from ..chinese.punctuation import full_width
from ..chinese.quotes import requoter
from ..chinese.repair import Converter
from ..html import toc
from ..html.headings import Heading
from ..html.math_spans import outside_kept
from ..html.preclean import Removal
from .options import ArticleOptions

#: Stands for the TOC while a document is edited; taken out at the end.
TOC_SLOT_NAME = "ath-toc-slot"
TOC_SLOT = f"<{TOC_SLOT_NAME}></{TOC_SLOT_NAME}>"


@dataclass
class Result:
    """What the treatment made of one document."""

    #: The document without its TOC (that goes in when its page is written).
    html: str
    scraped: bool = False
    toc_html: str | None = None
    toc_tree: list[toc.TocNode] = field(default_factory=list)
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
        return toc.insert(self.html, self.toc_html, self.toc_at)


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
