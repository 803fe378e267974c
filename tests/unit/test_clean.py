"""Unit tests for pelican.plugins.ath.netease.clean: tree cleaning and drop_empty_image_tags."""

from __future__ import annotations

import re
from html import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html
from netease_texts import CURRENT, ENGLISH, OLDER, PLACEHOLDER, SPACED, TRADITIONAL_HALF

from pelican.plugins.ath.html.preclean import drop_empty_image_tags, is_blank_image
from pelican.plugins.ath.html.source import attributes
from pelican.plugins.ath.html.tree import parse as parse_body
from pelican.plugins.ath.netease.clean import (
    Removal,
    block_text,
    clean_tree,
    leaf_blocks,
    signed_leaf_blocks,
)
from pelican.plugins.ath.netease.signs import BOILERPLATE_SIGN


def parse(markup: str) -> etree._Element:
    return lxml_html.fragment_fromstring(markup, create_parent="div")


def inner(root: etree._Element) -> str:
    markup = etree.tostring(root, encoding="unicode", method="html")
    assert markup.startswith("<div>")
    assert markup.endswith("</div>")
    return markup[len("<div>") : -len("</div>")]


def clean(markup: str, patterns: tuple[str, ...] = ()) -> tuple[str, list[Removal]]:
    root = parse(markup)
    removals = clean_tree(root, [re.compile(p) for p in patterns])
    return inner(root), removals


def text_of(markup: str) -> str:
    return "".join(parse(markup).itertext())


# --- empty images -----------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('<p><img src=""></p><p>正文。</p>', "<p>正文。</p>"),
        ("<p><img></p><p>正文。</p>", "<p>正文。</p>"),
        ('<p><img src="   "></p><p>正文。</p>', "<p>正文。</p>"),
        ('<p><img src="" alt="图"></p><p>正文。</p>', "<p>正文。</p>"),
        ('<p>前<img src="">后</p>', "<p>前后</p>"),
        ('<p class="f_center"><img src=""></p><p>图注。</p>', "<p>图注。</p>"),
        # ancestors left empty go too
        ('<div><p><span><img src=""></span></p></div><p>x</p>', "<p>x</p>"),
        ('<p><img src=""><br></p><p>x</p>', "<p>x</p>"),
    ],
)
def test_images_without_source_are_removed(source, expected):
    html, removals = clean(source)
    assert html == expected
    # an <img> without any src is removed too, but is no sign of scraping
    reason = "image without a source" if "<img>" in source else "empty image"
    assert [r.reason for r in removals] == [reason]
    assert "img" in removals[0].text


@pytest.mark.parametrize(
    "source",
    [
        '<p><img src="https://nimg.ws.126.net/?url=a.jpg"></p>',
        '<p><img src="a.jpg" alt=""></p>',
        '<figure><img src="a.jpg"><figcaption>图注</figcaption></figure>',
    ],
)
def test_images_with_source_stay(source):
    html, removals = clean(source)
    assert html == source
    assert removals == []


def test_pre_existing_empty_elements_stay():
    source = '<p></p><div><span></span></div><p><img src=""></p><p>正文。</p><hr>'
    html, _ = clean(source)
    assert html == "<p></p><div><span></span></div><p>正文。</p><hr>"


def test_element_with_other_content_is_not_pruned():
    html, _ = clean('<p><img src="a.jpg"><img src=""></p>')
    assert html == '<p><img src="a.jpg"></p>'


# --- literal ![…]() ------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected", "count"),
    [
        ("<p>![]()</p><p>正文。</p>", "<p>正文。</p>", 1),
        ("<p>![alt]()</p><p>正文。</p>", "<p>正文。</p>", 1),
        ("<p>![]( )</p><p>正文。</p>", "<p>正文。</p>", 1),
        ("<p>前 ![]() 后</p>", "<p>前  后</p>", 1),
        ("<p>![]()![]()</p><p>x</p>", "<p>x</p>", 2),
        ("<p><b>![]()</b>尾</p>", "<p>尾</p>", 1),
        ("<h2>![]()</h2><p>x</p>", "<p>x</p>", 1),
        ("<div><p>![]()</p></div><p>x</p>", "<p>x</p>", 1),
    ],
)
def test_literal_empty_images_are_removed(source, expected, count):
    html, removals = clean(source)
    assert html == expected
    assert [r.reason for r in removals] == ["empty image"] * count


