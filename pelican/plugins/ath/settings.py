"""Read and validate the plugin's ``ATH_*`` settings in one place.

Everything downstream receives an :class:`AthSettings` (plain, frozen,
picklable data) or the per-article :class:`ArticleOptions` derived from it,
never Pelican's settings dict.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any

from .chinese.conversion import Converter, normalise_config, valid_configs
from .chinese.langtags import config_script, lang_script
from .chinese.quotes import STYLES as QUOTE_STYLES
from .netease.boilerplate import PatternError, compile_user_pattern
from .treatment.options import ArticleOptions, Phrases
from .treatment.result import options_transform

#: What the blog's own content can opt into (ATH_OWN_CONTENT).
OWN_TREATMENTS = ("ids", "toc", "punctuation")
#: Per-article metadata the plugin reads; ``ath_`` names never collide with a
#: blog's own ``toc:`` or ``script:``.
SCRAPED = "ath_scraped"
TOC = "ath_toc"
SCRIPT = "ath_script"

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}
_EXTENSION = re.compile(r"[A-Za-z0-9_+-]+")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


class SettingsError(ValueError):
    """A setting or a per-article metadata value that cannot be used."""


def parse_scraped(value: Any) -> bool:
    """``ath_scraped``: a boolean, or the kind of scrape a reader names
    (``"text export"``, ``"saved page"``…), which means True.

    >>> parse_scraped("saved page"), parse_scraped("no"), parse_scraped(True)
    (True, False, True)
    """
    if isinstance(value, str) and value.strip().lower() not in _TRUE | _FALSE:
        return bool(value.strip())
    return parse_bool(value, SCRAPED)


def normalise_lang(code: str) -> str:
    """``"zh_Hant"`` -> ``"zh-hant"``: Pelican compares languages as strings and
    lower-cases only ``DEFAULT_LANG``."""
    return code.strip().replace("_", "-").lower()


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


def _parse_extensions(value: Any, name: str) -> tuple[str, ...]:
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


def _parse_patterns(value: Any, name: str) -> tuple[str, ...]:
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
        try:
            compile_user_pattern(pattern)
        except PatternError as err:
            raise SettingsError(
                f"{name} contains {pattern!r}, which RE2 cannot run ({err}); "
                "patterns run in linear time with RE2, so look-arounds, "
                "back-references, possessive quantifiers and \\b are not "
                "available"
            ) from None
    return tuple(value)


def parse_scraped_files(value: Any, name: str) -> tuple[str, ...]:
    """``ATH_SCRAPED_FILES``: paths or glob patterns relative to ``PATH``
    (``/`` between folders), as written.

    >>> parse_scraped_files(["notes/*.txt", "seed.txt"], "ATH_SCRAPED_FILES")
    ('notes/*.txt', 'seed.txt')
    >>> parse_scraped_files("seed.txt", "ATH_SCRAPED_FILES")
    Traceback (most recent call last):
    ...
    pelican.plugins.ath.settings.SettingsError: ATH_SCRAPED_FILES = 'seed.txt' must be a list of paths or glob patterns relative to PATH, e.g. ["scraped/*.txt", "000_8bdecda8eb2986dd.txt"]
    """
    example = '["scraped/*.txt", "000_8bdecda8eb2986dd.txt"]'
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise SettingsError(
            f"{name} = {value!r} must be a list of paths or glob patterns "
            f"relative to PATH, e.g. {example}"
        )
    for item in value:
        if (
            not isinstance(item, str)
            or not item.strip()
            or item.startswith(("/", "\\"))
            or ".." in item.replace("\\", "/").split("/")
        ):
            raise SettingsError(
                f"{name} contains {item!r}, which is not a path or glob pattern "
                f"relative to PATH (no leading /, no ..), e.g. {example}"
            )
    return tuple(value)


def _parse_min_headings(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingsError(f"{name} = {value!r} must be a whole number >= 1")
    return value


def _parse_variants(value: Any, name: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise SettingsError(
            f"{name} = {value!r} must be a dict of language code -> OpenCC "
            'configuration, e.g. {"zh-Hant": "s2tw", "zh-Hans": "tw2s"}'
        )
    variants: dict[str, str] = {}
    for code, config in value.items():
        if not isinstance(code, str) or not _LANGUAGE.fullmatch(code.strip()):
            raise SettingsError(
                f"{name} has {code!r}, which is not a language code "
                "(e.g. zh-Hant, zh-TW)"
            )
        lang = normalise_lang(code)
        if lang in variants:
            raise SettingsError(f"{name} names the language {code!r} twice")
        script = parse_script(config, f"{name}[{code!r}]")
        if script is None:
            raise SettingsError(f"{name}[{code!r}] must name an OpenCC configuration")
        variants[lang] = script
    if len(variants) == 1:
        raise SettingsError(
            f"{name} has one entry; a variant needs at least two scripts "
            "(use ATH_SCRIPT to convert in place)"
        )
    return tuple(variants.items())


def _by_script(value: Any, name: str, what: str, example: str) -> Iterator[Any]:
    """``(script, config, entry)`` for each entry of a setting that maps
    OpenCC configurations to ``what``."""
    if not isinstance(value, Mapping):
        raise SettingsError(
            f"{name} = {value!r} must be a dict of OpenCC configuration -> "
            f"{what}, e.g. {example}"
        )
    for config, entry in value.items():
        script = parse_script(config, f"{name} key")
        if script is None:
            raise SettingsError(
                f"{name} key {config!r} must name an OpenCC configuration, "
                f"e.g. {example}"
            )
        yield script, config, entry


def _parse_phrases(value: Any, name: str) -> tuple[tuple[str, Phrases], ...]:
    example = '{"s2twp": {"云智能": "雲智能"}}'
    result = []
    for script, config, phrases in _by_script(
        value, name, "{phrase: replacement}", example
    ):
        if not isinstance(phrases, Mapping):
            raise SettingsError(
                f"{name}[{config!r}] must map phrases to replacements, e.g. {example}"
            )
        for phrase, replacement in phrases.items():
            if not (
                isinstance(phrase, str) and phrase and isinstance(replacement, str)
            ):
                raise SettingsError(
                    f"{name}[{config!r}] has {phrase!r}: {replacement!r}; phrases "
                    "and replacements must be strings (phrases not empty)"
                )
        result.append((script, tuple(phrases.items())))
    return tuple(result)


def _parse_own(value: Any, name: str) -> frozenset[str]:
    valid = ", ".join(repr(item) for item in OWN_TREATMENTS)
    if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
        raise SettingsError(
            f"{name} = {value!r} must be a list of what your own articles get: "
            f"any of {valid} (default: [], nothing)"
        )
    for item in value:
        if item not in OWN_TREATMENTS:
            raise SettingsError(f"{name} contains {item!r}; valid values: {valid}")
    return frozenset(value)


def _parse_quotes(value: Any, name: str) -> tuple[tuple[str, str], ...]:
    styles = ", ".join(
        f"{style!r} ({outer}{inner})" for style, (outer, inner) in QUOTE_STYLES.items()
    )
    example = f'{{"s2tw": "corner", "tw2s": "curly"}}; styles: {styles}'
    result = []
    for script, config, style in _by_script(value, name, "quote style", example):
        if style not in QUOTE_STYLES:
            raise SettingsError(
                f"{name}[{config!r}] = {style!r} is not a quote style; valid "
                f"values: {styles}"
            )
        result.append((script, style))
    return tuple(result)


def _parse_switch(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise SettingsError(f"{name} = {value!r} must be True or False")
    return value


@dataclass(frozen=True)
class Setting:
    """One ``ATH_*`` setting: its name, the :class:`AthSettings` field it
    fills, its default, how it is read (raising :class:`SettingsError` that
    names it and its valid values) and one line of help (README's table)."""

    name: str
    field: str
    default: Any
    parse: Callable[[Any, str], Any]
    help: str


def _as_written(field: str) -> Any:
    """The default of an :class:`ArticleOptions` field as a ``pelicanconf``
    setting is written (a list for a tuple or a set): the per-article
    settings' defaults are written once, there."""
    value = next(f.default for f in fields(ArticleOptions) if f.name == field)
    return sorted(value) if isinstance(value, tuple | frozenset) else value


#: Every setting, declared once, in the order README's table lists them.
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "ATH_SCRIPT", "script", _as_written("script"), parse_script,
        "Convert every article and page (body, title, summary, TOC) with this "
        "OpenCC configuration: `t2s`, `s2tw`, `s2twp`, `s2hk`, `tw2s`, … "
        "(`None`: no conversion).",
    ),
    Setting(
        "ATH_SCRIPT_VARIANTS", "variants", {}, _parse_variants,
        "Language → OpenCC configuration, e.g. `{\"zh-Hant\": \"s2tw\", "
        "\"zh-Hans\": \"tw2s\"}`: every Chinese article and page once per "
        "entry, linked as translations ([docs/scripts.md](docs/scripts.md)).",
    ),
    Setting(
        "ATH_VARIANT_SITES", "variant_sites", True, _parse_switch,
        "With `ATH_SCRIPT_VARIANTS`: the whole site once per script, each "
        "language but `DEFAULT_LANG`'s a sub-site (`zh-hans/…`) built with "
        "i18n_subsites; `False`: each article's variants as translations "
        "beside it (`{slug}-zh-hans.html`), the rest of the site in one "
        "script ([docs/scripts.md](docs/scripts.md)).",
    ),
    Setting(
        "ATH_OWN_CONTENT", "own", _as_written("own"), _parse_own,
        "What your own (not scraped) articles get: any of `\"ids\"`, "
        "`\"toc\"`, `\"punctuation\"` (default: nothing).",
    ),
    Setting(
        "ATH_CLEAN", "clean", _as_written("clean"), _parse_switch,
        "Remove lost images, NetEase's disclaimer and page chrome from "
        "scraped articles.",
    ),
    Setting(
        "ATH_BOILERPLATE", "boilerplate", _as_written("boilerplate"), _parse_patterns,
        "More paragraphs to remove from scraped articles: regular expressions "
        "matched against a whole paragraph (RE2, linear time), e.g. "
        "`[r\"本文来源：\\S+\"]`.",
    ),
    Setting(
        "ATH_TOC", "toc", _as_written("toc"), _parse_switch,
        "Give scraped articles with enough headings a table of contents.",
    ),
    Setting(
        "ATH_TOC_MIN_HEADINGS", "toc_min_headings", _as_written("toc_min_headings"), _parse_min_headings,
        "The fewest headings an article needs to get a TOC.",
    ),
    Setting(
        "ATH_PUNCTUATION", "punctuation", _as_written("punctuation"), _parse_switch,
        "Full-width `，：；！？（）` next to Chinese characters in scraped "
        "articles.",
    ),
    Setting(
        "ATH_KEEP_TRADITIONAL", "keep_traditional", _as_written("keep_traditional"), _parse_switch,
        "With a Simplified → Traditional configuration, repair stray "
        "Simplified characters OpenCC misses, keep those already "
        "Traditional, and let the script model pick OpenCC's one-to-many "
        "characters (了/瞭, 发/發/髮…) in Simplified text "
        "([docs/scripts.md](docs/scripts.md)); `False`: OpenCC alone.",
    ),
    Setting(
        "ATH_PHRASES", "phrases", {}, _parse_phrases,
        "OpenCC configuration → `{phrase: replacement}` that wins over "
        "OpenCC's dictionaries, e.g. `{\"s2twp\": {\"云智能\": \"雲智能\"}}`.",
    ),
    Setting(
        "ATH_QUOTES", "quotes", {}, _parse_quotes,
        "OpenCC configuration → quotation marks of the text it converts: "
        "`\"corner\"` (「」『』) or `\"curly\"` (“”‘’).",
    ),
    Setting(
        "ATH_READER_EXTENSIONS", "reader_extensions", ["txt"], _parse_extensions,
        "File extensions read as scraped text exports (only files that are "
        "exports: see [docs/readers.md](docs/readers.md)).",
    ),
    Setting(
        "ATH_SCRAPED_FILES", "scraped_files", [], parse_scraped_files,
        "Text files read as scraped exports whatever they show: paths or glob "
        "patterns relative to `PATH`, e.g. `[\"scraped/*.txt\"]` (others "
        "only when they show they are exports: see "
        "[docs/readers.md](docs/readers.md)).",
    ),
    Setting(
        "ATH_SAVED_PAGES", "saved_pages", True, _parse_switch,
        "Read saved 163.com pages (`.html`) and clipper Markdown (`.md`) as "
        "the article they hold; `False`: Pelican's own readers.",
    ),
)  # fmt: skip
#: Every setting by name.
BY_NAME = {setting.name: setting for setting in SETTINGS}

