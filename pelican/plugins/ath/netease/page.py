"""Read a saved NetEase (163.com) article page: bytes in, metadata and the
article's HTML out.

    bytes -> text (BOM, UTF-8, the declared charset; GBK read as GB18030)
          -> BeautifulSoup (lxml) -> recognise the layout
          -> metadata (title, date, source, original URL…) + the article body

Layouts recognised, by the element that holds the article:

- ``legacy``: pages before 2021, ``div.post_text#endText``;
- ``desktop``: 网易号 and 网易新闻 own-channel pages, ``div.post_body``;
- ``mobile``: ``section.article-body`` (``m.163.com``, ``3g.163.com``).

Only the article is kept: page chrome inside it (share widgets, hidden logos,
ads, spacers, comments, related and recommended lists, app prompts, video
fallback text) is removed and listed in :attr:`Page.dropped`; videos become
a ``<video controls>`` (an ``http(s)`` source) or a labelled link to their
page; keyword links are unwrapped, lazy images get their real ``src``, and
all-bold paragraphs that are section titles (``【…】``, short sub-heads:
:func:`~pelican.plugins.ath.netease.text.is_section_title`) become headings. The result is *not* sanitised (see :mod:`pelican.plugins.ath.html.sanitize`) and
is not cleaned of the platform disclaimer (see :mod:`pelican.plugins.ath.netease.clean`).

BeautifulSoup is used because this input is large, messy and rare; no
Pelican import here.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString, PageElement

from ..html.elements import CONTENTFUL, RAW_TEXT, VOID
from ..html.limits import SANITISER_DEPTH
from ..html.preclean import lazy_source
from ..html.source import tokens
from .boilerplate import chrome_reason
from .signs import PAGE_DOMAINS, on_domains
from .text import clean_text, is_section_title, parse_date


@dataclass(frozen=True)
class Layout:
    """A NetEase page layout: where its article and its metadata are."""

    name: str
    #: The element that holds the article (CSS selector).
    body: str
    #: Where the title and the publication time are, most specific first.
    title: tuple[str, ...]
    date: tuple[str, ...]
    #: Where the author is, when the layout names one of its own.
    author: tuple[str, ...] = ()
    #: An element the page must also have (for a body selector that other
    #: layouts may have too).
    requires: str | None = None


_LEGACY = Layout(
    "legacy",
    "#endText",
    title=("h1.post_title", "#epContentLeft h1", ".post_content_main h1", "h1#h1title"),
    date=(".post_time_source", ".ep-time-soure", ".ep-time-source", ".post_info"),
)
#: Every layout the reader knows, most specific first.
LAYOUTS = (
    _LEGACY,
    Layout("legacy", "div.post_text", _LEGACY.title, _LEGACY.date),
    Layout(
        "desktop",
        "div.post_body",
        title=("h1.post_title", ".post_content_main h1", "#epContentLeft h1"),
        date=(".post_info", ".post_time_source", ".post_time"),
    ),
    Layout(
        "mobile",
        "section.article-body",
        title=("article h1", "h1.title", ".article-header h1"),
        date=("time", ".js-time", ".publish-time", ".s-time", ".info", ".time"),
    ),
    Layout(
        "column",
        "div.observe_content div.entext",
        title=("h2.con1_ltle",),
        date=("span.con1_date",),
        author=("span.con1_author",),
    ),
    Layout(
        "dy-v2",
        "div#content.content",
        title=("div.article_title h2",),
        date=("p.time",),
        #: the 网易号 account, after the date and a point
        author=("p.time span.point + span",),
        requires="div.article_title",
    ),
)
#: Where the article is, most specific first: (CSS selector, layout).
CONTAINERS = tuple((layout.body, layout.name) for layout in LAYOUTS)
#: Meta tags that hold the page's own publication time.
DATE_META = ("article:published_time", "og:release_date", "publishdate")
#: Lists of other articles (related, recommended, ranked): their dates and
#: titles are never the page's own.
_OTHER_ARTICLES = re.compile(r"relat|recommend|commend|tuijian|xwtj|rank|hot", re.I)
#: Where a date came from when it is not one of the page's own fields.
HTMLDATE = "htmldate"
#: Page chrome that can sit inside the article's element (class names).
CHROME_CLASSES = frozenset(
    {
        "post_top", "post_top_tie", "post_top_share", "post_share",
        "post_topshare_wrap", "post_btmshare", "js_qrcode_wrap", "post_comment",
        "tie-areas", "post_next", "post_recommends", "post_wemedia",
        "post_author", "post_end", "post_crumb", "ep-source", "ep-editor",
        "ep-tie-top", "otitle_editor", "gg200x300", "ad_module", "at_item",
        "s-tip", "js-open-app", "article-footer", "post_jubao",
        "related_article", "special_tag_wrap", "related", "recommend",
        "open-app", "m-open-app", "js-download-app",
    }
)  # fmt: skip
#: Why a block of each chrome class is left out (for :attr:`Page.dropped`).
CHROME_REASONS = {
    "related_article": "related articles", "special_tag_wrap": "related articles",
    "related": "related articles", "post_recommends": "recommended articles",
    "recommend": "recommended articles", "post_next": "the next article",
    "js-open-app": "app prompt", "open-app": "app prompt",
    "m-open-app": "app prompt", "js-download-app": "app prompt",
    "s-tip": "app prompt", "ep-source": "source and editor line",
    "post_author": "source and editor line", "ep-editor": "source and editor line",
    "gg200x300": "advertisement", "ad_module": "advertisement",
    "post_comment": "comments", "tie-areas": "comments",
}  # fmt: skip
#: The label of a block of links to other articles (its whole text before
#: the links); such a block, or a label alone before a list of links, is
#: chrome. Prose that mentions one of these is not.
RELATED_LABELS = frozenset(
    {
        "延伸阅读", "相关阅读", "相关新闻", "相关文章", "相关推荐", "推荐阅读",
        "热点推荐", "热门推荐", "猜你喜欢", "往期回顾", "延伸·推荐", "延伸推荐",
        "更多阅读", "相关链接",
    }
)  # fmt: skip
#: A short whole block that asks the reader to open or download the app.
_APP_PROMPT = re.compile(r"(?:打开|下载|用)网易新闻\S{0,4}\s*\S{0,16}")
#: What a browser without ``<video>`` shows: NetEase's fallback text.
VIDEO_FALLBACK = re.compile(
    r"您的浏览器(?:暂时)?(?:无法|不能|不支持)播放(?:此|该)?视频[.。]?"
)
#: Holders of a video player (the legacy ``div.video-wrapper``, the mobile
#: ``figure.m-video``), read whole as one video.
VIDEO_CLASSES = frozenset({"video-wrapper", "m-video", "video-inner", "video"})
#: Attributes that may hold a video's playable address.
VIDEO_SOURCES = ("src", "data-src", "data-mp4", "data-video-src", "data-video")
#: Attributes that may hold a video's id on NetEase (its page's address).
VIDEO_IDS = ("data-vid", "data-videoid", "vid")
_VIDEO_ID = re.compile(r"V[A-Z0-9]{8}")
#: The page of a NetEase video, by its id.
VIDEO_PAGE = "https://www.163.com/v/video/{}.html"
#: The label a video's caption starts with.
VIDEO_LABEL = "视频"
#: Elements never part of an article's text.
NOT_TEXT = ("script", "style", "noscript", "template", "link", "meta", "form")
#: Elements the sanitiser removes with everything inside them, whose end tag
#: an old page may have left out: the rest of the article is then inside.
SWALLOWING = ("object", "applet", "canvas", "select", "button")
#: Elements the parser reads as raw text up to their end tag (but those never
#: part of the text, gone by then): left open, they hold the rest of the page
#: as text.
LEFT_OPEN_RAW_TEXT = tuple(sorted(RAW_TEXT - set(NOT_TEXT)))
#: What such an element never holds when it was closed where it should be.
ARTICLE_BLOCKS = (
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table",
    "blockquote", "section", "figure",
)  # fmt: skip
_MARKUP = re.compile(r"</?[A-Za-z]")
#: The start tag of an element read as raw text (in the text of one left
#: open: another one left open, which would hold the rest again).
_RAW_TEXT_START = re.compile(
    rf"<({'|'.join(LEFT_OPEN_RAW_TEXT)})(?=[\s/>])[^>]*>", re.IGNORECASE
)
#: Layout-only wrappers: their tags go, their content stays.
LAYOUT = ("span", "font", "section", "center")
#: The name an element to unwrap is given; its tags are left out when the
#: body is written (:func:`flatten_deep`).
UNWRAPPED = "ath-unwrapped"

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_ZERO_HEIGHT = re.compile(r"(?<![\w-])height\s*:\s*0(?:\.0*)?(?:px|em|rem|%)?\s*(?:;|$)", re.I)  # fmt: skip
_OVERFLOW_HIDDEN = re.compile(r"overflow\s*:\s*hidden", re.I)
_KEYWORD_LINK = re.compile(r"^(?:https?:)?//[\w.-]*163\.com/keywords/", re.I)
_SOURCE_LABEL = re.compile(r"(?:本文)?来源\s*[:：]\s*")
_SOURCE_TEXT = re.compile(r"(?:本文)?来源\s*[:：]\s*([^\s　]+)")
_EDITOR = re.compile(r"责任编辑\s*[:：]\s*([^\s　)）]+)")
_EDITOR_CODE = re.compile(r"_[A-Za-z]{1,6}\d+$")
#: ``（原标题：…）``, or a paragraph that is ``原标题：…`` and nothing else (the
#: column pages' note).
_ORIGINAL_TITLE = re.compile(
    r"[（(]\s*原标题\s*[:：](?P<title>.+)[）)]|原标题\s*[:：]\s*(?P<bare>.+)", re.S
)
_TITLE_SUFFIX = re.compile(r"_(?:手机)?网易[^_|]*$")
#: Paragraph indents: NetEase's older pages start paragraphs with "　　".
_INDENT = " \t\r\n\u3000\xa0"


@dataclass(frozen=True)
class Page:
    """What a saved NetEase page holds, as plain data."""

    layout: str
    #: The article's HTML: the body only, not sanitised.
    body: str
    title: str | None = None
    date: datetime.datetime | None = None
    #: The 网易号 account that published it, else the source.
    author: str | None = None
    #: Where NetEase says the article comes from (``来源:``, ``本文来源：``).
    source: str | None = None
    source_url: str | None = None
    #: The article's address on 163.com (canonical link, ``og:url``).
    original_url: str | None = None
    #: ``（原标题：…）``: the title the article first had.
    original_title: str | None = None
    #: NetEase's ``责任编辑：`` (editor), without the staff code.
    editor: str | None = None
    #: What had to be repaired to keep the article's text (for a warning).
    notes: tuple[str, ...] = ()
    #: Where each metadata field was read, by name (``("date",
    #: "div.ep-time-soure")``), for ``pelican-ath inspect`` and the log.
    sources: tuple[tuple[str, str], ...] = ()
    #: What the reader left out of the article, and why: ``(the start of
    #: its text, reason)`` in page order, for ``pelican-ath inspect``.
    dropped: tuple[tuple[str, str], ...] = ()

    def metadata(self) -> dict[str, Any]:
        """The metadata that the page gives, by Pelican metadata name."""
        names = (
            "title", "date", "author", "source", "source_url",
            "original_url", "original_title", "editor",
        )  # fmt: skip
        values = {name: getattr(self, name) for name in names}
        return {name: value for name, value in values.items() if value}


# -- small readers of the page -------------------------------------------------


def _decomposed(element: Tag) -> bool:
    """Whether ``element`` was decomposed. (BeautifulSoup's own ``decomposed``
    looks for a ``<_decomposed>`` tag in the whole subtree of every element
    that was not: quadratic on nested elements.)"""
    return bool(vars(element).get("_decomposed"))


def _unwrap(element: Tag) -> None:
    """Mark ``element`` to be left out of the body, its content kept. (Its
    tags are dropped in one pass when the body is written: BeautifulSoup's
    ``unwrap`` walks down to the element's last descendant, quadratic on
    nested elements.)"""
    element.name = UNWRAPPED
    element.attrs = {}


def _attribute(element: Tag, name: str) -> str | None:
    """An attribute's value as text (BeautifulSoup gives lists for some)."""
    value = element.get(name)
    if value is None or isinstance(value, str):
        return value
    return " ".join(value)