def test_literal_image_with_url_stays():
    source = "<p>![图](https://x/a.jpg)</p>"
    html, removals = clean(source)
    assert html == source
    assert removals == []


# --- NetEase disclaimer -----------------------------------------------------


def test_post_statement_block_is_removed():
    source = (
        "<p>正文。</p>"
        f'<div class="post_statement foo"><p>{CURRENT}</p><p>{ENGLISH}</p></div>'
        "<p>后记。</p>"
    )
    html, removals = clean(source)
    assert html == "<p>正文。</p><p>后记。</p>"
    assert len(removals) == 1
    assert CURRENT in removals[0].text


def test_class_merely_containing_post_statement_is_not_a_statement_block():
    source = '<div class="post_statement_x"><p>正文。</p></div>'
    html, removals = clean(source)
    assert html == source
    assert removals == []


@pytest.mark.parametrize(
    "disclaimers",
    [
        [CURRENT, ENGLISH],
        [TRADITIONAL_HALF, ENGLISH],
        [SPACED],
        [OLDER],
        [CURRENT + ENGLISH],
        [CURRENT.replace("“", "&ldquo;").replace("”", "&rdquo;")],
    ],
)
def test_disclaimer_paragraphs_are_removed(disclaimers):
    source = "<p>正文。</p>" + "".join(f"<p>{d}</p>" for d in disclaimers)
    html, removals = clean(source)
    assert html == "<p>正文。</p>"
    assert len(removals) == len(disclaimers)
    assert all(r.reason for r in removals)


def test_disclaimer_in_list_item_is_removed_with_its_empty_list():
    html, _ = clean(f"<p>正文。</p><ul><li>{CURRENT}</li></ul>")
    assert html == "<p>正文。</p>"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (f"<p>一。</p><p>正文。{CURRENT}</p>", "<p>一。</p><p>正文。</p>"),
        (f"<p>正文。{CURRENT}{ENGLISH}</p>", "<p>正文。</p>"),
        (f"<p>才能找到答案。{TRADITIONAL_HALF}</p>", "<p>才能找到答案。</p>"),
        (f"<p>正文<b>。</b>{CURRENT}</p>", "<p>正文<b>。</b></p>"),
        (f"<p><a href='/x'>正文</a>。{CURRENT}</p>", '<p><a href="/x">正文</a>。</p>'),
        # the last *text* block, even if an image follows it
        (
            f'<p>正文。{CURRENT}</p><p><img src="a.jpg"></p>',
            '<p>正文。</p><p><img src="a.jpg"></p>',
        ),
    ],
)
def test_disclaimer_glued_to_last_paragraph_is_cut_off(source, expected):
    html, removals = clean(source)
    assert html == expected
    assert len(removals) == 1
    assert CURRENT in removals[0].text or TRADITIONAL_HALF in removals[0].text


@pytest.mark.parametrize(
    "source",
    [
        f"<p>正文。<br>{CURRENT}</p>",
        f"<p>正文。<br>{CURRENT}<br>{ENGLISH}</p>",
        f"<p>正文。<b>特别声明</b>{CURRENT[4:]}</p>",
    ],
    ids=["after-br", "after-br-with-english", "start-in-bold"],
)
def test_glued_disclaimer_after_inline_element_is_cut_off(source):
    html, removals = clean(source)
    assert text_of(html) == "正文。"
    assert len(removals) == 1


def test_glued_disclaimer_on_a_paragraph_that_is_not_last_stays():
    source = f"<p>正文。{CURRENT}</p><p>后记。</p>"
    html, removals = clean(source)
    assert html == source
    assert removals == []


