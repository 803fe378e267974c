"""Build ``pelican/plugins/ath/chinese/script_model.json`` (issue 30).

Run from the checkout, after ``python benchmarks/prose_corpus.py``::

    python tools/build_script_model.py [--corpora DIR]

The model corrects OpenCC where it picks the wrong one of several
Traditional characters for a Simplified one (了 瞭, 发 發 髮, 表 錶, 干 乾 幹,
布 佈, 周 週 …). It is learned from real Traditional prose, the *train*
files of the corpora only (the measure reads the *test* files):

1. the prose is read through Simplified (``tw2s`` / ``hk2s``) and converted
   back with OpenCC (``s2tw`` / ``s2hk``); where a character comes back as
   another character than the author's (regional forms of one character,
   説/說 or 裏/裡, are the same: OpenCC's regional standard is kept), the
   Simplified character is *ambiguous*;
2. for each ambiguous character, the contexts it occurs in (the character
   alone; with its left or right neighbour; with two neighbours), in the
   Simplified text, and which Traditional character the author wrote there;
3. a decision list, general to specific: a context becomes a rule when the
   character it names beats what the rules before it (and OpenCC) give, in
   that context, by at least ``MIN_GAIN`` occurrences and with
   ``MIN_PURITY`` of them;
4. rules that would change any output of OpenCC's own upstream suite
   (``--suite``) are dropped: the suite is OpenCC's specification.

It also records the *words* where a Traditional author writes a character
that is also Simplified beside a Traditional-only one (發布, 折疊), which the
repair otherwise turns into OpenCC's choice (發佈, 摺疊): pairs seen at
least ``MIN_WORD`` times in the train prose.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "pelican" / "plugins" / "ath" / "chinese" / "script_model.json"
DEFAULT_CORPORA = Path("/work/corpora")
SUITE = ROOT.parent.parent / "shared" / "opencc" / "testcases.json"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: region -> (read through Simplified, convert back, regional variants)
REGIONS = {"tw": ("tw2s", "s2tw", "t2tw"), "hk": ("hk2s", "s2hk", "t2hk")}
#: Train files per region (the Taiwan prose is small: the Hong Kong prose,
#: in Taiwan's regional forms, teaches it the characters both share).
TRAIN = {"tw": ("tw-train.txt", "hk-train.txt"), "hk": ("hk-train.txt",)}
MIN_GAIN = 3
MIN_PURITY = 0.8
MIN_WORD = 3
#: Context templates, general to specific: (start, length) of the context
#: relative to the character. Looked up specific first (see chinese/model.py).
LEVELS = (((0, 1),), ((-1, 2), (0, 2)), ((-1, 3), (-2, 3), (0, 3)))


def key(simplified: str, index: int, start: int, length: int) -> str | None:
    """The rule key of a context: offset of the character, then the context."""
    if index + start < 0 or index + start + length > len(simplified):
        return None
    context = simplified[index + start : index + start + length]
    if not all(HAN.match(character) for character in context):
        return None
    return f"{-start}{context}"


def lines_of(paths: list[Path], regional: opencc.OpenCC) -> list[str]:
    lines = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        lines += regional.convert(text).split("\n")
    return [line for line in lines if HAN.search(line)]


def learn(
    region: str, corpora: Path, suite: list[tuple[str, str]]
) -> dict[str, object]:
    back, forward, variants = (opencc.OpenCC(name) for name in REGIONS[region])
    same_region = variants.convert
    paths = [corpora / name for name in TRAIN[region]]
    lines = lines_of(paths, variants)
    text = "\n".join(lines)
    simplified = back.convert(text)
    converted = forward.convert(simplified)
    assert len(text) == len(simplified) == len(converted)
    ambiguous = {
        simplified[index]
        for index in range(len(text))
        if converted[index] != text[index] and HAN.match(text[index])
    }
    positions = [index for index in range(len(text)) if simplified[index] in ambiguous]
    print(
        f"{region}: {len(text):,} characters, {len(ambiguous)} ambiguous, "
        f"{len(positions):,} positions"
    )
    prediction = {index: converted[index] for index in positions}
    rules: dict[str, str] = {}
    for level in LEVELS:
        stats: dict[str, Counter[str]] = defaultdict(Counter)
        right_before: Counter[str] = Counter()
        for index in positions:
            for start, length in level:
                name = key(simplified, index, start, length)
                if name:
                    stats[name][text[index]] += 1
                    right_before[name] += prediction[index] == text[index]
        new: dict[str, str] = {}
        for name, targets in stats.items():
            target, count = targets.most_common(1)[0]
            # occurrences the rule makes right minus those it makes wrong
            gain = count - right_before[name]
            if count / sum(targets.values()) >= MIN_PURITY and gain >= MIN_GAIN:
                new[name] = target
        rules.update(new)
        for index in positions:  # the prediction with this level's rules
            for start, length in level:
                name = key(simplified, index, start, length)
                if name in new:
                    prediction[index] = new[name]
                    break
    rules = drop_against_suite(rules, suite, forward, region)
    words = learn_words(text, simplified, converted, same_region)
    return {"rules": dict(sorted(rules.items())), "words": sorted(words)}


def drop_against_suite(
    rules: dict[str, str],
    suite: list[tuple[str, str]],
    forward: opencc.OpenCC,
    region: str,
) -> dict[str, str]:
    """Rules that change no expected output of OpenCC's suite for the region."""
    sys.path.insert(0, str(ROOT))
    from pelican.plugins.ath.chinese.model import correct

    kept = dict(rules)
    while True:
        bad = set()
        for source, expected in suite:
            converted = forward.convert(source)
            if not len(converted) == len(source) == len(expected):
                continue
            fixed, used = correct(source, converted, kept, report=True)
            if fixed != expected:
                bad |= {name for name, index in used if fixed[index] != expected[index]}
        if not bad:
            return kept
        print(
            f"{region}: {len(bad)} rules dropped against OpenCC's suite: {sorted(bad)[:10]}"
        )
        for name in bad:
            kept.pop(name, None)