def _classes(element: Tag) -> list[str]:
    return (_attribute(element, "class") or "").split()


def _named_meta(soup: BeautifulSoup, *names: str) -> tuple[str, str] | None:
    """``(value, name)`` of the first ``<meta>`` named one of ``names``;
    ``property``, ``name`` and ``itemprop`` are all names, ``content`` or
    ``value`` the value (some savers rewrite ``property``/``content`` as
    ``name``/``value``)."""
    wanted = [name.lower() for name in names]
    found: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        for key in ("property", "name", "itemprop"):
            name = meta.get(key)
            if isinstance(name, str) and name.lower() in wanted:
                value = meta.get("content") or meta.get("value")
                if isinstance(value, str) and value.strip():
                    found.setdefault(name.lower(), value.strip())
    return next(((found[name], name) for name in wanted if name in found), None)


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    """The value of the first ``<meta>`` named one of ``names``."""
    found = _named_meta(soup, *names)
    return found[0] if found else None


def _in_other_articles(element: Tag) -> bool:
    """Whether ``element`` is in a list of other articles (a list item, a
    related or recommended block): what it says is theirs, not the page's."""
    for ancestor in (element, *element.parents):
        if ancestor.name == "li":
            return True
        names = " ".join(_classes(ancestor)) + " " + (_attribute(ancestor, "id") or "")
        if _OTHER_ARTICLES.search(names):
            return True
    return False


