"""Everything pelican-ath knows about the i18n_subsites plugin, in one place.

i18n_subsites builds one Pelican site per language. It keeps what it knows
in module state, which this adapter reads (and nothing else does): the main
site's settings (its sub-sites get ``STATIC_PATHS = []`` and link to the
main site's static files), the languages that have a site of their own, and
its filter that moves translations to their sub-site.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .pelican_compat import i18n_main_settings, i18n_site_db, i18n_translations_filter
from .settings import normalise_lang


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
