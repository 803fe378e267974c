"""Unit tests for pelican.plugins.ath.chinese.conversion and pelican.plugins.ath.html.text_runs: OpenCC conversion per block of text.

Expected text is computed with ``opencc.OpenCC(config).convert`` on the plain
text: that is OpenCC's own behaviour, which the tree conversion must reproduce.
"""

from __future__ import annotations

import functools

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from pelican.plugins.ath.chinese.conversion import (
    convert_texts,
    converter,
    has_han,
    normalise_config,
    split_like,
    valid_configs,
)
from pelican.plugins.ath.chinese.repair import READ_BACK
from pelican.plugins.ath.html.text_runs import convert_tree

CONFIGS = ("t2s", "s2tw", "s2twp")


@functools.cache
def occ(config: str):
    return opencc.OpenCC(config).convert


def parse(markup: str) -> etree._Element:
    return lxml_html.fragment_fromstring(markup, create_parent="div")


def tags(root: etree._Element) -> list:
    return [
        (element.tag, dict(element.attrib))
        for element in root.iter()
        if isinstance(element.tag, str)
    ]


def converted(markup: str, config: str) -> etree._Element:
    """The tree converted with OpenCC's own converter for ``config``."""
    root = parse(markup)
    convert_tree(root, occ(config))
    return root


def block_texts(root: etree._Element) -> list[str]:
    return ["".join(child.itertext()) for child in root]


# --- a phrase cut by an inline tag converts like plain text -------------------


def test_mouse_cut_by_a_link_converts_like_plain_text():
    root = parse('<p><a href="/x">鼠</a>标</p>')
    convert_tree(root, converter("s2twp"))  # the plugin's converter
    assert "".join(root.itertext()) == occ("s2twp")("鼠标")
    assert occ("s2twp")("鼠标") == "滑鼠"  # the point of the test
    (link,) = root.iter("a")
    assert link.get("href") == "/x"
    assert root[0].tag == "p"
    assert link.getparent() is root[0]


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize(
    "markup",
    [
        "<p><a>鼠</a>标</p>",
        "<p>鼠<a>标</a></p>",
        '<p><a href="http://x/软件">软</a>件和硬件</p>',
        "<p>我的<b>U</b>盘</p>",
        "<p>我的U<b>盘</b>坏了</p>",
        "<p>智能<a>手机</a>发布了</p>",
        "<p>网络<span>硬盘</span>服务</p>",
        "<p><em>滑</em>鼠與<strong>軟體</strong>的<i>資訊</i></p>",
        "<h2>歷史的<em>回響</em>：開拓者</h2>",
        "<li>阿里<a>云</a>智能</li>",
        "<p>他<a><b>用U</b></a>盘存<span>了</span>文件</p>",
        "<p>臺灣<img src='a.png'>的計程車</p>",
    ],
)
def test_tree_text_equals_plain_conversion_and_tags_stay(markup, config):
    before = parse(markup)
    root = converted(markup, config)
    plain = "".join(before.itertext())
    assert "".join(root.itertext()) == occ(config)(plain)
    assert tags(root) == tags(before)


@pytest.mark.parametrize("config", CONFIGS)
def test_each_block_is_converted_on_its_own(config):
    markup = "<p>鼠</p><p>标</p><h2>软</h2><div>件</div>"
    root = converted(markup, config)
    assert block_texts(root) == [occ(config)(t) for t in ["鼠", "标", "软", "件"]]


@pytest.mark.parametrize("config", CONFIGS)
def test_line_break_ends_a_run(config):
    root = converted("<p>鼠<br>标</p>", config)
    assert root[0].text == occ(config)("鼠")
    assert root[0][0].tail == occ(config)("标")


def test_nested_block_is_its_own_run():
    root = converted("<ul><li>鼠<ul><li>标</li></ul></li></ul>", "s2twp")
    outer = root[0][0]
    assert outer.text == occ("s2twp")("鼠")
    assert outer[0][0].text == occ("s2twp")("标")