@pytest.mark.parametrize(
    "source",
    [
        f"<blockquote><p>{CURRENT}</p></blockquote>",
        f"<p>正文。</p><blockquote>{CURRENT}</blockquote>",
        f"<p>他说：{CURRENT}</p>",
        f"<p>原文：“{CURRENT}”</p>",
        f"<p>{CURRENT}这句话我们都见过。</p>",
        f"<p>{CURRENT.replace('网易号', '简书')}</p>",
        f"<p>{ENGLISH.replace('NetEase Hao', 'Jianshu')}</p>",
    ],
)
def test_quoted_or_foreign_disclaimers_are_content(source):
    html, removals = clean(source)
    assert html == source
    assert removals == []


def test_disclaimer_inside_inline_quotation_stays():
    # <q> is a quotation like <blockquote>: quoted text is content
    source = f"<p>他写道<q>正文。{CURRENT}</q></p>"
    html, removals = clean(source)
    assert html == source
    assert removals == []


# --- chrome and user patterns -------------------------------------------------


@pytest.mark.parametrize("chrome", [PLACEHOLDER, "打開網易新聞 查看精彩圖片"])
def test_mobile_placeholder_paragraph_is_removed(chrome):
    html, removals = clean(f"<p>{chrome}</p><p>正文。</p>")
    assert html == "<p>正文。</p>"
    assert len(removals) == 1
    assert removals[0].text == chrome


def test_placeholder_inside_a_sentence_stays():
    source = f"<p>他说{PLACEHOLDER}就行。</p>"
    html, removals = clean(source)
    assert html == source
    assert removals == []


@pytest.mark.parametrize(
    ("source", "patterns", "expected"),
    [
        ("<p>本文来源：观察者网</p><p>正文。</p>", [r"本文来源：.*"], "<p>正文。</p>"),
        ("<p>  责任编辑：王五  </p><p>正文。</p>", [r"责任编辑：\S+"], "<p>正文。</p>"),
        (
            "<p>本文由 简悦 SimpRead 转码</p><p>a</p>",
            [r"x", r"本文由 简悦 SimpRead 转码"],
            "<p>a</p>",
        ),
        # only whole paragraphs are removed
        (
            "<p>正文本文来源：观察者网</p>",
            [r"本文来源：.*"],
            "<p>正文本文来源：观察者网</p>",
        ),
        ("<p>本文来源：观察者网。后文</p>", [r"本文来源：\w+"], None),
    ],
)
def test_user_patterns_remove_whole_matching_paragraphs(source, patterns, expected):
    html, removals = clean(source, tuple(patterns))
    assert html == (source if expected is None else expected)
    assert len(removals) == (0 if html == source else 1)


def test_no_patterns_remove_nothing_ordinary():
    source = "<p>本文来源：观察者网</p><p>正文。</p>"
    html, removals = clean(source)
    assert html == source
    assert removals == []


# --- removal records --------------------------------------------------------


def test_seed_like_document_reports_every_removal():
    source = (
        "<p>![]()</p><p>正文一。</p><h2>理性的退出</h2><p>![]()</p>"
        f"<p>正文二。</p><p>{PLACEHOLDER}</p>"
        f"<p>{TRADITIONAL_HALF}</p><p>{ENGLISH}</p>"
    )
    html, removals = clean(source)
    assert html == "<p>正文一。</p><h2>理性的退出</h2><p>正文二。</p>"
    reasons = [r.reason for r in removals]
    assert reasons.count("empty image") == 2
    assert len(removals) == 5
    texts = {r.text for r in removals}
    assert {PLACEHOLDER, TRADITIONAL_HALF, ENGLISH} <= texts


