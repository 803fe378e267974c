"""``pelican-ath import``: bring NetEase articles into a Pelican site, images
and all.

    URL or saved page -> bytes (:mod:`pelican.plugins.ath.importer.fetch`)
        -> the saved-page reader's Page (:func:`pelican.plugins.ath.readers.page_readers.read_page`)
        -> sanitised body -> images downloaded, ``src`` -> ``{static}`` links
        -> one Pelican source file named after the article's id, written
           atomically and only when it changed

An article is recognised by its page (the reader's rules), never by the host
it came from. Every failure is an :class:`ImportFailure` whose message is
meant for the user; one source's failure never stops the others.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import hashlib
import html
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..html.links import imported_image_link, inert_links
from ..html.sanitize import (
    image_sources,
    is_remote,
    replace_image_sources,
    sanitize,
    scraped_metadata,
)
from ..netease.images import mark_images
from ..netease.page import CONTAINERS, Page, is_netease_page
from ..readers.encoding import PageEncodingError, decode_page
from ..readers.page_readers import read_page
from .fetch import Fetcher, FetchError

#: The metadata that marks a file for the plugin's whole scraped treatment.
SCRAPED = ("ath_scraped", "import")
#: Page metadata written into the file, in this order.
FIELDS = (
    "title", "date", "author", "source", "source_url", "original_url",
    "original_title", "editor",
)  # fmt: skip
#: Fields that are addresses: only ``http(s)`` ones are written.
URL_FIELDS = frozenset({"source_url", "original_url"})
#: The folder, beside the articles, that holds each article's images.
IMAGES = "images"
FORMATS = {"html": ".html", "md": ".md"}

#: NetEase's article ids: ``/dy/article/GA1LTCMN051480KF.html``, ``/news/a/…``.
_ARTICLE_ID = re.compile(r"/([0-9A-Z]{16})(?:\.html?)?/?$")
#: The folder, beside the content folder, that holds the temporary files of
#: a write (renamed into place once whole): never one Pelican reads.
STAGING = ".pelican-ath-import"
#: Seconds after which a temporary file there is a killed run's.
STALE_AFTER = 600
#: A temporary file (``.<name>.<8 random>.part``) of a write.
_PART = re.compile(r"^\..+\.[a-z0-9_]{8}\.part$")
#: The name this module gives a downloaded image.
_IMAGE_NAME = re.compile(r"^[0-9a-f]{16}\.(?:jpg|png|gif|webp|avif|bmp)$")
_UNSAFE_NAME = re.compile(r"[^\w.-]+")
_DATE_LINE = re.compile(r'^(?:<meta name="date" content="([^"]+)">|Date: (.+))$', re.M)


class ImportFailure(Exception):
    """A source that cannot be imported; the message says why."""


@dataclass(frozen=True)
class Options:
    """What ``pelican-ath import`` was asked to do."""

    #: The folder the articles go to (their images go to ``output/images/``).
    output: Path
    #: ``local``: download the images; ``remote``: link to them where they are.
    images: str = "local"
    #: ``html`` or ``md``.
    format: str = "html"
    #: Download images again even when they are already there.
    force: bool = False
    #: Images downloaded at the same time.
    jobs: int = 4
    #: Where files are written before they are renamed into place (outside
    #: the content folder, on its disk); None: beside them, hidden.
    staging: Path | None = None


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


# -- recognising the article -------------------------------------------------


def is_url(source: str) -> bool:
    """Whether a command-line source is an address rather than a file.

    >>> is_url("https://www.163.com/dy/article/GA1LTCMN051480KF.html")
    True
    >>> is_url("saved/GA1LTCMN051480KF.html")
    False
    """
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source.strip()))


def article_id(*urls: str | None) -> str | None:
    """NetEase's id of the article at the first of ``urls`` that has one.

    >>> article_id(None, "https://www.163.com/dy/article/GA1LTCMN051480KF.html")
    'GA1LTCMN051480KF'
    >>> article_id("https://m.163.com/news/a/KC12OUHK000189FH.html?spss=x")
    'KC12OUHK000189FH'
    >>> article_id("https://example.org/about") is None
    True
    """
    for url in urls:
        if not url:
            continue
        try:
            path = urlsplit(url.strip()).path
        except ValueError:
            continue
        match = _ARTICLE_ID.search(path)
        if match:
            return match.group(1)
    return None


def file_stem(page: Page, source: str, page_url: str | None) -> str:
    """The name of the article's file, without extension: NetEase's id
    (from the page's own address, else the URL it came from); else a digest
    of the URL, or the saved file's name and a digest of where it is. The
    same source gets the same name on every import, two sources never one
    (two saved ``index.html`` included)."""
    found = article_id(page.original_url, page_url)
    if found:
        return found
    if page_url:
        return "article-" + _digest(page_url, 12)
    path = Path(source).resolve()
    name = _UNSAFE_NAME.sub("-", path.stem).strip(".-") or "article"
    return f"{name}-{_digest(str(path), 8)}"


def _digest(text: str, length: int) -> str:
    """The first ``length`` hex digits of ``text``'s SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:length]


def absolute(url: str, base: str | None) -> str:
    """``url`` resolved against the page's address; as it is when there is
    none, or when either is not an address.

    >>> absolute("a.png", "https://www.163.com/dy/x.html")
    'https://www.163.com/dy/a.png'
    >>> absolute("a.png", "http://[::1/x.html"), absolute("a.png", None)
    ('a.png', 'a.png')
    """
    if not base:
        return url
    try:
        return urljoin(base, url)
    except ValueError:
        return url


def why_not_an_article(data: bytes) -> str:
    """Why the reader does not take ``data`` as a NetEase article page."""
    from bs4 import BeautifulSoup

    try:
        text = decode_page(data).text
    except PageEncodingError:
        text = data.decode("utf-8", errors="replace")
    soup = BeautifulSoup(text, "lxml")
    if not is_netease_page(soup):
        return (
            "not a NetEase article page (no 163.com address in its canonical "
            "link or og:url, no NetEase page marks)"
        )
    known = ", ".join(selector for selector, _ in CONTAINERS)
    return (
        "a NetEase page, but not an article in a layout the reader knows "
        f"(none of {known} with text in it)"
    )


def read_article(data: bytes) -> Page:
    """The article in a page's bytes, read by the saved-page reader's rules."""
    try:
        page = read_page(data)
    except PageEncodingError as err:
        raise ImportFailure(str(err)) from None
    if page is None:
        raise ImportFailure(why_not_an_article(data))
    return page


# -- images --------------------------------------------------------------------

#: Image formats by their first bytes; anything else is not saved.
_MAGIC = (
    (b"\xff\xd8\xff", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
)


def image_extension(data: bytes) -> str | None:
    """The file extension for an image's bytes; None if they are not an
    image format a browser shows (SVG is refused: it can carry script).

    >>> image_extension(b"\\x89PNG\\r\\n\\x1a\\n...")
    'png'
    >>> image_extension(b"RIFF\\x00\\x00\\x00\\x00WEBPVP8 ")
    'webp'
    >>> image_extension(b"<!DOCTYPE html><html>") is None
    True
    """
    for magic, extension in _MAGIC:
        if data.startswith(magic):
            return extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:12] in (b"ftypavif", b"ftypavis"):
        return "avif"
    return None


def image_stem(url: str) -> str:
    """A downloaded image's file name without extension: a digest of its
    URL, so the same image gets the same file on every import.

    >>> image_stem("https://nimg.ws.126.net/?url=a.jpg")
    '20ade0c9f81c6fbe'
    """
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def existing_image(folder: Path, url: str) -> Path | None:
    """The file a previous import saved ``url`` in, if any."""
    stem = image_stem(url)
    if not folder.is_dir():
        return None
    for path in folder.glob(stem + ".*"):
        if _IMAGE_NAME.match(path.name):
            return path
    return None


@dataclass
class _Image:
    url: str
    path: Path | None = None
    changed: bool = False
    error: str = ""


def _download(
    fetcher: Fetcher,
    image: _Image,
    folder: Path,
    referer: str | None,
    force: bool,
    staging: Path | None,
) -> None:
    """Save one image in ``folder`` (unless it is there and not ``force``)."""
    old = existing_image(folder, image.url)
    if old is not None and not force:
        image.path = old
        return
    # A failed download leaves an earlier copy in place (with --force).
    image.path = old
    try:
        fetched = fetcher.image(image.url, referer)
    except FetchError as err:
        image.error = str(err)
        return
    extension = image_extension(fetched.data)
    if extension is None:
        image.error = (
            f"answered {fetched.type}, but is not a JPEG, PNG, GIF, WebP, AVIF "
            "or BMP image"
        )
        return
    path = folder / f"{image_stem(image.url)}.{extension}"
    folder.mkdir(parents=True, exist_ok=True)
    image.changed = write_if_changed(path, fetched.data, staging)
    if old is not None and old != path:
        old.unlink(missing_ok=True)
        image.changed = True
    image.path = path


def download_images(
    fetcher: Fetcher,
    urls: Iterable[str],
    folder: Path,
    referer: str | None,
    *,
    force: bool = False,
    jobs: int = 4,
    progress: Callable[[], None] = lambda: None,
    staging: Path | None = None,
) -> list[_Image]:
    """Every image of ``urls`` saved in ``folder``, ``jobs`` at a time."""
    images = [_Image(url) for url in dict.fromkeys(urls)]

    def one(image: _Image) -> None:
        try:
            _download(fetcher, image, folder, referer, force, staging)
        finally:
            progress()

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        list(pool.map(one, images))
    return images


def remove_stale_images(folder: Path, kept: Iterable[Path]) -> bool:
    """Remove the images a previous import saved for this article that it no
    longer has (and the folder, once empty); whether any were removed."""
    if not folder.is_dir():
        return False
    keep = {path.name for path in kept}
    stale = [
        p for p in folder.iterdir() if _IMAGE_NAME.match(p.name) and p.name not in keep
    ]
    for path in stale:
        path.unlink()
    if not any(folder.iterdir()):
        folder.rmdir()
    return bool(stale)


# -- writing -----------------------------------------------------------------------


def write_if_changed(path: Path, data: bytes, staging: Path | None = None) -> bool:
    """Write ``data`` to ``path`` atomically (a temporary file in ``staging``,
    else hidden beside it, then :func:`os.replace`) unless the file already
    holds exactly that. Whether it was written."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    folder = staging or path.parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=folder, prefix=f".{path.name}.", suffix=".part"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException as err:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(err, OSError) and err.errno == errno.EXDEV and staging:
            return write_if_changed(path, data)  # staging on another disk
        raise
    return True


def remove_stale_parts(output: Path, staging: Path | None) -> None:
    """Remove the temporary files a killed import left: every one in
    ``output`` and its images' folders (where earlier versions wrote them),
    those in ``staging`` older than :data:`STALE_AFTER`."""
    folders = [output, *output.glob(f"{IMAGES}/*/")]
    found = [p for folder in folders for p in folder.glob(".*.part")]
    if staging is not None:
        old = time.time() - STALE_AFTER
        found += [p for p in staging.glob(".*.part") if p.stat().st_mtime < old]
    for path in found:
        if _PART.match(path.name):
            path.unlink(missing_ok=True)


def file_metadata(page: Page, stem: str, date: str | None) -> dict[str, str]:
    """The metadata written into the file: the page's, by name, ``date`` when
    the page has none, and :data:`SCRAPED`, each as the HTML text Pelican
    must read back (:func:`~pelican.plugins.ath.html.sanitize.scraped_metadata`:
    text escaped for every way a theme prints it, only ``http(s)``
    addresses)."""
    values: dict[str, str] = {}
    for name in FIELDS:
        value = getattr(page, name)
        if isinstance(value, datetime.datetime):
            value = value.isoformat()
        if not value or (name in URL_FIELDS and not is_remote(value)):
            continue
        values[name] = " ".join(str(value).split())
    values.setdefault("title", stem)
    if "date" not in values and date:
        values["date"] = date
    values[SCRAPED[0]] = SCRAPED[1]
    return scraped_metadata(values)


def render_html(metadata: Mapping[str, str], body: str) -> str:
    """A Pelican HTML source file: ``<title>`` and ``<meta>`` metadata, each
    read back by Pelican as exactly the HTML text in ``metadata``
    (:func:`file_metadata`): ``<title>`` as it is (Pelican keeps its
    entities), ``content`` attributes escaped once more (Pelican unescapes
    them).

    >>> print(render_html({"title": "A&amp;B", "source": "&lt;i&gt;"}, "<p>x</p>"))
    <!DOCTYPE html>
    <html>
    <head>
    <title>A&amp;B</title>
    <meta name="source" content="&amp;lt;i&amp;gt;">
    </head>
    <body>
    <p>x</p>
    </body>
    </html>
    <BLANKLINE>
    """
    lines = ["<!DOCTYPE html>", "<html>", "<head>"]
    for name, text in metadata.items():
        if name == "title":
            lines.append(f"<title>{text}</title>")
        else:
            lines.append(f'<meta name="{name}" content="{html.escape(text)}">')
    lines += ["</head>", "<body>", body.strip(), "</body>", "</html>", ""]
    return "\n".join(lines)


def render_markdown(metadata: Mapping[str, str], body: str) -> str:
    """A Pelican Markdown source file: a ``Key: value`` header (Pelican reads
    a value as it is: the HTML text of :func:`file_metadata`), then the
    article as one HTML block, which Markdown passes through as it is.

    >>> print(render_markdown({"title": "A&lt;B", "date": "2021-05-15"}, "<p>*x*</p>"))
    Title: A&lt;B
    Date: 2021-05-15
    <BLANKLINE>
    <div>
    <p>*x*</p>
    </div>
    <BLANKLINE>
    """
    lines = [
        f"{name.capitalize() if name in {'title', 'date', 'author'} else name}: {text}"
        for name, text in metadata.items()
    ]
    return "\n".join([*lines, "", "<div>", body.strip(), "</div>", ""])


RENDERERS = {"html": render_html, "md": render_markdown}


def _written_date(path: Path) -> str | None:
    """The date an earlier import wrote into ``path`` (for pages without one)."""
    try:
        match = _DATE_LINE.search(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    if match is None:
        return None
    if match.group(1):  # a <meta content>: escaped once
        return html.unescape(match.group(1))
    return match.group(2)


# -- one source --------------------------------------------------------------


def load(source: str, fetcher: Fetcher) -> tuple[bytes, str | None]:
    """A source's bytes and the page's address (None for a saved file that
    does not give one)."""
    if is_url(source):
        try:
            fetched = fetcher.page(source.strip())
        except FetchError as err:
            raise ImportFailure(str(err)) from None
        return fetched.data, fetched.url
    path = Path(source)
    if not path.is_file():
        raise ImportFailure("neither an http(s) address nor a file")
    try:
        return path.read_bytes(), None
    except OSError as err:
        raise ImportFailure(f"cannot read it: {err.strerror}") from None


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
) -> tuple[dict[str, str], list[_Image]]:
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
    images: list[_Image] = []
    if options.images == "local":
        sources, images = _localise(
            sources, options, fetcher, progress, folder, page_url, outcome
        )
    body = mark_images(replace_image_sources(body, sources), every_remote=True)
    body = inert_links(body)  # the page's own {…} links are data; the images' stay

    date = None
    if page.date is None:
        date = (
            _written_date(path)
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


def _inside(path: Path, folder: str) -> bool:
    folder_path = Path(folder)
    return folder in {"", "."} or folder_path == path or folder_path in path.parents


def site_notes(output: Path, content: str, static_paths: Iterable[str]) -> list[str]:
    """What the user should know about where the import went, for a site
    whose content folder is ``content`` (``PATH``)."""
    content_path = Path(content).resolve()
    try:
        relative = output.resolve().relative_to(content_path)
    except ValueError:
        return [
            f"{output} is not inside the site's content folder ({content_path}, "
            "PATH): `pelican content` will not see these articles; import with "
            f"-o {content_path} (or a folder inside it)"
        ]
    images = relative / IMAGES
    static_paths = list(static_paths)
    if any(_inside(images, folder) for folder in static_paths):
        return []
    return [
        f"{images.as_posix()} is not in STATIC_PATHS ({static_paths}): Pelican "
        "still publishes every image an article links with {static}, so nothing "
        f"is missing; add {images.as_posix()!r} to STATIC_PATHS to publish the "
        "whole folder"
    ]
