"""Unit tests for pelican.plugins.ath.settings: ATH_* validation and article options."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from conftest import ROOT

from pelican.plugins.ath.settings import (
    SETTINGS,
    AthSettings,
    SettingsError,
    read_settings,
    settings_table,
)
from pelican.plugins.ath.treatment.options import ArticleOptions


def test_defaults():
    settings = read_settings({})
    assert settings == AthSettings(
        reader_extensions=("txt",),
        clean=True,
        boilerplate=(),
        toc=True,
        toc_min_headings=2,
        script=None,
    )


def test_the_defaults_are_the_declared_ones_as_read():
    """:class:`AthSettings` and :class:`ArticleOptions` default to what
    :data:`SETTINGS` declares (README's table), as read."""
    assert AthSettings() == read_settings({})
    assert ArticleOptions() == AthSettings().article_options({})


def test_other_pelican_settings_are_ignored():
    assert read_settings({"SITENAME": "x", "PLUGINS": [], "TOC": 3}) == read_settings(
        {}
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"ATH_SCRIPT": "s2tw"}, {"script": "s2tw"}),
        ({"ATH_SCRIPT": "S2TWP.json"}, {"script": "s2twp"}),
        ({"ATH_SCRIPT": " t2s "}, {"script": "t2s"}),
        ({"ATH_SCRIPT": None}, {"script": None}),
        ({"ATH_SCRIPT": "none"}, {"script": None}),
        ({"ATH_SCRIPT": "None"}, {"script": None}),
        ({"ATH_CLEAN": False}, {"clean": False}),
        ({"ATH_TOC": False}, {"toc": False}),
        ({"ATH_TOC_MIN_HEADINGS": 1}, {"toc_min_headings": 1}),
        ({"ATH_TOC_MIN_HEADINGS": 5}, {"toc_min_headings": 5}),
        (
            {"ATH_BOILERPLATE": [r"本文来源：.*", r"责任编辑：\S+"]},
            {"boilerplate": (r"本文来源：.*", r"责任编辑：\S+")},
        ),
        ({"ATH_BOILERPLATE": (r"x",)}, {"boilerplate": ("x",)}),
        (
            {"ATH_READER_EXTENSIONS": ["txt", "scraped"]},
            {"reader_extensions": ("txt", "scraped")},
        ),
        ({"ATH_READER_EXTENSIONS": [".TXT", "txt"]}, {"reader_extensions": ("txt",)}),
        ({"ATH_OWN_CONTENT": []}, {"own": frozenset()}),
        ({"ATH_OWN_CONTENT": ["toc", "ids"]}, {"own": frozenset({"toc", "ids"})}),
        ({"ATH_OWN_CONTENT": ("punctuation",)}, {"own": frozenset({"punctuation"})}),
        (
            {"ATH_QUOTES": {"S2TW.json": "corner", "tw2s": "curly"}},
            {"quotes": (("s2tw", "corner"), ("tw2s", "curly"))},
        ),
    ],
)
def test_valid_values(values, expected):
    settings = read_settings(values)
    assert settings == dataclasses.replace(AthSettings(), **expected)


