"""A flat scraped article (paragraphs and headings, plain text, images at the
end of a paragraph) is treated as a string; the result is the tree route's,
byte for byte. These tests build every document both ways and compare."""

from __future__ import annotations

import dataclasses
from unittest import mock

import pytest
from conftest import SEED
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pelican.plugins.ath.html import flat_document
from pelican.plugins.ath.html.flat_document import ReadOnce, read_blocks
from pelican.plugins.ath.html.preclean import drop_empty_image_tags
from pelican.plugins.ath.netease.boilerplate import CHROME, DISCLAIMERS
from pelican.plugins.ath.readers.precleaned import (
    HANDED,
    Handed,
    preclean,
    preclean_with_document,
    take_handed,
)
from pelican.plugins.ath.readers.text_export import body_to_html, split_header
from pelican.plugins.ath.treatment import flat as flat_route
from pelican.plugins.ath.treatment import process as dispatch
from pelican.plugins.ath.treatment import tree as tree_route
from pelican.plugins.ath.treatment.options import ArticleOptions
from pelican.plugins.ath.treatment.process import process, process_scraped
from pelican.plugins.ath.treatment.result import options_transform

PIECES = st.sampled_from(
    [
        "阿里云",
        "雲智能",
        "發佈了",
        "正文,好",
        "(甲)",
        "“引號”",
        " ",
        "\t",
        "\u3000",
        "\xa0",
        "![]()",
        "![圖]( )",
        "![x](a.png)",
        "[TOC]",
        "math",
        "特別",
        "网易",
        "a, b",
        "$x,y$",
        *DISCLAIMERS,
        *CHROME,
    ]
)
TEXT = st.lists(PIECES, max_size=4).map("".join)
SOURCE = st.sampled_from(["a.jpg", "https://x.example/p?q=1&#x", "b.png"])
ALT = st.one_of(
    st.none(),
    st.sampled_from(["", "圖片", "阿里云,图", "a b", "网易", "![]()", "特別聲明："]),
)
BLANK = st.sampled_from(["", " ", "\u3000", "\xa0"])
GAP = st.sampled_from(["", "\n", "\n\n", " ", "\t"])
OWN_ID = st.one_of(
    st.none(),
    st.none(),
    st.sampled_from(["阿里云", "section", "section-1", "a b", "雲"]),
)


@st.composite
def images(draw) -> str:
    markup = []
    for _ in range(draw(st.integers(0, 2))):
        src = draw(SOURCE).replace("&", "")
        alt = draw(ALT)
        alt_markup = "" if alt is None else f' alt="{alt}"'
        markup.append(f'<img src="{src}"{alt_markup}>{draw(GAP)}')
    return "".join(markup)


@st.composite
def flat_documents(draw) -> str:
    blocks = [draw(GAP)]
    for _ in range(draw(st.integers(0, 7))):
        kind = draw(st.sampled_from(["p", "p", "h", "marker", "blank"]))
        if kind == "p":
            blocks.append(f"<p>{draw(TEXT)}{draw(images())}</p>")
        elif kind == "marker":
            blocks.append(f"<p>{draw(st.sampled_from(['[TOC]', ' [TOC] ']))}</p>")
        elif kind == "blank":
            blocks.append(f"<p>{draw(BLANK)}</p>")
        else:
            level = draw(st.integers(1, 3))
            anchor = draw(OWN_ID)  # a script variant's headings have theirs
            own = "" if anchor is None else f' id="{anchor}"'
            blocks.append(f"<h{level}{own}>{draw(TEXT)}</h{level}>")
        blocks.append(draw(GAP))
    return "".join(blocks)


OPTIONS_LIST = [
    ArticleOptions(scraped=True, script="t2s"),
    ArticleOptions(scraped=True, script="s2tw"),
    ArticleOptions(scraped=True, script=None, punctuation=True),
    ArticleOptions(scraped=True, script=None, punctuation=False),
    ArticleOptions(scraped=True, script="s2tw", clean=False, toc_min_headings=1),
    ArticleOptions(scraped=True, script="tw2s", toc=False, quotes="corner"),
    ArticleOptions(
        scraped=True,
        script="t2s",
        boilerplate=(r"正文.*",),
        reserved_ids=frozenset({"section", "阿里云"}),
    ),
    # a replacement the tree escapes
    ArticleOptions(scraped=True, script="t2s", phrases=(("正文", "R&D <註>"),)),
]
OPTIONS = st.sampled_from(OPTIONS_LIST)


def by_tree(source: str, options: ArticleOptions, confirm: bool):
    with mock.patch.object(dispatch, "read_blocks", return_value=None):
        return process_scraped(source, options, confirm)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flat_documents(), OPTIONS, st.booleans())
