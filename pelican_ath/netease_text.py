"""Small, dependency-free pieces about NetEase pages: a cheap look at a file's
bytes, dates as NetEase writes them, and whitespace. Kept apart from
:mod:`pelican_ath.netease_page` so that a build which reads no saved page
never imports BeautifulSoup."""

from __future__ import annotations

import codecs
import datetime
import re
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
