"""The three routes apply one rulebook: for a document more than one of them
can take, they give the same heading ids, heading texts and TOC, and put the
TOC (or take the ``[TOC]`` markers out) in the same place.

Generated documents are flat (paragraphs and headings of plain text), with
ids of their own, empty ids, duplicates, ``[TOC]`` markers, entities and
blank text: the flat and the tree route take each one that is flat
(test_flat_article.py compares their bytes), the own route (with
``ATH_OWN_CONTENT = ["ids", "toc"]``) and the tree route take all of them.
The own route edits in place, so its page is compared with the tree's but
for blank text.
"""

from __future__ import annotations

import re
from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pelican.plugins.ath.html.flat_document import read_blocks
from pelican.plugins.ath.treatment import process as dispatch
from pelican.plugins.ath.treatment.flat import NotFlat, process_flat
from pelican.plugins.ath.treatment.options import ArticleOptions
from pelican.plugins.ath.treatment.own import process_own
from pelican.plugins.ath.treatment.process import process_scraped
from pelican.plugins.ath.treatment.result import Result, options_transform

TEXT = st.lists(
    st.sampled_from(
        [
            "前言",
            "阿里云",
            "Menu",
            "a b",
            " ",
            "\n",
            "\u3000",
            "\xa0",
            "[TOC]",
            "“”",
            "-",
        ]
    ),
    max_size=3,
).map("".join)
#: Ids of the document's own: none, empty (a browser's none), or one that a
#: heading's text would also make.
OWN_ID = st.sampled_from([None, None, None, "", "前言", "section", "menu", "x-1"])
MARKER = st.sampled_from(["[TOC]", " [TOC] ", "\u3000[TOC]", "[toc]", "&#32;[TOC]"])
ENTITY = st.sampled_from(["", "", "&amp;", "&lt;b&gt;"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    blocks = []
    for _ in range(draw(st.integers(0, 7))):
        kind = draw(st.sampled_from(["p", "h", "h", "marker"]))
        gap = draw(st.sampled_from(["", "\n"]))
        if kind == "p":
            blocks.append(f"<p>{draw(TEXT)}{draw(ENTITY)}</p>{gap}")
        elif kind == "marker":
            blocks.append(f"<p>{draw(MARKER)}</p>{gap}")
        else:
            level = draw(st.integers(1, 4))
            anchor = draw(OWN_ID)
            own = "" if anchor is None else f' id="{anchor}"'
            text = draw(TEXT) + draw(ENTITY)
            blocks.append(f"<h{level}{own}>{text}</h{level}>{gap}")
    return "".join(blocks)


#: No full-width punctuation: the own route has it only if it opts in.
PLAIN = ArticleOptions(punctuation=False)
OPTIONS = st.builds(
    ArticleOptions,
    toc_min_headings=st.integers(1, 3),
    reserved_ids=st.sampled_from([frozenset(), frozenset({"menu", "section"})]),
    punctuation=st.just(False),
    script=st.sampled_from([None, None, "s2tw", "t2s"]),
)


def by_tree(source: str, options: ArticleOptions) -> Result:
    scraped = ArticleOptions(**{**vars(options), "scraped": True, "clean": False})
    with mock.patch.object(dispatch, "read_blocks", return_value=None):
        result = process_scraped(source, scraped)
    assert result is not None
    return result


def by_own(source: str, options: ArticleOptions) -> Result:
    own = ArticleOptions(**{**vars(options), "own": frozenset({"ids", "toc"})})
    return process_own(source, own)


def by_flat(source: str, options: ArticleOptions) -> Result | None:
    document = read_blocks(source)
    if document is None:
        return None
    scraped = ArticleOptions(**{**vars(options), "scraped": True, "clean": False})
    try:
        transform = options_transform(scraped, scraped.punctuation)
        return process_flat(document, scraped, transform, (), False)
    except NotFlat:
        return None


def rules(result: Result) -> tuple[object, ...]:
    """What the rulebook decides: ids, texts, the TOC, the markers' notes
    (a scraped article of headings only is noted as a bad scrape: a rule
    of scraped articles alone)."""
    notes = [note for note in result.notes if "[TOC]" in note]
    return result.headings, result.toc_tree, result.toc_html, notes


def page(result: Result) -> str:
    """The page with its TOC, blank text aside (the own route keeps the
    blank text around what it takes out)."""
    return re.sub(r"\s+", "", result.page_html())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), OPTIONS)
