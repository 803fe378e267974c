"""Every input shape known to have cost quadratic time, grown 4x through each
reader route: the cost at 4x is at most 5x the cost at 1x (CPU time, the best
of several runs; see ``linear.scaling``).

Routes: the scraped-text reader (``.txt``), the clipper-Markdown reader (the
plugin's cleaning of the export, then the pipeline on the rendered page:
Python-Markdown's own rendering is not timed, it is quadratic in a run of
``[`` or ``[a](b``, as for any Markdown file Pelican reads), the saved-page
reader, and the pipeline on what Pelican's own readers give (pre-cleaning,
then the residue check and whatever it leads to).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import markdown
from adversarial import read_scraped, simpread
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from linear import deadline, scaling

from pelican.plugins.ath.netease.clipper import clean_export
from pelican.plugins.ath.readers.page_readers import publishable, read_page
from pelican.plugins.ath.readers.precleaned import preclean
from pelican.plugins.ath.treatment.options import ArticleOptions
from pelican.plugins.ath.treatment.process import process

HAN = "的一是不了人我在有他这中大来上个国到说们为和地出道也时年得就那要下以"


@dataclass(frozen=True)
class Shape:
    """``unit`` repeated, between ``before`` and ``after``."""

    unit: str
    before: str = ""
    after: str = ""

    def render(self, count: int) -> str:
        return self.before + self.unit * count + self.after


#: The shapes, each found quadratic somewhere once (docs/reliability.md).
SHAPES = {
    "<": Shape("<"),
    "<img": Shape("<img"),
    "<p": Shape("<p"),
    "[": Shape("["),
    "](": Shape("]("),
    "![": Shape("!["),
    "[a](b": Shape("[a](b"),
    "nested inline": Shape("<span><font><section>", after="字"),
    "unclosed object": Shape("<p>段<object>"),
    "unclosed select": Shape("<p>段<select>"),
    "<img in an attribute": Shape("<img", '<p title="', '">字<img src="a.png"></p>'),
    "<p in an attribute": Shape("<p", '<p title="', '">字 <img src=""></p>'),
    "<img in one tag": Shape(" <img src", "<img", "=x>"),
    "ASCII": Shape("abcdefgh"),
    "ASCII words": Shape("ab.cd/ef "),
}


@dataclass(frozen=True)
class Document:
    """Shapes (by name, with a count at 1x) among Chinese words."""

    parts: tuple[tuple[str, int, str], ...]

    def body(self, scale: int) -> str:
        return "\n".join(
            words + SHAPES[name].render(count * scale) + words
            for name, count, words in self.parts
        )


words = st.text(alphabet=HAN, min_size=1, max_size=8)
parts = st.tuples(st.sampled_from(sorted(SHAPES)), st.integers(100, 300), words)
documents = st.lists(parts, min_size=1, max_size=3).map(
    lambda found: Document(tuple(found))
)
#: Every shape, 300 of each: what an example of each route starts with.
EVERY_SHAPE = Document(tuple((name, 300, "字") for name in SHAPES))

SAVED_PAGE = (
    '<html><head><link rel="canonical" href="https://www.163.com/dy/article/X.html">'
    '<title>标题_网易订阅</title></head><body><h1 class="post_title">标题</h1>'
    '<div class="post_body"><p>前言。</p>{body}</div></body></html>'
)


#: The whole treatment, full-width punctuation (and its URL search) included.
WHOLE = ArticleOptions(scraped=True)


def scraped_text(document: Document, scale: int) -> Callable[[], object]:
    return partial(read_scraped, document.body(scale) + "\n", WHOLE)


def clipper_markdown(document: Document, scale: int) -> Callable[[], object]:
    text = simpread(("", [document.body(scale)]), 1)
    export = clean_export(text)
    assert export is not None
    rendered = markdown.Markdown(extensions=["extra"]).convert(export.markdown)

    def run() -> None:
        clean_export(text)
        process(publishable(rendered), WHOLE)

    return run


def saved_page(document: Document, scale: int) -> Callable[[], object]:
    data = SAVED_PAGE.format(body=document.body(scale)).encode()

    def run() -> None:
        page = read_page(data)
        assert page is not None
        process(publishable(page.body), WHOLE)

    return run


def pelican_reader(document: Document, scale: int) -> Callable[[], object]:
    content = "<p>正文。</p>\n" + document.body(scale)

    def run() -> None:
        process(preclean(content)[0], ArticleOptions())

    return run


ROUTES = {
    "scraped text": scraped_text,
    "clipper Markdown": clipper_markdown,
    "saved page": saved_page,
    "Pelican reader": pelican_reader,
}

#: A few examples, each measured at two sizes; a failure is not shrunk (that
#: would time many smaller documents).
TIMED = settings(
    max_examples=3,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)


@TIMED
@given(documents, st.sampled_from(sorted(ROUTES)))
@example(EVERY_SHAPE, "scraped text")
@example(EVERY_SHAPE, "clipper Markdown")
@example(EVERY_SHAPE, "saved page")
@example(EVERY_SHAPE, "Pelican reader")
def test_every_shape_costs_linear_time_through_every_route(document, route):
    make = partial(ROUTES[route], document)
    with deadline(300, f"{route}: the 1x and 4x documents, five times each"):
        assert scaling(make, 1) <= 5, (route, document)
