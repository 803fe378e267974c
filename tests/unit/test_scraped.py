"""Unit tests for pelican.plugins.ath.readers.text_export: scraped text export -> metadata + HTML."""

from __future__ import annotations

import re

import pytest
from conftest import SEED, SEED_TITLES
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from pelican.plugins.ath.netease.text import is_section_title
from pelican.plugins.ath.readers.text_export import (
    HEADER_KEYS,
    body_to_html,
    split_header,
)


def blocks(markup: str) -> list:
    """The top-level elements of an HTML fragment."""
    return list(lxml_html.fragment_fromstring(markup, create_parent="div"))


# --- split_header -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "header", "body"),
    [
        ("Title: 你好\nTags: a, b\n\n正文", {"title": "你好", "tags": "a, b"}, "正文"),
        ("Title:   spaced   \n\nbody", {"title": "spaced"}, "body"),
        ("Og-Image_2: x\n\nbody\nmore", {"og-image_2": "x"}, "body\nmore"),
        # the blank line that ends the header may hold spaces
        ("Date: 2026-03-16\n   \nbody", {"date": "2026-03-16"}, "body"),
    ],
)
def test_split_header_reads_key_value_lines(text, header, body):
    assert split_header(text) == (header, body)


@pytest.mark.parametrize(
    "text",
    [
        "正文\n第二段",
        # header lines not ended by a blank line are body text
        "Title: a\nbody",
        "Title: a\nbody\n\nmore",
        # keys are ASCII words
        "标题: 你好\n\n正文",
        "1st: x\n\nbody",
        # the header starts on the first line
        "\nTitle: a\n\nbody",
        "![]()\n3月16日,阿里巴巴正式宣布",
        "",
    ],
)
def test_split_header_without_header_returns_text_unchanged(text):
    assert split_header(text) == ({}, text)


def _split_header_by_lines(text, keys=None):
    """split_header as the list of all lines says it (the reference)."""
    lines = text.split("\n")
    header = {}
    for number, line in enumerate(lines):
        if not line.strip():
            return (header, "\n".join(lines[number + 1 :])) if header else ({}, text)
        match = re.fullmatch(r"([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*)", line.strip())
        if match is None or match.group(2).startswith("//"):
            return {}, text
        key = match.group(1).lower()
        if keys is not None and key not in keys and not key.startswith("ath_"):
            return {}, text
        header[key] = match.group(2).strip()
    return {}, text


_HEADER_LINES = [
    "Title: 你好",
    "tags:a ",
    "Q: x",
    "Ath_x: 1",
    "a: //b",
    "Title:",
    "",
    "  ",
    "\r",
    "正文",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_HEADER_LINES), max_size=8), st.booleans())
def test_split_header_reads_what_the_lines_say(lines, known):
    """Reading the header line by line, the body untouched, gives what
    splitting the whole text into lines gives."""
    text = "\n".join(lines)
    keys = HEADER_KEYS if known else None
    assert split_header(text, keys) == _split_header_by_lines(text, keys)


@pytest.mark.parametrize(
    "text",
    [
        "OpenAI: 我们今天发布新模型,它更快。\n\n第二段。",
        "Q: 你为什么离开?\nA: 因为想做自己的事。\n\n第二段。",
        "Title: 訪談\nQ: 你好\n\n正文",  # one unknown key: no header at all
    ],
)
def test_only_known_metadata_keys_make_a_header(text):
    assert split_header(text, HEADER_KEYS) == ({}, text)


def test_known_keys_and_the_plugins_own_make_a_header():
    text = "Title: 標題\nSummary: 摘要\nAth_Script: s2tw\nEditor: 某\n\n正文"
    assert split_header(text, HEADER_KEYS) == (
        {"title": "標題", "summary": "摘要", "ath_script": "s2tw", "editor": "某"},
        "正文",
    )


# --- is_section_title -------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "理性的退出",
        "ATH的“成人禮”",  # closing quote ignored when looking at the end
        "前奏:一個人的告別與一群人的定調",  # a colon inside is fine
        "Section One",
        "字" * 32,  # exactly the limit
        "  理性的退出  ",
    ],
)
def test_short_lines_without_final_punctuation_are_titles(line):
    assert is_section_title(line) is True


