"""benchmarks/fidelity.py's injection of Simplified characters into
Traditional text: random two-character windows, in the share asked for."""

from __future__ import annotations

import random

import fidelity
import opencc


def test_windows_are_simplified_in_the_share_asked_for():
    rng = random.Random(1)
    line = "這個決定背後是長達一年的鬥爭與協商" * 50
    mixed = fidelity.inject_windows(line, 0.3, rng, opencc.OpenCC("t2s").convert)
    changed = sum(a != b for a, b in zip(line, mixed, strict=True))
    simplifiable = sum(
        a != b for a, b in zip(line, opencc.OpenCC("t2s").convert(line), strict=True)
    )
    assert 0.2 < changed / simplifiable < 0.4
