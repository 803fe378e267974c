"""The flat route: a scraped article that is a flat run of paragraphs and
headings (:mod:`pelican.plugins.ath.html.flat_document`), treated as the
string it is.

Such a document is already written the way lxml would serialise it, so the
whole treatment of :mod:`pelican.plugins.ath.treatment.tree` (cleaning, ids,
the TOC's place, conversion) can be done as edits of its blocks, with no
parse and no serialisation, and gives the same
:class:`~pelican.plugins.ath.treatment.result.Result` byte for byte (a
property test builds every document both ways). Anything else, or anything
unusual on the way, raises :class:`NotFlat` and the tree route takes the
document.
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from ..chinese.charclass import has_han
from ..chinese.conversion import convert_texts
from ..chinese.repair import Converter
from ..html import toc as toc_module
from ..html.flat_document import Block, FlatDocument, Image
from ..html.headings import Heading, heading_ids, heading_text, headings_only_note
from ..html.preclean import NOT_EVIDENCE, Removal
from ..html.serialised import as_written, writes_markup
from ..netease.boilerplate import (
    GLUED,
    Matcher,
    block_reason,
    disclaimer_start,
    signed_from_end,
)
from ..netease.signs import has_sign, literal_empty_images
from .options import ArticleOptions, Phrases
from .result import TOC_SLOT, Result, options_transform

#: What XPath's ``normalize-space()`` takes for blank.
_XPATH_SPACE = " \t\n\r"


class NotFlat(Exception):
    """The document is not one this route gives the tree route's result for."""


def _is_empty(block: Block) -> bool:
    return not (block.text or "").strip() and not block.images


def _remove_literal_images(blocks: list[Block]) -> list[Removal]:
    removals, emptied = [], []
    for block in blocks:
        if block.text and "![" in block.text:
            kept, found = literal_empty_images(block.text)
            if found:
                block.text = kept or None
                block.changed = True
                removals += [Removal("empty image", image) for image in found]
                emptied.append(block)
    for block in emptied:
        block.removed = _is_empty(block)
    return removals


def _remove_boilerplate(
    blocks: list[Block], patterns: tuple[Matcher, ...], text: str
) -> list[Removal]:
    """What :func:`pelican.plugins.ath.netease.clean.clean_tree` removes as
    boilerplate, from blocks: the same rules (:func:`block_reason`,
    :func:`signed_from_end`, :func:`disclaimer_start`)."""
    removals = []
    candidates = blocks
    if not patterns:
        from_end = ((block, block.block_text()) for block in reversed(blocks))
        candidates = signed_from_end(from_end, text)
    for block in candidates:
        found = block.block_text().strip()
        if not found:
            continue
        reason = block_reason(found, patterns)
        if reason is not None:
            block.removed = True
            removals.append(Removal(reason, found))
    last = next(
        (
            b
            for b in reversed(blocks)
            if not b.removed and (b.text or "").strip(_XPATH_SPACE)
        ),
        None,
    )
    if last is None:
        return removals
    whole = last.block_text()
    start = disclaimer_start(whole)
    if start:
        last.text = whole[:start] or None
        last.images = []
        last.changed = True
        removals.append(Removal(GLUED, whole[start:]))
    return removals


def _clean(document: FlatDocument, patterns: tuple[Matcher, ...]) -> list[Removal]:
    """:func:`pelican.plugins.ath.netease.clean.clean_tree` on blocks."""
    removals = []
    text = document.text()
    if "![" in text:
        literal = _remove_literal_images(document.blocks)
        if literal:
            removals += literal
            text = document.text()
    if patterns or has_sign(text):
        removals += _remove_boilerplate(document.alive(), patterns, text)
    return removals


def _in_script(
    texts: list[str], alts: list[str], transform: Converter, phrases: Phrases
) -> tuple[list[str], list[str]]:
    """``texts`` (each one text node: plain text, images at the end) and
    Chinese ``alt`` texts in the script, in one call of ``transform``: what
    the tree walk converts.

    Raises :class:`NotFlat` if a converted text would need escaping: only an
    ATH_PHRASES replacement (``phrases``) can bring ``&``, ``<`` or a control
    character in, and the tree route escapes it.
    """
    converted = convert_texts([*texts, *alts], transform)
    new_texts, new_alts = converted[: len(texts)], converted[len(texts) :]
    if writes_markup(phrases) and not as_written("".join(new_texts)):
        raise NotFlat("a converted text needs escaping")
    if any(char in alt for alt in new_alts for char in '"<>&'):
        raise NotFlat("a converted alt text needs escaping")
    return new_texts, new_alts


