"""``pelican-ath import --from LIST``: many articles at a time from a
stand-in NetEase on 127.0.0.1, never more requests to a host at once than
``--per-host``, ``Retry-After`` honoured, the same files as one at a time,
and a run that stopped picked up where it stopped. No assertion on how long
anything takes but lower bounds (the timing goal is
``benchmarks/import_batch.py``'s)."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import pytest
from import_batch import serve_pages
from netease_server import DY_ID, DY_IMAGES, Answer, FakeNetEase, dy_page

from pelican.plugins.ath.cli import main

#: Every request 20 ms; several articles' requests overlap.
LATENCY = 0.02


@pytest.fixture
def server():
    site = FakeNetEase(latency=LATENCY).start()
    yield site
    site.stop()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A folder without a site: the articles go to ``content/``."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def listing(folder: Path, urls: list[str], name: str = "urls.txt") -> str:
    path = folder / name
    path.write_text("# a list\n\n" + "\n".join(urls) + "\n", "utf-8")
    return str(path)


def run(capsys, *arguments: str) -> tuple[int, str, str]:
    code = main(["import", "--allow-private", "--timeout", "5", *arguments])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def pages_requested(server: FakeNetEase) -> list[str]:
    return [r.path for r in server.requests if r.path.startswith("/dy/article/")]


def test_never_more_requests_to_a_host_at_once_than_per_host(server, folder, capsys):
    urls = serve_pages(server, 12)
    code, out, _ = run(capsys, "-q", "--per-host", "2", "--from", listing(folder, urls))
    assert code == 0, out
    assert "12 imported, 0 updated, 0 unchanged, 0 failed" in out
    assert len(server.requests) == 36  # pages and images, all on one host
    assert server.most_requests == 2  # several at once, never more
    assert server.most_connections <= 2


def test_the_same_files_as_one_at_a_time_whatever_order_answers_come_in(
    server, folder, capsys
):
    """Answers slower the earlier the page, so that they come back in the
    list's reverse order; three sources of one article: the first of the
    list keeps the file although its page comes last."""
    urls = serve_pages(server, 8)
    for number in range(8):
        route = server.routes[f"/dy/article/TESTDY{number:04d}BATCH0.html"][0]
        route.delay = 0.02 * (8 - number)
    server.routes["/nimg7/"][0].referer = None  # for the copies too
    markup = route.body.decode()
    first = server.page("/mirror/slow.html", markup, delay=0.3)
    twin = server.page("/mirror/copy.html", markup)
    sources = [first, *urls, twin]
    urls_file = listing(folder, sources)

    code, one_out, _ = run(
        capsys, "-q", "-o", "one", "--per-host", "1", "--jobs", "1", "--from", urls_file
    )
    assert code == 1
    code, many_out, _ = run(capsys, "-q", "-o", "many", "--from", urls_file)
    assert code == 1
    assert tree(folder / "one") == tree(folder / "many")
    assert len(tree(folder / "many")) == 8 * 3

    def lines(out: str) -> list[str]:
        return [line.replace("one/", "many/") for line in out.splitlines()[:-1]]

    assert lines(one_out) == lines(many_out)  # the same lines in the same order
    assert (
        f"failed     {urls[-1]}: the same article as {first} "
        "(both TESTDY0007BATCH0.html)"
    ) in many_out
    assert f"failed     {twin}: the same article as {first}" in many_out


def test_a_run_that_stopped_goes_on_where_it_stopped(server, folder, capsys):
    urls = serve_pages(server, 10)
    urls_file = listing(folder, urls)
    seen = threading.Event()

    def interrupt() -> None:  # Ctrl-C once a few pages are in
        while len(pages_requested(server)) < 4:
            time.sleep(0.005)
        seen.set()
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)

    threading.Thread(target=interrupt, daemon=True).start()
    code, out, err = run(capsys, "-q", "--from", urls_file)
    assert seen.is_set() and code == 130, out + err
    assert "import interrupted" in err and "the same command goes on" in err
    first = pages_requested(server)
    assert len(first) < 10  # stopped before the end
    written = {p.name for p in (folder / "content").glob("*.html")}

    code, out, _ = run(capsys, "-q", "--from", urls_file)
    assert code == 0, out
    again = pages_requested(server)[len(first) :]
    # what was written whole is not fetched again; everything else is
    assert not {u.rsplit("/", 1)[1] for u in again} & written
    assert len(again) == 10 - len(written)
    assert f", {len(written)} skipped as already imported" in out or not written
    assert len(list((folder / "content").glob("*.html"))) == 10

    code, out, _ = run(capsys, "-q", "--from", urls_file)
    assert code == 0 and "0 imported, 0 updated, 0 unchanged, 0 failed" in out
    assert "10 skipped as already imported" in out
    assert len(pages_requested(server)) == len(first) + len(again)  # nothing fetched

    code, out, _ = run(capsys, "-q", "--force", "--from", urls_file)
    assert code == 0 and "10 unchanged" in out  # fetched again, nothing changed


def test_a_file_deleted_or_another_folder_is_imported_again(server, folder, capsys):
    (url,) = serve_pages(server, 1)
    assert run(capsys, "-q", url)[0] == 0
    (folder / "content" / "TESTDY0000BATCH0.html").unlink()
    code, out, _ = run(capsys, "-q", url)
    assert code == 0 and "1 imported" in out
    code, out, _ = run(capsys, "-q", "-o", "content/other", url)
    assert code == 0 and "1 imported" in out
    code, out, _ = run(capsys, "-q", "--images", "remote", url)
    assert code == 0 and "1 updated" in out
    assert len(pages_requested(server)) == 4


def test_an_article_with_an_image_missing_is_imported_again(server, folder, capsys):
    (url,) = serve_pages(server, 1)
    server.routes["/nimg0/"].insert(0, Answer(status=404))
    code, out, _ = run(capsys, "-q", url)
    assert code == 1 and "1 image not downloaded" in out
    code, out, _ = run(capsys, "-q", url)  # not skipped: the image is fetched
    assert code == 0 and "1 updated" in out


def test_retry_after_is_waited_for_by_every_request_to_the_host(server, folder, capsys):
    page = dy_page(server.base).encode()
    url = server.add(
        f"/dy/article/{DY_ID}.html",
        Answer(status=429, headers={"Retry-After": "1"}),
        Answer(body=page),
    )
    for path, (data, kind) in DY_IMAGES.items():
        server.image(path, data, kind)
    code, out, _ = run(capsys, "-q", "--retries", "1", url)
    assert code == 0, out
    first, second = server.times[f"/dy/article/{DY_ID}.html"]
    assert second - first >= 1.0  # a lower bound: what was asked
    # the images came after the page, so after the wait too
    assert min(server.times["/dy/a.png"]) - first >= 1.0


def test_a_retry_after_past_the_deadline_fails_at_once(server, folder, capsys):
    date = "Wed, 21 Oct 2099 07:28:00 GMT"
    for wait in ("3600", date):
        server.requests.clear()
        url = server.add(
            "/busy.html", Answer(status=503, headers={"Retry-After": wait})
        )
        code, out, _ = run(capsys, "-q", "--deadline", "5", url)
        assert code == 1
        assert "HTTP 503 Service Unavailable (tried once); it asked to wait" in out
        assert "s (Retry-After), past the deadline of 5 s" in out
        assert len(server.requests) == 1


def test_progress_is_lines_when_the_output_is_not_a_terminal(server, folder, capsys):
    urls = serve_pages(server, 2)
    code, out, err = run(capsys, "--from", listing(folder, urls))
    assert code == 0
    lines = err.splitlines()  # in the order the articles are done
    assert [line.split("] ", 1)[0] for line in lines] == ["[1/2", "[2/2"]
    done = sorted(line.split("] ", 1)[1] for line in lines)
    assert done == sorted(f"imported {url}" for url in urls)
    counts = out.splitlines()[-1]
    assert counts.startswith("2 imported, 0 updated, 0 unchanged, 0 failed; ")
    assert counts.endswith(" s")


def test_per_host_is_at_most_8(folder, capsys):
    for wrong in ("0", "9", "x"):
        with pytest.raises(SystemExit) as stop:
            main(["import", "--per-host", wrong, "https://www.163.com/x.html"])
        assert stop.value.code == 2
        assert "--per-host" in capsys.readouterr().err
    assert main(["import", "-q", "--per-host", "8", "no-such-file.html"]) == 1
    assert "neither an http(s) address nor a file" in capsys.readouterr().out
