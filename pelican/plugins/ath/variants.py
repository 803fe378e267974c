"""Script variants: one article published once per ATH_SCRIPT_VARIANTS entry.

The original (in ``DEFAULT_LANG``) keeps its URL; every other script becomes a
Pelican translation of it (same slug, its own ``lang``). A clone is a new
content object of the same class, made from the finished original with
``lang`` and ``ath_script`` metadata, so it goes through ``content_object_init``
and the same treatment: ids already on the headings are kept, so a ``#link``
works in every variant. A flat scraped article's own pass notes where its
texts are in its HTML; its variants are made from that when the clones are
(the result the clone's treatment would give, without reading the finished
article again, and all of a build's variants one after another: two OpenCC
dictionaries taking turns article by article evict each other from the
CPU's caches); the clone takes that.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Any

from .chinese.charclass import has_han
from .html.toc import MARKER
from .pelican_compat import content_context, content_html
from .settings import SCRAPED, SCRIPT, normalise_lang

#: Metadata that would make a clone overwrite its original's file.
_NOT_INHERITED = ("save_as", "url")
#: Metadata of a generated variant: the language it was converted from.
VARIANT_OF = "ath_variant_of"
#: Metadata of a variant made with its original's pass: that result, for its
#: treatment to take (popped there: :func:`~.content.handed_on`).
MADE = "_ath_made"


def is_chinese(content: Any) -> bool:
    """Chinese by language (``zh``, ``zh-*``) and by text (Han characters)."""
    return chinese(
        getattr(content, "lang", "") or "",
        content_html(content) or "",
        str(getattr(content, "title", "")),
    )


def chinese(lang: str, html: str, title: str) -> bool:
    """What :func:`is_chinese` says of a document in ``lang``.

    >>> chinese("zh-Hant", "<p>中文</p>", ""), chinese("en", "<p>中文</p>", "")
    (True, False)
    """
    if normalise_lang(lang).split("-")[0] != "zh":
        return False
    return has_han(html) or has_han(title)


def _group_key(translation_id: str | Sequence[str] | None) -> Any:
    if not translation_id:
        return None
    names = (translation_id,) if isinstance(translation_id, str) else translation_id
    return attrgetter(*names)


def missing_variants(
    items: Iterable[Any],
    variants: Sequence[tuple[str, str]],
    translation_id: str | Sequence[str] | None,
) -> list[tuple[Any, str, str]]:
    """``(source, lang, config)`` for every variant that no item provides.

    Items are grouped as Pelican groups translations; in each group the source
    is the item in the default language (else the first Chinese one). An item
    that chose its script with ``ath_script`` metadata is not varied; a language
    the group already has (a human translation) is not generated.
    """
    key = _group_key(translation_id)
    if key is None:
        return []
    groups: dict[Any, list[Any]] = {}
    for item in items:
        try:
            groups.setdefault(key(item), []).append(item)
        except AttributeError:
            continue
    planned = []
    for group in groups.values():
        chinese = [item for item in group if is_chinese(item)]
        chinese = [item for item in chinese if SCRIPT not in item.metadata]
        if not chinese:
            continue
        source = next((i for i in chinese if i.in_default_lang), chinese[0])
        present = {normalise_lang(getattr(item, "lang", "")) for item in group}
        planned += [
            (source, lang, config) for lang, config in variants if lang not in present
        ]
    return planned


def make_variant(source: Any, lang: str, config: str) -> Any:
    """A translation of ``source`` in ``lang``, converted with ``config``.

    If the original's pass can make it (its result's ``variants``) and the
    original's content is still that result, it is made here from that
    content (a build's variants one after another, with one converter), the
    clone is created with its HTML, and its result goes with its metadata
    (:data:`MADE`) for its treatment to take instead of making it again.
    """
    metadata = {
        name: value
        for name, value in source.metadata.items()
        if name not in _NOT_INHERITED
    }
    metadata.update(lang=lang, slug=source.slug)
    metadata[SCRIPT] = config
    metadata[VARIANT_OF] = source.lang
    metadata[SCRAPED] = bool(getattr(source, "ath_scraped", False))
    content = content_html(source)
    make = getattr(source, "_ath_variants", {}).pop(config, None)
    made = None
    if make is not None and content is getattr(source, "_ath_toc_source", None):
        made = make(content)
    at = getattr(source, "ath_toc_at", 0)
    if made is not None:
        content = made.html
        metadata[MADE] = made
    elif at and getattr(source, "ath_toc", None) and 0 < at <= len(content):
        # the original's TOC sits at its [TOC] marker: so will the variant's
        content = f"{content[:at]}<p>{MARKER}</p>{content[at:]}"
    return type(source)(
        content=content,
        metadata=metadata,
        settings=source.settings,
        source_path=source.source_path,
        context=content_context(source),
    )


def forget_made(items: Iterable[Any]) -> None:
    """Drop the variants made with ``items`` that were not used (a human
    translation, a sub-site's language): not kept, not cached."""
    for item in items:
        vars(item).pop("_ath_variants", None)


def feeds_without_variants(articles: Iterable[Any]) -> list[tuple[Any, list[Any]]]:
    """Take the generated script variants out of each article's
    ``translations`` (Pelican's "all" feeds list every translation: the
    same article twice); returns what to give back with
    :func:`with_variants_again` once the feeds are written."""
    taken = []
    for article in articles:
        translations = getattr(article, "translations", None) or []
        kept = [t for t in translations if not t.metadata.get(VARIANT_OF)]
        if len(kept) != len(translations):
            taken.append((article, translations))
            article.translations = kept
    return taken


def with_variants_again(taken: list[tuple[Any, list[Any]]]) -> None:
    """Give each article its translations back (emptying ``taken``)."""
    for article, translations in taken:
        article.translations = translations
    taken.clear()
