"""One source's article: the bytes of an address or a saved file, read by
the saved-page reader's rules. An article is recognised by its page, never
by the host it came from; a page that is not one says why."""

from __future__ import annotations

from pathlib import Path

from ..netease.page import CONTAINERS, Page, UnknownLayout, is_netease_page
from ..readers.encoding import PageEncodingError, decode_page
from ..readers.page_readers import read_page
from .fetch import Fetcher, FetchError
from .names import is_url


class ImportFailure(Exception):
    """A source that cannot be imported; the message says why."""


def load(source: str, fetcher: Fetcher) -> tuple[bytes, str | None]:
    """A source's bytes and the page's address (None for a saved file that
    does not give one)."""
    if is_url(source):
        try:
            fetched = fetcher.page(source.strip())
        except FetchError as err:
            raise ImportFailure(str(err)) from None
        return fetched.data, fetched.url
    path = Path(source)
    if not path.is_file():
        raise ImportFailure("neither an http(s) address nor a file")
    try:
        return path.read_bytes(), None
    except OSError as err:
        raise ImportFailure(f"cannot read it: {err.strerror}") from None


def read_article(data: bytes) -> Page:
    """The article in a page's bytes, read by the saved-page reader's rules."""
    try:
        page = read_page(data)
    except (PageEncodingError, UnknownLayout) as err:
        raise ImportFailure(str(err)) from None
    if page is None:
        raise ImportFailure(why_not_an_article(data))
    return page


def why_not_an_article(data: bytes) -> str:
    """Why the reader does not take ``data`` as a NetEase article page."""
    from bs4 import BeautifulSoup

    try:
        text = decode_page(data).text
    except PageEncodingError:
        text = data.decode("utf-8", errors="replace")
    soup = BeautifulSoup(text, "lxml")
    if not is_netease_page(soup):
        return (
            "not a NetEase article page (no 163.com address in its canonical "
            "link or og:url, no NetEase page marks)"
        )
    known = ", ".join(selector for selector, _ in CONTAINERS)
    return (
        "a NetEase page, but not an article in a layout the reader knows "
        f"(none of {known} with text in it)"
    )
