"""Instructions per document, counted by valgrind: the floor's work against
pelican-ath's, and the steps that make the difference.

    python benchmarks/instructions.py [--documents N]

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
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
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
    from pelican.plugins.ath.flat_article import read_blocks
    from pelican.plugins.ath.pipeline import process
    from pelican.plugins.ath.readers.precleaned import preclean
    from pelican.plugins.ath.settings import ArticleOptions

    t2s = ArticleOptions(scraped=True, script="t2s")
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
                content = SimpleNamespace(_content=body, settings={}, lang=None)
                floor.on_content_object_init(content)

        return run_floor
    rounds: dict[str, Callable[[], object]] = {
        "plugin": lambda: [process(preclean(body)[0], t2s) for body in bodies],
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


def counted(measure: str, rounds: int, count: int) -> int:
    """Instructions of a child process running ``rounds`` rounds."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        measure,
        str(rounds),
        "--documents",
        str(count),
    ]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    found = _TOTAL.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"{measure}: valgrind failed\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def per_document(measure: str, count: int) -> float:
    """Instructions per document of one round of ``measure``."""
    return (counted(measure, 3, count) - counted(measure, 1, count)) / 2 / count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=20)
    parser.add_argument("--child", nargs=2, metavar=("MEASURE", "ROUNDS"))
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], int(args.child[1]), args.documents)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)")
        return 1
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
