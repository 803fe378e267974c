"""``pelican-ath import`` on every layout the saved-page reader knows: each
layout's page served by the stand-in NetEase on 127.0.0.1 (never the
internet), imported, and built into one site beside the same page saved in
``content/``. The imported article must publish the title, the date and the
first paragraph that the page reader publishes for the saved page."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import DATA, build_in
from netease_server import Answer, FakeNetEase

from pelican.plugins.ath.cli import main
from pelican.plugins.ath.netease.page import LAYOUTS, Layout, find_layout
from pelican.plugins.ath.readers.encoding import decode_page

REAL = DATA / "real-pages"


def without_end_text_id(path: Path) -> bytes:
    """A 2019 ``#endText`` page whose ``div.post_text`` has lost its id (the
    layout's other entry: ``div.post_text`` alone)."""
    data = path.read_bytes()
    assert data.count(b' id="endText"') == 1
    return data.replace(b' id="endText"', b"")


#: One page of each layout: a real page where there is one (see
#: tests/data/real-pages/README.md), else the handwritten fixture.
PAGES: dict[str, bytes] = {
    "legacy-endpage-2015-gbk": (
        REAL / "legacy2015_money_gb2312_cx19.html"
    ).read_bytes(),
    "legacy-endtext-2019": (REAL / "endtext2019_money_gne1.html").read_bytes(),
    "legacy-post-text-only": without_end_text_id(REAL / "endtext2019_tech_gne7.html"),
    "column-2015-gbk": (REAL / "column2015_yiguancha_gbk_cx5.html").read_bytes(),
    "dy-v2-2019": (REAL / "dyv2_2019_gne9.html").read_bytes(),
    "desktop-2024": (REAL / "wangyihao2024_magichtml_bb5f.html").read_bytes(),
    "mobile": (DATA / "mobile.html").read_bytes(),
}
#: Images linked where they are (never fetched: they are on NetEase's hosts).
IMPORT = ["import", "-q", "--timeout", "2", "--retries", "0", "--allow-private"]
IMPORT += ["--images", "remote"]


def layout_of(data: bytes) -> Layout:
    found = find_layout(BeautifulSoup(decode_page(data).text, "lxml"))
    assert found is not None
    return found[1]


def test_every_layout_has_a_page_here():
    assert {layout_of(data) for data in PAGES.values()} == set(LAYOUTS)


@pytest.fixture
def server():
    site = FakeNetEase().start()
    yield site
    site.stop()


def first_paragraph(body) -> str:
    for p in body.xpath(
        ".//p[not(ancestor::figure or ancestor::nav or ancestor::footer)]"
    ):
        text = " ".join("".join(p.itertext()).split())
        if text:
            return text
    raise AssertionError("no paragraph published")


def published(site, name: str) -> tuple[str, str, str]:
    """Title, date and first paragraph of a published article."""
    page = site.page(name)
    title = page.xpath("//h1[@class='entry-title']")[0].text_content().strip()
    (date,) = page.xpath("//abbr[@class='published']/@title")
    return title, date, first_paragraph(site.article_body(name))


@pytest.mark.parametrize("name", list(PAGES))
def test_the_import_publishes_what_the_saved_page_does(
    name, server, tmp_path, monkeypatch, capsys
):
    data = PAGES[name]
    # served as NetEase serves a page: its bytes, with no charset of its own
    url = server.add(f"/layout/{name}.html", Answer(body=data, type="text/html"))
    monkeypatch.chdir(tmp_path)  # no site settings: the output folder given
    imported = tmp_path / "imported"
    assert main([*IMPORT, "-o", str(imported), url]) == 0, capsys.readouterr()
    (source,) = imported.glob("*.html")

    site = build_in(
        tmp_path / "site",
        {f"imported/{source.name}": source.read_bytes(), f"saved/{name}.html": data},
        SLUGIFY_SOURCE="basename",
    )
    saved = published(site, f"{name}.html")
    assert published(site, f"{source.stem.lower()}.html") == saved
    assert all(saved), saved
