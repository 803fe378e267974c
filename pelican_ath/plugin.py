"""Pelican glue: signals in, plain arguments out.

All logic lives in the step modules; this module reads the settings once per
site, hands each document to :func:`pelican_ath.pipeline.process` and stores
the result on the content object.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import sys
from collections import Counter
from collections.abc import Mapping
from typing import Any

from pelican import signals
from pelican.readers import BaseReader
from pelican.utils import (
    order_content,
    process_translations,
    truncate_html_paragraphs,
    truncate_html_words,
)

from . import cache, saved
from .clean import Removal, drop_empty_image_tags
from .pipeline import DocumentTooDeep, convert_markup, options_transform, process
from .reader import ScrapedTextReader
from .settings import AthSettings, SettingsError, normalise_lang, read_settings
from .variants import VARIANT_OF, make_variant, missing_variants

logger = logging.getLogger("pelican_ath")

#: Validated settings per Pelican settings dict (one per site or language).
_SITES: dict[int, tuple[Mapping[str, Any], AthSettings]] = {}
#: What this build did, for the one INFO line at the end.
_STATS: Counter[str] = Counter()


def site_settings(settings: Mapping[str, Any]) -> AthSettings:
    """The validated ``ATH_*`` settings of one Pelican settings dict."""
    cached = _SITES.get(id(settings))
    if cached is None or cached[0] is not settings:
        if len(_SITES) > 32:
            _SITES.clear()
        cached = (settings, read_settings(settings))
        _SITES[id(settings)] = cached
    return cached[1]


def on_initialized(pelican: Any) -> None:
    """Validate the settings before anything is read: one clear error, no
    traceback, no build."""
    try:
        site_settings(pelican.settings)
    except SettingsError as err:
        logger.critical("pelican-ath: %s", err)
        raise SystemExit(1) from None


def on_get_generators(pelican: Any) -> None:
    """Before each build makes its generators (which load the content cache):
    load and write the cache only if it cannot be stale (see :mod:`.cache`)."""
    message = cache.begin(site_settings(pelican.settings), pelican.settings)
    if message:
        logger.info("pelican-ath: %s", message)


@functools.cache
def _precleaning(reader_class: type[BaseReader]) -> type[BaseReader]:
    """``reader_class``, but its output has no source-less ``<img>`` tags, so
    Pelican's empty-``alt`` check never warns about images that are removed."""

    def read(self: BaseReader, source_path: str) -> tuple[str, dict]:
        content, metadata = reader_class.read(self, source_path)
        content, removals = drop_empty_image_tags(content)
        _report(source_path, removals)
        return content, metadata

    return type(
        reader_class.__name__,
        (reader_class,),
        {"read": read, "__module__": reader_class.__module__, "_ath_precleaned": True},
    )


def on_readers_init(readers: Any) -> None:
    """Register the scraped-text reader and the saved-page readers; pre-clean
    every other reader."""
    ath = site_settings(readers.settings)
    if ath.saved_pages:  # before pre-cleaning: they are wrapped like the rest
        saved.register(readers.reader_classes)
    if ath.clean:
        for extension, reader_class in list(readers.reader_classes.items()):
            if (
                reader_class is not None
                and reader_class is not BaseReader
                and not getattr(reader_class, "_ath_precleaned", False)
            ):
                readers.reader_classes[extension] = _precleaning(reader_class)
    for extension in ath.reader_extensions:
        readers.reader_classes[extension] = ScrapedTextReader


def _summary(html: str, settings: Mapping[str, Any]) -> str:
    """The summary Pelican would derive from ``html`` (same settings)."""
    max_paragraphs = settings.get("SUMMARY_MAX_PARAGRAPHS")
    if max_paragraphs is not None:
        html = truncate_html_paragraphs(html, max_paragraphs)
    if settings.get("SUMMARY_MAX_LENGTH") is None:
        return html
    return truncate_html_words(
        html, settings["SUMMARY_MAX_LENGTH"], settings.get("SUMMARY_END_SUFFIX", "…")
    )


def _report(path: str, removals: list[Removal]) -> None:
    for removal in removals:
        _STATS[removal.reason] += 1
        logger.debug("%s: removed %s: %.80r", path, removal.reason, removal.text)


def on_content_object_init(content: Any) -> None:
    """Run the pipeline on one article or page."""
    source = getattr(content, "_content", None)
    if not isinstance(source, str) or not source:
        return
    path = getattr(content, "source_path", None) or "<content>"
    ath = site_settings(content.settings)
    lang = _normalise_lang(content)
    try:
        options = ath.article_options(content.metadata, lang)
    except SettingsError as err:
        logger.warning("%s: metadata %s; using the site settings instead", path, err)
        options = ath.article_options({}, lang)

    if content.metadata.get(VARIANT_OF):  # made from a finished article
        options = dataclasses.replace(options, clean=False, punctuation=False)
    try:
        result = process(source, options)
    except DocumentTooDeep as err:
        logger.warning(
            "%s: %s; published as written, without cleaning, TOC or conversion",
            path,
            err,
        )
        return
    content._content = result.html
    content.toc = result.toc_html
    content.toc_tree = result.toc_tree

    _report(path, result.removals)
    for note in result.notes:
        logger.warning("%s: %s", path, note)
    _STATS["documents"] += 1
    _STATS["documents cleaned"] += bool(result.removals)
    _STATS["tables of contents"] += result.toc_html is not None

    if options.script:
        _STATS[f"converted with {options.script}"] += 1
    convert = options_transform(options)
    if convert is not None:
        for name in ("title", "summary"):
            if isinstance(content.metadata.get(name), str):
                value = convert_markup(content.metadata[name], convert)
                content.metadata[name] = value
                setattr(content, "_summary" if name == "summary" else name, value)
    if result.toc_html is not None and "summary" not in content.metadata:
        content.metadata["summary"] = _summary(
            result.html_without_toc, content.settings
        )


