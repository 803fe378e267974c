"""pelican-ath added to a blog that already exists: the blog's own content
comes out exactly as it went in.

``tests/data/existing_blog`` is such a blog (Markdown with Markdown's toc and
footnotes extensions, reStructuredText with ``.. contents::``, hand-written
HTML, math for render_math, ``[ref]`` footnotes for simple_footnotes, a
series, ``toc:`` metadata read by its templates, ``robots.txt``/``humans.txt``
through EXTRA_PATH_METADATA, a ``keybase.txt`` in a static folder, two
text notes the author keeps in ``content/``: ``hello.txt``, one line of
Chinese, and ``notes/pandas-rename.txt``, Chinese prose around an indented
code line, which Pelican alone ignores). Each test
builds it with real third-party plugins, without and with pelican-ath, in
fresh processes (a plugin's signals stay connected in a process), and
compares what was written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED
from lxml import html as lxml_html

BLOG = Path(__file__).parents[1] / "data" / "existing_blog"
THEIR_PLUGINS = ["render_math", "simple_footnotes", "series"]
STATIC_FILES = [
    "robots.txt",
    "humans.txt",
    "static/keybase.txt",
    "static/notes.txt",
    "images/logo.png",
]
OWN_ARTICLES = ["probability.html", "contents-rst.html", "hand.html"]
#: Text notes of the author's in ``content/``: not scraped exports, so not
#: articles (Pelican alone neither reads nor copies them).
NOTES = ["hello.txt", "notes/pandas-rename.txt"]
#: A small plugin of the test's own that does what the pelican-plugins
#: ``extract_toc`` plugin does: the TOC of Markdown's toc extension or of
#: docutils is moved out of the content into ``content.toc``.
EXTRACT_TOC = """
import re
from pelican import signals
from pelican.contents import Static

TOC = re.compile(r'<div class="(?:toc|contents topic)"[^>]*>.*?</ul>\\s*</div>', re.S)

def extract(content):
    if isinstance(content, Static) or not content._content:
        return
    found = TOC.search(content._content)
    if found:
        content.toc = found.group(0)
        content._content = content._content[: found.start()] + content._content[found.end():]

def register():
    signals.content_object_init.connect(extract)
