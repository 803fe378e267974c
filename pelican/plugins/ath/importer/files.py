"""Where the import writes, and how: each file written whole or not at all
(a temporary ``.part`` file renamed into place, in a staging folder outside
the content folder), only when its bytes change; the temporary files a killed
run left removed by the next."""

from __future__ import annotations

import errno
import os
import re
import tempfile
import time
from pathlib import Path

#: The folder, beside the articles, that holds each article's images.
IMAGES = "images"
#: The folder, beside the content folder, that holds the temporary files of
#: a write (renamed into place once whole): never one Pelican reads.
STAGING = ".pelican-ath-import"
#: Seconds after which a temporary file there is a killed run's.
STALE_AFTER = 600
#: A temporary file (``.<name>.<8 random>.part``) of a write.
_PART = re.compile(r"^\..+\.[a-z0-9_]{8}\.part$")


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
