"""What the plugin does to one Pelican content object (article or page).

Its options come from its metadata and the site's settings; the treatment
makes a :class:`~.treatment.result.Result` of its HTML (with what its
reader handed on, and a script variant's result made with its original); the result is stored on it
under ``ath_`` names (its content, its kind, its TOC as HTML and as data),
and its title and summary (the author's own) converted with the same
transform, and a script variant's tags and category too.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from typing import Any

from pelican.contents import Article

from .chinese.langtags import lang_after
from .html.flat_document import FlatDocument
from .html.limits import DocumentTooDeep
from .html.links import has_link_markers, inert_links
from .html.preclean import Removal
from .html.toc import insert
from .pelican_compat import content_html, set_content_html, set_metadata
from .readers.precleaned import HANDED, take_handed
from .settings import SCRIPT, AthSettings, SettingsError, normalise_lang
from .state import BuildState
from .taxonomy import taxonomy_in_script
from .treatment.options import ArticleOptions, Variants
from .treatment.process import convert_markup, process
from .treatment.result import Result, options_transform
from .variants import MADE, VARIANT_OF, is_chinese

logger = logging.getLogger(__name__)


def options_for(content: Any, ath: AthSettings) -> ArticleOptions:
    """The options of one content object: the site's settings, its metadata,
    its language (a bad metadata value: a warning, and the site's)."""
    lang = (
        normalise_lang_of(content) if ath.variants else getattr(content, "lang", None)
    )
    try:
        options = ath.article_options(content.metadata, lang)
    except SettingsError as err:
        path = getattr(content, "source_path", None) or "<content>"
        logger.warning("%s: metadata %s; using the site settings instead", path, err)
        options = ath.article_options({}, lang)
    if content.metadata.get(VARIANT_OF):
        options = made_from_finished(options)
    return options


def variants_to_make(content: Any, ath: AthSettings) -> Variants:
    """The options of the script variants the treatment can make with
    ``content`` (see :mod:`.variants`): each ``ATH_SCRIPT_VARIANTS`` config
    but its own language's; none for an article that chose its script (a
    variant too)."""
    if not ath.variants or SCRIPT in content.metadata or not is_chinese(content):
        return ()
    return _variant_options(ath, normalise_lang(getattr(content, "lang", "") or ""))


@functools.lru_cache(maxsize=64)
def _variant_options(ath: AthSettings, lang: str) -> Variants:
    """The options of the variants of an article in ``lang``: once per site
    and language, not per article."""
    return tuple(
        made_from_finished(ath.article_options({SCRIPT: config}))
        for other, config in ath.variants
        if other != lang
    )


def made_from_finished(options: ArticleOptions) -> ArticleOptions:
    """A script variant's options: made from a finished article, it is not
    cleaned again and its punctuation is done."""
    return dataclasses.replace(options, clean=False, punctuation=False)


def normalise_lang_of(content: Any) -> str | None:
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


def store(content: Any, result: Result) -> None:
    """Put the treatment's result on the content object (``ath_`` names)."""
    set_content_html(content, result.html)
    content.ath_scraped = result.scraped
    content.ath_toc = result.toc_html
    content.ath_toc_tree = result.toc_tree
    content.ath_toc_at = result.toc_at
    content._ath_toc_source = result.html
    if result.variants:
        content._ath_variants = result.variants
    if result.toc_html and isinstance(content, Article) and content.status == "draft":
        # Drafts are written without a signal before; they are in no feed or
        # listing, so their TOC can stay in the content.
        set_content_html(content, insert(result.html, result.toc_html, result.toc_at))


def without_links(result: Result) -> Result:
    """A scraped result that speaks no Pelican link syntax
    (:func:`~.html.links.inert_links` on its HTML and its TOC). The TOC keeps
    its place; the variants its pass could make are dropped if anything
    changed (they were noted on the HTML as it was), so its clones are made
    from what is published."""
    html, toc = result.html, result.toc_html or ""
    if not (has_link_markers(html) or has_link_markers(toc)):
        return result
    head = inert_links(html[: result.toc_at])
    body = head + inert_links(html[result.toc_at :])
    return dataclasses.replace(
        result,
        html=body,
        toc_html=inert_links(toc) if result.toc_html is not None else None,
        toc_at=len(head),
        variants=result.variants if body == html else {},
    )


def metadata_without_links(content: Any) -> None:
    """The metadata Pelican resolves links in (``FORMATTED_FIELDS``: the
    summary…) of a scraped content object, made inert."""
    for name in content.settings.get("FORMATTED_FIELDS") or ():
        value = content.metadata.get(name)
        if isinstance(value, str) and has_link_markers(value):
            set_metadata(content, name, inert_links(value))


def convert_metadata(content: Any, options: ArticleOptions, scraped: bool) -> None:
    """Title and summary (the author's own: a derived one is made from the
    converted content) in the content's script; a variant's tags and
    category too (their pages stay the same)."""
    convert = options_transform(options, options.treatment(scraped).punctuation)
    if convert is None:
        return
    for name in ("title", "summary"):
        if isinstance(content.metadata.get(name), str):
            set_metadata(content, name, convert_markup(content.metadata[name], convert))
    if content.metadata.get(VARIANT_OF):
        for name, value in taxonomy_in_script(content.metadata, convert).items():
            set_metadata(content, name, value)


def handed_on(content: Any) -> tuple[list[Removal], FlatDocument | None, Any]:
    """Pop what came with ``content``'s metadata for its treatment: what
    pre-cleaning removed and the flat document it read, and a script
    variant's result made with its original (none of it stays on the
    content, which Pelican's cache pickles)."""
    for name in (HANDED, MADE):
        vars(content).pop(name, None)  # Pelican set each metadata as attribute
    removals, flat = take_handed(content.metadata)
    return removals, flat, content.metadata.pop(MADE, None)


def treat(content: Any, state: BuildState) -> None:
    """Run the treatment on one article or page, as its kind asks."""
    read_removals, flat, made = handed_on(content)
    path = getattr(content, "source_path", None) or "<content>"
    state.report(path, read_removals)
    source = content_html(content)
    if not isinstance(source, str) or not source:
        return
    ath = state.site(content.settings).ath
    options = options_for(content, ath)
    try:
        result = made
        if not isinstance(result, Result) or result.html is not source:
            result = process(source, options, variants_to_make(content, ath), flat)
    except DocumentTooDeep as err:
        logger.warning(
            "%s: %s; published as written, without cleaning, TOC or conversion",
            path,
            err,
        )
        return
    if result.scraped:
        result = without_links(result)
        metadata_without_links(content)
    store(content, result)
    state.report(path, result.removals)
    for note in result.notes:
        logger.warning("%s: %s", path, note)
    stats = state.stats
    stats["documents"] += 1
    stats["scraped documents"] += result.scraped
    stats["documents cleaned"] += bool(result.removals)
    stats["tables of contents"] += result.toc_html is not None
    if options.script:
        stats[f"converted with {options.script}"] += 1
    convert_metadata(content, options, result.scraped)
    follow_script(content, options, ath)


def follow_script(content: Any, options: ArticleOptions, ath: AthSettings) -> None:
    """A Chinese content converted with ``ATH_SCRIPT`` (or its own
    ``ath_script``) gets the ``lang`` of the script it is now in, so a
    theme's ``<html lang>`` that reads it follows; its URL stays (Pelican's
    ``in_default_lang`` is kept). A variant's language is its own already."""
    lang = getattr(content, "lang", None)
    if not options.script or ath.variant_script(lang):
        return
    new = lang_after(lang, options.script)
    if new is not None:
        in_default_lang = content.in_default_lang
        set_metadata(content, "lang", new)
        content.in_default_lang = in_default_lang
