"""Character classes of Chinese text, defined once for every module.

No imports beyond its lazily compiled patterns: the plainest module of the package, so that any
step (and a build of the blog's own content) can use it for free.
"""

from __future__ import annotations

from .patterns import LazyPattern

#: Han characters, as (first, last) code points: Extension A, CJK Unified
#: Ideographs, the compatibility block (e.g. 豈) and the supplementary planes
#: (Extensions B-H).
HAN_BLOCKS = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)
#: The same, for a regular expression's character class.
HAN_RANGES = "".join(f"{chr(first)}-{chr(last)}" for first, last in HAN_BLOCKS)
#: CJK symbols and punctuation (、。「」…) and full-width forms (，：（）…).
CJK_PUNCTUATION_RANGES = "\u3000-\u303f\uff00-\uffef"
#: What counts as Chinese next to a half-width mark: Han or CJK punctuation.
CHINESE_RANGES = HAN_RANGES + CJK_PUNCTUATION_RANGES

HAN = LazyPattern(f"[{HAN_RANGES}]")
CHINESE = LazyPattern(f"[{CHINESE_RANGES}]")


#: The first and last character of the main block (CJK Unified Ideographs).
_MAIN_BLOCK = tuple(chr(point) for point in HAN_BLOCKS[1])


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Han character. Most Chinese text starts with
    one of the main block, told by two comparisons (a pattern's call on a
    short text costs more than its scan); an ASCII text (a tag named
    ``misc``) has none, and is told without compiling the pattern.

    >>> has_han("豈,a"), has_han("a, b"), has_han("中"), has_han("3月"), has_han("")
    (True, False, True, True, False)
    """
    first, last = _MAIN_BLOCK
    if first <= text[:1] <= last:
        return True
    return not text.isascii() and HAN.search(text) is not None