@pytest.mark.parametrize(
    "line",
    [
        "但這場“成人禮”的代價,是一位技術領袖的離開。",
        "短句。",
        "真的吗？",
        "太好了！",
        "Hello.",
        "他说：",
        "首先，",
        "未完……",
        "他说。”",  # closing quote ignored: ends with 。
        "（他笑了。）",
        "字" * 33,  # one over the limit
        "（完）",  # wrapped whole in brackets
        "(完)",
        "【完】",
        "",
        "   ",
        "——",  # no word character at all
    ],
)
def test_sentences_asides_and_long_lines_are_not_titles(line):
    assert is_section_title(line) is False


# --- body_to_html -----------------------------------------------------------


def test_seed_has_six_titles_and_forty_two_paragraphs():
    text = SEED.read_text(encoding="utf-8")
    header, body = split_header(text)
    assert header == {}
    elements = blocks(body_to_html(body))
    assert len(elements) == 56
    headings = [e for e in elements if e.tag == "h2"]
    assert [h.text_content() for h in headings] == SEED_TITLES
    paragraphs = [e for e in elements if e.tag == "p"]
    assert len(paragraphs) == 50
    literal_images = [p for p in paragraphs if p.text_content() == "![]()"]
    assert len(literal_images) == 6
    disclaimers = [
        p
        for p in paragraphs
        if p.text_content().startswith(("特別聲明", "Notice: The content above"))
    ]
    assert len(disclaimers) == 2
    assert len(paragraphs) - len(literal_images) - len(disclaimers) == 42
    assert {e.tag for e in elements} == {"h2", "p"}
    # no URL: nothing becomes an <img>
    assert not any(True for e in elements for _ in e.iter("img"))


def test_short_sentence_ending_in_full_stop_stays_a_paragraph():
    line = "但這場“成人禮”的代價,是一位技術領袖的離開。"
    elements = blocks(body_to_html(f"{line}\n下一段。"))
    assert [(e.tag, e.text_content()) for e in elements] == [
        ("p", line),
        ("p", "下一段。"),
    ]


def test_title_becomes_h2_and_following_line_paragraph():
    elements = blocks(body_to_html("理性的退出\n林俊旸的離職決定。"))
    assert [(e.tag, e.text_content()) for e in elements] == [
        ("h2", "理性的退出"),
        ("p", "林俊旸的離職決定。"),
    ]


def test_last_line_is_never_a_title():
    elements = blocks(body_to_html("正文。\n理性的退出"))
    assert [(e.tag, e.text_content()) for e in elements] == [
        ("p", "正文。"),
        ("p", "理性的退出"),
    ]


@pytest.mark.parametrize("line", ["（完）", "(完)", "【完】", "〔待续〕"])
def test_bracketed_aside_is_not_a_title(line):
    elements = blocks(body_to_html(f"{line}\n正文。"))
    assert elements[0].tag == "p"
    assert elements[0].text_content() == line


@pytest.mark.parametrize(
    "line",
    [
        # starts and ends with a bracket but is not wrapped whole in one
        "（一）背景介绍（上）",
        "《三体》的结局（上）",
        "(1) 背景 (续)",
    ],
    ids=["numbered-part", "book-title-part", "ascii-brackets"],
)
def test_line_not_wrapped_whole_in_brackets_can_be_a_title(line):
    elements = blocks(body_to_html(f"{line}\n正文。"))
    assert elements[0].tag == "h2"
    assert elements[0].text_content() == line


def test_blank_lines_and_surrounding_spaces_are_dropped():
    elements = blocks(body_to_html("\n\n  第一段。  \n\n\n第二段。\n"))
    assert [(e.tag, e.text_content()) for e in elements] == [
        ("p", "第一段。"),
        ("p", "第二段。"),
    ]


def test_image_line_with_url_becomes_img():
    elements = blocks(body_to_html("![阿里](https://nimg.ws.126.net/?url=a.jpg)"))
    assert len(elements) == 1
    (image,) = elements[0].iter("img")
    assert image.get("src") == "https://nimg.ws.126.net/?url=a.jpg"
    assert image.get("alt") == "阿里"
    assert elements[0].text_content() == ""


