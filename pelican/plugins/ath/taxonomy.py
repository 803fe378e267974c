"""Tags, categories and authors named in a script, their slugs kept.

One mechanism for two uses. A variant (``ATH_SCRIPT_VARIANTS``) shares its
original's tags and category: on the variant's own page their names are
shown in its script (雲計算 -> 云计算). And a site in one script (``ATH_SCRIPT``,
or a variant's sub-site) names every article's tags, category and authors
in it before Pelican collects them, so tag and category pages, ``tags.html``
and every footer show one name. Either way the slugs, URLs and pages stay
the original's, so the links do not move.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pelican.urlwrappers import Author, Category, Tag, URLWrapper

from .chinese.charclass import has_han
from .chinese.conversion import Converter
from .pelican_compat import set_metadata
from .settings import AthSettings, name_transform


class _InScript(URLWrapper):  # type: ignore[misc]  # Pelican ships no types
    """A tag or category named in another script: everything but its name is
    its ``original``'s (slug, URLs, equality, hash)."""

    def __init__(self, original: URLWrapper, name: str) -> None:
        super().__init__(name, original.settings)
        self.original = original
        self.slug = original.slug  # set, so never derived from the new name

    url = property(lambda self: self.original.url)
    save_as = property(lambda self: self.original.save_as)
    page_name = property(lambda self: self.original.page_name)

    def __eq__(self, other: object) -> bool:
        # bool(): Pelican's wrappers are untyped (their __eq__ gives a bool)
        if isinstance(other, type(self.original)):
            return bool(self.slug == other.slug)
        return bool(super().__eq__(other))

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = URLWrapper.__hash__


class CategoryInScript(_InScript, Category):  # type: ignore[misc]  # Pelican ships no types
    """A category named in a variant's script."""


class TagInScript(_InScript, Tag):  # type: ignore[misc]  # Pelican ships no types
    """A tag named in a variant's script."""


class AuthorInScript(_InScript, Author):  # type: ignore[misc]  # Pelican ships no types
    """An author named in a script."""


_IN_SCRIPT: dict[type, type[_InScript]] = {
    Author: AuthorInScript,
    Category: CategoryInScript,
    Tag: TagInScript,
}
#: The metadata that names a content's taxonomy.
_NAMES = ("category", "tags", "author", "authors")


def in_script(wrapper: Any, convert: Converter) -> Any:
    """``wrapper`` (a Pelican ``Category``, ``Tag`` or ``Author``) named as ``convert``
    writes its name, with its slug and pages; anything else as it is."""
    kind = _IN_SCRIPT.get(type(wrapper))
    if kind is None:
        return wrapper
    name = convert(wrapper.name)
    return wrapper if name == wrapper.name else kind(wrapper, name)


def taxonomy_in_script(
    metadata: Mapping[str, Any], convert: Converter
) -> dict[str, Any]:
    """The ``category``, ``tags``, ``author`` and ``authors`` of ``metadata``
    named in the script of ``convert`` (only the ones it has)."""
    named: dict[str, Any] = {}
    for name in _NAMES:
        value = metadata.get(name)
        if isinstance(value, list):
            named[name] = [in_script(item, convert) for item in value]
        elif value is not None:
            named[name] = in_script(value, convert)
    return named


def name_in_script(items: Iterable[Any], ath: AthSettings, default_lang: str) -> None:
    """Name the tags, category and authors of every content object in
    ``items`` (the authors Pelican set from ``AUTHOR`` too) in its script:
    its language's variant's, else the site's (:meth:`~.AthSettings.site_script`);
    slugs and pages kept. Nothing without a script, nor for names without a
    Han character (Pelican's ``misc``): a rebuild from the content cache
    loads no OpenCC for them."""
    site = ath.site_script(default_lang)
    for item in items:
        present = {name: getattr(item, name, None) for name in _NAMES}
        if not any(has_han(name) for name in _all_names(present.values())):
            continue
        script = ath.variant_script(getattr(item, "lang", None)) or site
        convert = name_transform(ath, script) if script else None
        if convert is None:
            continue
        for name, value in taxonomy_in_script(present, convert).items():
            if _names(value) != _names(present[name]):
                set_metadata(item, name, value)


def _names(value: Any) -> Any:
    """The names of a wrapper or a list of them (what equality ignores)."""
    if isinstance(value, list):
        return [getattr(item, "name", item) for item in value]
    return getattr(value, "name", value)


def _all_names(values: Iterable[Any]) -> list[str]:
    """Every name among wrappers and lists of them (``str`` names only).

    >>> _all_names([Tag("雲", {}), [Tag("a", {}), Tag("b", {})], None])
    ['雲', 'a', 'b']
    """
    names: list[str] = []
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            name = getattr(item, "name", item)
            if isinstance(name, str):
                names.append(name)
    return names
