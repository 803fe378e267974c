"""The warm-rebuild case: Pelican's content cache on, a series of builds.

Each series is a cold build (an empty cache folder), a warm rebuild with
nothing changed, and a rebuild with one article changed, all three with the
cache folder kept between them, as a user working on a blog sees them.
Pelican alone and the plugin (``ATH_SCRIPT = "t2s"``) build their own copy
of the same corpus with their own cache folder, state by state in the same
round (the order of the two turning from round to round). The goals (issue
31): both warm builds within 1.03× of Pelican alone's, every warm output
byte for byte what a build without the cache writes, and no OpenCC
dictionary loaded when nothing changed.

``CONTENT_CACHING_LAYER = "generator"``: that layer keeps the finished
articles. With Pelican's default (``"reader"``) it keeps what the readers
returned, and every content object is made, and so treated, again.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import checks
from cases import Build, Case, Runner, rotated
from corpus import Seed, scraped_html, write_corpus
from report import Row, times

STATES = ("cold", "warm", "changed")
KINDS = ("plain", "plugin")
GOAL_WARM = 1.03
DIGITS = 3
LAYER = "generator"
#: The article the "changed" builds find edited.
CHANGED = 0
ADDED = "<p>補記:這一段是改過之後加上的。</p>\n"


def write_settings(folder: Path, base: dict[str, object]) -> dict[str, Path]:
    """A settings file per kind: the content cache on, a cache folder each."""
    paths = {}
    for kind in KINDS:
        values = {
            **base,
            "CACHE_CONTENT": True,
            "LOAD_CONTENT_CACHE": True,
            "CONTENT_CACHING_LAYER": LAYER,
            "CACHE_PATH": str(folder / f"warm-cache-{kind}"),
        }
        if kind == "plugin":
            values.update(PLUGINS=["pelican_ath"], ATH_SCRIPT="t2s")
        path = folder / f"settings_warm_{kind}.py"
        path.write_text(
            "".join(f"{key} = {value!r}\n" for key, value in values.items()), "utf-8"
        )
        paths[kind] = path
    return paths


class SameAsCold:
    """A build's check: the kind's own check, then every file of its output
    compared with a build of the same content without the cache; the files
    that differ are kept (a goal row, not an error)."""

    def __init__(self, check: Callable[[Path, int], None], reference: Path) -> None:
        self.check = check
        self.reference = reference
        self.differing: list[str] = []
        self.compared = 0

    def __call__(self, output: Path, articles: int) -> None:
        self.check(output, articles)
        self.compared += 1
        self.differing += [
            f"{output.name}/{name}"
            for name in sorted(set(_files(output)) | set(_files(self.reference)))
            if _read(output / name) != _read(self.reference / name)
        ]


def _files(folder: Path) -> list[str]:
    return [
        str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()
    ]


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def warm_case(
    runner: Runner, work: Path, seed: Seed, n: int, base: dict[str, object]
) -> tuple[Case, list[SameAsCold]]:
    """The case's builds, named ``"STATE KIND"``; and the reference builds
    (without the cache) its checks compare with, made now."""
    label = (
        f"Content cache ({LAYER} layer), {n} scraped HTML articles, t2s: "
        "cold / warm / one changed"
    )
    conf = write_settings(work, base)
    uncached = {**base, "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}
    plain_conf = work / "settings_warm_reference_plain.py"
    plugin_conf = work / "settings_warm_reference_plugin.py"
    for path, extra in (
        (plain_conf, {}),
        (plugin_conf, {"PLUGINS": ["pelican_ath"], "ATH_SCRIPT": "t2s"}),
    ):
        values = {**uncached, **extra}
        path.write_text(
            "".join(f"{key} = {value!r}\n" for key, value in values.items()), "utf-8"
        )
    kind_check = {"plain": checks.plain, "plugin": checks.plugin_t2s}
    builds: dict[str, Build] = {}
    same: list[SameAsCold] = []
    for kind, reference_conf in (("plain", plain_conf), ("plugin", plugin_conf)):
        content = write_corpus(seed, work / f"warm-corpus-{kind}", "html", n)
        article = content / f"a-{CHANGED}.html"
        original = scraped_html(seed, CHANGED)
        changed = original.replace("<body>\n", "<body>\n" + ADDED, 1)
        cache = work / f"warm-cache-{kind}"

        def restore(article=article, original=original, cache=cache) -> None:
            shutil.rmtree(cache, ignore_errors=True)
            article.write_text(original, "utf-8")

        def change(article=article, changed=changed) -> None:
            article.write_text(changed, "utf-8")

        references = {}
        for corpus, prepare in (("original", restore), ("changed", change)):
            prepare()
            references[corpus] = work / f"warm-reference-{kind}-{corpus}"
            runner.run(
                Build(
                    f"{label}, {kind} without the cache",
                    reference_conf,
                    content,
                    n,
                    kind_check[kind],
                ),
                keep=references[corpus],
            )
        for state, prepare in (("cold", restore), ("warm", None), ("changed", change)):
            corpus = "changed" if state == "changed" else "original"
            check = SameAsCold(kind_check[kind], references[corpus])
            same.append(check)
            builds[f"{state} {kind}"] = Build(
                f"{label}, {state}, {kind}",
                conf[kind],
                content,
                n,
                check,
                prepare=prepare,
            )
    return Case(label, builds), same


def measure_series(runner: Runner, case: Case, repeat: int) -> None:
    """One untimed series of each kind, then ``repeat`` rounds: the cold
    builds of both kinds, their warm builds, their changed builds (the
    order of the kinds turning from round to round)."""
    print(f"\n== {case.label}", flush=True)
    for kind in KINDS:
        for state in STATES:
            runner.run(case.builds[f"{state} {kind}"])
    case.samples = {name: [] for name in case.builds}
    for rep in range(repeat):
        for state in STATES:
            for kind in rotated(list(KINDS), rep):
                name = f"{state} {kind}"
                case.samples[name].append(runner.run(case.builds[name]))
        took = ", ".join(
            f"{name} {samples[-1].seconds:.3f}"
            for name, samples in case.samples.items()
        )
        print(f"   {rep + 1}/{repeat}: {took} s", flush=True)


def warm_rows(case: Case, same: list[SameAsCold]) -> list[Row]:
    rows = []
    for state, what in (
        ("cold", "cold build (empty cache)"),
        ("warm", "warm rebuild, nothing changed"),
        ("changed", "warm rebuild, one article changed"),
    ):
        plain, plugin = f"{state} plain", f"{state} plugin"
        ratio = case.ratio(plugin, plain)
        spread = case.pair_ratios(plugin, plain)
        goal = state != "cold"
        rows.append(
            Row(
                f"{case.label}: {what}",
                f"{case.seconds(plain):.3f} s",
                "",
                f"{case.seconds(plugin):.3f} s",
                f"{times(ratio, DIGITS)} (rounds {min(spread):.2f}–{max(spread):.2f})",
                f"≤ {GOAL_WARM:.2f}×" if goal else "",
                ratio <= GOAL_WARM if goal else None,
            )
        )
    differing = [name for check in same for name in check.differing]
    compared = sum(check.compared for check in same)
    rows.append(
        Row(
            f"{case.label}: output against a build without the cache",
            "",
            "",
            f"{compared} builds compared",
            f"{len(differing)} files differ"
            + (f" ({', '.join(differing[:3])}…)" if differing else ""),
            "0",
            not differing,
        )
    )
    warm_loads = sorted(
        {
            config
            for sample in case.samples["warm plugin"]
            for config, _ in sample.opencc_loads
        }
    )
    changed_loads = sorted(
        {
            config
            for sample in case.samples["changed plugin"]
            for config, _ in sample.opencc_loads
        }
    )
    rows.append(
        Row(
            f"{case.label}: OpenCC configurations loaded by the warm rebuild "
            "with nothing changed",
            "",
            "",
            "one article changed: " + (", ".join(changed_loads) or "none"),
            ", ".join(warm_loads) or "none",
            "none",
            not warm_loads,
        )
    )
    return rows
