"""HTTP for ``pelican-ath import``: one `httpx <https://www.python-httpx.org>`_
client with timeouts, a total deadline per page or image, retries with
backoff, a size limit per answer, content-type checks, a redirect limit, public
addresses only (:mod:`.addresses`) and a User-Agent that says what it is.

Every way a download can go wrong ends in :class:`FetchError`, whose message
says what happened in a user's words ("HTTP 404 Not Found", "timed out after
20 s", "answered text/html, not an image"). Answers are streamed and dropped
as soon as they pass their size limit, counted on the wire and again after
each ``Content-Encoding`` layer is undone (a gzip inside a gzip cannot grow
past it). The client is shared by the threads that download images in
parallel (httpx clients are thread-safe).

httpx connects through :class:`_Network`, an httpcore network backend that
resolves each host itself, refuses it unless all its addresses are public,
connects to those very addresses (the URL's host still names the server in
``Host`` and TLS's SNI, so DNS answering otherwise a moment later changes
nothing), and shortens every wait to what is left of the deadline.
"""

from __future__ import annotations

import re
import threading
import zlib
from dataclasses import dataclass
from importlib import metadata
from time import monotonic, sleep
from types import TracebackType
from typing import Any

import httpcore
import httpx

from .addresses import AddressRefused, connectable

#: Redirects followed before giving up (a loop ends here too).
MAX_REDIRECTS = 5
#: What a page may be served as (an answer without a type is tried too).
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Statuses worth another try: the server's trouble, not the request's.
RETRY_STATUSES = frozenset({408, 429}) | frozenset(range(500, 600))
#: The encodings asked for and undone, each with the zlib ``wbits`` to try.
ENCODINGS = {
    "gzip": (zlib.MAX_WBITS | 16,),
    "x-gzip": (zlib.MAX_WBITS | 16,),
    "deflate": (zlib.MAX_WBITS, -zlib.MAX_WBITS),  # zlib, else raw deflate
}
#: ``Content-Encoding`` layers undone at most (``gzip, gzip`` is two).
MAX_ENCODINGS = 2

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.I)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def user_agent() -> str:
    """``pelican-ath/<version> (…)``: who is asking, and where to read about it."""
    try:
        version = metadata.version("pelican-ath")
    except metadata.PackageNotFoundError:  # pragma: no cover - a source tree
        version = "dev"
    return (
        f"pelican-ath/{version} (article importer; "
        f"+https://pypi.org/project/pelican-ath/) httpx/{httpx.__version__}"
    )


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


def media_type(content_type: str | None) -> str:
    """The media type of a ``Content-Type`` header, lower-cased, without its
    parameters.

    >>> media_type("Text/HTML; charset=GBK")
    'text/html'
    """
    return (content_type or "").split(";", 1)[0].strip().lower()


class FetchError(Exception):
    """A download that failed; the message says why."""


class _Retry(FetchError):
    """A failure that another try may not have."""


class _DeadlinePassed(FetchError):
    """The deadline of the page or image being fetched passed."""


@dataclass(frozen=True)
class Limits:
    """How long to wait, how often to try, how much to take."""

    #: Seconds to connect, and between two pieces of an answer.
    timeout: float = 20.0
    #: Tries after the first, on a 5xx, 408, 429, timeout or broken connection.
    retries: int = 3
    #: Seconds before the first retry; doubled before each next one.
    backoff: float = 0.5
    #: Seconds one page or one image may take in all, every try included.
    deadline: float = 120.0
    max_page_bytes: int = 10 * 1024**2
    max_image_bytes: int = 20 * 1024**2


@dataclass(frozen=True)
class Fetched:
    """An answer read whole."""

    #: Where the answer came from, after redirects.
    url: str
    #: Its media type (``image/png``), ``""`` when it gave none.
    type: str
    data: bytes


