"""Read and validate the plugin's ``ATH_*`` settings in one place.

Everything downstream receives an :class:`AthSettings` (plain, frozen,
picklable data) or the per-article :class:`ArticleOptions` derived from it,
never Pelican's settings dict.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .script import normalise_config, valid_configs

DEFAULTS: dict[str, Any] = {
    "ATH_READER_EXTENSIONS": ["txt"],
    "ATH_CLEAN": True,
    "ATH_BOILERPLATE": [],
    "ATH_TOC": True,
    "ATH_TOC_MIN_HEADINGS": 2,
    "ATH_SCRIPT": None,
}

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}
_EXTENSION = re.compile(r"[A-Za-z0-9_+-]+")


class SettingsError(ValueError):
    """A setting or a per-article metadata value that cannot be used."""


@dataclass(frozen=True)
class ArticleOptions:
    """What the pipeline does to one document."""

    clean: bool = True
    boilerplate: tuple[str, ...] = ()
    toc: bool = True
    toc_min_headings: int = 2
    script: str | None = None


@dataclass(frozen=True)
class AthSettings:
    """The validated site-wide settings."""

    reader_extensions: tuple[str, ...] = ("txt",)
    clean: bool = True
    boilerplate: tuple[str, ...] = ()
    toc: bool = True
    toc_min_headings: int = 2
    script: str | None = None

    def article_options(self, metadata: Mapping[str, Any]) -> ArticleOptions:
        """Apply per-article metadata (``toc``, ``script``) to the site settings.

        Raises :class:`SettingsError` for a value that cannot be used; the
        caller reports it against the file and falls back to the site value.
        """
        toc = self.toc
        if "toc" in metadata:
            toc = parse_bool(metadata["toc"], "toc")
        script = self.script
        if "script" in metadata:
            script = parse_script(metadata["script"], "script")
        return ArticleOptions(
            clean=self.clean,
            boilerplate=self.boilerplate,
            toc=toc,
            toc_min_headings=self.toc_min_headings,
            script=script,
        )


def parse_bool(value: Any, name: str) -> bool:
    """``True``/``False`` or the usual metadata spellings (yes/no, on/off…)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise SettingsError(
        f"{name} = {value!r} is not a boolean; use one of "
        f"{', '.join(sorted(_TRUE | _FALSE))}"
    )


def parse_script(value: Any, name: str) -> str | None:
    """An OpenCC config name (``t2s``, ``s2tw.json``…) or None/"none"."""
    if value is None or (isinstance(value, str) and value.strip().lower() == "none"):
        return None
    if isinstance(value, str):
        config = normalise_config(value)
        if config in valid_configs():
            return config
    raise SettingsError(
        f"{name} = {value!r} is not an OpenCC configuration; valid values: "
        f"None, {', '.join(valid_configs())}"
    )


def _parse_extensions(value: Any) -> tuple[str, ...]:
    name = "ATH_READER_EXTENSIONS"
    if isinstance(value, str) or not isinstance(value, list | tuple | set):
        raise SettingsError(
            f"{name} = {value!r} must be a list of file extensions, e.g. ['txt']"
        )
    extensions = []
    for item in value:
        ext = item.lstrip(".") if isinstance(item, str) else item
        if not isinstance(ext, str) or not _EXTENSION.fullmatch(ext):
            raise SettingsError(
                f"{name} contains {item!r}, which is not a file extension "
                "(letters, digits, _ + -; e.g. 'txt')"
            )
        extensions.append(ext.lower())
    return tuple(dict.fromkeys(extensions))


def _parse_patterns(value: Any) -> tuple[str, ...]:
    name = "ATH_BOILERPLATE"
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise SettingsError(
            f"{name} = {value!r} must be a list of regular expressions "
            "(each matched against a whole paragraph)"
        )
    for pattern in value:
        if not isinstance(pattern, str):
            raise SettingsError(f"{name} contains {pattern!r}, which is not a string")
        try:
            re.compile(pattern)
        except re.error as err:
            raise SettingsError(
                f"{name} contains {pattern!r}, which is not a valid regular "
                f"expression: {err}"
            ) from None
    return tuple(value)


def _parse_min_headings(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingsError(
            f"ATH_TOC_MIN_HEADINGS = {value!r} must be a whole number >= 1"
        )
    return value


def _parse_switch(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise SettingsError(f"{name} = {value!r} must be True or False")
    return value


def read_settings(settings: Mapping[str, Any]) -> AthSettings:
    """Validate every ``ATH_*`` setting; raise :class:`SettingsError` on the first
    bad one, naming it and its valid values."""
    unknown = sorted(
        key for key in settings if key.startswith("ATH_") and key not in DEFAULTS
    )
    if unknown:
        raise SettingsError(
            f"unknown setting {unknown[0]}; pelican-ath settings are "
            f"{', '.join(sorted(DEFAULTS))}"
        )

    def get(name: str) -> Any:
        return settings.get(name, DEFAULTS[name])

    return AthSettings(
        reader_extensions=_parse_extensions(get("ATH_READER_EXTENSIONS")),
        clean=_parse_switch(get("ATH_CLEAN"), "ATH_CLEAN"),
        boilerplate=_parse_patterns(get("ATH_BOILERPLATE")),
        toc=_parse_switch(get("ATH_TOC"), "ATH_TOC"),
        toc_min_headings=_parse_min_headings(get("ATH_TOC_MIN_HEADINGS")),
        script=parse_script(get("ATH_SCRIPT"), "ATH_SCRIPT"),
    )
