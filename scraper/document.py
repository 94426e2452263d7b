"""Turning fetched bytes into a document: headline, publication date, main text.

An HTML page is parsed once with lxml and read in three ways:

- the headline and canonical URL from the page's own metadata (``og:title``,
  ``<link rel=canonical>``);
- the publication date by htmldate (``original_date``: the first publication,
  not the last edit), except where the page stamps its publication in local
  time with its UTC offset (JSON-LD ``datePublished``, ``article:published_time``):
  that date is the one its readers saw, while a UTC stamp may be a day ahead of
  it. htmldate does not guess from the running text (a date the article talks
  about is not the date it was published); our own reading of the metadata is
  the last resort;
- the main text by trafilatura, after navigation, sidebars, "related" boxes,
  share bars, newsletter boxes and comments are pruned by their class and id.
  An element so marked is kept when it holds half or more of the page's
  paragraph text: then it is the article's wrapper, whatever its class says
  ("content-with-sidebar", Blogger's "widget Blog"). Where trafilatura finds no
  main text (a very short page), the blocks of ``<article>``, ``<main>`` or
  ``<body>`` are taken as they are.

The text holds one block per paragraph, separated by blank lines, so that
sentences of different blocks never run together; a table row is one block
with its cells separated by " | ". Plain text passes through.

``python bench/pages.py`` measures this against trafilatura and htmldate
alone on real pages with known bodies and dates.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura
from htmldate import find_date

from scraper.encoding import decode

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "td",
              "th", "dt", "dd", "pre", "div", "section", "article", "header", "br", "tr"}  # fmt: skip
DROP_TAGS = ["script", "style", "noscript", "nav", "aside", "footer", "form", "iframe", "svg",
             "button", "template", "select", "input", "menu"]  # fmt: skip
BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|menu|sidebar|side-bar|related|recommend|comment|footer|share|social|"
    r"newsletter|subscribe|promo|advert|ad-slot|breadcrumb|cookie|popup|modal|trending|most-read|"
    r"widget)",
    re.I,
)
DATE_META = ("article:published_time", "og:published_time", "datePublished", "pubdate",
             "publish-date", "publish_date", "date", "dc.date", "dc.date.issued",
             "sailthru.date", "parsely-pub-date")  # fmt: skip
WRAPPER_SHARE = 0.5  # a marked element holding this share of the paragraph text is kept


@dataclass(frozen=True)
class ParsedDocument:
    url: str | None
    canonical_url: str | None
    headline: str | None
    published: dt.date | None
    text: str


_HTML_TAG = re.compile(
    r"<(?:html|head|body|article|main|p|div|meta|title|style|script|link)[\s>]", re.I
)


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml", "<!--")) or bool(
        _HTML_TAG.search(text[:65536])
    )


_ISO_DATE = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})")
_LOCAL_STAMP = re.compile(r"^\s*((?:19|20)\d{2}-\d{2}-\d{2})T[\d:.]+\s*([+-]\d{2}:?\d{2})\s*$")


def _parse_date(value: str) -> dt.date | None:
    match = _ISO_DATE.search(value)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _json_ld(tree: lxml.html.HtmlElement) -> list[object]:
    found: list[object] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            found.append(json.loads(script.text or ""))
        except (json.JSONDecodeError, TypeError, RecursionError):
            continue
    return found


def _json_ld_dates(tree: lxml.html.HtmlElement) -> list[str]:
    found: list[str] = []
    stack = _json_ld(tree)
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("datePublished"), str):
                found.append(item["datePublished"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _meta(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """The page's ``<meta>`` values by property, name or itemprop (the first of each)."""
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content is not None:
            values.setdefault(key, content)
    return values


def _stamped_dates(tree: lxml.html.HtmlElement, meta: dict[str, str]) -> list[str]:
    """Publication stamps the page gives: the ones that say "published" in so many words
    (Open Graph, JSON-LD ``datePublished``) first, then other date metadata and ``<time>``."""
    candidates = [meta[key] for key in DATE_META[:3] if key in meta]
    candidates += _json_ld_dates(tree)
    candidates += [meta[key] for key in DATE_META[3:] if key in meta]
    candidates += [str(t.get("datetime")) for t in tree.iter("time") if t.get("datetime")]
    return candidates


def _local_date(stamps: list[str]) -> dt.date | None:
    """The date of the page's first stamp when it is written in local time, with a
    non-zero UTC offset."""
    match = _LOCAL_STAMP.match(stamps[0]) if stamps else None
    if match and match[2].replace(":", "") not in ("+0000", "-0000"):
        return _parse_date(match[1])
    return None