# XPath's normalize-space() takes U+3000 for text: the last paragraph has it,
# and the disclaimer glued to the one before stays.
@example(f"<p>正文{DISCLAIMERS[0]}</p><p>\u3000</p>", OPTIONS_LIST[0], False)
@example("<p>[TOC]</p><h2>一</h2><p>[TOC]</p><h2>二</h2>", OPTIONS_LIST[0], False)
@example('<p><img src="a.jpg" alt="网易"></p><p>网易</p>', OPTIONS_LIST[0], True)
def test_the_string_route_equals_the_tree_route(source, options, confirm):
    assert read_blocks(source) is not None  # the route under test is taken
    assert process_scraped(source, options, confirm) == by_tree(
        source, options, confirm
    )


@pytest.mark.parametrize(
    "source",
    [
        "<p>a</p><div>b</div>",
        "<p>a &amp; b</p>",
        "<p>a<b>b</b></p>",
        '<p>a<img src="a.jpg">b</p>',  # text after the image
        '<p><img src="a b.jpg"></p>',  # lxml writes a%20b
        '<p><img src="中.jpg"></p>',
        '<p><img src=""></p>',  # the cleaner's to judge
        '<p><img alt="" src="a.jpg"></p>',
        "<p>a\r\nb</p>",
        "<p>a > b</p>",  # lxml writes &gt;
        "<h2>a\x0cb</h2>",  # the parser drops it
        "<p>a\ufffeb</p>",
        "<p>a\x7fb</p>",
        "<P>a</P>",
        "<p class=x>a</p>",
        "\u3000<p>a</p>",
        '<h2 id="">a</h2>',  # an empty id is replaced
        '<h2 class="x">a</h2>',
    ],
)
def test_what_is_not_flat_goes_to_the_tree(source):
    assert read_blocks(source) is None


def test_the_seed_and_a_scraped_page_with_images_or_naming_math_take_the_string_route():
    seed = body_to_html(split_header(SEED.read_text("utf-8"))[1])
    with_images = seed.replace(
        "</p>", '<img src="https://x.example/a.jpg" alt="阿里云">\n</p>', 3
    )
    # No element of a flat document has a class: naming math is only text.
    naming_math = seed.replace("</p>", " (class math, MathJax)</p>", 1)
    for source in (seed, with_images, naming_math):
        with mock.patch.object(
            tree_route, "parse", side_effect=AssertionError("lxml parse")
        ):
            result = process(source, ArticleOptions(scraped=True, script="t2s"))
        assert result.toc_html and "阿里云" in result.html
        assert result == by_tree(
            source, ArticleOptions(scraped=True, script="t2s"), False
        )


#: How a lost image reaches pre-cleaning: the forms it reads in one pass with
#: the document (a paragraph of its own, as Pelican's HTML reader and
#: Markdown write ``![]()``), then forms the tokenizer must judge.
READ_WITH_THE_DOCUMENT = [
    '<p><img src="" alt=""></p>',
    '<p><img alt="" src="" /></p>',
    '<p><img alt="" src=""></p>',
    '<p><img src="" alt="" /></p>',
]
LEFT_TO_THE_TOKENIZER = [
    '<p> <img src="" alt=""></p>',
    '<p><img src="" alt="x"></p>',
    '<p>a<img src="" alt=""></p>',
    '<img src="" alt="">',
    '<p><img src=""></p>',
    '<!-- <p><img src="" alt=""></p> -->',
    '<p title="<p><img src=&quot;&quot; alt=&quot;&quot;></p>">t</p>',
    '<h2 id="<p><img src="" alt=""></p>">t</h2>',
]


def images_of(block):
    return [(image.src, image.alt, image.tail) for image in block.images]


def fields(document):
    return (
        document.source,
        document.end,
        [
            (b.start, b.end, b.before, b.level, b.text, b.id, b.own_id, images_of(b))
            for b in document.blocks
        ],
    )


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            flat_documents(),
            st.sampled_from(READ_WITH_THE_DOCUMENT),
            st.sampled_from(LEFT_TO_THE_TOKENIZER),
        ),
        max_size=6,
    )
)
def test_precleaning_reads_a_flat_document_once(pieces):
    source = "".join(pieces)
    cleaned, removals, kept = preclean_with_document(source)
    assert (cleaned, removals) == drop_empty_image_tags(source) == preclean(source)
    if 'src=""' in source and not any(p in LEFT_TO_THE_TOKENIZER for p in pieces):
        assert kept is not None  # read once, here
    if kept is not None:
        assert kept.source is cleaned
        assert fields(kept) == fields(read_blocks(cleaned))


def test_what_precleaning_hands_on_is_taken_once():
    """A reader cache keeps the metadata: the next build takes nothing from
    it (not a document the treatment changed, not the removals again)."""
    _, removals, document = preclean_with_document(
        '<p><img src="" alt=""></p><p>正文</p>'
    )
    assert document is not None and removals
    metadata = {"title": "t", HANDED: Handed(removals, ReadOnce(document))}
    kept = dict(metadata)
    assert take_handed(metadata) == (removals, document)
    assert metadata == {"title": "t"}
    assert take_handed(kept) == ([], None)
    assert take_handed({"title": "t"}) == ([], None)


