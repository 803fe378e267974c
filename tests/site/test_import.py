"""``pelican-ath import``: articles from a stand-in NetEase on 127.0.0.1
(never the internet) into a real Pelican site, images and all."""

from __future__ import annotations

import argparse
import datetime
import html
import os
import re
from pathlib import Path

import httpx
import pytest
from conftest import SHARED, run_pelican
from lxml import html as lxml_html
from netease_server import (
    DY_ID,
    DY_IMAGES,
    MOBILE_ID,
    NEWS_ID,
    NEWS_IMAGES,
    Answer,
    FakeNetEase,
    dy_page,
    news_page,
    png,
    real_page,
    serve_article,
    serve_dy,
    serve_mobile,
    serve_news,
)

from pelican.plugins.ath.cli import main
from pelican.plugins.ath.cli.import_command import add_import_parser
from pelican.plugins.ath.importer import files, render
from pelican.plugins.ath.importer.fetch import Fetcher, FetchError
from pelican.plugins.ath.importer.options import (
    Limits,
    Options,
    command_line,
    from_arguments,
)
from pelican.plugins.ath.netease.page import Page

REAL_DY = (
    SHARED / "netease" / "01_dy_article_GA1LTCMN051480KF_postlight-parser-fixture.html"
)
REAL_NEWS = (
    SHARED / "netease" / "02_news_article_KC12OUHK000189FH_nanmicoder-fixture.html"
)
SITE_SETTINGS = """\
PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
PLUGINS = ["pelican_ath"]
SLUGIFY_SOURCE = "basename"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""
#: Fast failures: a short timeout, one retry, no wait before it.
FAST = ["-q", "--timeout", "2", "--retries", "1", "--allow-private"]


@pytest.fixture
def server():
    site = FakeNetEase().start()
    yield site
    site.stop()


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A Pelican site folder (``pelicanconf.py``, ``content/``), the current
    directory while the test runs."""
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "pelicanconf.py").write_text(SITE_SETTINGS, "utf-8")
    monkeypatch.chdir(root)
    return root


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    """Retries without the wait between them (the wait is not under test)."""
    monkeypatch.setattr(
        "pelican.plugins.ath.importer.fetch.sleep", lambda seconds: None
    )


def run_import(capsys, *arguments: str) -> tuple[int, str]:
    code = main(["import", *FAST, *arguments])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out + captured.err


def build(site: Path, *arguments: str) -> None:
    code, log = run_pelican(site, "--fatal", "warnings", *arguments)
    assert code == 0, log


def article(site: Path, article_id: str) -> lxml_html.HtmlElement:
    """The ``div.entry-content`` of an article's published page."""
    page = lxml_html.parse(str(site / "output" / f"{article_id.lower()}.html"))
    (body,) = page.xpath('//div[contains(@class, "entry-content")]')
    return body


def published_images(site: Path, body: lxml_html.HtmlElement) -> list[bytes]:
    """The bytes of every image the article shows, read from ``output/``:
    each must be a file of the site itself."""
    found = []
    for src in body.xpath(".//img/@src"):
        assert src.startswith("/") and not src.startswith("//"), src
        found.append((site / "output" / src.lstrip("/")).read_bytes())
    return found


