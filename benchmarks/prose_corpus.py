"""Real Traditional Chinese prose corpora for the fidelity measure (issue 30).

Run from the checkout::

    python benchmarks/prose_corpus.py [--out DIR] [--git-dir REPO=PATH ...]

Writes ``DIR/{tw,hk}-{train,test}.txt`` (default ``/work/corpora`` or
``$PELICAN_ATH_CORPORA``), one paragraph a line, Han-bearing lines only,
repeated lines dropped. The texts are copyrighted by their authors and are
not redistributable: they are never committed; this script rebuilds them from
the public repositories at the pinned commits below (``git clone`` of each
into the cache, or ``--git-dir owner/name=PATH`` to read an existing clone).

Sources (every one written in Traditional Chinese by its authors):

- Taiwan, test: ``huanlin/huanlin.github.io`` (Michael Tsai's technical
  book-like notes on Go, C#, technical writing; CC BY-NC-ND 4.0).
- Taiwan, train: ``orangetw/blog.orange.tw`` (Orange Tsai's security blog,
  Chinese posts, 2009-2024; all rights reserved by the author) and
  ``aszx87410/huli-blog`` (Huli's blog on the web front end and security,
  Chinese posts in ``source/_posts``, 2015-2025; the repository's LICENSE is
  Apache-2.0, the posts' own terms are not stated).
- Hong Kong: ``hkarchivist/hkcnews-article-archive`` (眾新聞 Citizen News
  articles 2016-2022; copyright 眾新聞). Test: the articles whose number is
  a multiple of 250; train: every 7th article of the others. The two sets
  share no article.

The model (``tools/build_script_model.py``) learns from the train files
only; the measure (``benchmarks/fidelity.py --prose``) reads the test files
only.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

DEFAULT_OUT = Path(os.environ.get("PELICAN_ATH_CORPORA", "/work/corpora"))
SOURCES = {
    "huanlin/huanlin.github.io": "bc811bf4948de79df78d0889d6b1aa18675eeca0",
    "orangetw/blog.orange.tw": "7e26410fb80689bff185407120f0b0b8a1364a61",
    "aszx87410/huli-blog": "c54346c1274a73c2a1da5b5f2731db391c748775",
    "hkarchivist/hkcnews-article-archive": "635cc02f3c0fcd3d8c829c68cd2fe07f50adfc25",
}
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def git(git_dir: Path, *args: str) -> bytes:
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", *args], capture_output=True, check=True
    ).stdout


def clone(repo: str, cache: Path) -> Path:
    """A bare clone of ``repo`` at its pinned commit, under ``cache``."""
    target = cache / repo.replace("/", "+")
    if not target.exists():
        url = f"https://github.com/{repo}.git"
        subprocess.run(["git", "clone", "--bare", url, str(target)], check=True)
    return target


def files(git_dir: Path, commit: str) -> list[str]:
    return git(git_dir, "ls-tree", "-r", "--name-only", commit).decode().split("\n")


def show(git_dir: Path, commit: str, path: str) -> str:
    return git(git_dir, "show", f"{commit}:{path}").decode("utf-8", "replace")


def markdown_paragraphs(text: str) -> Iterator[str]:
    """Prose lines of a Markdown file: no front matter, code, HTML, URLs."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"^(```|~~~).*?^\1", "", text, flags=re.S | re.M)
    text = re.sub(r"<figure>.*?</figure>", "", text, flags=re.S)
    text = re.sub(r"\{%.*?%\}", "", text)  # Hexo tags
    text = re.sub(r"\{\{<.*?>\}\}|<[^>]+>|!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    for line in text.split("\n"):
        line = re.sub(r"^\s*(#+|[-*+>]|\d+\.)\s+", "", line).strip()
        line = re.sub(r"`[^`]*`|https?://\S+", "", line)
        if HAN.search(line) and not line.startswith("|"):
            yield " ".join(line.split())


def html_paragraphs(page: str) -> Iterator[str]:
    from lxml import html

    document = html.fromstring(page)
    article = (document.xpath("//article") or [document])[0]
    for bad in article.xpath(".//pre|.//code|.//script|.//style|.//nav|.//footer"):
        bad.drop_tree()
    for block in article.xpath(".//p|.//li|.//h2|.//h3|.//blockquote"):
        line = " ".join(block.text_content().split())
        if HAN.search(line):
            yield line


def taiwan(git_dirs: dict[str, Path]) -> tuple[list[str], list[str]]:
    repo = "huanlin/huanlin.github.io"
    commit, test = SOURCES[repo], []
    for path in files(git_dirs[repo], commit):
        if path.endswith(".md") and path.startswith("content/") and ".en." not in path:
            test += markdown_paragraphs(show(git_dirs[repo], commit, path))
    repo, train = "orangetw/blog.orange.tw", []
    commit = SOURCES[repo]
    for path in files(git_dirs[repo], commit):
        if re.fullmatch(r"posts/.*(?<!-en)/index\.html", path):
            train += html_paragraphs(show(git_dirs[repo], commit, path))
    repo = "aszx87410/huli-blog"
    commit = SOURCES[repo]
    for path in files(git_dirs[repo], commit):
        if re.fullmatch(r"source/_posts/[^/]+\.md", path):
            train += markdown_paragraphs(show(git_dirs[repo], commit, path))
    return train, test


def hong_kong(git_dirs: dict[str, Path]) -> tuple[list[str], list[str]]:
    repo = "hkarchivist/hkcnews-article-archive"
    commit, train, test = SOURCES[repo], [], []
    for path in files(git_dirs[repo], commit):
        found = re.fullmatch(r"articles/[\d-]+/article_(\d+)\.md", path)
        if not found:
            continue
        number = int(found.group(1))
        if number % 250 == 0:
            test += markdown_paragraphs(show(git_dirs[repo], commit, path))
        elif number % 7 == 0:
            train += markdown_paragraphs(show(git_dirs[repo], commit, path))
    return train, test


def write(path: Path, lines: list[str]) -> int:
    unique = list(dict.fromkeys(lines))
    path.write_text("\n".join(unique) + "\n", encoding="utf-8")
    return sum(len(HAN.findall(line)) for line in unique)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--cache", type=Path, default=DEFAULT_OUT / "git")
    parser.add_argument("--git-dir", action="append", default=[], metavar="REPO=PATH")
    arguments = parser.parse_args(argv)
    given = dict(item.split("=", 1) for item in arguments.git_dir)
    git_dirs = {
        repo: Path(given[repo]) if repo in given else clone(repo, arguments.cache)
        for repo in SOURCES
    }
    arguments.out.mkdir(parents=True, exist_ok=True)
    for region, build in (("tw", taiwan), ("hk", hong_kong)):
        train, test = build(git_dirs)
        for part, lines in (("train", train), ("test", test)):
            count = write(arguments.out / f"{region}-{part}.txt", lines)
            print(f"{region}-{part}: {count:,} Han characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
