"""Turning fetched bytes into a document: headline, publication date, main text.

HTML is parsed with BeautifulSoup and lxml. The main text comes from
``<article>`` or ``<main>`` when present, without navigation, sidebars,
"related" boxes, comments, forms and footers, one block per line so that
sentences of different blocks never run together. The publication date comes
from meta tags, JSON-LD or ``<time>``. Plain text passes through.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import charset_normalizer
from bs4 import BeautifulSoup, Tag

from scraper.errors import ParseError

BLOCK_TAGS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "td",
              "th", "dt", "dd", "pre", "div", "section", "article", "header", "br", "tr"]  # fmt: skip
DROP_TAGS = ["script", "style", "noscript", "nav", "aside", "footer", "form", "iframe", "svg",
             "button", "template", "select", "input", "menu"]  # fmt: skip
BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|menu|sidebar|side-bar|related|recommend|comment|footer|share|social|"
    r"newsletter|subscribe|promo|advert|ad-slot|breadcrumb|cookie|popup|modal|trending|most-read)",
    re.I,
)
DATE_META = ("article:published_time", "og:published_time", "datePublished", "pubdate",
             "publish-date", "publish_date", "date", "dc.date", "dc.date.issued",
             "sailthru.date", "parsely-pub-date")  # fmt: skip


@dataclass(frozen=True)
class ParsedDocument:
    url: str | None
    canonical_url: str | None
    headline: str | None
    published: dt.date | None
    text: str


_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w-]+)""", re.I
)
_SINGLE_BYTE = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp1252"}


def sniff_charset(body: bytes, declared: str | None = None) -> str | None:
    """The charset to try first: the header's, else a meta tag's or XML declaration's,
    else a detector's guess. A single-byte header charset on bytes that are valid
    UTF-8 with non-ASCII text is a common server mistake; UTF-8 wins then."""
    if declared and declared.lower() in _SINGLE_BYTE and not body.isascii():
        try:
            body.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            pass
    if declared:
        return declared
    match = _META_CHARSET.search(body[:4096])
    if match:
        return (match.group(1) or match.group(2)).decode("ascii")
    if body.isascii():
        return "utf-8"
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(body[:65536]).best()
        return best.encoding if best else None


def decode(body: bytes, declared: str | None = None) -> str:
    """Bytes to text: the sniffed charset, then UTF-8, then Windows-1252 (never fails)."""
    if b"\x00" in body[:4096] and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError("input looks binary (NUL bytes), not HTML or text")
    for encoding in (sniff_charset(body, declared), "utf-8-sig", "cp1252"):
        if not encoding:
            continue
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("latin-1")


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(
        re.search(r"<(?:html|head|body|article|p|div)[\s>]", head)
    )


def _parse_date(value: str) -> dt.date | None:
    match = re.search(r"((?:19|20)\d{2})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _json_ld_dates(soup: BeautifulSoup) -> list[str]:
    found: list[str] = []
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except (json.JSONDecodeError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    found.append(item["datePublished"])
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return found


def _published(soup: BeautifulSoup) -> dt.date | None:
    candidates: list[str] = []
    for meta in soup.find_all("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        if isinstance(key, str) and key in DATE_META and isinstance(meta.get("content"), str):
            candidates.append(str(meta["content"]))
    candidates += _json_ld_dates(soup)
    for time in soup.find_all("time"):
        if isinstance(time.get("datetime"), str):
            candidates.append(str(time["datetime"]))
    for candidate in candidates:
        date = _parse_date(candidate)
        if date:
            return date
    return None


def _headline(soup: BeautifulSoup) -> str | None:
    for meta_key in ("og:title", "twitter:title"):
        meta = soup.find("meta", attrs={"property": meta_key}) or soup.find(
            "meta", attrs={"name": meta_key}
        )
        if isinstance(meta, Tag) and isinstance(meta.get("content"), str):
            return str(meta["content"]).strip() or None
    for tag in ("h1", "title"):
        found = soup.find(tag)
        if isinstance(found, Tag) and found.get_text(strip=True):
            return found.get_text(" ", strip=True)
    return None


def _is_boilerplate(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    classes: object = tag.get("class") or []
    marks = " ".join([*(classes if isinstance(classes, list) else [str(classes)]),
                      str(tag.get("id", "")), str(tag.get("role", ""))])  # fmt: skip
    return bool(BOILERPLATE.search(marks)) or tag.get("aria-hidden") == "true"


_BLOCK = "\u2029"  # the paragraph separator marks block boundaries while the text is joined


def _main_text(soup: BeautifulSoup) -> str:
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if isinstance(tag, Tag) and not tag.decomposed and _is_boilerplate(tag):
            tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    for heading in root.find_all("h1"):
        heading.decompose()  # the headline is kept apart
    # Whitespace inside a block is one space, as a browser shows it; blocks are paragraphs.
    for tag in root.find_all(BLOCK_TAGS):
        tag.insert_before(_BLOCK)
        tag.insert_after(_BLOCK)
    blocks = (" ".join(block.split()) for block in root.get_text().split(_BLOCK))
    return "\n\n".join(block for block in blocks if block)


def parse_html(html: str, url: str | None = None) -> ParsedDocument:
    soup = BeautifulSoup(html, "lxml")
    canonical = soup.find("link", rel="canonical")
    canonical_url = (
        str(canonical["href"]) if isinstance(canonical, Tag) and canonical.get("href") else None
    )
    headline = _headline(soup)
    published = _published(soup)
    return ParsedDocument(url, canonical_url, headline, published, _main_text(soup))


def parse_document(
    body: bytes, *, url: str | None = None, charset: str | None = None
) -> ParsedDocument:
    """An HTML page or a plain-text file as a document."""
    text = decode(body, charset)
    if looks_like_html(text):
        return parse_html(text, url)
    stripped = text.strip()
    return ParsedDocument(url, None, None, None, stripped)
