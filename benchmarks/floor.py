"""The design's floor: a stand-in plugin that does, per document, only what
pelican-ath cannot do without: parse and serialise it with lxml (the tree the
design requires) and convert its text with OpenCC. No cleaning, ids, TOC,
punctuation or anything else; no plugin built on that design can be faster
or smaller, so its ratio over Pelican alone is the reference the plugin's
ratio is measured against.

Listed in ``PLUGINS`` as ``floor`` (``PLUGIN_PATHS`` = this folder). The
configuration is ``FLOOR_SCRIPT`` (default ``t2s``), or, per language,
``FLOOR_SCRIPTS`` (``{"zh-tw": "s2tw", "zh-cn": "tw2s"}``: the variants
floor, over a corpus that already holds each translation).
"""

from __future__ import annotations

import functools

import opencc
from lxml import etree
from pelican import signals

_PARSER = etree.HTMLParser(huge_tree=True, remove_comments=False, remove_pis=False)


@functools.cache
def _converter(config: str):
    return opencc.OpenCC(config).convert  # loaded in the build, as the plugin does


def on_content_object_init(content) -> None:
    source = getattr(content, "_content", None)
    if not isinstance(source, str) or not source:
        return
    settings = content.settings
    config = (settings.get("FLOOR_SCRIPTS") or {}).get(
        getattr(content, "lang", None), settings.get("FLOOR_SCRIPT", "t2s")
    )
    root = etree.fromstring(f"<html><body>{source}</body></html>", _PARSER)
    markup = etree.tostring(root.find("body"), encoding="unicode", method="html")
    content._content = _converter(config)(markup[len("<body>") : -len("</body>")])


def register() -> None:
    signals.content_object_init.connect(on_content_object_init)
