"""The repository's site in a real browser (Debian's Chromium via Playwright),
as a reader uses it, in three themes.

Screenshots of the article in both scripts are saved under ``e2e-artifacts/``
in the repository root (CI keeps them as artifacts).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the stand-in NetEase of the import tests
sys.path.insert(0, str(ROOT / "tests" / "site"))  # test_xss: the hostile payloads
ARTIFACTS = ROOT / "e2e-artifacts"
ARTICLE = "alibaba-ath-coming-of-age.html"
#: The demo's variants are whole sites: the Simplified one at zh-hans/.
TRANSLATION = "zh-hans/alibaba-ath-coming-of-age.html"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def reflex_theme() -> str:
    from pelican.themes import reflex  # pelican-theme-reflex, from PyPI

    return reflex.path()


THEMES = {
    "notmyidea": lambda: "notmyidea",
    "simple": lambda: "simple",
    "reflex": reflex_theme,
}
#: Settings a theme needs defined (Reflex's footer reads CC_LICENSE['icon']).
THEME_SETTINGS = {
    "reflex": {
        "CC_LICENSE": {
            "name": "CC BY-SA",
            "version": "4.0",
            "slug": "by-sa",
            "icon": False,
        },
        "COPYRIGHT_YEAR": 2026,
    }
}


def build(theme: str, output: Path) -> None:
    override = {
        "OUTPUT_PATH": str(output),
        "THEME": THEMES[theme](),
        "CACHE_CONTENT": False,
    }
    override.update(THEME_SETTINGS.get(theme, {}))
    Pelican(read_settings(str(ROOT / "pelicanconf.py"), override=override)).run()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is not installed (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module", params=list(THEMES))
def site(request, tmp_path_factory):
    """The repository's site built with one theme and served on 127.0.0.1."""
    output = tmp_path_factory.mktemp(f"site-{request.param}")
    build(request.param, output)
    handler = functools.partial(QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield request.param, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser, site):
    _, base = site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []

    def on_console(message) -> None:
        url = (message.location or {}).get("url", "")
        # Themes may point at fonts or scripts on the internet, which this
        # machine cannot reach; everything served from our own site counts.
        # The browser asks for /favicon.ico on its own; no theme here has one.
        ours = not url or (url.startswith(base) and not url.endswith("/favicon.ico"))
        if message.type == "error" and ours:
            errors.append(f"{message.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    yield page
    context.close()


def open_article(page: Page, base: str, name: str = ARTICLE) -> None:
    page.goto(f"{base}/{name}", wait_until="load")


def test_every_toc_link_scrolls_its_heading_into_view(page, site):
    theme, base = site
    open_article(page, base)
    links = page.locator("nav.toc a")
    assert links.count() == 6
    assert page.locator("nav.toc").is_visible()
    for index in range(links.count()):
        link = links.nth(index)
        href = link.get_attribute("href")
        link.click()
        page.wait_for_function(
            "href => decodeURIComponent(location.hash) === href", arg=href
        )
        top, bottom = page.evaluate(
            "id => { const r = document.getElementById(id).getBoundingClientRect();"
            " return [r.top, r.bottom]; }",
            href[1:],
        )
        height = page.evaluate("window.innerHeight")
        assert bottom > 0 and top < height, f"{theme}: {href} at {top}px, not in view"
        heading = page.evaluate(
            "id => document.getElementById(id).textContent", href[1:]
        )
        assert heading == link.text_content()
    assert page.errors == []


#: Themes whose <html lang> follows the page's language (Reflex always writes
#: DEFAULT_LANG there).
SETS_HTML_LANG = {"notmyidea", "simple"}


def html_lang(page: Page, theme: str, expected: str) -> bool:
    return theme not in SETS_HTML_LANG or (
        page.evaluate("document.documentElement.lang") == expected
    )


def test_the_script_switch_goes_to_the_other_variant_and_back(page, site):
    theme, base = site
    open_article(page, base)
    assert html_lang(page, theme, "zh-hant")
    assert "事業群" in page.locator("body").inner_text()
    page.locator(f'body a[href$="{TRANSLATION}"]').first.click()
    page.wait_for_url(f"**/{TRANSLATION}")
    assert html_lang(page, theme, "zh-hans")
    text = page.locator("body").inner_text()
    assert "事业群" in text and "事業群" not in text
    anchors = page.locator("nav.toc a").evaluate_all("as => as.map(a => a.hash)")
    page.locator(f'body a[href$="../{ARTICLE}"]').first.click()
    page.wait_for_url(f"**/{ARTICLE}")
    assert html_lang(page, theme, "zh-hant")
    assert "事業群" in page.locator("body").inner_text()
    assert (
        page.locator("nav.toc a").evaluate_all("as => as.map(a => a.hash)") == anchors
    )
    assert page.errors == []


def test_images_loaded_and_screenshots_in_both_scripts(page, site):
    theme, base = site
    ARTIFACTS.mkdir(exist_ok=True)
    for name, lang in ((ARTICLE, "zh-hant"), (TRANSLATION, "zh-hans")):
        open_article(page, base, name)
        broken = page.evaluate(
            "[...document.images].filter(i => !(i.complete && i.naturalWidth > 0))"
            ".map(i => i.src)"
        )
        assert broken == []
        toc = page.locator("nav.toc")
        assert toc.is_visible() and toc.bounding_box()["height"] > 20
        shot = ARTIFACTS / f"{theme}-{lang}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
    assert page.errors == []


# -- articles brought in with pelican-ath import ---------------------------------------


def serve(output: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


IMPORTED_SITE_SETTINGS = """\
PATH = "content"
OUTPUT_PATH = "output"
PLUGINS = ["pelican_ath"]
TIMEZONE = "Asia/Shanghai"
SLUGIFY_SOURCE = "basename"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
"""


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory):
    """A dy and a news article imported from a stand-in NetEase, built with
    Pelican and served on 127.0.0.1; the stand-in is gone before the browser
    looks, so every image that loads comes from the site itself."""
    from netease_server import FakeNetEase, serve_dy, serve_news

    from pelican.plugins.ath.cli import main

    root = tmp_path_factory.mktemp("imported")
    conf = root / "pelicanconf.py"
    conf.write_text(IMPORTED_SITE_SETTINGS, "utf-8")
    netease = FakeNetEase().start()
    try:
        urls = [serve_dy(netease), serve_news(netease)]
        code = main(["import", "-q", "--allow-private", "-s", str(conf), *urls])
    finally:
        netease.stop()
    assert code == 0
    Pelican(read_settings(str(conf))).run()
    server = serve(root / "output")
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_imported_articles_show_their_images_from_the_site_itself(
    browser, imported_site
):
    from netease_server import DY_ID, NEWS_ID

    base = imported_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def on_console(message) -> None:
        url = (message.location or {}).get("url", "")
        if message.type == "error" and not url.endswith("/favicon.ico"):
            errors.append(f"{message.text} ({url})")

    page.on("console", on_console)
    ARTIFACTS.mkdir(exist_ok=True)
    for article_id, count in ((DY_ID, 3), (NEWS_ID, 2)):
        page.goto(f"{base}/{article_id.lower()}.html", wait_until="load")
        images = page.evaluate(
            "[...document.querySelectorAll('.entry-content img')].map(i =>"
            " [i.currentSrc, i.complete && i.naturalWidth > 0])"
        )
        assert len(images) == count
        for src, loaded in images:
            assert src.startswith(f"{base}/images/{article_id}/"), src
            assert loaded, f"{src} did not load"
        page.screenshot(
            path=str(ARTIFACTS / f"imported-{article_id}.png"), full_page=True
        )
    context.close()
    assert errors == []


# -- hostile titles of imported articles ---------------------------------------

#: A theme whose article page prints the title through ``striptags`` in
#: ``<title>`` and in an attribute (as Pelican's own themes do), and raw in
#: the page; every other page falls back to Pelican's ``simple`` theme.
STRIPTAGS_ARTICLE = """\
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ article.title|striptags }}</title></head>
<body><h1><a href="{{ SITEURL }}/{{ article.url }}"
  title="{{ article.title|striptags }}">{{ article.title }}</a></h1>
<div class="entry-content">{{ article.content }}</div></body></html>
"""


@pytest.fixture(scope="module")
def hostile_imports(tmp_path_factory):
    """Two saved pages whose title, source and editor try to run script,
    imported as HTML and as Markdown (local files: no network)."""
    from test_xss import ALL, EDITOR, escaped, saved_page

    from pelican.plugins.ath.cli import main

    root = tmp_path_factory.mktemp("hostile")
    conf = root / "pelicanconf.py"
    conf.write_text(IMPORTED_SITE_SETTINGS, "utf-8")
    for article_id, kind in (("GHOSTILEHTML0001", "html"), ("GHOSTILEMD000002", "md")):
        page = saved_page(
            f"<title>題{escaped(ALL)}_网易订阅</title>",
            h1=f'<h1 class="post_title">頭{escaped(ALL)}</h1>',
            info=f"来源: 源{escaped(ALL)}",
            body=f'<div class="post_author">责任编辑：編{escaped(EDITOR)}</div>',
        )
        saved = root / f"{article_id}.html"
        saved.write_text(page, "utf-8")
        assert (
            main(["import", "-q", "-s", str(conf), "--format", kind, str(saved)]) == 0
        )
    theme = root / "striptags-theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "article.html").write_text(STRIPTAGS_ARTICLE, "utf-8")
    return conf, {"notmyidea": "notmyidea", "simple": "simple", "striptags": str(theme)}


@pytest.mark.parametrize("theme", ["notmyidea", "simple", "striptags"])
def test_imported_titles_run_nothing_in_the_browser(browser, hostile_imports, theme):
    conf, themes = hostile_imports
    output = conf.parent / f"output-{theme}"
    Pelican(
        read_settings(
            str(conf), override={"THEME": themes[theme], "OUTPUT_PATH": str(output)}
        )
    ).run()
    server = serve(output)
    base = f"http://127.0.0.1:{server.server_port}"
    context = browser.new_context()
    page = context.new_page()
    ran: list[str] = []
    page.on("dialog", lambda dialog: (ran.append(dialog.message), dialog.dismiss()))
    try:
        pages = sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))
        articles = [name for name in pages if name.startswith("ghostile")]
        assert len(articles) == 2
        for name in pages:
            page.goto(f"{base}/{name}", wait_until="load")
            page.mouse.move(10, 10)  # an onmouseover would fire
            page.mouse.move(400, 120)
        for name in articles:
            page.goto(f"{base}/{name}", wait_until="load")
            assert "頭" in page.title(), page.title()
            assert "alert" in page.locator("body").inner_text()  # shown as text
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert ran == []
