"""Benchmark pelican-ath against Pelican alone (issue 4).

Run from the checkout, in the environment where pelican-ath is installed::

    python benchmarks/bench.py               # N=200 articles, 5 repetitions
    python benchmarks/bench.py --quick       # N=50, 3 repetitions (smoke run)
    python benchmarks/bench.py --articles 400 --repeat 7
    python benchmarks/bench.py --quick --profile   # + cProfile of plugin builds
    python benchmarks/bench.py --commit HEAD       # the committed plugin, not
                                                   # the working tree

It exits 0 if every goal passes, 1 if one fails, 2 if a build went wrong.

What it does
------------
1. Generates corpora from the real seed (``seeds/000_8bdecda8eb2986dd.txt``):
   N, 2N and 4N seed-sized articles (six ``<h2>`` section titles, lost images,
   the NetEase disclaimer at the end), once as HTML files and once as
   Markdown files. Every article is slightly different (its index is in the
   title and the first paragraph) and has its own slug ``a-<i>``.
2. Builds each corpus with Pelican alone and with the plugin (clean + TOC +
   ``ATH_SCRIPT = "t2s"``), with identical settings apart from ``PLUGINS``
   and ``ATH_*``. Runs alternate (plain, plugin, plain, plugin, ...); one
   untimed warm-up pair comes first. Every build is a fresh subprocess that
   reports, as JSON on stdout, the wall time of ``Pelican.run()`` alone
   (interpreter start-up, imports, settings and plugin loading excluded) and
   its own peak RSS (``getrusage(RUSAGE_SELF).ru_maxrss``). Each build writes
   to a fresh output folder.
3. Cases: HTML and Markdown corpora at N and 4N articles (their builds
   interleaved: N plain, N plugin, N floor, 4N plain, ...), and the
   ``ATH_SCRIPT_VARIANTS`` case (two scripts, N articles) against a plain
   build of 2N articles. If this version of the plugin rejects
   ``ATH_SCRIPT_VARIANTS`` as an unknown setting, the case is reported as
   not available and skipped; if the variants build crashes or its output
   is wrong (the feature is young), the case is reported as ERROR and the
   rest of the benchmark still runs.
4. A long-article check outside Pelican: ``pipeline.process`` on one
   seed-sized article and on a ~5 MB article (500 copies of the body, unique
   headings, one disclaimer at the end); the per-KB costs are compared.
5. The design's floor, for reference: in the same alternation as each HTML
   and Markdown case (plain, plugin, floor, plain, ...), a build with a
   stand-in plugin that only parses and serialises each document with lxml
   and converts it with OpenCC t2s (``FLOOR_PLUGIN``). pelican-ath can be no
   faster or smaller than that; its ratios (the table's last column) show how
   much of each goal the two libraries the design requires use up alone.
6. If a goal fails (or with ``--profile``), one plugin build (HTML, N
   articles) and one variants build are run under cProfile and the top
   entries inside pelican_ath, lxml and opencc are printed.

How the numbers are made
------------------------
* Time ratio = median(plugin build times) / median(plain build times) over
  the R alternating pairs: a ratio of medians of paired runs. The spread of
  the per-pair ratios (min-max) is printed beside it to show the noise.
* The same ratio of the builds' CPU time (``time.process_time()`` around
  ``Pelican.run()``) is printed for comparison: it is less disturbed by other
  load on the machine. The goals use wall time.
* Peak-RSS ratio = median(plugin peak RSS) / median(plain peak RSS).
* ms per article = median build time / article pages written (2N for the
  variants build of N articles). The plugin's added cost per
  article = (median plugin time - median plain time) / articles; it is what
  a build adds, fixed per-build costs (loading OpenCC's dictionaries) spread
  over the articles. The time spent inside the plugin's per-document
  handlers, measured in the build process itself, is printed too (a low-noise
  figure, but it misses indirect costs); the "4N within 10 % of N" goal
  compares it per article at N and 4N, without the first document's call
  (which also loads OpenCC's dictionaries, a cost per build), taking the
  fastest of the R builds of each (the medians drift by about 10 % between
  runs on a shared machine, as much as the goal allows).
* Absolute times are printed for context only: the machines are noisy, the
  goals are ratios.

Every build is checked: a plugin build must have written an article with
``<nav class="toc">``, without ``![]()``, ``src=""`` or the disclaimer, in
Simplified script; a plain build must still have the disclaimer; a variants
build must have written 2N article pages with a TOC, N in each script. A
benchmark of a plugin that did nothing is worthless, so a failed check stops
the run (exit 2), except in the variants case (see 3.).

Only the standard library is used besides Pelican and pelican-ath.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import hashlib
import html
import importlib.util
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8bdecda8eb2986dd.txt"
LOST_IMAGE = "![]()"
SECTION_TITLES = (
    "前奏:一個人的告別與一群人的定調",
    "模式對撞:垂直整合與水平分工",
    "歷史的回響:開拓者的使命與守成者的接力",
    "理性的退出",
    "ATH的“成人禮”",
    "行業的階段轉換",
)
TITLE = "阿里巴巴成立ATH事業群"
FIRST_DATE = dt.datetime(2026, 3, 16, 8, 0)

# Goals (ratios over Pelican's own build of the same corpus).
GOAL_HTML_TIME = 1.25
GOAL_MD_TIME = 1.10
GOAL_RSS = 1.20
GOAL_SCALING = 0.10
GOAL_VARIANTS = 1.25
GOAL_LONG = 1.5

BASE_SETTINGS: dict[str, object] = {
    "SITENAME": "pelican-ath benchmark",
    "TIMEZONE": "Asia/Shanghai",
    "DEFAULT_LANG": "zh-tw",
    "FEED_ALL_ATOM": None,
    "CATEGORY_FEED_ATOM": None,
    "TRANSLATION_FEED_ATOM": None,
    "AUTHOR_FEED_ATOM": None,
    "AUTHOR_FEED_RSS": None,
    "CACHE_CONTENT": False,
    "LOAD_CONTENT_CACHE": False,
    "DELETE_OUTPUT_DIRECTORY": False,
    "PLUGINS": [],
}
PLUGIN_SETTINGS = {**BASE_SETTINGS, "PLUGINS": ["pelican_ath"], "ATH_SCRIPT": "t2s"}
VARIANTS_SETTINGS = {
    **BASE_SETTINGS,
    "PLUGINS": ["pelican_ath"],
    "ATH_SCRIPT_VARIANTS": {"zh-tw": "s2tw", "zh-cn": "tw2s"},
}

RESULT_MARK = "BENCH-RESULT "

#: The design's floor: a plugin that does, per document, only the two things
#: pelican-ath cannot do without (issue 4 and DESIGN.md: an lxml tree per
#: document, OpenCC on its text): parse + serialise with lxml, then OpenCC t2s
#: on the result. No cleaning, ids, TOC, punctuation or summary. No plugin
#: built on that design can be faster, so its ratio is the lower bound that
#: the goals are compared with.
FLOOR_PLUGIN = r"""
import functools
import opencc
from lxml import etree
from pelican import signals

