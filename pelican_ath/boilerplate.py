"""Recognise NetEase platform boilerplate in plain text.

Only the platform's own words are recognised, in the forms scrapers and
exporters produce them: Simplified or Traditional, full- or half-width
punctuation, extra spaces, HTML entities, quotes of any kind. Text is compared
in a *canonical* form (Simplified, NFKC, no spaces, no quotes, lower case), and
only against whole known texts: a paragraph that merely quotes the disclaimer
is content.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

from .script import converter
from .signs import CHROME_SIGN, DISCLAIMER_START, has_sign

#: The platform disclaimer and the English notice, as NetEase publishes them.
DISCLAIMERS = (
    "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，"
    "本平台仅提供信息存储服务。",
    "特别声明：本文为网易自媒体平台“网易号”作者上传并发布，仅代表该作者观点。"
    "网易仅提供信息发布平台。",
    "Notice: The content above (including the pictures and videos if any) is "
    "uploaded and posted by a user of NetEase Hao, which is a social media "
    "platform and only provides information storage services.",
)
#: Whole paragraphs of NetEase page chrome that scrapers pick up.
CHROME = {
    "打开网易新闻 查看精彩图片": "mobile image placeholder",
    "返回网易首页": "NetEase navigation",
    "下载网易新闻客户端": "NetEase app advertisement",
}

_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』〝〞＂＇")
_SPACE = re.compile(r"\s+")
#: A disclaimer that follows one of these is being quoted, not appended.
_QUOTING = tuple(":：“‘「『\"'(（《")


@functools.lru_cache(maxsize=4096)
def canonical(text: str) -> str:
    """The form two texts are compared in.

    >>> canonical("特別聲明： 以上內容 （如有…）") == canonical("特别声明:以上内容(如有…)")
    True
    """
    text = html.unescape(text)
    text = converter("t2s")(text)
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub("", text).rstrip("。.").lower()


@functools.cache
def _known_disclaimers() -> frozenset[str]:
    return frozenset(canonical(text) for text in DISCLAIMERS)


@functools.cache
def _known_chrome() -> dict[str, str]:
    return {canonical(text): reason for text, reason in CHROME.items()}


_CHROME_MAX_LENGTH = 2 * max(len(text) for text in CHROME)


def chrome_reason(text: str) -> str | None:
    """Why a whole paragraph is page chrome, or None if it is not."""
    if len(text) > _CHROME_MAX_LENGTH or not CHROME_SIGN.search(text):
        return None
    return _known_chrome().get(canonical(text))


def disclaimer_start(text: str) -> int | None:
    """Where a trailing run of platform disclaimers starts in ``text``.

    ``0`` means the whole text is disclaimer; a larger index means the
    disclaimer was glued onto the end of a paragraph (the text before it is
    content and stays); None means there is none. A disclaimer inside a
    quotation (after a colon or an opening quote) is content.

    >>> disclaimer_start("正文。特別聲明：以上內容(如有圖片或視頻亦包括在內)為自媒體平臺"
    ...     "“網易號”用戶上傳并發布,本平臺僅提供信息存儲服務。")
    3
    >>> disclaimer_start("他说：“特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台"
    ...     "“网易号”用户上传并发布，本平台仅提供信息存储服务。”") is None
    True
    """
    if not has_sign(text):
        return None
    starts = [match.start() for match in DISCLAIMER_START.finditer(text)]
    if not starts:
        return None
    found = None
    ends = [*starts[1:], len(text)]
    for start, end in reversed(list(zip(starts, ends, strict=True))):
        if canonical(text[start:end]) not in _known_disclaimers():
            break
        found = start
    if found is None:
        return None
    before = text[:found].rstrip()
    if before.endswith(_QUOTING):
        return None
    return len(before) if before else 0
