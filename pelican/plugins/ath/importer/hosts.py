"""Politeness for ``pelican-ath import``: at most ``per_host`` requests to
one host at once, at least ``delay`` seconds between the starts of two of
them, and none before the time a host asked to be left alone until
(``Retry-After``). Every wait ends by the thread's deadline
(:func:`.network.deadline`).

:class:`PoliteTransport` puts every request of the client through
:class:`Hosts`, each hop of a redirect included; a request holds its host's
slot until its answer is closed, by which time its connection is back in the
pool for the next request to use: never more connections to a host are open
than requests to it were at once."""

from __future__ import annotations

import datetime
import email.utils
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from time import monotonic

import httpx

from .network import wait_left

#: The port of each scheme, when an address gives none.
_PORTS = {"http": 80, "https": 443}


def host_of(url: httpx.URL) -> str:
    """The host a request goes to, as :class:`Hosts` counts it.

    >>> host_of(httpx.URL("https://WWW.163.com/dy/article/X.html"))
    'https://www.163.com:443'
    """
    port = url.port or _PORTS.get(url.scheme, 0)
    return f"{url.scheme}://{url.host}:{port}"


def retry_after(
    value: str | None, now: datetime.datetime | None = None
) -> float | None:
    """The seconds a ``Retry-After`` header asks to wait (a number of
    seconds or an HTTP date); None when there is none to read.

    >>> retry_after("120")
    120.0
    >>> now = datetime.datetime(2015, 10, 21, 7, 28, tzinfo=datetime.UTC)
    >>> retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now)
    30.0
    >>> retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now), retry_after("soon")
    (0.0, None)
    """
    text = (value or "").strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    now = now or datetime.datetime.now(datetime.UTC)
    return max(0.0, (when - now).total_seconds())


class Closed(Exception):
    """The import is being stopped: no more requests."""


@dataclass
class _Host:
    #: Requests to it under way.
    busy: int = 0
    #: No request to it starts before this (:func:`time.monotonic`).
    next_start: float = 0.0


class Hosts:
    """The requests under way to each host, and when the next may start."""

    def __init__(self, per_host: int, delay: float) -> None:
        self.per_host = per_host
        self.delay = delay
        self._hosts: dict[str, _Host] = {}
        self._changed = threading.Condition()
        self._closed = False

    def acquire(self, host: str) -> None:
        """Wait for a slot of ``host`` and its next start; :class:`Closed`
        once :meth:`close` was called, :class:`~.network.DeadlinePassed`
        when the thread's deadline comes first."""
        with self._changed:
            state = self._hosts.setdefault(host, _Host())
            while True:
                if self._closed:
                    raise Closed()
                now = monotonic()
                if state.busy < self.per_host and now >= state.next_start:
                    state.busy += 1
                    state.next_start = now + self.delay
                    return
                free = state.busy < self.per_host
                self._changed.wait(wait_left(state.next_start - now if free else None))

    def release(self, host: str) -> None:
        """A request to ``host`` is over."""
        with self._changed:
            self._hosts[host].busy -= 1
            self._changed.notify_all()

    def pause(self, host: str, seconds: float) -> None:
        """No request to ``host`` starts for ``seconds`` (it said
        ``Retry-After``)."""
        with self._changed:
            state = self._hosts.setdefault(host, _Host())
            state.next_start = max(state.next_start, monotonic() + seconds)

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed

    def close(self) -> None:
        """Let no request start any more (the import is interrupted)."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()


class _Released(httpx.SyncByteStream):
    """An answer's stream that gives its host's slot back once closed."""

    def __init__(self, stream: httpx.SyncByteStream, hosts: Hosts, host: str) -> None:
        self._stream, self._hosts, self._host = stream, hosts, host
        self._open = True

    def __iter__(self) -> Iterator[bytes]:
        yield from self._stream

    def close(self) -> None:
        try:
            self._stream.close()
        finally:
            if self._open:
                self._open = False
                self._hosts.release(self._host)


class PoliteTransport(httpx.BaseTransport):
    """``transport``, each request waiting for its host in ``hosts``."""

    def __init__(self, transport: httpx.BaseTransport, hosts: Hosts) -> None:
        self._transport = transport
        self.hosts = hosts

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """The answer, once ``request``'s host had a slot for it."""
        host = host_of(request.url)
        self.hosts.acquire(host)
        try:
            response = self._transport.handle_request(request)
        except BaseException:
            self.hosts.release(host)
            raise
        assert isinstance(response.stream, httpx.SyncByteStream)
        response.stream = _Released(response.stream, self.hosts, host)
        return response

    def close(self) -> None:
        """Close the transport's connections."""
        self._transport.close()
