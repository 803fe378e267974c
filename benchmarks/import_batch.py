"""``pelican-ath import --from urls.txt`` on a list: how long, how many
connections to one host at once, the same bytes as one request at a time.

    python benchmarks/import_batch.py                 # 60 pages, 50 ms a request
    python benchmarks/import_batch.py --pages 200 --latency 0.1
    python benchmarks/import_batch.py --only "--per-host 1 --jobs 1"

A local server on 127.0.0.1 (``tests/netease_server.py``) serves ``--pages``
real-looking 网易号 pages (``tests/data/dy_article.html``, each with its own
id and its two images, which refuse a foreign ``Referer``), answering every
request after ``--latency`` seconds and counting the connections open at
once; it runs in a process of its own (``--serve``: as a real server, it
takes no time from the importer's threads). Each case imports the whole list
into a fresh folder, in this process (warmed up by a one-page import first):

- ``one at a time``: ``--per-host 1 --jobs 1``, one request after another,
  as the importer did before lists were imported concurrently;
- ``defaults``: the options as they are;
- ``--per-host 8``: the most connections to one host allowed;
- ``again``: the defaults run a second time over the first's folder: every
  page already imported, nothing fetched.

It prints, for each, the time, the time as a share of the summed latency
(requests × latency), the requests and the most connections and requests
the server saw at once; then PASS/FAIL for the goals of issue 31: at most
35 % of the summed latency with the defaults, never more connections to the
host than ``--per-host``, the same files with the same bytes as one at a
time, nothing fetched again. Exits 0 if every goal passes, 1 if not.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from netease_server import FakeNetEase, png  # noqa: E402

from pelican.plugins.ath.cli import main  # noqa: E402

#: The article id and the image host of ``tests/data/dy_article.html``.
TEMPLATE_ID = "TESTDY0001ATH001"
IMAGE_HOST = "https://nimg.ws.126.net/"
#: The goal: the import's time as a share of the summed latency.
GOAL = 0.35


def serve_pages(server: FakeNetEase, count: int) -> list[str]:
    """``count`` dy pages on ``server``, each with its own id and its own two
    images (any query of ``/nimg<n>/``, for that page's ``Referer`` only);
    their URLs."""
    template = (ROOT / "tests" / "data" / "dy_article.html").read_text("utf-8")
    urls = []
    for number in range(count):
        article = f"TESTDY{number:04d}BATCH0"
        markup = template.replace(TEMPLATE_ID, article).replace(
            IMAGE_HOST, server.url(f"/nimg{number}/")
        )
        url = server.page(f"/dy/article/{article}.html", markup)
        colour = (number * 37 % 256, 90, 200)
        server.image(f"/nimg{number}/", png(64, 48, colour), referer=url)
        urls.append(url)
    return urls


class Server:
    """The server process (``--serve``), spoken to a line at a time."""

    def __init__(self, pages: int, latency: float) -> None:
        command = [sys.executable, __file__, "--serve", str(pages), str(latency)]
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.urls: list[str] = json.loads(self._ask("urls"))

    def _ask(self, command: str) -> str:
        assert self._process.stdin and self._process.stdout
        self._process.stdin.write(command + "\n")
        self._process.stdin.flush()
        return self._process.stdout.readline()

    def counts(self, reset: bool = False) -> dict[str, int]:
        """Requests so far, the most connections and requests at once
        (``reset``: since now, once the last run's connections are closed)."""
        found: dict[str, int] = json.loads(self._ask("reset" if reset else "counts"))
        return found

    def stop(self) -> None:
        self._ask("stop")
        self._process.wait()


def serve(pages: int, latency: float) -> None:
    """The server process: serve the pages, answer commands on standard input."""
    server = FakeNetEase(latency=latency).start()
    urls = serve_pages(server, pages)
    for command in sys.stdin:
        command = command.strip()
        if command == "reset":
            for _ in range(100):  # the last run's connections, seen closed
                if not server.connections:
                    break
                time.sleep(0.01)
            server.most_connections = server.connections
            server.most_requests = 0
        answer: object = {
            "requests": len(server.requests),
            "most_connections": server.most_connections,
            "most_requests": server.most_requests,
        }
        if command == "urls":
            answer = urls
        print(json.dumps(answer), flush=True)
        if command == "stop":
            break
    server.stop()


@dataclass
class Run:
    name: str
    seconds: float
    #: The importer's processor time (this process, user + system).
    cpu: float
    requests: int
    most_connections: int
    most_requests: int
    code: int
    files: dict[str, bytes]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its relative path, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def run(
    server: Server, name: str, listing: Path, output: Path, options: list[str]
) -> Run:
    """Import ``listing`` into ``output`` with ``options``; what it took."""
    before = server.counts(reset=True)["requests"]
    arguments = ["import", "-q", "--allow-private", "-o", str(output)]
    arguments += ["--from", str(listing), *options]
    with contextlib.redirect_stdout(io.StringIO()) as out:
        start, cpu = time.perf_counter(), time.process_time()
        code = main(arguments)
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu
    if code != 0:
        sys.stderr.write(out.getvalue())
    counts = server.counts()
    return Run(
        name,
        seconds,
        cpu,
        counts["requests"] - before,
        counts["most_connections"],
        counts["most_requests"],
        code,
        tree(output) if output.is_dir() else {},
    )


def rounds(
    server: Server,
    name: str,
    listing: Path,
    output: Path,
    options: list[str],
    repeat: int,
) -> Run:
    """``repeat`` runs, each into a fresh folder: the median time, the most
    connections of any; files only if every run wrote the same."""
    runs = (
        [
            run(server, name, listing, output.with_name(f"{output.name}{n}"), options)
            for n in range(repeat)
        ]
        if repeat > 1
        else [run(server, name, listing, output, options)]
    )
    median = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
    same = all(r.files == runs[0].files for r in runs)
    return Run(
        name,
        median.seconds,
        median.cpu,
        sum(r.requests for r in runs) // repeat,
        max(r.most_connections for r in runs),
        max(r.most_requests for r in runs),
        max(r.code for r in runs),
        runs[0].files if same else {},
    )


def main_(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument(
        "--only", metavar="OPTIONS", help="measure these import options only"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each case (the median)"
    )
    parser.add_argument("--serve", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(int(args.serve[0]), float(args.serve[1]))
        return 0
    server = Server(args.pages, args.latency)
    urls = server.urls
    try:
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            os.chdir(work)  # no site: the staging folder is the folder's
            (work / "urls.txt").write_text("\n".join(urls) + "\n", "utf-8")
            (work / "one.txt").write_text(urls[0] + "\n", "utf-8")
            run(server, "warm-up", work / "one.txt", work / "warm", [])
            if args.only is not None:
                runs = [
                    run(server, args.only, work / "urls.txt", work / "only",
                        shlex.split(args.only))
                ]  # fmt: skip
                return report(runs, args, {})
            cases = [
                ("one at a time", "one", ["--per-host", "1", "--jobs", "1"]),
                ("defaults", "defaults", []),
                ("--per-host 8", "eight", ["--per-host", "8"]),
                ("again", "defaults0", []),
            ]
            runs = [
                rounds(server, name, work / "urls.txt", work / out, options,
                       1 if name in ("one at a time", "again") else args.repeat)
                for name, out, options in cases
            ]  # fmt: skip
            return report(runs, args, {"per-host": 4})
    finally:
        server.stop()


def report(runs: list[Run], args: argparse.Namespace, defaults: dict[str, int]) -> int:
    """Print each run and the goals; 0 if every goal passes."""
    summed = 3 * args.pages * args.latency
    print(
        f"{args.pages} pages, 2 images each: {3 * args.pages} requests, "
        f"{args.latency * 1000:g} ms each, summed latency {summed:.2f} s"
    )
    print("| case | time (s) | of summed latency | processor (s) | requests "
          "| most connections | most requests | exit |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in runs:
        print(
            f"| {r.name} | {r.seconds:.2f} | {r.seconds / summed:.0%} | {r.cpu:.2f} "
            f"| {r.requests} | {r.most_connections} | {r.most_requests} | {r.code} |"
        )
    if not defaults:
        return 0
    by_name = {r.name: r for r in runs}
    one, default, eight, again = (
        by_name[n] for n in ("one at a time", "defaults", "--per-host 8", "again")
    )
    goals = [
        (
            f"defaults within {GOAL:.0%} of the summed latency "
            f"({default.seconds / summed:.0%})",
            default.seconds <= GOAL * summed,
        ),
        (
            f"never more connections to the host than --per-host "
            f"(1: {one.most_connections}, 4: {default.most_connections}, "
            f"8: {eight.most_connections})",
            one.most_connections <= 1
            and default.most_connections <= defaults["per-host"]
            and eight.most_connections <= 8,
        ),
        (
            f"the same {len(one.files)} files, the same bytes as one at a time",
            bool(one.files) and one.files == default.files == eight.files,
        ),
        (
            f"every run exits 0, every page in ({len(one.files)} files)",
            all(r.code == 0 for r in runs) and len(one.files) == 3 * args.pages,
        ),
        (
            f"nothing fetched again on the second run ({again.requests} requests)",
            again.requests == 0 and again.files == default.files,
        ),
    ]
    for text, passed in goals:
        print(f"{'PASS' if passed else 'FAIL'}  {text}")
    return 0 if all(passed for _, passed in goals) else 1


if __name__ == "__main__":
    sys.exit(main_())
