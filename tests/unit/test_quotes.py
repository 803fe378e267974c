"""Unit tests for pelican.plugins.ath.chinese.quotes: quotation marks per script (ATH_QUOTES)."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pelican.plugins.ath.chinese.quotes import STYLES, requote, requoter

QUOTED = st.recursive(
    st.text(alphabet="他說好的abc 。\n", max_size=6),
    lambda inner: (
        st.tuples(st.sampled_from(["“”", "‘’", "「」", "『』"]), inner).map(
            lambda pair: pair[0][0] + pair[1] + pair[0][1]
        )
        | st.lists(inner, max_size=3).map("".join)
    ),
    max_leaves=8,
)


@pytest.mark.parametrize(
    ("text", "style", "expected"),
    [
        ("“一”和“二”", "corner", "「一」和「二」"),
        ("「一」和「二」", "curly", "“一”和“二”"),
        ("『書名』", "curly", "“書名”"),  # outermost pair: outer marks
        ("“‘a’”", "corner", "「『a』」"),
        ("don’t ‘stop’", "corner", "don’t 「stop」"),  # outermost: outer marks
        ("第一段“開頭", "corner", "第一段「開頭"),
        ("結尾”第二段", "corner", "結尾」第二段"),
        ("結尾』", "curly", "結尾”"),
        ("a’b", "corner", "a’b"),  # an apostrophe
        ("‘a", "corner", "「a"),  # opened here, closed on a later line
        ("a’", "corner", "a’"),  # maybe an apostrophe: left alone
        ("“a\nb”", "corner", "「a\nb」"),
    ],
)
def test_requote(text, style, expected):
    assert requote(text, style) == expected


@settings(max_examples=300, deadline=None)
@given(QUOTED, st.sampled_from(sorted(STYLES)))
def test_only_quotation_marks_change_and_lengths_stay(text, style):
    result = requote(text, style)
    assert len(result) == len(text)
    marks = set("“”‘’「」『』")
    for before, after in zip(text, result, strict=True):
        assert before == after or (before in marks and after in marks)


@settings(max_examples=300, deadline=None)
@given(QUOTED)
def test_converting_there_and_back_is_stable(text):
    corner = requote(text, "corner")
    # 『a』b in curly quotes is ‘a’b, whose ’ reads as an apostrophe (it’s):
    # the one form curly quotes cannot tell apart.
    assume(re.search(r"[A-Za-z0-9]』[A-Za-z]", corner) is None)
    assert requote(requote(corner, "curly"), "corner") == corner
    assert not set(corner) & set("“”‘’") or "’" in text or "‘" in text


@settings(max_examples=300, deadline=None)
@given(QUOTED)
def test_balanced_quotes_alternate_outer_and_inner_marks(text):
    corner = requote(text, "corner")
    depth = 0
    for mark in corner:
        if mark in "「『":
            assert mark == "「『"[depth % 2]
            depth += 1
        elif mark in "」』" and depth == 0:  # closes a quote opened on a line before
            assert mark == "」"
        elif mark in "」』":
            depth -= 1
            assert mark == "」』"[depth % 2]
        elif mark == "\n":
            depth = 0


def test_unknown_style_is_an_error():
    with pytest.raises(ValueError, match="corner"):
        requote("“a”", "angle")
    with pytest.raises(ValueError, match="curly"):
        requoter("angle")
