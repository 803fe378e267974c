"""What the importer calls things: a source (an address or a file), the
article's id and the stem of its file, and an address resolved against the
page's. The same source gets the same name on every import, two sources never
one."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..netease.page import Page

#: NetEase's article ids: ``/dy/article/GA1LTCMN051480KF.html``, ``/news/a/…``.
_ARTICLE_ID = re.compile(r"/([0-9A-Z]{16})(?:\.html?)?/?$")
_UNSAFE_NAME = re.compile(r"[^\w.-]+")


def is_url(source: str) -> bool:
    """Whether a command-line source is an address rather than a file.

    >>> is_url("https://www.163.com/dy/article/GA1LTCMN051480KF.html")
    True
    >>> is_url("saved/GA1LTCMN051480KF.html")
    False
    """
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source.strip()))


def article_id(*urls: str | None) -> str | None:
    """NetEase's id of the article at the first of ``urls`` that has one.

    >>> article_id(None, "https://www.163.com/dy/article/GA1LTCMN051480KF.html")
    'GA1LTCMN051480KF'
    >>> article_id("https://m.163.com/news/a/KC12OUHK000189FH.html?spss=x")
    'KC12OUHK000189FH'
    >>> article_id("https://example.org/about") is None
    True
    """
    for url in urls:
        if not url:
            continue
        try:
            path = urlsplit(url.strip()).path
        except ValueError:
            continue
        match = _ARTICLE_ID.search(path)
        if match:
            return match.group(1)
    return None


def file_stem(page: Page, source: str, page_url: str | None) -> str:
    """The name of the article's file, without extension: NetEase's id
    (from the page's own address, else the URL it came from); else a digest
    of the URL, or the saved file's name and a digest of where it is (two
    saved ``index.html`` get two names)."""
    found = article_id(page.original_url, page_url)
    if found:
        return found
    if page_url:
        return "article-" + digest(page_url, 12)
    path = Path(source).resolve()
    name = _UNSAFE_NAME.sub("-", path.stem).strip(".-") or "article"
    return f"{name}-{digest(str(path), 8)}"


def digest(text: str, length: int) -> str:
    """The first ``length`` hex digits of ``text``'s SHA-256.

    >>> digest("https://nimg.ws.126.net/?url=a.jpg", 16)
    '20ade0c9f81c6fbe'
    """
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:length]


def absolute(url: str, base: str | None) -> str:
    """``url`` resolved against the page's address; as it is when there is
    none, or when either is not an address.

    >>> absolute("a.png", "https://www.163.com/dy/x.html")
    'https://www.163.com/dy/a.png'
    >>> absolute("a.png", "http://[::1/x.html"), absolute("a.png", None)
    ('a.png', 'a.png')
    """
    if not base:
        return url
    try:
        return urljoin(base, url)
    except ValueError:
        return url
