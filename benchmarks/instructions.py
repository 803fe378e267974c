"""Instructions per document, counted by valgrind: the floor's work against
pelican-ath's, and the steps that make the difference; with ``--builds``,
whole builds.

    python benchmarks/instructions.py [--documents N]
    python benchmarks/instructions.py --builds [--articles N]

Needs ``valgrind`` (Debian: ``apt-get install valgrind``). Time on a shared
machine moves with the CPU's speed from one minute to the next; a count of
instructions does not (the same code gives the same count, to the
instruction, from run to run), so this is how a change to one step is
measured before ``bench.py`` times whole builds. Instructions are not time:
OpenCC's dictionary lookups and lxml's allocations cost more time per
instruction than Python's bytecode does, and a build leaves the caches cold.

Each measure runs in a child process under ``valgrind --tool=callgrind``,
once over the N documents and once three times over them; the difference,
over two rounds and N documents, is what the work costs per document
(start-up, imports and loading OpenCC's dictionaries are in both and cancel).
The documents are the benchmark's seed-sized scraped HTML articles, as
Pelican's HTML reader gives their bodies.

``--builds`` counts the builds of ``bench.py``'s time goals (N articles,
each build once), each less its start-up (the same build with ``--no-run``:
interpreter, imports, settings, plugins), so that what is left is
``Pelican.run()``, what ``bench.py`` times, and prints the goals' ratios in
instructions: the same for the same code, where the times move by more than
the goals' margins on a shared machine (about 20 minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
_TOTAL = re.compile(r"I\s+refs:\s+([\d,]+)")

#: What each measure runs over one document, and its label.
MEASURES = {
    "floor": "the floor: lxml parse and serialisation, one OpenCC call",
    "plugin": "pelican-ath: pre-cleaning and the pipeline (t2s)",
    "opencc": "OpenCC alone, on the document's text (t2s)",
    "preclean": "pre-cleaning in the reader, which reads the flat document",
    "treatment": "the pipeline without script and punctuation (read, clean, ids, TOC)",
    "punctuation": "full-width punctuation of the converted text",
}


def documents(count: int) -> list[str]:
    """The bodies of the benchmark's first ``count`` scraped HTML articles."""
    sys.path.insert(0, str(HERE))
    from corpus import body_html, numbered, read_seed

    seed = read_seed()
    return [
        body_html(numbered(seed, index), seed.disclaimer)
        for index in range(1, count + 1)
    ]


def work(measure: str, bodies: list[str]) -> Callable[[], object]:
    """One round of ``measure`` over ``bodies`` (everything it needs loaded)."""
    import opencc

    from pelican.plugins.ath.chinese.punctuation import full_width
    from pelican.plugins.ath.html.flat_document import read_blocks
    from pelican.plugins.ath.readers.precleaned import (
        preclean,
        preclean_with_document,
    )
    from pelican.plugins.ath.treatment.options import ArticleOptions
    from pelican.plugins.ath.treatment.process import process

    t2s = ArticleOptions(scraped=True, script="t2s")

    def handed_on(body: str) -> object:
        source, _, flat = preclean_with_document(body)
        return process(source, t2s, (), flat)

    plain = ArticleOptions(scraped=True, script=None, punctuation=False)
    convert = opencc.OpenCC("t2s").convert
    cleaned = [preclean(body)[0] for body in bodies]
    texts = [read_blocks(body).text() for body in cleaned]  # type: ignore[union-attr]
    converted = [convert(text) for text in texts]
    if measure == "floor":
        from types import SimpleNamespace

        import floor

        def run_floor() -> None:
            for body in bodies:
                content = SimpleNamespace(
                    _content=body, settings={}, lang=None, metadata={}
                )
                floor.on_content_object_init(content)

        return run_floor
    rounds: dict[str, Callable[[], object]] = {
        # as a build does: the flat document pre-cleaning read is handed on
        "plugin": lambda: [handed_on(body) for body in bodies],
        "opencc": lambda: [convert(text) for text in texts],
        "preclean": lambda: [preclean(body) for body in bodies],
        "treatment": lambda: [process(body, plain) for body in cleaned],
        "punctuation": lambda: [full_width(text) for text in converted],
    }
    return rounds[measure]


def child(measure: str, rounds: int, count: int) -> None:
    one_round = work(measure, documents(count))
    for _ in range(rounds):
        one_round()


def valgrind_count(command: list[str], what: str) -> int:
    """Instructions of ``command`` (a Python command line) under callgrind,
    with a fixed hash seed."""
    tool = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    command = [*tool, *command]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    found = _TOTAL.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"{what}: valgrind failed\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def counted(measure: str, rounds: int, count: int) -> int:
    """Instructions of a child process running ``rounds`` rounds."""
    child = ["--child", measure, str(rounds), "--documents", str(count)]
    return valgrind_count([sys.executable, __file__, *child], measure)


def per_document(measure: str, count: int) -> float:
    """Instructions per document of one round of ``measure``."""
    return (counted(measure, 3, count) - counted(measure, 1, count)) / 2 / count