# --- never converted ------------------------------------------------------------


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("tag", ["pre", "code", "kbd", "samp", "script", "style"])
def test_code_and_machine_text_are_never_converted(tag, config):
    source = "滑鼠與軟體 鼠标软件"
    root = converted(f"<p>鼠标<{tag}>{source}</{tag}>软件</p>", config)
    (inside,) = root.iter(tag)
    assert inside.text == source
    assert root[0].text == occ(config)("鼠标")
    assert inside.tail == occ(config)("软件")


def test_text_nested_inside_pre_is_never_converted():
    root = converted("<pre><b>鼠标</b>软件<span>U盘</span></pre>", "s2twp")
    assert "".join(root.itertext()) == "鼠标软件U盘"


def test_root_that_is_code_is_left_alone():
    root = etree.fromstring("<code>鼠标</code>")
    convert_tree(root, occ("s2twp"))
    assert root.text == "鼠标"


def test_urls_are_never_converted():
    root = converted(
        '<p><a href="https://zh.wikipedia.org/wiki/鼠标">鼠标</a>'
        '<img src="/图/软件.png" alt="软件"></p>',
        "s2twp",
    )
    (link,) = root.iter("a")
    (image,) = root.iter("img")
    assert link.get("href") == "https://zh.wikipedia.org/wiki/鼠标"
    assert image.get("src") == "/图/软件.png"
    assert link.text == occ("s2twp")("鼠标")


@pytest.mark.parametrize("config", CONFIGS)
def test_only_alt_and_title_attributes_are_converted(config):
    root = converted(
        '<p><img src="a.png" alt="软件" title="鼠标" data-x="软件" '
        'aria-label="软件" class="软件"><abbr title="网络">网</abbr>'
        '<a href="#软件" title="软件" lang="软件">x</a></p>',
        config,
    )
    (image,) = root.iter("img")
    (abbr,) = root.iter("abbr")
    (link,) = root.iter("a")
    assert image.get("alt") == occ(config)("软件")
    assert image.get("title") == occ(config)("鼠标")
    assert abbr.get("title") == occ(config)("网络")
    assert link.get("title") == occ(config)("软件")
    for name in ("data-x", "aria-label", "class"):
        assert image.get(name) == "软件"
    assert link.get("href") == "#软件"
    assert link.get("lang") == "软件"


def test_comments_are_not_converted():
    root = converted("<p>鼠标<!-- 鼠标 -->软件</p>", "s2twp")
    (comment,) = [n for n in root.iter() if isinstance(n, etree._Comment)]
    assert comment.text == " 鼠标 "


def test_text_without_han_is_left_exactly_alone():
    markup = "<p>Hello <b>world</b> &amp; 123</p>"
    before = etree.tostring(parse(markup))
    root = converted(markup, "s2twp")
    assert etree.tostring(root) == before


# --- plain text helpers ---------------------------------------------------------


@pytest.mark.parametrize("config", ["s2tw", "s2twp"])
@pytest.mark.parametrize(
    "text",
    ["鼠标", "软件", "阿里云智能", "我的U盘", "智能手机发布", "网络硬盘", "头发里面"],
)
def test_plugin_converter_is_opencc_on_simplified_text(text, config):
    assert converter(config)(text) == occ(config)(text)


def test_plugin_converter_is_opencc_for_t2s():
    text = "滑鼠與軟體的資訊，臺灣的計程車"
    assert converter("t2s")(text) == occ("t2s")(text)


def test_converter_is_shared_per_config():
    assert converter("s2tw") is converter("s2tw")
    assert converter("s2tw")("软件") == occ("s2tw")("软件")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("s2tw", "s2tw"), ("S2TW.json", "s2tw"), (" t2s.JSON ", "t2s")],
)
def test_normalise_config(name, expected):
    assert normalise_config(name) == expected


def test_valid_configs_include_the_usual_ones():
    configs = valid_configs()
    assert {"t2s", "s2t", "s2tw", "s2twp", "s2hk", "tw2s"} <= set(configs)
    assert list(configs) == sorted(configs)
    assert all(not c.endswith(".json") for c in configs)


