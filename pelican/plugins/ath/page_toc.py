"""The TOC on an article's own page, and nowhere else.

The TOC is not in an article's content: feeds, summaries, index, category,
tag and archive pages, and whatever a theme excerpts from ``content``, show
the article without it. Right before Pelican writes the article's own page,
its content is given the TOC (through the ``_get_content`` hook that
Pelican's ``Content.get_content`` consults); right after, it is taken away.
Pelican memoises ``content`` and ``summary`` per site URL, so the memos for
the URLs the page can be rendered with are dropped on both sides.
"""

from __future__ import annotations

import functools
from typing import Any

from pelican.utils import get_relative_path, path_to_url

from .html.toc import insert


def has_other_toc(content: Any) -> bool:
    """Whether another plugin gave the content a TOC of its own as
    ``content.toc`` (extract_toc does; the theme shows it). A blog's own
    ``toc: True`` metadata lands there too, but is no TOC."""
    other = getattr(content, "toc", None)
    return isinstance(other, str) and other.lstrip().startswith("<")


def with_toc(content: Any) -> str:
    """The content as its own page shows it: the TOC at its place (at the top
    if another plugin changed the content since)."""
    html = content._content
    at = content.ath_toc_at if html is content._ath_toc_source else 0
    return insert(html, content.ath_toc, at)


def _forget(content: Any) -> None:
    """Drop Pelican's memoised content and summary of ``content`` for the site
    URLs its page can be rendered with (the current one, and the relative one
    of its own page)."""
    siteurls = {content.get_siteurl()}
    save_as = getattr(content, "save_as", None)
    if content.settings.get("RELATIVE_URLS") and save_as:
        siteurls.add(path_to_url(get_relative_path(save_as)))
    for memo in (content.get_content, content.get_summary):
        for siteurl in siteurls:
            memo.cache.pop((content, siteurl), None)


def show(content: Any, showing: list[Any]) -> None:
    """Give ``content`` its TOC while its own page is written (if it has one
    and no other plugin gave it one); it joins ``showing``."""
    if not getattr(content, "ath_toc", None) or has_other_toc(content):
        return
    _forget(content)
    content._get_content = functools.partial(with_toc, content)
    showing.append(content)


def hide(showing: list[Any]) -> None:
    """Take the TOC away from the content in ``showing``."""
    while showing:
        content = showing.pop()
        del content._get_content
        _forget(content)
