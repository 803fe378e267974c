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
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable, Iterable, Mapping
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
from .names import absolute, file_stem
from .options import FORMATS, Options
from .render import RENDERERS, file_metadata, written_date
from .source import ImportFailure, load, read_article


@dataclass
class Outcome:
    """What became of one source."""

    source: str
    #: ``imported`` (new file), ``updated``, ``unchanged`` or ``failed``.
    status: str = "failed"
    path: Path | None = None
    reason: str = ""
    #: Images published from the site itself.
    local_images: int = 0
    #: ``(image URL, reason)`` for each image that could not be downloaded
    #: (it stays a link to where it was).
    image_failures: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


#: ``progress(description, total)`` -> a function to call once per step done.
Progress = Callable[[str, int], Callable[[], None]]


def _no_progress(description: str, total: int) -> Callable[[], None]:
    return lambda: None


def import_source(
    source: str,
    options: Options,
    fetcher: Fetcher,
    progress: Progress = _no_progress,
    claimed: dict[Path, str] | None = None,
) -> Outcome:
    """Import one URL or saved page; failures are in the outcome.
    ``claimed``: the file each source of the run was written to."""
    outcome = Outcome(source)
    try:
        _import(
            source,
            options,
            fetcher,
            progress,
            outcome,
            {} if claimed is None else claimed,
        )
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
        force=options.force, jobs=options.jobs, progress=done or (lambda: None),
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


def _import(
    source: str,
    options: Options,
    fetcher: Fetcher,
    progress: Progress,
    outcome: Outcome,
    claimed: dict[Path, str],
) -> None:
    data, fetched_url = load(source, fetcher)
    page = read_article(data)
    page_url = fetched_url or page.original_url
    stem = file_stem(page, source, fetched_url)
    extension = FORMATS[options.format]
    path = options.output / (stem + extension)
    first = claimed.setdefault(path, source)
    if first != source:
        raise ImportFailure(
            f"the same article as {first} (both {path.name}), imported just "
            "before: not written twice"
        )
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
    """Import every source, one after the other; each one's outcome."""
    sources = list(sources)
    done = progress("articles", len(sources)) if len(sources) > 1 else lambda: None
    outcomes: list[Outcome] = []
    claimed: dict[Path, str] = {}
    remove_stale_parts(options.output, options.staging)
    for source in sources:
        outcomes.append(import_source(source, options, fetcher, progress, claimed))
        done()
    if options.staging is not None and options.staging.is_dir():
        with contextlib.suppress(OSError):  # removed once empty
            options.staging.rmdir()
    return outcomes
