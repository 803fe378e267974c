"""Unit tests for pelican.plugins.ath.html.headings: readable, unique, stable heading ids."""

from __future__ import annotations

import copy
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from pelican.plugins.ath.html.headings import Heading, assign_ids

_WHITESPACE = re.compile(r"\s")


def parse(markup: str) -> etree._Element:
    return lxml_html.fragment_fromstring(markup, create_parent="div")


def heading_ids(root: etree._Element) -> list[str | None]:
    return [
        element.get("id") for element in root.iter("h1", "h2", "h3", "h4", "h5", "h6")
    ]


def test_cjk_heading_keeps_its_characters():
    root = parse("<h2>理性的退出</h2>")
    assert assign_ids(root) == [Heading(2, "理性的退出", "理性的退出")]
    assert heading_ids(root) == ["理性的退出"]


@pytest.mark.parametrize(
    ("title", "must_contain"),
    [
        ("ATH的“成人禮”", "成人禮"),
        ("前奏:一個人的告別與一群人的定調", "一個人的告別與一群人的定調"),
        ("Hello World", "ello"),
        ("歷史的回響：開拓者的使命", "開拓者的使命"),
    ],
)
def test_ids_are_readable_and_have_no_whitespace(title, must_contain):
    root = parse(f"<h2>{title}</h2>")
    assign_ids(root)
    (identifier,) = heading_ids(root)
    assert identifier
    assert must_contain.lower() in identifier.lower()
    assert not _WHITESPACE.search(identifier)


@pytest.mark.parametrize("title", ["", " ", "“”", "！？", "—", "<!-- c -->", "¶"])
def test_heading_without_words_still_gets_an_id(title):
    root = parse(f"<h2>{title}</h2><h3>{title}</h3>")
    assign_ids(root)
    ids = heading_ids(root)
    assert all(ids)
    assert not any(_WHITESPACE.search(i) for i in ids)
    assert len(set(ids)) == 2


def test_every_level_gets_an_id_in_document_order():
    root = parse(
        "<h1>一</h1><div><h2>二</h2><section><h3>三</h3></section></div>"
        "<h4>四</h4><h5>五</h5><h6>六</h6><p>正文</p>"
    )
    headings = assign_ids(root)
    assert [(h.level, h.title) for h in headings] == [
        (1, "一"),
        (2, "二"),
        (3, "三"),
        (4, "四"),
        (5, "五"),
        (6, "六"),
    ]
    assert heading_ids(root) == ["一", "二", "三", "四", "五", "六"]
    assert [h.id for h in headings] == heading_ids(root)
    assert root.find("p").get("id") is None


def test_duplicate_titles_get_distinct_ids():
    root = parse("<h2>理性的退出</h2><h2>理性的退出</h2><h3>理性的退出</h3>")
    assign_ids(root)
    ids = heading_ids(root)
    assert ids[0] == "理性的退出"
    assert len(set(ids)) == 3
    assert all(i.startswith("理性的退出") for i in ids)


@pytest.mark.parametrize(
    "markup",
    [
        '<p id="理性的退出">段落</p><h2>理性的退出</h2>',
        '<h2>理性的退出</h2><p id="理性的退出">段落</p>',
        '<h2>理性的退出</h2><a id="理性的退出"></a>',
        '<h2 id="理性的退出">别的标题</h2><h2>理性的退出</h2>',
    ],
)
def test_ids_are_unique_against_ids_already_in_the_page(markup):
    root = parse(markup)
    assign_ids(root)
    all_ids = root.xpath(".//@id")
    assert len(all_ids) == len(set(all_ids))
    assert "理性的退出" in all_ids


def test_generated_id_does_not_collide_with_a_literal_suffixed_title():
    root = parse("<h2>a</h2><h2>a</h2><h2>a-1</h2>")
    assign_ids(root)
    ids = heading_ids(root)
    assert len(set(ids)) == 3


@pytest.mark.parametrize(
    ("markup", "kept"),
    [
        ('<h2 id="intro">理性的退出</h2>', ["intro"]),
        ('<h2 id="x">A</h2><h2 id="x">B</h2>', ["x", "x"]),
        ('<h2 id="Custom ID">A</h2>', ["Custom ID"]),
    ],
)
def test_existing_id_never_changes(markup, kept):
    root = parse(markup)
    headings = assign_ids(root)
    assert heading_ids(root) == kept
    assert [h.id for h in headings] == kept


def test_ids_are_stable():
    markup = "<h2>理性的退出</h2><h2>理性的退出</h2><h3>“”</h3><h2>ATH的“成人禮”</h2>"
    first, second = parse(markup), parse(markup)
    assign_ids(first)
    assign_ids(second)
    assert heading_ids(first) == heading_ids(second)
    before = etree.tostring(first)
    again = assign_ids(first)
    assert etree.tostring(first) == before
    assert [h.id for h in again] == heading_ids(first)


def test_ids_do_not_depend_on_later_headings():
    short = parse("<h2>理性的退出</h2><h2>模式對撞</h2>")
    longer = parse("<h2>理性的退出</h2><h2>模式對撞</h2><h2>理性的退出</h2>")
    assign_ids(short)
    assign_ids(longer)
    assert heading_ids(longer)[:2] == heading_ids(short)


@pytest.mark.parametrize(
    ("markup", "title"),
    [
        ("<h2>  理性的\n  退出 </h2>", "理性的 退出"),
        ("<h2>ATH的<em>“成人禮”</em></h2>", "ATH的“成人禮”"),
        ('<h2>Hello<a class="headerlink" href="#hello">¶</a></h2>', "Hello"),
    ],
)
def test_heading_title_is_the_visible_text(markup, title):
    root = parse(markup)
    (heading,) = assign_ids(root)
    assert heading.title == title


def test_copy_keeps_ids():
    root = parse("<h2>一</h2><h2>二</h2>")
    assign_ids(root)
    clone = copy.deepcopy(root)
    assign_ids(clone)
    assert heading_ids(clone) == heading_ids(root)


_TITLE = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")),
    max_size=20,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TITLE, min_size=1, max_size=8), st.lists(_TITLE, max_size=3))
def test_ids_are_unique_and_non_empty_for_any_titles(titles, other_ids):
    root = etree.Element("div")
    for value in other_ids:
        etree.SubElement(root, "p", id=value or "p")
    for title in titles:
        etree.SubElement(root, "h2").text = title
    headings = assign_ids(root)
    ids = [h.id for h in headings]
    assert len(ids) == len(titles)
    assert all(ids)
    assert not any(_WHITESPACE.search(i) for i in ids)
    assert len(set(ids)) == len(ids)
    assert not set(ids) & {value or "p" for value in other_ids}