_PARSER = etree.HTMLParser(huge_tree=True, remove_comments=False, remove_pis=False)


@functools.cache
def _convert():
    return opencc.OpenCC("t2s").convert  # loaded in the build, as pelican-ath does


def on_content_object_init(content):
    source = getattr(content, "_content", None)
    if isinstance(source, str) and source:
        root = etree.fromstring(f"<html><body>{source}</body></html>", _PARSER)
        markup = etree.tostring(root.find("body"), encoding="unicode", method="html")
        content._content = _convert()(markup[len("<body>") : -len("</body>")])


def register():
    signals.content_object_init.connect(on_content_object_init)
"""
FLOOR_MODULE = "ath_design_floor"

#: Runs in a fresh interpreter for every build: argv = settings file, content
#: folder, output folder, "1" to time the plugin's handlers, cProfile file or "".
DRIVER = r"""
import json, logging, resource, sys, time

conf, content, output, instrument, profile_path = sys.argv[1:6]
from pelican import Pelican
from pelican.log import init as init_logging
from pelican.settings import read_settings

init_logging(level=logging.WARNING, name="pelican", handler=logging.StreamHandler())
spent = [0.0, 0]
first = []  # the first document's call: it also loads OpenCC's dictionaries
if instrument == "1":
    import pelican_ath.plugin as plugin

    def timed(function):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                took = time.perf_counter() - start
                spent[0] += took
                spent[1] += 1
                if function.__name__ == "on_content_object_init" and not first:
                    first.append(took)
        return wrapper

    # Looked up as module globals when the plugin registers / reads a file.
    for name in ("on_content_object_init", "drop_empty_image_tags"):
        if hasattr(plugin, name):
            setattr(plugin, name, timed(getattr(plugin, name)))

settings = read_settings(conf, override={"PATH": content, "OUTPUT_PATH": output})
pelican = Pelican(settings)
profiler = None
if profile_path:
    import cProfile
    profiler = cProfile.Profile()
    profiler.enable()
start, cpu_start = time.perf_counter(), time.process_time()
pelican.run()
seconds = time.perf_counter() - start
cpu_seconds = time.process_time() - cpu_start
if profiler is not None:
    profiler.disable()
    profiler.dump_stats(profile_path)
