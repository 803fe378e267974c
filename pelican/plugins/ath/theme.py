"""What the site's theme already uses, so headings do not take it.

A heading ``## Content`` would get ``id="content"``, which notmyidea's
``<section id="content">`` already has: the page would hold the id twice and
``#content`` would land on the theme's element. The ids written literally in
the theme's templates (and in ``THEME_TEMPLATES_OVERRIDES``) are read once per
site and kept off headings.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import Any

_LITERAL_ID = re.compile(r"""\bid\s*=\s*["']([^"'{}%<>\s]+)["']""")


def template_dirs(settings: Mapping[str, Any]) -> list[str]:
    """The folders Pelican reads the site's templates from."""
    dirs = list(settings.get("THEME_TEMPLATES_OVERRIDES") or ())
    theme = settings.get("THEME")
    if isinstance(theme, str) and theme:
        dirs.append(os.path.join(theme, "templates"))
    return [path for path in dirs if isinstance(path, str)]


def literal_ids(texts: Iterable[str]) -> frozenset[str]:
    """The ids written literally in template texts (not computed ones).

    >>> sorted(literal_ids(['<section id="content">', '<a id="{{ x }}">']))
    ['content']
    """
    return frozenset(match for text in texts for match in _LITERAL_ID.findall(text))


def theme_ids(settings: Mapping[str, Any]) -> frozenset[str]:
    """Every literal id of the site's templates (unreadable files skipped)."""
    texts = []
    for folder in template_dirs(settings):
        for directory, _, files in os.walk(folder):
            for name in files:
                if not name.endswith((".html", ".htm", ".xml", ".j2", ".jinja")):
                    continue
                try:
                    with open(os.path.join(directory, name), encoding="utf-8") as f:
                        texts.append(f.read())
                except (OSError, UnicodeDecodeError):
                    continue
    return literal_ids(texts)