@pytest.mark.parametrize(
    "source",
    [
        f"<p>正文。{CURRENT}</p>",
        f"<p>正文。<br>{CURRENT}</p>",
        f"<p>正文。<b>特别声明</b>{CURRENT[4:]}</p>",
        f"<p>正文。</p><p>{CURRENT}</p>",
        # a document that is only the disclaimer, without markup
        CURRENT,
        PLACEHOLDER,
    ],
    ids=["glued", "after-br", "start-in-bold", "paragraph", "bare", "bare-chrome"],
)
def test_reported_removals_are_really_gone(source):
    html, removals = clean(source)
    remaining = text_of(html) if html else ""
    for removal in removals:
        if removal.reason != "empty image":
            assert removal.text.strip() not in remaining
    assert "特别声明" not in remaining
    assert PLACEHOLDER not in remaining


def test_clean_tree_on_clean_document_changes_nothing():
    source = (
        '<h2 id="a">理性的退出</h2><p>正文<a href="/x">链接</a>。</p>'
        '<p><img src="a.jpg" alt="图"></p><p></p><ul><li>一</li></ul>'
    )
    html, removals = clean(source)
    assert html == source
    assert removals == []


# --- property: content paragraphs are never removed -------------------------

_CONTENT_CHARS = st.sampled_from(
    [*"正文他说的了。，！？abc 123网易号声明特别内容平台图片“”：", "特别声明："]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_CONTENT_CHARS, max_size=25).map("".join), max_size=6))
def test_clean_tree_never_removes_a_paragraph_that_is_not_boilerplate(paragraphs):
    root = etree.Element("div")
    for text in paragraphs:
        etree.SubElement(root, "p").text = text
    removals = clean_tree(root)
    assert removals == []
    assert [p.text or "" for p in root] == paragraphs


# --- drop_empty_image_tags --------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('<p><img src=""></p>', ""),
        ('<p><img src="" alt="图"></p><p>正文。</p>', "<p>正文。</p>"),
        ('<p class="f_center"><img src=""></p>', ""),
        ('<p>前<img src="">后</p>', "<p>前后</p>"),
        ('<IMG SRC="">', ""),
        ('<img src="  " />', ""),
        ("<img src=''>", ""),
        ('<img title="a>b" src="">', ""),
        ('<p>\n  <img src="">\n</p>', ""),
        ('<p>a</p><img src=""><p>b</p>', "<p>a</p><p>b</p>"),
    ],
)
def test_drop_empty_image_tags_removes_sourceless_images(source, expected):
    html, removals = drop_empty_image_tags(source)
    assert html == expected
    assert [r.reason for r in removals] == ["empty image"]
    assert removals[0].text.lower().startswith("<img")


def test_drop_empty_image_tags_reports_each_image():
    source = '<p><img src=""></p><p>a<img src="b.jpg"></p><img src=" "><img alt="x">'
    html, removals = drop_empty_image_tags(source)
    assert html == '<p>a<img src="b.jpg"></p><img alt="x">'
    assert len(removals) == 2


@pytest.mark.parametrize(
    "source",
    [
        '<p><img src="a.jpg"></p>',
        "<img src='a.jpg'>",
        '<img src=a.jpg alt="">',
        '<p><img src="https://nimg.ws.126.net/?url=x.jpg" alt=""></p>',
        "<p>没有图片</p>",
        "",
        '<p>写 <code>&lt;img src=""&gt;</code> 的例子</p>',
        # no src attribute at all: a script may fill it in
        '<p><img alt="x" id="chart"></p><p>k</p>',
        # not tags: inside a script's strings, a comment, a textarea
        '<script>var tpl = \'<p><img alt="spinner" src=""></p>\';</script>',
        '<!-- <p><img src=""></p> --><p>正文</p>',
        '<textarea><img src=""></textarea>',
    ],
)
def test_drop_empty_image_tags_leaves_other_markup_alone(source):
    assert drop_empty_image_tags(source) == (source, [])


def test_drop_empty_image_tags_keeps_image_whose_alt_mentions_src():
    source = '<p><img alt=" src=\'\'" src="a.jpg"></p>'
    assert drop_empty_image_tags(source) == (source, [])