def _published(
    tree: lxml.html.HtmlElement, meta: dict[str, str], url: str | None
) -> dt.date | None:
    stamps = _stamped_dates(tree, meta)
    local = _local_date(stamps)
    if local:
        return local
    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=False)
    except (ValueError, TypeError, lxml.etree.LxmlError):
        found = None
    if found:
        date = _parse_date(found)
        if date:
            return date
    for stamp in stamps:
        date = _parse_date(stamp)
        if date:
            return date
    return None


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _headline(tree: lxml.html.HtmlElement, meta: dict[str, str]) -> str | None:
    for key in ("og:title", "twitter:title"):
        if meta.get(key, "").strip():
            return meta[key].strip()
    for tag in ("h1", "title"):
        for found in tree.iter(tag):
            text = _text(found)
            if text:
                return text
    return None


def _canonical(tree: lxml.html.HtmlElement) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return str(link.get("href")).strip()
    return None


def _paragraph_text(element: lxml.html.HtmlElement) -> int:
    return sum(len(p.text_content()) for p in element.iter("p"))


def _marked(element: lxml.html.HtmlElement) -> bool:
    marks = " ".join(
        (element.get("class") or "", element.get("id") or "", element.get("role") or "")
    )
    return bool(BOILERPLATE.search(marks)) or element.get("aria-hidden") == "true"


def _prune(tree: lxml.html.HtmlElement) -> None:
    """Drops the page's furniture in place: tags that never hold the article, and
    elements marked as boilerplate unless they wrap most of the paragraph text."""
    for element in list(tree.iter(*DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    total = _paragraph_text(tree)
    for element in list(tree.iter()):
        if (
            isinstance(element.tag, str)
            and element.tag not in ("html", "body")
            and element.getparent() is not None
            and _marked(element)
            and _paragraph_text(element) < WRAPPER_SHARE * total
        ):
            element.drop_tree()
    for heading in list(tree.iter("h1")):
        heading.drop_tree()  # the headline is kept apart


_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*$")


def _blocks(extracted: str) -> str:
    """trafilatura's lines as blocks: a paragraph per line; table rows without their
    frame ("| a | b |" → "a | b") and without the rule under a header row."""
    blocks = []
    for line in extracted.splitlines():
        line = " ".join(line.split())
        if not line or _TABLE_RULE.match(line):
            continue
        if line.startswith("|") and line.endswith("|"):
            line = " | ".join(cell.strip() for cell in line.strip("|").split("|"))
        blocks.append(line)
    return "\n\n".join(blocks)


_BLOCK = "\u2029"  # the paragraph separator marks block boundaries while the text is joined


def _own_blocks(tree: lxml.html.HtmlElement) -> str:
    """The blocks of ``<article>``, ``<main>`` or ``<body>``, for pages trafilatura skips."""
    firsts = [next(tree.iter(tag), None) for tag in ("article", "main", "body")]
    root = next((element for element in firsts if element is not None), tree)
    pieces: list[str] = []

    def walk(element: lxml.html.HtmlElement) -> None:
        block = isinstance(element.tag, str) and element.tag in BLOCK_TAGS
        if block:
            pieces.append(_BLOCK)
        if isinstance(element.tag, str) and element.text:
            pieces.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
        if block:
            pieces.append(_BLOCK)

    walk(root)
    # Whitespace inside a block is one space, as a browser shows it; blocks are paragraphs.
    blocks = (" ".join(block.split()) for block in "".join(pieces).split(_BLOCK))
    return "\n\n".join(block for block in blocks if block)


def _main_text(tree: lxml.html.HtmlElement, url: str | None) -> str:
    _prune(tree)
    try:
        extracted = trafilatura.extract(
            tree, url=url, include_comments=False, include_tables=True, deduplicate=False
        )
    except (ValueError, TypeError, lxml.etree.LxmlError):
        extracted = None
    return _blocks(extracted) if extracted else _own_blocks(tree)


# Comments and processing instructions hold no text, and trafilatura's fallbacks trip on them.
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)


def _tree(html: str) -> lxml.html.HtmlElement:
    # lxml refuses str input that declares its encoding; the text is decoded already.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        return lxml.html.document_fromstring(html, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError):
        return lxml.html.document_fromstring(f"<html><body><p>{html}</p></body></html>")


def parse_html(html: str, url: str | None = None) -> ParsedDocument:
    tree = _tree(html)
    meta = _meta(tree)
    headline = _headline(tree, meta)
    canonical_url = _canonical(tree)
    published = _published(tree, meta, url)
    return ParsedDocument(url, canonical_url, headline, published, _main_text(tree, url))


def parse_document(
    body: bytes, *, url: str | None = None, charset: str | None = None
) -> ParsedDocument:
    """An HTML page or a plain-text file as a document."""
    text = decode(body, charset)
    if looks_like_html(text):
        return parse_html(text, url)
    stripped = text.strip()
    return ParsedDocument(url, None, None, None, stripped)
