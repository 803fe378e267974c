"""Every use of Pelican's and i18n_subsites' internals, in one place.

The rest of the package uses Pelican's public side (signals, ``BaseReader``
and its subclasses, ``readers.reader_classes``, documented settings and
functions) and calls the functions here for anything else. Each says what
it reaches into and the versions it was checked against: Pelican 4.11.0 and
4.12.0 (``pyproject.toml`` allows ``>=4.11,<4.13``; tox runs the suite on
both), pelican-i18n-subsites 1.0.0. A Pelican release that changes one of
these is caught by the tests of the feature that uses it (named below).
"""

from __future__ import annotations

import functools
import inspect
import io
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Set
from typing import Any, TypeVar

from pelican import readers as pelican_readers

T = TypeVar("T")

# --- content objects (pelican.contents.Content) ------------------------------


def content_html(content: Any) -> Any:
    """The content's HTML as its reader made it, before Pelican's link
    replacement; None if it has none.

    Pelican 4.11/4.12: ``Content.__init__`` keeps it as ``_content``, which
    ``get_content`` reads (tests: test_site, test_variants)."""
    return getattr(content, "_content", None)


def set_content_html(content: Any, html: str) -> None:
    """Replace the content's HTML (what :func:`content_html` reads).

    Pelican 4.11/4.12: ``_content``, read by ``get_content`` (test_site)."""
    content._content = html


def content_context(content: Any) -> Any:
    """The generators' shared context the content was made with (a script
    variant is made with the same).

    Pelican 4.11/4.12: ``Content.__init__`` keeps it as ``_context``
    (test_variants)."""
    return content._context


def set_metadata(content: Any, name: str, value: Any) -> None:
    """Change one metadata value of a content object, and the attribute
    Pelican made of it.

    Pelican 4.11/4.12: ``Content.__init__`` sets an attribute per metadata
    name (lower case), but keeps ``summary`` as ``_summary``, which
    ``refresh_metadata_intersite_links`` reads back (test_links,
    test_taxonomy, test_site)."""
    content.metadata[name] = value
    setattr(content, "_summary" if name == "summary" else name.lower(), value)


def set_content_hook(content: Any, hook: Callable[[], str]) -> None:
    """Make ``hook()`` the HTML the content's ``get_content`` starts from.

    Pelican 4.11/4.12: ``Content.get_content`` calls ``self._get_content()``
    instead of reading ``_content`` when the attribute exists (test_site,
    test_existing_blog: the TOC on the article's own page only)."""
    content._get_content = hook


def remove_content_hook(content: Any) -> Callable[[], str] | None:
    """Take away the hook :func:`set_content_hook` set (returned)."""
    hook: Callable[[], str] | None = vars(content).pop("_get_content", None)
    return hook


def set_summary_hook(content: Any, hook: Callable[[str], str]) -> None:
    """Make ``hook(siteurl)`` the content's summary.

    Pelican 4.11/4.12: the ``summary`` property calls
    ``self.get_summary(self.get_siteurl())``, which an instance attribute
    shadows (test_site: the description of an article's page)."""
    content.get_summary = hook


def remove_summary_hook(content: Any) -> None:
    """Take away the hook :func:`set_summary_hook` set."""
    vars(content).pop("get_summary", None)


@functools.cache
def _memo(cls: type, name: str) -> Any:
    """Pelican's memo of a method of content objects.

    Pelican 4.11/4.12: ``get_content`` and ``get_summary`` are decorated
    with ``pelican.utils.memoized``, one object per method of the class:
    its ``cache`` dict is keyed by ``(content, siteurl)``, and calling it
    with those computes and stores the value (test_site)."""
    return inspect.getattr_static(cls, name)


def memoized_contents(content: Any) -> dict[Any, str]:
    """Pelican's memo of ``get_content``: HTML by ``(content, siteurl)``."""
    cache: dict[Any, str] = _memo(content.__class__, "get_content").cache
    return cache


def forget_memoized_content(content: Any, siteurls: Iterable[str]) -> None:
    """Drop Pelican's memo of the content's HTML for ``siteurls``."""
    cache = memoized_contents(content)
    for siteurl in siteurls:
        cache.pop((content, siteurl), None)


def memoized_summaries(content: Any) -> dict[Any, str]:
    """Pelican's memo of ``get_summary``: summary by ``(content, siteurl)``."""
    cache: dict[Any, str] = _memo(content.__class__, "get_summary").cache
    return cache


