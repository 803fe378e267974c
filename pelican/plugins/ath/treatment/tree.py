"""The tree route: a scraped article that is not flat, on one lxml tree.

    parse -> clean -> heading ids -> TOC's place -> convert script and
    punctuation, serialise -> TOC data

One parse and one serialisation per document. Ids come from the text as
written, before conversion, so an anchor is the same in every script the
article is published in. The script is converted on the tree, or, when every
run of text is one text node, on the serialised HTML (same result, one pass;
see :mod:`pelican.plugins.ath.html.serialised`). The TOC is data here; it is put into the
page when the article's own page is written (see :mod:`pelican.plugins.ath.page_toc`).
"""

from __future__ import annotations

from lxml import etree

from ..chinese.repair import Converter
from ..html import toc as toc_module
from ..html.elements import HEADINGS
from ..html.headings import (
    Heading,
    assign_ids,
    collect_headings,
    heading_text,
    headings_only_note,
)
from ..html.preclean import NOT_EVIDENCE
from ..html.sanitize import sanitize
from ..html.serialised import convert_serialised, runs_are_text_nodes, writes_markup
from ..html.text_runs import convert_text_attributes, convert_tree
from ..html.tree import parse, parse_problems, serialise
from ..netease.boilerplate import Matcher
from ..netease.clean import clean_tree, remove_and_prune
from .options import ArticleOptions
from .result import TOC_SLOT_NAME, Result


def _only_headings(root: etree._Element, headings: list[Heading]) -> str | None:
    """:func:`~pelican.plugins.ath.html.headings.headings_only_note` of a tree."""
    if not headings:
        return None
    if next(root.iter("p", "li", "td", "blockquote", "pre"), None) is not None:
        return None
    text = etree.tostring(root, method="text", encoding="unicode")
    return headings_only_note(text, headings)


def _markers(root: etree._Element) -> list[etree._Element]:
    """Paragraphs that are only a ``[TOC]`` marker."""
    return [
        paragraph
        for paragraph in root.iter("p")
        if not len(paragraph) and toc_module.is_marker(paragraph.text or "")
    ]


def _place_toc_slot(root: etree._Element, position: etree._Element | None) -> None:
    slot = etree.Element(TOC_SLOT_NAME)
    if position is None:
        slot.tail = root.text
        root.text = None
        root.insert(0, slot)
    else:
        slot.tail = position.tail
        parent = position.getparent()
        assert parent is not None  # a marker's paragraph is inside the root
        parent.replace(position, slot)


def _make_room_for_toc(
    root: etree._Element,
    source: str,
    headings: list[Heading],
    wanted: bool,
    options: ArticleOptions,
    notes: list[str],
) -> bool:
    """Put the TOC slot where the TOC goes (the first ``[TOC]`` marker, else
    the top) and remove the other markers; False if this document gets no
    TOC (not wanted, too few headings, or a TOC of its own)."""
    markers = _markers(root) if toc_module.has_marker(source) else []
    with_toc = toc_module.gets_toc(headings, wanted, options.toc_min_headings, source)
    slot, removed, note = toc_module.place_markers(
        markers, with_toc, headings, wanted, options.toc_min_headings
    )
    if with_toc:
        _place_toc_slot(root, slot)
    if note:
        notes.append(note)
    for surplus in removed:
        remove_and_prune(surplus, root)
    return with_toc


def _convert_and_serialise(
    root: etree._Element,
    transform: Converter | None,
    headings: list[Heading],
    escapes: bool,
) -> tuple[str, list[Heading]]:
    """The tree serialised with its text converted by ``transform`` (if any),
    and ``headings`` with their titles converted too.

    A tree whose runs of text are single text nodes is converted on its
    serialised HTML, in one pass, unless the conversion ``escapes`` (brings
    in text to escape); any other is walked run by run.
    """
    if transform is None:
        return serialise(root), headings
    elements = [element for element in root.iter(*HEADINGS) if element.get("id")]
    if any(len(element) for element in elements):
        convert_tree(root, transform)
        return serialise(root), collect_headings(root)
    convert_text_attributes(root, transform)
    markup = serialise(root)
    if escapes or not runs_are_text_nodes(markup):
        convert_tree(root, transform, attributes=False)
        return serialise(root), collect_headings(root)
    markup, titles = convert_serialised(
        markup, transform, [element.text or "" for element in elements]
    )
    return markup, [
        Heading(heading.level, heading.id, heading_text(title))
        for heading, title in zip(headings, titles, strict=True)
    ]


def process_tree(
    source: str,
    options: ArticleOptions,
    transform: Converter | None,
    patterns: tuple[Matcher, ...],
    confirm: bool,
) -> Result | None:
    """:func:`pelican.plugins.ath.treatment.process.process_scraped` on one lxml
    tree (None: only suspected of being scraped, and nothing confirms it)."""
    treatment = options.treatment(scraped=True)
    root = parse(source)
    problems = parse_problems()
    result = Result(html="", scraped=True)
    if treatment.clean:
        result.removals = clean_tree(root, patterns)
        if confirm and all(r.reason in NOT_EVIDENCE for r in result.removals):
            return None
    if confirm:  # scraped, as its signs say, though its reader does not know
        root = parse(sanitize(serialise(root), writer_markup=True))
    if problems:
        result.notes.append(
            f"malformed HTML repaired as a browser would ({len(problems)} "
            f"problem(s), e.g. {problems[0]})"
        )
    # Before conversion: the same anchors in every script.
    headings = assign_ids(root, options.reserved_ids)
    note = _only_headings(root, headings)
    if note:
        result.notes.append(note)
    with_toc = _make_room_for_toc(
        root, source, headings, treatment.toc, options, result.notes
    )
    markup, result.headings = _convert_and_serialise(
        root, transform, headings, writes_markup(options.phrases)
    )
    return result.finish(markup, with_toc)
