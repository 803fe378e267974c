"""Tags and categories of a script variant (pelican.plugins.ath.taxonomy): named in the
variant's script, linking to the original's pages."""

from __future__ import annotations

import pickle

import pytest
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Category, Tag

from pelican.plugins.ath.taxonomy import in_script, taxonomy_in_script

SETTINGS = dict(DEFAULT_CONFIG)


def simplify(text: str) -> str:
    return text.replace("雲", "云").replace("計", "计").replace("聞", "闻")


@pytest.mark.parametrize("kind", [Tag, Category])
def test_the_name_changes_and_nothing_else(kind):
    original = kind("雲計算", SETTINGS)
    shown = in_script(original, simplify)
    assert str(shown) == shown.name == "云计算"
    assert isinstance(shown, kind)
    assert shown.slug == original.slug
    assert shown.url == original.url and shown.save_as == original.save_as
    assert shown.page_name == original.page_name
    assert shown == original and original == shown
    assert (shown != original) is False and (original != shown) is False
    assert hash(shown) == hash(original)
    assert shown != kind("新聞", SETTINGS)


def test_urls_that_use_the_name_stay_the_originals():
    settings = {**SETTINGS, "TAG_URL": "tag/{name}/", "TAG_SAVE_AS": "tag/{name}.html"}
    original = Tag("雲計算", settings)
    shown = in_script(original, simplify)
    assert shown.url == "tag/雲計算/" and shown.save_as == "tag/雲計算.html"


def test_unchanged_names_and_other_values_are_returned_as_they_are():
    tag = Tag("AI", SETTINGS)
    author = Author("AI", SETTINGS)
    assert in_script(tag, simplify) is tag
    assert in_script(author, simplify) is author
    assert in_script("雲", simplify) == "雲"


def test_an_author_is_named_in_the_script_with_the_originals_pages():
    author = Author("雲", SETTINGS)
    shown = in_script(author, simplify)
    assert shown.name == "云" and shown.url == author.url


def test_a_variants_names_pickle_with_the_article():
    shown = in_script(Tag("雲計算", SETTINGS), simplify)
    again = pickle.loads(pickle.dumps(shown))
    assert again.name == "云计算" and again.url == shown.url


def test_taxonomy_in_script_names_category_and_tags():
    metadata = {
        "category": Category("新聞", SETTINGS),
        "tags": [Tag("雲計算", SETTINGS), Tag("AI", SETTINGS)],
        "title": "雲",
    }
    named = taxonomy_in_script(metadata, simplify)
    assert set(named) == {"category", "tags"}
    assert str(named["category"]) == "新闻"
    assert [str(tag) for tag in named["tags"]] == ["云计算", "AI"]
    assert taxonomy_in_script({"title": "雲"}, simplify) == {}
