"""Everything pelican-ath knows about the i18n_subsites plugin, in one place.

i18n_subsites builds one Pelican site per language. Whole-site script
variants are its sub-sites: every ``ATH_SCRIPT_VARIANTS`` language but
``DEFAULT_LANG`` gets one (``I18N_SUBSITES``, the user's own entries
winning), whose site name, subtitle and menu and link names are converted
with the variant's configuration; in it the variant's articles are the
originals, so its index, archives, tag, category and author pages and feeds
are in its script (see :mod:`.taxonomy` for the names). It keeps what it knows
in module state, which this adapter reads (and nothing else does): the main
site's settings (its sub-sites get ``STATIC_PATHS = []`` and link to the
main site's static files), the languages that have a site of their own, and
its filter that moves translations to their sub-site.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .pelican_compat import (
    i18n_connect,
    i18n_connected,
    i18n_installed,
    i18n_main_settings,
    i18n_site_db,
    i18n_translations_filter,
)
from .settings import AthSettings, name_transform, normalise_lang

#: Settings themes show as the site's own words: converted for a sub-site.
WORDS = ("SITENAME", "SITESUBTITLE", "DESCRIPTION", "SITE_DESCRIPTION")
#: Settings of ``(name, url)`` pairs (menus, blogroll, social links): their
#: names converted for a sub-site, the URLs kept.
NAMED_LINKS = ("MENUITEMS", "LINKS", "SOCIAL")
#: What to install for whole-site variants.
MISSING = (
    "ATH_SCRIPT_VARIANTS publishes each article in every script, but the "
    "rest of the site (index, tag, category and archive pages, feeds, the "
    "site name) stays in DEFAULT_LANG's script without i18n_subsites: "
    "pip install pelican-i18n-subsites (pelican-ath then builds a sub-site "
    "per script with it)"
)


def main_settings() -> Mapping[str, Any] | None:
    """The settings of the main site, while i18n_subsites builds sub-sites."""
    settings = i18n_main_settings()
    return settings if isinstance(settings, Mapping) else None


def static_paths(settings: Mapping[str, Any]) -> list[str]:
    """The site's ``STATIC_PATHS``, and the main site's for a sub-site (whose
    own are emptied by i18n_subsites)."""
    paths = list(settings.get("STATIC_PATHS") or ())
    main = main_settings()
    if main is not None and main is not settings:
        paths += [path for path in main.get("STATIC_PATHS") or () if path not in paths]
    return paths


def languages_with_own_site(settings: Mapping[str, Any]) -> set[str]:
    """Languages that i18n_subsites builds as sites of their own."""
    languages = set(i18n_site_db()) | set(settings.get("I18N_SUBSITES", {}))
    return {normalise_lang(lang) for lang in languages if isinstance(lang, str)}


def filters_first(signal: Any, ours: Any) -> bool:
    """Whether i18n_subsites' filter runs before ``ours`` on ``signal``.

    It then cannot move our variants to their sub-sites: those languages are
    left to the sub-sites (converted in place there, without links between
    them)."""
    theirs = i18n_translations_filter()
    if theirs is None:
        return False
    for receiver in signal.receivers_for(None):
        if receiver is ours:
            return False
        if receiver is theirs:
            return True
    return False


def in_words(value: Any, convert: Any) -> Any:
    """A setting's words converted: a string, or the names of ``(name,
    url)`` pairs; anything else as it is.

    >>> in_words((("關於", "/about.html"), ("RSS", "/feed.xml")), str.upper)
    (('關於', '/about.html'), ('RSS', '/feed.xml'))
    """
    if isinstance(value, str):
        return convert(value)
    if isinstance(value, list | tuple):
        pairs = [
            (convert(item[0]), *item[1:])
            if isinstance(item, list | tuple) and item and isinstance(item[0], str)
            else item
            for item in value
        ]
        return type(value)(pairs)
    return value


def variant_subsites(
    settings: Mapping[str, Any], ath: AthSettings
) -> dict[str, dict[str, Any]]:
    """``I18N_SUBSITES`` with a sub-site for each variant language but
    ``DEFAULT_LANG``'s: its site name and menus converted with the variant's
    configuration, under what the user set for that language."""
    main = normalise_lang(str(settings.get("DEFAULT_LANG") or ""))
    subsites = dict(settings.get("I18N_SUBSITES") or {})
    user_key = {normalise_lang(str(key)): key for key in subsites}
    for lang, config in ath.variants:
        if lang == main:
            continue
        convert = name_transform(ath, config) or (lambda text: text)
        ours = {
            name: in_words(settings[name], convert)
            for name in (*WORDS, *NAMED_LINKS)
            if settings.get(name)
        }
        key = user_key.get(lang, lang)
        subsites[key] = ours | dict(subsites.get(key) or {})
    return subsites


def prepare_variant_sites(
    settings: dict[str, Any], ath: AthSettings
) -> tuple[str | None, bool]:
    """Before the main site builds: its variants' sub-sites planned, and
    i18n_subsites connected if it is installed but not listed in PLUGINS.
    Returns what went wrong (it is not installed: the variants are then
    translations of each article in the main site), for one warning, and
    whether it connected i18n_subsites (to disconnect after the build)."""
    main = main_settings()
    if main is not None and main is not settings:  # a sub-site
        ours = ath.variant_sites and normalise_lang(
            str(settings.get("DEFAULT_LANG") or "")
        ) in {lang for lang, _ in ath.variants}
        if ours and not settings.get("CSS_FILE") and main.get("CSS_FILE"):
            # Pelican 4.12 empties CSS_FILE when the theme's static paths do
            # not have it, and i18n_subsites gives its sub-sites none (they
            # link to the main site's): a variant's sub-site keeps the theme's
            # stylesheet link (the blog's own sub-sites stay as they were)
            settings["CSS_FILE"] = main["CSS_FILE"]
        return None, False
    if not (ath.variants and ath.variant_sites):
        return None, False
    if not i18n_installed():
        return MISSING, False
    settings["I18N_SUBSITES"] = variant_subsites(settings, ath)
    if i18n_connected():
        return None, False
    i18n_connect()
    return None, True


def variant_outputs(settings: Mapping[str, Any], ath: AthSettings) -> dict[str, Path]:
    """The output folder of each script's site (lang -> folder), when
    ``settings`` are those of the main site of whole-site variants and the
    sub-sites were written; else nothing."""
    if not (ath.variants and ath.variant_sites):
        return {}
    main = normalise_lang(str(settings.get("DEFAULT_LANG") or ""))
    langs = {lang for lang, _ in ath.variants}
    if main not in langs:
        return {}
    subsites = {
        normalise_lang(str(key)): value
        for key, value in (settings.get("I18N_SUBSITES") or {}).items()
    }
    outputs = {main: Path(settings["OUTPUT_PATH"])}
    for lang in langs - {main}:
        folder = (subsites.get(lang) or {}).get("OUTPUT_PATH")
        if folder and Path(folder).is_dir():
            outputs[lang] = Path(folder)
    return outputs if len(outputs) > 1 else {}


def uses_i18n(settings: Mapping[str, Any]) -> bool:
    """Whether the site lists i18n_subsites in ``PLUGINS`` (by name or as
    the module)."""
    return any(
        "i18n_subsites" in str(getattr(plugin, "__name__", plugin))
        for plugin in settings.get("PLUGINS") or ()
    )