def memoized_summary(content: Any, siteurl: str) -> str:
    """Pelican's own ``get_summary`` of the content (worked out from its
    current ``get_content``, and memoised), past any hook."""
    summary: str = _memo(content.__class__, "get_summary")(content, siteurl)
    return summary


# --- generators ---------------------------------------------------------------


def update_context(generator: Any, names: Iterable[str]) -> None:
    """Put the generator's lists ``names`` in the shared context again (after
    they were changed in a signal that comes after Pelican put them there).

    Pelican 4.11/4.12: ``Generator._update_context`` (test_variants: a
    page's script variants)."""
    generator._update_context(tuple(names))


def content_cache_settings(settings: Mapping[str, Any]) -> tuple[Any, Any]:
    """``(CACHE_CONTENT, LOAD_CONTENT_CACHE)`` as the settings have them."""
    return settings.get("CACHE_CONTENT"), settings.get("LOAD_CONTENT_CACHE")


def set_content_cache_settings(
    settings: MutableMapping[str, Any], cache: Any, load: Any
) -> None:
    """Decide for one build whether it writes and loads the content cache,
    by rewriting the user's settings (:mod:`.cache` gives them back after).

    Pelican 4.11/4.12: the generators and ``Readers`` read
    ``CACHE_CONTENT`` and ``LOAD_CONTENT_CACHE`` when they are made, after
    the ``get_generators`` signal (test_cache)."""
    settings["CACHE_CONTENT"], settings["LOAD_CONTENT_CACHE"] = cache, load


# --- readers ------------------------------------------------------------------


def reader_subclass(
    reader_class: type, mixin: type[T], attributes: Mapping[str, Any]
) -> type[T]:
    """A subclass of ``reader_class`` and ``mixin`` (first) with
    ``attributes``, under ``reader_class``'s name.

    Pelican 4.11/4.12: ``Readers.read_file`` records the reader's class
    name (without ``Reader``, lower case) as the ``reader`` metadata, which
    themes and ``*_SAVE_AS`` patterns may use (test_existing_blog)."""
    return type(
        reader_class.__name__,
        (mixin, reader_class),
        {"__module__": reader_class.__module__, **attributes},
    )


class FilesInOrder(set[str]):
    """A generator's files: what Pelican alone would read, in the order it
    would read them, then the files only the plugin's readers read.

    Pelican reads the files of a generator in the order of a ``set`` (its
    ``get_files``), an order that moves when a file is added; and it logs
    only the first five warnings of a kind ("Empty alt attribute for
    image…"). Iterating the blog's own files first, as Pelican alone does,
    keeps its warnings what they are without the plugin."""

    def __init__(self, first: set[str], then: set[str]) -> None:
        super().__init__(first)
        self.update(then)
        self.order = [*first, *(path for path in then if path not in first)]

    def __iter__(self) -> Iterator[str]:
        return iter(self.order)


def read_pelicans_files_first(generator: Any, added: Set[str]) -> None:
    """Make ``generator.get_files`` give a :class:`FilesInOrder`, the files
    of the extensions ``added`` (by the plugin alone) last.

    Pelican 4.11/4.12: ``Generator.get_files(paths, exclude=None,
    extensions=None)`` returns a set; ``extensions=None`` means every
    extension a reader is registered for, which ``ArticlesGenerator`` and
    ``PagesGenerator`` use (test_existing_blog: the same warnings)."""
    original = generator.get_files
    if not added or getattr(original, "ath_in_order", False):
        return

    def get_files(
        paths: Any, exclude: list[str] | None = None, extensions: Any = None
    ) -> set[str]:
        if extensions is not None:
            return original(paths, exclude, extensions)  # type: ignore[no-any-return]
        every = tuple(generator.readers.extensions)
        own = tuple(extension for extension in every if extension not in added)
        theirs = tuple(extension for extension in every if extension in added)
        first = original(paths, exclude, own)
        return FilesInOrder(
            first, original(paths, exclude, theirs) if theirs else set()
        )

    get_files.ath_in_order = True  # type: ignore[attr-defined]
    generator.get_files = get_files


