"""The repair of stray Simplified characters (pelican.plugins.ath.chinese.repair), on plain text.

OpenCC alone is the reference: on Simplified text the repair must give what
OpenCC gives; on Traditional text with stray Simplified characters it must
repair the characters OpenCC misses and keep the ones the author wrote.
"""

from __future__ import annotations

import functools

import opencc
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pelican.plugins.ath.chinese.conversion import converter
from pelican.plugins.ath.chinese.model import correct, model_for
from pelican.plugins.ath.chinese.repair import (
    READ_BACK,
    repairing_converter,
    simplifications,
    simplified_and_changed,
)

CONFIGS = sorted(READ_BACK)


@functools.cache
def occ(config: str):
    return opencc.OpenCC(config).convert


# --- what it repairs and what it keeps -------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # stray forms of the seed article
        ("阿里云的智能", "阿里雲的智能"),
        ("正處于爆發期", "正處於爆發期"),
        ("兩條產品線合并", "兩條產品線合併"),
        ("感覺老板對你", "感覺老闆對你"),
        ("兌現周期長", "兌現週期長"),
        ("在阿里干了這么多年", "在阿里幹了這麼多年"),
        ("是權力斗爭", "是權力鬥爭"),
        ("數億元采購", "數億元採購"),
        ("都是很愿意", "都是很願意"),
        ("自己沉淀下來", "自己沉澱下來"),
        ("這個階段里面", "這個階段裡面"),
        # the examples OpenCC alone misses
        ("請先注冊帳號", "請先註冊帳號"),
        ("複制這個頁面", "複製這個頁面"),
        ("寫進日志", "寫進日誌"),
        ("一周內完成", "一週內完成"),
        ("是標志性事件", "是標誌性事件"),
        ("有點關系", "有點關係"),
    ],
)
def test_stray_simplified_characters_are_repaired(text, expected):
    assert repairing_converter("s2tw")(text) == expected


@pytest.mark.parametrize(
    "text", ["請先注冊帳號", "複制這個頁面", "是標志性事件", "有點關系"]
)
def test_opencc_alone_misses_what_the_repair_repairs(text):
    assert occ("s2tw")(text) == text  # the Traditional neighbour hides the phrase


@pytest.mark.parametrize(
    ("config", "text", "expected"),
    [
        ("s2tw", "不要干擾他", "不要干擾他"),  # OpenCC alone: 幹擾
        ("s2tw", "已核準的申請", "已核準的申請"),  # read back: 核准
        ("s2tw", "回復預設值", "回復預設值"),  # read back: 回覆
        ("s2tw", "剪頭髮", "剪頭髮"),
        ("s2tw", "乾隆皇帝", "乾隆皇帝"),
        ("s2tw", "拜訪吃茶小舖", "拜訪喫茶小舖"),  # OpenCC's own phrase, kept
        ("s2hk", "無線新聞", "無綫新聞"),  # a regional variant is not another character
        ("s2hk", "有線新聞", "有線新聞"),
        ("s2t", "裏面的頭髮", "裏面的頭髮"),
    ],
)
def test_the_authors_traditional_characters_are_kept(config, text, expected):
    assert repairing_converter(config)(text) == expected


def test_s2twp_repairs_line_by_line_beside_vocabulary():
    """A length-changing substitution (權限 -> 許可權) in one line does not
    stop the repair in that line or any other."""
    text = "設定權限後請先注冊\n不要干擾他，複制檔案"
    assert occ("s2twp")(text) == "設定許可權後請先注冊\n不要幹擾他，複制檔案"
    assert repairing_converter("s2twp")(text) == (
        "設定許可權後請先註冊\n不要干擾他，複製檔案"
    )


def test_the_plugin_converter_repairs_when_keeping_traditional():
    assert converter("s2tw", (), True)("請先注冊") == "請先註冊"
    assert converter("s2tw", (), False)("請先注冊") == "請先注冊"
    assert converter("s2tw", (), True) is not converter("s2tw", (), False)


def test_converters_are_built_once():
    assert repairing_converter("s2hk") is repairing_converter("s2hk")