@pytest.mark.parametrize(
    ("name", "value", "must_mention"),
    [
        ("ATH_SCRIPT", "t2x", ["t2s", "s2tw", "s2twp", "s2t"]),
        ("ATH_SCRIPT", "", ["t2s", "s2tw"]),
        ("ATH_SCRIPT", 3, ["t2s", "s2tw"]),
        ("ATH_SCRIPT", True, ["t2s", "s2tw"]),
        ("ATH_CLEAN", "yes", ["True", "False"]),
        ("ATH_CLEAN", 1, ["True", "False"]),
        ("ATH_TOC", None, ["True", "False"]),
        ("ATH_TOC", "false", ["True", "False"]),
        ("ATH_TOC_MIN_HEADINGS", 0, ["1"]),
        ("ATH_TOC_MIN_HEADINGS", -2, ["1"]),
        ("ATH_TOC_MIN_HEADINGS", 2.0, ["1"]),
        ("ATH_TOC_MIN_HEADINGS", "2", ["1"]),
        ("ATH_TOC_MIN_HEADINGS", True, ["1"]),
        ("ATH_BOILERPLATE", "本文来源：.*", ["list"]),
        ("ATH_BOILERPLATE", ["("], ["("]),
        ("ATH_BOILERPLATE", [1], ["1"]),
        # RE2 runs every pattern in linear time; what it cannot run is refused
        ("ATH_BOILERPLATE", [r"(?<=来源)\S+"], ["(?<=", "RE2", "look-arounds"]),
        ("ATH_BOILERPLATE", [r"(\w)\1"], [r"\1", "RE2", "back-references"]),
        ("ATH_BOILERPLATE", [r"\b广告\b"], ["RE2", r"\b"]),
        ("ATH_READER_EXTENSIONS", "txt", ["list"]),
        ("ATH_READER_EXTENSIONS", ["a/b"], ["a/b"]),
        ("ATH_READER_EXTENSIONS", ["txt", None], ["None"]),
        ("ATH_READER_EXTENSIONS", ["t xt"], ["t xt"]),
        ("ATH_OWN_CONTENT", "toc", ["list", "'ids'", "'toc'", "'punctuation'"]),
        ("ATH_OWN_CONTENT", ["tocs"], ["tocs", "'ids'", "'toc'", "'punctuation'"]),
        ("ATH_OWN_CONTENT", True, ["'ids'", "'toc'"]),
        ("ATH_QUOTES", "corner", ["dict", "'corner' (「」『』)", "'curly' (“”‘’)"]),
        ("ATH_QUOTES", {"s2tw": "fancy"}, ["fancy", "'corner'", "'curly'"]),
        ("ATH_QUOTES", {"zh-Hant": "corner"}, ["zh-Hant", "s2tw", "t2s"]),
        ("ATH_QUOTES", {None: "corner"}, ["None", "OpenCC configuration"]),
    ],
)
def test_bad_value_names_the_setting_and_valid_values(name, value, must_mention):
    with pytest.raises(SettingsError) as caught:
        read_settings({name: value})
    message = str(caught.value)
    assert name in message
    for word in must_mention:
        assert word in message


def test_settings_error_is_a_value_error():
    assert issubclass(SettingsError, ValueError)


@pytest.mark.parametrize("name", ["ATH_TCO", "ATH_SCRIPTS", "ATH_", "ATH_toc"])
def test_unknown_ath_setting_is_rejected(name):
    with pytest.raises(SettingsError) as caught:
        read_settings({name: True})
    message = str(caught.value)
    assert name in message
    # and the known names are listed
    for known in ("ATH_TOC", "ATH_SCRIPT", "ATH_CLEAN", "ATH_BOILERPLATE"):
        assert known in message


def test_settings_are_frozen_and_picklable():
    settings = read_settings({"ATH_SCRIPT": "s2tw", "ATH_BOILERPLATE": ["x"]})
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.toc = False  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(settings)) == settings
    options = settings.article_options({})
    assert pickle.loads(pickle.dumps(options)) == options


# --- per-article metadata -------------------------------------------------------

SITE = AthSettings(
    clean=True,
    boilerplate=("本文来源：.*",),
    toc=True,
    toc_min_headings=3,
    script="s2tw",
)


def test_no_metadata_gives_site_values():
    assert SITE.article_options({}) == ArticleOptions(
        clean=True,
        boilerplate=("本文来源：.*",),
        toc=True,
        toc_min_headings=3,
        script="s2tw",
    )


def test_unrelated_metadata_is_ignored():
    assert SITE.article_options({"title": "x", "tags": "a"}) == SITE.article_options({})


def test_options_without_metadata_are_the_ones_metadata_would_give():
    """Without ``ath_`` metadata an article's options are the site's, made
    once per site and language: the same as the metadata path makes them."""
    site = dataclasses.replace(SITE, variants=(("zh-cn", "tw2s"), ("zh-tw", "s2tw")))
    for lang, script in (("zh-cn", "tw2s"), ("zh-tw", "s2tw"), (None, "s2tw")):
        plain = site.article_options({"title": "x"}, lang)
        assert plain == site.article_options({"ath_script": script}, lang)
        assert plain.script == script
        assert site.article_options({}, lang) is plain  # once, not per article