def render_html(reader: Any, source_path: str, text: str) -> tuple[str, dict[str, Any]]:
    """What Pelican's ``HTMLReader.read`` makes of ``text`` (a file already
    read): its body and its metadata.

    Pelican 4.11/4.12: ``HTMLReader._HTMLParser(settings, filename)`` fed
    the text, then ``.body`` and ``.metadata`` (test_existing_blog:
    read once as Pelican reads it)."""
    parser = reader._HTMLParser(reader.settings, source_path)
    parser.feed(text)
    parser.close()
    metadata = {
        name: reader.process_metadata(name, value)
        for name, value in parser.metadata.items()
    }
    return parser.body, metadata


def decode_like_pelican_open(data: bytes) -> str:
    """``data`` decoded as ``pelican.utils.pelican_open`` decodes a file
    (UTF-8, a BOM dropped, universal newlines): Pelican 4.11/4.12."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig").read()


def render_markdown(
    reader: Any, source_path: str, text: str
) -> tuple[str, dict[str, Any]]:
    """What Pelican's ``MarkdownReader.read`` makes of ``text`` (a file
    already read): its HTML and its metadata.

    Pelican 4.11/4.12: ``MarkdownReader.read`` sets ``_source_path``, makes
    ``_md`` (``Markdown(**settings["MARKDOWN"])``), converts, and reads the
    ``Meta`` it found with ``_parse_metadata`` (test_existing_blog)."""
    reader._source_path = source_path
    reader._md = pelican_readers.Markdown(**reader.settings["MARKDOWN"])
    content = reader._md.convert(text)
    metadata = (
        reader._parse_metadata(reader._md.Meta) if hasattr(reader._md, "Meta") else {}
    )
    return content, metadata


# --- i18n_subsites ------------------------------------------------------------

_I18N_MODULE = "pelican.plugins.i18n_subsites.i18n_subsites"


def _i18n_subsites() -> Any:
    """i18n_subsites' module, if this build loaded it."""
    return sys.modules.get(_I18N_MODULE)


def i18n_main_settings() -> Any:
    """The main site's settings while i18n_subsites builds sub-sites.

    pelican-i18n-subsites 1.0.0: its module's ``_MAIN_SETTINGS``
    (test_existing_blog)."""
    return getattr(_i18n_subsites(), "_MAIN_SETTINGS", None)


def i18n_site_db() -> Mapping[str, Any]:
    """The languages i18n_subsites builds sites for (keys).

    pelican-i18n-subsites 1.0.0: its module's ``_SITE_DB``
    (test_existing_blog)."""
    return getattr(_i18n_subsites(), "_SITE_DB", None) or {}


def i18n_translations_filter() -> Any:
    """i18n_subsites' receiver that moves translations to their sub-site,
    if it is loaded.

    pelican-i18n-subsites 1.0.0: its module's
    ``filter_contents_translations`` (test_existing_blog)."""
    return getattr(_i18n_subsites(), "filter_contents_translations", None)


def i18n_installed() -> bool:
    """Whether pelican-i18n-subsites can be imported."""
    import importlib.util

    try:
        return importlib.util.find_spec(_I18N_MODULE) is not None
    except ImportError:  # its parent package is missing
        return False


def _i18n_handlers() -> Mapping[str, Any]:
    """i18n_subsites' receivers by Pelican signal name.

    pelican-i18n-subsites 1.0.0: its module's ``_SIGNAL_HANDLERS_DB``,
    which its ``register`` connects (test_whole_site_variants)."""
    return getattr(_i18n_subsites(), "_SIGNAL_HANDLERS_DB", None) or {}


def i18n_connected() -> bool:
    """Whether i18n_subsites' receivers are connected (it is in PLUGINS, or
    :func:`i18n_connect` connected them)."""
    from pelican.plugins import signals

    handler = _i18n_handlers().get("get_generators")
    return handler is not None and any(
        receiver is handler for receiver in signals.get_generators.receivers_for(None)
    )


def i18n_connect() -> None:
    """Connect i18n_subsites as if it were listed (after the receivers
    already connected: pelican_ath's come first), with its own ``register``."""
    import importlib

    importlib.import_module(_I18N_MODULE).register()


def i18n_disconnect() -> None:
    """Disconnect what :func:`i18n_connect` connected (the next build in the
    same process, ``--autoreload`` or a test, may not want it)."""
    from pelican.plugins import signals

    for name, handler in _i18n_handlers().items():
        getattr(signals, name).disconnect(handler)