def learn_words(
    text: str, simplified: str, converted: str, same_region: object
) -> set[str]:
    """Pairs (a shared character beside a Traditional-only one) that OpenCC
    would change and real Traditional prose writes as they are."""
    counts: Counter[str] = Counter()
    for index in range(len(text) - 1):
        pair = text[index : index + 2]
        for shared, other in ((index, index + 1), (index + 1, index)):
            if (
                text[shared] == simplified[shared]
                and text[other] != simplified[other]
                and converted[shared] != text[shared]
                and HAN.match(text[shared])
            ):
                counts[pair] += 1
    return {pair for pair, count in counts.items() if count >= MIN_WORD}


def load_suite(path: Path) -> dict[str, list[tuple[str, str]]]:
    """OpenCC's upstream cases per region: (input, expected) for s2tw/s2hk."""
    data = json.loads(re.sub(r",(\s*[}\]])", r"\1", path.read_text(encoding="utf-8")))
    found: dict[str, list[tuple[str, str]]] = {"tw": [], "hk": []}
    for case in data["cases"]:
        for config, expected in case.get("expected", {}).items():
            for region, (_, forward, _) in REGIONS.items():
                if config == forward:
                    found[region].append((case["input"], expected))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--suite", type=Path, default=SUITE)
    parser.add_argument("--out", type=Path, default=OUT)
    arguments = parser.parse_args(argv)
    suite = load_suite(arguments.suite)
    model = {
        "about": "pelican-ath script model: tools/build_script_model.py, "
        "learned from the train prose of benchmarks/prose_corpus.py",
        "opencc": opencc.__version__ if hasattr(opencc, "__version__") else "",
    }
    for region in REGIONS:
        model[region] = learn(region, arguments.corpora, suite[region])
        print(
            f"{region}: {len(model[region]['rules'])} rules, "
            f"{len(model[region]['words'])} words"
        )
    arguments.out.write_text(
        json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        + "\n",
        encoding="utf-8",
    )
    print(f"{arguments.out}: {arguments.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
