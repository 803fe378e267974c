"""Which script a language tag names and which one an OpenCC configuration
writes: what ``lang`` a converted page gets and whether ``DEFAULT_LANG``
agrees with the conversion.

Scripts are ISO 15924 codes in lower case, as BCP 47 writes them after
``zh-``: ``hans`` (Simplified) and ``hant`` (Traditional).
"""

from __future__ import annotations

#: Regions whose Chinese is written in one script (BCP 47 likely subtags).
_REGION_SCRIPT = {
    "cn": "hans",
    "sg": "hans",
    "my": "hans",
    "tw": "hant",
    "hk": "hant",
    "mo": "hant",
}
#: What an OpenCC configuration writes, by the part after its ``2``.
_TARGET_SCRIPT = {
    "s": "hans",
    "sp": "hans",
    "t": "hant",
    "tw": "hant",
    "twp": "hant",
    "hk": "hant",
}


def lang_script(lang: str | None) -> str | None:
    """The script a Chinese language tag names, by script or region; None
    for another language or a bare ``zh``.

    >>> lang_script("zh-Hant"), lang_script("zh_TW"), lang_script("zh-cn")
    ('hant', 'hant', 'hans')
    >>> lang_script("zh"), lang_script("en"), lang_script(None)
    (None, None, None)
    """
    subtags = _chinese_subtags(lang)
    if subtags is None:
        return None
    for subtag in subtags:
        if subtag in ("hans", "hant"):
            return subtag
    for subtag in subtags:
        if subtag in _REGION_SCRIPT:
            return _REGION_SCRIPT[subtag]
    return None


def config_script(config: str | None) -> str | None:
    """The script an OpenCC configuration writes (None: Japanese, or none).

    >>> config_script("s2tw"), config_script("tw2sp"), config_script("t2jp")
    ('hant', 'hans', None)
    """
    if not config or "2" not in config:
        return None
    return _TARGET_SCRIPT.get(config.rsplit("2", 1)[1])


def lang_of_config(config: str | None) -> str | None:
    """The language tag of Chinese text written by ``config``.

    >>> lang_of_config("s2twp"), lang_of_config("hk2s"), lang_of_config(None)
    ('zh-hant', 'zh-hans', None)
    """
    script = config_script(config)
    return f"zh-{script}" if script else None


def lang_after(lang: str | None, config: str | None) -> str | None:
    """The ``lang`` of a page in ``lang`` converted with ``config``: the same
    if it already names that script (``zh-TW`` stays), else the script's tag;
    None when it does not change (not Chinese, or no script written).

    >>> lang_after("zh-cn", "s2tw"), lang_after("zh-tw", "s2tw")
    ('zh-hant', None)
    >>> lang_after("zh", "t2s"), lang_after("en", "t2s")
    ('zh-hans', None)
    """
    target = config_script(config)
    if target is None or _chinese_subtags(lang) is None:
        return None
    return None if lang_script(lang) == target else f"zh-{target}"


def _chinese_subtags(lang: str | None) -> list[str] | None:
    """The subtags after ``zh`` of a Chinese language tag, lower case; None
    for another language.

    >>> _chinese_subtags("zh_Hant-TW"), _chinese_subtags("zh"), _chinese_subtags("en")
    (['hant', 'tw'], [], None)
    """
    if not lang:
        return None
    primary, *subtags = lang.strip().replace("_", "-").lower().split("-")
    return subtags if primary == "zh" else None