#: Every setting's default as :func:`read_settings` reads it, by field: the
#: defaults of :class:`AthSettings`.
DEFAULTS: dict[str, Any] = {
    setting.field: setting.parse(setting.default, setting.name) for setting in SETTINGS
}


@dataclass(frozen=True)
class AthSettings:
    """The validated site-wide settings (by default, the defaults of
    :data:`SETTINGS`, as read)."""

    reader_extensions: tuple[str, ...] = DEFAULTS["reader_extensions"]
    #: Text files read as exports whatever they show (ATH_SCRAPED_FILES).
    scraped_files: tuple[str, ...] = DEFAULTS["scraped_files"]
    clean: bool = DEFAULTS["clean"]
    boilerplate: tuple[str, ...] = DEFAULTS["boilerplate"]
    toc: bool = DEFAULTS["toc"]
    toc_min_headings: int = DEFAULTS["toc_min_headings"]
    script: str | None = DEFAULTS["script"]
    #: Language code (lower case) -> OpenCC config, in the user's order.
    variants: tuple[tuple[str, str], ...] = DEFAULTS["variants"]
    #: Each variant a whole sub-site (i18n_subsites), not only translations.
    variant_sites: bool = DEFAULTS["variant_sites"]
    #: OpenCC config -> (phrase, replacement) pairs.
    phrases: tuple[tuple[str, Phrases], ...] = DEFAULTS["phrases"]
    punctuation: bool = DEFAULTS["punctuation"]
    keep_traditional: bool = DEFAULTS["keep_traditional"]
    #: OpenCC config -> quote style of the text it converts.
    quotes: tuple[tuple[str, str], ...] = DEFAULTS["quotes"]
    #: Read saved 163.com pages (.html) and exporter Markdown as articles.
    saved_pages: bool = DEFAULTS["saved_pages"]
    #: What the blog's own content gets (a subset of OWN_TREATMENTS).
    own: frozenset[str] = DEFAULTS["own"]
    #: Ids a heading must not get: the theme's (not a setting).
    reserved_ids: frozenset[str] = frozenset()

    def variant_script(self, lang: str | None) -> str | None:
        """The config of the variant for ``lang``, if there is one."""
        return dict(self.variants).get(normalise_lang(lang)) if lang else None

    def site_script(self, default_lang: str | None) -> str | None:
        """The script of a site whose ``DEFAULT_LANG`` is ``default_lang``:
        its variant's config (a sub-site of a variant), else ``ATH_SCRIPT``.
        Its tags, categories and authors are named in it."""
        return self.variant_script(default_lang) or self.script

    @functools.lru_cache(maxsize=64)  # noqa: B019 (a site's few settings, kept)
    def _site_options(self, lang: str | None) -> ArticleOptions:
        """The options of an article without per-article metadata: once per
        site and language, not per article."""
        return self._options(None, self.toc, self.own, self._script(lang))

    def article_options(
        self, metadata: Mapping[str, Any], lang: str | None = None
    ) -> ArticleOptions:
        """Apply per-article metadata (``ath_scraped``, ``ath_toc``,
        ``ath_script``) to the site settings.

        The script is, in order: the article's ``ath_script``, the config of
        the ``ATH_SCRIPT_VARIANTS`` entry for its ``lang``, ``ATH_SCRIPT``.
        ``ath_toc: true`` asks for a TOC in any article (the blog's own
        included), ``false`` refuses it. Raises :class:`SettingsError` for a
        value that cannot be used; the caller reports it against the file and
        falls back to the site value.
        """
        if SCRAPED not in metadata and TOC not in metadata and SCRIPT not in metadata:
            return self._site_options(lang)
        scraped = None
        if SCRAPED in metadata:
            scraped = parse_scraped(metadata[SCRAPED])
        toc, own = self.toc, self.own
        if TOC in metadata:
            toc = parse_bool(metadata[TOC], TOC)
            own = own | {"toc"} if toc else own - {"toc"}
        if SCRIPT in metadata:
            script = parse_script(metadata[SCRIPT], SCRIPT)
        else:
            script = self._script(lang)
        return self._options(scraped, toc, own, script)

    def _script(self, lang: str | None) -> str | None:
        """The script of an article in ``lang`` that chose none: its
        variant's config, else ``ATH_SCRIPT``."""
        return self.variant_script(lang) or self.script

    def _options(
        self, scraped: bool | None, toc: bool, own: frozenset[str], script: str | None
    ) -> ArticleOptions:
        """The site's settings with what an article's metadata decided."""
        return ArticleOptions(
            scraped=scraped,
            toc=toc,
            own=own,
            script=script,
            phrases=dict(self.phrases).get(script, ()) if script else (),
            quotes=dict(self.quotes).get(script) if script else None,
            **{name: getattr(self, name) for name in _AS_THE_SITE},
        )


