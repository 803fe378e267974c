"""Benchmark pelican-ath against Pelican alone and against the design's floor.

    python benchmarks/bench.py            # N = 200 articles, R = 5 rounds
    python benchmarks/bench.py --quick    # N = 50, R = 3 (a smoke run)
    python benchmarks/bench.py --articles 600 --repeat 7 --profile

Every build runs in a fresh interpreter (``driver.py``); the builds of the
cases compared with each other alternate, round after round, so that they
see the machine in the same states. Ratios are of medians. It prints each
goal's PASS/FAIL and a Markdown table, and exits 0 if every goal passes, 1 if
one fails, 2 if a build went wrong.

The goals (issue 14), as ratios of Pelican's own build of the same corpus:

- scraped articles, one script (``t2s``), HTML and Markdown, N and 4N: the
  plugin's time ratio at most 0.10 above the floor's (``floor.py``: lxml
  parse + serialise + OpenCC per document, nothing else), its peak-RSS ratio
  at most 0.03 above the floor's; its per-document time at 4N within 10 % of
  N;
- the blog's own Markdown articles, default settings: at most 1.03× Pelican's
  time, at most +0.02 in peak RSS, no lxml, OpenCC or BeautifulSoup loaded
  (measured in 3R rounds, with Pelican alone built a second time in each: its
  ratio to the first is the noise of the run, printed beside the goal);
- two script variants of N articles: at most 0.75× the time of the two
  builds a user would otherwise run (one per ``ATH_SCRIPT``), peak RSS at most
  the larger of those two's + 0.05;
- cold start: each OpenCC configuration loaded once, only the ones used;
- Pelican's content cache on (``warm.py``, issue 31), N scraped HTML
  articles, t2s: the warm rebuild with nothing changed and the one with one
  article changed each at most 1.03× Pelican alone's, their output the same
  bytes as a build without the cache, no OpenCC loaded when nothing changed;
- a ~5 MB article within 1.5× the per-KB cost of a seed-sized one.
"""

from __future__ import annotations

import argparse
import compileall
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

import checks
from cases import BenchmarkError, Build, Case, Runner, measure
from corpus import (
    DISCLAIMER_SIGNS,
    long_articles,
    read_seed,
    write_corpus,
    write_translated_corpus,
)
from report import Row, machine, markdown_table, plus, print_rows, times
from warm import measure_series, warm_case, warm_rows

HERE = Path(__file__).resolve().parent

GOAL_OVER_FLOOR_TIME = 0.10
GOAL_OVER_FLOOR_RSS = 0.03
GOAL_SCALING = 0.10
GOAL_OWN_TIME = 1.03
GOAL_OWN_RSS = 0.02
#: The blog's own content is measured in this many times R rounds: its goal
#: (3 %) is a third of the scraped rows' (10 %), and this machine's noise on
#: a ratio of medians of 31 rounds is about 3 % (the ``again`` build shows it).
OWN_ROUNDS = 3
#: Decimals of the blog's own time ratios: at two, 1.035× (a FAIL) reads
#: as the goal's 1.03×.
OWN_DIGITS = 3
GOAL_VARIANTS_TIME = 0.75
GOAL_VARIANTS_RSS = 0.05
#: The variants build over the least possible, as a share of the two builds.
GOAL_VARIANTS_OVER_LEAST = 0.02
GOAL_LONG = 1.5
HEAVY = ("lxml", "opencc", "bs4", "nh3", "charset_normalizer")

