"""One document through every step: one parse, one serialisation.

    parse -> clean -> heading ids -> TOC's place -> convert script and
    serialise -> TOC

Ids come from the text as written, before conversion, so an anchor is the
same in every script the article is published in. The script is converted
on the tree, or, when every run of text is one text node, on the serialised
HTML (same result, one pass; see :mod:`pelican_ath.html_text`).

Each step is a function of its own module; this module only orders them and
decides when a document needs no tree at all.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field

from lxml import etree

from . import toc as toc_module
from .boilerplate import Matcher, compile_user_pattern
from .clean import Removal, clean_tree, remove_and_prune
from .headings import HEADINGS, Heading, assign_ids, collect_headings
from .html_text import (
    convert_serialised,
    convert_text_attributes,
    convert_tree,
    runs_are_text_nodes,
)
from .punctuation import full_width
from .script import Converter, converter, has_han
from .settings import ArticleOptions

TOC_MARKER = "[TOC]"
#: Stands for the TOC while the tree is serialised; replaced afterwards.
_TOC_SLOT = "ath-toc-slot"
_TOC_SLOT_HTML = f"<{_TOC_SLOT}></{_TOC_SLOT}>"
_HEADING_SIGN = re.compile(r"<h[1-6]\b", re.IGNORECASE)
_HALF_WIDTH_SIGN = re.compile(
    r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f][,:;!?()]"
    r"|[,:;!?()][\u3400-\u9fff\uff00-\uffef\u3000-\u303f]"
)


@dataclass
class Result:
    """What the pipeline made of one document."""

    html: str
    #: The same HTML without the TOC (what summaries are made from).
    html_without_toc: str
    toc_html: str | None = None
    toc_tree: list[toc_module.TocNode] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)


@functools.lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> tuple[Matcher, ...]:
    return tuple(compile_user_pattern(pattern) for pattern in patterns)


@functools.cache
def text_transform(
    script: str | None,
    phrases: tuple[tuple[str, str], ...] = (),
    punctuation: bool = False,
    keep_traditional: bool = False,
) -> Converter | None:
    """What happens to each run of text: OpenCC (with ATH_PHRASES), then
    full-width punctuation; None when neither is on."""
    convert = converter(script, phrases, keep_traditional) if script else None
    if convert and punctuation:
        return lambda text: full_width(convert(text))
    return convert or (full_width if punctuation else None)


def options_transform(options: ArticleOptions) -> Converter | None:
    return text_transform(
        options.script, options.phrases, options.punctuation, options.keep_traditional
    )


def needs_tree(source: str, options: ArticleOptions) -> bool:
    """Whether any step could change ``source``; if not, it is left untouched.

    Cleaning always needs the tree: besides removing boilerplate it repairs
    malformed markup (a stray ``</div>`` would close the theme's own element).
    """
    if options.clean or options.script:
        return True
    if options.punctuation and _HALF_WIDTH_SIGN.search(source):
        return True
    return _HEADING_SIGN.search(source) is not None or TOC_MARKER in source


#: One parser for every document: plain lxml elements (no ``lxml.html``
#: element classes to look up), comments kept, no depth limit.
_PARSER = etree.HTMLParser(huge_tree=True, remove_comments=False, remove_pis=False)


class DocumentTooDeep(ValueError):
    """HTML nested deeper than libxml2 parses: processing it would lose text."""


def parse_problems() -> list[str]:
    """What the last parse had to repair (stray or mismatched end tags…)."""
    return [
        f"{error.message.strip()} (line {error.line})" for error in _PARSER.error_log
    ]


def parse(source: str) -> etree._Element:
    """Parse an HTML fragment; the ``<body>`` that holds it is returned.

    Raises :class:`DocumentTooDeep` rather than return a tree that lost the
    text below libxml2's depth limit (2,048 levels).
    """
    document = etree.fromstring(f"<html><body>{source}</body></html>", _PARSER)
    for error in _PARSER.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            raise DocumentTooDeep(error.message.strip())
    body = document.find("body")
    if body is None:  # only head-like content, e.g. a lone <title>
        body = etree.SubElement(document, "body")
    return body


def serialise(root: etree._Element) -> str:
    """The HTML inside the holding ``<body>``."""
    markup = etree.tostring(root, encoding="unicode", method="html")
    return markup[len("<body>") : -len("</body>")]


def _only_headings(root: etree._Element, headings: list[Heading]) -> bool:
    if next(root.iter("p", "li", "td", "blockquote", "pre"), None) is not None:
        return False
    text = "".join(etree.tostring(root, method="text", encoding="unicode").split())
    return len(text) <= sum(len("".join(h.title.split())) for h in headings)


def _toc_positions(root: etree._Element) -> list[etree._Element]:
    """Earlier TOCs of ours, then paragraphs that are only ``[TOC]``."""
    navs = [nav for nav in root.iter("nav") if "toc" in nav.get("class", "").split()]
    markers = [
        paragraph
        for paragraph in root.iter("p")
        if not len(paragraph) and (paragraph.text or "").strip() == TOC_MARKER
    ]
    return navs + markers


def _place_toc_slot(root: etree._Element, position: etree._Element | None) -> None:
    slot = etree.Element(_TOC_SLOT)
    if position is None:
        slot.tail = root.text
        root.text = None
        root.insert(0, slot)
    else:
        slot.tail = position.tail
        position.getparent().replace(position, slot)


def _make_room_for_toc(
    root: etree._Element,
    source: str,
    headings: int,
    options: ArticleOptions,
    notes: list[str],
) -> bool:
    """Put the TOC slot where the TOC goes (an earlier TOC of ours, a ``[TOC]``
    marker, else the top) and remove the other earlier TOCs and markers;
    False if this document gets no TOC."""
    maybe_placed = TOC_MARKER in source or "toc" in source
    positions = _toc_positions(root) if maybe_placed else []
    markers = sum(element.tag == "p" for element in positions)
    with_toc = options.toc and headings >= options.toc_min_headings
    if with_toc:
        _place_toc_slot(root, positions.pop(0) if positions else None)
    elif markers:
        notes.append(
            f"[TOC] marker removed: {headings} heading(s), "
            f"a TOC needs {options.toc_min_headings}"
            if options.toc
            else "[TOC] marker removed: the TOC is switched off"
        )
    for surplus in positions:
        remove_and_prune(surplus, root)
    return with_toc


def _convert_and_serialise(
    root: etree._Element, transform: Converter | None, headings: list[Heading]
) -> tuple[str, list[Heading]]:
    """The tree serialised with its text converted by ``transform`` (if any),
    and ``headings`` with their titles converted too.

    A tree whose runs of text are single text nodes is converted on its
    serialised HTML, in one pass; any other is walked run by run.
    """
    if transform is None:
        return serialise(root), headings
    elements = [element for element in root.iter(*HEADINGS) if element.get("id")]
    if any(len(element) for element in elements) or not runs_are_text_nodes(root):
        convert_tree(root, transform)
        return serialise(root), collect_headings(root)
    convert_text_attributes(root, transform)
    markup, titles = convert_serialised(
        serialise(root), transform, [element.text or "" for element in elements]
    )
    return markup, [
        dataclasses.replace(heading, title=" ".join(title.split()))
        for heading, title in zip(headings, titles, strict=True)
    ]


def process(source: str, options: ArticleOptions) -> Result:
    """Clean, convert and add heading ids and a TOC to one HTML document."""
    if not source or not needs_tree(source, options):
        return Result(html=source, html_without_toc=source)
    root = parse(source)
    result = Result(html="", html_without_toc="")
    problems = parse_problems()
    if problems:
        result.notes.append(
            f"malformed HTML repaired as a browser would ({len(problems)} "
            f"problem(s), e.g. {problems[0]})"
        )
    if options.clean:
        result.removals = clean_tree(root, _compiled(options.boilerplate))
    headings = assign_ids(root)  # before conversion: the same anchors in every script
    if headings and _only_headings(root, headings):
        result.notes.append(f"has {len(headings)} heading(s) but no other text")
    # Before conversion: an earlier TOC of ours is replaced, not converted (its
    # links would also keep the document off the faster conversion route).
    with_toc = _make_room_for_toc(root, source, len(headings), options, result.notes)
    markup, headings = _convert_and_serialise(
        root, options_transform(options), headings
    )
    result.headings = headings
    if with_toc:
        result.toc_tree = toc_module.nest(headings)
        result.toc_html = toc_module.render(result.toc_tree)
    if result.toc_html is None:
        result.html = result.html_without_toc = markup
    else:
        result.html = markup.replace(_TOC_SLOT_HTML, result.toc_html, 1)
        result.html_without_toc = markup.replace(_TOC_SLOT_HTML, "", 1)
    return result


def convert_markup(source: str, convert: Converter) -> str:
    """Convert a title or summary: plain text directly, markup (or text with
    entities: ``&lt;中`` is not a ``;`` next to 中) through a tree, so URLs,
    code and entities stay as they are."""
    if not has_han(source):
        return source
    if "<" not in source and "&" not in source:
        return convert(source)
    root = parse(source)
    convert_tree(root, convert)
    return serialise(root)