@example('<h2 id="">前言</h2><h2>前言</h2><p>[TOC]</p>', PLAIN)
@example(
    "<h2>Menu</h2><h2>menu</h2>",
    ArticleOptions(punctuation=False, reserved_ids=frozenset({"menu"})),
)
@example("<p>[TOC]</p><h2>前言</h2><p>[TOC]</p>", PLAIN)
def test_the_routes_agree_on_every_rule(source: str, options: ArticleOptions) -> None:
    tree = by_tree(source, options)
    own = by_own(source, options)
    assert rules(own) == rules(tree)
    assert page(own) == page(tree)
    flat = by_flat(source, options)
    if flat is not None:
        assert rules(flat) == rules(tree)
        assert flat.page_html() == tree.page_html()


def test_the_generator_reaches_every_route() -> None:
    """Flat documents for the flat route, others (an empty id, an entity)
    for the tree route alone."""
    assert by_flat("<h2>前言</h2><p>[TOC]</p><h2>前言</h2>", PLAIN)
    assert by_flat('<h2 id="">前言</h2>', PLAIN) is None
    assert by_flat("<p>&amp;</p>", PLAIN) is None


# -- code-like elements: one rule, every route -------------------------------------

#: Code-like elements as docutils, Markdown and Pygments write them, and as
#: authors do: by tag, or by a class that says code (written out here, not
#: taken from the plugin's rule).
INLINE_CODE = [
    ('<tt class="docutils literal">', "</tt>"),
    ('<code class="docutils literal notranslate"><span class="pre">', "</span></code>"),
    ('<span class="pre">', "</span>"),
    ('<span class="docutils literal">', "</span>"),
    ("<code>", "</code>"),
    ("<kbd>", "</kbd>"),
    ("<samp>", "</samp>"),
    ("<var>", "</var>"),
    ("<tt>", "</tt>"),
    ('<span class="language-python">', "</span>"),
    ('<em class="code">', "</em>"),
]
BLOCK_CODE = [
    ('<div class="highlight"><pre><span></span>', "</pre></div>"),
    ('<pre class="literal-block">', "</pre>"),
    ('<div class="codehilite"><span>', "</span></div>"),
    ('<div class="sourceCode"><span>', "</span></div>"),
    ('<p class="highlight-python">', "</p>"),
]
CODE_TEXT = st.sampled_from(["后台", "'重命名后的列名'", "a, b", "“后”", "云(,)"])
PROSE = st.sampled_from(["后面", "阿里云", "a, b", "说:", ""])


@st.composite
def documents_with_code(draw: st.DrawFn) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.booleans()):
            start, end = draw(st.sampled_from(INLINE_CODE))
            code = f"{start}{draw(CODE_TEXT)}{end}"
            blocks.append(f"<p>{draw(PROSE)}{code}{draw(PROSE)}</p>\n")
        else:
            start, end = draw(st.sampled_from(BLOCK_CODE))
            blocks.append(f"{start}{draw(CODE_TEXT)}{end}\n")
    return "".join(blocks)


CODE_OPTIONS = st.builds(
    ArticleOptions,
    punctuation=st.booleans(),
    script=st.sampled_from(["s2tw", "s2twp", "t2s"]),
)


def code_texts(markup: str) -> list[str]:
    """The text of every code-like element of ``markup``, in order."""
    from lxml import html

    root = html.fragment_fromstring(markup, create_parent="div")
    query = " | ".join(
        [
            ".//tt | .//code | .//pre | .//kbd | .//samp | .//var",
            *(
                f'.//*[contains(concat(" ", @class, " "), " {name} ")]'
                for name in ("pre", "literal", "code", "highlight", "codehilite")
            ),
            './/*[contains(concat(" ", @class, " "), " sourceCode ")]',
            './/*[starts-with(@class, "language-") or starts-with(@class, "highlight-")]',
        ]
    )
    return [element.text_content() for element in root.xpath(query)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_with_code(), CODE_OPTIONS)
@example(
    "<p>重命名后的列名<tt class=\"docutils literal\">'重命名后的列名'</tt></p>",
    ArticleOptions(script="s2tw"),
)
def test_the_routes_keep_code_like_elements_as_written(
    source: str, options: ArticleOptions
) -> None:
    """The own route (the blog's own article, opted into conversion and
    punctuation) and the tree route (a scraped one) convert the same prose
    and leave every code-like element as written."""
    opted = frozenset({"punctuation"} if options.punctuation else ())
    own = process_own(source, ArticleOptions(**{**vars(options), "own": opted}))
    tree = by_tree(source, options)
    assert code_texts(own.html) == code_texts(tree.html) == code_texts(source)
    assert page(own) == page(tree)


def test_code_like_elements_are_kept_in_serialised_conversion() -> None:
    """A scraped document whose runs are single text nodes is converted on
    its serialised HTML: a class that says code sends it to the tree walk."""
    source = '<p class="language-python">print("发现")</p><p>发现</p>'
    tree = by_tree(source, ArticleOptions(script="s2tw", punctuation=False))
    assert tree.html == '<p class="language-python">print("发现")</p><p>發現</p>'
