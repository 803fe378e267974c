"""The script model (issue 30): OpenCC's one-to-many characters in context,
and the author's words kept by the repair."""

import opencc
import pytest

from pelican.plugins.ath.chinese.conversion import converter


@pytest.mark.parametrize(
    ("simplified", "expected"),
    [
        ("出现了如下错误", "出現了如下錯誤"),  # OpenCC: 了如 from 了如指掌
        ("了如何", "了如何"),
        ("被发送", "被發送"),  # OpenCC: 被髮
        ("查看表结构", "查看表結構"),  # OpenCC: 錶
        ("女人干的活", "女人幹的活"),  # OpenCC: 乾的, from 晒干的
    ],
)
@pytest.mark.parametrize("config", ["s2tw", "s2hk"])
def test_known_cases_better_than_opencc(config, simplified, expected):
    assert opencc.OpenCC(config).convert(simplified) != expected
    assert converter(config, (), True)(simplified) == expected


def test_s2twp_keeps_the_models_character():
    assert converter("s2twp", (), True)("出现了如下错误") == "出現了如下錯誤"


@pytest.mark.parametrize("config", ["s2tw", "s2hk"])
def test_author_s_word_kept_by_the_repair(config):
    # Hong Kong's prose writes 托運 (the repair alone reads 托运 -> 託運)
    assert converter("s2hk", (), True)("行李托運") == "行李托運"
    # 發布 is a Traditional word (Taiwan's prose writes it 40 times beside
    # 22 發佈, Hong Kong's 467 beside 133): the author's choice, kept
    assert converter(config, (), True)("新版本發布了") == "新版本發布了"
    # ... unless the text has other stray Simplified characters: then the
    # shared 布 may be one too, and reads as OpenCC's 發佈
    assert (
        converter(config, (), True)("新版本發布了\n請先注冊")
        == "新版本發佈了\n請先註冊"
    )
    # a stray character in no Traditional word is still repaired
    assert converter(config, (), True)("注冊") == "註冊"


@pytest.mark.parametrize(
    ("config", "text", "expected"),
    [
        # a word written more often otherwise is no kept word (關系: 17, 關係:
        # 2,715 in Hong Kong's prose): the stray 系 is repaired
        ("s2hk", "親屬關系計算器", "親屬關係計算器"),
        # the model's rules do not reach Traditional lines: the author's
        # characters stay (面 not 麵, 系 not 係)
        ("s2hk", "本頁面包含資料", "本頁面包含資料"),
        ("s2hk", "父系血統", "父系血統"),
        ("s2tw", "所有日历與頁面", "所有日曆與頁面"),
    ],
)
def test_model_leaves_traditional_lines_to_the_repair(config, text, expected):
    assert converter(config, (), True)(text) == expected


@pytest.mark.parametrize("config", ["s2tw", "s2hk"])
def test_model_decides_in_simplified_lines_of_mixed_text(config):
    text = "本頁面包含資料\n出现了如下错误"
    assert converter(config, (), True)(text) == "本頁面包含資料\n出現了如下錯誤"


def test_keep_traditional_off_is_opencc_alone():
    assert converter("s2tw", (), False)("出现了如下错误") == "出現瞭如下錯誤"


def test_prose_sample_no_more_errors_than_opencc():
    """A small text written for this test, in Taiwan's usage, read through
    Simplified: the plugin makes no more errors than OpenCC alone."""
    original = (
        "出現了如下錯誤，請先了解原因。郵件已被發送，可查看表結構。"
        "新版本發布後，我們只好重新部署，一隻貓跑了回來。"
    )
    simplified = opencc.OpenCC("tw2s").convert(original)

    def errors(output):
        return sum(a != b for a, b in zip(original, output, strict=True))

    alone = errors(opencc.OpenCC("s2tw").convert(simplified))
    plugin = errors(converter("s2tw", (), True)(simplified))
    assert plugin <= alone
    assert plugin < alone


@pytest.mark.parametrize(
    ("config", "written", "published"),
    [
        # Simplified-only characters an author wrote by mistake beside a
        # Traditional one, in the train prose a few times: strays, repaired
        ("s2tw", "現状確實如此", "現狀確實如此"),
        ("s2hk", "他在服裝学院讀書", "他在服裝學院讀書"),
        # a region's own form stays: Cantonese 吓 (written 531 times beside
        # 814 嚇 in Hong Kong's prose)
        ("s2hk", "佢話講吓先", "佢話講吓先"),
    ],
)
def test_a_kept_word_is_never_a_simplified_only_stray(config, written, published):
    assert converter(config, (), True)(written) == published
