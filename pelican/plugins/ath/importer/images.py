"""An article's images: downloaded ``jobs`` at a time, each saved under a
digest of its URL with the extension its bytes show (anything that is not a
JPEG, PNG, GIF, WebP, AVIF or BMP image is refused), and those an article no
longer shows removed."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .fetch import Fetcher, FetchError
from .files import write_if_changed
from .names import digest

#: Image formats by their first bytes; anything else is not saved.
_MAGIC = (
    (b"\xff\xd8\xff", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
)
#: The name this module gives a downloaded image.
_IMAGE_NAME = re.compile(r"^[0-9a-f]{16}\.(?:jpg|png|gif|webp|avif|bmp)$")


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
    URL, so the same image gets the same file on every import."""
    return digest(url, 16)


def existing_image(folder: Path, url: str) -> Path | None:
    """The file a previous import saved ``url`` in, if any."""
    if not folder.is_dir():
        return None
    for path in folder.glob(image_stem(url) + ".*"):
        if _IMAGE_NAME.match(path.name):
            return path
    return None


@dataclass
class Image:
    """One image of an article, once its download was tried."""

    url: str
    #: Where it is saved (a failed download keeps an earlier copy).
    path: Path | None = None
    changed: bool = False
    error: str = ""


def _download(
    fetcher: Fetcher,
    image: Image,
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
) -> list[Image]:
    """Every image of ``urls`` saved in ``folder``, ``jobs`` at a time."""
    images = [Image(url) for url in dict.fromkeys(urls)]

    def one(image: Image) -> None:
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
