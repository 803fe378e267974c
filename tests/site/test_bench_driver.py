"""benchmarks/driver.py, the interpreter each bench build runs in: without its
run it builds nothing (what benchmarks/instructions.py subtracts as start-up)."""

from __future__ import annotations

import sys

from conftest import ROOT


def test_the_driver_without_its_run_builds_nothing(tmp_path):
    import subprocess

    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("Title: a\nDate: 2026-01-01\n\nText.\n", "utf-8")
    settings = tmp_path / "settings.py"
    settings.write_text("SITENAME = 's'\nPLUGINS = []\n", "utf-8")
    driver = ROOT / "benchmarks" / "driver.py"
    for flags, built in (([], True), (["--no-run"], False)):
        output = tmp_path / f"out{len(flags)}"
        command = [sys.executable, str(driver), str(settings), str(content)]
        done = subprocess.run(
            [*command, str(output), *flags],
            capture_output=True,
            text=True,
            check=True,
        )
        assert "BENCH-RESULT" in done.stdout
        assert (output / "a.html").exists() is built
