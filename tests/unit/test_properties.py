"""Nothing lost, provably: properties over generated articles (hypothesis).

Articles are made of paragraphs of mixed Chinese/Latin text with inline tags,
headings, images (real and lost), code blocks, quotes of the NetEase disclaimer
in the middle, and disclaimer variants at the end. For every one of them:
every paragraph that is not platform boilerplate survives with its text
intact (or converted exactly as OpenCC converts the plain text), processing
twice equals processing once, ids are unique, and every TOC link lands on a
heading with the link's text.
"""

from __future__ import annotations

from html import escape

import opencc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from netease_texts import CURRENT, ENGLISH

from pelican.plugins.ath.treatment.options import ArticleOptions
from pelican.plugins.ath.treatment.process import process

HAN = "的一是不了人我在有他这中大来上个国到说们为和地出道也时年得就那要下以生会着去之过家学对可她里后小么心多天能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切雲機會後裡麼與為發"
LATIN = "ABCDEFGHabcdefgh0123456789 -"
PUNCT = "，。、：；？“”《》()"

#: The platform's trailing lines, in forms scrapers and exporters produce.
TRAILERS = [
    [CURRENT, ENGLISH],
    [CURRENT],
    [
        "特別聲明:以上內容(如有圖片或視頻亦包括在內)為自媒體平臺“網易號”用戶上傳并發布,本平臺僅提供信息存儲服務。"
    ],
    [
        "特别声明：以上内容 (如有图片或视频亦包括在内) 为自媒体平台 “网易号” 用户上传并发布，本平台仅提供信息存储服务。"
    ],
    [
        "特别声明：本文为网易自媒体平台“网易号”作者上传并发布，仅代表该作者观点。网易仅提供信息发布平台。"
    ],
    [ENGLISH],
    [],
]

words = (
    st.text(alphabet=HAN + LATIN + PUNCT, min_size=1, max_size=40)
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)


@st.composite
def paragraphs(draw) -> tuple[str, str]:
    """(HTML, its text): plain or with inline tags cutting it anywhere."""
    pieces = draw(st.lists(words, min_size=1, max_size=4))
    markup, text = [], []
    for number, piece in enumerate(pieces):
        tag = draw(st.sampled_from(["", "strong", "em", "a", "span"])) if number else ""
        html = escape(piece, quote=False)
        if tag == "a":
            html = f'<a href="https://example.org/{number}">{html}</a>'
        elif tag:
            html = f"<{tag}>{html}</{tag}>"
        markup.append(html)
        text.append(piece)
    return f"<p>{''.join(markup)}</p>", "".join(text)


@st.composite
def articles(draw) -> tuple[str, list[str], int]:
    """(HTML, the texts of its content paragraphs in order, headings)."""
    blocks, texts, headings = [], [], 0
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(
            st.sampled_from(["p", "p", "p", "h2", "h3", "img", "lost", "code", "quote"])
        )
        if kind == "p":
            html, text = draw(paragraphs())
            blocks.append(html)
            texts.append(text)
        elif kind in ("h2", "h3"):
            blocks.append(f"<{kind}>{escape(draw(words))}</{kind}>")
            headings += 1
        elif kind == "img":
            blocks.append('<p><img src="https://x.example/a.jpg" alt="图"></p>')
        elif kind == "lost":
            blocks.append(
                draw(st.sampled_from(['<p><img src=""></p>', "<p>![]()</p>"]))
            )
        elif kind == "code":
            blocks.append(f"<pre><code>{escape(draw(words))}</code></pre>")
        else:  # a quote of the disclaimer is content
            text = f"他说：“{CURRENT}”{draw(words)}"
            blocks.append(f"<p>{escape(text, quote=False)}</p>")
            texts.append(text)
    trailer = draw(st.sampled_from(TRAILERS))
    glueable = (
        texts
        and blocks[-1].startswith("<p>")
        # after a colon or an opening quote the disclaimer is being quoted
        and not texts[-1].rstrip().endswith(tuple("：:“‘「『(（《"))
        # right after a quoted disclaimer (他说：“…”) it joins the quoted run
        and not texts[-1].rstrip(" ”’」』").endswith(CURRENT)
    )
    if trailer and glueable and draw(st.booleans()):
        # glued onto the end of the last paragraph
        blocks[-1] = (
            blocks[-1][: -len("</p>")] + escape(trailer[0], quote=False) + "</p>"
        )
        trailer = trailer[1:]
    blocks += [f"<p>{escape(line, quote=False)}</p>" for line in trailer]
    return "\n".join(blocks), texts, headings


PLAIN = ArticleOptions(scraped=True, punctuation=False)


def content_paragraphs(markup: str) -> list[str]:
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    return [
        paragraph.text_content()
        for paragraph in root.xpath(".//p[not(ancestor::nav)]")
        if paragraph.text_content().strip()
    ]


@settings(
    max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(articles())
def test_nothing_but_boilerplate_is_lost_and_processing_is_stable(article):
    source, texts, headings = article
    result = process(source, PLAIN)

    assert content_paragraphs(result.html) == texts
    assert "网易号" not in "".join(content_paragraphs(result.html)).replace(CURRENT, "")
    assert process(result.html, PLAIN).html == result.html

    root = lxml_html.fragment_fromstring(result.page_html(), create_parent="div")
    ids = root.xpath(".//@id")
    assert len(ids) == len(set(ids)) == headings
    links = root.xpath(".//nav[@class='toc ath-toc']//a")
    assert len(links) == (headings if headings >= 2 else 0)
    for link in links:
        (target,) = root.xpath(f'.//*[@id="{link.get("href")[1:]}"]')
        assert target.tag in ("h2", "h3")
        assert target.text_content() == link.text_content()


T2S = opencc.OpenCC("t2s").convert


def left_by_a_scraper(source: str) -> bool:
    """What the generated article shows of a scraper: a lost image, or a
    disclaimer as the whole text of its last paragraph (glued to the
    author's prose, it is the author's)."""
    if any(lost in source for lost in ('<img src="">', "![]()")):
        return True
    last = lxml_html.fragment_fromstring(source.rsplit("\n", 1)[-1])
    return any(last.text_content() == line for trailer in TRAILERS for line in trailer)


@settings(max_examples=300, deadline=None)
@given(articles())
def test_conversion_is_opencc_on_each_paragraph(article):
    """Whichever route the article takes (scraped, told by its residue, or
    the blog's own, edited in place), each paragraph converts as OpenCC
    converts its plain text."""
    source, texts, _ = article
    result = process(source, ArticleOptions(punctuation=False, script="t2s"))
    assert result.scraped is left_by_a_scraper(source)
    if not result.scraped:  # a disclaimer glued to its prose is the author's
        texts = content_paragraphs(source)
    assert content_paragraphs(result.html) == [T2S(text) for text in texts]


@settings(max_examples=300, deadline=None)
@given(articles())
def test_an_article_without_residue_is_published_as_written(article):
    """The blog's own article: no lost image, no platform disclaimer as a
    trailing block of its own (a quotation of it, or the disclaimer glued to
    its prose, is content) means not a byte changes by default."""
    source, _, _ = article
    result = process(source, ArticleOptions())
    residue = left_by_a_scraper(source)
    if not residue:
        assert result.html == source
        assert not result.scraped and result.toc_html is None
    else:
        assert result.scraped