def test_only_characters_that_stay_traditional_are_read_through_simplified():
    table = simplifications("s2tw", "tw2s")
    assert table["冊"] == "册" and table["髮"] == "发" and table["裡"] == "里"
    assert "麽" not in table  # OpenCC converts it itself (麽 -> 麼)
    assert "裏" not in table  # s2tw makes it 裡
    assert "册" not in table  # already Simplified
    assert all(len(key) == len(value) == 1 for key, value in table.items())


# --- properties ---------------------------------------------------------------

SIMPLIFIED_WORDS = st.sampled_from(
    ["鼠标", "软件", "阿里云", "干扰", "头发", "里面", "周期", "老板", "注册",
     "复制", "发布", "并且", "于是", "后来", "这么", "斗争", "采购", "愿意",
     "沉淀", "的", "了", "，", "。", " ", "a", "吃茶", "台湾", "面条"]
)  # fmt: skip
MIXED_WORDS = st.one_of(
    SIMPLIFIED_WORDS,
    st.sampled_from(
        ["滑鼠", "軟體", "阿里雲", "干擾", "頭髮", "裡面", "週期", "老闆", "註冊",
         "複製", "發布", "並且", "於是", "後來", "這麼", "鬥爭", "採購", "願意",
         "沉澱", "核準", "回復", "冊", "發", "後", "線", "\n"]
    ),
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(SIMPLIFIED_WORDS, max_size=12).map("".join), st.sampled_from(CONFIGS))
def test_simplified_text_converts_as_opencc_except_where_the_model_decides(
    text, config
):
    """What is promised on Simplified text: OpenCC's output, except the
    characters the script model decides (chinese/model.py; its rules are
    pinned to OpenCC's upstream suite, tests/unit/test_opencc_suite.py)."""
    model = model_for(config)
    expected = occ(config)(text)
    if model is not None and config in ("s2tw", "s2hk"):
        expected = correct(text, expected, model.rules, model.index, model.find)[0]
    elif model is not None:  # the vocabulary's words: only where no rule decides
        base = occ(config[:-1])(text)
        if correct(text, base, model.rules, model.index, model.find)[0] != base:
            return
    assert repairing_converter(config)(text) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(MIXED_WORDS, max_size=8).map("".join), min_size=1, max_size=4),
    st.sampled_from(CONFIGS),
)
def test_each_line_converts_on_its_own(lines, config):
    """The plugin converts many runs of text in one call, one a line; only
    the script model's *choices* (發布) read the whole text: kept where it
    has no other stray Simplified character (chinese/model.py)."""
    model = model_for(config)
    text = "\n".join(lines)
    assume(model is None or not any(word in text for word in model.choices))
    convert = repairing_converter(config)
    assert convert(text) == "\n".join(convert(line) for line in lines)


@settings(max_examples=200, deadline=None)
@given(st.lists(MIXED_WORDS, max_size=12).map("".join), st.sampled_from(CONFIGS))
def test_mixed_text_keeps_its_length_without_vocabulary(text, config):
    if config in ("s2twp", "s2hkp"):
        return
    assert len(repairing_converter(config)(text)) == len(text)


TEXT = st.text(alphabet="核準准冊册册a\U00020000é\n", max_size=40)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.data())
def test_simplified_and_changed_finds_exactly_the_indexes(text, data):
    def variant(source: str) -> str:
        return "".join(data.draw(st.sampled_from([c, "x", "册"])) for c in source)

    simplified, converted = variant(text), variant(text)
    expected = [
        index
        for index, (a, b, c) in enumerate(zip(text, simplified, converted, strict=True))
        if a != b and a != c
    ]
    assert simplified_and_changed(text, simplified, converted) == expected


def test_simplified_and_changed_across_slices(monkeypatch):
    monkeypatch.setattr("pelican.plugins.ath.chinese.repair._SLICE", 3)
    text, simplified, converted = "核準冊冊a冊準", "核准册册a册准", "核准冊册a冊准"
    assert simplified_and_changed(text, simplified, converted) == [1, 3, 6]
