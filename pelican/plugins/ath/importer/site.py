"""The Pelican site an import goes into: its content folder and
``STATIC_PATHS`` from its settings file, and what the user should know about
where the articles went."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .files import IMAGES


def site_folders(path: str) -> tuple[str, list[str]]:
    """The site's content folder (``PATH``, absolute) and ``STATIC_PATHS``,
    from its settings file, which may name a content folder that does not
    exist yet (Pelican's own ``read_settings`` refuses that)."""
    from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

    settings = get_settings_from_file(path)
    content = os.path.join(
        os.path.dirname(os.path.abspath(path)),
        settings.get("PATH") or DEFAULT_CONFIG["PATH"],
    )
    static = settings.get("STATIC_PATHS", DEFAULT_CONFIG["STATIC_PATHS"])
    return os.path.normpath(content), list(static)


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
