"""Unit tests for pelican.plugins.ath.chinese.punctuation: the rules and their
reference (its linear time: ``slow/test_linear_steps.py``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pelican.plugins.ath.chinese.charclass import CHINESE
from pelican.plugins.ath.chinese.punctuation import FULL_WIDTH, full_width


def reference_marks(text: str) -> str:
    """The rule for marks as a fixpoint, one mark per pass (slow, obviously
    right): a half-width mark next to something Chinese (a mark made
    full-width counts) becomes full-width."""
    chars = list(text)
    changed = True
    while changed:
        changed = False
        for i, char in enumerate(chars):
            if char not in FULL_WIDTH:
                continue
            neighbours = chars[i - 1 : i] + chars[i + 1 : i + 2]
            if any(CHINESE.match(n) for n in neighbours):
                chars[i] = FULL_WIDTH[char]
                changed = True
    return "".join(chars)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="中文a1 ,:;!?。“", max_size=30))
def test_marks_follow_the_reference_rule(text):
    assert full_width(text) == reference_marks(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("條件運算符(?:)", "條件運算符(?:)"),
        ("逗號運算符(,)", "逗號運算符(,)"),
        ("第(1)條", "第（1）條"),
        ("Hub(ATH)事業群", "Hub（ATH）事業群"),
        ("f(x) = 1", "f(x) = 1"),
        ("好?!", "好？！"),
        ("10:30,3.5", "10:30,3.5"),
    ],
)
def test_brackets_and_marks(text, expected):
    assert full_width(text) == expected