BASE = {
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
VARIANTS = {"zh-tw": "s2tw", "zh-cn": "tw2s"}
SETTINGS = {
    "plain": BASE,
    "plugin": {**BASE, "PLUGINS": ["pelican_ath"], "ATH_SCRIPT": "t2s"},
    "floor": {**BASE, "PLUGINS": ["floor"], "PLUGIN_PATHS": [str(HERE)]},
    "own": {**BASE, "PLUGINS": ["pelican_ath"]},
    "variants": {
        **BASE,
        "PLUGINS": ["pelican_ath"],
        "ATH_SCRIPT_VARIANTS": VARIANTS,
        "ATH_VARIANT_SITES": False,
    },
    "s2tw": {**BASE, "PLUGINS": ["pelican_ath"], "ATH_SCRIPT": "s2tw"},
    "tw2s": {**BASE, "PLUGINS": ["pelican_ath"], "ATH_SCRIPT": "tw2s"},
    "floor-variants": {
        **BASE,
        "PLUGINS": ["floor"],
        "PLUGIN_PATHS": [str(HERE)],
        "FLOOR_SCRIPTS": VARIANTS,
    },
    "variant-opencc": {
        **BASE,
        "PLUGINS": ["floor"],
        "PLUGIN_PATHS": [str(HERE)],
        "FLOOR_SCRIPT": None,
        "FLOOR_VARIANT": ("zh-cn", VARIANTS["zh-cn"]),
    },
}


def write_settings(folder: Path) -> dict[str, Path]:
    paths = {}
    for name, values in SETTINGS.items():
        path = folder / f"settings_{name.replace('-', '_')}.py"
        path.write_text(
            "".join(f"{key} = {value!r}\n" for key, value in values.items()), "utf-8"
        )
        paths[name] = path
    return paths


# -- cases -----------------------------------------------------------------------


def scraped_case(conf, content: Path, articles: int, label: str) -> Case:
    return Case(
        label,
        {
            "plain": Build(
                f"{label}, plain", conf["plain"], content, articles, checks.plain
            ),
            "floor": Build(
                f"{label}, floor", conf["floor"], content, articles, checks.floor
            ),
            "plugin": Build(
                f"{label}, plugin", conf["plugin"], content, articles, checks.plugin_t2s
            ),
        },
    )


def spread(values: list[float]) -> str:
    """The quartiles and the extremes of round-by-round values.

    >>> spread([0.1, -0.02, 0.05, 0.3, 0.07])
    'quartiles +0.05…+0.10, all -0.02…+0.30'
    """
    if len(values) < 2:
        return "one round"
    low, _, high = statistics.quantiles(values, n=4, method="inclusive")
    return f"quartiles {plus(low)}…{plus(high)}, all {plus(min(values))}…{plus(max(values))}"


def scraped_rows(case: Case) -> list[Row]:
    over_time = case.ratio("plugin") - case.ratio("floor")
    rounds = case.round_differences("plugin", "floor")
    over_rss = case.rss_ratio("plugin") - case.rss_ratio("floor")
    return [
        Row(
            f"{case.label}: build time",
            f"{case.ms_per_page('plain'):.2f} ms/article",
            times(case.ratio("floor")),
            times(case.ratio("plugin")),
            f"plugin − floor {plus(over_time)} (rounds: {spread(rounds)})",
            f"≤ +{GOAL_OVER_FLOOR_TIME:.2f}",
            over_time <= GOAL_OVER_FLOOR_TIME,
        ),
        Row(
            f"{case.label}: peak RSS",
            f"{case.rss_mb('plain'):.0f} MB",
            times(case.rss_ratio("floor")),
            times(case.rss_ratio("plugin")),
            f"plugin − floor {plus(over_rss)}",
            f"≤ +{GOAL_OVER_FLOOR_RSS:.2f}",
            over_rss <= GOAL_OVER_FLOOR_RSS,
        ),
    ]


def scaling_row(name: str, small: Case, large: Case, n: int) -> Row:
    """The plugin's per-document time (fastest of the R builds, first
    document apart) at 4N against N."""
    small_ms = small.dispatch_ms_per_article("plugin", min)
    large_ms = large.dispatch_ms_per_article("plugin", min)
    floor_small = small.dispatch_ms_per_article("floor", min)
    ratio = large_ms / small_ms
    return Row(
        f"{name}: per-document time, {4 * n} vs {n} articles",
        "",
        f"{floor_small:.2f} ms ({n})",
        f"{small_ms:.2f} → {large_ms:.2f} ms",
        times(ratio),
        f"{1 - GOAL_SCALING:.2f}×–{1 + GOAL_SCALING:.2f}×",
        abs(ratio - 1) <= GOAL_SCALING,
    )


def own_case(conf, content: Path, articles: int, reference: Path) -> Case:
    label = (
        f"Own Markdown blog, {articles} articles (default settings, "
        f"{OWN_ROUNDS}R rounds)"
    )
    return Case(
        label,
        {
            "plain": Build(
                f"{label}, plain", conf["plain"], content, articles, checks.own
            ),
            "plugin": Build(
                f"{label}, plugin",
                conf["own"],
                content,
                articles,
                checks.own_untouched(reference),
            ),
            # Pelican alone once more: the run's noise on this case's ratio
            "again": Build(
                f"{label}, plain again", conf["plain"], content, articles, checks.own
            ),
        },
    )


def own_rows(case: Case) -> list[Row]:
    over_rss = case.rss_ratio("plugin") - 1
    plain_modules = set(case.samples["plain"][0].modules)
    added = sorted(set(case.samples["plugin"][0].modules) - plain_modules & set(HEAVY))
    return [
        Row(
            f"{case.label}: build time",
            f"{case.ms_per_page('plain'):.2f} ms/article",
            "",
            f"{case.ms_per_page('plugin'):.2f} ms/article",
            times(case.ratio("plugin"), OWN_DIGITS),
            f"≤ {GOAL_OWN_TIME:.2f}×",
            case.ratio("plugin") <= GOAL_OWN_TIME,
        ),
        Row(
            f"{case.label}: Pelican alone against itself (the noise of the ratio)",
            f"{case.ms_per_page('plain'):.2f} ms/article",
            "",
            f"{case.ms_per_page('again'):.2f} ms/article",
            times(case.ratio("again"), OWN_DIGITS),
            "",
            None,
        ),
        Row(
            f"{case.label}: peak RSS",
            f"{case.rss_mb('plain'):.0f} MB",
            "",
            f"{case.rss_mb('plugin'):.0f} MB",
            plus(over_rss),
            f"≤ +{GOAL_OWN_RSS:.2f}",
            over_rss <= GOAL_OWN_RSS,
        ),
        Row(
            f"{case.label}: libraries the plugin loads",
            "",
            "",
            ", ".join(added) or "none of " + "/".join(HEAVY),
            str(len(added)),
            "0",
            not added,
        ),
    ]


def variants_case(conf, corpus: Path, translated: Path, n: int) -> Case:
    label = f"Two script variants, {n} articles ({2 * n} pages)"
    return Case(
        label,
        {
            "plain": Build(
                f"{label}, plain", conf["plain"], translated, n, checks.translated_floor
            ),
            "floor": Build(
                f"{label}, floor",
                conf["floor-variants"],
                translated,
                n,
                checks.translated_floor,
            ),
            "variants": Build(
                f"{label}, plugin",
                conf["variants"],
                corpus,
                n,
                checks.variants,
                pages=2 * n,
            ),
            "s2tw": Build(
                f"{label}, s2tw alone", conf["s2tw"], corpus, n, checks.plugin_s2tw
            ),
            "tw2s": Build(
                f"{label}, tw2s alone", conf["tw2s"], corpus, n, checks.plugin_t2s
            ),
            # Pelican and OpenCC's part of the variants (the least row)
            "alone": Build(
                f"{label}, Pelican alone", conf["plain"], corpus, n, checks.plain
            ),
            "variant-opencc": Build(
                f"{label}, variants by OpenCC alone",
                conf["variant-opencc"],
                corpus,
                n,
                checks.variant_opencc,
                pages=2 * n,
            ),
        },
    )


def variants_rows(case: Case) -> list[Row]:
    separate = case.seconds("s2tw") + case.seconds("tw2s")
    ratio = case.seconds("variants") / separate
    larger = max(case.rss_mb("s2tw"), case.rss_mb("tw2s"))
    over_rss = (case.rss_mb("variants") - larger) / case.rss_mb("plain")
    return [
        Row(
            f"{case.label}: time against two builds (one per ATH_SCRIPT)",
            f"{separate:.2f} s (two builds)",
            times(case.seconds("floor") / separate),
            f"{case.seconds('variants'):.2f} s",
            times(ratio),
            f"≤ {GOAL_VARIANTS_TIME:.2f}×",
            ratio <= GOAL_VARIANTS_TIME,
        ),
        least_variants_row(case, separate),
        Row(
            f"{case.label}: peak RSS against the larger of the two builds",
            f"{larger:.0f} MB (larger build)",
            times(case.rss_ratio("floor")),
            f"{case.rss_mb('variants'):.0f} MB",
            plus(over_rss),
            f"≤ +{GOAL_VARIANTS_RSS:.2f}",
            over_rss <= GOAL_VARIANTS_RSS,
        ),
    ]


#: The reading beside the variants goal (:func:`least_variants`).
LEAST_VARIANTS = (
    "the least possible, against two builds (Pelican publishing both scripts, "
    "one OpenCC call a variant, the s2tw build's own work)"
)


def least_variants(variant_opencc: float, s2tw: float, alone: float) -> float:
    """The least a variants build can take (in seconds or instructions, as
    its arguments): Pelican publishing the pages of both scripts with each
    variant converted by one OpenCC call (``FLOOR_VARIANT``), and the
    ``s2tw`` build's own work (that build less Pelican alone: the original's
    treatment, the same in both). Where it is over the goal, Pelican and
    that OpenCC call are what is left."""
    return variant_opencc + s2tw - alone


def least_variants_row(case: Case, separate: float) -> Row:
    """:func:`least_variants` against the two builds, and how far the
    plugin's variants build is over it (issue 31: ≤ +0.02 of the two)."""
    least = least_variants(
        *(case.seconds(name) for name in ("variant-opencc", "s2tw", "alone"))
    )
    over = (case.seconds("variants") - least) / separate
    return Row(
        f"{case.label}: {LEAST_VARIANTS}",
        f"{separate:.2f} s (two builds)",
        "",
        f"{least:.2f} s",
        f"{times(least / separate)}; plugin − least {plus(over)}",
        f"≤ +{GOAL_VARIANTS_OVER_LEAST:.2f}",
        over <= GOAL_VARIANTS_OVER_LEAST,
    )


def cold_start_rows(t2s: Case, variants: Case) -> list[Row]:
    rows = []
    for case, name, wanted in (
        (t2s, "plugin", {"t2s"}),
        (variants, "variants", None),
    ):
        sample = case.samples[name][0]
        loads = [config.removesuffix(".json") for config, _ in sample.opencc_loads]
        once = len(loads) == len(set(loads))
        ok = once and (wanted is None or set(loads) <= wanted)
        first = 1000 * statistics.median(
            s.first_dispatch_seconds for s in case.samples[name]
        )
        rest = case.dispatch_ms_per_article(name)
        loading = ", ".join(
            f"{config} {1000 * took:.0f} ms" for config, took in sample.opencc_loads
        )
        rows.append(
            Row(
                f"Cold start, {case.label}: OpenCC configurations loaded",
                "",
                "",
                f"first document {first:.1f} ms, then {rest:.2f} ms",
                loading or "none",
                "each once, only those used",
                ok,
            )
        )
    return rows


def long_article_row(repeat: int) -> Row:
    """``pipeline.process`` alone on a seed-sized and a ~5 MB article."""
    from pelican.plugins.ath.treatment.options import ArticleOptions
    from pelican.plugins.ath.treatment.process import process

    options = ArticleOptions(scraped=True, script="t2s")
    small, big = long_articles(read_seed())
    for source, headings in ((small, 6), (big, 3000)):
        result = process(source, options)  # the warm-up: OpenCC is loaded
        if len(result.toc_tree) != headings or "事业群" not in result.html:
            raise BenchmarkError("long article: wrong TOC or not converted")
        if any(sign in result.html for sign in DISCLAIMER_SIGNS):
            raise BenchmarkError("long article: the disclaimer left")

    def cost(source: str, batch: int) -> float:
        runs = []
        for _ in range(max(repeat, 3)):
            start = time.perf_counter()
            for _ in range(batch):
                process(source, options)
            runs.append((time.perf_counter() - start) / batch)
        return min(runs)

    small_kb, big_kb = len(small.encode()) / 1024, len(big.encode()) / 1024
    small_us = 1e6 * cost(small, 20) / small_kb
    big_us = 1e6 * cost(big, 1) / big_kb
    return Row(
        f"~{big_kb / 1024:.0f} MB article vs {small_kb:.0f} KB article: cost per KB "
        "(pipeline alone)",
        "",
        "",
        f"{small_us:.1f} → {big_us:.1f} µs/KB",
        times(big_us / small_us),
        f"≤ {GOAL_LONG:.2f}×",
        big_us / small_us <= GOAL_LONG,
    )


def print_profile(path: Path, title: str) -> None:
    print(f"\n== cProfile of one plugin build: {title}")
    stats = pstats.Stats(str(path))
    stats.sort_stats("cumulative").print_stats(r"plugins/ath|lxml|opencc", 25)
    stats.sort_stats("tottime").print_stats(r"plugins/ath|lxml|opencc", 15)


# -- main ---------------------------------------------------------------------------


def run(n: int, repeat: int, profile: bool) -> int:
    started = time.perf_counter()
    print("pelican-ath benchmark")
    for line in machine():
        print(f"  {line}")
    import pelican.plugins.ath as ath

    # As pip install does: an editable checkout would otherwise compile the
    # plugin in every build (time, and about 1 MB of peak RSS).
    compileall.compile_dir(Path(ath.__file__).parent, quiet=1)
    seed = read_seed()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="ath-bench-") as tmp:
        work = Path(tmp)
        runner = Runner(work)
        corpus = work / "corpus"
        conf = write_settings(work)

        first_t2s = None
        for kind, name in (("html", "HTML"), ("md", "Markdown")):
            small, large = (
                scraped_case(
                    conf,
                    write_corpus(seed, corpus, kind, articles),
                    articles,
                    f"Scraped {name}, {articles} articles, t2s",
                )
                for articles in (n, 4 * n)
            )
            measure(runner, [small, large], repeat)
            rows += scraped_rows(small) + scraped_rows(large)
            rows.append(scaling_row(f"Scraped {name}", small, large, n))
            first_t2s = first_t2s or small

        own_content = write_corpus(seed, corpus, "own", n)
        reference = work / "own-reference"
        runner.run(
            Build("own blog, reference", conf["plain"], own_content, n, checks.own),
            keep=reference,
        )
        own = own_case(conf, own_content, n, reference)
        measure(runner, [own], OWN_ROUNDS * repeat)
        rows += own_rows(own)

        html_corpus = write_corpus(seed, corpus, "html", n)
        variants = variants_case(
            conf, html_corpus, write_translated_corpus(seed, corpus, n), n
        )
        measure(runner, [variants], repeat)
        rows += variants_rows(variants)
        rows += cold_start_rows(first_t2s, variants)

        warm, same = warm_case(runner, work, seed, n, BASE)
        measure_series(runner, warm, repeat)
        rows += warm_rows(warm, same)

        print("\n== Long article: pipeline.process outside Pelican")
        rows.append(long_article_row(repeat))

        if profile:
            path = work / "plugin.prof"
            build = first_t2s.builds["plugin"]
            runner.run(build, path)
            print_profile(path, build.label)
            runner.run(variants.builds["variants"], path)
            print_profile(path, variants.builds["variants"].label)

    print_rows(rows)
    goals = [row for row in rows if row.passed is not None]  # not the readings
    failures = sum(row.passed is False for row in goals)
    print(
        f"\n{len(goals) - failures} of {len(goals)} goals pass "
        f"({time.perf_counter() - started:.0f} s)\n"
    )
    print(markdown_table(rows, n, repeat))
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="N (200)")
    parser.add_argument("--repeat", type=int, default=5, help="R, rounds (5)")
    parser.add_argument("--quick", action="store_true", help="N = 50, R = 3")
    parser.add_argument("--profile", action="store_true", help="cProfile two builds")
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.repeat = 50, 3
    if args.articles < 4 or args.repeat < 1:
        parser.error("--articles must be >= 4 and --repeat >= 1")
    return run(args.articles, args.repeat, args.profile)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchmarkError as err:
        print(f"\nbenchmark error: {err}", file=sys.stderr)
        sys.exit(2)
