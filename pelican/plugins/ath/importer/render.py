"""The Pelican source file an import writes: the page's metadata as the HTML
text Pelican must read back, then the sanitised body, as an HTML file
(``<title>`` and ``<meta>``) or a Markdown one (a ``Key: value`` header and
the article as one HTML block)."""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Mapping
from pathlib import Path

from ..html.sanitize import URL_METADATA, is_remote, scraped_metadata
from ..netease.page import Page

#: The metadata that marks a file for the plugin's whole scraped treatment.
SCRAPED = ("ath_scraped", "import")
#: Page metadata written into the file, in this order.
FIELDS = (
    "title", "date", "author", "source", "source_url", "original_url",
    "original_title", "editor",
)  # fmt: skip

_DATE_LINE = re.compile(r'^(?:<meta name="date" content="([^"]+)">|Date: (.+))$', re.M)


def file_metadata(page: Page, stem: str, date: str | None) -> dict[str, str]:
    """The metadata written into the file: the page's, by name, ``date`` when
    the page has none, and :data:`SCRAPED`, each as the HTML text Pelican
    must read back (:func:`~pelican.plugins.ath.html.sanitize.scraped_metadata`:
    text escaped for every way a theme prints it, only ``http(s)``
    addresses)."""
    values: dict[str, str] = {}
    for name in FIELDS:
        value = getattr(page, name)
        if isinstance(value, datetime.datetime):
            value = value.isoformat()
        if not value or (name in URL_METADATA and not is_remote(value)):
            continue
        values[name] = " ".join(str(value).split())
    values.setdefault("title", stem)
    if "date" not in values and date:
        values["date"] = date
    values[SCRAPED[0]] = SCRAPED[1]
    return scraped_metadata(values)


def render_html(metadata: Mapping[str, str], body: str) -> str:
    """A Pelican HTML source file: ``<title>`` and ``<meta>`` metadata, each
    read back by Pelican as exactly the HTML text in ``metadata``
    (:func:`file_metadata`): ``<title>`` as it is (Pelican keeps its
    entities), ``content`` attributes escaped once more (Pelican unescapes
    them).

    >>> print(render_html({"title": "A&amp;B", "source": "&lt;i&gt;"}, "<p>x</p>"))
    <!DOCTYPE html>
    <html>
    <head>
    <title>A&amp;B</title>
    <meta name="source" content="&amp;lt;i&amp;gt;">
    </head>
    <body>
    <p>x</p>
    </body>
    </html>
    <BLANKLINE>
    """
    lines = ["<!DOCTYPE html>", "<html>", "<head>"]
    for name, text in metadata.items():
        if name == "title":
            lines.append(f"<title>{text}</title>")
        else:
            lines.append(f'<meta name="{name}" content="{html.escape(text)}">')
    lines += ["</head>", "<body>", body.strip(), "</body>", "</html>", ""]
    return "\n".join(lines)


def render_markdown(metadata: Mapping[str, str], body: str) -> str:
    """A Pelican Markdown source file: a ``Key: value`` header (Pelican reads
    a value as it is: the HTML text of :func:`file_metadata`), then the
    article as one HTML block, which Markdown passes through as it is.

    >>> print(render_markdown({"title": "A&lt;B", "date": "2021-05-15"}, "<p>*x*</p>"))
    Title: A&lt;B
    Date: 2021-05-15
    <BLANKLINE>
    <div>
    <p>*x*</p>
    </div>
    <BLANKLINE>
    """
    lines = [
        f"{name.capitalize() if name in {'title', 'date', 'author'} else name}: {text}"
        for name, text in metadata.items()
    ]
    return "\n".join([*lines, "", "<div>", body.strip(), "</div>", ""])


RENDERERS = {"html": render_html, "md": render_markdown}


def written_date(path: Path) -> str | None:
    """The date an earlier import wrote into ``path`` (for pages without one)."""
    try:
        match = _DATE_LINE.search(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    if match is None:
        return None
    if match.group(1):  # a <meta content>: escaped once
        return html.unescape(match.group(1))
    return match.group(2)
