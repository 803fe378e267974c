"""The TOC on an article's own page, and nowhere else.

The TOC is not in an article's content: feeds, summaries, index, category,
tag and archive pages, and whatever a theme excerpts from ``content``, show
the article without it. Right before Pelican writes the article's own page,
its content is given the TOC (through the ``_get_content`` hook that
Pelican's ``Content.get_content`` consults); right after, it is taken away.
Pelican memoises ``content`` per site URL, so its memos for the URLs the
page can be rendered with are dropped on both sides. The summary (which a
theme may show on the article's page too, as its description) is worked out
from the content without the TOC, and stays memoised.
"""

from __future__ import annotations

import functools
import inspect
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


def _siteurls(content: Any) -> set[str]:
    """The site URLs ``content``'s page can be rendered with: the current
    one, and the relative one of its own page (worked out once per page:
    ``save_as`` formats a URL setting each time it is read)."""
    siteurls = {content.get_siteurl()}
    if content.settings.get("RELATIVE_URLS"):
        save_as = getattr(content, "save_as", None)
        if save_as:
            siteurls.add(path_to_url(get_relative_path(save_as)))
    return siteurls


@functools.cache
def _memo(cls: type, name: str) -> Any:
    """Pelican's memo of a method (``get_content``, ``get_summary``)."""
    return inspect.getattr_static(cls, name)


def _forget_content(content: Any, siteurls: set[str]) -> None:
    cache = _memo(content.__class__, "get_content").cache
    for siteurl in siteurls:
        cache.pop((content, siteurl), None)


def summary_without_toc(content: Any, siteurls: set[str], siteurl: str) -> str:
    """Pelican's summary of ``content`` (memoised as Pelican does), worked out
    from its content without the TOC even while its page is written (with
    ``siteurls``): a theme's ``<meta name="description">`` shows the
    article's first words, and the same summary serves the index and the
    feeds afterwards."""
    memo = _memo(content.__class__, "get_summary")
    if (content, siteurl) in memo.cache:
        return memo.cache[(content, siteurl)]
    siteurls = siteurls | {siteurl}
    contents = _memo(content.__class__, "get_content").cache
    with_toc = {
        key: contents.pop(key)
        for key in [(content, u) for u in siteurls]
        if key in contents
    }
    hook = content.__dict__.pop("_get_content")
    try:
        return memo(content, siteurl)
    finally:
        content._get_content = hook
        _forget_content(content, siteurls)
        contents.update(with_toc)


def show(content: Any, showing: list[tuple[Any, set[str]]]) -> None:
    """Give ``content`` its TOC while its own page is written (if it has one
    and no other plugin gave it one); it joins ``showing``."""
    if not getattr(content, "ath_toc", None) or has_other_toc(content):
        return
    siteurls = _siteurls(content)
    _forget_content(content, siteurls)
    content._get_content = functools.partial(with_toc, content)
    content.get_summary = functools.partial(summary_without_toc, content, siteurls)
    showing.append((content, siteurls))


def hide(showing: list[tuple[Any, set[str]]]) -> None:
    """Take the TOC away from the content in ``showing`` (its summary never
    had it, and stays memoised)."""
    while showing:
        content, siteurls = showing.pop()
        del content._get_content
        del content.get_summary
        _forget_content(content, siteurls)
