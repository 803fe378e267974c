"""The articles the benchmark builds, made from the real seed.

Every corpus is written into a folder of its own: N seed-sized scraped
articles as HTML or Markdown (six section titles, lost images, the NetEase
disclaimer at the end; each article slightly different), a blog of the
author's own Markdown articles (no NetEase residue at all), and the
variants floor's corpus (each article also as its translation).
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

from pelican.plugins.ath.netease.text import is_section_title

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8bdecda8eb2986dd.txt"
LOST_IMAGE = "![]()"
#: The seed has six section titles (the text reader's rule finds them).
SECTIONS = 6
TITLE = "阿里巴巴成立ATH事業群"
FIRST_DATE = dt.datetime(2026, 3, 16, 8, 0)
#: Texts that only a page still holding the disclaimer shows.
DISCLAIMER_SIGNS = ("Notice: The content above", "信息存儲服務", "信息存储服务")


class CorpusError(RuntimeError):
    """The seed is not what the benchmark expects."""


@dataclass(frozen=True)
class Seed:
    blocks: tuple[tuple[str, str], ...]  # ("h2" | "p" | "img", text)
    disclaimer: tuple[str, ...]


def read_seed() -> Seed:
    lines = [line.strip() for line in SEED.read_text("utf-8").splitlines()]
    lines = [line for line in lines if line]
    *body, notice_zh, notice_en = lines
    if not notice_en.startswith("Notice: The content above"):
        raise CorpusError(f"{SEED}: the last line is not the disclaimer")
    blocks = []
    for number, line in enumerate(body):
        if line == LOST_IMAGE:
            blocks.append(("img", ""))
        elif number < len(body) - 1 and is_section_title(line):
            blocks.append(("h2", line))
        else:
            blocks.append(("p", line))
    if sum(kind == "h2" for kind, _ in blocks) != SECTIONS:
        raise CorpusError(f"{SEED}: not the {SECTIONS} section titles expected")
    return Seed(tuple(blocks), (notice_zh, notice_en))


def numbered(seed: Seed, index: int) -> list[tuple[str, str]]:
    """The seed's blocks, the first paragraph prefixed with the index."""
    blocks = list(seed.blocks)
    for position, (kind, text) in enumerate(blocks):
        if kind == "p":
            blocks[position] = (kind, f"第{index}篇:{text}")
            break
    return blocks


def body_html(blocks: list[tuple[str, str]], disclaimer: tuple[str, ...] = ()) -> str:
    out = []
    for kind, text in blocks:
        if kind == "img":
            out.append('<p><img src="" alt=""></p>')
        else:
            out.append(f"<{kind}>{html.escape(text)}</{kind}>")
    out.extend(f"<p>{html.escape(text)}</p>" for text in disclaimer)
    return "\n".join(out) + "\n"


def _date(index: int) -> dt.datetime:
    return FIRST_DATE + dt.timedelta(minutes=index)


def scraped_html(seed: Seed, index: int, lang: str = "") -> str:
    lang_meta = f'<meta name="lang" content="{lang}">\n' if lang else ""
    return (
        "<html>\n<head>\n"
        f"<title>第{index}篇 {html.escape(TITLE)}</title>\n"
        f'<meta name="date" content="{_date(index):%Y-%m-%d %H:%M}">\n'
        f'<meta name="slug" content="a-{index}">\n{lang_meta}'
        "</head>\n<body>\n"
        + body_html(numbered(seed, index), seed.disclaimer)
        + "</body>\n</html>\n"
    )


def scraped_markdown(seed: Seed, index: int) -> str:
    out = [
        f"Title: 第{index}篇 {TITLE}\nDate: {_date(index):%Y-%m-%d %H:%M}\n"
        f"Slug: a-{index}\n"
    ]
    for kind, text in numbered(seed, index):
        if kind == "img":
            out.append(LOST_IMAGE)
        elif kind == "h2":
            out.append(f"## {text}")
        else:
            out.append(text)
    out.extend(seed.disclaimer)
    return "\n\n".join(out) + "\n"


def own_markdown(seed: Seed, index: int) -> str:
    """An article the blog's author wrote: the seed's text, as Markdown with
    headings, a list, code and a link, and none of NetEase's residue."""
    out = [
        f"Title: 第{index}篇 筆記\nDate: {_date(index):%Y-%m-%d %H:%M}\n"
        f"Slug: own-{index}\nTags: 筆記, 產業\n"
    ]
    for kind, text in numbered(seed, index):
        if kind == "h2":
            out.append(f"## {text}")
        elif kind == "p":
            out.append(text)
    out.append("- 一項\n- 兩項\n- [連結](https://example.org/)")
    out.append("```python\nprint('程式碼')\n```")
    return "\n\n".join(out) + "\n"


WRITERS = {
    "html": (scraped_html, "html"),
    "md": (scraped_markdown, "md"),
    "own": (own_markdown, "md"),
}


def write_corpus(seed: Seed, folder: Path, kind: str, articles: int) -> Path:
    """N articles of one kind (``html``, ``md``, ``own``) in a folder."""
    make, extension = WRITERS[kind]
    content = folder / f"{kind}-{articles}"
    if content.exists():
        return content
    content.mkdir(parents=True)
    for index in range(articles):
        (content / f"a-{index}.{extension}").write_text(make(seed, index), "utf-8")
    return content


def write_translated_corpus(seed: Seed, folder: Path, articles: int) -> Path:
    """N scraped HTML articles in ``zh-tw`` and each again as its ``zh-cn``
    translation: what a variants build publishes, for the variants floor."""
    content = folder / f"translated-{articles}"
    if content.exists():
        return content
    content.mkdir(parents=True)
    for index in range(articles):
        text = scraped_html(seed, index)
        (content / f"a-{index}.html").write_text(text, "utf-8")
        (content / f"a-{index}-zh-cn.html").write_text(
            scraped_html(seed, index, lang="zh-cn"), "utf-8"
        )
    return content


def long_articles(seed: Seed) -> tuple[str, str]:
    """A seed-sized article and a ~5 MB one (500 copies, unique headings, one
    disclaimer at the end), as HTML bodies."""
    small = body_html(numbered(seed, 0), seed.disclaimer)
    parts = []
    for copy in range(500):
        blocks = [
            (kind, f"{copy + 1}. {text}" if kind == "h2" else text)
            for kind, text in numbered(seed, copy)
        ]
        parts.append(body_html(blocks))
    return small, "".join(parts) + body_html([], seed.disclaimer)
