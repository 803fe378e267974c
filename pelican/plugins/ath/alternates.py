"""Links between the pages of whole-site script variants.

Each script is a whole site (``zh-hans/…`` beside the main site), with the
same paths in every script. A theme links an article to its translations,
but nothing links the index, archive, tag or category pages of one script to
the same page in the other: once every site is written, each page written in
more than one of them gets ``<link rel="alternate" hreflang>`` to the others
in its ``<head>``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from html import escape
from pathlib import Path

_HEAD_END = re.compile(r"</head\s*>", re.I)


def alternate_link(lang: str, href: str) -> str:
    """The tag, as themes write their own (its values escaped: a path comes
    from a slug a scraped file may set).

    >>> alternate_link("zh-hans", "zh-hans/tags.html")
    '<link rel="alternate" hreflang="zh-hans" href="zh-hans/tags.html">'
    >>> alternate_link("zh-hans", 'a"b&c.html')
    '<link rel="alternate" hreflang="zh-hans" href="a&quot;b&amp;c.html">'
    """
    return f'<link rel="alternate" hreflang="{escape(lang)}" href="{escape(href)}">'


def with_alternates(page: str, links: Mapping[str, str]) -> str:
    """``page`` with a link to each of ``links`` (lang -> href) its head does
    not have yet (a theme's own ``hreflang`` for that language is kept).

    >>> with_alternates("<head><title>t</title></head>", {"zh-hans": "a.html"})
    '<head><title>t</title><link rel="alternate" hreflang="zh-hans" href="a.html">\\n</head>'
    >>> with_alternates('<head><link hreflang="zh-hans" href=x></head>', {"zh-hans": "a.html"})
    '<head><link hreflang="zh-hans" href=x></head>'
    >>> with_alternates("<p>no head</p>", {"zh-hans": "a.html"})
    '<p>no head</p>'
    """
    end = _HEAD_END.search(page)
    if end is None:
        return page
    head = page[: end.start()]
    new = "".join(
        alternate_link(lang, href) + "\n"
        for lang, href in links.items()
        if f'hreflang="{lang}"' not in head
    )
    return head + new + page[end.start() :] if new else page


def link_sites(outputs: Mapping[str, Path]) -> int:
    """Give every HTML page written in more than one of the sites ``outputs``
    (lang -> output folder; nested folders are the other sites') links to its
    counterparts, relative to it; how many pages changed."""
    folders = {lang: folder.resolve() for lang, folder in outputs.items()}
    pages: dict[str, dict[str, Path]] = {}
    for lang, folder in folders.items():
        others = [f for f in folders.values() if f != folder and folder in f.parents]
        for path in folder.rglob("*.html"):
            if any(other in path.parents for other in others):
                continue
            pages.setdefault(path.relative_to(folder).as_posix(), {})[lang] = path
    changed = 0
    for written in pages.values():
        if len(written) < 2:
            continue
        for lang, path in written.items():
            links = {
                other: Path(os.path.relpath(target, path.parent)).as_posix()
                for other, target in written.items()
                if other != lang
            }
            with open(path, encoding="utf-8", newline="") as page:
                text = page.read()
            linked = with_alternates(text, links)
            if linked != text:
                with open(path, "w", encoding="utf-8", newline="") as page:
                    page.write(linked)
                changed += 1
    return changed
