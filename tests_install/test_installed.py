"""pelican-ath as a user installs it (from a built wheel, not an editable
checkout): Pelican finds it among its namespace plugins, so
``PLUGINS = ["ath"]`` and Pelican's automatic loading (no ``PLUGINS``) work,
as does the console script. Run by ``tox -e install``, which installs the
package from a wheel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_8bdecda8eb2986dd.txt"
HEADER = "Title: 阿里ATH事業群成立\nDate: 2026-03-16\nSlug: seed\n\n"


def test_installed_as_a_namespace_plugin():
    from pelican.plugins._utils import get_namespace_plugins

    import pelican.plugins.ath

    assert "site-packages" in pelican.plugins.ath.__file__, "not an installed copy"
    assert "pelican.plugins.ath" in get_namespace_plugins()


@pytest.mark.parametrize("plugins", [["ath"], None], ids=["ath", "automatic-loading"])
def test_a_site_builds_with_the_short_name_and_with_automatic_loading(
    tmp_path, plugins
):
    content = tmp_path / "content"
    content.mkdir()
    (content / "seed.txt").write_text(HEADER + SEED.read_text("utf-8"), "utf-8")
    (tmp_path / "conf.py").write_text(
        f"PATH = 'content'\nTIMEZONE = 'UTC'\nPLUGINS = {plugins!r}\n"
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n",
        "utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "conf.py", "-o", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "300"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    page = (tmp_path / "out" / "seed.html").read_text("utf-8")
    assert 'class="toc ath-toc"' in page and "信息存儲服務" not in page


def test_the_console_script_runs(tmp_path):
    script = shutil.which("pelican-ath", path=os.path.dirname(sys.executable))
    assert script is not None
    seed = tmp_path / "seed.txt"
    seed.write_text(HEADER + SEED.read_text("utf-8"), "utf-8")
    done = subprocess.run(
        [script, "inspect", str(seed)], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "kind: scraped" in done.stdout