def test_a_seed_sized_export_is_read_once():
    """The reader's output of a scraped article with lost images: its
    blocks go from pre-cleaning to the treatment, which reads nothing again."""
    lost = '<p><img src="" alt=""></p>'
    source = f"\n{lost}\n<p>阿里云,正文</p>\n<h2>一</h2>\n{lost}\n<p>內容</p>\n{lost}"
    cleaned, removals, document = preclean_with_document(source)
    assert cleaned == "\n\n<p>阿里云,正文</p>\n<h2>一</h2>\n\n<p>內容</p>\n"
    assert [r.text for r in removals] == ['<img src="" alt="">'] * 3
    options = ArticleOptions(scraped=True, script="t2s")
    with mock.patch.object(
        dispatch, "read_blocks", side_effect=AssertionError("read again")
    ):
        result = process_scraped(cleaned, options, flat=document)
    assert result == by_tree(cleaned, options, False)
    assert '<h2 id="一">' in result.html


def test_the_read_unpacks_the_groups_of_its_pattern_in_their_order():
    order = sorted(
        flat_document._BLOCKS.groupindex, key=flat_document._BLOCKS.groupindex.get
    )
    assert tuple(order) == flat_document.GROUPS


# -- script variants made from the original's pass -------------------------------

VARIANT_CONFIGS = st.sampled_from(["tw2s", "s2tw", "t2s", "s2hk"])
PHRASES_AMP = (("正文", "正文 & 註"),)
PHRASES = st.sampled_from([(), (("雲智能", "云智能"),), PHRASES_AMP])


def variant_options(original: ArticleOptions, config: str, phrases=()):
    """What a clone's metadata gives (:func:`content.options_for`): the
    site's options, its script's, nothing cleaned again."""
    return dataclasses.replace(
        original,
        scraped=True,
        script=config,
        phrases=phrases,
        quotes=None,
        clean=False,
        punctuation=False,
    )


def variant_source(result) -> str:
    """What :func:`variants.make_variant` creates a clone with when nothing
    was made in the pass: the finished article, a marker at its TOC."""
    at = result.toc_at
    if result.toc_html and 0 < at <= len(result.html):
        return f"{result.html[:at]}<p>[TOC]</p>{result.html[at:]}"
    return result.html


def made_by_its_own_treatment(result, options):
    """The clone's treatment of the finished article, notes left out (they
    were given for the original)."""
    made = process_scraped(variant_source(result), options)
    made.notes = []
    return made


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flat_documents(), OPTIONS, VARIANT_CONFIGS, PHRASES)
@example("<h2>一</h2><p>[TOC]</p><h2>二</h2>", OPTIONS_LIST[0], "s2tw", ())
@example("<p>[TOC]</p><h2>雲</h2><h2>二</h2>", OPTIONS_LIST[4], "t2s", ())
@example("<p>正文</p><h2>雲</h2><h2>二</h2>", OPTIONS_LIST[0], "tw2s", PHRASES_AMP)
def test_a_variant_made_in_the_pass_is_what_its_own_treatment_gives(
    source, options, config, phrases
):
    wanted = variant_options(options, config, phrases)
    try:
        result = flat_route.process_flat(
            read_blocks(source),
            options,
            options_transform(options, options.punctuation),
            dispatch._compiled(options.boilerplate),
            False,
            [wanted],
        )
    except flat_route.NotFlat:  # the tree route: the clone treats the result
        return
    made = result.variants.pop(config, lambda html: None)(result.html)
    if made is None:  # the converted text needs escaping: the clone judges
        assert any("&" in new for _, new in phrases)
        return
    assert made == made_by_its_own_treatment(result, wanted)
    assert result == process_scraped(source, options)  # the original as before


def test_the_seeds_variant_is_made_in_the_pass():
    seed = body_to_html(split_header(SEED.read_text("utf-8"))[1])
    options = ArticleOptions(scraped=True, script="s2tw")
    wanted = variant_options(options, "tw2s")
    result = process_scraped(seed, options, variants=[wanted])
    made = result.variants["tw2s"](result.html)
    assert made.toc_html and "阿里云" in made.html and "阿里雲" in result.html
    assert made == made_by_its_own_treatment(result, wanted)


@pytest.mark.parametrize(
    "source",
    [
        "<p>這是雲端服務</p><h2>雲端</h2><h2>二</h2>",  # flat
        "<div><p>這是雲端服務</p><h2>雲端</h2><h2>二</h2></div>",  # serialised
        "<p>這是<b>雲端</b>服務</p><h2>雲端</h2><h2>二</h2>",  # walked
    ],
)
@pytest.mark.parametrize("scraped", [True, False])
def test_a_phrase_that_writes_markup_is_escaped_on_every_route(source, scraped):
    options = ArticleOptions(
        scraped=scraped,
        script="t2s",
        own=frozenset({"toc"}),
        phrases=(("雲端", 'R&D <x> "y"'),),
    )
    result = process(source, options)
    assert "R&D" not in result.html and "<x>" not in result.html
    assert result.html.count("R&amp;D &lt;x&gt;") == 2
    assert ">R&amp;D &lt;x&gt; &quot;y&quot;</a>" in result.toc_html  # escaped once
