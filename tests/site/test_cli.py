"""``pelican-ath inspect``: what a user sees before publishing."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata

import pytest
from conftest import ROOT, SEED, SEED_TITLES

from pelican.plugins.ath.cli import main


def write_conf(tmp_path, **settings) -> str:
    lines = ['PLUGINS = ["pelican_ath"]', 'TIMEZONE = "Asia/Shanghai"']
    lines += [f"{name} = {value!r}" for name, value in settings.items()]
    conf = tmp_path / "conf.py"
    conf.write_text("\n".join(lines) + "\n", "utf-8")
    return str(conf)


def test_inspect_shows_headings_toc_and_every_removal(tmp_path, capsys):
    conf = write_conf(tmp_path, ATH_PUNCTUATION=False)
    assert main(["inspect", "-s", conf, str(SEED)]) == 0
    out = capsys.readouterr().out
    assert f"== {SEED}  (ScrapedTextReader)" in out
    assert "headings (6):" in out
    for title in SEED_TITLES:
        assert f"  {title}\n" in out  # in the headings and in the TOC
        assert f"- {title}  #" in out
    assert "removed (8):" in out
    assert out.count("  empty image: ![]()") == 6
    assert "  NetEase disclaimer: 特別聲明:以上內容" in out
    assert "  NetEase disclaimer: Notice: The content above" in out


def test_inspect_shows_what_was_worked_out_of_a_headerless_export(tmp_path, capsys):
    conf = write_conf(tmp_path)
    assert main(["inspect", "-s", conf, str(SEED)]) == 0
    out = capsys.readouterr().out
    assert (
        "  title: 阿里巴巴正式宣布成立Alibaba Token Hub(ATH)事業群  "
        "(from the opening sentence: worked out)\n"
    ) in out
    assert "(from the dateline '3月16日,': worked out)" in out
    note = tmp_path / "hello.txt"
    note.write_text("今天把博客搬到了 Pelican。\n", "utf-8")
    assert main(["inspect", "-s", conf, str(note)]) == 1
    err = capsys.readouterr().err
    assert "not a scraped export (it shows no sign of a scraped export" in err
    assert "ATH_SCRAPED_FILES" in err


def test_inspect_uses_the_site_settings(tmp_path, capsys):
    conf = write_conf(tmp_path, ATH_SCRIPT="t2s", ATH_TOC=False)
    article = tmp_path / "a.txt"
    article.write_text("Title: 事業群\nDate: 2026-03-16\n\n正文。\n", "utf-8")
    assert main(["inspect", "-s", conf, str(article)]) == 0
    out = capsys.readouterr().out
    assert "title as published: 事业群" in out
    assert "script: t2s" in out
    assert "table of contents: none" in out


def test_inspect_json_is_plain_data(tmp_path, capsys):
    conf = write_conf(tmp_path)
    assert main(["inspect", "--json", "-s", conf, str(SEED)]) == 0
    (report,) = json.loads(capsys.readouterr().out)
    assert [h["level"] for h in report["headings"]] == [2] * 6
    assert [node["id"] for node in report["toc"]] == [
        h["id"] for h in report["headings"]
    ]
    reasons = [removal["reason"] for removal in report["removed"]]
    assert reasons.count("empty image") == 6
    assert reasons.count("NetEase disclaimer") == 2


def test_inspect_names_a_bad_file_and_goes_on(tmp_path, capsys):
    conf = write_conf(tmp_path)
    bad = tmp_path / "image.txt"
    bad.write_bytes(bytes(range(256)) * 20)
    code = main(
        ["inspect", "-s", conf, str(tmp_path / "missing.txt"), str(bad), str(SEED)]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert "missing.txt" in captured.err and "image.txt" in captured.err
    assert "binary file" in captured.err
    assert f"== {SEED}" in captured.out
    assert "Traceback" not in captured.err


def test_inspect_rejects_bad_settings_with_one_message(tmp_path, capsys):
    conf = write_conf(tmp_path, ATH_SCRIPT="t2x")
    assert main(["inspect", "-s", conf, str(SEED)]) == 2
    err = capsys.readouterr().err
    assert "ATH_SCRIPT" in err and "s2tw" in err


def test_the_console_script_is_installed_and_runs():
    (entry,) = [
        e
        for e in metadata.entry_points(group="console_scripts")
        if e.name == "pelican-ath"
    ]
    assert entry.value == "pelican.plugins.ath.cli:main"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican_ath",
            "inspect",
            "content/000_8bdecda8eb2986dd.txt",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "script: s2tw" in result.stdout  # the demo site's zh-Hant variant
    assert "headings (6):" in result.stdout


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("syntax.py", 'PLUGINS = ["pelican_ath"\n', "line 1"),
        ("imports.py", "import no_such_module_here\n", "no_such_module_here"),
        ("fails.py", "TIMEZONE = 1 / 0\n", "ZeroDivisionError"),
        ("conf.yaml", "PLUGINS: [pelican_ath]\n", "not a Python file"),
    ],
)
def test_a_settings_file_that_cannot_be_read_is_one_line_and_exit_2(
    tmp_path, name, text, says
):
    conf = tmp_path / name
    conf.write_text(text, "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pelican_ath", "inspect", "-s", str(conf), str(SEED)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"pelican-ath: {conf}") and says in line
    assert result.stdout == ""
