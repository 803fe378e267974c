"""``pelican --autoreload`` on the demo site follows each edit: of the seed
(a section title: its heading, id and TOC entry in both scripts' sub-sites)
and of a setting (the TOC off; the variants as translations instead of
sub-sites, and back), with the plugin's state kept from one build to the next in one
process as a user's long session keeps it.

A real ``pelican`` process (watchfiles waits for the edits); each step
polls the output with a deadline, and the process group is ended whatever
happens.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import html as lxml_html

pytestmark = pytest.mark.slow

SLUG = "alibaba-ath-coming-of-age"
SEED_NAME = "000_8bdecda8eb2986dd.txt"
OLD_TITLE = "前奏:一個人的告別與一群人的定調"
NEW_TITLE = "序曲:一個人的告別與一群人的定調"
#: The new title's id (the Traditional original's, in both scripts), and
#: how each script's page shows it (full-width colon; Simplified in zh-hans).
NEW_ID = "序曲一個人的告別與一群人的定調"
SHOWN = {
    "zh-Hant": "序曲：一個人的告別與一群人的定調",
    "zh-Hans": "序曲：一个人的告别与一群人的定调",
}
#: Each script's page, as the demo publishes it (whole sub-sites).
PAGES = {"zh-Hant": f"{SLUG}.html", "zh-Hans": f"zh-hans/{SLUG}.html"}
DEADLINE = 180
#: Seconds of a quiet log after which a build is over.
QUIET = 2.0
PELICAN_ARGS = ("content", "-s", "pelicanconf.py", "-o", "out", "--autoreload")


class Session:
    """A running ``pelican --autoreload`` in a copy of the demo."""

    def __init__(self, site: Path, process: subprocess.Popen[bytes], log: Path):
        self.site, self.process, self.log_path = site, process, log

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")

    def page(self, name: str) -> lxml_html.HtmlElement | None:
        """A page written whole (its ``</html>`` there), else None."""
        try:
            text = (self.site / "out" / name).read_text("utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            return None
        return lxml_html.fromstring(text) if "</html>" in text else None

    def wait(self, what: str, done: Callable[[], bool]) -> None:
        """Poll until ``done()``; then until the build that did it has
        finished and watchfiles watches again (its log quiet for a second)."""
        end = time.monotonic() + DEADLINE
        while not done():
            if self.process.poll() is not None:
                pytest.fail(
                    f"pelican exited ({self.process.returncode}):\n{self.log()}"
                )
            if time.monotonic() > end:
                pytest.fail(f"not {what} within {DEADLINE} s:\n{self.log()[-4000:]}")
            time.sleep(0.3)
        self.settle()

    def settle(self) -> None:
        """Until the log has been quiet for a while (a build takes well
        under a second; watchfiles' own warnings come after its last line)."""
        end = time.monotonic() + DEADLINE
        size = -1
        while size != len(self.log()) and time.monotonic() < end:
            size = len(self.log())
            time.sleep(QUIET)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    site = tmp_path / "demo"
    site.mkdir()
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copy(ROOT / "pelicanconf.py", site / "pelicanconf.py")
    log = tmp_path / "pelican.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "pelican", *PELICAN_ARGS],
            cwd=site,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "COLUMNS": "400"},
        )
    try:
        yield Session(site, process, log)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def headings(page: lxml_html.HtmlElement) -> dict[str, str]:
    """The article's ``h2`` headings: id -> text."""
    return {h.get("id"): h.text_content() for h in page.xpath("//h2[@id]")}


def toc(page: lxml_html.HtmlElement) -> dict[str, str] | None:
    """The TOC's entries, href -> text; None without a TOC."""
    (nav, *_) = page.xpath('//nav[contains(@class, "ath-toc")]') or [None]
    if nav is None:
        return None
    return {a.get("href"): a.text_content() for a in nav.iter("a")}


def shows_new_title(session: Session, name: str, script: str) -> bool:
    page = session.page(name)
    return (
        page is not None
        and headings(page).get(NEW_ID) == SHOWN[script]
        and (toc(page) or {}).get(f"#{NEW_ID}") == SHOWN[script]
    )


def test_autoreload_follows_the_seed_and_the_settings(session: Session):
    session.wait(
        "the first build",
        lambda: all(session.page(name) is not None for name in PAGES.values()),
    )
    for name in PAGES.values():
        page = session.page(name)
        assert page is not None and toc(page), f"{name}: no TOC at first"
        assert NEW_ID not in headings(page)

    # (a) a section title of the seed edited: both scripts' pages follow
    seed = session.site / "content" / SEED_NAME
    text = seed.read_text("utf-8")
    assert text.count(OLD_TITLE) == 1
    seed.write_text(text.replace(OLD_TITLE, NEW_TITLE), "utf-8")
    session.wait(
        "the new section title in both scripts",
        lambda: all(shows_new_title(session, n, s) for s, n in PAGES.items()),
    )
    for name in PAGES.values():
        page = session.page(name)
        assert page is not None
        ids = list(headings(page))
        assert len(ids) == 6 and len(set(ids)) == 6, (name, ids)
        assert list(toc(page) or {}) == [f"#{i}" for i in ids], name

    # (b) a setting edited: the TOC off, in both scripts' sub-sites
    settings = session.site / "pelicanconf.py"
    settings.write_text(settings.read_text("utf-8") + "\nATH_TOC = False\n", "utf-8")

    def without_toc(name: str, script: str) -> bool:
        page = session.page(name)
        return (
            page is not None
            and toc(page) is None
            and headings(page).get(NEW_ID) == SHOWN[script]
        )

    session.wait(
        "the TOC gone from both scripts",
        lambda: all(without_toc(n, s) for s, n in PAGES.items()),
    )

    # (c) the variants as translations beside the article, the TOC back
    conf = settings.read_text("utf-8").replace("\nATH_TOC = False\n", "\n")
    settings.write_text(conf + "\nATH_VARIANT_SITES = False\n", "utf-8")
    beside = {"zh-Hant": PAGES["zh-Hant"], "zh-Hans": f"{SLUG}-zh-hans.html"}
    session.wait(
        "the variants beside the article, with their TOC",
        lambda: all(shows_new_title(session, n, s) for s, n in beside.items()),
    )

    # (d) whole sub-sites again (i18n_subsites connected again in this
    # process): the zh-hans/ page, last written without a TOC, has it back
    settings.write_text(conf, "utf-8")
    session.wait(
        "the sub-site again, with its TOC",
        lambda: all(shows_new_title(session, n, s) for s, n in PAGES.items()),
    )
    log = session.log()
    assert "Caught exception" not in log and "CRITICAL" not in log, log
