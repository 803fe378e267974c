"""Pelican glue: signals in, the steps out.

Each receiver hands what Pelican gives it to the module that knows what to
do with it, with the build's state (:data:`STATE`). Nothing else happens
here.
"""

from __future__ import annotations

import logging
from typing import Any

import pelican.plugins.signals as signals
from pelican.utils import order_content, process_translations

from .alternates import link_sites
from .cache import begin as begin_cache
from .cache import end as end_cache
from .content import treat
from .i18n import (
    filters_first,
    languages_with_own_site,
    prepare_variant_sites,
    uses_i18n,
    variant_outputs,
)
from .page_toc import hide as hide_toc
from .page_toc import show as show_toc
from .pelican_compat import i18n_disconnect, read_pelicans_files_first, update_context
from .readers import page_readers
from .readers.precleaned import preclean_all
from .readers.text_reader import ScrapedTextReader
from .settings import SettingsError, default_lang_disagrees
from .state import BuildState
from .taxonomy import name_in_script
from .variants import (
    feeds_without_variants,
    forget_made,
    make_variant,
    missing_variants,
    with_variants_again,
)

logger = logging.getLogger(__name__)

#: The build's state: settings per site, statistics, the TOC being shown,
#: the cache folders held.
STATE = BuildState()


def on_initialized(pelican: Any) -> None:
    """Validate the settings before anything is read: one clear error, no
    traceback, no build; a warning, once, for a ``DEFAULT_LANG`` in another
    script than ``ATH_SCRIPT``'s; the sub-sites of whole-site variants."""
    try:
        ath = STATE.site(pelican.settings).ath
    except SettingsError as err:
        logger.critical("pelican-ath: %s", err)
        raise SystemExit(1) from None
    for message in (
        default_lang_disagrees(pelican.settings, ath),
        _prepare_variant_sites(pelican.settings, ath),
    ):
        if message and message not in STATE.warned:
            STATE.warned.add(message)
            logger.warning("pelican-ath: %s", message)


def _prepare_variant_sites(settings: Any, ath: Any) -> str | None:
    """Plan the variants' sub-sites (connecting i18n_subsites if it is not
    in PLUGINS); a later site without variants in this process (a test,
    ``--autoreload`` with new settings) gets it disconnected again."""
    wanted = ath.variants and ath.variant_sites
    if not wanted and STATE.connected_i18n and not uses_i18n(settings):
        i18n_disconnect()
        STATE.connected_i18n = False
    message, connected = prepare_variant_sites(settings, ath)
    STATE.connected_i18n |= connected
    return message


def on_get_generators(pelican: Any) -> None:
    """Before each build makes its generators (which load the content cache):
    load and write the cache only if it cannot be stale (see :mod:`.cache`)."""
    notice = begin_cache(STATE.site(pelican.settings), STATE.held_caches)
    if notice:
        logger.log(notice[0], "pelican-ath: %s", notice[1])


def on_readers_init(readers: Any) -> None:
    """Register the scraped-text reader and the saved-page readers; pre-clean
    every other reader."""
    site = STATE.site(readers.settings)
    ath = site.ath
    if ath.saved_pages:  # before pre-cleaning: they are wrapped like the rest
        page_readers.register(readers.reader_classes)
    if ath.clean:
        preclean_all(readers.reader_classes)
    classes = readers.reader_classes
    added = {name for name in ath.reader_extensions if classes.get(name) is None}
    site.added_extensions = site.added_extensions | added
    for extension in ath.reader_extensions:
        readers.reader_classes[extension] = ScrapedTextReader


def on_generator_init(generator: Any) -> None:
    """A generator reads the blog's own files first, in Pelican's own order
    (its warnings stay as they are without the plugin), then the files
    only the plugin reads."""
    if getattr(generator, "readers", None) is not None:
        added = STATE.site(generator.settings).added_extensions
        read_pelicans_files_first(generator, added)


def on_content_object_init(content: Any) -> None:
    """Run the treatment on one article or page."""
    treat(content, STATE)


def on_article_generator_finalized(generator: Any) -> None:
    """Before the feeds are written: the "all" feeds (which list every
    translation) do not list an article again in another script."""
    STATE.site(generator.settings).feeds_without_variants = feeds_without_variants(
        generator.articles
    )