#: The options an article takes from the site's settings as they are (the
#: others are decided per article, in :meth:`AthSettings._options`).
_AS_THE_SITE = tuple(
    field.name
    for field in fields(ArticleOptions)
    if field.name in {site.name for site in fields(AthSettings)}
    and field.name not in {"toc", "own", "script", "phrases", "quotes"}
)


def read_settings(settings: Mapping[str, Any]) -> AthSettings:
    """Validate every ``ATH_*`` setting; raise :class:`SettingsError` on the first
    bad one, naming it and its valid values."""
    unknown = sorted(
        key for key in settings if key.startswith("ATH_") and key not in BY_NAME
    )
    if unknown:
        raise SettingsError(
            f"unknown setting {unknown[0]}; pelican-ath settings are "
            f"{', '.join(sorted(BY_NAME))}"
        )
    return AthSettings(
        **{
            setting.field: setting.parse(
                settings.get(setting.name, setting.default), setting.name
            )
            for setting in SETTINGS
        }
    )


@functools.lru_cache(maxsize=16)
def name_transform(ath: AthSettings, script: str) -> Converter | None:
    """How a name (a tag, a category, the site's name) is written in
    ``script``: as an article's title is (the site's phrases, repair and
    quotation marks), without punctuation."""
    return options_transform(ath.article_options({SCRIPT: script}), False)


