"""What the plugin keeps while Pelican builds, in one object.

Pelican calls the plugin through module-level signal receivers, so the state
of a build lives somewhere: here, in one :class:`BuildState`, instead of
module globals spread over the package. A :class:`Site` is one Pelican
settings dict (a site, or one language of i18n_subsites), kept by identity.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from .html.preclean import Removal
from .settings import AthSettings, read_settings
from .theme import theme_ids

if TYPE_CHECKING:
    from .page_toc import Shown

logger = logging.getLogger(__name__)

#: More settings dicts than this in one process (``--autoreload`` for hours):
#: the oldest are forgotten.
_MAX_SITES = 32


@dataclass
class CacheUse:
    """How a build uses Pelican's content cache (see :mod:`.cache`)."""

    #: The user's ``CACHE_CONTENT`` and ``LOAD_CONTENT_CACHE``.
    asked: tuple[Any, Any]
    #: The fingerprint of the settings as the build started ("" when the
    #: build neither loads nor writes the cache: nothing to compare it with).
    fingerprint: str


@dataclass
class Site:
    """One Pelican settings dict and what the plugin made of it."""

    settings: Mapping[str, Any]
    ath: AthSettings
    cache: CacheUse | None = None
    #: Extensions only the plugin's readers read (Pelican alone has no
    #: reader for them): their files are read after the blog's own.
    added_extensions: frozenset[str] = frozenset()
    #: Articles and their translations while the feeds are written without
    #: their script variants (put back before the first page is written).
    feeds_without_variants: list[tuple[Any, list[Any]]] = field(default_factory=list)


@dataclass
class BuildState:
    """Everything the plugin keeps from one signal to the next."""

    sites: dict[int, Site] = field(default_factory=dict)
    #: What this build did, for the one INFO line at the end.
    stats: Counter[str] = field(default_factory=Counter)
    #: Content whose own page is being written with its TOC.
    showing_toc: list[Shown] = field(default_factory=list)
    #: Cache folders this process holds locked, by path.
    held_caches: dict[str, IO[str]] = field(default_factory=dict)
    #: Warnings given once per process.
    warned: set[str] = field(default_factory=set)
    #: Whether this process connected i18n_subsites (for script variants).
    connected_i18n: bool = False

    def site(self, settings: Mapping[str, Any]) -> Site:
        """The :class:`Site` of a settings dict; its ``ATH_*`` settings read
        and validated the first time (:class:`SettingsError` if bad)."""
        found = self.sites.get(id(settings))
        if found is None or found.settings is not settings:
            if len(self.sites) >= _MAX_SITES:
                self.sites.clear()
            ath = dataclasses.replace(
                read_settings(settings), reserved_ids=theme_ids(settings)
            )
            found = self.sites[id(settings)] = Site(settings, ath)
        return found

    def report(self, path: str, removals: list[Removal]) -> None:
        """Count what was removed from a file; one DEBUG line each."""
        for removal in removals:
            self.stats[removal.reason] += 1
            logger.debug("%s: removed %s: %.80r", path, removal.reason, removal.text)

    def summary(self) -> str | None:
        """The one line that says what the build did (and forget it)."""
        if not self.stats:
            return None
        documents = self.stats.pop("documents", 0)
        details = ", ".join(
            f"{count} {name}" for name, count in sorted(self.stats.items()) if count
        )
        self.stats.clear()
        return f"pelican-ath: {documents} documents processed: {details}"
