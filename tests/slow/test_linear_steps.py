"""Single steps that cost linear time in their input: at 4x the input at
most 5x the cost (CPU time, the best of several runs; see ``linear.scaling``).
Moved here from the unit and site tests of each step, so that
``-m "not slow"`` leaves them out.
"""

from __future__ import annotations

import datetime
import re
import time
from functools import partial

import pytest
from conftest import SEED
from linear import deadline, scaling
from netease_texts import CURRENT as DISCLAIMER
from pelican.settings import read_settings

from pelican.plugins.ath.chinese.punctuation import full_width
from pelican.plugins.ath.chinese.repair import repairing_converter
from pelican.plugins.ath.html.source import scan, start_tags
from pelican.plugins.ath.netease.boilerplate import disclaimer_start, left_by_a_scraper
from pelican.plugins.ath.readers.guess import guess_date, guess_title
from pelican.plugins.ath.readers.text_reader import ScrapedTextReader
from pelican.plugins.ath.treatment.options import ArticleOptions
from pelican.plugins.ath.treatment.process import process

# --- the source scan of the blog's own articles (unit/test_own_article.py) ---------

SCAN_CRAFTED = {
    "open-quote": lambda n: "<a " + '"' * n,
    "open-comment": lambda n: "<!--" + "-" * n,
    "stray-ends": lambda n: "<p>" * n + "文" + "</i>" * n,
    "deep-inline": lambda n: "<b>" * n + "</i>" * n,
    "raw": lambda n: "<script>" + "<" * n,
    "lt": lambda n: "<" * n,
    "headings": lambda n: "<h2>图片</h2>" * n,
}


#: For the search of start tags: the same, and images.
SCAN_CRAFTED_IMAGES = {
    **{
        name: SCAN_CRAFTED[name] for name in ("open-quote", "open-comment", "raw", "lt")
    },
    "images": lambda n: '<img src="">' * n,
    "lt-images": lambda n: "<" * n + "<img>",
    "images-then-raw": lambda n: "<img>" * n + "<script>" + "<img>" * n,
}


@pytest.mark.parametrize("make", SCAN_CRAFTED.values(), ids=SCAN_CRAFTED.keys())
def test_the_scan_is_linear(make):
    """Four times the input costs about four times as much (not sixteen)."""
    assert scaling(lambda n: partial(scan, make(n)), 100_000) <= 5


@pytest.mark.parametrize(
    "make", SCAN_CRAFTED_IMAGES.values(), ids=SCAN_CRAFTED_IMAGES.keys()
)
def test_finding_start_tags_is_linear(make):
    assert scaling(lambda n: lambda: list(start_tags(make(n), "img")), 20_000) <= 5


# --- full-width punctuation (unit/test_punctuation.py) ------------------------------

MARKS_CRAFTED = {
    "marks-after-chinese": lambda n: "中" + "," * n,
    "marks-between-latin": lambda n: "a" + "," * n + "b",
    "open-brackets": lambda n: "中" + "(" * n,
    "in-bracket": lambda n: "中(" + "," * n,
}


@pytest.mark.parametrize("make", MARKS_CRAFTED.values(), ids=MARKS_CRAFTED.keys())
def test_linear_time(make):
    """Four times the text costs about four times as much (a mark per pass
    took N passes: 80,000 marks, 79 s)."""
    assert scaling(lambda n: partial(full_width, make(n)), 100_000) <= 5
    assert re.fullmatch("中，+", full_width("中" + "," * 80_000))


# --- telling own from scraped (site/test_own_or_scraped.py) -------------------------

#: Shapes that would make a search for the signs, or the look at the blocks,
#: go back over what it read: many starts, long runs between them.
SHAPES = {
    "heads with runs of invisibles": lambda n: ("特" + "\u200b" * 50 + "别 ") * n,
    "notices with runs of spaces": lambda n: (
        ("Notice" + "\u00ad \u200b" * 30 + ":") * n
    ),
    "tags without an end": lambda n: "<p" * (40 * n) + "特别声明：",
    "unclosed comments": lambda n: "<!--" * (40 * n) + "<p>特别声明：</p>",
    "nested quotations": lambda n: "<blockquote><p>网易" * n + f"<p>{DISCLAIMER}</p>",
}


