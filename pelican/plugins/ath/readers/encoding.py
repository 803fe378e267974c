"""Bytes to text, for every reader: scraped text exports and saved pages.

A byte-order mark wins (UTF-8, UTF-16, UTF-32); then UTF-8 (what savers and
exporters write); then, for a page, the charset it declares; then UTF-8
with a few bad bytes replaced (a truncated last character); then GB18030 or
Big5 (charset-normalizer, for files that are neither); at most one bad byte
in a thousand is replaced, with a warning naming where. What none of these
reads is not text. charset-normalizer and BeautifulSoup are imported only
when a file needs them.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import NamedTuple

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


def text_of(data: bytes) -> tuple[str, list[str]] | None:
    """The text in a scraped file's bytes and what there is to say about it;
    None if it is not text.

    In order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-8; UTF-8 with a
    few bad bytes (a truncated last character, one stray byte) replaced;
    GB18030 or Big5; otherwise, with at most one bad byte in a thousand,
    UTF-8 with those replaced.
    """
    mark = byte_order_mark(data)
    if mark is not None:
        encoding, rest = mark
        replaced = decode_replacing(rest, encoding)
        return replaced.text, [replaced.note(encoding)] if replaced.count else []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    replaced = decode_replacing(data, "utf-8")
    if mostly_utf8(replaced):
        return replaced.text, [replaced.note("utf-8")]
    detected = detect_chinese(data)
    if detected is not None:
        text, encoding = detected[0], detected[1].upper()
        return text, [
            f"is {encoding}-encoded, not UTF-8; read as {encoding} "
            "(save it as UTF-8 to silence this)"
        ]
    if few_bad_bytes(replaced, len(data)):
        return replaced.text, [replaced.note("utf-8")]
    return None


def _codec(label: str) -> str | None:
    """Python's codec for a charset label; GBK and GB2312 as GB18030 (their
    superset: pages labelled gb2312 often hold GBK characters)."""
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return "gb18030" if name in {"gbk", "gb2312", "gb18030"} else name


class Decoded(NamedTuple):
    """A saved page's text, the encoding it was read as, and what to say."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def decode_page(data: bytes) -> Decoded:
    """A saved page's text.

    In order: a byte-order mark; UTF-8 (what savers write, even when the page
    still declares its old charset); the charset the page declares; UTF-8
    with a few bad bytes replaced (a truncated character); GB18030 or Big5
    (charset-normalizer: a GBK page that says it is UTF-8, or says nothing);
    at most one bad byte in a thousand replaced. A page that is none of these
    cannot be read: :class:`PageEncodingError`.

    >>> decode_page("<p>網易</p>".encode("utf-8"))
    Decoded(text='<p>網易</p>', encoding='utf-8', notes=())
    >>> page = '<meta charset="gb2312"><p>网易</p>'
    >>> decode_page(page.encode("gbk"))[:2]
    ('<meta charset="gb2312"><p>网易</p>', 'gb18030')
    """
    mark = byte_order_mark(data)
    if mark is not None:
        encoding, rest = mark
        replaced = decode_replacing(rest, encoding)
        note = replaced.note(encoding)
        return Decoded(replaced.text, encoding, (note,) if note else ())
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err.start
    from bs4.dammit import EncodingDetector  # a page that is not UTF-8

    declared = EncodingDetector.find_declared_encoding(data, is_html=True)
    codec = _codec(declared) if declared else None
    if codec is not None and codec != "utf-8":
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError:
            pass
    replaced = decode_replacing(data, "utf-8")
    if mostly_utf8(replaced):
        return Decoded(replaced.text, "utf-8", (replaced.note("utf-8"),))
    detected = detect_chinese(data)
    if detected is not None:
        text, encoding = detected
        says = f"declares {declared}" if declared else "declares no charset"
        note = f"{says} but is {encoding.upper()}; read as {encoding.upper()}"
        return Decoded(text, encoding, (note,))
    if few_bad_bytes(replaced, len(data)):
        return Decoded(replaced.text, "utf-8", (replaced.note("utf-8"),))
    if not declared:
        raise PageEncodingError(
            f"cannot tell its encoding: it is not UTF-8 (byte {utf8_error}) and "
            "declares no charset; save it as UTF-8 or add "
            '<meta charset="gbk"> (or whatever it is)'
        )
    if codec is None:
        raise PageEncodingError(
            f"cannot tell its encoding: it is not UTF-8 (byte {utf8_error}) and "
            f"declares charset {declared!r}, which is not an encoding Python knows"
        )
    raise PageEncodingError(
        f"cannot tell its encoding: it is neither UTF-8 (byte {utf8_error}) "
        f"nor the {declared} it declares"
    )
