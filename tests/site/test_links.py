"""Scraped input never speaks Pelican's link syntax: ``{attach}``,
``{static}``, ``{filename}`` and the ``|…|`` forms written by the scraped
source are published as the text they are, and Pelican copies no file they
name (a file beside the content folder, the site's settings); the blog's own
links, and the image links ``pelican-ath import`` writes, keep working."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_xss import saved_page

from pelican.plugins.ath.cli import main

#: Text of the files a scraped source must not get published.
SECRET = "SECRET-7f3a9c"


def plant_secrets(base: Path) -> None:
    """Files a link could name: beside the content folder, and inside it
    (a file no reader reads and no static path publishes)."""
    base.mkdir(parents=True, exist_ok=True)
    (base / "secret.txt").write_text(SECRET + " beside the content folder\n")
    private = base / "content" / "private"
    private.mkdir(parents=True, exist_ok=True)
    (private / "secret.dat").write_text(SECRET + " in the content folder\n")


def published(output: Path) -> str:
    """Everything written to ``output``, as text, with the file names."""
    return "\n".join(
        f"{path.relative_to(output)}\n{path.read_bytes().decode('utf-8', 'replace')}"
        for path in sorted(output.rglob("*"))
        if path.is_file()
    )


LINKS = ("{attach}../secret.txt", "|static|private/secret.dat", "{static}../secret.txt")

ROUTES = {
    # a .txt export: an image line, and an image alt text that holds a link
    # once the tree route writes its quote back as it is
    "export.txt": (
        "Title: 導出\nDate: 2026-03-16\n\n正文第一段，很長的一段話。\n"
        f"![]({LINKS[0]})\n"
        f"![src='{LINKS[1]}'](https://example.org/a.png)\n"
        f'![圖](https://example.org/b.png "{LINKS[2]}")\n'
        "<b>第二段</b>，也是正文。\n"
    ),
    # a saved page: cite, href and src as the page had them, and an alt
    # text holding a quoted src
    "saved.html": saved_page(
        "<title>網頁_网易订阅</title>",
        body=f'<blockquote cite="{LINKS[0]}"><p>引文。</p></blockquote>'
        f'<p><a href="{LINKS[1]}">連結</a></p>'
        f'<p><img src="{LINKS[2]}" alt="x src=\'{LINKS[0]}\'"></p>',
    ),
    # clipper Markdown (SimpRead): a link and an image
    "simpread.md": (
        "> 本文由 [简悦 SimpRead](http://ksria.com/simpread/) 转码， 原文地址 "
        "[www.163.com](https://www.163.com/dy/article/GTESTDY0000000AB.html)\n\n"
        f"第一段，[原文]({LINKS[0]})。\n\n![圖]({LINKS[1]})\n\n第二段。\n"
    ),
}


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_scraped_links_publish_no_local_file(build_site, tmp_path, name):
    plant_secrets(tmp_path / "site")
    site = build_site({name: ROUTES[name]}, name="site")
    output = published(site.output)
    assert SECRET not in output
    assert "secret" not in {p.stem for p in site.output.rglob("*")}
    articles = [p for p in site.output.glob("*.html") if p.name not in ("index.html",)]
    # the article is published, its links shown as the text they were
    text = "".join(p.read_text("utf-8") for p in articles)
    assert "&#123;" in text or "&#124;" in text


def test_a_scraped_header_summary_resolves_no_link(build_site, tmp_path):
    """Markdown renders a clipper export's ``Summary:`` (a formatted field)."""
    plant_secrets(tmp_path / "site")
    export = ROUTES["simpread.md"]
    site = build_site(
        {"simpread.md": f"Summary: [摘要]({LINKS[0]})\n\n{export}"}, name="site"
    )
    assert SECRET not in published(site.output)


def test_residue_in_the_blogs_markdown_makes_it_scraped_links_and_all(
    build_site, tmp_path
):
    """A Markdown file with a scraper's lost images is scraped: its links are
    data too."""
    plant_secrets(tmp_path / "site")
    article = (
        "Title: 貼上的文章\nDate: 2026-03-16\n\n![]()\n\n正文第一段。\n\n"
        f"[原文]({LINKS[0]})\n\n![]()\n"
    )
    site = build_site({"pasted.md": article}, name="site")
    assert SECRET not in published(site.output)


def test_the_blogs_own_links_still_work(build_site, tmp_path):
    base = tmp_path / "site"
    plant_secrets(base)
    images = base / "content" / "images"
    images.mkdir(parents=True)
    (images / "own.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    own = (
        "Title: 我的文章\nDate: 2026-03-16\nSlug: own\n\n"
        "正文，[附件]({attach}../secret.txt)。\n\n![圖]({static}images/own.png)\n"
    )
    site = build_site({"own.md": own}, name="site")
    body = site.article_body("own.html")
    assert body.xpath(".//img/@src") == ["/images/own.png"]
    # Pelican alone publishes what the author links: so does the plugin
    assert (site.output / "secret.txt").read_text().startswith(SECRET)


def test_an_imported_page_keeps_its_image_links_and_no_other(build_site, tmp_path):
    """``pelican-ath import`` of a saved page: its own ``{…}`` links are data
    in the file it writes and on the site; its downloaded images (here: a
    file of the importer's naming, planted) are linked."""
    base = tmp_path / "site"
    plant_secrets(base)
    saved = tmp_path / "GTESTDY0000000AB.html"
    saved.write_text(ROUTES["saved.html"], encoding="utf-8")
    assert main(["import", str(saved), "-o", str(base / "content"), "-q"]) == 0
    (written,) = (base / "content").glob("*.html")
    source = written.read_text("utf-8")
    for link in LINKS:
        assert link not in source
    site = build_site({}, name="site")
    assert SECRET not in published(site.output)