def _normalise_lang(content: Any) -> str | None:
    """Lower-case the content's ``lang`` as Pelican does ``DEFAULT_LANG``, so
    that ``zh-Hant`` and ``zh-hant`` are one language."""
    lang = getattr(content, "lang", None)
    if not isinstance(lang, str):
        return None
    lang = normalise_lang(lang)
    content.lang = lang
    if "lang" in content.metadata:
        content.metadata["lang"] = lang
    default = content.settings.get("DEFAULT_LANG")
    if isinstance(default, str):
        content.in_default_lang = lang == normalise_lang(default)
    return lang


def _i18n_subsites() -> Any:
    return sys.modules.get("pelican.plugins.i18n_subsites.i18n_subsites")


def languages_with_own_site(settings: Mapping[str, Any]) -> set[str]:
    """Languages that i18n_subsites builds as sites of their own."""
    site_db = getattr(_i18n_subsites(), "_SITE_DB", None) or {}
    languages = set(site_db) | set(settings.get("I18N_SUBSITES", {}))
    return {normalise_lang(lang) for lang in languages if isinstance(lang, str)}


def _i18n_filters_first(signal: Any, ours: Any) -> bool:
    """Whether i18n_subsites' filter runs before ``ours`` on ``signal``.

    It then cannot move our variants to their sub-sites: those languages are
    left to the sub-sites (converted in place there, without links between
    them)."""
    theirs = getattr(_i18n_subsites(), "filter_contents_translations", None)
    if theirs is None:
        return False
    for receiver in signal.receivers_for(None):
        if receiver is ours:
            return False
        if receiver is theirs:
            return True
    return False


def _add_variants(
    generator: Any, lists: tuple[tuple[str, str], ...], kind: str, signal: Any
) -> bool:
    """Add the missing script variants to a generator's content lists."""
    ath = site_settings(generator.settings)
    if not ath.variants:
        return False
    variants = list(ath.variants)
    if _i18n_filters_first(signal, _RECEIVERS[kind]):
        own_sites = languages_with_own_site(generator.settings)
        variants = [
            (lang, config) for lang, config in variants if lang not in own_sites
        ]
        if kind not in _WARNED_ORDER:
            _WARNED_ORDER.add(kind)
            logger.warning(
                'pelican-ath: list "pelican_ath" before i18n_subsites in PLUGINS; '
                "otherwise the script variants of sub-site languages are left to "
                "the sub-sites and not linked to each other"
            )
    translation_id = generator.settings[f"{kind}_TRANSLATION_ID"]
    added = False
    for originals, translations in lists:
        items = getattr(generator, originals) + getattr(generator, translations)
        planned = missing_variants(items, variants, translation_id)
        if not planned:
            continue
        clones = [make_variant(*plan) for plan in planned]
        _STATS["script variants"] += len(clones)
        origs, trans = process_translations(items + clones, translation_id)
        setattr(
            generator,
            originals,
            order_content(origs, generator.settings[f"{kind}_ORDER_BY"]),
        )
        setattr(generator, translations, trans)
        added = True
    return added


def on_article_generator_pretaxonomy(generator: Any) -> None:
    """Publish every Chinese article once per ATH_SCRIPT_VARIANTS entry."""
    _add_variants(
        generator,
        (
            ("articles", "translations"),
            ("hidden_articles", "hidden_translations"),
            ("drafts", "drafts_translations"),
        ),
        "ARTICLE",
        signals.article_generator_pretaxonomy,
    )


def on_page_generator_finalized(generator: Any) -> None:
    """Publish every Chinese page once per ATH_SCRIPT_VARIANTS entry."""
    lists = (
        ("pages", "translations"),
        ("hidden_pages", "hidden_translations"),
        ("draft_pages", "draft_translations"),
    )
    if _add_variants(generator, lists, "PAGE", signals.page_generator_finalized):
        generator._update_context(("pages", "hidden_pages", "draft_pages"))


_RECEIVERS = {
    "ARTICLE": on_article_generator_pretaxonomy,
    "PAGE": on_page_generator_finalized,
}
_WARNED_ORDER: set[str] = set()


def on_finalized(pelican: Any) -> None:
    """Record the settings the cache was written with; one INFO line with what
    the build did."""
    cache.end(pelican.settings)
    if not _STATS:
        return
    documents = _STATS.pop("documents", 0)
    details = ", ".join(f"{count} {name}" for name, count in sorted(_STATS.items()))
    logger.info("pelican-ath: %d documents processed: %s", documents, details)
    _STATS.clear()


def register() -> None:
    """Connect the plugin (idempotent: Pelican may call it more than once)."""
    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(on_get_generators)
    signals.readers_init.connect(on_readers_init)
    signals.content_object_init.connect(on_content_object_init)
    signals.article_generator_pretaxonomy.connect(on_article_generator_pretaxonomy)
    signals.page_generator_finalized.connect(on_page_generator_finalized)
    signals.finalized.connect(on_finalized)
