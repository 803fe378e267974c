"""Articles made to hurt, generated: long runs of punctuation, text that
looks like markup, first lines that look like a header, quotes nested deep;
and the two routes they go through, the scraped-text reader and the
clipper-Markdown reader. Used by ``unit/test_adversarial.py`` (no text is
lost, nothing can run script), ``slow/test_adversarial_scaling.py`` (the cost
at 4x the size is at most 5x the cost at 1x) and ``slow/test_linear_shapes.py``.

On the clipper path the cost measured is the plugin's own step on the
Markdown (cleaning the export); the rendering is Python-Markdown's, which is
quadratic in a run of ``[`` or ``<a `` (as for any Markdown file Pelican
reads; see docs/reliability.md), and what follows it is the pipeline that the
scraped-text path measures.
"""

from __future__ import annotations

from dataclasses import dataclass

import html5lib
import markdown
from hypothesis import strategies as st
from lxml import html as lxml_html
from pelican.settings import read_settings

from pelican.plugins.ath.netease.clipper import clean_export
from pelican.plugins.ath.readers.encoding import text_of
from pelican.plugins.ath.readers.page_readers import publishable
from pelican.plugins.ath.readers.text_export import body_to_html
from pelican.plugins.ath.readers.text_reader import ScrapedTextReader, read_header
from pelican.plugins.ath.treatment.options import ArticleOptions
from pelican.plugins.ath.treatment.process import process

HAN = "的一是不了人我在有他这中大来上个国到说们为和地出道也时年得就那要下以生会着去之过家学对可她里后小么心多天能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样現為與後"
#: Runs of punctuation (half-width next to Chinese is what gets converted).
PUNCTUATION = [",", "，", "。", "!", "?", ":", ";", "(", ")", "、", "…", "—", "!?", ",:", ".", "·"]  # fmt: skip
#: Text that looks like markup, to be shown as the text it is.
MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">',
    "</p><p>",
    "&lt;b&gt;",
    "&amp;",
    "<!--",
    "-->",
    "<![CDATA[",
    "](",
    "[",
    "![",
    "**",
    "# a ",
    "`",
    "> ",
    "<",
    "&",
    "\\",
]
#: Quotes nested: (opening, closing).
QUOTES = [("“", "”"), ("「", "」"), ("『", "』"), ('"', '"'), ("'", "'"), ("《", "》")]
#: First lines that look like ``Key: value`` (none is a header Pelican can use).
FIRST_LINES = ["OpenAI: ", "Q: ", "A: ", "Note: ", "Date: 明天", "Title: 標題\nQ: "]

words = st.text(alphabet=HAN, min_size=1, max_size=12)


@dataclass(frozen=True)
class Line:
    """One adversarial line: ``kind`` repeated ``size`` times (scaled)."""

    kind: str
    piece: str | tuple[str, str]
    size: int
    before: str
    after: str

    def render(self, scale: int) -> str:
        size = self.size * scale
        if self.kind == "quotes":
            opening, closing = self.piece
            return f"{self.before}{opening * size}{self.after}{closing * size}"
        if self.kind == "markdown-quote":  # '> > > 中文' (text in a .txt)
            return f"{self.before}{'> ' * size}{self.after}"
        return f"{self.before}{self.piece * size}{self.after}"


@st.composite
def lines(draw) -> Line:
    kind = draw(st.sampled_from(["punctuation", "markup", "quotes", "markdown-quote"]))
    piece = {
        "punctuation": st.sampled_from(PUNCTUATION),
        "markup": st.sampled_from(MARKUP),
        "quotes": st.sampled_from(QUOTES),
        "markdown-quote": st.just("> "),
    }[kind]
    size = draw(st.integers(5, 40) if "quote" in kind else st.integers(20, 300))
    return Line(kind, draw(piece), size, draw(words), draw(words))


@st.composite
def articles(draw) -> tuple[str, list[Line | str]]:
    """(first line, lines): adversarial lines among plain paragraphs."""
    body: list[Line | str] = []
    for _ in range(draw(st.integers(1, 6))):
        body.append(draw(lines()))
        if draw(st.booleans()):
            body.append(draw(words) + "。")
    first = draw(st.sampled_from(["", *FIRST_LINES]))
    return (first + draw(words) + "。" if first else ""), body


def scraped_text(article: tuple[str, list[Line | str]], scale: int) -> str:
    first, body = article
    rendered = [line if isinstance(line, str) else line.render(scale) for line in body]
    return (f"{first}\n\n" if first else "") + "\n".join(rendered) + "\n"


def simpread(article: tuple[str, list[Line | str]], scale: int) -> str:
    """The same lines as a SimpRead export, each line a paragraph."""
    header = "> 本文由 [简悦 SimpRead](http://ksria.com/simpread/) 转码， 原文地址 [www.163.com](https://www.163.com/dy/article/X.html)\n\n> 標題, 關鍵詞\n\n"
    return header + scraped_text(article, scale).replace("\n", "\n\n")


READER = ScrapedTextReader(read_settings(override={"TIMEZONE": "UTC"}))
#: What the plugin's readers' output gets: the scraped treatment.
PLAIN = ArticleOptions(scraped=True, punctuation=False)


def read_scraped(text: str, options: ArticleOptions = PLAIN) -> str:
    """What the scraped-text reader and the pipeline publish from ``text``."""
    found = text_of(text.encode("utf-8"))
    assert found is not None
    _, body, _ = read_header(READER, found[0])
    return process(body_to_html(body), options).html


def render(text: str) -> str:
    """The clipper export's Markdown, cleaned and rendered (not timed: the
    rendering is Python-Markdown's)."""
    export = clean_export(text)
    assert export is not None and export.kind == "simpread"
    return markdown.Markdown(extensions=["extra"]).convert(export.markdown)


def read_simpread(text: str, options: ArticleOptions = PLAIN) -> str:
    """What the clipper-Markdown reader and the pipeline publish from ``text``."""
    return process(publishable(render(text)), options).html


def published_lines(markup: str) -> list[str]:
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    return [
        element.text_content()
        for element in root.iter("p", "h2")
        if not list(element.iterancestors("nav"))
    ]


def live_script(markup: str) -> list[str]:
    """What a browser would run: parsed as browsers parse HTML."""
    found = []
    for element in html5lib.parse(markup, namespaceHTMLElements=False).iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in ("script", "iframe", "object", "embed", "style"):
            found.append(element.tag)
        for name, value in element.attrib.items():
            url = "".join(value.split()).lower()
            if name.lower().startswith("on") or url.startswith("javascript:"):
                found.append(f"{element.tag}@{name}")
    return found