def on_write_content(generator: Any, content: Any) -> None:
    """Right before an article's or page's own page is written: its content
    shows the TOC (and, after the feeds, each article its variants again)."""
    site = STATE.site(generator.settings)
    with_variants_again(site.feeds_without_variants)
    site.feeds_without_variants = []
    hide_toc(STATE.showing_toc)
    show_toc(content, STATE.showing_toc)


def on_content_written(path: str, context: Any = None) -> None:
    """Right after a page is written: the TOC leaves the content again."""
    if STATE.showing_toc:
        hide_toc(STATE.showing_toc)


def _add_variants(
    generator: Any, lists: tuple[tuple[str, str], ...], kind: str, signal: Any
) -> bool:
    """Add the missing script variants to a generator's content lists."""
    variants = list(STATE.site(generator.settings).ath.variants)
    if not variants:
        return False
    if filters_first(signal, _RECEIVERS[kind]):
        own_sites = languages_with_own_site(generator.settings)
        variants = [(lang, conf) for lang, conf in variants if lang not in own_sites]
        if f"order {kind}" not in STATE.warned:
            STATE.warned.add(f"order {kind}")
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
        clones = [make_variant(*plan) for plan in planned]
        forget_made(items)
        if not clones:
            continue
        STATE.stats["script variants"] += len(clones)
        origs, trans = process_translations(items + clones, translation_id)
        order_by = generator.settings[f"{kind}_ORDER_BY"]
        setattr(generator, originals, order_content(origs, order_by))
        setattr(generator, translations, trans)
        added = True
    return added


def on_article_generator_pretaxonomy(generator: Any) -> None:
    """Publish every Chinese article once per ATH_SCRIPT_VARIANTS entry."""
    lists = (
        ("articles", "translations"),
        ("hidden_articles", "hidden_translations"),
        ("drafts", "drafts_translations"),
    )
    _add_variants(generator, lists, "ARTICLE", signals.article_generator_pretaxonomy)
    _name_taxonomy(generator, lists)


def on_page_generator_finalized(generator: Any) -> None:
    """Publish every Chinese page once per ATH_SCRIPT_VARIANTS entry."""
    lists = (
        ("pages", "translations"),
        ("hidden_pages", "hidden_translations"),
        ("draft_pages", "draft_translations"),
    )
    if _add_variants(generator, lists, "PAGE", signals.page_generator_finalized):
        update_context(generator, ("pages", "hidden_pages", "draft_pages"))
    _name_taxonomy(generator, lists)


def _name_taxonomy(generator: Any, lists: tuple[tuple[str, str], ...]) -> None:
    """Before Pelican collects them: every tag, category and author named in
    the site's script (one name per slug across the site)."""
    items = [
        item for names in lists for name in names for item in getattr(generator, name)
    ]
    name_in_script(
        items, STATE.site(generator.settings).ath, generator.settings["DEFAULT_LANG"]
    )


_RECEIVERS = {
    "ARTICLE": on_article_generator_pretaxonomy,
    "PAGE": on_page_generator_finalized,
}


def on_finalized(pelican: Any) -> None:
    """Record the settings the cache was written with; the pages of
    whole-site variants linked to each other (every site is written once the
    main one is); one INFO line with what the build did."""
    hide_toc(STATE.showing_toc)
    site = STATE.site(pelican.settings)
    with_variants_again(site.feeds_without_variants)
    site.feeds_without_variants = []
    outputs = variant_outputs(pelican.settings, site.ath)
    if outputs:
        logger.debug(
            "pelican-ath: %d pages linked to their variants", link_sites(outputs)
        )
    notice = end_cache(site, STATE.held_caches)
    if notice:
        logger.log(notice[0], "pelican-ath: %s", notice[1])
    summary = STATE.summary()
    if summary:
        logger.info("%s", summary)


def register() -> None:
    """Connect the plugin (idempotent: Pelican may call it more than once)."""
    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(on_get_generators)
    signals.readers_init.connect(on_readers_init)
    signals.generator_init.connect(on_generator_init)
    signals.content_object_init.connect(on_content_object_init)
    signals.article_generator_pretaxonomy.connect(on_article_generator_pretaxonomy)
    signals.page_generator_finalized.connect(on_page_generator_finalized)
    signals.article_generator_finalized.connect(on_article_generator_finalized)
    signals.article_generator_write_article.connect(on_write_content)
    signals.page_generator_write_page.connect(on_write_content)
    signals.content_written.connect(on_content_written)
    signals.finalized.connect(on_finalized)