print("BENCH-RESULT " + json.dumps({
    "seconds": seconds,
    "cpu_seconds": cpu_seconds,
    "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "plugin_seconds": spent[0],
    "plugin_calls": spent[1],
    "first_call_seconds": first[0] if first else 0.0,
}))
"""


class BenchmarkError(RuntimeError):
    """A build failed or did not do what it should: the numbers mean nothing."""


class VariantsUnavailable(BenchmarkError):
    """This version of the plugin does not know ``ATH_SCRIPT_VARIANTS``."""


# --------------------------------------------------------------------------
# The corpus


@dataclass(frozen=True)
class Seed:
    blocks: tuple[tuple[str, str], ...]  # ("h2" | "p" | "img", text)
    disclaimer: tuple[str, ...]


def read_seed() -> Seed:
    lines = [line.strip() for line in SEED.read_text("utf-8").splitlines()]
    lines = [line for line in lines if line]
    *body, notice_zh, notice_en = lines
    if not notice_en.startswith("Notice: The content above"):
        raise BenchmarkError(f"{SEED}: the last line is not the disclaimer")
    missing = set(SECTION_TITLES) - set(body)
    if missing:
        raise BenchmarkError(f"{SEED}: section titles not found: {sorted(missing)}")
    blocks = []
    for line in body:
        if line == LOST_IMAGE:
            blocks.append(("img", ""))
        elif line in SECTION_TITLES:
            blocks.append(("h2", line))
        else:
            blocks.append(("p", line))
    return Seed(tuple(blocks), (notice_zh, notice_en))


def _article_blocks(seed: Seed, index: int) -> list[tuple[str, str]]:
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


def article_html(seed: Seed, index: int) -> str:
    date = FIRST_DATE + dt.timedelta(minutes=index)
    return (
        "<html>\n<head>\n"
        f"<title>第{index}篇 {html.escape(TITLE)}</title>\n"
        f'<meta name="date" content="{date:%Y-%m-%d %H:%M}">\n'
        f'<meta name="slug" content="a-{index}">\n'
        "</head>\n<body>\n"
        + body_html(_article_blocks(seed, index), seed.disclaimer)
        + "</body>\n</html>\n"
    )


def article_markdown(seed: Seed, index: int) -> str:
    date = FIRST_DATE + dt.timedelta(minutes=index)
    out = [
        f"Title: 第{index}篇 {TITLE}\nDate: {date:%Y-%m-%d %H:%M}\nSlug: a-{index}\n"
    ]
    for kind, text in _article_blocks(seed, index):
        if kind == "img":
            out.append(LOST_IMAGE)
        elif kind == "h2":
            out.append(f"## {text}")
        else:
            out.append(text)
    out.extend(seed.disclaimer)
    return "\n\n".join(out) + "\n"


def write_corpus(seed: Seed, folder: Path, fmt: str, articles: int) -> Path:
    content = folder / f"{fmt}-{articles}"
    content.mkdir(parents=True)
    make = article_html if fmt == "html" else article_markdown
    for index in range(articles):
        (content / f"a-{index}.{fmt}").write_text(make(seed, index), "utf-8")
    return content


def write_settings(folder: Path, name: str, settings: dict[str, object]) -> Path:
    path = folder / f"{name}.py"
    path.write_text(
        "".join(f"{key} = {value!r}\n" for key, value in settings.items()), "utf-8"
    )
    return path


# --------------------------------------------------------------------------
# Builds


@dataclass(frozen=True)
class Build:
    """One kind of build: settings file, corpus, and what its output must show."""

    label: str
    settings: Path
    content: Path
    articles: int
    plugin: bool
    check: Callable[[Path, int], None]
    #: Article pages published, if not one per source article (variants).
    pages: int | None = None

    @property
    def published(self) -> int:
        return self.pages or self.articles


@dataclass
class Sample:
    seconds: float
    cpu_seconds: float
    maxrss_kb: int
    plugin_seconds: float
    plugin_calls: int
    first_call_seconds: float


class Runner:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.count = 0

    def run(self, build: Build, profile: Path | None = None) -> Sample:
        self.count += 1
        output = self.workdir / "out" / f"{self.count}"
        argv = [
            sys.executable,
            "-c",
            DRIVER,
            str(build.settings),
            str(build.content),
            str(output),
            "1" if build.plugin else "0",
            str(profile or ""),
        ]
        proc = subprocess.run(
            argv, capture_output=True, text=True, cwd=self.workdir, check=False
        )
        try:
            if proc.returncode != 0:
                text = proc.stderr + proc.stdout
                if "ATH_SCRIPT_VARIANTS" in text and "unknown" in text.lower():
                    raise VariantsUnavailable(text.strip())
                raise BenchmarkError(
                    f"{build.label}: build exited with {proc.returncode}:\n"
                    f"{text[-3000:]}"
                )
            lines = [
                line
                for line in proc.stdout.splitlines()
                if line.startswith(RESULT_MARK)
            ]
            if not lines:
                raise BenchmarkError(
                    f"{build.label}: no result from the build:\n{proc.stdout[-2000:]}"
                )
            build.check(output, build.articles)
            return Sample(**json.loads(lines[-1][len(RESULT_MARK) :]))
        finally:
            shutil.rmtree(output, ignore_errors=True)


DISCLAIMER_SIGNS = ("Notice: The content above", "信息存儲服務", "信息存储服务")


def _article_page(output: Path, articles: int) -> tuple[Path, str]:
    path = output / f"a-{articles // 2}.html"
    if not path.is_file():
        raise BenchmarkError(f"{path} was not written")
    return path, path.read_text("utf-8")


def check_plain(output: Path, articles: int) -> None:
    path, text = _article_page(output, articles)
    if not all(sign in text for sign in DISCLAIMER_SIGNS[:2]):
        raise BenchmarkError(f"{path}: plain build without the disclaimer?")
    if "事業群" not in text:
        raise BenchmarkError(f"{path}: plain build not in Traditional script?")


def check_floor(output: Path, articles: int) -> None:
    path, text = _article_page(output, articles)
    if "事业群" not in text:  # the body (the floor leaves the title alone)
        raise BenchmarkError(f"{path}: floor build not converted with t2s")


def _check_cleaned(path: Path, text: str) -> None:
    problems = []
    if '<nav class="toc">' not in text:
        problems.append('no <nav class="toc">')
    if LOST_IMAGE in text:
        problems.append(f"{LOST_IMAGE} left")
    if 'src=""' in text:
        problems.append('an <img src=""> left')
    if any(sign in text for sign in DISCLAIMER_SIGNS):
        problems.append("the disclaimer left")
    if problems:
        raise BenchmarkError(f"{path}: the plugin did not run: {', '.join(problems)}")


def check_plugin(output: Path, articles: int) -> None:
    path, text = _article_page(output, articles)
    _check_cleaned(path, text)
    if "事业群" not in text or "事業群" in text:
        raise BenchmarkError(f"{path}: not converted with t2s")


def check_variants(output: Path, articles: int) -> None:
    path, text = _article_page(output, articles)
    _check_cleaned(path, text)
    texts = [page.read_text("utf-8") for page in output.rglob("a-*.html")]
    pages = [text for text in texts if '<nav class="toc">' in text]
    if len(pages) < 2 * articles:
        raise BenchmarkError(
            f"variants build wrote {len(pages)} article pages with a TOC for "
            f"{articles} articles and two scripts; expected {2 * articles}"
        )
    simplified = sum("事业群" in text and "事業群" not in text for text in pages)
    traditional = sum("事業群" in text and "事业群" not in text for text in pages)
    if simplified < articles or traditional < articles:
        raise BenchmarkError(
            f"variants build: {traditional} Traditional and {simplified} "
            f"Simplified article pages for {articles} articles; expected "
            f"{articles} of each"
        )


@dataclass
class Case:
    label: str
    plain: Build
    plugin: Build
    #: The design's floor (FLOOR_PLUGIN), run in the same alternation.
    floor: Build | None = None
    plain_samples: list[Sample] = field(default_factory=list)
    plugin_samples: list[Sample] = field(default_factory=list)
    floor_samples: list[Sample] = field(default_factory=list)

    @property
    def floor_ratio(self) -> float:
        return (
            statistics.median(s.seconds for s in self.floor_samples)
            / self.plain_seconds
        )

    @property
    def floor_rss_ratio(self) -> float:
        floor_rss = statistics.median(s.maxrss_kb for s in self.floor_samples) / 1024
        return floor_rss / self.plain_rss_mb

    @property
    def plain_seconds(self) -> float:
        return statistics.median(s.seconds for s in self.plain_samples)

    @property
    def plugin_seconds(self) -> float:
        return statistics.median(s.seconds for s in self.plugin_samples)

    @property
    def time_ratio(self) -> float:
        return self.plugin_seconds / self.plain_seconds

    @property
    def cpu_ratio(self) -> float:
        return statistics.median(
            s.cpu_seconds for s in self.plugin_samples
        ) / statistics.median(s.cpu_seconds for s in self.plain_samples)

    @property
    def pair_ratios(self) -> list[float]:
        return [
            b.seconds / a.seconds
            for a, b in zip(self.plain_samples, self.plugin_samples, strict=True)
        ]

    @property
    def plain_rss_mb(self) -> float:
        return statistics.median(s.maxrss_kb for s in self.plain_samples) / 1024

    @property
    def plugin_rss_mb(self) -> float:
        return statistics.median(s.maxrss_kb for s in self.plugin_samples) / 1024

    @property
    def rss_ratio(self) -> float:
        return self.plugin_rss_mb / self.plain_rss_mb

    def ms_per_article(self, build: Build, seconds: float) -> float:
        """Per published article page."""
        return 1000 * seconds / build.published

    @property
    def added_ms_per_article(self) -> float:
        return 1000 * (self.plugin_seconds - self.plain_seconds) / self.plugin.articles

    @property
    def handler_ms_per_article(self) -> float:
        return (
            1000
            * statistics.median(s.plugin_seconds for s in self.plugin_samples)
            / self.plugin.articles
        )

    def marginal_handler_ms_per_article(self, pick=statistics.median) -> float:
        """Handler time per article without the first document's call, which
        also pays the per-build cost of loading OpenCC's dictionaries; the
        median of the builds, or what ``pick`` (e.g. ``min``) picks."""
        return (
            1000
            * pick(s.plugin_seconds - s.first_call_seconds for s in self.plugin_samples)
            / (self.plugin.articles - 1)
        )


def measure(runner: Runner, cases: list[Case], repeat: int) -> list[Case]:
    """Run the cases' builds interleaved, repetition by repetition (plain,
    plugin, floor of each case in turn), so that the cases compared with each
    other (N and 4N) see the machine in the same states."""
    print(f"\n== {' / '.join(case.label for case in cases)}", flush=True)
    print("   warm-up runs (untimed, check the output) ...", flush=True)
    for case in cases:
        for build in (case.plain, case.plugin, case.floor):
            if build:
                runner.run(build)
    for rep in range(repeat):
        for case in cases:
            case.plain_samples.append(runner.run(case.plain))
            case.plugin_samples.append(runner.run(case.plugin))
            a, b = case.plain_samples[-1], case.plugin_samples[-1]
            floor = ""
            if case.floor:
                case.floor_samples.append(runner.run(case.floor))
                floor = f", floor {case.floor_samples[-1].seconds / a.seconds:.3f}"
            print(
                f"   {rep + 1}/{repeat} {case.label}: plain {a.seconds:.3f} s, "
                f"plugin {b.seconds:.3f} s, ratio {b.seconds / a.seconds:.3f}{floor}",
                flush=True,
            )
    for case in cases:
        report(case)
    return cases


def report(case: Case) -> None:
    """What one case measured, in full."""
    print(f"   -- {case.label}")
    ratios = case.pair_ratios
    for name, build, seconds, rss in (
        ("Pelican alone:", case.plain, case.plain_seconds, case.plain_rss_mb),
        ("with plugin:  ", case.plugin, case.plugin_seconds, case.plugin_rss_mb),
    ):
        pages = f" ({build.published} pages)" if build.pages else ""
        print(
            f"   {name} {seconds:.3f} s for {build.articles} articles{pages} = "
            f"{case.ms_per_article(build, seconds):.2f} ms/article page, "
            f"peak RSS {rss:.1f} MB"
        )
    print(
        f"   time ratio (ratio of medians) {case.time_ratio:.3f}x "
        f"(per-pair ratios {min(ratios):.3f}-{max(ratios):.3f}, "
        f"median {statistics.median(ratios):.3f}); "
        f"peak-RSS ratio {case.rss_ratio:.3f}x"
    )
    if case.floor:
        print(
            f"   the design's floor (lxml + OpenCC alone): time ratio "
            f"{case.floor_ratio:.3f}x, peak-RSS ratio {case.floor_rss_ratio:.3f}x"
        )
    print(
        f"   CPU-time ratio {case.cpu_ratio:.3f}x (process time of Pelican.run(); "
        "less sensitive to a busy machine, shown for comparison)"
    )
    if case.plain.articles == case.plugin.articles:
        print(
            f"   plugin adds {case.added_ms_per_article:.3f} ms/article "
            f"(wall clock: difference of medians / articles)"
        )
    print(
        f"   time inside the plugin's handlers (in-process, median): "
        f"{case.handler_ms_per_article:.3f} ms per source article "
        f"({case.marginal_handler_ms_per_article():.3f} without the first "
        "document, which loads OpenCC's dictionaries)"
    )


# --------------------------------------------------------------------------
# Long article


def long_article(seed: Seed, repeat: int) -> tuple[float, float, float, float]:
    """(small KB, small ms, big KB, big ms) of ``pipeline.process``."""
    from pelican_ath.pipeline import process
    from pelican_ath.settings import ArticleOptions

    options = ArticleOptions(clean=True, toc=True, script="t2s")
    small = body_html(_article_blocks(seed, 0), seed.disclaimer)
    parts = []
    for copy in range(500):
        blocks = [
            (kind, f"{copy + 1}. {text}" if kind == "h2" else text)
            for kind, text in _article_blocks(seed, copy)
        ]
        parts.append(body_html(blocks))
    big = "".join(parts) + body_html([], seed.disclaimer)

    for source, headings in ((small, 6), (big, 3000)):
        result = process(source, options)  # also the warm-up (OpenCC loaded)
        if result.toc_html is None or len(result.toc_tree) != headings:
            raise BenchmarkError("long-article check: wrong TOC")
        if any(sign in result.html for sign in DISCLAIMER_SIGNS):
            raise BenchmarkError("long-article check: disclaimer left")
        if "事业群" not in result.html:
            raise BenchmarkError("long-article check: not converted")

    batch = 20
    small_times = []
    for _ in range(max(repeat, 5)):
        start = time.perf_counter()
        for _ in range(batch):
            process(small, options)
        small_times.append((time.perf_counter() - start) / batch)
    big_times = []
    for _ in range(repeat):
        start = time.perf_counter()
        process(big, options)
        big_times.append(time.perf_counter() - start)
    return (
        len(small.encode()) / 1024,
        1000 * statistics.median(small_times),
        len(big.encode()) / 1024,
        1000 * statistics.median(big_times),
    )


# --------------------------------------------------------------------------
# Report


@dataclass
class Row:
    case: str
    plain: str
    plugin: str
    measured: str
    goal: str
    result: str
    #: The same ratio for the design's floor, where measured.
    floor: str = ""


def _one_line(err: Exception) -> str:
    """The last line of an error (a traceback's exception), fit for a table."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    text = lines[-1] if lines else type(err).__name__
    return text[:160].replace("|", "\\|")


#: Set by ``--commit``: what the snapshot was made from.
_SNAPSHOT_OF: str | None = None


def use_commit(revision: str, folder: Path) -> None:
    """Benchmark ``pelican_ath`` as committed at ``revision``, not the working
    tree: extract it into ``folder`` and put that first on the import path of
    this process and of every build."""
    global _SNAPSHOT_OF
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", revision],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", sha, "pelican_ath"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    sys.path.insert(0, str(folder))
    importlib.invalidate_caches()
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(folder), os.environ.get("PYTHONPATH")])
    )
    _SNAPSHOT_OF = f"{revision} ({sha})"


