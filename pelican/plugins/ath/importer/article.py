"""``pelican-ath import``: bring NetEase articles into a Pelican site, images
and all. This module is the flow; each step is a module of its own:

    URL or saved page -> bytes -> the saved-page reader's Page (:mod:`.source`,
        over :mod:`.fetch`)
        -> sanitised body -> images downloaded, ``src`` -> ``{static}`` links
           (:mod:`.images`)
        -> one Pelican source file named after the article's id
           (:mod:`.names`, :mod:`.render`), written atomically and only when
           it changed (:mod:`.files`)

Every failure is an :class:`~.source.ImportFailure` whose message is meant
for the user; one source's failure never stops the others.

A list is imported several articles at a time (the requests of all of them
waiting their turn for their host: :mod:`.hosts`), and written exactly as
one after the other would write it: which of two sources of one article
keeps its file is decided in the order of the list (:class:`Claims`),
whatever order the pages arrive in. An address already imported (the
:mod:`.journal` says so and its file is there) is skipped unless ``--force``.
"""

from __future__ import annotations

import contextlib
import datetime
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..html.links import imported_image_link, inert_links
from ..html.sanitize import (
    image_sources,
    is_remote,
    replace_image_sources,
    sanitize,
)
from ..netease.images import mark_images
from .fetch import Fetcher
from .files import IMAGES, remove_stale_parts, write_if_changed
from .images import Image, download_images, remove_stale_images
from .journal import Journal
from .names import absolute, file_stem, is_url
from .options import FORMATS, Options
from .render import RENDERERS, file_metadata, written_date
from .source import ImportFailure, load, read_article


@dataclass
class Outcome:
    """What became of one source."""

    source: str
    #: ``imported`` (new file), ``updated``, ``unchanged``, ``skipped``
    #: (imported before: not fetched) or ``failed``.
    status: str = "failed"
    path: Path | None = None
    reason: str = ""
    #: Images published from the site itself.
    local_images: int = 0
    #: ``(image URL, reason)`` for each image that could not be downloaded
    #: (it stays a link to where it was).
    image_failures: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


#: ``progress(description, total)`` -> a function to call once per step
#: done, with a line saying what it did (``""`` for an image).
Progress = Callable[[str, int], Callable[[str], None]]
#: ``claim(path)`` -> the source that holds ``path`` already, or None.
Claim = Callable[[Path], "str | None"]


def _no_progress(description: str, total: int) -> Callable[[str], None]:
    return lambda line: None


class Claims:
    """The file each source of a run is written to, decided in the order of
    the sources whatever order their pages arrive in: of two sources of one
    article, the first in the list keeps its file, as when they are imported
    one after the other."""

    def __init__(self, sources: Sequence[str]) -> None:
        self._sources = sources
        self._paths: list[Path | None] = [None] * len(sources)
        self._known = [threading.Event() for _ in sources]

    def claim(self, index: int, path: Path) -> str | None:
        """``path`` for source ``index``: None once every earlier source
        knows its file and none has this one, else the one that has it."""
        self._paths[index] = path
        self._known[index].set()
        for earlier in range(index):
            self._known[earlier].wait()  # started before: never a circle
            if self._paths[earlier] == path:
                return self._sources[earlier]
        return None

    def settle(self, index: int) -> None:
        """Source ``index`` has its file, or failed before it had one."""
        self._known[index].set()


def import_source(
    source: str,
    options: Options,
    fetcher: Fetcher,
    progress: Progress = _no_progress,
    claim: Claim = lambda path: None,
    journal: Journal | None = None,
) -> Outcome:
    """Import one URL or saved page; failures are in the outcome. ``claim``:
    the file's source if another of the run has it; ``journal``: what
    earlier runs imported (a URL in it is skipped unless ``--force``), and
    where this one's is recorded."""
    outcome = Outcome(source)
    journal = journal or Journal(None)
    try:
        _import(source, options, fetcher, progress, outcome, claim, journal)
        path, whole = outcome.path, not outcome.image_failures
        if path and whole and is_url(source) and outcome.status != "skipped":
            journal.record(source.strip(), path, options.images)
    except ImportFailure as err:
        outcome.status, outcome.reason = "failed", str(err)
    except OSError as err:
        outcome.status = "failed"
        outcome.reason = f"cannot write {err.filename or 'a file'}: {err.strerror}"
    return outcome


