"""Small, dependency-free pieces about NetEase pages: a cheap look at a file's
bytes, reading bytes as text, dates as NetEase writes them, and whitespace.
Kept apart from :mod:`pelican.plugins.ath.netease.page` so that a build which reads
no saved page never imports BeautifulSoup."""

from __future__ import annotations

import codecs
import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

#: NetEase publishes in China time; a page without an offset is read in it.
CHINA = ZoneInfo("Asia/Shanghai")
#: Byte strings one of which every recognised page contains (cheap pre-check).
_CONTAINER_SIGNS = (b"post_body", b"endText", b"post_text", b"article-body")
_NETEASE_SIGNS = (b"163.com", b"126.net", b"netease")
_DATE = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:(?:\s+|T|\s*)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_SPACES = re.compile(r"\s+")
#: Byte-order marks, longest first (UTF-32-LE's starts like UTF-16-LE's).
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: What a Chinese text that is not UTF-8 is read as (GB18030 covers GBK/GB2312).
CHINESE_ENCODINGS = ("gb18030", "big5")
#: A UTF-8 file with at most one bad byte in this many is UTF-8 that lost a
#: few bytes (a truncated last character…), not another encoding or binary.
FEW_BAD_BYTES = 1000


class PageEncodingError(ValueError):
    """The page's bytes cannot be read as text; the message says why."""


def might_be_netease(data: bytes) -> bool:
    """A cheap look at the bytes: could this be a saved NetEase article page?"""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    return any(s in data for s in _CONTAINER_SIGNS) and any(
        s in data for s in _NETEASE_SIGNS
    )


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


# -- bytes to text -------------------------------------------------------------


def byte_order_mark(data: bytes) -> tuple[str, bytes] | None:
    """``(encoding, the bytes after the mark)`` if ``data`` starts with one."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return encoding, data[len(mark) :]
    return None


@dataclass(frozen=True)
class Replaced:
    """Bytes read with U+FFFD for what the encoding cannot read."""

    text: str
    #: Where the first few bad bytes are (byte offsets).
    positions: tuple[int, ...]
    #: How many places were replaced.
    count: int

    def note(self, encoding: str) -> str:
        """What to tell the user (empty if nothing was replaced)."""
        if not self.count:
            return ""
        where = ", ".join(f"{position:,}" for position in self.positions)
        more = self.count - len(self.positions)
        also = f" and {more:,} more place(s)" if more > 0 else ""
        return (
            f"is not valid {encoding.upper()} at byte {where}{also}; read as "
            f"{encoding.upper()} with \ufffd where a character could not be read"
        )


def decode_replacing(data: bytes, encoding: str, shown: int = 3) -> Replaced:
    """``data`` decoded, bad bytes replaced; where the first ``shown`` were.

    >>> decode_replacing("中文".encode() + b"\\xff!", "utf-8")
    Replaced(text='中文\ufffd!', positions=(6,), count=1)
    """
    text = data.decode(encoding, errors="replace")
    positions: list[int] = []
    start = 0
    while len(positions) < shown:
        try:
            data[start:].decode(encoding)
        except UnicodeDecodeError as err:
            positions.append(start + err.start)
            start += err.end
        else:
            break
    if not positions:
        return Replaced(text, (), 0)
    count = max(text.count("\ufffd") - data.count("\ufffd".encode(encoding)), 1)
    return Replaced(text, tuple(positions), max(count, len(positions)))


def mostly_utf8(replaced: Replaced) -> bool:
    """Whether bytes read as UTF-8 are UTF-8 that lost a few bytes: far more
    characters beyond ASCII read well than were replaced."""
    readable = sum(1 for char in replaced.text if char > "\x7f") - replaced.count
    return readable >= 10 * replaced.count


def few_bad_bytes(replaced: Replaced, size: int) -> bool:
    """At most one byte in :data:`FEW_BAD_BYTES` replaced (and at least one)."""
    return replaced.count * FEW_BAD_BYTES <= max(size, FEW_BAD_BYTES)


def detect_chinese(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` if ``data`` reads as a Chinese encoding
    (charset-normalizer, limited to :data:`CHINESE_ENCODINGS`)."""
    import charset_normalizer  # needed only for files that are not UTF-8

    match = charset_normalizer.from_bytes(data, cp_isolation=list(CHINESE_ENCODINGS))
    best = match.best()
    if best is None:
        return None
    return str(best), best.encoding