def test_image_without_alt_text_gets_no_empty_alt():
    """Pelican warns about every ``alt=""`` (as the saved-page readers, which
    drop it, this reader gives none): a scraped image has no text to give."""
    (image,) = blocks(body_to_html("![](https://nimg.ws.126.net/?url=a.jpg)"))[0].iter(
        "img"
    )
    assert "alt" not in image.attrib


def test_image_title_is_kept():
    elements = blocks(body_to_html('![a](https://x/1.jpg "标题")'))
    (image,) = elements[0].iter("img")
    assert (image.get("src"), image.get("alt"), image.get("title")) == (
        "https://x/1.jpg",
        "a",
        "标题",
    )


@pytest.mark.parametrize("line", ["![]()", "![alt]()", "![]( )"])
def test_image_without_url_stays_literal_text(line):
    elements = blocks(body_to_html(line))
    assert len(elements) == 1
    assert elements[0].tag == "p"
    assert elements[0].text_content() == line
    assert not list(elements[0].iter("img"))


@pytest.mark.parametrize(
    "line",
    [
        "![x](javascript:alert%281%29)",
        "![x](JavaScript:alert%281%29)",
        "![x](  javascript:alert%281%29)",
        "![x](vbscript:msgbox)",
    ],
)
def test_script_url_never_becomes_img(line):
    markup = body_to_html(line)
    assert "<img" not in markup.lower()
    elements = blocks(markup)
    assert [(e.tag, e.text_content()) for e in elements] == [("p", line)]


@pytest.mark.parametrize(
    "line",
    [
        "<script>alert(1)</script>",
        "<b>正文</b>。",
        "<img src=x onerror=alert(1)>",
        "A & B &amp; C",
        "</p><p>注入",
    ],
)
def test_text_is_escaped_never_markup(line):
    markup = body_to_html(f"{line}\n最后一段。")
    elements = blocks(markup)
    assert [e.tag for e in elements][1:] == ["p"]
    assert elements[0].tag in {"p", "h2"}
    assert elements[0].text_content() == line
    assert len(elements[0]) == 0  # no child elements: text only
    assert "<script" not in markup
    assert "<b>" not in markup


def test_title_text_is_escaped():
    elements = blocks(body_to_html("<i>标题\n正文。"))
    assert elements[0].tag == "h2"
    assert elements[0].text_content() == "<i>标题"
    assert len(elements[0]) == 0


@pytest.mark.parametrize(
    "line",
    [
        '![x" onerror="alert(1)](https://x/a.jpg)',
        '![a](https://x/"onerror="alert(1))',
    ],
)
def test_image_attributes_cannot_be_injected(line):
    elements = blocks(body_to_html(line))
    for image in elements[0].iter("img"):
        assert set(image.attrib) <= {"src", "alt", "title"}
    assert not any("onerror" in e.attrib for e in elements[0].iter())


def test_netease_images_are_fetched_without_a_referer():
    html = body_to_html(
        "![图](https://nimg.ws.126.net/?url=http%3A%2F%2Fdingyue.ws.126.net%2Fa.jpg)\n"
        "![图](https://example.org/b.jpg)\n正文。"
    )
    netease, other = html.split("\n")[:2]
    assert 'referrerpolicy="no-referrer"' in netease
    assert "referrerpolicy" not in other


@pytest.mark.parametrize(
    ("line", "bold", "expected"),
    [
        ("【美联储为何按兵不动】", False, True),  # 【…】: a title, bare or bold
        ("【美联储为何按兵不动】", True, True),
        ("【完】", True, False),  # an end mark
        ("【图】", False, False),  # under two characters
        ("钱从哪里来？", False, False),  # a bare question is a sentence
        ("钱从哪里来？", True, True),  # a bold one is a title
        ("太好了！", True, True),
        ("各地组织农技人员为农民提供技术指导。", True, False),  # bold emphasis
        ("首先，", True, False),
        ("字" * 33 + "？", True, False),  # too long
    ],
)
def test_bracketed_and_bold_section_titles(line, bold, expected):
    assert is_section_title(line, bold=bold) is expected


def test_a_bracketed_line_of_an_export_is_a_heading():
    assert body_to_html("【修桥的人】\n几代工人在这里修修补补。").startswith(
        "<h2>【修桥的人】</h2>"
    )