def mtimes(folder: Path) -> dict[str, int]:
    return {
        str(path.relative_to(folder)): path.stat().st_mtime_ns
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# -- end to end ----------------------------------------------------------------------


def test_a_dy_and_a_news_article_are_published_with_their_images(server, site, capsys):
    dy, news = serve_dy(server), serve_news(server)
    code, out = run_import(capsys, dy, news)
    assert code == 0, out
    assert f"imported   content/{DY_ID}.html  (2 images)  {dy}" in out
    assert f"imported   content/{NEWS_ID}.html  (2 images)  {news}" in out
    assert "2 imported, 0 updated, 0 unchanged, 0 failed" in out
    build(site)

    body = article(site, DY_ID)
    a, b = (data for data, _ in DY_IMAGES.values())
    assert published_images(site, body) == [a, b, a]  # the repeated image once
    assert len(list((site / "content" / "images" / DY_ID).iterdir())) == 2
    assert body.xpath(".//figure/figcaption/text()") == ["图一：现场照片"]
    assert [h.text_content() for h in body.xpath(".//h2")] == [
        "第一个小标题",
        "第二个小标题",
    ]
    assert body.xpath(".//nav[@class='toc ath-toc']")
    text = body.text_content()
    assert "第二段正文 & 符号 <script>不是标签</script>。" in text
    assert not body.xpath(".//script")
    for chrome in ("特别声明", "Notice:", "返回网易首页", "跟贴"):
        assert chrome not in text
    page = lxml_html.parse(str(site / "output" / f"{DY_ID.lower()}.html"))
    assert (
        page.xpath("//h1[@class='entry-title']")[0].text_content().strip()
        == "测试标题：A<B 一篇网易号文章"
    )
    assert not page.xpath("//h1[@class='entry-title']//b")

    body = article(site, NEWS_ID)
    c, d, _logo = (data for data, _ in NEWS_IMAGES.values())
    assert published_images(site, body) == [c, d]
    assert server.requested("/cms/logo.png") == 0  # hidden on the page: not content
    text = body.text_content()
    assert "原标题" not in text and "责任编辑" not in text
    assert [h.text_content() for h in body.xpath(".//h2")] == ["各方反应"]
    source = (site / "content" / f"{NEWS_ID}.html").read_text("utf-8")
    assert '<meta name="original_title" content="测试新闻原来的标题">' in source
    assert '<meta name="editor" content="张三">' in source
    assert '<meta name="ath_scraped" content="import">' in source
    # the source link's query, escaped for Pelican (which reads it as HTML)
    assert 'content="https://news.example.cn/a?id=1&amp;amp;from=163"' in source


def test_every_request_says_who_it_is_and_images_carry_the_pages_referer(
    server, site, capsys
):
    dy = serve_dy(server)
    assert run_import(capsys, dy)[0] == 0
    images = [r for r in server.requests if r.path in DY_IMAGES]
    assert len(images) == 2  # each image once, though the page shows one twice
    assert all(r.headers["Referer"] == dy for r in images)
    assert all(
        r.headers["User-Agent"].startswith("pelican-ath/") for r in server.requests
    )


@pytest.mark.skipif(not REAL_DY.exists(), reason="../shared/netease/ is not here")
def test_the_real_saved_pages_import_and_publish(server, site, capsys):
    code, out = run_import(
        capsys, real_page(server, REAL_DY), real_page(server, REAL_NEWS)
    )
    assert code == 0, out
    assert "content/GA1LTCMN051480KF.html  (2 images)" in out
    assert "content/KC12OUHK000189FH.html  (3 images)" in out
    build(site)
    for article_id, count in (("GA1LTCMN051480KF", 2), ("KC12OUHK000189FH", 3)):
        body = article(site, article_id)
        images = published_images(site, body)
        assert len(images) == count and all(
            data.startswith(b"\x89PNG") for data in images
        )
        assert "网易号" not in body.text_content()
    page = lxml_html.parse(str(site / "output" / "ga1ltcmn051480kf.html"))
    assert (
        "西安交大团队开发出高密度固态储氢材料"
        in page.xpath("//h1[@class='entry-title']")[0].text_content()
    )


def test_a_mobile_page_and_a_saved_file_import_too(server, site, capsys, tmp_path):
    mobile = serve_mobile(server)
    saved = tmp_path / "saved.html"
    saved.write_text(dy_page(server.base), "utf-8")
    canonical = f"https://www.163.com/dy/article/{DY_ID}.html"
    for path, (data, kind) in DY_IMAGES.items():
        # a saved page's images are asked for with the page's own address
        server.image(path, data, kind, referer=canonical)
    code, out = run_import(capsys, mobile, str(saved))
    assert code == 0, out
    assert f"content/{MOBILE_ID}.html  (1 image)" in out  # its lazy image
    assert f"content/{DY_ID}.html  (2 images)  {saved}" in out
    build(site)
    assert len(published_images(site, article(site, MOBILE_ID))) == 1
    assert len(published_images(site, article(site, DY_ID))) == 3


# -- idempotence ---------------------------------------------------------------------


def test_importing_again_rewrites_nothing_and_force_downloads_again(
    server, site, capsys
):
    dy = serve_dy(server)
    assert run_import(capsys, dy)[0] == 0
    before = mtimes(site / "content")
    assert len(before) == 3  # the article and its two images

    code, out = run_import(capsys, dy)
    assert code == 0
    assert f"skipped    content/{DY_ID}.html  (already imported" in out
    assert mtimes(site / "content") == before
    assert server.requested(f"/dy/article/{DY_ID}.html") == 1  # not fetched again
    assert server.requested("/dy/a.png") == 1

    code, out = run_import(capsys, "--force", dy)
    assert code == 0 and f"unchanged  content/{DY_ID}.html" in out
    assert server.requested("/dy/a.png") == 2  # downloaded again, same bytes
    assert mtimes(site / "content") == before

    # the page changes: one image gone, one replaced; the file is updated
    server.page(
        f"/dy/article/{DY_ID}.html",
        dy_page(server.base).replace("/dy/b.gif", "/dy/new.png"),
    )
    server.image("/dy/new.png", png(9, 9), referer=dy)
    code, out = run_import(capsys, "--force", dy)
    assert code == 0 and f"updated    content/{DY_ID}.html" in out
    files = sorted(p.name for p in (site / "content").rglob("*") if p.is_file())
    assert len(files) == 3 and not any(name.endswith(".gif") for name in files)
    assert not list((site / "content").glob("*.md"))


# -- what goes wrong ---------------------------------------------------------------


def test_a_404_fails_with_a_clear_message_and_writes_nothing(server, site, capsys):
    code, out = run_import(capsys, server.url("/dy/article/NOPE000000000000.html"))
    assert code == 1
    assert "failed     http://127.0.0.1:" in out and ": HTTP 404 Not Found" in out
    assert "0 imported, 0 updated, 0 unchanged, 1 failed" in out
    assert not list((site / "content").iterdir())


def test_a_500_is_tried_again(server, site, capsys):
    page = dy_page(server.base).encode()
    url = server.add(f"/dy/article/{DY_ID}.html", Answer(status=500), Answer(body=page))
    for path, (data, kind) in DY_IMAGES.items():
        server.image(path, data, kind)
    code, out = run_import(capsys, url)
    assert code == 0, out
    assert server.requested(f"/dy/article/{DY_ID}.html") == 2
    assert (site / "content" / f"{DY_ID}.html").exists()


def test_a_server_that_keeps_failing_is_given_up_on(server, site, capsys):
    url = server.add("/down.html", Answer(status=503))
    code, out = run_import(capsys, url)
    assert code == 1
    assert ": HTTP 503 Service Unavailable (tried 2 times)" in out
    assert server.requested("/down.html") == 2


def test_a_response_slower_than_the_timeout_fails(server, site, capsys):
    url = server.page("/slow.html", dy_page(server.base), delay=1.0)
    code = main(
        ["import", "-q", "--timeout", "0.2", "--retries", "0", "--allow-private", url]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert f"failed     {url}: timed out after 0.2 s (tried once)" in out
    assert not list((site / "content").iterdir())


def test_images_need_the_pages_referer(server):
    url = serve_dy(server)
    with Fetcher(Limits(timeout=2, retries=0), allow_private=True) as fetcher:
        with pytest.raises(FetchError, match="HTTP 403 Forbidden"):
            fetcher.image(server.url("/dy/a.png"), referer=None)
        with pytest.raises(FetchError, match="HTTP 403 Forbidden"):
            fetcher.image(server.url("/dy/a.png"), referer="https://blog.example/")
        assert fetcher.image(server.url("/dy/a.png"), referer=url).data.startswith(
            b"\x89PNG"
        )


def test_an_image_the_host_refuses_stays_a_link_and_the_import_fails(
    server, site, capsys
):
    url = serve_dy(server)
    server.image("/dy/b.gif", b"GIF89a", "image/gif", referer="https://elsewhere/")
    code, out = run_import(capsys, url)
    assert code == 1
    assert (
        f"failed     image {server.url('/dy/b.gif')} of {DY_ID}.html: "
        "HTTP 403 Forbidden (left as a link to where it is)"
    ) in out
    assert "1 imported, 0 updated, 0 unchanged, 0 failed; 1 image not downloaded" in out
    source = (site / "content" / f"{DY_ID}.html").read_text("utf-8")
    assert (
        f'<img src="{server.url("/dy/b.gif")}" referrerpolicy="no-referrer">' in source
    )
    # once the host answers, importing again brings the image in
    server.image("/dy/b.gif", DY_IMAGES["/dy/b.gif"][0], "image/gif", referer=url)
    code, out = run_import(capsys, url)
    assert code == 0 and f"updated    content/{DY_ID}.html  (2 images)" in out


def test_an_oversize_image_is_not_saved(server, site, capsys):
    url = serve_dy(server)
    server.image("/dy/a.png", png(100, 100, compress=False), referer=url)  # 30 KB
    code, out = run_import(capsys, "--max-image-size", "20K", url)
    assert code == 1
    assert f"image {server.url('/dy/a.png')} of {DY_ID}.html: " in out
    assert "larger than the limit of 20 KB" in out
    folder = site / "content" / "images" / DY_ID
    assert [p.suffix for p in folder.iterdir()] == [".gif"]  # and no partial file


def test_retries_wait_longer_each_time(monkeypatch):
    waits = []
    monkeypatch.setattr("pelican.plugins.ath.importer.fetch.sleep", waits.append)
    transport = httpx.MockTransport(lambda request: httpx.Response(502))
    with (
        Fetcher(Limits(retries=3, backoff=0.5), transport=transport) as fetcher,
        pytest.raises(FetchError, match=r"HTTP 502 Bad Gateway \(tried 4 times\)"),
    ):
        fetcher.page("http://pages.example/a.html")
    assert waits == [0.5, 1.0, 2.0]


def test_the_size_limit_stops_reading_an_answer_without_a_length():
    sent = []

    def chunks():
        for _ in range(1000):
            sent.append(1)
            yield b"\x89PNG" + b"\0" * 1020

    transport = httpx.MockTransport(
        lambda request: httpx.Response(
            200, headers={"Content-Type": "image/png"}, content=chunks()
        )
    )
    limits = Limits(retries=0, max_image_bytes=10 * 1024)
    with (
        Fetcher(limits, transport=transport) as fetcher,
        pytest.raises(FetchError, match="larger than the limit of 10 KB"),
    ):
        fetcher.image("http://images.example/a.png", referer=None)
    assert len(sent) <= 11  # stopped at the limit, not at the end


def test_an_image_url_that_answers_html_is_not_saved(server, site, capsys):
    url = serve_dy(server)
    server.page("/dy/a.png", "<html><body>登录</body></html>", referer=url)
    server.image("/dy/b.gif", b"<!DOCTYPE html><html>", "image/gif", referer=url)
    code, out = run_import(capsys, url)
    assert code == 1
    assert (
        f"{server.url('/dy/a.png')} of {DY_ID}.html: answered text/html, not an image"
        in out
    )
    assert (
        f"{server.url('/dy/b.gif')} of {DY_ID}.html: answered image/gif, but is not a "
        "JPEG, PNG, GIF, WebP, AVIF or BMP image"
    ) in out
    assert not (site / "content" / "images" / DY_ID).exists()


def test_a_redirect_loop_fails_and_a_redirect_is_followed(server, site, capsys):
    loop = server.add("/loop", Answer(status=302, headers={"Location": "/loop"}))
    real = serve_dy(server)
    short = server.add("/s/1", Answer(status=301, headers={"Location": real}))
    code, out = run_import(capsys, loop, short)
    assert code == 1
    assert (
        f"failed     {loop}: too many redirects (more than 5; a redirect loop?)" in out
    )
    # the images are asked for with the page's own address, after the redirect
    assert f"imported   content/{DY_ID}.html  (2 images)  {short}" in out


def test_a_batch_with_one_failure_imports_the_others(server, site, capsys):
    listing = site / "urls.txt"
    missing = server.url("/news/article/MISSING000000000.html")
    listing.write_text(
        f"# articles to import\n{serve_dy(server)}\n\n{missing}\n{serve_news(server)}\n",
        "utf-8",
    )
    code, out = run_import(capsys, "--from", str(listing))
    assert code == 1
    assert f"failed     {missing}: HTTP 404 Not Found" in out
    assert "2 imported, 0 updated, 0 unchanged, 1 failed" in out
    assert sorted(p.name for p in (site / "content").glob("*.html")) == [
        f"{DY_ID}.html",
        f"{NEWS_ID}.html",
    ]


def test_pages_that_are_not_netease_articles_are_named_with_the_reason(
    server, site, capsys
):
    other = server.page(
        "/blog.html",
        "<html><head><title>My blog</title></head><body><p>Hi</p></body></html>",
    )
    layout = server.page(
        "/dy/video/V1.html",
        '<html><head><link rel="canonical" href="https://www.163.com/v/video/V1.html">'
        '</head><body><div class="video_box">视频</div></body></html>',
    )
    data = server.add("/api", Answer(body=b'{"a": 1}', type="application/json"))
    code, out = run_import(capsys, other, layout, data, "no-such-file.html")
    assert code == 1
    assert f"{other}: not a NetEase article page (no 163.com address" in out
    assert (
        f"{layout}: a NetEase page, but not an article in a layout the reader knows"
        in out
    )
    assert f"{data}: answered application/json, not an HTML page" in out
    assert "no-such-file.html: neither an http(s) address nor a file" in out
    assert "0 imported, 0 updated, 0 unchanged, 4 failed" in out


def test_bad_options_are_refused_by_name(site, capsys):
    for arguments in (
        ["--max-image-size", "ten"],
        ["--jobs", "0"],
        ["--images", "all"],
    ):
        with pytest.raises(SystemExit) as stop:
            main(["import", *arguments, "https://www.163.com/dy/article/X.html"])
        assert stop.value.code == 2
        assert arguments[0] in capsys.readouterr().err
    assert main(["import"]) == 2
    assert "no URL or file to import" in capsys.readouterr().err


def test_each_option_is_written_once_its_default_shown_in_help():
    """The parser's defaults are ``Options()``'s and ``Limits()``'s field by
    field (one table: importer/options.py), and ``--help`` shows each."""
    command = add_import_parser(argparse.ArgumentParser().add_subparsers())
    args = command.parse_args(["https://www.163.com/dy/article/X.html"])
    defaults = (Options(output=Path("content")), Limits())
    for table in defaults:
        for spec in command_line(type(table)):
            assert getattr(args, spec.name) == getattr(table, spec.name), spec.name
    for action in command._actions:
        if action.default not in (None, False, argparse.SUPPRESS):
            assert "%(default" in (action.help or ""), action.dest
    shown = " ".join(command.format_help().split())
    for flag, default in (
        ("--images {local,remote}", "local"), ("--format {html,md}", "html"),
        ("--jobs N", "4"), ("--timeout SECONDS", "20"), ("--retries N", "3"),
        ("--deadline SECONDS", "120"), ("--max-page-size SIZE", "10M"),
        ("--max-image-size SIZE", "20M"),
    ):  # fmt: skip
        assert flag in shown
        assert f"(default: {default})" in shown.rsplit(flag, 1)[1].split(" --", 1)[0]
    typed = command.parse_args(
        ["--jobs", "2", "--max-page-size", "1M", "--force", "--images", "remote", "x"]
    )
    assert from_arguments(Options, typed, output=Path("o")) == Options(
        output=Path("o"), images="remote", force=True, jobs=2
    )
    assert from_arguments(Limits, typed) == Limits(max_page_bytes=1024**2)


# -- formats, remote images, where things go --------------------------------------------


def test_remote_images_stay_where_they_are_without_a_referrer(server, site, capsys):
    url = serve_dy(server)
    code, out = run_import(capsys, "--images", "remote", url)
    assert code == 0 and "(0 images)" in out
    assert server.requested("/dy/a.png") == 0
    assert not (site / "content" / "images").exists()
    # an article imported with local images before loses its downloaded copies
    assert run_import(capsys, url)[0] == 0
    assert (site / "content" / "images" / DY_ID).is_dir()
    code, out = run_import(capsys, "--images", "remote", url)
    assert code == 0 and f"updated    content/{DY_ID}.html  (0 images)" in out
    assert not (site / "content" / "images" / DY_ID).exists()
    build(site)
    body = article(site, DY_ID)
    assert body.xpath(".//img/@src") == [
        server.url(p) for p in ("/dy/a.png", "/dy/b.gif", "/dy/a.png")
    ]
    assert body.xpath(".//img/@referrerpolicy") == ["no-referrer"] * 3


def test_markdown_publishes_the_same_article(
    server, site, capsys, tmp_path, monkeypatch
):
    url = serve_dy(server)
    assert run_import(capsys, url)[0] == 0
    build(site)
    html_body = article(site, DY_ID)

    other = tmp_path / "md-site"
    (other / "content").mkdir(parents=True)
    (other / "pelicanconf.py").write_text(SITE_SETTINGS, "utf-8")
    monkeypatch.chdir(other)
    assert run_import(capsys, "--format", "md", url)[0] == 0
    source = (other / "content" / f"{DY_ID}.md").read_text("utf-8")
    assert source.startswith(
        "Title: 测试标题：A&lt;B 一篇网易号文章\nDate: 2024-03-01T09:30:00+08:00\n"
    )
    assert "\nath_scraped: import\n" in source
    build(other)
    md_body = article(other, DY_ID)
    assert md_body.text_content().split() == html_body.text_content().split()
    assert md_body.xpath(".//h2/@id") == html_body.xpath(".//h2/@id")
    assert published_images(other, md_body) == published_images(site, html_body)

    code, out = run_import(capsys, url)  # now as HTML: the .md holds it
    assert code == 1 and f"content/{DY_ID}.md already holds this article" in out


def test_images_outside_static_paths_are_still_published(server, site, capsys):
    (site / "pelicanconf.py").write_text(SITE_SETTINGS + "STATIC_PATHS = []\n", "utf-8")
    code, out = run_import(capsys, serve_dy(server))
    assert code == 0
    assert "note       images is not in STATIC_PATHS ([])" in out
    build(site)
    assert len(published_images(site, article(site, DY_ID))) == 3


def test_a_new_site_gets_its_content_folder(server, site, capsys):
    (site / "content").rmdir()
    code, out = run_import(capsys, serve_dy(server))
    assert code == 0 and f"imported   content/{DY_ID}.html" in out
    assert len(list((site / "content" / "images" / DY_ID).iterdir())) == 2


def test_a_folder_inside_the_content_folder_works_and_one_outside_is_pointed_out(
    server, site, capsys
):
    url = serve_dy(server)
    code, out = run_import(capsys, "-o", "content/imported", url)
    assert code == 0
    assert f"content/imported/{DY_ID}.html" in out
    assert "note       imported/images is not in STATIC_PATHS (['images'])" in out
    build(site)
    assert len(published_images(site, article(site, DY_ID))) == 3

    code, out = run_import(capsys, "-o", "elsewhere", url)
    assert code == 0
    assert "elsewhere is not inside the site's content folder" in out


# -- writing -------------------------------------------------------------------------


def test_a_write_that_fails_leaves_the_old_file_whole_and_no_temporary(
    tmp_path, monkeypatch
):
    path = tmp_path / "article.html"
    path.write_text("the earlier import", "utf-8")

    def fail(source, target):
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr("pelican.plugins.ath.importer.files.os.replace", fail)
    with pytest.raises(OSError):
        files.write_if_changed(path, b"the new one")
    assert path.read_text("utf-8") == "the earlier import"
    assert [p.name for p in tmp_path.iterdir()] == ["article.html"]


def test_a_disk_error_fails_the_article_with_its_reason(
    server, site, capsys, monkeypatch
):
    def fail(source, target):
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr("pelican.plugins.ath.importer.files.os.replace", fail)
    code, out = run_import(capsys, "--images", "remote", serve_dy(server))
    assert code == 1
    assert f"{DY_ID}.html: No space left on device" in out
    assert not list((site / "content").iterdir())


def test_metadata_is_written_as_text_and_only_http_addresses():
    page = Page(
        layout="desktop",
        body="<p>x</p>",
        title="a<b>&c",
        author="<img src=x onerror=alert(1)>",
        source_url="javascript:alert(1)",
        original_url="https://www.163.com/dy/article/GTESTDY0000000AB.html",
    )
    metadata = render.file_metadata(page, "GTESTDY0000000AB", None)
    assert "source_url" not in metadata
    html_file = render.render_html(metadata, "<p>x</p>")
    assert "<title>a&lt;b&gt;&amp;c</title>" in html_file
    assert (
        '<meta name="author" content="&amp;lt;img src=x onerror=alert(1)&amp;gt;">'
        in html_file
    )
    md_file = render.render_markdown(metadata, "<p>x</p>")
    assert "Author: &lt;img src=x onerror=alert(1)&gt;\n" in md_file


def test_a_page_without_a_date_keeps_the_date_of_its_first_import(server, site, capsys):
    markup = (
        dy_page(server.base)
        .replace(
            '<meta property="article:published_time" content="2024-03-01T09:30:00+08:00">',
            "",
        )
        .replace("2024-03-01 09:30:00　", "")
    )
    url = serve_article(server, f"/dy/article/{DY_ID}.html", markup, DY_IMAGES)
    code, out = run_import(capsys, url)
    assert code == 0
    assert (
        f"note       {DY_ID}.html: the page gives no date: the import time is written"
        in out
    )
    path = site / "content" / f"{DY_ID}.html"
    first = path.read_text("utf-8")
    (written,) = re.findall(r'<meta name="date" content="([^"]+)">', first)
    assert datetime.datetime.fromisoformat(written).year >= 2026
    # as if the first import had been long ago
    path.write_text(first.replace(written, "2020-01-02T03:04:05+00:00"), "utf-8")
    stamp = path.stat().st_mtime_ns
    code, out = run_import(capsys, "--force", url)
    assert code == 0 and "unchanged" in out
    assert path.stat().st_mtime_ns == stamp


# -- hostile titles ------------------------------------------------------------------

#: A title that ends ``<title>`` and an attribute once a theme's ``striptags``
#: has turned its entities back into characters.
HOSTILE_TITLE = '</title><script>alert(1)</script>"><img src=x onerror=alert(2)> A&B'
#: A theme of one template printing the title the two risky ways.
STRIPTAGS_ARTICLE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ article.title|striptags }}</title></head>
<body><h1 title="{{ article.title|striptags }}">{{ article.title }}</h1>
{{ article.content }}</body></html>
"""


def assert_inert(output: Path) -> None:
    """No ``<script>`` element and no ``on*`` attribute in any page of
    ``output``, parsed as a browser parses it (html5lib)."""
    import html5lib

    pages = list(output.rglob("*.html"))
    assert pages
    for path in pages:
        tree = html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)
        assert tree.find(".//script") is None, path
        for element in tree.iter():
            handlers = [
                name for name in element.attrib if name.lower().startswith("on")
            ]
            assert not handlers, (path, element.tag, handlers)


def shown_titles(path: Path) -> dict[str, list[str]]:
    """The text of the page's ``<title>`` and headings, and its ``title``
    attributes, as a browser shows them (word joiners dropped)."""
    import html5lib

    tree = html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)
    found: dict[str, list[str]] = {"title": [], "heading": [], "attribute": []}
    for element in tree.iter():
        if element.tag == "title":
            found["title"].append("".join(element.itertext()))
        elif element.tag in ("h1", "h2"):
            found["heading"].append("".join(element.itertext()))
        if "title" in element.attrib:
            found["attribute"].append(element.attrib["title"])
    return {
        where: [text.replace("\u2060", "").strip() for text in texts]
        for where, texts in found.items()
    }


@pytest.mark.parametrize("form", ["html", "md"])
def test_a_hostile_title_stays_text_in_every_theme(server, site, capsys, form):
    markup = dy_page(server.base).replace(
        "测试标题：A&lt;B 一篇网易号文章", html.escape(HOSTILE_TITLE)
    )
    url = serve_article(server, f"/dy/article/{DY_ID}.html", markup, DY_IMAGES)
    code, out = run_import(capsys, "--format", form, url)
    assert code == 0, out
    shown = HOSTILE_TITLE.replace('"', "\u201c")  # as scraped_metadata shows it
    theme = site / "striptags-theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "article.html").write_text(STRIPTAGS_ARTICLE, "utf-8")
    for name in ("notmyidea", "simple", str(theme)):
        build(site, "-t", name, "-o", f"output-{Path(name).name}")
        output = site / f"output-{Path(name).name}"
        assert_inert(output)
        page = output / f"{DY_ID.lower()}.html"
        for where, texts in shown_titles(page).items():
            assert any(text.endswith(shown) for text in texts), (name, where, texts)


# -- one bad source never ends a batch ----------------------------------------------


def test_sources_with_addresses_python_cannot_parse_fail_alone(
    server, site, capsys, tmp_path
):
    canonical = f"https://www.163.com/dy/article/{DY_ID}.html"
    broken = tmp_path / "broken.html"
    # a canonical link that is no address, and a relative image
    broken.write_text(
        dy_page(server.base)
        .replace(canonical, "http://[::1/dy/article/X.html")
        .replace(server.url("/dy/a.png"), "a.png"),
        "utf-8",
    )
    news = serve_news(server)
    server.page(
        f"/news/article/{NEWS_ID}.html",
        news_page(server.base).replace(server.url("/cms/d.png"), "http://a..b/d.png"),
    )
    for path, (data, kind) in DY_IMAGES.items():
        server.image(path, data, kind)
    bad = ["http://a..b/x.html", "http://xn--/x.html", "http://[::1/x.html"]
    code, out = run_import(capsys, str(broken), *bad, news)
    assert code == 1
    assert re.search(r"imported   content/broken-[0-9a-f]{8}.html  \(1 image\)", out)
    for url in bad:
        assert f"failed     {url}: not an http(s) address" in out
    assert f"imported   content/{NEWS_ID}.html  (1 image)" in out
    assert "failed     image http://a..b/d.png of " in out
    assert "2 imported, 0 updated, 0 unchanged, 3 failed; 1 image not downloaded" in out


# -- the network: decoding, deadlines, addresses ---------------------------------------


def test_gzip_inside_gzip_stops_at_the_limit_without_growing(server):
    import gzip
    import tracemalloc

    inner = gzip.compress(b"<html>" + b" " * 32 * 1024**2, 9)
    twice = gzip.compress(inner, 9)
    assert len(twice) < 2000  # 32 MB in under 2 KB on the wire
    url = server.add(
        "/bomb.html", Answer(body=twice, headers={"Content-Encoding": "gzip, gzip"})
    )
    limits = Limits(retries=0, max_page_bytes=1024**2)
    with Fetcher(limits, allow_private=True) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(FetchError, match="larger than the limit of 1 MB"):
                fetcher.page(url)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 8 * 1024**2, peak  # the 32 MB were never made
    thrice = server.add(
        "/thrice.html",
        Answer(
            body=gzip.compress(twice), headers={"Content-Encoding": "gzip, gzip, gzip"}
        ),
    )
    small = server.add(
        "/small.html",
        Answer(
            body=gzip.compress(gzip.compress(b"<p>x</p>")),
            headers={"Content-Encoding": "gzip, gzip"},
        ),
    )
    with Fetcher(limits, allow_private=True) as fetcher:
        with pytest.raises(
            FetchError, match=r"encoded 3 times over \(gzip, gzip, gzip\)"
        ):
            fetcher.page(thrice)
        assert fetcher.page(small).data == b"<p>x</p>"


def test_a_server_that_trickles_is_given_up_on_at_the_deadline(server, site, capsys):
    import time

    page = server.page(
        "/dy/article/GTESTSLOW0000001.html", dy_page(server.base), trickle=0.01
    )
    dy = serve_dy(server)
    server.image("/dy/b.gif", DY_IMAGES["/dy/b.gif"][0], "image/gif", trickle=0.05)
    started = time.monotonic()
    code = main(
        ["import", "-q", "--timeout", "3", "--retries", "0", "--deadline", "2",
         "--allow-private", page, dy]
    )  # fmt: skip
    took = time.monotonic() - started
    out = capsys.readouterr().out
    assert code == 1
    assert f"failed     {page}: not done within the deadline of 2 s" in out
    assert (
        f"failed     image {server.url('/dy/b.gif')} of {DY_ID}.html: "
        "not done within the deadline of 2 s"
    ) in out
    # the page alone would take 30 s, the image 2 s: each stopped at 2 s
    assert took < 15, took


def test_only_public_addresses_unless_allowed(server, site, capsys, monkeypatch):
    """``server`` stands for a public site (its port counts as public); a
    second server on another port is the intranet."""
    from pelican.plugins.ath.importer import addresses

    real = addresses.connectable

    def connectable(host, port, *, allow_private):
        public = port == int(server.base.rsplit(":", 1)[1])
        return real(host, port, allow_private=allow_private or public)

    monkeypatch.setattr("pelican.plugins.ath.importer.network.connectable", connectable)
    intranet = FakeNetEase().start()
    try:
        secret = intranet.image("/secret.png", png(5, 5))
        article_url = intranet.page(f"/dy/article/{DY_ID}.html", dy_page(server.base))
        for path, (data, kind) in DY_IMAGES.items():
            server.image(path, data, kind)
        redirect = server.add(
            "/s/1", Answer(status=302, headers={"Location": article_url})
        )
        news = serve_news(server, check_referer=False)
        server.page(
            f"/news/article/{NEWS_ID}.html",
            news_page(server.base).replace(server.url("/cms/d.png"), secret),
        )
        refused = "127.0.0.1 is a loopback address: refused (import from private addresses with --allow-private)"

        code = main(["import", "-q", "--retries", "0", redirect, news, article_url])
        out = capsys.readouterr().out
        assert code == 1
        assert f"failed     {redirect}: {refused}" in out
        assert f"failed     {article_url}: {refused}" in out
        assert f"failed     image {secret} of {NEWS_ID}.html: {refused}" in out
        assert intranet.requests == []

        code = main(
            ["import", "-q", "--retries", "0", "--allow-private", redirect, news]
        )
        out = capsys.readouterr().out
        assert code == 0, out
        assert f"imported   content/{DY_ID}.html  (2 images)  {redirect}" in out
        assert f"updated    content/{NEWS_ID}.html  (2 images)" in out
        assert intranet.requested("/secret.png") == 1
    finally:
        intranet.stop()


def test_two_sources_are_never_written_to_one_file(server, site, capsys, tmp_path):
    canonical = f"https://www.163.com/dy/article/{DY_ID}.html"
    for path, (data, kind) in DY_IMAGES.items():
        server.image(path, data, kind)
    saved = []
    for folder, words in (("one", "第一篇"), ("two", "第二篇")):
        (tmp_path / folder).mkdir()
        markup = dy_page(server.base).replace(canonical, "https://www.163.com/dy/")
        saved.append(tmp_path / folder / "index.html")
        saved[-1].write_text(markup.replace("第一段正文", words), "utf-8")
    first = serve_dy(server, check_referer=False)
    again = server.page("/mirror/a.html", dy_page(server.base))  # the same id
    code, out = run_import(capsys, *map(str, saved), first, again)
    assert code == 1
    names = sorted(p.name for p in (site / "content").glob("*.html"))
    assert (
        len(names) == 3
        and names[2].startswith("index-")
        and names[1].startswith("index-")
    )
    texts = [(site / "content" / name).read_text("utf-8") for name in names[1:]]
    assert (
        sum("第一篇" in text for text in texts)
        == sum("第二篇" in text for text in texts)
        == 1
    )
    assert (
        f"failed     {again}: the same article as {first} (both {DY_ID}.html), "
        "imported just before: not written twice"
    ) in out
    assert "3 imported, 0 updated, 0 unchanged, 1 failed" in out
    # the same names on the next run
    code, out = run_import(capsys, *map(str, saved))
    assert code == 0 and "0 imported, 0 updated, 2 unchanged, 0 failed" in out


def test_a_killed_import_leaves_nothing_pelican_publishes(
    server, site, capsys, monkeypatch
):
    (site / "pelicanconf.py").write_text(SITE_SETTINGS + "IGNORE_FILES = []\n", "utf-8")
    url = serve_dy(server)
    assert run_import(capsys, url)[0] == 0
    content = site / "content"
    # what a run killed while writing left where earlier versions wrote
    left = [
        content / f".{DY_ID}.html.k1ll3d_x.part",
        content / "images" / DY_ID / ".0123456789abcdef.png.k1ll3d_x.part",
    ]
    for path in left:
        path.write_bytes(b"half a file")
    staging = site / ".pelican-ath-import"
    assert sorted(p.name for p in staging.iterdir()) == ["imported.jsonl"]
    (staging / ".a.png.k1ll3d_x.part").write_bytes(b"half")
    os.utime(staging / ".a.png.k1ll3d_x.part", (0, 0))
    renamed = []
    replace = os.replace

    def record(source, target):
        renamed.append(Path(source))
        replace(source, target)

    monkeypatch.setattr("pelican.plugins.ath.importer.files.os.replace", record)
    server.image("/dy/a.png", png(7, 7), referer=url)  # something to write
    code, out = run_import(capsys, "--force", url)
    assert code == 0 and "updated" in out, out
    assert renamed and all(content not in path.parents for path in renamed)
    assert not any(path.exists() for path in left)
    assert sorted(p.name for p in staging.iterdir()) == ["imported.jsonl"]
    build(site)
    assert not list((site / "output").rglob("*.part"))
