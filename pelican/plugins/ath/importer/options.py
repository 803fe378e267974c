"""What ``pelican-ath import`` can be asked, each option written once: a
dataclass field whose default is the option's default and whose metadata
holds its flag, parser and help (``%(default)s`` shows the default).
:func:`add_options` builds the command's argparse options from these fields
and :func:`from_arguments` reads the parsed values back, so a default or a
help text is changed in one place."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from dataclasses import Field, dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from .sizes import parse_size, size_text

#: The most requests to one host at once ``--per-host`` may ask for.
MOST_PER_HOST = 8
#: The files an import can write, with their extensions.
FORMATS = {"html": ".html", "md": ".md"}

_Table = TypeVar("_Table")


def option(
    default: Any,
    flag: str,
    help: str,
    *,
    metavar: str | None = None,
    parse: Callable[[str], Any] | None = None,
    choices: tuple[str, ...] | None = None,
    shown: Callable[[Any], str] | None = None,
) -> Any:
    """A dataclass field that is the command-line option ``flag``: ``parse``
    reads what the user typed; ``shown`` writes ``default`` as the user would
    type it (for the help and for argparse, which parses it back)."""
    metadata: dict[str, Any] = {"flag": flag, "help": help, "metavar": metavar}
    metadata |= {"parse": parse, "choices": choices, "shown": shown}
    return field(default=default, metadata=metadata)


def number(
    kind: type[int] | type[float], least: float, most: float | None = None
) -> Callable[[str], Any]:
    """An argparse type: a ``kind`` number of at least ``least`` (and at
    most ``most``)."""

    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            value = least - 1
        if value < least or (most is not None and value > most):
            wanted = f">= {least:g}" if most is None else f"from {least:g} to {most:g}"
            raise argparse.ArgumentTypeError(f"{text!r}: give a number {wanted}")
        return value

    return parse


def size(text: str) -> int:
    """An argparse type: a size in bytes (:func:`.sizes.parse_size`)."""
    try:
        return parse_size(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


@dataclass(frozen=True)
class Options:
    """What ``pelican-ath import`` was asked to do."""

    #: The folder the articles go to (their images go to ``output/images/``).
    output: Path
    images: str = option(
        "local",
        "--images",
        "local: download images into DIR/images/<id>/; remote: link to them "
        "where they are (default: %(default)s)",
        choices=("local", "remote"),
    )
    format: str = option(
        "html",
        "--format",
        "the source file written (default: %(default)s)",
        choices=tuple(FORMATS),
    )
    force: bool = option(
        False,
        "--force",
        "import again the sources already imported (they are skipped "
        "otherwise), and download their images again",
    )
    jobs: int = option(
        4,
        "--jobs",
        "images downloaded at the same time (default: %(default)s)",
        metavar="N",
        parse=number(int, 1),
    )
    #: Where files are written before they are renamed into place (outside
    #: the content folder, on its disk); None: beside them, hidden.
    staging: Path | None = None


@dataclass(frozen=True)
class Limits:
    """How long to wait, how often to try, how much to take."""

    timeout: float = option(
        20.0,
        "--timeout",
        "to connect, and between two pieces of an answer (default: %(default)g)",
        metavar="SECONDS",
        parse=number(float, 0.001),
    )
    retries: int = option(
        3,
        "--retries",
        "tries after the first on a 5xx, 408 or 429 answer, a timeout or a "
        "broken connection (default: %(default)s)",
        metavar="N",
        parse=number(int, 0),
    )
    #: Seconds before the first retry; doubled before each next one.
    backoff: float = 0.5
    deadline: float = option(
        120.0,
        "--deadline",
        "the most one page or one image may take in all, every try included "
        "(default: %(default)g)",
        metavar="SECONDS",
        parse=number(float, 0.001),
    )
    max_page_bytes: int = option(
        10 * 1024**2,
        "--max-page-size",
        "the largest page taken (default: %(default)s)",
        metavar="SIZE",
        parse=size,
        shown=size_text,
    )
    max_image_bytes: int = option(
        20 * 1024**2,
        "--max-image-size",
        "the largest image taken (default: %(default)s)",
        metavar="SIZE",
        parse=size,
        shown=size_text,
    )
    per_host: int = option(
        4,
        "--per-host",
        "requests to one host at once, pages and images together, at most "
        f"{MOST_PER_HOST} (default: %(default)s)",
        metavar="N",
        parse=number(int, 1, MOST_PER_HOST),
    )
    delay: float = option(
        0.01,
        "--delay",
        "the least time between the starts of two requests to one host "
        "(default: %(default)g)",
        metavar="SECONDS",
        parse=number(float, 0),
    )


def command_line(table: Any) -> Iterator[Field[Any]]:
    """The fields of ``table`` (:class:`Options`, :class:`Limits`) that are
    command-line options."""
    return (spec for spec in fields(table) if "flag" in spec.metadata)


def add_options(parser: argparse.ArgumentParser, table: Any) -> None:
    """An argparse option for each of ``table``'s :func:`command_line` fields."""
    for spec in command_line(table):
        meta = spec.metadata
        if spec.default is False:
            parser.add_argument(
                meta["flag"], dest=spec.name, action="store_true", help=meta["help"]
            )
            continue
        shown = meta["shown"]
        parser.add_argument(
            meta["flag"],
            dest=spec.name,
            default=shown(spec.default) if shown else spec.default,
            type=meta["parse"],
            choices=meta["choices"],
            metavar=meta["metavar"],
            help=meta["help"],
        )


def from_arguments(
    table: type[_Table], args: argparse.Namespace, **others: Any
) -> _Table:
    """``table`` made of the values ``args`` holds for its options, and
    ``others``."""
    found = {spec.name: getattr(args, spec.name) for spec in command_line(table)}
    return table(**found, **others)
