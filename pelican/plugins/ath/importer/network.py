"""The connections of ``pelican-ath import``: an httpcore network backend
that resolves each host itself, refuses it unless all its addresses are
public (:mod:`.addresses`), connects to those very addresses (the URL's host
still names the server in ``Host`` and TLS's SNI, so DNS answering otherwise
a moment later changes nothing), and shortens every wait to what is left of
the thread's :func:`deadline`."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from time import monotonic, sleep
from typing import Any, TypeVar

import httpcore
import httpx

from .addresses import connectable

#: When the page or image this thread is fetching must be done
#: (:func:`time.monotonic`), or None.
_deadline = threading.local()

_T = TypeVar("_T")


class DeadlinePassed(Exception):
    """The deadline of the page or image being fetched passed."""


@contextmanager
def deadline(seconds: float) -> Iterator[float]:
    """Every connection, read and write of this thread done within
    ``seconds`` (else :class:`DeadlinePassed`); yields when that is
    (:func:`time.monotonic`)."""
    _deadline.at = monotonic() + seconds
    try:
        yield _deadline.at
    finally:
        _deadline.at = None


def wait_left(timeout: float | None) -> float | None:
    """``timeout`` shortened to what is left of this thread's deadline."""
    end: float | None = getattr(_deadline, "at", None)
    if end is None:
        return timeout
    left = end - monotonic()
    if left <= 0:
        raise DeadlinePassed()
    return left if timeout is None else min(timeout, left)


def _within_deadline(
    step: Callable[..., _T], timeout: float | None, *arguments: object
) -> _T:
    """``step(*arguments, wait)``; a time-out that came of the deadline
    rather than of ``timeout`` is :class:`DeadlinePassed`."""
    wait = wait_left(timeout)
    try:
        return step(*arguments, wait)
    except httpcore.TimeoutException:
        if wait != timeout:
            raise DeadlinePassed() from None
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
        ssl_context: ssl.SSLContext,
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
        socket_options: Iterable[object] | None = None,
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
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[object] | None = None,
    ) -> httpcore.NetworkStream:  # pragma: no cover - never asked for
        raise httpcore.ConnectError("no Unix sockets")

    def sleep(self, seconds: float) -> None:  # pragma: no cover - httpcore retries
        sleep(seconds)


class Transport(httpx.HTTPTransport):
    """httpx's own transport, connecting through :class:`_Network`
    (``allow_private``: to private and loopback addresses too)."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=_Network(allow_private),
        )
