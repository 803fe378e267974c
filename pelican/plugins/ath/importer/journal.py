"""What earlier imports did, so that a list imported again (or after an
interruption) picks up where it stopped: the file each address was imported
into, one JSON line appended as soon as the article is written whole with
all its images, in the staging folder (``.pelican-ath-import/imported.jsonl``,
beside the content folder). An address whose article file is still there,
from the same address, into the same folder and format, with images as
asked, is not fetched again (unless ``--force``)."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from .files import write_if_changed

#: The journal's file, in the staging folder.
JOURNAL = "imported.jsonl"


@dataclass(frozen=True)
class Entry:
    """One address's article file, and how its images were taken."""

    file: Path
    images: str


class Journal:
    """The journal in ``folder`` (paths in it relative to the folder's
    parent, the site's: it moves with the site); None: no journal."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / JOURNAL if folder is not None else None
        self._root = folder.resolve().parent if folder is not None else Path()
        #: By address and the folder of its file.
        self._entries: dict[tuple[str, Path], Entry] = {}
        self._lock = threading.Lock()
        if self.path is not None:
            self._entries = self._read(self.path)

    def _read(self, path: Path) -> dict[tuple[str, Path], Entry]:
        """The last entry of each address into each folder; a line a killed
        run cut short, or anything else that is not an entry, is passed
        over."""
        entries: dict[tuple[str, Path], Entry] = {}
        try:
            lines = path.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return entries
        for line in lines:
            with contextlib.suppress(ValueError, KeyError, TypeError):
                item = json.loads(line)
                file = Path(os.path.normpath(self._root / item["file"]))
                entry = Entry(file, str(item["images"]))
                entries[str(item["source"]), file.parent] = entry
        return entries

    def imported(
        self, source: str, folder: Path, extension: str, images: str
    ) -> Path | None:
        """The article file ``source`` was imported into, if it is still
        there, in ``folder``, with ``extension``, its images taken as
        ``images`` asks (``local``, ``remote``)."""
        entry = self._entries.get((source, folder.resolve()))
        if (
            entry is None
            or entry.images != images
            or entry.file.suffix != extension
            or not entry.file.is_file()
        ):
            return None
        return folder / entry.file.name

    def record(self, source: str, file: Path, images: str) -> None:
        """``source`` is imported into ``file``: one line appended at once."""
        if self.path is None:
            return
        entry = Entry(file.resolve(), images)
        line = self._line(source, entry)
        with self._lock:
            self._entries[source, entry.file.parent] = entry
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as stream:
                stream.write(line)

    def _line(self, source: str, entry: Entry) -> str:
        file = os.path.relpath(entry.file, self._root)
        item = {"source": source, "file": Path(file).as_posix(), "images": entry.images}
        return json.dumps(item, ensure_ascii=False) + "\n"

    def compact(self) -> None:
        """Rewrite the journal with one line per address, whole or not at
        all (the appended lines of many runs otherwise pile up)."""
        if self.path is None or not self.path.exists():
            return
        with self._lock:
            entries = sorted(self._entries.items(), key=lambda item: item[0])
            text = "".join(self._line(key[0], entry) for key, entry in entries)
        write_if_changed(self.path, text.encode("utf-8"), self.path.parent)
