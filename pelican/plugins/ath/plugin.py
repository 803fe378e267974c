"""Pelican glue: signals in, plain arguments out.

All logic lives in the step modules; this module reads the settings once per
site, hands each document to :func:`pelican.plugins.ath.pipeline.process`, stores the
result on the content object under ``ath_`` names, and puts the TOC into an
article's own page while that page is written (and nowhere else: not in
feeds, summaries, listings or what a theme excerpts from ``content``).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections import Counter
from collections.abc import Mapping
from typing import Any

from pelican.contents import Article
from pelican.readers import BaseReader
from pelican.utils import (
    get_relative_path,
    order_content,
    path_to_url,
    process_translations,
)

from pelican import signals

from . import cache, i18n
from .html import toc as toc_module
from .html.preclean import Removal, drop_empty_image_tags
from .pipeline import DocumentTooDeep, convert_markup, options_transform, process
from .readers import page_readers as saved
from .readers.text_reader import ScrapedTextReader
from .settings import (
    SCRAPED,
    AthSettings,
    SettingsError,
    normalise_lang,
    read_settings,
)
from .taxonomy import taxonomy_in_script
from .theme import theme_ids
from .variants import VARIANT_OF, make_variant, missing_variants

logger = logging.getLogger(__name__)

#: Validated settings per Pelican settings dict (one per site or language).
_SITES: dict[int, tuple[Mapping[str, Any], AthSettings]] = {}
#: What this build did, for the one INFO line at the end.
_STATS: Counter[str] = Counter()
#: Content whose page is being written with its TOC.
_SHOWING_TOC: list[Any] = []


def site_settings(settings: Mapping[str, Any]) -> AthSettings:
    """The validated ``ATH_*`` settings of one Pelican settings dict."""
    cached = _SITES.get(id(settings))
    if cached is None or cached[0] is not settings:
        if len(_SITES) > 32:
            _SITES.clear()
        ath = dataclasses.replace(
            read_settings(settings), reserved_ids=theme_ids(settings)
        )
        cached = (settings, ath)
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


class PrecleanedReader(BaseReader):
    """A reader whose output has no ``<img>`` with an empty ``src``, so
    Pelican's empty-``alt`` check never warns about lost images; a document
    that had one is marked ``ath_scraped``. Made per reader class by
    :func:`precleaned`, under the wrapped class's name (Pelican records it as
    the ``reader`` metadata)."""

    #: The reader class this one pre-cleans.
    wrapped: type[BaseReader] = BaseReader

    def read(self, source_path: str) -> tuple[str, dict]:
        content, metadata = self.wrapped.read(self, source_path)
        content, removals = drop_empty_image_tags(content)
        if removals:
            metadata.setdefault(SCRAPED, "lost images")
            _report(source_path, removals)
        return content, metadata


@functools.cache
def precleaned(reader_class: type[BaseReader]) -> type[BaseReader]:
    """``reader_class``, pre-cleaned (:class:`PrecleanedReader`)."""
    return type(
        reader_class.__name__,
        (PrecleanedReader, reader_class),
        {"__module__": reader_class.__module__, "wrapped": reader_class},
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
                and not issubclass(reader_class, PrecleanedReader)
            ):
                readers.reader_classes[extension] = precleaned(reader_class)
    for extension in ath.reader_extensions:
        readers.reader_classes[extension] = ScrapedTextReader


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
    lang = _normalise_lang(content) if ath.variants else getattr(content, "lang", None)
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
    content.ath_scraped = result.scraped
    content.ath_toc = result.toc_html
    content.ath_toc_tree = result.toc_tree
    content.ath_toc_at = result.toc_at
    content._ath_toc_source = result.html
    if result.toc_html and isinstance(content, Article) and content.status == "draft":
        # Drafts are written without a signal before; they are in no feed or
        # listing, so their TOC can stay in the content.
        content._content = toc_module.insert(
            result.html, result.toc_html, result.toc_at
        )

    _report(path, result.removals)
    for note in result.notes:
        logger.warning("%s: %s", path, note)
    _STATS["documents"] += 1
    _STATS["scraped documents"] += result.scraped
    _STATS["documents cleaned"] += bool(result.removals)
    _STATS["tables of contents"] += result.toc_html is not None

    if options.script:
        _STATS[f"converted with {options.script}"] += 1
    treatment = options.treatment(result.scraped)
    convert = options_transform(options, treatment.punctuation)
    if convert is not None:
        for name in ("title", "summary"):  # a summary only if the author wrote it
            if isinstance(content.metadata.get(name), str):
                value = convert_markup(content.metadata[name], convert)
                content.metadata[name] = value
                setattr(content, "_summary" if name == "summary" else name, value)
        if content.metadata.get(VARIANT_OF):  # tags, category in its script
            for name, value in taxonomy_in_script(content.metadata, convert).items():
                content.metadata[name] = value
                setattr(content, name, value)


def _normalise_lang(content: Any) -> str | None:
    """Lower-case the content's ``lang`` as Pelican does ``DEFAULT_LANG``, so
    that ``zh-Hant`` and ``zh-hant`` are one language (script variants group
    translations by it)."""
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


# -- the TOC on the article's own page only -------------------------------------


def _with_toc(content: Any) -> str:
    """The content as its own page shows it: with the TOC at its place (at
    the top if another plugin changed the content since)."""
    html = content._content
    at = content.ath_toc_at if html is content._ath_toc_source else 0
    return toc_module.insert(html, content.ath_toc, at)


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


def _hide_tocs() -> None:
    while _SHOWING_TOC:
        content = _SHOWING_TOC.pop()
        del content._get_content
        _forget(content)


def has_other_toc(content: Any) -> bool:
    """Whether another plugin gave the content a TOC of its own as
    ``content.toc`` (extract_toc does; the theme shows it). A blog's own
    ``toc: True`` metadata lands there too, but is no TOC."""
    other = getattr(content, "toc", None)
    return isinstance(other, str) and other.lstrip().startswith("<")


def on_write_content(generator: Any, content: Any) -> None:
    """Right before an article's or page's own page is written: its content
    shows the TOC (unless another plugin gave it one of its own)."""
    _hide_tocs()
    if not getattr(content, "ath_toc", None) or has_other_toc(content):
        return
    _forget(content)
    content._get_content = functools.partial(_with_toc, content)
    _SHOWING_TOC.append(content)


def on_content_written(path: str, context: Any = None) -> None:
    """Right after a page is written: the TOC leaves the content again."""
    if _SHOWING_TOC:
        _hide_tocs()


# -- script variants ------------------------------------------------------------


def _add_variants(
    generator: Any, lists: tuple[tuple[str, str], ...], kind: str, signal: Any
) -> bool:
    """Add the missing script variants to a generator's content lists."""
    ath = site_settings(generator.settings)
    if not ath.variants:
        return False
    variants = list(ath.variants)
    if i18n.filters_first(signal, _RECEIVERS[kind]):
        own_sites = i18n.languages_with_own_site(generator.settings)
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
    _hide_tocs()
    cache.end(pelican.settings)
    if not _STATS:
        return
    documents = _STATS.pop("documents", 0)
    details = ", ".join(
        f"{count} {name}" for name, count in sorted(_STATS.items()) if count
    )
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
    signals.article_generator_write_article.connect(on_write_content)
    signals.page_generator_write_page.connect(on_write_content)
    signals.content_written.connect(on_content_written)
    signals.finalized.connect(on_finalized)
