"""Unit tests for pelican.plugins.ath.netease.boilerplate: the NetEase disclaimer in plain text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from netease_texts import (
    CURRENT,
    ENGLISH,
    ENTITIES,
    FULL_WIDTH,
    HALF_WIDTH,
    OLDER,
    OLDER_TRADITIONAL,
    SPACED,
    TRADITIONAL_FULL,
    TRADITIONAL_HALF,
)

from pelican.plugins.ath.netease.boilerplate import chrome_reason, disclaimer_start
from pelican.plugins.ath.netease.signs import BOILERPLATE_SIGN

WHOLE_DISCLAIMERS = [
    CURRENT,
    ENGLISH,
    OLDER,
    TRADITIONAL_HALF,
    TRADITIONAL_FULL,
    SPACED,
    ENTITIES,
    HALF_WIDTH,
    FULL_WIDTH,
    OLDER_TRADITIONAL,
    CURRENT + ENGLISH,
    CURRENT + " " + ENGLISH,
    CURRENT + "\n" + ENGLISH,
    TRADITIONAL_HALF + ENGLISH,
    "  " + CURRENT + "  ",
]


@pytest.mark.parametrize("text", WHOLE_DISCLAIMERS)
def test_whole_disclaimer_starts_at_zero(text):
    assert disclaimer_start(text) == 0


@pytest.mark.parametrize(
    ("before", "disclaimer"),
    [
        ("正文。", CURRENT),
        ("正文。", TRADITIONAL_HALF),
        ("正文。", CURRENT + ENGLISH),
        ("才能找到答案。", TRADITIONAL_HALF + ENGLISH),
        ("The end.", ENGLISH),
        ("正文。 ", SPACED),
        ("正文。", ENTITIES),
        ("正文。", OLDER),
    ],
)
def test_glued_disclaimer_is_found_and_text_before_stays(before, disclaimer):
    text = before + disclaimer
    start = disclaimer_start(text)
    assert start is not None
    assert start > 0
    assert text[:start].rstrip() == before.rstrip()
    assert text[start:].strip() == disclaimer.strip()


@pytest.mark.parametrize(
    "text",
    [
        # quoted after a colon or an opening quote
        "他说：" + CURRENT,
        "他说:" + CURRENT,
        "原文是这样的：“" + CURRENT + "”",
        "「" + CURRENT + "」",
        "‘" + CURRENT,
        "《" + CURRENT,
        "（" + CURRENT + "）",
        # text after the disclaimer: it is being discussed
        CURRENT + "这句话大家都见过。",
        CURRENT + ENGLISH + "以上就是网易的声明。",
        "网易号的" + CURRENT + "其实很常见",
        # other platforms' near-identical disclaimers
        CURRENT.replace("网易号", "简书"),
        CURRENT.replace("网易号", "大风号"),
        TRADITIONAL_HALF.replace("網易號", "簡書"),
        ENGLISH.replace("NetEase Hao", "Jianshu"),
        OLDER.replace("网易号", "简书"),
        # merely starts like it
        "特别声明：本店商品均为正品。",
        "特别声明：",
        "Notice: the content above is mine.",
        # nothing at all
        "",
        "林俊旸的離職決定,可以用人力資本理論來解釋。",
    ],
)
def test_quoted_or_foreign_or_partial_disclaimer_is_content(text):
    assert disclaimer_start(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "打开网易新闻 查看精彩图片",
        "打開網易新聞 查看精彩圖片",
        "打开网易新闻查看精彩图片",
        "  打开网易新闻  查看精彩图片 ",
    ],
)
def test_mobile_placeholder_is_chrome(text):
    assert chrome_reason(text)


@pytest.mark.parametrize(
    "text",
    [
        "他说打开网易新闻 查看精彩图片",
        "打开网易新闻 查看精彩图片，可以看到更多。",
        "打开网易新闻",
        "林俊旸的離職決定。",
        "",
        CURRENT,
    ],
)
def test_other_text_is_not_chrome(text):
    assert chrome_reason(text) is None


# A prefix that neither ends like a quotation nor holds a disclaimer start.
_PREFIX_CHARS = st.sampled_from(list("正文他说的了。，！？abc 123网易号声明特别内容"))


@settings(max_examples=150, deadline=None)
@given(st.lists(_PREFIX_CHARS, min_size=1, max_size=30).map("".join))
def test_disclaimer_glued_after_any_content_is_cut_exactly_there(prefix):
    if not prefix.strip():
        prefix = "正文"
    text = prefix + CURRENT
    start = disclaimer_start(text)
    assert start is not None
    assert text[:start].rstrip() == prefix.rstrip()
    assert text[start:].strip() == CURRENT


@settings(max_examples=150, deadline=None)
@given(st.lists(_PREFIX_CHARS, max_size=30).map("".join))
def test_text_without_the_platform_words_is_never_a_disclaimer(text):
    assert disclaimer_start(text) is None
    assert disclaimer_start(text + "特别声明：" + text) is None


def test_memory_is_bounded_by_the_largest_article_not_their_number():
    """Texts compared with the disclaimer are cached: only texts short enough
    to be one, so a build of many long articles does not keep them all."""
    import gc
    import tracemalloc

    from pelican.plugins.ath.treatment.options import ArticleOptions
    from pelican.plugins.ath.treatment.process import process

    options = ArticleOptions(punctuation=False)

    def article(number: int) -> str:  # 50,000 characters, a disclaimer's start
        long = f"特别声明：第{number}篇" + "很長的一段文字，" * 6_000
        return f"<p>正文。</p><p>{long}</p><p>結尾。</p>"

    process(article(-1), options)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(40):
            process(article(number), options)
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < len(article(0).encode("utf-16")) * 2  # 40 articles: 8 MB


#: The heads of :mod:`pelican.plugins.ath.netease.signs` as one alternation
#: (what the module used before): the literal-headed patterns must agree.
_ONE_ALTERNATION = re.compile(
    r"[特Nn网網](?:(?<=[特])\s*[别別]\s*[声聲]\s*明\s*[:：]"
    r"|(?<=[Nn])(?i:otice\s*[:：]\s*the\s+content\s+above)|(?<=[网網])易)"
)
_SIGN_PIECES = st.sampled_from(
    [
        "特",
        "别",
        "別",
        "声",
        "聲",
        "明",
        ":",
        "：",
        " ",
        "\n",
        "N",
        "n",
        "o",
        "O",
        "otice",
        "NOTICE",
        "Notice: the content above",
        "the",
        "content",
        "above",
        "网",
        "網",
        "易",
        "正文",
        "a",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_SIGN_PIECES, max_size=40).map("".join))
def test_signs_found_by_literal_heads_are_those_of_one_alternation(text):
    found = [m.start() for m in _ONE_ALTERNATION.finditer(text)]
    assert BOILERPLATE_SIGN.starts(text) == found
    assert BOILERPLATE_SIGN.count(text) == len(found)
    assert BOILERPLATE_SIGN.search(text) == bool(found)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_SIGN_PIECES, st.sampled_from(["", "\u200b", "\u00ad\ufeff"]))),
    st.data(),
)
def test_invisible_characters_never_change_the_signs_found(pieces, data):
    # a text without them is searched with the plain heads, a text with them
    # with the gapped ones: both find the same heads
    plain = "".join(piece for piece, _ in pieces)
    gapped = "".join(piece + invisible for piece, invisible in pieces)
    gapped = data.draw(st.sampled_from(["\u2060", ""])) + gapped
    assert BOILERPLATE_SIGN.count(gapped) == BOILERPLATE_SIGN.count(plain)
    assert BOILERPLATE_SIGN.search(gapped) == BOILERPLATE_SIGN.search(plain)