#: The builds ``--builds`` counts: a corpus of ``corpus.py`` (``translated``:
#: each article with its translation) and the settings ``bench.py`` gives
#: the build.
BUILDS = (
    *(("html", name) for name in ("plain", "floor", "plugin")),
    *(("md", name) for name in ("plain", "floor", "plugin")),
    ("own", "plain"),
    ("own", "own"),
    *(("html", name) for name in ("s2tw", "tw2s", "variants", "variant-opencc")),
    ("translated", "floor-variants"),
)
Counts = dict[tuple[str, str], int]


def build_work(settings: Path, content: Path, output: Path) -> int:
    """Instructions of one build's ``Pelican.run()``: the build less its
    start-up."""
    from driver import NO_RUN

    command = [sys.executable, str(HERE / "driver.py"), str(settings), str(content)]
    whole = valgrind_count([*command, str(output)], f"{settings.name} build")
    start = valgrind_count([*command, f"{output}-start", NO_RUN], settings.name)
    return whole - start


def count_builds(articles: int) -> Counts:
    """:data:`BUILDS` of ``articles`` articles each, counted (as many at a
    time as there are cores)."""
    sys.path.insert(0, str(HERE))
    from bench import write_settings
    from corpus import read_seed, write_corpus, write_translated_corpus

    seed = read_seed()
    with tempfile.TemporaryDirectory(prefix="ath-instructions-") as tmp:
        work = Path(tmp)
        conf = write_settings(work)
        corpora = {
            kind: write_corpus(seed, work / "corpus", kind, articles)
            for kind in ("html", "md", "own")
        }
        corpora["translated"] = write_translated_corpus(seed, work / "corpus", articles)
        # Output folders of one length: a path's length moves a build's count.
        jobs = [
            (conf[name], corpora[kind], work / "out" / f"{number:02d}")
            for number, (kind, name) in enumerate(BUILDS)
        ]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            counts = list(pool.map(lambda job: build_work(*job), jobs))
    return dict(zip(BUILDS, counts, strict=True))


def build_rows(counts: Counts) -> list[tuple[str, str, str, str, str]]:
    """The time goals of ``bench.py``, in instructions: (goal, floor,
    pelican-ath, measured, goal)."""
    from bench import (
        GOAL_OVER_FLOOR_TIME,
        GOAL_OWN_TIME,
        GOAL_VARIANTS_TIME,
        LEAST_VARIANTS,
        least_variants,
    )

    rows = []
    for kind, label in (("html", "Scraped HTML, t2s"), ("md", "Scraped Markdown, t2s")):
        plain, floor, plugin = (
            counts[kind, name] for name in ("plain", "floor", "plugin")
        )
        rows.append(
            (
                label,
                f"{floor / plain:.3f}×",
                f"{plugin / plain:.3f}×",
                f"plugin − floor {(plugin - floor) / plain:+.3f}",
                f"≤ +{GOAL_OVER_FLOOR_TIME:.2f}",
            )
        )
    own = counts["own", "own"] / counts["own", "plain"]
    rows.append(
        (
            "Own Markdown blog",
            "",
            f"{own:.3f}×",
            f"{own:.3f}×",
            f"≤ {GOAL_OWN_TIME:.2f}×",
        )
    )
    separate = counts["html", "s2tw"] + counts["html", "tw2s"]
    variants = counts["html", "variants"] / separate
    rows.append(
        (
            "Two script variants, against two builds",
            f"{counts['translated', 'floor-variants'] / separate:.3f}×",
            f"{variants:.3f}×",
            f"{variants:.3f}×",
            f"≤ {GOAL_VARIANTS_TIME:.2f}×",
        )
    )
    least = least_variants(
        *(counts["html", name] for name in ("variant-opencc", "s2tw", "plain"))
    )
    rows.append(
        (
            f"Two script variants, {LEAST_VARIANTS}",
            "",
            "",
            f"{least / separate:.3f}×",
            "",
        )
    )
    return rows


def print_builds(articles: int) -> None:
    counts = count_builds(articles)
    print(f"Instructions of Pelican.run() ({articles} articles, start-up excluded)\n")
    print("| Corpus | Build | Instructions |")
    print("| --- | --- | --- |")
    for (kind, name), count in counts.items():
        print(f"| {kind} | {name} | {count / 1e9:.3f} G |")
    print(
        "\n| Goal (as a ratio of instructions) | Floor | With pelican-ath | Measured | Goal (time) |"
    )
    print("| --- | --- | --- | --- | --- |")
    for row in build_rows(counts):
        print("| " + " | ".join(row) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=20)
    parser.add_argument("--child", nargs=2, metavar=("MEASURE", "ROUNDS"))
    parser.add_argument("--builds", action="store_true", help="count whole builds")
    parser.add_argument("--articles", type=int, default=200, help="N for --builds")
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], int(args.child[1]), args.documents)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)")
        return 1
    if args.builds:
        print_builds(args.articles)
        return 0
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        counts = dict(
            zip(
                MEASURES,
                pool.map(lambda m: per_document(m, args.documents), MEASURES),
                strict=True,
            )
        )
    print(f"Instructions per document ({args.documents} seed-sized HTML articles)\n")
    print("| Measure | Instructions | vs the floor |")
    print("| --- | --- | --- |")
    for measure, label in MEASURES.items():
        ratio = counts[measure] / counts["floor"]
        print(f"| {label} | {counts[measure] / 1e6:.2f} M | {ratio:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
