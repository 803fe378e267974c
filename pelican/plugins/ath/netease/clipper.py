"""Clean up Markdown written by web clippers before Markdown renders it.

Two kinds of exporter output are recognised (:func:`detect`); anything else is
left alone:

``simpread``
    SimpRead (简悦) exports: a ``> 本文由 简悦 SimpRead 转码， 原文地址 …`` header
    and the page description as a quote, then the article with every
    paragraph wrapped whole in ``**…**`` (bold everywhere is no emphasis) and
    section titles as ``****…****``.
``firecrawl``
    Whole-page scrapes of a 163.com article (Firecrawl and the like): the
    site's navigation and share widgets before the ``# title`` and its
    ``date 来源: account`` line, the comment widget, "返回网易首页" and the
    recommendation lists after the article.

Each cleaner returns the article's Markdown and the metadata found in the
export (title, date, source, original URL). The platform disclaimer is left
for :mod:`pelican.plugins.ath.netease.clean`, which removes it from every article. Pure text
functions; no Pelican import.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .boilerplate import disclaimer_start
from .text import clean_text, is_section_title, normalise_newlines, parse_date

Block = list[str]

_SIMPREAD_HEADER = re.compile(
    r"^>\s*本文由.{0,40}?(?:简悦|簡悅|SimpRead).{0,40}?(?:转码|轉碼)", re.I
)
#: A Markdown link or image; without ``tail`` only a ``[`` and the text up to
#: the next ``]`` (what every ``[`` up to there would be tried for: a match
#: that fails is consumed whole, so the search stays linear). See ``_links``.
_LINK_OR_TEXT = re.compile(r"!?\[(?P<text>[^\]]*)(?P<tail>\]\(\s*<?(?P<url>[^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\))?")  # fmt: skip
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
#: Quote markers (possessive: ``> > `` splits one way only, not 2^n ways).
_QUOTE_PREFIX = re.compile(r"^(?:\s{0,3}>\s?)*+")
_BOLD_LINE = re.compile(r"^(?P<pre>(?:\s{0,3}>\s?)*+)\*\*(?!\*)(?P<text>.*?\S)(?<!\*)\*\*(?P<post>\s*)$")  # fmt: skip
_BOLD_OPEN = re.compile(r"^(?P<pre>(?:\s{0,3}>\s?)*+)\*\*(?!\*)")
_BOLD_CLOSE = re.compile(r"(?<!\*)\*\*(?P<post>\s*)$")
_BOLD_HEADING = re.compile(r"^\s{0,3}\*{4}(?P<text>[^*].*?)\*{4}\s*$")
_ATX_START = re.compile(r"\s{0,3}(#{1,6})\s+(.+)")
_SPECIAL_LINE = re.compile(r"^\s{0,3}(?:[-*+]\s|\d+[.)]\s|>|#|\||!\[|<)")
_PAGE_URL = re.compile(r"^\s*(?:[-*]\s*)?URL\s*[:：]\s*(?P<url>https?://\S+)\s*$", re.I)
_COMMENT_ANCHOR = ".html#post_comment_area"
_URL_START = re.compile(r"https?://")
#: Characters that end a URL in a whole-page scrape.
_URL_END = frozenset(' \t\n\r\f\v)#"')
_DATE_SOURCE = re.compile(
    r"^\s*(?P<date>\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?\s+\d{1,2}:\d{2}(?::\d{2})?)"
    r"\s*(?:来源\s*[:：]\s*(?P<source>.*))?$"
)
#: Lines of the page around the article (share widget, comment widget…).
CHROME_LINES = frozenset(
    {
        "分享至", "用微信扫码二维码", "分享至好友和朋友圈", "举报", "申请入驻",
        "关闭", "登录并发贴", "无障碍浏览",
    }
)  # fmt: skip
#: Where the article ends on a 163.com page (whole-line texts or patterns).
END_LINES = frozenset(
    {
        "登录并发贴", "相关推荐", "热点推荐", "目前没有跟贴，欢迎你发表观点",
        "目前没有热门跟贴", "热门跟贴", "最新跟贴",
    }
)  # fmt: skip
_END_PATTERN = re.compile(
    r"static\.ws\.126\.net/tie/|网友评论仅供其表达个人看法|阅读下一篇"
    r"|\[返回网易首页\]\(|\[注册\]\(https?://reg\.163\.com|\[手机发跟贴\]"
    r"|\[查看更多跟贴\]"
)
#: The comment count link, ``[12跟贴](https://comment.tie.163.com/….html)``.
_COMMENT_HOST = "comment.tie.163.com/"
#: Signs of a 163.com page around the article (one is needed).
_PAGE_SIGNS = re.compile(
    r"\[网易首页\]\(https?://www\.163\.com|#post_comment_area|\[返回网易首页\]\("
    r"|comment\.tie\.163\.com|[?&#]f=post20\d\d"
)
#: A substring of each of the signs above: plain ``in`` tests that clear
#: most Markdown, where the pattern (its branches start differently) is
#: tried at every position of the text.
_PAGE_SIGN_TEXTS = (
    "网易首页](",
    "#post_comment_area",
    "comment.tie.163.com",
    "f=post20",
)


def shows_page_signs(text: str) -> bool:
    """Whether ``text`` shows a sign of the 163.com page around an article.

    >>> shows_page_signs("[返回网易首页](https://www.163.com)"), shows_page_signs("a?f=post2020")
    (True, True)
    >>> shows_page_signs("f=post20 #post_comment")
    False
    """
    return any(sign in text for sign in _PAGE_SIGN_TEXTS) and bool(
        _PAGE_SIGNS.search(text)
    )


#: Images that are page furniture, not article pictures.
_CHROME_IMAGE = re.compile(
    r"Base64-Image-Removed|static\.ws\.126\.net/163/f2e|ipLocation", re.I
)
#: Author lines that are content, not section titles (``声明：个人原创``).
_LABEL_LINE = re.compile(
    r"^\s*(?:声明|聲明|作者|来源|來源|责任编辑|責任編輯|编辑|編輯)\s*[:：]"
)
#: Whole-bold paragraphs, as a share of all text paragraphs, that mean the
#: exporter made everything bold (so bold is no emphasis).
BOLD_EVERYWHERE = 0.8


@dataclass(frozen=True)
class Export:
    """An exporter's file, cleaned: the article's Markdown and metadata."""

    kind: str
    markdown: str
    metadata: dict[str, Any] = field(default_factory=dict)


# -- blocks ------------------------------------------------------------------


def split_blocks(text: str) -> list[Block]:
    """Blank-line separated blocks of lines; a fenced code block is one
    block, blank lines included."""
    blocks: list[Block] = []
    current: Block = []
    fence: str | None = None
    for line in normalise_newlines(text).split("\n"):
        match = _FENCE.match(line)
        if fence is not None:
            current.append(line)
            if match and match.group(1) == fence:
                fence = None
            continue
        if match:
            fence = match.group(1)
            current.append(line)
        elif line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def join_blocks(blocks: list[Block]) -> str:
    """Blocks as Markdown again, a blank line between two."""
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _is_fence(block: Block) -> bool:
    return bool(_FENCE.match(block[0]))


def atx_heading(line: str) -> tuple[str, str] | None:
    """``(marks, text)`` of a ``# heading`` line (closing ``#`` dropped), or
    None. Done in two steps: one regex for the heading's text and its trailing
    spaces and marks was cubic in a long run of spaces.

    >>> atx_heading("## 標題 ##"), atx_heading("# C#"), atx_heading("#標題")
    (('##', '標題'), ('#', 'C'), None)
    """
    match = _ATX_START.fullmatch(line)
    if match is None:
        return None
    rest = match.group(2)
    return match.group(1), rest.rstrip().rstrip("#").rstrip() or rest[:1]


#: Pieces of :data:`_LINK_OR_TEXT`: a ``[`` and its text (up to the next
#: ``]``); the opening of a tail; an address (it ends at the first ``)``,
#: space or ``>``).
_LINK_TEXT = re.compile(r"!?\[[^\]]*")
_TAIL_OPEN = re.compile(r"\]\(\s*<?")
_ADDRESS_END = re.compile(r"[)\s>]")


def _links(text: str) -> list[re.Match[str]]:
    """The Markdown links and images in ``text``, in order, as
    ``_LINK_OR_TEXT.finditer`` finds them, in linear time.

    Whether a tail ends a link depends only on where its address ends: the
    address of a tail that did not is remembered, and a tail starting inside
    it fails without reading it again (in ``[a](b[a](b…`` each ``](`` read
    the rest of the line: quadratic).

    >>> [m.group(0) for m in _links('[a](b[c](d [e](f) ![g](h "t")')]
    ['[e](f)', '![g](h "t")']
    """
    found: list[re.Match[str]] = []
    position = 0
    failed = (-1, -1)  # where an address starts and ends that ends no link
    while (start := text.find("[", position)) != -1:
        if start > position and text[start - 1] == "!":
            start -= 1
        opening = _LINK_TEXT.match(text, start)
        assert opening is not None  # text[start:] starts with "[" or "!["
        position = opening.end()
        tail = _TAIL_OPEN.match(text, position)
        if tail is None or failed[0] <= tail.end() <= failed[1]:
            continue  # no tail, or one known to fail
        link = _LINK_OR_TEXT.match(text, start)
        if link is not None and link.group("tail") is not None:
            found.append(link)
            position = link.end()
        else:
            end = _ADDRESS_END.search(text, tail.end())
            failed = (tail.end(), end.start() if end else len(text))
    return found


def _replace_links(text: str, replace: Callable[[re.Match[str]], str]) -> str:
    """``text`` with each Markdown link or image replaced by ``replace(match)``.

    >>> _replace_links("[a](b) [c [d](e) [f", lambda m: m.group("text"))
    'a c [d [f'
    """
    pieces, position = [], 0
    for link in _links(text):
        pieces += [text[position : link.start()], replace(link)]
        position = link.end()
    pieces.append(text[position:])
    return "".join(pieces)


def _plain(block: Block) -> str:
    """A block's text without quote markers, link syntax and bold marks."""
    text = " ".join(_QUOTE_PREFIX.sub("", line) for line in block)
    text = _replace_links(text, lambda m: m.group("text"))
    return clean_text(text.replace("**", ""))


def _only_links(line: str, images: bool) -> bool:
    """Whether ``line`` is nothing but Markdown links (and images, if
    ``images``), e.g. a row of navigation links."""
    found = _links(line)
    if not found or (not images and any(m.group(0)[0] == "!" for m in found)):
        return False
    rest = _replace_links(line, lambda m: "")
    return not re.sub(r"[\s|\\_/>·]", "", rest)


# -- bold --------------------------------------------------------------------


def unbold(block: Block) -> Block | None:
    """``block`` without the ``**…**`` that wraps it whole (each line, or the
    block as one), or None when it is not wrapped whole.

    >>> unbold(["**正文。**"])
    ['正文。']
    >>> unbold(["> **原文来自：a**  ", "> **本文地址：b**"])
    ['> 原文来自：a  ', '> 本文地址：b']
    >>> unbold(["**第一行  ", "第二行。**"])
    ['第一行  ', '第二行。']
    >>> unbold(["**甲** 和 **乙**"]) is None
    True
    """
    matches = [_BOLD_LINE.match(line) for line in block]
    whole = [m for m in matches if m is not None and "**" not in m.group("text")]
    if len(whole) == len(block):
        return [m.group("pre") + m.group("text") + m.group("post") for m in whole]
    opening, closing = _BOLD_OPEN.match(block[0]), _BOLD_CLOSE.search(block[-1])
    if len(block) < 2 or not opening or not closing:
        return None
    inner = [block[0][opening.end() :], *block[1:-1], block[-1][: closing.start()]]
    if any("**" in line for line in inner):
        return None
    first = opening.group("pre") + inner[0]
    if len(block) == 2:
        return [first, inner[1] + closing.group("post")]
    return [first, *inner[1:-1], inner[-1] + closing.group("post")]


def _bold_heading(block: Block) -> str | None:
    if len(block) == 1:
        match = _BOLD_HEADING.match(block[0])
        if match and "*" not in match.group("text"):
            return match.group("text").strip()
    return None


def _is_text(block: Block) -> bool:
    """A paragraph of text (not code, an image, a heading, a list or a
    disclaimer)."""
    if _is_fence(block) or atx_heading(block[0]) or _bold_heading(block):
        return False
    plain = _plain(block)
    if not plain or disclaimer_start(plain) == 0:
        return False
    return not re.match(r"^\s{0,3}(?:[-*+]\s|\d+[.)]\s|!\[)", block[0])


def unbold_everywhere(blocks: list[Block]) -> list[Block]:
    """When (nearly) every paragraph is bold, bold means nothing: unwrap
    every whole-bold paragraph. Otherwise bold is the author's emphasis and
    stays."""
    texts = [block for block in blocks if _is_text(block)]
    bold = [block for block in texts if unbold(block) is not None]
    if len(bold) < 2 or len(bold) < BOLD_EVERYWHERE * len(texts):
        return blocks
    return [(unbold(block) or block) if _is_text(block) else block for block in blocks]


# -- SimpRead ------------------------------------------------------------------


def _title_from_description(description: str) -> str | None:
    """NetEase's description is ``title,keyword,keyword…``: the title.

    >>> _title_from_description("Linux 中清除 APT 缓存介绍及技巧, linux,ubuntu,apt")
    'Linux 中清除 APT 缓存介绍及技巧'
    """
    title = description.split(",", 1)[0].strip()
    return title or None


def clean_simpread(text: str) -> Export:
    """A SimpRead export: header and description out, bold unwrapped,
    ``****title****`` as ``## title``."""
    blocks = split_blocks(text)
    metadata: dict[str, Any] = {}
    index = next(
        (i for i, b in enumerate(blocks) if _SIMPREAD_HEADER.match(b[0].strip())), None
    )
    if index is not None:
        header = " ".join(blocks[index])
        links = [m.group("url") for m in _links(header)]
        if "原文地址" in header and links and links[-1].startswith("http"):
            metadata["original_url"] = links[-1]
        del blocks[index]
        follows = blocks[index] if index < len(blocks) else None
        if follows and len(follows) == 1 and follows[0].lstrip().startswith(">"):
            title = _title_from_description(_plain(follows))
            if title:
                metadata["title"] = title
            del blocks[index]
    heading = atx_heading(blocks[0][0]) if blocks else None
    if heading and len(blocks[0]) == 1 and heading[0] == "#":
        metadata["title"] = clean_text(heading[1].replace("**", ""))
        del blocks[0]
    blocks = [
        [f"## {title}"] if (title := _bold_heading(block)) else block
        for block in blocks
    ]
    blocks = unbold_everywhere(blocks)
    return Export("simpread", join_blocks(blocks), metadata)


# -- whole-page scrapes ------------------------------------------------------------


def _source(value: str | None) -> tuple[str | None, str | None]:
    """``[name](url) ![](ip.svg)湖北`` -> ``(name, url)``."""
    if not value:
        return None, None
    links = _links(value.strip())
    link = links[0] if links and links[0].start() == 0 else None
    if link and link.group(0)[0] != "!":
        return clean_text(link.group("text")) or None, link.group("url") or None
    name = value.strip()[: links[0].start() if links else None].split()
    return (name[0] if name else None), None


def _find_title(lines: list[str]) -> tuple[int, int] | None:
    """``(title line, date line)``: a ``# title`` followed by NetEase's
    ``2026-06-18 10:34:36　来源: …`` line."""
    for number, line in enumerate(lines):
        heading = atx_heading(line)
        if not heading or heading[0] != "#":
            continue
        following = [n for n in range(number + 1, len(lines)) if lines[n].strip()][:3]
        for candidate in following:
            if _DATE_SOURCE.match(lines[candidate].replace("\u3000", " ")):
                return number, candidate
    return None


def _is_chrome_line(line: str) -> bool:
    """Page furniture between the date line and the article's first line."""
    stripped = line.strip()
    if not stripped or clean_text(stripped) in CHROME_LINES:
        return True
    if _only_links(stripped, images=False):
        return True
    return _only_links(stripped, images=True) and bool(_CHROME_IMAGE.search(stripped))


def _is_end_line(line: str) -> bool:
    stripped = line.strip()
    if clean_text(stripped) in END_LINES or _END_PATTERN.search(stripped):
        return True
    if not stripped.endswith("跟贴)"):  # the comment count link ends the line
        return False
    return _COMMENT_HOST in stripped[stripped.rfind(")", 0, -1) + 1 :]


def comment_link(text: str) -> str | None:
    """The article's address in the link to its comments
    (``https://…/X.html#post_comment_area``), found in linear time.

    >>> comment_link('跟贴 [3](https://www.163.com/dy/article/X.html#post_comment_area)')
    'https://www.163.com/dy/article/X.html'
    """
    end = text.find(_COMMENT_ANCHOR)
    while end != -1:
        start = end
        while start > 0 and text[start - 1] not in _URL_END:
            start -= 1
        url = _URL_START.search(text, start, end)
        if url and url.end() < end:  # at least one character of address
            return text[url.start() : end + len(".html")]
        end = text.find(_COMMENT_ANCHOR, end + 1)
    return None


def _original_url(preamble: list[str], text: str) -> str | None:
    for line in preamble:
        match = _PAGE_URL.match(line)
        if match:
            return match.group("url")
    return comment_link(text)


def _could_be_heading(block: Block) -> str | None:
    """The text of a one-line paragraph that reads as a section title (short,
    not ending like a sentence; a whole-bold line the same), else None."""
    if len(block) != 1:
        return None
    line = block[0].strip()
    bold = _BOLD_LINE.match(line)
    if bold and not bold.group("pre") and "**" not in bold.group("text"):
        line = bold.group("text").strip()
    elif _SPECIAL_LINE.match(line) or "**" in line or _links(line):
        return None
    if _LABEL_LINE.match(line) or not is_section_title(line):
        return None
    return line


def section_titles(blocks: list[Block]) -> list[Block]:
    """Short one-line paragraphs become ``## `` headings, as in the scraped
    text reader; never the last paragraph of the article (before the
    disclaimer), nor author lines such as ``声明：个人原创，仅供参考``."""
    content = [i for i, block in enumerate(blocks) if _is_text(block)]
    last = content[-1] if content else -1
    result = []
    for number, block in enumerate(blocks):
        title = _could_be_heading(block) if number != last else None
        result.append([f"## {title}"] if title else block)
    return result


def clean_firecrawl(text: str) -> Export | None:
    """A whole-page scrape of a 163.com article: only the article is kept;
    None if ``text`` is not one."""
    lines = normalise_newlines(text).split("\n")
    found = _find_title(lines)
    if found is None or not shows_page_signs(text):
        return None
    title_line, date_line = found
    date_source = _DATE_SOURCE.match(lines[date_line].replace("\u3000", " "))
    assert date_source is not None
    source, source_url = _source(date_source.group("source"))
    start = date_line + 1
    while start < len(lines) and _is_chrome_line(lines[start]):
        start += 1
    end = next(
        (n for n in range(start, len(lines)) if _is_end_line(lines[n])), len(lines)
    )
    heading = atx_heading(lines[title_line])
    assert heading is not None  # _find_title found it
    metadata: dict[str, Any] = {
        "title": clean_text(heading[1]),
        "date": parse_date(date_source.group("date")),
        "author": source,
        "source": source,
        "source_url": source_url,
        "original_url": _original_url(lines[:title_line], text),
    }
    blocks = section_titles(split_blocks("\n".join(lines[start:end])))
    return Export(
        "firecrawl",
        join_blocks(blocks),
        {name: value for name, value in metadata.items() if value},
    )


# -- entry point -----------------------------------------------------------------


def detect(text: str) -> str | None:
    """``"simpread"``, ``"firecrawl"`` or None (not exporter output).

    >>> detect("> 本文由 [简悦 SimpRead](http://ksria.com/simpread/) 转码， 原文地址 x")
    'simpread'
    >>> detect("# 标题\\n\\n正文。") is None
    True
    """
    head = [line.strip() for line in text.lstrip().split("\n", 12)[:12] if line.strip()]
    if any(_SIMPREAD_HEADER.match(line) for line in head[:4]):
        return "simpread"
    if shows_page_signs(text) and _find_title(text.split("\n")) is not None:
        return "firecrawl"
    return None


CLEANERS: dict[str, Callable[[str], Export | None]] = {
    "simpread": clean_simpread,
    "firecrawl": clean_firecrawl,
}


def clean_export(text: str) -> Export | None:
    """The cleaned export, or None if ``text`` is not recognisably exporter
    output (it is then left to Markdown as it is)."""
    kind = detect(text)
    return CLEANERS[kind](text) if kind else None
