"""Fetching one URL: async httpx, a timeout, a size cap, http(s) redirects only.

The polite, conditional, concurrent fetching of configured sources builds on
this (see DESIGN.md, "Running over time").
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from scraper.errors import FetchError

MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class FetchedPage:
    url: str
    status: int
    body: bytes
    charset: str | None
    content_type: str


async def fetch_page(
    url: str,
    *,
    user_agent: str,
    timeout: float = 20.0,
    max_bytes: int = MAX_BYTES,
    transport: httpx.AsyncBaseTransport | None = None,
) -> FetchedPage:
    """GET ``url``; raise FetchError naming the URL and the reason."""
    async with httpx.AsyncClient(
        headers={"User-Agent": user_agent},
        timeout=timeout,
        follow_redirects=False,
        transport=transport,
    ) as client:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if httpx.URL(current).scheme not in ("http", "https"):
                raise FetchError(f"{url}: redirected to a non-http(s) URL {current}")
            try:
                async with client.stream("GET", current) as response:
                    if response.is_redirect:
                        current = str(response.url.join(response.headers["location"]))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"{current}: HTTP {response.status_code}")
                    chunks: list[bytes] = []
                    size = 0
                    async for chunk in response.aiter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(f"{current}: larger than {max_bytes} bytes; skipped")
                        chunks.append(chunk)
                    return FetchedPage(
                        str(response.url),
                        response.status_code,
                        b"".join(chunks),
                        response.charset_encoding,
                        response.headers.get("content-type", ""),
                    )
            except httpx.TimeoutException as exc:
                raise FetchError(f"{current}: timed out after {timeout:g}s") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{current}: {type(exc).__name__}: {exc}") from exc
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")