def _first_text_at(
    soup: BeautifulSoup, selectors: Iterable[str]
) -> tuple[str, str] | None:
    """``(text, selector)`` of the first element with text that one of
    ``selectors`` finds, outside the lists of other articles."""
    for selector in selectors:
        for element in soup.select(selector):
            text = clean_text(element.get_text(" "))
            if text and not _in_other_articles(element):
                return text, selector
    return None


def _first_text(soup: BeautifulSoup, selectors: Iterable[str]) -> str | None:
    found = _first_text_at(soup, selectors)
    return found[0] if found else None


def _absolute(url: str | None, base: str | None) -> str | None:
    """``url`` resolved against the page's address (``//host/…`` as https)."""
    if not url:
        return None
    url = url.strip()
    if url.startswith("//"):
        return "https:" + url
    if base and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url):
        try:
            return urljoin(base, url)
        except ValueError:  # a base that is no address (``http://[::1/``)
            return url
    return url


# -- metadata ------------------------------------------------------------------


def _title(soup: BeautifulSoup, layout: Layout) -> tuple[str, str] | None:
    """``(title, where it was read)``: the layout's heading, else the social
    title or ``<title>`` without NetEase's suffix."""
    found = _first_text_at(soup, layout.title)
    if found:
        return found
    social = _named_meta(soup, "og:title", "twitter:title")
    if social and _TITLE_SUFFIX.sub("", social[0]).strip():
        return _TITLE_SUFFIX.sub("", social[0]).strip(), f"meta {social[1]}"
    title = _page_title(soup)
    return (title, "title") if title else None


def _page_title(soup: BeautifulSoup) -> str | None:
    """``<title>`` without NetEase's ``_网易订阅`` suffix and keyword tail."""
    if soup.title is None:
        return None
    title = _TITLE_SUFFIX.sub("", clean_text(soup.title.get_text()))
    keywords = {k.strip() for k in (_meta(soup, "keywords") or "").split(",")}
    head, *tail = title.split("|")
    while tail and (not keywords or tail[-1].strip() in keywords):
        tail.pop()
    return "|".join([head, *tail]).strip() or None


#: NetEase's publication time in an attribute: the desktop page's root, the
#: 网易订阅 page's ``#contain`` (to the second, where ``p.time`` has the day).
_DATE_ATTRIBUTES = ("html[data-publishtime]", "#contain[data-ptime]")


def _own_date(
    soup: BeautifulSoup, layout: Layout
) -> tuple[datetime.datetime, str] | None:
    """``(date, where it was read)`` from the page's own fields: its meta
    tags, NetEase's ``data-publishtime``, the layout's time element (never
    one in a list of other articles)."""
    meta = _named_meta(soup, *DATE_META)
    date = parse_date(meta[0]) if meta else None
    if meta is not None and date is not None:
        return date, f"meta {meta[1]}"
    for where in _DATE_ATTRIBUTES:
        element = soup.select_one(where)
        stamp = element.get(where[where.index("[") + 1 : -1]) if element else None
        date = parse_date(stamp) if isinstance(stamp, str) else None
        if date is not None:
            return date, where
    for selector in layout.date:
        for element in soup.select(selector):
            if _in_other_articles(element):
                continue
            for candidate in (element.get("datetime"), element.get_text(" ")):
                date = parse_date(candidate) if isinstance(candidate, str) else None
                if date is not None:
                    return date, selector
    return None


def borrowed_date(text: str, url: str | None) -> datetime.datetime | None:
    """The date htmldate finds in a page that has none of its own fields:
    from the markup it trusts (meta tags, JSON-LD, the address), not a
    guess from the text."""
    from htmldate import find_date  # a page without its own date only

    found = find_date(
        text,
        url=url,
        extensive_search=False,
        original_date=True,
        outputformat="%Y-%m-%d %H:%M:%S",
    )
    return parse_date(found) if found else None