def test_drop_empty_image_tags_drops_empty_image_whose_alt_mentions_src():
    source = '<p><img alt=" src=a.jpg" src=""></p><p>x</p>'
    html, removals = drop_empty_image_tags(source)
    assert html == "<p>x</p>"
    assert len(removals) == 1


def test_literal_empty_image_in_code_is_an_example_and_stays():
    html, removals = clean(
        "<p>正文。</p><pre>![]()</pre><p>用<code>![]()</code>表示。</p>"
    )
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    assert root.xpath("//pre")[0].text == "![]()"
    assert root.xpath("//code")[0].text == "![]()"
    assert removals == []


def test_lazy_loaded_image_gets_its_real_source():
    html, removals = clean('<p><img data-src="https://x.example/a.jpg" alt="图"></p>')
    (image,) = lxml_html.fragment_fromstring(html, create_parent="div").xpath("//img")
    assert image.get("src") == "https://x.example/a.jpg"
    assert removals == []
    kept, dropped = drop_empty_image_tags('<img src="" data-src="https://x/a.jpg">')
    assert kept == '<img src="" data-src="https://x/a.jpg">' and dropped == []


_IMG_TAG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)


def drop_by_one_substitution(html: str) -> str:
    """The reference: one regex substitution over the whole text (slower; no
    scripts or comments in the generated documents)."""
    image = _IMG_TAG.pattern
    wrapped_or_bare = re.compile(rf"<p\b[^>]*>\s*{image}\s*</p>|{image}", re.IGNORECASE)

    def drop(match: re.Match[str]) -> str:
        tag = _IMG_TAG.search(match.group(0)).group(0)
        lost = is_blank_image(attributes(tag[len("<img") : -1]))
        return "" if lost else match.group(0)

    return wrapped_or_bare.sub(drop, html)


IMAGE_HTML = st.lists(
    st.sampled_from(
        [
            '<img src="">',
            '<IMG SRC="a.jpg">',
            "<img alt=\"src='x'\">",
            '<img src="" data-src="b.jpg">',
            '<img alt="src" src=" ">',
            "<p>",
            '<p class="f_center">',
            "</p>",
            "</P>",
            " ",
            "\n",
            "文字",
            "<br>",
        ]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(IMAGE_HTML)
def test_drop_empty_image_tags_equals_one_substitution(html):
    assert drop_empty_image_tags(html)[0] == drop_by_one_substitution(html)


# --- looking for boilerplate from the end ----------------------------------------------

SIGNED_TEXTS = st.sampled_from(
    [
        "正文。",
        "特别的一天",
        CURRENT,
        ENGLISH,
        PLACEHOLDER,
        "网",
        "易",
        "NOTICE: the content above",
        " ",
    ]
)
BLOCK_TEMPLATES = st.sampled_from(
    [
        "<p>{}</p>",
        "<div><p>{}</p>{}</div>",
        "<ul><li>{}</li></ul>",
        "{}",
        "<p>{}<br>{}</p>",
    ]
)


@st.composite
def signed_documents(draw) -> str:
    blocks = []
    for _ in range(draw(st.integers(0, 8))):
        template = draw(BLOCK_TEMPLATES)
        texts = [escape(draw(SIGNED_TEXTS)) for _ in range(template.count("{}"))]
        blocks.append(template.format(*texts))
    return "".join(blocks)


@settings(max_examples=500, deadline=None)
@given(signed_documents())
def test_looking_from_the_end_finds_every_signed_block(source):
    root = parse_body(source)
    every = [b for b in leaf_blocks(root) if BOILERPLATE_SIGN.search(block_text(b))]
    assert signed_leaf_blocks(root) == every


def test_chrome_found_when_removing_a_lost_image_joins_a_sign():
    """``网![]()易`` becomes 网易 once the lost image goes: the search for
    boilerplate must count that sign too, or it stops before the chrome."""
    html, removals = clean("<p>返回网易首页</p><p>正文</p><p>网![]()易</p>")
    assert "返回网易首页" not in html
    assert "正文" in html and "网易" in html
    assert [r.reason for r in removals] == ["empty image", "NetEase navigation"]