def default_lang_disagrees(settings: Mapping[str, Any], ath: AthSettings) -> str | None:
    """What to tell a user whose ``DEFAULT_LANG`` names another script than
    the one ``ATH_SCRIPT`` writes (a theme's ``<html lang>`` on index, tag
    and category pages, and the feeds' language, come from it); None if it
    agrees, or ``ATH_SCRIPT_VARIANTS`` decides the site's script.

    >>> default_lang_disagrees({"DEFAULT_LANG": "zh-TW"}, AthSettings(script="s2tw"))
    >>> default_lang_disagrees({"DEFAULT_LANG": "zh-cn"}, AthSettings(script="s2tw"))[:33]
    "DEFAULT_LANG = 'zh-cn' names no T"
    """
    lang = settings.get("DEFAULT_LANG")
    target = config_script(ath.script)
    if target is None or ath.variant_script(lang) or lang_script(lang) == target:
        return None
    name = {"hans": "Simplified", "hant": "Traditional"}[target]
    return (
        f"DEFAULT_LANG = {lang!r} names no {name} Chinese, but ATH_SCRIPT = "
        f"{ath.script!r} writes it: articles and pages get lang 'zh-{target}', "
        "while a theme marks the other pages (index, tags, categories, feeds) "
        f"with DEFAULT_LANG; set DEFAULT_LANG = 'zh-{target}' (or a region "
        "written in it, e.g. "
        f"{'zh-TW' if target == 'hant' else 'zh-CN'})"
    )


def settings_table() -> str:
    """README's table of settings, made from :data:`SETTINGS`."""
    rows = ["| Setting | Default | What it does |", "| --- | --- | --- |"]
    rows += [
        f"| `{setting.name}` | `{setting.default!r}` | {setting.help} |"
        for setting in SETTINGS
    ]
    return "\n".join(rows)
