"""Text as scrapes give it: dates as NetEase writes them, spaces, line
endings. Only ``re`` and the standard library: a build that reads no saved
page imports no BeautifulSoup."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

from ..chinese.patterns import LazyPattern

#: NetEase publishes in China time; a page without an offset is read in it.
CHINA = ZoneInfo("Asia/Shanghai")
_DATE = LazyPattern(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:(?:\s+|T|\s*)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_SPACES = re.compile(r"\s+")
#: A section title is at most this many characters long.
TITLE_MAX_LENGTH = 32
#: Punctuation that ends a sentence or a clause (a title never ends with it).
SENTENCE_END = frozenset("。．.！!？?…；;：:，,、~～—-")
#: What a bold title may end with besides a word: a question or an exclamation.
TITLE_END = frozenset("？?！!")
#: Closing quotes and brackets, ignored when looking at how a line ends.
CLOSERS = "”’」』）)】]〕》>\"'"
#: Lines wrapped whole in brackets are asides such as （完）, not titles.
_BRACKETED = LazyPattern(r"[（(【\[〔《<][^（(【\[〔《<）)】\]〕》>]*[）)】\]〕》>]")
_HAS_WORD = re.compile(r"\w")
#: What ``【…】`` holds at the end of an article: an end mark, not a title.
END_MARKS = frozenset({"完", "全文完", "本文完", "终", "end", "the end"})


def normalise_newlines(text: str) -> str:
    """Windows and old Mac line endings as ``\\n``.

    >>> normalise_newlines("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text: str | None) -> str:
    """Whitespace (including full-width and no-break spaces) collapsed."""
    return _SPACES.sub(" ", (text or "").replace("\u3000", " ")).strip()


def parse_date(text: str | None) -> datetime.datetime | None:
    """The first date (and time) in ``text``, in its own offset, else in
    China time.

    >>> parse_date("2021-05-15T11:36:10+08:00").isoformat()
    '2021-05-15T11:36:10+08:00'
    >>> print(parse_date("2025-10-16 20:02:18　来源: 某某"))
    2025-10-16 20:02:18+08:00
    >>> parse_date("2019年12月31日 10:22").tzinfo
    zoneinfo.ZoneInfo(key='Asia/Shanghai')
    >>> parse_date("没有日期") is None
    True
    """
    match = _DATE.search(text or "")
    if match is None:
        return None
    parts = {k: int(v) for k, v in match.groupdict().items() if v and k != "tz"}
    try:
        stamp = datetime.datetime(
            parts["y"], parts["m"], parts["d"],
            parts.get("H", 0), parts.get("M", 0), parts.get("S", 0),
        )  # fmt: skip
    except ValueError:
        return None
    zone = match.group("tz")
    if zone is None:
        return stamp.replace(tzinfo=CHINA)
    if zone == "Z":
        return stamp.replace(tzinfo=datetime.UTC)
    sign = 1 if zone[0] == "+" else -1
    digits = zone[1:].replace(":", "")
    offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return stamp.replace(tzinfo=datetime.timezone(sign * offset))


#: The start of a line that says who wrote, edited or supplied an article.
_ATTRIBUTION = re.compile(
    r"(?:本文)?(?:来源|來源|作者|编辑|編輯|责任编辑|責任編輯|原标题|原標題|记者|記者"
    r"|通讯员|通訊員|撰文|摄影|攝影|图片来源|圖片來源|文|图|圖)\s*[:：|｜]"
)


def is_section_title(line: str, *, bold: bool = False) -> bool:
    """Whether ``line``, a paragraph of its own, is a section title.

    The limits: at most :data:`TITLE_MAX_LENGTH` characters (spaces at the
    ends not counted) with a word character in them. A line wrapped whole in
    ``【…】`` is a title (NetEase's ``【小标题】``), unless what is inside is
    under two characters or an end mark (``【完】``); one wrapped whole in
    other brackets is an aside (``（完）``). Any other line is a title when it
    does not end like a sentence (closing quotes and brackets looked
    through); with ``bold`` (the whole paragraph is bold: nothing outside the
    ``<b>``/``<strong>`` but spaces and ``<br>``) a question or exclamation
    mark may end it too (:data:`TITLE_END`: ``钱从哪里来？``), but a full stop,
    comma, colon or semicolon still makes it a sentence in bold, emphasis.

    >>> is_section_title("理性的退出"), is_section_title("ATH的“成人禮”")
    (True, True)
    >>> is_section_title("但這場“成人禮”的代價,是一位技術領袖的離開。")
    False
    >>> is_section_title("（完）"), is_section_title("【完】")
    (False, False)
    >>> is_section_title("【美联储为何按兵不动】"), is_section_title("【图】")
    (True, False)
    >>> is_section_title("钱从哪里来？"), is_section_title("钱从哪里来？", bold=True)
    (False, True)
    >>> is_section_title("各地组织农技人员为农民提供技术指导。", bold=True)
    False
    >>> is_section_title("字" * 33, bold=True)
    False

    A line that names who wrote, edited or supplied the article (``来源：…``,
    ``作者：…``, ``责任编辑：…``) is an attribution, not a title:

    >>> is_section_title("来源：无锡交警", bold=True), is_section_title("作者 | 张三")
    (False, False)
    """
    line = line.strip()
    if not line or len(line) > TITLE_MAX_LENGTH or not _HAS_WORD.search(line):
        return False
    if _ATTRIBUTION.match(line):
        return False
    if _BRACKETED.fullmatch(line):
        inner = line[1:-1].strip()
        return (
            line[0] == "【"
            and line[-1] == "】"
            and len(inner) >= 2
            and inner.lower() not in END_MARKS
        )
    stripped = line.rstrip(CLOSERS)
    if bold:
        stripped = stripped.rstrip("".join(TITLE_END))
    return bool(stripped) and stripped[-1] not in SENTENCE_END