class Fetcher:
    """One HTTP client for a whole import; use it as a context manager."""

    def __init__(
        self,
        limits: Limits = Limits(),
        transport: httpx.BaseTransport | None = None,
        *,
        allow_private: bool = False,
    ) -> None:
        """``transport`` replaces the network (tests); ``allow_private``
        lets the importer connect to private and loopback addresses."""
        self.limits = limits
        self.client = httpx.Client(
            timeout=limits.timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": user_agent(), "Accept-Encoding": "gzip, deflate"},
            transport=transport or _Transport(_Network(allow_private)),
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.client.close()

    def page(self, url: str) -> Fetched:
        """An HTML page (see :data:`HTML_TYPES`) of at most
        ``limits.max_page_bytes``."""
        return self.get(
            url,
            max_bytes=self.limits.max_page_bytes,
            types=HTML_TYPES,
            accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            what="an HTML page",
            untyped_ok=True,
        )

    def image(self, url: str, referer: str | None) -> Fetched:
        """An image (``image/*``) of at most ``limits.max_image_bytes``,
        asked for with ``referer`` as a browser showing the page would."""
        return self.get(
            url,
            max_bytes=self.limits.max_image_bytes,
            types=("image/",),
            accept="image/avif,image/webp,image/png,image/*;q=0.8,*/*;q=0.5",
            what="an image",
            referer=referer,
        )

    def get(
        self,
        url: str,
        *,
        max_bytes: int,
        types: tuple[str, ...],
        accept: str,
        what: str,
        referer: str | None = None,
        untyped_ok: bool = False,
    ) -> Fetched:
        """``url`` read whole, tried again with backoff while it fails in a
        way that may pass; :class:`FetchError` when it cannot be had."""
        headers = {"Accept": accept}
        if referer:
            headers["Referer"] = referer
        tries = self.limits.retries + 1
        deadline = self.limits.deadline
        _deadline.at = monotonic() + deadline
        try:
            for attempt in range(tries):
                try:
                    return self._get_once(
                        url, headers, max_bytes, types, what, untyped_ok=untyped_ok
                    )
                except _Retry as err:
                    wait = self.limits.backoff * 2**attempt
                    if attempt + 1 < tries and monotonic() + wait < _deadline.at:
                        sleep(wait)
                        continue
                    times = "once" if attempt == 0 else f"{attempt + 1} times"
                    raise FetchError(f"{err} (tried {times})") from None
        except _DeadlinePassed:
            raise FetchError(
                f"not done within the deadline of {deadline:g} s"
            ) from None
        finally:
            _deadline.at = None
        raise AssertionError("unreachable")  # pragma: no cover

    def _get_once(
        self,
        url: str,
        headers: dict[str, str],
        max_bytes: int,
        types: tuple[str, ...],
        what: str,
        *,
        untyped_ok: bool,
    ) -> Fetched:
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                _check_status(response)
                found = media_type(response.headers.get("content-type"))
                if not (found.startswith(types) or (untyped_ok and not found)):
                    raise FetchError(
                        f"answered {found or 'with no content type'}, not {what}"
                    )
                data = _read_limited(response, max_bytes)
                return Fetched(url=str(response.url), type=found, data=data)
        except AddressRefused as err:
            raise FetchError(str(err)) from None
        except httpx.TooManyRedirects:
            raise FetchError(
                f"too many redirects (more than {MAX_REDIRECTS}; a redirect loop?)"
            ) from None
        except httpx.TimeoutException:
            raise _Retry(f"timed out after {self.limits.timeout:g} s") from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as err:
            raise FetchError(f"not an http(s) address: {err}") from None
        except UnicodeError as err:  # httpx decoding a bad A-label (``xn--``)
            raise FetchError(f"not an http(s) address: {err}") from None
        except httpx.TransportError as err:
            reason = str(err) or type(err).__name__
            raise _Retry(f"connection failed: {reason}") from None
        except httpx.HTTPError as err:  # an answer that cannot be decoded…
            raise FetchError(str(err) or type(err).__name__) from None


def _check_status(response: httpx.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    message = f"HTTP {status} {response.reason_phrase}".rstrip()
    raise (_Retry if status in RETRY_STATUSES else FetchError)(message)


def _read_limited(response: httpx.Response, max_bytes: int) -> bytes:
    """The body, read no further than ``max_bytes`` on the wire, then each
    ``Content-Encoding`` layer undone no further than ``max_bytes``."""
    too_big = f"larger than the limit of {format_size(max_bytes)}"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{format_size(int(declared))}, {too_big}")
    chunks, size = [], 0
    for chunk in response.iter_raw():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(too_big)
        chunks.append(chunk)
    return decode(b"".join(chunks), response.headers.get("content-encoding"), max_bytes)


def decode(data: bytes, encoding: str | None, max_bytes: int) -> bytes:
    """``data`` with the layers of a ``Content-Encoding`` header undone, last
    first, none of them larger than ``max_bytes``.

    >>> decode(zlib.compress(b"a" * 100), "deflate", 100)
    b'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
    >>> decode(zlib.compress(b"a" * 101), "identity, deflate", 100)
    Traceback (most recent call last):
    pelican.plugins.ath.importer.fetch.FetchError: larger than the limit of 100 bytes once its deflate encoding is undone
    >>> decode(b"x", "br", 100)
    Traceback (most recent call last):
    pelican.plugins.ath.importer.fetch.FetchError: sent in the br encoding, which was not asked for
    """
    layers = [
        name
        for name in (part.strip().lower() for part in (encoding or "").split(","))
        if name and name != "identity"
    ]
    if len(layers) > MAX_ENCODINGS:
        raise FetchError(
            f"encoded {len(layers)} times over ({encoding}); at most "
            f"{MAX_ENCODINGS} layers are undone"
        )
    for name in reversed(layers):
        if name not in ENCODINGS:
            raise FetchError(f"sent in the {name} encoding, which was not asked for")
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
            raise FetchError(
                f"larger than the limit of {format_size(max_bytes)} once its "
                f"{name} encoding is undone"
            )
        return found
    raise FetchError(f"its {name} encoding cannot be undone (a broken answer)")


# -- connections -------------------------------------------------------------------

#: When the page or image this thread is fetching must be done
#: (:func:`time.monotonic`), or None.
_deadline = threading.local()


def _wait(timeout: float | None) -> float | None:
    """``timeout`` shortened to what is left of this thread's deadline."""
    end = getattr(_deadline, "at", None)
    if end is None:
        return timeout
    left = end - monotonic()
    if left <= 0:
        raise _DeadlinePassed()
    return left if timeout is None else min(timeout, left)


def _within_deadline(step: Any, timeout: float | None, *arguments: Any) -> Any:
    """``step(*arguments, wait)``; a time-out that came of the deadline
    rather than of ``timeout`` is :class:`_DeadlinePassed`."""
    wait = _wait(timeout)
    try:
        return step(*arguments, wait)
    except httpcore.TimeoutException:
        if wait != timeout:
            raise _DeadlinePassed() from None
        raise


class _Stream(httpcore.NetworkStream):
    """An httpcore stream whose every wait ends by the deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return _within_deadline(self._stream.read, timeout, max_bytes)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        _within_deadline(self._stream.write, timeout, buffer)

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        stream = _within_deadline(
            self._stream.start_tls, timeout, ssl_context, server_hostname
        )
        return _Stream(stream)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _Network(httpcore.NetworkBackend):
    """httpcore's own sockets, to checked addresses only
    (:func:`.addresses.connectable`), waiting no longer than the deadline."""

    def __init__(self, allow_private: bool) -> None:
        self._sockets = httpcore.SyncBackend()
        self._allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = connectable(host, port, allow_private=self._allow_private)
        except OSError as err:  # the name cannot be resolved
            raise httpcore.ConnectError(str(err)) from None
        failure: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in addresses:
            try:
                stream = _within_deadline(
                    self._sockets.connect_tcp, timeout, address, port
                )
                return _Stream(stream)
            except httpcore.ConnectError as err:
                failure = err
        raise failure

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:  # pragma: no cover - never asked for
        raise httpcore.ConnectError("no Unix sockets")

    def sleep(self, seconds: float) -> None:  # pragma: no cover - httpcore retries
        sleep(seconds)


class _Transport(httpx.HTTPTransport):
    """httpx's own transport, connecting through ``network``."""

    def __init__(self, network: httpcore.NetworkBackend) -> None:
        super().__init__()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), network_backend=network
        )
