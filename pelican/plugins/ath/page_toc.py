"""The TOC on an article's own page, and nowhere else.

The TOC is not in an article's content: feeds, summaries, index, category,
tag and archive pages, and whatever a theme excerpts from ``content``, show
the article without it. Right before Pelican writes the article's own page,
its content is given the TOC; right after, it is taken away. Pelican
memoises ``content`` per site URL: for the URLs the page can be rendered
with, the memo is set to the TOC followed by the content Pelican made (when
the TOC goes at the top, so Pelican's work on the content is done once and
kept), or dropped, so that the hook that Pelican's ``Content.get_content``
consults (:func:`.pelican_compat.set_content_hook`) puts the TOC at its
``[TOC]`` marker. The
summary (which a theme may show on the article's page too, as its
description) is worked out from the content without the TOC, and stays
memoised."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from pelican.utils import get_relative_path, path_to_url

from .html.toc import insert
from .pelican_compat import (
    content_html,
    forget_memoized_content,
    memoized_contents,
    memoized_summaries,
    memoized_summary,
    remove_content_hook,
    remove_summary_hook,
    set_content_hook,
    set_summary_hook,
)


def has_other_toc(content: Any) -> bool:
    """Whether another plugin gave the content a TOC of its own as
    ``content.toc`` (extract_toc does; the theme shows it). A blog's own
    ``toc: True`` metadata lands there too, but is no TOC."""
    other = getattr(content, "toc", None)
    return isinstance(other, str) and other.lstrip().startswith("<")


def _toc_at(content: Any) -> int:
    """Where the TOC goes in the content: its place, or the top if another
    plugin changed the content since."""
    source = content_html(content)
    return content.ath_toc_at if source is content._ath_toc_source else 0


def with_toc(content: Any) -> str:
    """The content as its own page shows it: the TOC at its place."""
    return insert(content_html(content), content.ath_toc, _toc_at(content))


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


@dataclass
class Shown:
    """An article whose page is being written with its TOC."""

    content: Any
    #: The site URLs its page can be rendered with.
    siteurls: set[str]
    #: Its content without the TOC as Pelican made it, per site URL, when the
    #: TOC goes at the top: the page's content is the TOC and that (the TOC
    #: holds only ``#`` links, which Pelican leaves alone), so Pelican's work
    #: on the content is done once, and kept for the feeds and listings.
    plain: dict[str, str]


def summary_without_toc(shown: Shown, siteurl: str) -> str:
    """Pelican's summary of the content (memoised as Pelican does), worked
    out from its content without the TOC even while its page is written: a
    theme's ``<meta name="description">`` shows the article's first words,
    and the same summary serves the index and the feeds afterwards."""
    content = shown.content
    summaries = memoized_summaries(content)
    if (content, siteurl) in summaries:
        return summaries[(content, siteurl)]
    contents = memoized_contents(content)
    if siteurl in shown.plain:
        contents[(content, siteurl)] = shown.plain[siteurl]
        try:
            return memoized_summary(content, siteurl)
        finally:
            contents[(content, siteurl)] = insert(
                shown.plain[siteurl], content.ath_toc, 0
            )
    siteurls = shown.siteurls | {siteurl}
    with_toc = {
        key: contents.pop(key)
        for key in [(content, u) for u in siteurls]
        if key in contents
    }
    hook = remove_content_hook(content)
    assert hook is not None  # set by show()
    try:
        return memoized_summary(content, siteurl)
    finally:
        set_content_hook(content, hook)
        forget_memoized_content(content, siteurls)
        contents.update(with_toc)


def show(content: Any, showing: list[Shown]) -> None:
    """Give ``content`` its TOC while its own page is written (if it has one
    and no other plugin gave it one); it joins ``showing``."""
    if not getattr(content, "ath_toc", None) or has_other_toc(content):
        return
    siteurls = _siteurls(content)
    plain = {}
    if not _toc_at(content):
        plain = {siteurl: content.get_content(siteurl) for siteurl in siteurls}
    forget_memoized_content(content, siteurls)
    set_content_hook(content, functools.partial(with_toc, content))
    contents = memoized_contents(content)
    for siteurl, html in plain.items():
        contents[(content, siteurl)] = insert(html, content.ath_toc, 0)
    shown = Shown(content, siteurls, plain)
    set_summary_hook(content, functools.partial(summary_without_toc, shown))
    showing.append(shown)


def hide(showing: list[Shown]) -> None:
    """Take the TOC away from the content in ``showing`` (its summary never
    had it, and stays memoised; so does its content without the TOC)."""
    while showing:
        shown = showing.pop()
        content = shown.content
        remove_content_hook(content)
        remove_summary_hook(content)
        forget_memoized_content(content, shown.siteurls)
        memoized_contents(content).update(
            ((content, siteurl), html) for siteurl, html in shown.plain.items()
        )