def _date(
    soup: BeautifulSoup, layout: Layout, text: str, url: str | None
) -> tuple[datetime.datetime, str] | None:
    """``(date, where it was read)``: the page's own field, else htmldate."""
    own = _own_date(soup, layout)
    if own is not None:
        return own
    borrowed = borrowed_date(text, url)
    return (borrowed, HTMLDATE) if borrowed is not None else None


#: Where a page says where the article comes from (``来源:``), in turn.
SOURCE_LINES = (".post_info", ".post_time_source", ".ep-time-soure", ".ep-time-source")
SOURCE_NOTES = (".post_author", ".ep-source", ".source", ".js-source")


def _source(
    soup: BeautifulSoup, base: str | None
) -> tuple[str | None, str | None, str | None]:
    """``(name, url, where it was read)`` of where the article comes from."""
    link = soup.select_one("#ne_article_source")
    if link is not None and clean_text(link.get_text()):
        url = _absolute(_attribute(link, "href"), base)
        return clean_text(link.get_text()), url, "#ne_article_source"
    for selector in SOURCE_LINES:
        for info in soup.select(selector):
            text = info.get_text(" ")
            if _in_other_articles(info) or not _SOURCE_LABEL.search(text):
                continue
            for anchor in info.find_all("a"):
                name = clean_text(anchor.get_text())
                if name and "post_jubao" not in _classes(anchor) and name != "举报":
                    return name, _absolute(_attribute(anchor, "href"), base), selector
            match = _SOURCE_TEXT.search(text)
            if match:
                return match.group(1), None, selector
    for selector in SOURCE_NOTES:
        for element in soup.select(selector):
            if _in_other_articles(element):
                continue
            text = clean_text(element.get_text(" "))
            match = _SOURCE_TEXT.search(text)
            if match:
                return match.group(1), None, selector
            if text and not {"source", "js-source"}.isdisjoint(_classes(element)):
                return text, None, selector
    author = _meta(soup, "article:author")
    if author and author != "网易":
        return author, None, "meta article:author"
    return None, None, None


#: Where the 网易号 account that published an article is named.
ACCOUNT = (".post_wemedia_name", "a.author-homePage", ".s-source")


def _account(soup: BeautifulSoup, layout: Layout) -> tuple[str, str] | None:
    """``(author, where it was read)``: the layout's author, else the 网易号
    account that published the article."""
    return _first_text_at(soup, layout.author + ACCOUNT)


def _editor(soup: BeautifulSoup) -> str | None:
    for element in soup.select(".post_author, .ep-source, .ep-editor, .editor"):
        match = _EDITOR.search(clean_text(element.get_text(" ")))
        if match:
            return _EDITOR_CODE.sub("", match.group(1)) or None
    return None


def _is_title_note(element: Tag) -> bool:
    """Whether ``element`` may hold ``（原标题：…）``: a paragraph or ``.otitle``."""
    return element.name == "p" or "otitle" in _classes(element)


def _original_title(container: Tag) -> str | None:
    """``（原标题：…）`` (or a paragraph ``原标题：…``) in the article: the
    title, and the element removed.
    Only the innermost candidates are read (their texts are apart: reading
    nested ones would read the same text again and again)."""
    outer = _holding(container, _is_title_note)
    for element in container.find_all(_is_title_note):
        if _decomposed(element) or id(element) in outer:
            continue
        match = _ORIGINAL_TITLE.fullmatch(element.get_text().strip())
        title = match and (match.group("title") or match.group("bare"))
        if title and title.strip():
            element.decompose()
            return clean_text(title)
    return None


# -- the article body ------------------------------------------------------------


def is_hidden(element: Tag) -> bool:
    """Hidden by the page: ``display: none``, a zero height with hidden
    overflow, the ``hidden`` attribute or NetEase's ``hidden`` class."""
    if element.has_attr("hidden") or "hidden" in _classes(element):
        return True
    style = element.get("style")
    if not isinstance(style, str):
        return False
    if _HIDDEN_STYLE.search(style):
        return True
    return bool(_ZERO_HEIGHT.search(style) and _OVERFLOW_HIDDEN.search(style))


#: How much of a dropped block's text :attr:`Page.dropped` shows.
DROPPED_START = 40


def _start(element: Tag) -> str:
    """The start of ``element``'s text, or its tag when it has none."""
    text = clean_text(element.get_text(" "))
    if text:
        return text[:DROPPED_START] + ("…" if len(text) > DROPPED_START else "")
    classes = ".".join(_classes(element))
    return f"<{element.name}{'.' + classes if classes else ''}>"


def _small(container: Tag) -> set[int]:
    """``id`` of each element inside ``container`` small enough to read its
    text for the text-based chrome rules: at most :data:`RELATED_MAX_LENGTH`
    characters in at most :data:`SMALL_ELEMENTS` elements (in one pass:
    reading the text of each would be quadratic on nesting)."""
    lengths: dict[int, tuple[int, int]] = {}

    def size(child: PageElement) -> tuple[int, int]:
        if isinstance(child, Tag):
            return lengths[id(child)]
        assert isinstance(child, NavigableString)
        return (0 if isinstance(child, Comment) else len(child)), 0

    for element in _bottom_up(container):
        sizes = [size(child) for child in element.contents]
        lengths[id(element)] = (
            sum(length for length, _ in sizes),
            1 + sum(count for _, count in sizes),
        )
    return {
        key
        for key, (length, count) in lengths.items()
        if length <= RELATED_MAX_LENGTH and count <= SMALL_ELEMENTS
    }


def _chrome_reason(element: Tag, small: bool) -> str | None:
    """Why ``element`` is page chrome, or None: a chrome class, hidden by the
    page; if it is ``small`` (:func:`_small`; and holds no ``<video>``, whose
    own text is its fallback), a block of links to other articles, an app
    prompt or a video's fallback text."""
    classes = _classes(element)
    found = [name for name in classes if name in CHROME_CLASSES]
    if found:
        return next(
            (CHROME_REASONS[name] for name in found if name in CHROME_REASONS),
            "page chrome",
        )
    if is_hidden(element):
        return "hidden by the page"
    if element.name not in BLOCK_NAMES or not small:
        return None
    text = clean_text(element.get_text(" "))
    if not text or len(text) > PROMPT_MAX_LENGTH:
        return _related_reason(element, text)
    if VIDEO_FALLBACK.fullmatch(text):
        return "video fallback text"
    if _APP_PROMPT.fullmatch(text) or chrome_reason(text):
        return "app prompt"
    return _related_reason(element, text)


