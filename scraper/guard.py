"""No requests to internal addresses unless the user asked for them.

The daemon fetches URLs that strangers choose: feed and sitemap entries and
redirects come from other people's pages. A URL that leads to the machine's own
network (loopback, private ranges, link-local addresses such as the cloud
metadata service at 169.254.169.254, unique-local IPv6, multicast) is refused
unless it is on the host of the source the user configured, or that source says
``allow_private = true``.

The check is made twice: before a request, on the host's addresses (so a pooled
connection is not reused for a URL that may not go there), and when a connection
is opened, on the very address connected to, which is the one checked (so a name
that resolves elsewhere the second time, DNS rebinding, cannot slip past).
"""

from __future__ import annotations

import asyncio
import contextvars
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

# (host, port) -> the addresses the host resolves to, as text.
Resolver = Callable[[str, int], Awaitable[list[str]]]


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    )
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_internal(address: str) -> bool:
    """Loopback, private, link-local, unique-local, multicast, reserved or unspecified."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


@dataclass(frozen=True)
class Scope:
    """Where one fetch may go: anywhere public, and to internal addresses only on the
    configured source's own host (or anywhere, with ``allow_private``)."""

    host: str | None  # the configured source's host; None: nothing configured is trusted
    allow_private: bool = False

    def allows(self, host: str) -> bool:
        return self.allow_private or (self.host is not None and host.lower() == self.host.lower())


class Refused(Exception):
    """A URL whose host is internal, refused before any connection."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(
            f"refused: {host} is an internal address ({address}); a link found on a page may "
            "not lead into this network (allow_private = true on the source allows it)"
        )
        self.host, self.address = host, address


_SCOPE: contextvars.ContextVar[Scope | None] = contextvars.ContextVar(
    "rumour_fetch_scope", default=None
)


def set_scope(scope: Scope | None) -> contextvars.Token[Scope | None]:
    """The scope of the fetches this task makes from now on (None: no checks)."""
    return _SCOPE.set(scope)


def reset_scope(token: contextvars.Token[Scope | None]) -> None:
    _SCOPE.reset(token)


async def vet(host: str, port: int, resolver: Resolver) -> list[str]:
    """The host's addresses, refused (``Refused``) where the current scope does not allow an
    internal one. A literal address is its own only address."""
    try:
        addresses = [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        addresses = await resolver(host, port)
    scope = _SCOPE.get()
    if scope is not None and not scope.allows(host):
        for address in addresses:
            if is_internal(address):
                raise Refused(host, address)
    return addresses


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, connecting only to addresses the current scope allows:
    the host is resolved and checked here, and the connection made to the checked address
    (TLS still names the host)."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend, resolver: Resolver) -> None:
        self.inner, self.resolver = inner, resolver

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            addresses = await vet(host, port, self.resolver)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve {host}")
        return await self.inner.connect_tcp(
            addresses[0], port, timeout=timeout, local_address=local_address,
            socket_options=socket_options,
        )  # fmt: skip

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def guarded_transport(
    resolver: Resolver = system_resolver, inner: httpcore.AsyncNetworkBackend | None = None
) -> httpx.AsyncHTTPTransport:
    """httpx's own transport, its connections opened through ``GuardedBackend``."""
    transport = httpx.AsyncHTTPTransport()
    pool = transport._pool
    backend = inner if inner is not None else pool._network_backend
    pool._network_backend = GuardedBackend(backend, resolver)
    return transport
