"""Text as scrapes give it: dates as NetEase writes them, spaces, line
endings. Only ``re`` and the standard library: a build that reads no saved
page imports no BeautifulSoup."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

#: NetEase publishes in China time; a page without an offset is read in it.
CHINA = ZoneInfo("Asia/Shanghai")
_DATE = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:(?:\s+|T|\s*)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_SPACES = re.compile(r"\s+")
#: A section title is at most this many characters long.
TITLE_MAX_LENGTH = 32
#: Punctuation that ends a sentence or a clause (a title never ends with it).
SENTENCE_END = frozenset("。．.！!？?…；;：:，,、~～—-")
#: Closing quotes and brackets, ignored when looking at how a line ends.
CLOSERS = "”’」』）)】]〕》>\"'"
#: Lines wrapped whole in brackets are asides such as （完）, not titles.
_BRACKETED = re.compile(r"[（(【\[〔《<][^（(【\[〔《<）)】\]〕》>]*[）)】\]〕》>]")
_HAS_WORD = re.compile(r"\w")


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


def is_section_title(line: str) -> bool:
    """A short line that does not end like a sentence.

    >>> is_section_title("理性的退出"), is_section_title("ATH的“成人禮”")
    (True, True)
    >>> is_section_title("但這場“成人禮”的代價,是一位技術領袖的離開。")
    False
    >>> is_section_title("（完）")
    False
    """
    line = line.strip()
    if not line or len(line) > TITLE_MAX_LENGTH or not _HAS_WORD.search(line):
        return False
    if _BRACKETED.fullmatch(line):
        return False
    stripped = line.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] not in SENTENCE_END
