"""Turn a scraped text export into metadata and HTML.

The format is what NetEase scrapers write: an optional Pelican-style header
(``Key: value`` lines, then a blank line), then the body, one paragraph per
line. ``![alt](url)`` lines are images (an image without a URL stays literal
text, for the cleaner to remove, so ``ATH_CLEAN = False`` shows the file as it
is; so does a ``javascript:`` URL); short
lines without sentence-final punctuation are section titles. Everything else
is text and is HTML-escaped, so scraped text can never become markup.
"""

from __future__ import annotations

import re
from collections.abc import Container
from html import escape
from typing import Any

from ..netease.signs import is_netease_image
from ..netease.text import is_section_title

_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*)")
#: Keys that make a scraped export's first lines a header: Pelican's own
#: metadata, the plugin's (and any ``ath_…``). A first block with another key
#: (``OpenAI: 我们今天发布…``, an interview's ``Q:``) is text.
HEADER_KEYS = frozenset(
    {
        "title", "date", "modified", "tags", "keywords", "category", "slug",
        "author", "authors", "summary", "lang", "translation", "status",
        "template", "save_as", "url", "toc", "script", "source", "source_url",
        "original_url", "original_title", "editor",
    }
)  # fmt: skip
#: Header keys that would let a scraped file choose where it is written
#: (over another page: ``Save_as: index.html``) or which template renders it:
#: not taken from scraped files.
PLACEMENT_KEYS = ("save_as", "url", "template")
IMAGE_LINE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\(\s*(?P<src>[^\s)]*)(?:\s+\"(?P<title>[^\"]*)\")?\s*\)"
)
_UNSAFE_URL = re.compile(r"\s*(?:javascript|vbscript|data):", re.IGNORECASE)


def split_header(
    text: str, keys: Container[str] | None = None
) -> tuple[dict[str, str], str]:
    """Split off a ``Key: value`` header block ended by a blank line (with
    ``keys``: only if every key is one of them, or starts with ``ath_``).

    >>> split_header("Title: 你好\\nTags: a, b\\n\\n正文")
    ({'title': '你好', 'tags': 'a, b'}, '正文')
    >>> split_header("https://www.163.com/dy/article/X.html\\n\\n正文")[0]
    {}
    >>> split_header("正文\\n第二段")
    ({}, '正文\\n第二段')
    >>> split_header("OpenAI: 我们今天发布新模型\\n\\n正文", HEADER_KEYS)[0]
    {}
    """
    header: dict[str, str] = {}
    start = 0  # the header's lines are read one by one, the body not at all
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].strip()
        if not line:
            if header:
                return header, text[end + 1 :]
            break
        match = _HEADER_LINE.fullmatch(line)
        if match is None or match.group(2).startswith("//"):  # a URL, not a key
            break
        key = match.group(1).lower()
        if keys is not None and key not in keys and not key.startswith("ath_"):
            break
        header[key] = match.group(2).strip()
        start = end + 1
    return {}, text


def drop_placement(metadata: dict[str, Any]) -> str | None:
    """Take :data:`PLACEMENT_KEYS` out of a scraped file's metadata; the
    note to log, or None.

    >>> metadata = {"title": "標題", "save_as": "index.html"}
    >>> drop_placement(metadata), metadata
    ('gives Save_as: a scraped file does not choose where it is written or which template renders it; ignored', {'title': '標題'})
    """
    dropped = [key for key in PLACEMENT_KEYS if metadata.pop(key, None) is not None]
    if not dropped:
        return None
    names = ", ".join(key.capitalize() for key in dropped)
    return (
        f"gives {names}: a scraped file does not choose where it is written or "
        "which template renders it; ignored"
    )


def _image(match: re.Match[str]) -> str | None:
    src = match.group("src")
    if not src or _UNSAFE_URL.match(src):
        return None
    attributes = f'src="{escape(src)}"'
    if match.group("alt").strip():  # Pelican warns about alt="" (and the
        attributes += f' alt="{escape(match.group("alt"))}"'  # other readers drop it)
    if match.group("title"):
        attributes += f' title="{escape(match.group("title"))}"'
    if is_netease_image(src):  # they refuse a foreign Referer
        attributes += ' referrerpolicy="no-referrer"'
    return f"<p><img {attributes}></p>"


def body_to_html(body: str) -> str:
    """HTML for a scraped body: images, ``<h2>`` section titles, paragraphs.

    >>> print(body_to_html("理性的退出\\n![](https://x/1.jpg)\\n<b>正文</b>。"))
    <h2>理性的退出</h2>
    <p><img src="https://x/1.jpg"></p>
    <p>&lt;b&gt;正文&lt;/b&gt;。</p>
    """
    lines = [line.strip() for line in body.split("\n")]
    lines = [line for line in lines if line]
    blocks = []
    for number, line in enumerate(lines):
        image = IMAGE_LINE.fullmatch(line)
        if image is not None:
            blocks.append(_image(image) or f"<p>{escape(line, quote=False)}</p>")
        elif number < len(lines) - 1 and is_section_title(line):
            blocks.append(f"<h2>{escape(line, quote=False)}</h2>")
        else:
            blocks.append(f"<p>{escape(line, quote=False)}</p>")
    return "\n".join(blocks)