#: Elements read as one block of their own for the text-based chrome rules.
BLOCK_NAMES = frozenset({"p", "div", "section", "ul", "ol", "aside", "center"})
#: A prompt or a fallback text is at most this long.
PROMPT_MAX_LENGTH = 40
#: A block of related links is at most this long (longer ones are not read:
#: reading every block's text would be quadratic on nesting).
RELATED_MAX_LENGTH = 2000
#: ... and holds at most this many elements.
SMALL_ELEMENTS = 200
_LABEL_PUNCTUATION = " 　:：·•|｜-—【】[]「」()（）>》"
_LABEL_DROPPED = str.maketrans("", "", _LABEL_PUNCTUATION)


def _label(text: str) -> str:
    """``text`` without spaces and the punctuation around labels."""
    return text.translate(_LABEL_DROPPED)


_RELATED = frozenset(_label(name) for name in RELATED_LABELS)
_RELATED_STARTS = tuple(sorted(_RELATED))


def _related_reason(element: Tag, text: str) -> str | None:
    """``"related articles"`` when ``element``'s text is a related label
    (:data:`RELATED_LABELS`) and links: nothing but the label outside its
    links."""
    if not _label(text).startswith(_RELATED_STARTS):
        return None
    rest = _label(text)
    for anchor in element.find_all("a"):
        rest = rest.replace(_label(clean_text(anchor.get_text(" "))), "", 1)
    if rest in _RELATED and element.find("a") is not None:
        return "related articles"
    return None


def _is_label_only(element: Tag) -> bool:
    """Whether ``element``'s whole text is a related label."""
    return element.name in BLOCK_NAMES and (
        _label(clean_text(element.get_text(" "))) in _RELATED
    )


def _is_link_list(element: Tag | None) -> bool:
    """A block whose text is links only (nothing outside them)."""
    if element is None or element.name not in BLOCK_NAMES or not element.find("a"):
        return False
    rest = _label(clean_text(element.get_text(" ")))
    for anchor in element.find_all("a"):
        rest = rest.replace(_label(clean_text(anchor.get_text(" "))), "", 1)
    return not rest


def _remove_chrome(
    soup: BeautifulSoup, container: Tag, base: str | None
) -> list[tuple[str, str]]:
    """Page chrome out, videos made playable or linked (:func:`_video`), in
    one pass in page order; ``(start, reason)`` of each block left out."""
    dropped: list[tuple[str, str]] = []
    for comment in container.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for element in container.find_all(NOT_TEXT):
        element.decompose()
    small = _small(container)
    with_video = _holding(container, lambda child: child.name == "video")
    for element in container.find_all(True):
        if _decomposed(element) or element.parent is None:
            continue
        reason = _chrome_reason(
            element, id(element) in small and id(element) not in with_video
        )
        if reason is not None:
            dropped.append((_start(element), reason))
            element.decompose()
        elif id(element) in small and _is_label_only(element):
            following = element.find_next_sibling(True)
            if _is_link_list(following):
                assert following is not None
                dropped.append((_start(element), "related articles"))
                dropped.append((_start(following), "related articles"))
                element.decompose()
                following.decompose()
        elif _is_video(element, with_video):
            dropped += _video(soup, element, base)
    return dropped


# -- videos --------------------------------------------------------------------


def _is_video(element: Tag, with_video: set[int]) -> bool:
    """A video player: ``<video>`` or one of NetEase's holders of one (with
    a ``<video>`` inside, by ``id`` in ``with_video``, or a video id)."""
    if element.name == "video":
        return True
    holder = not VIDEO_CLASSES.isdisjoint(_classes(element))
    return holder and (
        id(element) in with_video or any(element.has_attr(n) for n in VIDEO_IDS)
    )


def _http(url: str | None, base: str | None) -> str | None:
    """``url`` made absolute, if it is an ``http(s)`` address."""
    url = _absolute(url, base)
    if url and re.match(r"https?://", url, re.I):
        return url
    return None


def _first(values: Iterable[str | None]) -> str | None:
    return next((value for value in values if value), None)


def _video(soup: BeautifulSoup, holder: Tag, base: str | None) -> list[tuple[str, str]]:
    """Replace a video player by what a reader can use: a ``<video
    controls>`` with its poster where the page gives a playable ``http(s)``
    source, else a link to the video's page with its cover and title, else
    nothing. Its fallback text never stays; what was left out, for
    :attr:`Page.dropped`."""
    parts = [holder, *holder.find_all(True)]
    videos = [part for part in parts if part.name == "video"]
    source = _first(
        _http(_attribute(part, name), base)
        for part in [*videos, *holder.find_all("source"), holder]
        for name in VIDEO_SOURCES
    )
    images = holder.find_all("img")
    poster = _first(
        [_http(_attribute(part, name), base) for part in [*videos, holder]
         for name in ("poster", "data-poster")]
        + [_http(lazy_source(functools.partial(_attribute, image))
                 or _attribute(image, "src"), base) for image in images]
    )  # fmt: skip
    title = _video_title(holder, images)
    page = _first(
        [_http(_attribute(anchor, "href"), base) for anchor in holder.find_all("a")]
        + [_video_page(_attribute(part, name)) for part in parts for name in VIDEO_IDS]
    )
    fallback = clean_text(" ".join(v.get_text(" ") for v in videos))
    dropped = [(fallback[:DROPPED_START], "video fallback text")] if fallback else []
    rest = clean_text(holder.get_text(" "))
    for used in (title, fallback):
        rest = clean_text(rest.replace(used or "", " ", 1)) if used else rest
    if rest:
        dropped.append((rest[:DROPPED_START], "video player's text"))
    target = _alone_in_paragraph(holder)
    if source is None and page is None:
        dropped.append((title or _start(holder), "video with no source or page"))
        target.decompose()
        return dropped
    figure = soup.new_tag("figure")
    if source is not None:
        video = soup.new_tag("video", attrs={"controls": "", "preload": "none"})
        video["src"] = source
        if poster:
            video["poster"] = poster
        figure.append(video)
        if title:
            caption = soup.new_tag("figcaption")
            caption.string = title
            figure.append(caption)
    else:
        assert page is not None
        label = f"{VIDEO_LABEL}：{title}" if title else VIDEO_LABEL
        if poster:
            link = soup.new_tag("a", href=page)
            link.append(soup.new_tag("img", src=poster, alt=label))
            figure.append(link)
        caption = soup.new_tag("figcaption")
        link = soup.new_tag("a", href=page)
        link.string = label
        caption.append(link)
        figure.append(caption)
    target.replace_with(figure)
    target.decompose()
    return dropped


