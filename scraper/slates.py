"""Official schedule pages: one (title, when) row per listed title.

Streamers publish line-ups as tables (a title column and a date column), as
lists under date headings ("Coming in December" → titles), as list items that
carry both ("Night Harbor: Season 2 — December 12"), or as JSON-LD. The rows
keep the date as written; turning it into a window is the verifier's job.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

_TITLE_HEADER = re.compile(
    r"\b(?:title|series|show|film|movie|name|programme|program|drama)s?\b", re.I
)
_DATE_HEADER = re.compile(
    r"\b(?:release|date|premieres?|when|window|launch|airs?|coming|streaming|available)\b", re.I
)
_DATE_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\bQ[1-4]\b|"
    r"\b(?:spring|summer|fall|autumn|winter|quarter|half|(?:19|20)\d{2})\b|\d{1,2}/\d{1,2}",
    re.I,
)
_SPLIT = re.compile(r"^(?P<title>.+?)\s*(?:[:—–|]|\s-\s|\()\s*(?P<when>[^()]+?)\)?\s*$")
_JSON_LD_TYPES = {
    "Movie",
    "TVSeries",
    "TVSeason",
    "CreativeWorkSeason",
    "TVEpisode",
    "CreativeWork",
}


@dataclass(frozen=True)
class SlateRow:
    title: str
    when: str


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def _tables(soup: BeautifulSoup) -> list[SlateRow]:
    rows: list[SlateRow] = []
    for table in soup.find_all("table"):
        lines = [r for r in table.find_all("tr") if isinstance(r, Tag)]
        if not lines:
            continue
        header = [_text(c) for c in lines[0].find_all(["th", "td"])]
        title_col = next((i for i, h in enumerate(header) if _TITLE_HEADER.search(h)), None)
        date_col = next((i for i, h in enumerate(header) if _DATE_HEADER.search(h)), None)
        body = lines[1:]
        if title_col is None or date_col is None or title_col == date_col:
            title_col, date_col, body = 0, 1, lines  # a headerless two-column table
        for line in body:
            cells = [_text(c) for c in line.find_all(["td", "th"])]
            if len(cells) > max(title_col, date_col):
                title, when = cells[title_col], cells[date_col]
                if title and _DATE_WORDS.search(when):
                    rows.append(SlateRow(title, when))
    return rows


def _lists(soup: BeautifulSoup) -> list[SlateRow]:
    rows: list[SlateRow] = []
    heading = ""
    for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "li"]):
        text = _text(tag)
        if tag.name != "li":
            heading = text if _DATE_WORDS.search(text) else ""
            continue
        match = _SPLIT.match(text)
        if match and _DATE_WORDS.search(match["when"]):
            rows.append(SlateRow(match["title"].strip(" '\""), match["when"].strip()))
        elif heading and text and not _DATE_WORDS.search(text):
            rows.append(SlateRow(text.strip(" '\""), heading))
    return rows


def _json_ld(soup: BeautifulSoup) -> list[SlateRow]:
    rows: list[SlateRow] = []
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.get_text())
        except (json.JSONDecodeError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                kinds = set(kind) if isinstance(kind, list) else {kind}
                name = item.get("name")
                when = item.get("datePublished") or item.get("startDate") or item.get("releaseDate")
                if kinds & _JSON_LD_TYPES and isinstance(name, str) and isinstance(when, str):
                    rows.append(SlateRow(name.strip(), when.strip()))
                for key in ("itemListElement", "item", "@graph", "hasPart", "containsSeason"):
                    if key in item:
                        stack.append(item[key])
    return rows


def parse_slate(html: str) -> list[SlateRow]:
    """Every (title, when) row the page lists, each once, in page order."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(["nav", "footer", "aside", "script", "style"]):
        if tag.name != "script" or tag.get("type") != "application/ld+json":
            tag.decompose()
    seen: set[tuple[str, str]] = set()
    rows = []
    for row in _json_ld(soup) + _tables(soup) + _lists(soup):
        key = (row.title.casefold(), row.when.casefold())
        if key not in seen:
            seen.add(key)
            rows.append(row)
    return rows
