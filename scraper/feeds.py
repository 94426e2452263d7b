"""Feeds and news sitemaps: the article URLs a source lists.

RSS and Atom go through feedparser, which copes with the broken feeds found
in the wild; an entry without a link is skipped and counted. Sitemaps
(``<urlset>``, with the Google News extension for titles and dates) are read
with lxml's recovering parser; a sitemap index lists further sitemaps.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree

from scraper.errors import ParseError


@dataclass(frozen=True)
class Entry:
    """One listed article (or, in a sitemap index, one further sitemap)."""

    url: str
    title: str | None = None
    published: dt.date | None = None
    sitemap: bool = False


@dataclass(frozen=True)
class Listing:
    entries: list[Entry]
    skipped: int = 0  # entries without a usable link


def _http_url(base: str, link: str | None) -> str | None:
    if not link:
        return None
    url = urljoin(base, link.strip())
    return url if urlsplit(url).scheme in ("http", "https") else None


def _stamp_date(stamp: time.struct_time | None) -> dt.date | None:
    try:
        return dt.date.fromtimestamp(time.mktime(stamp)) if stamp else None
    except (OverflowError, ValueError, OSError):
        return None  # a date no calendar holds


def parse_feed(body: bytes, url: str) -> Listing:
    """RSS or Atom entries, newest first as the feed lists them."""
    try:
        parsed = feedparser.parse(body)
    except (UnicodeError, ValueError, TypeError, RecursionError) as exc:
        # feedparser trips on some broken input ("&#xD800;", a lone surrogate)
        raise ParseError(f"{url}: not a readable RSS or Atom feed ({exc})") from exc
    if not parsed.entries and parsed.get("bozo"):
        reason = parsed.get("bozo_exception")
        raise ParseError(f"{url}: not a readable RSS or Atom feed ({reason})")
    entries: list[Entry] = []
    skipped = 0
    for item in parsed.entries:
        link = _http_url(url, item.get("link"))
        if link is None:
            skipped += 1
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        published = _stamp_date(stamp)
        entries.append(Entry(link, item.get("title"), published))
    return Listing(entries, skipped)


_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def parse_sitemap(body: bytes, url: str) -> Listing:
    """A ``<urlset>`` (articles) or a ``<sitemapindex>`` (further sitemaps)."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"{url}: not a readable sitemap ({exc})") from exc
    if root is None:
        raise ParseError(f"{url}: not a readable sitemap (empty)")
    try:
        name = etree.QName(root).localname
    except ValueError as exc:  # a recovered tree whose root is no element name ("<https:")
        raise ParseError(f"{url}: not a readable sitemap ({exc})") from exc
    if name not in ("urlset", "sitemapindex"):
        raise ParseError(f"{url}: not a sitemap (root element <{name}>)")
    nested = name == "sitemapindex"
    entries: list[Entry] = []
    skipped = 0
    for node in root.iterfind("sm:sitemap" if nested else "sm:url", _NS):
        link = _http_url(url, node.findtext("sm:loc", namespaces=_NS))
        if link is None:
            skipped += 1
            continue
        title = node.findtext("news:news/news:title", namespaces=_NS)
        stamp = node.findtext("news:news/news:publication_date", namespaces=_NS) or node.findtext(
            "sm:lastmod", namespaces=_NS
        )
        entries.append(Entry(link, title, _date(stamp), sitemap=nested))
    return Listing(entries, skipped)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
