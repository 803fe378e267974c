"""An answer's ``Content-Encoding`` layers undone (gzip, deflate), last
first, none of them allowed to grow past the answer's size limit: a gzip
inside a gzip cannot."""

from __future__ import annotations

import zlib

from .sizes import format_size

#: The encodings asked for and undone, each with the zlib ``wbits`` to try.
ENCODINGS = {
    "gzip": (zlib.MAX_WBITS | 16,),
    "x-gzip": (zlib.MAX_WBITS | 16,),
    "deflate": (zlib.MAX_WBITS, -zlib.MAX_WBITS),  # zlib, else raw deflate
}
#: ``Content-Encoding`` layers undone at most (``gzip, gzip`` is two).
MAX_ENCODINGS = 2


class DecodingError(Exception):
    """An encoding that cannot be undone within the limit; the message says why."""


def decode(data: bytes, encoding: str | None, max_bytes: int) -> bytes:
    """``data`` with the layers of a ``Content-Encoding`` header undone, last
    first, none of them larger than ``max_bytes``.

    >>> decode(zlib.compress(b"a" * 100), "deflate", 100)
    b'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
    >>> decode(zlib.compress(b"a" * 101), "identity, deflate", 100)
    Traceback (most recent call last):
    pelican.plugins.ath.importer.decoding.DecodingError: larger than the limit of 100 bytes once its deflate encoding is undone
    >>> decode(b"x", "br", 100)
    Traceback (most recent call last):
    pelican.plugins.ath.importer.decoding.DecodingError: sent in the br encoding, which was not asked for
    """
    layers = [
        name
        for name in (part.strip().lower() for part in (encoding or "").split(","))
        if name and name != "identity"
    ]
    if len(layers) > MAX_ENCODINGS:
        raise DecodingError(
            f"encoded {len(layers)} times over ({encoding}); at most "
            f"{MAX_ENCODINGS} layers are undone"
        )
    for name in reversed(layers):
        if name not in ENCODINGS:
            raise DecodingError(f"sent in the {name} encoding, which was not asked for")
        data = _inflate(data, name, max_bytes)
    return data


def _inflate(data: bytes, name: str, max_bytes: int) -> bytes:
    """One layer undone: at most ``max_bytes + 1`` bytes are ever made."""
    for wbits in ENCODINGS[name]:
        inflater = zlib.decompressobj(wbits)
        try:
            found = inflater.decompress(data, max_bytes + 1)
            if not inflater.unconsumed_tail:  # (flush() would undo all that is left)
                found += inflater.flush()
        except zlib.error:
            continue
        if len(found) > max_bytes:
            raise DecodingError(
                f"larger than the limit of {format_size(max_bytes)} once its "
                f"{name} encoding is undone"
            )
        return found
    raise DecodingError(f"its {name} encoding cannot be undone (a broken answer)")
