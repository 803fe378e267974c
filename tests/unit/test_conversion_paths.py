"""The two ways the treatment converts a document give the same result.

A document whose every run of text is one text node (no inline element cuts
its text, no code, no comment, nothing that serialisation escapes) is
converted on its serialised HTML, between the tags; every other document is
converted on the tree, run by run. The first is only a faster route to the
second: these tests build each document both ways and compare everything.
"""

from __future__ import annotations

from html import escape
from unittest import mock

import pytest
from conftest import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pelican.plugins.ath.html.serialised import runs_are_text_nodes
from pelican.plugins.ath.html.tree import parse, serialise
from pelican.plugins.ath.readers.text_export import body_to_html, split_header
from pelican.plugins.ath.treatment import process as dispatch
from pelican.plugins.ath.treatment import tree as tree_route
from pelican.plugins.ath.treatment.options import ArticleOptions
from pelican.plugins.ath.treatment.process import process
from pelican.plugins.ath.treatment.result import Result

HAN = "云雲里裡裏干幹乾發发台臺後后著着于於為为鼠标標軟件體计程車阿智能臺灣中文的了"
OTHER = "AaU0 ,:;!?()（）“”「」。，\n\t&<>"
TEXT = st.text(alphabet=HAN + OTHER, min_size=0, max_size=24)

OPTIONS = [
    ArticleOptions(scraped=True, script="t2s"),
    ArticleOptions(scraped=True, script="s2tw"),
    ArticleOptions(
        scraped=True, script="s2tw", keep_traditional=False, punctuation=False
    ),
    ArticleOptions(scraped=True, script="s2twp", phrases=(("云智能", "雲智能"),)),
    ArticleOptions(scraped=True, script="tw2s", clean=False, toc_min_headings=1),
    ArticleOptions(scraped=True, script=None, punctuation=True),
]


def by_tree(source: str, options: ArticleOptions) -> Result:
    """The document converted run by run on the tree, whatever it holds."""
    with (
        mock.patch.object(dispatch, "read_blocks", return_value=None),
        mock.patch.object(tree_route, "runs_are_text_nodes", return_value=False),
    ):
        return process(source, options)


def by_serialised_tree(source: str, options: ArticleOptions) -> Result:
    """The document on the tree route (flat or not)."""
    with mock.patch.object(dispatch, "read_blocks", return_value=None):
        return process(source, options)


#: Block-level HTML for two texts ({0}, {1}) and an inline tag ({2}); now and
#: then an inline tag, a comment or code.
TEMPLATES = (
    "<p>{0}</p>",
    "<p>{0}</p>",
    "<h2>{0}</h2>",
    "<h3>{0}</h3>",
    "<div>{0}</div>",
    "<ul><li>{0}</li></ul>",
    "<p>{0}<br>{1}</p>",
    '<p>{0}<img src="https://x.example/a.jpg"></p>',
    '<p><img src="https://x.example/a.jpg">{0}</p>',
    "<p>{0}<{2}>{1}</{2}>云</p>",
    "<!-- 云{1} --><p>{0}</p>",
    "<pre><code>{0}</code></pre>",
    '<p title="{1}">{0}</p>',
    '<div class="math">{0}</div>',
)


@st.composite
def blocks(draw) -> str:
    template = draw(st.sampled_from(TEMPLATES))
    first, second = (escape(draw(TEXT)) for _ in range(2))
    tag = draw(st.sampled_from(["a", "strong", "span", "em"]))
    return template.format(first, second.replace("-", ""), tag)


documents = st.lists(blocks(), min_size=1, max_size=8).map("\n".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from(OPTIONS))
def test_conversion_on_serialised_html_equals_conversion_on_the_tree(source, options):
    assert by_serialised_tree(source, options) == by_tree(source, options)


def seed_html() -> str:
    return body_to_html(split_header(SEED.read_text("utf-8"))[1])


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: str(o.script))
def test_the_seed_converts_the_same_both_ways(options):
    assert by_serialised_tree(seed_html(), options) == by_tree(seed_html(), options)


def test_the_seed_takes_the_serialised_route():
    """On the tree route, the one-pass conversion is the one a scraped article
    takes (else it is dead code)."""
    assert runs_are_text_nodes(serialise(parse(seed_html())))
    with mock.patch.object(
        tree_route, "convert_tree", side_effect=AssertionError("tree walk")
    ):
        result = by_serialised_tree(
            seed_html(), ArticleOptions(scraped=True, script="t2s")
        )
    assert "阿里云" in result.html


def test_a_finished_article_takes_the_serialised_route_again():
    """A script variant is made from the finished article, whose content holds
    no TOC (that goes into the page only): it converts on the fast route."""
    finished = process(seed_html(), ArticleOptions(scraped=True, script="s2tw"))
    assert "<nav" not in finished.html and finished.toc_html
    again = ArticleOptions(scraped=True, script="tw2s", clean=False)
    with mock.patch.object(
        tree_route, "convert_tree", side_effect=AssertionError("tree walk")
    ):
        variant = by_serialised_tree(finished.html, again)
    assert variant.page_html().count('<nav class="toc ath-toc">') == 1
    assert variant == by_tree(finished.html, again)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>阿里云</p><h2>一</h2><p>甲<br>乙</p>", True),
        ('<p>甲<img src="a.jpg"></p>', True),
        ('<p>甲<img src="a.jpg">\n</p>', True),
        ('<p>甲<img src="a.jpg">乙</p>', False),  # the image joins 甲 and 乙
        ("<p>鼠<a href='#'>标</a></p>", False),
        ("<p>甲</p><!-- 乙 -->", False),
        ("<pre>甲</pre>", False),
        ("<p>甲 &amp; 乙</p>", False),  # serialised as &amp;
        ("<p>1 &lt; 2</p>", False),
        ('<p title="&lt;云&gt;">甲</p>', True),  # attributes are not text
        ('<div class="math">甲,乙</div>', False),  # TeX, never converted
        ('<p class="MathJax">甲</p>', False),
    ],
)
def test_runs_are_text_nodes(markup, expected):
    assert runs_are_text_nodes(serialise(parse(markup))) is expected
