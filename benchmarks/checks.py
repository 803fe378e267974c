"""What each kind of build must have written: a benchmark of a plugin that
did nothing (or a baseline that did something) is worthless, so every run's
output is checked before its numbers are kept."""

from __future__ import annotations

from pathlib import Path

from cases import BenchmarkError
from corpus import DISCLAIMER_SIGNS, LOST_IMAGE

TOC = 'class="toc ath-toc"'


def _page(output: Path, name: str) -> tuple[Path, str]:
    path = output / name
    if not path.is_file():
        raise BenchmarkError(f"{path} was not written")
    return path, path.read_text("utf-8")


def _middle(output: Path, articles: int) -> tuple[Path, str]:
    return _page(output, f"a-{articles // 2}.html")


def plain(output: Path, articles: int) -> None:
    path, text = _middle(output, articles)
    if not all(sign in text for sign in DISCLAIMER_SIGNS[:2]):
        raise BenchmarkError(f"{path}: Pelican alone, but no disclaimer?")
    if "事業群" not in text:
        raise BenchmarkError(f"{path}: Pelican alone, but not in Traditional?")


def floor(output: Path, articles: int) -> None:
    path, text = _middle(output, articles)
    if "事业群" not in text:
        raise BenchmarkError(f"{path}: the floor did not convert with t2s")


def cleaned(path: Path, text: str) -> None:
    problems = []
    if TOC not in text:
        problems.append("no TOC")
    if LOST_IMAGE in text or 'src=""' in text:
        problems.append("a lost image left")
    if any(sign in text for sign in DISCLAIMER_SIGNS):
        problems.append("the disclaimer left")
    if problems:
        raise BenchmarkError(f"{path}: the plugin did not run: {', '.join(problems)}")


def plugin_t2s(output: Path, articles: int) -> None:
    path, text = _middle(output, articles)
    cleaned(path, text)
    if "事业群" not in text or "事業群" in text:
        raise BenchmarkError(f"{path}: not converted with t2s")


def plugin_s2tw(output: Path, articles: int) -> None:
    path, text = _middle(output, articles)
    cleaned(path, text)
    if "事業群" not in text or "阿里雲" not in text:
        raise BenchmarkError(f"{path}: not converted with s2tw")


def variants(output: Path, articles: int) -> None:
    path, text = _middle(output, articles)
    cleaned(path, text)
    pages = [page.read_text("utf-8") for page in output.rglob("a-*.html")]
    with_toc = [text for text in pages if TOC in text]
    simplified = sum("事业群" in t and "事業群" not in t for t in with_toc)
    traditional = sum("事業群" in t and "事业群" not in t for t in with_toc)
    if simplified < articles or traditional < articles:
        raise BenchmarkError(
            f"variants build: {traditional} Traditional and {simplified} Simplified "
            f"article pages with a TOC for {articles} articles; expected {articles} each"
        )


def translated_floor(output: Path, articles: int) -> None:
    pages = list(output.rglob("a-*.html"))
    if len(pages) < 2 * articles:
        raise BenchmarkError(
            f"variants floor wrote {len(pages)} article pages; expected {2 * articles}"
        )


def variant_opencc(output: Path, articles: int) -> None:
    pages = list(output.rglob("a-*.html"))
    path, text = _page(output, f"a-{articles // 2}-zh-cn.html")
    if len(pages) < 2 * articles or "事业群" not in text:
        raise BenchmarkError(
            f"variants by OpenCC alone: {len(pages)} article pages for {articles} "
            f"articles, {path} {'in' if '事业群' in text else 'not in'} Simplified"
        )


def own(output: Path, articles: int) -> None:
    _, text = _page(output, f"own-{articles // 2}.html")
    if "事業群" not in text:
        raise BenchmarkError("own blog: the article is not there")


def own_untouched(reference: Path):
    """The plugin's build of the own blog must write what Pelican alone
    writes (checked against one reference build)."""

    def check(output: Path, articles: int) -> None:
        own(output, articles)
        name = f"own-{articles // 2}.html"
        if (output / name).read_bytes() != (reference / name).read_bytes():
            raise BenchmarkError(f"own blog: {name} differs from Pelican's own build")

    return check