"""


def build(
    tmp_path: Path, name: str, plugins: list[str], extra_files=(), **settings
) -> tuple[Path, str]:
    """Build a copy of the blog; the output folder and everything logged."""
    site = tmp_path / name
    shutil.copytree(BLOG, site)
    for relative, data in extra_files:
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    (site / "extract_toc_like.py").write_text(EXTRACT_TOC, encoding="utf-8")
    settings = {"PLUGINS": plugins, "CACHE_CONTENT": False, **settings}
    extra = [f"{key}={json.dumps(value)}" for key, value in settings.items()]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            "content",
            "-s",
            "pelicanconf.py",
            "-o",
            "output",
            "-e",
            *extra,
        ],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "400", "PYTHONPATH": str(site)},
    )
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    return site / "output", log


def files(output: Path) -> dict[str, bytes]:
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


def differences(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    return sorted(
        name
        for name in before.keys() | after.keys()
        if before.get(name) != after.get(name)
    )


#: Pelican 4.11 warns about feeds without SITEURL although FEED_DOMAIN makes
#: their links absolute (4.12 reads FEED_DOMAIN too): the blog's, not ours.
PELICAN_411_FEEDS = "Feeds generated without SITEURL set properly"


def warnings(log: str) -> list[str]:
    """A build's warnings and errors, without their time (two builds log the
    same warning at different times)."""
    return [
        re.sub(r"^(\[[\d:]+\])?\s*", "", line).rstrip()
        for line in log.splitlines()
        if re.search(r"WARNING|ERROR", line) and PELICAN_411_FEEDS not in line
    ]


def page(output: Path, name: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((output / name).read_text(encoding="utf-8"))


def body(output: Path, name: str) -> lxml_html.HtmlElement:
    (found,) = page(output, name).xpath('//div[contains(@class, "entry-content")]')
    return found


def tocs(element: lxml_html.HtmlElement) -> list:
    return element.xpath(
        './/*[contains(concat(" ", @class, " "), " toc ")'
        ' or contains(concat(" ", @class, " "), " contents ")]'
    )


# -- with default settings, nothing moves -------------------------------------------


@pytest.mark.parametrize(
    "plugins",
    [
        [*THEIR_PLUGINS, "pelican_ath"],
        ["pelican_ath", *THEIR_PLUGINS],
        ["pelican_ath", *THEIR_PLUGINS, "extract_toc_like"],
        [*THEIR_PLUGINS, "extract_toc_like", "pelican_ath"],
    ],
    ids=["ath-last", "ath-first", "extract-toc-after", "extract-toc-before"],
)
def test_the_blog_is_byte_identical_with_the_plugin(tmp_path, plugins):
    theirs = [name for name in plugins if name != "pelican_ath"]
    without, log_without = build(tmp_path, "without", theirs)
    with_ath, log_with = build(tmp_path, "with", plugins)
    before, after = files(without), files(with_ath)
    assert differences(before, after) == []
    assert warnings(log_with) == warnings(log_without) == []
    for name in STATIC_FILES:  # published as they are, where they were
        assert name in after
    assert "robots.html" not in after and "category/extra.html" not in after
    for note in NOTES:  # the author's notes stay out of the site, as without it
        stem = Path(note).stem
        assert not [name for name in after if stem in name], note
    assert "今天把博客搬到了" not in after["index.html"].decode("utf-8")


def test_the_blog_with_i18n_subsites_is_byte_identical(tmp_path):
    subsites = {"I18N_SUBSITES": {"en": {"SITENAME": "An existing blog"}}}
    theirs = ["i18n_subsites", *THEIR_PLUGINS]
    without, log_without = build(tmp_path, "without", theirs, **subsites)
    with_ath, log_with = build(tmp_path, "with", ["pelican_ath", *theirs], **subsites)
    before, after = files(without), files(with_ath)
    assert any(name.startswith("en/") for name in before)
    assert differences(before, after) == []
    assert warnings(log_with) == warnings(log_without)


# -- with ATH_SCRIPT, the blog's own content is converted and nothing else moves ------


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("converted")
    without, log_without = build(tmp_path, "without", THEIR_PLUGINS)
    with_ath, log_with = build(
        tmp_path, "with", [*THEIR_PLUGINS, "pelican_ath"], ATH_SCRIPT="s2tw"
    )
    return without, with_ath, log_without, log_with


def test_s2tw_converts_the_prose_of_the_blogs_own_articles(converted):
    without, with_ath, _, _ = converted
    text = body(with_ath, "hand.html").text_content()
    assert "阿里雲的文章" in text
    assert "阿里云" in body(without, "hand.html").text_content()
    assert "阿里雲、合併" in body(with_ath, "contents-rst.html").text_content()


def test_s2tw_keeps_static_files_warnings_and_the_blogs_metadata(converted):
    without, with_ath, log_without, log_with = converted
    before, after = files(without), files(with_ath)
    for name in STATIC_FILES:
        assert after[name] == before[name]
    assert before.keys() == after.keys()
    assert warnings(log_with) == warnings(log_without) == []
    for name in OWN_ARTICLES:  # the templates read the blog's own ``toc:``
        flags = [
            page(output, name).xpath('//p[@class="own-toc-flag"]')
            for output in (without, with_ath)
        ]
        assert len(flags[0]) == len(flags[1])
        sidebar = [
            page(output, name).xpath('//li[@class="sidebar-page"]')
            for output in (without, with_ath)
        ]
        assert len(sidebar[0]) == len(sidebar[1]) == 1


def test_s2tw_leaves_math_code_and_code_like_punctuation_alone(converted):
    without, with_ath, _, _ = converted
    for name in OWN_ARTICLES:
        old, new = body(without, name), body(with_ath, name)
        for query in (".//*[@class='math']", ".//code", ".//pre", ".//tt", ".//script"):
            assert [e.text_content() for e in new.xpath(query)] == [
                e.text_content() for e in old.xpath(query)
            ], (name, query)
        assert len(tocs(new)) == len(tocs(old)) <= 1
    probability = body(with_ath, "probability.html").text_content()
    assert "條件運算符(?:)與逗號運算符(,)" in probability  # no full-width punctuation
    hand = (with_ath / "hand.html").read_text(encoding="utf-8")
    assert "公式\\(P(\\text{正面})\\)寫在文字裡,MathJax" in hand
    assert "$x$也是" in hand
    assert "<p>第一段,沒有閉合\n<p>第二段(手寫)</p>" in hand  # not re-serialised
    assert 'var tpl = \'<p><img alt="spinner" src=""></p>\';' in hand


def test_s2tw_keeps_pelicans_summaries_listings_and_feeds_clean(converted):
    without, with_ath, _, _ = converted
    for name in ("index.html", "archives.html", "feeds/all.atom.xml"):
        text = (with_ath / name).read_text(encoding="utf-8")
        for raw in (
            "{filename}",
            "{static}",
            "[ref]",
            "[/ref]",
            '<nav class="toc ath-toc">',
        ):
            assert raw not in text, (name, raw)
    old = (without / "feeds/all.atom.xml").read_text(encoding="utf-8")
    new = (with_ath / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert old.count("toc-backref") == new.count("toc-backref")
    assert old.count("contents topic") == new.count("contents topic")


# -- scraped content in the same blog gets the whole treatment -------------------------


def test_scraped_articles_in_the_blog_are_published_clean_with_a_toc(tmp_path):
    seed = "Title: 阿里ATH事業群成立\nDate: 2026-03-16\nCategory: 筆記\nSlug: ath\n\n"
    extra = [("content/posts/ath.txt", seed + SEED.read_text(encoding="utf-8"))]
    without, _ = build(tmp_path, "without", THEIR_PLUGINS)
    with_ath, log = build(
        tmp_path, "with", [*THEIR_PLUGINS, "pelican_ath"], extra_files=extra
    )
    article = body(with_ath, "ath.html")
    assert len(article.xpath(".//nav[@class='toc ath-toc']")) == 1
    assert "特別聲明" not in article.text_content()
    assert not article.xpath(".//img")
    assert warnings(log) == []
    for name in OWN_ARTICLES:  # the blog's own articles, as they were
        old = lxml_html.tostring(body(without, name), encoding="unicode")
        new = lxml_html.tostring(body(with_ath, name), encoding="unicode")
        assert new == old
    for name in ("index.html", "archives.html", "feeds/all.atom.xml"):
        assert '<nav class="toc ath-toc">' not in (with_ath / name).read_text("utf-8")


# -- opting in ---------------------------------------------------------------------


def test_a_toc_for_own_articles_never_makes_a_second_one(tmp_path):
    output, log = build(
        tmp_path,
        "own-toc",
        [*THEIR_PLUGINS, "pelican_ath"],
        ATH_OWN_CONTENT=["toc"],
    )
    assert warnings(log) == []
    # Markdown's [TOC] and docutils' contents: theirs stays, none added
    for name in ("probability.html", "contents-rst.html"):
        assert len(tocs(body(output, name))) == 1, name
    # hand-written HTML has a nav.toc of the author's: none added either
    hand = body(output, "hand.html")
    assert len(tocs(hand)) == 1 and "本站导航" in hand.text_content()
    # an article without a TOC of its own gets one, linked to its headings
    about = page(output, "pages/about.html")
    (nav,) = about.xpath("//nav[@class='toc ath-toc']")
    for href in nav.xpath(".//a/@href"):
        assert about.xpath(f'//*[@id="{href[1:]}"]')
    assert "<nav" not in (output / "feeds/all.atom.xml").read_text("utf-8")


def _counting(opened: list[str], open_file):
    """``open_file`` (``open``, ``pelican_open``) that notes each path it opens."""

    def wrapper(*args, **kwargs):
        opened.append(args[0])
        return open_file(*args, **kwargs)

    return wrapper


def test_a_markdown_file_of_the_blogs_own_is_read_once_as_pelican_reads_it(
    tmp_path, monkeypatch
):
    from pelican import readers as pelican_readers
    from pelican.settings import DEFAULT_CONFIG

    from pelican.plugins.ath.readers import page_readers

    path = tmp_path / "own.md"
    path.write_text(
        "Title: 我的文章\nTags: a, b\n\n# 標題\n\n正文, 有 *強調*。\n\n![](a.png)\n",
        "utf-8",
    )
    settings = {
        **DEFAULT_CONFIG,
        "MARKDOWN": {"extensions": ["markdown.extensions.meta"]},
    }
    opened: list[str] = []
    pelican_open = _counting(opened, page_readers.pelican_open)
    expected = pelican_readers.MarkdownReader(settings).read(str(path))
    monkeypatch.setattr(page_readers, "pelican_open", pelican_open)
    monkeypatch.setattr(pelican_readers, "pelican_open", pelican_open)
    ours = page_readers.MarkdownReader(settings).read(str(path))
    assert opened == [str(path)]
    assert ours == expected
    assert ours[1]["title"] == "我的文章" and "<h1>標題</h1>" in ours[0]


def test_an_html_file_of_the_blogs_own_is_read_once_as_pelican_reads_it(
    tmp_path, monkeypatch
):
    from pelican import readers as pelican_readers
    from pelican.settings import DEFAULT_CONFIG

    from pelican.plugins.ath.readers import page_readers

    path = tmp_path / "own.html"
    path.write_bytes(
        "\ufeff<html><head><title>我的文章</title>\r\n"
        '<meta name="tags" content="a, b">\r'
        '<meta name="date" content="2026-03-16"></head>\r\n'
        "<body><h2>標題</h2>\r\n<p>正文, 有 <em>強調</em>。</p>\r</body></html>".encode()
    )
    settings = dict(DEFAULT_CONFIG)
    expected = pelican_readers.HTMLReader(settings).read(str(path))
    opened: list[str] = []
    monkeypatch.setattr(page_readers, "open", _counting(opened, open), raising=False)
    monkeypatch.setattr(
        pelican_readers, "pelican_open", _counting(opened, pelican_readers.pelican_open)
    )
    ours = page_readers.HTMLReader(settings).read(str(path))
    assert opened == [str(path)]
    assert ours == expected
    assert "\r" not in ours[0] and ours[1]["title"] == "我的文章"


#: Pelican's and i18n_subsites' internals (private attributes, memos, module
#: state, settings rewritten during a build): only ``pelican_compat`` uses them.
INTERNALS = re.compile(
    r"\._(?:content|context|summary|get_content|update_context|md|HTMLParser"
    r"|parse_metadata|source_path)\b|[\"']_(?:content|context|summary|get_content)"
    r"[\"']|_MAIN_SETTINGS|_SITE_DB|getattr_static|\[\"(?:CACHE_CONTENT|"
    r"LOAD_CONTENT_CACHE)\"\]\s*="
)


def test_only_pelican_compat_reaches_into_pelican():
    package = Path(__file__).resolve().parent.parent / "pelican" / "plugins" / "ath"
    found = [
        f"{path.relative_to(package)}:{number}: {line.strip()}"
        for path in sorted(package.rglob("*.py"))
        if path.name != "pelican_compat.py"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if INTERNALS.search(line)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("name", "text", "reader"),
    [
        (
            "a.html",
            "<html><head><title>T</title></head><body><p>x</p></body></html>",
            "html",
        ),
        ("a.md", "Title: T\n\nx\n", "markdown"),
    ],
)
def test_a_pre_cleaned_reader_keeps_pelicans_reader_metadata(
    tmp_path, name, text, reader
):
    """Pelican records the reader's class name as the ``reader`` metadata
    (themes and ``*_SAVE_AS`` may use it): pre-cleaned, it is the same."""
    from pelican import readers as pelican_readers
    from pelican.settings import DEFAULT_CONFIG

    from pelican.plugins.ath.readers.precleaned import precleaned

    (tmp_path / name).write_text(text, encoding="utf-8")
    extension = name.rsplit(".", 1)[1]
    ours = pelican_readers.Readers(DEFAULT_CONFIG).reader_classes[extension]
    settings = dict(DEFAULT_CONFIG, READERS={extension: precleaned(ours)})
    page = pelican_readers.Readers(settings).read_file(str(tmp_path), name)
    assert page.metadata["reader"] == reader


# -- code-like elements and warnings (issue 29) --------------------------------------

#: The blog's articles written with every code-like element docutils and
#: Markdown write (``literals.rst``, ``code-like.md``).
CODE_ARTICLES = ["literals-rst.html", "code-like-md.html"]
#: Code-like elements, written out here (not taken from the plugin's rule):
#: by tag, and by a class that says code.
CODE_LIKE = (
    ".//tt | .//code | .//pre | .//kbd | .//samp | .//var"
    ' | .//*[contains(concat(" ", @class, " "), " pre ")]'
    ' | .//*[contains(concat(" ", @class, " "), " literal ")]'
    ' | .//*[contains(concat(" ", @class, " "), " code ")]'
    ' | .//*[contains(concat(" ", @class, " "), " highlight ")]'
    ' | .//*[starts-with(@class, "language-")]'
)


def code_texts(output: Path, name: str) -> list[str]:
    return [element.text_content() for element in body(output, name).xpath(CODE_LIKE)]


def test_s2tw_leaves_every_code_like_element_alone(converted):
    """docutils' ``<tt class="docutils literal">``, ``<span class="pre">``,
    ``.literal``, Markdown's ``code``, ``kbd``, ``samp``, ``var`` and
    elements whose class says code: as written; the prose around them
    converted."""
    without, with_ath, _, _ = converted
    for name in CODE_ARTICLES:
        old, new = code_texts(without, name), code_texts(with_ath, name)
        assert len(old) >= 10 and any("后" in text for text in old), name
        assert new == old, name
        assert "後面的文字照常轉換" in body(with_ath, name).text_content(), name
    literals = (with_ath / "literals-rst.html").read_text(encoding="utf-8")
    assert "<tt class=\"docutils literal\">'重命名后的列名'</tt>" in literals
    assert "重命名後的列名寫成" in literals  # the prose before it


#: Images without an ``alt`` in the blog's own Markdown, reST and raw HTML
#: (Pelican warns about each ``alt=""``; it shows five, then "Other images
#: have empty alt attributes"), and stray text files a ``.txt`` reader sees.
IMAGES_WITHOUT_ALT = [
    *(
        (
            f"content/posts/pony{number}.md",
            f"Title: 小马{number}\nDate: 2026-04-0{number}\nSlug: pony{number}\n\n"
            f"![](pony{number}.jpg)\n",
        )
        for number in range(1, 8)
    ),
    (
        "content/posts/pony.md",
        "Title: 小马\nDate: 2026-04-08\nSlug: pony\n\n![](djangopony.jpg)\n",
    ),
    (
        "content/posts/pony-rst.rst",
        "小马\n####\n\n:date: 2026-04-09\n:slug: pony-rst\n\n.. image:: djangopony.jpg\n\n"
        '.. raw:: html\n\n    <p><img src="djangopony.jpg"></p>\n',
    ),
    ("content/posts/hello.txt", "hello\n"),
    ("content/notes/todo.txt", "todo: write the next post\n"),
]


def logged(log: str, site: Path) -> list[str]:
    """The warnings of a build, in order, the site's folder and where
    Pelican logged them from (padded to the terminal's width) left out."""
    return [
        re.sub(r"\s+\S+\.py:\d+$", "", line).replace(str(site), "<site>")
        for line in warnings(log)
    ]


@pytest.mark.parametrize("seed", ["0", "1", "2"])
def test_the_plugin_adds_no_warning_about_images_without_alt(
    tmp_path, monkeypatch, seed
):
    """Pelican reads a generator's files in the order of a ``set`` (fixed by
    ``PYTHONHASHSEED``) and shows the first five warnings about empty
    ``alt``s: the files a ``.txt`` reader adds to that set moved the order,
    and other images were named with the plugin than without."""
    monkeypatch.setenv("PYTHONHASHSEED", seed)
    extra = IMAGES_WITHOUT_ALT
    without, log_without = build(tmp_path, "without", THEIR_PLUGINS, extra_files=extra)
    with_ath, log_with = build(
        tmp_path, "with", [*THEIR_PLUGINS, "pelican_ath"], extra_files=extra
    )
    found = logged(log_without, tmp_path / "without")
    assert sum("Empty alt attribute" in line for line in found) == 4
    assert logged(log_with, tmp_path / "with") == found
    assert differences(files(without), files(with_ath)) == []
