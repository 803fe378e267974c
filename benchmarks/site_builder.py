"""Build a real Pelican site with the plugin into a folder and read what it
wrote: the one site builder of the tests (``tests/conftest.py``) and the
benchmarks (``fidelity.py``). It needs Pelican and lxml only, so the tests
import it without the benchmarks' set-up (pytest puts ``benchmarks/`` on the
path: ``pythonpath`` in pyproject.toml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html
from pelican import Pelican
from pelican.log import LimitFilter
from pelican.settings import read_settings

#: The settings of every build (``build_in``'s keywords override them): the
#: plugin, a Chinese site in Shanghai, no feeds.
SETTINGS: dict[str, object] = {
    "PLUGINS": ["pelican_ath"],
    "TIMEZONE": "Asia/Shanghai",
    "DEFAULT_LANG": "zh-TW",
    "FEED_ALL_ATOM": None,
    "CATEGORY_FEED_ATOM": None,
    "TRANSLATION_FEED_ATOM": None,
    "AUTHOR_FEED_ATOM": None,
    "AUTHOR_FEED_RSS": None,
}


def article_body(page: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The ``div.entry-content`` of an article page (default theme)."""
    (body,) = page.xpath('//div[contains(@class, "entry-content")]')
    return body


@dataclass
class Site:
    content: Path
    output: Path

    def page(self, name: str) -> lxml_html.HtmlElement:
        return lxml_html.fromstring((self.output / name).read_text(encoding="utf-8"))

    def text(self, name: str) -> str:
        return (self.output / name).read_text(encoding="utf-8")

    def article_body(self, name: str) -> lxml_html.HtmlElement:
        """The ``div.entry-content`` of an article page (default theme)."""
        return article_body(self.page(name))


def build_in(base: Path, files: dict[str, str | bytes], **settings: object) -> Site:
    """Build a site of ``files`` in ``base`` (``base/content`` -> ``base/output``);
    building the same ``base`` again rewrites only the files whose bytes changed,
    so caches stay valid."""
    content = base / "content"
    for filename, data in files.items():
        path = content / filename
        path.parent.mkdir(parents=True, exist_ok=True)
        data = data if isinstance(data, bytes) else data.encode("utf-8")
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    content.mkdir(parents=True, exist_ok=True)
    override = {
        "PATH": str(content),
        "OUTPUT_PATH": str(base / "output"),
        "CACHE_PATH": str(base / "cache"),
        **SETTINGS,
        **settings,
    }
    # Pelican drops a warning already logged in this process, and all but five
    # of a kind: start each build afresh, as ``pelican`` in a new process does.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    pelican = Pelican(read_settings(path=None, override=override))
    pelican.run()
    return Site(content=content, output=base / "output")
