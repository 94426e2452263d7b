"""Polite, robust fetching: one ``Fetcher`` per cycle, async httpx underneath.

- Concurrency: a global limit, a per-host limit, and a minimum delay between
  two requests to one host.
- Retries with exponential backoff and jitter on connection errors and 5xx;
  429 and 503 wait for ``Retry-After`` (up to a cap, beyond which the fetch
  fails and reports when to come back). A timeout is not retried within the
  cycle: a page that never answers costs one timeout, and the source's own
  back-off spaces the next tries.
- Conditional GET: the caller passes the ETag and Last-Modified it kept; a
  304 comes back as ``not_modified`` with no body.
- robots.txt is fetched once per host and obeyed for the configured
  User-Agent (RFC 9309: a 4xx robots.txt allows everything, a 5xx one allows
  nothing). A host that cannot be reached for its robots.txt is reported as
  unreachable, with the reason, and not asked again in the cycle.
- Bodies are streamed with a cap on the bytes received and on the bytes
  after decompression (a gzip bomb stops at the cap); redirects are followed
  by hand, at most ``max_redirects``, and only to http(s).

Every failure is a ``FetchError`` whose message names the URL and the reason.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
from protego import Protego

from scraper.errors import FetchError
from scraper.guard import (
    Refused,
    Resolver,
    Scope,
    guarded_transport,
    reset_scope,
    set_scope,
    system_resolver,
    vet,
)

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
ACCEPTED_TYPES = ("text/", "application/xhtml", "application/xml", "application/rss",
                  "application/atom", "application/rdf", "application/json",
                  "application/ld+json")  # fmt: skip


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str
    timeout: float = 20.0
    max_bytes: int = MAX_BYTES
    max_redirects: int = 5
    concurrency: int = 8
    per_host: int = 2
    host_delay: float = 1.0
    retries: int = 3
    backoff: float = 1.0
    max_retry_after: float = 120.0
    robots: bool = True


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    status: int
    body: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None
    attempts: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Host:
    slots: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last: float = float("-inf")
    robots: Protego | None = None
    robots_error: FetchError | None = None  # why the host's pages are not fetched this cycle
    robots_loaded: bool = False


class Fetcher:
    """Fetches URLs within the policy's limits; use as ``async with Fetcher(policy) as f``."""

    def __init__(
        self,
        policy: FetchPolicy,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        jitter: Callable[[], float] = random.random,
        resolver: Resolver = system_resolver,
    ) -> None:
        self.policy = policy
        self._transport = transport
        self._resolver = resolver
        self._sleep = sleep
        self._clock = clock
        self._jitter = jitter
        self._slots = asyncio.Semaphore(policy.concurrency)
        self._hosts: dict[str, _Host] = {}
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Fetcher:
        self._client = httpx.AsyncClient(
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=self.policy.timeout,
            follow_redirects=False,
            transport=self._transport or guarded_transport(self._resolver),
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._hosts:
            self._hosts[origin] = _Host(asyncio.Semaphore(self.policy.per_host))
        return self._hosts[origin]

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        scope: Scope | None = None,
    ) -> Fetched:
        """GET ``url``, following redirects; conditional when ``etag``/``last_modified`` given.

        With a ``scope`` (scraper/guard.py), a hop to an internal address it does not allow
        is refused before any connection (``kind="refused"``, never retried)."""
        token = set_scope(scope)
        try:
            return await self._fetch(url, etag, last_modified, scope)
        except Refused as exc:
            raise FetchError(f"{url}: {exc}", kind="refused") from exc
        finally:
            reset_scope(token)

    async def _fetch(
        self, url: str, etag: str | None, last_modified: str | None, scope: Scope | None
    ) -> Fetched:
        current = url
        conditional: dict[str, str] = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        for _ in range(self.policy.max_redirects + 1):
            scheme = urlsplit(current).scheme
            if scheme not in ("http", "https"):
                raise FetchError(f"{url}: redirected to a non-http(s) URL {current}", kind="scheme")
            if scope is not None:
                await self._vet(url, current)
            await self._check_robots(url, current)
            result, location = await self._with_retries(url, current, conditional)
            if location is None:
                assert result is not None
                return result
            current = location
            conditional = {}
        raise FetchError(
            f"{url}: more than {self.policy.max_redirects} redirects", kind="redirects"
        )

    async def _vet(self, url: str, current: str) -> None:
        """Refuse, before any request, a hop the scope does not allow (a pooled connection
        would not be checked again)."""
        parts = urlsplit(current)
        host = parts.hostname or ""
        try:
            await vet(host, parts.port or (443 if parts.scheme == "https" else 80), self._resolver)
        except OSError as exc:
            raise FetchError(f"{url}: host unreachable (cannot resolve {host}: {exc})",
                             kind="network") from exc  # fmt: skip

    async def _check_robots(self, url: str, current: str) -> None:
        if not self.policy.robots:
            return
        host = self._host(current)
        async with host.lock:
            if not host.robots_loaded:
                await self._load_robots(current, host)
        if host.robots_error is not None:
            failure = host.robots_error
            raise FetchError(f"{url}: {failure}; not fetched", kind=failure.kind,
                             status=failure.status)  # fmt: skip
        if host.robots is not None and not host.robots.can_fetch(current, self.policy.user_agent):
            raise FetchError(f"{url}: disallowed by robots.txt for our User-Agent", kind="robots")

    async def _load_robots(self, current: str, host: _Host) -> None:
        parts = urlsplit(current)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        host.robots_loaded = True
        try:
            response = await self._request(robots_url, {}, host, locked=True)
            body = await self._read(robots_url, response)
        except httpx.TimeoutException:
            host.robots_error = FetchError(
                f"host unreachable (robots.txt timed out after {self.policy.timeout:g}s)",
                kind="timeout",
            )
            return
        except httpx.HTTPError as exc:
            host.robots_error = FetchError(f"host unreachable ({_describe(exc)})", kind="network")
            return
        except FetchError as exc:
            host.robots_error = FetchError(f"robots.txt unreadable ({exc})", kind="robots")
            return
        if response.status_code >= 500:
            host.robots_error = FetchError(f"robots.txt answered HTTP {response.status_code}",
                                           kind="http", status=response.status_code)  # fmt: skip
        elif response.status_code == 200:
            host.robots = Protego.parse(body.decode("utf-8", "replace"))

    async def _request(
        self, url: str, headers: dict[str, str], host: _Host, *, locked: bool = False
    ) -> httpx.Response:
        """Send one request within the global and per-host limits and the host delay. A
        request waiting for its host's turn holds no global slot: the slots go to hosts
        whose turn it is (with a host delay, a slot held through the wait would leave
        ``concurrency`` hosts in flight at a time however many are due)."""
        assert self._client is not None, "use Fetcher as an async context manager"
        async with host.slots:
            if locked:
                await self._take_turn(host)
            else:
                async with host.lock:
                    await self._take_turn(host)
            try:
                request = self._client.build_request("GET", url, headers=headers)
                return await self._client.send(request, stream=True)
            finally:
                self._slots.release()

    async def _take_turn(self, host: _Host) -> None:
        """Wait for the host's turn, then for a global slot (held on return); the turn is
        counted from when the request can go."""
        wait = host.last + self.policy.host_delay - self._clock()
        if wait > 0:
            await self._sleep(wait)
        await self._slots.acquire()
        host.last = self._clock()

    async def _with_retries(
        self, url: str, current: str, headers: dict[str, str]
    ) -> tuple[Fetched | None, str | None]:
        """One hop: (the page, None) or (None, the redirect target)."""
        host = self._host(current)
        attempts = self.policy.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                response = await self._request(current, headers, host)
            except httpx.TimeoutException as exc:
                # Not retried now: a page that never answers would cost a timeout per try.
                raise FetchError(f"{url}: timed out after {self.policy.timeout:g}s",
                                 kind="timeout") from exc  # fmt: skip
            except httpx.HTTPError as exc:
                error = FetchError(f"{url}: {_describe(exc)}", kind="network")
                if attempt == attempts:
                    raise error from exc
                await self._backoff(attempt, None)
                continue
            try:
                status = response.status_code
                if response.is_redirect and "location" in response.headers:
                    return None, str(response.url.join(response.headers["location"]))
                if status in (429, 503) or status >= 500:
                    retry_after = _retry_after(response.headers.get("retry-after"))
                    too_long = retry_after is not None and retry_after > self.policy.max_retry_after
                    if attempt == attempts or too_long:
                        raise FetchError(f"{url}: HTTP {status}", kind="http", status=status,
                                         retry_after=retry_after)  # fmt: skip
                    await self._backoff(attempt, retry_after)
                    continue
                if status == 304:
                    return self._result(url, response, b"", attempt), None
                if status >= 400:
                    raise FetchError(f"{url}: HTTP {status}", kind="http", status=status)
                content_type = response.headers.get("content-type", "").lower()
                if content_type and not content_type.startswith(ACCEPTED_TYPES):
                    raise FetchError(f"{url}: content type {content_type.split(';')[0]} is not "
                                     "HTML, text or a feed; skipped", kind="content_type")  # fmt: skip
                body = await self._read(url, response)
                return self._result(url, response, body, attempt), None
            finally:
                await response.aclose()
        raise AssertionError("unreachable")

    async def _backoff(self, attempt: int, retry_after: float | None) -> None:
        if retry_after is not None:
            delay = retry_after
        else:
            delay = self.policy.backoff * 2 ** (attempt - 1) * (0.5 + self._jitter())
        logger.debug("retrying in %.2fs (attempt %d)", delay, attempt)
        await self._sleep(delay)

    async def _read(self, url: str, response: httpx.Response) -> bytes:
        """The body, decompressed, stopping at the caps on raw and decoded bytes."""
        cap = self.policy.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"{url}: {int(declared)} bytes is larger than the {cap}-byte cap; "
                             "skipped", kind="too_large")  # fmt: skip
        encoding = response.headers.get("content-encoding", "").strip().lower()
        if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise FetchError(f"{url}: unsupported content encoding {encoding!r}", kind="network")
        decoder = _decoder(encoding)
        received = 0
        chunks: list[bytes] = []
        size = 0
        try:
            async for raw in response.aiter_raw():
                received += len(raw)
                if received > cap:
                    raise FetchError(f"{url}: larger than the {cap}-byte cap; skipped",
                                     kind="too_large")  # fmt: skip
                data = raw
                while data:
                    if decoder is None:
                        piece, data = data, b""
                    else:
                        piece = decoder.decompress(data, cap + 1 - size)
                        data = decoder.unconsumed_tail
                    size += len(piece)
                    if size > cap:
                        raise FetchError(f"{url}: decompresses past the {cap}-byte cap; skipped",
                                         kind="too_large")  # fmt: skip
                    chunks.append(piece)
        except zlib.error as exc:
            raise FetchError(f"{url}: corrupt {encoding} body ({exc})", kind="network") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: body cut short: {_describe(exc)}", kind="network") from exc
        return b"".join(chunks)

    def _result(self, url: str, response: httpx.Response, body: bytes, attempts: int) -> Fetched:
        content_type = response.headers.get("content-type", "")
        return Fetched(
            url=url,
            final_url=str(response.url),
            status=response.status_code,
            body=body,
            content_type=content_type.split(";")[0].strip().lower(),
            charset=response.charset_encoding,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            attempts=attempts,
        )


def _decoder(encoding: str) -> zlib._Decompress | None:
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    return zlib.decompressobj()  # deflate


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


async def fetch_page(url: str, *, user_agent: str, timeout: float = 20.0,
                     transport: httpx.AsyncBaseTransport | None = None) -> Fetched:  # fmt: skip
    """One URL by hand (``rumour check``): no robots.txt, one retry, no host delay. The URL
    may be anywhere; a redirect to another host may not lead to an internal address."""
    policy = FetchPolicy(user_agent, timeout=timeout, retries=1, host_delay=0, robots=False)
    async with Fetcher(policy, transport=transport) as fetcher:
        return await fetcher.fetch(url, scope=Scope(urlsplit(url).hostname))
