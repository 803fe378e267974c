"""Text conversion on serialised HTML, between its tags, without a tree.

Exact where every run of text is one text node, serialised as it is
(:func:`runs_are_text_nodes`); then it gives what the tree walk of
:mod:`pelican.plugins.ath.html.text_runs` gives, in one pass. No lxml here:
the flat route (:mod:`pelican.plugins.ath.treatment.flat`) uses it without one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..chinese.conversion import Converter, convert_texts
from ..chinese.patterns import LazyPattern
from .elements import INLINE, MATH_CLASSES, NOT_PROSE, says_code

#: What the parser changes or refuses anywhere: DEL, surrogates,
#: non-characters (and the controls below, but tab and newline in text).
REFUSED = r"\x7f\ud800-\udfff\ufffe\uffff"
#: What the parser would change or refuse in text: controls (but tab and
#: newline), ``\r``, and the rest of :data:`REFUSED`.
_NOT_AS_WRITTEN = LazyPattern(rf"[\x00-\x08\x0b-\x1f{REFUSED}]")
#: Elements that join the text on either side of them into one run, or hold
#: text that is never converted.
_JOINING = (INLINE - {"img"}) | NOT_PROSE
#: A tag of serialised HTML (captured: ``split`` keeps the tags).
TAG = re.compile(r"(<[^>]*>)")
#: In serialised HTML (names lower-case, every text escaped): the start tag of
#: an element in :data:`_JOINING`, a comment or an instruction, or an image
#: with text right after it. One scan in C.
_NOT_ONE_TEXT_NODE = re.compile(
    rf"<(?:[!?]|(?:{'|'.join(sorted(_JOINING))})[\s/>])|<img\b[^>]*>\s*[^\s<]"
)


def runs_are_text_nodes(markup: str) -> bool:
    """Whether every run of text in the serialised tree ``markup`` is one
    text node, serialised as it is: no inline element but images with
    nothing after them, no code, no math, no comments, no character that
    serialisation escapes (any mention of a math class or an ``&`` in the
    text says no: the other route is exact for every document).

    Then :func:`convert_serialised` on ``markup`` gives exactly what
    :func:`convert_tree` gives, without walking the tree in Python.

    >>> runs_are_text_nodes('<p title="&lt;">甲<img src="a.jpg"></p><h2>乙</h2>')
    True
    >>> runs_are_text_nodes('<p>甲<img src="a.jpg">乙</p>')
    False
    """
    if _NOT_ONE_TEXT_NODE.search(markup) is not None:
        return False
    if mentions_math_class(markup) or has_code_class(markup):
        return False
    return "&" not in markup or not any("&" in text for text in TAG.split(markup)[0::2])


def mentions_math_class(markup: str) -> bool:
    """Whether ``markup`` names a math class anywhere (in a tag or in its
    text): then only the tree walk knows which text is math.

    >>> mentions_math_class('<p>see class="math"</p>'), mentions_math_class("<p>甲</p>")
    (True, False)
    """
    return any(name in markup for name in MATH_CLASSES)


#: A ``class`` attribute as lxml serialises it (double quotes, ``"`` escaped).
_CLASS = re.compile(r'<[^>]*?\sclass="([^"]*)"')


def has_code_class(markup: str) -> bool:
    """Whether an element of the serialised ``markup`` has a class that says
    code (:func:`~.elements.says_code`): then only the tree walk knows
    which text is code.

    >>> has_code_class('<p class="lead">甲</p><p class="x literal">云</p>')
    True
    >>> has_code_class('<p class="lead">class="code"</p>')
    False
    """
    if "class=" not in markup:
        return False
    return any(says_code(found) for found in _CLASS.findall(markup))


def convert_serialised(
    markup: str, convert: Converter, extra: Sequence[str] = ()
) -> tuple[str, list[str]]:
    """Convert the text between the tags of serialised HTML, and ``extra``
    texts, in one call of ``convert``; tags and attributes stay as they are.

    Only exact for a tree where :func:`runs_are_text_nodes` holds.

    >>> convert_serialised('<p title="云">阿里云</p>', lambda t: t.replace("云", "雲"), ["云"])
    ('<p title="云">阿里雲</p>', ['雲'])
    """
    parts = TAG.split(markup)
    texts = parts[0::2]
    converted = convert_texts([*texts, *extra], convert)
    parts[0::2] = converted[: len(texts)]
    return "".join(parts), converted[len(texts) :]


def as_written(text: str) -> bool:
    """Whether lxml writes ``text`` back as it is: no markup, no entity, no
    character the parser would change or refuse.

    >>> as_written("阿里云, 雲\\u3000a"), as_written("a > b"), as_written("a\\rb")
    (True, False, False)
    """
    if "<" in text or ">" in text or "&" in text:
        return False
    return text.isprintable() or _NOT_AS_WRITTEN.search(text) is None


def writes_markup(phrases: Sequence[tuple[str, str]]) -> bool:
    """Whether an ATH_PHRASES replacement is text that serialised HTML does
    not write as it is (``R&D``): then converted text can need escaping.

    >>> writes_markup([("雲", "云")]), writes_markup([("雲", "R&D")])
    (False, True)
    """
    return not all(as_written(new) for _, new in phrases)
