"""Keep Pelican's content cache honest about pelican-ath's settings.

Pelican keys its content cache on the file stamp only: after an ``ATH_*``
setting changes, a cached build would publish articles processed with the old
settings. A fingerprint of everything the plugin's output depends on is kept
beside the cache, and it can never describe a cache written under other
settings:

- a build that writes the cache removes the fingerprint before anything is
  written and records its own only once it has finished, so a build that
  fails half-way leaves a cache that the next build does not load;
- a build does not load a cache whose fingerprint differs from its own;
- one build at a time uses a cache folder: a build that finds another one
  using it (a lock file) neither loads nor writes the cache;
- a cache folder that cannot be used (it cannot be made, a file is in the
  way, the disk is full) is a warning, as with Pelican alone: the build goes
  on without the cache, and a fingerprint that could not be written leaves
  none (the next build does not load the cache).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import logging
import os
import re
from collections.abc import Mapping, MutableMapping, Set
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from .pelican_compat import content_cache_settings, set_content_cache_settings
from .settings import AthSettings
from .state import CacheUse, Site

FINGERPRINT_FILE = "pelican_ath.fingerprint"
LOCK_FILE = "pelican_ath.lock"
#: Pelican settings that change what the plugin writes, besides ATH_*: the
#: languages it works with, the dates and readers that shape what its
#: readers return (a file without a date gets the file time unless one of
#: these gives it one), and the paths that decide which .txt files are
#: scraped exports. (The theme's ids are in the plugin's settings.)
RELEVANT_PELICAN_SETTINGS = (
    "DEFAULT_LANG",
    "ARTICLE_TRANSLATION_ID",
    "PAGE_TRANSLATION_ID",
    "DEFAULT_DATE",
    "FILENAME_METADATA",
    "PATH_METADATA",
    "READERS",
    "MARKDOWN",
    "STATIC_PATHS",
    "EXTRA_PATH_METADATA",
)
#: Libraries whose version changes what is published.
LIBRARIES = (
    "pelican-ath",
    "pelican",
    "opencc",
    "lxml",
    "beautifulsoup4",
    "nh3",
    "charset-normalizer",
    "google-re2",
    "markdown",
)


#: The version line of a distribution's metadata.
_VERSION = re.compile(r"^Version:[ \t]*(\S+)", re.MULTILINE)


def _version(name: str) -> str:
    """``metadata.version(name)`` without parsing the whole metadata file
    (the email parser takes 4 ms for the nine libraries, on every build that
    uses the cache; this, 0.5 ms).

    >>> _version("pelican") == metadata.version("pelican")
    True
    """
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return "none"
    found = _VERSION.search(dist.read_text("METADATA") or "")
    return found.group(1) if found else dist.version


@functools.cache
def _code() -> str:
    """A digest of the plugin's own files, code and data (a checkout changes
    without its version number changing)."""
    return files_digest(Path(__file__).parent)


def files_digest(folder: Path) -> str:
    """A digest of the files in ``folder`` but Python's byte-code: their
    names, sizes and times of change, which every edit and every checkout
    changes (0.4 ms for the plugin; reading and hashing the files took 2.4 ms
    on every build that uses the cache)."""
    digest = hashlib.sha256()
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            path = os.path.join(root, name)
            state = os.stat(path)
            relative = os.path.relpath(path, folder)
            digest.update(
                f"{relative}\0{state.st_size}\0{state.st_mtime_ns}\0".encode()
            )
    return digest.hexdigest()


#: The address in the default ``repr`` of an object or a function.
_ADDRESS = re.compile(r" at 0x[0-9A-Fa-f]+")


def stable(value: Any) -> Any:
    """``value`` with the same ``repr`` in every process: sets and mappings in
    sorted order (a set's order changes with the hash seed), dataclasses as
    their fields, no memory addresses.

    >>> stable({"b": frozenset({"y", "x"}), "a": [1, (2, {3})]})
    [('a', [1, [2, [3]]]), ('b', ['x', 'y'])]
    >>> stable(len) == stable(len) == '<built-in function len>'
    True
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (
            type(value).__qualname__,
            [stable(getattr(value, f.name)) for f in fields],
        )
    if isinstance(value, Mapping):
        items = [(stable(key), stable(item)) for key, item in value.items()]
        return sorted(items, key=repr)
    if isinstance(value, Set):
        return sorted((stable(item) for item in value), key=repr)
    if isinstance(value, list | tuple):
        return [stable(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str | bytes):
        return value
    return _ADDRESS.sub("", repr(value))


def fingerprint(ath: AthSettings, settings: Mapping[str, Any]) -> str:
    """A digest of the plugin's code, the libraries' versions, its settings and
    the Pelican settings its output depends on; the same in every process."""
    relevant = [(name, settings.get(name)) for name in RELEVANT_PELICAN_SETTINGS]
    versions = [(name, _version(name)) for name in LIBRARIES]
    text = repr(stable((_code(), versions, ath, relevant)))
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
    """Write the fingerprint of the build that wrote the cache: whole or not
    at all (a temporary file renamed; ``OSError`` if it cannot be written)."""
    os.makedirs(cache_path, exist_ok=True)
    part = _path(cache_path) + ".part"
    try:
        with open(part, "w", encoding="utf-8") as handle:
            handle.write(value + "\n")
        os.replace(part, _path(cache_path))
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(part)
        raise


def forget(cache_path: str) -> None:
    """Remove the fingerprint: the cache is about to be written."""
    with contextlib.suppress(FileNotFoundError):
        os.remove(_path(cache_path))


def lock(cache_path: str) -> IO[str] | None:
    """Hold the cache folder for this build; None if another build holds it
    (the lock goes with the process that held it, whatever happens to it).
    Where there is no ``fcntl`` (Windows), every build gets it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return open(os.devnull, "w")  # held until the build ends
    os.makedirs(cache_path, exist_ok=True)
    handle = open(os.path.join(cache_path, LOCK_FILE), "w")  # noqa: SIM115
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


#: What to log: a :mod:`logging` level and a message.
Notice = tuple[int, str]


def begin(site: Site, held: MutableMapping[str, IO[str]]) -> Notice | None:
    """Before a build makes its generators (which load the cache): decide
    whether it loads and writes the content cache; what to log, if anything.

    ``held``: the cache folders this process holds locked, by path (kept from
    one build to the next of the same folder: ``--autoreload``, or a build
    after one that failed). The user's cache settings and the fingerprint of
    the settings as the build starts are kept in ``site.cache`` (Pelican's
    Markdown reader adds to ``MARKDOWN`` during the build).
    """
    settings = site.settings
    assert isinstance(settings, MutableMapping)
    if site.cache is None:
        asked = content_cache_settings(settings)
        current = fingerprint(site.ath, settings) if any(asked) else ""
        site.cache = CacheUse(asked, current)
    asked, current = site.cache.asked, site.cache.fingerprint
    set_content_cache_settings(settings, *asked)
    cache_path = settings.get("CACHE_PATH")
    if not cache_path or not any(asked):
        return None
    try:
        message = _claim(cache_path, held)
        if message:
            set_content_cache_settings(settings, False, False)
            return logging.INFO, message
        if asked[1] and recorded(cache_path) != current:
            set_content_cache_settings(settings, asked[0], False)
            message = (
                "settings changed since the content cache was written (or the "
                "build that wrote it did not finish); not loading it for this build"
            )
        if asked[0]:
            forget(cache_path)
    except OSError as err:
        set_content_cache_settings(settings, False, False)
        return logging.WARNING, (
            f"cannot use the content cache in {cache_path} ({_reason(err)}); "
            "this build goes on without it"
        )
    return (logging.INFO, message) if message else None


def _claim(cache_path: str, held: MutableMapping[str, IO[str]]) -> str | None:
    """Hold the cache folder; why not if another build holds it (``OSError``
    if the folder cannot be used)."""
    key = os.path.abspath(cache_path)
    if key not in held:
        handle = lock(cache_path)
        if handle is None:
            return (
                f"another build is using the content cache in {cache_path}; "
                "this build neither loads nor writes it"
            )
        held[key] = handle
    return None


def _reason(err: OSError) -> str:
    """An ``OSError`` in a few words, without the path the message names."""
    return err.strerror or str(err)


def end(site: Site, held: MutableMapping[str, IO[str]]) -> Notice | None:
    """After a build that finished: record the settings the cache was written
    with, let other builds have the folder, and give the next build (with
    ``--autoreload``) the user's cache settings back. What to log if the
    fingerprint cannot be written (the next build then does not load the
    cache)."""
    use, site.cache = site.cache, None
    if use is None:
        return None
    settings = site.settings
    assert isinstance(settings, MutableMapping)
    cache_path = settings.get("CACHE_PATH")
    notice = None
    if cache_path and content_cache_settings(settings)[0]:
        try:
            record(cache_path, use.fingerprint)
        except OSError as err:
            notice = (
                logging.WARNING,
                (
                    f"could not record the settings of the content cache in "
                    f"{cache_path} ({_reason(err)}); the next build will not load it"
                ),
            )
    handle = held.pop(os.path.abspath(cache_path), None) if cache_path else None
    if handle is not None:
        handle.close()
    set_content_cache_settings(settings, *use.asked)
    return notice
