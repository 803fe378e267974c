"""A title and a date for a scraped export that gives none, from its text.

A scraper writes the article's body and nothing else: no title, no date.
What a reader would call the article is in its opening text, and so, often,
is its date (a news dateline: ``3月16日，…``). These are small pure
functions over the export's text lines (lost images, disclaimers and image
lines already left out); the reader calls them only for what neither the
file's header nor ``EXTRA_PATH_METADATA`` gives (docs/readers.md).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from ..netease.text import is_section_title

#: The widest title worked out of a sentence, in the width of Chinese
#: characters (a Latin letter or digit is half as wide): about what fits on
#: a line of a theme's heading.
TITLE_WIDTH = 30
#: A title narrower than this (``据悉``) says nothing: the sentence is cut
#: at the width instead.
TITLE_MIN_WIDTH = 6
#: What ends a sentence: full stops, question and exclamation marks,
#: semicolons, an ellipsis; a Latin full stop only before a space or the end
#: (``Qwen2.5``, ``3.5亿`` are not ends).
_SENTENCE_END = re.compile(r"[。！？!?；;…]|\.(?=\s|$)")
#: Where a reader cuts a sentence: a comma or a colon (a half-width one not
#: before a digit: ``1,000``, ``10:30``), then, failing that, an
#: enumeration comma.
_CLAUSE_BREAKS = (re.compile(r"[，：]|[,:](?!\d)"), re.compile("、"))
#: A dateline at the very start of the opening text: ``3月16日，``,
#: ``2026年3月16日``, ``3月16日晚间，``, ``3月16日消息，``.
_DATELINE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]"
    r"(?:[上下]午|凌晨|早上|早间|早間|中午|傍晚|晚上|晚间|晚間|晚)?(?:消息|讯|訊)?"
    r"(?!\d)[\s，,、：:]*"
)
#: The line NetEase's news pages open with when they retitle an article:
#: ``（原标题：…）``.
_ORIGINAL_TITLE = re.compile(
    r"[（(]?\s*+原[标標][题題]\s*+[:：]\s*+(?P<title>[^）)]*+)[）)]?"
)
#: Quotes and brackets left open at the end of a cut title are dropped.
_OPENERS = "“‘「『（(【[《〈\"'"


@dataclass(frozen=True)
class Guess:
    """One metadata value worked out, and where from (for the log and
    ``pelican-ath inspect``)."""

    field: str
    value: str
    source: str


def reading_width(text: str) -> float:
    """How wide ``text`` reads, in Chinese characters: wide and full-width
    characters count 1, the rest (Latin letters, digits, spaces) half.

    >>> reading_width("阿里ATH"), reading_width("，")
    (3.5, 1.0)
    """
    return sum(
        1.0 if unicodedata.east_asian_width(char) in "WF" else 0.5 for char in text
    )


def dateline(
    line: str, when: datetime.datetime
) -> tuple[datetime.datetime | None, str]:
    """The date a line opens with, and the line after it. A month and day
    take their year from ``when`` (the file's time), or the year before when
    that would put the date more than a day after ``when`` (an article of
    30 December saved on 2 January).

    >>> saved = datetime.datetime(2026, 3, 20, 9, 30)
    >>> dateline("3月16日，阿里巴巴正式宣布成立ATH事业群。", saved)
    (datetime.datetime(2026, 3, 16, 0, 0), '阿里巴巴正式宣布成立ATH事业群。')
    >>> dateline("2025年12月30日晚间消息，某公司发布新模型", saved)[0]
    datetime.datetime(2025, 12, 30, 0, 0)
    >>> dateline("12月30日,某公司发布新模型", saved)[0]
    datetime.datetime(2025, 12, 30, 0, 0)
    >>> dateline("2月30日，不存在的日子", saved)[0] is None
    True
    >>> dateline("十二天前，3月4日凌晨两点", saved)
    (None, '十二天前，3月4日凌晨两点')
    """
    match = _DATELINE.match(line)
    if match is None:
        return None, line
    year = int(match.group("y") or when.year)
    try:
        found = datetime.datetime(year, int(match.group("m")), int(match.group("d")))
        if match.group("y") is None and found > when + datetime.timedelta(days=1):
            found = found.replace(year=year - 1)
    except ValueError:
        return None, line
    return found, line[match.end() :]


def without_dateline(line: str) -> str:
    """``line`` without the dateline it opens with (if any).

    >>> without_dateline("3月16日消息，阿里巴巴宣布"), without_dateline("3月的杭州")
    ('阿里巴巴宣布', '3月的杭州')
    """
    match = _DATELINE.match(line)
    return line if match is None else line[match.end() :]


def opening_sentence(line: str) -> str:
    """The first sentence of ``line``, without its final mark.

    >>> opening_sentence("阿里成立ATH。五大战线同时铺开。")
    '阿里成立ATH'
    >>> opening_sentence("Qwen2.5发布了")
    'Qwen2.5发布了'
    """
    end = _SENTENCE_END.search(line)
    return (line[: end.start()] if end else line).strip()


def _fitting(sentence: str, breaks: re.Pattern[str]) -> str:
    """The longest run of whole clauses ``sentence`` opens with that fits in
    :data:`TITLE_WIDTH` ('' if the first one does not)."""
    best = ""
    for cut in breaks.finditer(sentence):
        head = sentence[: cut.start()].strip()
        if reading_width(head) > TITLE_WIDTH:
            break
        best = head
    return best


def _cut(text: str) -> str:
    """``text`` cut at :data:`TITLE_WIDTH`, not inside a Latin word, with an
    ellipsis."""
    width, end = 0.0, 0
    for end, char in enumerate(text):  # noqa: B007 (end is read after the loop)
        width += reading_width(char)
        if width > TITLE_WIDTH - 1:
            break
    head = text[:end]
    if head and text[end : end + 1].isascii() and text[end : end + 1].isalnum():
        word = re.search(r"[A-Za-z0-9_]+$", head)
        if word is not None and word.start() > 0:
            head = head[: word.start()]
    return head.rstrip(" " + _OPENERS) + "…"


#: Quotes and brackets, opening -> closing.
_PAIRS = dict(zip("“‘「『（(【[《〈", "”’」』）)】]》〉", strict=True))


def unopened(title: str) -> str:
    """``title`` without an opening quote or bracket at its start that the
    cut left unclosed.

    >>> unopened("“受影响的不只是联邦政府"), unopened("“成人禮”的代價")
    ('受影响的不只是联邦政府', '“成人禮”的代價')
    """
    closer = _PAIRS.get(title[:1])
    if closer is not None and closer not in title:
        return title[1:].lstrip()
    return title


def title_from_sentence(sentence: str) -> str:
    """Where a reader would cut ``sentence`` to make it a title: the whole of
    it if it fits in :data:`TITLE_WIDTH`; else its first clauses that fit
    (cut at a comma or colon, else at an enumeration comma); else the
    sentence cut at the width, with an ellipsis.

    >>> title_from_sentence("阿里巴巴正式宣布成立Alibaba Token Hub(ATH)事業群,"
    ...     "與電商、云智能兩大事業群平級,由CEO吳泳銘直接帶隊")
    '阿里巴巴正式宣布成立Alibaba Token Hub(ATH)事業群'
    >>> title_from_sentence("美联储宣布维持利率不变")
    '美联储宣布维持利率不变'
    >>> title_from_sentence("据悉，这家位于杭州的公司在过去两年里先后推出了十余款面向企业和个人用户的大模型产品")
    '据悉，这家位于杭州的公司在过去两年里先后推出了十余款面向企…'
    """
    sentence = sentence.strip()
    if reading_width(sentence) <= TITLE_WIDTH:
        return sentence
    for breaks in _CLAUSE_BREAKS:
        head = _fitting(sentence, breaks)
        if reading_width(head) >= TITLE_MIN_WIDTH:
            return unopened(head.rstrip(_OPENERS))
    return unopened(_cut(sentence))


def guess_title(lines: list[str]) -> Guess | None:
    """A title from an export's text lines (in order, none empty): the first
    line when it reads as a title (short, not ending like a sentence: the
    rule of section titles, :func:`~pelican.plugins.ath.netease.text.is_section_title`)
    and more text follows (not one that opens with a dateline); else the opening sentence (a dateline left out)
    cut where a reader would cut it (:func:`title_from_sentence`). None if
    there is no text to make one of. A first line that gives the original
    title (``（原标题：…）``, as NetEase's news pages open) gives it.

    >>> guess_title(["理性的退出", "林俊旸的离开是一次理性的选择。"])
    Guess(field='title', value='理性的退出', source='the first line')
    >>> guess_title(["（原标题：全球媒体聚焦｜美国政府停摆将对整个经济系统产生冲击）", "正文"])
    Guess(field='title', value='全球媒体聚焦｜美国政府停摆将对整个经济系统产生冲击', source='the original title line')
    >>> guess_title(["3月16日，阿里巴巴正式宣布成立ATH事业群，与电商平级。"]).value
    '阿里巴巴正式宣布成立ATH事业群，与电商平级'
    >>> guess_title(["2025年12月30日晚间消息，某公司发布新模型", "正文"]).value
    '某公司发布新模型'
    >>> guess_title(["…"]) is None
    True
    """
    if not lines:
        return None
    original = _ORIGINAL_TITLE.fullmatch(lines[0])
    if original is not None and re.search(r"\w", original.group("title")):
        title = original.group("title").strip()
        return Guess("title", title, "the original title line")
    opening = without_dateline(lines[0])
    if len(lines) > 1 and opening == lines[0] and is_section_title(lines[0]):
        return Guess("title", lines[0].strip(), "the first line")
    title = title_from_sentence(opening_sentence(opening) or opening_sentence(lines[0]))
    if not re.search(r"\w", title):
        return None
    return Guess("title", title, "the opening sentence")


def guess_date(
    lines: list[str], when: datetime.datetime
) -> tuple[datetime.datetime, Guess]:
    """The date of the dateline the first text line opens with (its year
    from ``when``, the file's time, if it gives none), else ``when``.

    >>> saved = datetime.datetime(2026, 3, 20, 9, 30)
    >>> guess_date(["2025年12月30日晚间消息，某公司发布新模型"], saved)[1].source
    "the dateline '2025年12月30日晚间消息，'"
    >>> guess_date(["3月16日，阿里巴巴宣布…"], saved)[1]
    Guess(field='date', value='2026-03-16', source="the dateline '3月16日，'")
    >>> guess_date(["阿里巴巴宣布…"], saved)
    (datetime.datetime(2026, 3, 20, 9, 30), Guess(field='date', value='2026-03-20 09:30', source='the file time'))
    """
    found, rest = dateline(lines[0], when) if lines else (None, "")
    if found is not None:
        written = lines[0][: len(lines[0]) - len(rest)]
        return found, Guess("date", f"{found:%Y-%m-%d}", f"the dateline {written!r}")
    return when, Guess("date", f"{when:%Y-%m-%d %H:%M}", "the file time")