def _chinese_alt(image: Image) -> bool:
    """An ``alt`` text the conversion changes (the others stay as written)."""
    return has_han(image.alt or "")


def _convert(blocks: list[Block], transform: Converter, phrases: Phrases) -> None:
    """The text of ``blocks`` and their images' Chinese ``alt`` texts in the
    script (:func:`_in_script`)."""
    images = [
        (block, image)
        for block in blocks
        for image in block.images
        if _chinese_alt(image)
    ]
    texts, alts = _in_script(
        [block.text or "" for block in blocks],
        [image.alt or "" for _, image in images],
        transform,
        phrases,
    )
    for block, new in zip(blocks, texts, strict=True):
        if new != (block.text or ""):
            block.text, block.changed = new or None, True
    for (block, image), alt in zip(images, alts, strict=True):
        image.alt, block.changed = alt, True


@dataclass(eq=False, slots=True)
class _Texts:
    """Where a treated flat document's texts are in its HTML: what a script
    variant converts. Kept instead of the blocks until the variant is made."""

    #: Start and end of each text, in order: a block's, then its images'
    #: Chinese ``alt`` texts.
    spans: array[int]
    #: Which of the spans are ``alt`` texts (1) and which blocks' (0).
    kinds: bytearray
    #: Each heading: the number of its text (among the blocks'), level, id.
    headings: list[tuple[int, int, str]]
    #: Where the TOC slot was (-1: none).
    slot_at: int


def _pieces(document: FlatDocument, slot: Block | None) -> list[str]:
    """The document as the treatment leaves it, in pieces (each block's blank
    text, then its markup unless it was removed; the blank text at the end):
    each block as it was written unless it changed or gets an id."""
    pieces, source = [], document.source
    for block in document.blocks:
        pieces.append(block.before)
        if block.removed:
            continue
        if block is slot:
            pieces.append(TOC_SLOT)
        elif block.changed or (block.level and not block.own_id):
            pieces.append(block.html())
        else:
            pieces.append(source[block.start : block.end])
    pieces.append(document.end)
    return pieces


def _where_texts_are(
    document: FlatDocument, slot: Block | None, pieces: list[str]
) -> _Texts:
    """Where :func:`_pieces` wrote the texts of ``document``, in the document
    less the :data:`TOC_SLOT` (as :meth:`~.result.Result.finish` leaves
    it)."""
    spans: list[int] = []
    kinds = bytearray()
    headings = []
    slot_at, number, at, written = -1, 0, 0, iter(pieces)
    for block in document.blocks:
        at += len(next(written))
        if block.removed:
            continue
        piece = next(written)
        if block is slot:
            slot_at = at
            continue
        start = at + piece.index(">") + 1  # no ">" in an opening tag's id
        end = start + len(block.text or "")
        spans += (start, end)
        kinds.append(0)
        if block.level:
            headings.append((number, block.level, block.id or ""))
        number += 1
        for image in block.images:
            if _chinese_alt(image):
                alt = end + image.alt_at()
                spans += (alt, alt + len(image.alt or ""))
                kinds.append(1)
            end += len(image.html())
        at += len(piece)
    return _Texts(array("q", spans), kinds, headings, slot_at)