def _localise(
    sources: Mapping[str, str],
    options: Options,
    fetcher: Fetcher,
    progress: Progress,
    folder: Path,
    referer: str | None,
    outcome: Outcome,
) -> tuple[dict[str, str], list[Image]]:
    """Download the article's images (``src`` -> absolute URL) into
    ``folder``: the ``src`` of each image on the site, and every image."""
    remote = [url for url in sources.values() if is_remote(url)]
    done = progress(f"images of {folder.name}", len(set(remote))) if remote else None
    images = download_images(
        fetcher, remote, folder, referer,
        force=options.force, jobs=options.jobs,
        progress=(lambda: done("")) if done else (lambda: None),
        staging=options.staging,
    )  # fmt: skip
    local = {}
    for image in images:
        if image.error:
            outcome.image_failures.append((image.url, image.error))
        if image.path is not None:
            local[image.url] = imported_image_link(folder.name, image.path.name)
    outcome.local_images = len(local)
    return {src: local.get(url, url) for src, url in sources.items()}, images


def _claimed(path: Path, claim: Claim) -> None:
    """Fail unless ``path`` is this source's to write."""
    first = claim(path)
    if first is not None:
        raise ImportFailure(
            f"the same article as {first} (both {path.name}), imported just "
            "before: not written twice"
        )


def _import(
    source: str,
    options: Options,
    fetcher: Fetcher,
    progress: Progress,
    outcome: Outcome,
    claim: Claim,
    journal: Journal,
) -> None:
    extension = FORMATS[options.format]
    if is_url(source) and not options.force:
        done = journal.imported(
            source.strip(), options.output, extension, options.images
        )
        if done is not None:
            _claimed(done, claim)
            outcome.status, outcome.path = "skipped", done
            return
    data, fetched_url = load(source, fetcher)
    page = read_article(data)
    page_url = fetched_url or page.original_url
    stem = file_stem(page, source, fetched_url)
    path = options.output / (stem + extension)
    _claimed(path, claim)
    for other in FORMATS.values():
        if other != extension and path.with_suffix(other).exists():
            raise ImportFailure(
                f"{path.with_suffix(other)} already holds this article; "
                f"remove it to import it as {options.format}"
            )

    body = sanitize(page.body)
    # Relative addresses (a mirror without a canonical link) as the page had them.
    sources = {src: absolute(src, page_url) for src in image_sources(body)}
    folder = options.output / IMAGES / stem
    images: list[Image] = []
    if options.images == "local":
        sources, images = _localise(
            sources, options, fetcher, progress, folder, page_url, outcome
        )
    if fetcher.hosts.closed:  # its images may be missing for that alone
        raise ImportFailure("not written: the import was interrupted")
    body = mark_images(replace_image_sources(body, sources), every_remote=True)
    body = inert_links(body)  # the page's own {…} links are data; the images' stay

    date = None
    if page.date is None:
        date = (
            written_date(path)
            or datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()
        )
        outcome.notes.append("the page gives no date: the import time is written")
    if not page.title:
        outcome.notes.append("the page gives no title: its id is the title")
    text = RENDERERS[options.format](file_metadata(page, stem, date), body)
    existed = path.exists()
    options.output.mkdir(parents=True, exist_ok=True)
    written = write_if_changed(path, text.encode("utf-8"), options.staging)
    # only once the article no longer shows them
    kept = [image.path for image in images if image.path is not None]
    removed = remove_stale_images(folder, kept)
    outcome.path = path
    if not existed:
        outcome.status = "imported"
    elif written or removed or any(image.changed for image in images):
        outcome.status = "updated"
    else:
        outcome.status = "unchanged"


# -- many sources ------------------------------------------------------------------


def import_all(
    sources: Iterable[str],
    options: Options,
    fetcher: Fetcher,
    progress: Progress = _no_progress,
) -> list[Outcome]:
    """Import every source (one listed twice once), several at a time, as
    one after the other would; each one's outcome, in their order. When
    interrupted (:class:`KeyboardInterrupt`), no request starts any more and
    what is under way ends before it is raised again: every article written
    whole is in the journal, for the next run to skip."""
    sources = list(dict.fromkeys(sources))
    many = len(sources) > 1
    done = progress("articles", len(sources)) if many else lambda line: None
    journal = Journal(options.staging)
    claims = Claims(sources)
    remove_stale_parts(options.output, options.staging)

    def one(index: int) -> Outcome:
        try:
            outcome = import_source(
                sources[index], options, fetcher, progress,
                lambda path: claims.claim(index, path), journal,
            )  # fmt: skip
        finally:
            claims.settle(index)
        done(f"{outcome.status} {outcome.source}")
        return outcome

    pool = ThreadPoolExecutor(max_workers=2 * fetcher.limits.per_host)
    try:
        futures = [pool.submit(one, index) for index in range(len(sources))]
        outcomes = [future.result() for future in futures]
    except BaseException:
        fetcher.hosts.close()
        pool.shutdown(cancel_futures=True)
        raise
    finally:
        pool.shutdown()
        journal.compact()
    if options.staging is not None and options.staging.is_dir():
        with contextlib.suppress(OSError):  # removed once empty
            options.staging.rmdir()
    return outcomes
