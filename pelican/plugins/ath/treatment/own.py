"""The own route: the blog's own article, published as written unless the
user opted in.

By default nothing changes, not a byte. What the user asks for
(``ATH_OWN_CONTENT``, ``ath_toc: true``, a script in ``ATH_SCRIPT`` or
``ATH_SCRIPT_VARIANTS``) is applied as edits of the source string, found by
one scan (:mod:`pelican.plugins.ath.html.source`): an ``id`` written into headings
that have none, the text of prose runs converted (never code, math, raw-text
elements, URLs in attributes, character references), and a TOC as data. No
tree, no re-serialisation, no "repaired" markup, no lxml.
"""

from __future__ import annotations

import dataclasses
import re
from html import escape

from ..chinese.conversion import convert_runs, convert_texts
from ..chinese.repair import Converter
from ..html import toc as toc_module
from ..html.headings import Heading, has_heading, heading_ids
from ..html.math_spans import kept_spans, merged, outside_spans
from ..html.source import SourceScan, apply_edits, scan
from .options import ArticleOptions
from .result import TOC_SLOT, Result, options_transform

Edit = tuple[int, int, str]

#: Every ``id="…"`` of the document, ``ID=`` too (a mention in the text
#: counts too: an id avoided for nothing costs nothing).
_ID_ATTRIBUTE = re.compile(
    r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _ids(source: str) -> set[str]:
    return {"".join(values) for values in _ID_ATTRIBUTE.findall(source)}


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Math, URLs and character references in HTML source text: never
    changed (a URL found in the source, ``&amp;`` and all).

    >>> text = "中&amp;文$x$见www.a.cn/?q=1&amp;r=云"
    >>> [text[start:end] for start, end in protected_spans(text)]
    ['&amp;', '$x$', 'www.a.cn/?q=1&amp;r=云']
    """
    spans = kept_spans(text)
    if "&" in text:
        spans = merged(spans + [match.span() for match in _ENTITY.finditer(text)])
    return spans


def _run_edits(
    source: str, runs: list[list[tuple[int, int]]], transform: Converter
) -> list[Edit]:
    """Edits that convert the text of ``runs`` (slices of ``source``), each
    run as one text (:func:`~pelican.plugins.ath.chinese.conversion.convert_runs`)."""
    pieces = [[source[start:end] for start, end in run] for run in runs]
    edits = []
    for run, old, new in zip(
        runs, pieces, convert_runs(pieces, transform), strict=True
    ):
        if new is not None:
            for (start, end), piece, text in zip(run, old, new, strict=True):
                if text != piece:
                    edits.append((start, end, text))
    return edits


def in_source(transform: Converter) -> Converter:
    """``transform`` for text as it stands in HTML source: math and
    character references (``&amp;``) kept as they are."""
    return outside_spans(transform, protected_spans)


def convert_prose(source: str, found: SourceScan, transform: Converter) -> list[Edit]:
    """Edits that convert the prose of ``source`` and its ``alt`` and
    ``title`` attributes (each attribute as a text of its own)."""
    transform = in_source(transform)
    runs = found.runs + [[span] for span in found.attribute_texts]
    return _run_edits(source, runs, transform)


def convert_in_place(source: str, transform: Converter) -> str:
    """``source`` (HTML or plain text) with the text of its prose converted;
    markup, code and math as written."""
    return apply_edits(source, convert_prose(source, scan(source), transform))


def in_markup(options: ArticleOptions) -> ArticleOptions:
    """``options`` for text as it stands in HTML source: ATH_PHRASES
    replacements escaped (``R&D`` -> ``R&amp;D``), as lxml would write them.

    >>> in_markup(ArticleOptions(phrases=(("雲", 'R&D "x"'),))).phrases
    (('雲', 'R&amp;D &quot;x&quot;'),)
    """
    phrases = tuple((phrase, escape(new)) for phrase, new in options.phrases)
    if phrases == options.phrases:
        return options
    return dataclasses.replace(options, phrases=phrases)


def _id_edits(found: SourceScan, headings: list[Heading]) -> list[Edit]:
    """Edits that write the ids :func:`~pelican.plugins.ath.html.headings.heading_ids`
    gave into the headings that had none (or an empty one: replaced)."""
    edits = []
    for heading, given in zip(found.headings, headings, strict=True):
        if heading.id == given.id:
            continue
        attribute = f'id="{escape(given.id)}"'
        if heading.id_span is None:
            edits.append((heading.id_at, heading.id_at, f" {attribute}"))
        else:
            edits.append((*heading.id_span, attribute))
    return edits


def process_own(source: str, options: ArticleOptions) -> Result:
    """What the blog's own article becomes: itself, plus what it opted into."""
    treatment = options.treatment(scraped=False)
    transform = options_transform(options, treatment.punctuation)
    wants_ids = treatment.ids and has_heading(source)
    markers = treatment.toc and toc_module.has_marker(source)
    if transform is None and not wants_ids and not markers:
        return Result(html=source)
    scanned = scan(source)
    edits: list[Edit] = []
    headings: list[Heading] = []
    if wants_ids:
        found = [(h.level, h.id, h.title) for h in scanned.headings]
        headings = heading_ids(found, [*_ids(source), *options.reserved_ids])
        edits += _id_edits(scanned, headings)
    if transform is not None:
        prose = options_transform(in_markup(options), treatment.punctuation)
        edits += convert_prose(source, scanned, prose or transform)
        titles = convert_texts([heading.title for heading in headings], transform)
        headings = [
            Heading(heading.level, heading.id, title)
            for heading, title in zip(headings, titles, strict=True)
        ]
    with_toc = toc_module.gets_toc(
        headings, treatment.toc, options.toc_min_headings, source
    )
    slot, removed, note = toc_module.place_markers(
        toc_module.marker_paragraphs(source, scanned.runs) if markers else [],
        with_toc,
        headings,
        treatment.toc,
        options.toc_min_headings,
    )
    edits += [(start, end, "") for start, end in removed]
    if slot is not None:
        edits.append((*slot, TOC_SLOT))
    result = Result(html="", headings=headings, notes=[note] if note else [])
    return result.finish(apply_edits(source, edits), with_toc)