def _video_page(value: str | None) -> str | None:
    """The address of NetEase's page of the video with id ``value``."""
    match = _VIDEO_ID.fullmatch((value or "").strip())
    return VIDEO_PAGE.format(match.group()) if match else None


def _video_title(holder: Tag, images: list[Tag]) -> str | None:
    """A video's title: the holder's ``title``, its caption or title element,
    the cover's ``alt`` (never the fallback text)."""
    candidates = [_attribute(holder, "title"), _attribute(holder, "data-title")]
    for element in holder.find_all(True):
        if element.name == "figcaption" or any(
            "title" in name.lower() for name in _classes(element)
        ):
            candidates.append(element.get_text(" "))
    candidates += [_attribute(image, "alt") for image in images]
    for candidate in candidates:
        text = clean_text(candidate)
        if text and not VIDEO_FALLBACK.fullmatch(text):
            return text
    return None


def _alone_in_paragraph(holder: Tag) -> Tag:
    """The paragraph ``holder`` is all of, else ``holder`` (a figure is
    never put inside a ``<p>``)."""
    parent = holder.parent
    if (
        isinstance(parent, Tag)
        and parent.name == "p"
        and len(parent.find_all(True, recursive=False)) == 1
        and not any(
            isinstance(child, NavigableString) and child.strip()
            for child in parent.contents
        )
    ):
        return parent
    return holder


def _unwrap_keyword_links(container: Tag) -> None:
    """NetEase's automatic keyword links (``163.com/keywords/…``) are text."""
    for element in container.find_all(["a", "span"]):
        href = element.get("href")
        keyword_class = any("keyword" in name.lower() for name in _classes(element))
        if keyword_class or (isinstance(href, str) and _KEYWORD_LINK.match(href)):
            _unwrap(element)


def _fix_images(container: Tag, base: str | None) -> None:
    """The real source of lazy images as ``src``; URLs made absolute."""
    for image in container.find_all("img"):
        lazy = lazy_source(functools.partial(_attribute, image))
        if lazy is not None:
            image["src"] = lazy.strip()
        src = _absolute(_attribute(image, "src"), base)
        if src:
            image["src"] = src
    for anchor in container.find_all("a", href=True):
        anchor["href"] = _absolute(_attribute(anchor, "href"), base) or ""


def _has_content(element: Tag) -> bool:
    if element.get_text().replace("\xa0", " ").strip():
        return True
    return element.find(list(CONTENTFUL)) is not None


def _bottom_up(container: Tag) -> list[Tag]:
    """The elements inside ``container``, every one after its descendants
    (for facts about subtrees computed in one pass, not one per element)."""
    elements = container.find_all(True)
    elements.reverse()
    return elements


def _with_content(container: Tag) -> set[int]:
    """``id`` of each element inside ``container`` that has text or something
    that shows without text (:func:`_has_content` of all, in linear time)."""
    found: set[int] = set()

    def shows(child: PageElement) -> bool:
        if isinstance(child, Tag):
            return child.name in CONTENTFUL or id(child) in found
        # not a tag: a string (every PageElement is one or the other)
        assert isinstance(child, NavigableString)
        return not isinstance(child, Comment) and bool(child.strip())

    for element in _bottom_up(container):
        if any(shows(child) for child in element.contents):
            found.add(id(element))
    return found


def _remove_spacers(container: Tag) -> None:
    """``<p>&nbsp;</p>``, ``<p><br></p>`` and emptied blocks; trailing ``<br>``."""
    with_content = _with_content(container)
    for element in container.find_all(["p", "div", "section", "span", "center"]):
        if not _decomposed(element) and id(element) not in with_content:
            element.decompose()
    for paragraph in container.find_all("p"):
        children = paragraph.contents
        if children and isinstance(children[0], NavigableString):
            children[0].replace_with(children[0].lstrip(_INDENT))
        while children and (
            (isinstance(children[-1], Tag) and children[-1].name == "br")
            or (isinstance(children[-1], NavigableString) and not children[-1].strip())
        ):
            children[-1].extract()


def _only_bold_child(paragraph: Tag) -> Tag | None:
    """The ``<strong>``/``<b>`` that is all of ``paragraph``'s content."""
    children = [
        child
        for child in paragraph.contents
        if not (isinstance(child, NavigableString) and not child.strip())
        and not (isinstance(child, Tag) and child.name == "br")
    ]
    if len(children) != 1 or not isinstance(children[0], Tag):
        return None
    child = children[0]
    while (
        child.name in {"span", "font", UNWRAPPED}
        and len(child.find_all(True, recursive=False)) == 1
    ):
        if any(
            isinstance(text, NavigableString) and text.strip()
            for text in child.contents
        ):
            return None  # text of its own besides the one element inside
        inner = child.find(True, recursive=False)
        if not isinstance(inner, Tag):
            return None
        child = inner
    return child if child.name in {"strong", "b"} else None


#: The heading levels a page's own headings may be at.
_HEADING_NAMES = ("h2", "h3", "h4", "h5", "h6")


