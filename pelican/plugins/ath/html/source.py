"""The blog's own HTML, edited where it stands.

The blog's own articles are published byte for byte as their reader wrote
them; what the user opts into (heading ids, script conversion, punctuation)
is applied as small edits at known offsets of the original string, never by
re-serialising a tree: no markup is rewritten, nothing malformed is
"repaired", no warning is logged.

:func:`scan` finds, in one pass, the runs of prose text (outside code, math
and raw-text elements) and the headings with where an ``id`` can go. It is a
tokenizer, not a parser: tags, comments and raw-text elements are told apart
as a browser does, and an end tag closes the nearest open element of its
name. Every pattern is written so that it cannot fail after consuming text,
so the scan is linear in the length of the document whatever it holds
(Python's own ``html.parser`` is quadratic on some inputs in the Python
versions this plugin supports).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from .elements import (
    HEADINGS,
    INLINE,
    PERMALINK_CLASSES,
    RAW_TEXT,
    SCOPE,
    SPECIAL,
    TEXT_ATTRIBUTES,
    VOID,
    is_prose,
)
from .headings import heading_text

#: The pieces of a token, each written once: what follows ``<`` in a
#: comment, CDATA or doctype; a tag name; a start tag's attributes.
_NOT_A_TAG = (
    r"!--(?:-?>|.*?(?:--!?>|\Z))"  # comment (``<!-->`` and ``<!--->`` are whole)
    r"|!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|[!?][^>]*>?"  # doctype, processing instruction, bogus comment
)
_NAME = r"[A-Za-z][^\t\n\f\r />]*+"
#: Possessive: the attributes are never backtracked into (no growing
#: backtracking stack on a tag of a million quotes).
_ATTRS = r"""(?:[^>"']++|"[^"]*+"?+|'[^']*+'?+)*+"""
_NAME_END = r"(?=[\t\n\f\r />]|\Z)"

_TOKEN = re.compile(
    rf"<(?:{_NOT_A_TAG}|/(?P<end>{_NAME})[^>]*>?|(?P<start>{_NAME})(?P<attrs>{_ATTRS})>?)",
    re.S,
)
_ATTRIBUTE = re.compile(
    r"""([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"""
)


def attributes(text: str) -> dict[str, str]:
    """The attributes in the inside of a start tag, read one by one (so an
    ``alt`` that mentions ``src=`` is not taken for it); names lower-cased,
    the first of a name wins, values as written (entities not decoded).

    >>> attributes(' alt="src=x" SRC=a.jpg src="b.jpg" hidden')
    {'alt': 'src=x', 'src': 'a.jpg', 'hidden': ''}
    """
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        name, double, single, bare = match.groups()
        found.setdefault(
            name.lower(),
            next((value for value in (double, single, bare) if value is not None), ""),
        )
    return found


def _attribute_span(attrs: str, name: str, offset: int) -> tuple[int, int] | None:
    """Where the first attribute ``name`` of a start tag's ``attrs`` (at
    ``offset`` in the source) is written."""
    for match in _ATTRIBUTE.finditer(attrs):
        if match.group(1).lower() == name:
            return offset + match.start(), offset + match.end()
    return None


@functools.cache
def _raw_text_end(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{name}(?=[\t\n\f\r />]|\Z)", re.IGNORECASE)


@dataclass
class SourceHeading:
    """A heading of the source: its level, its ``id`` (None if it has no id
    attribute) and where one can be written, and its text as read."""

    level: int
    #: Offset right after ``<h2``: where `` id="…"`` goes.
    id_at: int
    id: str | None
    title: str = ""
    #: Where its ``id`` attribute is written (an empty one is replaced).
    id_span: tuple[int, int] | None = None


@dataclass
class SourceScan:
    """What :func:`scan` found."""

    #: Runs of prose text: each a list of ``(start, end)`` slices of the
    #: source that read as one piece of text (inline tags between them).
    runs: list[list[tuple[int, int]]] = field(default_factory=list)
    headings: list[SourceHeading] = field(default_factory=list)
    #: ``(start, end)`` of the values of ``alt`` and ``title`` attributes
    #: outside code and math.
    attribute_texts: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Open:
    name: str
    not_prose: bool = False
    heading: SourceHeading | None = None
    #: Where the heading's text starts in the scanner's ``title`` pieces.
    title_from: int = 0
    permalink: bool = False


class _Scanner:
    """State of one scan (kept out of the loop's locals for readability).

    The open elements are a stack, as a browser's; where each name, each
    special element, scope boundary and heading is on it is kept, so that
    an end tag is matched as a browser matches it in constant time: a
    heading's end tag closes the nearest heading of any level in scope
    (``<h2>…</h3>``), another end tag closes its element unless a special
    one is open above it (``<span><h2></span>`` leaves the ``h2`` open);
    anything else is ignored.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.scan = SourceScan()
        self.stack: list[_Open] = []
        self.open_at: dict[str, list[int]] = {}
        self.special_at: list[int] = []
        self.boundary_at: list[int] = []
        self.heading_at: list[int] = []
        #: Open ``<template>`` elements: what is inside is inert.
        self.templates = 0
        self.not_prose = 0
        self.run: list[tuple[int, int]] = []
        #: Open headings (of the scan) and the text read inside them.
        self.headings_open = 0
        self.title: list[str] = []
        #: ``alt`` texts of the images inside open headings.
        self.alts: list[str] = []
        self.permalinks = 0

    def text(self, start: int, end: int) -> None:
        if start >= end:
            return
        if self.headings_open and not (self.permalinks or self.templates):
            self.title.append(self.source[start:end])
        if not self.not_prose:
            self.run.append((start, end))

    def break_run(self) -> None:
        if self.run:
            self.scan.runs.append(self.run)
            self.run = []

    def text_attributes(self, attrs: str, offset: int) -> None:
        """Record where ``alt`` and ``title`` values are (``offset``: where
        ``attrs`` starts in the source)."""
        for match in _ATTRIBUTE.finditer(attrs):
            if match.group(1).lower() in TEXT_ATTRIBUTES:
                group = next((g for g in (2, 3, 4) if match.group(g)), None)
                if group is not None:
                    start, end = match.span(group)
                    self.scan.attribute_texts.append((offset + start, offset + end))

    def start(self, name: str, attrs: str, at: int) -> None:
        if name not in INLINE:
            self.break_run()
        # attribute names are case-insensitive (``ID=``, ``CLASS=``)
        lowered = attrs.lower()
        values = attributes(attrs) if ("class" in lowered or "id" in lowered) else {}
        prose = is_prose(name, values.get("class"))
        if prose and not self.not_prose and ("alt" in lowered or "title" in lowered):
            self.text_attributes(attrs, at + 1 + len(name))
        if name in VOID:
            if name == "img" and self.headings_open and "alt" in lowered:
                self.alts.append(html.unescape(attributes(attrs).get("alt", "")))
            return
        if name in HEADINGS and self.stack and self.stack[-1].name in HEADINGS:
            self.close(self.stack[-1].name)  # <h2>…<h3>: the h2 ends
        classes = set(values.get("class", "").split())
        entry = _Open(name)
        if not prose:
            entry.not_prose = True
            self.not_prose += 1
            self.break_run()
        if name == "template":
            self.templates += 1
        if name in HEADINGS and not self.templates:
            entry.heading = SourceHeading(
                int(name[1]), at + 1 + len(name), values.get("id")
            )
            if entry.heading.id is not None:
                entry.heading.id_span = _attribute_span(attrs, "id", at + 1 + len(name))
            self.scan.headings.append(entry.heading)  # in document order
            entry.title_from = len(self.title)
            self.headings_open += 1
        if self.headings_open and not PERMALINK_CLASSES.isdisjoint(classes):
            entry.permalink = True
            self.permalinks += 1
        depth = len(self.stack)
        self.open_at.setdefault(name, []).append(depth)
        if name in SPECIAL:
            self.special_at.append(depth)
            if name in SCOPE:
                self.boundary_at.append(depth)
            elif name in HEADINGS:
                self.heading_at.append(depth)
        self.stack.append(entry)

    def end(self, name: str) -> None:
        if name not in INLINE:
            self.break_run()
        if name in HEADINGS:
            at = self.heading_at[-1] if self.heading_at else -1
        else:
            opened = self.open_at.get(name)
            at = opened[-1] if opened else -1
        if at < 0:
            return  # a stray end tag: browsers ignore it
        above = self.boundary_at if name in SPECIAL else self.special_at
        if above and above[-1] > at:
            return  # out of scope: ignored too
        self.close(self.stack[at].name)

    def close(self, name: str | None) -> None:
        """Pop the open elements down to the nearest ``name`` (None: all)."""
        while self.stack:
            entry = self.stack.pop()
            depth = len(self.stack)
            self.open_at[entry.name].pop()
            if self.special_at and self.special_at[-1] == depth:
                self.special_at.pop()
                if self.boundary_at and self.boundary_at[-1] == depth:
                    self.boundary_at.pop()
                elif self.heading_at and self.heading_at[-1] == depth:
                    self.heading_at.pop()
            if entry.name == "template":
                self.templates -= 1
            if entry.not_prose:
                self.not_prose -= 1
                self.break_run()
            if entry.permalink:
                self.permalinks -= 1
            if entry.heading is not None:
                title = html.unescape("".join(self.title[entry.title_from :]))
                entry.heading.title = heading_text(title, self.alts)
                self.headings_open -= 1
                if not self.headings_open:
                    self.title, self.alts = [], []
            if entry.name == name:
                break

    def finish(self) -> SourceScan:
        self.break_run()
        self.close(None)  # what is never closed ends with the document
        return self.scan


class Token(NamedTuple):
    """A tag, comment or raw text: ``source[start:end]``. Text between tokens
    is the document's text."""

    kind: str  # "start", "end", "raw" (content of script, style…), "other"
    name: str  # the tag name, lower-cased ("" for "other")
    start: int
    end: int
    #: The inside of a start tag after its name (attributes), as written.
    attrs: str = ""


def tokens(source: str, position: int = 0) -> Iterator[Token]:
    """The tags, comments and raw-text contents of ``source`` (from
    ``position``, a token boundary), in order; one linear pass."""
    while True:
        match = _TOKEN.search(source, position)
        if match is None:
            return
        position = match.end()
        name = match.group("start")
        if name is not None:
            name = name.lower()
            yield Token("start", name, match.start(), position, match.group("attrs"))
            if name in RAW_TEXT:
                closing = _raw_text_end(name).search(source, position)
                end = closing.start() if closing else len(source)
                if name == "plaintext":  # never ends
                    end = len(source)
                if end > position:
                    yield Token("raw", name, position, end)
                position = end
            continue
        name = match.group("end")
        if name is not None:
            yield Token("end", name.lower(), match.start(), position)
        else:
            yield Token("other", "", match.start(), position)


def scan(source: str) -> SourceScan:
    """The prose runs and headings of an HTML fragment, in one linear pass."""
    scanner = _Scanner(source)
    position = 0
    for token in tokens(source):
        scanner.text(position, token.start)
        position = token.end
        if token.kind == "start":
            scanner.start(token.name, token.attrs, token.start)
        elif token.kind == "end":
            scanner.end(token.name)
        else:  # raw text, a comment, a doctype: not prose, and a break
            scanner.break_run()
    scanner.text(position, len(source))
    return scanner.finish()


@functools.cache
def _next_start_tag(name: str) -> re.Pattern[str]:
    """Matched at a token boundary: every token up to the next ``<name>`` or
    raw-text start tag (in C, no Python per token), then that tag (the
    ``tag`` group; None at the end of the source)."""
    stop = rf"(?i:{'|'.join(sorted({name} | RAW_TEXT))}){_NAME_END}"
    token = rf"<(?:{_NOT_A_TAG}|/{_NAME}[^>]*>?|(?!{stop}){_NAME}{_ATTRS}>?)"
    other = rf"(?:[^<]++|{token}|<(?!{stop}))*+"
    return re.compile(rf"{other}(?:<(?P<tag>{stop})(?P<attrs>{_ATTRS})>?|\Z)", re.S)


def start_tags(source: str, name: str) -> Iterator[tuple[Token, dict[str, str]]]:
    """Every ``<name …>`` start tag of ``source`` that is a tag (not text in
    a comment or a ``<script>``), with its :func:`attributes`.

    Up to the first raw-text element (in most documents: to the end), the
    tokens between two such tags are skipped by one pattern; from there on,
    :func:`tokens` reads the rest.
    """
    finder = _next_start_tag(name) if name not in RAW_TEXT else None
    position = 0
    while finder is not None:
        match = finder.match(source, position)
        assert match is not None  # the pattern can always end at ``\Z``
        tag = match.group("tag")
        if tag is None:
            return
        start = match.start("tag") - 1
        if tag.lower() != name:  # a raw-text element
            position = start
            break
        position = match.end()
        attrs = match.group("attrs")
        yield Token("start", name, start, position, attrs), attributes(attrs)
    for token in tokens(source, position):
        if token.kind == "start" and token.name == name:
            yield token, attributes(token.attrs)


def rewrite_start_tags(
    source: str, name: str, rewrite: Callable[[dict[str, str]], str | None]
) -> str:
    """``source`` with each ``<name …>`` tag replaced by what ``rewrite``
    makes of its attributes (None: the tag stays as it is).

    >>> rewrite_start_tags('<img src="a"><!--<img src="b">-->', "img",
    ...                    lambda a: f'<img src="{a["src"]}x">')
    '<img src="ax"><!--<img src="b">-->'
    """
    edits = []
    for token, found in start_tags(source, name):
        new = rewrite(found)
        if new is not None:
            edits.append((token.start, token.end, new))
    return apply_edits(source, edits)


def start_tag(name: str, attrs: Iterable[tuple[str, str]]) -> str:
    """A start tag with double-quoted attribute values (written as given:
    already escaped).

    >>> start_tag("img", [("src", "a.png"), ("alt", "")])
    '<img src="a.png" alt="">'
    """
    return f"<{name}" + "".join(f' {key}="{value}"' for key, value in attrs) + ">"


def apply_edits(source: str, edits: list[tuple[int, int, str]]) -> str:
    """``source`` with each ``(start, end, replacement)`` applied; edits must
    not overlap.

    >>> apply_edits("<h2>甲</h2>", [(3, 3, ' id="甲"')])
    '<h2 id="甲">甲</h2>'
    """
    if not edits:
        return source
    pieces, position = [], 0
    for start, end, replacement in sorted(edits, key=lambda edit: edit[:2]):
        pieces += [source[position:start], replacement]
        position = end
    pieces.append(source[position:])
    return "".join(pieces)
