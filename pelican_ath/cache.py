"""Keep Pelican's content cache honest about pelican-ath's settings.

Pelican keys its content cache on the file stamp only: after an ``ATH_*``
setting changes, a cached build would publish articles processed with the old
settings. A fingerprint of everything the plugin's output depends on is kept
beside the cache; when it differs, this build does not load the cache (and
writes a fresh one).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from importlib import metadata
from typing import Any

from .settings import AthSettings

FINGERPRINT_FILE = "pelican_ath.fingerprint"
#: Pelican settings that change what the plugin writes, besides ATH_*.
RELEVANT_PELICAN_SETTINGS = (
    "DEFAULT_LANG",
    "SUMMARY_MAX_LENGTH",
    "SUMMARY_MAX_PARAGRAPHS",
    "SUMMARY_END_SUFFIX",
    "ARTICLE_TRANSLATION_ID",
    "PAGE_TRANSLATION_ID",
)


def _version() -> str:
    try:
        return metadata.version("pelican-ath")
    except metadata.PackageNotFoundError:  # pragma: no cover - source checkout
        return "unknown"


def fingerprint(ath: AthSettings, settings: Mapping[str, Any]) -> str:
    """A digest of the plugin version, its settings and the Pelican settings
    its output depends on."""
    relevant = [(name, settings.get(name)) for name in RELEVANT_PELICAN_SETTINGS]
    text = repr((_version(), ath, relevant))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _path(cache_path: str) -> str:
    return os.path.join(cache_path, FINGERPRINT_FILE)


def recorded(cache_path: str) -> str | None:
    """The fingerprint of the build that wrote the cache, if any."""
    try:
        with open(_path(cache_path), encoding="utf-8") as handle:
            return handle.read().strip()
    except OSError:
        return None


def record(cache_path: str, value: str) -> None:
    os.makedirs(cache_path, exist_ok=True)
    with open(_path(cache_path), "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