def _headings(soup: BeautifulSoup, container: Tag) -> None:
    """``<p><strong>短标题</strong></p>`` -> ``<h2>短标题</h2>``: a paragraph
    that is all bold and a section title (:func:`is_section_title` with
    ``bold``: short, ``【…】`` or any end) is a sub-heading, at the level of
    the article's own highest sub-headings (``<h2>`` when it has none)."""
    own = {element.name for element in container.find_all(list(_HEADING_NAMES))}
    name = next((name for name in _HEADING_NAMES if name in own), "h2")
    for paragraph in container.find_all("p"):
        bold = _only_bold_child(paragraph)
        if bold is None or bold.find("img") is not None:
            continue
        text = clean_text(bold.get_text())
        if is_section_title(text, bold=True):
            heading = soup.new_tag(name)
            heading.string = text
            paragraph.replace_with(heading)


def _is_image_block(block: Tag) -> bool:
    """NetEase's image holders: ``p.f_center`` (centred), a ``div`` (mobile)."""
    if block.name == "div":
        return True
    style = block.get("style")
    centred = isinstance(style, str) and "center" in style.lower()
    return centred or "f_center" in _classes(block)


def _images_and_blocks(container: Tag) -> tuple[dict[int, list[Tag]], set[int]]:
    """Per element (by ``id``): its ``<img>`` descendants (two at most), and
    whether it holds a ``p``, ``div``, ``h2`` or ``table``; in one pass."""
    images: dict[int, list[Tag]] = {}
    blocks: set[int] = set()
    for element in _bottom_up(container):
        found: list[Tag] = []
        for child in element.find_all(True, recursive=False):
            if child.name == "img":
                found.append(child)
            found += images.get(id(child), ())
            if child.name in {"p", "div", "h2", "table"} or id(child) in blocks:
                blocks.add(id(element))
            del found[2:]
        if found:
            images[id(element)] = found
    return images, blocks


def _figures(soup: BeautifulSoup, container: Tag) -> None:
    """An image and the caption inside its own block (``p.f_center``'s text
    after the image, a mobile photo's caption) become a ``<figure>``."""
    images, blocks = _images_and_blocks(container)
    for block in container.find_all(["p", "div"]):
        if not _is_image_block(block) or id(block) in blocks:
            continue
        if len(images.get(id(block), ())) != 1:
            continue
        (image,) = images[id(block)]
        before = []
        for node in block.descendants:
            if node is image:
                break
            if isinstance(node, NavigableString):
                before.append(str(node))
        caption = clean_text(block.get_text(" "))
        if "".join(before).strip() or not caption or len(caption) > 120:
            continue
        figure = soup.new_tag("figure")
        figure.append(image.extract())
        figcaption = soup.new_tag("figcaption")
        figcaption.string = caption
        figure.append(figcaption)
        block.replace_with(figure)


def _unwrap_layout(container: Tag) -> None:
    """Layout-only wrappers (``span``, ``font``, inner ``section``) go; their
    content stays."""
    for element in container.find_all(LAYOUT):
        _unwrap(element)


def _inner_html(element: Tag) -> str:
    return "".join(str(child) for child in element.contents).strip()


def _holding(container: Tag, wanted: Callable[[Tag], bool]) -> set[int]:
    """``id`` of each element inside ``container`` that has a descendant
    ``wanted`` (in one pass)."""
    found: set[int] = set()
    for element in _bottom_up(container):
        if any(
            id(child) in found or wanted(child)
            for child in element.find_all(True, recursive=False)
        ):
            found.add(id(element))
    return found


def _repair_unclosed(container: Tag) -> list[str]:
    """Elements left open that hold the rest of the article (an ``<object>``
    the sanitiser would remove with it, an ``<iframe>`` that made it raw
    text): the text is kept, the element dropped; what was done, for a
    warning."""
    holding_blocks = _holding(container, lambda child: child.name in ARTICLE_BLOCKS)
    repaired: dict[str, int] = {}  # how many of each, in the order first seen
    for element in container.find_all(SWALLOWING + LEFT_OPEN_RAW_TEXT):
        if _decomposed(element) or element.parent is None:
            continue
        name = element.name
        if name in LEFT_OPEN_RAW_TEXT:
            text = element.get_text()
            if not _MARKUP.search(text):
                continue
            # one parse of the rest, however many were left open in it
            inner = [found.lower() for found in _RAW_TEXT_START.findall(text)]
            fragment = BeautifulSoup(_RAW_TEXT_START.sub("", text), "lxml")
            parsed = list((fragment.body or fragment).contents)
            if not parsed:
                continue
            element.replace_with(*parsed)
            for other in inner:
                repaired[other] = repaired.get(other, 0) + 1
        elif id(element) in holding_blocks:
            _unwrap(element)
        else:
            continue
        repaired[name] = repaired.get(name, 0) + 1
    return [
        f"an unclosed <{name}> held the text after it; the text is kept, the "
        f"<{name}> left out" + (f" ({count:,} times)" if count > 1 else "")
        for name, count in repaired.items()
    ]


def flatten_deep(markup: str, limit: int = SANITISER_DEPTH) -> tuple[str, int]:
    """``markup`` (well-formed, as BeautifulSoup writes it) without the tags
    nested deeper than ``limit`` (their text kept; text after the end of a
    block starts a new line), and how many elements were taken out. The tags
    of elements marked to unwrap (named :data:`UNWRAPPED`) are left out too,
    and do not count as a level.

    >>> flatten_deep("<div><div><p>a</p><p>b<br/></p></div></div>", 2)
    ('<div><div>a<br/>b<br/></div></div>', 2)
    >>> flatten_deep("<p><ath-unwrapped><b>a</b></ath-unwrapped></p>", 2)
    ('<p><b>a</b></p>', 0)
    """
    pieces: list[str] = []
    #: For each open element: was its tag kept (None: unwrapped)?
    kept: list[bool | None] = []
    position, depth, removed, new_line = 0, 0, 0, False
    for token in tokens(markup):
        if token.kind not in ("start", "end"):
            continue  # raw text and comments are text here
        text = markup[position : token.start]
        if new_line and text.strip():
            pieces.append("<br/>")
            new_line = False
        pieces.append(text)
        position = token.end
        tag, closing, name = (
            markup[token.start : token.end],
            token.kind == "end",
            token.name,
        )
        if name in VOID and not closing:
            pieces.append(tag)
            new_line = new_line and name != "br"
            continue
        if closing:
            keep = kept.pop() if kept else True
            depth -= keep is not None
        else:
            keep = None if name == UNWRAPPED else depth < limit
            kept.append(keep)
            depth += keep is not None
        if keep:
            pieces.append(tag)
            new_line = False
        elif keep is False:
            removed += not closing
            new_line = new_line or (closing and name in ARTICLE_BLOCKS)
    pieces.append(markup[position:])
    return "".join(pieces), removed


