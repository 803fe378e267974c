"""HTTP for ``pelican-ath import``: one `httpx <https://www.python-httpx.org>`_
client with timeouts, a total deadline per page or image, retries with
backoff, a size limit per answer, content-type checks, a redirect limit, public
addresses only (:mod:`.addresses`) and a User-Agent that says what it is.

Every way a download can go wrong ends in :class:`FetchError`, whose message
says what happened in a user's words ("HTTP 404 Not Found", "timed out after
20 s", "answered text/html, not an image"). Answers are streamed and dropped
as soon as they pass their size limit, counted on the wire and again after
each ``Content-Encoding`` layer is undone (a gzip inside a gzip cannot grow
past it). The client is shared by the threads that import articles and
download images in parallel (httpx clients are thread-safe); every request
waits its turn for its host (:mod:`.hosts`: so many at once, a delay between
two, ``Retry-After`` honoured). Its connections are :mod:`.network`'s
(public addresses, a deadline per page or image); its answers' encodings are
undone by :mod:`.decoding`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from time import monotonic, sleep
from types import TracebackType

import httpx

from .addresses import AddressRefused
from .decoding import DecodingError, decode
from .hosts import Closed, Hosts, PoliteTransport, host_of, retry_after
from .network import DeadlinePassed, Transport, deadline
from .options import Limits
from .sizes import format_size

#: Redirects followed before giving up (a loop ends here too).
MAX_REDIRECTS = 5
#: What a page may be served as (an answer without a type is tried too).
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Statuses worth another try: the server's trouble, not the request's.
RETRY_STATUSES = frozenset({408, 429}) | frozenset(range(500, 600))
#: Statuses whose ``Retry-After`` is honoured: the host is left alone that long.
WAIT_STATUSES = frozenset({429, 503})


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
    """A failure that another try may not have; ``wait``: the seconds
    ``host`` asked to be left alone (``Retry-After``), if it did."""

    def __init__(self, message: str, host: str = "", wait: float | None = None):
        super().__init__(message)
        self.host, self.wait = host, wait


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
        limits: Limits | None = None,
        transport: httpx.BaseTransport | None = None,
        *,
        allow_private: bool = False,
    ) -> None:
        """``limits``: :class:`~.options.Limits`' defaults unless given;
        ``transport`` replaces the network (tests); ``allow_private`` lets
        the importer connect to private and loopback addresses."""
        self.limits = limits = limits or Limits()
        self.hosts = Hosts(limits.per_host, limits.delay)
        self.client = httpx.Client(
            timeout=limits.timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": user_agent(), "Accept-Encoding": "gzip, deflate"},
            transport=PoliteTransport(
                transport or Transport(allow_private), self.hosts
            ),
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
        try:
            with deadline(self.limits.deadline) as end:
                for attempt in range(tries):
                    try:
                        return self._get_once(
                            url, headers, max_bytes, types, what, untyped_ok=untyped_ok
                        )
                    except _Retry as err:
                        wait = self.limits.backoff * 2**attempt
                        if err.wait is not None:  # Retry-After
                            wait = max(wait, err.wait)
                        if attempt + 1 < tries and monotonic() + wait < end:
                            if err.wait is None:
                                sleep(wait)
                            else:  # every request to the host waits
                                self.hosts.pause(err.host, wait)
                            continue
                        times = "once" if attempt == 0 else f"{attempt + 1} times"
                        raise FetchError(
                            f"{err} (tried {times}){self._why_not_waited(err, end)}"
                        ) from None
        except DeadlinePassed:
            raise FetchError(
                f"not done within the deadline of {self.limits.deadline:g} s"
            ) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _why_not_waited(self, err: _Retry, end: float) -> str:
        """Why a ``Retry-After`` was not waited for, if it was not."""
        if err.wait is None or monotonic() + err.wait < end:
            return ""
        return (
            f"; it asked to wait {err.wait:g} s (Retry-After), past the "
            f"deadline of {self.limits.deadline:g} s"
        )

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
        except Closed:
            raise FetchError("not fetched: the import was interrupted") from None
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
    if status not in RETRY_STATUSES:
        raise FetchError(message)
    wait = None
    if status in WAIT_STATUSES:
        wait = retry_after(response.headers.get("retry-after"))
    raise _Retry(message, host_of(response.url), wait)


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
    try:
        return decode(
            b"".join(chunks), response.headers.get("content-encoding"), max_bytes
        )
    except DecodingError as err:
        raise FetchError(str(err)) from None
