"""Make scraped markup safe to publish.

Saved pages and exporter files are untrusted: :func:`sanitize` passes them
through `nh3 <https://nh3.readthedocs.io>`_ (the Rust ``ammonia`` sanitizer)
with a list of what an article may contain. No ``script``, ``style``,
``iframe``, ``object``, ``embed``, form controls, event-handler or ``style``
attributes, or ``javascript:`` URLs survive; comments are dropped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .source import rewrite_start_tags, start_tag, start_tags

#: Elements an article may contain; anything else is unwrapped (its text kept).
ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col",
        "colgroup", "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
        "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong",
        "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
        "tr", "u", "ul", "video", "source",
    }
)  # fmt: skip
#: Elements removed together with everything inside them.
REMOVED_WITH_CONTENT = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed",
        "applet", "svg", "math", "canvas", "button", "select", "textarea",
        "form", "head", "title",
    }
)  # fmt: skip
#: Attributes kept per element (no ``style``, ``class``, ``id`` or ``on*``).
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
    # a video a reader can play: no autoplay, no scripting attributes
    "video": {"controls", "poster", "src", "preload", "width", "height"},
    "source": {"src", "type"},
}
#: Attributes any element keeps in markup that Pelican's own readers wrote
#: (Markdown, docutils) from a document found to be scraped: classes (math,
#: code, footnotes, a TOC of their own), ids (footnotes, anchors), language.
WRITER_ATTRIBUTES = frozenset({"class", "id", "lang", "dir", "title"})
#: URL schemes allowed in ``href`` and ``src`` (relative URLs pass).
URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: Metadata that are addresses: only ``http(s)`` is accepted.
URL_METADATA = frozenset({"source_url", "original_url"})
#: Metadata Pelican parses itself (not text shown to readers).
PARSED_METADATA = frozenset({"date", "modified"})

#: A pair of ASCII double quotes (or the last, unpaired one).
_QUOTED = re.compile(r'"([^"]*)("?)')
#: What ends the attribute or the ``<title>`` it is printed in, once a theme's
#: ``striptags`` has turned entities back into characters.
_END_TAG_START = re.compile(r"</(?=[A-Za-z])")
#: Characters an address never needs raw and an attribute must not hold.
_URL_UNSAFE = {ord(c): f"%{ord(c):02X}" for c in "\"'<>`\\ \t\n\r"}


def sanitize(markup: str, *, writer_markup: bool = False) -> str:
    """``markup`` with only the allowed elements, attributes and URL schemes;
    with ``writer_markup`` (a document Pelican's own readers wrote), every
    element keeps its :data:`WRITER_ATTRIBUTES` too.

    >>> sanitize('<p onclick="x()">Hi<script>alert(1)</script></p>')
    '<p>Hi</p>'
    >>> sanitize('<a href="javascript:alert(1)">x</a><img src=y onerror=z()>')
    '<a rel="noopener noreferrer">x</a><img src="y">'
    >>> sanitize('<video controls autoplay src="https://v/1.mp4" poster="javascript:x()"></video>')
    '<video controls="" src="https://v/1.mp4"></video>'
    >>> sanitize('<span class="math" onclick="x()">x²</span>', writer_markup=True)
    '<span class="math">x²</span>'
    """
    import nh3  # imported when there is scraped markup to clean

    attributes = ALLOWED_ATTRIBUTES
    if writer_markup:
        attributes = attributes | {"*": set(WRITER_ATTRIBUTES)}
    return nh3.clean(
        markup,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes=attributes,
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


def is_remote(url: str) -> bool:
    """Whether ``url`` is an absolute ``http(s)`` address.

    >>> is_remote("https://example.org/a.png"), is_remote("{static}images/a.png")
    (True, False)
    """
    try:
        return urlsplit(url.strip()).scheme.lower() in {"http", "https"}
    except ValueError:
        return False


def image_sources(markup: str) -> list[str]:
    """The ``src`` of every image in ``markup`` (:func:`sanitize` output), as
    text, in order.

    >>> image_sources('<p><img src="https://a.example/?x=1&amp;y=2"><img alt="x"></p>')
    ['https://a.example/?x=1&y=2']
    """
    return [
        html.unescape(found["src"])
        for _, found in start_tags(markup, "img")
        if found.get("src")
    ]


def replace_image_sources(markup: str, sources: Mapping[str, str]) -> str:
    """``markup`` (:func:`sanitize` output) with each image ``src`` found in
    ``sources`` (by its text, as :func:`image_sources` gives it) replaced.

    >>> replace_image_sources('<img src="a?b=1&amp;c=2">', {"a?b=1&c=2": "{static}x.png"})
    '<img src="{static}x.png">'
    """

    def replace(found: dict[str, str]) -> str | None:
        new = sources.get(html.unescape(found.get("src", "")))
        if new is None:
            return None
        return start_tag("img", (found | {"src": html.escape(new)}).items())

    return rewrite_start_tags(markup, "img", replace)


def metadata_text(value: str) -> str:
    """Scraped text as HTML text that a theme can print as it is.

    Themes print metadata unescaped (``{{ article.title }}``), and Pelican's
    own ones also print ``{{ article.title|striptags }}`` inside ``<title>``
    and ``title="…"``, where ``striptags`` turns entities back into
    characters. So ``& < >`` are escaped, ``"…"`` become curly quotes and
    ``</`` before a letter gets a word joiner (U+2060, invisible): nothing in
    the value can end an element or an attribute, in either place.

    >>> metadata_text("为什么 a<b 在中文里,成立")
    '为什么 a&lt;b 在中文里,成立'
    >>> metadata_text('标题<img src=x onerror="alert(1)">')
    '标题&lt;img src=x onerror=“alert(1)”&gt;'
    >>> metadata_text("</title><script>") == "&lt;\u2060/title&gt;&lt;script&gt;"
    True
    """
    text = _END_TAG_START.sub("<\u2060/", value)
    text = _QUOTED.sub(lambda m: "\u201c" + m[1] + ("\u201d" if m[2] else ""), text)
    return html.escape(text, quote=False)


def metadata_url(value: str) -> str | None:
    """A scraped address that a theme can put into ``href="…"``: ``http`` or
    ``https`` only (else None), quotes, brackets and spaces percent-encoded,
    ``&`` escaped.

    >>> metadata_url(' https://www.163.com/a.html?x=1&y="2" ')
    'https://www.163.com/a.html?x=1&amp;y=%222%22'
    >>> metadata_url("javascript:alert(1)") is None, metadata_url("/a.html") is None
    (True, True)
    """
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return html.escape(urlunsplit(parts).translate(_URL_UNSAFE), quote=False)


def scraped_metadata(found: Mapping[str, Any]) -> dict[str, Any]:
    """Metadata found in a scraped file, safe to hand to Pelican's themes:
    text escaped (:func:`metadata_text`), addresses checked
    (:func:`metadata_url`; one that is not ``http(s)`` is left out), dates
    and other values as they are."""
    safe: dict[str, Any] = {}
    for name, value in found.items():
        if isinstance(value, str) and name in URL_METADATA:
            value = metadata_url(value)
            if value is None:
                continue
        elif isinstance(value, str) and name not in PARSED_METADATA:
            value = metadata_text(value)
        safe[name] = value
    return safe