@pytest.mark.parametrize(
    ("original", "target", "expected"),
    [
        (["鼠", "标"], "滑鼠", ["滑", "鼠"]),
        (["a", "bc", "d"], "ABCD", ["A", "BC", "D"]),
        (["我的", "U", "盘"], "我的隨身碟", None),
        (["U盘"], "隨身碟", ["隨身碟"]),
        (["前", "U盘", "后"], "前隨身碟後", ["前", "隨身碟", "後"]),
    ],
)
def test_split_like(original, target, expected):
    pieces = split_like(original, target)
    assert "".join(pieces) == target
    assert len(pieces) == len(original)
    if expected is not None:
        assert pieces == expected
    else:
        assert pieces[0] == "我的"


_WORDS = st.sampled_from(
    ["鼠标", "软件", "U盘", "智能", "手机", "网络", "硬盘", "发布", "阿里云", "干扰",
     "台湾", "里面", "头发", "的", "是", "。", "，", "a", " ", "滑鼠", "軟體", "計程車"]
)  # fmt: skip
_PIECES = st.lists(
    st.lists(_WORDS, min_size=1, max_size=4).map("".join), min_size=1, max_size=6
)


@settings(max_examples=150, deadline=None)
@given(_PIECES, st.sampled_from(CONFIGS))
def test_split_like_pieces_join_back_to_the_converted_text(pieces, config):
    target = occ(config)("".join(pieces))
    result = split_like(pieces, target)
    assert len(result) == len(pieces)
    assert "".join(result) == target


@settings(max_examples=150, deadline=None)
@given(_PIECES, st.sampled_from(CONFIGS), st.data())
def test_any_inline_cut_converts_like_plain_text(pieces, config, data):
    root = etree.Element("div")
    paragraph = etree.SubElement(root, "p")
    paragraph.text = pieces[0]
    for piece in pieces[1:]:
        tag = data.draw(st.sampled_from(["a", "b", "span", "em", None]))
        if tag is not None:
            etree.SubElement(paragraph, tag).text = piece
        elif len(paragraph):
            paragraph[-1].tail = (paragraph[-1].tail or "") + piece
        else:
            paragraph.text += piece
    plain = "".join(paragraph.itertext())
    shape = [child.tag for child in paragraph]
    convert_tree(root, occ(config))
    assert "".join(paragraph.itertext()) == occ(config)(plain)
    assert [child.tag for child in paragraph] == shape


# --- the repair (ATH_KEEP_TRADITIONAL), without OpenCC's suite ---------------------

SIMPLIFIED_TO_TRADITIONAL = sorted(READ_BACK)


@pytest.mark.parametrize("config", SIMPLIFIED_TO_TRADITIONAL)
def test_repair_keeps_traditional_characters_and_converts_simplified_ones(config):
    text = "去年的訊號干擾問題，阿里云已經解決了。"
    assert occ(config)(text) == "去年的訊號幹擾問題，阿里雲已經解決了。"  # 干 damaged
    assert converter(config, (), True)(text) == "去年的訊號干擾問題，阿里雲已經解決了。"


@pytest.mark.parametrize("config", SIMPLIFIED_TO_TRADITIONAL)
def test_a_phrase_opencc_segments_across_stays_as_opencc_writes_it(config):
    """OpenCC reads 條干 as one phrase (條幹) even in clean text; the repair
    reads through Simplified, where OpenCC segments the same way, so it keeps
    OpenCC's reading (docs/fidelity.md lists this limit). It is never worse
    than OpenCC alone."""
    assert converter(config, (), True)("鐵條干擾") == occ(config)("鐵條干擾")


@pytest.mark.parametrize("config", ["t2s", "tw2s", "hk2s", "t2tw", "tw2sp"])
def test_repair_is_only_for_simplified_to_traditional(config):
    text = "去干擾 阿里云，鐵條干擾"
    assert converter(config, (), True)(text) == occ(config)(text)


# --- many texts, one conversion ----------------------------------------------------------

TEXTS = st.lists(
    st.text(
        alphabet="云雲里裡干擾发發鼠标標台灣中文,:;!?()（）“” aA1\n\x1f", max_size=16
    ),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from(["t2s", "s2tw", "s2twp"]), st.booleans())
def test_convert_texts_equals_converting_each_han_text(texts, config, punctuation):
    from pelican.plugins.ath.treatment.result import text_transform

    convert = text_transform(config, (), punctuation, True)
    expected = [convert(text) if has_han(text) else text for text in texts]
    assert convert_texts(texts, convert) == expected