def package_dir() -> Path:
    """Where ``import pelican_ath`` finds the plugin (without importing it)."""
    spec = importlib.util.find_spec("pelican_ath")
    if spec is None or not spec.submodule_search_locations:
        raise BenchmarkError("pelican_ath is not importable")
    return Path(next(iter(spec.submodule_search_locations)))


def source_fingerprint() -> str:
    """A hash of the plugin's source files: shows a change during the run."""
    digest = hashlib.sha256()
    for path in sorted(package_dir().glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def git_state() -> str:
    """``git describe --dirty`` of the plugin's folder, if it is a checkout."""
    command = ["git", "-C", str(package_dir()), "describe", "--always", "--dirty"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    return f"git {done.stdout.strip()}"


def machine_info() -> list[str]:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("pelican", "pelican-ath", "lxml", "opencc", "markdown")
    )
    source = f"snapshot of commit {_SNAPSHOT_OF}" if _SNAPSHOT_OF else git_state()
    return [
        f"nproc: {usable} (cpu_count {os.cpu_count()}), load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        f"python: {platform.python_version()} ({platform.python_implementation()}, "
        f"{platform.machine()}, {platform.system()} {platform.release()})",
        f"versions: {versions}",
        f"pelican_ath: {package_dir()}, {source}, files {source_fingerprint()}",
    ]


def print_profile(path: Path, title: str) -> None:
    print(f"\n== cProfile of one plugin build: {title}")
    stats = pstats.Stats(str(path))
    stats.sort_stats("cumulative")
    print(
        "   top 25 cumulative entries inside pelican_ath, lxml and opencc "
        "(cumulative = with everything called, Pelican's own code too):"
    )
    stats.print_stats(r"pelican_ath|lxml|opencc", 25)
    print("   top 15 by own time (tottime) inside pelican_ath, lxml and opencc:")
    stats.sort_stats("tottime")
    stats.print_stats(r"pelican_ath|lxml|opencc", 15)


def _time_rows(name: str, case: Case, goal_time: float) -> list[Row]:
    ms_plain = case.ms_per_article(case.plain, case.plain_seconds)
    ms_plugin = case.ms_per_article(case.plugin, case.plugin_seconds)
    return [
        Row(
            f"{name}: build time",
            f"{ms_plain:.2f} ms/article",
            f"{ms_plugin:.2f} ms/article",
            f"{case.time_ratio:.2f}×",
            f"≤ {goal_time:.2f}×",
            verdict(case.time_ratio <= goal_time),
            f"{case.floor_ratio:.2f}×" if case.floor_samples else "",
        ),
        Row(
            f"{name}: peak RSS",
            f"{case.plain_rss_mb:.0f} MB",
            f"{case.plugin_rss_mb:.0f} MB",
            f"{case.rss_ratio:.2f}×",
            f"≤ {GOAL_RSS:.2f}×",
            verdict(case.rss_ratio <= GOAL_RSS),
            f"{case.floor_rss_ratio:.2f}×" if case.floor_samples else "",
        ),
    ]


def _pair(label: str, conf: tuple[Path, ...], content: Path, articles: int) -> Case:
    """Pelican alone against the plugin (and the floor, if ``conf`` has a third
    settings file)."""
    floor = None
    if len(conf) > 2:
        floor = Build(f"{label}, floor", conf[2], content, articles, False, check_floor)
    return Case(
        label,
        Build(f"{label}, plain", conf[0], content, articles, False, check_plain),
        Build(f"{label}, plugin", conf[1], content, articles, True, check_plugin),
        floor,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark pelican-ath against Pelican alone (ratios)."
    )
    parser.add_argument(
        "--articles", type=int, default=200, help="N, articles per corpus (200)"
    )
    parser.add_argument(
        "--repeat", type=int, default=5, help="R, timed pairs per case (5)"
    )
    parser.add_argument("--quick", action="store_true", help="smoke run: N=50, R=3")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="cProfile one plugin build even if every goal passes "
        "(it is done anyway when a goal fails)",
    )
    parser.add_argument(
        "--commit",
        metavar="REV",
        help="benchmark pelican_ath as committed at REV (e.g. HEAD), not the "
        "working tree",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.repeat = 50, 3
    if args.articles < 2 or args.repeat < 1:
        parser.error("--articles must be >= 2 and --repeat >= 1")
    if not args.commit:
        return run_benchmark(args.articles, args.repeat, args.profile)
    with tempfile.TemporaryDirectory(prefix="ath-bench-src-") as snapshot:
        try:
            use_commit(args.commit, Path(snapshot))
        except subprocess.CalledProcessError as err:
            parser.error(f"--commit {args.commit}: {err.stderr or err}")
        return run_benchmark(args.articles, args.repeat, args.profile)


def run_benchmark(n: int, repeat: int, profile_anyway: bool) -> int:
    started = time.perf_counter()
    fingerprint = source_fingerprint()
    print("pelican-ath benchmark")
    for line in machine_info():
        print(f"  {line}")
    print(
        f"  N = {n} articles, R = {repeat} timed pairs per case (alternating "
        "plain, plugin, plain, plugin ..., after one untimed warm-up pair)"
    )
    print(
        "  time = wall time of Pelican.run() in a fresh process; "
        "ratio = median(plugin) / median(plain)"
    )

    # As `pip install` does: without it, every build would compile the plugin
    # from source (an editable install under PYTHONDONTWRITEBYTECODE=1), which
    # costs the plugin ~1 MB of peak RSS that no installed copy pays.
    compileall.compile_dir(package_dir(), quiet=1)
    print("  pelican_ath bytecode compiled beforehand, as pip install does")

    seed = read_seed()
    rows: list[Row] = []

    with tempfile.TemporaryDirectory(prefix="ath-bench-") as tmp:
        workdir = Path(tmp)
        runner = Runner(workdir)
        corpus = workdir / "corpus"
        conf = (
            write_settings(workdir, "plain", BASE_SETTINGS),
            write_settings(workdir, "plugin", PLUGIN_SETTINGS),
        )
        variants_conf = write_settings(workdir, "variants", VARIANTS_SETTINGS)
        (workdir / f"{FLOOR_MODULE}.py").write_text(FLOOR_PLUGIN, "utf-8")
        floor_conf = write_settings(
            workdir,
            "floor",
            {
                **BASE_SETTINGS,
                "PLUGINS": [FLOOR_MODULE],
                "PLUGIN_PATHS": [str(workdir)],
            },
        )

        for fmt, name in (("html", "HTML"), ("md", "Markdown")):
            goal_time = GOAL_HTML_TIME if fmt == "html" else GOAL_MD_TIME
            cases = [
                _pair(
                    f"{name}, {articles} articles",
                    (*conf, floor_conf),
                    write_corpus(seed, corpus, fmt, articles),
                    articles,
                )
                for articles in (n, 4 * n)
            ]
            for case in measure(runner, cases, repeat):
                rows.extend(_time_rows(case.label, case, goal_time))
            small, large = cases
            scaling = large.added_ms_per_article / small.added_ms_per_article
            # added(N) = fixed + slope * N: what is per build, what per article.
            slope = (
                large.added_ms_per_article * 4 * n - small.added_ms_per_article * n
            ) / (3 * n)
            fixed = small.added_ms_per_article * n - slope * n
            print(
                f"\n   {name}: plugin's added cost {small.added_ms_per_article:.3f} "
                f"ms/article at {n}, {large.added_ms_per_article:.3f} at {4 * n} "
                f"({scaling:.2f}×); as a line: ~{fixed:.0f} ms per build + "
                f"~{slope:.3f} ms per article"
            )
            # The goal compares the per-article cost of the plugin's own work,
            # timed inside the build: the difference of whole-build medians
            # also spreads fixed per-build costs (loading OpenCC's dictionaries)
            # over the articles, which makes it fall with N and is noisy. The
            # first document's call, which loads the dictionaries, is left out.
            # The fastest of the R builds: the cost of the work itself, least
            # disturbed by the machine (timeit's reasoning); the medians drift
            # by about 10 % between runs on a shared 2-core machine.
            small_ms = small.marginal_handler_ms_per_article(min)
            large_ms = large.marginal_handler_ms_per_article(min)
            per_article = large_ms / small_ms
            rows.append(
                Row(
                    f"{name}: plugin's cost per article (its handlers), "
                    f"{4 * n} vs {n} articles",
                    f"{small_ms:.2f} ms ({n})",
                    f"{large_ms:.2f} ms ({4 * n})",
                    f"{per_article:.2f}×",
                    f"{1 - GOAL_SCALING:.2f}×–{1 + GOAL_SCALING:.2f}×",
                    verdict(abs(per_article - 1) <= GOAL_SCALING),
                )
            )

        variants_builds: list[Build] = []
        for fmt, name in (("html", "HTML"), ("md", "Markdown")):
            label = f"{name}, two script variants ({n} articles) vs plain {2 * n}"
            case = Case(
                label,
                Build(
                    f"{label}, plain",
                    conf[0],
                    write_corpus(seed, corpus, fmt, 2 * n),
                    2 * n,
                    False,
                    check_plain,
                ),
                Build(
                    f"{label}, plugin",
                    variants_conf,
                    corpus / f"{fmt}-{n}",
                    n,
                    True,
                    check_variants,
                    pages=2 * n,
                ),
            )
            try:
                measure(runner, [case], repeat)
            except VariantsUnavailable as err:
                print(
                    "   variants: not available in this version "
                    f"({err.args[0].splitlines()[-1]})"
                )
                rows.append(
                    Row(label, "", "", "not available in this version", "", "n/a")
                )
                break
            except BenchmarkError as err:
                # The feature is in progress: report loudly, keep the other numbers.
                print(f"   variants: ERROR, the build is not comparable: {err}")
                rows.append(
                    Row(label, "", "", f"not comparable: {_one_line(err)}", "", "ERROR")
                )
                continue
            rows.extend(_time_rows(label, case, GOAL_VARIANTS))
            variants_builds.append(case.plugin)

        print("\n== Long article: pipeline.process(clean, TOC, t2s) outside Pelican")
        small_kb, small_ms, big_kb, big_ms = long_article(seed, repeat)
        ratio = (big_ms / big_kb) / (small_ms / small_kb)
        print(
            f"   seed-sized article: {small_kb:.1f} KB in {small_ms:.3f} ms = "
            f"{1000 * small_ms / small_kb:.2f} µs/KB"
        )
        print(
            f"   500-copy article:  {big_kb:.0f} KB in {big_ms:.1f} ms = "
            f"{1000 * big_ms / big_kb:.2f} µs/KB ({big_ms / small_ms:.0f}× the "
            f"time for {big_kb / small_kb:.0f}× the size)"
        )
        rows.append(
            Row(
                f"~5 MB article vs {small_kb:.0f} KB article: cost per KB "
                "(pipeline alone)",
                f"{1000 * small_ms / small_kb:.1f} µs/KB",
                f"{1000 * big_ms / big_kb:.1f} µs/KB",
                f"{ratio:.2f}×",
                f"≤ {GOAL_LONG:.2f}×",
                verdict(ratio <= GOAL_LONG),
            )
        )

        failures = sum(row.result in ("FAIL", "ERROR") for row in rows)
        if profile_anyway or failures:
            profile = workdir / "plugin.prof"
            content = corpus / f"html-{n}"
            label = f"HTML, {n} articles, clean + TOC + t2s"
            runner.run(_pair(label, conf, content, n).plugin, profile)
            print_profile(profile, label)
            for build in variants_builds[:1]:
                runner.run(build, profile)
                print_profile(profile, build.label.removesuffix(", plugin"))

    print("\n== Goals (ratios over Pelican's own build of the same corpus)")
    for row in rows:
        goal = f" (goal {row.goal})" if row.goal else ""
        floor = f"; the design's floor: {row.floor}" if row.floor else ""
        print(f"   {row.result:5} {row.case}: {row.measured}{goal}{floor}")
    passes = sum(row.result == "PASS" for row in rows)
    print(
        f"\n{passes} of {len(rows)} rows pass, {failures} fail, "
        f"{len(rows) - passes - failures} not available "
        f"(benchmark took {time.perf_counter() - started:.0f} s)"
    )
    print(
        "load average at the end: "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)"
    )
    if source_fingerprint() != fingerprint:
        print(
            f"WARNING: pelican_ath/*.py changed during the run (files "
            f"{fingerprint} -> {source_fingerprint()}): the numbers mix versions"
        )

    print(
        f"\nMarkdown table (N = {n}, R = {repeat}; ratio of medians of "
        f"alternating runs; {machine_info()[0].split(' (')[0]}, "
        f"Python {platform.python_version()}, Pelican {metadata.version('pelican')}):\n"
    )
    print(
        "| Case | Pelican alone | With pelican-ath | Ratio | Goal | Result "
        "| Floor (lxml + OpenCC alone) |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print(
            f"| {row.case} | {row.plain} | {row.plugin} | {row.measured} "
            f"| {row.goal} | {row.result} | {row.floor} |"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchmarkError as err:
        print(f"\nbenchmark error: {err}", file=sys.stderr)
        sys.exit(2)