def _made_variant(
    texts: _Texts,
    variant: ArticleOptions,
    options: ArticleOptions,
    with_toc: bool,
    html: str,
) -> Result | None:
    """A script variant of the document treated with ``options``, made from
    its ``html`` (its result's, where ``texts`` are) as the variant's own
    treatment of that would make it (:mod:`pelican.plugins.ath.variants`);
    None where that could give another (a text that would need escaping, or
    a TOC where the original has none or the other way round)."""
    transform = options_transform(variant, variant.treatment(scraped=True).punctuation)
    if transform is None:
        return None
    spans, kinds = texts.spans, texts.kinds
    old = [html[spans[2 * n] : spans[2 * n + 1]] for n in range(len(kinds))]
    try:
        new_texts, new_alts = _in_script(
            [text for text, kind in zip(old, kinds, strict=True) if not kind],
            [text for text, kind in zip(old, kinds, strict=True) if kind],
            transform,
            variant.phrases,
        )
    except NotFlat:
        return None
    titled = [
        Heading(level, anchor, heading_text(new_texts[number]))
        for number, level, anchor in texts.headings
    ]
    treatment = options.treatment(scraped=True)
    if toc_module.gets_toc(titled, treatment.toc, options.toc_min_headings, None) != (
        with_toc
    ):
        return None
    block_texts, alt_texts = iter(new_texts), iter(new_alts)
    pieces: list[str] = []
    at, slot_at = 0, texts.slot_at
    for n, kind in enumerate(kinds):
        start = spans[2 * n]
        if 0 <= slot_at <= start:
            pieces += (html[at:slot_at], TOC_SLOT)
            at, slot_at = slot_at, -1
        pieces += (html[at:start], next(alt_texts) if kind else next(block_texts))
        at = spans[2 * n + 1]
    if slot_at >= 0:
        pieces += (html[at:slot_at], TOC_SLOT)
        at = slot_at
    pieces.append(html[at:])
    made = Result(html="", scraped=True, headings=titled)
    return made.finish("".join(pieces), with_toc)


def process_flat(
    document: FlatDocument,
    options: ArticleOptions,
    transform: Converter | None,
    patterns: tuple[Matcher, ...],
    confirm: bool,
    variants: Sequence[ArticleOptions] = (),
) -> Result | None:
    """What the tree route (:func:`~pelican.plugins.ath.treatment.tree.process_tree`,
    same arguments) makes of a flat document; None if it was only suspected
    of being scraped and nothing confirms it. With ``variants`` (the options
    of each script variant), the result's :attr:`~.result.Result.variants`
    make, when called with its HTML, what each variant's own treatment of
    the result would give, from where its texts are (None for one that
    cannot be).

    Raises :class:`NotFlat` where the tree route would write other bytes.
    """
    source = document.source
    given = [block.id for block in document.blocks if block.own_id]
    if len(set(given)) != len(given):
        raise NotFlat("an id given twice (the parser notes it)")
    treatment = options.treatment(scraped=True)
    removals = []
    if treatment.clean:
        removals = _clean(document, patterns)
        if confirm and all(r.reason in NOT_EVIDENCE for r in removals):
            return None
    result = Result(html="", scraped=True, removals=removals)
    blocks = document.alive()
    titled = [block for block in blocks if block.level]
    headings = heading_ids(
        [(b.level, b.id, heading_text(b.text or "")) for b in titled],
        [*(b.id for b in blocks if b.id is not None), *options.reserved_ids],
    )
    for block, heading in zip(titled, headings, strict=True):
        block.id = heading.id
    if headings and all(block.level for block in blocks):
        note = headings_only_note(document.text(), headings)
        if note:
            result.notes.append(note)
    markers = []
    if toc_module.has_marker(source):
        markers = [
            block
            for block in blocks
            if not block.level
            and not block.images
            and toc_module.is_marker(block.text or "")
        ]
    # Paragraphs and headings only: no TOC of its own to look for.
    with_toc = toc_module.gets_toc(
        headings, treatment.toc, options.toc_min_headings, None
    )
    slot, removed, note = toc_module.place_markers(
        markers, with_toc, headings, treatment.toc, options.toc_min_headings
    )
    if note:
        result.notes.append(note)
    for surplus in removed:
        surplus.removed = True
    if transform is not None:
        alive = [b for b in blocks if not b.removed and b is not slot]
        _convert(alive, transform, options.phrases)
        headings = [
            Heading(heading.level, heading.id, heading_text(block.text or ""))
            for heading, block in zip(headings, titled, strict=True)
        ]
    result.headings = headings
    pieces = _pieces(document, slot)
    result.finish("".join(pieces), with_toc)
    if variants and (result.toc_html or not with_toc):  # else no marker
        texts = _where_texts_are(document, slot, pieces)
        for variant in variants:
            result.variants[variant.script or ""] = functools.partial(
                _made_variant, texts, variant, options, with_toc
            )
    return result
