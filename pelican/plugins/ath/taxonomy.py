"""Tags and categories of a script variant, named in the variant's script.

A variant (``ATH_SCRIPT_VARIANTS``) shares its original's tags and category:
the same tag and category pages list both. On the variant's own page their
names are shown in its script (雲計算 -> 云计算), while their slugs, URLs and
pages stay the original's, so the links lead to the same pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pelican.urlwrappers import Category, Tag, URLWrapper

from .chinese.conversion import Converter


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


_IN_SCRIPT: dict[type, type[_InScript]] = {
    Category: CategoryInScript,
    Tag: TagInScript,
}


def in_script(wrapper: Any, convert: Converter) -> Any:
    """``wrapper`` (a Pelican ``Category`` or ``Tag``) named as ``convert``
    writes its name, with its slug and pages; anything else as it is."""
    kind = _IN_SCRIPT.get(type(wrapper))
    if kind is None:
        return wrapper
    name = convert(wrapper.name)
    return wrapper if name == wrapper.name else kind(wrapper, name)


def taxonomy_in_script(
    metadata: Mapping[str, Any], convert: Converter
) -> dict[str, Any]:
    """The ``category`` and ``tags`` of ``metadata`` named in the script of
    ``convert`` (only the ones it has)."""
    named: dict[str, Any] = {}
    if "category" in metadata:
        named["category"] = in_script(metadata["category"], convert)
    if isinstance(metadata.get("tags"), list):
        named["tags"] = [in_script(tag, convert) for tag in metadata["tags"]]
    return named
