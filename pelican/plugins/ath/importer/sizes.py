"""Sizes in bytes: as a user writes them on the command line (``10M``) and
as a message shows them (``10 MB``)."""

from __future__ import annotations

import re

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.I)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(text: str) -> int:
    """A size in bytes from ``10M``, ``500K``, ``2MB``, ``1048576``.

    >>> parse_size("10M"), parse_size("500k"), parse_size("2MiB"), parse_size("123")
    (10485760, 512000, 2097152, 123)
    >>> parse_size("ten")
    Traceback (most recent call last):
    ValueError: 'ten' is not a size (examples: 500K, 10M, 1048576)
    """
    match = _SIZE.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a size (examples: 500K, 10M, 1048576)")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def format_size(size: int) -> str:
    """``size`` bytes for a person.

    >>> format_size(999), format_size(10 * 1024**2), format_size(1536)
    ('999 bytes', '10 MB', '1.5 KB')
    """
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def size_text(size: int) -> str:
    """``size`` bytes as :func:`parse_size` reads them, in the largest unit
    they are a whole number of.

    >>> size_text(10 * 1024**2), size_text(500 * 1024), size_text(1536)
    ('10M', '500K', '1536')
    >>> all(parse_size(size_text(n)) == n for n in (0, 1, 1024, 3 * 1024**3))
    True
    """
    for unit in "GMK":
        factor = _UNITS[unit.lower()]
        if size and size % factor == 0:
            return f"{size // factor}{unit}"
    return str(size)
