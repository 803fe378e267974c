"""The design's floor: a stand-in plugin that does, per document, only what
pelican-ath cannot do without: parse and serialise it with lxml (the tree the
design requires) and convert its text with OpenCC. No cleaning, ids, TOC,
punctuation or anything else; no plugin built on that design can be faster
or smaller, so its ratio over Pelican alone is the reference the plugin's
ratio is measured against.

Listed in ``PLUGINS`` as ``floor`` (``PLUGIN_PATHS`` = this folder). The
configuration is ``FLOOR_SCRIPT`` (default ``t2s``; None: no document is
touched), or, per language, ``FLOOR_SCRIPTS`` (``{"zh-tw": "s2tw", "zh-cn":
"tw2s"}``: the variants floor, over a corpus that already holds each
translation).

With ``FLOOR_VARIANT = (lang, config)`` every article also gets a
translation in ``lang`` made in memory, as pelican-ath's variants are, its
content converted by one call of OpenCC's ``config`` and nothing else: what
Pelican and OpenCC cost for the variants, the least any variants build
pays for them.
"""

from __future__ import annotations

import functools

import opencc
from lxml import etree
from pelican import signals
from pelican.utils import order_content, process_translations

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
    if config is None or content.metadata.get(_VARIANT):
        return
    root = etree.fromstring(f"<html><body>{source}</body></html>", _PARSER)
    markup = etree.tostring(root.find("body"), encoding="unicode", method="html")
    content._content = _converter(config)(markup[len("<body>") : -len("</body>")])


#: Metadata of a translation made by ``FLOOR_VARIANT``.
_VARIANT = "floor_variant"


def on_article_generator_pretaxonomy(generator) -> None:
    settings = generator.settings
    if not settings.get("FLOOR_VARIANT"):
        return
    lang, config = settings["FLOOR_VARIANT"]
    convert = _converter(config)
    clones = []
    for article in generator.articles:
        metadata = {
            name: value
            for name, value in article.metadata.items()
            if name not in ("save_as", "url")
        }
        metadata.update(lang=lang, slug=article.slug, **{_VARIANT: True})
        clones.append(
            type(article)(
                content=convert(article._content),
                metadata=metadata,
                settings=settings,
                source_path=article.source_path,
                context=article._context,
            )
        )
    items = generator.articles + generator.translations + clones
    originals, translations = process_translations(
        items, settings["ARTICLE_TRANSLATION_ID"]
    )
    generator.articles = order_content(originals, settings["ARTICLE_ORDER_BY"])
    generator.translations = translations


def register() -> None:
    signals.content_object_init.connect(on_content_object_init)
    signals.article_generator_pretaxonomy.connect(on_article_generator_pretaxonomy)
