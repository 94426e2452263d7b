"""Fetching one source for a cycle: its page, or its feed or sitemap and the new articles
it lists, within the fetcher's limits and the source's network scope; and the fetch policy
and private-network allowance the config gives."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

from schedules.config import RumourConfig
from schedules.ingest import Fetching
from schedules.sources import Due
from scraper.errors import FetchError, ScraperError
from scraper.feeds import Entry, Listing, parse_feed, parse_sitemap
from scraper.fetch import Fetched, Fetcher, FetchPolicy
from scraper.guard import Scope

logger = logging.getLogger(__name__)

MAX_URL = 2000


async def fetch_source(
    fetcher: Fetcher, due: Due, max_articles: int, allow_private: bool = False
) -> Fetching:
    result = Fetching(due)
    # The configured URL's own host may be anywhere; what its pages link to may not be internal.
    scope = Scope(urlsplit(due.url).hostname, allow_private)
    try:
        result.page = await fetcher.fetch(
            due.url, etag=due.etag, last_modified=due.last_modified, scope=scope
        )
        if due.kind == "page" or result.page.not_modified:
            return result
        parse = parse_feed if due.kind == "feed" else parse_sitemap
        listing = parse(result.page.body, result.page.final_url)
        if due.kind == "sitemap":
            listing = await _expand_index(fetcher, listing, scope)
        result.listing = listing
    except ScraperError as exc:
        result.error = exc
        return result
    fresh = [e for e in listing.entries if e.url not in due.seen and len(e.url) <= MAX_URL]
    fresh = fresh[:max_articles]

    async def article(entry: Entry) -> tuple[Entry, Fetched | FetchError]:
        try:
            return entry, await fetcher.fetch(entry.url, scope=scope)
        except FetchError as exc:
            return entry, exc

    result.articles = list(await asyncio.gather(*(article(e) for e in fresh)))
    return result


async def _expand_index(
    fetcher: Fetcher, listing: Listing, scope: Scope, limit: int = 10
) -> Listing:
    """A sitemap index's sitemaps (the first ``limit``), read one level deep."""
    children = [e for e in listing.entries if e.sitemap][:limit]
    entries = [e for e in listing.entries if not e.sitemap]
    skipped = listing.skipped
    for child in children:
        try:
            page = await fetcher.fetch(child.url, scope=scope)
            part = parse_sitemap(page.body, page.final_url)
        except ScraperError as exc:
            logger.warning("%s", exc)
            skipped += 1
            continue
        entries += [e for e in part.entries if not e.sitemap]
        skipped += part.skipped
    return Listing(entries, skipped)


def private_sources(config: RumourConfig) -> set[str]:
    """The sources whose links may lead into this network (``allow_private``)."""
    return {s.name for s in config.sources if s.allow_private}


def fetch_policy(config: RumourConfig) -> FetchPolicy:
    http = config.http
    return FetchPolicy(
        http.user_agent, timeout=http.timeout, max_bytes=http.max_bytes,
        concurrency=http.concurrency, per_host=http.per_host, host_delay=http.host_delay,
        retries=http.retries, robots=http.robots,
    )  # fmt: skip
