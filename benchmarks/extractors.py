"""General article extractors against the plugin's saved-page reader, on real
163.com pages (issue 28): should a page in a layout the reader does not know
fall back to one of them?

Run from the checkout, in the development environment, with the extractors
installed there (they are not dependencies of the plugin)::

    pip install trafilatura readability-lxml
    python benchmarks/extractors.py            # the table, in Markdown
    python benchmarks/extractors.py --shared ../../shared/netease   # from a worktree

An extractor that is not installed is left out (both missing: exit 2).

The pages: every page of ``tests/data/real-pages/`` and, where
``../shared/netease/`` is beside the checkout, its samples 06 and 07. The
facts each is scored against are the tests' (read by eye from each page's
HTML): ``PAGES`` of ``tests/site/test_real_pages.py``, ``SHARED`` of
``tests/site/test_layouts.py``.

Each extractor gets the page's text as the plugin's encoding reader decodes
it (once, as a fallback would); the plugin is a real Pelican build of all
the pages. Scored per page:

- *title*: the title, spaces and quote styles aside (``（图）`` and
  ``(图)`` are the same);
- *date (day)*, *date (minute)*: the publication time, to the day and to the
  minute (trafilatura asks htmldate for the time too; readability-lxml gives
  no date);
- *first*, *last*: the first and the last paragraph of text start as the
  facts say (a first line that is the title, as trafilatura writes the
  headline, is not counted);
- *chrome*: the text holds none of the chrome the tests look for (NetEase's
  widgets, app prompts, the disclaimer, each page's related lists…).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import NamedTuple

from lxml import html as lxml_html
from site_builder import build_in

from pelican.plugins.ath.readers.encoding import decode_page

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "site")]

import test_layouts  # noqa: E402  (the facts of the shared samples)
import test_real_pages  # noqa: E402  (the facts of the real pages)

REAL = ROOT / "tests" / "data" / "real-pages"
SHARED = ROOT.parent / "shared" / "netease"


class Facts(NamedTuple):
    title: str
    date: str  # YYYY-MM-DDTHH:MM
    first: str
    last: str
    chrome: tuple[str, ...]


class Found(NamedTuple):
    """What one extractor made of one page."""

    title: str | None
    date: str | None  # as much of YYYY-MM-DDTHH:MM as it gives
    paragraphs: list[str]


def pages(shared: Path) -> dict[str, tuple[bytes, Facts]]:
    """Every page measured: file stem -> (bytes, facts)."""
    found = {}
    for stem, facts in test_real_pages.PAGES.items():
        found[stem] = (
            (REAL / f"{stem}.html").read_bytes(),
            Facts(
                facts.title,
                facts.date,
                facts.first,
                facts.last,
                test_real_pages.CHROME + facts.chrome,
            ),
        )
    for name, layout in test_layouts.SHARED.items():
        path = shared / name
        if path.is_file():
            found[Path(name).stem] = (
                path.read_bytes(),
                Facts(
                    layout.title,
                    layout.date,
                    layout.first,
                    layout.last,
                    test_real_pages.CHROME + test_layouts.NOT_THE_ARTICLE,
                ),
            )
    return found


_QUOTES = str.maketrans("“”‘’（）「」", '""\'\'()""')


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(_QUOTES)


def lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def html_paragraphs(markup: str) -> list[str]:
    """The paragraphs of an extracted body: its ``<p>`` (else its lines)."""
    if not markup.strip():
        return []
    root = lxml_html.fromstring(markup)
    found = [
        " ".join("".join(p.itertext()).split())
        for p in root.xpath(".//p[not(ancestor::figure or ancestor::nav)]")
    ]
    return [p for p in found if p] or lines(root.text_content())


# -- the extractors --------------------------------------------------------------------


def plugin(all_pages: dict[str, tuple[bytes, Facts]]) -> dict[str, Found]:
    """The plugin: one real Pelican build of every page."""
    with tempfile.TemporaryDirectory() as folder:
        site = build_in(
            Path(folder),
            {f"{stem}.html": data for stem, (data, _) in all_pages.items()},
            **test_real_pages.SETTINGS,
        )
        found = {}
        for stem in all_pages:
            name = f"{stem.lower()}.html"  # the slug
            if not (site.output / name).is_file():
                found[stem] = Found(None, None, [])
                continue
            page = site.page(name)
            title = page.xpath("//h1[@class='entry-title']")[0].text_content().strip()
            dates = page.xpath("//abbr[@class='published']/@title")
            body = site.article_body(name)
            found[stem] = Found(
                title, dates[0][:16] if dates else None, test_real_pages.texts(body)
            )
        return found


def decoded(data: bytes) -> str:
    """The page's text, decoded once by the plugin's encoding reader (as a
    fallback would get it: given the bytes, trafilatura 2.3.1 read the GBK
    sample 06 as mojibake)."""
    return decode_page(data).text


def trafilatura_extract(data: bytes, **options: bool) -> Found:
    import json

    import trafilatura

    result = trafilatura.extract(
        decoded(data),
        **options,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        date_extraction_params={
            "extensive_search": True,
            "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M",
        },
    )
    if not result:
        return Found(None, None, [])
    found = json.loads(result)
    return Found(found.get("title"), found.get("date"), lines(found.get("text") or ""))


def readability_extract(data: bytes) -> Found:
    from readability import Document

    document = Document(decoded(data))
    return Found(
        document.short_title(),
        None,
        html_paragraphs(document.summary(html_partial=True)),
    )


# -- scoring -------------------------------------------------------------------------------


@dataclass
class Score:
    title: bool
    day: bool
    minute: bool
    first: bool
    last: bool
    no_chrome: bool

    @property
    def all_right(self) -> bool:
        return all(vars(self).values())


def titles(found: Found, facts: Facts) -> set[str]:
    return {squeezed(facts.title), squeezed(found.title or "")}


def score(found: Found, facts: Facts) -> Score:
    text = squeezed("".join(found.paragraphs))
    paragraphs = [squeezed(p) for p in found.paragraphs]
    if paragraphs and paragraphs[0] in titles(found, facts):
        paragraphs = paragraphs[1:]  # the headline repeated above the text
    return Score(
        title=found.title is not None
        and squeezed(found.title) == squeezed(facts.title),
        day=(found.date or "")[:10] == facts.date[:10],
        minute=(found.date or "")[:16] == facts.date,
        first=bool(paragraphs) and paragraphs[0].startswith(squeezed(facts.first)),
        last=bool(paragraphs) and paragraphs[-1].startswith(squeezed(facts.last)),
        no_chrome=bool(paragraphs)
        and not any(squeezed(chrome) in text for chrome in facts.chrome),
    )


EXTRACTORS: dict[str, Callable[[bytes], Found]] = {
    "trafilatura": trafilatura_extract,
    "trafilatura (favor_precision)": partial(trafilatura_extract, favor_precision=True),
    "readability-lxml": readability_extract,
}


def installed() -> dict[str, Callable[[bytes], Found]]:
    found = {}
    for name, extract in EXTRACTORS.items():
        module = "readability" if name == "readability-lxml" else name.split()[0]
        try:
            __import__(module)
        except ImportError:
            print(f"{name}: not installed, left out", file=sys.stderr)
            continue
        found[name] = extract
    return found


def version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


COLUMNS = ("title", "day", "minute", "first", "last", "no_chrome")
HEADINGS = ("title", "date (day)", "date (minute)", "first ¶", "last ¶", "no chrome")


def why(found: Found, facts: Facts, wrong: list[str]) -> str:
    """What was found where it was wrong (the start of it)."""
    said = []
    if "title" in wrong:
        said.append(f"title {found.title!r}")
    if "date (minute)" in wrong:
        said.append(f"date {found.date}")
    if "first ¶" in wrong and found.paragraphs:
        first = found.paragraphs[squeezed(found.paragraphs[0]) in titles(found, facts)]
        said.append(f"first {first[:24]!r}")
    if "last ¶" in wrong and found.paragraphs:
        said.append(f"last {found.paragraphs[-1][:24]!r}")
    if "no chrome" in wrong:
        text = squeezed("".join(found.paragraphs))
        kept = [c for c in facts.chrome if squeezed(c) in text]
        said.append("kept " + " · ".join(kept[:4]))
    return "; ".join(said)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=SHARED,
        help="the folder of the shared NetEase samples (default: ../shared/netease)",
    )
    arguments = parser.parse_args()
    extractors = installed()
    if not extractors:
        return 2
    all_pages = pages(arguments.shared)
    outputs: dict[str, dict[str, Found]] = {}
    outputs["pelican-ath"] = plugin(all_pages)
    for name, extract in extractors.items():
        package, _, variant = name.partition(" ")
        outputs[" ".join(filter(None, (package, version(package), variant)))] = {
            stem: extract(data) for stem, (data, _) in all_pages.items()
        }
    results = {
        name: {stem: score(f, all_pages[stem][1]) for stem, f in found.items()}
        for name, found in outputs.items()
    }
    total = len(all_pages)
    print(f"{total} real pages\n")
    print("| extractor | " + " | ".join(HEADINGS) + " | all right |")
    print("| --- " * (len(HEADINGS) + 2) + "|")
    for name, scores in results.items():
        counts = [
            sum(getattr(s, column) for s in scores.values()) for column in COLUMNS
        ]
        right = sum(s.all_right for s in scores.values())
        print(
            f"| {name} | "
            + " | ".join(f"{c}/{total}" for c in counts)
            + f" | {right}/{total} |"
        )
    print("\nWhat each got wrong, by page:\n")
    for name, scores in results.items():
        for stem, s in scores.items():
            wrong = [
                h for h, c in zip(HEADINGS, COLUMNS, strict=True) if not getattr(s, c)
            ]
            if wrong:
                detail = why(outputs[name][stem], all_pages[stem][1], wrong)
                print(f"- {name}, `{stem}`: {', '.join(wrong)} ({detail})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