@pytest.mark.parametrize("shape", SHAPES)
def test_telling_own_from_scraped_is_linear(shape):
    def make(n: int):
        source = SHAPES[shape](n)
        return lambda: (
            disclaimer_start(source),
            left_by_a_scraper(source),
            process(source, ArticleOptions(punctuation=False)),
        )

    assert scaling(make, 200) <= 5


def test_sanitising_what_lost_images_mark_scraped_is_linear_in_depth(tmp_path):
    from pelican.plugins.ath.readers.page_readers import publishable_from

    def make(n: int):
        source = '<p><img src="" alt=""></p>' + "<div>" * n + "深" + "</div>" * n
        return lambda: publishable_from("deep.html", source)

    assert scaling(make, 5_000) <= 5
    assert "深" in publishable_from("deep.html", "<div>" * 20_000 + "深")


# --- URLs in prose (unit/test_source_scan.py) ----------------------------------------


def test_a_long_ascii_run_in_a_txt_is_read_in_linear_time(tmp_path):
    """A .txt export with a long ASCII run beside a URL, through the reader
    and the pipeline (the URL search was quadratic: 130 KB took 17 s)."""
    reader = ScrapedTextReader(read_settings(override={"TIMEZONE": "UTC"}))

    def make(size: int):
        path = tmp_path / f"run{size}.txt"
        line = "中文,見www.example.cn " + "a" * size + ",結束"
        path.write_text(SEED.read_text("utf-8") + "\n" + line + "\n", "utf-8")

        def run():
            content, _ = reader.read(str(path))
            assert "a" * size in process(content, ArticleOptions(scraped=True)).html

        return run

    assert scaling(make, 30_000) <= 5


# --- the repair of stray Simplified characters (unit/test_repair.py) ----------------


def test_cost_grows_linearly_with_the_text():
    """Lines that are read again (核準) and one very long line: 4x the text
    costs about 4x the time (a quadratic step would cost 16x)."""
    convert = repairing_converter("s2tw")
    unit = "已核準的申請，請先注冊。" * 20 + "\n" + "不要干擾他" * 400

    def cost(copies: int) -> float:
        text = "\n".join([unit] * copies)
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            convert(text)
            best = min(best, time.process_time() - start)
        return best

    cost(1)  # warm-up
    assert cost(200) < 8 * cost(50)


@pytest.mark.parametrize("config", ["s2tw", "s2hk"])
def test_a_kept_choice_beside_a_long_simplified_line_is_linear(config):
    """The author's 發布 (a *choice*, chinese/model.py) is kept only where
    the text has no other stray: the lines around each changed character
    are compared once a line, not once a character (a 128k-character line
    took 2.5 s, 15x the 32k one)."""
    convert = repairing_converter(config)
    assert (
        scaling(lambda n: partial(convert, "新版本發布了\n" + "这个问题" * n), 8000)
        <= 5
    )


# --- a headerless export's title and date, worked out of its first line ------

#: When a crafted export was saved (its dateline's year).
SAVED = datetime.datetime(2026, 3, 20, 9, 30)
GUESS_CRAFTED = {
    "original title, no closing bracket": lambda n: "原标题：" + "a" * n + ")x",
    "original title, spaces": lambda n: "（原标题：" + " " * n + "x)y",
    "dateline, spaces": lambda n: "3月16日" + " " * n + "x",
    "commas": lambda n: "我，" * n,
    "openers": lambda n: "（" * n,
}


@pytest.mark.parametrize("shape", GUESS_CRAFTED)
def test_a_title_and_date_are_worked_out_in_linear_time(shape):
    """The first line of a headerless export is read for a title and a
    dateline once; a crafted one costs its length (the original-title
    pattern backtracked: a 20,000-character line took 7 s)."""
    make = GUESS_CRAFTED[shape]

    def work(n):
        lines = [make(n), "正文。"]
        return lambda: (guess_title(lines), guess_date(lines, SAVED))

    with deadline(20, f"a title worked out of {shape}"):
        assert scaling(work, 5_000) <= 5