@pytest.mark.parametrize(
    "value", ["false", "False", "no", "off", "0", " false ", False]
)
def test_toc_false_in_metadata(value):
    options = SITE.article_options({"ath_toc": value})
    assert options.toc is False
    assert options.script == "s2tw"
    assert options.toc_min_headings == 3


@pytest.mark.parametrize("value", ["true", "yes", "on", "1", "TRUE", True])
def test_toc_true_in_metadata_overrides_site(value):
    site = dataclasses.replace(SITE, toc=False)
    options = site.article_options({"ath_toc": value})
    assert options.toc is True
    # and asks for one in the blog's own article too (with ids)
    assert options.treatment(scraped=False).toc is True
    assert options.treatment(scraped=False).ids is True


@pytest.mark.parametrize("name", ["toc", "script", "Toc", "lang_script"])
def test_the_blogs_own_toc_and_script_metadata_are_not_ours(name):
    """``toc:`` and ``script:`` are common in blogs (a theme's sidebar flag):
    the plugin reads only ``ath_`` names."""
    for value in ("False", "True", "t2s", "<div>x</div>"):
        assert SITE.article_options({name: value}) == SITE.article_options({})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("yes", True),
        ("true", True),
        ("no", False),
        ("False", False),
        ("saved page", True),
        ("text export", True),
        (True, True),
    ],
)
def test_scraped_in_metadata(value, expected):
    assert SITE.article_options({"ath_scraped": value}).scraped is expected
    assert SITE.article_options({}).scraped is None


@pytest.mark.parametrize("value", ["none", "None", " NONE ", None])
def test_script_none_in_metadata_switches_conversion_off(value):
    options = SITE.article_options({"ath_script": value})
    assert options.script is None
    assert options.toc is True


@pytest.mark.parametrize(
    ("value", "expected"), [("t2s", "t2s"), ("T2S", "t2s"), ("s2twp.json", "s2twp")]
)
def test_script_config_in_metadata(value, expected):
    assert SITE.article_options({"ath_script": value}).script == expected
    assert AthSettings().article_options({"ath_script": value}).script == expected


@pytest.mark.parametrize(
    ("metadata", "name", "must_mention"),
    [
        ({"ath_toc": "maybe"}, "ath_toc", ["yes", "no", "true", "false"]),
        ({"ath_toc": ""}, "ath_toc", ["yes", "no"]),
        ({"ath_script": "t2x"}, "ath_script", ["t2s", "s2tw", "s2twp"]),
        ({"ath_script": ""}, "ath_script", ["t2s"]),
    ],
)
def test_bad_metadata_raises_naming_the_key(metadata, name, must_mention):
    with pytest.raises(SettingsError) as caught:
        SITE.article_options(metadata)
    message = str(caught.value)
    assert name in message
    for word in must_mention:
        assert word in message


@pytest.mark.parametrize(
    ("script", "expected"), [("s2tw", "corner"), ("tw2s", "curly"), ("t2s", None)]
)
def test_quotes_follow_the_articles_script(script, expected):
    settings = read_settings({"ATH_QUOTES": {"s2tw": "corner", "tw2s": "curly"}})
    assert settings.article_options({"ath_script": script}).quotes == expected


def test_quotes_are_off_by_default():
    settings = read_settings({"ATH_SCRIPT": "s2tw"})
    assert settings.article_options({}).quotes is None


def test_readmes_settings_table_is_made_from_the_declarations():
    """README's table of settings is :func:`settings_table`'s output: one
    declaration of each setting (name, default, help), never two."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- settings table")
    start = readme.index("\n", start) + 1
    end = readme.index("<!-- end of settings table -->")
    assert readme[start:end].strip() == settings_table()
    for setting in SETTINGS:
        assert getattr(read_settings({}), setting.field) == setting.parse(
            setting.default, setting.name
        )


def test_every_setting_is_declared_once_with_a_field():
    names = [setting.name for setting in SETTINGS]
    assert len(names) == len(set(names))
    fields = {setting.field for setting in SETTINGS}
    declared = {field.name for field in dataclasses.fields(AthSettings)}
    assert fields == declared - {"reserved_ids"}  # the theme's, not a setting
