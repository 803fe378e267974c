"""Unit tests for pelican.plugins.ath.html.toc: nesting headings and rendering the nav."""

from __future__ import annotations

import pickle

import pytest
from lxml import etree
from lxml import html as lxml_html

from pelican.plugins.ath.html.headings import Heading
from pelican.plugins.ath.html.toc import nest, render


def shape(tree) -> list:
    """A TOC tree as nested (id, [children]) pairs."""
    return [(node["id"], shape(node["children"])) for node in tree]


def headings(*spec: tuple[int, str]) -> list[Heading]:
    return [Heading(level, ident, f"T{ident}") for level, ident in spec]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ([], []),
        ([(2, "a")], [("a", [])]),
        ([(2, "a"), (2, "b"), (2, "c")], [("a", []), ("b", []), ("c", [])]),
        (
            [(2, "a"), (3, "b"), (3, "c"), (2, "d")],
            [("a", [("b", []), ("c", [])]), ("d", [])],
        ),
        (
            [(2, "a"), (3, "b"), (4, "c"), (3, "d"), (2, "e")],
            [("a", [("b", [("c", [])]), ("d", [])]), ("e", [])],
        ),
        # a skipped level nests under the nearest shallower heading
        ([(2, "a"), (4, "b"), (3, "c")], [("a", [("b", []), ("c", [])])]),
        # a deeper first heading stays a root; the shallower one after it too
        ([(3, "a"), (2, "b"), (3, "c")], [("a", []), ("b", [("c", [])])]),
        (
            [(1, "a"), (2, "b"), (3, "c"), (1, "d"), (3, "e")],
            [("a", [("b", [("c", [])])]), ("d", [("e", [])])],
        ),
    ],
)
def test_nest_mirrors_heading_levels(spec, expected):
    assert shape(nest(headings(*spec))) == expected


def test_nest_keeps_level_and_title_and_is_plain_data():
    tree = nest([Heading(2, "理性的退出", "理性的退出"), Heading(3, "x", "小节")])
    assert tree == [
        {
            "level": 2,
            "id": "理性的退出",
            "title": "理性的退出",
            "children": [{"level": 3, "id": "x", "title": "小节", "children": []}],
        }
    ]
    assert pickle.loads(pickle.dumps(tree)) == tree


def read_nav(markup: str) -> tuple[etree._Element, list]:
    """Parse rendered TOC HTML into (nav, [(href, text, children)])."""
    (nav,) = lxml_html.fragment_fromstring(markup, create_parent="div")

    def items(ul: etree._Element) -> list:
        assert ul.tag == "ul"
        result = []
        for li in ul:
            assert li.tag == "li"
            links = [child for child in li if child.tag == "a"]
            assert len(links) == 1
            lists = [child for child in li if child.tag == "ul"]
            assert len(lists) <= 1
            result.append(
                (
                    links[0].get("href"),
                    links[0].text_content(),
                    items(lists[0]) if lists else [],
                )
            )
        return result

    uls = [child for child in nav if child.tag == "ul"]
    assert len(uls) == 1
    return nav, items(uls[0])


def test_render_produces_nav_with_nested_lists():
    tree = nest(
        [
            Heading(2, "前奏", "前奏:一個人的告別"),
            Heading(3, "sub", "小節"),
            Heading(2, "理性的退出", "理性的退出"),
        ]
    )
    nav, items = read_nav(render(tree))
    assert nav.tag == "nav"
    assert nav.get("class") == "toc ath-toc"
    assert items == [
        ("#前奏", "前奏:一個人的告別", [("#sub", "小節", [])]),
        ("#理性的退出", "理性的退出", []),
    ]


def test_render_starts_with_nav_toc():
    assert render(nest(headings((2, "a")))).startswith('<nav class="toc ath-toc">')


@pytest.mark.parametrize(
    "title",
    ['A <b> & "C"', "ATH的“成人禮”", "<script>alert(1)</script>", "a &amp; b"],
)
def test_link_text_equals_heading_text_even_with_markup_characters(title):
    nav, items = read_nav(render(nest([Heading(2, "x", title)])))
    assert items == [("#x", title, [])]
    assert not list(nav.iter("script", "b"))


@pytest.mark.parametrize("ident", ['a"b', "a<b>", "a&b", "理性的退出-1"])
def test_href_is_hash_id(ident):
    _, items = read_nav(render(nest([Heading(2, ident, "t")])))
    assert items == [(f"#{ident}", "t", [])]


def test_render_deep_skipped_levels():
    tree = nest(headings((2, "a"), (5, "b"), (2, "c"), (3, "d"), (6, "e")))
    _, items = read_nav(render(tree))
    assert items == [
        ("#a", "Ta", [("#b", "Tb", [])]),
        ("#c", "Tc", [("#d", "Td", [("#e", "Te", [])])]),
    ]