@dataclass(frozen=True)
class Body:
    """The article's HTML and what reading it found."""

    html: str
    original_title: str | None
    #: What had to be repaired (for a warning).
    notes: tuple[str, ...]
    #: ``(start of its text, reason)`` of each block left out, in page order.
    dropped: tuple[tuple[str, str], ...]


def extract_body(soup: BeautifulSoup, container: Tag, base: str | None = None) -> Body:
    """The article in ``container``, cleaned (see the module's docstring)."""
    notes = _repair_unclosed(container)
    original_title = _original_title(container)
    dropped = _remove_chrome(soup, container, base)
    _unwrap_keyword_links(container)
    _fix_images(container, base)
    _remove_spacers(container)
    _headings(soup, container)
    _figures(soup, container)
    _unwrap_layout(container)
    markup, flattened = flatten_deep(_inner_html(container))
    if flattened:
        notes.append(
            f"nests elements more than {SANITISER_DEPTH} levels deep; {flattened:,} "
            "element(s) below that were taken out, their text kept"
        )
    return Body(markup, original_title, tuple(notes), tuple(dropped))


# -- the whole page ----------------------------------------------------------------


def is_netease_page(soup: BeautifulSoup) -> bool:
    """The page says it is NetEase's: its own address (canonical link,
    ``og:url``, mobile alternate) is on 163.com, its root is NetEase's
    ``html#ne_wrap``, or its title ends in ``_网易…``."""
    addresses = [
        _attribute(link, "href") for link in soup.find_all("link", rel="canonical")
    ]
    addresses.append(_meta(soup, "og:url"))
    addresses += re.findall(r"url=(\S+)", _meta(soup, "mobile-agent") or "")
    if any(on_domains(url, PAGE_DOMAINS) for url in addresses):
        return True
    if soup.html is not None and soup.html.get("id") == "ne_wrap":
        return True
    return soup.title is not None and bool(
        _TITLE_SUFFIX.search(clean_text(soup.title.get_text()))
    )


class UnknownLayout(ValueError):
    """A NetEase page in a layout the reader does not know; the message says
    what it looked for and did not find."""


def find_layout(soup: BeautifulSoup) -> tuple[Tag, Layout] | None:
    """The element holding the article and the page's layout."""
    for layout in LAYOUTS:
        if layout.requires and soup.select_one(layout.requires) is None:
            continue
        for element in soup.select(layout.body):
            if _has_content(element):
                return element, layout
    return None


def find_container(soup: BeautifulSoup) -> tuple[Tag, str] | None:
    """The element holding the article and the layout's name."""
    found = find_layout(soup)
    return (found[0], found[1].name) if found else None


def what_is_missing(soup: BeautifulSoup) -> str:
    """Why a NetEase page is in no layout the reader knows: no article body
    (the selectors it looked for), and whether a title and a date are there."""
    every = Layout(
        "any",
        "",
        title=tuple(selector for layout in LAYOUTS for selector in layout.title),
        date=tuple(selector for layout in LAYOUTS for selector in layout.date),
    )
    missing = [
        "no article body (none of "
        + ", ".join(dict.fromkeys(layout.body for layout in LAYOUTS))
        + " with text in it)"
    ]
    if _first_text_at(soup, every.title) is None:
        missing.append("no article title")
    if _own_date(soup, every) is None:
        missing.append("no publication time")
    return "a NetEase page, but not an article in a layout the reader knows: " + (
        "; ".join(missing)
    )


def parse_page(text: str) -> Page | None:
    """A saved NetEase article page read, or None if ``text`` is not a
    NetEase page; :class:`UnknownLayout` for a NetEase page in a layout the
    reader does not know (never read whole)."""
    soup = BeautifulSoup(text, "lxml")
    if not is_netease_page(soup):
        return None
    found = find_layout(soup)
    if found is None:
        raise UnknownLayout(what_is_missing(soup))
    container, layout = found
    canonical = soup.find("link", rel="canonical")
    original_url = _absolute(
        (_attribute(canonical, "href") if isinstance(canonical, Tag) else None)
        or _meta(soup, "og:url"),
        None,
    )
    # metadata first: extracting the body removes the page around it
    source, source_url, source_at = _source(soup, original_url)
    account = _account(soup, layout)
    title = _title(soup, layout)
    date = _date(soup, layout, text, original_url)
    editor = _editor(soup)
    body = extract_body(soup, container, original_url)
    sources = {
        "title": title[1] if title else None,
        "date": date[1] if date else None,
        "author": account[1] if account else source_at,
        "source": source_at if source else (account[1] if account else None),
        "original_url": "link canonical"
        if canonical
        else ("meta og:url" if original_url else None),
    }
    return Page(
        layout=layout.name,
        body=body.html,
        title=title[0] if title else None,
        date=date[0] if date else None,
        author=account[0] if account else source,
        source=source or (account[0] if account else None),
        source_url=source_url,
        original_url=original_url,
        original_title=body.original_title,
        editor=editor,
        notes=body.notes,
        sources=tuple((name, where) for name, where in sources.items() if where),
        dropped=body.dropped,
    )
