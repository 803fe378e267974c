"""Which hosts ``pelican-ath import`` may connect to.

A page or an image may name any host: the importer would then request, from
the user's machine, an intranet service or ``http://127.0.0.1/admin``. By
default only public addresses are connected to: the host is resolved and
refused when any of its addresses is loopback, private, link-local,
multicast, reserved or unspecified (IPv4 and IPv6, and IPv4 inside IPv6:
mapped, 6to4, Teredo, NAT64). The check is made where the connection is
opened, on the addresses then connected to, for every redirect and image.
"""

from __future__ import annotations

import ipaddress
import socket

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

#: NAT64's well-known prefix: its last 32 bits are an IPv4 address.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class AddressRefused(Exception):
    """A host the importer may not connect to; the message says why."""


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries, if any.

    >>> embedded_ipv4(ipaddress.IPv6Address("::ffff:127.0.0.1"))
    IPv4Address('127.0.0.1')
    >>> embedded_ipv4(ipaddress.IPv6Address("64:ff9b::a00:1"))
    IPv4Address('10.0.0.1')
    >>> embedded_ipv4(ipaddress.IPv6Address("2606:4700::1")) is None
    True
    """
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def kind(address: Address) -> str | None:
    """What makes ``address`` not public (``"loopback"``, ``"private"``…);
    None for a public address.

    >>> [kind(ipaddress.ip_address(a)) for a in ("93.184.215.14", "2606:4700::1")]
    [None, None]
    >>> [kind(ipaddress.ip_address(a)) for a in ("127.0.0.2", "10.1.2.3", "::1")]
    ['loopback', 'private', 'loopback']
    >>> [kind(ipaddress.ip_address(a)) for a in ("169.254.169.254", "224.0.0.1")]
    ['link-local', 'multicast']
    >>> [kind(ipaddress.ip_address(a)) for a in ("0.0.0.0", "240.0.0.1", "100.64.0.1")]
    ['unspecified', 'reserved', 'not public']
    >>> kind(ipaddress.ip_address("::ffff:192.168.0.1"))
    'private'
    """
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None and kind(inner) is not None:
            return kind(inner)
    for name in ("unspecified", "loopback", "link_local", "multicast", "reserved"):
        if getattr(address, f"is_{name}"):
            return name.replace("_", "-")
    if address.is_private:
        return "private"
    return None if address.is_global else "not public"


def connectable(host: str, port: int, *, allow_private: bool) -> list[str]:
    """The addresses of ``host`` to connect to, in the resolver's order.

    :class:`AddressRefused` when one of them is not public (unless
    ``allow_private``) or ``host`` is not a host name; :class:`OSError`
    (``socket.gaierror``) when it cannot be resolved.

    >>> connectable("127.0.0.1", 80, allow_private=True)
    ['127.0.0.1']
    >>> connectable("127.0.0.1", 80, allow_private=False)
    Traceback (most recent call last):
    pelican.plugins.ath.importer.addresses.AddressRefused: 127.0.0.1 is a loopback address: refused (import from private addresses with --allow-private)
    """
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except UnicodeError as err:  # an empty or too long label
        raise AddressRefused(f"not an http(s) address: {err}") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    if allow_private:
        return addresses
    for text in addresses:
        why = kind(ipaddress.ip_address(text))
        if why is not None:
            shown = host if host == text else f"{host} ({text})"
            raise AddressRefused(
                f"{shown} is a{'n' * (why[0] in 'aeiou')} {why} address: refused "
                "(import from private addresses with --allow-private)"
            )
    return addresses
